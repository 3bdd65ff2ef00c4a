"""The `kl_figure_classes` component: what each figure the number grammar read is (issue 12).

numbers.py finds and reads figures (value, unit, qualifier); this decides from the context
whether one is a `claim` (a statistic, outcome or comparison: verified against the registry),
an `offer` (price, dose, ingredient amount, serving, supply, session length), an
`instruction` (preparation, aftercare or dosing directions) or an `identifier` (list
numbers, names, codes). The cues and their weights are data (data/figure_classes.yaml); each
figure keeps the names of the cues that decided it. docs/figure-classes.md explains the model.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kalypso_lint.data import shared_data_file
from kalypso_lint.extract.asides import ASIDE_CUES
from kalypso_lint.extract.doses import DOSE_CUES
from kalypso_lint.extract.evidence import confidence_level, evidence_model, health_evidence
from kalypso_lint.extract.fitted import LinearModel
from kalypso_lint.extract.guards import NumericReading
from kalypso_lint.extract.health_fragment import concentration, names_health
from kalypso_lint.extract.wordlists import phrase_pattern

FIGURE_CLASSES = ("claim", "offer", "instruction", "identifier")
DATA_FILE = "figure_classes.yaml"
MODEL_FILE = "figure_model.json"
# How many of the model's strongest features a figure's `class_cues` name after its cues.
TOP_FEATURES = 3
# Reader block kinds that mean the same thing (HTML tags from older readers, Markdown names).
_BLOCK_KINDS = {"td": "table_cell", "th": "table_cell", "li": "list_item", "dt": "list_item"}
_CLAUSE_BREAKS = frozenset({":", ";", "•", "·", "|", "—", "–"})
_CLAUSE_LEADS = frozenset({"then", "and", "also", "•", "-", "*", "+", "(", "'", '"', "“"})


@dataclass(frozen=True)
class Cue:
    """One piece of evidence for a class, as the data file states it."""

    name: str
    figure_class: str
    weight: float
    test: str
    words: re.Pattern[str] | None = None  # `words` and `pattern` cues, compiled once
    values: frozenset[str] = frozenset()
    before: int | None = None
    after: int | None = None
    kinds: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    at_least: float = 0.0
    max_words: int = 4
    decisive: bool = False  # when it holds for the winning class, the model is not asked


@dataclass(frozen=True)
class ClassModel:
    base: float
    decisive_lead: float
    cues: tuple[Cue, ...]
    verbs: frozenset[str]
    not_verbs: frozenset[str]
    imperatives: frozenset[str]
    fronted_imperatives: frozenset[str]  # only after a fronted phrase ("Every hour, look ...")
    subordinators: frozenset[str]


@dataclass(frozen=True)
class FigureClass:
    """A figure's class and the names of the cues that gave it (empty: the default).

    `features` are what the fitted model (data/figure_model.json) read of the figure;
    `score` is its claim score (the threshold is the model's)."""

    name: str
    cues: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    score: float = 0.0
    decided: bool = False  # the hand-set cues decided alone (decisive cue or lead)


def _verb_forms(verbs: Iterable[str]) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb, f"{verb}s", f"{verb}es", f"{verb}ed", f"{verb}d", f"{stem}ing"})
        if len(verb) <= 4 and verb[-1] not in "aeiouwy":  # stop -> stopped, cut -> cutting
            forms.update({f"{verb}{verb[-1]}ed", f"{verb}{verb[-1]}ing"})
    return frozenset(forms)


def _regex(raw: dict[str, Any]) -> re.Pattern[str]:
    """A `pattern` cue's regular expressions as one (they keep their case)."""
    try:
        return re.compile("|".join(f"(?:{v})" for v in raw.get("values") or ()))
    except re.error as error:
        raise ValueError(f"{DATA_FILE}: cue {raw.get('name')!r}: bad pattern: {error}") from None


