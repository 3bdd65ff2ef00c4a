"""`--format text`: ruff-style lines a writer can act on, then a summary."""

from __future__ import annotations

import click

from kalypso_lint.locations import place
from kalypso_lint.models import Finding, RunResult
from kalypso_lint.report import ReportContext
from kalypso_lint.wording import counted

_SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}


def _finding_lines(finding: Finding, color: bool, layout: str | None) -> list[str]:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    span = finding.span
    where = style(place(finding.path, span.line, span.column, layout) + ":", bold=True)
    code = style(finding.code, fg=_SEVERITY_COLOUR[finding.severity], bold=True)
    lines = [f"{where} {code} [{finding.severity}] {finding.message}"]
    if finding.sentence:
        lines.append(style(f"  | {finding.sentence}", dim=True))
    if finding.statement:
        lines.append(f"  = registry {finding.registry_id}: {finding.statement}")
    if finding.sources:
        lines.append(f"  = source: {finding.sources[0]}")
    return lines


def render(result: RunResult, context: ReportContext) -> str:
    lines: list[str] = []
    for finding in result.findings:
        lines.extend(_finding_lines(finding, context.color, result.layouts.get(finding.path)))
        lines.append("")
    summary = result.summary
    verdicts = ", ".join(f"{n} {name}" for name, n in summary.by_verdict.items() if n)
    severities = ", ".join(counted(n, name) for name, n in summary.by_severity.items() if n)
    noun = "registry file" if context.subject == "registry files" else "file"
    files = counted(summary.files, noun)
    # With --baseline, the findings shown are the new ones, and the known ones are counted.
    new = "new " if summary.baselined is not None else ""
    known = f" ({summary.baselined} known, in the baseline)" if new else ""
    if summary.findings:
        lines.append(
            f"Found {summary.findings} {new}finding{'s' if summary.findings != 1 else ''} "
            f"({severities}) in {files}{known}."
        )
    else:
        lines.append(f"No {new}findings in {files}{known}.")
    if context.subject == "pages":
        off = ", ".join(f"{code} ({n})" for code, n in summary.claims_off.items())
        off = f"; not reported, as their rules are off in this run: {off}" if off else ""
        lines.append(
            f"Claims: {summary.claims}" + (f" ({verdicts})" if verdicts else "") + f"{off}."
        )
    return "\n".join(lines) + "\n"
