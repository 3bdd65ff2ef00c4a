"""`kalypso-lint sources check` end to end, against a real HTTP server on 127.0.0.1.

The server (pytest-httpserver, threaded) plays the cited websites and the doi.org, Crossref
and E-utilities APIs; rules.yaml points the lookups at it. Its request log is the evidence
for caching, retries and refusals. Every run but the refusal tests passes --allow-private,
because the server itself is on loopback.
"""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from kalypso_lint.report import FORMATS

TODAY = "2026-11-27"
QUOTE = "About 39 million people in the US live with migraine"
PAGE = f"<html><head><title>Facts</title></head><body><h1>Facts</h1><p>{QUOTE}.</p></body></html>"


@pytest.fixture
def server(_running_server: HTTPServer) -> Iterator[HTTPServer]:
    """The module's server with no handlers and an empty log (stopping one takes 0.5 s)."""
    _running_server.clear()
    yield _running_server
    _running_server.clear()


class Project:
    """A content project whose rules.yaml points every lookup at the test server."""

    def __init__(self, root: Path, server: HTTPServer, run_cli: Callable[..., Result]) -> None:
        self.root = root
        self.server = server
        self._run_cli = run_cli
        self.base = server.url_for("").rstrip("/")
        self.configure()

    def configure(self, extra: str = "") -> None:
        """rules.yaml with the test defaults under `sources:`; `extra` lines add or replace."""
        lines = [
            f"  doi-url: {self.base}/doi",
            f"  crossref-url: {self.base}/crossref",
            f"  eutils-url: {self.base}/eutils",
            "  retries: 2",
            "  retry-backoff: 0.01",
            "  timeout: 5",
        ]
        replaced = {line.split(":")[0] for line in extra.splitlines()}
        kept = [line for line in lines if line.split(":")[0] not in replaced]
        text = "registry: [claims]\nsources:\n" + "\n".join(kept) + "\n" + extra
        (self.root / "rules.yaml").write_text(text, encoding="utf-8")

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def registry(self, *entries: dict[str, Any]) -> str:
        claims = []
        for entry in entries:
            claims.append(
                {
                    "statement": "About 39 million people in the US live with migraine.",
                    "match": [["migraine"]],
                    "reviewed": "2026-11-01",
                    "status": "approved",
                    **entry,
                }
            )
        text = yaml.safe_dump({"claims": claims}, sort_keys=False, allow_unicode=True)
        folder = self.root / "claims"
        folder.mkdir(exist_ok=True)
        (folder / "sources.yaml").write_text(text, encoding="utf-8")
        return text

    def run(self, *args: str, private: bool = True) -> tuple[Result, list[dict[str, Any]]]:
        options = ["sources", "check", "--today", TODAY, "-f", "json", *args]
        if private:
            options.append("--allow-private")
        result = self._run_cli(*options, cwd=self.root)
        assert result.exit_code in (0, 1), result.output
        return result, json.loads(result.stdout)["findings"]


@pytest.fixture
def project(tmp_path: Path, server: HTTPServer, run_cli: Callable[..., Result]) -> Project:
    return Project(tmp_path, server, run_cli)


def codes(findings: list[dict[str, Any]]) -> list[str]:
    return [f["code"] for f in findings]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def page_entry(url: str, **extra: Any) -> dict[str, Any]:
    source: dict[str, Any] = {"title": "Migraine facts", "url": url}
    source.update(extra)
    return {"id": "prevalence", "value": 39000000, "unit": "people", "sources": [source]}


# --- pages: status, redirects, evidence -------------------------------------------------------


