"""Setting a project up (issue 14): `init`, errors that say what to run, `.gitignore`, our
own outputs never read as pages, --output formats by extension, `registry validate`."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT

PAGE = "Over 70% of clients felt calmer after one session.\n"


def test_init_writes_a_configuration_and_an_example_registry(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "registry: [claims]" in (tmp_path / "rules.yaml").read_text("utf-8")
    assert "#  - id: migraine-us-prevalence" in (tmp_path / "claims" / "example.yaml").read_text(
        "utf-8"
    )
    assert "- id: kalypso-lint" in result.output and "pre-commit install" in result.output
    validated = run_cli("registry", "validate", cwd=tmp_path)
    assert validated.exit_code == 0, validated.output


@pytest.mark.parametrize("existing", ["rules.yaml", ".kalypso-lint.yaml"])
def test_init_never_overwrites_a_configuration(
    tmp_path: Path, run_cli: Any, write: Callable[..., Path], existing: str
) -> None:
    write(existing, "registry: [mine]\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"{existing}: already exists" in result.output and "nothing was written" in result.output
    assert (tmp_path / existing).read_text("utf-8") == "registry: [mine]\n"
    assert not (tmp_path / "claims").exists()


def test_init_with_a_pyproject_configuration_changes_nothing_and_keeps_pyproject(
    tmp_path: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    pyproject = '[project]\nname = "clinic"\n\n[tool.kalypso-lint]\nregistry = ["mine"]\n'
    write("pyproject.toml", pyproject, dedent=False)
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 2
    assert "a configuration already exists in pyproject.toml ([tool.kalypso-lint])" in (
        result.output
    )
    assert "`init` changes nothing" in result.output
    assert "delete" not in result.output
    assert (tmp_path / "pyproject.toml").read_text("utf-8") == pyproject
    assert not (tmp_path / "rules.yaml").exists()


def test_init_keeps_an_existing_registry_folder(
    tmp_path: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    write("claims/mine.yaml", "claims: []\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 0
    assert "kept claims/ as it is" in result.output
    assert sorted(p.name for p in (tmp_path / "claims").iterdir()) == ["mine.yaml"]


def test_a_missing_registry_names_the_default_and_the_fixes(
    tmp_path: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    write("page.md", PAGE)
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    line = result.output.strip()
    assert "claims: registry path not found: with no rules.yaml" in line
    for fix in ("`kalypso-lint init`", "`kalypso-lint registry scaffold`", "--registry PATH"):
        assert fix in line
    configured = tmp_path / "site"
    write("site/rules.yaml", "registry: [facts]\n")
    write("site/page.md", PAGE)
    result = run_cli("check", cwd=configured)
    assert result.exit_code == 2
    assert "set by `registry:` in" in result.output and "registry scaffold" in result.output
    result = run_cli("check", "--registry", "nowhere", cwd=configured)
    assert "(given with --registry)" in result.output


def test_a_missing_config_file_names_init(tmp_path: Path, run_cli: Any) -> None:
    result = run_cli("check", "--config", "absent.yaml", cwd=tmp_path)
    assert result.exit_code == 2 and "`kalypso-lint init`" in result.output


def test_discovery_skips_what_gitignore_ignores(
    project: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    (project / ".git").mkdir()  # the repository root: .gitignore files apply from here
    write(".gitignore", "build/\n*.draft.md\n!keep.draft.md\n")
    write("content/drafts/.gitignore", "secret.md\n")
    for name in (
        "build/page.md",
        "content/a.draft.md",
        "content/keep.draft.md",
        "content/drafts/secret.md",
        "content/drafts/open.md",
        "content/page.md",
    ):
        write(name, PAGE)  # fmt: skip
    result = run_cli("check", "--format", "json", cwd=project)
    paths = {claim["path"] for claim in json.loads(result.output)["claims"]}
    assert paths == {"content/keep.draft.md", "content/drafts/open.md", "content/page.md"}


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "## kalypso-lint report"),
        ("r.txt", "content/page.md:1:1: KL101"),
        ("r.json", '{\n  "version": 1'),
        ("r.sarif", '{\n  "$schema"'),
        ("r.xml", "<?xml"),
    ],
)
def test_output_format_comes_from_the_extension(
    project: Path, run_cli: Any, write: Callable[..., Path], name: str, start: str
) -> None:
    write("content/page.md", PAGE)
    result = run_cli("check", "-o", name, cwd=project)
    assert result.exit_code == 1, result.output
    assert (project / name).read_text("utf-8").startswith(start)


def test_an_unknown_output_extension_is_an_error(
    project: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    write("content/page.md", PAGE)
    result = run_cli("check", "-o", "report.htm1", cwd=project)
    assert result.exit_code == 2
    assert "cannot tell the report format from the extension '.htm1'" in result.output
    assert not (project / "report.htm1").exists()
    assert run_cli("check", "-f", "text", "-o", "report.htm1", cwd=project).exit_code == 1


def test_reports_and_the_cache_are_never_read_as_pages(
    project: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    write("content/page.md", PAGE)
    for name in ("content/r.html", "content/r.md", "content/r.txt"):
        assert run_cli("check", "-o", name, cwd=project).exit_code == 1
    # This run's own output, even when it does not exist yet, and a cache folder inside.
    cache = project / "content" / "cache"
    result = run_cli(
        "check", "--format", "json", "-o", "content/now.txt", "--cache-dir", str(cache),
        cwd=project,
    )  # fmt: skip
    assert result.exit_code == 1
    report = json.loads((project / "content" / "now.txt").read_text("utf-8"))
    assert report["summary"]["files"] == 1
    assert {c["path"] for c in report["claims"]} == {"content/page.md"}
    # A page that merely mentions the tool is still a page.
    write("content/about.md", "We lint our copy with kalypso-lint. Over 80% of it passes.\n")
    result = run_cli("check", "--format", "json", cwd=project)
    assert json.loads(result.output)["summary"]["files"] == 2


def test_registry_validate_lists_every_problem(
    project: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    write(
        "other/bad.yaml",
        """\
        claims:
          - id: Bad_Id
            statement: One.
            value: lots
            match: [[a]]
            status: approved
          - id: fine-one
            statement: Two.
            match: [[b]]
            status: maybe
          - id: migraine-us-prevalence
            statement: Three.
            match: [[c]]
            status: draft
        """,
    )
    result = run_cli("registry", "validate", "--registry", "other", "--registry", "claims",
                     cwd=project)  # fmt: skip
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("kalypso-lint: error")]
    assert [line.split(": ")[2] for line in lines] == [
        "other/bad.yaml:2",
        "other/bad.yaml:4",
        "other/bad.yaml:10",
        "claims/migraine.yaml:2",
    ]
    assert "claims[0].id" in lines[0] and "claims[0].value" in lines[1]
    assert "claims[1].status" in lines[2] and "duplicate claim id" in lines[3]
    assert "4 problems in 2 registry files" in result.output
    # PATHS still work, and a clean registry is OK.
    assert run_cli("registry", "validate", "claims", cwd=project).exit_code == 0
    assert run_cli("registry", "validate", "--registry", "claims", cwd=project).exit_code == 0


def test_init_writes_the_include_globs_the_code_defaults_to(tmp_path: Path, run_cli: Any) -> None:
    from kalypso_lint.config import DEFAULT_INCLUDE

    assert run_cli("init", cwd=tmp_path).exit_code == 0
    written = yaml.safe_load((tmp_path / "rules.yaml").read_text("utf-8"))
    assert written["include"] == DEFAULT_INCLUDE


def test_readme_states_the_default_include_globs_and_the_python_version() -> None:
    from kalypso_lint.config import DEFAULT_INCLUDE

    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    shown = re.search(r"^include: (\[.*?\])", readme, re.MULTILINE)
    assert shown is not None and yaml.safe_load(shown.group(1)) == DEFAULT_INCLUDE
    # The code imports tomllib (Python 3.11+), so pyproject and the README must say 3.11.
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["requires-python"] == ">=3.11"
    assert "Python 3.11+" in readme
