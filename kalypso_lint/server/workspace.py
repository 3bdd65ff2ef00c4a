"""What the server knows about the projects it checks: configuration, registry and checker,
loaded once per configuration (per workspace folder, or per nearer rules.yaml, the way
`check` discovers it) and reloaded when one of their files changes on disk.

Every method here runs on the server's one check thread, so projects are built, checked and
replaced one at a time; the values handed back (`Checked`, `Problem`) are immutable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kalypso_lint.config import Config, discover_config, load_config
from kalypso_lint.discover import SourceFile, display_path, glob_match
from kalypso_lint.documents import READERS
from kalypso_lint.errors import KalypsoError
from kalypso_lint.models import Finding, Verdict
from kalypso_lint.pipeline import CheckRequest, FileChecker, check_one, load_run_registry
from kalypso_lint.registry import Registry
from kalypso_lint.registry.load import registry_files
from kalypso_lint.server.positions import LineIndex

# Editors name the languages they send; these are the ones the readers handle.
PAGE_LANGUAGES = frozenset({"markdown", "html", "plaintext"})

Stamp = tuple[str, int | None, int | None]


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _registry_stamps(config: Config) -> tuple[Stamp, ...]:
    """Every registry file and folder: an edit, a new file or a removed one changes these."""
    stamps: list[Stamp] = []
    for path in config.registry_paths():
        stamps.append(_stamp(path))
        if path.is_dir():
            stamps.extend(_stamp(file) for file in registry_files([path]))
    return tuple(stamps)


@dataclass(frozen=True)
class Problem:
    """A configuration or registry that does not load: one diagnostic on the file at fault."""

    path: Path
    line: int | None
    message: str
    kind: str  # "configuration" or "registry"


@dataclass
class Project:
    key: Path  # the configuration file, or the folder when there is none
    config: Config
    registry: Registry
    checker: FileChecker
    signature: tuple[object, ...]


@dataclass(frozen=True)
class Checked:
    """One buffer's result: what was checked (text, version) and what the pipeline decided."""

    uri: str
    version: int | None
    path: Path
    display: str
    text: str
    index: LineIndex
    verdicts: tuple[Verdict, ...]
    findings: tuple[Finding, ...]
    project_key: Path


@dataclass
class _Broken:
    problem: Problem
    signature: tuple[object, ...]
    config: Config | None = None  # loaded, when the registry is what failed

    def unchanged(self, today: date, config_stamp: Stamp | None) -> bool:
        """Nothing it was loaded from has changed: loading again would fail the same way."""
        stamps = _registry_stamps(self.config) if self.config is not None else ()
        return self.signature == (today, config_stamp, *stamps)


@dataclass
class Projects:
    """The loaded projects by key, and the ones that failed to load with why."""

    folders: list[Path] = field(default_factory=list)
    loaded: dict[Path, Project] = field(default_factory=dict)
    broken: dict[Path, _Broken] = field(default_factory=dict)

    def folder_of(self, path: Path) -> Path | None:
        """The innermost workspace folder holding `path`."""
        holding = [f for f in self.folders if f == path or f in path.parents]
        return max(holding, key=lambda f: len(f.parts)) if holding else None

    def forget(self) -> None:
        """Drop everything loaded: the next check loads afresh (a watched file changed)."""
        self.loaded.clear()
        self.broken.clear()

    def problems(self) -> list[Problem]:
        return [broken.problem for broken in self.broken.values()]

    def project_for(self, path: Path) -> Project | Problem:
        """The project that checks `path`, loaded or reloaded as needed.

        Before each check only file stamps are compared (a few stat calls): the
        configuration is parsed again only when its file, a registry file or the date
        changed, so typing stays cheap and an edit saved by another program still counts.
        """
        folder = self.folder_of(path) or path.parent
        try:
            config_path = discover_config(path)
        except KalypsoError as error:
            return self._fail(folder, error, "configuration", folder, ())
        key = config_path or folder
        today = date.today()
        config_stamp = _stamp(config_path) if config_path else None
        project = self.loaded.get(key)
        if project is not None and project.signature == (
            today,
            config_stamp,
            *_registry_stamps(project.config),
        ):
            return project
        broken = self.broken.get(key)
        if broken is not None and broken.unchanged(today, config_stamp):
            return broken.problem
        try:
            config = load_config(config_path) if config_path else Config(base_dir=folder)
        except KalypsoError as error:
            return self._fail(key, error, "configuration", key, (today, config_stamp))
        signature = (today, config_stamp, *_registry_stamps(config))
        try:
            registry = load_run_registry(config)
        except KalypsoError as error:
            return self._fail(key, error, "registry", config_path or path, signature, config)
        checker = FileChecker(config, registry, CheckRequest(today=today))
        project = Project(key, config, registry, checker, signature)
        self.loaded[key] = project
        self.broken.pop(key, None)
        return project

    def _fail(
        self,
        key: Path,
        error: KalypsoError,
        kind: str,
        fallback: Path,
        signature: tuple[object, ...],
        config: Config | None = None,
    ) -> Problem:
        self.loaded.pop(key, None)
        at = Path(error.path).resolve() if error.path else fallback
        if not at.is_file():  # a missing registry folder: point at the configuration
            at = fallback
        problem = Problem(at, error.line, error.message, kind)
        self.broken[key] = _Broken(problem, signature, config)
        return problem

    def display_for(self, path: Path, project: Project) -> str:
        """How findings name the file: relative to the workspace folder (as `check` run from
        it names it), so per-file-ignores match the same way."""
        return display_path(path, self.folder_of(path) or project.config.base_dir)

    def checks(self, path: Path, language: str | None, project: Project) -> bool:
        """Whether `check` would check this file: a page, and not excluded."""
        if path.suffix.lower() not in READERS and language not in PAGE_LANGUAGES:
            return False
        relative = display_path(path, project.config.base_dir.resolve())
        return not any(glob_match(relative, p) for p in project.config.settings.exclude)

    def check(
        self,
        uri: str,
        path: Path,
        text: str,
        version: int | None,
        language: str | None = None,
        encoding: str = "utf-16",
    ) -> Checked | Problem | None:
        """The buffer checked as `kalypso-lint check FILE` would check the saved file; None
        when `check` would not check it at all."""
        project = self.project_for(path)
        if isinstance(project, Problem):
            return project
        if not self.checks(path, language, project):
            return None
        display = self.display_for(path, project)
        source = SourceFile(display, path, blob=_Buffer(text.encode("utf-8")))
        result, findings = check_one(project.checker, source)
        return Checked(
            uri=uri,
            version=version,
            path=path,
            display=display,
            text=text,
            index=LineIndex.of(text, encoding),
            verdicts=result.claims,
            findings=tuple(findings),
            project_key=project.key,
        )

    def project(self, key: Path) -> Project | None:
        return self.loaded.get(key)

    def watched(self) -> Iterable[Path]:
        """Files whose change reloads a project (for logging and tests)."""
        for project in self.loaded.values():
            if project.config.path is not None:
                yield project.config.path
            yield from project.config.registry_paths()


@dataclass(frozen=True)
class _Buffer:
    """An editor's buffer, read by the checker in place of the file on disk."""

    data: bytes

    def read(self) -> bytes:
        return self.data