def test_page_still_stating_the_quote_gives_no_finding(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    project.registry(page_entry(project.url("/facts"), quote=QUOTE))
    result, findings = project.run()
    assert findings == []
    assert result.exit_code == 0


def test_changed_figure_in_the_quote_is_drift_at_the_quote_line(project: Project) -> None:
    changed = PAGE.replace("39 million", "40 million")
    project.server.expect_request("/facts").respond_with_data(changed, content_type="text/html")
    text = project.registry(page_entry(project.url("/facts"), quote=QUOTE))
    result, findings = project.run()
    assert codes(findings) == ["KL405"]
    finding = findings[0]
    assert finding["path"] == "claims/sources.yaml"
    assert finding["line"] == line_of(text, "quote:")
    assert finding["registry_id"] == "prevalence"
    assert f'expected "{QUOTE}"' in finding["message"]
    assert "about 40 million people in the us" in finding["message"]
    assert result.exit_code == 1


def test_quote_matches_despite_typography_case_and_elided_words(project: Project) -> None:
    page = "<p>ABOUT 39\u00a0MILLION PEOPLE in the U.S. live with migraine \u2014 a \u201cleading\u201d cause.</p>"
    project.server.expect_request("/facts").respond_with_data(page, content_type="text/html")
    quote = 'About 39 million people … live with migraine - a "leading" cause'
    project.registry(page_entry(project.url("/facts"), quote=quote))
    assert project.run()[1] == []


@pytest.mark.parametrize(
    "written", ["39 million", "39,000,000", "39M", "39 000 000", "thirty-nine million"]
)
def test_figure_is_found_in_any_written_form(project: Project, written: str) -> None:
    page = f"<p>Migraine affects {written} Americans.</p>"
    project.server.expect_request("/facts").respond_with_data(page, content_type="text/html")
    project.registry(page_entry(project.url("/facts")))
    assert project.run()[1] == []


def test_missing_figure_is_reported_with_the_expected_value(project: Project) -> None:
    page = "<p>Migraine affects over 40 million Americans.</p>"
    project.server.expect_request("/facts").respond_with_data(page, content_type="text/html")
    text = project.registry(page_entry(project.url("/facts")))
    result, findings = project.run()
    assert codes(findings) == ["KL406"]
    assert "(39 million people)" in findings[0]["message"]
    assert findings[0]["line"] == line_of(text, "url:")
    assert findings[0]["severity"] == "warning"
    assert result.exit_code == 0  # a warning does not fail the run by default


def test_percent_entry_is_found_as_percent_words_or_a_fraction(project: Project) -> None:
    project.server.expect_request("/a").respond_with_data(
        "<p>88 percent</p>", content_type="text/html"
    )
    project.server.expect_request("/b").respond_with_data(
        "<p>one in three</p>", content_type="text/html"
    )
    project.server.expect_request("/c").respond_with_data(
        "<p>88 people</p>", content_type="text/html"
    )
    project.registry(
        {
            "id": "a",
            "value": 88,
            "unit": "percent",
            "sources": [{"title": "A", "url": project.url("/a")}],
        },
        {
            "id": "b",
            "value": 33,
            "unit": "percent",
            "sources": [{"title": "B", "url": project.url("/b")}],
        },
        {
            "id": "c",
            "value": 88,
            "unit": "percent",
            "sources": [{"title": "C", "url": project.url("/c")}],
        },
    )
    findings = project.run()[1]
    assert [(f["code"], f["registry_id"]) for f in findings] == [("KL406", "c")]


def test_permanent_redirect_chain_suggests_its_target(project: Project) -> None:
    server = project.server
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/newer"})
    server.expect_request("/newer").respond_with_data("", status=308, headers={"Location": "/now"})
    server.expect_request("/now").respond_with_data("", status=302, headers={"Location": "/facts"})
    server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    project.registry(page_entry(project.url("/old"), quote=QUOTE))
    findings = project.run()[1]
    assert codes(findings) == ["KL404"]
    assert f"has moved permanently to {project.url('/now')}" in findings[0]["message"]


def test_temporary_redirect_is_followed_silently(project: Project) -> None:
    project.server.expect_request("/short").respond_with_data(
        "", status=302, headers={"Location": project.url("/facts")}
    )
    project.server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    project.registry(page_entry(project.url("/short"), quote=QUOTE))
    assert project.run()[1] == []


def test_redirect_loop_is_unreachable(project: Project) -> None:
    project.server.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": "/b"}
    )
    project.server.expect_request("/b").respond_with_data(
        "", status=302, headers={"Location": "/a"}
    )
    project.registry(page_entry(project.url("/a")))
    findings = project.run()[1]
    assert codes(findings) == ["KL402"]
    assert "redirect loop" in findings[0]["message"]


