"""Token patterns made cheap for spaCy's Matcher: `{LOWER: {IN: [...]}}` as a lexeme flag.

The Matcher checks plain attributes in compiled code, but runs every `IN` set as a Python
call, once per token and predicate (issue 7 measured most of the time of the numeric
component there). Whether a word's lower case is in a set depends only on the word, so it
can be a lexeme flag: spaCy computes a flag once per distinct word (`Vocab.add_flag`) and
the Matcher reads it like IS_ALPHA. Patterns keep their data-file form; this module
rewrites them when a pipeline is built. The rewriting changes no match: a flag holds
exactly where the set predicate would.

spaCy has 45 free flag bits (FLAG19 to FLAG63). Sets are ranked so the ones tested at every
token (a pattern's first step) get bits first; sets left without a bit stay predicates.
Components may ask for a flag of their own (`word_flag`) for a cheap test of a whole Doc.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

from spacy.attrs import LOWER, SHAPE
from spacy.vocab import Vocab

FIRST_FLAG, LAST_FLAG = 19, 63
# The attributes whose value depends on the word alone (lexeme attributes).
_LEXEME_ATTRS = ("LOWER", "ORTH", "SHAPE")

Pattern = list[dict[str, Any]]
_Value = TypeVar("_Value")
SetKey = tuple[str, frozenset[str]]


def lexeme_getters(vocab: Vocab) -> dict[int, Callable[[str], Any]]:
    """The vocab's functions computing lexeme attributes and flags from a word."""
    getters: dict[int, Callable[[str], Any]] = cast(Any, vocab).lex_attr_getters
    return getters


class WordFlag:
    """A flag getter (word -> bool) with the key that identifies it in a vocab."""

    key: tuple[str, frozenset[str]]

    def __call__(self, text: str) -> bool:
        raise NotImplementedError


class _LastWord:
    """Remembers the value for the last word: spaCy asks each flag getter about a new word in
    turn, and a word's shape is slow to compute (Python, per character)."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        self.compute = compute
        self.text: str | None = None
        self.value = ""

    def __call__(self, text: str) -> str:
        if text != self.text:
            self.text = text
            self.value = self.compute(text)
        return self.value


class InSet(WordFlag):
    """Is the word's attribute (lower case, shape, text) in the set?"""

    def __init__(self, key: SetKey, attribute: Callable[[str], str]) -> None:
        self.key = key
        self.attribute = attribute
        self.values = key[1]

    def __call__(self, text: str) -> bool:
        return self.attribute(text) in self.values


def _set_key(attr: str, value: object) -> SetKey | None:
    if attr.upper() not in _LEXEME_ATTRS or not isinstance(value, dict) or len(value) != 1:
        return None
    (predicate, members), *_ = value.items()
    if predicate not in ("IN", "NOT_IN") or not isinstance(members, list):
        return None
    if not all(isinstance(m, str) for m in members):
        return None
    return attr.upper(), frozenset(members)


def _first_steps(pattern: Pattern) -> Iterable[dict[str, Any]]:
    """The steps a match can start with: the first, and those after optional steps."""
    for step in pattern:
        yield step
        if not is_optional(step):
            return


class WordTable(dict[int, _Value]):
    """Word id (ORTH) -> `compute(word id)`, worked out the first time a word is asked for:
    what depends on the word alone, read per token without a Token object (issue 16)."""

    def __init__(self, compute: Callable[[int], _Value]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, orth: int) -> _Value:
        value = self.compute(orth)
        self[orth] = value
        return value


def lower_words(step: dict[str, Any]) -> list[str] | None:
    """The lower-case words a step's `LOWER` condition names (`LOWER: word` or `LOWER: {IN:
    [...]}` of words); None when it names none that way."""
    lower = step.get("LOWER")
    if isinstance(lower, str):
        return [lower]
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        members = lower["IN"]
        if isinstance(members, list) and all(isinstance(word, str) for word in members):
            return members
    return None


def is_optional(step: dict[str, Any]) -> bool:
    """Whether the step may match no token (`?`, `*`, `{0,n}`, `{,n}`); `!` consumes none."""
    op = str(step.get("OP", ""))
    return op in ("?", "*", "!") or op.startswith(("{0", "{,"))


