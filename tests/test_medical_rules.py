"""Medical and regulatory claims and the default rules: each with a hit and a near miss."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

KETAMINE_REGISTRY = """\
claims:
  - id: ketamine-fda-anesthetic
    kind: regulatory
    statement: Ketamine is FDA-approved as an anesthetic.
    match: [[ketamine], [fda], [anesthetic, anesthesia]]
    sources: [{title: Label, url: "https://example.org/label"}]
    reviewed: 2026-11-01
    status: approved
  - id: ketamine-fda-migraine
    kind: regulatory
    statement: Ketamine is not FDA-approved for migraine.
    match: [[ketamine], [fda], [migraine, migraines]]
    sources: [{title: Label, url: "https://example.org/label"}]
    reviewed: 2026-11-01
    status: prohibited
  - id: ketamine-nmda
    kind: mechanism
    statement: Ketamine is an NMDA receptor antagonist.
    match: [[ketamine], [nmda]]
    sources: [{title: StatPearls, url: "https://example.org/statpearls"}]
    reviewed: 2026-11-01
    status: approved
  - id: ketamine-depression-efficacy
    kind: efficacy
    statement: Esketamine helps treatment-resistant depression.
    match: [[esketamine, spravato], [depression]]
    sources: [{title: Trial, doi: 10.1000/trial}]
    reviewed: 2026-11-01
    status: approved
"""


def findings(
    run_cli: Any,
    project: Path,
    text: str,
    write: Callable[..., Path],
    name: str = "content/page.md",
) -> list[tuple[str, str]]:
    write("claims/ketamine.yaml", KETAMINE_REGISTRY, dedent=False)
    write(name, text)
    result = run_cli("check", "content", "-f", "json", "--today", "2026-11-26", cwd=project)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    return [(f["code"], f["message"]) for f in report["findings"]]


def codes(found: list[tuple[str, str]]) -> list[str]:
    return [code for code, _ in found]


CASES = [
    # (rule, hit, near miss)
    (
        "KL201",
        "IV vitamin drips melt stubborn belly fat.",
        "Your IV vitamin drip takes about 40 minutes.",
    ),
    # Immune support tied to flu season is an implied disease claim (issue 13).
    (
        "KL205",
        "IV vitamin drips boost immunity before flu season.",
        "Your IV vitamin drip takes about 40 minutes.",
    ),
    (
        "KL201",
        "Ketamine infusions are completely safe.",
        "Ketamine infusions are given in a calm room with safe parking nearby.",
    ),
    (
        "KL201",
        "Ketamine resets the brain's pain pathways.",
        "Ketamine is an NMDA receptor antagonist.",
    ),
    (
        "KL202",
        "Ketamine is FDA-approved for migraine.",
        "Ketamine is FDA-approved as an anesthetic.",
    ),
    ("KL203", "Our drips are a miracle for tired skin.", "There is no known cure for migraine."),
    ("KL203", "Relief is guaranteed.", "We cannot guarantee relief for everyone."),
    (
        "KL204",
        "In one study, most patients felt better.",
        "In one study [1], most patients felt better.",
    ),
    ("KL301", "Our wellness drips are FDA-approved.", "Ketamine is FDA-approved as an anesthetic."),
    (
        "KL302",
        "Our program is clinically proven.",
        "Our program is clinically proven (Smith et al., 2021).",
    ),
    (
        "KL304",
        '> "My migraines are finally gone." — Sam, 52',
        '> "My migraines are finally gone." — Sam, 52\n\nIndividual results vary.',
    ),
]


@pytest.mark.parametrize(("rule", "hit", "near_miss"), CASES)
def test_rule_fires_on_hit_and_not_on_near_miss(
    project: Path, write: Callable[..., Path], run_cli: Any, rule: str, hit: str, near_miss: str
) -> None:
    assert rule in codes(findings(run_cli, project, hit + "\n", write))
    assert rule not in codes(findings(run_cli, project, near_miss + "\n", write))


def test_negated_efficacy_is_not_a_claim(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    found = findings(run_cli, project, "Ketamine does not cure migraine.\n", write)
    assert "KL201" not in codes(found)


def test_supported_efficacy_claim_is_not_reported(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    found = findings(run_cli, project, "Esketamine treats depression in some adults.\n", write)
    assert codes(found) == []


def test_off_label_needs_a_disclaimer_on_the_page(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "rules.yaml",
        """\
        registry: [claims]
        off-label:
          - treatment: [ketamine]
            conditions: [migraine, headache]
        """,
    )
    page = "# Ketamine for migraine\n\nWe offer ketamine for chronic migraine.\n"
    found = findings(run_cli, project, page, write)
    assert codes(found).count("KL303") == 1  # once per page, at the first mention
    assert 'Off-label use ("Ketamine for migraine")' in dict(found)["KL303"]
    disclaimed = page + "\nKetamine is not FDA-approved for migraine; this use is off-label.\n"
    assert "KL303" not in codes(findings(run_cli, project, disclaimed, write))
    unrelated = "Ketamine is an anesthetic used in surgery.\n"
    assert "KL303" not in codes(findings(run_cli, project, unrelated, write))


def test_a_link_in_the_paragraph_is_a_citation(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    page = "Research shows relief for most [patients](https://doi.org/10.1000/x).\n"
    assert "KL204" not in codes(findings(run_cli, project, page, write))
    html = '<p>Research shows relief. Call <a href="tel:+15550134567">us</a>.</p>\n'
    assert "KL204" in codes(findings(run_cli, project, html, write, name="content/page.html"))


def test_user_phrase_rule_and_prohibited_claim_by_editing_yaml_only(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    """The README's example: a house rule and a prohibited claim, without Python."""
    write(
        "rules.yaml",
        """\
        registry: [claims]
        phrases:
          - code: HL201
            name: no-detox-claims
            kind: forbid
            severity: error
            message: 'Do not promise "{match}": the body detoxifies itself'
            terms: [detox, detoxify, flush toxins]
            link: https://example.org/house-style#detox
        """,
    )
    write(
        "claims/prohibited.yaml",
        """\
        claims:
          - id: no-cbd-anxiety-cure
            kind: efficacy
            statement: Do not claim that CBD oil treats anxiety; no approved use.
            match: [[cbd], [anxiety]]
            status: prohibited
        """,
    )
    page = "Our juice plan will detoxify your liver.\n\nCBD oil relieves anxiety fast.\n"
    found = findings(run_cli, project, page, write)
    assert ("HL201", 'Do not promise "detoxify": the body detoxifies itself') in found
    assert "KL202" in codes(found)
    listing = run_cli("rules", cwd=project).output
    assert "HL201" in listing and "no-detox-claims" in listing
    assert (
        "https://example.org/house-style#detox" in run_cli("explain", "HL201", cwd=project).output
    )


