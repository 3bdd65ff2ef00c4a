"""The checks that need no network: entries without sources, review and expiry dates, and
source URLs that cannot be requested at all. `--offline` runs only these."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from kalypso_lint.registry import Entry
from kalypso_lint.sources.problems import Problem

# Statuses whose entries need evidence: approved ones support claims, drafts are on their way.
NEEDS_SOURCES = frozenset({"approved", "draft"})


def entry_problems(
    entry: Entry, today: date, review_interval_days: int, expiry_warning_days: int
) -> list[Problem]:
    problems: list[Problem] = []
    if not entry.sources and entry.status in NEEDS_SOURCES:
        problems.append(Problem("KL401", entry.id, {"status": entry.status}))
    if entry.status == "approved":
        problems.extend(_date_problems(entry, today, review_interval_days, expiry_warning_days))
    for index, source in enumerate(entry.sources):
        reason = malformed_url(source.url) if source.url else None
        if reason and source.url:
            args = {"url": source.url, "reason": f"malformed URL ({reason})"}
            problems.append(Problem("KL402", entry.id, args, index, "url"))
    return problems


def _date_problems(
    entry: Entry, today: date, review_interval_days: int, expiry_warning_days: int
) -> list[Problem]:
    problems: list[Problem] = []
    if entry.reviewed is None:
        problems.append(Problem("KL412", entry.id, {"reason": "has no `reviewed` date"}))
    elif entry.reviewed + timedelta(days=review_interval_days) < today:
        age = (today - entry.reviewed).days
        reason = (
            f"was last reviewed on {entry.reviewed.isoformat()}, {age} days ago "
            f"(review-interval-days: {review_interval_days})"
        )
        problems.append(Problem("KL412", entry.id, {"reason": reason}, key="reviewed"))
    if entry.expires is not None:
        left = (entry.expires - today).days
        if left < 0:
            args = {"expires": entry.expires.isoformat(), "days": -left}
            problems.append(Problem("KL413", entry.id, args, key="expires"))
        elif left <= expiry_warning_days:
            when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
            args = {"expires": entry.expires.isoformat(), "when": when}
            problems.append(Problem("KL414", entry.id, args, key="expires"))
    return problems


def malformed_url(url: str) -> str | None:
    """Why a URL cannot be requested, or None. (The registry format has checked the scheme.)"""
    if any(c.isspace() or ord(c) < 32 for c in url):
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return str(exc)
    host = parts.hostname
    if parts.scheme not in ("http", "https"):
        return "only http and https URLs can be checked"
    if not host:
        return "it has no host name"
    if port == 0:
        return "port 0"
    if not host.startswith("[") and ":" not in host:
        labels = host.rstrip(".").split(".")
        if any(not label for label in labels):
            return f"the host name {host!r} has an empty part"
        try:
            host.encode("idna")
        except UnicodeError:
            return f"the host name {host!r} is not valid"
    return None
