"""Two builds of kalypso-lint beside proselint and bare spaCy, interleaved in one run.

    python benchmarks/before_after.py --before /path/to/other/checkout [--pages 300] [--rounds 2]

`--before` is a checkout (a folder holding kalypso_lint/) run with this interpreter and
PYTHONPATH pointing at it, so the two builds share every library. Each round checks the site
(one process, no cache) with the before build, this build and proselint, one after another,
then times a one-page check of both builds beside `spacy.blank("en")` (cold_start.py's page).
Medians over the rounds; on a shared machine compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cold_start import PAGE  # noqa: E402
from run import BARE_SPACY, KALYPSO, Run, corpus, measure, pages_of, size_mb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cold-repeats", type=int, default=5)
    args = parser.parse_args()
    root = corpus(args.pages)
    files = pages_of(root)
    relative = [str(f.relative_to(root)) for f in files]
    megabytes = size_mb(files)
    before_env = {**os.environ, "PYTHONPATH": str(args.before.resolve())}
    proselint = str(Path(sys.executable).parent / "proselint")
    runs: dict[str, list[Run]] = {"before": [], "after": [], "proselint": []}
    cold: dict[str, list[Run]] = {"bare spaCy": [], "before": [], "after": []}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as scratch:
        page_dir = Path(scratch)
        (page_dir / "page.md").write_text(PAGE, encoding="utf-8")
        (page_dir / "rules.yaml").write_text("registry: []\n", encoding="utf-8")
        site = [*KALYPSO, "content", "--no-cache", "--jobs", "1", "-o", str(page_dir / "r.txt")]
        one = [*KALYPSO[:-2], "--no-cache", "page.md"]  # KALYPSO ends with --today DATE
        for _ in range(args.rounds):
            runs["before"].append(measure(site, root, before_env))
            runs["after"].append(measure(site, root))
            runs["proselint"].append(measure([proselint, "check", *relative], root))
            for _ in range(args.cold_repeats):
                cold["bare spaCy"].append(measure(BARE_SPACY, page_dir))
                cold["before"].append(measure(one, page_dir, before_env))
                cold["after"].append(measure(one, page_dir))
        load.append(os.getloadavg()[0])
    print(
        f"{args.pages} pages, {megabytes:.2f} MB, {args.rounds} rounds; "
        f"load average {load[0]:.1f} at the start, {load[1]:.1f} at the end\n"
    )
    print("| run | wall | CPU | MB/s (wall) | MB per CPU s | peak RSS |")
    print("|---|---|---|---|---|---|")
    wall = {k: statistics.median(r.wall for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r.cpu for r in v) for k, v in runs.items()}
    for name, found in runs.items():
        print(
            f"| {name} | {wall[name]:.1f} s | {cpu[name]:.1f} s | {megabytes / wall[name]:.3f} | "
            f"{megabytes / cpu[name]:.3f} | {max(r.rss_mb for r in found):.0f} MB |"
        )
    for name in ("before", "after"):
        print(
            f"\nkalypso-lint {name} / proselint: {wall['proselint'] / wall[name]:.2f}x wall, "
            f"{cpu['proselint'] / cpu[name]:.2f}x CPU (target >= 3x)"
        )
    bare_wall = statistics.median(r.wall for r in cold["bare spaCy"])
    bare_cpu = statistics.median(r.cpu for r in cold["bare spaCy"])
    print(f"\ncold start, one page, median of {len(cold['after'])} interleaved:")
    for name in ("before", "after"):
        w = statistics.median(r.wall for r in cold[name])
        c = statistics.median(r.cpu for r in cold[name])
        print(
            f"- {name}: {w:.2f} s wall, {c:.2f} s CPU vs bare spaCy {bare_wall:.2f} s, "
            f"{bare_cpu:.2f} s: {w / bare_wall:.2f}x wall, {c / bare_cpu:.2f}x CPU (target <= 1.3x)"
        )


if __name__ == "__main__":
    main()
