"""Loading the registry from YAML files or folders, with errors that name file:line."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kalypso_lint.discover import Zones, display_path
from kalypso_lint.errors import RegistryError
from kalypso_lint.fileio import read_regular, safe_resolve
from kalypso_lint.registry.model import Entry, RegistryFile, share_field_sets
from kalypso_lint.yamlio import (
    LineDict,
    LineList,
    NotStreamable,
    YamlProblem,
    describe_first_error,
    describe_validation_error,
    line_of,
    load_yaml_bytes,
    stream_yaml_bytes,
)

REGISTRY_SUFFIXES = (".yaml", ".yml")


class LineMap(Mapping[str, int]):
    """Lines of a mapping's keys, held compactly: one is kept per registry entry and per
    source, and a dict of int objects cost about a kilobyte per entry (issue 15). The key
    order is shared between mappings of the same shape; lines are offsets from `base`."""

    __slots__ = ("_base", "_keys", "_offsets")

    def __init__(self, keys: tuple[str, ...], base: int, offsets: bytes | tuple[int, ...]):
        self._keys = keys
        self._base = base
        self._offsets = offsets

    @classmethod
    def of(cls, lines: Mapping[str, int], base: int, shapes: dict[Any, Any]) -> LineMap:
        keys = tuple(lines)
        keys = shapes.setdefault(keys, keys)
        offsets = tuple(line - base for line in lines.values())
        if all(0 <= offset < 256 for offset in offsets):
            return cls(keys, base, bytes(offsets))
        return cls(keys, base, offsets)

    def __getitem__(self, key: str) -> int:
        try:
            return self._base + self._offsets[self._keys.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"LineMap({dict(self)!r})"


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
    files: int = 0  # files read, entries or not (init's example holds only comments)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def __post_init__(self) -> None:
        self._by_id = {entry.id: entry for entry in self.entries}

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(sorted({term for e in self.entries for group in e.match for term in group}))


def registry_files(paths: list[Path], base: Path | None = None) -> list[Path]:
    """The YAML files of `paths`. A file found in a folder that is a symbolic link leading
    out of that folder and of the project folder `base` (cwd by default) is refused, as
    pages are (issue 15); a file named itself is the user's choice and is read."""
    project = (base or Path.cwd()).resolve()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            zones = Zones.of([path], project, follow_external=False)
            for found in sorted(path.rglob("*")):
                if found.suffix not in REGISTRY_SUFFIXES or not found.is_file():
                    continue
                if zones.refusal(found, safe_resolve(found)) is not None:
                    raise RegistryError(
                        "a symbolic link to a file outside the registry folder and the "
                        "project; not read (name the file itself in `registry:` or with "
                        "--registry to read it)",
                        display_path(found, Path.cwd().resolve()),
                    )
                files.append(found)
        elif path.is_file():
            files.append(path)
        else:
            raise RegistryError("registry path not found", str(path))
    return files


def is_registry_name(file: Path) -> bool:
    return file.suffix.lower() in REGISTRY_SUFFIXES


def not_a_registry_file(file: Path, shown: str) -> RegistryError:
    """A file named as the registry (`--registry index.md`) that is not one: saying so helps
    more than the YAML parser's view of a Markdown page."""
    kind = f"this {file.suffix} file" if file.suffix else "this file"
    return RegistryError(
        "not a registry file: a registry is YAML files (.yaml or .yml) holding a `claims:` "
        f"list, and {kind} is not one; to check it as copy, pass it as a path to check, "
        "not as the registry",
        shown,
    )


def load_registry(
    paths: list[Path], display: dict[Path, str] | None = None, base: Path | None = None
) -> Registry:
    """Load every registry file under `paths`; raises RegistryError on the first problem.

    `base` is the project folder (the configuration's, else cwd) for `registry_files`.
    """
    entries: list[Entry] = []
    locations: dict[str, Located] = {}
    digest = hashlib.sha256()
    files = registry_files(paths, base)
    for file in files:
        shown = (display or {}).get(file) or display_path(file, Path.cwd().resolve())
        try:
            raw = read_regular(file)
        except OSError as exc:
            raise RegistryError(f"cannot read: {exc.strerror}", shown) from None
        digest.update(shown.encode() + b"\0" + raw + b"\0")
        try:
            loaded = _load_file(raw, shown)
        except RegistryError:
            if is_registry_name(file):
                raise
            raise not_a_registry_file(file, shown) from None
        for entry, located in loaded:
            if entry.id in locations:
                first = locations[entry.id]
                raise RegistryError(
                    f"duplicate claim id {entry.id!r} (first defined at {first.path}:{first.line})",
                    shown,
                    located.line,
                )
            locations[entry.id] = located
            entries.append(entry)
    return Registry(entries, locations, digest.hexdigest(), len(files))


