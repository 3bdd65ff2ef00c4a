"""`sources check`: every source of every registry entry, checked and turned into findings.

The run: load the registry; the offline checks (entries.py); then, unless offline, each
distinct URL, DOI and the PMIDs are looked up once, concurrently (`concurrency` threads,
`per-host` of them per host), and each entry citing them is judged against the result.
Problems become findings through the same rule policy and reporters as `check`, at the
registry file and the line of the key they are about.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kalypso_lint.baseline import fingerprint_findings
from kalypso_lint.config import Config
from kalypso_lint.figures import format_figure
from kalypso_lint.models import Finding, RunResult, Span
from kalypso_lint.pipeline import load_run_registry
from kalypso_lint.redact import redact_values
from kalypso_lint.registry import Entry, Registry, Source
from kalypso_lint.rules import (
    FindingContext,
    RulePolicy,
    exit_code,
    file_reports,
    make_finding,
    summarise,
)
from kalypso_lint.sources.entries import entry_problems, malformed_url
from kalypso_lint.sources.evidence import find_quote, shorten
from kalypso_lint.sources.http import Failure, Fetched, HttpClient
from kalypso_lint.sources.identifiers import (
    RETRACTION_TYPES,
    Lookup,
    Update,
    lookup_crossref,
    lookup_doi,
    lookup_pmids,
    titles_match,
)
from kalypso_lint.sources.numbers import figure_on_page
from kalypso_lint.sources.options import SourcesOptions
from kalypso_lint.sources.problems import Problem
from kalypso_lint.sources.progress import Progress, Silent
from kalypso_lint.sources.text import NotCheckable, page_text

FAILURE_CODES = {"refused": "KL415", "broken": "KL402", "transient": "KL403"}
# Entries that support nothing are not worth a request.
SKIPPED_STATUSES = frozenset({"retired"})


@dataclass(frozen=True)
class SourcesRequest:
    registry_paths: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass
class RunStats:
    """What the run did, for the closing line on a terminal."""

    entries: int = 0
    sources: int = 0
    urls: int = 0
    dois: int = 0
    pmids: int = 0
    requests: int = 0
    cached: int = 0
    unconnected: int = 0  # requests that reached no server (DNS, refused, connect timeout)
    seconds: float = 0.0

    @property
    def seems_offline(self) -> bool:
        """Every request failed before reaching a server: the machine may have no network."""
        return self.requests > 0 and self.unconnected == self.requests

    def describe(self, offline: bool) -> str:
        """One closing line for a person at a terminal."""
        checked = f"Checked {_count(self.sources, 'source')} of {_count(self.entries, 'entry')}"
        if offline:
            return f"{checked} offline in {self.seconds:.1f} s."
        looked_up = ", ".join(
            [_count(self.urls, "URL"), _count(self.dois, "DOI"), _count(self.pmids, "PMID")]
        )
        return (
            f"{checked} ({looked_up}): {_count(self.requests, 'request')}, "
            f"{_count(self.cached, 'answer')} from the cache, {self.seconds:.1f} s."
        )


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


@dataclass(frozen=True)
class Page:
    """A fetched URL and its searchable text (or why it has none)."""

    fetched: Fetched
    text: str | None = None
    not_checkable: str | None = None


Citation = tuple[Entry, int, Source]


@dataclass
class _Work:
    """The distinct things to look up, each with the sources that cite it."""

    urls: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    dois: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))
    pmids: dict[str, list[Citation]] = field(default_factory=lambda: defaultdict(list))


def run_sources_check(
    config: Config,
    request: SourcesRequest,
    options: SourcesOptions,
    progress: Progress | None = None,
    stats: RunStats | None = None,
) -> RunResult:
    started = time.monotonic()
    stats = stats if stats is not None else RunStats()
    registry = load_run_registry(config, request.registry_paths)
    policy = RulePolicy(
        config.settings, request.select, request.ignore, config.rulebook, base_dir=config.base_dir
    )
    problems: list[Problem] = []
    work = _Work()
    for entry in registry.entries:
        if entry.status in SKIPPED_STATUSES:
            continue
        stats.entries += 1
        stats.sources += len(entry.sources)
        problems.extend(
            entry_problems(
                entry, options.today, options.review_interval_days, options.expiry_warning_days
            )
        )
        for index, source in enumerate(entry.sources):
            if source.url and not malformed_url(source.url):
                work.urls[source.url].append((entry, index, source))
            if source.doi:
                work.dois[source.doi].append((entry, index, source))
            if source.pmid:
                work.pmids[source.pmid].append((entry, index, source))
    if not options.offline:
        problems.extend(_network_problems(work, options, progress or Silent(), stats))
    findings = [f for p in problems if (f := _finding(policy, registry, p)) is not None]
    findings.sort(key=Finding.sort_key)
    findings = fingerprint_findings(findings)
    files = sorted({located.path for located in registry.locations.values()})
    stats.seconds = time.monotonic() - started
    return RunResult(
        claims=[],
        findings=findings,
        summary=summarise(len(files), [], findings, policy),
        exit_code=exit_code(policy, findings),
        files=file_reports(policy, files, findings),
    )


def _network_problems(
    work: _Work, options: SourcesOptions, progress: Progress, stats: RunStats
) -> list[Problem]:
    stats.urls, stats.dois, stats.pmids = len(work.urls), len(work.dois), len(work.pmids)
    if not (work.urls or work.dois or work.pmids):
        return []
    client = HttpClient(options)
    pages: dict[str, Future[Page]] = {}
    dois: dict[str, Future[tuple[Lookup, Lookup | None]]] = {}
    pmids: Future[dict[str, Lookup]] | None = None
    executor = ThreadPoolExecutor(max_workers=options.net.concurrency)
    try:
        with progress:
            progress.start(len(work.urls) + len(work.dois) + (1 if work.pmids else 0))

            def submit(task: Callable[..., Any], *args: object) -> Future[Any]:
                future = executor.submit(task, *args)
                future.add_done_callback(lambda _: progress.advance())
                return future

            for url, citations in work.urls.items():
                pages[url] = submit(_fetch_page, client, url, _wants_text(citations))
            for doi in work.dois:
                dois[doi] = submit(_lookup_doi, client, doi)
            if work.pmids:
                pmids = submit(lookup_pmids, client, list(work.pmids))
            executor.shutdown(wait=True)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        client.close()
    stats.requests, stats.cached = client.stats.network, client.stats.cached
    stats.unconnected = client.stats.unconnected
    problems: list[Problem] = []
    for url, citations in work.urls.items():
        page = pages[url].result()
        for entry, index, source in citations:
            problems.extend(judge_page(entry, index, source, page, options))
    for doi, citations in work.dois.items():
        found, crossref = dois[doi].result()
        for entry, index, source in citations:
            problems.extend(judge_doi(entry, index, source, found, crossref, options))
    records = pmids.result() if pmids is not None else {}
    for pmid, citations in work.pmids.items():
        for entry, index, source in citations:
            problems.extend(judge_pmid(entry, index, source, records[pmid], options))
    return problems


def _wants_text(citations: list[Citation]) -> bool:
    return any(source.quote or entry.is_numeric for entry, _, source in citations)


def _fetch_page(client: HttpClient, url: str, wants_text: bool) -> Page:
    fetched = client.get(url)
    if not fetched.ok or not wants_text:
        return Page(fetched)
    try:
        return Page(fetched, text=page_text(fetched))
    except NotCheckable as reason:
        return Page(fetched, not_checkable=str(reason))


def _lookup_doi(client: HttpClient, doi: str) -> tuple[Lookup, Lookup | None]:
    found = lookup_doi(client, doi)
    return found, lookup_crossref(client, doi) if found.exists else None


def _failure(entry: Entry, index: int, key: str, link: str, failure: Failure) -> Problem:
    args = {"url": link, "reason": failure.reason}
    return Problem(FAILURE_CODES[failure.kind], entry.id, args, index, key)


def judge_page(
    entry: Entry, index: int, source: Source, page: Page, options: SourcesOptions
) -> list[Problem]:
    """Problems of one cited URL: reachability, a permanent move, and the evidence on it."""
    fetched, url = page.fetched, page.fetched.url
    if fetched.failure is not None:
        return [_failure(entry, index, "url", url, fetched.failure)]
    problems: list[Problem] = []
    moved_to = fetched.moved_to
    if moved_to and moved_to != url:
        problems.append(Problem("KL404", entry.id, {"url": url, "target": moved_to}, index, "url"))
    if not (source.quote or entry.is_numeric):
        return problems
    if page.text is None:
        reason = page.not_checkable or "it has no text"
        problems.append(Problem("KL407", entry.id, {"url": url, "reason": reason}, index, "url"))
        return problems
    figure = _figure(entry)
    limit = _size(options.net.max_response_size)
    if source.quote:
        search = find_quote(source.quote, page.text, options.net.quote_threshold)
        if search.found:
            return problems
        if fetched.truncated:
            reason = f"it is over the {limit} limit and the quote is not in the part read"
            return [*problems, Problem("KL407", entry.id, {"url": url, "reason": reason}, index)]
        detail = ""
        if search.passage:
            detail = f'; closest ({search.score:g}% similar): "{shorten(search.passage)}"'
        if figure is not None and figure_on_page(page.text, *figure):
            detail += "; the figure itself is still on the page"
        args = {"url": url, "quote": shorten(source.quote), "detail": detail}
        problems.append(Problem("KL405", entry.id, args, index, "quote"))
    elif figure is not None and not figure_on_page(page.text, *figure):
        if fetched.truncated:
            reason = f"it is over the {limit} limit and the figure is not in the part read"
            return [*problems, Problem("KL407", entry.id, {"url": url, "reason": reason}, index)]
        args = {"url": url, "expected": _expected(entry)}
        problems.append(Problem("KL406", entry.id, args, index, "url"))
    return problems


def _size(count: int) -> str:
    if count >= 1048576:
        return f"{count / 1048576:.3g} MB"
    return f"{count / 1024:.3g} kB"


def _figure(entry: Entry) -> tuple[float, float, str | None] | None:
    bounds = entry.bounds
    return None if bounds is None else (bounds[0], bounds[1], entry.unit)


def _expected(entry: Entry) -> str:
    low, high = entry.range if entry.range else (None, None)
    return format_figure(entry.value, low, high, entry.unit)


def judge_doi(
    entry: Entry,
    index: int,
    source: Source,
    found: Lookup,
    crossref: Lookup | None,
    options: SourcesOptions,
) -> list[Problem]:
    """Problems of one cited DOI: existence, title, and Crossref's notices."""
    doi = source.doi or ""
    link = _link(source, "doi")
    identifier = f"DOI {doi}"
    if found.failure is not None:
        return [_failure(entry, index, "doi", link, found.failure)]
    if not found.exists:
        args = {"identifier": identifier, "reason": "doi.org does not know it (HTTP 404)"}
        return [Problem("KL408", entry.id, args, index, "doi")]
    problems: list[Problem] = []
    title = found.title or (crossref.title if crossref else None)
    if title and not titles_match(source.title, title, options.net.title_threshold):
        reason = f'its title is "{shorten(title)}", not "{shorten(source.title)}"'
        args = {"identifier": identifier, "reason": reason}
        problems.append(Problem("KL409", entry.id, args, index, "doi"))
    if crossref is not None and crossref.failure is not None:
        problems.append(_failure(entry, index, "doi", link, crossref.failure))
    elif crossref is not None:
        problems.extend(_notices(entry, index, "doi", identifier, crossref))
    return problems


