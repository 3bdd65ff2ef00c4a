"""The front matter fields a site renders (title, description...) as prose blocks (issue 12).

A static site shows `description: ...` on the page and in search results, so it is copy like
any paragraph. PyYAML's composer gives each scalar's start and end in the front matter, so
every character keeps its place in the file; escapes and folded lines are mapped as the
Markdown reader maps inline text. Anything malformed yields no blocks, never an error.

libyaml's composer (PyYAML's C binding) gives the same nodes and marks as PyYAML's own, in
characters, about ten times faster (issue 16: 2% of a check); a plain scalar's style is ""
there and None in Python, which `_scalar_block` treats alike. Front matter libyaml refuses
is composed again in Python, as before.

A page's front matter is YAML, where an HTML comment would be part of a value, so directives
there are YAML comments (`description: ... # kalypso-lint: disable-line=KL101`); a site
never renders them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from kalypso_lint.documents.base import BlockBuilder, align
from kalypso_lint.models import TextBlock

# The fields most static-site generators render (Jekyll, Hugo, Eleventy, Astro...), and the
# fields that hold a page's body or its questions and answers in the front matter itself: a
# Statamic page's whole body is a tree of `content:` lists ending in `text:` scalars, an FAQ
# of `question:` and `answer:` pairs, a page builder's section a `content:` or `body:`
# (round 8 of issue 12: in the labelled real pages no setting is named so).
DEFAULT_FIELDS = (
    "title",
    "description",
    "summary",
    "excerpt",
    "text",
    "content",
    "body",
    "question",
    "answer",
    "takeaways",
    "highlights",
    "points",
)
_HEADING_FIELDS = frozenset({"title"})
# Round 18: a page's search description under a longer name ("page_description",
# "meta_description", "metaDescription" under `search_engine_optimization:`) is shown in
# search results and link previews, so it is copy like `description`.
# Session 11: an article's summary lists under a longer name ("keyTakeaways", "summaryPoints",
# "key_highlights", "metaSummary") are rendered as a box at the top of the page.
_SUFFIX_FIELDS = ("description", "summary", "takeaways", "highlights", "points")
# A value without a space that holds one of these is a path, an address or a template
# setting, not copy ("content: pages/about.md", "text: https://...").
_SETTING_MARKS = ("/", "://", "{{", "{%", "_")
_LOADERS: tuple[Any, ...] = (
    (yaml.CSafeLoader, yaml.SafeLoader) if hasattr(yaml, "CSafeLoader") else (yaml.SafeLoader,)
)


# A YAML comment starts at a `#` after white space or at a line's start; one comment may hold
# a directive after other words ("# draft # kalypso-lint: ..."), so each `#` is a candidate.
_COMMENT_MARK = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
_DIRECTIVE_COMMENT = re.compile(r"#(\s*kalypso-lint\s*:(?:(?![ \t]#)[^\n])*)", re.IGNORECASE)


def read_front_matter(
    content: str, content_start: int, fields: tuple[str, ...] = DEFAULT_FIELDS
) -> tuple[list[TextBlock], list[tuple[str, int, int]]]:
    """The blocks of `content` (the YAML between the `---` lines, starting at `content_start`
    in the source) and its directive comments as (text, source start, source end)."""
    root = compose_yaml(content)
    if root is None:
        return [], []
    return _blocks(root, content, content_start, fields), _comments(root, content, content_start)


def front_matter_blocks(
    content: str, content_start: int, fields: tuple[str, ...] = DEFAULT_FIELDS
) -> list[TextBlock]:
    """Blocks for the rendered fields of `content`, which starts at `content_start`."""
    return read_front_matter(content, content_start, fields)[0]


def scalar_ranges(root: yaml.Node) -> list[tuple[int, int]]:
    """(start, end) in the YAML of every scalar, keys included: a `#` inside one is text."""
    ranges, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            ranges.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return ranges


def _comments(root: yaml.Node, content: str, content_start: int) -> list[tuple[str, int, int]]:
    if "kalypso-lint" not in content.lower():
        return []
    inside = scalar_ranges(root)
    found = []
    for mark in _COMMENT_MARK.finditer(content):
        at = mark.start()
        if any(start <= at < end for start, end in inside):
            continue
        line_end = content.find("\n", at)
        line_end = len(content) if line_end == -1 else line_end
        directive = _DIRECTIVE_COMMENT.match(content, at, line_end)
        if directive is not None:
            found.append((directive.group(1), content_start + at, content_start + line_end))
    return found


def _blocks(
    root: yaml.Node, content: str, content_start: int, fields: tuple[str, ...]
) -> list[TextBlock]:
    wanted = {f.lower() for f in fields}
    if not isinstance(root, yaml.MappingNode):
        return []
    blocks = []
    for name, scalar, heading in _fields(root, wanted, depth=0, heading=False):
        kind = "heading" if name in _HEADING_FIELDS or heading else "paragraph"
        block = _scalar_block(scalar, content, content_start, kind)
        if block is not None:
            blocks.append(block)
    blocks.sort(key=lambda b: b.run_offsets[0])
    return blocks


def compose_yaml(content: str) -> yaml.Node | None:
    for loader in _LOADERS:
        try:
            return yaml.compose(content, Loader=loader)
        except (yaml.YAMLError, RecursionError):
            continue
    return None


def _fields(
    node: yaml.Node, wanted: set[str], depth: int, heading: bool
) -> Iterator[tuple[str, yaml.ScalarNode, bool]]:
    """The wanted fields at any depth: page builders nest them (`services: - description:`),
    each with its scalar or each scalar of its list, and whether a rich-text node of type
    `heading` holds it (Statamic's Bard: `- type: heading` over its `content: - text:`)."""
    if depth > 30:  # front matter is shallow; a deeper one is not worth the recursion
        return
    if isinstance(node, yaml.MappingNode):
        heading = heading or _node_type(node) == "heading"
        for key, value in node.value:
            name = _field_name(key, wanted)
            if name in wanted and isinstance(value, yaml.ScalarNode):
                yield name, value, heading
            elif name in wanted and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.ScalarNode):
                        yield name, item, heading
                    else:
                        yield from _fields(item, wanted, depth + 1, heading)
            else:
                yield from _fields(value, wanted, depth + 1, heading)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _fields(item, wanted, depth + 1, heading)


