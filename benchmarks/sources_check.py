"""Time `kalypso-lint sources check` over N sources, with and without the cache.

The sources are pages served from this machine by H small HTTP servers (one "host" each, so
the per-host limit behaves as it would across real sites), each answering after a simulated
network latency. Every page is about 30 kB of HTML with the entry's quote near the end; every
entry has a figure and a quote, so each run fetches, extracts and searches every page.

    python benchmarks/sources_check.py --sources 200 --hosts 20 --latency 0.1

Runs, each a fresh `python -m kalypso_lint sources check` process (start-up included):
  no-cache   --no-cache: every page requested
  cold       empty cache: every page requested and stored
  warm       the same again: every answer from the cache, no request
  offline    --offline: dates and registry only
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FILLER = "<p>Migraine is a neurological disease with recurring attacks of headache. </p>" * 380


def page(number: int) -> bytes:
    return (
        f"<html><head><title>Source {number}</title></head><body>{FILLER}"
        f"<p>About {number + 1} million people in the US live with migraine.</p>"
        "</body></html>"
    ).encode()


class Counter:
    def __init__(self) -> None:
        self.requests = 0
        self.lock = threading.Lock()


@contextmanager
def servers(hosts: int, latency: float, counter: Counter) -> Iterator[list[str]]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with counter.lock:
                counter.requests += 1
            time.sleep(latency)
            body = page(int(self.path.rsplit("/", 1)[-1]))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    running = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(hosts)]
    for server in running:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield [f"http://127.0.0.1:{server.server_address[1]}" for server in running]
    finally:
        for server in running:
            server.shutdown()
            server.server_close()


def write_project(root: Path, bases: list[str], sources: int) -> None:
    lines = ["claims:"]
    for number in range(sources):
        url = f"{bases[number % len(bases)]}/page/{number}"
        lines += [
            f"  - id: entry-{number}",
            f"    statement: About {number + 1} million people in the US live with migraine.",
            f"    value: {(number + 1) * 1_000_000}",
            "    unit: people",
            "    match: [[migraine]]",
            "    sources:",
            f"      - title: Source {number}",
            f"        url: {url}",
            f"        quote: About {number + 1} million people in the US live with migraine",
            "    reviewed: 2026-11-01",
            "    status: approved",
        ]
    (root / "claims").mkdir()
    (root / "claims" / "registry.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "rules.yaml").write_text(
        "registry: [claims]\nsources:\n  allow-private: true\n", encoding="utf-8"
    )


def timed_run(root: Path, *options: str) -> float:
    command = [sys.executable, "-m", "kalypso_lint", "sources", "check", "--today", "2026-11-27"]
    started = time.perf_counter()
    result = subprocess.run([*command, *options], cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"run failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per answer")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    counter = Counter()
    times: dict[str, list[float]] = {"no-cache": [], "cold": [], "warm": [], "offline": []}
    requests: dict[str, int] = {}
    with servers(args.hosts, args.latency, counter) as bases:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                write_project(root, bases, args.sources)
                for name, options in (
                    ("no-cache", ("--no-cache",)),
                    ("cold", ()),
                    ("warm", ()),
                    ("offline", ("--offline",)),
                ):
                    before = counter.requests
                    times[name].append(timed_run(root, *options))
                    requests[name] = counter.requests - before
    print(
        f"{args.sources} sources on {args.hosts} hosts, {args.latency * 1000:.0f} ms latency, "
        f"median of {args.repeat}:"
    )
    for name, values in times.items():
        print(f"  {name:<9} {statistics.median(values):6.2f} s  ({requests[name]} requests)")


if __name__ == "__main__":
    main()
