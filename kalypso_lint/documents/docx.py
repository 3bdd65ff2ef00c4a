"""Word (.docx) reader (issue 17): one line per paragraph, so a location is a paragraph number.

python-docx opens the package (zip, parts, relationships, styles); the paragraphs are walked
here in the XML itself, because its `Paragraph.text` skips text inside tracked insertions and
it has no API for footnotes. Tracked changes are read as if accepted: inserted and moved-to
text kept, deleted and moved-from text left out, and the document gets a KL920 notice.
Paragraphs are numbered as Word shows pilcrows (formatting marks on): every paragraph of the
body in order, empty ones and those in tables and text boxes included; footnotes and
endnotes follow the body, numbered on. Word comments may carry directives
(`kalypso-lint: disable=KL101`); they apply to the paragraphs the comment is anchored to.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from kalypso_lint.documents.decode import UnreadableFile
from kalypso_lint.documents.lines import Line, lines_document, one_line
from kalypso_lint.documents.unpack import UnpackTooLarge, unpack_zip
from kalypso_lint.models import Document, Notice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = frozenset(
    W + name
    for name in (
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "pPr",
        "rPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "p",  # a text box's paragraphs inside a run: read as paragraphs of their own
    )
)
_CHANGES = (W + "ins", W + "del", W + "moveFrom", W + "moveTo")
_DIRECTIVE = re.compile(r"^\s*kalypso-lint\s*:\s*(?P<action>[\w-]+)", re.IGNORECASE)


def read_docx(path: str, data: bytes, max_part: int, max_total: int) -> Document:
    """`max_part` bounds what each XML part unpacks to (max-file-size: the XML is the copy),
    `max_total` the whole package, images included."""
    document = _open(path, data, max_part, max_total)
    styles = {style.style_id: (style.name or "") for style in document.styles}
    body = document.element.body
    paragraphs = list(body.iter(W + "p"))
    number = {id(p): index + 1 for index, p in enumerate(paragraphs)}
    lines = [_line(p, styles) for p in paragraphs]
    changes = sum(1 for _ in _iter_tags(body, _CHANGES))
    for part_name in ("footnotes", "endnotes"):
        root = _part_root(document, part_name)
        if root is None:
            continue
        for note in root:
            if note.get(W + "type") in ("separator", "continuationSeparator"):
                continue
            changes += sum(1 for _ in _iter_tags(note, _CHANGES))
            lines.extend(_line(p, styles, "footnote") for p in note.iter(W + "p"))
    comments = _comments(document, body, number)
    notices: tuple[Notice, ...] = ()
    if changes:
        notices = (
            Notice(
                "KL920",
                f"{changes} tracked change{'s' if changes != 1 else ''} read as accepted "
                "(insertions kept, deletions left out); accept or reject them in Word "
                "before publishing",
            ),
        )
    return lines_document(path, "docx", lines, comments, notices)


def _open(path: str, data: bytes, max_part: int, max_total: int) -> Any:
    import zipfile

    import docx

    name = path.replace("\\", "/").rsplit("/", 1)[-1]

    def limit_for(member: str) -> tuple[int, str]:
        if member.lower().endswith((".xml", ".rels")):
            return max_part, "max-file-size"
        return max_total, f"{max_total // max_part} × max-file-size"

    try:
        unpacked = unpack_zip(data, limit_for, limit_for(""), "the document")
    except UnpackTooLarge as exc:
        raise UnreadableFile("KL901", f"{exc}; not checked") from None
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(
            "KL901", f"{name} is not a readable Word document (damaged ZIP file: {exc})"
        ) from None
    with zipfile.ZipFile(io.BytesIO(unpacked)) as archive:
        members = set(archive.namelist())
    if "[Content_Types].xml" not in members or not any(
        m.startswith("word/") and m.endswith(".xml") for m in members
    ):
        raise UnreadableFile(
            "KL901", f"{name} is not a Word document (it is a ZIP file without word/document.xml)"
        )
    try:
        return docx.Document(io.BytesIO(unpacked))
    except Exception as exc:  # python-docx raises zip, XML and key errors on damaged files
        raise UnreadableFile(
            "KL901", f"{name} is not a readable Word document ({_describe(exc)})"
        ) from None


_OBJECT_REPR = re.compile(r"'?<[\w.]+ object at 0x[0-9a-f]+>'?\s*")


def _describe(exc: Exception) -> str:
    """The library's reason without internal object reprs (`<_io.BytesIO object at 0x…>`)."""
    text = _OBJECT_REPR.sub("", str(exc)).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _iter_tags(element: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    for tag in tags:
        yield from element.iter(tag)


def _line(paragraph: Any, styles: dict[str, str], kind: str | None = None) -> Line:
    parts: list[str] = []
    _collect(paragraph, parts)
    text = one_line("".join(parts))
    has_link = any(link.get(_R_ID) for link in paragraph.iter(W + "hyperlink"))
    return Line(text, kind or _kind(paragraph, styles), has_link=has_link)


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _collect(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "br", W + "cr"):
            parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag != W + "softHyphen":
            _collect(child, parts)


def _kind(paragraph: Any, styles: dict[str, str]) -> str:
    properties = paragraph.find(W + "pPr")
    style_id = ""
    if properties is not None:
        style = properties.find(W + "pStyle")
        if style is not None:
            style_id = style.get(W + "val") or ""
        if properties.find(W + "numPr") is not None:
            return "list_item"
    name = styles.get(style_id, style_id).lower()
    if name.startswith(("heading", "title", "subtitle")):
        return "heading"
    if "quote" in name:
        return "quote"
    if name.startswith("list"):
        return "list_item"
    ancestor = paragraph.getparent()
    while ancestor is not None:
        if ancestor.tag == W + "tc":
            return "table_cell"
        ancestor = ancestor.getparent()
    return "paragraph"


def _part_root(document: Any, name: str) -> Any:
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + name) and not rel.is_external:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            return etree.fromstring(rel.target_part.blob, parser)
    return None


