"""Shopify Admin API (GraphQL): products/variants, orders -> sales, inventory levels.

Cursor pagination (``pageInfo { hasNextPage endCursor }``), incremental sync from an ``updated_at``
watermark, and the cost-based throttle: every response reports ``extensions.cost.throttleStatus``; we wait
for the bucket to refill enough for the next query, and back off on ``THROTTLED`` errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from shared import regex as re
from shared.connectors.base import EndpointRefused, RawPayload, SyncBatch, SyncContext, pinned_origin
from shared.connectors.http import ApiError, RetryingClient
from shared.models.records import DataKind

API_VERSION = "2025-07"
_SHOP_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com")
_API_VERSION = re.compile(r"\d{4}-\d{2}|unstable")
PAGE_SIZE = 50

PRODUCTS_QUERY = """
query Products($first: Int!, $cursor: String, $query: String) {
  products(first: $first, after: $cursor, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id title vendor productType updatedAt
      variants(first: 100) {
        nodes { id sku title barcode price compareAtPrice inventoryQuantity inventoryItem { unitCost { amount } } }
      }
    }
  }
}
"""

ORDERS_QUERY = """
query Orders($first: Int!, $cursor: String, $query: String) {
  orders(first: $first, after: $cursor, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt updatedAt
      lineItems(first: 100) {
        nodes { sku quantity variant { id } discountedUnitPriceSet { shopMoney { amount currencyCode } } }
      }
    }
  }
}
"""


@dataclass
class _Throttle:
    available: float = 1.0e9
    restore_rate: float = 50.0
    last_cost: float = 0.0

    def update(self, extensions: dict[str, Any] | None) -> None:
        cost = (extensions or {}).get("cost") or {}
        status = cost.get("throttleStatus") or {}
        if "currentlyAvailable" in status:
            self.available = float(status["currentlyAvailable"])
            self.restore_rate = float(status.get("restoreRate") or self.restore_rate)
        self.last_cost = float(cost.get("requestedQueryCost") or self.last_cost)

    def wait_needed(self) -> float:
        deficit = self.last_cost - self.available
        return max(0.0, deficit / self.restore_rate) if deficit > 0 else 0.0


class ShopifySource:
    """Pulls products, orders and inventory from one shop."""

    name = "shopify"
    max_throttled_retries = 6

    def _endpoint(self, config: dict[str, Any]) -> str:
        domain = str(config.get("shop_domain") or "")
        if not config.get("base_url") and not _SHOP_DOMAIN.fullmatch(domain):
            raise EndpointRefused(f"shop_domain {domain!r} is not a <shop>.myshopify.com domain")
        origin = pinned_origin(config.get("base_url"), ("myshopify.com",), f"https://{domain}")
        version = str(config.get("api_version", API_VERSION))
        if not _API_VERSION.fullmatch(version):
            raise EndpointRefused(f"api_version {version!r} is not a Shopify API version")
        return f"{origin}/admin/api/{version}/graphql.json"

    def _pages(
        self, ctx: SyncContext, client: RetryingClient, query: str, root: str, watermark_key: str
    ) -> Iterator[tuple[list[dict[str, Any]], bytes]]:
        config = dict(ctx.config)
        url = self._endpoint(config)
        headers = {
            "X-Shopify-Access-Token": ctx.secret("shopify_token"),
            "Content-Type": "application/json",
        }
        since = ctx.watermark(watermark_key)
        search = f"updated_at:>'{since}'" if since else None
        variables: dict[str, Any] = {"first": PAGE_SIZE, "cursor": None, "query": search}
        throttle = _Throttle()
        newest = since
        throttled = 0
        while True:
            if (wait := throttle.wait_needed()) > 0:
                ctx.sleep(wait)
            resp = client.request(
                "POST", url, headers=headers, data=json.dumps({"query": query, "variables": variables})
            )
            if resp.status_code in (401, 403):
                raise ApiError(f"shopify rejected the access token (HTTP {resp.status_code})", status=resp.status_code)
            if resp.status_code >= 400:
                raise ApiError(f"shopify HTTP {resp.status_code}", status=resp.status_code)
            try:
                body = resp.json()
            except ValueError as exc:
                raise ApiError("shopify returned a non-JSON body") from exc
            throttle.update(body.get("extensions"))
            errors = body.get("errors") or []
            if any((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors if isinstance(e, dict)):
                throttled += 1
                if throttled > self.max_throttled_retries:
                    raise ApiError("shopify kept throttling")
                ctx.sleep(max(throttle.wait_needed(), 1.0))
                continue
            if errors:
                raise ApiError(f"shopify GraphQL errors: {[e.get('message') for e in errors][:3]}")
            connection = ((body.get("data") or {}).get(root)) or {}
            nodes = connection.get("nodes")
            page = connection.get("pageInfo") or {}
            if not isinstance(nodes, list):
                raise ApiError(f"shopify response has no {root}.nodes")
            yield nodes, resp.content
            for node in nodes:
                updated = node.get("updatedAt")
                if updated and (newest is None or updated > newest):
                    newest = updated
            if not page.get("hasNextPage"):
                break
            variables["cursor"] = page.get("endCursor")
        if newest:
            ctx.state[watermark_key] = newest

    def sync(self, ctx: SyncContext) -> Iterator[SyncBatch]:
        """Products (+ inventory snapshot from variant quantities), then orders as sales lines."""
        client = RetryingClient(sleep=ctx.sleep)
        today = ctx.now.date().isoformat()
        for n, (nodes, raw) in enumerate(self._pages(ctx, client, PRODUCTS_QUERY, "products", "products_updated_at")):
            products, inventory = [], []
            for p in nodes:
                for v in (p.get("variants") or {}).get("nodes") or []:
                    sku = v.get("sku") or v.get("id")
                    cost = ((v.get("inventoryItem") or {}).get("unitCost") or {}).get("amount")
                    title = p.get("title") or ""
                    if v.get("title") and v.get("title") != "Default Title":
                        title = f"{title} - {v['title']}"
                    products.append(
                        {
                            "sku": sku,
                            "title": title,
                            "brand": p.get("vendor"),
                            "category": p.get("productType"),
                            "price": v.get("price"),
                            "cost": cost,
                            "msrp": v.get("compareAtPrice"),
                            "gtin": v.get("barcode"),
                        }
                    )
                    if v.get("inventoryQuantity") is not None:
                        inventory.append(
                            {
                                "sku": sku,
                                "date": today,
                                "on_hand": max(0, int(v["inventoryQuantity"])),
                                "location": "shopify",
                            }
                        )
            payload = RawPayload(f"products-{n:04d}.json", raw)
            yield SyncBatch(DataKind.PRODUCTS, products, [payload])
            if inventory:
                yield SyncBatch(DataKind.INVENTORY, inventory, [payload])
        for n, (nodes, raw) in enumerate(self._pages(ctx, client, ORDERS_QUERY, "orders", "orders_updated_at")):
            sales = []
            for o in nodes:
                for li in (o.get("lineItems") or {}).get("nodes") or []:
                    money = ((li.get("discountedUnitPriceSet") or {}).get("shopMoney")) or {}
                    sales.append(
                        {
                            "order_id": o.get("name") or o.get("id"),
                            "sku": li.get("sku") or (li.get("variant") or {}).get("id"),
                            "date": str(o.get("createdAt", ""))[:10],
                            "units": li.get("quantity"),
                            "unit_price": money.get("amount"),
                            "currency": money.get("currencyCode"),
                            "channel": "shopify",
                        }
                    )
            yield SyncBatch(DataKind.SALES, sales, [RawPayload(f"orders-{n:04d}.json", raw)])

