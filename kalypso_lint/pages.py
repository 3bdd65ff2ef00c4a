"""Page views for reports that show the copy itself (issue 9: the HTML report).

The pipeline builds them only when such a report is asked for, so an ordinary run keeps no
page text. Everything a reader of the copy needs is decided here, where computing belongs:
which block each claim sits in and at which characters, which findings belong to which
claim, the per-page summary and the filter keys. The HTML reporter only escapes and wraps.

A claim's place in its block is found from its source span through the block's run map (the
inverse of `TextBlock.source_offset`), never by searching the claim's text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from kalypso_lint.models import (
    Document,
    EntryView,
    Finding,
    PageBlock,
    PageLine,
    PageText,
    PageView,
    SourceView,
    Span,
    TextPiece,
    Verdict,
    position_of,
)
from kalypso_lint.registry import Registry
from kalypso_lint.rules import summarise

# Reader block kinds (Markdown token names, HTML tags, plain-text kinds) -> how a report shows them.
_SHOWN_KIND = {
    "heading": "heading",
    **{f"h{n}": "heading" for n in range(1, 7)},
    "list_item": "item",
    "li": "item",
    "dt": "item",
    "dd": "item",
    "quote": "quote",
    "blockquote": "quote",
    "table_cell": "cell",
    "td": "cell",
    "th": "cell",
}
NO_FINDING = "none"  # the filter key of a claim that has no finding (usually supported)
LOOSE_FINDING = "finding"  # the filter key's verdict part for a finding tied to no claim


def page_text(document: Document) -> PageText:
    """The document's blocks as a report shows them, and the map back from source offsets."""
    runs: list[tuple[int, int, int, int]] = []
    for index, block in enumerate(document.blocks):
        ends = [*block.run_starts[1:], len(block.text)]
        for text_start, text_end, source_start in zip(
            block.run_starts, ends, block.run_offsets, strict=True
        ):
            runs.append((source_start, index, text_start, text_end))
    runs.sort()
    blocks = tuple(
        PageBlock(
            kind=_SHOWN_KIND.get(block.kind, "paragraph"),
            line=position_of(document.line_starts, block.run_offsets[0])[0],
            text=block.text,
        )
        for block in document.blocks
    )
    return PageText(blocks, tuple(runs), document.line_starts)


@dataclass(frozen=True)
class _Mark:
    block: int
    start: int
    end: int
    claim: int | None = None
    finding: int | None = None


class _Marker:
    """Places non-overlapping marks in a page's blocks from source spans.

    A span is found through the blocks' run maps (the inverse of `TextBlock.source_offset`),
    never by searching for text. A span that does not fall inside one block, or overlaps a
    mark already placed, gets none: the finding is still listed, just not marked.
    """

    def __init__(self, text: PageText) -> None:
        self.text = text
        self.starts = [run[0] for run in text.runs]
        self.marks: list[_Mark] = []

    def _locate(self, offset: int) -> tuple[int, int] | None:
        position = bisect_right(self.starts, offset) - 1
        if position < 0:
            return None
        source_start, block, text_start, text_end = self.text.runs[position]
        index = text_start + (offset - source_start)
        return (block, index) if index < text_end else None

    def place(self, span: Span, claim: int | None = None, finding: int | None = None) -> str:
        """Mark the span; returns the text marked, or "" when it cannot be marked."""
        line_starts = self.text.line_starts
        if span.line > len(line_starts) or span.end_line > len(line_starts):
            return ""
        first = self._locate(line_starts[span.line - 1] + span.column - 1)
        last = self._locate(line_starts[span.end_line - 1] + span.end_column - 2)
        if first is None or last is None or first[0] != last[0] or last[1] < first[1]:
            return ""
        block, start, end = first[0], first[1], last[1] + 1
        if any(m.block == block and m.start < end and start < m.end for m in self.marks):
            return ""
        self.marks.append(_Mark(block, start, end, claim, finding))
        return self.text.blocks[block].text[start:end]

    def lines(self) -> tuple[PageLine, ...]:
        by_block: dict[int, list[_Mark]] = {}
        for mark in self.marks:
            by_block.setdefault(mark.block, []).append(mark)
        lines: list[PageLine] = []
        for index, block in enumerate(self.text.blocks):
            pieces: list[TextPiece] = []
            cursor = 0
            for mark in sorted(by_block.get(index, []), key=lambda m: m.start):
                if mark.start > cursor:
                    pieces.append(TextPiece(block.text[cursor : mark.start]))
                pieces.append(
                    TextPiece(block.text[mark.start : mark.end], mark.claim, mark.finding)
                )
                cursor = mark.end
            if cursor < len(block.text):
                pieces.append(TextPiece(block.text[cursor:]))
            lines.append(PageLine(block.kind, block.line, tuple(pieces)))
        return tuple(lines)


