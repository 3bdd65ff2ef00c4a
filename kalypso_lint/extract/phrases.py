"""The `kl_phrases` spaCy component: matches of phrase rules (kalypso_lint/phrases.py).

Terms go into one PhraseMatcher (case-insensitive, whole tokens), regex patterns run on the
text; both are compiled once when the pipeline is built. Each match is a span in
doc.spans["kl_phrases"] labelled "CODE|role|detail":
- role "hit" for forbid/substitute/claim matches not cancelled by an exception before them;
- role "trigger" for a sentence where every `when` group of a require rule occurs;
- role "satisfier" for a `requires` phrase of a require rule that no negation before it
  denies ("are not off-label" disclaims nothing).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kalypso_lint.extract.cues import CueClass, Cues, claim_cues, clause_start_of, plain_apostrophes
from kalypso_lint.extract.doctext import block_text
from kalypso_lint.extract.regex_gate import LiteralGate, literal_gate

PHRASES_SPANS_KEY = "kl_phrases"


@Language.factory(
    "kl_phrases",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"rules": []},
)
def make_phrase_finder(nlp: Language, name: str, rules: list[dict[str, Any]]) -> PhraseFinder:
    return PhraseFinder(nlp, rules)


class PhraseFinder:
    def __init__(self, nlp: Language, rules: list[dict[str, Any]]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Each expression with the words it cannot match without (extract/regex_gate.py).
        self.regexes: list[tuple[str, re.Pattern[str], LiteralGate | None]] = []
        self.exceptions: dict[str, list[tuple[str, ...]]] = {}
        self.when_groups: dict[str, int] = {}
        self.claims_only = frozenset(r["code"] for r in rules if r.get("claims_only"))
        self.cues: Cues = claim_cues()
        self.negation: CueClass | None = next(
            (cue for cue in self.cues.classes if cue.name == "negation"), None
        )
        for rule in rules:
            code = rule["code"]
            if rule["kind"] == "require":
                self.when_groups[code] = len(rule["when"])
                for index, group in enumerate(rule["when"]):
                    self._add(nlp, f"{code}|when|{index}", group)
                self._add(nlp, f"{code}|satisfier|", rule["requires"])
                continue
            self._add(nlp, f"{code}|hit|", rule["terms"])
            for raw in rule["patterns"]:
                pattern = re.compile(raw)
                self.regexes.append((f"{code}|hit|", pattern, literal_gate(pattern)))
            self.exceptions[code] = [
                tuple(t.lower_ for t in nlp.make_doc(e)) for e in rule["exceptions"]
            ]

    def _add(self, nlp: Language, label: str, phrases: list[str]) -> None:
        docs: dict[tuple[str, ...], Doc] = {}
        for phrase in phrases:
            for written in (phrase, phrase.lower(), phrase.upper(), phrase.capitalize()):
                doc = nlp.make_doc(written)
                docs.setdefault(tuple(t.lower_ for t in doc), doc)
        if docs:
            self.matcher.add(label, list(docs.values()))

    def _cancelled(self, doc: Doc, code: str, start: int) -> bool:
        """An exception phrase ending right before the match ("no known" cure)."""
        before = [t.lower_ for t in doc[max(0, start - 4) : start]]
        for exception in self.exceptions.get(code, ()):
            if len(exception) <= len(before) and tuple(before[-len(exception) :]) == exception:
                return True
        return False

    def _denied(self, doc: Doc, start: int) -> bool:
        """A required phrase that a negation shortly before it, in its clause and with no
        break ("," "but" "and") between, denies: "Ketamine for migraine is not off-label",
        "we never use drugs off-label". Only the words before the phrase count, so a
        disclaimer that holds a "not" itself ("has not been evaluated by the FDA") stands."""
        if self.negation is None:
            return False
        sentence = doc[start].sent
        words = plain_apostrophes([t.lower_ for t in sentence])
        anchor = start - sentence.start
        first = max(clause_start_of(words, anchor), anchor - self.negation.window)
        return self.negation.reaches(words, first, anchor)

    def _not_a_claim(self, doc: Doc, start: int, end: int) -> bool:
        """The match sits in a negated, advisory, interrogative, hypothetical or disclaimer
        sentence, or is a commercial guarantee (data/claim_cues.yaml)."""
        sentence = doc[start].sent
        words = [t.lower_ for t in sentence]
        anchor = start - sentence.start
        if self.cues.commercial(words, anchor, end - sentence.start):
            return True
        return self.cues.reason(words, anchor, sentence.text.rstrip()[-1:]) is not None

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        when_hits: dict[tuple[str, int], dict[int, Span]] = defaultdict(dict)
        matches = [
            (doc.vocab.strings[match_id], start, end) for match_id, start, end in self.matcher(doc)
        ]
        # Once per Doc, not per pattern.
        text = block_text(doc) if self.regexes else ""
        lowered = text.lower() if text.isascii() else None
        for label, pattern, gate in self.regexes:
            if gate is not None and not gate.may_match(text, lowered):
                continue
            for found in pattern.finditer(text):
                span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
                if span is not None:
                    matches.append((label, span.start, span.end))
        for label, start, end in sorted(matches, key=lambda m: (m[1], -m[2], m[0])):
            code, role, detail = label.split("|")
            if role == "when":
                sentence_start = doc[start].sent.start
                when_hits[(code, sentence_start)].setdefault(int(detail), doc[start:end])
                continue
            if role == "satisfier" and self._denied(doc, start):
                continue
            if role == "hit" and (
                self._cancelled(doc, code, start)
                or (code in self.claims_only and self._not_a_claim(doc, start, end))
            ):
                continue
            spans.append(Span(doc, start, end, label=label))
        for (code, _), groups in when_hits.items():
            if len(groups) == self.when_groups[code]:
                # From the first to the last term: "Ketamine for migraine".
                start = min(s.start for s in groups.values())
                end = max(s.end for s in groups.values())
                if end - start > 12:  # far apart in a long sentence: point at the first term
                    first = min(groups.values(), key=lambda s: s.start)
                    start, end = first.start, first.end
                spans.append(Span(doc, start, end, label=f"{code}|trigger|"))
        doc.spans[PHRASES_SPANS_KEY] = _drop_nested_hits(spans)
        return doc


def _drop_nested_hits(spans: list[Span]) -> list[Span]:
    """One hit per place and rule: "permanently cured" is not also "cured"."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if any(
            k.label_ == span.label_ and k.start <= span.start and span.end <= k.end for k in kept
        ):
            continue
        kept.append(span)
    return kept
