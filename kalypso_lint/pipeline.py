"""The one function that runs the pipeline: discover -> read -> extract -> verify -> rules.

Stages meet only here, through the values in models.py. Nothing here prints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kalypso_lint.baseline import Baseline, fingerprint_findings
from kalypso_lint.cache import ResultsCache, namespace_for
from kalypso_lint.config import Config, Settings, shown_path
from kalypso_lint.discover import Skipped, SourceFile, discover_files, select_listed
from kalypso_lint.documents import UnreadableFile, read_document
from kalypso_lint.documents.limits import MAX_SENTENCE_CHARS, long_sentences
from kalypso_lint.errors import InputError, NoFilesError, RegistryError
from kalypso_lint.extract import PageExtractor, split_long_blocks
from kalypso_lint.gitscope import GitOptions, GitScope, git_scope
from kalypso_lint.locations import paged_format
from kalypso_lint.models import (
    Claim,
    Document,
    FileResult,
    Finding,
    PageExtract,
    PageView,
    PossibleClaim,
    RunResult,
    RunStats,
    Span,
    TextBlock,
    Verdict,
)
from kalypso_lint.pages import entry_views, page_text, page_view
from kalypso_lint.phrases import TESTIMONIAL_CODE, base_code
from kalypso_lint.registry import Registry, load_registry
from kalypso_lint.rules import (
    POSSIBLE_CLAIM_CODE,
    RulePolicy,
    claims_off,
    cross_page_findings,
    exit_code,
    file_reports,
    findings_for_verdict,
    make_finding,
    phrase_findings,
    possible_claim_findings,
    summarise,
)
from kalypso_lint.runner import Execution, check_files, select_shard
from kalypso_lint.seller import PRODUCTS, PageSeller, page_seller, unknown_front_matter_sells
from kalypso_lint.settings_files import project_for_settings, settings_files
from kalypso_lint.startup import resume_collection
from kalypso_lint.suppress import Directives, apply_pins, parse_directives, suppress
from kalypso_lint.verify import Verifier, VerifySettings

# Rules on by default on product pages only (kalypso_lint/seller.py, issue 13).
PRODUCT_DEFAULT_CODES = frozenset({POSSIBLE_CLAIM_CODE})


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
    git: GitOptions = field(default_factory=GitOptions)  # --staged, --changed-since, --new-only
    baseline: Baseline | None = None  # report only findings it does not list
    allow_no_files: bool = False  # nothing to check is a clean run, not exit 3
    # Read pages that are symlinks to files outside the checked folders (KL905 otherwise).
    follow_external_symlinks: bool = False
    # Fetched published pages (`check URL`, `--sitemap`; kalypso_lint.crawl), checked
    # beside the paths; with pages and no paths, no folder is walked.
    pages: tuple[SourceFile, ...] = ()
    # The cache folder this run writes: never checked (issue 14). Its --output files are
    # refused if they are pages, and reports of earlier runs are known by their mark.
    own_folders: tuple[Path, ...] = ()


def load_run_registry(config: Config, override: Iterable[Path] = ()) -> Registry:
    paths = list(override) or config.registry_paths()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise RegistryError(missing_registry_message(config, bool(override)), shown_path(path))
    return load_registry(paths, base=config.base_dir)


def missing_registry_message(config: Config, from_option: bool) -> str:
    """Why a registry path was looked for, and the commands that make one (issue 14)."""
    if from_option:
        return (
            "registry path not found (given with --registry); check the path, or run "
            "`kalypso-lint registry scaffold --registry PATH` to draft one from your pages"
        )
    if config.path is None:
        return (
            "registry path not found: with no rules.yaml here or above, kalypso-lint looks "
            "for a claims/ folder in the current folder; run `kalypso-lint init` to create "
            "rules.yaml and claims/, `kalypso-lint registry scaffold` to draft entries from "
            "your pages, or pass --registry PATH"
        )
    shown = shown_path(config.path)
    if "registry" not in config.settings.model_fields_set:
        # The key was never written: the folder looked for is the default next to the file.
        return (
            f"registry path not found: {shown} sets no `registry:`, so the default claims/ "
            f"folder next to it was looked for; set `registry:` in {shown} to your registry "
            "files or folders (relative to it), run `kalypso-lint registry scaffold` to draft "
            "entries into claims/, or pass --registry PATH"
        )
    return (
        f"registry path not found (set by `registry:` in {shown}); run "
        "`kalypso-lint registry scaffold` to draft entries into it, fix `registry:`, or pass "
        "--registry PATH"
    )


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
            base_dir=config.base_dir,
            requirements={
                spec["code"]: spec["requires"][0]
                for spec in self.specs
                if spec["kind"] == "require" and spec["requires"]
            },
        )
        # Product pages (kalypso_lint/seller.py) have KL207 on unless the configuration or the
        # command line switches it off: the model's false alarms are clinic pages' (issue 13).
        self.product_policy = RulePolicy(
            config.settings,
            request.select,
            request.ignore,
            config.rulebook,
            requirements=self.policy.requirements,
            default_on=PRODUCT_DEFAULT_CODES,
            base_dir=config.base_dir,
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
        # Require rules triggered by claims of a kind: kind -> (code, first disclaimer).
        self.kind_requirements = {
            kind: (rule.code, rule.requires[0])
            for rule in config.rulebook.phrase_rules
            if rule.kind == "require"
            for kind in rule.claim_kinds
        }
        # Codes of require rules (KL303, KL304, KL206, users'): findings about what a page
        # lacks, which --new-only judges against the page at the base (absent_at_base).
        self.absence_codes = frozenset(
            base_code(spec["code"]) for spec in self.specs if spec["kind"] == "require"
        )
        self.keep_pages = request.keep_pages
        # Built on the first file that needs it: a run served from the cache never loads spaCy.
        self._extractor: PageExtractor | None = None

    def _extract(
        self, document: Document, blocks: list[TextBlock | None], products: bool
    ) -> PageExtract:
        if self._extractor is None:
            self._extractor = PageExtractor(self.terms, self.specs)
            # Start-up ends with the pipeline built: the page's own objects are collected as
            # usual, so one large file never runs with the collector paused (a 3.5 MB file
            # peaked 43 MB higher when it stayed paused until the file was done).
            resume_collection()
        return self._extractor.extract_blocks(
            document,
            blocks,
            possible_claims=self.page_policy(products).severity(POSSIBLE_CLAIM_CODE) is not None,
            products=products,
        )

    def page_policy(self, products: bool) -> RulePolicy:
        """The rules of a page: a product page's have KL207 on by default (seller.py)."""
        return self.product_policy if products else self.policy

    def seller(self, document: Document, directives: Directives) -> PageSeller:
        return page_seller(
            self.config.settings,
            self.policy.glob_path(document.path),
            (block.text for block in document.blocks),
            directives.sells,
            document.front_matter,
        )

    def _checked_claims(self, claims: list[Claim], path: str) -> list[Claim]:
        """Offers, instructions and identifiers are checked only when their rule is on; a
        figure pinned to an entry (`claim=ID`) is a claim whatever its words suggest."""
        checked = []
        for claim in claims:
            if claim.pinned_id and claim.figure_class != "claim":
                claim = replace(claim, figure_class="claim", class_cues=("pinned",))
            if self.policy.checks_figure(claim.figure_class, path):
                checked.append(claim)
        return checked

    def _registered(self, possible: PossibleClaim, path: str) -> bool:
        """Whether an approved registry entry answers a KL207 sentence (what its message and
        `explain KL207` tell the writer to add)."""
        probe = Claim(
            path=path,
            span=possible.span,
            text=possible.sentence,
            sentence=possible.sentence,
            kind="disease",
            terms=possible.terms,
            category="medical",
        )
        return self.verifier.supports_sentence(probe)

    def check(self, source: SourceFile) -> FileResult:
        for policy in (self.policy, self.product_policy):
            policy.locate(source.display, source.path)
        if source.refused is not None:
            return self._unreadable(source, UnreadableFile(*source.refused))
        try:
            data = source.blob.read() if source.blob else None
            settings = self.config.settings
            document = read_document(
                source.path,
                source.display,
                settings.max_file_size,
                data,
                tuple(settings.front_matter_fields),
                settings.alt_text,
            )
        except UnreadableFile as problem:
            return self._unreadable(source, problem)
        long_sentences = list(self._long_sentences(source, document))
        shown = page_text(document) if self.keep_pages else None
        directives = parse_directives(
            document.comments,
            self.policy.rulebook.codes,
            self.config.settings.suppressions_need_codes,
        )
        products = self.seller(document, directives).sells == PRODUCTS
        seller_problems = unknown_front_matter_sells(document)
        # From here the blocks live only in this list, which extraction empties as it goes,
        # and the decoded file (up to twice its size in memory) is dropped: the blocks hold
        # the copy, line_starts the map back to it (issue 16: a 50 MB page in bounded memory).
        blocks: list[TextBlock | None] = [*split_long_blocks(document.blocks)]
        document = replace(document, source="", blocks=())
        page = self._extract(document, blocks, products)
        claims = self._checked_claims(apply_pins(page.claims, directives), source.display)
        disclaimed = any(h.code == TESTIMONIAL_CODE and h.role == "satisfier" for h in page.hits)
        satisfied = {h.code for h in page.hits if h.role == "satisfier"}
        disclaimed_kinds = frozenset(
            kind for kind, (code, _) in self.kind_requirements.items() if code in satisfied
        )
        verdicts = tuple(
            self.verifier.verify(claim, disclaimed, disclaimed_kinds) for claim in claims
        )
        findings: list[Finding] = []
        for verdict in verdicts:
            findings.extend(
                findings_for_verdict(
                    self.policy, verdict, self.testimonial_disclaimer, self.kind_requirements
                )
            )
        findings.extend(phrase_findings(self.policy, source.display, page.hits))
        possible = [p for p in page.possible if not self._registered(p, source.display)]
        findings.extend(
            possible_claim_findings(self.page_policy(products), source.display, possible)
        )
        for notice in document.notices:  # what a reader did to the copy (issue 17)
            where = Span(notice.line, 1, notice.line, 1)
            noted = make_finding(
                self.policy, notice.code, source.display, where, {"reason": notice.reason}
            )
            if noted:
                findings.append(noted)
        problems = list(directives.problems)
        problems.extend(seller_problems)
        problems.extend(
            (span, f"claim={entry_id}: no registry entry has this id")
            for span, entry_id in directives.pins
            if self.verifier.registry.get(entry_id) is None
        )
        for span, text in problems:
            finding = make_finding(self.policy, "KL904", source.display, span, {"problem": text})
            if finding:
                findings.append(finding)
        findings.extend(long_sentences)
        for line, reason in document.skipped:
            finding = make_finding(
                self.policy, "KL906", source.display, Span(line, 1, line, 1), {"reason": reason}
            )
            if finding:
                findings.append(finding)
        resume_collection()  # start-up is over (kalypso_lint.startup), if no page was read
        return FileResult(
            source.display,
            verdicts,
            tuple(findings),
            tuple(directives.suppressions),
            shown,
        )

    def _long_sentences(self, source: SourceFile, document: Document) -> Iterator[Finding]:
        """KL907 where a data dump was checked in parts (its claims' sentences clipped)."""
        reason = (
            f"each claim shows at most {MAX_SENTENCE_CHARS} characters around it; "
            "put data in a table or data file"
        )
        for block in document.blocks:
            for offset, length in long_sentences(block):
                start = block.source_offset(offset)
                finding = make_finding(
                    self.policy,
                    "KL907",
                    source.display,
                    document.span(start, start + 1),
                    {"length": length, "reason": reason},
                )
                if finding:
                    yield finding

    def _unreadable(self, source: SourceFile, problem: UnreadableFile) -> FileResult:
        span = Span(problem.line, 1, problem.line, 1)
        args = {**problem.extra, "reason": problem.reason}
        finding = make_finding(self.policy, problem.code, source.display, span, args)
        return FileResult(source.display, (), (finding,) if finding else ())


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


