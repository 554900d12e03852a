"""Polite, guarded page fetching for competitor prices.

- SSRF guard (``shared.security.outbound``): only http(s); every hop is checked, and every connection is
  made to an address resolved and checked at connect time (no DNS rebinding), unless the host is explicitly
  allowed (tests allow their 127.0.0.1 fixture server). Redirects are followed by hand so each hop is checked.
- robots.txt honoured per host (protego), cached per fetcher.
- Per-domain minimum interval between requests; identifying user agent; connect/read timeouts; a size cap
  enforced while streaming.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import requests
from protego import Protego

from shared.security import outbound
from shared.security.outbound import OutboundRefused, Resolver, operator_allow_hosts

__all__ = ["FetchFailed", "FetchPolicy", "FetchRefused", "PoliteFetcher", "check_url", "operator_allow_hosts"]

USER_AGENT = "ecomintel-pricebot/0.1 (+https://github.com/ecomintel/ecomintel; price monitoring for merchants)"


class FetchRefused(OutboundRefused):
    """The URL is not allowed (scheme, address, robots.txt) — permanent, do not retry."""


class FetchFailed(Exception):
    """The fetch failed (network, status, size) — may be retried."""


def check_url(url: str, *, allow_hosts: Iterable[str] = (), resolve: Resolver = outbound.resolve) -> None:
    """Raise ``FetchRefused`` unless ``url`` is a public http(s) URL (or its host is explicitly allowed)."""
    try:
        outbound.check_url(url, allow_hosts=allow_hosts, resolver=resolve)
    except OutboundRefused as exc:
        raise FetchRefused(str(exc)) from exc


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
    session: requests.Session | None = None
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, Protego | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.session is None:
            self.session = outbound.guarded_session(allow_hosts=self.policy.allow_hosts)

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
            assert self.session is not None
            try:
                resp = self.session.get(
                    url,
                    headers={"User-Agent": self.policy.user_agent, "Accept": "text/html,application/xhtml+xml"},
                    timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                    allow_redirects=False,
                    stream=True,
                )
            except OutboundRefused as exc:
                raise FetchRefused(str(exc)) from exc
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
