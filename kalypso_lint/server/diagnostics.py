"""Findings as LSP diagnostics: the same code, severity and message `check` reports.

`codeDescription` links to the rule's explanation: docs/rules.md#klNNN for built-in rules
(the page `kalypso-lint rules --format markdown` generates, and SARIF's helpUri), a phrase
rule's own `link` or first reference otherwise (catalog.Rule.help_uri).
"""

from __future__ import annotations

from lsprotocol import types

from kalypso_lint.catalog import RuleBook
from kalypso_lint.models import Finding
from kalypso_lint.server.positions import LineIndex
from kalypso_lint.server.workspace import Problem

SOURCE = "kalypso-lint"
SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def lsp_range(index: LineIndex, finding: Finding) -> types.Range:
    (line, character), (end_line, end_character) = index.span_to_client(finding.span)
    return types.Range(
        start=types.Position(line=line, character=character),
        end=types.Position(line=end_line, character=end_character),
    )


def diagnostic(finding: Finding, index: LineIndex, rulebook: RuleBook) -> types.Diagnostic:
    rule = rulebook.get(finding.code)
    link = rule.help_uri if rule is not None else None
    return types.Diagnostic(
        range=lsp_range(index, finding),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        data={"fingerprint": finding.fingerprint, "registry_id": finding.registry_id},
    )


def problem_diagnostic(
    problem: Problem, text: str | None, encoding: str = "utf-16"
) -> types.Diagnostic:
    """A configuration or registry that does not load, on its line (the whole line)."""
    line = max((problem.line or 1) - 1, 0)
    width = 0
    if text is not None:
        width = LineIndex.of(text, encoding).end_of_line(line)[1]
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=line, character=0),
            end=types.Position(line=line, character=width),
        ),
        message=f"kalypso-lint cannot load this {problem.kind}: {problem.message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
