"""Which of the structural finder's readings can apply at an anchor word (issue 16).

The finder (claims.py) tries its readings in a fixed order at every anchor word of a
sentence, and the first that reads a claim decides. Almost every reading starts by testing
the anchor word itself against a word list ("protects" must be a form of an effect verb,
"for" must be "for", a phrase must end at the word) and returns None when it does not pass.
Those tests depend on the word alone, so they are made once per distinct anchor word: the
readings whose test the word fails are left out of that word's list, and the others are
tried in the same order as before. A reading whose first test looks at its neighbours (a
compound's hyphen before a product word, a weight term just before) keeps no gate and is
tried at every anchor word.

Each gate below is the necessary condition the reading itself tests first; a word that
fails it makes the reading return None whatever its sentence, so leaving the reading out
gives the same result (tests/test_reading_gates.py checks the lists against the readings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from kalypso_lint.extract.claim_kinds import Found
from kalypso_lint.extract.named_forms import named_claim
from kalypso_lint.extract.vocabulary import Term

if TYPE_CHECKING:
    from kalypso_lint.extract.claims import StructureFinder

# A reading at words[i]: (finder, words, spaces, i, terms, term_at, before) -> Found | None.
Reading = Callable[
    ["StructureFinder", list[str], list[str], int, list[Term], dict[int, Term], Sequence[str]],
    "Found | None",
]
# The words a reading can apply at (None: every anchor word).
Gate = Callable[[str], bool] | None


def _ends(phrases: Iterable[tuple[str, ...]]) -> frozenset[str] | None:
    """The last words of `phrases` (None if a phrase is empty: it would end anywhere)."""
    phrases = tuple(phrases)
    if any(not phrase for phrase in phrases):
        return None
    return frozenset(phrase[-1] for phrase in phrases)


def _among(*groups: Iterable[str] | None) -> Gate:
    """A gate passing the words of `groups` (None if one group is None: no gate)."""
    if any(group is None for group in groups):
        return None
    words = frozenset(word for group in groups if group is not None for word in group)
    return words.__contains__


# The readings, in the order the finder tries them (claims.py, StructureFinder).
READINGS: tuple[tuple[str, Reading], ...] = (
    ("verb", lambda f, w, s, i, t, ta, b: f._verb_claim(w, i, ta, b, s)),
    ("noun", lambda f, w, s, i, t, ta, b: f._noun_claim(w, i, t, ta)),
    ("protective", lambda f, w, s, i, t, ta, b: f._protective_claim(w, i, t)),
    ("anti", lambda f, w, s, i, t, ta, b: f._anti_claim(w, s, i)),
    ("compound", lambda f, w, s, i, t, ta, b: f._compound_claim(w, s, i, t)),
    ("passive", lambda f, w, s, i, t, ta, b: f._passive_claim(w, i, t)),
    ("adjective", lambda f, w, s, i, t, ta, b: f._adjective_claim(w, i, ta)),
    ("substitute", lambda f, w, s, i, t, ta, b: f._substitute_claim(w, i)),
    ("purpose", lambda f, w, s, i, t, ta, b: f._purpose_claim(w, i, ta)),
    ("outcome", lambda f, w, s, i, t, ta, b: f._outcome_claim(w, i, t)),
    ("riddance", lambda f, w, s, i, t, ta, b: f._riddance_claim(w, i, t, ta)),
    ("versus", lambda f, w, s, i, t, ta, b: f._versus_claim(w, i, ta)),
    ("state", lambda f, w, s, i, t, ta, b: f._state_claim(w, i, t, ta)),
    ("likeness", lambda f, w, s, i, t, ta, b: f._likeness_claim(w, i, t)),
    ("without", lambda f, w, s, i, t, ta, b: f._without_claim(w, i, t)),
    ("restore_noun", lambda f, w, s, i, t, ta, b: f._restore_noun_claim(w, i, ta)),
    ("named_product", lambda f, w, s, i, t, ta, b: f._named_claim(w, i, t)),
    ("association", lambda f, w, s, i, t, ta, b: f._association_claim(w, i, t)),
    ("outcome_noun", lambda f, w, s, i, t, ta, b: f._outcome_noun_claim(w, i, t)),
    ("appearance_riddance", lambda f, w, s, i, t, ta, b: f._appearance_riddance_claim(w, i, t)),
    ("habit", lambda f, w, s, i, t, ta, b: f._habit_claim(w, i)),
    ("sense", lambda f, w, s, i, t, ta, b: f._sense_claim(w, i)),
    ("onset", lambda f, w, s, i, t, ta, b: f._onset_claim(w, i, ta)),
    ("label", lambda f, w, s, i, t, ta, b: f._label_claim(w, i, ta)),
    ("boast", lambda f, w, s, i, t, ta, b: f._boast_claim(w, i, ta)),
    # Round 9 (extract/framing.py).
    ("research", lambda f, w, s, i, t, ta, b: f._research_claim(w, i, ta)),
    ("therapeutic", lambda f, w, s, i, t, ta, b: f._therapeutic_claim(w, i)),
    ("use", lambda f, w, s, i, t, ta, b: f._use_claim(w, i, ta)),
    # Round 11 (extract/near_forms.py).
    ("near", lambda f, w, s, i, t, ta, b: f._near_claim(w, i, ta)),
    ("answer", lambda f, w, s, i, t, ta, b: f._answer_claim(w, i, b)),
    ("near_state", lambda f, w, s, i, t, ta, b: f._near_state_claim(w, s, i, t)),
    # Round 12 (extract/standalone.py).
    ("standalone", lambda f, w, s, i, t, ta, b: f._standalone_claim(w, i, ta)),
    # Round 13 (extract/common_forms.py).
    ("common", lambda f, w, s, i, t, ta, b: f._common_claim(w, i, ta)),
    # Round 14 (extract/asked_forms.py).
    ("promise", lambda f, w, s, i, t, ta, b: f._promise_claim(w, i, ta)),
    # Round 15 (extract/named_forms.py).
    ("named", lambda f, w, s, i, t, ta, b: named_claim(w, i, ta, f.named)),
    # Round 10 (extract/implied.py): the most general reading, tried last.
    ("implied", lambda f, w, s, i, t, ta, b: f._implied_claim(w, i, ta)),
)


def gates(f: StructureFinder) -> dict[str, Gate]:
    """Each reading's gate, by name: the word test the reading makes before anything else."""
    lex, near, boasts, framing = f.lex, f.near, f.boasts, f.framing
    forms = lex.forms
    return {
        # _verb_claim: the word's lemma (lex.forms).
        "verb": forms.__contains__,
        "noun": _among(lex.nouns_qualified, lex.nouns_always, lex.nouns_products),
        "protective": _among(lex.protective, lex.agents),
        # _anti_claim: "anti" + "-" + word, "anti" glued to a term, or a word of lex.anti.
        "anti": lambda word: word.startswith("anti") or word in lex.anti,
        # _compound_claim: a hyphen or a product word is only the first test; the word must
        # then be a compound's effect word.
        "compound": _among(lex.compounds, lex.appearance_compounds, lex.function_compounds),
        "passive": lambda word: (
            word in lex.able_forms
            or (forms.get(word) in lex.disease and word.endswith(("ed", "t", "n")))
        ),
        "adjective": _among(lex.effect_adjectives),
        "substitute": lambda word: (
            word in lex.substitute_nouns
            or word in f.common.comparative_nouns
            or forms.get(word, word) in lex.substitute_verbs
            or word in f.compared
        ),
        "purpose": _among(("for",)),
        "outcome": _among(lex.outcome_verbs),
        "riddance": _among(f.riddance_before, f.riddance_after),
        "versus": _among(lex.versus),
        "state": _among(f.state_phrases, f.control_before),
        "likeness": _among(f.likeness),
        "without": _among(("without",)),
        "restore_noun": _among(lex.restore_nouns, ("growth",)),
        "named_product": _among(lex.name_products),
        "association": _among(lex.association_words),
        "outcome_noun": _among(("loss",)),
        "appearance_riddance": None,  # its first test is a weight term ending before the word
        "habit": _among(f.promises.habit_forms),
        "sense": _among(f.promises.sense_verbs),
        "onset": _among(f.promises.onset_words),
        "label": _among(_ends(lex.label_heads)),
        # rate, superlative, "#", "without", work verb, property noun, study result.
        "boast": _among(boasts.anchors),
        "research": _among(framing.research_words, f.common.setting_verbs),
        "therapeutic": _among(framing.therapeutic_words),
        "use": _among(("for",), framing.perceived_verbs),
        # illness promised (its result word), drug class, healing, onset delayed, agent noun.
        "near": _among(
            near.result_verbs,
            near.result_adjectives,
            near.recovery_firsts,
            near.drug_class_firsts,
            near.healing_verbs,
            near.delay_verbs,
            lex.agents,
        ),
        "answer": lambda word: forms.get(word) in lex.disease or word in near.anchors,
        "near_state": _among(near.weak_compounds, ("free", "likely"), near.fragment_comparatives),
        "standalone": _among(f.standalone.anchors),
        "common": _among(f.common.anchors),
        "promise": _among(f.asked.anchors),
        "named": _among(f.named.anchors),
        "implied": _among(
            f.implied.people_after,
            f.implied.named_heads,
            _ends(f.implied.people_links),
            _ends(f.implied.links),
        ),
    }


class ReadingTable:
    """The readings that can apply at each anchor word, in order, worked out on first use.
    Anchor words are the finder's fixed word set, so the table stays small."""

    def __init__(self, finder: StructureFinder) -> None:
        table = gates(finder)
        self._readings = [(reading, table[name]) for name, reading in READINGS]
        self._by_word: dict[str, tuple[Reading, ...]] = {}

    def at(self, word: str) -> tuple[Reading, ...]:
        readings = self._by_word.get(word)
        if readings is None:
            readings = tuple(r for r, gate in self._readings if gate is None or gate(word))
            self._by_word[word] = readings
        return readings
