"""Golden outputs that prove a speed change changed no result (issue 16).

Every claim and phrase hit of the labelled corpora in tests/corpus/, and the JSON reports of
the bundled example and of a generated benchmark site, exactly as the code before the hot-path
redesign produced them (written from main before the change and committed in tests/golden/).
test_identical_outputs.py compares today's outputs with them, byte for byte.

A change that is meant to change results (new cues, new claim kinds) regenerates them:

    python tests/golden_outputs.py --write
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
CORPORA = ("numeric.yaml", "numeric-heldout.yaml", "medical.yaml")
SITE_PAGES = 60  # pages of the generated benchmark site (benchmarks/make_corpus.py, seed 7)
EXAMPLE_TODAY = "2026-11-26"  # as examples/expected/report.json
SITE_TODAY = "2026-12-01"  # as benchmarks/run.py


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def corpus_extracts(name: str) -> str:
    """Every claim and phrase hit (all fields) of one labelled corpus, as JSON text; one
    extractor for the whole corpus, so blocks repeated across cases meet in one process."""
    import yaml

    from kalypso_lint.catalog import build_rulebook
    from kalypso_lint.documents.text import read_text
    from kalypso_lint.extract import extract_pages

    cases = yaml.safe_load((REPO_ROOT / "tests" / "corpus" / name).read_text(encoding="utf-8"))
    specs = tuple(rule.spec() for rule in build_rulebook().phrase_rules)
    documents = [read_text(case["id"], case["text"] + "\n") for case in cases]
    pages = [
        {"id": case["id"], "claims": _plain(page.claims), "hits": _plain(page.hits)}
        for case, (_, page) in zip(cases, extract_pages(documents, (), specs), strict=True)
    ]
    return json.dumps(pages, indent=1, ensure_ascii=False) + "\n"


def _check_json(cwd: Path, *arguments: str) -> str:
    command = [sys.executable, "-m", "kalypso_lint", "check", "--no-cache", *arguments]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{command} exited {done.returncode}: {done.stderr}")
    return done.stdout


def example_report() -> str:
    """The JSON report of every example page (Markdown, HTML, text, Word, PDF)."""
    return _check_json(REPO_ROOT, "examples", "--format", "json", "--today", EXAMPLE_TODAY)


def site_report(jobs: int = 1) -> str:
    """The JSON report of the generated benchmark site: chrome repeated on every page, the
    bundled registry, figures and medical claims of every kind, in one process."""
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from make_corpus import make_corpus

    with tempfile.TemporaryDirectory() as folder:
        site = make_corpus(Path(folder) / "site", SITE_PAGES, 7)
        return _check_json(
            site, "content", "--format", "json", "--today", SITE_TODAY, "--jobs", str(jobs)
        )


def outputs() -> dict[str, str]:
    found = {f"corpus-{name.removesuffix('.yaml')}.json": corpus_extracts(name) for name in CORPORA}
    found["example-report.json"] = example_report()
    found[f"site-{SITE_PAGES}-report.json"] = site_report()
    return found


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    GOLDEN.mkdir(exist_ok=True)
    for file_name, text in outputs().items():
        (GOLDEN / file_name).write_text(text, encoding="utf-8")
        print(f"wrote tests/golden/{file_name} ({len(text):,} characters)")
