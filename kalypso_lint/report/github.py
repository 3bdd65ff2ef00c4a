"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message`. Escaping follows the
Actions toolkit (`@actions/core` command.ts): in the message, `%`, CR and LF become `%25`,
`%0D`, `%0A`; in property values `:` and `,` become `%3A` and `%2C` as well, since they
delimit properties. File paths are from the repository root, which is how GitHub places
annotations on a pull request's diff.
"""

from __future__ import annotations

from collections.abc import Mapping

from kalypso_lint.catalog import Rule, RuleBook
from kalypso_lint.models import Finding, RunResult
from kalypso_lint.report import ReportContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, context: ReportContext, rules: Mapping[str, Rule]) -> str:
    span = finding.span
    properties = [
        ("file", context.from_root(finding.path)),
        ("line", str(span.line)),
        ("endLine", str(span.end_line)),
    ]
    if span.line == span.end_line:  # GitHub takes columns only within one line
        properties += [("col", str(span.column)), ("endColumn", str(span.end_column))]
    rule = rules.get(finding.code)
    properties.append(("title", f"{finding.code} {rule.name}" if rule else finding.code))
    message = finding.message
    if finding.statement:
        message += f"\nregistry {finding.registry_id}: {finding.statement}"
    if finding.sources:
        message += f"\nsource: {finding.sources[0]}"
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {fields}::{escape_data(message)}"


def render(result: RunResult, context: ReportContext) -> str:
    rules = (context.rulebook or RuleBook()).rules
    return "".join(_annotation(finding, context, rules) + "\n" for finding in result.findings)
