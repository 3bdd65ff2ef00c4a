"""Round 11 claim readings (issue 13): the near neighbours of forms earlier rounds read.

Each reading is a class of wording next to one that already counts, over the word lists of
data/near_forms.yaml (docs/medical-claims.md "Round 11"):

- a drug class said of an ingredient with praise: "Zinc oxide is an excellent sunscreen",
  "works as a natural blood thinner" (as "Elderberry is an antiviral" is read);
- healing supported: "supports healing", "speeds up the healing process" (healing presupposes
  a wound or a disease; 101.93(g)(2)(i));
- an agent noun before its object: "an enhancer for mood" (as "Memory Enhancer" is read);
- a disease supposed, then the product's promise for it: "you may lessen the severity if you
  do get sick" (the supposition is the illness, not the claim);
- a disease's onset or course delayed: "delays the onset of dementia".

The structural finder's reading families (research_readings.py, noun_readings.py) call these
with a sentence's lower-case words; cues (negation, advice, questions, hypotheticals ...),
providers, lifestyle subjects and the page's seller are decided in claims.py and
claim_guards.py as for every reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, cached_property

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.lemmas import form_table
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import phrase_tuples, word_set

_BREAKS = frozenset({".", "!", "?", ";", ":"})
_DISEASE_TERMS = frozenset({"condition", "agent", "symptom"})
_FUNCTION = "function"
_DETERMINERS = frozenset({"a", "an", "the", "your", "our", "this"})
_MARKER = "marker"
_APPEARANCE = "appearance"


@dataclass(frozen=True)
class NearLexicon:
    drug_classes: tuple[tuple[str, ...], ...]
    class_links: frozenset[str]
    class_praise: frozenset[str]
    class_reach: int
    healing_verbs: dict[str, str]
    healing_nouns: tuple[tuple[str, ...], ...]
    healing_reach: int
    healing_not_before: frozenset[str]
    agent_links: frozenset[str]
    agent_reach: int
    agent_not_after: frozenset[str]
    suppositions: tuple[tuple[str, ...], ...]
    openers: tuple[tuple[str, ...], ...]
    supposition_reach: int
    results: frozenset[str]
    result_verbs: dict[str, str]
    result_adjectives: frozenset[str]
    recovery: tuple[tuple[str, ...], ...]
    speed: tuple[tuple[str, ...], ...]
    modals: frozenset[str]
    speakers: frozenset[str]
    illness_not: tuple[tuple[str, ...], ...]
    illness_reach: int
    delay_verbs: dict[str, str]
    delay_objects: tuple[tuple[str, ...], ...]
    riddance_before: tuple[str, ...]
    riddance_after: tuple[str, ...]
    lifestyle_subjects: tuple[str, ...]
    answer_pronouns: frozenset[str]
    answer_tries: frozenset[str]
    answer_nouns: frozenset[str]
    answer_reach: int
    product_only_nouns: tuple[str, ...]
    trailing_openers: frozenset[str]
    trailing_reach: int
    weak_compounds: frozenset[str]
    compound_fillers: frozenset[str]
    free_states: frozenset[str]
    free_after: frozenset[str]
    fragment_comparatives: frozenset[str]
    fragment_length: int

    @cached_property
    def drug_class_firsts(self) -> frozenset[str]:
        """The first words of the drug classes (most anchor words open none)."""
        return frozenset(p[0] for p in self.drug_classes)

    @cached_property
    def recovery_firsts(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.recovery)

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The words the readings hang on."""
        return frozenset(
            {p[0] for p in self.drug_classes}
            | set(self.healing_verbs)
            | self.results
            | self.result_adjectives
            | set(self.result_verbs)
            | {p[0] for p in self.recovery}
            | set(self.delay_verbs)
            | self.answer_tries
            | self.answer_nouns
            | self.weak_compounds
            | self.fragment_comparatives
            | {"free", "likely"}
        )


