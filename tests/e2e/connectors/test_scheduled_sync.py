"""Data that arrives by itself, end to end on the embedded backend: a scheduled sync pulls from the fake
Shopify and SP-API servers and a fixture competitor site, the rows land in the warehouse through the ordinary
ingest -> process path, with lineage back to the raw payloads; a second run adds only what changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from shared.connectors.runner import configure_source
from shared.deps import Deps, get_deps
from shared.runtime.local import LocalRuntime
from tests.unit.connectors.servers import (
    FakeSellingPartner,
    FakeShopify,
    competitor_site,
    serve,
    shopify_order,
    shopify_product,
)
from tests.unit.connectors.test_sources import _spapi

PAGES = Path(__file__).parents[2] / "unit" / "connectors" / "pages"
TENANT = "shop"


@pytest.fixture
def sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeShopify, FakeSellingPartner, Deps]]:
    shopify = FakeShopify(products=[shopify_product(n, f"2024-05-01T00:{n:02d}:00Z") for n in range(1, 4)],
                          orders=[shopify_order(1, "2024-05-02T09:00:00Z", "SKU-1", 2)])
    amazon = _spapi()
    with serve(shopify) as shop_url, serve(amazon) as amazon_url, serve(competitor_site(PAGES)) as site_url:
        amazon.base_url = amazon_url
        monkeypatch.setenv("ECOMINTEL_FETCH_ALLOW_HOSTS", "127.0.0.1")
        monkeypatch.setenv("ECOMINTEL_SECRET_SHOPIFY_TOKEN", shopify.token)
        monkeypatch.setenv("ECOMINTEL_SECRET_AMAZON_REFRESH_TOKEN", amazon.refresh_token)
        monkeypatch.setenv("ECOMINTEL_SECRET_AMAZON_CLIENT_ID", amazon.client_id)
        monkeypatch.setenv("ECOMINTEL_SECRET_AMAZON_CLIENT_SECRET", amazon.client_secret)
        deps = get_deps()
        configure_source(deps, TENANT, "shopify", {"base_url": shop_url})
        configure_source(deps, TENANT, "amazon", {
            "endpoint": amazon_url, "lwa_url": amazon_url + "/auth/o2/token", "poll_interval_seconds": 0,
            "orders_since": "2024-04-01T00:00:00Z", "reports": ["GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA"]})
        configure_source(deps, TENANT, "competitor_pages", {"min_interval_seconds": 0, "pages": [
            {"url": f"{site_url}/p/jsonld_only.html", "sku": "SKU-1", "competitor": "runshop"},
            {"url": f"{site_url}/p/several_prices_ambiguous.html", "sku": "SKU-2", "competitor": "kitchen"}]})
        yield shopify, amazon, deps


def _scheduled(deps: Deps, schedule: str) -> None:
    """What Cloud Scheduler does: publish the schedule's payload (no tenant) to its topic; then deliver."""
    spec = deps.manifest.schedules[schedule]
    deps.bus.publish(spec.topic, json.dumps(spec.payload).encode())
    LocalRuntime(deps).drain()


def _rows(deps: Deps, sql: str) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], deps.warehouse.query(sql, {"t": TENANT}).to_dict("records"))  # SQL columns


def test_scheduled_syncs_land_rows_with_lineage_and_rerun_adds_only_changes(
        sources: tuple[FakeShopify, FakeSellingPartner, Deps]) -> None:
    shopify, _, deps = sources
    for schedule in ("sync-shopify", "sync-amazon", "sync-competitor-pages"):
        _scheduled(deps, schedule)

    products = _rows(deps, "SELECT sku, title, price, ingestion_id FROM products WHERE tenant_id = @t ORDER BY sku")
    assert [p["sku"] for p in products] == ["SKU-1", "SKU-2", "SKU-3"]
    sales = _rows(deps, "SELECT sku, units, channel FROM sales WHERE tenant_id = @t ORDER BY channel, order_id")
    assert [(s["channel"], s["units"]) for s in sales] == [("amazon", 2)] * 5 + [("shopify", 2)]
    inventory = _rows(deps, "SELECT sku, on_hand, location FROM inventory WHERE tenant_id = @t ORDER BY location")
    assert {(i["location"], i["sku"], i["on_hand"]) for i in inventory} >= {("amazon-fba", "SKU-1", 17)}
    prices = _rows(deps, "SELECT sku, competitor, price FROM competitor_prices WHERE tenant_id = @t")
    assert prices == [{"sku": "SKU-1", "competitor": "runshop", "price": 89.9}]  # the ambiguous page gave no row

    # lineage: row -> ingestion -> synced file -> the raw API payloads it was parsed from
    ingestion = deps.documents.get(f"tenants/{TENANT}/ingestions", products[0]["ingestion_id"])
    assert ingestion is not None and ingestion["source"] == "sync:shopify"
    prefix = ingestion["source_lineage"]["raw_payload_prefix"]
    bucket, _, path = prefix.partition("/")
    payloads = [b.name for b in deps.blobs.list(bucket, path)]
    assert payloads and all(name.endswith(".json") for name in payloads)
    with deps.blobs.open(bucket, payloads[0]) as fh:
        assert "SKU-1" in fh.read().decode()

    # second scheduled run: only the product that changed upstream is new
    shopify.products.append(shopify_product(9, "2024-06-01T00:00:00Z"))
    before_sales = len(sales)
    _scheduled(deps, "sync-shopify")
    after = _rows(deps, "SELECT sku FROM products WHERE tenant_id = @t ORDER BY sku")
    assert [p["sku"] for p in after] == ["SKU-1", "SKU-2", "SKU-3", "SKU-9"]
    assert len(_rows(deps, "SELECT sku FROM sales WHERE tenant_id = @t")) == before_sales
    runs = [r for r in deps.documents.query(f"tenants/{TENANT}/sync_runs") if r["source"] == "shopify"]
    assert sorted(r["rows"].get("products", 0) for r in runs) == [1, 3]
