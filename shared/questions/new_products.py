""""Which new products did we launch this month?", "revenue from new products last month": first sales by product.

A product is new in a period when its first sale in all the tenant's sales data falls in it (the metrics layer's
``new_products``, ``new_product_revenue`` and ``new_product_units``, as ``new_customers`` is for customers): the
data have no launch date, so a product's first sale stands for its launch, and the answer says so. The query is
per SKU ordered by the new products' revenue (the others have none and come last), so the new ones are never cut
by the 1,000-row cap however large the catalogue; each SKU's share of all the period's revenue (taken before the
cap) adds up to the new products' share.

Without a period the question is about the last 90 days of sales. Pure: the question and its period in, the query
and the answer's words out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from shared import regex as re
from shared.questions.timephrase import fmt_range
from shared.store.metrics.model import MetricQuery, TimeRange

_PRODUCTS = r"(?:products?|items?|skus?|lines?|launch(?:es)?|listings?|arrivals?)"
_NEW_PRODUCTS = re.compile(
    rf"\bnew(?:ly)?[-\s]+(?:launched\s+|added\s+|listed\s+)?{_PRODUCTS}\b"
    rf"|\b(?:launch|introduc)\w*\s+(?:any\s+|some\s+|the\s+)?(?:new\s+)?{_PRODUCTS}\b"
    rf"|\b{_PRODUCTS}\s+(?:(?:did|have|has)\s+)?(?:we|i)\s+(?:\w+\s+)?(?:launch|introduc|add)\w*\b"
    r"|\bnew\s+launch(?:es)?\b", re.I)
#: Days of sales a question without a period is about.
DEFAULT_DAYS = 90
#: SKUs read: the new ones come first, so only a period with more new products than this is cut (and said).
ROWS = 1000


def asks_new_products(question: str) -> bool:
    """Whether the question asks about products launched (first sold) in a period."""
    return _NEW_PRODUCTS.search(question) is not None


def new_products_query(tenant_id: str, period: TimeRange | None, today: date) -> MetricQuery:
    """Every SKU sold in the period with its new-product measures, the new ones first (by their revenue)."""
    if period is None:
        start = today - timedelta(days=DEFAULT_DAYS - 1)
        period = TimeRange(start=start, end=today, label=f"the last {DEFAULT_DAYS} days ({fmt_range(start, today)})")
    return MetricQuery(tenant_id=tenant_id, metrics=["new_products", "new_product_revenue", "new_product_units",
                                                     "revenue"],
                       dimensions=["sku"], time_range=period, order_by="new_product_revenue", limit=ROWS,
                       share_of_total=True)


def new_products_answer(rows: list[dict[str, Any]], titles: Mapping[str, str], when: str, truncated: bool,
                        money: Callable[[float | None], str], listed: int = 10, from_the_start: bool = False) -> str:
    """The count of products first sold in the period, their revenue and share, and the products themselves.

    "3 products had their first sale in November 2026 (1-30 Nov 2026), so they are new in your sales data (a
    first sale stands for a launch): $4,210.00 of revenue (0.7% of all revenue), 85 units; by revenue: Blue Vase
    (KIT-0001) ($2,000.00), ..." ``from_the_start``: the period holds the data's first day, so every product sold
    in it is new to the data, launched then or not, and the answer says so.
    """
    new = [r for r in rows if (r.get("new_products") or 0) > 0]
    if not new:
        return (f"No product had its first sale {when}: every product sold then had sold before it, so there was "
                "no revenue from new products (a product is new when its first sale in your sales data falls in "
                "the period).")
    revenue = sum(float(r.get("new_product_revenue") or 0.0) for r in new)
    units = sum(float(r.get("new_product_units") or 0.0) for r in new)
    share = sum(float(r.get("revenue_share") or 0.0) for r in new)
    count = f"{'at least ' if truncated and len(new) == len(rows) else ''}{len(new):,}"

    def name(r: Mapping[str, Any]) -> str:
        sku = str(r.get("sku"))
        return f"{titles[sku]} ({sku})" if titles.get(sku) else sku

    shown = [f"{name(r)} ({money(r.get('new_product_revenue'))})" for r in new[:listed]]
    more = f" and {len(new) - listed:,} more" if len(new) > listed else ""
    one = len(new) == 1
    caveat = (" Your sales data start in this period, so every product sold in its first days counts as new, "
              "launched then or not.") if from_the_start else ""
    return (f"{count} product{'' if one else 's'} had {'its' if one else 'their'} first sale {when}, so "
            f"{'it is' if one else 'they are'} new in your sales data (a first sale stands for a launch): "
            f"{money(revenue)} of revenue ({100 * share:.1f}% of all revenue), {units:,.0f} units; by revenue: "
            f"{'; '.join(shown)}{more}.{caveat}")