def worker_checker(
    settings: Settings, base_dir: Path, path: Path | None, registry: Registry, request: CheckRequest
) -> FileChecker:
    """A worker process's checker, from parts that pickle (a Config caches rule tables that
    do not, which matters where workers are spawned rather than forked)."""
    return FileChecker(Config(settings, base_dir, path), registry, request)


def open_cache(
    folder: Path, config: Config, registry: Registry, request: CheckRequest, checker: FileChecker
) -> ResultsCache:
    """The cache namespace of this run: everything besides a file's bytes and path that
    shapes its result (see cache.py)."""
    run = {
        "settings": config.settings.model_dump(mode="json", exclude={"cache_dir"}),
        "base": str(config.base_dir),
        # Files are named from the current folder and per-file globs match from base: the
        # same name run from another folder is another file, which those globs may treat
        # differently.
        "cwd": str(Path.cwd()),
        "phrases": list(checker.specs),
        "select": list(request.select),
        "ignore": list(request.ignore),
        "registry": registry.digest,
        "keep_pages": request.keep_pages,
        "stale": checker.verifier.date_state(),
    }
    return ResultsCache(folder, namespace_for(run))


def select_files(config: Config, request: CheckRequest, scope: GitScope | None) -> list[SourceFile]:
    if request.pages:
        local = _select_paths(config, request, scope) if request.paths else []
        return sorted([*local, *request.pages])
    return _select_paths(config, request, scope)


