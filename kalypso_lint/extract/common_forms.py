"""Round 13 claim readings (issue 13): forms shared across the regulator sets.

Grouped from the misses of four sets at once, each a class of wording over the word lists of
data/common_forms.yaml (docs/medical-claims.md "Round 13"):

- a disease named as what the product answers: "If you suffer from arthritis, our capsules
  will help" (product-only);
- a supposition that ends in an offer: "If you need to lower your blood sugar, try our tea"
  (the hypothetical cue gives way);
- a drug set beside the product as the riskier choice: "a safer alternative to aspirin"
  (101.93(g)(2)(v));
- benefits or responses reported for diseases: "benefits are being shown for: arthritis",
  "The conditions that respond best are psoriasis and eczema";
- a body system said to work better: "your immune system works better" (structure/function);
- a disease gone for good: "now completely free of the disease";
- a conventional treatment disparaged is no advice to avoid it: "Avoid painful surgery";
- research framing in a research setting: "Investigated in preclinical models of ..."
  (product-only unless the product is the subject, as round 9's "studied for ...").

The recoveries told by the person (KL304) are Matcher patterns read by extract/testimonials.py's
story reader. The structural finder's reading families (claim_guards.py, product_readings.py,
research_readings.py) call the rest with a sentence's lower-case words; cues, providers,
lifestyle subjects and pages are decided in claims.py and claim_guards.py as for every
reading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.claim_kinds import DISEASE_TERMS
from kalypso_lint.extract.cues import CLAUSE_ENDS
from kalypso_lint.extract.vocabulary import Term
from kalypso_lint.extract.wordlists import longest_phrase_at, word_table

_FUNCTION = "function"


@dataclass(frozen=True)
class CommonLexicon:
    disease_verbs: tuple[str, ...]
    fragment_nouns: frozenset[str]
    substitute_comparatives: tuple[tuple[str, ...], ...]
    comparative_nouns: frozenset[str]
    comparative_links: frozenset[str]
    free_adverbs: frozenset[str]
    offer_verbs: frozenset[str]
    offer_phrases: tuple[tuple[str, ...], ...]
    reader_words: frozenset[str]
    suffer_words: frozenset[str]
    help_words: frozenset[str]
    help_modals: frozenset[str]
    result_nouns: frozenset[str]
    result_fillers: frozenset[str]
    result_links: frozenset[str]
    result_gap: int
    result_reach: int
    response_words: frozenset[str]
    response_heads: frozenset[str]
    response_links: frozenset[str]
    response_reach: int
    response_gap: int
    work_verbs: frozenset[str]
    better_words: tuple[tuple[str, ...], ...]
    told_patterns: list[Any]
    told_gate: frozenset[str]
    told_plain_patterns: list[Any]
    told_plain_gate: frozenset[str]
    disparaging_words: frozenset[str]
    drug_words: tuple[str, ...]
    setting_verbs: frozenset[str]
    setting_nouns: frozenset[str]
    setting_links: frozenset[str]
    setting_reach: int

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The words the sentence readings hang on."""
        return frozenset(
            self.comparative_nouns
            | self.help_words
            | self.result_nouns
            | self.response_words
            | self.work_verbs
            | self.setting_verbs
            | {"free"}
        )


@cache
def common_lexicon() -> CommonLexicon:
    data = shared_data_file("common_forms.yaml")
    return word_table(
        CommonLexicon,
        data,
        disease_verbs=tuple(str(w) for w in data["disease_verbs"]),
        told_patterns=data["told_patterns"],
        told_plain_patterns=data["told_plain_patterns"],
        drug_words=tuple(str(w) for w in data["drug_words"]),
    )


def _supposition(words: Sequence[str], lex: CommonLexicon) -> int | None:
    """Where the main clause after a supposition said to the reader starts ("If you have
    eczema, ..."): the word after the comma that ends the supposition; None without one."""
    opening = next((k for k, w in enumerate(words) if w.isalnum()), None)
    if opening is None or words[opening] != "if":
        return None
    if lex.reader_words.isdisjoint(words[opening + 1 : opening + 4]):
        return None
    # Suppositions in a row ("If you're serious about quitting, if you want to ..., here is
    # great news"): the main clause follows the last.
    for k in range(opening + 1, len(words)):
        if words[k] in CLAUSE_ENDS:
            return None
        if words[k] == "," and words[k + 1 : k + 2] != ["if"]:
            return k + 1
    return None


def offered_supposition(
    words: Sequence[str], anchor: int, names_product: Callable[[int, int], bool]
) -> bool:
    """Whether the claim at words[anchor] lies in a supposition said to the reader whose main
    clause offers the product ("If you need to lower your blood sugar, try our tea"):
    `names_product(start, end)` says whether words[start:end] name the thing sold."""
    lex = common_lexicon()
    main = _supposition(words, lex)
    if main is None or anchor >= main:
        return False
    end = next((k for k in range(main, len(words)) if words[k] in CLAUSE_ENDS), len(words))
    clause = words[main:end]
    if any(longest_phrase_at(clause, k, lex.offer_phrases) for k in range(len(clause))):
        return True
    return bool(clause) and clause[0] in lex.offer_verbs and names_product(main, end)


