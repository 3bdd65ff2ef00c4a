"""The hot-path redesign (issue 16) changed no output: every claim and phrase hit of the
labelled corpora, and the JSON reports of the example pages and of a generated site, are
byte-identical to the golden files written by the code before it (tests/golden_outputs.py)."""

from __future__ import annotations

import difflib

import pytest
from golden_outputs import CORPORA, GOLDEN, SITE_PAGES, corpus_extracts, example_report, site_report


def _same(name: str, produced: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    if produced != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), produced.splitlines(), "golden", "now", lineterm="", n=2
        )
        pytest.fail(f"{name} differs from the golden output:\n" + "\n".join(list(diff)[:80]))


@pytest.mark.parametrize("corpus", CORPORA)
def test_labelled_corpus_claims_and_hits_are_unchanged(corpus: str) -> None:
    _same(f"corpus-{corpus.removesuffix('.yaml')}.json", corpus_extracts(corpus))


def test_example_report_is_unchanged() -> None:
    _same("example-report.json", example_report())


@pytest.mark.parametrize("jobs", [1, 2])
def test_generated_site_report_is_unchanged_in_one_or_two_processes(jobs: int) -> None:
    _same(f"site-{SITE_PAGES}-report.json", site_report(jobs))
