"""Hover on a claim: the registry entry it was checked against and the verdict in words.

Markdown, since every client that matters renders it; the facts come from the verdict and
the registry entry, so the hover says what `check` decided, never something of its own.
"""

from __future__ import annotations

from kalypso_lint.figures import format_figure
from kalypso_lint.models import Verdict
from kalypso_lint.registry import Registry
from kalypso_lint.registry.model import Entry

MAX_SOURCES = 3

_UNSUPPORTED = {
    "no-entry": "no registry entry matches this claim.",
    "draft": "the matching entry is a draft; it supports nothing until it is approved.",
    "retired": "the matching entry is retired; it no longer supports anything.",
    "expired": "the matching entry has expired; it supports nothing until re-reviewed.",
    "no-disclaimer": "a testimonial without a typical-results disclaimer on the page.",
}


def _claim_figure(verdict: Verdict) -> str:
    claim = verdict.claim
    return format_figure(claim.value, claim.low, claim.high, claim.unit)


def verdict_words(verdict: Verdict, tolerance: float) -> str:
    """The verdict as a reviewer would say it."""
    kind = verdict.verdict
    if kind == "supported":
        if verdict.reason == "citation":
            return "**Supported** by the citation next to it."
        if verdict.reason == "disclaimer":
            return "**Supported**: the page carries a typical-results disclaimer."
        if verdict.expected and verdict.claim.category == "numeric":
            return (
                f"**Supported**: the copy's {_claim_figure(verdict)} agrees with the registry's "
                f"{verdict.expected} (tolerance ±{tolerance:.0%})."
            )
        return "**Supported** by an approved registry entry."
    if kind == "inconsistent":
        if verdict.reason == "qualifier":
            return (
                f'**Inconsistent**: "{verdict.claim.text}" is qualified in a way the '
                f"registry's {verdict.expected} contradicts."
            )
        return (
            f"**Inconsistent**: the copy says {_claim_figure(verdict)}; the registry gives "
            f"{verdict.expected} (tolerance ±{tolerance:.0%})."
        )
    if kind == "stale":
        return f"**Stale**: the entry needs attention ({verdict.reason})."
    if kind == "prohibited":
        return "**Prohibited**: the registry records this as a claim never to make."
    why = _UNSUPPORTED.get(verdict.reason, verdict.reason or "no approved entry supports it.")
    return f"**Unsupported**: {why}"


def _entry_lines(entry: Entry, where: str | None, tolerance: float) -> list[str]:
    lines = [f"**Registry entry** `{entry.id}`" + (f" ({where})" if where else ""), ""]
    lines.append(f"> {entry.statement}")
    lines.append("")
    facts = []
    if entry.is_numeric:
        low, high = entry.range if entry.range else (None, None)
        facts.append(f"figure: {format_figure(entry.value, low, high, entry.unit)}")
        facts.append(f"tolerance: ±{tolerance:.0%}")
    if entry.kind:
        facts.append(f"kind: {entry.kind}")
    facts.append(f"status: {entry.status}")
    facts.append(f"reviewed: {entry.reviewed.isoformat() if entry.reviewed else 'never'}")
    if entry.expires:
        facts.append(f"expires: {entry.expires.isoformat()}")
    lines.append(" · ".join(facts))
    if entry.sources:
        lines.append("")
        lines.append("Sources:")
        for source in entry.sources[:MAX_SOURCES]:
            title = source.title.replace("[", "(").replace("]", ")")
            lines.append(f"- [{title}]({source.link})")
        if len(entry.sources) > MAX_SOURCES:
            lines.append(f"- and {len(entry.sources) - MAX_SOURCES} more")
    else:
        lines.append("")
        lines.append("Sources: none yet.")
    return lines


_WHAT_TO_DO = (
    "To support it, add a sourced entry to the claims registry: use the code action "
    '"Draft a registry entry for this claim" (or `kalypso-lint registry scaffold`), then '
    "add sources and set `status: approved`. If an entry already states it, pin the claim "
    "with `<!-- kalypso-lint: claim=ENTRY-ID -->` before it."
)


def hover_markdown(verdict: Verdict, registry: Registry, default_tolerance: float) -> str:
    entry = registry.get(verdict.registry_id) if verdict.registry_id else None
    tolerance = (
        entry.tolerance if entry is not None and entry.tolerance is not None else default_tolerance
    )
    lines = [f'**kalypso-lint** · claim "{verdict.claim.text}"', ""]
    lines.append(verdict_words(verdict, tolerance))
    lines.append("")
    if entry is None:
        lines.append(_WHAT_TO_DO)
    else:
        located = registry.locations.get(entry.id)
        where = f"{located.path}:{located.line}" if located else None
        lines.extend(_entry_lines(entry, where, tolerance))
    return "\n".join(lines)
