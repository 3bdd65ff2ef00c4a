"""Registry loading: valid files load; every mistake names file, line and field, exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import MIGRAINE_REGISTRY

from kalypso_lint.errors import RegistryError
from kalypso_lint.registry import load_registry

GOOD_ENTRY = """\
claims:
  - id: a-claim
    statement: A statement.
    value: 10
    unit: percent
    match: [[word]]
    sources: [{title: T, url: "https://example.org/a"}]
    status: approved
"""


def test_loads_entries_with_their_lines(write: Callable[..., Path], tmp_path: Path) -> None:
    write("claims/migraine.yaml", MIGRAINE_REGISTRY, dedent=False)
    registry = load_registry([tmp_path / "claims"])
    assert [e.id for e in registry.entries] == ["migraine-us-prevalence", "relief-study"]
    assert registry.locations["relief-study"].line == 15
    assert registry.get("relief-study") is not None
    assert "united states" in registry.terms


@pytest.mark.parametrize(
    ("replace", "by", "line", "fragment"),
    [
        ("    unit: percent\n", "    unit: percent\n    colour: red\n", 6, "colour: unknown key"),
        ("    value: 10\n", "    value: 10\n    range: [1, 2]\n", 2, "value or range, not both"),
        (
            "    status: approved\n",
            "    status: approved\n    reviewed: 2026-13-40\n",
            9,
            "reviewed",
        ),
        ("    status: approved\n", "    status: maybe\n", 8, "status"),
        ("    value: 10\n", "    value: .nan\n", 4, "finite"),
        ("    match: [[word]]\n", "    match: []\n", 6, "match"),
        ('url: "https://example.org/a"', 'url: "ftp://x"', 7, "http(s) URL"),
        ('url: "https://example.org/a"', "publisher: P", 7, "url, doi or pmid"),
        ("  - id: a-claim\n", "  - id: A_Claim\n", 2, "kebab-case"),
        ("    unit: percent\n", "    unit: percent\n    unit: people\n", 6, "duplicate key 'unit'"),
        # where the list opens, not where PyYAML gave up (the next line)
        ("    statement: A statement.\n", "    statement: [unclosed\n", 3, "invalid YAML"),
    ],
)
def test_mistakes_name_file_line_and_field(
    write: Callable[..., Path], tmp_path: Path, replace: str, by: str, line: int, fragment: str
) -> None:
    assert replace in GOOD_ENTRY
    write("claims/bad.yaml", GOOD_ENTRY.replace(replace, by), dedent=False)
    with pytest.raises(RegistryError) as caught:
        load_registry([tmp_path / "claims"])
    error = caught.value
    assert error.path and error.path.endswith("claims/bad.yaml")
    assert error.line == line, str(error)
    assert fragment in str(error)


def test_an_integer_too_long_to_convert_is_a_field_error(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    # over Python's 4,300-digit limit: was an internal error (exit 4)
    write("claims/bad.yaml", GOOD_ENTRY.replace("value: 10", "value: 1" + "0" * 5000), dedent=False)
    with pytest.raises(
        RegistryError, match="value: Value error, must be a finite number"
    ) as caught:
        load_registry([tmp_path / "claims"])
    assert caught.value.line == 4


def test_duplicate_ids_across_files_name_both(write: Callable[..., Path], tmp_path: Path) -> None:
    write("claims/a.yaml", GOOD_ENTRY, dedent=False)
    write("claims/b.yaml", "# second\n" + GOOD_ENTRY, dedent=False)
    with pytest.raises(RegistryError, match=r"duplicate claim id 'a-claim' \(first defined at "):
        load_registry([tmp_path / "claims"])


def test_python_object_tags_are_refused(write: Callable[..., Path], tmp_path: Path) -> None:
    write("claims/evil.yaml", "claims: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(RegistryError, match="invalid YAML"):
        load_registry([tmp_path / "claims"])


def test_alias_bomb_is_refused_quickly(write: Callable[..., Path], tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    write("claims/bomb.yaml", "\n".join(lines) + "\nclaims: *a8\n", dedent=False)
    with pytest.raises(RegistryError, match="too many nodes"):
        load_registry([tmp_path / "claims"])


def test_missing_registry_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="registry path not found"):
        load_registry([tmp_path / "nowhere"])


def test_validate_command_reports_counts_and_errors(
    project: Path, run_cli: Callable[..., object], write: Callable[..., Path]
) -> None:
    result = run_cli("registry", "validate", cwd=project)
    assert result.exit_code == 0, result.output
    assert "registry OK: 2 entries in 1 file (2 approved)" in result.output
    write("claims/bad.yaml", GOOD_ENTRY.replace("    unit: percent\n", ""), dedent=False)
    result = run_cli("registry", "validate", cwd=project)
    assert result.exit_code == 2
    assert "claims/bad.yaml:2: claim 'a-claim': claims[0]: Value error, an entry with a value" in (
        result.output
    )
    assert "Traceback" not in result.output


def test_schema_is_json_schema_of_the_format(run_cli: Callable[..., object]) -> None:
    result = run_cli("schema")
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    entry = schema["$defs"]["Entry"]
    assert {"id", "statement", "match", "status"} <= set(entry["required"])
    assert entry["additionalProperties"] is False


def _schema_errors(run_cli: Callable[..., Any], path: Path) -> list[str]:
    """What the JSON Schema from `kalypso-lint schema` finds wrong in a registry file, read
    as an editor's YAML plugin reads it (dates are strings)."""
    import yaml
    from jsonschema import Draft202012Validator

    schema = json.loads(run_cli("schema").output)
    document = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
    return [error.message for error in Draft202012Validator(schema).iter_errors(document)]


