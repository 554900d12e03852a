"""Read reviews (with product titles and categories) for one tenant through the ``Warehouse`` port."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.models.agents import Evidence
from shared.ports import Warehouse

_SELECT = """SELECT r.review_id, r.sku, r.date, r.rating, r.title, r.text, r.spam_score, r.spam_reasons,
       p.title AS product_title, p.category
FROM reviews AS r
LEFT JOIN products AS p ON p.tenant_id = r.tenant_id AND p.sku = r.sku
WHERE r.tenant_id = @tenant_id AND r.date >= @start_date AND r.date <= @end_date"""
_BY_SKU = "\n  AND r.sku IN UNNEST(@skus)"
_BY_CATEGORY = "\n  AND p.category IN UNNEST(@categories)"
_ORDER = "\nORDER BY r.date, r.review_id\nLIMIT @max_rows"

#: Upper bound on rows one analysis reads (a year of reviews for a large catalogue).
MAX_ROWS = 200_000


def reviews_query(*, skus: list[str], categories: list[str]) -> str:
    """The exact BigQuery SQL used for a request's filters (values are always parameters)."""
    sql = _SELECT
    if skus:
        sql += _BY_SKU
    if categories:
        sql += _BY_CATEGORY
    return sql + _ORDER


def load_reviews(
    warehouse: Warehouse,
    *,
    tenant_id: str,
    start_date: date,
    end_date: date,
    skus: list[str] | None = None,
    categories: list[str] | None = None,
    max_rows: int = MAX_ROWS,
) -> tuple[pd.DataFrame, Evidence]:
    """Reviews of ``tenant_id`` in ``[start_date, end_date]`` and the evidence of the exact query.

    ``skus`` and ``categories`` narrow the rows when given; values are always bound as parameters.
    """
    skus = list(skus or [])
    categories = list(categories or [])
    sql = reviews_query(skus=skus, categories=categories)
    params: dict[str, object] = {
        "tenant_id": tenant_id,
        "start_date": start_date,
        "end_date": end_date,
        "max_rows": max_rows,
    }
    if skus:
        params["skus"] = skus
    if categories:
        params["categories"] = categories
    frame = warehouse.query(sql, params)
    evidence = Evidence(
        description="reviews read from the warehouse",
        values={"rows": int(len(frame))},
        query=sql,
        params={k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()},
    )
    return frame, evidence
