"""Baselines: the findings a team accepts today, so that `check --baseline` reports new ones only.

Findings are matched by content, never by line: a fingerprint hashes the rule code, the claim
as written and its sentence (or, for findings about no claim, the message), and counts
repeats of the same content within a file. Editing text above a finding, or moving it,
leaves its fingerprint alone; editing the claim or its sentence makes it new again, which is
what a reviewer wants. Format: docs/baseline.md.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kalypso_lint.errors import ConfigError
from kalypso_lint.fileio import read_regular
from kalypso_lint.models import Finding

BASELINE_FORMAT = "kalypso-lint-baseline"
BASELINE_VERSION = 1
DEFAULT_BASELINE = Path("kalypso-lint-baseline.json")


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def content_digest(finding: Finding) -> str:
    """What a finding is about, independent of where it sits in the file."""
    if finding.sentence is not None:
        parts = [finding.code, _normalised(finding.claim_text or ""), _normalised(finding.sentence)]
    else:
        parts = [finding.code, _normalised(finding.message)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def fingerprint_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding with its fingerprint `DIGEST:N`, N counting earlier findings of the same
    content in the same file. Expects findings in position order (as the pipeline sorts them)."""
    seen: Counter[tuple[str, str]] = Counter()
    stamped: list[Finding] = []
    for finding in findings:
        digest = content_digest(finding)
        occurrence = seen[(finding.path, digest)]
        seen[(finding.path, digest)] += 1
        stamped.append(replace(finding, fingerprint=f"{digest}:{occurrence}"))
    return stamped


def _relative_to(folder: Path, display_path: str) -> str:
    """A finding's path as the baseline stores it: relative to the baseline file's folder, so
    the file works from whichever folder kalypso-lint runs in."""
    absolute = os.path.normpath(Path.cwd().resolve() / display_path)
    return Path(os.path.relpath(absolute, folder.resolve())).as_posix()


@dataclass(frozen=True)
class Baseline:
    path: Path
    known: frozenset[tuple[str, str]]  # (path relative to the baseline's folder, fingerprint)

    def has(self, finding: Finding) -> bool:
        return (_relative_to(self.path.parent, finding.path), finding.fingerprint) in self.known


def baseline_text(findings: Iterable[Finding], path: Path) -> str:
    """The baseline file for `findings` (fingerprinted), to be written at `path`."""
    folder = path.parent
    records = sorted(
        (
            {
                "path": _relative_to(folder, finding.path),
                "code": finding.code,
                "fingerprint": finding.fingerprint,
                "text": finding.claim_text if finding.claim_text is not None else finding.message,
            }
            for finding in findings
        ),
        key=lambda record: (record["path"], record["fingerprint"]),
    )
    document = {"format": BASELINE_FORMAT, "version": BASELINE_VERSION, "findings": records}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    shown = str(path)
    try:
        text = read_regular(path).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(
            "baseline file not found (create it with `kalypso-lint baseline write`)", shown
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the baseline: {exc}", shown) from None
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not valid JSON: {exc.msg}", shown, exc.lineno) from None
    if not isinstance(document, dict) or document.get("format") != BASELINE_FORMAT:
        raise ConfigError(f'not a kalypso-lint baseline (no "format": "{BASELINE_FORMAT}")', shown)
    if document.get("version") != BASELINE_VERSION:
        raise ConfigError(
            f"baseline version {document.get('version')!r} is not supported "
            f"(this kalypso-lint reads version {BASELINE_VERSION}); write it again",
            shown,
        )
    records = document.get("findings")
    if not isinstance(records, list):
        raise ConfigError('"findings" must be a list', shown)
    known: set[tuple[str, str]] = set()
    for index, record in enumerate(records):
        if not (
            isinstance(record, dict)
            and isinstance(record.get("path"), str)
            and isinstance(record.get("fingerprint"), str)
        ):
            raise ConfigError(f"findings[{index}] needs a string path and fingerprint", shown)
        known.add((record["path"], record["fingerprint"]))
    return Baseline(path, frozenset(known))
