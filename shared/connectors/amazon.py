"""Amazon Selling Partner API: Login-with-Amazon refresh, Orders API -> sales, Reports API -> inventory/listings.

Reports: request a report, poll, fetch the document, gunzip, parse the tab-separated content.

Per-operation rate limits surface as ``429``; the retrying client backs off with jitter (honouring
Retry-After). An expired access token (403 whose details mention expiry) triggers one token refresh.
"""

from __future__ import annotations

import csv
import gzip
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import requests

from shared.connectors.base import RawPayload, SyncBatch, SyncContext, pinned_origin
from shared.connectors.http import ApiError, RetryingClient
from shared.models.records import DataKind

LWA_URL = "https://api.amazon.com/auth/o2/token"
DEFAULT_ENDPOINT = "https://sellingpartnerapi-na.amazon.com"
#: The SP-API regional endpoints (and their sandboxes): the only hosts an access token is sent to.
SP_API_HOSTS = ("sellingpartnerapi-na.amazon.com", "sellingpartnerapi-eu.amazon.com",
                "sellingpartnerapi-fe.amazon.com", "sandbox.sellingpartnerapi-na.amazon.com",
                "sandbox.sellingpartnerapi-eu.amazon.com", "sandbox.sellingpartnerapi-fe.amazon.com")
REPORT_KINDS = {
    "GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA": DataKind.INVENTORY,
    "GET_MERCHANT_LISTINGS_ALL_DATA": DataKind.PRODUCTS,
}


@dataclass
class _Token:
    value: str = ""
    expires_at: float = 0.0