def _select_paths(
    config: Config, request: CheckRequest, scope: GitScope | None
) -> list[SourceFile]:
    # A registry or configuration file among the paths (the pre-commit hook passes staged
    # ones) stands for the whole project: it may change any page's verdicts.
    watched = settings_files(config, request.registry_paths)
    paths = project_for_settings(request.paths, watched, config.base_dir) or [config.base_dir]
    settings = config.settings
    # The files git lists are chosen by the same rules as the walk (select_listed).
    rules = (
        paths,
        settings.include,
        settings.exclude,
        config.base_dir,
        request.follow_external_symlinks,
        Skipped.of(folders=request.own_folders),
    )
    if scope is None or scope.files is None:
        return discover_files(*rules)
    for path in paths:
        if not path.exists():
            raise InputError("path not found", str(path))
    listed = select_listed(scope.files, *rules)
    return [replace(source, blob=scope.blobs.get(source.path)) for source in listed]


def absent_at_base(
    checker: FileChecker, scope: GitScope, files: list[SourceFile], findings: list[Finding]
) -> set[tuple[str, str]]:
    """(path, fingerprint) of the findings about what a changed page lacks (a require rule's
    missing disclaimer) that the page at the base did not have.

    Such a finding sits on the claim, not on the line whose deletion caused it: deleting
    "Results may vary." leaves the testimonial's line unchanged. So --new-only asks whether
    the base version of the page, checked with today's rules, had the same finding.
    """
    candidates: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if finding.code in checker.absence_codes:
            candidates[finding.path].add(finding.fingerprint)
    new: set[tuple[str, str]] = set()
    for source in files:
        fingerprints = candidates.get(source.display)
        blob = scope.base_blob(source.path) if fingerprints else None
        if not fingerprints or blob is None:
            continue  # unchanged (old findings) or new at the base (changed lines decide)
        _, before = check_one(checker, SourceFile(source.display, source.path, blob))
        known = {f.fingerprint for f in before}
        new.update((source.display, fingerprint) for fingerprint in fingerprints - known)
    return new


