"""`kalypso-lint server` end to end: a real server process over stdio, driven by the small
JSON-RPC client in lspclient.py the way an editor drives it (issue 18).

Each test works on a copy of the bundled example (rules.yaml, claims/, examples/) in
tmp_path, since code actions and reload tests write to it. Every wait has a timeout, and a
watchdog kills the server if a test outlives its budget, so nothing hangs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lspclient import LspClient

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_BUDGET = 180  # seconds before the watchdog kills the server
PAGE = "examples/ketamine-infusions.md"
SEVERITY_NAMES = {1: "error", 2: "warning", 3: "info"}


def kalypso_lint() -> str:
    found = shutil.which("kalypso-lint", path=str(Path(sys.executable).parent))
    assert found, "the kalypso-lint console script is not installed next to this Python"
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("rules.yaml", "claims", "examples"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def start(project: Path, *args: str) -> Iterator[LspClient]:
    client = LspClient([kalypso_lint(), "server", *args], project)
    watchdog = threading.Timer(TEST_BUDGET, client.process.kill)
    watchdog.start()
    try:
        yield client
    finally:
        watchdog.cancel()
        client.close()


@pytest.fixture
def lsp(project: Path) -> Iterator[LspClient]:
    yield from start(project)


@pytest.fixture
def lsp_no_debounce(project: Path) -> Iterator[LspClient]:
    yield from start(project, "--debounce", "0")


def check_json(project: Path, page: str) -> list[dict[str, Any]]:
    run = subprocess.run(
        [kalypso_lint(), "check", page, "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode in (0, 1), run.stderr
    return list(json.loads(run.stdout)["findings"])


def as_rows(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Diagnostics as check's JSON states findings: 1-based lines and columns (the pages
    compared here have no character outside the BMP, so UTF-16 units are code points)."""
    return sorted(
        (
            d["range"]["start"]["line"] + 1,
            d["range"]["start"]["character"] + 1,
            d["range"]["end"]["line"] + 1,
            d["range"]["end"]["character"] + 1,
            d["code"],
            SEVERITY_NAMES[d["severity"]],
            d["message"],
        )
        for d in diagnostics
    )


def utf16_offset(line: str, character: int) -> int:
    """The code-point index of UTF-16 column `character` in `line`."""
    units = 0
    for index, char in enumerate(line):
        if units >= character:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) as an editor would: from the last one back."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        line = position["line"]
        return sum(len(x) + 1 for x in lines[:line]) + utf16_offset(
            lines[line], position["character"]
        )

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def find_position(text: str, needle: str) -> dict[str, int]:
    for number, line in enumerate(text.split("\n")):
        column = line.find(needle)
        if column >= 0:
            return {"line": number, "character": len(line[:column].encode("utf-16-le")) // 2}
    raise AssertionError(f"{needle!r} not in the text")


def actions_at(
    client: LspClient, uri: str, position: dict[str, int], diagnostics: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    here = [
        d
        for d in diagnostics
        if d["range"]["start"]["line"] <= position["line"] <= d["range"]["end"]["line"]
    ]
    result = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": position, "end": position},
            "context": {"diagnostics": here},
        },
    )
    return list(result or [])


def codes_on_line(diagnostics: list[dict[str, Any]], line: int) -> list[str]:
    return [d["code"] for d in diagnostics if d["range"]["start"]["line"] == line]


def open_page(
    lsp: LspClient, project: Path, page: str = PAGE, language: str = "markdown"
) -> tuple[str, str, list[dict[str, Any]]]:
    """Start `lsp` on `project`, open `page` and wait for its first diagnostics: what most
    tests begin with. Returns the page's text, its URI and those diagnostics."""
    lsp.initialize(project)
    path = project / page
    text = path.read_text(encoding="utf-8")
    uri = lsp.open(path, language=language)
    return text, uri, lsp.diagnostics(uri, version=1)


