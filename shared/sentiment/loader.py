"""Read reviews (with product titles and categories) for one tenant through the store."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.models.agents import Evidence
from shared.ports import Warehouse
from shared.store.reviews import reviews_with_products

#: Upper bound on rows one analysis reads (a year of reviews for a large catalogue).
MAX_ROWS = 200_000


def load_reviews(
    warehouse: Warehouse,
    *,
    tenant_id: str,
    start_date: date,
    end_date: date,
    skus: list[str] | None = None,
    categories: list[str] | None = None,
    max_rows: int = MAX_ROWS,
    undated: bool = False,
    channels: list[str] | None = None,
) -> tuple[pd.DataFrame, Evidence]:
    """Reviews of ``tenant_id`` in ``[start_date, end_date]`` and the evidence of the exact query.

    ``skus`` and ``categories`` narrow the rows when given; values are always bound as parameters. ``undated``
    adds the reviews without a date (an all-time reading: themes, complaints, the overview).
    """
    read = reviews_with_products(warehouse, tenant_id, start_date=start_date, end_date=end_date, skus=skus or (),
                                 categories=categories or (), max_rows=max_rows, undated=undated,
                                 channels=channels or ())
    evidence = Evidence(
        description="reviews read from the warehouse",
        values={"rows": int(len(read.frame))},
        query=read.sql,
        params=read.evidence_params(),
    )
    return read.frame, evidence