def _cue(raw: dict[str, Any]) -> Cue:
    name = raw.get("name", "?")
    test, figure_class = raw.get("test"), raw.get("class")
    if test not in _TEST_FUNCTIONS:
        raise ValueError(f"{DATA_FILE}: cue {name!r}: unknown test {test!r}")
    if figure_class not in FIGURE_CLASSES:
        raise ValueError(f"{DATA_FILE}: cue {name!r}: unknown class {figure_class!r}")
    if not all(isinstance(v, str) for v in raw.get("values") or ()):
        # YAML reads a bare on/off/yes/no as a boolean: quote such words in the data file.
        raise ValueError(f"{DATA_FILE}: cue {name!r}: every value must be a string")
    values = [v.lower() for v in raw.get("values") or ()]  # patterns keep their case
    return Cue(
        name=name,
        figure_class=figure_class,
        weight=float(raw["weight"]),
        test=test,
        words=phrase_pattern(values, word=r"[\w]")
        if test in ("words", "fragment-words", "directive", "interval")
        else _regex(raw)
        if test == "pattern"
        else None,
        values=frozenset(values),
        before=raw.get("before"),
        after=raw.get("after"),
        kinds=frozenset(raw.get("kinds") or ()),
        units=frozenset(raw.get("units") or ()),
        at_least=float(raw.get("at_least", 0)),
        max_words=int(raw.get("max_words", 4)),
        decisive=bool(raw.get("decisive", False)),
    )


@cache
def class_model() -> ClassModel:
    data = shared_data_file(DATA_FILE)
    return ClassModel(
        base=float(data["base"]),
        decisive_lead=float(data["decisive_lead"]),
        cues=tuple(_cue(raw) for raw in data["cues"]),
        verbs=_verb_forms([*data["verbs"], *data["imperatives"]]),
        not_verbs=frozenset(data["not_verbs"]),
        imperatives=frozenset(data["imperatives"]),
        fronted_imperatives=frozenset([*data["imperatives"], *data["fronted_imperatives"]]),
        subordinators=frozenset(data["subordinators"]),
    )


class FittedModel(LinearModel):
    """The weights scripts/fit_figure_model.py fitted to labelled pages: a figure is a claim
    when `bias` plus the weights of its features reach `threshold`."""

    def score(self, features: Iterable[str]) -> float:
        return self.total(features)

    def strongest(self, features: Iterable[str], claim: bool, skip: Iterable[str]) -> list[str]:
        """The features that pushed hardest towards the decision (for `class_cues`)."""
        sign = 1.0 if claim else -1.0
        pushing = [
            (self.weights.get(f, 0.0) * sign, f)
            for f in features
            if self.weights.get(f, 0.0) * sign > 0 and f.removeprefix("cue:") not in skip
        ]
        return [f for _, f in sorted(pushing, reverse=True)[:TOP_FEATURES]]


@cache
def fitted_model() -> FittedModel:
    return FittedModel.read(MODEL_FILE)


def register_extensions() -> None:
    if not Span.has_extension("kl_class"):
        Span.set_extension("kl_class", default=None)
    if not Doc.has_extension("kl_block_kind"):
        Doc.set_extension("kl_block_kind", default="paragraph")


@Language.factory(
    "kl_figure_classes",
    assigns=["span._.kl_class"],
    default_config={"spans_key": "kl_numeric"},
)
def make_classifier(nlp: Language, name: str, spans_key: str) -> FigureClassifier:
    return FigureClassifier(spans_key)


