"""Every outbound request the product makes on a tenant's behalf goes through one guarded session.

The SSRF guard checks the address the socket actually connects to: the host is resolved once, at connect
time, every address is checked, and the connection is made to the checked address (TLS still verifies the
certificate against the host name). Checking a name and letting the HTTP library resolve it again would let
DNS rebinding slip a private address in between.

Refused: anything that is not a globally routable unicast address, which covers private, loopback,
link-local (cloud metadata), shared address space (100.64.0.0/10), IETF protocol assignments (192.0.0.0/24),
documentation, benchmarking, multicast and reserved ranges, and IPv6 addresses that embed a non-global IPv4
address (IPv4-mapped, 6to4, Teredo, NAT64). Hosts named in ``ECOMINTEL_FETCH_ALLOW_HOSTS`` (an operator
setting, never a tenant's) are exempt, for tests and private deployments.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[IPAddress]]

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "metadata.goog", "instance-data",
                            "169.254.169.254", "fd00:ec2::254"})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: Not global, yet some Python versions call parts of them global.
_NEVER_PUBLIC = (ipaddress.ip_network("100.64.0.0/10"), ipaddress.ip_network("192.0.0.0/24"))


class OutboundRefused(Exception):
    """The destination is not allowed (scheme, credentials in the URL, non-public address): permanent."""


def operator_allow_hosts() -> tuple[str, ...]:
    """Hosts exempt from the guard (comma-separated ``ECOMINTEL_FETCH_ALLOW_HOSTS``; operators and tests)."""
    raw = os.environ.get("ECOMINTEL_FETCH_ALLOW_HOSTS", "")
    return tuple(h.strip().lower() for h in raw.split(",") if h.strip())


def resolve(host: str) -> list[IPAddress]:
    """Every address ``host`` resolves to (``OSError`` when it does not resolve or is not a valid name)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except UnicodeError as exc:  # an IDNA label over 63 characters, and the like
        raise OSError(f"{host[:80]!r} is not a valid host name: {exc}") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def is_public(addr: IPAddress) -> bool:
    """Whether ``addr`` is a globally routable unicast address with no non-global IPv4 inside it."""
    if not addr.is_global or addr.is_multicast or str(addr) in METADATA_HOSTS:
        return False
    if isinstance(addr, ipaddress.IPv4Address) and any(addr in net for net in _NEVER_PUBLIC):
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_ipv4(addr)
        if inner is not None and not is_public(inner):
            return False
    return True


def _allowed(host: str, allow_hosts: Iterable[str]) -> bool:
    return host in {h.lower() for h in allow_hosts} or host in operator_allow_hosts()


def check_url(url: str, *, allow_hosts: Iterable[str] = (), resolver: Resolver | None = None,
              unresolvable_ok: bool = False) -> None:
    """Refuse ``url`` unless it is http(s), carries no credentials and (when resolved) names public addresses.

    Used at configuration time (a webhook or source URL a tenant saves) so a bad URL is refused when it is
    entered; the connection itself is checked again by :func:`guarded_session` whatever this said. With
    ``unresolvable_ok`` a name that does not resolve now passes (it may later; the connection is checked then).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise OutboundRefused(f"scheme {parts.scheme!r} is not allowed")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise OutboundRefused("the URL has no host")
    if parts.username or parts.password:
        raise OutboundRefused("credentials in URLs are not allowed")
    if _allowed(host, allow_hosts):
        return
    if host in METADATA_HOSTS:
        raise OutboundRefused(f"{host} is a metadata address")
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        if not is_public(literal):
            raise OutboundRefused(f"{host} is not a public address")
        return
    if resolver is not None:
        try:
            addresses = resolver(host)
        except OSError as exc:
            if unresolvable_ok:
                return
            raise OutboundRefused(f"{host} does not resolve: {exc}") from exc
        for addr in addresses:
            if not is_public(addr):
                raise OutboundRefused(f"{host} resolves to non-public address {addr}")


def _pinned_address(host: str, allow_hosts: tuple[str, ...], resolver: Resolver) -> str:
    """The address to connect to: resolved once, every answer checked, the first one used."""
    host = host.lower().rstrip(".").strip("[]")
    if _allowed(host, allow_hosts):
        return host
    if host in METADATA_HOSTS:
        raise OutboundRefused(f"{host} is a metadata address")
    addresses = resolver(host)
    if not addresses:
        raise OutboundRefused(f"{host} resolves to no address")
    for addr in addresses:
        if not is_public(addr):
            raise OutboundRefused(f"{host} resolves to non-public address {addr}")
    return str(addresses[0])


class _GuardedConnectionMixin:
    guard_allow_hosts: tuple[str, ...] = ()
    guard_resolver: Resolver = staticmethod(resolve)

    def _new_conn(self) -> socket.socket:
        original = self._dns_host  # type: ignore[has-type]
        self._dns_host = _pinned_address(original, self.guard_allow_hosts, self.guard_resolver)
        try:
            return super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = original


def _adapter(allow_hosts: tuple[str, ...], resolver: Resolver) -> HTTPAdapter:
    guarded = {"guard_allow_hosts": allow_hosts, "guard_resolver": staticmethod(resolver)}
    http_conn = type("GuardedHTTPConnection", (_GuardedConnectionMixin, HTTPConnection), guarded)
    https_conn = type("GuardedHTTPSConnection", (_GuardedConnectionMixin, HTTPSConnection), guarded)
    http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
    https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
            self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)

    return GuardedAdapter()


class _RefusingAdapter(HTTPAdapter):
    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        raise OutboundRefused(f"scheme of {request.url!r} is not allowed")


def guarded_session(*, allow_hosts: Iterable[str] = (), resolver: Resolver = resolve) -> requests.Session:
    """A ``requests.Session`` whose every connection is made to a checked, pinned public address.

    Proxies from the environment are ignored (a proxy would resolve the name itself).
    """
    session = requests.Session()
    session.trust_env = False
    adapter = _adapter(tuple(h.lower() for h in allow_hosts), resolver)
    for prefix in list(session.adapters):
        session.adapters.pop(prefix)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.mount("", _RefusingAdapter())
    return session
