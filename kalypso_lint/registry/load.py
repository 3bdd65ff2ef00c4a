"""Loading the registry from YAML files or folders, with errors that name file:line."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kalypso_lint.discover import display_path
from kalypso_lint.errors import RegistryError
from kalypso_lint.fileio import read_regular
from kalypso_lint.registry.model import Entry, RegistryFile
from kalypso_lint.yamlio import (
    LineDict,
    LineList,
    YamlProblem,
    describe_validation_error,
    load_yaml_bytes,
)

REGISTRY_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Located:
    """Where an entry was written: registry file (as displayed) and the line of its `id`.

    `key_lines` gives the line of each of the entry's keys and `source_lines` the line of each
    source (`""`) and of its keys, so a finding about one field can point at that field.
    """

    path: str
    line: int
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    source_lines: tuple[Mapping[str, int], ...] = field(default=(), compare=False)

    def line_of(self, key: str) -> int:
        """The line of the entry's `key`, or of the entry when the key is absent."""
        return self.key_lines.get(key, self.line)

    def source_line(self, index: int, key: str = "") -> int:
        """The line of `key` in the entry's source number `index` (the source itself for "")."""
        if index >= len(self.source_lines):
            return self.line_of("sources")
        lines = self.source_lines[index]
        return lines.get(key) or lines.get("") or self.line_of("sources")


@dataclass
class Registry:
    entries: list[Entry] = field(default_factory=list)
    locations: dict[str, Located] = field(default_factory=dict)
    digest: str = ""

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def __post_init__(self) -> None:
        self._by_id = {entry.id: entry for entry in self.entries}

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(sorted({term for e in self.entries for group in e.match for term in group}))


def registry_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*")) if p.suffix in REGISTRY_SUFFIXES and p.is_file()
            )
        elif path.is_file():
            files.append(path)
        else:
            raise RegistryError("registry path not found", str(path))
    return files


def load_registry(paths: list[Path], display: dict[Path, str] | None = None) -> Registry:
    """Load every registry file under `paths`; raises RegistryError on the first problem."""
    entries: list[Entry] = []
    locations: dict[str, Located] = {}
    digest = hashlib.sha256()
    for file in registry_files(paths):
        shown = (display or {}).get(file) or display_path(file, Path.cwd().resolve())
        try:
            raw = read_regular(file)
        except OSError as exc:
            raise RegistryError(f"cannot read: {exc.strerror}", shown) from None
        digest.update(shown.encode() + b"\0" + raw + b"\0")
        for entry, located in _load_file(raw, shown):
            if entry.id in locations:
                first = locations[entry.id]
                raise RegistryError(
                    f"duplicate claim id {entry.id!r} (first defined at {first.path}:{first.line})",
                    shown,
                    located.line,
                )
            locations[entry.id] = located
            entries.append(entry)
    return Registry(entries, locations, digest.hexdigest())


def _load_file(raw: bytes, shown: str) -> list[tuple[Entry, Located]]:
    try:
        data = load_yaml_bytes(raw)
        del raw  # the text is no longer needed while entries are validated
    except YamlProblem as problem:
        raise RegistryError(problem.message, shown, problem.line) from None
    if data is None:
        return []
    if not isinstance(data, dict):
        raise RegistryError("a registry file must be a mapping with a `claims:` list", shown, 1)
    try:
        parsed = RegistryFile.model_validate(data)
    except ValidationError as error:
        message, line = describe_validation_error(error, data)
        entry_id = _entry_id_at(data, error)
        if entry_id:
            message = f"claim {entry_id!r}: {message}"
        raise RegistryError(message, shown, line) from None
    claims = data.get("claims") if isinstance(data, LineDict) else None
    if not isinstance(claims, LineList):
        return [(entry, Located(shown, 1)) for entry in parsed.claims]
    return [
        (entry, _locate(shown, raw, line))
        for entry, raw, line in zip(parsed.claims, claims, claims.item_lines, strict=False)
    ]


def _locate(shown: str, raw: object, line: int) -> Located:
    if not isinstance(raw, LineDict):
        return Located(shown, line)
    sources = raw.get("sources")
    source_lines: list[Mapping[str, int]] = []
    if isinstance(sources, LineList):
        for item, item_line in zip(sources, sources.item_lines, strict=False):
            keys = dict(item.key_lines) if isinstance(item, LineDict) else {}
            source_lines.append({"": item_line, **keys})
    return Located(shown, line, dict(raw.key_lines), tuple(source_lines))


def _entry_id_at(data: dict[str, object], error: ValidationError) -> str | None:
    loc = error.errors()[0]["loc"]
    claims = data.get("claims")
    if len(loc) < 2 or loc[0] != "claims" or not isinstance(loc[1], int):
        return None
    if isinstance(claims, list) and loc[1] < len(claims) and isinstance(claims[loc[1]], dict):
        value = claims[loc[1]].get("id")
        return value if isinstance(value, str) else None
    return None
