"""Compressed input is limited by what it unpacks to, not only by its size on disk: a small
.docx or gzip sitemap that unpacks to megabytes (a "bomb") is refused with a clear message,
and is read in chunks, so a zip header that lies about a member's size costs no memory."""

from __future__ import annotations

import gzip
import io
import json
import struct
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from click.testing import Result
from pytest_httpserver import HTTPServer

from kalypso_lint.documents import UnreadableFile, read_document

REGISTRY = str(Path(__file__).resolve().parent.parent / "claims")
PARAGRAPH = "<w:p><w:r><w:t>Over 92% of our patients report relief.</w:t></w:r></w:p>"


def docx_with_body(path: Path, paragraphs: int) -> Path:
    """A real Word file whose word/document.xml holds `paragraphs` copies of one paragraph."""
    plain = io.BytesIO()
    docx.Document().save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                head, _, tail = content.decode().partition("<w:body>")
                content = (head + "<w:body>" + PARAGRAPH * paragraphs + tail).encode()
            out.writestr(info.filename, content)
    return path


def declare_size(path: Path, member: str, size: int) -> None:
    """Make the zip's central directory claim `member` unpacks to `size` bytes (a lie)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.start_dir
    while data[offset : offset + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        name = data[offset + 46 : offset + 46 + name_len].decode()
        if name == member:
            struct.pack_into("<I", data, offset + 24, size)
        offset += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


def check(run_cli: Callable[..., Result], cwd: Path, *args: str) -> Result:
    return run_cli("check", *args, "--registry", REGISTRY, "-f", "json", "--no-cache", cwd=cwd)


def test_docx_whose_xml_unpacks_past_max_file_size_is_refused_as_kl901(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "rules.yaml").write_text("max-file-size: 1MB\n")
    # python-docx's own styles.xml is 341 KB, so the limit is 1 MB, not smaller
    docx_with_body(tmp_path / "small.docx", 3)  # within the limit: still read
    bomb = docx_with_body(tmp_path / "bomb.docx", 20_000)  # 1.4 MB of XML, 40 KB on disk
    assert bomb.stat().st_size < 64 * 1024
    result = check(run_cli, tmp_path, "bomb.docx", "small.docx")
    assert "Traceback" not in result.output
    report = json.loads(result.output)
    assert len([c for c in report["claims"] if c["path"] == "small.docx"]) == 3
    (finding,) = [f for f in report["findings"] if f["code"].startswith("KL9")]
    assert finding["path"] == "bomb.docx"
    assert finding["code"] == "KL901"
    assert (
        "word/document.xml would unpack to 1.4 MB, more than the 1 MB limit (max-file-size)"
        in (finding["message"])
    )


def test_zip_header_that_understates_a_member_costs_no_memory(tmp_path: Path) -> None:
    bomb = docx_with_body(tmp_path / "liar.docx", 400_000)  # 26 MB of XML, 80 KB on disk
    declare_size(bomb, "word/document.xml", 1000)
    data = bomb.read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile) as refused:
            read_document(bomb, "liar.docx", 1024 * 1024, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024  # the 26 MB are never held
    assert refused.value.code == "KL901"
    assert "liar.docx is not a readable Word document" in refused.value.reason


def test_spreadsheet_renamed_to_docx_is_named_as_not_a_word_document(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    with zipfile.ZipFile(tmp_path / "prices.docx", "w") as sheet:
        sheet.writestr("[Content_Types].xml", '<Types xmlns="x"/>')
        sheet.writestr("xl/workbook.xml", "<workbook/>")
    result = check(run_cli, tmp_path, "prices.docx")
    (finding,) = json.loads(result.output)["findings"]
    assert finding["code"] == "KL901"
    assert finding["message"].endswith(
        "prices.docx is not a Word document (it is a ZIP file without word/document.xml)"
    )
    assert "object at 0x" not in finding["message"]


@pytest.fixture
def site(_running_server: HTTPServer) -> Iterator[HTTPServer]:
    _running_server.clear()
    yield _running_server
    _running_server.clear()


def test_gzip_sitemap_that_unpacks_past_max_response_size_is_refused(
    tmp_path: Path, site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "rules.yaml").write_text("sources:\n  max-response-size: 64KB\n")
    url = f"<url><loc>{site.url_for('/page')}</loc></url>"
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{url * 20000}</urlset>'
    body = gzip.compress(xml.encode())
    assert len(body) < 64 * 1024 < len(xml)
    site.expect_request("/sitemap.xml.gz").respond_with_data(
        body, headers={"Content-Type": "application/x-gzip"}
    )
    result = check(
        run_cli, tmp_path, "--sitemap", site.url_for("/sitemap.xml.gz"), "--allow-private"
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "the gzip data unpacks to more than the 64 KB limit (max-response-size" in result.output
