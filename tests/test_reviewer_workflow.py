"""Issue 9's "done when": a new user with no registry scaffolds one from the example copy,
fills in two sources, checks again and sees those claims supported."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from conftest import REPO_ROOT

TODAY = "2026-11-26"
EXPECTED = shutil.ignore_patterns("expected")  # the example's golden reports are not copy
SOURCE = """\
    sources:
      - title: Reviewed source for {id}
        publisher: Example Health Institute
        url: https://example.org/evidence/{id}
        accessed: 2026-11-20
"""


def _approve(text: str, entry_id: str) -> str:
    """What a reviewer does by hand: add a source and a review date, then approve."""
    start = text.index(f"  - id: {entry_id}\n")
    following = text.find("\n  - id: ", start + 1)
    end = len(text) if following == -1 else following + 1
    block = text[start:end]
    block = block.replace("    sources: []\n", SOURCE.format(id=entry_id), 1)
    block = block.replace("    status: draft\n", "    reviewed: 2026-11-20\n    status: approved\n")
    return text[:start] + block + text[end:]


def test_scaffold_then_two_sources_make_those_claims_supported(
    tmp_path: Path, run_cli: Any
) -> None:
    shutil.copytree(REPO_ROOT / "examples", tmp_path / "examples", ignore=EXPECTED)
    (tmp_path / "rules.yaml").write_text(
        "registry: [claims]\ninclude: ['examples/**/*.md', 'examples/**/*.html', "
        "'examples/**/*.txt']\n",
        encoding="utf-8",
    )
    assert not (tmp_path / "claims").exists()

    scaffold = run_cli("registry", "scaffold", "examples", cwd=tmp_path)
    assert scaffold.exit_code == 0, scaffold.output
    drafted = re.findall(r"^(claims/\S+\.yaml):\d+: (\S+)  \"(.+)\" \((\S+):(\d+)\)$",
                         scaffold.output, re.MULTILINE)  # fmt: skip
    assert len(drafted) >= 2, scaffold.output

    chosen = drafted[:2]
    for file, entry_id, *_ in chosen:
        path = tmp_path / file
        path.write_text(_approve(path.read_text(encoding="utf-8"), entry_id), encoding="utf-8")
        entry = next(
            e for e in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
            if e["id"] == entry_id
        )  # fmt: skip
        assert entry["status"] == "approved" and len(entry["sources"]) == 1

    check = run_cli("check", "examples", "--format", "json", "--today", TODAY, cwd=tmp_path)
    assert check.exit_code == 1  # the rest of the drafts still support nothing
    claims = json.loads(check.output)["claims"]
    for _, entry_id, text, path, line in chosen:
        (claim,) = [
            c for c in claims if (c["path"], c["line"], c["text"]) == (path, int(line), text)
        ]
        assert (claim["verdict"], claim["registry_id"]) == ("supported", entry_id)
    others = [c for c in claims if c["registry_id"] not in {c[1] for c in chosen}]
    assert others and all(c["verdict"] != "supported" for c in others)

    # The reviewer's report of the same run says so too.
    report = run_cli(
        "check", "examples", "-f", "html", "-o", "report.html", "--today", TODAY, cwd=tmp_path
    )
    assert report.exit_code == 1
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    for _, entry_id, *_ in chosen:
        assert re.search(rf'class="claim kl-nav v-supported"[^>]*data-e="{entry_id}"', html)
