"""Safe YAML loading that remembers line numbers, so every error can name file:line.

Used for the claims registry and rules.yaml. Only PyYAML's SafeLoader constructors run (no
Python object tags); duplicate keys are errors; alias expansion is bounded ("billion laughs").
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kalypso_lint.fileio import read_regular

MAX_EXPANDED_NODES = 2_000_000
# libyaml's parser when PyYAML was built with it: the same results, ten times faster.
_PlainLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


class _LineLoader(_PlainLoader):  # type: ignore[valid-type,misc]
    """libyaml's parser and composer (C) with our line-aware constructors (issue 15: the
    pure-Python composer took 67 s for a 20 MB registry)."""

    # Set when the text has no anchors or aliases, so no node is shared: each node's memo
    # entry and the node itself can then go as soon as it is built, and the composed tree
    # shrinks while the data grows instead of both being held at once.
    release_nodes = False


def _built(loader: _LineLoader, node: Node) -> Any:
    value = loader.construct_object(node, deep=True)
    if loader.release_nodes:
        loader.constructed_objects.pop(node, None)
    return value


def _construct_mapping(loader: _LineLoader, node: MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    pairs = node.value
    if loader.release_nodes:
        node.value = []  # the pairs are released one by one below
    for index, (key_node, value_node) in enumerate(pairs):
        if loader.release_nodes:
            pairs[index] = None
        key = _built(loader, key_node)
        try:
            hash(key)
        except TypeError:
            line = key_node.start_mark.line + 1
            raise YamlProblem("a mapping key must be a plain value", line) from None
        if key in result:
            raise YamlProblem(
                f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                key_node.start_mark.line + 1,
            )
        result[key] = _built(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: SequenceNode) -> LineList:
    result = LineList()
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    children = node.value
    if loader.release_nodes:
        node.value = []
    for index, child in enumerate(children):
        if loader.release_nodes:
            children[index] = None
        result.append(_built(loader, child))
    return result


def _construct_timestamp(loader: _LineLoader, node: ScalarNode) -> object:
    """An impossible date (2026-13-40) stays text, so validation can name its field and line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _construct_int(loader: _LineLoader, node: ScalarNode) -> object:
    """An integer too long for Python to convert (over 4,300 digits) stays text, so
    validation names its field and line instead of the run ending in an internal error."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _expanded_size(node: Node, memo: dict[int, int], depth: int = 0) -> int:
    """Node count with aliases expanded, memoised so the count itself stays linear."""
    if id(node) in memo:
        return memo[id(node)]
    if depth > 500:
        raise YamlProblem("YAML nested too deeply", node.start_mark.line + 1)
    if isinstance(node, ScalarNode):
        size = 1
    elif isinstance(node, SequenceNode):
        size = 1 + sum(_expanded_size(child, memo, depth + 1) for child in node.value)
    elif isinstance(node, MappingNode):
        size = 1 + sum(
            _expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1)
            for k, v in node.value
        )
    else:
        size = 1
    memo[id(node)] = size
    if size > MAX_EXPANDED_NODES:
        raise YamlProblem(
            "YAML expands to too many nodes (aliases nested too deeply?)", node.start_mark.line + 1
        )
    return size


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    line = text.count("\n", 0, max(exc.position, 0)) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
    return YamlProblem(f"invalid YAML: character {character:#x} is not allowed", line)


@contextmanager
def _yaml_problems(text: str | None, source: str | bytes | None = None) -> Iterator[None]:
    """YAML errors as YamlProblem with their line (in `source`, the text by default); the
    cyclic collector paused meanwhile.

    Loading builds millions of small acyclic objects; the cyclic garbage collector would
    rescan all of them again and again as they accumulate (half the load time on a 20 MB
    registry), for no garbage. It runs again as usual once loading is done.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    except yaml.reader.ReaderError as exc:  # control characters (libyaml, while parsing)
        if text is None:
            raise NotStreamable from None  # the whole-text loader names the line
        raise _reader_problem(exc, text) from None
    except yaml.MarkedYAMLError as exc:
        raise _marked_problem(exc, text if source is None else source) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}", None) from None
    except RecursionError:
        raise YamlProblem("YAML nested too deeply", None) from None
    finally:
        if collecting:
            gc.enable()


# What PyYAML's context names, when the problem is that it was not closed: the problem is then
# reported where it opens (the context mark), worded for a reviewer.
_OPENED = {
    "while scanning a quoted scalar": "a quoted string starting here",
    "while parsing a quoted scalar": "a quoted string starting here",
    "while parsing a flow sequence": "a list opened with '[' here",
    "while parsing a flow mapping": "a mapping opened with '{' here",
}
_SECOND_DOCUMENT = "expected a single document in the stream"


