"""Plain values passed between pipeline stages (read -> extract -> verify -> rules -> report).

No spaCy, pydantic or click object crosses a stage boundary: only these frozen dataclasses.
Positions are 1-based lines and columns (Unicode code points) in the original file.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

VerdictName = Literal["supported", "inconsistent", "unsupported", "stale", "prohibited"]
VERDICTS: tuple[str, ...] = ("supported", "inconsistent", "unsupported", "stale", "prohibited")


@dataclass(frozen=True, slots=True)
class Span:
    """A region of the original file: 1-based, end column exclusive (like ruff and SARIF)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One block of prose (paragraph, heading, list item, table cell...) with a map to the source.

    A run is a stretch of `text` copied contiguously from the source: `run_starts[i]` is its
    index in `text` and `run_offsets[i]` its offset in the normalised source. A character maps
    to the offset of the last run starting at or before it, plus its distance from that start.
    """

    text: str
    run_starts: tuple[int, ...]
    run_offsets: tuple[int, ...]
    kind: str = "paragraph"
    has_link: bool = False  # a real link (not tel:/mailto:) in the block
    # Every link target in the block, in order; extract.citations judges which are evidence.
    links: tuple[str, ...] = ()
    # A heading's level, 1-6, read from the source when the page is read (documents.headings);
    # 0 for every other block. Extraction runs after the decoded source is let go.
    level: int = 0
    # A table cell's place in its row, 0 for the row's first cell (round 16: a row's first
    # cell labels it, "Success Rate | 95% | 70%"); -1 when the reader does not say (Markdown
    # rows are one source line, which says it).
    cell: int = -1

    def source_offset(self, index: int) -> int:
        pos = max(bisect_right(self.run_starts, index) - 1, 0)
        return self.run_offsets[pos] + (index - self.run_starts[pos])

    def slice(self, start: int, end: int) -> TextBlock:
        """The block's text[start:end] as a block of its own, still mapped to the source."""
        first = max(bisect_right(self.run_starts, start) - 1, 0)
        starts = [0]
        offsets = [self.source_offset(start)]
        for run_start, run_offset in zip(
            self.run_starts[first + 1 :], self.run_offsets[first + 1 :], strict=True
        ):
            if run_start >= end:
                break
            starts.append(run_start - start)
            offsets.append(run_offset)
        return TextBlock(
            self.text[start:end],
            tuple(starts),
            tuple(offsets),
            self.kind,
            self.has_link,
            self.links,
            self.level,
            self.cell,
        )


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML/Markdown comment kept for directives (`<!-- kalypso-lint: ... -->`)."""

    text: str
    span: Span


@dataclass(frozen=True)
class Notice:
    """Something a reader did to the copy that the report must say (issue 17): tracked
    changes read as accepted (KL920), a PDF page without a text layer (KL921)."""

    code: str
    reason: str
    line: int = 1


@dataclass(frozen=True)
class Document:
    """A read file: the prose blocks to analyse plus what is needed to point back into it."""

    path: str
    format: str
    source: str  # decoded, newlines normalised to "\n"; offsets in blocks index into this
    blocks: tuple[TextBlock, ...]
    comments: tuple[Comment, ...] = ()
    front_matter: dict[str, Any] = field(default_factory=dict)
    line_starts: tuple[int, ...] = ()
    # (line, reason) of text a reader's limits left out (issue 15), reported as KL906.
    skipped: tuple[tuple[int, str], ...] = ()
    notices: tuple[Notice, ...] = ()

    def span(self, start: int, end: int) -> Span:
        return span_between(self.line_starts, start, end)


def position_of(line_starts: tuple[int, ...], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a source offset."""
    line_index = bisect_right(line_starts, offset) - 1
    return line_index + 1, offset - line_starts[line_index] + 1


def span_between(line_starts: tuple[int, ...], start: int, end: int) -> Span:
    line, column = position_of(line_starts, start)
    end_line, end_column = position_of(line_starts, end)
    return Span(line, column, end_line, end_column)


