"""How the copy uses the registry: what `registry stats` and `registry show` report (issue 9).

Plain values computed from the registry and the verdicts of a check run; the commands only
print them. "Dead" entries are those no claim in the checked copy was verified against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kalypso_lint.models import Finding, RunResult, Span, Verdict
from kalypso_lint.registry.load import Located, Registry
from kalypso_lint.registry.model import Entry

STATUSES = ("approved", "draft", "retired", "prohibited")


@dataclass(frozen=True)
class Place:
    """One statement of an entry in the copy: the claim's verdict and the codes found there."""

    verdict: Verdict
    codes: tuple[str, ...]


@dataclass(frozen=True)
class EntryUse:
    entry: Entry
    location: Located | None
    places: tuple[Place, ...]

    @property
    def backed(self) -> int:
        """Claims this entry supports (verdict `supported`)."""
        return sum(1 for p in self.places if p.verdict.verdict == "supported")


@dataclass(frozen=True)
class Dated:
    entry_id: str
    day: date


@dataclass(frozen=True)
class RegistryStats:
    files: int
    by_status: dict[str, int]
    without_sources: tuple[str, ...]
    expired: tuple[Dated, ...]
    expiring: tuple[Dated, ...]
    review_overdue: tuple[Dated, ...]
    never_matched: tuple[str, ...]
    uses: tuple[EntryUse, ...]
    checked_files: int
    checked_claims: int
    matched_claims: int


def entry_uses(registry: Registry, result: RunResult) -> dict[str, EntryUse]:
    """Every entry (registry order) with the places in the copy verified against it."""
    codes: dict[tuple[str, Span], list[str]] = {}
    finding: Finding
    for finding in result.findings:
        codes.setdefault((finding.path, finding.span), []).append(finding.code)
    places: dict[str, list[Place]] = {}
    for verdict in result.claims:
        if verdict.registry_id:
            key = (verdict.claim.path, verdict.claim.span)
            places.setdefault(verdict.registry_id, []).append(
                Place(verdict, tuple(codes.get(key, ())))
            )
    return {
        entry.id: EntryUse(entry, registry.locations.get(entry.id), tuple(places.get(entry.id, ())))
        for entry in registry.entries
    }


def registry_stats(
    registry: Registry,
    result: RunResult,
    today: date,
    expiry_warning_days: int,
    review_interval_days: int,
) -> RegistryStats:
    uses = entry_uses(registry, result)
    entries = registry.entries
    by_status = {status: 0 for status in STATUSES}
    for entry in entries:
        by_status[entry.status] += 1
    soon = today + timedelta(days=expiry_warning_days)
    review_limit = today - timedelta(days=review_interval_days)
    return RegistryStats(
        files=len({loc.path for loc in registry.locations.values()}),
        by_status=by_status,
        without_sources=tuple(e.id for e in entries if not e.sources),
        expired=tuple(Dated(e.id, e.expires) for e in entries if e.expires and e.expires < today),
        expiring=tuple(
            Dated(e.id, e.expires) for e in entries if e.expires and today <= e.expires <= soon
        ),
        review_overdue=tuple(
            Dated(e.id, e.reviewed) for e in entries if e.reviewed and e.reviewed < review_limit
        ),
        never_matched=tuple(use.entry.id for use in uses.values() if not use.places),
        uses=tuple(uses.values()),
        checked_files=result.summary.files,
        checked_claims=result.summary.claims,
        matched_claims=sum(1 for v in result.claims if v.registry_id),
    )
