"""Front matter is copy (issue 12), and a citation is evidence, not any link."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers import source_at

from kalypso_lint.documents import read_document
from kalypso_lint.extract import extract_pages
from kalypso_lint.models import Claim

FRONT = """\
---
title: "Clear Skin in 14 Days"
description: Clinically proven to cure acne with no side effects.
summary: >
  Over 85% of our clients
  saw fewer breakouts.
excerpt: 'It''s 100% gentle'
date: 2026-01-01
services:
  - title: Peel
    description: Results last up to 3 months.
    price: 120
---

# Acne care

Body text without figures.
"""


def _claims(path: Path, fields: tuple[str, ...] | None = None) -> list[Claim]:
    document = (
        read_document(path, path.name)
        if fields is None
        else read_document(path, path.name, front_matter_fields=fields)
    )
    return next(extract_pages([document]))[1].claims


def test_front_matter_description_is_checked_at_its_line(write: Callable[..., Path]) -> None:
    path = write("page.md", FRONT)
    medical = [c for c in _claims(path) if c.category == "medical" and c.span.line == 3]
    assert medical, "the description's medical claims were not found"
    assert all(source_at(path, c.span) in FRONT.splitlines()[2] for c in medical)


def test_front_matter_quoted_title_keeps_columns(write: Callable[..., Path]) -> None:
    path = write("page.md", FRONT)
    claim = next(c for c in _claims(path) if c.text == "14 Days")
    assert (claim.span.line, source_at(path, claim.span)) == (2, "14 Days")


def test_front_matter_folded_summary_is_one_block(write: Callable[..., Path]) -> None:
    path = write("page.md", FRONT)
    claim = next(c for c in _claims(path) if c.text == "Over 85%")
    assert claim.span.line == 5
    assert claim.sentence == "Over 85% of our clients saw fewer breakouts."


def test_front_matter_single_quoted_escape_maps_back(write: Callable[..., Path]) -> None:
    path = write("page.md", FRONT)
    claim = next(c for c in _claims(path) if c.text == "100%")
    assert (claim.span.line, source_at(path, claim.span)) == (7, "100%")


def test_nested_front_matter_fields_are_read_and_other_keys_are_not(
    write: Callable[..., Path],
) -> None:
    path = write("page.md", FRONT)
    texts = {c.text for c in _claims(path) if c.category == "numeric"}
    assert "up to 3 months" in texts  # services[0].description
    assert "120" not in texts and "2026" not in texts  # price and date are settings


SUMMARY_LISTS = """\
---
title: Sleep and recovery
keyTakeaways:
  - Nearly 70% of runners in the survey slept better within a month.
summary_points: ["Deep sleep rose by 25% on average."]
metaSummary: About 1 in 3 adults sleep less than they should.
highlights: true
points: 3
---

