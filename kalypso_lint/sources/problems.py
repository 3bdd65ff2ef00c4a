"""What a source check reports before the rule policy sees it: a code, the entry, the source
and the key it is about (so the finding points at that line), and the message arguments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    code: str
    entry_id: str
    args: Mapping[str, object] = field(default_factory=dict)
    source: int | None = None  # index in the entry's `sources`; None: the entry itself
    key: str = ""  # the key the problem is about ("url", "quote", "doi", "reviewed"...)
