"""The one function that runs the pipeline: discover -> read -> extract -> verify -> rules.

Stages meet only here, through the values in models.py. Nothing here prints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kalypso_lint.config import Config
from kalypso_lint.discover import SourceFile, discover_files
from kalypso_lint.documents import UnreadableFile, read_document
from kalypso_lint.errors import NoFilesError
from kalypso_lint.models import FileResult, Finding, PageView, RunResult, Span
from kalypso_lint.pages import entry_views, page_text, page_view
from kalypso_lint.phrases import TESTIMONIAL_CODE
from kalypso_lint.registry import Registry, load_registry
from kalypso_lint.rules import (
    RulePolicy,
    cross_page_findings,
    exit_code,
    findings_for_verdict,
    make_finding,
    phrase_findings,
    summarise,
)
from kalypso_lint.suppress import apply_pins, parse_directives, suppress
from kalypso_lint.verify import Verifier, VerifySettings


@dataclass(frozen=True)
class CheckRequest:
    """Everything a check run needs, as plain values (the CLI builds it from options)."""

    paths: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    registry_paths: tuple[Path, ...] = ()
    today: date = field(default_factory=date.today)
    # Keep each page's text for reports that show the copy (--format html); off by default so
    # a large run holds only claims and findings.
    keep_pages: bool = False


def load_run_registry(config: Config, override: Iterable[Path] = ()) -> Registry:
    paths = list(override) or config.registry_paths()
    return load_registry(paths)


class FileChecker:
    """Checks one file at a time with everything prepared once: policy, verifier, pipeline terms."""

    def __init__(self, config: Config, registry: Registry, request: CheckRequest) -> None:
        self.config = config
        self.specs = config.phrase_specs()
        self.policy = RulePolicy(
            config.settings,
            request.select,
            request.ignore,
            config.rulebook,
            requirements={
                spec["code"]: spec["requires"][0]
                for spec in self.specs
                if spec["kind"] == "require" and spec["requires"]
            },
        )
        self.verifier = Verifier(
            registry,
            VerifySettings(
                tolerance=config.settings.tolerance,
                today=request.today,
                review_interval_days=config.settings.review_interval_days,
                cited_ok=frozenset(r.code for r in config.rulebook.phrase_rules if r.cited_ok),
            ),
        )
        self.terms = registry.terms
        disclaimers = config.settings.testimonial_disclaimers
        self.testimonial_disclaimer = disclaimers[0] if disclaimers else "results may vary"
        self.keep_pages = request.keep_pages

    def check(self, source: SourceFile) -> FileResult:
        from kalypso_lint.extract import extract_pages

        try:
            document = read_document(
                source.path, source.display, self.config.settings.max_file_size
            )
        except UnreadableFile as problem:
            finding = make_finding(
                self.policy,
                problem.code,
                source.display,
                Span(1, 1, 1, 1),
                {"reason": problem.reason},
            )
            return FileResult(source.display, (), (finding,) if finding else ())
        _, page = next(extract_pages([document], self.terms, self.specs))
        directives = parse_directives(document.comments, self.policy.rulebook.codes)
        claims = apply_pins(page.claims, directives)
        disclaimed = any(h.code == TESTIMONIAL_CODE and h.role == "satisfier" for h in page.hits)
        verdicts = tuple(self.verifier.verify(claim, disclaimed) for claim in claims)
        findings: list[Finding] = []
        for verdict in verdicts:
            findings.extend(findings_for_verdict(self.policy, verdict, self.testimonial_disclaimer))
        findings.extend(phrase_findings(self.policy, source.display, page.hits))
        problems = list(directives.problems)
        problems.extend(
            (span, f"claim={entry_id}: no registry entry has this id")
            for span, entry_id in directives.pins
            if self.verifier.registry.get(entry_id) is None
        )
        for span, text in problems:
            finding = make_finding(self.policy, "KL904", source.display, span, {"problem": text})
            if finding:
                findings.append(finding)
        return FileResult(
            source.display,
            verdicts,
            tuple(findings),
            tuple(directives.suppressions),
            page_text(document) if self.keep_pages else None,
        )


def finalise_findings(
    policy: RulePolicy, result: FileResult, extra: list[Finding]
) -> list[Finding]:
    """Apply the file's suppressions to all its findings; report the unused ones (KL903)."""
    kept, unused = suppress([*result.findings, *extra], result.suppressions)
    for suppression in unused:
        finding = make_finding(
            policy, "KL903", result.path, suppression.span, {"directive": suppression.text}
        )
        if finding:
            kept.append(finding)
    return kept


def iter_results(checker: FileChecker, files: list[SourceFile]) -> Iterator[FileResult]:
    for source in files:
        yield checker.check(source)


def run_check(config: Config, request: CheckRequest, registry: Registry | None = None) -> RunResult:
    """Check the requested files; registry commands pass the `registry` they loaded."""
    if registry is None:
        registry = load_run_registry(config, request.registry_paths)
    paths = list(request.paths) or [config.base_dir]
    files = discover_files(paths, config.settings.include, config.settings.exclude, config.base_dir)
    if not files:
        raise NoFilesError(
            "no files to check: nothing matched the include globs "
            f"({', '.join(config.settings.include)}) minus exclude"
        )
    checker = FileChecker(config, registry, request)
    results = list(iter_results(checker, files))
    verdicts = [verdict for result in results for verdict in result.claims]
    cross_page: dict[str, list[Finding]] = defaultdict(list)
    for finding in cross_page_findings(checker.policy, verdicts):
        cross_page[finding.path].append(finding)
    findings: list[Finding] = []
    pages: list[PageView] | None = [] if request.keep_pages else None
    for result in results:
        kept = finalise_findings(checker.policy, result, cross_page[result.path])
        findings.extend(kept)
        if pages is not None:
            kept.sort(key=Finding.sort_key)
            pages.append(page_view(result.path, result.text, result.claims, kept))
    findings.sort(key=Finding.sort_key)
    return RunResult(
        claims=verdicts,
        findings=findings,
        summary=summarise(len(files), verdicts, findings),
        exit_code=exit_code(checker.policy, findings),
        pages=pages,
        entries=entry_views(registry, verdicts, config.settings.tolerance)
        if request.keep_pages
        else {},
    )
