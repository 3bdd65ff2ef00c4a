"""Hostile-input costs of issue 15: a 20 MB registry, a figure-dense page, a trickling server.

    python benchmarks/hostile.py                  # all three, about a minute
    python benchmarks/hostile.py --kalypso PATH   # another build's kalypso-lint (before/after)

Each measurement runs the real command line in a fresh process and reads its wall time and
peak resident memory (os.wait4), as run.py does. Inputs are generated here (seeded).
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import measure  # noqa: E402

TOPICS = ["migraine", "sleep", "anxiety", "ketamine", "infusion", "relief", "clinic", "visits"]


def registry_text(target_bytes: int, seed: int = 15) -> tuple[str, int]:
    """Entries shaped like a real registry (sources, quotes, dates) up to `target_bytes`."""
    rng = random.Random(seed)
    parts = ["claims:\n"]
    size, count = len(parts[0]), 0
    while size < target_bytes:
        a, b = rng.sample(TOPICS, 2)
        entry = (
            f"  - id: {a}-{b}-{count}\n"
            f"    statement: In survey {count}, {rng.randint(1, 99)}% of {a} patients "
            f"reported {b} changes.\n"
            f"    value: {rng.randint(1, 99)}\n"
            "    unit: percent\n"
            f"    match: [[{a}, {a}s], [{b}], [survey {count}]]\n"
            "    sources:\n"
            f"      - title: Survey {count} of {a} care\n"
            f"        url: https://example.org/{a}/{count}\n"
            f"        quote: {rng.randint(1, 99)} percent of respondents said so\n"
            "        accessed: 2026-10-01\n"
            "    reviewed: 2026-11-01\n"
            "    expires: 2027-11-01\n"
            "    status: approved\n"
        )
        parts.append(entry)
        size += len(entry)
        count += 1
    return "".join(parts), count


def figure_dense_page(target_bytes: int) -> str:
    """Numbers with no full stop: a data dump pasted as prose (issue 15, case 6)."""
    rng = random.Random(6)
    words = []
    size = 0
    while size < target_bytes:
        word = f"{rng.randint(1, 99)}% of {rng.choice(TOPICS)} patients,"
        words.append(word)
        size += len(word) + 1
    return " ".join(words) + "\n"


def trickling_server() -> tuple[int, threading.Event]:
    """An HTTP server on 127.0.0.1 sending one byte every 0.2 s, forever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"x" * 10**6
            for byte in answer:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.2)

    def accept() -> None:
        while not stop.is_set():
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1], stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kalypso", default=None, help="kalypso-lint executable to measure")
    parser.add_argument("--registry-mb", type=float, default=20.0)
    parser.add_argument("--page-kb", type=int, default=49)
    parser.add_argument(
        "--only", choices=["registry", "page", "trickle"], help="run one measurement"
    )
    args = parser.parse_args()
    command = [args.kalypso] if args.kalypso else [sys.executable, "-m", "kalypso_lint"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        text, count = registry_text(int(args.registry_mb * 1024 * 1024))
        (root / "claims").mkdir()
        (root / "claims" / "big.yaml").write_text(text, encoding="utf-8")
        (root / "rules.yaml").write_text("registry: [claims]\n", encoding="utf-8")
        if args.only in (None, "registry"):
            run = measure([*command, "registry", "validate"], root)
            mb = len(text) / 1048576
            print(
                f"registry validate, {mb:.1f} MB, {count} entries: {run.wall:.1f} s wall, "
                f"{run.cpu:.1f} s CPU, peak RSS {run.rss_mb:.0f} MB"
            )
        (root / "claims" / "big.yaml").write_text(registry_text(4096)[0], encoding="utf-8")
        (root / "content").mkdir()
        page = figure_dense_page(args.page_kb * 1024)
        (root / "content" / "dump.txt").write_text(page, encoding="utf-8")
        out = root / "report.json"
        if args.only in (None, "page"):
            run = measure(
                [*command, "check", "content", "--no-cache", "-f", "json", "-o", str(out)], root
            )
            print(
                f"figure-dense page, {len(page) / 1024:.0f} KB, no full stop: {run.wall:.1f} s "
                f"wall, {run.cpu:.1f} s CPU, peak RSS {run.rss_mb:.0f} MB, "
                f"report {out.stat().st_size / 1048576:.1f} MB"
            )
        if args.only not in (None, "trickle"):
            return
        port, stop = trickling_server()
        (root / "claims" / "big.yaml").write_text(
            "claims:\n  - id: slow\n    statement: s\n    value: 1\n    unit: percent\n"
            "    match: [[a]]\n    status: approved\n    reviewed: 2026-11-01\n"
            f"    sources:\n      - title: t\n        url: http://127.0.0.1:{port}/\n",
            encoding="utf-8",
        )
        started = time.monotonic()
        done = subprocess.run(
            [*command, "sources", "check", "--allow-private", "--no-cache", "--timeout", "3"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=600,
        )
        stop.set()
        print(
            f"sources check --timeout 3 against a server trickling a byte every 0.2 s: "
            f"{time.monotonic() - started:.1f} s, exit {done.returncode}"
        )


if __name__ == "__main__":
    main()
