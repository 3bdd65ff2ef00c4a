"""Inline directives in the copy: suppressions and claim pins, in HTML/Markdown comments.

    <!-- kalypso-lint: disable=KL101,KL3 -->  ... <!-- kalypso-lint: enable -->
    <!-- kalypso-lint: disable-next-line=KL101 -->
    <!-- kalypso-lint: disable-line -->
    <!-- kalypso-lint: claim=migraine-us-prevalence -->
    <!-- kalypso-lint: sells=products -->

Every directive may end with a reason after " -- " (ESLint's convention), kept on the
suppression: `disable-next-line=KL102 -- legal approved 2026-11`.

Codes may be prefixes (KL1); no codes means every rule. `claim=ID` pins the first claim that
starts after the comment to that registry entry. A suppression that suppresses nothing is
reported (KL903), like ruff's unused `noqa` (RUF100), and so is each code of a list that
suppresses nothing; a malformed directive too (KL904).
In Markdown front matter the same directives are YAML comments (`# kalypso-lint: ...`), read
by documents/front_matter.py: an HTML comment there would be part of a value.
`sells=products|services|auto` says what the whole page sells (kalypso_lint/seller.py),
wherever the comment stands; the last one wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kalypso_lint.config import is_known_selector, normal_sells
from kalypso_lint.models import Claim, Comment, Finding, Span, Suppression

_DIRECTIVE = re.compile(r"^\s*kalypso-lint\s*:\s*(?P<body>.*?)\s*$", re.IGNORECASE | re.DOTALL)
_ACTION = re.compile(
    r"^(?P<action>disable-next-line|disable-line|disable|enable|claim|sells)\s*(?:=\s*(?P<args>.*))?$",
    re.IGNORECASE,
)
# A built-in code or a project's own phrase rule code (HL101), or a prefix of one.
_CODE = re.compile(r"^[A-Z]{1,5}\d{0,3}$")
# ESLint's separator: two or more dashes with white space before, and after unless at the end.
_REASON = re.compile(r"\s-{2,}(?:\s|$)")
END_OF_FILE = 10**9


@dataclass
class Directives:
    suppressions: list[Suppression] = field(default_factory=list)
    pins: list[tuple[Span, str]] = field(default_factory=list)
    problems: list[tuple[Span, str]] = field(default_factory=list)  # (where, what is wrong)
    sells: str | None = None  # products | services | auto, for the whole page


def parse_directives(
    comments: tuple[Comment, ...], known_codes: frozenset[str], need_codes: bool = False
) -> Directives:
    """`need_codes` (setting suppressions-need-codes) refuses a suppression of every rule."""
    result = Directives()
    open_ranges: list[Suppression] = []
    for comment in comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        body, reason = _split_reason(match.group("body"))
        action_match = _ACTION.match(body)
        if not action_match:
            result.problems.append((comment.span, f"unknown directive {body!r}"))
            continue
        action = action_match.group("action").lower()
        args = [a.strip() for a in (action_match.group("args") or "").split(",") if a.strip()]
        if action == "claim":
            if len(args) != 1:
                result.problems.append((comment.span, "claim= needs exactly one registry id"))
            else:
                result.pins.append((comment.span, args[0]))
            continue
        if action == "sells":
            value = normal_sells(args[0]) if len(args) == 1 else None
            if value is not None:
                result.sells = value
            else:
                result.problems.append(
                    (comment.span, "sells= needs one of products, services or auto")
                )
            continue
        bad = [a for a in args if not _known_code(a, known_codes)]
        if bad:
            result.problems.append((comment.span, _unknown_code(bad[0])))
            continue
        codes = tuple(a.upper() for a in args)
        if need_codes and not codes and action != "enable":
            result.problems.append(
                (comment.span, f"{action} needs rule codes (suppressions-need-codes is on)")
            )
            continue
        line = comment.span.line
        if action == "disable":
            open_ranges.append(Suppression(codes, line, END_OF_FILE, comment.span, body, reason))
        elif action == "enable":
            still_open = []
            for suppression in open_ranges:
                if not codes or not suppression.codes or set(codes) & set(suppression.codes):
                    result.suppressions.append(replace(suppression, last=line))
                else:
                    still_open.append(suppression)
            open_ranges = still_open
        elif action == "disable-next-line":
            end = comment.span.end_line + 1
            result.suppressions.append(Suppression(codes, end, end, comment.span, body, reason))
        else:  # disable-line
            result.suppressions.append(
                Suppression(codes, line, comment.span.end_line, comment.span, body, reason)
            )
    result.suppressions.extend(open_ranges)  # a disable without enable runs to the end
    return result


def _split_reason(body: str) -> tuple[str, str | None]:
    """The directive and its reason: "disable=KL102 -- legal approved" -> ("disable=KL102",
    "legal approved"); an empty reason is none."""
    parts = _REASON.split(body, maxsplit=1)
    reason = parts[1].strip() if len(parts) == 2 else ""
    return parts[0].strip(), reason or None


def _known_code(arg: str, known_codes: frozenset[str]) -> bool:
    code = arg.upper()  # "ALL" selects every rule in settings; no code starts with it here
    return code != "ALL" and bool(_CODE.match(code)) and is_known_selector(code, known_codes)


def _unknown_code(arg: str) -> str:
    """The problem with one argument, in the writer's own spelling (never upper-cased)."""
    if _CODE.match(arg.upper()):
        return f"unknown rule code {arg!r}"
    return f'unknown rule code {arg!r} (codes are comma-separated; put a reason after " -- ")'


def apply_pins(claims: list[Claim], directives: Directives) -> list[Claim]:
    """Give the first claim after each `claim=ID` comment that pinned id."""
    if not directives.pins:
        return claims
    pinned = list(claims)
    taken: set[int] = set()
    for span, entry_id in directives.pins:
        where = (span.end_line, span.end_column)
        for index, claim in enumerate(pinned):
            if index not in taken and (claim.span.line, claim.span.column) >= where:
                pinned[index] = replace(claim, pinned_id=entry_id)
                taken.add(index)
                break
    return pinned


def suppress(
    findings: list[Finding], suppressions: tuple[Suppression, ...]
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no suppression covers, and what covered nothing: a whole suppression, or
    one code of a list whose other codes were needed (as `disable-next-line=KL101`)."""
    kept = []
    used: set[tuple[int, str]] = set()  # (suppression, code; "" for one without codes)
    for finding in findings:
        covered = False
        for index, suppression in enumerate(suppressions):
            for code in suppression.covering(finding):
                used.add((index, code))
                covered = True
        if not covered:
            kept.append(finding)
    unused: list[Suppression] = []
    for index, suppression in enumerate(suppressions):
        idle = [c for c in suppression.codes or ("",) if (index, c) not in used]
        if len(idle) == len(suppression.codes or ("",)):
            unused.append(suppression)
        else:
            unused.extend(suppression.only(code) for code in idle)
    return kept, unused
