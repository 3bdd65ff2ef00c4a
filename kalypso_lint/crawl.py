"""Published pages for `check URL` and `check --sitemap URL` (issue 17).

Pages are fetched before the pipeline runs, through the sources checker's guarded client
(sources/http.py: private addresses refused unless allowed, size caps, bounded retries,
the HTTP cache, `per-host` connections at most), and become `SourceFile`s whose content is
the fetched body. From there they go through the same stages, results cache and `--jobs` as
files. A page that cannot be fetched still becomes a file, whose reading fails with KL922
(or KL923 when robots.txt disallows it), so the report names every page it was asked about.
A site that gives no answer at all (its robots.txt included) is KL922, an error: a mistyped
host or a network outage must not pass a CI run that checked nothing.

Sitemaps (urlset and sitemap index, gzip or not) are read with lxml, entities and network
access off. A sitemap that yields no page at all stops the run (InputError), so `--sitemap`
never quietly checks nothing, or the local files instead. robots.txt is read with Protego
(BSD-3-Clause) for the `kalypso-lint` agent, per host and once per run, for the page and for
every redirect target, as RFC 9309 says: an answer of 4xx means no rules; a 5xx means stay
away, and since nothing on the page is then checked it is KL922 (an error), not KL923; a
Crawl-delay is waited between requests to that host. No answer at all is KL922, above.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from kalypso_lint.discover import SourceFile
from kalypso_lint.documents import WEB_SUFFIX, UnreadableFile
from kalypso_lint.documents.unpack import gunzip
from kalypso_lint.errors import InputError
from kalypso_lint.wording import counted

if TYPE_CHECKING:
    from kalypso_lint.sources.http import Failure, Fetched, HttpClient
    from kalypso_lint.sources.progress import Progress

ROBOT_AGENT = "kalypso-lint"
SITEMAP_ACCEPT = "application/xml,text/xml;q=0.9,*/*;q=0.5"
MAX_SITEMAP_DEPTH = 3  # an index of indexes of sitemaps; deeper nesting is a loop or a trap
MAX_PAGES = 50_000  # the sitemap protocol's own limit for one sitemap file
Problem = tuple[str, str]  # (code, reason) of a page that is not fetched
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_SUFFIX_BY_TYPE = {
    "text/html": WEB_SUFFIX,
    "application/xhtml+xml": WEB_SUFFIX,
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


# Types that say nothing of the content: the URL's extension is read instead.
_GENERIC_TYPES = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/x-download",
        "application/download",
    }
)
_SUFFIX_BY_EXTENSION = {
    ".html": WEB_SUFFIX,
    ".htm": WEB_SUFFIX,
    ".pdf": ".pdf",
    ".txt": ".txt",
    ".md": ".md",
    ".docx": ".docx",
}


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class WebPage:
    """A fetched page's body, or why there is none; read when the page is checked."""

    url: str
    body: bytes = b""
    problem: tuple[str, str] | None = None  # (code, reason)
    action: str = "check this page"  # KL922's "Cannot {action}": a nested sitemap is no page

    def read(self) -> bytes:
        if self.problem is not None:
            code, reason = self.problem
            raise UnreadableFile(code, reason, args={"action": self.action})
        return self.body


class _Robots:
    """robots.txt of each origin, fetched once, and each host's Crawl-delay."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client
        self._rules: dict[str, tuple[Any, Problem | None]] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    def _for(self, origin: str) -> tuple[Any, Problem | None]:
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._fetch(origin)
            return self._rules[origin]

    def _fetch(self, origin: str) -> tuple[Any, Problem | None]:
        from protego import Protego

        fetched = self._client.get(origin + "/robots.txt", accept="text/plain,*/*;q=0.5")
        if fetched.ok:
            return Protego.parse(fetched.body.decode("utf-8", "replace")), None
        if fetched.status is not None and 400 <= fetched.status < 500:
            return None, None  # RFC 9309 2.3.1.3: no robots.txt, no rules
        failure = fetched.failure
        if failure is not None and failure.kind == "refused":
            return None, None  # the page's own request is refused too, and says why (KL922)
        if failure is not None and failure.unreachable:
            # No site answered at all (a mistyped host, no network): the page cannot be
            # fetched either, so this is an unchecked page (error), not a robots decision.
            return None, ("KL922", _unreachable(origin, failure))
        # RFC 9309 2.3.1.4: robots.txt unreadable (5xx) means stay away. The page is left
        # unchecked though its owner did not say no, so the run must fail (KL922), not pass.
        if fetched.status is not None:
            answer = f"answered HTTP {fetched.status}"
        else:
            answer = f"could not be read ({failure.reason if failure else 'no answer'})"
        return None, (
            "KL922",
            f"the site's robots.txt {answer}, so the page was not fetched: nothing on this page"
            " was checked",
        )

    def refusal(self, url: str) -> Problem | None:
        """Why `url` is not fetched, as (code, reason), or None when it may be fetched."""
        origin = _origin(url)
        rules, problem = self._for(origin)
        if problem:
            return problem
        if rules is not None and not rules.can_fetch(url, ROBOT_AGENT):
            reason = f"{origin}/robots.txt disallows {urlsplit(url).path or '/'} for {ROBOT_AGENT}"
            return ("KL923", reason)
        return None

    def wait_turn(self, url: str) -> None:
        """Keep the host's Crawl-delay between two requests to it."""
        origin = _origin(url)
        rules, _ = self._for(origin)
        delay = rules.crawl_delay(ROBOT_AGENT) if rules is not None else None
        if not delay:
            return
        with self._origin_locks[origin]:
            wait = self._last.get(origin, 0.0) + float(delay) - time.monotonic()
            if wait > 0:
                time.sleep(min(wait, 30.0))
            self._last[origin] = time.monotonic()