# -- diagnostics -----------------------------------------------------------------------------


def test_opening_the_example_page_shows_the_findings_check_reports(
    lsp: LspClient, project: Path
) -> None:
    _, _, diagnostics = open_page(lsp, project)
    expected = sorted(
        (
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["code"],
            f["severity"],
            f["message"],
        )
        for f in check_json(project, PAGE)
    )
    assert len(expected) >= 5  # the example states every kind of finding
    assert as_rows(diagnostics) == expected
    by_code = {d["code"]: d for d in diagnostics}
    assert by_code["KL102"]["source"] == "kalypso-lint"
    assert by_code["KL102"]["codeDescription"]["href"].endswith("docs/rules.md#kl102")


def test_many_quick_changes_never_publish_an_older_version_after_a_newer_one(
    lsp_no_debounce: LspClient, project: Path
) -> None:
    """Without a debounce the server may finish a check before the next change even arrives
    (a loaded machine), so an early version can be published while it is still the latest;
    what must never happen is a result older than one already shown, or an end on anything
    but the last version. The debounced test below checks that only the last one is shown."""
    client = lsp_no_debounce
    text, uri, _ = open_page(client, project)
    mark = len(client.notifications)
    for version in range(2, 12):  # ten changes in a row, no pause: each adds one new figure
        client.change(uri, version, text + f"\nAbout {version}7% of readers skip this line.\n")
    last = client.diagnostics(uri, version=11, start=mark)
    client.settle(1.5)  # anything still in flight would arrive now
    versions = [p["version"] for p in client.published(uri, start=mark)]
    assert versions[-1] == 11
    assert versions == sorted(set(versions))
    messages = " ".join(d["message"] for d in last)
    assert '"About 117%"' in messages
    assert '"About 107%"' not in messages


def test_debounced_changes_publish_only_the_last_version(lsp: LspClient, project: Path) -> None:
    text, uri, _ = open_page(lsp, project)
    mark = len(lsp.notifications)
    lsp.change(uri, 2, text.replace("almost 49 million", "almost 29 million"))
    lsp.change(uri, 3, text.replace("almost 49 million", "almost 39 million"))
    lsp.diagnostics(uri, version=3, start=mark)
    lsp.settle(1.0)
    assert [p["version"] for p in lsp.published(uri, start=mark)] == [3]
    third = lsp.published(uri, start=mark)[0]["diagnostics"]
    assert "KL102" not in codes_on_line(third, 9)  # 39 million is the registry's figure


def test_columns_are_utf16_units_on_a_line_with_emoji_and_accents(
    lsp: LspClient, project: Path
) -> None:
    lsp.initialize(project)
    line = "Patients 😀😀 say «très bien»: over 80% of patients felt better after one visit."
    page = project / "examples" / "emoji.md"
    page.write_text(f"# Visits\n\n{line}\n", encoding="utf-8")
    uri = lsp.open(page)
    diagnostics = lsp.diagnostics(uri, version=1)
    (kl101,) = [d for d in diagnostics if d["code"] == "KL101"]
    start = line.index("over 80%")
    units = len(line[:start].encode("utf-16-le")) // 2
    assert units == start + 2  # each emoji is two UTF-16 units but one code point
    assert kl101["range"]["start"] == {"line": 2, "character": units}
    assert kl101["range"]["end"] == {"line": 2, "character": units + len("over 80%")}
    (cli,) = [f for f in check_json(project, "examples/emoji.md") if f["code"] == "KL101"]
    assert cli["column"] == start + 1  # check counts code points; the server converts


# -- hover -----------------------------------------------------------------------------------


