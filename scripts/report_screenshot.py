"""Regenerate docs/report-example.png: the HTML report of the bundled example (issue 9).

    python scripts/report_screenshot.py [--output docs/report-example.png]

Checks `examples/` with the repository's rules.yaml and claims/ as of the same day as the
committed example reports, opens the report in Debian's Chromium (see tests/browser.py),
selects the first inconsistent claim so the side panel shows its registry entry, and saves
the window. Re-run it whenever the example, the registry or the report's look changes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, why_no_browser  # noqa: E402

from kalypso_lint.cli import app  # noqa: E402

TODAY = "2026-11-26"  # as tests/test_example.py: the committed example reports' day


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "report-example.png")
    args = parser.parse_args()
    reason = why_no_browser()
    if reason:
        raise SystemExit(f"cannot take the screenshot: {reason}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.html"
        os.chdir(REPO)
        result = CliRunner().invoke(
            app, ["check", "examples/", "--today", TODAY, "-f", "html", "-o", str(report)]
        )
        if result.exit_code not in (0, 1):
            raise SystemExit(result.output)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1360, "height": 960})
            page.goto(report.as_uri())
            page.locator("section.page .toggle").first.click()
            page.locator("button.claim.v-inconsistent").first.click()
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(args.output))
            browser.close()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
