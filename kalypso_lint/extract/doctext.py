"""A block Doc's text, read without rebuilding it.

`Doc.text` joins every token's text on each access (a Token object per word). The extractor
keeps the block's text on its Doc (`doc._.kl_text`, registered by extract/medical.py), and
merging tokens keeps the text, so the two are the same (issue 16).
"""

from __future__ import annotations

from spacy.tokens import Doc


def block_text(doc: Doc) -> str:
    """The Doc's text: the block's as kept, or rebuilt from the tokens when none was kept."""
    text: str | None = doc._.kl_text if Doc.has_extension("kl_text") else None
    return doc.text if text is None else text
