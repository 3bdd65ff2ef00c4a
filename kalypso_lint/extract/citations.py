"""Is a block cited? A citation is evidence (issue 12): a DOI, a PMID, a reference marker or
footnote, or a link to the literature, a health agency or a professional body
(data/citations.yaml). A link to a shop, a product or booking page or the site's own pages
is no citation, however close it stands to a claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from kalypso_lint.data import load_data_file
from kalypso_lint.extract.lexicon import medical_lexicon
from kalypso_lint.extract.regex_gate import LiteralGate, literal_gate
from kalypso_lint.models import TextBlock


@dataclass(frozen=True)
class CitationRules:
    domains: frozenset[str]
    suffixes: tuple[str, ...]
    anchors: re.Pattern[str]
    # The citation expressions one by one, each with the literals one of which its matches
    # hold (extract/regex_gate.py): most blocks hold none, and the expressions joined in one
    # alternation were tried at every position of every block (issue 16). Some expression
    # matches the text exactly when their alternation does.
    text: tuple[tuple[re.Pattern[str], LiteralGate | None], ...]
    journals: re.Pattern[str]
    journal_markers: tuple[str, ...]

    def cites_in_text(self, text: str) -> bool:
        """A DOI, PMID, reference marker or footnote in the text, or a journal named."""
        for pattern, gate in self.text:
            if (gate is None or gate.may_match(text, None)) and pattern.search(text):
                return True
        return any(m in text for m in self.journal_markers) and bool(self.journals.search(text))


@cache
def citation_rules() -> CitationRules:
    data = load_data_file("citations.yaml")
    text_patterns = [*medical_lexicon().citation_patterns, *data["text_patterns"]]
    return CitationRules(
        domains=frozenset(d.lower() for d in data["domains"]),
        suffixes=tuple(s.lower() for s in data["suffixes"]),
        anchors=re.compile("|".join(f"(?:{p})" for p in data["anchors"]), re.IGNORECASE),
        text=tuple((pattern, literal_gate(pattern)) for pattern in map(re.compile, text_patterns)),
        journals=re.compile("|".join(f"(?:{p})" for p in data["journal_patterns"])),
        journal_markers=tuple(str(m) for m in data["journal_markers"]),
    )


def is_evidence_link(href: str, rules: CitationRules | None = None) -> bool:
    """Whether a link target can be evidence: the literature, an agency, a professional body,
    or a footnote or reference list on the same page."""
    rules = rules or citation_rules()
    href = href.strip()
    if href.lower().startswith("doi:"):
        return True  # a DOI written in the text (documents.base keeps it as a target)
    if href.startswith("#"):
        return bool(rules.anchors.match(href))
    try:
        host = (urlsplit(href if "//" in href else f"//{href}").hostname or "").lower()
    except ValueError:
        return False
    if not host or "." not in host:
        return False  # a relative link: the site's own page
    host = host.removeprefix("www.")
    if host.endswith(rules.suffixes):
        return True
    parts = host.split(".")
    return any(".".join(parts[i:]) in rules.domains for i in range(len(parts) - 1))


def is_cited(block: TextBlock) -> bool:
    rules = citation_rules()
    if any(is_evidence_link(href, rules) for href in block.links):
        return True
    return rules.cites_in_text(block.text)


def blocks_cited(blocks: Sequence[TextBlock]) -> list[bool]:
    """Per block, whether a citation stands by it: in the block or the next one, or, for a
    heading, anywhere in the section it opens (up to the next heading of its level or
    higher). A heading such as "What the studies show" announces the cited results below
    it; it is no uncited claim of its own."""
    own = [is_cited(block) for block in blocks]
    cited = [own[i] or (i + 1 < len(own) and own[i + 1]) for i in range(len(own))]
    levels = [(block.level or 1) if block.kind == "heading" else 0 for block in blocks]
    for i, level in enumerate(levels):
        if not level or cited[i]:
            continue
        for j in range(i + 1, len(blocks)):
            if levels[j] and levels[j] <= level:
                break
            if own[j]:
                cited[i] = True
                break
    return cited