def test_hover_on_a_claim_shows_its_entry_sources_and_verdict(
    lsp: LspClient, project: Path
) -> None:
    text, uri, _ = open_page(lsp, project)
    position = find_position(text, "49 million")
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert "`migraine-us-prevalence`" in value
    assert "About 39 million people in the US" in value  # the statement
    assert "**Inconsistent**" in value and "39 million people" in value
    assert "tolerance: ±5%" in value
    assert "status: approved" in value and "reviewed: 20" in value
    assert "](https://migraineresearchfoundation.org/about-migraine/migraine-facts/)" in value
    assert hover["range"]["start"]["line"] == position["line"]

    unsupported = lsp.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": find_position(text, "Over 80%")},
    )
    assert "**Unsupported**: no registry entry matches" in unsupported["contents"]["value"]
    assert "Draft a registry entry" in unsupported["contents"]["value"]

    nothing = lsp.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": find_position(text, "Living with")},
    )
    assert nothing is None


# -- code actions ----------------------------------------------------------------------------


def test_code_action_replaces_an_inconsistent_figure_in_the_copys_style(
    lsp: LspClient, project: Path
) -> None:
    text, uri, diagnostics = open_page(lsp, project)
    for needle, expected in (("2-72 hours", "4-72 hours"), ("49 million", "39 million")):
        position = find_position(text, needle)
        assert "KL102" in codes_on_line(diagnostics, position["line"])
        (replace,) = [
            a
            for a in actions_at(lsp, uri, position, diagnostics)
            if a["title"].startswith("Replace")
        ]
        assert replace["isPreferred"] is True
        text = apply_edits(text, replace["edit"]["changes"][uri])
        assert expected in text.split("\n")[position["line"]]
    assert "almost 39 million people in the US" in text  # the qualifier stays
    mark = len(lsp.notifications)
    lsp.change(uri, 2, text)
    after = lsp.diagnostics(uri, version=2, start=mark)
    assert "KL102" not in codes_on_line(after, find_position(text, "39 million")["line"])
    assert "KL102" not in codes_on_line(after, find_position(text, "4-72 hours")["line"])


def test_code_action_inserts_a_suppression_for_the_line(lsp: LspClient, project: Path) -> None:
    text, uri, diagnostics = open_page(lsp, project)
    position = find_position(text, "Over 80%")
    (suppress,) = [
        a
        for a in actions_at(lsp, uri, position, diagnostics)
        if a["title"] == "Suppress KL101 on this line"
    ]
    text = apply_edits(text, suppress["edit"]["changes"][uri])
    assert text.split("\n")[position["line"]].endswith(
        "facial pain reported <!-- kalypso-lint: disable-line=KL101 -->"
    )
    mark = len(lsp.notifications)
    lsp.change(uri, 2, text)
    after = lsp.diagnostics(uri, version=2, start=mark)
    assert "KL101" not in codes_on_line(after, position["line"])
    assert "KL903" not in [d["code"] for d in after]  # the suppression is used
    assert len(after) == len(diagnostics) - 1


# Pages where a comment at the end of the finding's line would change the page: a front
# matter value (YAML) and a line inside an HTML start tag whose alt text is read as copy.
SUPPRESSION_PAGES = {
    "front-matter.md": (
        "---\ntitle: Relief\ndescription: Over 92% of our patients report relief.\n"
        "summary: >\n  Our clinic is open.\n  Over 93% of our patients report relief.\n"
        "---\n\n# Relief\n\nOur clinic is open on Mondays.\n"
    ),
    "alt-text.html": (
        '<html><body>\n<p>Our clinic is open on Mondays.</p>\n<img src="a.png"\n'
        '     alt="Over 92% of our patients report relief.\n          Ask us today."\n'
        '     width="30">\n</body></html>\n'
    ),
}


def page_texts(path: Path) -> list[str]:
    """What the page says, as the readers read it: the text each block holds."""
    from kalypso_lint.documents import read_document

    return [block.text for block in read_document(path, path.name).blocks]


