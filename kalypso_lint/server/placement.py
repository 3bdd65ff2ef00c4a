"""Where the quick fix puts a suppression so that the page reads exactly as before.

A comment appended to the finding's line is right in prose, but not everywhere:

- in front matter an HTML comment becomes part of the YAML (and may break it), so the
  directive is a YAML comment there (documents/front_matter.py reads those);
- at the end of a line inside an HTML start tag that spans lines (an `alt="..."` read as
  copy) the comment would land in the attribute's value, so the tag is wrapped instead:
  `disable=CODE` before its start tag and `enable=CODE` after its end;
- a multi-line YAML value is wrapped the same way, with YAML comments.

`disable-next-line` would not do for a wrapped tag: it covers one line, and the finding may
stand on a later line of the tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from kalypso_lint.documents.front_matter import compose_yaml, scalar_ranges
from kalypso_lint.documents.markdown import front_matter_lines
from kalypso_lint.models import Span

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True)
class Placement:
    title: str
    edits: tuple[tuple[Span, str], ...]  # (where, new text); an empty span inserts


def place_suppression(
    lines: tuple[str, ...], suffix: str, line: int, code: str
) -> Placement | None:
    """The edits that suppress `code` on 1-based `line`, or None if no place is safe."""
    markdown = suffix in MARKDOWN_SUFFIXES
    if markdown:
        front = front_matter_lines("\n".join(lines))
        if front is not None and front[0] <= line <= front[1]:
            return _in_front_matter(lines, front, line, code)
    return _in_markup(lines, line, code, markdown)


def _at_end(lines: tuple[str, ...], line: int, text: str) -> tuple[Span, str]:
    end = len(lines[line - 1]) + 1
    return Span(line, end, line, end), text


def _before(line: int, text: str) -> tuple[Span, str]:
    return Span(line, 1, line, 1), text + "\n"


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _line_title(code: str) -> str:
    return f"Suppress {code} on this line"


# -- front matter ---------------------------------------------------------------------------


def _in_front_matter(
    lines: tuple[str, ...], front: tuple[int, int], line: int, code: str
) -> Placement | None:
    first, last = front
    content = "\n".join(lines[first - 1 : last]) + "\n"
    root = compose_yaml(content)
    if root is None:
        return None  # YAML that does not parse: no edit can be shown to be safe
    starts = [0]
    for text in lines[first - 1 : last]:
        starts.append(starts[-1] + len(text) + 1)
    ranges = scalar_ranges(root)

    def inside(offset: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in ranges if s <= offset < e), None)

    def line_of(offset: int) -> int:  # 0-based line in the content
        return max(i for i, start in enumerate(starts) if start <= offset)

    here = line - first
    line_end = starts[here] + len(lines[line - 1])
    scalar = inside(line_end)
    if scalar is None:  # the value ends on this line: a trailing YAML comment
        comment = f" # kalypso-lint: disable-line={code}"
        return Placement(_line_title(code), (_at_end(lines, line, comment),))
    start, end = scalar
    top = line_of(start)
    if any(s < starts[top] < e for s, e in ranges):
        return None
    edits = [
        _before(first + top, f"{_indent(lines[first + top - 1])}# kalypso-lint: disable={code}")
    ]
    bottom = line_of(end)
    rest = content[end : starts[bottom + 1] - 1] if bottom + 1 < len(starts) else ""
    if end == starts[bottom]:  # a block scalar ends where the next line starts
        edits.append(_before(first + bottom, f"# kalypso-lint: enable={code}"))
    elif not rest.strip() or rest.lstrip().startswith("#"):
        edits.append(_at_end(lines, first + bottom, f" # kalypso-lint: enable={code}"))
    else:
        return None
    return Placement(f"Suppress {code} for this field", tuple(edits))


# -- HTML tags --------------------------------------------------------------------------------


class _StartTags(HTMLParser):
    """(start, end) offsets of every start tag in the text."""

    def __init__(self, starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = starts
        self.tags: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        self.tags.append((start, start + len(self.get_starttag_text() or "")))

    handle_startendtag = handle_starttag


def _in_markup(lines: tuple[str, ...], line: int, code: str, markdown: bool) -> Placement | None:
    starts = [0]
    for text in lines:
        starts.append(starts[-1] + len(text) + 1)
    parser = _StartTags(starts)
    try:
        parser.feed("\n".join(lines))
        parser.close()
    except (AssertionError, ValueError):  # html.parser's own complaints on odd markup
        return None
    tags = parser.tags

    def tag_at(offset: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in tags if s < offset < e), None)

    def line_of(offset: int) -> int:  # 1-based
        return max(i for i, start in enumerate(starts) if start <= offset) + 1

    def line_end(number: int) -> int:
        return starts[number - 1] + len(lines[number - 1])

    tag = tag_at(line_end(line))
    if tag is None:  # prose: a comment at the end of the line is outside any tag
        comment = f" <!-- kalypso-lint: disable-line={code} -->"
        return Placement(_line_title(code), (_at_end(lines, line, comment),))
    start, end = tag
    while (outer := tag_at(starts[line_of(start) - 1])) is not None:
        start = outer[0]  # the tag's line starts inside an earlier tag
    while (later := tag_at(line_end(line_of(end)))) is not None:
        end = later[1]  # the tag's last line ends inside a later tag
    top, bottom = line_of(start), line_of(end)
    disable = f"<!-- kalypso-lint: disable={code} -->"
    before_tag = lines[top - 1][: start - starts[top - 1]]
    # After a blank line (or the front matter's closing `---`) a line of its own starts no
    # paragraph and ends none.
    own_line = top == 1 or lines[top - 2].strip() in ("", "---")
    if not markdown or (not before_tag.strip() and own_line):
        opening = _before(top, _indent(lines[top - 1]) + disable)
    elif before_tag.strip():
        # Markdown prose before the tag: the comment inline, so no block starts or ends.
        column = start - starts[top - 1] + 1
        opening = (Span(top, column, top, column), disable)
    else:
        # A tag that starts a line of a Markdown paragraph: a comment on a line of its own
        # would end the paragraph, so it goes at the end of the line before.
        opening = _at_end(lines, top - 1, " " + disable)
    closing = _at_end(lines, bottom, f" <!-- kalypso-lint: enable={code} -->")
    return Placement(f"Suppress {code} for this tag", (opening, closing))
