"""The HTTP client of `sources check`: one session, a disk cache, politeness and bounded waits.

- One requests session (a requests-cache `CachedSession` on SQLite unless the cache is off),
  with a User-Agent naming kalypso-lint and its home page, and the environment ignored
  (no proxies, no .netrc credentials sent to hosts a registry names).
- Redirects are followed here, one hop at a time, so each hop is checked (http/https only,
  no loops, at most `max-redirects`, the address policy, and the caller's own `may_follow`,
  e.g. robots.txt), cached, and reported (permanent ones become suggestions).
- 429, 5xx and dropped connections are retried `retries` times with exponential backoff,
  honouring Retry-After up to `max-retry-wait` (a longer wait is not waited for: the answer
  is reported as it is). Timeouts are not retried, so a dead host costs one timeout.
- At most `per-host` requests run at once against one host; the caller bounds the total.
- Errors become `Failure` values: `refused` (address policy), `broken` (will not fix itself:
  404, DNS, TLS, malformed URL), `transient` (timeouts, 5xx, rate limits) or `stopped` (the
  caller's `may_follow` declined a redirect target). Nothing raises
  for a problem with one source; only an unusable cache raises SourceError.
"""

from __future__ import annotations

import contextlib
import email.utils
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import requests

from kalypso_lint.errors import SourceError
from kalypso_lint.sources.netguard import (
    TRUNCATED_HEADER,
    AddressPolicy,
    AddressRefused,
    GuardedAdapter,
)
from kalypso_lint.sources.options import SourcesOptions

PAGE_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Answers worth keeping for the cache TTL; anything that may be transient is asked again.
CACHEABLE = (200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 410)
# Answers fetched while private addresses were allowed are kept apart, so a stricter run never
# reuses them (it asks, and the address policy refuses).
CACHE_FILE = "http-cache.sqlite"
PRIVATE_CACHE_FILE = "http-cache-private.sqlite"

FailureKind = Literal["refused", "broken", "transient", "stopped"]


@dataclass(frozen=True)
class Failure:
    kind: FailureKind
    reason: str
    retry: bool = False  # worth asking again (a dropped connection), as 429 and 5xx are
    no_connection: bool = False  # no server was reached at all (DNS, refused, connect timeout)
    no_answer: bool = False  # a server was reached but gave no HTTP answer (TLS, read timeout)

    @property
    def unreachable(self) -> bool:
        """The site gave no HTTP answer at all, so nothing from it can be checked."""
        return self.no_connection or self.no_answer


@dataclass(frozen=True)
class Hop:
    """One redirect answer on the way to the final URL."""

    url: str
    status: int


@dataclass(frozen=True)
class Fetched:
    """What one GET (with its redirects) produced."""

    url: str
    final_url: str
    hops: tuple[Hop, ...] = ()
    status: int | None = None
    content_type: str = ""
    charset: str | None = None
    body: bytes = b""
    truncated: bool = False
    failure: Failure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and self.status is not None and 200 <= self.status < 300

    @property
    def moved_to(self) -> str | None:
        """Where the URL has moved for good: the target of the leading permanent redirects."""
        target = None
        for index, hop in enumerate(self.hops):
            if hop.status not in PERMANENT_REDIRECTS:
                break
            target = self.hops[index + 1].url if index + 1 < len(self.hops) else self.final_url
        return target


def status_failure(status: int, headers: Mapping[str, str] | None = None) -> Failure | None:
    """How a final (non-redirect) status reads: None for success."""
    if 200 <= status < 300:
        return None
    written = f"HTTP {status} {_reason(status)}".rstrip()
    after = (headers or {}).get("Retry-After")
    asked = f"; asked to retry after {after}" if after else ""
    if status == 429:
        return Failure("transient", f"{written} (rate limited{asked})")
    if status in (401, 403):
        return Failure("transient", f"{written} (the site may refuse automated requests)")
    if status >= 500:
        return Failure("transient", f"{written}{f' ({asked[2:]})' if asked else ''}")
    return Failure("broken", written)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _after_redirects(failure: Failure | None, hops: list[Hop], final_url: str) -> Failure | None:
    """A failure at the end of redirects names the address that failed."""
    if failure is None or not hops:
        return failure
    return Failure(failure.kind, f"{failure.reason} at {final_url}", failure.retry)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class HttpStats:
    """Requests made, answers from the cache, and requests that reached no server."""

    network: int = 0
    cached: int = 0
    unconnected: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, response: requests.Response) -> None:
        with self.lock:
            if getattr(response, "from_cache", False):
                self.cached += 1
            else:
                self.network += 1

    def count_failure(self, failure: Failure) -> None:
        with self.lock:
            self.network += 1
            self.unconnected += failure.no_connection


