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

from kalypso_lint.models import (
    Claim,
    Document,
    EntryView,
    Finding,
    PageBlock,
    PageLine,
    PageMark,
    PageText,
    PageView,
    SourceView,
    TextBlock,
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


_Run = tuple[int, int, int, int]  # source start, block index, text start, text end


def _runs(blocks: Sequence[TextBlock]) -> tuple[list[int], list[_Run]]:
    """Every run of every block, ordered by where it starts in the source."""
    runs: list[_Run] = []
    for index, block in enumerate(blocks):
        ends = [*block.run_starts[1:], len(block.text)]
        for text_start, text_end, source_start in zip(
            block.run_starts, ends, block.run_offsets, strict=True
        ):
            runs.append((source_start, index, text_start, text_end))
    runs.sort()
    return [run[0] for run in runs], runs


def _locate(offset: int, starts: list[int], runs: list[_Run]) -> tuple[int, int] | None:
    """(block index, text index) of the character copied from source `offset`, if any."""
    position = bisect_right(starts, offset) - 1
    if position < 0:
        return None
    source_start, block_index, text_start, text_end = runs[position]
    index = text_start + (offset - source_start)
    return (block_index, index) if index < text_end else None


def _offset(document: Document, line: int, column: int) -> int:
    return document.line_starts[line - 1] + column - 1


def page_text(document: Document, claims: Sequence[Claim]) -> PageText:
    """The document's blocks and the place of each claim in them.

    A claim whose span does not map back onto one block reading exactly its text (which the
    readers never produce) keeps its verdict but gets no mark, rather than a wrong one.
    """
    blocks = document.blocks
    starts, runs = _runs(blocks)
    marks: list[PageMark] = []
    taken: dict[int, int] = {}  # block index -> end of the last mark placed in it
    for claim_index, claim in enumerate(claims):
        span = claim.span
        first = _locate(_offset(document, span.line, span.column), starts, runs)
        last = _locate(_offset(document, span.end_line, span.end_column) - 1, starts, runs)
        if first is None or last is None or first[0] != last[0]:
            continue
        block_index, start = first
        end = last[1] + 1
        if blocks[block_index].text[start:end] != claim.text or start < taken.get(block_index, 0):
            continue
        taken[block_index] = end
        marks.append(PageMark(claim_index, block_index, start, end))
    shown = tuple(
        PageBlock(
            kind=_SHOWN_KIND.get(block.kind, "paragraph"),
            line=position_of(document.line_starts, block.run_offsets[0])[0],
            text=block.text,
        )
        for block in blocks
    )
    return PageText(shown, tuple(marks))


def _cut(text: PageText) -> tuple[PageLine, ...]:
    by_block: dict[int, list[PageMark]] = {}
    for mark in text.marks:
        by_block.setdefault(mark.block, []).append(mark)
    lines: list[PageLine] = []
    for index, block in enumerate(text.blocks):
        pieces: list[TextPiece] = []
        cursor = 0
        for mark in sorted(by_block.get(index, []), key=lambda m: m.start):
            if mark.start > cursor:
                pieces.append(TextPiece(block.text[cursor : mark.start]))
            pieces.append(TextPiece(block.text[mark.start : mark.end], mark.claim))
            cursor = mark.end
        if cursor < len(block.text):
            pieces.append(TextPiece(block.text[cursor:]))
        lines.append(PageLine(block.kind, block.line, tuple(pieces)))
    return tuple(lines)


def page_view(
    path: str, text: PageText | None, verdicts: Sequence[Verdict], findings: Sequence[Finding]
) -> PageView:
    """One page for the report: findings (already final and sorted) tied to their claims."""
    claim_at = {
        (v.claim.span, v.claim.text): index for index, v in enumerate(verdicts)
    }  # findings about a claim carry its span and text
    tied: list[list[int]] = [[] for _ in verdicts]
    owners: list[int | None] = []
    for index, finding in enumerate(findings):
        claim_index = claim_at.get((finding.span, finding.claim_text or ""))
        owners.append(claim_index)
        if claim_index is not None:
            tied[claim_index].append(index)
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
        lines=_cut(text) if text else (),
        claims=tuple(verdicts),
        claim_findings=tuple(tuple(indices) for indices in tied),
        findings=tuple(findings),
        finding_claims=tuple(owners),
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
