"""`registry scaffold`: drafts for unmatched claims, appended to the registry as text (issue 9)."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT

from kalypso_lint.errors import RegistryError
from kalypso_lint.models import Claim, Span, Verdict
from kalypso_lint.registry import Registry, load_registry
from kalypso_lint.registry.scaffold import append_entries, plan_drafts, slug

PAGE = """\
# Migraine facts

Almost 49 million Americans live with migraine.

Women are almost 3x more likely than men to get migraine.

An untreated migraine attack lasts 4 to 72 hours.

Over 70% of clients felt calmer after one session.
"""


@pytest.fixture
def new_user(write: Callable[..., Path], tmp_path: Path) -> Path:
    """A content project with a configuration but no registry yet."""
    write("rules.yaml", "registry: [claims]\ninclude: ['**/*.md', '**/*.txt']\n")
    write("content/facts.md", PAGE)
    return tmp_path


def _entries(folder: Path) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for file in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(file.read_text(encoding="utf-8"))["claims"]:
            entries[entry["id"]] = {**entry, "file": file.name}
    return entries


def _only_insertions(before: str, after: str) -> bool:
    """True when `after` is `before` with lines added and none changed, moved or removed."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    return all(op in ("equal", "insert") for op, *_ in matcher.get_opcodes())


def test_a_new_user_gets_one_draft_per_unmatched_claim_grouped_by_topic(
    new_user: Path, run_cli: Any
) -> None:
    result = run_cli("registry", "scaffold", "content", cwd=new_user)
    assert result.exit_code == 0, result.output
    entries = _entries(new_user / "claims")
    by_figure = {
        (e.get("value"), tuple(e.get("range") or ()), e["unit"]): e for e in entries.values()
    }
    assert set(by_figure) == {
        (49000000, (), "people"),
        (3, (), "ratio"),
        (None, (4, 72), "hours"),
        (70, (), "percent"),
    }
    for entry in entries.values():
        assert entry["status"] == "draft"
        assert entry["sources"] == []
        assert "Drafted by kalypso-lint registry scaffold from content/facts.md:" in entry["notes"]
    prevalence = by_figure[(49000000, (), "people")]
    assert prevalence["statement"] == "Almost 49 million Americans live with migraine."
    # One lemma per group (issue 14): a match term finds its inflections ("migraines").
    assert prevalence["match"][0] == ["migraine"]
    assert ["american"] in prevalence["match"]
    # Three drafts share the topic "migraine"; a lone topic goes to general.yaml.
    assert {e["file"] for e in entries.values() if "migraine" in e["id"]} == {"migraine.yaml"}
    assert by_figure[(70, (), "percent")]["file"] == "general.yaml"
    # The result is a registry the loader accepts, and the summary names each draft's line.
    registry = load_registry([new_user / "claims"])
    assert len(registry.entries) == 4
    for entry_id, located in registry.locations.items():
        assert f"{located.path}:{located.line}: {entry_id}  " in result.output
    assert "Drafted 4 entries in 2 files (claims/general.yaml, claims/migraine.yaml)" in (
        result.output
    )


def test_drafts_support_nothing_until_approved(new_user: Path, run_cli: Any) -> None:
    run_cli("registry", "scaffold", "content", cwd=new_user)
    result = run_cli("check", "content", "--format", "json", cwd=new_user)
    assert result.exit_code == 1
    assert {f["code"] for f in json.loads(result.output)["findings"]} == {"KL106"}


def test_rerunning_scaffold_changes_nothing(new_user: Path, run_cli: Any) -> None:
    run_cli("registry", "scaffold", "content", cwd=new_user)
    first = {p.name: p.read_bytes() for p in (new_user / "claims").iterdir()}
    result = run_cli("registry", "scaffold", "content", cwd=new_user)
    assert result.exit_code == 0
    assert result.output.startswith("Nothing to draft: every claim in 1 file already matches")
    assert {p.name: p.read_bytes() for p in (new_user / "claims").iterdir()} == first