class FigureClassifier:
    def __init__(self, spans_key: str) -> None:
        register_extensions()
        self.spans_key = spans_key
        self.model = class_model()
        self.fitted = fitted_model()
        self.weights = {cue.name: cue.weight for cue in self.model.cues}
        self.cue_weight = evidence_model().cue_weight

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(self.spans_key, [])
        starts = sorted(span.start for span in spans)
        for span in spans:
            span._.kl_class = self.classify(span, starts)
        return doc

    def classify(self, span: Span, starts: list[int]) -> FigureClass:
        reading: NumericReading = span._.kl_reading
        context = _Context(span, reading, self.model, self.spans_key, starts)
        scores = {name: 0.0 for name in FIGURE_CLASSES}
        scores["claim"] = self.model.base
        fired: dict[str, list[str]] = {name: [] for name in FIGURE_CLASSES}
        for cue in self.model.cues:
            if cue.kinds and reading.kind not in cue.kinds:
                continue
            if cue.units and reading.unit not in cue.units:
                continue
            if _holds(cue, context):
                scores[cue.figure_class] += cue.weight
                fired[cue.figure_class].append(cue.name)
        hand = max(FIGURE_CLASSES, key=lambda name: (scores[name], name == "claim"))
        features = figure_features(context, [c for names in fired.values() for c in names], hand)
        score = self.fitted.score(features)
        # Cues that set a figure aside by a wide lead, or one marked `decisive` ("per
        # capsule", "20% off", a restated figure), decide alone: they are rare in the
        # labelled pages, so the model cannot weigh them, and set aside no real claim there.
        hand_decisive = any(cue.decisive for cue in self.model.cues if cue.name in fired[hand])
        decided = hand != "claim" and (
            scores[hand] - scores["claim"] >= self.model.decisive_lead or hand_decisive
        )
        # A claim cue marked `decisive` ("33% reduction", "diarrhea (5%)") makes the figure a
        # result whatever the fragment or table it stands in: the model is not asked either.
        sure = hand == "claim" and hand_decisive
        claim = sure or (score >= self.fitted.threshold and not decided)
        if claim:
            best = "claim"
        elif hand != "claim":
            best = hand
        else:
            # Set aside by the model alone: the strongest class of the other cues, or, with
            # none, an identifier (a number of the copy itself, no result).
            best = max(FIGURE_CLASSES[1:], key=lambda name: (scores[name], name == "identifier"))
        cues = fired[best]
        top = self.fitted.strongest(features, claim, cues)
        if claim and confidence_level(span, reading):
            # "95% CI" reads as a result to every cue; it is how sure a study is.
            return FigureClass("fact", ("confidence-level",), features, round(score, 3), decided)
        if claim and not sure:
            # Round 10: a claim needs positive evidence of health (evidence.py); without it
            # a figure takes the cues' other class, or is a fact.
            figures = span.doc.spans.get(self.spans_key, [])
            found, why = health_evidence(span, reading, figures)
            if (
                found == "fact" and why not in DOSE_CUES and why not in ASIDE_CUES
            ):  # round 20: an example's weight
                strong = [n for n in fired["claim"] if self.weights[n] >= self.cue_weight]
                if strong:
                    found, why = "claim", f"evidence:cue:{strong[0]}"  # a strong claim cue
            if found != "claim":
                other = hand if hand != "claim" and found == "fact" else found
                kept = fired.get(other, [])
                # The features that pushed toward setting the figure aside, as for any
                # figure the model set aside.
                aside = self.fitted.strongest(features, False, kept)
                return FigureClass(other, (*kept, why, *aside), features, round(score, 3), decided)
            cues = [*cues, why]
        return FigureClass(best, (*cues, *top), features, round(score, 3), decided)


class _Context:
    """What the tests look at around one figure, computed on demand and kept."""

    def __init__(
        self,
        span: Span,
        reading: NumericReading,
        model: ClassModel,
        spans_key: str,
        figure_starts: list[int],
    ) -> None:
        self.span = span
        self.figure_starts = figure_starts  # of all figures in the block, sorted
        self.spans_key = spans_key
        self.doc = span.doc
        self.sent = span.sent
        self.reading = reading
        self.model = model
        self.block = _BLOCK_KINDS.get(self.doc._.kl_block_kind, self.doc._.kl_block_kind)
        self._texts: dict[tuple[int, int], str] = {}
        self._verbs: dict[tuple[int, int], bool] = {}

    @cached_property
    def sent_text(self) -> str:
        """The sentence's text, made once (Span.text joins its tokens on every access)."""
        return self.sent.text

    def text(self, start: int, end: int) -> str:
        key = (max(start, self.sent.start), min(end, self.sent.end))
        if key not in self._texts:
            self._texts[key] = self.doc[key[0] : key[1]].text.lower()
        return self._texts[key]

    def is_verb(self, word: str) -> bool:
        if word in self.model.not_verbs:
            return False
        if word in self.model.verbs:
            return True
        return (len(word) > 5 and word.endswith("ed")) or word.endswith(("ize", "izes", "ized"))

    def has_verb(self, start: int, end: int) -> bool:
        """Whether a verb stands in doc[start:end]; kept, as several cues ask of the sentence."""
        found = self._verbs.get((start, end))
        if found is None:
            found = any(
                self.is_verb(token.lower_)
                for token in self.doc[start:end]
                if token.is_alpha or "'" in token.text
            )
            self._verbs[(start, end)] = found
        return found

    def clause_start(self) -> int:
        """Where the figure's clause begins: the sentence start or just after a colon, or
        after a hyphen spaced as a dash ("Adults - take 2 capsules", round 8)."""
        start = self.sent.start
        for index in range(self.span.start - 1, self.sent.start - 1, -1):
            token = self.doc[index]
            spaced_dash = (
                token.text == "-"
                and bool(token.whitespace_)
                and index > self.sent.start
                and bool(self.doc[index - 1].whitespace_)
            )
            if token.text in _CLAUSE_BREAKS or spaced_dash:
                start = index + 1
                break
        while start < self.span.start and (
            self.doc[start].lower_ in _CLAUSE_LEADS or self.doc[start].like_num
        ):
            start += 1
        return start


