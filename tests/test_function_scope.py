"""Whose structure/function claim it is (issue 13): the supplement disclaimer rule (KL206) is
about dietary supplements; the same body-function wording said of a service, a procedure or a
device is an efficacy claim (KL201). Sentences written for these tests, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DISCLAIMER = (
    "These statements have not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)


@pytest.fixture
def lint(
    run_cli: Any, project: Path, write: Callable[..., Path]
) -> Callable[[str], list[tuple[str, str]]]:
    """(code, kind of the claim it is about) of each medical finding on a one-page site."""

    def run(text: str) -> list[tuple[str, str]]:
        write("content/page.md", text)
        result = run_cli("check", "content", "-f", "json", "--today", "2026-12-01", cwd=project)
        assert result.exit_code in (0, 1), result.output
        report = json.loads(result.output)
        kinds = {(c["line"], c["column"]): c["kind"] for c in report["claims"]}
        return [
            (f["code"], kinds.get((f["line"], f["column"]), "-"))
            for f in report["findings"]
            if f["code"].startswith(("KL2", "KL3"))
        ]

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        "The handheld device calms the nervous system in minutes.",
        "A fitted night appliance can improve your sleep quality.",
        "Regular spinal adjustments restore normal nervous system function.",
        "Our IV drips boost immune function before the cold season.",
        "Weekly massage improves blood circulation in tired legs.",
        "Gentle microcurrent stimulation supports a calmer mood.",
    ],
)
def test_a_service_or_device_function_claim_is_an_efficacy_claim(lint: Any, sentence: str) -> None:
    assert lint(sentence + "\n") == [("KL201", "efficacy")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Our elderberry gummies support a healthy immune system.",
        "A cup of nettle tea boosts energy on winter mornings.",
    ],
)
def test_a_supplement_function_claim_still_needs_the_disclaimer(lint: Any, sentence: str) -> None:
    assert lint(sentence + "\n") == [("KL206", "structure-function")]
    assert lint(sentence + "\n\n" + DISCLAIMER + "\n") == []


def test_a_herbal_infusion_is_not_a_service(lint: Any) -> None:
    """ "Infusion" is a tea as often as a drip: it does not make the claim a service's."""
    assert lint("A warm ginger infusion supports healthy digestion.\n") == [
        ("KL206", "structure-function")
    ]


def test_the_disclaimer_does_not_excuse_a_device_claim(lint: Any) -> None:
    assert lint("The handheld device calms the nervous system.\n\n" + DISCLAIMER + "\n") == [
        ("KL201", "efficacy")
    ]