def _flags(vocab: Vocab) -> dict[tuple[str, frozenset[str]], int]:
    return {
        getter.key: flag
        for flag, getter in lexeme_getters(vocab).items()
        if isinstance(getter, WordFlag)
    }


def _free_flags(vocab: Vocab) -> list[int]:
    return [f for f in range(FIRST_FLAG, LAST_FLAG + 1) if f not in lexeme_getters(vocab)]


def _install(vocab: Vocab, flags: list[tuple[int, WordFlag]]) -> None:
    """Set the flags on the words already known (tokenizer exceptions...); spaCy computes
    them for every new word as it first sees it. A set's flag goes straight to the words
    whose attribute (computed by the same getter when spaCy made the word) is in it."""
    lexemes = list(vocab)
    tables: dict[str, dict[str, list[Any]]] = {}
    for flag, getter in flags:
        if isinstance(getter, InSet):
            kind = getter.key[0]
            if kind not in tables:
                tables[kind] = {}
                for lexeme in lexemes:
                    value = getattr(lexeme, f"{kind.lower()}_")
                    tables[kind].setdefault(value, []).append(lexeme)
            for value in getter.values:
                for lexeme in tables[kind].get(value, ()):
                    lexeme.set_flag(flag, True)
        else:
            for lexeme in lexemes:
                if getter(lexeme.orth_):
                    lexeme.set_flag(flag, True)
    for flag, getter in flags:
        lexeme_getters(vocab)[flag] = getter


def word_flag(vocab: Vocab, getter: WordFlag) -> int | None:
    """The flag computed by `getter` (the existing one for its key); None if no bit is free."""
    existing = _flags(vocab).get(getter.key)
    if existing is not None:
        return existing
    free = _free_flags(vocab)
    if not free:
        return None
    _install(vocab, [(free[0], getter)])
    return free[0]


def allocate_flags(
    vocab: Vocab, pattern_groups: Iterable[Sequence[Pattern]], keep_free: int = 0
) -> None:
    """Give the most used `IN` sets of these patterns a lexeme flag each, in `vocab`,
    leaving `keep_free` bits for `word_flag`."""
    first: Counter[SetKey] = Counter()
    anywhere: Counter[SetKey] = Counter()
    order: dict[SetKey, int] = {}
    for patterns in pattern_groups:
        for pattern in patterns:
            starters = {id(step) for step in _first_steps(pattern)}
            for step in pattern:
                for attr, value in step.items():
                    key = _set_key(attr, value)
                    if key is None:
                        continue
                    order.setdefault(key, len(order))
                    anywhere[key] += 1
                    if id(step) in starters:
                        first[key] += 1
    taken = _flags(vocab)
    free = _free_flags(vocab)[: max(len(_free_flags(vocab)) - keep_free, 0)]
    ranked = sorted(order, key=lambda k: (-first[k], -anywhere[k], order[k]))
    getters = lexeme_getters(vocab)
    attribute_of: dict[str, Callable[[str], str]] = {
        "LOWER": getters[LOWER],
        "SHAPE": _LastWord(getters[SHAPE]),
        "ORTH": str,
    }
    new: list[tuple[int, WordFlag]] = []
    for key in ranked:
        if key in taken or not free:
            continue
        new.append((free.pop(0), InSet(key, attribute_of[key[0]])))
    if new:
        _install(vocab, new)


def compile_patterns(vocab: Vocab, patterns: Sequence[Pattern]) -> list[Pattern]:
    """The patterns with every flagged `IN` set replaced by its flag (`{FLAG19: True}`)."""
    flags = _flags(vocab)
    compiled: list[Pattern] = []
    for pattern in patterns:
        steps: Pattern = []
        for step in pattern:
            out: dict[str, Any] = {}
            for attr, value in step.items():
                key = _set_key(attr, value)
                flag = flags.get(key) if key else None
                if flag is None:
                    out[attr] = value
                else:
                    out[f"FLAG{flag}"] = "IN" in value
            steps.append(out)
        compiled.append(steps)
    return compiled
