"""Large pages in bounded memory (issue 16): a long Markdown source is parsed a part at a
time, and gives exactly the Document that parsing it whole gives."""

from __future__ import annotations

import pytest

from kalypso_lint.documents.markdown import read_markdown
from kalypso_lint.extract import BlockMemo, PageExtractor

SECTION = """\
# Section {n}

About 1 in {n} adults gets migraine; see the [survey][ref{n}] and [the guide][guide].

- Over {n}% of patients
- fewer attacks

  continued item with # not a heading

| Clinic | Phone |
|---|---|
| Austin | 555-01{n:02d} |

```text

# a heading inside fenced code, after a blank line
```

<!-- kalypso-lint: disable=KL101

# inside an HTML comment that spans blank lines
-->

    indented code

## Sub-heading {n}

> A quote with 12 weeks

<script>

# inside a script block
</script>

> almost 49 million people

"""


def _page(sections: int) -> str:
    body = "---\ntitle: Page of 30 sections\n---\n\n"
    body += "".join(SECTION.format(n=n) for n in range(1, sections + 1))
    return body + "[guide]: https://example.org/guide\n[ref3]: https://example.org/3\n"


@pytest.mark.parametrize("chunk_chars", [50, 400, 2_000])
def test_a_long_markdown_page_read_in_parts_is_the_page_read_whole(chunk_chars: int) -> None:
    source = _page(30)
    whole = read_markdown("page.md", source, chunk_chars=10 * len(source))
    parts = read_markdown("page.md", source, chunk_chars=chunk_chars)
    assert parts == whole
    assert len(whole.blocks) > 300
    assert any("survey" in block.text and block.links for block in whole.blocks)


def test_a_page_is_only_cut_before_a_heading_after_a_blank_line_outside_code() -> None:
    source = "# A\n\ntext\n```\n\n# B in code\n```\n\n# C\n\nmore\n"
    whole = read_markdown("page.md", source, chunk_chars=10_000)
    parts = read_markdown("page.md", source, chunk_chars=1)
    assert parts == whole
    assert [block.text for block in parts.blocks] == ["A", "text", "C", "more"]


def test_the_block_memo_drops_the_least_recently_used_beyond_its_size() -> None:
    extractor = PageExtractor()
    memo = BlockMemo(max_chars=10, max_block_chars=6)
    docs = {text: extractor.nlp(text) for text in ("aaaa", "bbbb", "cccc", "toolongblock")}
    memo.put(("aaaa", "paragraph"), docs["aaaa"])
    memo.put(("bbbb", "paragraph"), docs["bbbb"])
    assert memo.get(("aaaa", "paragraph")) is docs["aaaa"]  # now the most recent
    memo.put(("cccc", "paragraph"), docs["cccc"])  # 12 characters: "bbbb" goes
    assert memo.get(("bbbb", "paragraph")) is None
    assert memo.get(("aaaa", "heading")) is None  # the kind is part of the key
    memo.put(("toolongblock", "paragraph"), docs["toolongblock"])
    assert memo.get(("toolongblock", "paragraph")) is None
    assert memo.chars == 8
    assert (memo.hits, memo.misses) == (1, 3)
