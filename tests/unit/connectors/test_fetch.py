from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from shared.connectors.fetch import FetchFailed, FetchPolicy, FetchRefused, PoliteFetcher, check_url
from tests.unit.connectors.servers import competitor_site, serve

PAGES = Path(__file__).parent / "pages"


def _resolver(ip: str):  # type: ignore[no-untyped-def]
    return lambda host: [ipaddress.ip_address(ip)]


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "0.0.0.0",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(ip: str) -> None:
    with pytest.raises(FetchRefused):
        check_url("http://shop.example/p", resolve=_resolver(ip))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://x", "http://metadata.google.internal/", "http://user:pw@shop.example/"]
)
def test_bad_schemes_and_hosts_are_refused(url: str) -> None:
    with pytest.raises(FetchRefused):
        check_url(url, resolve=_resolver("93.184.216.34"))


def test_public_address_passes() -> None:
    check_url("https://shop.example/p/1", resolve=_resolver("93.184.216.34"))


def test_loopback_refused_without_allowlist_even_for_local_server() -> None:
    with serve(competitor_site(PAGES)) as base:
        fetcher = PoliteFetcher(FetchPolicy(min_interval_seconds=0), sleep=lambda s: None)
        with pytest.raises(FetchRefused):
            fetcher.fetch(base + "/p/jsonld_only.html")


def test_allowed_fixture_server_robots_size_and_redirect_guard() -> None:
    waits: list[float] = []
    with serve(competitor_site(PAGES)) as base:
        policy = FetchPolicy(min_interval_seconds=10, allow_hosts=("127.0.0.1",), max_bytes=1024 * 1024)
        fetcher = PoliteFetcher(policy, sleep=waits.append)
        status, html = fetcher.fetch(base + "/p/jsonld_only.html")
        assert status == 200 and "Trail Runner" in html
        with pytest.raises(FetchRefused, match="robots"):
            fetcher.fetch(base + "/private/secret.html")
        with pytest.raises(FetchFailed, match="larger"):
            fetcher.fetch(base + "/huge.html")
        with pytest.raises(FetchRefused, match="metadata|non-public"):
            fetcher.fetch(base + "/redirect-to-metadata")
    # robots.txt, then the page: the second request to the same host waited for the per-domain interval
    assert waits and all(0 < w <= 10 for w in waits)
