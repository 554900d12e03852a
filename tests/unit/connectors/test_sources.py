from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest

from shared.connectors.amazon import AmazonSellingPartnerSource
from shared.connectors.base import SyncBatch, SyncContext
from shared.connectors.competitor import CompetitorPagesSource
from shared.connectors.fetch import FetchPolicy, PoliteFetcher
from shared.connectors.http import ApiError
from shared.connectors.s3_export import S3ExportSource
from shared.connectors.shopify import ShopifySource
from shared.models.records import DataKind
from tests.unit.connectors.servers import (
    FakeSellingPartner,
    FakeShopify,
    competitor_site,
    serve,
    shopify_order,
    shopify_product,
)

pytestmark = pytest.mark.usefixtures("fake_servers_allowed")

PAGES = Path(__file__).parent / "pages"
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def _ctx(
    config: dict[str, Any],
    state: dict[str, Any] | None = None,
    secrets: dict[str, str] | None = None,
    sleeps: list[float] | None = None,
) -> SyncContext:
    secrets = secrets or {}
    return SyncContext(
        tenant_id="t1",
        config=config,
        state=state if state is not None else {},
        now=NOW,
        secret=lambda name: secrets[name],
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
    )


def _rows(batches: list[SyncBatch], kind: DataKind) -> list[dict[str, Any]]:
    return [r for b in batches if b.kind is kind for r in b.rows]


@pytest.fixture
def shopify() -> Iterator[tuple[FakeShopify, str]]:
    fake = FakeShopify(
        products=[shopify_product(n, f"2024-05-01T{n // 60:02d}:{n % 60:02d}:00Z") for n in range(1, 121)],
        orders=[shopify_order(n, f"2024-05-{(n % 28) + 1:02d}T09:00:00Z", f"SKU-{n}", n % 3 + 1) for n in range(1, 8)],
    )
    with serve(fake) as base:
        yield fake, base


def test_shopify_paginates_throttles_and_syncs_incrementally(shopify: tuple[FakeShopify, str]) -> None:
    fake, base = shopify
    fake.throttle_first = 1
    sleeps: list[float] = []
    state: dict[str, Any] = {}
    ctx = _ctx({"base_url": base}, state, {"shopify_token": fake.token}, sleeps)
    batches = list(ShopifySource().sync(ctx))
    products = _rows(batches, DataKind.PRODUCTS)
    assert len(products) == 120 and products[0]["sku"] == "SKU-1" and products[0]["cost"] == "4.00"
    assert len(_rows(batches, DataKind.INVENTORY)) == 120
    sales = _rows(batches, DataKind.SALES)
    assert len(sales) == 7 and {s["channel"] for s in sales} == {"shopify"}
    product_calls = [c for c in fake.calls if "products(" in c["query"]]
    assert len(product_calls) == 1 + 3  # one throttled + three pages of 50
    assert sleeps, "a THROTTLED answer must make the client wait"
    assert state["products_updated_at"] == max(p["updatedAt"] for p in fake.products)
    # second run: only what changed
    fake.products.append(shopify_product(500, "2024-06-01T00:00:00Z"))
    fake.calls.clear()
    again = list(ShopifySource().sync(_ctx({"base_url": base}, state, {"shopify_token": fake.token})))
    assert [p["sku"] for p in _rows(again, DataKind.PRODUCTS)] == ["SKU-500"]
    assert _rows(again, DataKind.SALES) == []


def test_shopify_bad_token_and_malformed_payload(shopify: tuple[FakeShopify, str]) -> None:
    fake, base = shopify
    with pytest.raises(ApiError, match="access token"):
        list(ShopifySource().sync(_ctx({"base_url": base}, {}, {"shopify_token": "wrong"})))
    fake.malformed_once = True  # a 502 HTML page is retried, then the sync completes
    batches = list(ShopifySource().sync(_ctx({"base_url": base}, {}, {"shopify_token": fake.token})))
    assert len(_rows(batches, DataKind.PRODUCTS)) == 120


def _spapi() -> FakeSellingPartner:
    orders = [
        {
            "AmazonOrderId": f"111-{n}",
            "PurchaseDate": f"2024-05-0{n}T10:00:00Z",
            "LastUpdateDate": f"2024-05-0{n}T12:00:00Z",
            "OrderStatus": "Shipped",
        }
        for n in range(1, 6)
    ]
    items = {
        o["AmazonOrderId"]: [
            {
                "ASIN": "B000TEST01",
                "SellerSKU": "SKU-1",
                "OrderItemId": "1",
                "QuantityOrdered": 2,
                "ItemPrice": {"CurrencyCode": "USD", "Amount": "25.98"},
            }
        ]
        for o in orders
    }
    tsv = "sku\tfnsku\tasin\tproduct-name\tafn-fulfillable-quantity\nSKU-1\tX0\tB000TEST01\tMug\t17\n"
    return FakeSellingPartner(orders=orders, items=items, inventory_tsv=tsv)


