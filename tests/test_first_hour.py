"""A content team's first hour (issue 14), followed end to end in an empty folder.

The test does only what the README's "Your own pages" steps and the tool's own messages
say: the first `check` fails and names `kalypso-lint init`; `init` writes the configuration
and shows the pre-commit snippet; `registry scaffold` drafts the registry; `baseline write`
accepts the findings of the page that was there before; the HTML report is written; the
snippet becomes a real hook driven by the real `pre-commit` in a real git repository; and a
later `check` reads none of the reports written on the way.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT
from gitrepo import GitRepo, isolate_home

PAGE = """\
# Migraine relief at our clinic

Almost 49 million people in the United States live with migraines.

Over 70% of our clients felt calmer after one session.

A single infusion costs $450.
"""
NEW_CLAIM = "\nOver 60% of our clients slept better the same night.\n"


def hook_config(snippet: str, args: list[str]) -> str:
    """The snippet `init` printed, with the `args` its comment proposes, run as a local hook
    on this interpreter (the published repo and rev need the network; test_precommit has a
    slow test that installs it from a git copy)."""
    (repo,) = yaml.safe_load(snippet)["repos"]
    (hook_ref,) = repo["hooks"]
    published = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in published if h["id"] == hook_ref["id"])
    hook = {k: v for k, v in hook.items() if k != "minimum_pre_commit_version"}
    program = f"{shlex.quote(sys.executable)} -m kalypso_lint"
    hook["entry"] = hook["entry"].replace("kalypso-lint", program, 1)
    hook["language"] = "system"
    hook["args"] = args
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


@pytest.mark.slow
def test_first_hour_from_an_empty_folder(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Any,
) -> None:
    isolate_home(monkeypatch, tmp_path_factory.mktemp("home"))
    # The default cache folder, next to the configuration, as a user gets it.
    monkeypatch.delenv("KALYPSO_LINT_CACHE_DIR", raising=False)
    site = tmp_path / "site"
    repo = GitRepo.init(site)
    repo.write("page.md", PAGE)

    # 1. The first run has no registry: the error says what it looked for and what to run.
    first = run_cli("check", cwd=site)
    assert first.exit_code == 2
    assert "claims/ folder" in first.output and "`kalypso-lint init`" in first.output
    assert "`kalypso-lint registry scaffold`" in first.output and "--registry" in first.output

    # 2. init: configuration, a registry folder with a commented example, the snippet.
    init = run_cli("init", cwd=site)
    assert init.exit_code == 0, init.output
    assert (site / "rules.yaml").is_file()
    example = (site / "claims" / "example.yaml").read_text("utf-8")
    assert yaml.safe_load(example) == {"claims": []} and "#  - id: " in example
    assert run_cli("registry", "validate", cwd=site).exit_code == 0
    again = run_cli("init", cwd=site)  # never overwrites
    assert again.exit_code == 2 and "nothing was written" in again.output
    snippet = init.output[init.output.index("repos:") :]
    proposed = re.search(r"#\s*(args: .*)", snippet)
    assert proposed is not None

    # 3. scaffold drafts the claims (not the price), then check reports the drafts.
    scaffold = run_cli("registry", "scaffold", cwd=site)
    assert scaffold.exit_code == 0, scaffold.output
    drafted = yaml.safe_load((site / "claims" / "general.yaml").read_text("utf-8"))["claims"]
    assert {entry.get("value") for entry in drafted} == {49000000, 70}
    prevalence = next(e for e in drafted if e["value"] == 49000000)
    assert ["united states"] in prevalence["match"] and ["migraine"] in prevalence["match"]
    checked = run_cli("check", cwd=site)
    assert checked.exit_code == 1
    assert checked.output.count("KL106") == 2

    # 4. The page predates the hook: its findings go into a baseline.
    baseline = run_cli("baseline", "write", cwd=site)
    assert baseline.exit_code == 0, baseline.output
    assert (site / "kalypso-lint-baseline.json").is_file()
    assert run_cli("check", "--baseline", "kalypso-lint-baseline.json", cwd=site).exit_code == 0

    # 5. The reviewers' report, and reports in the other page-like formats, by extension.
    html = run_cli("check", "--format", "html", "--output", "report.html", cwd=site)
    assert html.exit_code == 1
    assert (site / "report.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    for name in ("summary.md", "report.txt", "findings.json"):
        assert run_cli("check", "-o", name, cwd=site).exit_code == 1
    assert json.loads((site / "findings.json").read_text("utf-8"))["version"] == 1
    assert (site / "summary.md").read_text("utf-8").startswith("## kalypso-lint report")
    unknown = run_cli("check", "-o", "report.docs", cwd=site)
    assert unknown.exit_code == 2 and "extension" in unknown.output

    # 6. Re-running check reads the page and nothing kalypso-lint wrote.
    rerun = run_cli("check", "--format", "json", cwd=site)
    result = json.loads(rerun.output)
    assert result["summary"]["files"] == 1
    assert {claim["path"] for claim in result["claims"]} == {"page.md"}

    # 7. The hook, as the snippet's comment proposes for pages with findings already.
    args = yaml.safe_load(proposed.group(1))["args"]
    repo.write(".pre-commit-config.yaml", hook_config(snippet, args))
    repo.run(sys.executable, "-m", "pre_commit", "install")
    repo.git("add", "--all")
    done = repo.run("git", "commit", "-m", "the site", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    repo.write("page.md", PAGE + NEW_CLAIM)
    repo.git("add", "page.md")
    refused = repo.run("git", "commit", "-m", "a new claim", check=False)
    assert refused.returncode != 0
    assert "page.md:9:1: KL101" in refused.stdout + refused.stderr
    repo.write("page.md", PAGE)
    repo.git("add", "page.md")
    assert repo.run("git", "status", "--porcelain").stdout.strip() == ""
