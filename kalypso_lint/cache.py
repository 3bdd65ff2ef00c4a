"""The results cache: a file's FileResult, kept on disk and reused while nothing it depends
on has changed (issue 7). A warm run reads, hashes and decodes; it never imports spaCy.

A result depends on the file's bytes and reported path, and on the run: the registry, the
settings and phrase rules, --select/--ignore, kalypso-lint's own code and data, spaCy's
version, and the date only through which registry entries are stale on it
(Verifier.date_state). The run's part is hashed once into a namespace (a folder); each file's
entry is named by the hash of the namespace, its path and its content, and kept in the
subfolder named by that hash's first two digits.

Entries are JSON (never pickle: a cache folder can come from anywhere, a committed one
included), written to a temporary file and renamed into place, so concurrent runs never see
half an entry. A reader treats anything it cannot fully verify (header, checksum, key,
shape) as a miss. The folder carries CACHEDIR.TAG and a .gitignore, like ruff's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import types
from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from kalypso_lint import __version__
from kalypso_lint.models import FileResult

CACHE_DIR_ENV = "KALYPSO_LINT_CACHE_DIR"
DEFAULT_FOLDER = ".kalypso-lint-cache"
FORMAT = 2  # bump when the entry layout changes (2: entries sharded by key, issue 16)
KEEP_NAMESPACES = 8  # most recently used run configurations kept; older ones are removed
_MAGIC = "kalypso-lint-cache"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by kalypso-lint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_PACKAGE = Path(__file__).resolve().parent
_FORMAT_FOLDER = re.compile(r"v\d+")


@dataclasses.dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    written: int = 0
    problem: str | None = None  # why the cache could not be used, if it could not


# -- keys ----------------------------------------------------------------------------------
def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode() if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


@cache
def tool_fingerprint() -> str:
    """kalypso-lint's version, code and data, spaCy's version and Python's: results made by
    another build of any of them are not reused (an editable install changes code in place)."""
    files = sorted(
        p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".yaml", ".json") and p.is_file()
    )
    parts: list[str | bytes] = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for path in files:
        parts += [path.relative_to(_PACKAGE).as_posix(), path.read_bytes()]
    spec = find_spec("spacy")  # finds the package without importing it
    about = Path(spec.origin).parent / "about.py" if spec and spec.origin else None
    parts.append(about.read_bytes() if about and about.is_file() else b"spacy?")
    return digest(*parts)


def namespace_for(run: dict[str, Any]) -> str:
    """The namespace of a run, from everything besides the file that shapes a result."""
    text = json.dumps(run, sort_keys=True, default=str, separators=(",", ":"))
    return digest(f"format {FORMAT}", tool_fingerprint(), text)


def file_key(namespace: str, display: str, content: bytes) -> str:
    return digest(namespace, display, hashlib.sha256(content).digest())


# -- encoding FileResult as JSON ---------------------------------------------------------------
def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, (frozenset, set)):
        return sorted(_encode(item) for item in value)
    return value


Decoder = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


@cache
def _decoder(kind: Any) -> Decoder:
    """A function rebuilding a value of type `kind` from its JSON form, from the type hints
    of the models, so a field added to them needs no change here."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = get_type_hints(kind)
        fields = dataclasses.fields(kind)
        # Only the fields that need work: most are strings and numbers, kept as they are.
        plan = [
            (i, d) for i, f in enumerate(fields) if (d := _decoder(hints[f.name])) is not _identity
        ]
        count, cls = len(fields), kind

        def build(value: Any) -> Any:
            if len(value) != count:
                raise ValueError("entry does not match the models")
            for index, decode in plan:
                value[index] = decode(value[index])
            return cls(*value)

        return build
    origin, args = get_origin(kind), get_args(kind)
    if origin in (tuple, list, frozenset):
        item = _decoder(args[0])
        container = {tuple: tuple, list: list, frozenset: frozenset}[origin]
        if item is _identity:
            return container
        return lambda value: container([item(v) for v in value])
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            inner = _decoder(options[0])
            return lambda value: None if value is None else inner(value)
    return _identity  # str, int, float, bool, Literal, Any: JSON keeps them as they are