@pytest.mark.parametrize(
    ("page", "figure"),
    [
        ("front-matter.md", "Over 92%"),
        ("front-matter.md", "Over 93%"),
        ("alt-text.html", "Over 92%"),
    ],
)
def test_suppression_quick_fix_never_edits_inside_yaml_or_a_tag(
    lsp: LspClient, project: Path, page: str, figure: str
) -> None:
    path = project / page
    path.write_text(SUPPRESSION_PAGES[page], encoding="utf-8")
    before = page_texts(path)
    language = "html" if page.endswith(".html") else "markdown"
    text, uri, diagnostics = open_page(lsp, project, page, language=language)
    position = find_position(text, figure)
    assert "KL101" in codes_on_line(diagnostics, position["line"])
    (suppress,) = [
        a
        for a in actions_at(lsp, uri, position, diagnostics)
        if a["title"].startswith("Suppress KL101")
    ]
    fixed = apply_edits(text, suppress["edit"]["changes"][uri])
    path.write_text(fixed, encoding="utf-8")
    findings = check_json(project, page)
    figure_line = find_position(fixed, figure)["line"] + 1
    assert not [f for f in findings if f["code"] == "KL101" and f["line"] == figure_line]
    assert "KL903" not in [f["code"] for f in findings]  # the suppression is used
    assert page_texts(path) == before  # the page says what it said
    if page.endswith(".md"):
        front = fixed.split("---\n")[1]
        assert yaml.safe_load(front) == yaml.safe_load(SUPPRESSION_PAGES[page].split("---\n")[1])


def test_code_action_applies_a_phrase_rules_substitution(lsp: LspClient, project: Path) -> None:
    text, uri, diagnostics = open_page(
        lsp, project, "examples/patient-update.txt", language="plaintext"
    )
    position = find_position(text, "painless")
    actions = actions_at(lsp, uri, position, diagnostics)
    titles = [a["title"] for a in actions]
    assert not any(t.startswith("Suppress") for t in titles)  # plain text has no comments
    (swap,) = [a for a in actions if a["title"].startswith('Replace "painless"')]
    text = apply_edits(text, swap["edit"]["changes"][uri])
    assert "Sessions are more comfortable and last about 45 minutes." in text
    mark = len(lsp.notifications)
    lsp.change(uri, 2, text)
    after = lsp.diagnostics(uri, version=2, start=mark)
    assert "HL101" not in [d["code"] for d in after]


def test_code_action_drafts_a_registry_entry_and_the_page_is_checked_again(
    lsp: LspClient, project: Path
) -> None:
    text, uri, diagnostics = open_page(lsp, project)
    position = find_position(text, "Over 80%")
    before = {p: p.read_bytes() for p in (project / "claims").iterdir()}
    (draft,) = [
        a for a in actions_at(lsp, uri, position, diagnostics) if a["title"].startswith("Draft")
    ]
    mark = len(lsp.notifications)
    result = lsp.request(
        "workspace/executeCommand",
        {"command": draft["command"]["command"], "arguments": draft["command"]["arguments"]},
    )
    written = Path(result["uri"].removeprefix("file://"))
    assert written.parent == project / "claims"
    new_text = written.read_text(encoding="utf-8")
    if written in before:  # appended: every byte reviewers wrote stays as it was
        assert new_text.startswith(before[written].decode("utf-8"))
    assert f"- id: {result['id']}" in new_text.split("\n")[result["line"] - 1]
    assert "status: draft" in new_text and '("Over 80%")' in new_text
    after = lsp.diagnostics(uri, version=1, start=mark)
    assert codes_on_line(after, position["line"]) == ["KL106"]  # matched, but a draft
    cli = [f for f in check_json(project, PAGE) if f["line"] == position["line"] + 1]
    assert [f["code"] for f in cli] == ["KL106"]


# -- reloading, broken files -----------------------------------------------------------------