def _words(cue: Cue, ctx: _Context) -> bool:
    span = ctx.span
    assert cue.words is not None
    if cue.before is None and cue.after is None:
        text = ctx.text(ctx.sent.start, ctx.sent.end)
        return bool(cue.words.search(text))
    if cue.before is not None and cue.words.search(ctx.text(span.start - cue.before, span.start)):
        return True
    return cue.after is not None and bool(
        cue.words.search(ctx.text(span.end, span.end + cue.after))
    )


def _directive(cue: Cue, ctx: _Context) -> bool:
    """A directive phrase within `before` tokens, with no subordinate clause after it."""
    assert cue.words is not None
    start = ctx.span.start - (cue.before or 12)
    matches = list(cue.words.finditer(ctx.text(start, ctx.span.start)))
    if not matches:
        return False
    tail = ctx.text(start, ctx.span.start)[matches[-1].end() :].split()
    return not any(word.strip(",.;") in ctx.model.subordinators for word in tail)


def _label_value(cue: Cue, ctx: _Context) -> bool:
    """ "Price: $23.44", "Standard Dose: 2 capsules": a short label, a colon, the figure."""
    span, doc = ctx.span, ctx.doc
    for index in range(span.start - 1, max(ctx.sent.start, span.start - 4) - 1, -1):
        if doc[index].text == ":":
            words = [t for t in doc[ctx.sent.start : index] if t.is_alpha]
            fragment = not ctx.has_verb(index + 1, ctx.sent.end)
            return 0 < len(words) <= cue.max_words and fragment
    return False


def _line_label(cue: Cue, ctx: _Context) -> list[str] | None:
    """The label of a label line, lower-cased without its markup: the words before a colon
    just before the figure ("Age 41: 28%", "**IUI**: 15% per cycle") or before the
    parenthesis around it ("Male factors (40%)"); None when the figure has no short label
    or a verb stands in it."""
    span, doc, start = ctx.span, ctx.doc, ctx.sent.start
    end = None
    for index in range(span.start - 1, max(start, span.start - 4) - 1, -1):
        if doc[index].text == ":":
            end = index
            break
    if end is None and span.start > start and doc[span.start - 1].text == "(":
        end = span.start - 1
    if end is None or end == start or ctx.has_verb(start, end):
        return None
    if ctx.has_verb(end + 1, span.start):
        return None  # "Adults: take 2 tablets": a direction, not a result for a group
    words = [t.lower_ for t in doc[start:end] if t.is_alpha or t.like_num or "-" in t.text]
    alpha = [w for w in words if w.isalpha()]
    return words if len(words) > 0 and len(alpha) <= cue.max_words else None


def _label_names(cue: Cue, ctx: _Context) -> bool:
    """ "Success rates: 10-20%", "Male factors (40%)": the label names a group of people, a
    rate or an outcome (`values`), not a component, a size or a price."""
    words = _line_label(cue, ctx)
    return words is not None and any(w in cue.values for w in words)


def _label_bracket(cue: Cue, ctx: _Context) -> bool:
    """ "Age 41: 28-35%", "**30-35**: 10-15 eggs", "Under 35: 60%": the label is a bracket
    of ages or sizes, a number with only bracket words (`values`) beside it."""
    words = _line_label(cue, ctx)
    if not words or not any(any(ch.isdigit() for ch in w) for w in words):
        return False
    return all(w in cue.values for w in words if w.isalpha())


# A short phrase of time or purpose that may stand before an imperative ("Every 20
# minutes, look away", "For best results, wear your aligners ...", round 9).
_FRONTED_LEADS = frozenset(
    {"for", "after", "before", "during", "every", "each", "within", "once", "following", "at"}
)
_FRONTED_MAX = 6  # tokens before the comma