def line_starts_of(source: str) -> tuple[int, ...]:
    starts = [0]
    find = source.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return tuple(starts)


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim found in copy: numeric (value/low/high/unit) or medical/regulatory (value None)."""

    path: str
    span: Span
    text: str
    sentence: str
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    # Lower-cased registry match terms present in the claim's sentence (see extract.terms).
    terms: frozenset[str] = frozenset()
    pinned_id: str | None = None  # set by a `claim=ID` directive in the copy
    category: Literal["numeric", "medical"] = "numeric"
    block: int = 0  # index of the prose block, for "nearby" checks
    cited: bool = False  # a link or reference in this block or the next
    rule: str | None = None  # the phrase rule that made this claim (KL301...), if any
    # What the figure is (issue 12, docs/figure-classes.md): claim, offer, instruction or
    # identifier; only claims are verified unless the class's rule is switched on.
    figure_class: str = "claim"
    class_cues: tuple[str, ...] = ()  # the cues that decided the class (data/figure_classes.yaml)

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A phrase rule's match: a hit to report, or the trigger/satisfier of a `require` rule."""

    code: str
    role: Literal["hit", "trigger", "satisfier"]
    text: str
    span: Span
    sentence: str
    block: int
    sentence_id: int  # sentences numbered through the page, for `within: sentence`


@dataclass(frozen=True)
class PageExtract:
    """What extraction found on one page."""

    claims: list[Claim]
    hits: list[PhraseHit]
    # Sentences the KL207 model reads as possible disease claims (only when KL207 is on).
    possible: list[PossibleClaim] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PossibleClaim:
    """A sentence with no other medical or regulatory claim that the fitted model of
    extract/claim_model.py reads as a disease claim (KL207)."""

    span: Span
    sentence: str
    score: float
    reasons: tuple[str, ...]
    # Registry match terms in the sentence: an approved entry they match answers the finding.
    terms: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of checking one claim against the registry."""

    claim: Claim
    verdict: VerdictName
    registry_id: str | None = None
    reason: str = ""  # machine key: figure, qualifier, expired, review, draft, retired, ...
    expected: str | None = None  # the registry's figure, rendered for messages
    statement: str | None = None
    sources: tuple[str, ...] = ()
    registry_path: str | None = None
    # When no entry matches: the entry the claim nearly matches (issue 14), and the first
    # term of each of its match groups the sentence lacks (empty for a statement that reads
    # almost the same).
    near_miss: str | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic: a rule code at a place, with the arguments of the rule's message template."""

    code: str
    severity: Severity
    message: str
    path: str
    span: Span
    registry_id: str | None = None
    sources: tuple[str, ...] = ()
    sentence: str | None = None
    statement: str | None = None
    claim_text: str | None = None
    verdict: str | None = None  # of the claim behind it; None for findings about no claim
    # The registry entry an unsupported claim nearly matches, and the terms it lacks.
    near_miss: str | None = None
    missing: tuple[str, ...] = ()
    # Identifies the finding by content, not position (baseline.fingerprint_findings): edits
    # elsewhere in the file leave it unchanged. Set by the pipeline once findings are final.
    fingerprint: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)


@dataclass(frozen=True)
class Suppression:
    """`disable` directive: codes (prefixes; empty = all) off for lines first..last."""

    codes: tuple[str, ...]
    first: int
    last: int
    span: Span
    text: str  # the directive as written, without its reason
    reason: str | None = None  # written after " -- " (ESLint's convention)

    def covers(self, finding: Finding) -> bool:
        return bool(self.covering(finding))

    def covering(self, finding: Finding) -> tuple[str, ...]:
        """The codes that cover the finding ("" for a suppression of every rule)."""
        if not (self.first <= finding.span.line <= self.last):
            return ()
        if not self.codes:
            return ("",)
        return tuple(c for c in self.codes if finding.code.startswith(c))

    def only(self, code: str) -> Suppression:
        """This suppression narrowed to one of its codes, named as if written alone, so an
        unused code of a list is reported by itself (KL903)."""
        action = self.text.partition("=")[0].strip()
        return replace(self, codes=(code,), text=f"{action}={code}")


@dataclass(frozen=True)
class FileResult:
    """Everything one file produced; the unit cached and sent between worker processes.

    Findings are not yet suppressed: cross-page findings arrive after every file is read,
    and a suppression is "unused" only once all findings are known.
    """

    path: str
    claims: tuple[Verdict, ...]
    findings: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...] = ()
    text: PageText | None = None  # kept only when asked (CheckRequest.keep_pages)


@dataclass
class Summary:
    files: int = 0
    claims: int = 0
    findings: int = 0
    by_verdict: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    files_with_findings: int = 0
    # Files with a finding at or above the failing severity (the ones that make exit 1).
    files_failing: int = 0
    # Code -> claims that rule would report but the run switched off (rules.claims_off).
    claims_off: dict[str, int] = field(default_factory=dict)
    # Findings --baseline hid as known (None: no baseline), so a clean run can say how many.
    baselined: int | None = None


