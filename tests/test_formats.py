"""Word documents, PDFs and published pages (issue 17): real .docx files written with
python-docx, real PDFs written with reportlab, a real site served on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pytest_httpserver import HTTPServer
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from werkzeug import Request, Response

from kalypso_lint.cli import app
from kalypso_lint.documents import read_document

REGISTRY = str(Path(__file__).resolve().parent.parent / "claims")
TODAY = "2026-11-26"

# The copy of a small clinic brochure, written for these tests: (kind, text).
COPY = [
    ("heading", "Migraine care at our clinic"),
    ("paragraph", "You are not alone: almost 49 million people in the US suffer from migraine."),
    ("paragraph", "Over 92% of our patients report relief after one session."),
    ("item", "Women are almost 3x more likely than men to live with migraine."),
    ("item", "Each infusion lasts about 40 minutes."),
    ("paragraph", "Ketamine infusions are FDA-approved for migraine."),
]


def markdown_copy() -> str:
    lines = []
    for kind, text in COPY:
        prefix = {"heading": "# ", "item": "- ", "paragraph": ""}[kind]
        lines.append(prefix + text)
        lines.append("")
    return "\n".join(lines)


def html_copy(title: str = "Migraine care") -> str:
    body = []
    items: list[str] = []
    for kind, text in COPY:
        if kind == "item":
            items.append(f"<li>{text}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        tag = "h1" if kind == "heading" else "p"
        body.append(f"<{tag}>{text}</{tag}>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/team">Our 12 doctors</a></nav>'
        '<div class="cookie-banner">We use 3 kinds of cookies. Accept all?</div>'
        f"<main><article>{''.join(body)}</article></main>"
        "<footer>© 2026 Example Clinic · Call 555-0134 · Open 7 days</footer></body></html>"
    )


def write_docx(path: Path, *, tracked: bool = False, comment: str | None = None) -> Path:
    document = docx.Document()
    last = None
    for kind, text in COPY:
        if kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "item":
            document.add_paragraph(text, style="List Bullet")
        else:
            last = document.add_paragraph(text)
    assert last is not None
    if tracked:
        paragraph = document.add_paragraph("Results are typical ")
        _tracked(paragraph, "ins", "w:t", "for most patients.")
        _tracked(paragraph, "del", "w:delText", " for 100% of patients")
    if comment is not None:
        document.add_comment(last.runs, text=comment, author="Reviewer", initials="RV")
    document.save(str(path))
    return path


def _tracked(paragraph: Any, change: str, text_tag: str, text: str) -> None:
    wrapper = OxmlElement(f"w:{change}")
    wrapper.set(qn("w:id"), str(len(paragraph._p)))
    wrapper.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    element = OxmlElement(text_tag)
    element.text = text
    element.set(qn("xml:space"), "preserve")
    run.append(element)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def write_pdf(path: Path, pages: list[list[tuple[float, list[str]]]]) -> Path:
    """Each page is a list of columns (x position, lines); an empty page is an image only."""
    sheet = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    for columns in pages:
        if not columns:
            sheet.setFillColorRGB(0.3, 0.3, 0.3)
            sheet.rect(72, 300, 400, 300, fill=1)  # a "scanned" page: no text at all
        for x, lines in columns:
            for index, line in enumerate(lines):
                sheet.drawString(x, height - 72 - 14 * index, line)
        sheet.showPage()
    sheet.save()
    return path


def leaflet_pages() -> list[list[tuple[float, list[str]]]]:
    """COPY laid out as a two-column leaflet with a hyphenated figure, then a scanned page."""
    left = [
        "Migraine care at our clinic",
        "",
        "You are not alone: almost 49 mil-",
        "lion people in the US suffer from",
        "migraine.",
        "",
        "Over 92% of our patients report",
        "relief after one session.",
    ]
    right = [
        "- Women are almost 3x more likely",
        "than men to live with migraine.",
        "- Each infusion lasts about 40 min-",
        "utes.",
        "",
        "Ketamine infusions are FDA-appro-",
        "ved for migraine.",
    ]
    return [[(60, left), (310, right)], []]


def outcome(result: Result) -> tuple[Counter[tuple[str, str, str | None]], Counter[str]]:
    """What must not depend on the format: each claim with its verdict, and the codes."""
    report = json.loads(result.output)
    claims = Counter((c["text"], c["verdict"], c["registry_id"]) for c in report["claims"])
    codes = Counter(f["code"] for f in report["findings"] if not f["code"].startswith("KL9"))
    return claims, codes


def check_json(run_cli: Callable[..., Result], *args: str) -> Result:
    return run_cli(
        "check", *args, "--registry", REGISTRY, "--today", TODAY, "-f", "json", "--no-cache"
    )


def test_docx_and_pdf_report_the_same_claims_verdicts_and_codes_as_markdown(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    markdown = tmp_path / "brochure.md"
    markdown.write_text(markdown_copy(), encoding="utf-8")
    brochure = write_docx(tmp_path / "brochure.docx")
    leaflet = write_pdf(tmp_path / "leaflet.pdf", leaflet_pages())
    expected = outcome(check_json(run_cli, str(markdown)))
    assert len(expected[0]) >= 4 and expected[1]["KL102"] == 1  # the copy does make claims
    assert outcome(check_json(run_cli, str(brochure))) == expected
    assert outcome(check_json(run_cli, str(leaflet))) == expected


def test_docx_findings_are_located_by_paragraph_number(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    brochure = write_docx(tmp_path / "brochure.docx")
    text = run_cli("check", str(brochure), "--registry", REGISTRY, "--today", TODAY)
    assert "brochure.docx:¶2:" in text.output  # "almost 49 million" is in the 2nd paragraph
    report = json.loads(check_json(run_cli, str(brochure)).output)
    kl102 = next(f for f in report["findings"] if f["code"] == "KL102")
    assert (kl102["line"], kl102["column"], kl102["place"]) == (2, 20, "¶2")


def test_tracked_changes_are_read_as_accepted_and_the_report_says_so(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    brochure = write_docx(tmp_path / "brochure.docx", tracked=True)
    report = json.loads(check_json(run_cli, str(brochure)).output)
    notice = next(f for f in report["findings"] if f["code"] == "KL920")
    assert notice["severity"] == "info" and "2 tracked changes" in notice["message"]
    # The deleted "100%" is not a claim; the inserted words are read.
    assert not any("100%" in c["text"] for c in report["claims"])
    document = read_document(brochure, "brochure.docx")
    assert document.source.split("\n")[-1] == "Results are typical for most patients."


def test_word_comment_suppresses_the_rule_on_the_paragraphs_it_marks(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    plain = outcome(check_json(run_cli, str(write_docx(tmp_path / "plain.docx"))))[1]
    assert plain["KL202"] == 1  # "FDA-approved" in the last paragraph
    commented = write_docx(tmp_path / "reviewed.docx", comment="kalypso-lint: disable=KL202")
    report = json.loads(check_json(run_cli, str(commented)).output)
    codes = [f["code"] for f in report["findings"]]
    assert "KL202" not in codes and "KL903" not in codes
    assert codes.count("KL102") == plain["KL102"]  # other paragraphs are not covered


def test_unused_word_comment_suppression_is_reported(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    commented = write_docx(tmp_path / "reviewed.docx", comment="kalypso-lint: disable=KL101")
    report = json.loads(check_json(run_cli, str(commented)).output)
    unused = [f for f in report["findings"] if f["code"] == "KL903"]
    assert len(unused) == 1 and unused[0]["place"] == "¶6"


def test_pdf_columns_and_hyphenated_figures_come_out_whole(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    leaflet = write_pdf(tmp_path / "leaflet.pdf", leaflet_pages())
    report = json.loads(check_json(run_cli, str(leaflet)).output)
    by_text = {c["text"]: c for c in report["claims"]}
    figure = by_text["almost 49 million"]
    assert figure["sentence"].startswith("You are not alone: almost 49 million people in the US")
    assert (figure["line"], figure["column"], figure["place"]) == (2, 20, "page 1, line 2")
    assert "about 40 minutes" in by_text
    # the right column's list items follow the left column, not interleaved with it
    assert by_text["almost 3x"]["sentence"] == (
        "Women are almost 3x more likely than men to live with migraine."
    )


def test_docx_headings_lists_and_table_cells_are_blocks_of_their_own(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Prices and times", level=2)
    document.add_paragraph("An attack can last 2-72 hours.", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Infusion"
    table.cell(0, 1).text = "about 45 minutes"
    document.save(str(tmp_path / "table.docx"))
    read = read_document(tmp_path / "table.docx", "table.docx")
    assert [(b.kind, b.text) for b in read.blocks] == [
        ("heading", "Prices and times"),
        ("list_item", "An attack can last 2-72 hours."),
        ("table_cell", "Infusion"),
        ("table_cell", "about 45 minutes"),
    ]
    assert read.source.split("\n")[3] == "about 45 minutes"  # ¶4


def test_docx_footnotes_follow_the_body_and_are_checked(tmp_path: Path) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    document.add_paragraph("Most patients feel better after one visit.")
    document.add_paragraph("")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (
        f'<w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:t>Over 92% of those asked said so.</w:t></w:r>'
        "</w:p></w:footnote></w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes,
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(str(tmp_path / "notes.docx"))
    read = read_document(tmp_path / "notes.docx", "notes.docx")
    assert read.source.split("\n") == [
        "Most patients feel better after one visit.",
        "",
        "Over 92% of those asked said so.",  # ¶3: numbered on after the body's two
    ]
    assert read.blocks[-1].kind == "footnote"


def test_pdf_line_end_hyphen_after_a_number_word_is_kept(tmp_path: Path) -> None:
    lines = ["Roughly two-", "thirds of our patients have a relative", "with migraine."]
    pdf = write_pdf(tmp_path / "hyphen.pdf", [[(60, lines)]])
    read = read_document(pdf, "hyphen.pdf")
    assert read.blocks[0].text == (
        "Roughly two-thirds of our patients have a relative with migraine."
    )


def test_pdf_columns_drawn_a_line_at_a_time_are_read_column_by_column(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """Some PDF writers draw both columns' first lines, then both second lines...; pypdf
    then interleaves the columns, and the reader puts them back in reading order."""
    left, right = leaflet_pages()[0]
    sheet = canvas.Canvas(str(tmp_path / "interleaved.pdf"), pagesize=A4)
    _, height = A4
    for index in range(max(len(left[1]), len(right[1]))):
        for x, lines in (left, right):
            if index < len(lines) and lines[index]:
                sheet.drawString(x, height - 72 - 14 * index, lines[index])
    sheet.save()
    markdown = tmp_path / "brochure.md"
    markdown.write_text(markdown_copy(), encoding="utf-8")
    interleaved = outcome(check_json(run_cli, str(tmp_path / "interleaved.pdf")))
    assert interleaved == outcome(check_json(run_cli, str(markdown)))


def test_pdf_page_without_text_layer_is_reported_not_skipped(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    leaflet = write_pdf(tmp_path / "leaflet.pdf", leaflet_pages())
    text = run_cli("check", str(leaflet), "--registry", REGISTRY, "--today", TODAY)
    assert "leaflet.pdf:p2:1:1: KL921 [warning] page 2 has no text layer" in text.output
    scan = write_pdf(tmp_path / "scan.pdf", [[], []])
    result = check_json(run_cli, str(scan))
    findings = json.loads(result.output)["findings"]
    assert [f["code"] for f in findings] == ["KL921"]
    assert "no page of this PDF has a text layer" in findings[0]["message"]


def test_markdown_and_junit_reports_show_paragraphs_and_pages_as_the_text_report_does(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    brochure = write_docx(tmp_path / "brochure.docx")
    leaflet = write_pdf(tmp_path / "leaflet.pdf", leaflet_pages())
    args = ["check", str(brochure), str(leaflet), "--registry", REGISTRY, "--today", TODAY]
    text = run_cli(*args, "--no-cache").output
    markdown = run_cli(*args, "-f", "markdown").output
    junit = run_cli(*args, "-f", "junit").output
    # ¶3 is "Over 92% ..." in the brochure; page 2 of the leaflet is a scan (KL921).
    assert f"{brochure}:¶3:1:" in text and f"{leaflet}:p2:1:1:" in text
    assert "| ¶3 | Over 92% |" in markdown and "| p2:1 | — |" in markdown
    assert "| 3 |" not in markdown and "| 1001 |" not in markdown
    assert f"{brochure}:¶3:1: KL101" in junit and f"{leaflet}:p2:1:1: KL921" in junit
    assert f"{leaflet}:1001:" not in junit


def test_damaged_docx_and_pdf_are_unreadable_files_not_tracebacks(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\nnonsense")
    result = check_json(run_cli, str(tmp_path / "broken.docx"), str(tmp_path / "broken.pdf"))
    assert result.exit_code == 1
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert codes == ["KL901", "KL901"]


def test_docx_and_pdf_results_are_the_same_with_jobs_and_from_the_cache(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    brochure = write_docx(tmp_path / "brochure.docx", tracked=True)
    leaflet = write_pdf(tmp_path / "leaflet.pdf", leaflet_pages())
    args = ["check", str(brochure), str(leaflet), "--registry", REGISTRY, "--today", TODAY]
    serial = run_cli(*args, "-f", "json", "--no-cache").output
    first = run_cli(*args, "-f", "json", "--jobs", "2").output
    cached = run_cli(*args, "-f", "json").output
    assert serial == first == cached


# -- published pages ---------------------------------------------------------------------------


@pytest.fixture
def site(
    _running_server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[HTTPServer]:
    # Run from an empty folder: the configuration is found from there (none), as for a file
    # in tmp_path, and the HTTP cache is written there.
    monkeypatch.chdir(tmp_path)
    _running_server.clear()
    yield _running_server
    _running_server.clear()


def serve_site(server: HTTPServer) -> str:
    """A small clinic site: a sitemap index of two sitemaps and a missing one, a page, a
    redirect, a 404, a page robots.txt disallows and a slow page."""
    base = server.url_for("").rstrip("/")
    html = {"Content-Type": "text/html; charset=utf-8"}
    xml = {"Content-Type": "application/xml"}

    def urlset(*paths: str) -> str:
        locs = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
        return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'

    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap-care.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/sitemap-old.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/sitemap-missing.xml</loc></sitemap></sitemapindex>"
    )
    server.expect_request("/sitemap.xml").respond_with_data(index, headers=xml)
    server.expect_request("/sitemap-care.xml").respond_with_data(
        urlset("/migraine", "/moved", "/members/notes"), headers=xml
    )
    server.expect_request("/sitemap-old.xml").respond_with_data(
        urlset("/gone", "/slow"), headers=xml
    )
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /members/\n", content_type="text/plain"
    )
    server.expect_request("/migraine").respond_with_data(html_copy(), headers=html)
    server.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": f"{base}/migraine-new"}
    )
    server.expect_request("/migraine-new").respond_with_data(html_copy("New"), headers=html)
    server.expect_request("/gone").respond_with_data("not here", status=404)
    server.expect_request("/sitemap-missing.xml").respond_with_data("not here", status=404)

    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response(html_copy("Slow"), headers=html)

    server.expect_request("/slow").respond_with_handler(slow)
    return base


def test_sitemap_audit_reports_the_same_claims_as_markdown(
    tmp_path: Path, site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    base = serve_site(site)
    markdown = tmp_path / "page.md"
    markdown.write_text(markdown_copy(), encoding="utf-8")
    claims, codes = outcome(check_json(run_cli, str(markdown)))
    result = check_json(run_cli, "--sitemap", f"{base}/sitemap.xml", "--allow-private")
    report = json.loads(result.output)
    by_page: dict[str, list[dict[str, Any]]] = {}
    for claim in report["claims"]:
        by_page.setdefault(claim["path"], []).append(claim)
    # The page, the page a redirect leads to, and the slow page: each as the Markdown copy.
    assert sorted(by_page) == [f"{base}/migraine", f"{base}/moved", f"{base}/slow"]
    for claims_of_page in by_page.values():
        assert Counter((c["text"], c["verdict"], c["registry_id"]) for c in claims_of_page) == (
            claims
        )
    page_codes = Counter(f["code"] for f in report["findings"] if f["path"] == f"{base}/migraine")
    assert page_codes == codes  # nothing from the navigation, cookie banner or footer
    problems = {f["path"]: f for f in report["findings"] if f["code"].startswith("KL92")}
    assert problems[f"{base}/gone"]["code"] == "KL922"
    assert "404" in problems[f"{base}/gone"]["message"]
    assert problems[f"{base}/members/notes"]["code"] == "KL923"
    assert "robots.txt disallows /members/notes" in problems[f"{base}/members/notes"]["message"]
    assert problems[f"{base}/sitemap-missing.xml"]["code"] == "KL922"  # a nested sitemap
    assert problems[f"{base}/sitemap-missing.xml"]["message"].startswith(
        "Cannot read the sitemap: "
    )
    assert report["summary"]["files"] == 6


def test_page_url_location_is_a_line_of_the_extracted_text(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    base = serve_site(site)
    result = run_cli(
        "check", f"{base}/migraine", "--allow-private", "--registry", REGISTRY, "--today", TODAY
    )
    # line 1 is the heading, line 2 the paragraph with the figure
    assert f"{base}/migraine:2:20: KL102" in result.output


def test_private_address_is_refused_without_allow_private(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    base = serve_site(site)
    result = check_json(run_cli, f"{base}/migraine")
    findings = json.loads(result.output)["findings"]
    assert [f["code"] for f in findings] == ["KL922"]
    assert "--allow-private" in findings[0]["message"]
    assert not site.log or all(r.path != "/migraine" for r, _ in site.log)


def closed_port() -> int:
    """A port on this machine where nothing listens: its connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def only_finding(result: Result) -> dict[str, Any]:
    findings = json.loads(result.output)["findings"]
    assert len(findings) == 1, findings
    return dict(findings[0])