def test_bundled_registry_validates_against_the_schema(run_cli: Callable[..., Any]) -> None:
    files = sorted((Path(__file__).resolve().parent.parent / "claims").glob("*.yaml"))
    assert files
    for path in files:
        assert _schema_errors(run_cli, path) == [], path


@pytest.mark.parametrize(
    ("replace", "by"),
    [
        ("id: a-claim", "id: Has Spaces!"),
        ("id: a-claim", 'id: ""'),
        ("value: 10\n", "value: 10\n    range: [5, 15]\n"),
        ("    unit: percent\n", ""),
        ('    sources: [{title: T, url: "https://example.org/a"}]\n', "    sources: []\n"),
        ('    sources: [{title: T, url: "https://example.org/a"}]\n', ""),
        ("https://example.org/a", "ftp://example.org/a"),
    ],
    ids=[
        "id-not-kebab",
        "id-empty",
        "value-and-range",
        "no-unit",
        "approved-no-sources",
        "approved-sources-missing",
        "url-not-http",
    ],
)
def test_schema_refuses_what_the_loader_refuses(
    write: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., Any], replace: str, by: str
) -> None:
    assert replace in GOOD_ENTRY
    path = write("claims/bad.yaml", GOOD_ENTRY.replace(replace, by), dedent=False)
    with pytest.raises(RegistryError):
        load_registry([tmp_path / "claims"])
    assert _schema_errors(run_cli, path) != []
    assert _schema_errors(run_cli, write("claims/good.yaml", GOOD_ENTRY, dedent=False)) == []


TWO_ENTRIES = GOOD_ENTRY.replace(
    "status: approved\n", "reviewed: 2026-11-01\n    status: approved\n"
) + (
    "  - id: b-claim\n    statement: Another.\n    match: [[w, x]]\n    sources:\n"
    "      - title: T\n        publisher: P\n        url: https://example.org/b\n"
    "        accessed: 2026-10-01\n    status: draft\n"
)


@pytest.mark.parametrize(
    ("replace", "by"),
    [
        ("", ""),
        ("status: draft\n", "status: draft\nversion: 2\n"),
        ("claims:\n", "extra: 1\nclaims:\n"),
        ("status: draft\n", "status: draft\n  - just text\n"),
        ("status: draft", "status: maybe"),
        ("status: approved", "status: maybe\n    colour: red"),
        ("status: draft\n", "status: draft\nextra: 1\nversion: 3\n"),
        ("status: draft\n", "status: maybe\nextra: 1\nversion: 3\n"),
        ("status: draft\n", "status: maybe\nextra: 1\n"),
        ("status: draft\n", "status: draft\nclaims: []\n"),
        ("status: draft\n", "status: draft\nzzz: [\n"),
        ("    value: 10\n", "    value: 10\n    value: 11\n"),
        ("statement: Another.", "statement: Another.\n    statement: again\n    bad: ["),
        ("reviewed: 2026-11-01", "reviewed: 2026-13-40"),
        ("statement: Another.", "statement: ="),
        ("statement: Another.", "? [a]\n    : x"),
        ("status: draft\n", "status: draft\n---\nclaims: []\n"),
        ("- id: b-claim", "- id: a-claim"),
        ("statement: Another.", "notes: " + "[" * 80 + "]" * 80),
        ("Another.", "Ano\x07ther."),
        ("statement: Another.", "statement: Another.\n    value: 1" + "0" * 5000),
        ("claims:\n", "claims: {}\n"),
    ],
)
def test_entry_by_entry_loading_gives_what_the_whole_file_loader_gives(
    write: Callable[..., Path], tmp_path: Path, replace: str, by: str
) -> None:
    # An anchor sends a file to the whole-file loader; without one it is read entry by entry
    # (issue 15). Entries, their lines and every error must be the same either way.
    text = TWO_ENTRIES.replace(replace, by, 1) if replace else TWO_ENTRIES
    results = []
    for streamed in (True, False):
        body = text if streamed else text.replace("unit: percent", "unit: &u percent", 1)
        write("claims/a.yaml", body, dedent=False)
        try:
            registry = load_registry([tmp_path / "claims"])
        except RegistryError as error:
            results.append(("error", str(error), error.line))
            continue
        results.append(
            (
                "ok",
                [entry.model_dump() for entry in registry.entries],
                [
                    (loc.path, loc.line, dict(loc.key_lines), [dict(s) for s in loc.source_lines])
                    for loc in registry.locations.values()
                ],
            )
        )
    assert results[0] == results[1]


