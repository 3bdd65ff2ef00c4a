"""Non-claim cues (data/claim_cues.yaml): negation, denial, advice, warnings, questions,
hypotheticals, the supplement disclaimer, history, publication titles, commercial guarantees
and a provider's care, each with its scope in the sentence; and reference-list entries.

A sentence about a disease is not a claim when it denies one ("no product can cure
COVID-19"), advises ("be wary of any product claiming to cure ..."), asks, supposes, or is
the disclaimer 21 CFR 101.93(c) prescribes (issue 13).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.lemmas import form_table
from kalypso_lint.extract.vocabulary import medical_vocabulary

# A clause ends here: a cue in an earlier clause does not reach the claim.
CLAUSE_BREAKS = frozenset({";", ":", "—", "–"})
# The marks that end a sentence or a clause, where the readings of asked_forms.py and
# common_forms.py stop looking.
CLAUSE_ENDS = frozenset({".", "!", "?", ";", ":"})
_DASHES = frozenset({"—", "–"})
_ELLIPSES = frozenset({"…", "...", ". . ."})
# A phrase token standing for up to this many words: "there ... no" finds "there currently
# are no".
GAP = "..."
_GAP_WORDS = 3
_OPENING_WORDS = 8  # the words of a sentence's opening that `unless-start` reads
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
    # Words the opening may carry that do not change it (round 9): "But did you ever hear ...?"
    start_fillers: frozenset[str] = frozenset()
    comma_ends: bool = False  # "If used correctly, it kills ...": the comma ends the scope
    gap: int = _GAP_WORDS  # words a "..." in a phrase stands for
    # `near` scope only: past `window`, the cue still reaches the claim within `reach` words
    # when none of `breaks` comes between ("should not be used as a way to treat ...").
    reach: int = 0
    breaks: frozenset[str] = frozenset()
    # `around` scope only: words that are a claim unless a phrase is near ("risk-free" is a
    # safety claim; "try it risk-free for 30 days" a trial), and the outcome words that make
    # a guarantee a promise of a result ("results guaranteed").
    applies_to_claims: frozenset[str] = frozenset()
    outcomes: frozenset[str] = frozenset()
    title_openers: frozenset[str] = frozenset()  # `sentence` scope: a heading's question
    answered_by: frozenset[str] = frozenset()  # a next sentence's opening that asserts

    @cached_property
    def _by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The phrases without a gap by their first word (a word no phrase opens is passed
        over at once)."""
        table: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            if GAP not in phrase:
                table.setdefault(phrase[0], []).append(phrase)
        return {first: tuple(phrases) for first, phrases in table.items()}

    @cached_property
    def _gapped_phrases(self) -> tuple[tuple[str, ...], ...]:
        return tuple(phrase for phrase in self.phrases if GAP in phrase)

    def found_in(self, words: Sequence[str], start: int, end: int) -> bool:
        """Whether one of the phrases lies wholly within words[start:end]."""
        end = min(end, len(words))
        start = max(start, 0)
        for phrase in self._gapped_phrases:
            if _gapped(words, phrase, start, end, unless_next=self.unless_next, gap=self.gap):
                return True
        by_first = self._by_first
        for i in range(start, end):
            for phrase in by_first.get(words[i], ()):
                size = len(phrase)
                if (
                    i + size <= end
                    and tuple(words[i : i + size]) == phrase
                    and _free_after(words, i + size, self.unless_next)
                ):
                    return True
        return False

    def opens(self, words: Sequence[str], start: int, end: int) -> bool:
        """Whether one of the phrases opens words[start:end] (after punctuation): "No single
        pill is going to cure ...", "Nothing can ..."."""
        while start < end and not words[start].isalnum():
            start += 1
        for phrase in self._gapped_phrases:
            if _gapped(
                words,
                phrase,
                start,
                end,
                first_at=start,
                unless_next=self.unless_next,
                gap=self.gap,
            ):
                return True
        # A phrase without a gap opens at words[start] (as before, it may run past `end`).
        return start < len(words) and self.phrase_at(words, start)

    def phrase_at(self, words: Sequence[str], i: int) -> bool:
        """Whether a phrase without gaps starts at words[i]."""
        if not -len(words) <= i < len(words):  # no word there: no phrase starts there
            return False
        for phrase in self._by_first.get(words[i], ()):
            size = len(phrase)
            if tuple(words[i : i + size]) == phrase and _free_after(
                words, i + size, self.unless_next
            ):
                return True
        return False

    def reaches(self, words: Sequence[str], start: int, end: int) -> bool:
        """Whether a phrase in words[start:end] reaches words[end] with none of `breaks`
        between (looking back from end: the nearest break stops the search)."""
        for i in range(end - 1, start - 1, -1):
            if words[i] in self.breaks:
                return False
            if self.phrase_at(words, i):
                return True
        return False

    def nearest(self, words: Sequence[str], start: int, end: int, lo: int, hi: int) -> int | None:
        """The distance from words[start:end] to the nearest phrase within words[lo:hi]."""
        best: int | None = None
        for i in range(max(lo, 0), min(hi, len(words))):
            if start <= i < end or not self.phrase_at(words, i):
                continue
            distance = start - i if i < start else i - end + 1
            best = distance if best is None else min(best, distance)
        return best

    def heading_asks(self, words: Sequence[str], text_end: str) -> bool:
        """A heading (no final stop) that opens with a question word, "how to" aside."""
        if not self.title_openers or not text_end or text_end in _SENTENCE_STOPS:
            return False
        content = [w for w in words if w.isalpha() or "'" in w]
        if not content or content[0] not in self.title_openers:
            return False
        if content[0] in _AUXILIARIES:
            return True  # "Can Chiropractic Care Help With Headaches"
        # "What Is the Best Treatment ...", "How Are They Treated"; not "How Neurofeedback
        # Can Help ADHD" (an explanation) or "How to ...".
        return content[1:2] != [] and content[1] in _AUXILIARIES | _ASKED_VERBS

    def starts_sentence(self, words: Sequence[str]) -> bool:
        content = [w for w in words[:_OPENING_WORDS] if w.strip() and w not in self.start_fillers]
        return any(tuple(content[: len(p)]) == p for p in self.unless_start)


