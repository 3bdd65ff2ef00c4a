"""Stage 4, verify: each Claim against the registry gives a Verdict.

Matching: an entry is a candidate when every one of its `match` groups has a term in the
claim's sentence and its unit is compatible. Comparison treats the copy's qualifier as an
interval (see docs/verification.md): "over 90%" needs a source figure of at least 90%,
"almost 49 million" one a little below 49 million, a bare figure one within the tolerance.

A `prohibited` entry without a figure forbids every claim it matches, figures included
("Do not state a success rate for ketamine in migraine" forbids "a 92% success rate"). A
claim no entry matches is told which entry it nearly matches (issue 14): one whose groups
all occur but one, or whose statement reads almost like the claim's sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from kalypso_lint.figures import conversion_factor, format_figure
from kalypso_lint.models import Claim, Verdict
from kalypso_lint.registry import Entry, Registry
from kalypso_lint.registry.model import normalise_term

_EPSILON = 1e-9
# Disease and structure/function claims are the regulatory readings of efficacy claims
# (issue 13): a registry entry of kind `efficacy` supports them too.
EFFICACY_FAMILY = {"disease": ("efficacy",), "structure-function": ("efficacy",)}
# How far below the stated figure "almost"/"nearly" may go, in multiples of the tolerance.
ALMOST_REACH = 2.0
# How alike (rapidfuzz ratio, 0-100) a claim's sentence and an entry's statement must be for
# the entry to be suggested when no group rule gives a near miss.
NEAR_STATEMENT_SCORE = 85.0


@dataclass(frozen=True)
class VerifySettings:
    tolerance: float = 0.05
    today: date = field(default_factory=date.today)
    review_interval_days: int = 365
    # Phrase rules whose claims a citation next to them supports (`cited-ok`).
    cited_ok: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Candidate:
    entry: Entry
    groups: tuple[frozenset[str], ...]

    def missing(self, terms: frozenset[str]) -> list[int]:
        """Indexes of the groups with no term among `terms`."""
        return [i for i, group in enumerate(self.groups) if not group & terms]


class Verifier:
    """Holds the registry's entries prepared for matching; built once per run."""

    def __init__(self, registry: Registry, settings: VerifySettings) -> None:
        self.registry = registry
        self.settings = settings
        self._candidates = [
            _Candidate(e, tuple(frozenset(normalise_term(t) for t in g) for g in e.match))
            for e in registry.entries
        ]

    @cached_property
    def _statements(self) -> dict[int, str]:
        """Entry statements prepared for fuzzy comparison, on the first near-miss lookup:
        rapidfuzz is imported only by a run that has one (issue 16, cold start)."""
        if not self._candidates:
            return {}
        from rapidfuzz import utils

        return {
            i: utils.default_process(c.entry.statement)
            for i, c in enumerate(self._candidates)
            if c.entry.statement
        }

    def matching_entries(self, claim: Claim, numeric: bool) -> list[tuple[Entry, int]]:
        """Entries whose every match group occurs in the sentence, with their group count."""
        found = []
        for candidate in self._candidates:
            if candidate.entry.is_numeric != numeric:
                continue
            if all(group & claim.terms for group in candidate.groups):
                found.append((candidate.entry, len(candidate.groups)))
        return found

    def verify(
        self,
        claim: Claim,
        testimonials_disclaimed: bool = False,
        disclaimed_kinds: frozenset[str] = frozenset(),
    ) -> Verdict:
        """The verdict on one claim; `testimonials_disclaimed`: the page has a disclaimer;
        `disclaimed_kinds`: claim kinds whose required disclaimer (a require phrase rule with
        `claim-kinds`) the page carries."""
        if claim.kind in disclaimed_kinds and not claim.pinned_id:
            prohibited = self._verify_statement(claim)
            if prohibited.verdict == "prohibited":
                return prohibited
            return Verdict(claim, "supported", reason="disclaimer")
        if claim.kind == "testimonial":
            if testimonials_disclaimed:
                return Verdict(claim, "supported", reason="disclaimer")
            return Verdict(claim, "unsupported", reason="no-disclaimer")
        if claim.pinned_id:
            entry = self.registry.get(claim.pinned_id)
            if entry is not None:
                return self._judge(claim, entry)
        if claim.category != "numeric":
            verdict = self._verify_statement(claim)
            citable = claim.kind == "study" or claim.rule in self.settings.cited_ok
            if verdict.reason == "no-entry" and claim.cited and citable:
                return Verdict(claim, "supported", reason="citation")
            return self._with_near_miss(verdict)
        forbidden = self._forbidding_statement(claim)
        if forbidden is not None:
            return self._judge(claim, forbidden)
        options = []
        for entry, groups in self.matching_entries(claim, numeric=True):
            outcome = compare(claim, entry, self._tolerance(entry))
            if outcome is None:
                continue  # incompatible units
            rank, distance = outcome
            options.append((-groups, _status_rank(entry), rank, distance, entry.id, entry))
        if not options:
            return self._with_near_miss(Verdict(claim, "unsupported", reason="no-entry"))
        options.sort(key=lambda o: o[:5])
        return self._judge(claim, options[0][5])

    def supports_sentence(self, claim: Claim) -> bool:
        """Whether the registry supports a sentence KL207's model flagged: the statement entry
        (of any kind: the model does not say which) that best matches its terms is approved
        and current. The rule tells writers to add such an entry, so one must answer it."""
        entry = self._best_statement(claim, None)
        return entry is not None and self._judge(claim, entry).verdict == "supported"

    def _forbidding_statement(self, claim: Claim) -> Entry | None:
        """A prohibited entry without a figure that matches this figure's sentence."""
        forbidding = [
            (-groups, entry.id, entry)
            for entry, groups in self.matching_entries(claim, numeric=False)
            if entry.status == "prohibited"
        ]
        return min(forbidding)[2] if forbidding else None

    def _with_near_miss(self, verdict: Verdict) -> Verdict:
        if verdict.reason != "no-entry":
            return verdict
        near = self.near_miss(verdict.claim)
        if near is None:
            return verdict
        return replace(verdict, near_miss=near[0], missing=near[1])

    def near_miss(self, claim: Claim) -> tuple[str, tuple[str, ...]] | None:
        """The entry this claim nearly matches, and the first term of the group it lacks:
        an entry of the claim's sort (a figure for a figure, in compatible units) with two
        or more groups all of which occur but one, the most groups first; else one whose
        statement reads almost like the sentence (`NEAR_STATEMENT_SCORE`). Only approved
        and draft entries are offered."""
        numeric = claim.category == "numeric"
        best: tuple[int, str, str] | None = None
        for candidate in self._candidates:
            entry = candidate.entry
            if len(candidate.groups) < 2 or not self._comparable(claim, entry, numeric):
                continue
            missing = candidate.missing(claim.terms)
            if len(missing) == 1:
                key = (-len(candidate.groups), entry.id, entry.match[missing[0]][0])
                best = key if best is None or key < best else best
        if best is not None:
            return best[1], (best[2],)
        choices = {
            i: text
            for i, text in self._statements.items()
            if self._comparable(claim, self._candidates[i].entry, numeric)
        }
        if not choices:
            return None  # as extractOne answers, without importing rapidfuzz
        from rapidfuzz import fuzz, process, utils

        found = process.extractOne(
            utils.default_process(claim.sentence),
            choices,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_STATEMENT_SCORE,
        )
        if found is None:
            return None
        return self._candidates[found[2]].entry.id, ()

    @staticmethod
    def _comparable(claim: Claim, entry: Entry, numeric: bool) -> bool:
        """Whether `entry` could support `claim` once its terms match: a prohibited or
        retired entry is never offered as the one meant."""
        if entry.status not in ("approved", "draft") or entry.is_numeric != numeric:
            return False
        if numeric:
            return conversion_factor(entry.unit, claim.unit) is not None
        return entry.kind in (None, claim.kind, *EFFICACY_FAMILY.get(claim.kind, ()))

    def _verify_statement(self, claim: Claim) -> Verdict:
        accepted = (None, claim.kind, *EFFICACY_FAMILY.get(claim.kind, ()))
        entry = self._best_statement(claim, accepted)
        if entry is None:
            return Verdict(claim, "unsupported", reason="no-entry")
        return self._judge(claim, entry)

    def _best_statement(self, claim: Claim, kinds: tuple[str | None, ...] | None) -> Entry | None:
        """The entry without a figure that fits the sentence best (most match groups, then
        status, then id), of `kinds` (None: any kind)."""
        matches = [
            (entry, groups)
            for entry, groups in self.matching_entries(claim, numeric=False)
            if kinds is None or entry.kind in kinds
        ]
        if not matches:
            return None
        return min(matches, key=lambda o: (-o[1], _status_rank(o[0]), o[0].id))[0]

    def _tolerance(self, entry: Entry) -> float:
        return entry.tolerance if entry.tolerance is not None else self.settings.tolerance

    def _judge(self, claim: Claim, entry: Entry) -> Verdict:
        located = self.registry.locations.get(entry.id)
        base = dict(
            registry_id=entry.id,
            expected=format_figure(
                entry.value,
                entry.range[0] if entry.range else None,
                entry.range[1] if entry.range else None,
                entry.unit,
            )
            if entry.is_numeric
            else None,
            statement=entry.statement,
            sources=tuple(s.link for s in entry.sources),
            registry_path=f"{located.path}:{located.line}" if located else None,
        )
        if entry.status == "prohibited":
            return Verdict(claim, "prohibited", reason="prohibited", **base)  # type: ignore[arg-type]
        if entry.status in ("draft", "retired"):
            return Verdict(claim, "unsupported", reason=entry.status, **base)  # type: ignore[arg-type]
        if entry.is_numeric and claim.category == "numeric":
            outcome = compare(claim, entry, self._tolerance(entry))
            if outcome is not None and outcome[0] > 0:
                reason = "qualifier" if outcome[0] == 1 else "figure"
                return Verdict(claim, "inconsistent", reason=reason, **base)  # type: ignore[arg-type]
        if entry.expires and entry.expires < self.settings.today:
            # Lapsed evidence supports nothing (KL106, an error), as `sources check` reports
            # it (KL413); only a review that is merely overdue is a warning (KL104).
            return Verdict(claim, "unsupported", reason="expired", **base)  # type: ignore[arg-type]
        staleness = self._staleness(entry)
        if staleness:
            return Verdict(claim, "stale", reason=staleness, **base)  # type: ignore[arg-type]
        return Verdict(claim, "supported", **base)  # type: ignore[arg-type]

    def date_state(self) -> tuple[tuple[str, str], ...]:
        """Everything a verdict takes from `today`: which entries are stale, and why. The
        results cache keys on this instead of the date, so a new day reuses results until an
        entry expires (issue 7). A new use of `today` must be reflected here."""
        return tuple(
            (entry.id, staleness)
            for entry in self.registry.entries
            if (staleness := self._staleness(entry))
        )

    def _staleness(self, entry: Entry) -> str:
        today = self.settings.today
        if entry.expires and entry.expires < today:
            return f"expired on {entry.expires.isoformat()}"
        limit = timedelta(days=self.settings.review_interval_days)
        if entry.reviewed and entry.reviewed + limit < today:
            return (
                f"was last reviewed on {entry.reviewed.isoformat()}, "
                f"over {self.settings.review_interval_days} days ago"
            )
        return ""


