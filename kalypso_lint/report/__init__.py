"""Stage 6, report: one module per output format. Reporters only render a decided RunResult."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module

from kalypso_lint.catalog import RuleBook
from kalypso_lint.models import RunResult


@dataclass(frozen=True)
class ReportContext:
    tool_version: str
    color: bool = False
    title: str = "kalypso-lint report"
    # What the files of the run are: "pages" for `check`, "registry files" for `sources check`
    # (which reports on sources, not claims, so no claims line).
    subject: str = "pages"
    # The run's rules (built-ins plus the configuration's phrase rules), for reports that
    # explain them; None means the built-ins only.
    rulebook: RuleBook | None = None
    # Display path -> path from the repository root, for formats read by code hosts (SARIF,
    # GitHub annotations); decided by the command, looked up here.
    paths_from_root: Mapping[str, str] = field(default_factory=dict)
    # Code -> severity in this run (None: switched off), for reports that say how the run
    # was configured (SARIF's ruleConfigurationOverrides); empty means the defaults.
    run_severities: Mapping[str, str | None] = field(default_factory=dict)

    def from_root(self, path: str) -> str:
        return self.paths_from_root.get(path, path)


Renderer = Callable[[RunResult, ReportContext], str]

# Format name -> module under kalypso_lint.report defining `render(result, context)`.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "html": "html",
    "sarif": "sarif",
    "github": "github",
    "markdown": "markdown",
    "junit": "junit",
}


def render(fmt: str, result: RunResult, context: ReportContext) -> str:
    module = import_module(f"kalypso_lint.report.{FORMATS[fmt]}")
    renderer: Renderer = module.render
    return renderer(result, context)