def _fronted_imperative(ctx: _Context, start: int) -> bool:
    """The clause opens with a short phrase of time or purpose, a comma, then an imperative;
    the figure stands in that phrase or after the imperative with no subordinator between."""
    doc, span = ctx.doc, ctx.span
    if doc[start].lower_ not in _FRONTED_LEADS:
        return False
    end = min(start + _FRONTED_MAX + 1, ctx.sent.end - 1)
    comma = next((i for i in range(start + 1, end) if doc[i].text == ","), None)
    if comma is None or doc[comma + 1].lower_ not in ctx.model.fronted_imperatives:
        return False
    if span.start < comma:
        return True
    between = doc[comma + 2 : span.start]
    return span.start > comma + 1 and not any(t.lower_ in ctx.model.subordinators for t in between)


def _imperative(cue: Cue, ctx: _Context) -> bool:
    start = ctx.clause_start()
    if start >= ctx.span.start:
        return False
    first = ctx.doc[start]
    if first.lower_ not in ctx.model.imperatives:
        return _fronted_imperative(ctx, start)
    if any(t.lower_ in ctx.model.subordinators for t in ctx.doc[start + 1 : ctx.span.start]):
        return False
    # "Take" in a heading of title-case words is a name more often than an order.
    return not (first.is_title and start + 1 < len(ctx.doc) and ctx.doc[start + 1].is_title)


def _interval(cue: Cue, ctx: _Context) -> bool:
    """ "every 6 months" in a sentence that names a visit or a recommendation (`values`):
    a check-up or maintenance interval (round 9)."""
    span = ctx.span
    if span.start <= ctx.sent.start or ctx.doc[span.start - 1].lower_ != "every":
        return False
    assert cue.words is not None
    return bool(cue.words.search(ctx.text(ctx.sent.start, ctx.sent.end)))


def _one_of(cue: Cue, ctx: _Context) -> bool:
    """A count of one before one of `values`: "in a single visit", "one session" (round 9)."""
    span, doc = ctx.span, ctx.doc
    if ctx.reading.value != 1 or span.end >= len(doc):
        return False
    return doc[span.end].lower_ in cue.values


def _name_after(cue: Cue, ctx: _Context) -> bool:
    """ "the 20-20-20 rule", "5-alpha reductase": the figure names a thing."""
    doc, index = ctx.doc, ctx.span.end
    while index < len(doc) and (doc[index].like_num or doc[index].text in ("-", "/", ":")):
        index += 1
    # The name may come one word later: "the 4-7-8 breathing technique".
    return any(t.lower_ in cue.values for t in doc[index : index + 2])


def _caps_before(cue: Cue, ctx: _Context) -> bool:
    if ctx.reading.unit != "count" or ctx.span.start == 0:
        return False
    before = ctx.doc[ctx.span.start - 1]
    return before.is_alpha and before.is_upper and len(before) >= 2


def _hyphen_word(cue: Cue, ctx: _Context) -> bool:
    doc, end = ctx.doc, ctx.span.end
    if ctx.reading.unit != "count" or end + 1 >= len(doc):
        return False
    return doc[end].text == "-" and doc[end + 1].is_alpha


_FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "the", "of", "to", "for", "in", "on", "at", "by", "with", "from"),
        *("about", "than", "and", "or", "but", "over", "under", "only", "just", "nearly"),
        *("almost", "around", "some", "all", "last", "first", "next", "every", "each", "per"),
        *("up", "as", "is", "are", "was", "were", "be", "been", "within", "after", "before"),
    }
)
_JOINING_WORDS = frozenset({"but", "and", "or", "so", "which", "while"})


def _bare_digits(ctx: _Context) -> bool:
    span = ctx.span
    return ctx.reading.unit == "count" and len(span) == 1 and span[0].text.isdigit()


def _list_number(cue: Cue, ctx: _Context) -> bool:
    """ "... clarity 3.", "regulate cycles 3 but ...": a list or footnote number after a word."""
    doc, span = ctx.doc, ctx.span
    if not _bare_digits(ctx) or span.start == 0:
        return False
    before = doc[span.start - 1]
    if not before.is_alpha or before.lower_ in _FUNCTION_WORDS or before.is_upper:
        return False
    if span.end >= len(doc):
        return True
    after = doc[span.end]
    return after.text in (".", ")", ",", ";", "!", "?") or after.lower_ in _JOINING_WORDS