class AmazonSellingPartnerSource:
    """Orders and reports for one seller account."""

    name = "amazon"
    poll_interval_seconds = 15.0
    max_polls = 40

    def __init__(self) -> None:
        self._token = _Token()

    def _refresh(self, ctx: SyncContext, client: RetryingClient) -> str:
        cfg = ctx.config
        resp = client.request(
            "POST",
            pinned_origin(cfg.get("lwa_url"), ("api.amazon.com",), LWA_URL),
            data={
                "grant_type": "refresh_token",
                "refresh_token": ctx.secret("amazon_refresh_token"),
                "client_id": ctx.secret("amazon_client_id"),
                "client_secret": ctx.secret("amazon_client_secret"),
            },
        )
        if resp.status_code != 200:
            raise ApiError(
                f"Login with Amazon refused the refresh token (HTTP {resp.status_code})", status=resp.status_code
            )
        body = resp.json()
        self._token = _Token(body["access_token"], time.monotonic() + float(body.get("expires_in", 3600)) - 60)
        return self._token.value

    def _call(
        self, ctx: SyncContext, client: RetryingClient, method: str, path: str, **kwargs: Any
    ) -> requests.Response:
        endpoint = pinned_origin(ctx.config.get("endpoint"), SP_API_HOSTS, DEFAULT_ENDPOINT)
        for refreshed in (False, True):
            if not self._token.value or time.monotonic() >= self._token.expires_at:
                self._refresh(ctx, client)
            resp = client.request(
                method,
                endpoint + path,
                headers={"x-amz-access-token": self._token.value, "user-agent": "ecomintel/0.1 (Language=Python)"},
                **kwargs,
            )
            if resp.status_code == 403 and not refreshed and "expired" in resp.text.lower():
                self._token = _Token()
                continue
            if resp.status_code >= 400:
                raise ApiError(
                    f"SP-API {method} {path}: HTTP {resp.status_code} {resp.text[:200]}", status=resp.status_code
                )
            return resp
        raise ApiError(f"SP-API {path}: access token rejected after refresh", status=403)

    def _json(self, resp: requests.Response) -> dict[str, Any]:
        try:
            body = resp.json()
        except ValueError as exc:
            raise ApiError("SP-API returned a non-JSON body") from exc
        if not isinstance(body, dict):
            raise ApiError("SP-API returned an unexpected JSON shape")
        return body

    def _orders(self, ctx: SyncContext, client: RetryingClient) -> Iterator[SyncBatch]:
        marketplaces = ",".join(ctx.config.get("marketplace_ids", ["ATVPDKIKX0DER"]))
        # first run: from the configured start (a backfill), else the last 30 days
        since = (ctx.watermark("orders_last_updated") or ctx.config.get("orders_since")
                 or (ctx.now - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"))
        params: dict[str, str] = {"MarketplaceIds": marketplaces, "LastUpdatedAfter": since}
        newest = since
        page = 0
        while True:
            resp = self._call(ctx, client, "GET", "/orders/v0/orders", params=params)
            body = self._json(resp)
            payload = body.get("payload") or {}
            orders = payload.get("Orders")
            if not isinstance(orders, list):
                raise ApiError("SP-API getOrders response has no payload.Orders")
            payloads = [RawPayload(f"orders-{page:04d}.json", resp.content)]
            rows = []
            for order in orders:
                order_id = order["AmazonOrderId"]
                updated = order.get("LastUpdateDate") or ""
                newest = max(newest, updated)
                item_params: dict[str, str] = {}
                while True:
                    iresp = self._call(
                        ctx, client, "GET", f"/orders/v0/orders/{order_id}/orderItems", params=item_params
                    )
                    payloads.append(RawPayload(f"order-items-{order_id}.json", iresp.content))
                    ipayload = self._json(iresp).get("payload") or {}
                    for item in ipayload.get("OrderItems") or []:
                        qty = int(item.get("QuantityOrdered") or 0)
                        total = (item.get("ItemPrice") or {}).get("Amount")
                        rows.append(
                            {
                                "order_id": order_id,
                                "sku": item.get("SellerSKU") or item.get("ASIN"),
                                "date": str(order.get("PurchaseDate", ""))[:10],
                                "units": qty,
                                "revenue": total,
                                "unit_price": (float(total) / qty) if total and qty else None,
                                "currency": (item.get("ItemPrice") or {}).get("CurrencyCode"),
                                "channel": "amazon",
                            }
                        )
                    if not ipayload.get("NextToken"):
                        break
                    item_params = {"NextToken": ipayload["NextToken"]}
            yield SyncBatch(DataKind.SALES, rows, payloads)
            page += 1
            if not payload.get("NextToken"):
                break
            params = {"MarketplaceIds": marketplaces, "NextToken": payload["NextToken"]}
        ctx.state["orders_last_updated"] = newest

    def _report(self, ctx: SyncContext, client: RetryingClient, report_type: str) -> Iterator[SyncBatch]:
        created = self._json(
            self._call(
                ctx,
                client,
                "POST",
                "/reports/2021-06-30/reports",
                json={
                    "reportType": report_type,
                    "marketplaceIds": list(ctx.config.get("marketplace_ids", ["ATVPDKIKX0DER"])),
                },
            )
        )
        report_id = created.get("reportId")
        if not report_id:
            raise ApiError("SP-API createReport returned no reportId")
        for _ in range(self.max_polls):
            report = self._json(self._call(ctx, client, "GET", f"/reports/2021-06-30/reports/{report_id}"))
            status = report.get("processingStatus")
            if status == "DONE":
                break
            if status in ("CANCELLED", "FATAL"):
                if status == "CANCELLED":  # Amazon cancels reports with no data: nothing to import
                    return
                raise ApiError(f"SP-API report {report_id} ended {status}")
            ctx.sleep(float(ctx.config.get("poll_interval_seconds", self.poll_interval_seconds)))
        else:
            raise ApiError(f"SP-API report {report_id} not done after {self.max_polls} polls")
        doc = self._json(self._call(ctx, client, "GET", f"/reports/2021-06-30/documents/{report['reportDocumentId']}"))
        download = client.request("GET", str(doc["url"]))
        if download.status_code != 200:
            raise ApiError(
                f"report document download failed (HTTP {download.status_code})", status=download.status_code
            )
        raw = download.content
        text_bytes = gzip.decompress(raw) if str(doc.get("compressionAlgorithm", "")).upper() == "GZIP" else raw
        text = text_bytes.decode("utf-8-sig", errors="replace")
        records = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
        kind = REPORT_KINDS[report_type]
        today = ctx.now.date().isoformat()
        if kind is DataKind.INVENTORY:
            rows = [
                {
                    "sku": r.get("sku"),
                    "date": today,
                    "location": "amazon-fba",
                    "on_hand": r.get("afn-fulfillable-quantity") or r.get("quantity") or 0,
                }
                for r in records
            ]
        else:
            rows = [
                {
                    "sku": r.get("seller-sku"),
                    "title": r.get("item-name"),
                    "price": r.get("price"),
                    "asin": r.get("asin1"),
                }
                for r in records
            ]
        yield SyncBatch(
            kind,
            rows,
            [
                RawPayload(
                    f"report-{report_type}-{report_id}.tsv.gz"
                    if doc.get("compressionAlgorithm")
                    else f"report-{report_type}-{report_id}.tsv",
                    raw,
                    "application/gzip" if doc.get("compressionAlgorithm") else "text/tab-separated-values",
                )
            ],
        )

    def sync(self, ctx: SyncContext) -> Iterator[SyncBatch]:
        """Orders since the watermark, then each configured report."""
        client = RetryingClient(sleep=ctx.sleep)
        yield from self._orders(ctx, client)
        for report_type in ctx.config.get("reports", list(REPORT_KINDS)):
            if report_type not in REPORT_KINDS:
                raise ApiError(f"unsupported report type {report_type}")
            yield from self._report(ctx, client, report_type)