def _unreachable(url: str, failure: Failure) -> str:
    """A marketer's sentence for a site that gave no answer at all (DNS, refused, TLS, timeout)."""
    host = urlsplit(url).netloc.rpartition("@")[2] or url
    return f"could not reach {host}: {failure.reason}; nothing on this page was checked"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class SitemapListing:
    """What one `--sitemap` yields: its pages in order, a KL922 file for each nested sitemap
    that could not be read, and what was left out (for the error when nothing is left)."""

    pages: list[str] = field(default_factory=list)
    problems: list[SourceFile] = field(default_factory=list)
    not_web: int = 0  # listed URLs that are not http(s) (file:, ftp:, ...)
    too_deep: int = 0  # sitemaps nested deeper than MAX_SITEMAP_DEPTH, not read
    cut: bool = False  # MAX_PAGES reached: later pages not listed

    def nothing_listed(self) -> str:
        """Why the sitemap yields no page, in a sentence."""
        reasons = []
        if self.not_web:
            reasons.append(f"only non-http(s) URLs ({self.not_web} skipped)")
        if self.too_deep:
            reasons.append(
                f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH} levels"
                f" ({counted(self.too_deep, 'sitemap')} not read)"
            )
        return "; ".join(reasons) or "it lists no pages"

    def left_out(self) -> str:
        """What the sitemap lists but is not checked, for a note beside its pages."""
        parts = []
        if self.not_web:
            parts.append(f"{counted(self.not_web, 'URL')} not http(s) skipped")
        if self.too_deep:
            deeper = f"nested deeper than {MAX_SITEMAP_DEPTH} levels not read"
            parts.append(f"{counted(self.too_deep, 'sitemap')} {deeper}")
        return "; ".join(parts)


def sitemap_urls(client: HttpClient, sitemap: str) -> SitemapListing:
    """The page URLs a sitemap (or sitemap index) lists, in its order, without repeats."""
    listing = SitemapListing()
    seen_pages: set[str] = set()
    seen_maps: set[str] = set()

    def visit(url: str, depth: int) -> None:
        if url in seen_maps or listing.cut:
            return
        seen_maps.add(url)
        fetched = client.get(url, accept=SITEMAP_ACCEPT)
        problem = _fetch_problem(fetched)
        listed: tuple[str, list[str]] | None = None
        if problem is None:
            try:
                listed = _parse_sitemap(
                    fetched.body, fetched.final_url, client.net.max_response_size
                )
            except ValueError as exc:
                problem = str(exc)
        if problem is not None or listed is None:
            if depth == 0:
                raise InputError(f"--sitemap: cannot read the sitemap: {problem}", url)
            listing.problems.append(
                _failed(url, "KL922", problem or "unreadable", action="read the sitemap")
            )
            return
        kind, locations = listed
        for location in locations:
            if kind == "sitemapindex":
                if depth < MAX_SITEMAP_DEPTH:
                    visit(location, depth + 1)
                else:
                    listing.too_deep += 1
            elif not is_url(location):
                listing.not_web += 1
            elif location not in seen_pages:
                if len(listing.pages) >= MAX_PAGES:
                    listing.cut = True
                    return
                seen_pages.add(location)
                listing.pages.append(location)

    visit(sitemap, 0)
    if not listing.pages and not listing.problems:
        raise InputError(f"--sitemap: nothing to check: {listing.nothing_listed()}", sitemap)
    return listing


