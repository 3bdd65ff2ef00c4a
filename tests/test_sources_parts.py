"""The parts of `sources check` with many cases: which addresses are refused, how figures and
quotes are recognised on a page, how answers and URLs are judged. End-to-end behaviour is in
test_sources_check.py."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from kalypso_lint.sources.entries import malformed_url
from kalypso_lint.sources.evidence import find_quote
from kalypso_lint.sources.http import Fetched, Hop, retry_after_seconds, status_failure
from kalypso_lint.sources.netguard import AddressPolicy, AddressRefused
from kalypso_lint.sources.numbers import figure_on_page
from kalypso_lint.sources.text import normalise


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.215.14", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.20.30.40", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata services
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.251", False),
        ("192.0.2.10", False),  # documentation range
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd12:3456::1", False),
        ("::ffff:10.0.0.1", False),  # IPv4-mapped private
    ],
)
def test_public_addresses_only_by_default(address: str, allowed: bool) -> None:
    assert AddressPolicy().allows(address) is allowed
    assert AddressPolicy(allow_private=True).allows(address)


def test_allowed_networks_open_only_themselves() -> None:
    policy = AddressPolicy.build(False, ["10.0.0.0/8", "fd00::/8"])
    assert policy.allows("10.1.2.3")
    assert policy.allows("fd12:3456::1")
    assert not policy.allows("192.168.1.1")
    assert not policy.allows("127.0.0.1")


@pytest.fixture
def loopback_connection() -> Iterator[socket.socket]:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        yield client
        client.close()


def test_connected_private_peer_is_refused_and_closed(loopback_connection: socket.socket) -> None:
    """The second line of defence: the address actually reached (DNS may answer differently
    the second time) is checked after connecting."""
    with pytest.raises(AddressRefused, match=r"example\.org \(127\.0\.0\.1\)"):
        AddressPolicy().check_peer("example.org", loopback_connection)
    assert loopback_connection.fileno() == -1


def test_host_names_are_resolved_and_every_address_checked() -> None:
    with pytest.raises(AddressRefused, match="localhost"):
        AddressPolicy().check_host("localhost", 80)
    AddressPolicy(allow_private=True).check_host("localhost", 80)


NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        ("Fri, 27 Nov 2026 12:01:30 GMT", 90.0),
        ("Fri, 27 Nov 2026 11:00:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


@pytest.mark.parametrize(
    ("status", "kind"),
    [(200, None), (204, None), (404, "broken"), (410, "broken"), (418, "broken"),
     (401, "transient"), (403, "transient"), (429, "transient"), (500, "transient"),
     (503, "transient")],
)  # fmt: skip
def test_status_codes_are_broken_or_transient(status: int, kind: str | None) -> None:
    failure = status_failure(status)
    assert (failure.kind if failure else None) == kind


@pytest.mark.parametrize(
    ("hops", "moved_to"),
    [
        ([("a", 301)], "end"),
        ([("a", 308), ("b", 301)], "end"),
        ([("a", 301), ("b", 302)], "b"),
        ([("a", 302), ("b", 301)], None),
        ([], None),
    ],
)
def test_only_leading_permanent_redirects_move_a_source(
    hops: list[tuple[str, int]], moved_to: str | None
) -> None:
    fetched = Fetched("a", "end", tuple(Hop(u, s) for u, s in hops), status=200)
    assert fetched.moved_to == moved_to


@pytest.mark.parametrize(
    ("page", "low", "high", "unit", "found"),
    [
        ("about 39 million americans", 39e6, 39e6, "people", True),
        ("39,000,000 adults", 39e6, 39e6, "people", True),
        ("some 39m adults", 39e6, 39e6, "people", True),
        ("38.8 million adults", 39e6, 39e6, "people", True),  # the registry rounded
        ("39.7 million adults", 39e6, 39e6, "people", False),
        ("40 million adults", 39e6, 39e6, "people", False),
        ("costs us$36bn a year", 36e9, 36e9, "usd", True),
        ("88% of patients", 88, 88, "percent", True),
        ("88.4 per cent of patients", 88, 88, "percent", True),
        ("88 patients", 88, 88, "percent", False),
        ("about one-third of patients", 33, 33, "percent", True),
        ("1 in 4 adults", 25, 25, "percent", True),
        ("on 1/4/2025", 25, 25, "percent", False),
        ("three times more likely", 3, 3, "ratio", True),
        ("a 3-fold risk", 3, 3, "ratio", True),
        ("3 women", 3, 3, "ratio", False),
        ("attacks last 4-72 hours", 4, 72, "hours", True),
        ("attacks last 4 to 48 hours", 4, 72, "hours", False),
        ("someone's tenant", 1, 1, "people", False),
    ],
)
def test_figures_are_recognised_as_pages_write_them(
    page: str, low: float, high: float, unit: str, found: bool
) -> None:
    assert figure_on_page(normalise(page), low, high, unit) is found


PAGE = normalise(
    "Migraine facts\nAbout 39\u00a0million people in the U.S. live with migraine; "
    "\u201cmost\u201d are women \u2013 nearly 28 million."
)


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("About 39 million people in the U.S. live with migraine", True),
        ("ABOUT 39 MILLION PEOPLE IN THE U.S. LIVE WITH MIGRAINE", True),
        ('"most" are women - nearly 28 million', True),
        ("About 39 million people in the US live with migraine", True),  # fuzzy: U.S./US
        ("About 39 million people ... nearly 28 million", True),
        ("About 39 million people … nearly 29 million", False),
        ("About 38 million people in the U.S. live with migraine", False),
        ("Migraine is the third most common illness in the world", False),
    ],
)
def test_quotes_match_fuzzily_but_never_with_other_numbers(quote: str, found: bool) -> None:
    assert find_quote(quote, PAGE, threshold=90).found is found


def test_drifted_quote_reports_the_closest_passage() -> None:
    result = find_quote("About 38 million people in the U.S. live with migraine", PAGE, 90)
    assert result.score > 90
    assert result.passage.startswith("about 39 million people in the u.s.")


def test_normalisation_folds_typography() -> None:
    assert (
        normalise("The \ufb01rst\u00a0\u201cCURE\u201d \u2014 no\u00adway")
        == 'the first "cure" - noway'
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/facts?x=1", None),
        ("https://b\u00fccher.example/", None),
        ("http://[2001:db8::1]:8080/x", None),
        ("https://example..org/", "empty part"),
        ("https://example.org:99999/", "out of range"),
        ("https://example.org:0/", "port 0"),
        ("https://exa mple.org/", "spaces"),
        ("https://[::1/", "Invalid IPv6 URL"),
        ("https:///path", "no host name"),
    ],
)
def test_malformed_urls_are_caught_offline(url: str, problem: str | None) -> None:
    reason = malformed_url(url)
    if problem is None:
        assert reason is None
    else:
        assert reason is not None and problem in reason
