"""Word, list and phrase helpers of the structural finder (issue 13).

Plain functions over a sentence's lower-case words: where a phrase occurs, where a list of
coordinated words starts or ends, where a clause starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from kalypso_lint.extract.claim_kinds import DISEASE, EFFICACY, FUNCTION, Found
from kalypso_lint.extract.cues import CLAUSE_BREAKS
from kalypso_lint.extract.structure_lexicon import PRODUCT_WORDS

_LIST_DETERMINERS = frozenset({"the", "your", "a", "an", "all", "many", "most", "some"})
STOPS = CLAUSE_BREAKS | {".", "!", "?", "but", "while", "although", "whereas", "because"}


def contains_phrase(
    words: Sequence[str], phrases: tuple[tuple[str, ...], ...], start: int, end: int
) -> bool:
    for phrase in phrases:
        size = len(phrase)
        for i in range(max(start, 0), end - size + 1):
            if words[i] == phrase[0] and tuple(words[i : i + size]) == phrase:
                return True
    return False


@cache
def anchor_word(phrase: tuple[str, ...]) -> str:
    """The word a phrase is looked for at: its longest, so "a thing of the past" is not
    tried at every "a"."""
    return max(phrase, key=len)


def phrase_at(words: list[str], i: int, phrase: tuple[str, ...]) -> int | None:
    """Where `phrase` starts if it occurs with its anchor word at words[i]."""
    anchor = anchor_word(phrase)
    if words[i] != anchor:
        return None
    start = i - phrase.index(anchor)
    if start >= 0 and tuple(words[start : start + len(phrase)]) == phrase:
        return start
    return None


def by_anchor(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A family's phrases grouped by anchor word, each group in the family's order."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        groups.setdefault(anchor_word(phrase), []).append(phrase)
    return {anchor: tuple(group) for anchor, group in groups.items()}


def phrases_at(
    words: list[str], i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]
) -> Iterator[tuple[tuple[str, ...], int]]:
    """Each of `phrases` (grouped by `by_anchor`) that occurs with its anchor word at
    words[i], with its start, in the family's order (the first one found decides, as each
    family's patterns are ordered). Only the group of words[i] is tried: a phrase with
    another anchor cannot occur there (issue 16: trying every phrase at every anchor word
    was most of the phrase families' time)."""
    for phrase in phrases.get(words[i], ()):
        start = phrase_at(words, i, phrase)
        if start is not None:
            yield phrase, start


def coordinated_kinds(found: list[Found]) -> list[Found]:
    """ "restores and rebuilds your joints": overlapping readings of one claim share the
    strongest kind (a disease claim outweighs a function claim)."""
    result = []
    for claim in found:
        if claim.kind == FUNCTION and any(
            other.kind == DISEASE and other.start < claim.end and claim.start < other.end
            for other in found
        ):
            claim = Found(claim.start, claim.end, DISEASE, claim.anchor)
        result.append(claim)
    return result


_LIST_JOINS = frozenset({"and", "or", ",", "/"})
_LIST_GAP = 4  # words between coordinated nouns: "prevention and early at-home treatment"


_LIST_ITEMS_MIN = 3  # one-word items of a list of modifiers ("breast, colon, skin and ...")
_LIST_ITEMS_MAX = 10


def list_extra(words: Sequence[str], start: int) -> int:
    """The words a list of one-word modifiers adds before the object it ends in (issue 13,
    round 12): "effective against breast, colon, skin and lung cancers", "relieves stiff,
    swollen, aching joints". Each item is one word, the items are joined by commas and a
    last "and" or "or"; 0 when words[start:] opens no such list."""
    j = start
    if j < len(words) and words[j] in _LIST_DETERMINERS:
        j += 1
    items = 0
    while j + 1 < len(words) and items < _LIST_ITEMS_MAX and words[j].isalpha():
        items += 1
        joint = words[j + 1]
        if joint == "," and j + 2 < len(words) and words[j + 2] in ("and", "or"):
            j += 3
        elif joint in (",", "and", "or"):
            j += 2
        else:
            break
        if joint in ("and", "or") or words[j - 1] in ("and", "or"):
            items += 1
            break
    return j - start if items >= _LIST_ITEMS_MIN else 0


_ADJECTIVE_ENDINGS = ("al", "ive", "ic", "ory", "ant", "ent", "anti")
_ADJECTIVE_JOINS = frozenset({",", "-", "and", "or", "[", "]", "…", "...", "(", ")"})


def adjective_list_end(words: Sequence[str], start: int) -> int:
    """Where a list of adjectives that words[start] continues ends ("anti-inflammatory,
    antimicrobial and regenerative properties" -> "properties"); `start` when none."""
    j = start
    seen = False
    while j < len(words) and j < start + 14:
        word = words[j]
        if word in _ADJECTIVE_JOINS:
            j += 1
            continue
        if word.isalpha() and word.endswith(_ADJECTIVE_ENDINGS):
            seen = True
            j += 1
            continue
        break
    return j if seen else start


def list_start(words: list[str], i: int, members: frozenset[str]) -> int:
    """The first of coordinated `members` ending at words[i] ("prevention and treatment")."""
    head = i
    while True:
        joined = next(
            (
                j
                for j in range(head - 1, max(head - 2 - _LIST_GAP, -1), -1)
                if words[j] in _LIST_JOINS
            ),
            None,
        )
        if joined is None or joined == 0 or words[joined - 1] not in members:
            return head
        head = joined - 1


def list_end(words: list[str], i: int, members: frozenset[str]) -> int:
    """The last of coordinated `members` starting at words[i]."""
    end = i
    while end + 1 < len(words) and words[end + 1] in _LIST_JOINS:
        nxt = next(
            (
                j
                for j in range(end + 2, min(end + 3 + _LIST_GAP, len(words)))
                if words[j] in members
            ),
            None,
        )
        if nxt is None or any(w in STOPS for w in words[end + 2 : nxt]):
            return end
        end = nxt
    return end


def noun_kind(category: str) -> str:
    return EFFICACY if category == "appearance" else DISEASE


def clause_start(words: list[str], anchor: int) -> int:
    for i in range(anchor - 1, -1, -1):
        if words[i] in CLAUSE_BREAKS:
            return i + 1
    return 0


# The structural finder's word classes (claims.py and its reading families).
OBJECT_GAP = 8  # words between an effect verb and its object ("kills 99.9% of the virus")
LABEL_REACH = 16  # words of a "Recommended for:" label line searched for a disease
ASSOCIATION_REACH = 14  # words after "associated with" searched for the disease
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
# Before a riddance phrase: "... is history", "... are no match for ...".
RIDDANCE_LEADS = frozenset(
    {"is", "are", "be", "been", "was", "were", "'s", "'re", "become", "becomes", "becoming", "now"}
    | {"just", "soon", "officially", "finally", "quickly", "simply", "all", "?", ":", "-"}
    | {"—", "–", ",", "!"}
)


PRONOUNS = frozenset({"it", "them"})
# A subject after a fronted phrase: "Designed for ..., our class teaches ..." (round 12).
SUBJECT_OPENERS = frozenset(
    {"our", "the", "this", "these", "we", "it", "they", "your", "its", "their", "my", "i"}
)
# Round 12: the product words that name a thing sold (not a programme, a plan or a pronoun),
# for a reading that holds on any page when the clause names one.
NOT_SOLD = frozenset(
    {"it", "this", "our", "program", "programme", "protocol", "plan", "support", "aid", "aids"}
    | {"kit", "product", "products"}
)

# Not a product noun: the speaker or a pronoun ("Our team works quickly").
SPEAKERS = frozenset({"it", "them", "this", "that", "our", "we", "us", "these", "its"})
NOT_MODAL = ("helps", "help", "to", "and")
KEEP = frozenset({"keep", "keeps", "keeping", "kept"})
GERUND_NOUNS = frozenset(
    {"time", "times", "process", "period", "rate", "journey", "phase", "stage", "window"}
)
HELP = frozenset({"help", "helps", "helping", "helped"})
MEANS = frozenset({"by", "with", "using", "through"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot", "nor"})
# The cue classes a supposition that ends in an offer overrides (round 13).
SUPPOSED = frozenset({"hypothetical", "advice"})


SUFFERING = frozenset(
    {"suffer", "suffers", "suffering", "with", "living", "struggling", "battling", "facing"}
)
NOT_BEFORE_VERBS = frozenset({"-", "the", "a", "an", "local", "global", "national", "ongoing"})
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
# Auxiliaries and adverbs between a subject and its participle ("has been widely studied").
AUXILIARY_RUN = frozenset(
    {"has", "have", "had", "been", "is", "are", "was", "were", "be", "being", "widely"}
    | {"extensively", "also", "commonly", "often", "recently"}
)
PERSONAL_REACH = 20  # words before a claim where the writer's "I" makes it personal
FIRST_PERSON = frozenset({"i", "my", "me", "i'm", "i've", "mine", "myself"})
CLAIMABLE = frozenset({"condition", "agent", "symptom", "marker", "appearance"})
# Words after a term that make it a product's name ("sleep formula"), not pronouns: "beat
# the flu this season" names the flu.
PRODUCT_NOUNS = PRODUCT_WORDS - {"it", "this", "our"}
