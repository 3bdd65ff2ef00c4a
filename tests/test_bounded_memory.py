"""Large pages in bounded memory (issue 16): a long Markdown source is parsed a part at a
time, and gives exactly the Document that parsing it whole gives."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from kalypso_lint.documents.markdown import read_markdown
from kalypso_lint.extract import BlockMemo, PageExtractor
from kalypso_lint.extract.nlp import build_pipeline

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


SENTENCE_CASES = [
    "",
    ".",
    "...",
    "Hello",
    "Over 92% of patients improved. Book now!",
    '"Really?!" she asked. "Yes." 3 in 10 said so... (See note.) Done',
    "! ? . Leading marks. Then words; and more。 Next sentence։ And ‼ this.",
    "Call 555-0134. Dr. Alvarez, M.D., sees 12 patients a day.\n\nNew paragraph here",
    "End with marks?!",
]


@cache
def _reference() -> Language:
    """spaCy's own Sentencizer behind our tokenizer."""
    import spacy

    reference = spacy.blank("en")
    reference.tokenizer = build_pipeline().tokenizer
    reference.add_pipe("sentencizer")
    return reference


@pytest.mark.parametrize("text", SENTENCE_CASES)
def test_kl_sentences_gives_spacy_sentencizer_boundaries(text: str) -> None:
    ours, reference = build_pipeline(), _reference()
    expected = [token.is_sent_start for token in reference(text)]
    doc = ours.make_doc(text)
    ours.get_pipe("kl_sentences")(doc)
    assert [token.is_sent_start for token in doc] == expected


@given(
    st.lists(
        st.sampled_from(["word", "12", ".", "!", "?", "...", '"', ")", "(", ",", "।", "Dr.", "\n"]),
        max_size=30,
    )
)
@settings(max_examples=200, deadline=None)
def test_kl_sentences_agrees_with_spacy_on_any_sequence_of_marks(words: list[str]) -> None:
    test_kl_sentences_gives_spacy_sentencizer_boundaries(" ".join(words))