@cache
def near_lexicon() -> NearLexicon:
    data = load_data_file("near_forms.yaml")

    def forms(key: str) -> dict[str, str]:
        return form_table(sorted({str(w).split()[0] for w in data[key]}), {})

    return NearLexicon(
        drug_classes=phrase_tuples(data["drug_classes"]),
        class_links=word_set(data["class_links"]),
        class_praise=word_set(data["class_praise"]),
        class_reach=int(data["class_reach"]),
        healing_verbs=forms("healing_verbs"),
        healing_nouns=phrase_tuples(data["healing_nouns"]),
        healing_reach=int(data["healing_reach"]),
        healing_not_before=word_set(data["healing_not_before"]),
        agent_links=word_set(data["agent_links"]),
        agent_reach=int(data["agent_reach"]),
        agent_not_after=word_set(data["agent_not_after"]),
        suppositions=phrase_tuples(data["illness_suppositions"]),
        openers=phrase_tuples(data["supposition_openers"]),
        supposition_reach=int(data["supposition_reach"]),
        results=word_set(data["illness_results"]),
        result_verbs=forms("illness_result_verbs"),
        result_adjectives=word_set(data["illness_result_adjectives"]),
        recovery=_inflected(phrase_tuples(data["illness_recovery"])),
        speed=phrase_tuples(data["illness_speed"]),
        modals=word_set(data["illness_modals"]),
        speakers=word_set(data["illness_speakers"]),
        illness_not=phrase_tuples(data["illness_not"]),
        illness_reach=int(data["illness_reach"]),
        delay_verbs=forms("delay_verbs"),
        delay_objects=phrase_tuples(data["delay_objects"]),
        riddance_before=tuple(str(p) for p in data["riddance_before"]),
        riddance_after=tuple(str(p) for p in data["riddance_after"]),
        lifestyle_subjects=tuple(str(p) for p in data["lifestyle_subjects"]),
        answer_pronouns=word_set(data["answer_pronouns"]),
        answer_tries=word_set(data["answer_tries"]),
        answer_nouns=word_set(data["answer_nouns"]),
        answer_reach=int(data["answer_reach"]),
        product_only_nouns=tuple(str(p) for p in data["product_only_nouns"]),
        trailing_openers=word_set(data["trailing_openers"]),
        trailing_reach=int(data["trailing_reach"]),
        weak_compounds=word_set(data["weak_compounds"]),
        compound_fillers=word_set(data["compound_fillers"]),
        free_states=word_set(data["free_states"]),
        free_after=word_set(data["free_after"]),
        fragment_comparatives=word_set(data["fragment_comparatives"]),
        fragment_length=int(data["fragment_length"]),
    )