@dataclass(frozen=True)
class Cues:
    classes: tuple[CueClass, ...]
    # Effect-verb forms a negation carries over in a list: "not ... treat, cure, or prevent".
    coordinated: frozenset[str] = frozenset()
    # A block that is an entry of a reference list: its title names a study, it claims
    # nothing ("Lande RG, Gragnani C. Efficacy of ... for the treatment of insomnia").
    references: tuple[re.Pattern[str], ...] = ()

    def answers(self, word: str) -> bool:
        """Whether a sentence opening with `word` answers the question before it ("Yes!")."""
        return any(word in cue.answered_by for cue in self.classes)

    def reference_entry(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.references)

    def reason(self, words: Sequence[str], anchor: int, text_end: str = "") -> str | None:
        """Why the claim whose effect word is words[anchor] is not a claim, or None.

        `words` are the sentence's lower-case tokens; `text_end` its last non-space character.
        """
        words = plain_apostrophes(words)
        # A claim read from its subject ("Herbal remedies can interact with medications used
        # to treat ...", "gummies can't prevent ...") is scoped from its effect verb.
        anchor = self._effect_verb(words, anchor)
        clause_start = clause_start_of(words, anchor)
        comma_start = clause_start
        for i in range(anchor - 1, clause_start - 1, -1):
            # A supposition also ends at the dash closing an aside: "If your knees ache — or
            # if your hips do — you'll benefit from ...".
            if words[i] == "," or words[i] in _DASHES:
                comma_start = i + 1
                break
        head = self._list_head(words, anchor, clause_start)
        for cue in self.classes:
            if cue.applies_to or cue.applies_to_claims:
                # A claim that is itself a guarantee or "risk-free" ("try it risk-free for 30
                # days"): commercial by the words around it.
                word = words[anchor] if anchor < len(words) else ""
                covered = word in cue.applies_to or word in cue.applies_to_claims
                if covered and self.commercial(words, anchor, anchor + 1):
                    return cue.name
                continue
            if cue.scope == "sentence":
                asked = bool(text_end) and text_end in cue.ends_with
                # "... protects against the virus … could it help? Yes.": a question after an
                # ellipsis asks about its own fragment, not the claim before it.
                asked = asked and not _new_question(words, anchor)
                asked = asked or cue.heading_asks(words, text_end)
                start, end = 0, len(words)
                if asked and not cue.starts_sentence(words):
                    return cue.name
            elif cue.scope == "opening":
                if cue.opens(words, clause_start, anchor):
                    return cue.name
                continue
            elif cue.scope == "quoted":
                opening = _opening_quote(words, anchor)
                if opening is not None and cue.found_in(words, opening - cue.window, opening):
                    return cue.name
                continue
            elif cue.scope == "title":
                untitled = not text_end or text_end in _SENTENCE_STOPS
                if not untitled and cue.found_in(words, anchor + 1, anchor + 1 + cue.window):
                    return cue.name
                continue
            elif cue.scope == "clause":
                continue  # read by `care`: a service, not "no claim"
            elif cue.scope == "before":
                start, end = (comma_start if cue.comma_ends else clause_start), anchor
            else:  # near
                start, end = max(clause_start, head - cue.window), anchor
                # "should not be used as a way to treat ...": past the window, a negation
                # still reaches the claim when no break ("but", a comma, "that") comes between.
                far = max(clause_start, head - cue.reach)
                if far < start and cue.reaches(words, far, head):
                    return cue.name
            if cue.phrases and cue.found_in(words, start, end):
                return cue.name
        return None

    def care(self, words: Sequence[str], anchor: int) -> bool:
        """Whether the claim's clause describes a provider's care ("help prevent, diagnose,
        and treat gum disease"): a `clause`-scope cue between the clause's ends."""
        words = plain_apostrophes(words)
        anchor = self._effect_verb(words, anchor)
        start, end = clause_start_of(words, anchor), clause_end_of(words, anchor + 1)
        return any(
            cue.scope == "clause" and cue.found_in(words, start, end) for cue in self.classes
        )

    def negates(self, words: Sequence[str]) -> bool:
        """Whether a claim's own words hold a contracted or failed negation ("gummies can't
        prevent the flu": "ca", "n't"; "studies have failed to show")."""
        return not _SPAN_NEGATIONS.isdisjoint(plain_apostrophes(words))

    def _effect_verb(self, words: Sequence[str], anchor: int) -> int:
        """The claim's effect verb: words[anchor] when it is one, else the first effect verb
        within EFFECT_REACH words after it in its clause (else the anchor)."""
        if anchor >= len(words) or words[anchor] in self.coordinated:
            return anchor
        for j in range(anchor + 1, min(len(words), anchor + EFFECT_REACH + 1)):
            if words[j] in CLAUSE_BREAKS or words[j] in _EFFECT_STOPS:
                break
            if words[j] in self.coordinated:
                return j
        return anchor

    def _list_head(self, words: Sequence[str], anchor: int, clause_start: int) -> int:
        """The first effect verb of a list ending at words[anchor]: in "will not treat, cure,
        or prevent" the negation reaches "prevent" through "treat"."""
        head = anchor
        j = anchor - 1
        while j > clause_start:
            k = j
            while k > clause_start and words[k] in _LIST_SEPARATORS:
                k -= 1
            if k == j or words[k] not in self.coordinated:
                break
            head, j = k, k - 1
        return head

    def commercial(self, words: Sequence[str], start: int, end: int) -> bool:
        """A guarantee about money, delivery or quality ("money-back guarantee"), or a trial
        ("try it risk-free for 30 days"); not a guaranteed outcome ("results guaranteed or
        your money back", "guaranteed to lower your blood pressure")."""
        words = plain_apostrophes(words)
        for cue in self.classes:
            applies = not cue.applies_to.isdisjoint(words[start:end])
            if not applies and not cue.applies_to_claims.isdisjoint(words[start:end]):
                applies = True
            if not applies:
                continue
            # Across clause breaks: "We'll refund your money — guaranteed."
            window = (max(0, start - cue.window), min(len(words), end + cue.window))
            commercial = cue.nearest(words, start, end, *window)
            outcome = self._outcome_distance(cue, words, start, end, *window)
            if commercial is not None:
                # The nearer word says what is guaranteed; a tie goes to the outcome.
                return outcome is None or commercial < outcome
            if outcome is not None:
                return False
            # A guarantee whose sentence names no outcome, no effect and no condition at all
            # ("We guarantee it.", "Our promise: quality you can trust, guaranteed") is no
            # health promise.
            bare = not cue.applies_to.isdisjoint(words[start:end])
            if bare and self._outcome_distance(cue, words, start, end, 0, len(words)) is None:
                return not medical_vocabulary().find(list(words))
        return False

    def _outcome_distance(
        self, cue: CueClass, words: Sequence[str], start: int, end: int, lo: int, hi: int
    ) -> int | None:
        """The distance to the nearest outcome or effect word in words[lo:hi]."""
        best: int | None = None
        for i in range(max(lo, 0), min(hi, len(words))):
            if start <= i < end:
                continue
            if words[i] in cue.outcomes or words[i] in self.coordinated:
                distance = start - i if i < start else i - end + 1
                best = distance if best is None else min(best, distance)
        return best


