"""How registry entries match claims (issue 14): inflections, the figure's own words,
prohibited entries without a figure, and the near-miss hint."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.extract.lemmas import lemma_guess, word_forms
from kalypso_lint.extract.terms import term_forms

SOURCE = (
    "    sources: [{title: Facts, url: 'https://example.org/facts'}]\n    reviewed: 2026-11-01\n"
)

REGISTRY = (
    """\
claims:
  - id: migraine-us-prevalence
    statement: About 39 million people in the US live with migraine.
    value: 39000000
    unit: people
    match:
      - [migraine]
      - [us, united states]
"""
    + SOURCE
    + """\
    status: approved
  - id: pain-cost
    statement: Chronic pain costs the US $635 billion a year.
    value: 635000000000
    unit: usd
    match:
      - [chronic pain]
      - [billion]
      - [cost]
"""
    + SOURCE
    + """\
    status: approved
  - id: no-ketamine-migraine-success-rate
    statement: Do not state a success rate for ketamine in migraine.
    match:
      - [ketamine]
      - [migraine]
      - [success rate]
    status: prohibited
"""
)


def check(write: Callable[..., Path], run_cli: Any, tmp_path: Path, page: str) -> dict[str, Any]:
    write("rules.yaml", "registry: [claims]\n")
    write("claims/facts.yaml", REGISTRY, dedent=False)
    write("page.md", page)
    result = run_cli("check", "page.md", "--format", "json", "--today", "2026-11-26", cwd=tmp_path)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return report


def verdicts(report: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(c["text"], c["verdict"], c["registry_id"]) for c in report["claims"]]


@pytest.mark.parametrize(
    ("term", "forms"),
    [
        ("migraine", {"migraine", "migraines"}),
        ("migraines", {"migraine", "migraines"}),
        ("cost", {"cost", "costs", "costing"}),
        ("costs", {"cost", "costs"}),
        ("family", {"family", "families"}),
        ("person", {"person", "people"}),
        ("children", {"child", "children"}),
        ("migraine attack", {"migraine attack", "migraine attacks"}),
    ],
)
def test_a_term_stands_for_its_inflections(term: str, forms: set[str]) -> None:
    assert forms <= set(term_forms(term))


@pytest.mark.parametrize("term", ["us", "news", "series", "diabetes", "u.s."])
def test_short_and_uninflected_words_are_left_alone(term: str) -> None:
    assert term_forms(term) == [term]


def test_the_figure_grammar_and_lemmas_share_one_inflector() -> None:
    # word_forms builds on inflections(), the verb inflector of issue 13.
    assert {"relieves", "relieved", "relieving"} <= word_forms("relieve", {})
    assert lemma_guess("migraines", frozenset()) == "migraine"
    assert lemma_guess("families", frozenset()) == "families"  # never "familie"
    assert lemma_guess("boxes", frozenset()) == "boxes"


def test_plural_copy_matches_a_singular_term(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    report = check(
        write, run_cli, tmp_path, "About 39 million people in the United States have migraines.\n"
    )
    assert verdicts(report) == [("About 39 million", "supported", "migraine-us-prevalence")]


def test_the_figures_own_words_count_as_terms(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    report = check(
        write, run_cli, tmp_path, "Chronic pain costs the economy $635 billion a year.\n"
    )
    assert verdicts(report) == [("$635 billion", "supported", "pain-cost")]


def test_a_prohibited_entry_without_a_figure_forbids_a_matching_figure(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    report = check(write, run_cli, tmp_path, "Ketamine has a 92% success rate for migraine.\n")
    assert verdicts(report) == [("92%", "prohibited", "no-ketamine-migraine-success-rate")]
    (finding,) = report["findings"]
    assert finding["code"] == "KL202"


def test_a_claim_missing_one_group_names_the_entry_meant(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    # "Americans" is a synonym the entry's second group does not list.
    report = check(write, run_cli, tmp_path, "About 39 million Americans live with migraine.\n")
    (finding,) = report["findings"]
    assert finding["code"] == "KL101"
    assert finding["message"].endswith('; did you mean migraine-us-prevalence? (missing: "us")')
    assert finding["did_you_mean"] == {"registry_id": "migraine-us-prevalence", "missing": ["us"]}
    # Accepting the hint: the reviewer adds the copy's word to the group.
    registry = (tmp_path / "claims" / "facts.yaml").read_text("utf-8")
    write(
        "claims/facts.yaml",
        registry.replace("[us, united states]", "[us, united states, americans]"),
        dedent=False,
    )
    accepted = run_cli("check", "page.md", "--format", "json", "--today", "2026-11-26")
    assert json.loads(accepted.output)["findings"] == []


def test_no_hint_when_nothing_is_near(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    report = check(write, run_cli, tmp_path, "Over 70% of clients felt calmer after one session.\n")
    (finding,) = report["findings"]
    assert finding["did_you_mean"] is None and "did you mean" not in finding["message"]


def test_a_statement_written_almost_alike_is_suggested(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    report = check(
        write, run_cli, tmp_path, "About 39 million people in the USA live with migrane.\n"
    )  # both groups missed (a typo, a synonym): no group rule, but the statement is close
    (finding,) = report["findings"]
    assert finding["did_you_mean"] == {"registry_id": "migraine-us-prevalence", "missing": []}
    assert finding["message"].endswith("; did you mean migraine-us-prevalence?")


def test_an_inflected_term_at_the_very_end_of_a_block(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    """One- and two-word inflected forms side by side, the form as the block's last token
    (no full stop): a two-word window there must not run past the end."""
    report = check(write, run_cli, tmp_path, "About 39 million in the US have migraines")
    assert verdicts(report) == [("About 39 million", "supported", "migraine-us-prevalence")]