def _marked_problem(exc: yaml.MarkedYAMLError, source: str | bytes | None = None) -> YamlProblem:
    """A whole sentence (PyYAML's context and problem) at the line a reader should look at.

    PyYAML finds an unclosed quote or bracket only where the text ends or the next key
    begins; that is reported where the unclosed thing opens (the context mark). Other
    problems keep their own line, and no line beyond the last one of `source` is reported.
    """
    problem = exc.problem or ""
    last = _last_line(source) if source is not None else None
    found, opened = exc.problem_mark, exc.context_mark
    at_end = "end of stream" in problem or "<stream end>" in problem
    if found is not None and source is not None and last is not None:
        at_end = at_end or found.line + 1 > last or found.index >= len(source)
    mark = found or opened
    what = _OPENED.get(exc.context or "")
    if what and opened is not None and (at_end or found is None or found.line > opened.line):
        mark = opened
        if at_end or found is None:
            sentence = f"{what} is never closed"
        else:
            sentence = f"{what} is not closed before line {found.line + 1} ({problem})"
    elif exc.context == _SECOND_DOCUMENT:
        sentence = "a second YAML document starts here (a second '---'); the file must hold one"
    else:
        sentence = ", ".join(part for part in (exc.context, exc.problem) if part) or "invalid"
    line = mark.line + 1 if mark else None
    if line is not None and last is not None:
        line = min(line, last)
    return YamlProblem(f"invalid YAML: {sentence}", line)


def _last_line(source: str | bytes) -> int:
    newline = "\n" if isinstance(source, str) else b"\n"
    count = source.count(newline)  # type: ignore[arg-type]
    return max(1, count if source.endswith(newline) else count + 1)  # type: ignore[arg-type]


def load_yaml_text(text: str) -> Any:
    """Parse YAML text with line-aware mappings. Raises YamlProblem with the line."""
    try:
        loader = _LineLoader(text)
    except yaml.reader.ReaderError as exc:  # control characters (the Python reader)
        raise _reader_problem(exc, text) from None
    try:
        with _yaml_problems(text):
            node = loader.get_single_node()
            if node is None:
                return None
            if "&" in text or "*" in text:  # only anchors and aliases can expand
                _expanded_size(node, {})
            else:
                loader.release_nodes = True
            return loader.construct_document(node)
    finally:
        loader.dispose()


class NotStreamable(Exception):
    """The text uses what only the whole-document loader handles: anchors, aliases, explicit
    tags, merge keys, deep nesting, several documents, or a character libyaml refuses."""


# Registry entries are a few levels deep; deeper text goes to the whole-document loader,
# which reports "nested too deeply" as before.
MAX_STREAM_DEPTH = 64
# Short scalars (keys, units, statuses, publishers, terms, dates) repeat across entries:
# one shared object each instead of one per occurrence.
_SHARED_MAX_LENGTH = 80
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"


def stream_yaml_bytes(raw: bytes, key: str, on_item: Callable[[int, int, Any], None]) -> Any:
    """Load a YAML mapping whose `key` holds a long sequence, entry by entry (issue 15).

    Each item of that top-level sequence goes to `on_item(index, line, item)` as soon as it
    is built, and is not kept: the returned document holds an empty list there (with its
    line). The data and every error (YamlProblem) are those of `load_yaml_bytes`, in the
    same order: a parse error anywhere wins over a construction problem (duplicate key),
    which is raised only once the whole text has parsed; `on_item` is not called after one.
    Raises NotStreamable for what only `load_yaml_bytes` handles; nothing is kept then.
    """
    try:
        raw.decode("utf-8-sig")  # the same "not valid UTF-8" as load_yaml_bytes
    except UnicodeDecodeError:
        raise YamlProblem("not valid UTF-8", None) from None
    # libyaml reads the bytes in place (and skips a BOM): no text copy of a large file.
    loader = _LineLoader(raw)
    try:
        with _yaml_problems(None, raw):
            return _EventBuilder(loader, key, on_item).document()
    finally:
        loader.dispose()


