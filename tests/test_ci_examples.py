"""The GitHub Action, the example workflows and the README snippet.

GitHub itself cannot run here. These tests read action.yml the way the runner would and run
its shell steps with bash as Actions does (`bash --noprofile --norc -eo pipefail`), with
the step's `env:` evaluated, in a real shallow clone of a pull request. The `uses:` steps
(setup-python, upload-sarif) and the pip install of the package are not run; the install
step's output is this interpreter's `bin` folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MIGRAINE_REGISTRY, REPO_ROOT
from gitrepo import GitRepo, isolate_home
from jsonschema import Draft4Validator
from junitparser import JUnitXml

ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("id", step.get("name")): step for step in ACTION["runs"]["steps"]}
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
SCHEMA = json.loads((REPO_ROOT / "tests/data/sarif-schema-2.1.0.json").read_text())
BAD = "Over 70% of clients felt calmer after one session.\n"
WORSE = "Over 80% of clients slept better.\n"
CLEAN = "Book a consultation with our nurses.\n"


def evaluate(value: str, context: dict[str, str]) -> str:
    """The little of the expression language the action uses: `${{ name.path }}` lookups."""
    return EXPRESSION.sub(lambda match: context[match.group(1)], str(value))


class Runner:
    """Runs the action's bash steps in `workdir` like the Actions runner, keeping outputs."""

    def __init__(self, workdir: Path, temp: Path, inputs: dict[str, str]) -> None:
        self.workdir = workdir
        self.temp = temp
        self.summary = temp / "step-summary.md"
        self.context = {"github.action_path": str(REPO_ROOT)}
        self.context.update({"github.event.pull_request.base.sha": inputs.get("base", "")})
        for name, spec in ACTION["inputs"].items():
            default = evaluate(spec.get("default", ""), self.context)
            self.context[f"inputs.{name}"] = inputs.get(name, default)
        self.context["steps.install.outputs.bin"] = str(Path(sys.executable).parent)

    def run(self, step_id: str) -> subprocess.CompletedProcess[str]:
        step = STEPS[step_id]
        assert step["shell"] == "bash"
        outputs = self.temp / f"{step_id}.outputs"
        outputs.write_text("")
        env = dict(os.environ)
        env.update({k: evaluate(v, self.context) for k, v in step.get("env", {}).items()})
        env.update(
            GITHUB_OUTPUT=str(outputs),
            GITHUB_STEP_SUMMARY=str(self.summary),
            RUNNER_TEMP=str(self.temp),
            GITHUB_ACTION_PATH=str(REPO_ROOT),
        )
        script = self.temp / f"{step_id}.sh"
        script.write_text(step["run"])
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        for line in outputs.read_text().splitlines():
            key, _, value = line.partition("=")
            self.context[f"steps.{step_id}.outputs.{key}"] = value
        return done

    def output(self, step_id: str, name: str) -> str:
        return self.context.get(f"steps.{step_id}.outputs.{name}", "")


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[GitRepo, str]:
    """An upstream repository whose `feature` branch changes pages since `main` (returned:
    the upstream and main's commit, the pull request's base)."""
    isolate_home(monkeypatch, tmp_path / "home")
    upstream = GitRepo.init(tmp_path / "upstream")
    upstream.write("rules.yaml", "registry: [claims]\n")
    upstream.write("claims/migraine.yaml", MIGRAINE_REGISTRY)
    upstream.write("content/old.md", BAD)  # an existing problem the pull request does not touch
    upstream.write("content/ok.md", CLEAN)
    base = upstream.commit("main")
    upstream.git("switch", "--quiet", "-c", "feature")
    return upstream, base


def shallow_clone(upstream: GitRepo, target: Path) -> GitRepo:
    """What actions/checkout does by default: one commit of the pull request's branch."""
    subprocess.run(
        [
            "git",
            "clone",
            "--quiet",
            "--depth=1",
            "--branch=feature",
            upstream.path.as_uri(),
            target,
        ],
        check=True,
        capture_output=True,
    )
    return GitRepo(target)


