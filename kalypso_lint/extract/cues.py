"""Non-claim cues (data/claim_cues.yaml): negation, denial, advice, questions, hypotheticals,
the supplement disclaimer and commercial guarantees, each with its scope in the sentence.

A sentence about a disease is not a claim when it denies one ("no product can cure
COVID-19"), advises ("be wary of any product claiming to cure ..."), asks, supposes, or is
the disclaimer 21 CFR 101.93(c) prescribes (issue 13).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from kalypso_lint.data import load_data_file

# A clause ends here: a cue in an earlier clause does not reach the claim.
CLAUSE_BREAKS = frozenset({";", ":", "—", "–"})
_ELLIPSES = frozenset({"…", "...", ". . ."})
_ASKING = frozenset(
    {"can", "could", "does", "do", "is", "are", "will", "would", "what", "how", "why", "should"}
)


def _new_question(words: Sequence[str], anchor: int) -> bool:
    """An ellipsis after the claim followed by a question opener starts a question of its own."""
    return any(
        words[i] in _ELLIPSES and i + 1 < len(words) and words[i + 1] in _ASKING
        for i in range(anchor, len(words))
    )


@dataclass(frozen=True)
class CueClass:
    name: str
    scope: str  # sentence | before | near | around
    phrases: tuple[tuple[str, ...], ...]
    window: int = 0
    ends_with: tuple[str, ...] = ()
    applies_to: frozenset[str] = frozenset()
    unless_next: frozenset[str] = frozenset()  # "not only" is no negation
    unless_start: tuple[tuple[str, ...], ...] = ()  # "did you know ...?" is no question
    comma_ends: bool = False  # "If used correctly, it kills ...": the comma ends the scope

    def found_in(self, words: Sequence[str], start: int, end: int) -> bool:
        """Whether one of the phrases lies wholly within words[start:end]."""
        end = min(end, len(words))
        for phrase in self.phrases:
            size = len(phrase)
            first = phrase[0]
            for i in range(max(start, 0), end - size + 1):
                if words[i] == first and tuple(words[i : i + size]) == phrase:
                    following = words[i + size] if i + size < len(words) else ""
                    if following not in self.unless_next:
                        return True
        return False

    def starts_sentence(self, words: Sequence[str]) -> bool:
        content = [w for w in words if w.strip()]
        return any(tuple(content[: len(p)]) == p for p in self.unless_start)


@dataclass(frozen=True)
class Cues:
    classes: tuple[CueClass, ...]

    def reason(self, words: Sequence[str], anchor: int, text_end: str = "") -> str | None:
        """Why the claim whose effect word is words[anchor] is not a claim, or None.

        `words` are the sentence's lower-case tokens; `text_end` its last non-space character.
        """
        clause_start = 0
        for i in range(anchor - 1, -1, -1):
            if words[i] in CLAUSE_BREAKS:
                clause_start = i + 1
                break
        comma_start = clause_start
        for i in range(anchor - 1, clause_start - 1, -1):
            if words[i] == ",":
                comma_start = i + 1
                break
        for cue in self.classes:
            if cue.applies_to:
                continue
            if cue.scope == "sentence":
                asked = bool(text_end) and text_end in cue.ends_with
                # "... protects against the virus … could it help? Yes.": a question after an
                # ellipsis asks about its own fragment, not the claim before it.
                asked = asked and not _new_question(words, anchor)
                start, end = 0, len(words)
                if asked and not cue.starts_sentence(words):
                    return cue.name
            elif cue.scope == "before":
                start, end = (comma_start if cue.comma_ends else clause_start), anchor
            else:  # near
                start, end = max(clause_start, anchor - cue.window), anchor
            if cue.phrases and cue.found_in(words, start, end):
                return cue.name
        return None

    def commercial(self, words: Sequence[str], start: int, end: int) -> bool:
        """A guarantee about money, delivery or quality ("money-back guarantee")."""
        for cue in self.classes:
            applies = cue.applies_to and any(w in cue.applies_to for w in words[start:end])
            if applies and cue.found_in(words, start - cue.window, end + cue.window):
                return True
        return False


def _phrases(raw: list[Any], split: bool = True) -> tuple[tuple[str, ...], ...]:
    # Phrases are written as the tokenizer splits them ("n't", "money - back"); plain spaces
    # separate tokens.
    return tuple(tuple(str(p).lower().split()) for p in raw if str(p).strip())


@cache
def claim_cues() -> Cues:
    data = load_data_file("claim_cues.yaml")
    classes = []
    for name, spec in data.items():
        classes.append(
            CueClass(
                name=name,
                scope=spec["scope"],
                phrases=_phrases(spec.get("phrases", [])),
                window=int(spec.get("window", 0)),
                ends_with=tuple(spec.get("ends-with", ())),
                applies_to=frozenset(spec.get("applies-to", ())),
                unless_next=frozenset(spec.get("unless-next", ())),
                unless_start=_phrases(spec.get("unless-start", [])),
                comma_ends=bool(spec.get("comma-ends", False)),
            )
        )
    return Cues(tuple(classes))