def _parse_sitemap(body: bytes, base: str, max_size: int) -> tuple[str, list[str]]:
    """`max_size` (max-response-size) bounds the unpacked XML too: a 408 KB gzip sitemap can
    unpack to gigabytes, which lxml would hold in memory before refusing it."""
    from lxml import etree

    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(
                body, max_size, "the gzip data", "max-response-size, under sources: in rules.yaml"
            )
        except zlib.error as exc:
            raise ValueError(f"damaged gzip data ({exc})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not XML ({exc})") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ValueError(f"<{kind}> is neither <urlset> nor <sitemapindex>")
    locations = []
    for loc in root.iter(_SITEMAP_NS + "loc", "loc"):
        text = (loc.text or "").strip()
        if text:
            locations.append(urljoin(base, text))
    return kind, locations


def _fetch_problem(fetched: Fetched) -> str | None:
    if fetched.failure is not None:
        reason = fetched.failure.reason
        if fetched.failure.kind == "refused":
            reason += " (pass --allow-private to check pages on a private network)"
        return reason
    if not fetched.ok:
        return f"HTTP {fetched.status}"
    if fetched.truncated:
        return "the answer is over max-response-size (sources: in rules.yaml)"
    return None


def _failed(url: str, code: str, reason: str, action: str = "check this page") -> SourceFile:
    page = WebPage(url, problem=(code, reason), action=action)
    return SourceFile(url, Path("page" + WEB_SUFFIX), page)


def _page(client: HttpClient, robots: _Robots, url: str) -> SourceFile:
    refusal = robots.refusal(url)
    if refusal is not None:
        return _failed(url, *refusal)
    robots.wait_turn(url)
    declined: list[tuple[str, Problem]] = []

    def may_follow(target: str) -> bool:
        # robots.txt rules are per URL and per host: each redirect target is asked anew.
        refused = robots.refusal(target)
        if refused is not None:
            declined.append((target, refused))
            return False
        robots.wait_turn(target)
        return True

    fetched = client.get(url, may_follow=may_follow)
    if declined:
        target, (code, reason) = declined[0]
        return _failed(url, code, f"it redirects to {target}, and {reason}")
    if fetched.failure is not None and fetched.failure.unreachable:
        return _failed(url, "KL922", _unreachable(url, fetched.failure))
    problem = _fetch_problem(fetched)
    if problem is not None:
        return _failed(url, "KL922", problem)
    suffix = page_suffix(fetched.content_type, fetched.final_url, fetched.body)
    if suffix is None:
        return _failed(url, "KL922", f"not a page kalypso-lint reads ({fetched.content_type})")
    # The reader, and so how locations are written (p3:14 for a PDF), follow this suffix.
    return SourceFile(url, Path("page" + suffix), WebPage(url, fetched.body))


def page_suffix(content_type: str, url: str, body: bytes) -> str | None:
    """The reader for a fetched body: its Content-Type decides; only a missing or generic
    type (application/octet-stream) falls back to the URL's extension, then the first bytes.
    None: a type kalypso-lint does not read."""
    kind = content_type.lower()
    if kind in _SUFFIX_BY_TYPE:
        return _SUFFIX_BY_TYPE[kind]
    if kind and kind not in _GENERIC_TYPES:
        return None
    extension = PurePosixPath(urlsplit(url).path).suffix.lower()
    if extension in _SUFFIX_BY_EXTENSION:
        return _SUFFIX_BY_EXTENSION[extension]
    return ".pdf" if body.lstrip()[:5] == b"%PDF-" else WEB_SUFFIX


def fetch_pages(
    client: HttpClient,
    urls: Iterable[str],
    sitemaps: Iterable[str],
    progress: Progress,
    notes: list[str],
) -> list[SourceFile]:
    """Every page named or listed, fetched `concurrency` at a time (and `per-host` at most
    to one host): each a file to check, in URL order. What the caller should tell the user
    (a sitemap cut at MAX_PAGES) is added to `notes`: this module never prints."""
    wanted: list[str] = []
    files: list[SourceFile] = []
    for sitemap in sitemaps:
        listing = sitemap_urls(client, sitemap)
        wanted.extend(listing.pages)
        files.extend(listing.problems)
        if listing.cut:
            notes.append(
                f"--sitemap {sitemap}: lists more than {MAX_PAGES} pages; only the first"
                f" {MAX_PAGES} are checked"
            )
        elif listing.not_web or listing.too_deep:  # some pages, but not all it lists
            notes.append(f"--sitemap {sitemap}: {listing.left_out()}")
    wanted.extend(urls)
    unique = list(dict.fromkeys(wanted))
    robots = _Robots(client)
    with progress, ThreadPoolExecutor(max_workers=client.net.concurrency) as pool:
        progress.start(len(unique))
        futures = [pool.submit(_page, client, robots, url) for url in unique]
        for future in futures:
            files.append(future.result())
            progress.advance()
    return sorted(files)