_LIST_SEPARATORS = frozenset({",", "or", "and", "/", "and/or"})
EFFECT_REACH = 8  # words from a claim's subject to its effect verb
# The effect verb is looked for no further than these: "isn't a treatment for cancer, though
# it may help ..." has its own.
_EFFECT_STOPS = frozenset({",", "but", "though", "although", "while", "whereas", "yet", "and"})
# Negations inside a lexicon claim's span that data/medical.yaml's word list cannot name: a
# contraction is two tokens ("ca", "n't"), and a failed result is denied.
_SPAN_NEGATIONS = frozenset({"n't", "fail", "fails", "failed"})
_CURLY = "\u2019"  # "doesn’t", "Alzheimer’s": typographic apostrophes, as most pages print them


def plain_apostrophes(words: Sequence[str]) -> list[str]:
    """The words with typographic apostrophes made plain, as the data files write them."""
    return [w.replace(_CURLY, "'") if _CURLY in w else w for w in words]


_DOUBLE_QUOTES = frozenset({'"', "“", "”"})
_SENTENCE_STOPS = frozenset({".", "!", "?"})
_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "will"}
    | {"would", "'s", "may", "might"}
)
_ASKED_VERBS = frozenset({"causes", "cause", "happens", "helps", "works"})


def clause_start_of(words: Sequence[str], anchor: int) -> int:
    """Where the clause holding words[anchor] starts. A pair of dashes encloses an aside,
    not a clause: "no proof that any supplement — a tea or a pill — will treat ..."."""
    i = anchor - 1
    while i >= 0:
        if words[i] in CLAUSE_BREAKS:
            if words[i] in _DASHES:
                opening = next((j for j in range(i - 1, -1, -1) if words[j] in CLAUSE_BREAKS), None)
                if opening is not None and words[opening] in _DASHES:
                    i = opening - 1
                    continue
            return i + 1
        i -= 1
    return 0


