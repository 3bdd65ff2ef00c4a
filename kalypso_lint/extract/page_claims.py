"""Round 16 (issue 13): lines that are claims on their page (data/page_claims.yaml).

Sentence readings stopped transferring to fresh regulator sets: many lines a regulator cites
are claims only in the context of their page (21 CFR 101.93(g)(2); FTC: an advertisement is
read as a whole). Three readings, each in two halves:

- in a block (the `kl_medical` component, `candidates`), a line where no other claim stands
  is a candidate: a short title that names a disease with a remedy ("Gout Breakthrough",
  "Glaucoma Drops"), the immune system made strong ("keeps your immune defences strong"),
  or a result told with a time frame, a group, a promise or a rate ("gone within ten days",
  "all six patients were symptom-free", "a 90% success rate");
- on the page (spans.py, `PageTopics`), once every block is read: the conditions the
  page's own disease claims name are its topics, and a candidate becomes a disease claim
  when the page shows what makes it one. A title: on a product page that makes a disease
  claim; elsewhere only when the page's claims name the same disease and the remedy is a
  thing sold (a clinic's "Migraine Treatment" stays a topic). Immune strength: when the
  page is about a germ (at least half of its claims that name a condition name one), or the
  line names one. A result: on a product page whose claims name a condition.

A block's Doc keeps the candidates in a span key of their own, so it does not depend on the
page and the block memo stays exact (extract/__init__.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.claim_kinds import DISEASE, DISEASE_TERMS
from kalypso_lint.extract.cues import CLAUSE_ENDS, Cues, plain_apostrophes
from kalypso_lint.extract.structure_words import SENTENCE_ENDS
from kalypso_lint.extract.vocabulary import Vocabulary, medical_vocabulary
from kalypso_lint.extract.wordlists import longest_phrase_at, phrase_tuples, word_table

PAGE_SPANS_KEY = "kl_medical_page"
TITLE, IMMUNE, RESULT = "title", "immune", "result"
# A title whose remedy is a thing sold ("drops", "herbs"), not only a promise ("breakthrough").
SOLD = "sold"
# Claim kinds whose sentence names what the page treats.
TOPIC_KINDS = frozenset({"disease", "efficacy", "testimonial"})
# Vocabulary categories a page can be about: diseases, germs, and symptoms ("hair loss").
_TOPIC_TERMS = DISEASE_TERMS | {"symptom"}
# A title is one phrase: a stop or a colon ends a name ("Gout Medicine: What to Know").
_TITLE_STOPS = SENTENCE_ENDS | {":", "—", "–", "|"}
_SHADOWED = "shadowed"
_ARTICLES = frozenset({"the", "a", "an", "your", "my", "our"})
_NUMBER_WORDS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "fifteen", "twenty", "thirty"),
    }
)


@dataclass(frozen=True)
class PageLexicon:
    title_words: int
    remedy_products: frozenset[str]
    remedy_promises: frozenset[str]
    title_information: frozenset[str]
    remedy_heads: frozenset[str]
    remedy_substitutes: frozenset[str]
    immune_words: frozenset[str]
    immune_strength: frozenset[str]
    immune_gap: int
    immune_sentence_words: int
    immune_information: frozenset[str]
    germ_conditions: frozenset[str]
    result_words: frozenset[str]
    frame_words: frozenset[str]
    frame_units: frozenset[str]
    frame_reach: int
    group_words: frozenset[str]
    group_nouns: frozenset[str]
    rate_phrases: tuple[tuple[str, ...], ...]
    rate_firsts: frozenset[str]
    promises: tuple[tuple[str, ...], ...]
    riddance: tuple[tuple[str, ...], ...]
    result_hedges: frozenset[str]

    @property
    def anchors(self) -> frozenset[str]:
        """Words a candidate line needs one of: a block without any is skipped."""
        return (
            self.remedy_products
            | self.remedy_promises
            | self.immune_words
            | self.result_words
            | {p[0] for p in (*self.rate_phrases, *self.riddance)}
        )


@cache
def page_lexicon() -> PageLexicon:
    data = shared_data_file("page_claims.yaml")
    rate_phrases = phrase_tuples(data["rate_phrases"])
    return word_table(
        PageLexicon,
        data,
        rate_phrases=rate_phrases,
        rate_firsts=frozenset(p[0] for p in rate_phrases),
        promises=phrase_tuples(data["result_promises"]),
        riddance=phrase_tuples(data["result_riddance"]),
    )


def condition_key(words: Sequence[str]) -> str:
    """A term as a page topic: "the coronavirus" and "coronavirus" are one topic."""
    start = 1 if len(words) > 1 and words[0] in _ARTICLES else 0
    return " ".join(words[start:])


def _number(word: str) -> bool:
    return any(c.isdigit() for c in word) or word in _NUMBER_WORDS


def _content(words: Sequence[str]) -> list[int]:
    return [k for k, w in enumerate(words) if w[:1].isalnum()]


def _label(reading: str, flag: str, keys: Iterable[str]) -> str:
    return "|".join((DISEASE, reading, flag, ";".join(sorted(set(keys)))))


@dataclass(frozen=True)
class Candidate:
    """A page candidate read back from its span label."""

    kind: str
    reading: str
    flag: str
    conditions: frozenset[str]
    # A product-only reading stands in the line: on a product page it is the claim already.
    shadowed: bool = False


def read_label(label: str) -> Candidate:
    kind, reading, flag, keys, shadowed = label.split("|")
    conditions = frozenset(k for k in keys.split(";") if k)
    return Candidate(kind, reading, flag, conditions, shadowed == _SHADOWED)


class PageCandidates:
    """The block half: candidate lines of one Doc (built once with the pipeline)."""

    def __init__(
        self, strings: StringStore, cues: Cues, vocabulary: Callable[[], Vocabulary]
    ) -> None:
        self.lex = page_lexicon()
        self.cues = cues
        self._vocabulary = vocabulary
        self.anchor_ids = frozenset(strings.add(w) for w in self.lex.anchors)

    def __call__(
        self,
        doc: Doc,
        claims: Sequence[Span],
        product_claims: Sequence[Span],
        lower: list[int],
    ) -> list[Span]:
        """Candidate lines of the Doc's sentences that hold none of its `claims`
        (`product_claims`: its product-only readings; `lower`: the Doc's LOWER ids)."""
        found: list[Span] = []
        ids = lower
        if self.anchor_ids.isdisjoint(ids):
            return found
        # The sentences' starts, only for a Doc with an anchor (Span.sent walks the Doc).
        taken = {span.sent.start for span in claims}
        products = {span.sent.start for span in product_claims}
        strings = doc.vocab.strings
        for sentence in doc.sents:
            if sentence.start in taken or self.anchor_ids.isdisjoint(
                ids[sentence.start : sentence.end]
            ):
                continue
            words = plain_apostrophes([strings[i] for i in ids[sentence.start : sentence.end]])
            last = next((w for w in reversed(words) if w.strip()), "")[-1:]
            label = self.read(words, last)
            if label is not None:
                content = _content(words)
                if content:
                    start, end = sentence.start + content[0], sentence.start + content[-1] + 1
                    shadowed = _SHADOWED if sentence.start in products else "-"
                    found.append(Span(doc, start, end, label=f"{label}|{shadowed}"))
        return found

    def read(self, words: list[str], last: str) -> str | None:
        """The candidate label of a sentence's words, or None."""
        terms = self._vocabulary().find(words)
        conditions = [
            condition_key(words[t.start : t.end]) for t in terms if t.category in DISEASE_TERMS
        ]
        drugs = any(t.category == "treatment" for t in terms)
        return (
            self._title(words, last, conditions, drugs)
            or self._immune(words, last, conditions)
            or self._result(words, last)
        )

    def _title(self, words: list[str], last: str, conditions: list[str], drugs: bool) -> str | None:
        """ "Gout Breakthrough", "Cataract Eye Drops": a short line, no stop, a disease and a
        remedy, no word of information; or a drug and its substitute ("Statin Alternative",
        with `drugs`: the line names a treatment)."""
        lex = self.lex
        if not (conditions or drugs) or any(w in _TITLE_STOPS for w in words[:-1]):
            return None
        if last == "?":
            return None
        content = _content(words)
        if len(content) > lex.title_words or not lex.title_information.isdisjoint(words):
            return None
        # The remedy heads the name: its last word, or the word before "for" or "with"
        # ("Anyone with allergies to formula ingredients" names no remedy).
        remedy = next(
            (
                k
                for k in content
                if (words[k] in lex.remedy_products or words[k] in lex.remedy_promises)
                and (k == content[-1] or words[k + 1] in lex.remedy_heads)
            ),
            None,
        )
        if remedy is None or self.cues.reason(words, remedy, last) is not None:
            return None
        if not conditions and words[remedy] not in lex.remedy_substitutes:
            return None
        sold = words[remedy] in lex.remedy_products
        return _label(TITLE, SOLD if sold else "-", conditions)

    def _immune(self, words: list[str], last: str, conditions: list[str]) -> str | None:
        """ "keeps your immune defences strong", "proven immune support": the immune system
        and a word of strength within `immune_gap` words, in one clause."""
        lex = self.lex
        # A sentence that says so, not a heading or a list of benefits ("Immune Support").
        if last not in (".", "!") or len(_content(words)) < lex.immune_sentence_words:
            return None
        if not lex.immune_information.isdisjoint(words):
            return None
        for k, word in enumerate(words):
            if word not in lex.immune_words:
                continue
            low, high = max(0, k - lex.immune_gap), min(len(words), k + lex.immune_gap + 1)
            near = [j for j in range(low, high) if words[j] in lex.immune_strength]
            for j in near:
                between = words[min(j, k) + 1 : max(j, k)]
                if any(w in CLAUSE_ENDS or w == "," for w in between):
                    continue
                if self.cues.reason(words, j, last) is None:
                    germs = [c for c in conditions if self._germ(c)]
                    return _label(IMMUNE, "-", germs)
        return None

    def _germ(self, condition: str) -> bool:
        category = self._vocabulary().category(condition)
        return category == "agent" or _germ_name(condition, self.lex)

    def _result(self, words: list[str], last: str) -> str | None:
        """ "gone within ten days", "all six patients were symptom-free", "a 90% success
        rate": an outcome word with a time frame, a group or a rate, and no hedge."""
        lex = self.lex
        if last == "?" or not lex.result_hedges.isdisjoint(words):
            return None
        rate = None
        if not lex.rate_firsts.isdisjoint(words):
            rate = next(
                (k for k in range(len(words)) if longest_phrase_at(words, k, lex.rate_phrases)),
                None,
            )
        if rate is not None and any(_number(w) for w in words):
            return None if self.cues.reason(words, rate, last) else _label(RESULT, "-", ())
        for k, word in enumerate(words):
            if word not in lex.result_words:
                continue
            promised = any(longest_phrase_at(words, j, lex.promises) for j in range(k))
            if not (promised or self._framed(words) or self._group(words)):
                return None
            return None if self.cues.reason(words, k, last) else _label(RESULT, "-", ())
        # "no longer needs his cane": a sign of the illness given up.
        riddance = next(
            (k for k in range(len(words)) if longest_phrase_at(words, k, lex.riddance)), None
        )
        if riddance is not None and not self.cues.reason(words, riddance, last):
            return _label(RESULT, "-", ())
        return None

    def _framed(self, words: list[str]) -> bool:
        """A time frame: "within 2 to 3 weeks", "by day 7", "in just four days", "overnight"."""
        lex = self.lex
        if "overnight" in words:
            return True
        for k, word in enumerate(words):
            if word not in lex.frame_words:
                continue
            after = words[k + 1 : k + 1 + lex.frame_reach]
            units = [j for j, w in enumerate(after) if w in lex.frame_units]
            # "within 2 weeks", or "by day 7" (the number after its unit).
            around = after[: units[0]] + after[units[0] + 1 : units[0] + 3] if units else []
            if any(_number(w) for w in around):
                return True
        return False

    def _group(self, words: list[str]) -> bool:
        """A group the result happened to: "all 4", "all patients", "10 of the 25"."""
        lex = self.lex
        for k, word in enumerate(words):
            nxt = words[k + 1 : k + 3]
            if word in lex.group_words and nxt and (_number(nxt[0]) or nxt[0] in lex.group_nouns):
                return True
            # "10 of the 25", "eight out of ten" ("a few of them" counts nobody).
            counted = _number(word) and words[k + 1 : k + 2] in (["of"], ["out"])
            if counted and any(_number(w) for w in words[k + 2 : k + 5]):
                return True
        return False


def _germ_name(condition: str, lex: PageLexicon) -> bool:
    """ "covid-19", "common cold", "viral infections": an infectious disease by its name."""
    return condition in lex.germ_conditions or not lex.germ_conditions.isdisjoint(condition.split())


@dataclass
class PageTopics:
    """The page half: what the page's own claims name, and which candidates that makes
    claims."""

    products: bool
    conditions: set[str] = field(default_factory=set)
    diseases: int = 0  # sentences with a disease claim, named condition or not
    claims: int = 0  # claims naming a topic
    germ_claims: int = 0  # of which naming a germ or an infectious disease

    def add_claim(self, kinds: set[str], words: Sequence[str]) -> None:
        """Record the conditions a sentence with claims of `kinds` names (`words`, lower
        case)."""
        if TOPIC_KINDS.isdisjoint(kinds):
            return
        self.diseases += DISEASE in kinds
        lex = page_lexicon()
        named = germ = False
        for term in medical_vocabulary().find(words):
            if term.category not in _TOPIC_TERMS:
                continue
            key = condition_key(words[term.start : term.end])
            if term.category in DISEASE_TERMS:
                self.conditions.add(key)
                named = True
                germ = germ or term.category == "agent" or _germ_name(key, lex)
            elif self.products:
                self.conditions.add(key)
                named = True
        self.claims += named
        self.germ_claims += germ

    @property
    def about_germs(self) -> bool:
        """Whether the page is about a germ: at least half its claims that name a condition
        name a germ or an infectious disease."""
        return self.germ_claims > 0 and 2 * self.germ_claims >= self.claims

    def accepts(self, candidate: Candidate) -> bool:
        if self.products and candidate.shadowed:
            return False
        if candidate.reading == TITLE:
            # The title names the disease; the page's claims show its product treats one.
            if self.products:
                return bool(self.conditions) or self.diseases > 0
            return candidate.flag == SOLD and not candidate.conditions.isdisjoint(self.conditions)
        if candidate.reading == IMMUNE:
            return self.about_germs or bool(candidate.conditions)
        if candidate.reading == RESULT:
            # The page sells what gave the result (a clinic's pages report courses of care).
            return self.products and bool(self.conditions)
        return False
