"""Issue 17 measurements: pages per second of a sitemap audit against a local server, and
time and peak memory of checking a 200-page PDF (beside the same copy as Markdown).

    python benchmarks/formats.py --pages 200 --pdf-pages 200

Each run is a fresh `python -m kalypso_lint check` process (start-up included); peak memory
is that process's maximum resident set size. The site is served from this machine by a
threaded standard-library server with no added latency, so the audit's pace is kalypso-lint's
own (fetching, robots.txt, main-content extraction, spaCy), not the network's. Needs the test
extras (reportlab) for the PDF. Every sentence is written for this script.
"""

from __future__ import annotations

import argparse
import resource
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

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Almost 49 million people in the US live with migraine, and women are almost 3x more "
    "likely than men to have it.",
    "Over 92% of our patients report relief after their first infusion at the clinic.",
    "An untreated attack can last 2-72 hours, and about 1/3 of people see an aura first.",
    "Our team of 12 nurses answers calls on weekdays from 8 to 6; parking is free.",
    "Ketamine infusions are clinically proven to end chronic migraine for good.",
    "Each session takes about 45 minutes in a quiet room with a reclining chair.",
]


def page_html(number: int) -> bytes:
    paragraphs = "".join(
        f"<p>{SENTENCES[(number + i) % len(SENTENCES)]} {SENTENCES[(number + i + 1) % 6]}</p>"
        for i in range(12)
    )
    return (
        f"<!doctype html><html><head><title>Page {number}</title><script>var x={number};"
        "</script></head><body><nav><a href='/'>Home</a> <a href='/team'>Team</a></nav>"
        f"<main><article><h1>Migraine care, part {number}</h1>{paragraphs}</article></main>"
        "<footer>© 2026 · Call 555-0134</footer></body></html>"
    ).encode()


@contextmanager
def site(pages: int) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nDisallow: /private/\n", "text/plain"
            elif self.path == "/sitemap.xml":
                halves = [f"<sitemap><loc>{base}/sitemap-{i}.xml</loc></sitemap>" for i in (0, 1)]
                body = (
                    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + "".join(halves)
                    + "</sitemapindex>"
                ).encode()
                kind = "application/xml"
            elif self.path.startswith("/sitemap-"):
                half = int(self.path.split("-")[1].split(".")[0])
                locs = "".join(
                    f"<url><loc>{base}/page/{n}</loc></url>" for n in range(half, pages, 2)
                )
                body = (
                    f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
                ).encode()
                kind = "application/xml"
            elif self.path.startswith("/page/"):
                body, kind = page_html(int(self.path.rsplit("/", 1)[1])), "text/html"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sitemap.xml"
    finally:
        server.shutdown()


def run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one `kalypso-lint` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kalypso_lint", *args], cwd=cwd, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"kalypso-lint failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024


def peak_of(args: list[str], cwd: Path) -> int:
    """Peak RSS of one run alone: RUSAGE_CHILDREN keeps the maximum over all children."""
    code = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "kalypso_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip())


def write_pdf(path: Path, pages: int) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    markdown: list[str] = []
    for number in range(pages):
        sheet.drawString(60, height - 60, f"Migraine care, part {number}")
        markdown.append(f"# Migraine care, part {number}\n")
        for line_number in range(40):
            sentence = SENTENCES[(number + line_number) % len(SENTENCES)]
            sheet.drawString(60, height - 80 - 17 * line_number, sentence[:95])
            markdown.append(sentence[:95] + "\n")
        sheet.showPage()
    sheet.save()
    return "\n".join(markdown)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages in the sitemap")
    parser.add_argument("--pdf-pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["sitemap", "pdf"], help="run one of the two parts")
    options = parser.parse_args()
    print(f"load average at start: {load()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("rules.yaml", "claims"):
            target = work / name
            source = REPO / name
            if source.is_dir():
                target.symlink_to(source, target_is_directory=True)
            else:
                target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        if options.only != "pdf":
            audit(options, work)
        if options.only != "sitemap":
            pdf_check(options, work)
    print(f"load average at end: {load()}")


def audit(options: argparse.Namespace, work: Path) -> None:
    print(f"sitemap audit, {options.pages} pages on 127.0.0.1 (median of {options.repeat})")
    with site(options.pages) as sitemap:
        base = ["check", "--sitemap", sitemap, "--allow-private", "-f", "json", "-o", "r.json"]
        for label, extra in (
            ("nothing cached (--no-cache)", ["--no-cache"]),
            ("HTTP and results cache warm", []),
        ):
            if extra == []:
                run(base, work)  # fill both caches
            runs = [run([*base, *extra], work) for _ in range(options.repeat)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(
                f"  {label:32} {wall:6.2f} s wall ({options.pages / wall:5.1f} pages/s), "
                f"{cpu:6.2f} s CPU ({options.pages / cpu:5.1f} pages per CPU second)"
            )
        peak = peak_of([*base, "--no-cache"], work)
        print(f"  peak memory, --no-cache        {peak} MB")


def pdf_check(options: argparse.Namespace, work: Path) -> None:
    pdf = work / "leaflet.pdf"
    copy = write_pdf(pdf, options.pdf_pages)
    (work / "leaflet.md").write_text(copy, encoding="utf-8")
    print(
        f"{options.pdf_pages}-page PDF ({pdf.stat().st_size // 1024} kB), "
        "and the same copy as Markdown"
    )
    for name in ("leaflet.pdf", "leaflet.md"):
        args = ["check", name, "--no-cache", "-f", "json", "-o", "r.json"]
        runs = [run(args, work) for _ in range(options.repeat)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"  {name:12} {wall:6.2f} s wall, {cpu:6.2f} s CPU, peak {peak_of(args, work)} MB")


if __name__ == "__main__":
    main()