def _footnote_number(cue: Cue, ctx: _Context) -> bool:
    """ "... the Pill. 2 This regulates ...": a superscript footnote number, flattened."""
    doc, span = ctx.doc, ctx.span
    if not _bare_digits(ctx) or span.start == 0 or span.start != ctx.sent.start:
        return False
    if doc[span.start - 1].text not in (".", "!", "?") or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.is_title and after.lower_ not in ctx.model.verbs


def _restated(cue: Cue, ctx: _Context) -> bool:
    """ "one quarter (1/4)": the same figure again. A conversion into another unit
    ("10 micrograms (400 IU)") is kept: a registry entry may state either unit."""
    start = ctx.span.start
    if start < 2 or ctx.doc[start - 1].text != "(":
        return False
    unit = ctx.reading.unit
    return any(
        other.end == start - 1 and other._.kl_reading.unit == unit
        for other in ctx.doc.spans.get(ctx.spans_key, [])
    )


def _condition_near(cue: Cue, ctx: _Context) -> bool:
    """A condition (data/medical.yaml) ends within `before` tokens of the figure or starts
    within `after` tokens after it, in its sentence: "Diarrhea (5%)", "5% had nausea"."""
    span, sent = ctx.span, ctx.sent
    low = max(sent.start, span.start - (cue.before or 0))
    high = min(sent.end, span.end + (cue.after or 0))
    near = any(
        entity.label_ == "CONDITION"
        and (low <= entity.end - 1 < span.start or span.end <= entity.start < high)
        for entity in ctx.doc.ents
    )
    # "Acne Spot Gel 2% Salicylic Acid": a strength (round 16); looked up only when needed.
    return near and not concentration(span)


# What may stand between a menu item's name and its length: "Peel (face only) 20 minutes".
# "Treatment (45-60 minutes)": a length in parentheses after a name (round 8).
_NAME_ENDS = frozenset({")", "(", "-", "–", "—", "|", ",", "·", "•"})


def _bare_length(cue: Cue, ctx: _Context) -> bool:
    """ "Power Peel (face only) 20 minutes", "Express Facial 30m": a length set after a name
    in a verbless line, with no preposition before it ("Peak level in 2-4 hours" is a
    result, "Onset: within 30 minutes" too)."""
    span = ctx.span
    if span.start == 0 or ctx.has_verb(ctx.sent.start, ctx.sent.end):
        return False
    before = ctx.doc[span.start - 1]
    if before.is_alpha:
        return before.lower_ not in _FUNCTION_WORDS and before.lower_ not in ("within", "until")
    return before.text in _NAME_ENDS


def _pattern(cue: Cue, ctx: _Context) -> bool:
    assert cue.words is not None
    return bool(cue.words.search(ctx.sent_text))


def _spelled_count(cue: Cue, ctx: _Context) -> bool:
    reading, span, doc = ctx.reading, ctx.span, ctx.doc
    if reading.value is None or reading.value >= cue.at_least or reading.qualifier:
        return False
    if not all(t.is_alpha or t.text == "-" for t in span):
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if "of" in (before, after) or after in ("in", "out") or before in ("or", "to"):
        return False  # "two of three", "a day or two"
    if doc[span.end : span.end + 3].text.lower() == "and a half":
        return False  # "two and a half months": a duration, read in parts
    return not any(t.lower_ in cue.values for t in doc[span.end : span.end + (cue.after or 3)])


def _small_count(cue: Cue, ctx: _Context) -> bool:
    doc, span = ctx.doc, ctx.span
    value = ctx.reading.value
    if value is None or value >= cue.at_least or ctx.reading.unit != "count":
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if "of" in (before, after):
        return False  # "two of three criteria" is a share
    return any(t.lower_ in cue.values for t in doc[span.end : span.end + (cue.after or 2)])


