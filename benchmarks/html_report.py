"""Measure the HTML report on a synthetic run (issue 9): size, render time, and how long
Chromium takes to open it, jump to the first claim, and open every page.

    python benchmarks/html_report.py            # 1,000 pages
    python benchmarks/html_report.py --pages 200

The corpus is generated from a fixed seed into a temporary folder (nothing is committed):
pages of migraine-clinic copy with about ten figures each, checked against a small registry
so every verdict occurs. Needs the test extras and Debian's chromium (see tests/browser.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, why_no_browser  # noqa: E402

from kalypso_lint.cli import app  # noqa: E402

REGISTRY = """\
claims:
  - id: migraine-us-prevalence
    statement: About 39 million people in the US live with migraine.
    value: 39000000
    unit: people
    match: [[migraine], [us, americans]]
    sources: [{title: Migraine facts, url: "https://example.org/migraine-facts"}]
    reviewed: 2026-11-01
    status: approved
  - id: attack-duration
    statement: An untreated attack lasts 4 to 72 hours.
    range: [4, 72]
    unit: hours
    match: [[attack]]
    sources: [{title: Headache disorders, url: "https://example.org/headache"}]
    reviewed: 2024-01-01
    status: approved
  - id: relief-study
    statement: In the study, 88% of patients reported relief.
    value: 88
    unit: percent
    match: [[study], [patients]]
    sources: [{title: An example study, doi: 10.1000/example.1}]
    reviewed: 2026-11-01
    status: approved
"""
SENTENCES = [
    "About {m} million people in the US live with migraine.",
    "An untreated attack can last {a}-72 hours.",
    "In one study, over {p}% of patients reported relief after the first session.",
    "Women are almost {r}x more likely than men to have migraine.",
    "Migraine costs employers up to ${b} billion every year.",
    "About 1/{d} of people with migraine see an aura before the pain begins.",
    "Our nurses have answered over {n},000 calls from families.",
    "Most patients are seen within {h} days of their first call.",
]


def write_corpus(folder: Path, pages: int) -> None:
    rng = random.Random(9)
    content = folder / "content"
    content.mkdir()
    (folder / "claims").mkdir()
    (folder / "claims" / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    (folder / "rules.yaml").write_text("registry: [claims]\n", encoding="utf-8")
    for number in range(pages):
        paragraphs = [f"# Clinic page {number}"]
        for _ in range(4):
            chosen = rng.sample(SENTENCES, 3)
            paragraphs.append(
                " ".join(
                    s.format(
                        m=rng.choice([39, 40, 49]),
                        a=rng.choice([2, 4]),
                        p=rng.choice([85, 88, 92]),
                        r=rng.choice([2, 3]),
                        b=rng.choice([20, 36]),
                        d=rng.choice([3, 4]),
                        n=rng.randint(2, 9),
                        h=rng.randint(2, 9),
                    )
                    for s in chosen
                )
            )
        (content / f"page-{number:04d}.md").write_text("\n\n".join(paragraphs) + "\n")


def timed_check(folder: Path, *args: str) -> float:
    runner = CliRunner()
    start = time.perf_counter()
    old = Path.cwd()
    try:
        import os

        os.chdir(folder)
        result = runner.invoke(app, ["check", "content", "--today", "2026-11-26", *args])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return time.perf_counter() - start


IN_PAGE = """() => {{
    const start = performance.now();
    {action};
    void document.body.offsetHeight;
    return performance.now() - start;
}}"""
FILTER = """const box = document.querySelector('input[name="verdict"][value="supported"]');
    box.checked = false;
    box.dispatchEvent(new Event("change", {bubbles: true}))"""
OPEN_ALL = 'document.getElementById("open-all").click()'


def browse(report: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        page.goto(report.as_uri(), wait_until="load")
        timings["load (s)"] = time.perf_counter() - start
        timings["DOM nodes after load"] = page.evaluate("document.getElementsByTagName('*').length")
        start = time.perf_counter()
        page.keyboard.press("n")
        page.wait_for_function("document.activeElement.classList.contains('claim')")
        timings["first claim after n (s)"] = time.perf_counter() - start
        # In-page timings of the synchronous handlers, layout included.
        timings["filter change (s)"] = page.evaluate(IN_PAGE.format(action=FILTER)) / 1000
        timings["open all pages (s)"] = page.evaluate(IN_PAGE.format(action=OPEN_ALL)) / 1000
        timings["DOM nodes with all pages open"] = page.evaluate(
            "document.getElementsByTagName('*').length"
        )
        browser.close()
        if errors:
            raise SystemExit(f"page errors: {errors}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_corpus(folder, args.pages)
        timed_check(folder, "-f", "json", "-o", "warm.json")  # builds spaCy once
        plain = timed_check(folder, "-f", "json", "-o", "report.json")
        html = timed_check(folder, "-f", "html", "-o", "report.html")
        report = folder / "report.html"
        print(f"pages: {args.pages}")
        print(f"check, json report: {plain:.2f} s")
        print(f"check, html report: {html:.2f} s")
        print(f"html size: {report.stat().st_size / 1e6:.2f} MB")
        reason = why_no_browser()
        if reason:
            print(f"browser timings skipped: {reason}")
            return
        for name, value in browse(report).items():
            print(f"{name}: {value:.2f}" if isinstance(value, float) else f"{name}: {value}")


if __name__ == "__main__":
    main()
