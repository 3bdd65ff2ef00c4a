"""Talk about a condition that claims no effect on a clinic's page (issue 13, round 2).

Real clinic pages name effects in lines that promise nothing of a product: a contrast that
sets the effect aside ("It's not just about easing pain; it's about ..."), a risk statement
("Smoking weakens the body's ability to fight infections"), a cause ("caused by reduced
blinking") and a booking button in the reader's voice ("[Ease My Back Pain Now]"). Each is a
product-only reading (a claim on a page that sells a product, seller.py), never dropped. The
words are data (data/page_talk.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.wordlists import word_table

DATA_FILE = "page_talk.yaml"
_FINAL_STOPS = (".", "!", "?")
_CLAUSE_BREAKS = frozenset({";", ":", "—", "–", "(", ")", "but", "because"})
# A quoted stretch this short, opened and closed inside a sentence, names words.
_MENTION_WORDS = 4
_QUOTE_MARKS = re.compile(r"[\"“”]")
# A Markdown attribute list ('{: target="_blank"}') quotes a value, not a person.
_ATTRIBUTES = re.compile(r"\{:[^}]*\}")


@dataclass(frozen=True)
class PageTalk:
    contrast_phrases: tuple[tuple[str, ...], ...]
    contrast_reach: int
    aim_phrases: tuple[tuple[str, ...], ...]
    aim_reach: int
    role_phrases: tuple[tuple[str, ...], ...]
    harm_verbs: frozenset[str]
    ability_nouns: frozenset[str]
    raise_verbs: frozenset[str]
    risk_nouns: frozenset[str]
    cause_phrases: tuple[tuple[str, ...], ...]
    help_words: frozenset[str]
    diagnostic_verbs: frozenset[str]
    diagnostic_between: frozenset[str]
    diagnostic_reach: int
    button_openers: frozenset[str]
    button_people: frozenset[str]


@cache
def page_talk() -> PageTalk:
    return word_table(PageTalk, shared_data_file(DATA_FILE))


def talks_about(words: list[str], anchor: int, last: str) -> bool:
    """Whether the effect word at words[anchor] is talked about rather than claimed: set
    aside by a contrast, an aim or a role, named as what a cause harms or as a cause, a
    help to find out (a diagnosis), or a button's label."""
    return (
        _set_aside(words, anchor)
        or _aim(words, anchor)
        or _risk(words, anchor)
        or _cause(words, anchor)
        or _diagnosis(words, anchor)
        or _button(words, anchor, last)
    )


def _ends_at(words: list[str], end: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(end >= len(p) and tuple(words[end - len(p) : end]) == p for p in phrases)


def _set_aside(words: list[str], anchor: int) -> bool:
    """ "not just about fixing pain", "more than just healing an injury": the phrase ends
    within `contrast_reach` words before the effect word."""
    talk = page_talk()
    reach = range(max(0, anchor - talk.contrast_reach), anchor + 1)
    return any(_ends_at(words, end, talk.contrast_phrases) for end in reach)


def _aim(words: list[str], anchor: int) -> bool:
    """ "Future research will focus on reducing ...", "plays a key role in preventing ...":
    an aim stands within `aim_reach` words before the effect word, with no clause break
    between, or a role right before it (or before the first of a pair)."""
    talk = page_talk()
    coordinated = anchor > 0 and words[anchor - 1] in ("and", "or")
    for end in range(anchor, max(0, anchor - talk.aim_reach) - 1, -1):
        if end < anchor and words[end] in _CLAUSE_BREAKS:
            return False
        if _ends_at(words, end, talk.aim_phrases):
            return True
        # A role right before the effect word, or before the first of a pair of gerunds.
        role = end == anchor or (coordinated and words[end].endswith("ing"))
        if role and _ends_at(words, end, talk.role_phrases):
            return True
    return False


def _risk(words: list[str], anchor: int) -> bool:
    """ "weakens the body's ability to fight infections" (a harm verb within four words
    before "ability to"), or "increase the likelihood of ..." (a risk raised)."""
    talk = page_talk()
    if words[anchor] in talk.raise_verbs:
        after = words[anchor + 1 : anchor + 4]
        return not talk.risk_nouns.isdisjoint(after)
    # "ability to heal and fight infections": the effect word may be the second of a pair.
    to = next((j for j in range(anchor - 1, max(1, anchor - 4), -1) if words[j] == "to"), None)
    if to is None or words[to - 1] not in talk.ability_nouns:
        return False
    if any(w not in ("and", "or", ",") for w in words[to + 2 : anchor]):
        return False
    return not talk.harm_verbs.isdisjoint(words[max(0, to - 5) : to - 1])


def _cause(words: list[str], anchor: int) -> bool:
    """ "caused by reduced blinking", "due to lower hormone levels": the effect word is the
    cause named."""
    return _ends_at(words, anchor, page_talk().cause_phrases)


def _diagnosis(words: list[str], anchor: int) -> bool:
    """ "helps identify fertility problems", "assist physicians in evaluating dizziness": a
    help word whose aim is to find out, not to change."""
    talk = page_talk()
    # "helps identify and address vision problems": the care goes with the finding out.
    if (
        anchor > 1
        and words[anchor - 1] in ("and", "or")
        and words[anchor - 2] in (talk.diagnostic_verbs)
    ):
        return True
    if words[anchor] not in talk.help_words:
        return False
    for word in words[anchor + 1 : anchor + 1 + talk.diagnostic_reach]:
        if word in talk.diagnostic_verbs:
            return True
        if word not in talk.diagnostic_between:
            return False
    return False


def _button(words: list[str], anchor: int, last: str) -> bool:
    """ "[Relieve My Back Pain Now]", 'Book a "Calm My Tinnitus" Visit': the effect word opens
    a line, a bracket or a quotation, "my" follows, and no sentence is made."""
    talk = page_talk()
    if talk.button_people.isdisjoint(words[anchor + 1 : anchor + 2]):
        return False
    before = [w for w in words[:anchor] if w.strip()]
    if before and before[-1] not in talk.button_openers:
        return False
    opener = before[-1] if before else ""
    return opener in ("[", '"', "“", "(") or last not in _FINAL_STOPS


def quotes_mention(text: str) -> bool:
    """Whether a sentence's quotation marks only set off words or a question: a term or a
    phrase ('the word "natural"', 'wanted to "try it out"'), a question a patient asks
    ('often ask me, "Can my hearing aids be better?"'), or an attribute's value. A sentence
    that opens a quotation, or quotes a longer statement, may be a testimonial."""
    text = _ATTRIBUTES.sub("", text).strip()
    marks = [m.start() for m in _QUOTE_MARKS.finditer(text)]
    if not marks:
        return True
    if marks[0] == 0 or len(marks) % 2:
        return False
    for opening, closing in zip(marks[::2], marks[1::2], strict=True):
        inner = text[opening + 1 : closing].strip()
        words = inner.split()
        if not words:
            return False
        if len(words) > _MENTION_WORDS and not inner.endswith("?"):
            return False
    return True