def test_registry_change_on_disk_reloads_and_checks_open_pages_again(
    lsp: LspClient, project: Path
) -> None:
    text, uri, diagnostics = open_page(lsp, project)
    line = find_position(text, "49 million")["line"]
    assert "KL102" in codes_on_line(diagnostics, line)
    registry = project / "claims" / "migraine-epidemiology.yaml"
    original = registry.read_text(encoding="utf-8")
    registry.write_text(original.replace("value: 39000000", "value: 49000000"), encoding="utf-8")
    mark = len(lsp.notifications)
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        {"changes": [{"uri": registry.as_uri(), "type": 2}]},
    )
    assert "KL102" not in codes_on_line(lsp.diagnostics(uri, start=mark), line)
    # Without a notification (a client that watches nothing) the next check, here on save,
    # sees the change too: file stamps are compared before each check.
    registry.write_text(original, encoding="utf-8")
    mark = len(lsp.notifications)
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert "KL102" in codes_on_line(lsp.diagnostics(uri, version=1, start=mark), line)
    registry.write_text(original.replace("value: 39000000", "value: 49000000"), encoding="utf-8")
    mark = len(lsp.notifications)
    lsp.change(uri, 2, text)
    assert "KL102" not in codes_on_line(lsp.diagnostics(uri, version=2, start=mark), line)


def test_broken_registry_is_one_diagnostic_on_that_file_and_the_server_keeps_running(
    lsp: LspClient, project: Path
) -> None:
    _, uri, diagnostics = open_page(lsp, project)
    findings = len(diagnostics)
    assert findings
    registry = project / "claims" / "ketamine.yaml"
    original = registry.read_text(encoding="utf-8")
    registry.write_text(
        original.replace("status: approved", "status: aproved", 1), encoding="utf-8"
    )
    broken_line = original.split("\n").index(
        next(x for x in original.split("\n") if "status: approved" in x)
    )
    mark = len(lsp.notifications)
    lsp.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": registry.as_uri(), "type": 2}]}
    )
    (problem,) = lsp.diagnostics(registry.as_uri(), start=mark)
    assert problem["severity"] == 1
    assert problem["range"]["start"]["line"] == broken_line
    assert "registry" in problem["message"] and "status" in problem["message"]
    assert lsp.diagnostics(uri, start=mark) == []  # no stale findings on the page
    assert lsp.process.poll() is None
    # Still serving: a hover is answered, and fixing the file brings the findings back.
    assert (
        lsp.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
        )
        is None
    )
    registry.write_text(original, encoding="utf-8")
    mark = len(lsp.notifications)
    lsp.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": registry.as_uri(), "type": 2}]}
    )
    assert lsp.diagnostics(registry.as_uri(), start=mark) == []
    assert len(lsp.diagnostics(uri, start=mark)) == findings


def test_broken_configuration_is_one_diagnostic_on_rules_yaml(
    lsp: LspClient, project: Path
) -> None:
    lsp.initialize(project)
    config = project / "rules.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "tolerance: lots\n", encoding="utf-8")
    uri = lsp.open(project / PAGE)
    (problem,) = lsp.diagnostics(config.as_uri())
    assert "configuration" in problem["message"] and "tolerance" in problem["message"]
    assert problem["range"]["start"]["line"] == len(config.read_text().split("\n")) - 2
    assert lsp.diagnostics(uri, version=1) == []
    assert lsp.process.poll() is None


# -- process ----------------------------------------------------------------------------------


def test_exit_without_shutdown_ends_with_1_and_after_it_with_0(project: Path) -> None:
    for shut_down, expected in ((False, 1), (True, 0)):
        client = LspClient([kalypso_lint(), "server"], project)
        try:
            client.initialize(project)
            if shut_down:
                client.request("shutdown", None)
            client.notify("exit", None)
            assert client.process.wait(timeout=60) == expected
        finally:
            client.close()


def test_a_log_file_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    run = subprocess.run(
        [kalypso_lint(), "server", "--log-file", str(tmp_path / "missing" / "server.log")],
        cwd=tmp_path,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("kalypso-lint: error: --log-file: cannot write ")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()