def _status_rank(entry: Entry) -> int:
    return {"approved": 0, "prohibited": 1, "draft": 2, "retired": 3}[entry.status]


def compare(claim: Claim, entry: Entry, tolerance: float) -> tuple[int, float] | None:
    """(rank, distance): rank 0 consistent, 1 qualifier contradicts, 2 figure differs.

    None when the units cannot be compared. Distance orders candidates (closest first).
    """
    bounds = entry.bounds
    factor = conversion_factor(entry.unit, claim.unit)
    if bounds is None or factor is None:
        return None
    low, high = bounds[0] * factor, bounds[1] * factor
    t = tolerance
    if claim.is_range:
        c_low, c_high = claim.low or 0.0, claim.high or 0.0
        distance = abs(c_low - low) / max(abs(low), _EPSILON) + abs(c_high - high) / max(
            abs(high), _EPSILON
        )
        if low == high:  # a point source inside the stated range is consistent
            ok = c_low - _EPSILON <= low <= c_high + _EPSILON
        else:
            ok = _within(c_low, low, t) and _within(c_high, high, t)
        return (0 if ok else 2), distance
    x = claim.value if claim.value is not None else 0.0
    within = low * (1 - t) - _EPSILON <= x <= high * (1 + t) + _EPSILON
    nearest = min(abs(x - low), abs(x - high))
    distance = nearest / max(abs(x), _EPSILON)
    qualifier = claim.qualifier
    if qualifier in ("over", "at least"):
        ok = low >= x * (1 - _EPSILON)
    elif qualifier == "almost":
        ok = x * (1 - ALMOST_REACH * t) - _EPSILON <= low and high <= x * (1 + _EPSILON)
    elif qualifier == "up to":
        ok = _within(x, high, t)
    elif qualifier == "under":
        ok = high <= x * (1 + _EPSILON)
    else:  # none or "about"
        return (0 if within else 2), distance
    if ok:
        return 0, distance
    return (1 if within else 2), distance


def _within(stated: float, source: float, tolerance: float) -> bool:
    return abs(stated - source) <= tolerance * abs(source) + _EPSILON
