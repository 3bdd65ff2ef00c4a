"""Readers: prose is found, non-prose skipped, and every claim points into the original file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import claims_in, source_at

from kalypso_lint.documents import read_document
from kalypso_lint.extract import extract_claims


def test_markdown_claim_positions_point_at_the_figure(write: Callable[..., Path]) -> None:
    page = write(
        "page.md",
        """\
        ---
        title: Migraine care since 2009
        figure: 45%
        ---
        # Almost 49 million people

        > Over **92%** of patients in [one study](https://example.com/study-2010 "a 50% title")
        > said so, and `99 users` is code.

        1. Step one
        2. About 1/3 have aura

        | figure | value |
        |---|---|
        | cost | $36 billion |

        ```
        fenced 77% code
        ```

        ![chart of 88% results](img/chart-12.png) Women are almost 3x more likely.
        """,
    )
    claims = claims_in(page)
    texts = [c.text for c in claims]
    assert texts == ["Almost 49 million", "Over 92%", "About 1/3", "$36 billion", "almost 3x"]
    for claim in claims:
        written = source_at(page, claim.span)
        assert written.replace("**", "") == claim.text, (claim, written)
    assert (claims[1].span.line, claims[1].span.column) == (7, 3)


def test_markdown_skips_html_comments_and_records_them(write: Callable[..., Path]) -> None:
    page = write(
        "page.md",
        "Text <!-- 40% off --> with 25% more.\n\n<!-- kalypso-lint: disable=KL101 -->\n",
    )
    document = read_document(page, "page.md")
    assert [c.text for c in claims_in(page)] == ["25%"]
    assert [c.text for c in document.comments] == ["40% off", "kalypso-lint: disable=KL101"]
    assert document.comments[1].span.line == 3


def test_markdown_escapes_and_entities_keep_positions(write: Callable[..., Path]) -> None:
    page = write("page.md", "Costs \\* rose &amp; over 90% agreed.\n")
    (claim,) = claims_in(page)
    assert claim.text == "over 90%"
    assert source_at(page, claim.span) == "over 90%"


def test_html_reader_skips_script_style_and_attributes_but_alt_text(
    write: Callable[..., Path],
) -> None:
    page = write(
        "page.html",
        """\
        <html><head><title>Relief for 1 in 4</title>
        <style>.x { width: 50%; }</style><script>var share = "75%";</script></head>
        <body>
          <p class="stat" data-value="60%">Over&nbsp;<strong>90%</strong>
             of sufferers</p>
          <img src="chart-30.png" alt="30% chart">
          <pre>40% in code</pre>
          <p>Costs reach <a href="https://example.com/2019">$36 billion</a> a year.</p>
        </body></html>
        """,
    )
    claims = claims_in(page)
    # The chart's alt text is shown in its place and read aloud (docs/formats.md).
    assert [c.text for c in claims] == ["1 in 4", "Over 90%", "30%", "$36 billion"]
    assert source_at(page, claims[3].span) == "$36 billion"
    assert (claims[2].span.line, source_at(page, claims[2].span)) == (6, "30%")
    over = claims[1]
    assert (over.span.line, over.span.column) == (4, 36)
    without_alt = read_document(page, page.name, alt_text=False)
    texts = [c.text for c in next(extract_claims([without_alt]))[1] if c.category == "numeric"]
    assert texts == ["1 in 4", "Over 90%", "$36 billion"]


def test_crlf_and_bom_files_keep_columns(write: Callable[..., Path]) -> None:
    page = write("page.md", raw=b"\xef\xbb\xbfFirst line.\r\nAbout 39 million people.\r\n")
    (claim,) = claims_in(page)
    assert (claim.span.line, claim.span.column, claim.span.end_column) == (2, 1, 17)


def test_plain_text_list_markers_are_not_figures(write: Callable[..., Path]) -> None:
    page = write("notes.txt", "1. Book a visit\n2. Over 80% feel better\n3) Rest\n")
    assert [c.text for c in claims_in(page)] == ["Over 80%"]


def test_urls_and_emails_in_prose_are_not_figures(write: Callable[..., Path]) -> None:
    page = write(
        "page.txt",
        "See https://example.com/report-2024/92 or mail info2024@example.com; 12% did.\n",
    )
    assert [c.text for c in claims_in(page)] == ["12%"]