def narrow(
    request: CheckRequest,
    scope: GitScope | None,
    files: list[SourceFile],
    verdicts: list[Verdict],
    findings: list[Finding],
    new_absences: set[tuple[str, str]] | None = None,
) -> tuple[list[Verdict], list[Finding], int | None]:
    """--new-only keeps claims and findings on changed lines, and findings about what a
    changed page lacks that its base version did not (absent_at_base); --baseline drops
    known findings, and says how many (None without a baseline)."""
    if scope is not None and scope.changed is not None:
        where = {source.display: source.path for source in files}
        absences = new_absences or set()

        def kept(path: str, span: Span) -> bool:
            located = where.get(path)
            return located is None or scope.keeps(located, span.line, span.end_line)

        newly_absent = [f for f in findings if (f.path, f.fingerprint) in absences]
        behind = {(f.path, f.span) for f in newly_absent}  # the claims those findings name
        verdicts = [
            v
            for v in verdicts
            if kept(v.claim.path, v.claim.span) or (v.claim.path, v.claim.span) in behind
        ]
        findings = [
            f
            for f in findings
            if f.code in FILE_LEVEL_CODES
            or kept(f.path, f.span)
            or (f.path, f.fingerprint) in absences
        ]
    if request.baseline is None:
        return verdicts, findings, None
    new = [f for f in findings if not request.baseline.has(f)]
    return verdicts, new, len(findings) - len(new)


