"""`--format json`: the public machine-readable contract (docs/json-output.md, version 1)."""

from __future__ import annotations

import json
from typing import Any

from kalypso_lint.locations import place_label
from kalypso_lint.models import Finding, RunResult, Verdict
from kalypso_lint.report import ReportContext

JSON_FORMAT_VERSION = 1


def _number(value: float | None) -> float | int | None:
    """Whole numbers print as integers (49000000, not 49000000.0), as in docs/json-output.md."""
    if value is not None and value == int(value) and abs(value) < 2**53:
        return int(value)
    return value


def _with_place(record: dict[str, Any], layout: str | None) -> dict[str, Any]:
    """Word and PDF locations as a writer reads them ("¶14", "page 3, line 14"; issue 17);
    absent for other files, so their records are as before."""
    label = place_label(record["line"], layout)
    if label is not None:
        record["place"] = label
    return record


def claim_record(verdict: Verdict, layout: str | None) -> dict[str, Any]:
    claim = verdict.claim
    record = {
        "path": claim.path,
        "line": claim.span.line,
        "column": claim.span.column,
        "end_line": claim.span.end_line,
        "end_column": claim.span.end_column,
        "text": claim.text,
        "sentence": claim.sentence,
        "kind": claim.kind,
        "value": _number(claim.value),
        "low": _number(claim.low),
        "high": _number(claim.high),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "verdict": verdict.verdict,
        "registry_id": verdict.registry_id,
        "class": claim.figure_class,
        "class_cues": list(claim.class_cues),
        "category": claim.category,
    }
    return _with_place(record, layout)


def finding_record(finding: Finding, layout: str | None) -> dict[str, Any]:
    record = {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "registry_id": finding.registry_id,
        "sources": list(finding.sources),
        "did_you_mean": (
            {"registry_id": finding.near_miss, "missing": list(finding.missing)}
            if finding.near_miss
            else None
        ),
    }
    return _with_place(record, layout)


def render(result: RunResult, context: ReportContext) -> str:
    summary = result.summary
    totals: dict[str, Any] = {
        "files": summary.files,
        "claims": summary.claims,
        "findings": summary.findings,
        "by_verdict": summary.by_verdict,
        "by_severity": summary.by_severity,
    }
    if summary.baselined is not None:  # optional, only with --baseline (docs/json-output.md)
        totals["baselined"] = summary.baselined
    document = {
        "version": JSON_FORMAT_VERSION,
        "tool": {"name": "kalypso-lint", "version": context.tool_version},
        "claims": [claim_record(v, result.layouts.get(v.claim.path)) for v in result.claims],
        "findings": [finding_record(f, result.layouts.get(f.path)) for f in result.findings],
        "summary": totals,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
