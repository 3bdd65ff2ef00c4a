"""A real git repository in a temporary folder, driven through the `git` command (tests only)."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest


def isolate_home(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> dict[str, str]:
    """Point HOME, the XDG folders, pre-commit's cache and git's global config into `tmp`,
    and drop GIT_* variables inherited from a calling git hook, so nothing a test runs reads
    or writes the real home or another repository. Returns the resulting environment."""
    for name in list(os.environ):
        if name.startswith("GIT_") or name.startswith("PRE_COMMIT"):
            monkeypatch.delenv(name)
    home = tmp / "home"
    for sub in ("", ".config", ".cache", ".local/share", "pre-commit"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text("", encoding="utf-8")
    settings = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C.UTF-8",
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return dict(os.environ)


class GitRepo:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def init(cls, path: Path) -> GitRepo:
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        repo.git("init", "--quiet", "--initial-branch=main")
        repo.git("config", "user.name", "Kalypso Tester")
        repo.git("config", "user.email", "tester@example.invalid")
        repo.git("config", "commit.gpgsign", "false")
        return repo

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            list(args), cwd=self.path, capture_output=True, text=True, timeout=600
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
            )
        return done

    def git(self, *args: str, check: bool = True) -> str:
        return self.run("git", *args, check=check).stdout

    def write(self, name: str, text: str) -> Path:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def commit(self, message: str = "change", *paths: str) -> str:
        self.git("add", *(paths or ("--all",)))
        self.git("commit", "--quiet", "--no-verify", "-m", message)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()
