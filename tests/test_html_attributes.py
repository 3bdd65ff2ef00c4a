"""An HTML page's meta descriptions and images' alt text are copy: search results, social
cards and screen readers show them, as a site shows a Markdown page's front matter."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE = """\
<html><head><title>Joint care</title>
<meta name="description" content="95% of patients cured of arthritis.">
<meta property="og:description" content="Results in 3 days &amp; no pain.">
<meta name="twitter:description" content="95% of patients cured of arthritis." />
<meta name="keywords" content="arthritis, 99% cure">
</head><body><p>Our clinic is open on weekdays.</p>
<img src="spine.png" alt="Clinically proven to cure back pain">
<img src="team.png" alt="Dr. Lee and our nurses at the front desk">
</body></html>
"""


def _findings(run_cli: Any, project: Path) -> list[tuple[int, int, str, str]]:
    result = run_cli(
        "check", "content/page.html", "--format", "json", "--today", "2026-11-26", cwd=project
    )
    assert result.exit_code in (0, 1), result.output
    lines = PAGE.splitlines()
    return [
        (f["line"], f["column"], f["code"], lines[f["line"] - 1][f["column"] - 1 :])
        for f in json.loads(result.output)["findings"]
    ]


def test_meta_descriptions_are_checked_where_they_stand_in_the_file(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> None:
    write("content/page.html", PAGE)
    found = _findings(run_cli, project)
    description = [f for f in found if f[0] == 2]
    assert ("KL101", "95% of patients") in {(code, at[:15]) for _, _, code, at in description}
    assert {"KL203", "KL205"} <= {code for _, _, code, _ in description}
    social = [f for f in found if f[0] == 3]
    assert [(code, at[:6]) for _, _, code, at in social] == [("KL101", "3 days")]
    # The twitter card repeats the description word for word: reported once, at the first.
    assert not [f for f in found if f[0] == 4]
    assert not [f for f in found if f[0] == 5]  # keywords are not shown to readers


def test_image_alt_text_making_a_claim_is_checked(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> None:
    write("content/page.html", PAGE)
    alt = [
        (column, code, at) for line, column, code, at in _findings(run_cli, project) if line == 7
    ]
    assert ("KL302", "Clinically proven") in {(code, at[:17]) for _, code, at in alt}
    assert all(column > len('<img src="spine.png" alt="') for column, _, _ in alt)
    assert not [f for f in _findings(run_cli, project) if f[0] == 8]  # no claim, no finding


def test_descriptions_and_alt_text_follow_the_configuration(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> None:
    write("content/page.html", PAGE)
    write(
        "rules.yaml",
        "registry: [claims]\nfront-matter-fields: [title, summary]\nalt-text: false\n",
    )
    assert _findings(run_cli, project) == []