def judge_pmid(
    entry: Entry, index: int, source: Source, record: Lookup, options: SourcesOptions
) -> list[Problem]:
    """Problems of one cited PMID: existence, title, DOI agreement, and retraction."""
    pmid = source.pmid or ""
    identifier = f"PMID {pmid}"
    if record.failure is not None:
        return [_failure(entry, index, "pmid", _link(source, "pmid"), record.failure)]
    if not record.exists:
        args = {"identifier": identifier, "reason": "PubMed has no record with this id"}
        return [Problem("KL408", entry.id, args, index, "pmid")]
    problems: list[Problem] = []
    reasons = []
    if record.title and not titles_match(source.title, record.title, options.net.title_threshold):
        reasons.append(f'its title is "{shorten(record.title)}", not "{shorten(source.title)}"')
    if source.doi and record.doi and source.doi.lower() != record.doi.lower():
        reasons.append(f"PubMed gives DOI {record.doi}, the source gives {source.doi}")
    for reason in reasons:
        args = {"identifier": identifier, "reason": reason}
        problems.append(Problem("KL409", entry.id, args, index, "pmid"))
    problems.extend(_notices(entry, index, "pmid", identifier, record))
    return problems


def _notices(entry: Entry, index: int, key: str, identifier: str, work: Lookup) -> list[Problem]:
    """KL410 for retractions, KL411 for corrections, concerns and other notices; both when
    the work has notices about it and when it is itself a notice about another work."""
    problems: list[Problem] = []
    for update in work.updated_by:
        if update.kind in RETRACTION_TYPES:
            partly = "partly " if update.kind == "partial_retraction" else ""
            what = f"has been {partly}retracted{_about(update)}"
        else:
            what = f"has {_a(update.kind)} notice{_about(update)}"
        problems.append(_notice(entry, index, key, identifier, update, what))
    for update in work.notice_for:
        target = f" for {update.doi}" if update.doi else ""
        what = f"is itself {_a(update.kind)} notice{target}"
        problems.append(_notice(entry, index, key, identifier, update, what))
    return problems


