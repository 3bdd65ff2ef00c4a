"""Credentials never leave in a report (issue 15): `https://user:pass@host/` is shown as
`https://***@host/` in findings, messages and every place a registry URL is displayed."""

from __future__ import annotations

import re
from collections.abc import Mapping

# scheme://userinfo@ - userinfo cannot hold "/", "?", "#", "@" or spaces (RFC 3986, 3.2.1).
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s]+@")


def redact_urls(text: str) -> str:
    """`text` with the user name and password of every URL in it replaced by `***`."""
    return _USERINFO.sub(r"\1***@", text) if "@" in text else text


def redact_values(args: Mapping[str, object]) -> dict[str, object]:
    """Message arguments with every string value redacted."""
    return {k: redact_urls(v) if isinstance(v, str) else v for k, v in args.items()}