def test_output_is_deterministic_across_projects(
    new_user: Path, run_cli: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = tmp_path_factory.mktemp("again")
    (other / "content").mkdir()
    (other / "rules.yaml").write_bytes((new_user / "rules.yaml").read_bytes())
    (other / "content" / "facts.md").write_text(PAGE, encoding="utf-8")
    one = run_cli("registry", "scaffold", "content", cwd=new_user).output
    two = run_cli("registry", "scaffold", "content", cwd=other).output
    assert one == two
    for name in ("migraine.yaml", "general.yaml"):
        assert (new_user / "claims" / name).read_bytes() == (other / "claims" / name).read_bytes()


def test_appends_to_an_existing_file_keeping_every_byte(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    registry_file = project / "claims" / "migraine.yaml"
    original = (
        "# Reviewed by the medical team.  Keep this comment.\n"
        + registry_file.read_text(encoding="utf-8").replace(
            "    status: approved\n", "    status: approved   # signed off\n", 1
        )
        + "  # relief-study needs a second source\n"
    )
    registry_file.write_text(original, encoding="utf-8")
    write("content/page.md", "Migraine sends 1.2 million people to emergency rooms each year.\n")
    result = run_cli("registry", "scaffold", "content", cwd=project)
    assert result.exit_code == 0, result.output
    updated = registry_file.read_text(encoding="utf-8")
    assert _only_insertions(original, updated)
    assert updated.startswith(original.rsplit("  # relief-study", 1)[0])
    assert updated.endswith("  # relief-study needs a second source\n")
    entries = [e.id for e in load_registry([project / "claims"]).entries]
    assert entries[:2] == ["migraine-us-prevalence", "relief-study"]
    assert len(entries) == 3
    # The new item takes the place of the trailing comment, which follows it.
    assert f"claims/migraine.yaml:{len(original.splitlines())}: migraine-" in result.output


def test_claims_any_registry_already_matches_are_not_drafted(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        "About 39 million people in the US live with migraine.\n\n"
        "In the study, 88% of patients reported relief.\n",
    )
    before = (project / "claims" / "migraine.yaml").read_bytes()
    result = run_cli("registry", "scaffold", "content", cwd=project)
    assert result.exit_code == 0
    assert "Nothing to draft" in result.output
    assert (project / "claims" / "migraine.yaml").read_bytes() == before
    assert sorted(p.name for p in (project / "claims").iterdir()) == ["migraine.yaml"]


def test_the_same_claim_on_two_pages_is_drafted_once(
    new_user: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/copy.md", "Almost 49 million Americans live with migraine.\n")
    result = run_cli("registry", "scaffold", "content", cwd=new_user)
    assert result.exit_code == 0
    assert (
        'skipped "Almost 49 million" (content/facts.md:3): same figure and terms as '
        "migraine-american"
    ) in result.output
    assert len(_entries(new_user / "claims")) == 4


def test_ids_stay_unique_when_subjects_repeat(
    new_user: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/facts.md", "Almost 49 million Americans live with migraine.\n")
    write("content/more.md", "Nearly 40 million Americans live with migraine.\n")
    run_cli("registry", "scaffold", "content", cwd=new_user)
    assert sorted(_entries(new_user / "claims")) == ["migraine-american", "migraine-american-2"]


def test_registry_option_writes_drafts_to_another_folder(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        "About 39 million people in the US live with migraine.\n\n"
        "Over 70% of clients felt calmer after one session.\n",
    )
    before = (project / "claims" / "migraine.yaml").read_bytes()
    result = run_cli("registry", "scaffold", "content", "--registry", "drafts", cwd=project)
    assert result.exit_code == 0, result.output
    assert (project / "claims" / "migraine.yaml").read_bytes() == before
    drafted = _entries(project / "drafts")
    assert [e["value"] for e in drafted.values()] == [70]


def test_registry_option_can_name_one_file(new_user: Path, run_cli: Any) -> None:
    result = run_cli("registry", "scaffold", "content", "--registry", "drafts.yaml", cwd=new_user)
    assert result.exit_code == 0, result.output
    assert len(load_registry([new_user / "drafts.yaml"]).entries) == 4
    assert not (new_user / "claims").exists()


def test_registry_option_must_be_a_folder_or_yaml_file(
    new_user: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("notes.txt", "not a registry\n")
    result = run_cli("registry", "scaffold", "content", "--registry", "notes.txt", cwd=new_user)
    assert result.exit_code == 2
    assert result.output.endswith(": --registry must be a folder or a .yaml file\n")
    assert result.output.count("\n") == 1


def test_dry_run_writes_nothing(new_user: Path, run_cli: Any) -> None:
    result = run_cli("registry", "scaffold", "content", "--dry-run", cwd=new_user)
    assert result.exit_code == 0
    assert "Would draft 4 entries in 2 files" in result.output
    assert not (new_user / "claims").exists()


def test_a_flow_style_claims_list_is_a_one_line_error(
    new_user: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "claims/migraine.yaml",
        "claims: [{id: old, statement: Old., match: [[zzz]], status: draft}]\n",
    )
    result = run_cli("registry", "scaffold", "content", cwd=new_user)
    assert result.exit_code == 2
    assert result.output == (
        "kalypso-lint: error: claims/migraine.yaml: cannot append drafts: `claims:` must be a "
        "block list (one `- id:` item per entry)\n"
    )


def _draft_plan() -> Any:
    claim = Claim(
        path="page.md",
        span=Span(3, 1, 3, 18),
        text="almost 49 million",
        sentence="Almost 49 million Americans live with migraine.",
        kind="count",
        value=49e6,
        unit="people",
        qualifier="almost",
    )
    plan = plan_drafts(
        [Verdict(claim, "unsupported", reason="no-entry")],
        Registry(),
        lambda c: ["americans", "migraine"],
    )
    return plan.drafts


@pytest.mark.parametrize(
    ("existing", "kept"),
    [
        ("", ""),
        ("# drafts go here\n", "# drafts go here\n"),
        ("version: 1\n", "version: 1\n"),
        ("claims:   # none yet\nversion: 1\n", "# none yet"),
        ("claims: []  # empty\n", "# empty"),
        ("claims:\n- id: a\n  statement: A.\n  match: [[a]]\n  status: draft", "- id: a\n"),
        ("\r\n".join(["claims:", "  - id: a", "    statement: A.", "    match: [[a]]",
                      "    status: draft", ""]), "    status: draft\r\n"),
        (
            "claims:\n  - id: a\n    statement: A.\n    match: [[a]]\n    status: draft\n"
            "    notes: |\n      kept as written\n\n# end of claims\nversion: 1\n",
            "      kept as written\n",
        ),
    ],
    ids=["empty", "comment-only", "no-claims-key", "null", "empty-flow", "indentless", "crlf",
         "block-scalar-last"],
)  # fmt: skip
def test_append_entries_handles_every_layout_a_reviewer_writes(existing: str, kept: str) -> None:
    drafts = _draft_plan()
    text, lines = append_entries(existing, drafts, "claims/x.yaml")
    assert kept in text
    data = yaml.safe_load(text)
    assert data["claims"][-1]["id"] == "americans-migraine"
    assert text.splitlines()[lines[0] - 1].lstrip().startswith("- id: americans-migraine")
    if "\r\n" in existing:
        assert "\n" not in text.replace("\r\n", "")


def test_medical_claims_draft_an_entry_with_a_kind_and_no_figure() -> None:
    claim = Claim(
        path="page.md",
        span=Span(1, 1, 1, 20),
        text="clinically proven",
        sentence="Our infusions are clinically proven.",
        kind="efficacy",
        category="medical",
    )
    plan = plan_drafts(
        [Verdict(claim, "unsupported", reason="no-entry")], Registry(), lambda c: ["infusions"]
    )
    (draft,) = plan.drafts
    assert (draft.id, draft.value, draft.unit, draft.kind) == (
        "infusions-efficacy",
        None,
        None,
        "efficacy",
    )
    text, _ = append_entries("", plan.drafts, "x.yaml")
    assert "    kind: efficacy\n" in text and "value:" not in text


def test_a_file_that_would_break_is_not_written() -> None:
    with pytest.raises(RegistryError, match="block mapping"):
        append_entries("- just\n- a list\n", _draft_plan(), "claims/x.yaml")


def test_scaffold_as_a_subprocess(new_user: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kalypso_lint", "registry", "scaffold", "content"],
        cwd=new_user,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[-2].startswith("Drafted 4 entries in 2 files")
    assert len(load_registry([new_user / "claims"]).entries) == 4


def _spelled_as_in(term: str, sentence: str) -> bool:
    """The term's words stand in the sentence as written, or as a plain "-s" plural of it
    (the only lemma scaffold takes off: never "familie" from "families")."""
    words = set(re.findall(r"[a-z0-9.]+", sentence.lower().replace("'s", "")))
    words |= {w.rstrip(".") for w in words}
    plain = ("ies", "ses", "shes", "ches", "xes", "zes", "ss", "us", "is")
    return all(
        w in words or (w + "s" in words and not (w + "s").endswith(plain)) for w in term.split()
    )


def test_drafts_of_the_bundled_example_are_spelled_right_and_name_the_treatment(
    tmp_path: Path, run_cli: Any
) -> None:
    """Issue 14: no invented spellings ("productivitys", "familie"), names kept whole, the
    treatment a sentence names in its draft, ids made of those words, no price drafted."""
    for page in ("ketamine-infusions.md", "migraine-facts.html", "patient-update.txt"):
        shutil.copy(REPO_ROOT / "examples" / page, tmp_path / page)
    result = run_cli("registry", "scaffold", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    entries = _entries(tmp_path / "claims")
    assert len(entries) > 15
    for entry in entries.values():
        terms = [term for group in entry["match"] for term in group]
        assert all(len(group) == 1 for group in entry["match"]), entry
        for term in terms:
            assert _spelled_as_in(term, entry["statement"]), (term, entry["statement"])
        if re.search(r"\bketamine\b", entry["statement"], re.IGNORECASE):
            assert ["ketamine"] in entry["match"], entry
        assert entry["id"].startswith(slug(terms[0]))
    regulatory = [e for e in entries.values() if e.get("kind") == "regulatory"]
    assert any(["clinically proven"] in e["match"] for e in regulatory)
    assert not any(e.get("unit") == "usd" and e.get("value", 0) < 1000 for e in entries.values())


def test_a_name_stays_whole_and_an_age_is_in_years(
    tmp_path: Path, run_cli: Any, write: Callable[..., Path]
) -> None:
    write(
        "page.md",
        "Almost 49 million people in the United States live with migraines.\n\n"
        "Most of our clients with migraine are aged 35 to 45.\n",
    )
    assert run_cli("registry", "scaffold", cwd=tmp_path).exit_code == 0
    entries = _entries(tmp_path / "claims")
    prevalence = next(e for e in entries.values() if e.get("value") == 49000000)
    assert ["united states"] in prevalence["match"] and ["migraine"] in prevalence["match"]
    ages = next(e for e in entries.values() if e.get("range") == [35, 45])
    assert ages["unit"] == "years"