class _EventBuilder:
    """Builds LineDict / LineList data straight from libyaml's events, without a node tree,
    with the constructors and checks of _LineLoader. (Events are typed Any: libyaml's
    marks are not PyYAML's Mark class, and its events always carry them.)"""

    def __init__(
        self, loader: _LineLoader, key: str, on_item: Callable[[int, int, Any], None]
    ) -> None:
        self.loader = loader
        self.next_event = loader.get_event
        self.resolve = loader.resolve
        self.constructors = loader.yaml_constructors
        self.key = key
        self.on_item = on_item
        self.problem: YamlProblem | None = None
        self.shared: dict[Any, Any] = {}

    def document(self) -> Any:
        self.next_event()  # stream start
        if isinstance(self.next_event(), StreamEndEvent):
            return None
        root = self.node(self.next_event(), 0)
        self.next_event()  # document end
        if not isinstance(self.next_event(), StreamEndEvent):
            raise NotStreamable  # a second document
        if self.problem is not None:
            raise self.problem
        return root

    def fail(self, problem: YamlProblem) -> None:
        if self.problem is None:
            self.problem = problem

    def node(self, event: Any, depth: int, is_key: bool = False, streamed: bool = False) -> Any:
        if event.anchor is not None or depth > MAX_STREAM_DEPTH:  # an alias has one too
            raise NotStreamable
        if event.tag is not None:
            raise NotStreamable
        if isinstance(event, ScalarEvent):
            return self.scalar(event, is_key)
        if isinstance(event, MappingStartEvent):
            return self.mapping(event, depth)
        if isinstance(event, SequenceStartEvent):
            return self.sequence(event, depth, streamed)
        raise NotStreamable

    def scalar(self, event: Any, is_key: bool) -> Any:
        value = event.value
        tag = self.resolve(ScalarNode, value, event.implicit)
        if tag == _STR or (is_key and tag == _VALUE):  # flatten_mapping makes `=` text
            if len(value) <= _SHARED_MAX_LENGTH:
                return self.shared.setdefault(value, value)
            return value
        if tag == _MERGE and is_key:
            raise NotStreamable
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        constructor = self.constructors.get(tag, self.constructors[None])
        try:
            built = constructor(self.loader, node)
        except yaml.MarkedYAMLError as exc:
            self.fail(_marked_problem(exc))
            return None
        if tag == _TIMESTAMP:  # dates are immutable: share equal ones
            return self.shared.setdefault((tag, value), built)
        return built

    def mapping(self, start: Any, depth: int) -> LineDict:
        result = LineDict()
        result.line = start.start_mark.line + 1
        result.key_lines = {}
        while not isinstance(event := self.next_event(), MappingEndEvent):
            key_line = event.start_mark.line + 1
            key = self.node(event, depth + 1, is_key=True)
            problem = None
            try:
                hash(key)
            except TypeError:
                problem = YamlProblem("a mapping key must be a plain value", key_line)
            else:
                if key in result:
                    problem = YamlProblem(
                        f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                        key_line,
                    )
            if problem is not None:
                self.fail(problem)
                self.node(self.next_event(), depth + 1)
                continue
            value_event = self.next_event()
            streamed = depth == 0 and key == self.key  # the top-level list to hand over
            result[key] = self.node(value_event, depth + 1, streamed=streamed)
            result.key_lines[key] = key_line
        return result

    def sequence(self, start: Any, depth: int, streamed: bool) -> LineList:
        result = LineList()
        result.line = start.start_mark.line + 1
        result.item_lines = []
        index = 0
        while not isinstance(event := self.next_event(), SequenceEndEvent):
            line = event.start_mark.line + 1
            item = self.node(event, depth + 1)
            if not streamed:
                result.item_lines.append(line)
                result.append(item)
            elif self.problem is None:
                self.on_item(index, line, item)
            index += 1
        return result


def load_plain_yaml(text: str) -> Any:
    """Safe YAML without line numbers, for our own data files and page front matter."""
    return yaml.load(text, Loader=_PlainLoader)


def read_yaml_file(path: Path) -> Any:
    """Raises OSError (a FIFO or device is NotRegularFile) or YamlProblem."""
    return load_yaml_bytes(read_regular(path))


def load_yaml_bytes(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YamlProblem("not valid UTF-8", None) from None
    return load_yaml_text(text)


def line_of(data: Any, loc: tuple[int | str, ...], start: int | None = None) -> int | None:
    """The line of the deepest element of `loc` that `data` records (`start` for `data`)."""
    line: int | None = getattr(data, "line", None) if start is None else start
    current = data
    for part in loc:
        if isinstance(current, LineDict) and part in current:
            line = current.key_lines.get(part, line)
            current = current[part]
        elif isinstance(current, LineList) and isinstance(part, int) and part < len(current):
            line = current.item_lines[part]
            current = current[part]
        else:
            break
    return line


def describe_first_error(first: ErrorDetails, count: int) -> tuple[str, tuple[int | str, ...]]:
    """One readable message for the first of `count` problems, and its location."""
    loc = tuple(p for p in first["loc"] if not isinstance(p, str) or not p.startswith("function-"))
    field = ""
    for part in loc:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        message = "required key is missing"
    more = count - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{field or 'document'}: {message}{suffix}", loc


def describe_validation_error(error: ValidationError, data: Any) -> tuple[str, int | None]:
    """One readable message for the first problem, and its line."""
    message, loc = describe_first_error(error.errors()[0], error.error_count())
    return message, line_of(data, loc)