def clause_end_of(words: Sequence[str], end: int) -> int:
    """Where the clause holding words[end - 1] ends (the index of its break, or the end)."""
    return next((j for j in range(end, len(words)) if words[j] in CLAUSE_BREAKS), len(words))


def _opening_quote(words: Sequence[str], anchor: int) -> int | None:
    """The double quote opening a quotation that holds words[anchor], if one does."""
    before = [i for i in range(anchor) if words[i] in _DOUBLE_QUOTES]
    after = any(w in _DOUBLE_QUOTES for w in words[anchor + 1 :])
    if len(before) % 2 == 1 and after:
        return before[-1]
    return None


def _free_after(words: Sequence[str], end: int, unless_next: frozenset[str]) -> bool:
    """Whether the word after a phrase ending before words[end] leaves it a cue ("not only"
    is no negation)."""
    return (words[end] if end < len(words) else "") not in unless_next


def _gapped(
    words: Sequence[str],
    phrase: tuple[str, ...],
    start: int,
    end: int,
    first_at: int | None = None,
    unless_next: frozenset[str] = frozenset(),
    gap: int = _GAP_WORDS,
) -> bool:
    """A phrase with GAP tokens, each standing for up to `gap` words, in words[start:end]
    (starting at words[first_at] if given)."""
    parts = _gap_parts(phrase)
    count = len(words)

    def match(part: int, at: int, limit: int) -> bool:
        piece = parts[part]
        # A piece's first word is compared before its slice is made (issue 16): no piece
        # starts past the end; a negative place, whose slice wraps, is left to the slice.
        first = piece[0] if piece else None
        for i in range(at, min(limit, end - len(piece) + 1)):
            if first is not None and i >= 0 and (i >= count or words[i] != first):
                continue
            if tuple(words[i : i + len(piece)]) == piece:
                if part + 1 == len(parts):
                    if _free_after(words, i + len(piece), unless_next):
                        return True
                    continue
                nxt = i + len(piece)
                if match(part + 1, nxt, nxt + gap + 1):
                    return True
        return False

    return match(0, start, end if first_at is None else first_at + 1)


