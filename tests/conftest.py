"""Shared fixtures: files in tmp_path, the real CLI, and a guard against real network access."""

from __future__ import annotations

import json
import socket
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from gitrepo import GitRepo, isolate_home
from pytest_httpserver import HTTPServer

from kalypso_lint.cli import app

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any connection beyond this machine fails the test loudly instead of hanging or passing."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in LOCAL_HOSTS and not host.startswith("/"):
            raise AssertionError(f"test tried to reach the network: {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets its own results cache folder (issue 7), so no test reads another's
    results or writes one into the repository."""
    monkeypatch.setenv("KALYPSO_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def _running_server() -> Iterator[HTTPServer]:
    """A threaded HTTP server on 127.0.0.1, one per test module (stopping one takes 0.5 s);
    the module's own fixture clears its handlers around each test."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("a/page.md", text) creates tmp_path/a/page.md with dedented text."""

    def _write(name: str, text: str = "", *, dedent: bool = True, raw: bytes | None = None) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke the real click app in-process, from a given working directory."""

    def _run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return _run


MIGRAINE_REGISTRY = """\
claims:
  - id: migraine-us-prevalence
    statement: About 39 million people in the US live with migraine.
    value: 39000000
    unit: people
    match:
      - [migraine, migraines]
      - [us, u.s., united states, americans, american]
    sources:
      - title: Migraine facts
        url: https://migraineresearchfoundation.org/about-migraine/migraine-facts/
    reviewed: 2026-11-01
    expires: 2027-11-01
    status: approved
  - id: relief-study
    statement: In the study, 88% of patients reported relief.
    value: 88
    unit: percent
    match:
      - [study, trial]
      - [relief]
    sources:
      - title: An example study
        doi: 10.1000/example.1
    reviewed: 2026-11-01
    status: approved
"""


@pytest.fixture
def project(write: Callable[..., Path], tmp_path: Path) -> Path:
    """A small content project: rules.yaml, a claims/ registry, and an empty content/ folder."""
    write("rules.yaml", "registry: [claims]\ninclude: ['**/*.md', '**/*.html', '**/*.txt']\n")
    write("claims/migraine.yaml", MIGRAINE_REGISTRY, dedent=False)
    (tmp_path / "content").mkdir()
    return tmp_path


# The codes the real-page precision tests of issue 13 look at by default.
PRECISION_CODES = ("KL201", "KL205", "KL206")
PageCodes = Callable[..., list[str]]


@pytest.fixture
def page_codes(
    run_cli: Callable[..., Result], project: Path, write: Callable[..., Path]
) -> PageCodes:
    """The codes of a one-page check under `sells: <sells>` (services unless told), kept to
    `codes` (the real-page precision tests of issue 13)."""

    def _codes(
        text: str, sells: str = "services", codes: tuple[str, ...] = PRECISION_CODES
    ) -> list[str]:
        write(
            "rules.yaml",
            f"registry: [claims]\ninclude: ['**/*.md', '**/*.html']\nsells: {sells}\n",
        )
        write("content/page.md", text)
        result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
        assert result.exit_code in (0, 1), result.output
        return [f["code"] for f in json.loads(result.output)["findings"] if f["code"] in codes]

    return _codes


@pytest.fixture
def git_repo(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> GitRepo:
    """The `project` as a git repository with one commit, HOME and git config isolated."""
    isolate_home(monkeypatch, tmp_path_factory.mktemp("isolated"))
    repo = GitRepo.init(project)
    repo.commit("the project")
    monkeypatch.chdir(project)
    return repo


@pytest.fixture
def lint_lines(
    run_cli: Callable[..., Result], project: Path, write: Callable[..., Path]
) -> Callable[[list[str]], dict[str, set[str]]]:
    """Each sentence's KL2xx/KL3xx codes, from one run over a page of one sentence a paragraph
    (the medical claim-form tests of rounds 7 and 8)."""

    def run(sentences: list[str]) -> dict[str, set[str]]:
        write("content/page.md", "\n\n".join(sentences) + "\n", dedent=False)
        result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
        assert result.exit_code in (0, 1), result.output
        by_line: dict[int, set[str]] = {}
        for finding in json.loads(result.output)["findings"]:
            if finding["code"].startswith(("KL2", "KL3")):
                by_line.setdefault(finding["line"], set()).add(finding["code"])
        return {s: by_line.get(2 * i + 1, set()) for i, s in enumerate(sentences)}

    return run
