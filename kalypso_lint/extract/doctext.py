"""A block Doc's text, read without rebuilding it.

`Doc.text` joins every token's text on each access (a Token object per word). The extractor
keeps the block's text on its Doc (`doc._.kl_text`, registered by extract/medical.py), and
merging tokens keeps the text, so the two are the same (issue 16).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

# Where spaCy keeps a Doc's value of the extension `kl_text` (Underscore's key). Read there
# directly: `doc._` makes an Underscore object per access, which cost more than the rest of
# most callers (about 2 µs a time); a Doc without the value falls back to Doc.text, which is
# the same text.
_KL_TEXT = ("._.", "kl_text", None, None)


def block_text(doc: Doc) -> str:
    """The Doc's text: the block's as kept, or rebuilt from the tokens when none was kept."""
    values: dict[Any, Any] = doc.user_data  # keyed by tuples, whatever spaCy's stub says
    text = values.get(_KL_TEXT)
    return doc.text if not isinstance(text, str) else text
