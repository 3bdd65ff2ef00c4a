"""Property-based tests (hypothesis): random text and markup never crash the number parser,
the readers or the registry loader; positions always point into the file at the claim."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalypso_lint.documents import READERS
from kalypso_lint.errors import RegistryError
from kalypso_lint.extract import extract_claims
from kalypso_lint.extract.lexicon import numeric_lexicon
from kalypso_lint.extract.numparse import parse_number
from kalypso_lint.models import Claim, Document, line_starts_of
from kalypso_lint.registry import load_registry

WORDS = [
    "about",
    "over",
    "almost",
    "up",
    "to",
    "million",
    "billion",
    "percent",
    "%",
    "$",
    "x",
    "times",
    "one",
    "third",
    "half",
    "of",
    "in",
    "every",
    "per",
    "hours",
    "ages",
    "-",
    "–",
    "people",
    "patients",
    "migraine",
    "ketamine",
    "relieves",
    "safe",
    "study",
    "1/3",
    "3x",
    "49",
    "92",
    "2",
    "72",
    "1,000",
    "10k",
    "1.2B",
    "2009",
    "555-013-4567",
    "9am",
    "Step",
    "forty",
    "nine",
    "twice",
    "cure",
    "FDA-approved",
    ".",
    ",",
    "(",
    ")",
    "\n",
    "\n\n",
]
MARKUP = [
    "**",
    "*",
    "_",
    "`",
    "[",
    "](http://x.com/2)",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "# ",
    "> ",
    "- ",
    "1. ",
    "|",
    "\\",
    "&amp;",
    "&nbsp;",
    "<p>",
    "</p>",
    "<script>",
    "```\n",
    "---\n",
    "\r\n",
    "\r",
    "\t",
    "é",
    "“",
    "”",
    "\u00a0",
]

texts = st.lists(st.sampled_from(WORDS + MARKUP), max_size=60).map(" ".join) | st.text(max_size=300)
quick = settings(
    max_examples=int(os.environ.get("KL_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@quick
@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_number_parser_never_crashes_and_is_deterministic(tokens: list[str]) -> None:
    lexicon = numeric_lexicon()
    first = parse_number(tokens, lexicon)
    assert first == parse_number(tokens, lexicon)
    if first is not None:
        assert 1 <= first.used <= len(tokens)
        assert first.value == first.value  # not NaN


def _document(reader_suffix: str, source: str) -> Document:
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return READERS[reader_suffix]("page" + reader_suffix, text)


def _check_positions(document: Document, claims: list[Claim]) -> None:
    lines = document.source.split("\n")
    assert document.line_starts == line_starts_of(document.source)
    for claim in claims:
        span = claim.span
        assert 1 <= span.line <= span.end_line <= len(lines), claim
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, claim
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, claim
        start = document.line_starts[span.line - 1] + span.column - 1
        end = document.line_starts[span.end_line - 1] + span.end_column - 1
        written = document.source[start:end]
        # The claim's characters appear in order in the source slice (markup may sit between).
        remaining = iter(written)
        assert all(char in remaining for char in claim.text if not char.isspace()), (
            claim.text,
            written,
        )


@quick
@given(texts, st.sampled_from([".md", ".html", ".txt"]))
def test_readers_and_extraction_never_crash_and_point_at_the_claim(
    source: str, suffix: str
) -> None:
    document = _document(suffix, source)
    ((_, claims),) = list(extract_claims([document]))
    _check_positions(document, claims)
    ((_, again),) = list(extract_claims([_document(suffix, source)]))
    assert claims == again


@settings(max_examples=80, deadline=None)
@given(
    st.text(max_size=200)
    | st.lists(
        st.sampled_from(
            [
                "claims:",
                "\n  - ",
                "id: x",
                "value: 1",
                "&a",
                "*a",
                "!!python/object:os.system",
                "[",
                "]",
                "{",
                "}",
                ": ",
                "status: approved",
                "match: [[a]]",
                "statement: s",
                "\n",
                "- ",
                "'",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_registry_loader_only_raises_registry_errors(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_registry([path])
        except RegistryError as error:
            assert str(error)
