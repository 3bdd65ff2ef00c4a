"""`--format junit`: JUnit XML for CI test views (GitLab, Jenkins, Azure, CircleCI).

One test case per checked file. It fails, with one `<failure>` listing them, when the file
has findings at or above the failing severity (--fail-on): exactly the files that make the
exit code 1, so a test view never shows a red test in a green job. Findings below that
severity leave the case passing and are listed in its `<system-out>`, which GitLab, Jenkins
and the GitHub test reporters show with the case. One failure per case is what every
consumer reads (some keep only the first of several). Nothing time-dependent is written,
so the report is reproducible; characters XML 1.0 cannot carry are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kalypso_lint.locations import place
from kalypso_lint.models import FileReport, Finding, RunResult
from kalypso_lint.report import ReportContext

SUITE = "kalypso-lint"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _finding_line(finding: Finding, layout: str | None) -> str:
    line = (
        f"{place(finding.path, finding.span.line, finding.span.column, layout)}: "
        f"{finding.code} [{finding.severity}] {finding.message}"
    )
    if finding.registry_id:
        line += f" (registry {finding.registry_id})"
    return line


def _case(suite: ET.Element, file: FileReport, layout: str | None) -> None:
    case = ET.SubElement(suite, "testcase", classname=SUITE, name=_xml_text(file.path))
    case.set("file", _xml_text(file.path))
    if file.failing:
        first = file.failing[0]
        failure = ET.SubElement(
            case, "failure", message=_xml_text(_finding_line(first, layout)), type=first.code
        )
        failure.text = _xml_text("\n".join(_finding_line(f, layout) for f in file.failing))
    if file.passing:
        out = ET.SubElement(case, "system-out")
        out.text = _xml_text("\n".join(_finding_line(f, layout) for f in file.passing))


def render(result: RunResult, context: ReportContext) -> str:
    summary = result.summary
    counts = {
        "tests": str(summary.files),
        "failures": str(summary.files_failing),
        "errors": "0",
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="kalypso-lint.version", value=context.tool_version)
    for file in result.files:
        _case(suite, file, result.layouts.get(file.path))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
