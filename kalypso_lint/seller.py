"""What a page sells: products or services (issue 13, docs/medical-claims.md).

The same words are a disease claim on a supplement's page and a service description on a
clinic's: "Migraine treatment", "used to treat insomnia", "Joint pain relief". A product page
gets the readings that are right for products (KL207 on by default, product wording read as
claims); a services page keeps the readings tuned on clinic pages.

Who decides, first one that says: the page (a `<!-- kalypso-lint: sells=products -->`
directive, or `sells:` in its front matter), `per-file-sells` in the configuration (first
matching glob), `sells` in the configuration; with `auto` (the default) the page's own copy
(data/product_pages.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache

from kalypso_lint.config import SELLS, Settings, normal_sells
from kalypso_lint.data import load_data_file
from kalypso_lint.models import Document, Span

PRODUCTS, SERVICES, AUTO = SELLS


@dataclass(frozen=True)
class PageSeller:
    """What the page sells, and what said so (for tests and for reading a decision)."""

    sells: str  # products | services
    decided_by: str  # "directive", "front matter", "per-file-sells 'shop/**'", "sells", cue


@dataclass(frozen=True)
class ProductCues:
    strong: re.Pattern[str]
    pack: re.Pattern[str]
    weak: re.Pattern[str]


def _alternatives(phrases: Iterable[str]) -> str:
    # Longest first, so "fl oz" is tried before "oz"; spaces match any run of white space.
    ordered = sorted({str(p).lower() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


@cache
def product_cues() -> ProductCues:
    data = load_data_file("product_pages.yaml")
    price = r"[$€£₹]\s?\d[\d,]*(?:\.\d\d)?"
    # What a pack holds: "60 capsules", "30 ml bottle", or its net weight ("Net wt. 100 g").
    count = rf"(?<![\w.,])\d+\s*(?:[a-z-]+\s+){{0,2}}(?:{_alternatives(data['pack_units'])})(?!\w)"
    net = rf"(?<!\w)(?:{_alternatives(data['net_contents'])})\.?\s*:?\s*\d"
    return ProductCues(
        strong=re.compile(rf"(?<!\w)(?:{_alternatives(data['strong'])})(?!\w)"),
        pack=re.compile(f"{count}|{net}"),
        weak=re.compile(rf"(?<!\w)(?:{_alternatives(data['weak'])})(?!\w)|{price}"),
    )


def product_page_cue(texts: Iterable[str]) -> str | None:
    """The cue that shows the page sells a product ("add to cart", "60 capsules + $39.99"),
    or None. `texts` are the page's blocks."""
    cues = product_cues()
    pack: str | None = None
    weak: str | None = None
    for text in texts:
        lower = text.lower()
        strong = cues.strong.search(lower)
        if strong:
            return strong.group(0)
        if pack is None and (found := cues.pack.search(lower)):
            pack = found.group(0)
        if weak is None and (found := cues.weak.search(lower)):
            weak = found.group(0)
        if pack and weak:
            return f"{pack} + {weak}"
    return None


def configured_sells(
    settings: Settings,
    path: str,
    page: str | None = None,
    front_matter: Mapping[str, object] | None = None,
) -> tuple[str, str]:
    """(products | services | auto, who said so) for the page at `path`: `page` is a
    directive's value, then the front matter, per-file-sells and sells."""
    if page is not None:
        return page, "directive"
    said = normal_sells((front_matter or {}).get("sells"))
    if said is not None:
        return said, "front matter"
    for pattern, sells in settings.per_file_sells.items():
        if fnmatch(path, pattern):
            return sells, f"per-file-sells {pattern!r}"
    return settings.sells, "sells"


def page_seller(
    settings: Settings,
    path: str,
    texts: Iterable[str],
    page: str | None = None,
    front_matter: Mapping[str, object] | None = None,
) -> PageSeller:
    """What the page at `path` sells; `texts` (its blocks) are read only under `auto`."""
    sells, decided_by = configured_sells(settings, path, page, front_matter)
    if sells != AUTO:
        return PageSeller(sells, decided_by)
    cue = product_page_cue(texts)
    return PageSeller(PRODUCTS, f"page: {cue}") if cue else PageSeller(SERVICES, "auto")


_FRONT_MATTER_KEY = re.compile(r"^sells\s*:", re.MULTILINE)


def unknown_front_matter_sells(document: Document) -> list[tuple[Span, str]]:
    """A `sells:` front matter value that is none of the three, reported like a directive
    that cannot be understood (KL904): it would otherwise leave the page to `auto`."""
    value = document.front_matter.get("sells")
    if value is None or normal_sells(value) is not None:
        return []
    match = _FRONT_MATTER_KEY.search(document.source)
    line = document.source.count("\n", 0, match.start()) + 1 if match else 1
    return [
        (Span(line, 1, line, 1), f"front matter sells: {value!r} is not products, services or auto")
    ]