@dataclass(frozen=True)
class FileReport:
    """One checked file and its reported findings (in position order), for per-file reports."""

    path: str
    findings: tuple[Finding, ...] = ()
    # The findings split by the run's failing severity (--fail-on): those that make the exit
    # code 1, and the others (reported, but not a failure), both in position order.
    failing: tuple[Finding, ...] = ()
    passing: tuple[Finding, ...] = ()


@dataclass
class RunStats:
    """How a run went, for `check --verbose`; no report shows it, so none depends on it."""

    cached: int = 0  # files whose result came from the results cache
    checked: int = 0  # files checked in this run
    jobs: int = 1  # processes that checked them
    jobs_capped: str | None = None  # why fewer than --jobs asked for, or the default, ran
    cache_dir: str | None = None  # the cache folder, None without a cache
    cache_problem: str | None = None  # why the cache could not be used


@dataclass
class RunResult:
    """The decided outcome of a run: reporters render it, they never recompute it."""

    claims: list[Verdict]
    findings: list[Finding]
    summary: Summary
    exit_code: int = 0
    # Filled only when a report shows the copy itself (`--format html`); see kalypso_lint.pages.
    pages: list[PageView] | None = None
    entries: dict[str, EntryView] = field(default_factory=dict)
    files: list[FileReport] = field(default_factory=list)  # every checked file, by path
    # The files read as Word documents or PDFs ("docx", "pdf"), by path: their lines are
    # paragraphs or page lines (kalypso_lint.locations). Others are absent.
    layouts: dict[str, str] = field(default_factory=dict)
    stats: RunStats = field(default_factory=RunStats)  # how the run went, for --verbose


# Views for reports that show the copy itself (the HTML report). The pipeline builds them
# (kalypso_lint.pages) only when such a report is asked for, so a plain run keeps no text.


@dataclass(frozen=True)
class PageBlock:
    """One prose block as a reader shows it: kind (heading, item, paragraph) and first line."""

    kind: str
    line: int
    text: str


@dataclass(frozen=True)
class PageText:
    """A file's prose, kept while the file is checked, with what it takes to find a source
    span in it later: each run of copied text as (source start, block, text start, text end),
    ordered by source start, and the file's line starts."""

    blocks: tuple[PageBlock, ...]
    runs: tuple[tuple[int, int, int, int], ...]
    line_starts: tuple[int, ...]


@dataclass(frozen=True)
class TextPiece:
    """A stretch of block text: plain, a claim (index into the page's claims), or a finding
    tied to no claim that is marked where it stands (index into the page's findings)."""

    text: str
    claim: int | None = None
    finding: int | None = None


@dataclass(frozen=True)
class PageLine:
    kind: str
    line: int
    pieces: tuple[TextPiece, ...]


@dataclass(frozen=True)
class PageView:
    """Everything a report needs to show one page: text cut at claims, findings tied to claims.

    `claim_findings[i]` are indices into `findings` of the findings at claim i, and
    `finding_claims[j]` is the claim of finding j, or None for a finding tied to no claim
    (a phrase rule, an unreadable file, an unused suppression); `marked` are the findings
    tied to no claim that are marked in the text. `keys` are the distinct "verdict:code"
    pairs of the page (code `none` for a claim without a finding, verdict `finding` for a
    finding tied to no claim), so filters can hide a page without opening it.
    """

    path: str
    lines: tuple[PageLine, ...]
    claims: tuple[Verdict, ...]
    claim_findings: tuple[tuple[int, ...], ...]
    findings: tuple[Finding, ...]
    finding_claims: tuple[int | None, ...]
    marked: frozenset[int]
    summary: Summary
    keys: tuple[str, ...]


@dataclass(frozen=True)
class SourceView:
    title: str
    link: str
    publisher: str | None = None
    doi: str | None = None
    pmid: str | None = None
    quote: str | None = None
    locator: str | None = None
    accessed: str | None = None


@dataclass(frozen=True)
class EntryView:
    """A registry entry as reports show it, with the tolerance that applies to it here."""

    id: str
    statement: str
    status: str
    figure: str | None
    tolerance: float
    location: str | None
    match: tuple[tuple[str, ...], ...]
    sources: tuple[SourceView, ...]
    kind: str | None = None
    reviewed: str | None = None
    expires: str | None = None
    notes: str | None = None