@cache
def _gap_parts(phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The phrase's pieces between its GAP tokens (an empty piece where two meet)."""
    parts: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in phrase:
        if word == GAP:
            parts.append(tuple(current))
            current = []
        else:
            current.append(word)
    parts.append(tuple(current))
    return tuple(parts)


def _phrases(raw: list[Any], split: bool = True) -> tuple[tuple[str, ...], ...]:
    # Phrases are written as the tokenizer splits them ("n't", "money - back"); plain spaces
    # separate tokens, and contractions are split as the tokenizer splits them ("don't
    # trust" is "do n't trust", "there's no" is "there 's no").
    return tuple(
        tuple(token for word in str(p).lower().split() for token in _contraction(word))
        for p in raw
        if str(p).strip()
    )


def _contraction(word: str) -> tuple[str, ...]:
    """A word as the tokenizer splits it: "can't" -> ("ca", "n't"), "it's" -> ("it", "'s")."""
    if word == "n't":
        return (word,)
    if word.endswith("n't"):
        return (word[:-3], "n't")
    apostrophe = word.find("'", 1)
    if apostrophe > 0 and word[apostrophe + 1 :].isalpha():
        return (word[:apostrophe], word[apostrophe:])
    return (word,)


@cache
def claim_cues() -> Cues:
    data = load_data_file("claim_cues.yaml")
    classes = []
    coordinated = [str(w) for w in data.pop("coordinated-verbs", [])]
    references = data.pop("reference-entries", {}).get("patterns", [])
    for name, spec in data.items():
        classes.append(
            CueClass(
                name=name,
                scope=spec["scope"],
                phrases=_phrases([*spec.get("phrases", []), *spec.get("neighbours", [])]),
                window=int(spec.get("window", 0)),
                ends_with=tuple(spec.get("ends-with", ())),
                applies_to=frozenset(spec.get("applies-to", ())),
                unless_next=frozenset(spec.get("unless-next", ())),
                unless_start=_phrases(spec.get("unless-start", [])),
                start_fillers=frozenset(str(w) for w in spec.get("start-fillers", ())),
                comma_ends=bool(spec.get("comma-ends", False)),
                gap=int(spec.get("gap", _GAP_WORDS)),
                reach=int(spec.get("reach", 0)),
                breaks=frozenset(str(w) for w in spec.get("breaks", ())),
                applies_to_claims=frozenset(str(w) for w in spec.get("applies-to-claims", ())),
                outcomes=frozenset(str(w) for w in spec.get("outcomes", ())),
                title_openers=frozenset(str(w) for w in spec.get("title-openers", ())),
                answered_by=frozenset(str(w) for w in spec.get("answered-by", ())),
            )
        )
    return Cues(
        tuple(classes),
        frozenset(form_table(coordinated, {})),
        tuple(re.compile(str(p)) for p in references),
    )
