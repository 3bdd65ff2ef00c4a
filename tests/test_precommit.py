"""The pre-commit hook, with the real `pre-commit` package driving real `git commit`s.

Most tests run the hook as defined in .pre-commit-hooks.yaml but as a `repo: local` hook
with `language: system` on this interpreter, which costs seconds. One slow test uses the
published form (`repo:` a git copy of this project, `language: python`), for which
pre-commit builds its own environment and installs kalypso-lint with its dependencies.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT
from gitrepo import GitRepo

HOOKS = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BAD = "Over 70% of clients felt calmer after one session.\n"
CLEAN = "Book a consultation with our nurses.\n"
CALMER_ENTRY = """\
  - id: calmer-after-one-session
    statement: In our survey, 72% of clients felt calmer after one session.
    value: 72
    unit: percent
    match:
      - [calmer]
      - [session]
    sources:
      - title: Client survey 2026
        url: https://example.org/survey-2026
    reviewed: 2026-11-01
    status: approved
"""
# Captured before any fixture isolates HOME, to find the user's pip cache (see the slow test).
ORIGINAL_ENV = dict(os.environ)


def local_hook_config() -> str:
    """The published hook, unchanged but for running this interpreter's kalypso-lint."""
    hook = {k: v for k, v in HOOKS[0].items() if k != "minimum_pre_commit_version"}
    program = f"{shlex.quote(sys.executable)} -m kalypso_lint"
    hook["entry"] = hook["entry"].replace("kalypso-lint", program, 1)
    hook["language"] = "system"
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


def install_hook(repo: GitRepo, config: str) -> None:
    repo.write(".pre-commit-config.yaml", config)
    repo.commit("pre-commit configuration", ".pre-commit-config.yaml")
    repo.run(sys.executable, "-m", "pre_commit", "install")


def commit(repo: GitRepo, message: str, *paths: str) -> tuple[int, str]:
    """`git commit` as a user runs it: the exit status and what the terminal shows (git
    sends a hook's output to standard error)."""
    if paths:
        repo.git("add", *paths)
    done = repo.run("git", "commit", "-m", message, check=False)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def hooked(git_repo: GitRepo) -> GitRepo:
    install_hook(git_repo, local_hook_config())
    return git_repo


def test_hook_definition_follows_the_pre_commit_manifest() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO_ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "kalypso-lint"
    assert hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["kalypso-lint", "check"]
    assert hook["pass_filenames"] and hook["require_serial"]
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text", "yaml", "toml"}


def test_unsupported_figure_blocks_the_commit_until_fixed(hooked: GitRepo) -> None:
    before = hooked.head()
    hooked.write("content/page.md", BAD)
    refused_status, refused = commit(hooked, "add a page", "content/page.md")
    assert refused_status != 0
    assert "content/page.md:1:1: KL101 [error] No registry entry supports" in refused
    assert hooked.head() == before
    hooked.write("content/page.md", CLEAN)
    accepted_status, accepted = commit(hooked, "add a page", "content/page.md")
    assert accepted_status == 0, accepted
    assert "kalypso-lint" in accepted and "Passed" in accepted
    assert hooked.head() != before


def test_registering_the_claim_lets_the_commit_through(hooked: GitRepo) -> None:
    hooked.write("content/page.md", BAD)
    assert commit(hooked, "claim", "content/page.md")[0] != 0
    registry = hooked.read("claims/migraine.yaml")
    hooked.write("claims/migraine.yaml", registry + CALMER_ENTRY)
    accepted_status, accepted = commit(
        hooked, "claim with its source", "content/page.md", "claims/migraine.yaml"
    )
    assert accepted_status == 0, accepted


def test_unstaged_changes_are_left_alone(hooked: GitRepo) -> None:
    hooked.write("content/page.md", CLEAN)
    hooked.git("add", "content/page.md")
    hooked.write("content/page.md", CLEAN + BAD)  # not staged: not part of this commit
    accepted_status, accepted = commit(hooked, "clean page")
    assert accepted_status == 0, accepted
    assert hooked.git("show", "HEAD:content/page.md") == CLEAN
    assert hooked.read("content/page.md") == CLEAN + BAD
    assert "+Over 70%" in hooked.git("diff", "content/page.md")
    # The other way round: the staged text is what is judged, the unstaged fix survives.
    hooked.write("content/page.md", BAD)
    hooked.git("add", "content/page.md")
    hooked.write("content/page.md", CLEAN + "Fixed.\n")
    refused_status, refused = commit(hooked, "bad page")
    assert refused_status != 0
    assert "KL101" in refused
    assert hooked.read("content/page.md") == CLEAN + "Fixed.\n"
    assert hooked.git("show", ":content/page.md") == BAD


def test_only_committed_files_are_checked(hooked: GitRepo) -> None:
    hooked.write("content/old.md", BAD)
    hooked.commit("an old page from before the hook")  # --no-verify
    hooked.write("content/new.md", CLEAN)
    accepted_status, accepted = commit(hooked, "another page", "content/new.md")
    assert accepted_status == 0, accepted