_TEST_FUNCTIONS: dict[str, Callable[[Cue, _Context], bool]] = {
    "kind": lambda cue, ctx: ctx.reading.kind in cue.values,
    "unit": lambda cue, ctx: (ctx.reading.unit or "") in cue.values,
    "scaled": lambda cue, ctx: _scaled(cue, ctx),
    "block": lambda cue, ctx: ctx.block in cue.values,
    "no-verb": lambda cue, ctx: not ctx.has_verb(ctx.sent.start, ctx.sent.end),
    "health-fragment": lambda cue, ctx: (
        not ctx.has_verb(ctx.sent.start, ctx.sent.end)
        and names_health(ctx.sent, ctx.span, cue.values)
    ),
    "label-value": _label_value,
    "label-names": _label_names,
    "label-bracket": _label_bracket,
    "imperative": _imperative,
    "directive": _directive,
    "interval": _interval,
    "one-of": _one_of,
    "words": _words,
    # Round 19b: `words`, in a line without a verb ("60% fewer hospital stays").
    "fragment-words": lambda cue, ctx: (
        not ctx.has_verb(ctx.sent.start, ctx.sent.end) and _words(cue, ctx)
    ),
    "name-after": _name_after,
    "caps-before": _caps_before,
    "hyphen-word": _hyphen_word,
    "list-number": _list_number,
    "footnote-number": _footnote_number,
    "pattern": _pattern,
    "condition-near": _condition_near,
    "bare-length": _bare_length,
    "small-count": _small_count,
    "spelled-count": _spelled_count,
    "restated": _restated,
}


_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# Words around a figure that the fitted model reads: this many tokens each side, in the
# figure's sentence.
WORD_WINDOW = 5
_SIZES = ((1, "under-1"), (10, "1-9"), (100, "10-99"), (1000, "100-999"), (1_000_000, "1e3-1e6"))


def _size(reading: NumericReading) -> str:
    size = max(reading.value or 0, reading.high or 0)
    return next((name for limit, name in _SIZES if size < limit), "1e6+")


def figure_features(ctx: _Context, cues: Iterable[str], hand: str) -> tuple[str, ...]:
    """What the fitted model reads of a figure: the cues that held, the class they give, the
    figure's kind, unit, size and form, its block, its sentence's shape, and the words around
    it. Names only: the model's weights (data/figure_model.json) say what each is worth."""
    span, doc, sent, reading = ctx.span, ctx.doc, ctx.sent, ctx.reading
    found = {f"cue:{name}" for name in cues}
    found.update(
        {
            f"hand:{hand}",
            f"kind:{reading.kind}",
            f"unit:{reading.unit or 'none'}",
            f"block:{ctx.block}",
            f"size:{_size(reading)}",
        }
    )
    if reading.qualifier:
        found.add("qualifier")
    if _YEAR.match(span.text):
        found.add("year-like")
    if not any(character.isdigit() for character in span.text):
        found.add("spelled")  # "three", "a dozen": no digit at all
    if not ctx.has_verb(sent.start, sent.end):
        found.add("no-verb")
    if ctx.clause_start() >= span.start:
        found.add("clause-start")
    if ctx.sent_text.rstrip().endswith("?"):
        found.add("question")
    # Other figures that start in the sentence (the starts are sorted: no loop over all).
    starts = ctx.figure_starts
    others = bisect_left(starts, sent.end) - bisect_left(starts, sent.start) - 1
    found.add(f"other-figures:{min(others, 2)}")
    words = sum(1 for token in sent if token.is_alpha)
    found.add("length:short" if words <= 6 else "length:long" if words > 25 else "length:mid")
    for token in doc[max(span.start - WORD_WINDOW, sent.start) : span.start]:
        if token.is_alpha:
            found.add(f"before:{token.lower_}")
    for token in doc[span.end : min(span.end + WORD_WINDOW, sent.end)]:
        if token.is_alpha:
            found.add(f"after:{token.lower_}")
    for token in sent:
        if token.is_alpha and len(token) > 2:
            found.add(f"sentence:{token.lower_}")
    return tuple(sorted(found))


def _scaled(cue: Cue, ctx: _Context) -> bool:
    """At least `at_least`; a year written alone ("2015 guidelines") is no quantity."""
    if _YEAR.match(ctx.span.text):
        return False
    return max(ctx.reading.value or 0, ctx.reading.high or 0) >= cue.at_least


def _holds(cue: Cue, ctx: _Context) -> bool:
    return _TEST_FUNCTIONS[cue.test](cue, ctx)
