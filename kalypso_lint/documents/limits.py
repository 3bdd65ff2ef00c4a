"""What a reader's safety limits leave out, so it is reported rather than silently unchecked.

markdown-it stops parsing a container's content at its nesting limit (`maxNesting`) and
moves on, dropping the lines inside without a word (issue 15: 20 levels of lists or `>`
gave "Claims: 0"). The limit is what keeps deep input from exhausting the stack, so it
stays; it is raised far above any real page, and whatever lies beyond it is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from markdown_it.token import Token

from kalypso_lint.models import TextBlock

# Longer "sentences" are tables or data dumps pasted as prose (issue 15): every claim
# carries its sentence and every finding prints it, so an unbounded one made the run and the
# report grow with the square of the text. The sentence kept with a claim is clipped to this
# many characters around it; real sentences stay whole.
MAX_SENTENCE_CHARS = 600
_LONG_RUN = re.compile(rf"[^.!?]{{{MAX_SENTENCE_CHARS + 1},}}")

# markdown-it's CommonMark preset allows 20; 100 parses in well under the default recursion
# limit (measured up to 200) and is more than any page a person writes.
MARKDOWN_MAX_NESTING = 100


def nesting_cuts(tokens: Sequence[Token], max_nesting: int) -> tuple[tuple[int, str], ...]:
    """(1-based line, reason) of each container whose content the nesting limit dropped: an
    opener at the last allowed level directly followed by its closer."""
    cuts: list[tuple[int, str]] = []
    for token, following in pairwise(tokens):
        if (
            token.nesting == 1
            and token.level >= max_nesting - 1
            and following.nesting == -1
            and token.map
        ):
            reason = (
                f"content nested more than {max_nesting} levels deep (lists or block quotes) "
                "is not parsed"
            )
            cuts.append((token.map[0] + 1, reason))
            break  # one finding per page: everything deeper is cut the same way
    return tuple(cuts)


def long_sentences(block: TextBlock) -> Iterator[tuple[int, int]]:
    """(offset in the block, length) of each run of text longer than a sentence can be."""
    for match in _LONG_RUN.finditer(block.text):
        text = match.group()
        if len(text.strip()) > MAX_SENTENCE_CHARS:
            yield match.start() + len(text) - len(text.lstrip()), len(text.strip())
