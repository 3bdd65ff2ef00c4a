"""Change-to-diagnostics time of `kalypso-lint server` (issue 18): how long after an edit the
editor shows that edit's findings, warm, on a 5 kB page.

    python benchmarks/server_latency.py                 # 40 edits, default and no debounce
    python benchmarks/server_latency.py --edits 100

A real server process is started over stdio (the same client as tests/test_server.py) in a
copy of the bundled example. The page is the example page followed by more of its own
sections until it is 5 kB. After a warm-up, each edit changes one figure (so every check
has new findings to report) and the clock runs from sending `didChange` to receiving the
`publishDiagnostics` of that version. Reported: median, 90th percentile and maximum, with
the default debounce (50 ms, part of what a writer waits) and with none (the check itself).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from lspclient import LspClient  # noqa: E402

PAGE_BYTES = 5_000


def build_page(folder: Path) -> Path:
    example = (REPO / "examples" / "ketamine-infusions.md").read_text(encoding="utf-8")
    body = example.split("---\n", 2)[2]  # without the front matter
    text = example
    while len(text.encode("utf-8")) < PAGE_BYTES:
        text += "\n" + body
    page = folder / "examples" / "long-page.md"
    page.write_text(text, encoding="utf-8")
    return page


def measure(project: Path, page: Path, edits: int, debounce_ms: int) -> list[float]:
    server = shutil.which("kalypso-lint", path=str(Path(sys.executable).parent))
    assert server, "install kalypso-lint in this environment first"
    client = LspClient([server, "server", "--debounce", str(debounce_ms)], project)
    try:
        client.initialize(project)
        text = page.read_text(encoding="utf-8")
        uri = client.open(page)
        client.diagnostics(uri, version=1, timeout=120)  # spaCy and the registry load here
        times: list[float] = []
        for version in range(2, edits + 7):
            figure = 40 + version % 50
            edited = text.replace("almost 49 million", f"almost {figure} million", 1)
            mark = len(client.notifications)
            started = time.perf_counter()
            client.change(uri, version, edited)
            client.diagnostics(uri, version=version, start=mark, timeout=60)
            if version >= 7:  # the first five edits warm caches up
                times.append(time.perf_counter() - started)
        return times
    finally:
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        shutil.copy(REPO / "rules.yaml", project / "rules.yaml")
        shutil.copytree(REPO / "claims", project / "claims")
        (project / "examples").mkdir()
        page = build_page(project)
        size = page.stat().st_size
        print(f"page: {size:,} bytes, {args.edits} edits after 5 warm-up edits")
        print("| debounce | median | p90 | max |")
        print("|---|---|---|---|")
        for debounce in (50, 0):
            times = sorted(measure(project, page, args.edits, debounce))
            p90 = times[int(0.9 * (len(times) - 1))]
            print(
                f"| {debounce} ms | {statistics.median(times) * 1000:.0f} ms "
                f"| {p90 * 1000:.0f} ms | {times[-1] * 1000:.0f} ms |"
            )


if __name__ == "__main__":
    main()
