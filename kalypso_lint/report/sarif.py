"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, IDE viewers).

Rule metadata comes from the run's rule book (the catalog plus the configuration's phrase
rules); each result points into the file by a path from the repository root (`uriBaseId`
%SRCROOT%) and a 1-based region. Columns count Unicode code points, which the run declares
(`columnKind`), since SARIF's default is UTF-16 code units.
`partialFingerprints` carries the content fingerprint the baseline uses, so code scanning
keeps an alert's identity when lines move.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from kalypso_lint.catalog import Rule, RuleBook
from kalypso_lint.models import Finding, RunResult
from kalypso_lint.report import ReportContext

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
PROJECT_URL = "https://github.com/kalypso-lint/kalypso-lint"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "kalypsoFinding/v1"


def _rule(rule: Rule) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ").capitalize()},
        "fullDescription": {"text": rule.what},
        "help": {"text": rule.explanation(), "markdown": rule.explanation()},
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            **({} if rule.enabled else {"enabled": False}),
        },
        "properties": {"tags": [rule.family], "status": rule.status},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def _artifact(path: str, context: ReportContext) -> dict[str, str]:
    """A file from the repository root; a published page (issue 17) by its absolute URL."""
    if path.startswith(("http://", "https://")):
        return {"uri": path}
    return {"uri": quote(context.from_root(path)), "uriBaseId": "%SRCROOT%"}


def _result(finding: Finding, context: ReportContext) -> dict[str, Any]:
    span = finding.span
    record: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(finding.path, context),
                    "region": {
                        "startLine": span.line,
                        "startColumn": span.column,
                        "endLine": span.end_line,
                        "endColumn": span.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    properties: dict[str, Any] = {}
    if finding.registry_id:
        properties["registryId"] = finding.registry_id
    if finding.sources:
        properties["sources"] = list(finding.sources)
    if finding.verdict:
        properties["verdict"] = finding.verdict
    if properties:
        record["properties"] = properties
    return record


def _overrides(
    rules: list[Rule], context: ReportContext, findings: list[Finding]
) -> list[dict[str, Any]]:
    """Where this run's configuration differs from a rule's default: a rule switched on
    (an off-by-default rule such as KL207 selected in `rules:`), switched off, or given
    another severity. SARIF keeps defaults on the descriptor and a run's own settings in
    its invocation, so a viewer shows both."""
    # A rule off for the run may be on for some pages (KL207 on product pages, seller.py):
    # a result of it shows the run had it on, at the level its results carry.
    fired = {finding.code: finding.severity for finding in findings}
    overrides = []
    for index, rule in enumerate(rules):
        if rule.code not in context.run_severities:
            continue
        severity = context.run_severities[rule.code] or fired.get(rule.code)
        enabled = severity is not None
        if enabled == rule.enabled and (severity is None or severity == rule.severity):
            continue
        configuration: dict[str, Any] = {"enabled": enabled}
        if severity is not None:
            configuration["level"] = LEVELS[severity]
        overrides.append(
            {"descriptor": {"id": rule.code, "index": index}, "configuration": configuration}
        )
    return overrides


def render(result: RunResult, context: ReportContext) -> str:
    rulebook = context.rulebook or RuleBook()
    rules = list(rulebook.rules.values())
    overrides = _overrides(rules, context, result.findings)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kalypso-lint",
                        "version": context.tool_version,
                        "semanticVersion": context.tool_version,
                        "informationUri": PROJECT_URL,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                **(
                    {
                        "invocations": [
                            {"executionSuccessful": True, "ruleConfigurationOverrides": overrides}
                        ]
                    }
                    if overrides
                    else {}
                ),
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "The root of the repository checked."}}
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(finding, context) for finding in result.findings],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
