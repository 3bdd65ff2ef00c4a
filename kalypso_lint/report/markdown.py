"""`--format markdown`: a summary for a pull-request comment or a CI job summary.

Totals per verdict and severity, then one table per file: line, claim, verdict, registry
entry, first source and the finding. GitHub rejects comments over 65,536 characters, so the
rendering stops adding rows before a budget and says how many findings it left out; that
number comes from the summary, the renderer only knows how many rows it wrote. Text from
the copy is escaped so it cannot break the table or turn into markup, links or HTML.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kalypso_lint.locations import line_label
from kalypso_lint.models import Finding, RunResult
from kalypso_lint.report import ReportContext
from kalypso_lint.wording import counted

COMMENT_LIMIT = 65_536  # GitHub's maximum comment body, in characters
BUDGET = COMMENT_LIMIT - 1_536  # room for the closing lines
CLAIM_WIDTH = 80
MESSAGE_WIDTH = 300
TABLE_HEAD = (
    "| line | claim | verdict | registry entry | source | finding |\n|---:|---|---|---|---|---|\n"
)
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&!#])")


def escape(text: str) -> str:
    """Plain text for a table cell: one line, every markup character escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _link(url: str) -> str:
    host = urlsplit(url).netloc or url
    safe = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"[{escape(clip(host, 40))}](<{safe}>)"


def _row(finding: Finding, layout: str | None) -> str:
    cells = [
        line_label(finding.span.line, layout),  # ¶ and pages as in the text report
        escape(clip(finding.claim_text, CLAIM_WIDTH)) if finding.claim_text else "—",
        finding.verdict or "—",
        f"`{finding.registry_id}`" if finding.registry_id else "—",
        _link(finding.sources[0]) if finding.sources else "—",
        f"**{finding.code}** {finding.severity}: {escape(clip(finding.message, MESSAGE_WIDTH))}",
    ]
    return "| " + " | ".join(cells) + " |\n"


def _head(result: RunResult, context: ReportContext) -> str:
    summary = result.summary
    files = counted(summary.files, "file")
    new = "new " if summary.baselined is not None else ""  # --baseline: known ones counted
    known = f" ({summary.baselined} known, in the baseline)" if new else ""
    if summary.findings:
        severities = ", ".join(
            counted(count, name) if name != "info" else f"{count} info"
            for name, count in summary.by_severity.items()
            if count
        )
        found = counted(summary.findings, "new finding" if new else "finding")
        headline = (
            f"**{found}** ({severities}) "
            f"in {summary.files_with_findings} of {files} checked{known}."
        )
    else:
        headline = f"No {new}findings in {files} checked{known}."
    verdicts = "".join(f"| {name} | {count} |\n" for name, count in summary.by_verdict.items())
    return (
        f"## {escape(context.title)}\n\n{headline}\n\n| verdict | claims |\n|---|---:|\n{verdicts}"
    )


def render_within(result: RunResult, context: ReportContext, budget: int) -> str:
    """The report, with rows left out once the text would pass `budget` characters."""
    out = _head(result, context)
    written = 0
    current: str | None = None
    for finding in result.findings:
        piece = _row(finding, result.layouts.get(finding.path))
        if finding.path != current:
            piece = f"\n### {escape(finding.path)}\n\n{TABLE_HEAD}{piece}"
        if len(out) + len(piece) > budget:
            break
        out += piece
        current = finding.path
        written += 1
    if written < result.summary.findings:
        left = result.summary.findings - written
        out += (
            f"\n…and {counted(left, 'more finding')} not shown here; "
            "the SARIF, JSON and text reports list them all.\n"
        )
    return out + f"\n<sub>kalypso-lint {escape(context.tool_version)}</sub>\n"


def render(result: RunResult, context: ReportContext) -> str:
    return render_within(result, context, BUDGET)