# Findings about a whole file (it cannot be read or is too large; a Word file's tracked
# changes, a PDF page without text, a page not fetched): --new-only keeps them, since no
# changed line can carry them.
FILE_LEVEL_CODES = frozenset({"KL901", "KL902", "KL905", "KL920", "KL921", "KL922", "KL923"})


def run_check(
    config: Config,
    request: CheckRequest,
    registry: Registry | None = None,
    execution: Execution | None = None,
) -> RunResult:
    """Check the requested files; registry commands pass the `registry` they loaded, and
    `check` how to run (processes, results cache, shard)."""
    execution = execution or Execution()
    if registry is None:
        registry = load_run_registry(config, request.registry_paths)
    scope = None
    if request.git.active:
        watched = settings_files(config, request.registry_paths)
        start = request.paths[0] if request.paths else config.base_dir
        scope = git_scope(request.git, start, watched)
    files = select_files(config, request, scope)
    narrowed_by_git = scope is not None and scope.files is not None
    if not files and not (request.allow_no_files or narrowed_by_git):
        defaults = (
            " (the defaults: no rules.yaml was found; `kalypso-lint init` writes one)"
            if config.path is None
            else f" (from {config.path})"
        )
        raise NoFilesError(
            "no files to check: nothing matched the include globs "
            f"({', '.join(config.settings.include)}) minus exclude{defaults}"
        )
    files = select_shard(files, execution.shard)
    checker = FileChecker(config, registry, request)
    stats = RunStats()
    cache = None
    if execution.cache_dir is not None:
        cache = open_cache(execution.cache_dir, config, registry, request, checker)
        stats.cache_dir, stats.cache_problem = str(execution.cache_dir), cache.stats.problem
    setup = (worker_checker, (config.settings, config.base_dir, config.path, registry, request))
    results = list(check_files(files, checker, setup, execution.jobs, cache, stats))
    verdicts = [verdict for result in results for verdict in result.claims]
    cross_page: dict[str, list[Finding]] = defaultdict(list)
    for finding in cross_page_findings(checker.policy, verdicts):
        cross_page[finding.path].append(finding)
    findings: list[Finding] = []
    for result in results:
        findings.extend(finalise_findings(checker.policy, result, cross_page[result.path]))
    findings.sort(key=Finding.sort_key)
    findings = fingerprint_findings(findings)
    new_absences = None
    if scope is not None and scope.changed is not None:
        new_absences = absent_at_base(checker, scope, files, findings)
    verdicts, findings, baselined = narrow(request, scope, files, verdicts, findings, new_absences)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    pages: list[PageView] | None = None
    if request.keep_pages:  # after narrowing: a page shows the findings the summary counts
        pages = [page_view(r.path, r.text, r.claims, by_file[r.path]) for r in results]
    return RunResult(
        claims=verdicts,
        findings=findings,
        summary=summarise(
            len(files),
            verdicts,
            findings,
            checker.policy,
            claims_off(checker.policy, verdicts, checker.kind_requirements),
            baselined,
        ),
        exit_code=exit_code(checker.policy, findings),
        pages=pages,
        entries=entry_views(registry, verdicts, config.settings.tolerance)
        if request.keep_pages
        else {},
        files=file_reports(checker.policy, (source.display for source in files), findings),
        layouts=layouts(files),
        stats=stats,
    )


def layouts(files: Iterable[SourceFile]) -> dict[str, str]:
    """Each Word or PDF file's layout, from the path its reader is chosen by: a fetched page's
    comes from its content type (kalypso_lint.crawl), never from its URL."""
    found = {source.display: paged_format(source.path.name) for source in files}
    return {display: layout for display, layout in found.items() if layout}


def check_one(checker: FileChecker, source: SourceFile) -> tuple[FileResult, list[Finding]]:
    """One file checked as `kalypso-lint check FILE` checks it alone: cross-page findings
    within the page, its suppressions applied, findings sorted and fingerprinted. The
    language server (issue 18) checks each open buffer this way, with a checker it keeps."""
    result = checker.check(source)
    extra = list(cross_page_findings(checker.policy, list(result.claims)))
    findings = finalise_findings(checker.policy, result, extra)
    findings.sort(key=Finding.sort_key)
    return result, fingerprint_findings(findings)
