"""Polite, guarded page fetching for competitor prices.

- SSRF guard: only http(s); every hop's host is resolved and refused when any address is private,
  loopback, link-local, reserved, multicast or a cloud metadata address, unless the host is explicitly
  allowed (tests allow their 127.0.0.1 fixture server). Redirects are followed by hand so each hop is checked.
- robots.txt honoured per host (protego), cached per fetcher.
- Per-domain minimum interval between requests; identifying user agent; connect/read timeouts; a size cap
  enforced while streaming.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import requests
from protego import Protego

USER_AGENT = "ecomintel-pricebot/0.1 (+https://github.com/ecomintel/ecomintel; price monitoring for merchants)"
_METADATA_HOSTS = {"metadata.google.internal", "metadata", "169.254.169.254", "fd00:ec2::254"}


class FetchRefused(Exception):
    """The URL is not allowed (scheme, address, robots.txt) — permanent, do not retry."""


class FetchFailed(Exception):
    """The fetch failed (network, status, size) — may be retried."""


def operator_allow_hosts() -> tuple[str, ...]:
    """Hosts exempt from the SSRF guard (comma-separated ``ECOMINTEL_FETCH_ALLOW_HOSTS``; tests only)."""
    raw = os.environ.get("ECOMINTEL_FETCH_ALLOW_HOSTS", "")
    return tuple(h.strip().lower() for h in raw.split(",") if h.strip())


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchFailed(f"cannot resolve {host}: {exc}") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def check_url(
    url: str,
    *,
    allow_hosts: Iterable[str] = (),
    resolve: Callable[[str], list[ipaddress.IPv4Address | ipaddress.IPv6Address]] = _addresses,
) -> None:
    """Raise ``FetchRefused`` unless ``url`` is a public http(s) URL (or its host is explicitly allowed)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"scheme {parts.scheme!r} not allowed")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise FetchRefused("URL has no host")
    if parts.username or parts.password:
        raise FetchRefused("credentials in URLs are not allowed")
    if host in {h.lower() for h in allow_hosts}:
        return
    if host in _METADATA_HOSTS:
        raise FetchRefused(f"{host} is a metadata address")
    for addr in resolve(host):
        if (
            addr.is_private
            or addr.is_loopback
            or addr.is_link_local
            or addr.is_reserved
            or addr.is_multicast
            or addr.is_unspecified
            or str(addr) in _METADATA_HOSTS
            or (
                isinstance(addr, ipaddress.IPv6Address)
                and addr.ipv4_mapped is not None
                and not addr.ipv4_mapped.is_global
            )
        ):
            raise FetchRefused(f"{host} resolves to non-public address {addr}")


@dataclass
class FetchPolicy:
    """Limits for one fetcher."""

    min_interval_seconds: float = 2.0
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_bytes: int = 3 * 1024 * 1024
    max_redirects: int = 5
    allow_hosts: tuple[str, ...] = ()
    user_agent: str = USER_AGENT


@dataclass
class PoliteFetcher:
    """Fetches pages within ``policy``; one instance per sync run."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    session: requests.Session = field(default_factory=requests.Session)
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, Protego | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + self.policy.min_interval_seconds
            if ready > now:
                self.sleep(ready - now)
            self._last[host] = time.monotonic()

    def _get(self, url: str) -> requests.Response:
        for _ in range(self.policy.max_redirects + 1):
            check_url(url, allow_hosts=self.policy.allow_hosts)
            self._wait_turn(urllib.parse.urlsplit(url).netloc)
            try:
                resp = self.session.get(
                    url,
                    headers={"User-Agent": self.policy.user_agent, "Accept": "text/html,application/xhtml+xml"},
                    timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                    allow_redirects=False,
                    stream=True,
                )
            except requests.RequestException as exc:
                raise FetchFailed(f"{url}: {exc}") from exc
            if resp.is_redirect and resp.headers.get("Location"):
                url = urllib.parse.urljoin(url, resp.headers["Location"])
                resp.close()
                continue
            return resp
        raise FetchFailed(f"too many redirects from {url}")

    def _read_capped(self, resp: requests.Response) -> bytes:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
            resp.close()
            raise FetchFailed(f"page larger than {self.policy.max_bytes} bytes")
        body = bytearray()
        for chunk in resp.iter_content(64 * 1024):
            body += chunk
            if len(body) > self.policy.max_bytes:
                resp.close()
                raise FetchFailed(f"page larger than {self.policy.max_bytes} bytes")
        return bytes(body)

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our user agent fetch it (missing robots.txt allows)."""
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            try:
                resp = self._get(origin + "/robots.txt")
                text = self._read_capped(resp).decode("utf-8", "replace") if resp.status_code == 200 else ""
                self._robots[origin] = Protego.parse(text) if text else None
            except FetchFailed:
                self._robots[origin] = None
        robots = self._robots[origin]
        return True if robots is None else bool(robots.can_fetch(url, self.policy.user_agent))

    def fetch(self, url: str) -> tuple[int, str]:
        """GET a page: ``(status, text)``; raises ``FetchRefused`` / ``FetchFailed``."""
        check_url(url, allow_hosts=self.policy.allow_hosts)
        if not self.allowed_by_robots(url):
            raise FetchRefused(f"robots.txt disallows {url}")
        resp = self._get(url)
        body = self._read_capped(resp)
        if resp.status_code >= 400:
            raise FetchFailed(f"{url}: HTTP {resp.status_code}")
        return resp.status_code, body.decode(resp.encoding or "utf-8", "replace")
