"""Competitor product pages: fetched politely, the main offer's price/currency/sale/stock extracted.

Config: ``{"pages": [{"url", "sku", "competitor", "selectors": {"price", "list_price", "stock", "currency"}}],
"selectors_by_domain": {"shop.example": {...}}}``. Which hosts may be fetched despite the SSRF guard is an
operator setting (``ECOMINTEL_FETCH_ALLOW_HOSTS``), never tenant config.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

from shared.connectors.base import RawPayload, SyncBatch, SyncContext
from shared.connectors.extract import extract_price
from shared.connectors.fetch import FetchFailed, FetchPolicy, FetchRefused, PoliteFetcher, operator_allow_hosts
from shared.models.records import DataKind


class CompetitorPagesSource:
    """One competitor_prices row per page whose main offer is unambiguous; the rest are reported."""

    name = "competitor_pages"

    def __init__(self, fetcher: PoliteFetcher | None = None) -> None:
        self._fetcher = fetcher

    def sync(self, ctx: SyncContext) -> Iterator[SyncBatch]:
        """Fetch every configured page and extract its price."""
        fetcher = self._fetcher or PoliteFetcher(
            FetchPolicy(
                min_interval_seconds=float(ctx.config.get("min_interval_seconds", 2.0)),
                allow_hosts=operator_allow_hosts(),
            ),
            sleep=ctx.sleep,
        )
        by_domain: dict[str, Any] = dict(ctx.config.get("selectors_by_domain") or {})
        rows: list[dict[str, Any]] = []
        payloads: list[RawPayload] = []
        problems: list[dict[str, Any]] = []
        for n, page in enumerate(ctx.config.get("pages") or []):
            url = str(page["url"])
            host = (urllib.parse.urlsplit(url).hostname or "").lower()
            selectors = page.get("selectors") or by_domain.get(host)
            try:
                _, html = fetcher.fetch(url)
            except (FetchRefused, FetchFailed) as exc:
                problems.append({"url": url, "sku": page.get("sku"), "problem": str(exc)})
                continue
            payloads.append(RawPayload(f"page-{n:04d}.html", html.encode(), "text/html"))
            result = extract_price(html, selectors=selectors, base_url=url)
            if result.status != "ok" or result.price is None:
                problems.append(
                    {
                        "url": url,
                        "sku": page.get("sku"),
                        "problem": result.status,
                        "candidates": [str(c.price) for c in result.candidates][:10],
                    }
                )
                continue
            rows.append(
                {
                    "sku": page["sku"],
                    "competitor": page.get("competitor") or host,
                    "date": ctx.now.date().isoformat(),
                    "price": str(result.price),
                    "currency": result.currency,
                    "in_stock": result.in_stock,
                    "url": url,
                    "competitor_sku": page.get("competitor_sku"),
                }
            )
        ctx.state["last_problems"] = problems
        if rows or payloads:
            yield SyncBatch(DataKind.COMPETITOR_PRICES, rows, payloads)

