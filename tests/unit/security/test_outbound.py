"""The outbound guard: what counts as public, rebinding, pinned connections, and connectors' endpoints."""

from __future__ import annotations

import http.server
import ipaddress
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.connectors.amazon import AmazonSellingPartnerSource
from shared.connectors.base import EndpointRefused, SyncContext
from shared.connectors.s3_export import S3ExportSource
from shared.connectors.shopify import ShopifySource
from shared.delivery import webhook
from shared.security.outbound import OutboundRefused, check_url, guarded_session, is_public


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.254",
    "192.0.0.8", "192.0.2.1", "198.18.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1", "::1", "fe80::1",
    "fc00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "2002:7f00:1::", "2002:a00:1::", "64:ff9b::a00:1",
    "2001:0:4136:e378:8000:63bf:f5ff:fffe", "fd00:ec2::254",
])
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "2002:5db8:d822::"])
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.fixture
def local_server() -> Iterator[int]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"inside")

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def test_session_refuses_loopback_unless_an_operator_allows_it(local_server: int) -> None:
    with pytest.raises(OutboundRefused):
        guarded_session().get(f"http://127.0.0.1:{local_server}/", timeout=5)
    allowed = guarded_session(allow_hosts=["127.0.0.1"])
    assert allowed.get(f"http://127.0.0.1:{local_server}/", timeout=5).text == "inside"


def test_dns_rebinding_cannot_slip_a_private_address_in(local_server: int) -> None:
    """The name resolves to a public address when checked, to loopback when connected: the connection is refused."""
    answers = iter([[ipaddress.ip_address("93.184.216.34")]] + [[ipaddress.ip_address("127.0.0.1")]] * 5)

    def rebinding(host: str) -> list[Any]:
        return next(answers)

    url = f"http://shop.example:{local_server}/hook"
    check_url(url, resolver=rebinding)  # the configuration-time check passes ...
    session = guarded_session(resolver=rebinding)
    with pytest.raises(webhook.DeliveryRefused):  # ... and the delivery still cannot reach loopback
        webhook.post(url, b"{}", "s" * 32, session=session)


def _ctx(config: dict[str, Any], secrets_asked: list[str]) -> SyncContext:
    def secret(name: str) -> str:
        secrets_asked.append(name)
        return f"value-of-{name}"

    return SyncContext(tenant_id="t1", config=config, state={}, now=datetime(2026, 1, 1, tzinfo=UTC),
                       secret=secret, sleep=lambda s: None)


@pytest.mark.parametrize("source, config", [
    (ShopifySource, {"base_url": "http://127.0.0.1:9", "token_secret": "amazon_client_secret"}),
    (ShopifySource, {"base_url": "https://evil.example"}),
    (ShopifySource, {"shop_domain": "evil.example"}),
    (ShopifySource, {"shop_domain": "shop.myshopify.com.evil.example"}),
    (AmazonSellingPartnerSource, {"endpoint": "https://evil.example", "lwa_url": "https://evil.example/token"}),
    (AmazonSellingPartnerSource, {"lwa_url": "http://169.254.169.254/token"}),
    (S3ExportSource, {"bucket": "b", "endpoint_url": "http://169.254.169.254"}),
])
def test_a_tenant_cannot_point_a_source_and_its_credentials_elsewhere(source: Any, config: dict[str, Any]) -> None:
    asked: list[str] = []
    with pytest.raises(EndpointRefused):
        list(source().sync(_ctx(config, asked)))
    assert asked == []  # refused before any credential was read


def test_a_tenant_cannot_choose_which_platform_secret_is_sent(local_server: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_FETCH_ALLOW_HOSTS", "127.0.0.1")
    asked: list[str] = []
    config = {"base_url": f"http://127.0.0.1:{local_server}", "token_secret": "amazon_client_secret"}
    with pytest.raises(Exception):  # noqa: B017 - the fake answers plain text; what matters is the secret asked
        list(ShopifySource().sync(_ctx(config, asked)))
    assert asked and set(asked) == {"shopify_token"}


def test_invalid_host_names_are_refused_not_crashed() -> None:
    from shared.security.outbound import resolve

    with pytest.raises(OSError):
        resolve("a" * 300 + ".example")
    with pytest.raises(OutboundRefused):
        check_url("https://" + "0" * 300 + "/x", resolver=resolve)