def _inflected(phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Each phrase with every form of its first word ("recovers faster", "bounced back")."""
    out: list[tuple[str, ...]] = []
    for phrase in phrases:
        for form in form_table([phrase[0]], {}):
            out.append((form, *phrase[1:]))
    return tuple(out)


def _at(words: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[i : i + len(phrase)]) == phrase


def _find(words: Sequence[str], lo: int, hi: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The index of the first phrase starting in words[lo:hi], or -1."""
    for j in range(max(0, lo), min(hi, len(words))):
        if any(_at(words, j, p) for p in phrases):
            return j
    return -1


def _sentence_has(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    return _find(words, 0, len(words), phrases) >= 0


def drug_class(words: Sequence[str], i: int, lex: NearLexicon) -> tuple[int, int] | None:
    """ "is an excellent sunscreen", "as a natural blood thinner", "nature's painkiller": a
    drug class after a link and a word of praise (the span, or None)."""
    if words[i] not in lex.drug_class_firsts:
        return None
    for phrase in lex.drug_classes:
        if not _at(words, i, phrase):
            continue
        window = words[max(0, i - lex.class_reach) : i]
        if any(w in _BREAKS for w in window):
            window = window[max(k for k, w in enumerate(window) if w in _BREAKS) + 1 :]
        # "A natural chemotherapy.": a fragment of praise alone before the class.
        fragment = len(window) == i and all(
            w in _DETERMINERS or w in lex.class_praise for w in window
        )
        linked = not lex.class_links.isdisjoint(window) or fragment
        if not linked or lex.class_praise.isdisjoint(window):
            return None
        return i - len(window), i + len(phrase)
    return None


def healing_supported(words: Sequence[str], i: int, lex: NearLexicon) -> tuple[int, int] | None:
    """ "supports healing", "promotes faster healing of cuts", "speeds up the healing
    process" (the span, or None)."""
    if words[i] not in lex.healing_verbs:
        return None
    for j in range(i + 1, min(i + 2 + lex.healing_reach, len(words))):
        if words[j] in _BREAKS or words[j] == ",":
            return None
        for noun in lex.healing_nouns:
            if _at(words, j, noun):
                if words[j - 1] in lex.healing_not_before:
                    return None
                return i, j + len(noun)
    return None


def agent_before(
    words: Sequence[str],
    i: int,
    agents: Mapping[str, str],
    term_at: Mapping[int, Term],
    lex: NearLexicon,
) -> tuple[int, int, str] | None:
    """ "an enhancer for mood", "a powerful fighter against colds": an agent noun, a link and
    the term it acts on (span and kind, or None)."""
    kind = agents.get(words[i])
    if kind is None or words[i + 1 : i + 2] == [] or words[i + 1] not in lex.agent_links:
        return None
    for j in range(i + 2, min(i + 3 + lex.agent_reach, len(words))):
        if words[j] in _BREAKS or words[j] == ",":
            return None
        term = term_at.get(j)
        if term is None:
            continue
        if words[term.end : term.end + 1] and words[term.end] in lex.agent_not_after:
            return None
        if term.category in ("condition", "agent"):
            return i, term.end, "disease"
        if term.category == _FUNCTION:
            return i, term.end, "structure-function"
        if term.category == _APPEARANCE:
            return i, term.end, "efficacy"
        return i, term.end, kind
    return None


def illness_promise(words: Sequence[str], i: int, lex: NearLexicon) -> tuple[int, int] | None:
    """A promise to the reader for an illness the sentence supposes: "you may lessen the
    severity or duration if you do get sick", "if you are exposed ... you could have fewer
    symptoms", "you will recover faster if you catch a cold" (the span, or None)."""
    end = _result_end(words, i, lex)
    if end is None or not _supposed(words, lex) or _sentence_has(words, lex.illness_not):
        return None
    # Said to the reader with a modal or future: "you may", "you could present with".
    before = words[max(0, i - lex.illness_reach) : i]
    if lex.speakers.isdisjoint(before) or lex.modals.isdisjoint(before):
        return None
    return i, end


def _result_end(words: Sequence[str], i: int, lex: NearLexicon) -> int | None:
    word = words[i]
    if word in lex.result_verbs:
        # "lessen the severity", "shorten the duration".
        for j in range(i + 1, min(i + 4, len(words))):
            if words[j] in lex.results:
                return j + 1
        return None
    if word in lex.result_adjectives:
        # "fewer symptoms", "less or no symptoms", "milder symptoms".
        for j in range(i + 1, min(i + 4, len(words))):
            if words[j] in ("symptoms", "symptom"):
                return j + 1
        return None
    if word not in lex.recovery_firsts:
        return None
    for phrase in lex.recovery:
        if _at(words, i, phrase):
            after = i + len(phrase)
            if _find(words, after, after + 2, lex.speed) >= 0:
                return after + 1
    return None


def _supposed(words: Sequence[str], lex: NearLexicon) -> bool:
    """An illness supposed: "if you do happen to get sick", "should you catch a cold"."""
    for j in range(len(words)):
        supposed = any(_at(words, j, p) for p in lex.suppositions)
        if supposed and _find(words, j - lex.supposition_reach, j, lex.openers) >= 0:
            return True
    return False


_NEGATORS = frozenset({"not", "n't", "never", "cannot", "no"})


def onset_delayed(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: NearLexicon
) -> tuple[int, int] | None:
    """ "delays the onset of dementia", "postpones the progression of macular degeneration"."""
    if words[i] not in lex.delay_verbs:
        return None
    # "will not delay", "won't delay": the negation's own exemption for "don't delay" must not
    # let a denied effect through.
    if not _NEGATORS.isdisjoint(words[max(0, i - 2) : i]):
        return None
    for phrase in lex.delay_objects:
        if _at(words, i + 1, phrase):
            term = term_at.get(i + 1 + len(phrase))
            if term is not None and term.category in _DISEASE_TERMS:
                return i, term.end
    return None


def last_question(before: Sequence[str]) -> Sequence[str]:
    """The block's sentence right before, when it is a question ("Tired of joint pain?"),
    else nothing."""
    if not before or before[-1] != "?":
        return ()
    start = max((k for k, w in enumerate(before[:-1]) if w in _BREAKS), default=-1) + 1
    return before[start:]


def question_answered(
    words: Sequence[str],
    i: int,
    effect_verbs: AbstractSet[str],
    products: frozenset[str],
    lex: NearLexicon,
) -> tuple[int, int] | None:
    """The answer to a question naming a disease: an effect verb on a pronoun or on nothing
    ("Our balm soothes it", "Our tea can help."), "try" and a product ("Try our cream"), or
    the product called the answer ("This cream is the answer") (the span, or None)."""
    word = words[i]
    after = words[i + 1 : i + 1 + lex.answer_reach]
    if word in effect_verbs:
        ends = not after or after[0] in _BREAKS or after[0] in ("!", ",")
        if ends or not lex.answer_pronouns.isdisjoint(after[:2]):
            return i, i + 1
        return None
    if word in lex.answer_tries:
        if not products.isdisjoint(after):
            return i, i + 1 + len(after)
        return None
    # "This cream is the answer", "... is your solution", "The answer: our balm"; not "The
    # answer depends on the cause".
    said = i > 1 and words[i - 1] in ("the", "your") and words[i - 2] in ("is", "are", "'s")
    if word in lex.answer_nouns and (said or words[i + 1 : i + 2] == [":"]):
        return i, i + 1
    return None


def supposed_after(
    words: Sequence[str],
    i: int,
    terms: Sequence[Term],
    suffering: frozenset[str],
    lex: NearLexicon,
) -> int | None:
    """An effect noun followed by the condition it answers: "offers relief if your dog
    suffers from arthritis", "the comfort you seek when your baby has colic" (the end of the
    disease named, or None)."""
    for j in range(i + 1, min(i + 1 + lex.trailing_reach, len(words))):
        if words[j] in _BREAKS or words[j] == ",":
            return None
        if words[j] in lex.trailing_openers:
            end = next((k for k in range(j, len(words)) if words[k] in _BREAKS), len(words))
            if suffering.isdisjoint(words[j:end]) and "has" not in words[j:end]:
                return None
            named = [t for t in terms if j < t.start < end and t.category in _DISEASE_TERMS]
            return named[0].end if named else None
    return None


def weak_compound(
    words: Sequence[str],
    spaces: Sequence[str],
    i: int,
    terms: Sequence[Term],
    products: frozenset[str],
    lex: NearLexicon,
) -> tuple[int, int] | None:
    """ "cholesterol-lowering supplement", "blood pressure lowering tea": a term, a weak
    effect's participle and a product noun (the span, or None)."""
    if words[i] not in lex.weak_compounds:
        return None
    noun = i + 2 if words[i + 1 : i + 2] and words[i + 1] in lex.compound_fillers else i + 1
    if noun >= len(words) or words[noun] not in products:
        return None
    hyphen = i >= 2 and words[i - 1] == "-" and not spaces[i - 1]
    end = i - 1 if hyphen else i
    term = next((t for t in terms if t.end == end), None)
    if term is None or term.category not in _DISEASE_TERMS | {_MARKER}:
        return None
    return term.start, noun + 1


def free_state(
    words: Sequence[str], spaces: Sequence[str], i: int, terms: Sequence[Term], lex: NearLexicon
) -> tuple[int, int] | None:
    """ "Stay flu-free all winter", "Migraine-free days", "Pain-free in minutes": a disease
    or symptom gone as the reader's state (the span, or None)."""
    if words[i] != "free" or i < 2 or words[i - 1] != "-" or spaces[i - 2]:
        return None
    term = next((t for t in terms if t.end == i - 1), None)
    if term is None or term.category not in _DISEASE_TERMS:
        return None
    if _sentence_has(words, lex.illness_not):
        return None  # "stay flu-free by getting your flu shot": the vaccine keeps it away
    after = words[i + 1] if i + 1 < len(words) else "."
    state = not lex.free_states.isdisjoint(words[max(0, term.start - 3) : term.start])
    opening = all(not w.isalnum() for w in words[: term.start])
    if state or (opening and after in lex.free_after):
        return term.start, i + 1
    return None


def comparative_fragment(
    words: Sequence[str], i: int, terms: Sequence[Term], lex: NearLexicon
) -> tuple[int, int] | None:
    """ "Fewer colds and flu.", "Less joint pain.": a short benefit line without a verb
    (the span, or None)."""
    if words[i] not in lex.fragment_comparatives or len(words) > lex.fragment_length:
        return None
    if any(w.isalnum() for w in words[:i]):
        return None
    term = next((t for t in terms if i < t.start <= i + 2), None)
    if term is None or term.category not in _DISEASE_TERMS | {_MARKER}:
        return None
    # Nothing after the term but a list of terms, punctuation and "and": no verb follows.
    rest = [w for w in words[term.end :] if w.isalnum() and w not in ("and", "or")]
    named = {w for t in terms if t.start >= term.end for w in words[t.start : t.end]}
    if any(w not in named for w in rest):
        return None
    return i, term.end


def illness_avoided(words: Sequence[str], i: int, lex: NearLexicon) -> tuple[int, int] | None:
    """ "Makes you less likely to get sick", "less likely to catch a cold" (the span, or
    None)."""
    if words[i] != "likely" or words[i - 1 : i] != ["less"] or words[i + 1 : i + 2] != ["to"]:
        return None
    # Said to the reader: "makes you less likely", "you'll be less likely".
    if "you" not in words[max(0, i - 5) : i]:
        return None
    for phrase in lex.suppositions:
        if _at(words, i + 2, phrase):
            if _sentence_has(words, lex.illness_not):
                return None
            return i - 1, i + 2 + len(phrase)
    return None