def test_action_is_composite_and_keeps_inputs_out_of_scripts() -> None:
    assert ACTION["runs"]["using"] == "composite"
    uses = [step["uses"].split("@")[0] for step in ACTION["runs"]["steps"] if "uses" in step]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], f"expression inside run: of {step['name']}"
    upload = STEPS["Upload SARIF to code scanning"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    assert "steps.check.outputs.sarif-file != ''" in upload["if"]
    for output in ACTION["outputs"].values():
        assert output["value"].startswith("${{ steps.check.outputs.")


def test_action_checks_only_the_pull_requests_pages(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, base = pull_request
    upstream.write("content/ok.md", CLEAN + "\n" + WORSE)
    upstream.write("content/new.md", BAD)
    upstream.write("tools/build.py", "print('Over 90% done')\n")
    upstream.commit("the pull request")
    clone = shallow_clone(upstream, tmp_path / "checkout")
    runner = Runner(clone.path, tmp_path, {"base": base})
    done = runner.run("check")
    assert done.returncode == 0, done.stderr  # the step records the code; a later step fails
    assert clone.git("rev-parse", "--is-shallow-repository").strip() == "false"  # deepened
    assert runner.output("check", "exit-code") == "1"
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert [line.split(",")[0] for line in annotations] == [
        "::error file=content/new.md",
        "::error file=content/ok.md",
    ]
    sarif = json.loads((clone.path / runner.output("check", "sarif-file")).read_text())
    Draft4Validator(SCHEMA).validate(sarif)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    ]
    assert uris == ["content/new.md", "content/ok.md"]
    summary = runner.summary.read_text()
    assert "### content/new.md" in summary and "old.md" not in summary
    assert Path(runner.output("check", "markdown-file")).read_text() == summary
    failed = runner.run("Fail on findings")
    assert failed.returncode == 1
    assert "::error title=kalypso-lint::findings" in failed.stdout
    # `paths` narrows the run further (space- or newline-separated).
    narrowed = Runner(clone.path, tmp_path, {"base": base, "paths": " content/new.md\ntools "})
    done = narrowed.run("check")
    assert [line.split(",")[0] for line in done.stdout.splitlines()] == [
        "::error file=content/new.md"
    ]


def test_action_passes_a_pull_request_without_new_problems(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, base = pull_request
    # The pull request writes above a figure that was already on main: with new-only, that
    # old figure is not this pull request's problem.
    upstream.write("content/old.md", "# Visit us\n\nA warm new introduction.\n\n" + BAD)
    upstream.commit("an introduction")
    clone = shallow_clone(upstream, tmp_path / "checkout")
    runner = Runner(
        clone.path, tmp_path, {"base": base, "new-only": "true", "annotations": "false"}
    )
    done = runner.run("check")
    assert runner.output("check", "exit-code") == "0", done.stdout + done.stderr
    assert "No findings in 1 file." in done.stdout  # the text report when annotations are off
    sarif = json.loads((clone.path / runner.output("check", "sarif-file")).read_text())
    assert sarif["runs"][0]["results"] == []
    assert runner.run("Fail on findings").returncode == 0


def test_action_reports_a_configuration_error_and_fails_with_it(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, _ = pull_request
    clone = shallow_clone(upstream, tmp_path / "checkout")
    runner = Runner(clone.path, tmp_path, {"base": "", "baseline": "missing.json"})
    done = runner.run("check")
    assert runner.output("check", "exit-code") == "2"
    assert "missing.json: baseline file not found" in done.stderr
    assert runner.output("check", "sarif-file") == ""  # nothing to upload
    failed = runner.run("Fail on findings")
    assert failed.returncode == 2
    assert "could not check (exit 2)" in failed.stdout


def test_action_paths_over_several_lines_may_hold_spaces(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, _ = pull_request
    upstream.write("content/my pages/new.md", BAD)
    upstream.write("content/my/other.md", WORSE)  # what splitting at the space would name
    upstream.commit("a folder with a space")
    clone = shallow_clone(upstream, tmp_path / "checkout")
    # `paths: |` in a workflow: one path per line, whatever spaces it holds.
    runner = Runner(clone.path, tmp_path, {"base": "", "paths": "content/my pages\n"})
    done = runner.run("check")
    assert runner.output("check", "exit-code") == "1", done.stdout + done.stderr
    assert [line.split(",")[0] for line in done.stdout.splitlines()] == [
        "::error file=content/my pages/new.md"
    ]


def test_action_base_may_be_a_branch_name_fetched_from_origin(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, _ = pull_request
    upstream.write("content/new.md", BAD)
    upstream.commit("the pull request")
    clone = shallow_clone(upstream, tmp_path / "checkout")  # no `main` in the checkout
    runner = Runner(clone.path, tmp_path, {"base": "main"})
    done = runner.run("check")
    assert runner.output("check", "exit-code") == "1", done.stdout + done.stderr
    assert [line.split(",")[0] for line in done.stdout.splitlines()] == [
        "::error file=content/new.md"
    ]


def test_action_says_new_only_is_ignored_without_a_base(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, _ = pull_request
    clone = shallow_clone(upstream, tmp_path / "checkout")
    runner = Runner(clone.path, tmp_path, {"base": "", "new-only": "true"})
    done = runner.run("check")
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning")]
    assert len(warnings) == 1 and "new-only is ignored" in warnings[0]
    assert runner.output("check", "exit-code") == "1"  # old.md's finding is reported


def test_action_installs_with_the_constraints_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for the runner's python (and the venv's) that records how pip was asked;
    # the real install needs the network.
    tools, calls = tmp_path / "tools", tmp_path / "calls.txt"
    tools.mkdir()
    stub = tools / "python"
    stub.write_text(
        "#!/bin/bash\n"
        f'echo "$*" >> "{calls}"\n'
        'if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python"; fi\n'
    )
    stub.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    for constraints, expected in (("", []), ("ci/constraints.txt", ["--constraint"])):
        calls.write_text("")
        runner = Runner(tmp_path, tmp_path, {"constraints": constraints})
        done = runner.run("install")
        assert done.returncode == 0, done.stderr
        pip = calls.read_text().splitlines()[-1].split()
        assert pip[:2] == ["-m", "pip"] and pip[-1] == str(REPO_ROOT)
        assert [a for a in pip if a == "--constraint"] == expected
        if constraints:
            assert pip[pip.index("--constraint") + 1] == constraints


def test_example_workflow_uses_the_actions_inputs() -> None:
    workflow = yaml.safe_load((REPO_ROOT / "examples/ci/github-workflow.yml").read_text())
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["kalypso-lint"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    ours = next(s for s in steps if s.get("uses", "").startswith("kalypso-lint/kalypso-lint@"))
    assert set(ours.get("with", {})) <= set(ACTION["inputs"])
    comment = next(s for s in steps if s.get("name") == "Comment on the pull request")
    assert comment["env"]["REPORT"] == "${{ steps.kalypso.outputs.markdown-file }}"
    assert "markdown-file" in ACTION["outputs"]


def test_gitlab_example_runs_on_a_merge_request(
    pull_request: tuple[GitRepo, str], tmp_path: Path
) -> None:
    upstream, base = pull_request
    upstream.write("content/new.md", BAD)
    upstream.commit("merge request")
    job = yaml.safe_load((REPO_ROOT / "examples/ci/gitlab-ci.yml").read_text())["kalypso-lint"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["artifacts"]["when"] == "always"
    clone = tmp_path / "mr"
    subprocess.run(
        ["git", "clone", "--quiet", "--branch=feature", upstream.path.as_uri(), clone],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", "\n".join(job["script"])],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1  # findings fail the job; artifacts are kept (when: always)
    assert "content/new.md:1:1: KL101" in done.stdout and "old.md" not in done.stdout
    (suite,) = list(JUnitXml.fromfile(str(clone / job["artifacts"]["reports"]["junit"])))
    assert [case.name for case in suite] == ["content/new.md"]
    assert (clone / "kalypso-lint.md").read_text().startswith("## kalypso-lint report")


def test_readme_pre_commit_snippet_names_the_published_hook() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    snippet = next(yaml.safe_load(b) for b in blocks if "pre-commit" in b or "repos:" in b)
    (repo,) = snippet["repos"]
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in repo["hooks"]} <= {h["id"] for h in hooks}
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    workflow = next(yaml.safe_load(b) for b in blocks if "kalypso-lint/kalypso-lint@" in b)
    steps = workflow["jobs"]["kalypso-lint"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert workflow["permissions"]["security-events"] == "write"