def page_view(
    path: str, text: PageText | None, verdicts: Sequence[Verdict], findings: Sequence[Finding]
) -> PageView:
    """One page for the report: findings (final and sorted) tied to the claims they are at.

    Claims are marked first; a finding at no claim (a phrase rule's hit) is marked too where
    it does not overlap one. A claim whose mark would not read exactly its text (which the
    readers never produce) keeps its verdict but is not marked, rather than marked wrongly.
    """
    claim_at: dict[Span, int] = {}
    for index, verdict in enumerate(verdicts):
        claim_at.setdefault(verdict.claim.span, index)
    owners = [claim_at.get(finding.span) for finding in findings]
    tied: list[list[int]] = [[] for _ in verdicts]
    for index, owner in enumerate(owners):
        if owner is not None:
            tied[owner].append(index)
    marker = _Marker(text) if text else None
    marked: set[int] = set()
    if marker:
        for index, verdict in enumerate(verdicts):
            placed = marker.place(verdict.claim.span, claim=index)
            if placed and placed != verdict.claim.text:
                marker.marks.pop()
        for index, (finding, owner) in enumerate(zip(findings, owners, strict=True)):
            if owner is None and marker.place(finding.span, finding=index):
                marked.add(index)
    keys: set[str] = set()
    for verdict, indices in zip(verdicts, tied, strict=True):
        codes = [findings[i].code for i in indices] or [NO_FINDING]
        keys.update(f"{verdict.verdict}:{code}" for code in codes)
    keys.update(
        f"{LOOSE_FINDING}:{finding.code}"
        for finding, owner in zip(findings, owners, strict=True)
        if owner is None
    )
    return PageView(
        path=path,
        lines=marker.lines() if marker else (),
        claims=tuple(verdicts),
        claim_findings=tuple(tuple(indices) for indices in tied),
        findings=tuple(findings),
        finding_claims=tuple(owners),
        marked=frozenset(marked),
        summary=summarise(1, list(verdicts), list(findings)),
        keys=tuple(sorted(keys)),
    )


def entry_views(
    registry: Registry, verdicts: Sequence[Verdict], default_tolerance: float
) -> dict[str, EntryView]:
    """The registry entries the verdicts refer to, by id (sorted), as reports show them."""
    figures: dict[str, str | None] = {}
    for verdict in verdicts:  # the entry's figure as the verifier worded it for messages
        if verdict.registry_id and figures.get(verdict.registry_id) is None:
            figures[verdict.registry_id] = verdict.expected
    views: dict[str, EntryView] = {}
    for entry_id in sorted(figures):
        entry = registry.get(entry_id)
        if entry is None:
            continue
        located = registry.locations.get(entry_id)
        views[entry_id] = EntryView(
            id=entry.id,
            statement=entry.statement,
            status=entry.status,
            figure=figures[entry_id],
            tolerance=entry.tolerance if entry.tolerance is not None else default_tolerance,
            location=f"{located.path}:{located.line}" if located else None,
            match=tuple(tuple(group) for group in entry.match),
            sources=tuple(
                SourceView(
                    title=source.title,
                    link=source.link,
                    publisher=source.publisher,
                    doi=source.doi,
                    pmid=source.pmid,
                    quote=source.quote,
                    locator=source.locator,
                    accessed=source.accessed.isoformat() if source.accessed else None,
                )
                for source in entry.sources
            ),
            kind=entry.kind,
            reviewed=entry.reviewed.isoformat() if entry.reviewed else None,
            expires=entry.expires.isoformat() if entry.expires else None,
            notes=entry.notes,
        )
    return views