BLOOD_PRESSURE = """\
claims:
  - id: bp-adults
    statement: About 48% of adults have high blood pressure.
    value: 48
    unit: {unit}
    match: [[high blood pressure]]
    sources: [{{title: Facts, url: "https://example.org/bp"}}]
    status: approved
"""


@pytest.mark.parametrize("unit", ["percentage", "pct", "per cent"])
def test_common_spellings_of_percent_check_a_percentage(
    unit: str, write: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    write("claims/bp.yaml", BLOOD_PRESSURE.format(unit=unit), dedent=False)
    write("page.md", "About 48% of adults have high blood pressure.\n")
    result = run_cli("check", "page.md", "-f", "json", "--no-cache", cwd=tmp_path)
    claims = json.loads(result.output)["claims"]
    assert [(c["verdict"], c["registry_id"]) for c in claims] == [("supported", "bp-adults")]


@pytest.mark.parametrize(
    ("unit", "says"),
    [("percnt", "did you mean 'percent'?"), ("mg/dl", "read as a count noun")],
)
def test_validate_warns_about_a_unit_it_does_not_know_at_its_line(
    unit: str, says: str, write: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    write("claims/bp.yaml", BLOOD_PRESSURE.format(unit=unit), dedent=False)
    counted = BLOOD_PRESSURE.format(unit="adults").replace("bp-adults", "bp-count")
    write("claims/count.yaml", counted, dedent=False)  # a plain count noun: no warning
    result = run_cli("registry", "validate", cwd=tmp_path)
    assert result.exit_code == 0  # a warning: a registry valid before stays valid
    assert f"warning: claims/bp.yaml:5: claim 'bp-adults': unit '{unit}'" in result.output
    assert says in result.output
    assert result.output.count("warning:") == 1


def test_validate_right_after_init_counts_the_example_file(
    tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    assert run_cli("init", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "claims" / "example.yaml").is_file()
    result = run_cli("registry", "validate", cwd=tmp_path)
    assert result.exit_code == 0
    assert "registry OK: 0 entries in 1 file (1 file with no entries yet)" in result.output


def test_a_per_unit_without_a_number_is_a_count_not_a_crash(
    write: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    entry = BLOOD_PRESSURE.format(unit="per-thousand").replace("value: 48", "value: 5")
    write("claims/bp.yaml", entry, dedent=False)
    write("page.md", "High blood pressure affects 5 per 1,000 adults.\n")
    result = run_cli("check", "page.md", "-f", "json", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 1  # findings; before: an internal error converting "thousand"
    assert [c["verdict"] for c in json.loads(result.output)["claims"]] == ["unsupported"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (  # line 3 of 4: was reported at line 5, past the end, as "found unexpected end of stream"
            'claims:\n  - id: a\n    statement: "About 48%\n    unit: percent\n',
            3,
            "invalid YAML: a quoted string starting here is never closed",
        ),
        (  # was "line 2: invalid YAML: but found another document"
            "claims: []\n---\nclaims: []\n",
            2,
            "invalid YAML: a second YAML document starts here (a second '---'); the file must"
            " hold one",
        ),
        ("claims: [{id: a}\n", 1, "invalid YAML: a list opened with '[' here is never closed"),
    ],
)
def test_yaml_errors_are_whole_sentences_at_a_line_of_the_file(
    text: str,
    line: int,
    message: str,
    write: Callable[..., Path],
    tmp_path: Path,
    run_cli: Callable[..., Any],
) -> None:
    write("claims/a.yaml", text, dedent=False)
    result = run_cli("registry", "validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"claims/a.yaml:{line}: {message}" in result.output


@pytest.mark.parametrize(
    "text",
    ['a: "open\n', "a: [1,\n", "a: {b: 1\n", 'a: "open', "a: [1,", "x: 1\ny: [\n\n\n"],
)
def test_a_yaml_error_line_is_never_past_the_last_line(
    text: str, write: Callable[..., Path], tmp_path: Path
) -> None:
    write("claims/a.yaml", text, dedent=False)
    with pytest.raises(RegistryError) as caught:
        load_registry([tmp_path / "claims"])
    lines = len(text.splitlines())
    assert caught.value.line is not None and 1 <= caught.value.line <= lines, str(caught.value)
    assert "end of stream" not in str(caught.value)


def test_a_markdown_page_given_as_the_registry_is_not_a_registry_file(
    write: Callable[..., Path], tmp_path: Path, run_cli: Callable[..., Any]
) -> None:
    write("index.md", "---\ntitle: Migraine\n---\n# Migraine\n\nAbout 39 million people.\n")
    for command in (["registry", "validate"], ["check", "index.md"]):
        result = run_cli(*command, "--registry", "index.md", cwd=tmp_path)
        assert result.exit_code == 2
        assert "index.md: not a registry file: a registry is YAML files (.yaml or .yml)" in (
            result.output
        )
        assert "another document" not in result.output
