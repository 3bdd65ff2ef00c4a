"""Inline directives: disable/enable ranges, next-line, claim pins, unused and invalid ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def run(run_cli: Any, project: Path) -> dict[str, Any]:
    result = run_cli("check", "content", "-f", "json", "--today", "2026-11-26", cwd=project)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def found(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(f["line"], f["code"]) for f in report["findings"]]


def test_disable_enable_range(project: Path, write: Callable[..., Path], run_cli: Any) -> None:
    write(
        "content/page.md",
        """\
        Over 70% felt calmer.

        <!-- kalypso-lint: disable=KL101 -->
        Over 60% slept better.

        Over 50% came back.
        <!-- kalypso-lint: enable -->

        Over 40% told a friend.
        """,
    )
    assert found(run(run_cli, project)) == [(1, "KL101"), (9, "KL101")]


def test_disable_next_line_and_prefixes(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.html",
        """\
        <p>Over 70% felt calmer.
        <!-- kalypso-lint: disable-next-line=KL1 -->
        Over 60% slept better.</p>
        <p>Over 50% came back. <!-- kalypso-lint: disable-line --></p>
        """,
    )
    assert found(run(run_cli, project)) == [(1, "KL101")]


def test_unused_and_invalid_directives_are_reported(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: disable-next-line=KL101 -->
        A sentence without figures.

        <!-- kalypso-lint: disable=KL777 -->
        <!-- kalypso-lint: silence everything -->
        """,
    )
    report = run(run_cli, project)
    assert found(report) == [(1, "KL903"), (4, "KL904"), (5, "KL904")]
    messages = [f["message"] for f in report["findings"]]
    assert messages[0] == (
        'Suppression "disable-next-line=KL101" suppresses nothing here; remove it'
    )
    assert messages[1] == "Directive ignored: unknown rule code 'KL777'"


def test_claim_pin_uses_the_entry_even_without_its_terms(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: claim=relief-study -->
        Over 90% felt better.

        <!-- kalypso-lint: claim=no-such-entry -->
        Over 80% slept better.
        """,
    )
    report = run(run_cli, project)
    first = report["claims"][0]
    assert (first["registry_id"], first["verdict"]) == ("relief-study", "inconsistent")
    assert found(report) == [(2, "KL103"), (4, "KL904"), (5, "KL101")]
    assert "claim=no-such-entry: no registry entry has this id" in report["findings"][1]["message"]


def test_suppressions_cover_cross_page_findings(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write("content/a.md", "About 39 million people in the US live with migraine.\n")
    write("content/b.md", "About 39 million Americans have migraine.\n")
    # Within the entry's tolerance, but unlike the other pages: KL105 alone (no KL102).
    write(
        "content/c.md",
        "<!-- kalypso-lint: disable=KL105 -->\nAbout 40 million people in the US have migraine.\n",
    )
    assert found(run(run_cli, project)) == []
    write("content/c.md", "About 40 million people in the US have migraine.\n")
    assert found(run(run_cli, project)) == [(1, "KL105")]


def test_every_directive_form_takes_a_reason_after_two_dashes(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: sells=services -- a clinic, reviewed by legal -->
        <!-- kalypso-lint: disable=KL101 -- legal approved 2026-11 -->
        Over 70% felt calmer.
        <!-- kalypso-lint: enable -- end of the approved part -->

        <!-- kalypso-lint: disable-next-line=KL101 -- legal approved 2026-11 -->
        Over 60% slept better.

        Over 50% came back. <!-- kalypso-lint: disable-line=KL1 --- see ticket 42 -->

        <!-- kalypso-lint: claim=relief-study -- the study's figure -->
        Over 90% felt better.

        <!-- kalypso-lint: disable-next-line=KL101 -- -->
        Over 40% told a friend.
        """,
    )
    assert found(run(run_cli, project)) == [(12, "KL103")]