def _notice(
    entry: Entry, index: int, key: str, identifier: str, update: Update, what: str
) -> Problem:
    code = "KL410" if update.kind in RETRACTION_TYPES else "KL411"
    return Problem(code, entry.id, {"identifier": identifier, "what": what}, index, key)


def _a(kind: str) -> str:
    """ "a correction", "an expression of concern" """
    words = kind.replace("_", " ")
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def _about(update: Update) -> str:
    details = [
        update.doi or "",
        update.date or "",
        f"from {update.source}" if update.source else "",
    ]
    shown = ", ".join(d for d in details if d)
    return f" ({shown})" if shown else ""


def _finding(policy: RulePolicy, registry: Registry, problem: Problem) -> Finding | None:
    entry = registry.get(problem.entry_id)
    located = registry.locations[problem.entry_id]
    if problem.source is not None:
        line = located.source_line(problem.source, problem.key)
    elif problem.key:
        line = located.line_of(problem.key)
    else:
        line = located.line
    links: tuple[str, ...] = ()
    if entry is not None:
        cited = entry.sources if problem.source is None else [entry.sources[problem.source]]
        links = tuple(_link(source, problem.key) for source in cited)
    context = FindingContext(
        registry_id=problem.entry_id,
        sources=links,
        statement=entry.statement if entry else None,
    )
    args = redact_values(problem.args)  # URLs, redirect targets and reasons alike
    return make_finding(policy, problem.code, located.path, Span(line, 1, line, 1), args, context)


def _link(source: Source, key: str) -> str:
    """The address a reader should open for a finding about `key` of this source."""
    if key == "doi" and source.doi:
        return f"https://doi.org/{source.doi}"
    if key == "pmid" and source.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{source.pmid}/"
    return source.link
