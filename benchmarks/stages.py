"""Where one process's time goes, stage by stage (issue 16): the per-stage timer.

    python benchmarks/stages.py                   # 300 pages, median of 5 fresh processes
    python benchmarks/stages.py --pages 1000 --runs 3

Each run is a fresh process that checks the benchmark site (make_corpus.py, seed 7) the way
`kalypso-lint check --jobs 1 --no-cache` does, with a timer around every stage: imports,
building the pipeline, reading the documents, the tokenizer, each pipeline component (spaCy's
Matcher and PhraseMatcher calls billed apart from the component that makes them), turning
spans into claims, verifying and rules, and the JSON report. Time is exclusive: a Matcher
call inside kl_numbers counts as Matcher, not as kl_numbers. The table gives the median of
each stage over the runs and its share of the median total (process CPU time).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TODAY = "2026-12-01"


class Clock:
    """Exclusive timers: entering a stage pauses the one it interrupts."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[tuple[str, float]] = []

    def enter(self, stage: str) -> None:
        now = time.process_time()
        if self.stack:
            outer, since = self.stack[-1]
            self.spent[outer] += now - since
        self.stack.append((stage, now))

    def leave(self) -> None:
        now = time.process_time()
        stage, since = self.stack.pop()
        self.spent[stage] += now - since
        if self.stack:
            self.stack[-1] = (self.stack[-1][0], now)

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.enter(stage)
            try:
                return function(*args, **kwargs)
            finally:
                self.leave()

        return timed


class _TimedMatcher:
    """Stands in for a Matcher on a component, billing its calls to "spaCy Matcher"."""

    def __init__(self, clock: Clock, matcher: Any) -> None:
        self._call = clock.wrap("spaCy Matcher / PhraseMatcher", matcher.__call__)
        self._matcher = matcher

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)


def _time_matchers(clock: Clock, owner: Any, depth: int = 0) -> None:
    from spacy.matcher import Matcher, PhraseMatcher

    for name, value in list(vars(owner).items()):
        if isinstance(value, Matcher | PhraseMatcher):
            setattr(owner, name, _TimedMatcher(clock, value))
        elif type(value).__name__ == "GatedMatcher":  # extract/pattern_gate.py: its calls
            value.run = clock.wrap("spaCy Matcher / PhraseMatcher", value.run)
        elif (
            depth < 2
            and hasattr(value, "__dict__")
            and type(value).__module__.startswith("kalypso_lint")
        ):
            _time_matchers(clock, value, depth + 1)


def one_run(site: Path, memo: bool = True) -> dict[str, float]:
    """Check the site in this process with every stage timed; CPU seconds by stage."""
    clock = Clock()
    start = time.process_time()
    clock.enter("imports")
    import kalypso_lint.extract.nlp  # noqa: F401  (spaCy and our components)
    from kalypso_lint import pipeline, report
    from kalypso_lint.cli import app
    from kalypso_lint.extract import PageExtractor, spans

    clock.leave()
    clock.enter("verify, rules, discovery, the rest")
    pipeline.read_document = clock.wrap("reading documents", pipeline.read_document)  # type: ignore[assignment]
    spans.page_from_docs = clock.wrap("spans to claims", spans.page_from_docs)  # type: ignore[assignment]
    report.render = clock.wrap("JSON report", report.render)  # type: ignore[assignment]
    original_init = PageExtractor.__init__
    extractors: list[Any] = []

    def timed_init(self: PageExtractor, *args: Any, **kwargs: Any) -> None:
        extractors.append(self)
        if not memo:
            kwargs["memo_chars"] = 0
        clock.enter("building the pipeline")
        try:
            original_init(self, *args, **kwargs)
        finally:
            clock.leave()
        nlp = self.nlp
        nlp.tokenizer = clock.wrap("tokenizer", nlp.tokenizer)
        for index, (name, component) in enumerate(nlp._components):
            _time_matchers(clock, component)
            nlp._components[index] = (name, clock.wrap(name, component))

    PageExtractor.__init__ = timed_init  # type: ignore[method-assign]
    os.chdir(site)
    arguments = ["check", "content", "--no-cache", "--jobs", "1", "--today", TODAY]
    with tempfile.TemporaryDirectory() as scratch:
        arguments += ["--format", "json", "--output", str(Path(scratch) / "report.json")]
        with contextlib.suppress(SystemExit):
            app(arguments, prog_name="kalypso-lint")
    clock.leave()
    spent = dict(clock.spent)
    spent["total"] = time.process_time() - start
    block_memo = getattr(extractors[0], "memo", None) if extractors else None
    if block_memo is not None:  # the share of block characters served by the block memo
        seen = block_memo.hit_chars + block_memo.miss_chars
        spent["_memo_hit_share"] = block_memo.hit_chars / seen if seen else 0.0
    return spent


def site_for(pages: int) -> Path:
    sys.path.insert(0, str(HERE))
    from run import corpus

    return corpus(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one-run", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help="a name for this build in the output")
    parser.add_argument("--no-memo", action="store_true", help="switch the block memo off")
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(one_run(args.one_run, memo=not args.no_memo)))
        return
    site = site_for(args.pages)
    files = [p for p in (site / "content").rglob("*") if p.is_file()]
    mb = sum(p.stat().st_size for p in files) / 1e6
    runs = []
    loads = [os.getloadavg()[0]]
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, __file__, "--one-run", str(site)]
            + (["--no-memo"] if args.no_memo else []),
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        loads.append(os.getloadavg()[0])
    stages = sorted({name for run in runs for name in run if not name.startswith("_")} - {"total"})
    median = {name: statistics.median(run.get(name, 0.0) for run in runs) for name in stages}
    total = statistics.median(run["total"] for run in runs)
    print(
        f"{args.label or 'this build'}: {len(files)} pages, {mb:.2f} MB, median of {args.runs} "
        f"runs; load average {min(loads):.1f}-{max(loads):.1f}"
    )
    print("\n| stage | CPU s | share |\n|---|---|---|")
    for name in sorted(stages, key=lambda n: -median[n]):
        print(f"| {name} | {median[name]:.2f} | {100 * median[name] / total:.0f}% |")
    print(f"| total (process CPU) | {total:.2f} | {mb / total:.2f} MB per CPU second |")
    if "_memo_hit_share" in runs[0]:
        share = runs[0]["_memo_hit_share"]
        print(f"\nblock memo: {100 * share:.1f}% of the block characters were served from it")
    out = HERE / "results" / f"stages-{args.label or 'latest'}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"pages": len(files), "mb": mb, "runs": runs}, indent=1) + "\n")


if __name__ == "__main__":
    main()
