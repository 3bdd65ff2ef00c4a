"""`registry scaffold`: draft registry entries for the claims nothing in the registry matches.

Nobody starts with a registry (issue 9). A draft takes its figure from the claim, its
statement from the sentence, and proposes `match` groups from the sentence's key terms: the
topic (the term most of the drafted sentences share, or the name of an existing registry
file) and the two terms nearest the figure. Drafts have no sources and `status: draft`, so
they support nothing until a reviewer sources and approves them.

Registry files are written by people, so an existing file is never re-serialised: new
entries are appended as YAML text after the last item of its `claims:` list, and every other
byte (comments, order, quoting) stays as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from kalypso_lint.errors import RegistryError
from kalypso_lint.figures import normalise_unit
from kalypso_lint.fileio import read_regular
from kalypso_lint.models import Claim, Verdict
from kalypso_lint.registry.load import REGISTRY_SUFFIXES, Registry
from kalypso_lint.registry.model import Entry, RegistryFile, normalise_term
from kalypso_lint.yamlio import YamlProblem, describe_validation_error, load_yaml_text

MAX_GROUPS = 3  # the topic and the two terms nearest the figure
FALLBACK_TOPIC = "claims"  # id of a draft whose sentence has no key term
GENERAL_TOPIC = "general"  # file of drafts whose topic no other draft shares
NEW_FILE_HEADER = (
    "# Claims registry entries drafted by `kalypso-lint registry scaffold` from the copy.\n"
    "# A draft supports nothing: check the figure against a source, reword the statement,\n"
    "# add sources and a `reviewed` date, then set `status: approved`.\n"
    "version: 1\n"  # the format's header, as docs/registry.md writes a file
)

TermsOf = Callable[[Claim], list[str]]


@dataclass(frozen=True)
class Draft:
    """A proposed registry entry and the claim it was drafted from."""

    id: str
    topic: str
    statement: str
    value: float | None
    range: tuple[float, float] | None
    unit: str | None
    kind: str | None
    match: tuple[tuple[str, ...], ...]
    origin: Claim


@dataclass(frozen=True)
class Skipped:
    """A claim left out because an entry (or an earlier draft) already states it."""

    claim: Claim
    duplicate_of: str


@dataclass(frozen=True)
class Plan:
    drafts: tuple[Draft, ...]
    skipped: tuple[Skipped, ...]
    covered: int  # claims some registry entry already matches (any status)


@dataclass(frozen=True)
class Written:
    path: Path
    line: int
    draft: Draft


def slug(text: str) -> str:
    """kebab-case ASCII: "U.S." -> "us", "Ménière's" -> "menieres"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.lower().replace(".", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _figure_key(
    value: float | None, bounds: tuple[float, float] | None, unit: str | None
) -> tuple[object, ...]:
    return (value, bounds, normalise_unit(unit))


def _entry_key(entry: Entry) -> tuple[object, ...]:
    terms = frozenset(normalise_term(t) for group in entry.match for t in group)
    return (*_figure_key(entry.value, entry.range, entry.unit), entry.kind, terms)


def _draft_key(draft: Draft) -> tuple[object, ...]:
    terms = frozenset(t for group in draft.match for t in group)
    return (*_figure_key(draft.value, draft.range, draft.unit), draft.kind, terms)


def _choose_topic(terms: list[str], known_topics: set[str], frequency: Counter[str]) -> str:
    for term in terms:  # nearest first: an existing file named after a term wins
        if slug(term) in known_topics:
            return term
    if not terms:
        return FALLBACK_TOPIC
    return max(terms, key=lambda t: (frequency[t], -terms.index(t)))


def plan_drafts(
    verdicts: Sequence[Verdict],
    registry: Registry,
    terms_of: TermsOf,
    known_topics: Iterable[str] = (),
) -> Plan:
    """Drafts for the unsupported claims no entry matches, in the order of the verdicts.
    Only figures of class `claim` are drafted (not prices, doses, instructions, names).

    A topic only one draft has is no topic: such drafts go to the `general` file, unless a
    registry file is already named after their topic.
    """
    topics = {slug(t) for t in known_topics}
    pending = [
        v.claim
        for v in verdicts
        if v.verdict == "unsupported" and v.reason == "no-entry" and v.claim.figure_class == "claim"
    ]
    covered = sum(1 for v in verdicts if v.registry_id)
    terms = {id(claim): terms_of(claim) for claim in pending}
    frequency: Counter[str] = Counter()
    for sentence_terms in {c.sentence: terms[id(c)] for c in pending}.values():
        frequency.update(set(sentence_terms))
    seen: dict[tuple[object, ...], str] = {_entry_key(e): e.id for e in registry.entries}
    taken = {e.id for e in registry.entries}
    drafts: list[Draft] = []
    skipped: list[Skipped] = []
    for claim in pending:
        draft = _draft_for(claim, terms[id(claim)], topics, frequency, taken)
        key = _draft_key(draft)
        if key in seen:
            skipped.append(Skipped(claim, seen[key]))
            continue
        seen[key] = draft.id
        taken.add(draft.id)
        drafts.append(draft)
    per_topic = Counter(draft.topic for draft in drafts)
    drafts = [
        draft
        if per_topic[draft.topic] > 1 or draft.topic in topics
        else replace(draft, topic=GENERAL_TOPIC)
        for draft in drafts
    ]
    return Plan(tuple(drafts), tuple(skipped), covered)


def _draft_for(
    claim: Claim,
    terms: list[str],
    topics: set[str],
    frequency: Counter[str],
    taken: set[str],
) -> Draft:
    """`terms` come most telling first (extract.keyterms.claim_terms): the named treatment
    and condition, a medical claim's own phrase, then the words nearest the figure. Each is
    one match group of its own: a term finds its inflections, so no plural is listed."""
    topic = _choose_topic(terms, topics, frequency)
    chosen = [topic, *[t for t in terms if t != topic][: MAX_GROUPS - 1]] if terms else []
    base = "-".join(s for s in (slug(t) for t in chosen) if s) or FALLBACK_TOPIC
    if claim.category != "numeric":
        base = f"{base}-{slug(claim.kind)}"
    entry_id, number = base, 2
    while entry_id in taken:
        entry_id, number = f"{base}-{number}", number + 1
    numeric = claim.category == "numeric"
    return Draft(
        id=entry_id,
        topic=slug(topic) or FALLBACK_TOPIC,
        statement=claim.sentence or claim.text,
        value=claim.value if numeric and not claim.is_range else None,
        range=(claim.low or 0.0, claim.high or 0.0) if numeric and claim.is_range else None,
        unit=_unit_of(claim) if numeric else None,
        kind=None if numeric else claim.kind,
        match=tuple((t,) for t in chosen) or ((claim.text.lower(),),),
        origin=claim,
    )


# The unit a figure without one is about, from its kind: "aged 35 to 45" counts years.
_UNIT_OF_KIND = {"age": "years", "percent": "percent", "fraction": "percent"}


def _unit_of(claim: Claim) -> str:
    return claim.unit or _UNIT_OF_KIND.get(claim.kind, "count")


# --- writing: YAML text appended to what reviewers wrote, never a re-serialisation ---------


def _scalar(value: object, flow: bool = False) -> str:
    """One YAML scalar as it reads after `key: ` (or inside `[...]` when `flow`), quoted only
    when YAML needs it, on one line however long."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if flow:
        dumped = yaml.safe_dump(
            [value], default_flow_style=True, width=2**31 - 1, allow_unicode=True
        )
        return dumped.strip()[1:-1]
    dumped = yaml.safe_dump({"k": value}, width=2**31 - 1, allow_unicode=True)
    return dumped[len("k: ") :].rstrip("\n")


def entry_lines(draft: Draft, indent: int) -> list[str]:
    """The draft as the lines of one block-sequence item whose dash is at column `indent`."""
    pad, inner = " " * indent, " " * (indent + 2)
    claim = draft.origin
    lines = [f"{pad}- id: {draft.id}", f"{inner}statement: {_scalar(draft.statement)}"]
    if draft.value is not None:
        lines.append(f"{inner}value: {_scalar(draft.value)}")
    if draft.range is not None:
        low, high = (_scalar(bound, flow=True) for bound in draft.range)
        lines.append(f"{inner}range: [{low}, {high}]")
    if draft.unit is not None:
        lines.append(f"{inner}unit: {_scalar(draft.unit)}")
    if draft.kind is not None:
        lines.append(f"{inner}kind: {_scalar(draft.kind)}")
    lines.append(f"{inner}match:")
    lines.extend(
        f"{inner}  - [{', '.join(_scalar(t, flow=True) for t in group)}]" for group in draft.match
    )
    lines.append(f"{inner}sources: []")
    lines.append(f"{inner}status: draft")
    note = (
        f"Drafted by kalypso-lint registry scaffold from {claim.path}:{claim.span.line} "
        f'("{claim.text}").'
    )
    lines.append(f"{inner}notes: {_scalar(note)}")
    return lines


def _content_end(node: yaml.Node) -> int:
    """Where the last value inside a block node ends (block nodes' own end marks run on
    past trailing comments and blank lines, which must stay where they are)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1])
    end: int = node.end_mark.index
    return end


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (a block scalar ends on one)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def append_entries(text: str, drafts: Sequence[Draft], shown: str) -> tuple[str, list[int]]:
    """`text` with the drafts appended to its `claims:` list, and the line of each new id."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise RegistryError(f"cannot append drafts, not valid YAML: {exc}", shown) from None
    cut = (0, 0)  # text to drop: a null or empty flow list that the new items replace
    header = ""
    indent = 2
    value = None
    if root is not None:
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            raise RegistryError("cannot append drafts: the file is not a block mapping", shown)
        value = next((v for k, v in root.value if k.value == "claims"), None)
    if value is None:
        at, header = len(text), "claims:\n"
    elif (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")) or (
        isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value
    ):
        cut = (value.start_mark.index, value.end_mark.index)
        at = _after_line(text, value.end_mark.index)
    elif isinstance(value, yaml.SequenceNode) and not value.flow_style:
        indent = value.start_mark.column
        at = _after_line(text, _content_end(value))
    else:
        raise RegistryError(
            "cannot append drafts: `claims:` must be a block list (one `- id:` item per entry)",
            shown,
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    before = text[: cut[0]] + text[cut[1] : at]
    if before and not before.endswith("\n"):
        before += newline
    added: list[str] = [header.rstrip("\n")] if header else []
    # Entries already set apart by blank lines get new ones set apart the same way.
    spaced = re.search(r"\n[ \t]*\r?\n[ \t]*- ", text) is not None
    starts: list[int] = []
    for draft in drafts:
        if spaced:
            added.append("")
        starts.append(len(added))
        added.extend(entry_lines(draft, indent))
    first = before.count("\n") + 1
    result = before + newline.join(added) + newline + text[at:]
    _check_loads(result, shown)
    return result, [first + start for start in starts]


def _check_loads(text: str, shown: str) -> None:
    try:
        data = load_yaml_text(text)
        RegistryFile.model_validate(data or {})
    except YamlProblem as problem:
        message = f"appending drafts would break the file: {problem.message}"
        raise RegistryError(message, shown, problem.line) from None
    except ValidationError as error:
        message, line = describe_validation_error(error, data)
        message = f"appending drafts would break the file: {message}"
        raise RegistryError(message, shown, line) from None


def target_files(target: Path, drafts: Sequence[Draft]) -> dict[Path, list[Draft]]:
    """Which file each draft goes to: one per topic in a folder, or the one file given."""
    if target.suffix in REGISTRY_SUFFIXES and not target.is_dir():
        return {target: list(drafts)} if drafts else {}
    grouped: dict[Path, list[Draft]] = {}
    for draft in drafts:
        path = target / f"{draft.topic}.yaml"
        if not path.exists() and (target / f"{draft.topic}.yml").exists():
            path = target / f"{draft.topic}.yml"
        grouped.setdefault(path, []).append(draft)
    return dict(sorted(grouped.items()))


def existing_topics(target: Path) -> list[str]:
    if not target.is_dir():
        return []
    return sorted(p.stem for p in target.iterdir() if p.suffix in REGISTRY_SUFFIXES)


def prepare_writes(
    target: Path, drafts: Sequence[Draft], display: Callable[[Path], str]
) -> tuple[dict[Path, str], list[Written]]:
    """Every file's new text (checked to load) before anything is written."""
    texts: dict[Path, str] = {}
    written: list[Written] = []
    for path, group in target_files(target, drafts).items():
        if path.exists():
            try:
                raw = read_regular(path)
            except OSError as exc:
                raise RegistryError(f"cannot read: {exc.strerror or exc}", display(path)) from None
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise RegistryError("not valid UTF-8", display(path)) from None
            bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        else:
            text, bom = NEW_FILE_HEADER, ""
        new_text, lines = append_entries(text, group, display(path))
        texts[path] = bom + new_text
        written.extend(Written(path, line, draft) for line, draft in zip(lines, group, strict=True))
    return texts, written
