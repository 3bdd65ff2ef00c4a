"""Starting Debian's Chromium through Playwright, for the HTML report's browser tests and the
scripts that screenshot and time the report (issue 9).

Playwright's own browser download does not work on these machines; its Python API drives
the system's /usr/bin/chromium instead. The flags keep Chromium from reaching for Google's
services, which the closed network refuses (see the machine notes).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = Path(os.environ.get("KALYPSO_LINT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
# Set by .ci/run once Chromium is installed: from then on a browser that cannot start fails
# the tests instead of skipping them.
REQUIRE_ENV = "KALYPSO_LINT_REQUIRE_BROWSER"


def why_no_browser() -> str | None:
    """None when the browser tests can run, else the reason they cannot."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        found = shutil.which("chromium")
        return f"{CHROMIUM} is not installed (apt-get install chromium)" + (
            f"; a chromium was found at {found}, set KALYPSO_LINT_CHROMIUM" if found else ""
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None
