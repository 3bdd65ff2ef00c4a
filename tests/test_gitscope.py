"""Diff-aware runs against real git repositories: --staged, --changed-since, --new-only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gitrepo import GitRepo, isolate_home

from kalypso_lint.gitscope import _parse_patch, _unquote

BAD = "Over 70% of clients felt calmer after one session.\n"
WORSE = "Over 80% of clients slept better.\n"
CLEAN = "Book a consultation with our nurses.\n"


def reported(run_cli: Any, *args: str) -> list[tuple[str, int, str]]:
    result = run_cli("check", "-f", "json", "--today", "2026-11-26", *args)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    return [(f["path"], f["line"], f["code"]) for f in report["findings"]]


def test_staged_checks_the_index_not_the_working_tree(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.write("content/page.md", BAD)
    git_repo.git("add", "content/page.md")
    git_repo.write("content/page.md", CLEAN)  # fixed in the working tree, not staged
    assert reported(run_cli, "--staged") == [("content/page.md", 1, "KL101")]
    assert reported(run_cli, "content") == []
    git_repo.git("add", "content/page.md")
    git_repo.write("content/page.md", BAD)  # now the other way round
    assert reported(run_cli, "--staged") == []


def test_staged_checks_only_staged_files_within_the_paths(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.write("content/old.md", BAD)
    git_repo.commit("old page")
    git_repo.write("content/new.md", WORSE)
    git_repo.write("content/unstaged.md", BAD)
    git_repo.write("notes/draft.md", BAD)
    git_repo.git("add", "content/new.md", "notes/draft.md")
    assert reported(run_cli, "--staged") == [
        ("content/new.md", 1, "KL101"),
        ("notes/draft.md", 1, "KL101"),
    ]
    assert reported(run_cli, "--staged", "content") == [("content/new.md", 1, "KL101")]


def test_staged_respects_include_and_exclude(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.write("rules.yaml", "registry: [claims]\nexclude: ['drafts/**']\n")
    git_repo.commit("exclude drafts")
    git_repo.write("drafts/page.md", BAD)
    git_repo.write("content/script.py", "print('Over 70% of clients')\n")
    git_repo.git("add", "--all")
    result = run_cli("check", "--staged")
    assert result.exit_code == 0, result.output
    assert "No findings in 0 files." in result.output


def test_nothing_staged_is_a_clean_run(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.write("content/page.md", BAD)  # changed but not staged
    result = run_cli("check", "--staged")
    assert result.exit_code == 0
    assert "No findings in 0 files." in result.output


def test_staged_before_the_first_commit(
    project: Path, run_cli: Any, tmp_path_factory: pytest.TempPathFactory, monkeypatch: Any
) -> None:
    isolate_home(monkeypatch, tmp_path_factory.mktemp("home"))
    repo = GitRepo.init(project)
    repo.write("content/page.md", CLEAN + BAD)
    repo.git("add", "--all")
    monkeypatch.chdir(project)
    assert reported(run_cli, "--staged", "--new-only") == [("content/page.md", 2, "KL101")]


def test_changed_since_covers_committed_staged_unstaged_and_untracked(
    git_repo: GitRepo, run_cli: Any
) -> None:
    git_repo.write("content/unchanged.md", BAD)
    for name in ("committed", "staged", "unstaged"):
        git_repo.write(f"content/{name}.md", CLEAN)
    base = git_repo.commit("base")
    git_repo.git("switch", "--quiet", "-c", "feature")
    git_repo.write("content/committed.md", BAD)
    git_repo.commit("feature work")
    git_repo.write("content/staged.md", BAD)
    git_repo.git("add", "content/staged.md")
    git_repo.write("content/unstaged.md", BAD)
    git_repo.write("content/untracked.md", BAD)
    paths = {path for path, _, _ in reported(run_cli, "--changed-since", base)}
    assert paths == {
        "content/committed.md",
        "content/staged.md",
        "content/unstaged.md",
        "content/untracked.md",
    }
    # Against a branch name, the merge base is used: main has not moved, same answer.
    assert {p for p, _, _ in reported(run_cli, "--changed-since", "main")} == paths


def test_changed_since_uses_the_merge_base(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.git("switch", "--quiet", "-c", "feature")
    git_repo.write("content/mine.md", BAD)
    git_repo.commit("feature page")
    git_repo.git("switch", "--quiet", "main")
    git_repo.write("content/theirs.md", WORSE)
    git_repo.commit("main moved on")
    git_repo.git("switch", "--quiet", "feature")
    # theirs.md is not on this branch at all; main's later commits are not our changes.
    assert reported(run_cli, "--changed-since", "main") == [("content/mine.md", 1, "KL101")]


def test_registry_change_widens_to_every_file(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.write("content/old.md", CLEAN + BAD)
    base = git_repo.commit("page")
    registry = git_repo.read("claims/migraine.yaml")
    git_repo.write("claims/migraine.yaml", registry.replace("value: 88", "value: 87"))
    # Only the registry changed, yet every page's verdicts may have: all are checked, and
    # --new-only does not hide findings on unchanged lines.
    assert reported(run_cli, "--changed-since", base, "--new-only") == [
        ("content/old.md", 2, "KL101")
    ]


def test_new_only_reports_changed_lines(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.write("content/page.md", BAD + "\n" + CLEAN)
    base = git_repo.commit("page with an old finding")
    git_repo.write("content/page.md", "# Title\n\n" + BAD + "\n" + CLEAN + "\n" + WORSE)
    git_repo.write("content/brand-new.md", BAD)
    expected = [("content/brand-new.md", 1, "KL101"), ("content/page.md", 7, "KL101")]
    assert reported(run_cli, "--changed-since", base, "--new-only") == expected
    assert reported(run_cli, "--new-only", "content") == expected  # against HEAD
    result = run_cli("check", "-f", "json", "--new-only", "content")
    claims = json.loads(result.output)["claims"]
    assert [(c["path"], c["line"]) for c in claims] == [
        ("content/brand-new.md", 1),
        ("content/page.md", 7),
    ]
    git_repo.git("add", "content/page.md")
    git_repo.write("content/page.md", BAD)  # unstaged rewrite: --staged still sees line 7
    assert reported(run_cli, "--staged", "--new-only") == [("content/page.md", 7, "KL101")]


OFF_LABEL_RULES = (
    "registry: [claims]\ninclude: ['**/*.md']\n"
    "off-label:\n  - treatment: [ketamine, ketamine infusions]\n    conditions: [migraine]\n"
)
STORY = (
    "# Stories\n\nAfter my first infusion, my migraines stopped for good. "
    "Ketamine infusions for migraine changed my life.\n\n"
)
DISCLAIMER = "Ketamine infusions for migraine are used off-label. Results may vary.\n"


def test_new_only_judges_a_missing_disclaimer_against_the_base(
    git_repo: GitRepo, run_cli: Any
) -> None:
    git_repo.write("rules.yaml", OFF_LABEL_RULES)
    git_repo.write("content/stories.md", STORY + DISCLAIMER)
    git_repo.write("content/old.md", STORY + "Book today.\n")  # never had its disclaimers
    base = git_repo.commit("a testimonial with its disclaimers, and an old page without")
    assert [path for path, _, _ in reported(run_cli, "content")] == ["content/old.md"] * 2
    # The findings sit on the untouched testimonial line; the deleted disclaimer caused them.
    git_repo.write("content/stories.md", STORY + "Book today.\n")
    # The old page changed elsewhere: its findings were there at the base, so are not new.
    git_repo.write("content/old.md", STORY + "Book today. Call us.\n")
    expected = [("content/stories.md", 3, "KL303"), ("content/stories.md", 3, "KL304")]
    assert sorted(reported(run_cli, "--changed-since", base, "--new-only")) == expected
    assert sorted(reported(run_cli, "--new-only", "content")) == expected
    git_repo.git("add", "content")
    assert sorted(reported(run_cli, "--staged", "--new-only")) == expected
    result = run_cli("check", "--new-only", "--fail-on", "info", "content")
    assert result.exit_code == 1, result.output
    # Renamed in the same change: the base version is found under its old name.
    git_repo.git("mv", "content/stories.md", "content/patients.md")
    renamed = [("content/patients.md", 3, code) for _, _, code in expected]
    assert sorted(reported(run_cli, "--changed-since", base, "--new-only")) == renamed
    git_repo.commit("both pages changed")
    # Nothing changed since: --new-only is quiet about every page (what it is for).
    result = run_cli("check", "--new-only", "--fail-on", "info", "content")
    assert result.exit_code == 0, result.output


def test_new_only_follows_renames_and_odd_file_names(git_repo: GitRepo, run_cli: Any) -> None:
    odd = 'content/na\u00efve "notes"\tdraft.md'
    git_repo.write(odd, BAD + CLEAN * 8)
    git_repo.write("content/moved.md", BAD + CLEAN * 8)
    base = git_repo.commit("pages")
    git_repo.git("mv", "content/moved.md", "content/renamed.md")
    git_repo.write("content/renamed.md", BAD + CLEAN * 8 + WORSE)
    # An added line that starts with "++ " looks like a file header in a patch.
    git_repo.write(odd, "++ note\n" + BAD + CLEAN * 8 + WORSE)
    assert reported(run_cli, "--changed-since", base, "--new-only") == [
        (odd, 11, "KL101"),
        ("content/renamed.md", 10, "KL101"),
    ]


def test_patch_parsing_counts_hunk_lines() -> None:
    patch = (
        b"diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        b"@@ -0,0 +1,2 @@\n+++ looks like a header\n+--- and so does this\n"
        b"@@ -5 +7 @@\n-old\n+new\n\\ No newline at end of file\n"
        b'diff --git "a/\\303\\251t\\303\\251.md" "b/\\303\\251t\\303\\251.md"\n'
        b'--- "a/\\303\\251t\\303\\251.md"\n+++ "b/\\303\\251t\\303\\251.md"\n'
        b"@@ -3,2 +3,0 @@\n-gone\n-gone too\n"
        b"diff --git a/s p.md b/s p.md\n--- a/s p.md\t\n+++ b/s p.md\t\n@@ -1 +1 @@\n-a\n+b\n"
        b"diff --git a/old.md b/new.md\nsimilarity index 100%\n"
        b"rename from old.md\nrename to new.md\n"
        b"diff --git a/dead.md b/dead.md\n--- a/dead.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    assert _parse_patch(patch) == {
        "x.md": frozenset({1, 2, 7}),
        "\u00e9t\u00e9.md": frozenset(),
        "s p.md": frozenset({1}),
        "new.md": frozenset(),
    }
    assert _unquote('"tab\\there \\"q\\""') == 'tab\there "q"'


def test_unknown_ref_is_one_line_and_exit_2(git_repo: GitRepo, run_cli: Any) -> None:
    result = run_cli("check", "--changed-since", "no-such-branch")
    assert result.exit_code == 2
    assert result.output == (
        "kalypso-lint: error: --changed-since: unknown git revision 'no-such-branch'\n"
    )


def test_unrelated_history_is_one_line_and_exit_2(git_repo: GitRepo, run_cli: Any) -> None:
    git_repo.git("checkout", "--quiet", "--orphan", "island")  # keeps the files
    git_repo.write("content/page.md", CLEAN)
    git_repo.commit("unrelated root")
    result = run_cli("check", "--changed-since", "main")
    assert result.exit_code == 2
    assert "'main' and HEAD share no history" in result.output
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize("option", [["--staged"], ["--changed-since", "HEAD"], ["--new-only"]])
def test_outside_a_git_repository_is_exit_2(
    project: Path,
    run_cli: Any,
    option: list[str],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: Any,
) -> None:
    isolate_home(monkeypatch, tmp_path_factory.mktemp("home"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
    result = run_cli("check", *option, cwd=project)
    assert result.exit_code == 2
    assert result.output.startswith(f"kalypso-lint: error: {option[0]} needs a git repository")
    assert "Traceback" not in result.output


def test_staged_and_changed_since_cannot_be_combined(git_repo: GitRepo, run_cli: Any) -> None:
    result = run_cli("check", "--staged", "--changed-since", "HEAD")
    assert result.exit_code == 2
    assert "--staged and --changed-since cannot be combined" in result.output
