"""`--format html`: the reviewer's report, read as a file and in real headless Chromium (issue 9).

The browser tests drive Debian's /usr/bin/chromium through Playwright's Python API. They skip,
saying why, only where Chromium is not installed; .ci/run installs it and then requires it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, REQUIRE_ENV, why_no_browser
from click.testing import CliRunner
from conftest import MIGRAINE_REGISTRY, REPO_ROOT

from kalypso_lint.cli import app
from kalypso_lint.config import load_config
from kalypso_lint.pipeline import CheckRequest, run_check

TODAY = "2026-11-26"
EXPECTED = shutil.ignore_patterns("expected")  # the example's golden reports are not copy
# One entry per verdict the example copy can reach: supported, inconsistent (figure and
# qualifier), stale (review too old), prohibited; the other claims stay unsupported.
REGISTRY = (
    MIGRAINE_REGISTRY
    + """\
  - id: migraine-sex-ratio
    statement: Women are about three times as likely as men to have migraine.
    value: 3
    unit: ratio
    match: [[women], [men]]
    sources:
      - {title: Migraine in women, doi: 10.1000/example.2}
    reviewed: 2024-01-01
    status: approved
  - id: migraine-attack-duration
    statement: An untreated migraine attack lasts 4 to 72 hours.
    range: [4, 72]
    unit: hours
    match: [[attack]]
    sources:
      - {title: Headache disorders, url: "https://www.who.int/news-room/fact-sheets/detail/headache-disorders"}
    reviewed: 2026-10-01
    status: approved
  - id: ketamine-study-relief
    statement: In the study, 88% of patients reported relief.
    value: 88
    unit: percent
    tolerance: 0.1
    match: [[study], [patients]]
    sources:
      - {title: An example study, pmid: "12345678"}
    reviewed: 2026-11-01
    status: approved
  - id: facial-pain-resolution
    statement: Ketamine resolves facial pain in most patients.
    value: 80
    unit: percent
    match: [[facial], [resolution]]
    notes: An unapproved indication; the study behind it was retracted.
    reviewed: 2026-11-01
    status: prohibited
"""
)
HOSTILE = (
    "Call now: over 70% of clients <script>window.klInjected = 1</script> feel better.\n\n"
    'Really <img src=x onerror="window.klInjected = true"> & "quoted" 45% of the time.\n'
)
HOSTILE_NAME = "odd <b>name&amp;.txt"
# A phrase finding at no claim, on a page of its own ("cure" in the example copy now sits
# inside the disease claim "cure for migraine", issue 13).
GUARANTEE = "Results guaranteed, every time.\n"


@dataclass(frozen=True)
class Report:
    folder: Path
    html_path: Path
    html: str
    data: dict[str, Any]


def _check(folder: Path, *args: str) -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = CliRunner().invoke(app, ["check", *args], catch_exceptions=False)
    return result.exit_code


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The example copy with a registry reaching every verdict, plus a hostile page."""
    folder = tmp_path_factory.mktemp("reviewed")
    shutil.copytree(REPO_ROOT / "examples", folder / "examples", ignore=EXPECTED)
    (folder / "examples" / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    (folder / "examples" / "results-guarantee.txt").write_text(GUARANTEE, encoding="utf-8")
    (folder / "claims").mkdir()
    (folder / "claims" / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    (folder / "rules.yaml").write_text("registry: [claims]\n", encoding="utf-8")
    code = _check(folder, "examples", "--today", TODAY,
                  "-f", "html", "-o", "report.html", "-f", "json", "-o", "report.json")  # fmt: skip
    assert code == 1
    html_path = folder / "report.html"
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return Report(folder, html_path, html_path.read_text(encoding="utf-8"), data)


# --- the file ---------------------------------------------------------------------------


def test_report_is_one_file_that_needs_no_network(report: Report) -> None:
    html = report.html
    assert "<link" not in html and " src=" not in html.replace("src=x onerror", "")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and "default-src 'none'" in policy.group(1)
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy.group(1))
    assert html.count("<script>") == 1 and html.count("<style>") == 1
    # Links in the markup stay inside the file; source links are built from data on demand.
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))