def test_invalid_codes_are_quoted_as_written(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: disable-next-line=KL101 reason="ok" -->
        Over 70% felt calmer.

        <!-- kalypso-lint: disable=kl777 -->
        """,
    )
    report = run(run_cli, project)
    assert found(report) == [(1, "KL904"), (2, "KL101"), (4, "KL904")]
    assert report["findings"][0]["message"] == (
        "Directive ignored: unknown rule code 'KL101 reason=\"ok\"' "
        '(codes are comma-separated; put a reason after " -- ")'
    )
    assert report["findings"][2]["message"] == "Directive ignored: unknown rule code 'kl777'"


def test_each_unused_code_of_a_list_is_reported(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "content/page.md",
        """\
        <!-- kalypso-lint: disable-next-line=KL102, KL101, KL2 -- approved -->
        Over 70% felt calmer.

        <!-- kalypso-lint: disable-next-line=KL102,KL103 -->
        Over 60% slept better.
        """,
    )
    report = run(run_cli, project)
    assert found(report) == [(1, "KL903"), (1, "KL903"), (4, "KL903"), (5, "KL101")]
    assert [f["message"] for f in report["findings"][:3]] == [
        'Suppression "disable-next-line=KL102" suppresses nothing here; remove it',
        'Suppression "disable-next-line=KL2" suppresses nothing here; remove it',
        'Suppression "disable-next-line=KL102,KL103" suppresses nothing here; remove it',
    ]


def test_a_projects_own_phrase_rule_can_be_suppressed(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    write(
        "rules.yaml",
        """\
        registry: [claims]
        phrases:
          - code: HL101
            name: no-painless-promise
            kind: forbid
            severity: warning
            message: 'Avoid "{match}"'
            terms: [painless]
        """,
    )
    write(
        "content/page.md",
        """\
        Infusions are painless.

        <!-- kalypso-lint: disable-next-line=HL101 -- the patient's own words -->
        She said it was painless.

        <!-- kalypso-lint: disable-next-line=HL1,all -->
        Really painless.
        """,
    )
    report = run(run_cli, project)
    assert found(report) == [(1, "HL101"), (6, "KL904"), (7, "HL101")]
    assert report["findings"][1]["message"] == "Directive ignored: unknown rule code 'all'"


def test_suppressions_need_codes_refuses_a_bare_disable(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    page = """\
        <!-- kalypso-lint: disable-next-line -- legal said fine -->
        This supplement cures arthritis.

        <!-- kalypso-lint: disable-next-line=KL1 -->
        Over 70% felt calmer.
        """
    write("content/page.md", page)
    assert found(run(run_cli, project)) == []  # the default: a bare disable hides everything
    write("rules.yaml", "registry: [claims]\nsuppressions-need-codes: true\n")
    report = run(run_cli, project)
    codes = found(report)
    assert codes[0] == (1, "KL904") and (4, "KL904") not in codes
    assert any(line == 2 and code.startswith("KL2") for line, code in codes)
    assert report["findings"][0]["message"] == (
        "Directive ignored: disable-next-line needs rule codes (suppressions-need-codes is on)"
    )


def test_front_matter_takes_directives_as_yaml_comments(
    project: Path, write: Callable[..., Path], run_cli: Any
) -> None:
    # An HTML comment in front matter would be part of the YAML value; a YAML comment is not
    # rendered. A `#` inside a quoted value is text, not a directive.
    write(
        "content/page.md",
        """\
        ---
        title: Relief
        description: Over 70% felt calmer. # draft # kalypso-lint: disable-line=KL101
        summary: "Over 60% slept better. # kalypso-lint: disable-line=KL101"
        # kalypso-lint: disable=KL101
        excerpt: Over 50% came back
          within a week.
        # kalypso-lint: enable=KL101
        takeaways: Over 40% told a friend. # kalypso-lint: disable-line=KL102
        ---

        # Relief
        """,
    )
    assert found(run(run_cli, project)) == [(4, "KL101"), (9, "KL101"), (9, "KL903")]