def _comments(document: Any, body: Any, number: dict[int, int]) -> list[tuple[str, int, int]]:
    """Comments that hold a directive, as (text, first paragraph, last paragraph)."""
    root = _part_root(document, "comments")
    if root is None:
        return []
    texts: dict[str, str] = {}
    for comment in root.iter(W + "comment"):
        parts: list[str] = []
        for paragraph in comment.iter(W + "p"):
            _collect(paragraph, parts)
            parts.append(" ")
        text = one_line("".join(parts))
        if _DIRECTIVE.match(text):
            texts[comment.get(W + "id") or ""] = text
    if not texts:
        return []
    anchors: dict[str, list[int]] = {}
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for mark in body.iter(W + tag):
            anchor = _paragraph_number(mark, number)
            if anchor is not None:
                anchors.setdefault(mark.get(W + "id") or "", []).append(anchor)
    found = []
    for comment_id, text in texts.items():
        where = anchors.get(comment_id)
        if not where:
            continue
        first, last = min(where), max(where)
        match = _DIRECTIVE.match(text)
        action = match.group("action") if match else ""
        if action.lower() == "disable":
            # A Word comment covers the text it is anchored to, not the rest of the file.
            text = text.replace(action, "disable-line", 1)
        elif action.lower() == "claim":
            last = 0  # the pin applies to the first claim of the commented text
        found.append((text, first, last))
    return found


def _paragraph_number(mark: Any, number: dict[int, int]) -> int | None:
    element = mark
    while element is not None:
        if element.tag == W + "p":
            return number.get(id(element))
        element = element.getparent()
    for sibling in mark.itersiblings():  # a range mark between paragraphs: the next one
        if sibling.tag == W + "p":
            return number.get(id(sibling))
    return None