@pytest.mark.parametrize(
    ("phrases", "fragment"),
    [
        (
            "  - {code: HL1, name: x, kind: forbid, message: m, terms: [a]}",
            "phrases[0].code: Value error, must be letters then three digits",
        ),
        (
            "  - {code: HL101, name: x, kind: forbid, message: m, patterns: ['(unclosed']}",
            "invalid regular expression '(unclosed'",
        ),
        (
            "  - {code: HL101, name: x, kind: forbid, message: m, terms: [a], colour: red}",
            "phrases[0].colour: unknown key",
        ),
        (
            "  - {code: KL999, name: x, kind: forbid, message: m, terms: [a]}",
            "code 'KL999' is reserved",
        ),
        (
            "  - {code: HL101, name: x, kind: require, message: m, when: [[a]]}",
            "a require rule needs when (groups of terms) or claim-kinds, and requires",
        ),
        (
            "  - {code: HL101, name: x, kind: forbid, message: 'bad {field}', terms: [a]}",
            "unknown field {field} in message",
        ),
    ],
)
def test_bad_phrase_rules_are_config_errors_with_a_line(
    project: Path, write: Callable[..., Path], run_cli: Any, phrases: str, fragment: str
) -> None:
    write("content/page.md", "Hello.\n")
    write("rules.yaml", "registry: [claims]\nphrases:\n" + phrases + "\n", dedent=False)
    result = run_cli("check", "content", cwd=project)
    assert result.exit_code == 2
    assert "rules.yaml:3:" in result.output, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_require_rule_within_sentence(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "rules.yaml",
        """\
        registry: [claims]
        phrases:
          - code: HL301
            name: weight-loss-needs-diet
            kind: require
            within: sentence
            message: '"{match}" needs "{requires}" in the same sentence'
            when: [[weight loss, lose weight]]
            requires: [with diet and exercise]
        """,
    )
    page = "Lose weight with our shots.\n\nLose weight with our shots with diet and exercise.\n"
    found = findings(run_cli, project, page, write)
    # Both sentences also make a weight-loss efficacy claim (KL201, issue 13).
    hl = [f for f in found if f[0] == "HL301"]
    assert hl == [("HL301", '"Lose weight" needs "with diet and exercise" in the same sentence')]
    assert codes(found).count("KL201") == 2