class HttpClient:
    """GET with redirects, retries, per-host limits and the cache; safe to share by threads."""

    def __init__(self, options: SourcesOptions) -> None:
        self.options = options
        self.net = options.net
        self.stats = HttpStats()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()
        self.session = self._make_session()

    def _make_session(self) -> requests.Session:
        session = self._cached_session() if self.options.use_cache else requests.Session()
        session.trust_env = False
        session.headers.update({"User-Agent": self.options.user_agent, "Accept": PAGE_ACCEPT})
        policy = AddressPolicy.build(self.net.allow_private, self.net.allowed_networks)
        adapter = GuardedAdapter(
            policy, self.net.max_response_size, pool_size=max(self.net.concurrency, 4)
        )
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def _cached_session(self) -> requests.Session:
        from requests_cache import CachedSession, SQLiteCache

        folder = self.options.cache_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            strict = not (self.net.allow_private or self.net.allowed_networks)
            name = CACHE_FILE if strict else PRIVATE_CACHE_FILE
            backend = SQLiteCache(str(folder / name), wal=True)
            return CachedSession(
                backend=backend,
                expire_after=self.net.cache_ttl,
                allowable_codes=CACHEABLE,
                allowable_methods=("GET",),
                cache_control=False,
                match_headers=["Accept"],
                stale_if_error=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise SourceError(
                f"cannot use the cache ({exc}); fix or delete it, or run with --no-cache",
                str(folder),
            ) from None

    def close(self) -> None:
        """Close the connections, and drop expired answers so the cache file stays small."""
        cache = getattr(self.session, "cache", None)
        if cache is not None:
            with contextlib.suppress(sqlite3.Error):  # tidying up is optional
                cache.delete(expired=True)
        self.session.close()

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            slot = self._hosts.setdefault(host, threading.BoundedSemaphore(self.net.per_host))
        with slot:
            yield

    def get(
        self,
        url: str,
        accept: str | None = None,
        may_follow: Callable[[str], bool] | None = None,
    ) -> Fetched:
        """GET `url`, following redirects hop by hop; never raises for a network problem.

        `may_follow(target)` is asked before each redirect is followed (a crawler's robots.txt
        rules are per URL, so a redirect must not carry it past them); False stops there."""
        hops: list[Hop] = []
        current = url
        seen = {url}
        for _ in range(self.net.max_redirects + 1):
            response, failure = self._get_with_retries(current, accept)
            if response is None:
                return Fetched(url, current, tuple(hops), failure=failure)
            target = self.session.get_redirect_target(response)
            if response.status_code not in REDIRECTS or not target:
                return self._fetched(url, current, hops, response)
            hops.append(Hop(current, response.status_code))
            following = urljoin(current, target)
            problem = None
            if urlsplit(following).scheme not in ("http", "https"):
                problem = f"redirects to a non-web address ({following})"
            elif following in seen:
                problem = f"redirect loop through {following}"
            if problem:
                return Fetched(url, current, tuple(hops), failure=Failure("broken", problem))
            if may_follow is not None and not may_follow(following):
                stopped = Failure("stopped", f"redirects to {following}")
                return Fetched(url, following, tuple(hops), failure=stopped)
            seen.add(following)
            current = following
        problem = f"more than {self.net.max_redirects} redirects"
        return Fetched(url, current, tuple(hops), failure=Failure("broken", problem))

    @staticmethod
    def _fetched(url: str, current: str, hops: list[Hop], response: requests.Response) -> Fetched:
        content_type = response.headers.get("Content-Type", "")
        mime, _, params = content_type.partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        return Fetched(
            url=url,
            final_url=current,
            hops=tuple(hops),
            status=response.status_code,
            content_type=mime.strip().lower(),
            charset=charset,
            body=response.content or b"",
            truncated=TRUNCATED_HEADER in response.headers,
            failure=_after_redirects(
                status_failure(response.status_code, response.headers), hops, current
            ),
        )

    def _get_with_retries(
        self, url: str, accept: str | None
    ) -> tuple[requests.Response | None, Failure | None]:
        number = 0
        while True:
            with self._host_slot(url):
                response, failure = self._get_once(url, accept)
            if number >= self.net.retries:
                return response, failure
            if response is None:
                if failure is None or not failure.retry:
                    return response, failure
                wait = self._backoff(number)
            elif response.status_code == 429 or response.status_code >= 500:
                asked = retry_after_seconds(response.headers.get("Retry-After"))
                wait = self._backoff(number) if asked is None else asked
                if wait > self.net.max_retry_wait:
                    return response, failure
            else:
                return response, failure
            time.sleep(wait)
            number += 1

    def _backoff(self, number: int) -> float:
        return float(min(self.net.retry_backoff * (2**number), self.net.max_retry_wait))

    def _get_once(
        self, url: str, accept: str | None
    ) -> tuple[requests.Response | None, Failure | None]:
        headers = {"Accept": accept} if accept else None
        kwargs: dict[str, Any] = {}
        if self.options.use_cache and self.options.refresh:
            kwargs["force_refresh"] = True
        timeout = (self.net.connect_timeout, self.net.timeout)
        try:
            response = self.session.get(
                url, headers=headers, timeout=timeout, allow_redirects=False, **kwargs
            )
        except AddressRefused as exc:
            failure = Failure("refused", str(exc))
            self.stats.count_failure(failure)
            return None, failure
        except requests.RequestException as exc:
            failure = describe_exception(exc, self.net.connect_timeout, self.net.timeout)
            self.stats.count_failure(failure)
            return None, failure
        except sqlite3.Error as exc:
            raise SourceError(
                f"the cache failed ({exc}); delete it or run with --no-cache",
                str(self.options.cache_dir),
            ) from None
        self.stats.count(response)
        return response, None


def describe_exception(exc: requests.RequestException, connect: float, read: float) -> Failure:
    """One readable line for a requests exception, and whether it may fix itself."""
    from urllib3.exceptions import NameResolutionError

    if isinstance(exc, requests.exceptions.SSLError):
        return Failure("broken", f"TLS error ({_innermost(exc)})", no_answer=True)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        reason = f"no connection within {connect:g} s (timeout)"
        return Failure("transient", reason, no_connection=True)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        reason = f"no complete answer within {read:g} s (timeout)"
        return Failure("transient", reason, no_answer=True)
    if isinstance(
        exc,
        (
            requests.exceptions.InvalidURL,
            requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema,
        ),
    ):
        return Failure("broken", f"malformed URL ({_innermost(exc)})")
    if isinstance(exc, requests.exceptions.ConnectionError):
        lookup = _in_chain(exc, socket.gaierror)
        if lookup is not None and getattr(lookup, "errno", None) == socket.EAI_AGAIN:
            reason = "the host name could not be looked up (DNS failing for now)"
            return Failure("transient", reason, retry=True, no_connection=True)
        if lookup is not None or _in_chain(exc, NameResolutionError) is not None:
            return Failure("broken", "the host name does not resolve (DNS)", no_connection=True)
        if _in_chain(exc, ConnectionRefusedError) is not None:
            reason = "connection failed (the server refused the connection)"
        else:
            reason = f"connection failed ({_innermost(exc)})"
        return Failure("transient", reason, retry=True, no_connection=True)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return Failure("broken", "the response body cannot be decoded")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return Failure("transient", "the connection broke off during the response", retry=True)
    return Failure("transient", f"{type(exc).__name__} ({_innermost(exc)})")


def _in_chain(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """The first exception of `kind` among `exc`, its arguments, causes and reasons."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return current
        stack.extend(a for a in current.args if isinstance(a, BaseException))
        for linked in (current.__cause__, current.__context__, getattr(current, "reason", None)):
            if isinstance(linked, BaseException):
                stack.append(linked)
    return None


def _innermost(exc: BaseException) -> str:
    """The most specific message in an exception chain, shortened to one line."""
    current: BaseException = exc
    for _ in range(10):
        reason = getattr(current, "reason", None)
        inner = reason if isinstance(reason, BaseException) else None
        if inner is None and current.args and isinstance(current.args[0], BaseException):
            inner = current.args[0]
        if inner is None:
            break
        current = inner
    text = str(current).splitlines()[0] if str(current) else type(current).__name__
    return text if len(text) <= 160 else text[:157] + "..."