Body text without figures.
"""


def test_front_matter_summary_lists_are_read_by_their_longer_names(
    write: Callable[..., Path],
) -> None:
    path = write("page.md", SUMMARY_LISTS)
    lines = {c.text: c.span.line for c in _claims(path) if c.category == "numeric"}
    assert lines.get("Nearly 70%") == 4  # keyTakeaways, a list item
    assert lines.get("25%") == 5  # summary_points, a flow list
    assert lines.get("About 1 in 3") == 6  # metaSummary
    assert "3" not in lines  # `points: 3` is a number, a setting


def test_front_matter_fields_are_configurable(write: Callable[..., Path]) -> None:
    path = write("page.md", FRONT)
    texts = {c.text for c in _claims(path, ("excerpt",)) if c.category == "numeric"}
    assert texts == {"100%"}


def test_malformed_front_matter_is_not_a_crash(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    write("claims/.keep", "")
    write("page.md", '---\ntitle: "unclosed\ndescription: [a, b\n---\nOver 40% of adults snore.\n')
    result = run_cli("check", "page.md", "-f", "json", cwd=tmp_path)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [c["text"] for c in report["claims"]] == ["Over 40%"]


def test_front_matter_fields_setting_in_rules_yaml(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    write("claims/.keep", "")
    write("rules.yaml", "registry: [claims]\nfront-matter-fields: [snippet]\n")
    write(
        "page.md", "---\ntitle: 9 in 10 dentists agree\nsnippet: Over 30% of adults grind.\n---\n"
    )
    report = json.loads(run_cli("check", "page.md", "-f", "json", cwd=tmp_path).output)
    assert [(c["text"], c["line"]) for c in report["claims"]] == [("Over 30%", 3)]


def _verdicts(run_cli: Any, tmp_path: Path, write: Callable[..., Path], page: str) -> list[str]:
    write("claims/.keep", "")
    write("page.md", page)
    report = json.loads(run_cli("check", "page.md", "-f", "json", cwd=tmp_path).output)
    return [c["verdict"] for c in report["claims"] if c["kind"] == "regulatory"]


def test_link_to_shop_is_not_a_citation(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    page = (
        "Our drops are clinically proven to calm nerves. [Buy now](https://shop.example.com/calm)\n"
    )
    assert _verdicts(run_cli, tmp_path, write, page) == ["unsupported"]


def test_link_to_own_booking_page_is_not_a_citation(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    page = '<p>Clinically proven results. <a href="/book-now">Book a visit</a></p>\n'
    verdicts = _verdicts(run_cli, tmp_path, write, page)
    assert verdicts and set(verdicts) == {"unsupported"}


def test_link_to_pubmed_is_a_citation(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    page = "Our drops are clinically proven ([trial](https://pubmed.ncbi.nlm.nih.gov/12345/)).\n"
    assert _verdicts(run_cli, tmp_path, write, page) == ["supported"]


def test_link_to_a_government_agency_is_a_citation(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    page = 'Clinically proven, <a href="https://www.nccih.nih.gov/health/zinc">per NIH</a>.\n'
    assert _verdicts(run_cli, tmp_path, write, page) == ["supported"]


def test_markdown_footnote_marker_is_a_citation_not_a_figure(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    page = "Magnesium is clinically proven to ease cramps.[^2]\n"
    write("claims/.keep", "")
    write("page.md", page)
    report = json.loads(run_cli("check", "page.md", "-f", "json", cwd=tmp_path).output)
    assert [(c["kind"], c["verdict"]) for c in report["claims"] if c["category"] == "numeric"] == []
    assert [c["verdict"] for c in report["claims"] if c["kind"] == "regulatory"] == ["supported"]


def test_doi_digits_are_not_figures(
    write: Callable[..., Path], run_cli: Any, tmp_path: Path
) -> None:
    write("claims/.keep", "")
    write("page.md", "See doi:10.1016/S0015-0282(00)01662-9 for the review.\n")
    report = json.loads(run_cli("check", "page.md", "-f", "json", cwd=tmp_path).output)
    assert [c for c in report["claims"] if c["category"] == "numeric"] == []


def test_html_blocks_get_the_kind_of_their_nearest_structure(write: Callable[..., Path]) -> None:
    path = write(
        "page.html",
        "<ul><li><p>Take 2 daily</p> with food</li></ul><table><tr><th>Dose</th></tr></table>"
        "<h2>Results</h2><blockquote>My pain is gone</blockquote><p>Plain text</p>",
    )
    kinds = [(b.kind, b.text.strip()) for b in read_document(path, path.name).blocks]
    assert kinds == [
        ("list_item", "Take 2 daily"),
        ("list_item", "with food"),
        ("table_cell", "Dose"),
        ("heading", "Results"),
        ("quote", "My pain is gone"),
        ("paragraph", "Plain text"),
    ]


# Front matter the readers compose with libyaml (issue 16): every node, mark and style as
# PyYAML's own composer gives them, so blocks keep their places.
TRICKY_FRONT_MATTER = [
    "title: “Über” café — 10% off\ndescription: >\n  Folded ✓ text\n  more\n",
    "summary: 'It''s été'\nexcerpt: \"a\\u00e9 \\n b\\\"q\\\"\"\n",
    "title: 😀 wide 😀 x\ndescription: |\n  literal 😀\n  lines\n",
    "services:\n  - description: [one, two]\n  - {title: x, n: 3}\n",
    "title: a\r\ndescription: b\r\n",
    "title: 'folded\n  over lines'\n",
    "title: x\ndescription: : not yaml\n",
    "\ttitle: tab first\n",
    "title: &a anchored\ndescription: *a\n",
    "date: 2026-01-02\ntitle: 2026\n",
]


def _nodes(node: Any) -> list[tuple[Any, ...]]:
    import yaml

    found = [
        (
            type(node).__name__,
            node.tag,
            node.start_mark.index,
            node.end_mark.index,
            node.start_mark.line,
            node.start_mark.column,
            getattr(node, "style", None) or None,  # "" in libyaml, None in Python: plain
            node.value if isinstance(node, yaml.ScalarNode) else None,
        )
    ]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _nodes(key) + _nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _nodes(item)
    return found


def test_libyaml_composes_front_matter_as_pyyaml_does() -> None:
    import yaml

    for text in TRICKY_FRONT_MATTER:
        composed = []
        for loader in (yaml.CSafeLoader, yaml.SafeLoader):
            try:
                composed.append(_nodes(yaml.compose(text, Loader=loader)))
            except yaml.YAMLError:
                composed.append([("error",)])
        assert composed[0] == composed[1], text


# A Statamic page keeps its body as a rich-text tree in the front matter (round 8).
BARD = """\
---
id: 7f1c2a
blueprint: page
title: Heel care
hero_image: images/heel_2021.jpg
content:
  - type: heading
    attrs:
      level: 2
    content:
      - type: text
        text: 'Why 8 in 10 runners feel heel pain'
  - type: paragraph
    content:
      - type: text
        text: 'Over 60% of our patients walk without pain within 6 weeks.'
faq:
  - question: How soon will I feel better?
    answer: Most patients report 50% less pain after 3 visits.
---
"""


def test_a_body_kept_in_front_matter_is_read_by_default(write: Callable[..., Path]) -> None:
    path = write("page.md", BARD)
    claims = [c for c in _claims(path) if c.category == "numeric"]
    texts = {c.text for c in claims}
    assert {"Over 60%", "50%", "8 in 10"} <= texts
    assert "2021" not in texts  # an image path is a setting
    over = next(c for c in claims if c.text == "Over 60%")
    assert (over.span.line, source_at(path, over.span)) == (16, "Over 60%")


def test_a_rich_text_heading_node_is_a_heading(write: Callable[..., Path]) -> None:
    path = write("page.md", BARD)
    document = read_document(path, path.name)
    kinds = {b.text: b.kind for b in document.blocks}
    assert kinds["Why 8 in 10 runners feel heel pain"] == "heading"
    assert kinds["Over 60% of our patients walk without pain within 6 weeks."] == "paragraph"


def test_a_single_word_path_or_template_tag_is_a_setting(write: Callable[..., Path]) -> None:
    page = "---\ntitle: Care\ncontent: pages/2024/heel_3.md\ntext: '{{partial:cta}}'\n---\n"
    path = write("page.md", page + "Body.\n")
    assert [b.text for b in read_document(path, path.name).blocks] == ["Care", "Body."]