def test_amazon_orders_reports_backoff_and_token_refresh() -> None:
    fake = _spapi()
    secrets = {
        "amazon_refresh_token": fake.refresh_token,
        "amazon_client_id": fake.client_id,
        "amazon_client_secret": fake.client_secret,
    }
    with serve(fake) as base:
        fake.base_url = base
        config = {
            "endpoint": base,
            "lwa_url": base + "/auth/o2/token",
            "reports": ["GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA"],
            "poll_interval_seconds": 0,
        }
        state: dict[str, Any] = {"orders_last_updated": "2024-04-01T00:00:00Z"}
        batches = list(AmazonSellingPartnerSource().sync(_ctx(config, state, secrets)))
    sales = _rows(batches, DataKind.SALES)
    assert len(sales) == 5 and sales[0] == {
        "order_id": "111-1",
        "sku": "SKU-1",
        "date": "2024-05-01",
        "units": 2,
        "revenue": "25.98",
        "unit_price": 12.99,
        "currency": "USD",
        "channel": "amazon",
    }
    assert _rows(batches, DataKind.INVENTORY) == [
        {"sku": "SKU-1", "date": "2024-06-01", "location": "amazon-fba", "on_hand": "17"}
    ]
    assert fake.tokens_issued == 2, "the expired token must be refreshed once"
    assert fake.calls.count("GET /orders/v0/orders") >= 2, "the 429 must be retried"
    report_doc = [p for b in batches for p in b.payloads if p.name.endswith(".tsv.gz")]
    assert gzip.decompress(report_doc[0].body).startswith(b"sku\t")
    assert state["orders_last_updated"] == "2024-05-05T12:00:00Z"


def test_amazon_wrong_refresh_token_fails_clearly() -> None:
    fake = _spapi()
    with serve(fake) as base:
        ctx = _ctx(
            {"endpoint": base, "lwa_url": base + "/auth/o2/token", "reports": []},
            {},
            {"amazon_refresh_token": "nope", "amazon_client_id": "x", "amazon_client_secret": "y"},
        )
        with pytest.raises(ApiError, match="refused the refresh token"):
            list(AmazonSellingPartnerSource().sync(ctx))


def test_competitor_pages_rows_and_problems() -> None:
    with serve(competitor_site(PAGES)) as base:
        pages = [
            {"url": f"{base}/p/jsonld_only.html", "sku": "TR2", "competitor": "runshop"},
            {"url": f"{base}/p/several_prices_ambiguous.html", "sku": "KET", "competitor": "kitchen"},
            {"url": f"{base}/private/secret.html", "sku": "SEC", "competitor": "x"},
        ]
        fetcher = PoliteFetcher(FetchPolicy(min_interval_seconds=0, allow_hosts=("127.0.0.1",)), sleep=lambda s: None)
        state: dict[str, Any] = {}
        batches = list(CompetitorPagesSource(fetcher).sync(_ctx({"pages": pages}, state)))
    rows = _rows(batches, DataKind.COMPETITOR_PRICES)
    assert [(r["sku"], r["price"], r["currency"], r["in_stock"]) for r in rows] == [("TR2", "89.90", "EUR", True)]
    problems = {p["sku"]: p["problem"] for p in state["last_problems"]}
    assert problems["KET"] == "ambiguous" and "robots" in problems["SEC"]


def test_s3_imports_only_new_objects() -> None:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        s3 = boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s"
        )
        s3.create_bucket(Bucket="exports")
        s3.put_object(Bucket="exports", Key="amazon/sales_2024-05.csv", Body=b"sku,date,units\nA,2024-05-01,3\n")
        s3.put_object(Bucket="exports", Key="amazon/readme.txt", Body=b"hello")
        config = {"bucket": "exports", "prefix": "amazon/", "endpoint_url": endpoint}
        secrets = {"aws_access_key_id": "k", "aws_secret_access_key": "s"}
        state: dict[str, Any] = {}
        first = list(S3ExportSource().sync(_ctx(config, state, secrets)))
        assert [(b.kind, b.file.name if b.file else None) for b in first] == [(DataKind.SALES, "sales_2024-05.csv")]
        assert state["skipped_keys"] == ["amazon/readme.txt"]
        assert list(S3ExportSource().sync(_ctx(config, state, secrets))) == []
        s3.put_object(Bucket="exports", Key="amazon/inventory_2024-06.csv", Body=b"sku,date,on_hand\nA,2024-06-01,5\n")
        third = list(S3ExportSource().sync(_ctx(config, state, secrets)))
        assert [b.kind for b in third] == [DataKind.INVENTORY]
    finally:
        server.stop()