def test_page_on_a_host_that_does_not_resolve_fails_the_run(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    # `.invalid` never resolves (RFC 2606): a mistyped host, or no DNS at all.
    result = check_json(run_cli, "http://nonexistent.invalid/migraine")
    finding = only_finding(result)
    assert (finding["code"], finding["severity"]) == ("KL922", "error")
    assert "could not reach nonexistent.invalid" in finding["message"]
    assert "nothing on this page was checked" in finding["message"]
    assert result.exit_code == 1


def test_page_on_a_closed_port_fails_the_run_in_plain_words(
    site: HTTPServer, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "rules.yaml").write_text("sources:\n  retries: 0\n", encoding="utf-8")
    port = closed_port()
    result = check_json(run_cli, f"http://127.0.0.1:{port}/migraine", "--allow-private")
    finding = only_finding(result)
    assert (finding["code"], finding["severity"]) == ("KL922", "error")
    assert f"could not reach 127.0.0.1:{port}" in finding["message"]
    assert "the server refused the connection" in finding["message"]
    assert "Errno" not in finding["message"]
    assert result.exit_code == 1


def test_page_redirected_to_a_closed_port_says_the_site_could_not_be_reached(
    site: HTTPServer, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "rules.yaml").write_text("sources:\n  retries: 0\n", encoding="utf-8")
    site.expect_request("/robots.txt").respond_with_data("", status=404)  # no rules
    target = f"http://127.0.0.1:{closed_port()}/migraine"
    site.expect_request("/moved").respond_with_data("", status=301, headers={"Location": target})
    result = check_json(run_cli, site.url_for("/moved"), "--allow-private")
    finding = only_finding(result)
    assert finding["code"] == "KL922"
    assert "nothing on this page was checked" in finding["message"]


def test_robots_txt_with_a_server_error_keeps_the_page_out_and_fails_the_run(
    site: HTTPServer, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "rules.yaml").write_text("sources:\n  retries: 0\n", encoding="utf-8")
    site.expect_request("/robots.txt").respond_with_data("down", status=503)
    result = check_json(run_cli, site.url_for("/migraine"), "--allow-private")
    finding = only_finding(result)
    # RFC 9309: stay away; but nothing on the page was checked, so the run must not pass.
    assert (finding["code"], finding["severity"]) == ("KL922", "error")
    assert finding["message"] == (
        "Cannot check this page: the site's robots.txt answered HTTP 503, so the page was not"
        " fetched: nothing on this page was checked"
    )
    assert result.exit_code == 1
    assert all(r.path != "/migraine" for r, _ in site.log)


def test_redirect_to_a_path_robots_txt_disallows_is_not_followed(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    site.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.expect_request("/to-private").respond_with_data(
        "", status=302, headers={"Location": "/private/x.html"}
    )
    site.expect_request("/private/x.html").respond_with_data(html_copy(), content_type="text/html")
    result = check_json(run_cli, site.url_for("/to-private"), "--allow-private")
    finding = only_finding(result)
    assert (finding["code"], finding["severity"]) == ("KL923", "info")
    assert f"it redirects to {site.url_for('/private/x.html')}" in finding["message"]
    assert "robots.txt disallows /private/x.html" in finding["message"]
    assert all(r.path != "/private/x.html" for r, _ in site.log)
    assert result.exit_code == 0


def test_redirect_to_another_host_reads_that_hosts_robots_txt(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    other = HTTPServer(host="127.0.0.1")
    other.start()
    try:
        other.expect_request("/robots.txt").respond_with_data(
            "User-agent: kalypso-lint\nDisallow: /\n", content_type="text/plain"
        )
        other.expect_request("/page").respond_with_data(html_copy(), content_type="text/html")
        site.expect_request("/robots.txt").respond_with_data("", status=404)  # no rules here
        site.expect_request("/away").respond_with_data(
            "", status=301, headers={"Location": other.url_for("/page")}
        )
        result = check_json(run_cli, site.url_for("/away"), "--allow-private")
        finding = only_finding(result)
        assert finding["code"] == "KL923"
        assert "robots.txt disallows /page for kalypso-lint" in finding["message"]
        assert [r.path for r, _ in other.log] == ["/robots.txt"]
    finally:
        other.stop()


def test_redirect_to_a_private_address_is_refused_at_that_hop(
    site: HTTPServer, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    # 127.0.0.1 is allowed by name; the redirect leads to 127.0.0.2, which is not.
    (tmp_path / "rules.yaml").write_text(
        "sources:\n  allowed-networks: [127.0.0.1/32]\n", encoding="utf-8"
    )
    site.expect_request("/robots.txt").respond_with_data("", status=404)
    target = site.url_for("/page").replace("127.0.0.1", "127.0.0.2")
    site.expect_request("/inward").respond_with_data("", status=302, headers={"Location": target})
    site.expect_request("/page").respond_with_data(html_copy(), content_type="text/html")
    result = check_json(run_cli, site.url_for("/inward"))
    finding = only_finding(result)
    assert finding["code"] == "KL922"
    assert "127.0.0.2" in finding["message"]
    assert all(r.path != "/page" for r, _ in site.log)


def test_sitemap_that_cannot_be_read_is_an_input_error(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    site.expect_request("/sitemap.xml").respond_with_data("<html>not a sitemap</html>")
    sitemap = site.url_for("/sitemap.xml")
    result = run_cli("check", "--sitemap", sitemap, "--allow-private", "--no-cache")
    assert result.exit_code == 2
    assert "--sitemap" in result.output and "Traceback" not in result.output
    assert result.output.count(sitemap) == 1
    assert "cannot read the sitemap: <html> is neither <urlset> nor <sitemapindex>" in (
        result.output
    )


def check_sitemap_as_json(sitemap: str) -> Any:
    """`check --sitemap` of a local test server, as JSON, in process."""
    return CliRunner().invoke(
        app,
        ["check", "--sitemap", sitemap, "--allow-private", "--no-cache", "-f", "json",
         "--registry", REGISTRY, "--today", TODAY],
    )  # fmt: skip


def sitemap_xml(kind: str, *locations: str) -> str:
    entry = "url" if kind == "urlset" else "sitemap"
    locs = "".join(f"<{entry}><loc>{loc}</loc></{entry}>" for loc in locations)
    return f'<{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</{kind}>'


@pytest.mark.parametrize(
    ("listed", "why"),
    [
        ((), "it lists no pages"),
        (("file:///etc/passwd", "ftp://example.org/a.html"), "only non-http(s) URLs (2 skipped)"),
        (("deep",), "sitemap indexes nested deeper than 3 levels (1 sitemap not read)"),
    ],
)
def test_sitemap_that_yields_no_page_is_an_error_never_the_local_files(
    tmp_path: Path,
    site: HTTPServer,
    run_cli: Callable[..., Result],
    listed: tuple[str, ...],
    why: str,
) -> None:
    (tmp_path / "page.md").write_text(markdown_copy(), encoding="utf-8")  # must not be checked
    xml = {"Content-Type": "application/xml"}
    if listed == ("deep",):
        for level in range(4):  # index 0 -> 1 -> 2 -> 3 -> 4, one level past the limit
            nested = site.url_for(f"/index-{level + 1}.xml")
            site.expect_request(f"/index-{level}.xml").respond_with_data(
                sitemap_xml("sitemapindex", nested), headers=xml
            )
        sitemap = site.url_for("/index-0.xml")
    else:
        site.expect_request("/empty.xml").respond_with_data(
            sitemap_xml("urlset", *listed), headers=xml
        )
        sitemap = site.url_for("/empty.xml")
    result = check_json(run_cli, "--sitemap", sitemap, "--allow-private")
    assert result.exit_code == 2
    assert f"{sitemap}: --sitemap: nothing to check: {why}" in result.output
    assert "page.md" not in result.output


def test_nested_sitemap_that_answers_404_says_the_sitemap_cannot_be_read(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    xml = {"Content-Type": "application/xml"}
    site.expect_request("/sitemap.xml").respond_with_data(
        sitemap_xml("sitemapindex", site.url_for("/missing.xml")), headers=xml
    )
    site.expect_request("/missing.xml").respond_with_data("not here", status=404)
    result = check_json(run_cli, "--sitemap", site.url_for("/sitemap.xml"), "--allow-private")
    finding = only_finding(result)
    assert finding["path"] == site.url_for("/missing.xml")
    assert finding["message"] == "Cannot read the sitemap: HTTP 404 Not Found"
    assert result.exit_code == 1


def test_sitemap_urls_that_are_not_http_are_skipped_and_said(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    site.expect_request("/robots.txt").respond_with_data("", status=404)
    site.expect_request("/migraine").respond_with_data(html_copy(), content_type="text/html")
    site.expect_request("/sitemap.xml").respond_with_data(
        sitemap_xml("urlset", site.url_for("/migraine"), "file:///etc/passwd"),
        content_type="application/xml",
    )
    sitemap = site.url_for("/sitemap.xml")
    result = check_sitemap_as_json(sitemap)
    assert f"--sitemap {sitemap}: 1 URL not http(s) skipped" in result.stderr
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {site.url_for("/migraine")}


def test_sitemap_over_the_page_limit_says_so_on_stderr(
    site: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kalypso_lint import crawl

    monkeypatch.setattr(crawl, "MAX_PAGES", 2)  # the protocol's 50,000, made small
    site.expect_request("/robots.txt").respond_with_data("", status=404)
    site.expect_request("/sitemap.xml").respond_with_data(
        sitemap_xml("urlset", *(site.url_for(f"/p{n}") for n in range(3))),
        content_type="application/xml",
    )
    for n in range(3):
        site.expect_request(f"/p{n}").respond_with_data(html_copy(), content_type="text/html")
    sitemap = site.url_for("/sitemap.xml")
    result = check_sitemap_as_json(sitemap)
    assert f"--sitemap {sitemap}: lists more than 2 pages; only the first 2 are checked" in (
        result.stderr
    )
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert site.url_for("/p2") not in paths and site.url_for("/p0") in paths


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "application/octet-stream"], ids=["typed", "generic"]
)
def test_pdf_served_without_a_pdf_extension_is_located_by_page_and_line(
    tmp_path: Path, site: HTTPServer, run_cli: Callable[..., Result], content_type: str
) -> None:
    leaflet = write_pdf(tmp_path / "leaflet.pdf", leaflet_pages()).read_bytes()
    site.expect_request("/robots.txt").respond_with_data("", status=404)
    site.expect_request("/download").respond_with_data(leaflet, content_type=content_type)
    url = site.url_for("/download") + "?id=3"
    if content_type == "application/octet-stream":
        url = site.url_for("/files/leaflet.pdf")  # a generic type: the extension decides
        site.expect_request("/files/leaflet.pdf").respond_with_data(
            leaflet, content_type=content_type
        )
    report = json.loads(check_json(run_cli, url, "--allow-private").output)
    assert report["findings"] and report["claims"]
    assert all(f["place"].startswith("page ") for f in report["findings"])
    assert all(c["place"].startswith("page ") for c in report["claims"])
    text = run_cli("check", url, "--allow-private", "--registry", REGISTRY, "--today", TODAY)
    located = [line for line in text.output.splitlines() if line.startswith(url + ":")]
    assert located and all(line[len(url) + 1] == "p" for line in located), located


def test_html_page_at_a_pdf_address_is_located_by_line(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    site.expect_request("/robots.txt").respond_with_data("", status=404)
    site.expect_request("/guide.pdf").respond_with_data(html_copy(), content_type="text/html")
    url = site.url_for("/guide.pdf")
    result = run_cli("check", url, "--allow-private", "--registry", REGISTRY, "--today", TODAY)
    assert f"{url}:2:20: KL102" in result.output
    report = json.loads(check_json(run_cli, url, "--allow-private").output)
    assert report["findings"] and all("place" not in f for f in report["findings"])


def test_html_report_links_each_page_to_its_url(
    tmp_path: Path, site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    base = serve_site(site)
    out = tmp_path / "report.html"
    run_cli(
        "check", f"{base}/migraine", "--allow-private", "--registry", REGISTRY,
        "--today", TODAY, "-f", "html", "-o", str(out),
    )  # fmt: skip
    assert f'href="{base}/migraine"' in out.read_text(encoding="utf-8")


def test_sarif_names_a_published_page_by_its_url(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    base = serve_site(site)
    result = run_cli(
        "check", f"{base}/migraine", "--allow-private", "--registry", REGISTRY,
        "--today", TODAY, "-f", "sarif", "--no-cache",
    )  # fmt: skip
    results = json.loads(result.output)["runs"][0]["results"]
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert locations == {f"{base}/migraine"}


def test_pages_checked_in_processes_and_from_the_caches_give_the_same_report(
    site: HTTPServer, run_cli: Callable[..., Result]
) -> None:
    base = serve_site(site)
    args = ["check", "--sitemap", f"{base}/sitemap.xml", "--allow-private", "--registry"]
    args += [REGISTRY, "--today", TODAY, "-f", "json"]
    serial = run_cli(*args, "--no-cache", "--jobs", "1").output
    in_processes = run_cli(*args, "--jobs", "2").output  # fills the HTTP and results caches
    requests_before = len(site.log)
    cached = run_cli(*args).output
    assert serial == in_processes == cached
    assert len(json.loads(cached)["claims"]) > 0
    # The second run asks no server: every answer, the 404 and robots.txt included, is cached.
    assert len(site.log) == requests_before
