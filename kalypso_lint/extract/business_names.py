"""A medical claim that is a business's name (issue 13, session 9).

"Hear Again 2 | Mountain Hearing Center", "Pain Free Chiropractic", "Better Sleep Clinic":
names read as a claim in every page's title and footer. A claim whose words are all
capitalised and that is followed by a bare number or by a word that names a kind of
practice is the name of the business, not a claim it makes; the copy around the name is
checked as usual. The practice words are data (data/business_names.yaml).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from kalypso_lint.data import shared_data_file

DATA_FILE = "business_names.yaml"


@cache
def practice_words() -> frozenset[str]:
    raw = shared_data_file(DATA_FILE)
    return frozenset(str(word).lower() for word in raw["practice_words"])


def names_a_business(span: Span) -> bool:
    """Whether the claim's words are a name: all capitalised, then a bare number ("Hear
    Again 2") or a word for a practice ("Pain Free Chiropractic")."""
    words = [t for t in span if t.is_alpha]
    if not words or not all(t.text[:1].isupper() for t in words):
        return False
    if span.end >= len(span.doc):
        return False
    doc = span.doc
    following = doc[span.end]
    if following.text.isdigit():
        # "Hear Again 2 | ...", "Hear Again 2 in Springfield", not "Reverse Diabetes 2 Weeks"
        # or "Cures Arthritis 100%": the number must end the name.
        return _ends_name(doc, span.end + 1)
    named = following.text[:1].isupper() and following.lower_ in practice_words()
    return named and _ends_name(doc, span.end + 1)


def _ends_name(doc: Doc, index: int) -> bool:
    """Whether the name stops at doc[index]: the end of the block, a separator, or "in" or
    "at" before a capitalised place."""
    if index >= len(doc):
        return True
    token = doc[index]
    if token.text in _SEPARATORS:
        # "30-Day" is one word split by the tokenizer; a separator stands apart.
        return token.text not in _DASHES or bool(doc[index - 1].whitespace_)
    place = doc[index + 1] if index + 1 < len(doc) else None
    return token.lower_ in ("in", "at", "on") and place is not None and place.text[:1].isupper()


_SEPARATORS = frozenset({"|", "-", "–", "—", ":", "·", ",", "©", "."})
_DASHES = frozenset({"-", "–", "—"})