def encode_result(result: FileResult) -> str:
    return json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"))


def decode_result(text: str) -> FileResult:
    result: FileResult = _decoder(FileResult)(json.loads(text))
    return result


# -- the folder ------------------------------------------------------------------------------
class ResultsCache:
    """One run's view of the cache folder: entries of its namespace."""

    def __init__(self, root: Path, namespace: str) -> None:
        self.root = root
        self.namespace = namespace
        self.folder = root / f"v{FORMAT}" / namespace
        self.stats = CacheStats()
        try:
            _prepare(root)
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.utime(self.folder)  # most recently used: kept by prune()
        except OSError as exc:
            self.stats.problem = f"cannot use {root}: {exc.strerror or exc}"

    @property
    def usable(self) -> bool:
        return self.stats.problem is None

    def _entry(self, key: str) -> Path:
        # Sharded by the key's first two hex digits (256 subfolders), as git does with its
        # objects, so 100,000 entries never sit in one directory (issue 16).
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The stored result, or None for a missing, partial or corrupt entry."""
        result = self._read(key) if self.usable else None
        if result is None:
            self.stats.misses += 1
        else:
            self.stats.hits += 1
        return result

    def _read(self, key: str) -> FileResult | None:
        try:
            text = self._entry(key).read_text(encoding="utf-8")
            header, _, body = text.partition("\n")
            magic, version, stored_key, checksum = header.split(" ")
            if (magic, version, stored_key) != (_MAGIC, str(FORMAT), key):
                return None
            if hashlib.sha256(body.encode()).hexdigest() != checksum:
                return None
            return decode_result(body)
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, IndexError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store atomically (temporary file, then rename); a failure only costs the entry."""
        if not self.usable:
            return
        body = encode_result(result)
        checksum = hashlib.sha256(body.encode()).hexdigest()
        text = f"{_MAGIC} {FORMAT} {key} {checksum}\n{body}"
        for _ in range(2):
            try:
                _write_atomic(self._entry(key), text)
                self.stats.written += 1
                return
            except FileNotFoundError:  # a new shard, or the namespace pruned by another run
                with contextlib.suppress(OSError):
                    self._entry(key).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError:
                return

    def prune(self) -> None:
        """Remove the namespaces of all but the most recently used run configurations."""
        if not self.usable:
            return
        try:
            spaces = [p for p in self.folder.parent.iterdir() if p.is_dir()]
            spaces.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in spaces[KEEP_NAMESPACES:]:
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True)
        # Folders of other entry formats (v1 before sharding) can never be read again.
        with contextlib.suppress(OSError):
            for other in self.root.iterdir():
                if _FORMAT_FOLDER.fullmatch(other.name) and other.name != f"v{FORMAT}":
                    shutil.rmtree(other, ignore_errors=True)


def _prepare(root: Path) -> None:
    """Create the folder with its tag and .gitignore (once; concurrent runs may race)."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name, text in (
        ("CACHEDIR.TAG", _TAG),
        (".gitignore", "# Created by kalypso-lint: this folder is a cache.\n*\n"),
    ):
        if not (root / name).exists():
            _write_atomic(root / name, text)


def _write_atomic(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def resolve_cache_dir(option: Path | None, configured: Path | None, base_dir: Path) -> Path:
    """--cache-dir, else $KALYPSO_LINT_CACHE_DIR, else `cache-dir` in the configuration, else
    .kalypso-lint-cache/ next to the configuration (the current folder without one)."""
    if option is not None:
        return option
    from_env = os.environ.get(CACHE_DIR_ENV)
    if from_env:
        return Path(from_env)
    return configured if configured is not None else base_dir / DEFAULT_FOLDER
