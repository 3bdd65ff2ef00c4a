"""`registry validate`: every problem of the registry, not just the first (issue 14).

Loading for a check stops at the first problem (registry.load streams each file and holds
nothing more); a reviewer fixing a registry wants the whole list at once. This reads each
file whole, validates every entry, and lists each problem as file:line with the field, the
same wording the loader uses. Duplicate ids are checked across files.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kalypso_lint.discover import display_path
from kalypso_lint.errors import RegistryError
from kalypso_lint.figures import unit_doubt
from kalypso_lint.fileio import read_regular
from kalypso_lint.registry.load import (
    Registry,
    is_registry_name,
    not_a_registry_file,
    registry_files,
)
from kalypso_lint.registry.model import Entry, RegistryFile
from kalypso_lint.yamlio import (
    LineDict,
    LineList,
    YamlProblem,
    describe_first_error,
    line_of,
    load_yaml_bytes,
)


def registry_problems(paths: list[Path], base: Path | None = None) -> list[RegistryError]:
    """Every problem found in the registry files under `paths`, in file and line order."""
    problems: list[RegistryError] = []
    first_seen: dict[str, tuple[str, int | None]] = {}
    cwd = Path.cwd().resolve()
    for file in registry_files(paths, base):
        problems.extend(_problems_of(file, display_path(file, cwd), first_seen))
    return problems


def _problems_of(
    file: Path, shown: str, first_seen: dict[str, tuple[str, int | None]]
) -> list[RegistryError]:
    try:
        raw = read_regular(file)
    except OSError as exc:
        return [RegistryError(f"cannot read: {exc.strerror}", shown)]
    found = _text_problems(raw, shown, first_seen)
    if found and not is_registry_name(file):
        return [not_a_registry_file(file, shown)]  # `--registry index.md`
    return found


def _text_problems(
    raw: bytes, shown: str, first_seen: dict[str, tuple[str, int | None]]
) -> list[RegistryError]:
    try:
        data = load_yaml_bytes(raw)
    except YamlProblem as problem:
        return [RegistryError(problem.message, shown, problem.line)]
    if data is None:
        return []
    if not isinstance(data, dict):
        return [RegistryError("a registry file must be a mapping with a `claims:` list", shown, 1)]
    return _file_problems(data, shown, first_seen)


def _file_problems(
    data: dict[str, object], shown: str, first_seen: dict[str, tuple[str, int | None]]
) -> list[RegistryError]:
    found: list[RegistryError] = []
    claims = data.get("claims")
    top = {key: value for key, value in data.items() if key != "claims"}
    top["claims"] = []
    try:
        RegistryFile.model_validate(top)
    except ValidationError as error:
        for detail in error.errors():
            message, loc = describe_first_error(detail, 1)
            found.append(RegistryError(message, shown, line_of(data, loc)))
    if claims is None:
        return found
    if not isinstance(claims, list):
        found.append(RegistryError("claims: Input should be a valid list", shown, 1))
        return found
    lines = claims.item_lines if isinstance(claims, LineList) else [None] * len(claims)
    for index, (item, item_line) in enumerate(zip(claims, lines, strict=False)):
        entry_id = item.get("id") if isinstance(item, dict) else None
        label = f"claim {entry_id!r}: " if isinstance(entry_id, str) else ""
        try:
            Entry.model_validate(item)
        except ValidationError as error:
            for detail in error.errors():
                detail["loc"] = ("claims", index, *detail["loc"])
                message, loc = describe_first_error(detail, 1)
                where = (
                    line_of(item, loc[2:], start=item_line)
                    if isinstance(item, LineDict)
                    else item_line
                )
                found.append(RegistryError(label + message, shown, where))
        if isinstance(entry_id, str):
            if entry_id in first_seen:
                path, line = first_seen[entry_id]
                found.append(
                    RegistryError(
                        f"duplicate claim id {entry_id!r} (first defined at {path}:{line})",
                        shown,
                        item_line,
                    )
                )
            else:
                first_seen[entry_id] = (shown, item_line)
    return found


def unit_warnings(registry: Registry) -> list[str]:
    """file:line of each entry whose unit may not be the one meant (`mg/dl`, `percnt`).

    Warnings only: any word is a valid count noun, so a registry valid before stays valid.
    """
    warnings: list[str] = []
    for entry in registry.entries:
        doubt = unit_doubt(entry.unit) if entry.unit else None
        if doubt is None:
            continue
        located = registry.locations.get(entry.id)
        where = f"{located.path}:{located.line_of('unit')}: " if located else ""
        warnings.append(f"{where}claim {entry.id!r}: {doubt}")
    return warnings
