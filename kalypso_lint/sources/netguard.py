"""The transport's safety rails: which addresses may be contacted, and how much is read.

A registry file is input like any other, so a source URL must not make kalypso-lint talk to
the machine it runs on or to the private network around it (SSRF). The check sits in the
connection itself: before connecting, every address the host name resolves to is checked,
and after connecting the address actually reached is checked again (against DNS answers
that change between the two). Because every connection passes here, redirect hops and the
DOI/PubMed/Crossref lookups are covered as well as the first request.

The adapter also reads each body itself, up to a size limit and a deadline, so a huge or
endless response costs at most that much memory and time, and it marks truncated bodies.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import DecodeError, NameResolutionError, ProtocolError, ReadTimeoutError
from urllib3.exceptions import SSLError as Urllib3SSLError

TRUNCATED_HEADER = "X-Kalypso-Lint-Truncated"
_CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(Exception):
    """A connection to a private, loopback, link-local or reserved address was refused.

    Deliberately not an OSError: urllib3 and requests let it through unwrapped and unretried.
    """

    def __init__(self, host: str, address: str) -> None:
        where = host if host == address else f"{host} ({address})"
        super().__init__(f"{where} is a private, loopback, link-local or reserved address")
        self.host = host
        self.address = address


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, unless private ones are allowed (all, or some networks)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def build(cls, allow_private: bool, networks: Iterable[str]) -> AddressPolicy:
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def allows(self, address: str) -> bool:
        if self.allow_private:
            return True
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in network for network in self.allowed_networks):
            return True
        return ip.is_global and not ip.is_multicast

    def check_host(self, host: str, port: int) -> None:
        """Resolve `host` and refuse it if any of its addresses is not allowed."""
        if self.allow_private:
            return
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for info in infos:
            address = str(info[4][0])
            if not self.allows(address):
                raise AddressRefused(host, address)

    def check_peer(self, host: str, sock: socket.socket) -> None:
        if self.allow_private:
            return
        address = str(sock.getpeername()[0])
        if not self.allows(address):
            sock.close()
            raise AddressRefused(host, address)


class Deadline:
    """The end of one whole answer (issue 15: a server sending a byte a second reset every
    per-read timeout, and the total was only checked between 64 KB chunks, so the run never
    ended). At the deadline a timer shuts the connection's socket down, which ends any
    blocked read, be it in the headers or the body, whatever the server does."""

    _current = threading.local()

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        Deadline._current.value = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        Deadline._current.value = None

    @classmethod
    def watch(cls, sock: socket.socket | None) -> None:
        """Called by the connection for each request it sends on `sock`."""
        deadline: Deadline | None = getattr(cls._current, "value", None)
        if deadline is None or sock is None:
            return
        with deadline._lock:
            if deadline.expired:
                _shut(sock)
            else:
                deadline._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError, ValueError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _guarded_connection(base: type[HTTPConnection], policy: AddressPolicy) -> type[HTTPConnection]:
    class Guarded(base):  # type: ignore[valid-type,misc]
        def request(self, *args: Any, **kwargs: Any) -> Any:
            if self.sock is None:  # connect first, so the deadline can watch the socket
                self.connect()
            Deadline.watch(self.sock)
            return super().request(*args, **kwargs)

        def _new_conn(self) -> socket.socket:
            try:
                policy.check_host(self._dns_host, self.port)
            except socket.gaierror as exc:
                raise NameResolutionError(self.host, self, exc) from exc
            sock: socket.socket = super()._new_conn()
            policy.check_peer(self.host, sock)
            return sock

    Guarded.__name__ = f"Guarded{base.__name__}"
    return Guarded


class GuardedAdapter(HTTPAdapter):
    """requests' adapter with the address policy on every connection and a capped body read."""

    def __init__(self, policy: AddressPolicy, max_bytes: int, pool_size: int) -> None:
        self.policy = policy
        self.max_bytes = max_bytes
        super().__init__(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        http_conn = _guarded_connection(HTTPConnection, self.policy)
        https_conn = _guarded_connection(HTTPSConnection, self.policy)
        http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
        https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        started = time.monotonic()
        limit = timeout[1] if isinstance(timeout, tuple) else timeout
        if not limit:
            return self._send(request, timeout, verify, cert, proxies, None)
        total = float(limit)  # the whole answer, headers and body (docs/sources.md)
        late = "the response did not arrive in full in time"
        with Deadline(total) as watch:
            try:
                response = self._send(request, timeout, verify, cert, proxies, started + total)
            except Exception as exc:
                if not watch.expired:
                    raise
                raise requests.exceptions.ReadTimeout(late, request=request) from exc
            if watch.expired:  # a body read to "end of stream" ended by the shutdown
                response.close()
                raise requests.exceptions.ReadTimeout(late, request=request)
            return response

    def _send(
        self,
        request: requests.PreparedRequest,
        timeout: Any,
        verify: Any,
        cert: Any,
        proxies: Any,
        deadline: float | None,
    ) -> requests.Response:
        response = super().send(
            request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=proxies
        )
        try:
            read_capped(response, self.max_bytes, deadline)
        except BaseException:
            response.close()  # never hand a half-read connection back to the pool
            raise
        return response


def read_capped(response: requests.Response, max_bytes: int, deadline: float | None) -> None:
    """Read the body into `response.content`: at most `max_bytes` (then the response is marked
    truncated and the connection dropped) and, with a deadline, no later than it."""
    chunks: list[bytes] = []
    size = 0
    truncated = False
    try:
        for chunk in response.raw.stream(_CHUNK, decode_content=True):
            if size + len(chunk) > max_bytes:
                chunks.append(chunk[: max_bytes - size])
                truncated = True
                break
            chunks.append(chunk)
            size += len(chunk)
            if deadline is not None and time.monotonic() > deadline:
                raise requests.exceptions.ReadTimeout(
                    "the response did not arrive in full in time", response=response
                )
    except ReadTimeoutError as exc:
        raise requests.exceptions.ReadTimeout(exc, response=response) from None
    except ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc, response=response) from None
    except DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc, response=response) from None
    except Urllib3SSLError as exc:
        raise requests.exceptions.SSLError(exc, response=response) from None
    if truncated:
        response.raw.close()
        response.headers[TRUNCATED_HEADER] = "1"
    response._content = b"".join(chunks)
    response._content_consumed = True  # type: ignore[attr-defined]