@pytest.mark.parametrize(("status", "phrase"), [(404, "Not Found"), (410, "Gone")])
def test_missing_page_is_an_unreachable_error(project: Project, status: int, phrase: str) -> None:
    project.server.expect_request("/facts").respond_with_data("no", status=status)
    text = project.registry(page_entry(project.url("/facts"), quote=QUOTE))
    result, findings = project.run()
    assert codes(findings) == ["KL402"]
    assert f"HTTP {status} {phrase}" in findings[0]["message"]
    assert findings[0]["line"] == line_of(text, "url:")
    assert findings[0]["sources"] == [project.url("/facts")]
    assert result.exit_code == 1
    assert len(project.server.log) == 1  # a 4xx is not retried


def test_rate_limit_is_retried_after_the_servers_retry_after(project: Project) -> None:
    project.server.expect_ordered_request("/facts").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    project.server.expect_ordered_request("/facts").respond_with_data(
        PAGE, content_type="text/html"
    )
    project.registry(page_entry(project.url("/facts"), quote=QUOTE))
    started = time.monotonic()
    findings = project.run()[1]
    assert findings == []
    assert len(project.server.log) == 2
    assert time.monotonic() - started >= 1.0  # the backoff alone would be 0.01 s


def test_retry_after_beyond_the_cap_is_not_waited_for(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data(
        "later", status=429, headers={"Retry-After": "3600"}
    )
    project.registry(page_entry(project.url("/facts")))
    findings = project.run()[1]
    assert codes(findings) == ["KL403"]
    assert (
        "HTTP 429 Too Many Requests (rate limited; asked to retry after 3600)"
        in (findings[0]["message"])
    )
    assert len(project.server.log) == 1


def test_server_error_is_retried_then_a_warning(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data("oops", status=500)
    project.registry(page_entry(project.url("/facts")))
    result, findings = project.run()
    assert codes(findings) == ["KL403"]
    assert "HTTP 500 Internal Server Error" in findings[0]["message"]
    assert len(project.server.log) == 3  # the first try and two retries
    assert result.exit_code == 0


def wait_for_log(server: HTTPServer) -> list[Any]:
    """The server logs a request when its handler returns, which for a handler still running
    after the client gave up is later; wait for it, so it is not logged in the next test."""
    deadline = time.monotonic() + 5
    while not server.log and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(server.log)


def test_slow_server_hits_the_timeout(project: Project) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.2)
        return Response(PAGE, content_type="text/html")

    project.server.expect_request("/slow").respond_with_handler(slow)
    project.registry(page_entry(project.url("/slow")))
    started = time.monotonic()
    findings = project.run("--timeout", "0.4")[1]
    assert codes(findings) == ["KL403"]
    assert "no complete answer within 0.4 s" in findings[0]["message"]
    assert time.monotonic() - started < 1.2  # timeouts are not retried
    assert len(wait_for_log(project.server)) == 1


def test_trickling_server_hits_the_deadline_for_the_whole_answer(project: Project) -> None:
    """Each piece arrives within the timeout, but the whole answer would take 2 s."""

    def trickle(request: Request) -> Response:
        def pieces() -> Iterator[bytes]:
            for _ in range(10):
                time.sleep(0.2)
                yield b"<p>still loading</p>" * 10

        return Response(pieces(), content_type="text/html")

    project.server.expect_request("/trickle").respond_with_handler(trickle)
    project.registry(page_entry(project.url("/trickle")))
    started = time.monotonic()
    findings = project.run("--timeout", "0.5")[1]
    assert codes(findings) == ["KL403"]
    assert "no complete answer within 0.5 s" in findings[0]["message"]
    assert time.monotonic() - started < 1.5
    assert len(wait_for_log(project.server)) == 1


def test_refused_connections_are_retried_and_hint_at_a_missing_network(
    project: Project,
) -> None:
    with socket.socket() as probe:  # a port on this machine where nothing listens
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    project.registry(page_entry(f"http://127.0.0.1:{closed_port}/facts"))
    result, findings = project.run()
    assert codes(findings) == ["KL403"]
    assert "connection failed" in findings[0]["message"]
    assert "none of the 3 requests reached a server" in result.stderr


def test_oversized_page_is_cut_at_the_limit(project: Project) -> None:
    filler = "<p>" + "Lorem ipsum dolor sit amet. " * 4000 + "</p>"
    project.server.expect_request("/head").respond_with_data(
        f"<p>{QUOTE}.</p>" + filler, content_type="text/html"
    )
    project.server.expect_request("/tail").respond_with_data(
        filler + f"<p>{QUOTE}.</p>", content_type="text/html"
    )
    project.configure("  max-response-size: 8kB\n")
    project.registry(
        {**page_entry(project.url("/head"), quote=QUOTE), "id": "head"},
        {**page_entry(project.url("/tail"), quote=QUOTE), "id": "tail"},
    )
    findings = project.run()[1]
    assert [(f["code"], f["registry_id"]) for f in findings] == [("KL407", "tail")]
    assert "over the 8 kB limit and the quote is not in the part read" in findings[0]["message"]


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[HTTPServer]:
    """An HTTPS server with a self-signed certificate, which no client should trust."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    httpserver = HTTPServer(host="127.0.0.1", ssl_context=context, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.stop()


def test_untrusted_certificate_is_a_tls_error(project: Project, https_server: HTTPServer) -> None:
    https_server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    url = https_server.url_for("/facts")
    assert url.startswith("https://")
    project.registry(page_entry(url))
    findings = project.run()[1]
    assert codes(findings) == ["KL402"]
    assert "TLS error" in findings[0]["message"]
    assert "certificate verify failed" in findings[0]["message"]
    assert https_server.log == []  # the handshake failed; no request was sent


def test_non_text_content_cannot_be_checked(project: Project) -> None:
    project.server.expect_request("/chart.png").respond_with_data(
        b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png"
    )
    project.registry(page_entry(project.url("/chart.png"), quote=QUOTE))
    findings = project.run()[1]
    assert codes(findings) == ["KL407"]
    assert "content type image/png is not HTML, PDF or text" in findings[0]["message"]


def test_non_text_content_is_fine_when_there_is_nothing_to_look_for(project: Project) -> None:
    project.server.expect_request("/logo.png").respond_with_data(
        b"\x89PNG", content_type="image/png"
    )
    project.registry(
        {"id": "mechanism", "sources": [{"title": "Logo", "url": project.url("/logo.png")}]}
    )
    assert project.run()[1] == []


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text lines, xref offsets computed."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_pdf_text_is_searched_for_quote_and_figure(project: Project) -> None:
    pdf = tiny_pdf(["Migraine facts", f"{QUOTE}.", "Prevalence: 39,000,000 adults."])
    project.server.expect_request("/report.pdf").respond_with_data(
        pdf, content_type="application/pdf"
    )
    project.server.expect_request("/old.pdf").respond_with_data(
        tiny_pdf(["About 35 million people in the US live with migraine."]),
        content_type="application/octet-stream",
    )
    project.registry(
        {**page_entry(project.url("/report.pdf"), quote=QUOTE), "id": "quoted"},
        {**page_entry(project.url("/report.pdf")), "id": "figure"},
        {**page_entry(project.url("/old.pdf"), quote=QUOTE), "id": "old"},
    )
    findings = project.run()[1]
    assert [(f["code"], f["registry_id"]) for f in findings] == [("KL405", "old")]
    assert "about 35 million people" in findings[0]["message"]
    assert len(project.server.log) == 2  # one request per distinct URL


def test_damaged_pdf_cannot_be_checked(project: Project) -> None:
    project.server.expect_request("/broken.pdf").respond_with_data(
        b"%PDF-1.4\nnot really", content_type="application/pdf"
    )
    project.registry(page_entry(project.url("/broken.pdf"), quote=QUOTE))
    findings = project.run()[1]
    assert codes(findings) == ["KL407"]
    assert "PDF" in findings[0]["message"]


# --- DOI, Crossref and PubMed -------------------------------------------------------------------


DOI = "10.1000/trial.42"
TITLE = "Intravenous ketamine for refractory migraine: a randomised trial"


def doi_entry(**source: Any) -> dict[str, Any]:
    return {"id": "trial", "value": 88, "unit": "percent", "sources": [{"title": TITLE, **source}]}


def serve_doi(server: HTTPServer, title: str = TITLE, **crossref: Any) -> None:
    server.expect_request(f"/doi/{DOI}").respond_with_json({"title": title, "DOI": DOI})
    server.expect_request(f"/crossref/works/{DOI}").respond_with_json(
        {"status": "ok", "message": {"DOI": DOI, "title": [title], **crossref}}
    )


def test_doi_that_resolves_with_its_title_gives_no_finding(project: Project) -> None:
    serve_doi(project.server)
    project.registry(doi_entry(doi=DOI))
    assert project.run()[1] == []
    accepts = [request.headers.get("Accept") for request, _ in project.server.log]
    assert "application/vnd.citationstyles.csl+json" in accepts


def test_doi_via_registration_agency_redirect(project: Project) -> None:
    project.server.expect_request(f"/doi/{DOI}").respond_with_data(
        "", status=302, headers={"Location": f"/agency/{DOI}"}
    )
    project.server.expect_request(f"/agency/{DOI}").respond_with_json({"title": TITLE})
    project.server.expect_request(f"/crossref/works/{DOI}").respond_with_data("", status=404)
    project.registry(doi_entry(doi=DOI))
    assert project.run()[1] == []  # not a Crossref DOI: no notices, and no complaint


def test_unknown_doi_is_an_error_at_the_doi_line(project: Project) -> None:
    project.server.expect_request(f"/doi/{DOI}").respond_with_data("Not found", status=404)
    text = project.registry(doi_entry(doi=DOI))
    result, findings = project.run()
    assert codes(findings) == ["KL408"]
    assert findings[0]["line"] == line_of(text, "doi:")
    assert findings[0]["sources"] == [f"https://doi.org/{DOI}"]
    assert result.exit_code == 1


def test_doi_of_another_article_is_a_mismatch(project: Project) -> None:
    serve_doi(project.server, title="Statins and cardiovascular outcomes in the elderly")
    project.registry(doi_entry(doi=DOI))
    findings = project.run()[1]
    assert codes(findings) == ["KL409"]
    assert '"Statins and cardiovascular outcomes in the elderly"' in findings[0]["message"]


def test_shortened_registry_title_still_matches(project: Project) -> None:
    serve_doi(project.server)
    project.registry(
        {
            **doi_entry(doi=DOI),
            "sources": [{"title": "Ketamine for refractory migraine", "doi": DOI}],
        }
    )
    assert project.run()[1] == []


def test_crossref_retraction_is_an_error(project: Project) -> None:
    notice = {
        "DOI": "10.1000/notice.7",
        "type": "retraction",
        "source": "retraction-watch",
        "updated": {"date-parts": [[2025, 3, 4]]},
    }
    serve_doi(project.server, **{"updated-by": [notice]})
    project.registry(doi_entry(doi=DOI))
    findings = project.run()[1]
    assert codes(findings) == ["KL410"]
    expected = "has been retracted (10.1000/notice.7, 2025-03-04, from retraction-watch)"
    assert expected in findings[0]["message"]


def test_crossref_correction_and_concern_are_warnings(project: Project) -> None:
    serve_doi(
        project.server,
        **{
            "updated-by": [
                {"DOI": "10.1000/erratum.1", "type": "correction", "source": "publisher"},
                {"DOI": "10.1000/eoc.1", "type": "expression_of_concern"},
            ]
        },
    )
    project.registry(doi_entry(doi=DOI))
    findings = project.run()[1]
    assert codes(findings) == ["KL411", "KL411"]
    messages = " ".join(f["message"] for f in findings)
    assert "has a correction notice (10.1000/erratum.1, from publisher)" in messages
    assert "has an expression of concern notice (10.1000/eoc.1)" in messages


def test_citing_a_retraction_notice_itself_is_reported(project: Project) -> None:
    serve_doi(
        project.server, **{"update-to": [{"DOI": "10.1000/original.3", "type": "retraction"}]}
    )
    project.registry(doi_entry(doi=DOI))
    findings = project.run()[1]
    assert codes(findings) == ["KL410"]
    assert "is itself a retraction notice for 10.1000/original.3" in findings[0]["message"]


def pubmed_record(pmid: str, title: str = TITLE, doi: str = DOI, **extra: Any) -> dict[str, Any]:
    return {
        "uid": pmid,
        "title": title,
        "pubtype": ["Journal Article", "Randomized Controlled Trial"],
        "articleids": [{"idtype": "pubmed", "value": pmid}, {"idtype": "doi", "value": doi}],
        **extra,
    }


def test_pmids_are_looked_up_in_one_batch(project: Project) -> None:
    project.server.expect_request("/eutils/esummary.fcgi").respond_with_json(
        {
            "result": {
                "uids": ["111", "222"],
                "111": pubmed_record("111"),
                "222": pubmed_record("222", pubtype=["Journal Article", "Retracted Publication"]),
                "333": {"uid": "333", "error": "cannot get document summary"},
            }
        }
    )
    text = project.registry(
        {**doi_entry(pmid="111"), "id": "fine"},
        {**doi_entry(pmid="222"), "id": "retracted"},
        {**doi_entry(pmid="333"), "id": "missing"},
    )
    findings = project.run()[1]
    assert [(f["code"], f["registry_id"]) for f in findings] == [
        ("KL410", "retracted"),
        ("KL408", "missing"),
    ]
    assert findings[1]["line"] == line_of(text, "pmid: '333'")
    assert len(project.server.log) == 1
    query = project.server.log[0][0].args
    assert query["id"] == "111,222,333" and query["db"] == "pubmed" and query["retmode"] == "json"


def test_pmid_whose_doi_differs_from_the_sources_doi(project: Project) -> None:
    serve_doi(project.server)
    project.server.expect_request("/eutils/esummary.fcgi").respond_with_json(
        {"result": {"uids": ["111"], "111": pubmed_record("111", doi="10.1000/other.9")}}
    )
    project.registry(doi_entry(doi=DOI, pmid=111))
    findings = project.run()[1]
    assert codes(findings) == ["KL409"]
    assert f"PubMed gives DOI 10.1000/other.9, the source gives {DOI}" in findings[0]["message"]


def test_environment_overrides_the_configured_lookup_url(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.server.expect_request(f"/elsewhere/{DOI}").respond_with_data("gone", status=404)
    monkeypatch.setenv("KALYPSO_LINT_DOI_URL", project.url("/elsewhere"))
    project.registry(doi_entry(doi=DOI))
    assert codes(project.run()[1]) == ["KL408"]


# --- address policy -----------------------------------------------------------------------------


def test_loopback_source_is_refused_without_allow_private(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    text = project.registry(page_entry(project.url("/facts"), quote=QUOTE))
    result, findings = project.run(private=False)
    assert codes(findings) == ["KL415"]
    assert (
        "127.0.0.1 is a private, loopback, link-local or reserved address" in findings[0]["message"]
    )
    assert findings[0]["line"] == line_of(text, "url:")
    assert project.server.log == []  # refused before connecting
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/report", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/x",
     "http://localhost:9/admin", "http://[::ffff:192.168.0.1]/"],
)  # fmt: skip
def test_private_addresses_are_refused_without_connecting(project: Project, url: str) -> None:
    project.registry(page_entry(url))
    assert codes(project.run(private=False)[1]) == ["KL415"]


def test_redirect_into_the_private_network_is_refused_on_that_hop(project: Project) -> None:
    project.configure("  allowed-networks: [127.0.0.0/8]\n")
    project.server.expect_request("/jump").respond_with_data(
        "", status=302, headers={"Location": "http://10.9.8.7/internal"}
    )
    project.registry(page_entry(project.url("/jump")))
    findings = project.run(private=False)[1]
    assert codes(findings) == ["KL415"]
    assert "10.9.8.7" in findings[0]["message"]
    assert len(project.server.log) == 1


# --- cache and offline --------------------------------------------------------------------------


def test_second_run_is_answered_from_the_cache(project: Project) -> None:
    serve_doi(project.server)
    project.server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    project.server.expect_request("/gone").respond_with_data("", status=404)
    project.server.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": "/facts2"}
    )
    project.server.expect_request("/facts2").respond_with_data(PAGE, content_type="text/html")
    project.server.expect_request("/eutils/esummary.fcgi").respond_with_json(
        {"result": {"uids": ["111"], "111": pubmed_record("111")}}
    )
    project.registry(
        page_entry(project.url("/facts"), quote=QUOTE),
        {**page_entry(project.url("/gone")), "id": "gone"},
        {**page_entry(project.url("/moved")), "id": "moved"},
        doi_entry(doi=DOI, pmid=111),
    )
    first = project.run()[1]
    requests_made = len(project.server.log)
    assert requests_made == 7  # 4 pages (one behind a redirect), doi.org, Crossref, PubMed
    second = project.run()[1]
    assert second == first and codes(first) == ["KL402", "KL404"]
    assert len(project.server.log) == requests_made
    assert (project.root / ".kalypso-lint-cache").is_dir()
    project.run("--refresh")
    assert len(project.server.log) == 2 * requests_made


def test_no_cache_asks_every_time_and_writes_nothing(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    project.registry(page_entry(project.url("/facts"), quote=QUOTE))
    project.run("--no-cache")
    project.run("--no-cache")
    assert len(project.server.log) == 2
    assert not (project.root / ".kalypso-lint-cache").exists()


def test_transient_failures_are_not_cached(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data("busy", status=503)
    project.registry(page_entry(project.url("/facts")))
    project.run()
    project.run()
    assert len(project.server.log) == 2 * 3


def test_offline_checks_dates_and_sources_without_any_request(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data("", status=404)
    text = project.registry(
        {**page_entry(project.url("/facts")), "id": "old", "reviewed": "2024-01-01"},
        {**page_entry(project.url("/facts")), "id": "expired", "expires": "2026-11-01"},
        {**page_entry(project.url("/facts")), "id": "expiring", "expires": "2026-12-07"},
        {"id": "proposal", "status": "draft"},
        {"id": "banned", "status": "prohibited"},
        {**page_entry("http://example..org/x"), "id": "malformed"},
        {"id": "undated", "reviewed": None, "sources": [{"title": "T", "doi": DOI}]},
    )
    result, findings = project.run("--offline", private=False)
    assert project.server.log == []
    assert [(f["code"], f["registry_id"]) for f in findings] == [
        ("KL412", "old"),
        ("KL413", "expired"),
        ("KL414", "expiring"),
        ("KL401", "proposal"),
        ("KL402", "malformed"),
        ("KL412", "undated"),
    ]
    by_id = {f["registry_id"]: f for f in findings}
    assert by_id["old"]["line"] == line_of(text, "reviewed: '2024-01-01'")
    assert by_id["expired"]["line"] == line_of(text, "expires: '2026-11-01'")
    assert "expires on 2026-12-07, in 10 days" in by_id["expiring"]["message"]
    assert "expired on 2026-11-01, 26 days ago" in by_id["expired"]["message"]
    assert "empty part" in by_id["malformed"]["message"]
    assert result.exit_code == 1


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_report_format_renders_source_findings(
    project: Project, run_cli: Callable[..., Result], fmt: str
) -> None:
    project.registry({"id": "unsourced", "status": "draft"})
    result = run_cli("sources", "check", "--offline", "--today", TODAY, "-f", fmt, cwd=project.root)
    assert result.exit_code == 1
    assert "KL401" in result.stdout


def test_text_report_names_registry_line_and_source(
    project: Project, run_cli: Callable[..., Result]
) -> None:
    project.server.expect_request("/facts").respond_with_data("", status=410)
    text = project.registry(page_entry(project.url("/facts")))
    result = run_cli("sources", "check", "--today", TODAY, "--allow-private", cwd=project.root)
    first = result.stdout.splitlines()[0]
    assert first == (
        f"claims/sources.yaml:{line_of(text, 'url:')}:1: KL402 [error] Source "
        f"{project.url('/facts')} of prevalence cannot be reached: HTTP 410 Gone"
    )
    assert f"  = source: {project.url('/facts')}" in result.stdout


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("  colour: red\n", (), "rules.yaml:9: sources.colour: unknown key"),
        ("  max-response-size: lots\n", (), "use a size such as 10MB"),
        ("  connect-timeout: -1\n", (), "sources.connect-timeout: Input should be greater than 0"),
        ("  allowed-networks: [intranet]\n", (), "'intranet' is not an IP network"),
        ("  doi-url: ftp://x\n", (), "sources.doi-url: Value error, must be an http(s) URL"),
        ("", ("--offline", "--refresh"), "--refresh needs the network"),
        ("", ("--timeout", "0"), "--timeout: give a number of seconds"),
        ("  cache-dir: rules.yaml\n", (), "cannot use the cache"),
    ],
)
def test_bad_settings_are_one_line_and_exit_2(
    project: Project,
    run_cli: Callable[..., Result],
    setup: str,
    args: tuple[str, ...],
    message: str,
) -> None:
    project.configure(setup)
    project.registry(page_entry(project.url("/facts")))
    result = run_cli("sources", "check", "--allow-private", *args, cwd=project.root)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("kalypso-lint: error: ")
    assert message in result.output
    assert result.output.count("\n") == 1  # usage errors too (--refresh with --offline)


def test_bad_environment_url_is_exit_2(
    project: Project, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KALYPSO_LINT_EUTILS_URL", "file:///etc/passwd")
    project.registry({"id": "unsourced"})
    result = run_cli("sources", "check", cwd=project.root)
    assert result.exit_code == 2
    assert "KALYPSO_LINT_EUTILS_URL: must be an http(s) URL" in result.output


def test_user_agent_names_the_tool_and_its_home(project: Project) -> None:
    project.server.expect_request("/facts").respond_with_data(PAGE, content_type="text/html")
    project.registry(page_entry(project.url("/facts")))
    project.run()
    agent = project.server.log[0][0].headers["User-Agent"]
    assert agent.startswith("kalypso-lint/0.1.0 (+https://github.com/kalypso-lint/kalypso-lint")
