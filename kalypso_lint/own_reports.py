"""Recognising kalypso-lint's own reports, so a later run never checks them as pages (issue 14).

`check --format html -o r.html` followed by a plain `check` must not read r.html: its text
quotes every claim it reports. The formats discovery can pick up as pages carry a mark:
the HTML report a `<meta name="generator" content="kalypso-lint">` in its head, the JSON
report its opening `version` and `tool` keys, the Markdown report its closing
`<sub>kalypso-lint VERSION</sub>` line, the text report its closing summary lines. Only
the first and last bytes of a candidate are read.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

# Suffixes of the report formats that are also page formats (json, sarif and xml are not).
_CANDIDATE_SUFFIXES = frozenset({".html", ".htm", ".md", ".markdown", ".txt"})
_HEAD_BYTES = 1024
_TAIL_BYTES = 512
_HEAD_MARKS = (
    re.compile(rb'<meta name="generator" content="kalypso-lint[^"]*">'),
    # The JSON report (report/json_report.py), whatever the file is called.
    re.compile(rb'\A\{\s*"version":\s*\d+,\s*"tool":\s*\{\s*"name":\s*"kalypso-lint"'),
)
_TAIL_MARKS = (
    # Markdown report (report/markdown.py).
    re.compile(rb"<sub>kalypso-lint [^<\n]*</sub>\s*\Z"),
    # Text report (report/text.py): the findings count, then the claims count.
    re.compile(
        rb"(?:Found \d+ (?:new )?findings? \([^)\n]*\)|No (?:new )?findings) in \d+ "
        rb"(?:registry )?files?(?: \(\d+ known, in the baseline\))?\.\n"
        rb"(?:Claims: \d+[^\n]*\.\n)?\Z"
    ),
)


def is_own_report(path: Path) -> bool:
    """Whether `path` is a report kalypso-lint wrote (False when it cannot be read)."""
    if path.suffix.lower() not in _CANDIDATE_SUFFIXES:
        return False
    try:
        # Regular files only: opening a FIFO would block the run (issue 15).
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
            if any(mark.search(head) for mark in _HEAD_MARKS):
                return True
            size = handle.seek(0, 2)
            handle.seek(max(0, size - _TAIL_BYTES))
            tail = handle.read(_TAIL_BYTES)
    except OSError:
        return False
    return any(mark.search(tail) for mark in _TAIL_MARKS)