def test_copy_and_file_names_are_escaped(report: Report) -> None:
    html = report.html
    assert "<script>window.klInjected" not in html
    assert "&lt;script&gt;window.klInjected = 1&lt;/script&gt;" in html
    assert (
        "&lt;img src=x onerror=&quot;window.klInjected = true&quot;&gt; &amp; &quot;quoted&quot;"
        in html
    )
    assert "<b>name" not in html and "odd &lt;b&gt;name&amp;amp;.txt" in html


def test_report_is_deterministic(report: Report, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    _check(report.folder, "examples", "--today", TODAY, "-f", "html", "-o", str(again))
    assert again.read_text(encoding="utf-8") == report.html


def test_every_verdict_occurs_in_the_fixture(report: Report) -> None:
    """Guards the other tests: each verdict's look is exercised."""
    assert all(report.data["summary"]["by_verdict"][v] for v in (
        "supported", "inconsistent", "unsupported", "stale", "prohibited"))  # fmt: skip


def test_every_claim_and_phrase_finding_is_cut_out_of_its_block(report: Report) -> None:
    """The page views behind the report: each claim marked once, reading exactly its text."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(report.folder)
        config = load_config(report.folder / "rules.yaml")
        request = CheckRequest((Path("examples"),), today=date(2026, 11, 26), keep_pages=True)
        result = run_check(config, request)
    assert result.pages is not None
    flagged = []
    for view in result.pages:
        pieces = [piece for line in view.lines for piece in line.pieces]
        marked = {p.claim: p.text for p in pieces if p.claim is not None}
        assert marked == {i: v.claim.text for i, v in enumerate(view.claims)}, view.path
        flagged += [
            (view.findings[p.finding].code, p.text) for p in pieces if p.finding is not None
        ]
        assert {p.finding for p in pieces if p.finding is not None} == view.marked
    # A phrase finding at no claim is cut out on its own ("cure" in the example copy now
    # sits inside the disease claim "cure for migraine", issue 13).
    assert ("KL203", "guaranteed") in flagged


# --- in Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = why_no_browser()
    if reason:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but the browser cannot run: {reason}")
        pytest.skip(f"browser tests need Chromium: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    page: Any
    errors: list[str]
    requests: list[str]


@pytest.fixture
def tab(browser: Any, report: Report) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    opened = Tab(page, [], [])
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.goto(report.html_path.as_uri())
    yield opened
    context.close()


def _open_all(page: Any) -> None:
    page.click("#open-all")


def test_page_loads_without_errors_or_requests(tab: Tab, report: Report) -> None:
    page = tab.page
    assert page.title() == "kalypso-lint report"
    assert page.locator("section.page").count() == report.data["summary"]["files"]
    _open_all(page)
    page.keyboard.press("n")
    assert tab.errors == []
    assert tab.requests == [report.html_path.as_uri()]


def test_each_claim_is_highlighted_where_it_stands(tab: Tab, report: Report) -> None:
    page = tab.page
    _open_all(page)
    claims = report.data["claims"]
    assert page.locator("button.claim").count() == len(claims)
    for claim in claims:
        selector = (
            f'section[data-path="{claim["path"]}"] '
            f'button.claim[data-at="{claim["line"]}:{claim["column"]}"]'
        )
        highlight = page.locator(selector)
        assert highlight.text_content() == claim["text"], claim
        assert highlight.get_attribute("data-v") == claim["verdict"]
        # The label after it names the verdict in words, for greyscale and screen readers.
        label = page.locator("#" + highlight.get_attribute("aria-describedby"))
        assert claim["verdict"] in label.text_content()


def test_verdicts_differ_in_more_than_colour(tab: Tab) -> None:
    page = tab.page
    _open_all(page)
    looks = page.evaluate(
        """() => ["supported", "inconsistent", "unsupported", "stale", "prohibited"].map(v => {
            const s = getComputedStyle(document.querySelector("button.claim.v-" + v));
            return [s.borderTopStyle, s.borderTopWidth, s.textDecorationLine].join(" ");
        })"""
    )
    assert len(set(looks)) == 5, looks


def test_verdict_and_rule_filters_hide_and_show(tab: Tab, report: Report) -> None:
    page = tab.page
    _open_all(page)
    unsupported = page.locator("button.claim.v-unsupported")
    supported = page.locator("button.claim.v-supported")
    assert unsupported.first.is_visible() and unsupported.first.locator("+ .tag").is_visible()

    page.uncheck('input[name="verdict"][value="unsupported"]')
    assert unsupported.count() == page.locator("button.claim.v-unsupported.filtered").count()
    assert not page.locator("button.claim.v-unsupported + .tag").first.is_visible()
    assert supported.first.locator("+ .tag").is_visible()
    # The hostile page has only unsupported claims: it is hidden as a whole.
    assert page.locator(f'section[data-path="examples/{HOSTILE_NAME}"]').is_hidden()
    assert "of 5 pages shown" in page.locator("#filter-status").text_content()

    page.check('input[name="verdict"][value="unsupported"]')
    assert page.locator("button.claim.filtered").count() == 0

    for box in page.locator('input[name="code"]').all():
        if box.get_attribute("value") != "KL103":
            box.uncheck()
    shown = page.locator("button.claim:not(.filtered)")
    assert [shown.nth(i).get_attribute("data-codes") for i in range(shown.count())] == ["KL103"]
    assert page.locator("section.page:not([hidden])").count() == 1


def test_keyboard_moves_focus_between_claims_visibly(tab: Tab, report: Report) -> None:
    page = tab.page
    first_page = report.data["claims"][0]["path"]
    page.keyboard.press("n")
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "p1-c0"
    assert page.evaluate("() => document.activeElement.closest('section').dataset.path") == (
        first_page
    )
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("j")
    assert page.evaluate("() => document.activeElement.id") == "p1-c1"
    page.keyboard.press("p")
    assert page.evaluate("() => document.activeElement.id") == "p1-c0"
    # Backwards from the first claim wraps to the last claim of the last page.
    page.keyboard.press("k")
    last = page.evaluate("() => document.activeElement.closest('section').id")
    assert last == f"p{report.data['summary']['files']}"
    assert "Wrapped around" in page.locator("#filter-status").text_content()
    # With supported claims filtered out, navigation skips them.
    page.uncheck('input[name="verdict"][value="supported"]')
    for _ in range(6):
        page.keyboard.press("n")
        assert page.evaluate("() => document.activeElement.dataset.v") != "supported"


def test_details_panel_shows_entry_tolerance_sources_and_rule(tab: Tab) -> None:
    page = tab.page
    _open_all(page)
    page.click('button.claim[data-e="ketamine-study-relief"].v-inconsistent')
    panel = page.locator("#panel")
    text = panel.text_content()
    assert "Registry entry ketamine-study-relief" in text
    assert "±10% (relative)" in text
    assert "KL103 qualifier-contradicts-source" in text
    assert "promises more than 92%" in text  # the rule's "why", from the catalog
    source = panel.locator("a", has_text="An example study")
    assert source.get_attribute("href") == "https://pubmed.ncbi.nlm.nih.gov/12345678/"
    assert page.evaluate("() => document.activeElement.id") == "panel"
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.dataset.e") == "ketamine-study-relief"


def test_script_in_a_page_does_not_run(tab: Tab) -> None:
    page = tab.page
    _open_all(page)
    section = page.locator(f'section[data-path="examples/{HOSTILE_NAME}"]')
    assert "<script>window.klInjected = 1</script>" in section.text_content()
    assert page.evaluate("() => window.klInjected") is None
    assert page.locator("img").count() == 0
    assert tab.errors == []


def test_phrase_findings_are_marked_where_they_stand(tab: Tab) -> None:
    page = tab.page
    _open_all(page)
    flag = page.locator('button.flag[data-codes="KL203"]').first
    assert flag.text_content() == "guaranteed"
    assert "KL203" in page.locator("#" + flag.get_attribute("aria-describedby")).text_content()
    flag.click()
    assert "KL203 absolute-language" in page.locator("#panel").text_content()
    # Keyboard navigation reaches them like claims.
    page.locator("#p1 .toggle").focus()
    seen = set()
    for _ in range(page.locator(".kl-nav").count()):
        page.keyboard.press("n")
        seen.add(page.evaluate("() => document.activeElement.className.split(' ')[0]"))
    assert {"claim", "flag"} <= seen