def _field_name(key: yaml.Node, wanted: set[str]) -> str:
    """The key's name, lower case; a longer name of a wanted suffix field is that field."""
    name = str(key.value).lower() if isinstance(key, yaml.ScalarNode) else ""
    for field in _SUFFIX_FIELDS:
        if field in wanted and name.endswith(field):
            return field
    return name


def _node_type(node: yaml.MappingNode) -> str:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "type":
            return str(value.value) if isinstance(value, yaml.ScalarNode) else ""
    return ""


def _scalar_block(
    node: yaml.ScalarNode, content: str, content_start: int, kind: str
) -> TextBlock | None:
    value = str(node.value)
    if not value.strip() or node.tag != "tag:yaml.org,2002:str":
        return None  # dates, numbers and booleans are settings, not copy
    if " " not in value.strip() and any(mark in value for mark in _SETTING_MARKS):
        return None  # a path, an address, a template tag
    start, end = node.start_mark.index, node.end_mark.index
    builder = BlockBuilder(kind)
    style = node.style
    if style in ("|", ">"):
        # The indicator line holds no text; the indentation and line breaks after it become
        # single spaces, as in any block.
        newline = content.find("\n", start, end)
        if newline != -1:
            builder.add(content[newline + 1 : end].rstrip(), content_start + newline + 1)
    elif style in ("'", '"'):
        inner_start, inner = start + 1, content[start + 1 : end - 1]
        offsets = _unquoted_offsets(value, inner, style)
        if offsets is not None:
            builder.add_aligned(value, [content_start + inner_start + o for o in offsets])
        else:  # folded over lines: the raw text, whose line breaks become spaces anyway
            builder.add(inner, content_start + inner_start)
    else:
        builder.add(content[start:end], content_start + start)
    return builder.build()


def _unquoted_offsets(value: str, inner: str, style: str) -> list[int] | None:
    """Where each character of a quoted scalar's value stands between its quotes: `''` is
    one quote in single quotes, backslash escapes and entities are mapped by `align`."""
    if value == inner:
        return list(range(len(inner)))
    if style == '"':
        found = align(value, inner, 0)
        return found[0] if found is not None and found[1] == len(inner) else None
    offsets, index = [], 0
    while index < len(inner):
        offsets.append(index)
        index += 2 if inner.startswith("''", index) else 1
    return offsets if len(offsets) == len(value) else None