def _load_file(raw: bytes, shown: str) -> list[tuple[Entry, Located]]:
    """Entries are validated one by one as the `claims` list is read, so neither the YAML
    tree nor the data of the whole file is ever held (issue 15); what only the whole-text
    loader handles (anchors, aliases, tags) goes there. Errors are the same either way."""
    streamed = _StreamedFile(shown)
    try:
        data = stream_yaml_bytes(raw, "claims", streamed.take)
    except NotStreamable:
        return _load_whole_file(raw, shown)
    except YamlProblem as problem:
        raise RegistryError(problem.message, shown, problem.line) from None
    return streamed.finish(data)


class _StreamedFile:
    """The entries of one file as they come, or its first invalid entry and the count of
    problems, so the message is the one validating the whole file at once would give."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.loaded: list[tuple[Entry, Located]] = []
        self.first_bad: tuple[int, int, object, ValidationError] | None = None
        self.problems = 0
        self.taken = 0
        self.shapes: dict[Any, Any] = {}  # key orders shared by the entries' LineMaps
        self.field_sets: dict[frozenset[str], set[str]] = {}

    def take(self, index: int, line: int, item: object) -> None:
        self.taken += 1
        try:
            entry = Entry.model_validate(item)
        except ValidationError as error:
            self.problems += error.error_count()
            if self.first_bad is None:
                self.first_bad = (index, line, item, error)
                self.loaded = []
            return
        if self.first_bad is None:
            entry = share_field_sets(entry, self.field_sets)
            self.loaded.append((entry, _locate(self.shown, item, line, self.shapes)))

    def finish(self, data: object) -> list[tuple[Entry, Located]]:
        if data is None:
            return []
        if not isinstance(data, dict):
            raise RegistryError(
                "a registry file must be a mapping with a `claims:` list", self.shown, 1
            )
        if not self.taken:  # no list was handed over: `data` is the whole file
            return _validate_whole(data, self.shown)
        try:
            RegistryFile.model_validate(data)  # the top level, its `claims` list emptied
            top: list[ErrorDetails] = []
        except ValidationError as error:
            top = error.errors()
        if self.first_bad is None and not top:
            return self.loaded
        # pydantic reports the fields in their order (version, claims), then unknown keys
        fields = list(RegistryFile.model_fields)
        before = [e for e in top if e["loc"][0] in fields[: fields.index("claims")]]
        count = len(top) + self.problems
        if before or self.first_bad is None:
            message, loc = describe_first_error((before or top)[0], count)
            raise RegistryError(message, self.shown, line_of(data, loc))
        index, item_line, item, invalid = self.first_bad
        first = invalid.errors()[0]
        first["loc"] = ("claims", index, *first["loc"])
        message, loc = describe_first_error(first, count)
        line = line_of(item, loc[2:], start=item_line)
        entry_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(entry_id, str):
            message = f"claim {entry_id!r}: {message}"
        raise RegistryError(message, self.shown, line)


def _load_whole_file(raw: bytes, shown: str) -> list[tuple[Entry, Located]]:
    try:
        data = load_yaml_bytes(raw)
        del raw  # the text is no longer needed while entries are validated
    except YamlProblem as problem:
        raise RegistryError(problem.message, shown, problem.line) from None
    if data is None:
        return []
    if not isinstance(data, dict):
        raise RegistryError("a registry file must be a mapping with a `claims:` list", shown, 1)
    return _validate_whole(data, shown)


def _validate_whole(data: dict[str, object], shown: str) -> list[tuple[Entry, Located]]:
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
    shapes: dict[Any, Any] = {}
    field_sets: dict[frozenset[str], set[str]] = {}
    return [
        (share_field_sets(entry, field_sets), _locate(shown, raw, line, shapes))
        for entry, raw, line in zip(parsed.claims, claims, claims.item_lines, strict=False)
    ]


def _locate(shown: str, raw: object, line: int, shapes: dict[Any, Any] | None = None) -> Located:
    if not isinstance(raw, LineDict):
        return Located(shown, line)
    shapes = {} if shapes is None else shapes
    sources = raw.get("sources")
    source_lines: list[Mapping[str, int]] = []
    if isinstance(sources, LineList):
        for item, item_line in zip(sources, sources.item_lines, strict=False):
            keys = item.key_lines if isinstance(item, LineDict) else {}
            source_lines.append(LineMap.of({"": item_line, **keys}, line, shapes))
    return Located(shown, line, LineMap.of(raw.key_lines, line, shapes), tuple(source_lines))


def _entry_id_at(data: dict[str, object], error: ValidationError) -> str | None:
    loc = error.errors()[0]["loc"]
    claims = data.get("claims")
    if len(loc) < 2 or loc[0] != "claims" or not isinstance(loc[1], int):
        return None
    if isinstance(claims, list) and loc[1] < len(claims) and isinstance(claims[loc[1]], dict):
        value = claims[loc[1]].get("id")
        return value if isinstance(value, str) else None
    return None