def answers_supposition(words: Sequence[str], start: int, anchor: int) -> bool:
    """Whether a claim from words[start] to its help word at words[anchor] is a supposition
    and the main clause that answers it ("If you have gout, these capsules can help"): the
    "if" is the form's own, no hypothetical and no advice."""
    lex = common_lexicon()
    if words[anchor] not in lex.help_words or words[anchor - 1] not in lex.help_modals:
        return False
    main = _supposition(words, lex)
    return main is not None and start < main <= anchor


def if_help_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: CommonLexicon
) -> tuple[int, int] | None:
    """ "If you suffer from arthritis, our capsules will help": the span from the disease to
    the help word at words[i], or None."""
    if words[i] not in lex.help_words or i == 0 or words[i - 1] not in lex.help_modals:
        return None
    main = _supposition(words, lex)
    if main is None or i < main:
        return None
    # The help word ends its clause: "... will help." (not "will help you sleep").
    if i + 1 < len(words) and words[i + 1].isalnum() and words[i + 1] not in ("you", "too"):
        return None
    suffered = next((k for k in range(main) if words[k] in lex.suffer_words), None)
    if suffered is None:
        return None
    for j in range(suffered + 1, main):
        term = term_at.get(j)
        if term is not None and term.category in (*DISEASE_TERMS, "symptom"):
            return term.start, i + 1
    return None


def result_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: CommonLexicon
) -> tuple[int, int] | None:
    """ "benefits are being shown for: arthritis", "The conditions that respond best are
    psoriasis and eczema": the span from the result word at words[i] to the disease."""
    word = words[i]
    if word in lex.result_nouns:
        j = i + 1
        while j < len(words) and j <= i + lex.result_gap and words[j] in lex.result_fillers:
            j += 1
        if j >= len(words) or words[j] not in lex.result_links:
            return None
        return _condition_after(words, j + 1, lex.result_reach, term_at, i)
    if word in lex.response_words:
        # "conditions that respond ...", "conditions that show the greatest response": the
        # head noun and "that" within `response_gap` words before.
        that = next(
            (
                k
                for k in range(i - 1, max(0, i - 1 - lex.response_gap), -1)
                if words[k] in ("that", "which")
            ),
            None,
        )
        if that is None or that == 0 or words[that - 1] not in lex.response_heads:
            return None
        stop = min(i + lex.response_reach, len(words))
        link = next((k for k in range(i + 1, stop) if words[k] in lex.response_links), None)
        if link is None:
            return None
        return _condition_after(words, link + 1, lex.result_reach, term_at, that - 1)
    return None


def _condition_after(
    words: Sequence[str], start: int, reach: int, term_at: Mapping[int, Term], first: int
) -> tuple[int, int] | None:
    j = start
    while j < len(words) and j < start + reach and j not in term_at:
        if words[j] in (".", "!", "?", ";"):
            return None
        j += 1
    term = term_at.get(j)
    if term is None or term.category not in DISEASE_TERMS:
        return None
    return first, term.end


def works_better_claim(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: CommonLexicon
) -> tuple[int, int] | None:
    """ "your immune system works better": a body function right before the verb of working
    at words[i] and a word of improvement after it."""
    if words[i] not in lex.work_verbs:
        return None
    term = next((t for t in term_at.values() if t.end == i), None)
    if term is None or term.category != _FUNCTION:
        return None
    size = longest_phrase_at(words, i + 1, lex.better_words)
    if not size:
        return None
    return term.start, i + 1 + size


def comparative_substitute(words: Sequence[str], i: int, lex: CommonLexicon) -> bool:
    """ "a safer alternative to", "a gentler option than": a comparative right before the
    noun at words[i], a link right after it."""
    if words[i] not in lex.comparative_nouns or words[i + 1 : i + 2] == []:
        return False
    if words[i + 1] not in lex.comparative_links:
        return False
    return any(
        i - len(p) >= 0 and tuple(words[i - len(p) : i]) == p for p in lex.substitute_comparatives
    )


def free_for_good(
    words: Sequence[str], i: int, term_at: Mapping[int, Term], lex: CommonLexicon
) -> tuple[int, int] | None:
    """ "now completely free of the disease": "free" after an adverb of `free_adverbs`, "of"
    or "from", and a condition within three words."""
    if words[i] != "free" or i == 0 or words[i - 1] not in lex.free_adverbs:
        return None
    if words[i + 1 : i + 2] not in (["of"], ["from"]):
        return None
    for j in range(i + 2, min(i + 5, len(words))):
        term = term_at.get(j)
        if term is not None:
            return (i - 1, term.end) if term.category == "condition" else None
    return None


def disparaged(words: Sequence[str], start: int, end: int, lex: CommonLexicon) -> bool:
    """Whether words[start:end], the treatment avoided, are disparaged or called conventional
    ("painful surgery", "harsh drugs", "conventional treatments")."""
    return not lex.disparaging_words.isdisjoint(words[start:end])


def research_setting(words: Sequence[str], i: int, lex: CommonLexicon) -> int | None:
    """Where the disease of research framing in a setting may start, for the participle at
    words[i]: "investigated in preclinical models of Parkinson's disease" -> the word after
    "of"; None without "in", a setting noun and a link."""
    if words[i] not in lex.setting_verbs or words[i + 1 : i + 2] != ["in"]:
        return None
    noun = next(
        (k for k in range(i + 2, min(i + 5, len(words))) if words[k] in lex.setting_nouns), None
    )
    if noun is None:
        return None
    stop = min(noun + 1 + lex.setting_reach, len(words))
    link = next((k for k in range(noun + 1, stop) if words[k] in lex.setting_links), None)
    return None if link is None else link + 1