def test_commit_of_excluded_files_only_passes(
    hooked: GitRepo, run_cli: Any, write: Callable[..., Path]
) -> None:
    hooked.write("rules.yaml", "registry: [claims]\nexclude: ['drafts/**']\n")
    hooked.commit("exclude drafts")
    hooked.write("drafts/page.md", BAD)
    accepted_status, accepted = commit(hooked, "a draft", "drafts/page.md")
    assert accepted_status == 0, accepted
    # Without --allow-no-files the same call would say "no files to check" (exit 3).
    assert run_cli("check", "drafts/page.md").exit_code == 3
    assert run_cli("check", "--allow-no-files", "drafts/page.md").exit_code == 0


@pytest.mark.parametrize(
    ("path", "broken", "where"),
    [
        # The line where the unclosed list opens (never a line past the file's end).
        ("claims/main.yaml", "- id: [broken\n", "claims/main.yaml:1: invalid YAML"),
        ("rules.yaml", "registry: [claims\n", "rules.yaml:1: invalid YAML"),
    ],
)
def test_malformed_registry_or_config_blocks_the_commit(
    hooked: GitRepo, path: str, broken: str, where: str
) -> None:
    before = hooked.head()
    hooked.write(path, broken)
    refused_status, refused = commit(hooked, "edit the settings", path)
    assert refused_status != 0
    (line,) = [line for line in refused.splitlines() if line.startswith("kalypso-lint: error:")]
    assert where in line, refused
    assert hooked.head() == before


def test_removing_an_entry_rechecks_the_pages_that_relied_on_it(hooked: GitRepo) -> None:
    registry = hooked.read("claims/migraine.yaml")
    hooked.write("claims/migraine.yaml", registry + CALMER_ENTRY)
    hooked.write("content/page.md", BAD)
    accepted_status, accepted = commit(
        hooked, "a page and its claim", "claims/migraine.yaml", "content/page.md"
    )
    assert accepted_status == 0, accepted
    hooked.write("claims/migraine.yaml", registry)  # the page is not part of this commit
    refused_status, refused = commit(hooked, "drop the survey", "claims/migraine.yaml")
    assert refused_status != 0
    assert "content/page.md:1:1: KL101 [error] No registry entry supports" in refused


def test_other_yaml_and_toml_files_are_not_read_as_pages(hooked: GitRepo, run_cli: Any) -> None:
    hooked.write(".github/workflows/ci.yml", f"name: {BAD}")
    hooked.write("netlify.toml", f'title = "{BAD.strip()}"\n')
    accepted_status, accepted = commit(
        hooked, "CI and hosting", ".github/workflows/ci.yml", "netlify.toml"
    )
    assert accepted_status == 0, accepted
    # Named on the command line they are skipped too, unless an include glob names them.
    assert run_cli("check", ".github/workflows/ci.yml", "netlify.toml").exit_code == 3
    hooked.write("rules.yaml", "registry: [claims]\ninclude: ['**/*.md', 'data/**/*.yaml']\n")
    hooked.write("data/faq.yaml", f"answer: {BAD}")
    assert run_cli("check", "data/faq.yaml").exit_code == 1


def snapshot_of_this_project(target: Path) -> str:
    """A git repository holding this working tree as it is now (committed or not), which
    pre-commit can clone as `repo:`. Returns the commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
        env=ORIGINAL_ENV,
    ).stdout
    snapshot = GitRepo.init(target)
    for name in filter(None, listed.decode().split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return snapshot.commit("snapshot of kalypso-lint")


@pytest.mark.slow
def test_published_hook_installs_and_blocks_with_language_python(
    git_repo: GitRepo, tmp_path_factory: pytest.TempPathFactory, monkeypatch: Any
) -> None:
    # pre-commit pip-installs kalypso-lint and spaCy into its own environment. Reuse the
    # user's pip cache (only the cache: HOME and everything else stay isolated).
    cache = subprocess.run(
        [sys.executable, "-m", "pip", "cache", "dir"],
        capture_output=True,
        text=True,
        env=ORIGINAL_ENV,
    ).stdout.strip()
    if cache:
        monkeypatch.setenv("PIP_CACHE_DIR", cache)
    source = tmp_path_factory.mktemp("kalypso-lint-src")
    rev = snapshot_of_this_project(source)
    config = yaml.safe_dump(
        {"repos": [{"repo": str(source), "rev": rev, "hooks": [{"id": "kalypso-lint"}]}]}
    )
    install_hook(git_repo, config)
    started = time.monotonic()
    git_repo.run(sys.executable, "-m", "pre_commit", "install-hooks")
    installed = time.monotonic() - started
    print(f"\npre-commit built the language: python environment in {installed:.1f} s")
    git_repo.write("content/page.md", BAD)
    refused_status, refused = commit(git_repo, "add a page", "content/page.md")
    assert refused_status != 0
    assert "content/page.md:1:1: KL101" in refused
    git_repo.write("content/page.md", CLEAN)
    accepted_status, accepted = commit(git_repo, "add a page", "content/page.md")
    assert accepted_status == 0, accepted
    # A malformed registry no longer goes in unchecked ("(no files to check)Skipped").
    git_repo.write("claims/main.yaml", "- id: [broken\n")
    refused_status, refused = commit(git_repo, "a registry file", "claims/main.yaml")
    assert refused_status != 0
    assert "kalypso-lint: error: claims/main.yaml:1: invalid YAML" in refused
