"""Stage 2, read: a file on disk becomes a Document (prose blocks + a map back to the source)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kalypso_lint.documents.decode import UnreadableFile, decode
from kalypso_lint.documents.front_matter import DEFAULT_FIELDS
from kalypso_lint.documents.headings import with_heading_levels
from kalypso_lint.documents.html import AttributeCopy, read_html
from kalypso_lint.documents.markdown import read_markdown
from kalypso_lint.documents.text import read_text
from kalypso_lint.fileio import FileTooLarge, NotRegularFile, read_regular
from kalypso_lint.models import Document

Reader = Callable[[str, str], Document]
# Readers of formats that are not text (issue 17): they take the file's bytes and
# max-file-size, which bounds what a compressed format may unpack to.
BinaryReader = Callable[[str, bytes, int], Document]

READERS: dict[str, Reader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".mdown": read_markdown,
    ".mkd": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".txt": read_text,
    ".text": read_text,
}


def _read_docx(path: str, data: bytes, max_bytes: int) -> Document:
    from kalypso_lint.documents.docx import read_docx  # python-docx loads only when needed

    # Each XML part is copy, held to max-file-size like a text file; the whole package (images
    # included) to what the file itself may be (a zip bomb: 134 KB unpacking to 33 MB of XML).
    return read_docx(path, data, max_bytes, max_bytes * BINARY_SIZE_FACTOR)


def _read_pdf(path: str, data: bytes, max_bytes: int) -> Document:
    from kalypso_lint.documents.pdf import read_pdf

    return read_pdf(path, data)


def _read_web(path: str, data: bytes, max_bytes: int) -> Document:
    from kalypso_lint.documents.web import read_web

    return read_web(path, data)


# WEB_SUFFIX is not a real file type: a fetched HTML page is given it (kalypso_lint.crawl) so
# that its main content is read, not every word of its navigation and footer.
WEB_SUFFIX = ".kalypso-web-page"
BINARY_READERS: dict[str, BinaryReader] = {
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    WEB_SUFFIX: _read_web,
}

# Word and PDF files may be this many times max-file-size: their text is a small part.
BINARY_SIZE_FACTOR = 10
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def reader_for(path: Path) -> Reader:
    return READERS.get(path.suffix.lower(), read_text)


def read_document(
    path: Path,
    display_path: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
    front_matter_fields: tuple[str, ...] = DEFAULT_FIELDS,
    alt_text: bool = True,
) -> Document:
    """Read and parse one file. Raises UnreadableFile for anything that cannot be checked.

    `data` replaces the file's bytes on disk (the staged content of `check --staged`); the
    path still picks the reader. `front_matter_fields` are the Markdown front matter fields
    read as copy (`front-matter-fields` in rules.yaml); in HTML, naming `description` also
    reads the meta descriptions, and `alt_text` images' alt text (`alt-text`).
    """
    binary = BINARY_READERS.get(path.suffix.lower())
    copy_limit = max_bytes
    if binary is not None:
        # A PDF's or Word file's bytes are mostly images and fonts, not copy (issue 17).
        max_bytes *= BINARY_SIZE_FACTOR
    if data is None:
        data = _read_bytes(path, max_bytes)
    elif len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if binary is not None:
        return with_heading_levels(binary(display_path, data, copy_limit))
    text = decode(data)
    del data  # the copy stays; the bytes go (issue 16: a 50 MB page)
    try:
        reader = reader_for(path)
        if reader is read_markdown:
            return with_heading_levels(read_markdown(display_path, text, front_matter_fields))
        if reader is read_html:
            descriptions = "description" in {f.lower() for f in front_matter_fields}
            attributes = AttributeCopy(descriptions=descriptions, alt_text=alt_text)
            return with_heading_levels(read_html(display_path, text, attributes))
        return with_heading_levels(reader(display_path, text))
    except RecursionError:
        raise UnreadableFile("KL901", "markup nested too deeply to parse") from None


def _too_large(size: int, max_bytes: int) -> UnreadableFile:
    return UnreadableFile(
        "KL902",
        f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.1f} MB limit "
        "(max-file-size in rules.yaml); not checked",
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        data = read_regular(path, max_bytes)
    except FileTooLarge as exc:
        raise _too_large(exc.size, max_bytes) from None
    except NotRegularFile as exc:
        raise UnreadableFile("KL901", f"{exc.strerror}; only regular files are read") from None
    except OSError as exc:
        raise UnreadableFile("KL901", f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew after it was measured
        raise _too_large(len(data), max_bytes)
    return data


__all__ = [
    "BINARY_READERS",
    "READERS",
    "WEB_SUFFIX",
    "Document",
    "UnreadableFile",
    "read_document",
    "reader_for",
]
