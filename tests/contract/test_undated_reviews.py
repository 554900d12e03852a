"""Undated reviews on every warehouse (DuckDB, the BigQuery emulator): stored with an empty date, counted by the
all-time reads and metrics, left out of periods, and never another tenant's.

Some public review sets publish no dates (Kaggle's "Women's E-Commerce Clothing Reviews"); ``Review.date`` is
optional and these reads are what the questions and the sentiment agent build on.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pandas as pd
import pytest

from shared.models.records import DataKind
from shared.models.tables import all_tables
from shared.store.extent import DateExtent, data_extent, undated_rows
from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from shared.store.reviews import reviews_with_products, undated_review_count
from tests.contract.store_rows import OTHER, TENANT, D, _fact

MAY = TimeRange(start=D(2024, 5, 1), end=D(2024, 5, 31), label="May 2024")
PRODUCTS = [_fact("products", "A", sku="A", title="Blue Mug", category="kitchen"),
            _fact("products", "B", sku="B", title="Red Plate", category="dining")]
REVIEWS = [
    _fact("reviews", "d1", review_id="d1", sku="A", date=D(2024, 5, 10), rating=5, spam_score=0.0, text="great"),
    _fact("reviews", "u1", review_id="u1", sku="A", date=None, rating=2, spam_score=0.0, text="too small"),
    _fact("reviews", "u2", review_id="u2", sku="B", date=None, rating=4, spam_score=0.0, text="nice"),
]
#: The decoy tenant: undated reviews only, with other ratings (a leak changes every count and mean below).
DECOY = [_fact("reviews", f"x{i}", review_id=f"x{i}", sku="A", date=None, rating=1, text="decoy") for i in range(4)]


def _seed(warehouse: Any) -> None:
    warehouse.insert("products", pd.DataFrame([{**r, "tenant_id": t} for t in (TENANT, OTHER) for r in PRODUCTS]))
    warehouse.insert("reviews", pd.DataFrame([{**r, "tenant_id": TENANT} for r in REVIEWS]
                                             + [{**r, "tenant_id": OTHER} for r in DECOY]))


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def test_undated_reviews_are_stored_and_read_apart_from_periods(warehouse: Any) -> None:
    _seed(warehouse)
    assert undated_rows(warehouse, TENANT, DataKind.REVIEWS) == 2
    assert undated_rows(warehouse, OTHER, DataKind.REVIEWS) == 4
    # the extent is the dated reviews' (its count is every review): the decoy has no dated review at all
    assert data_extent(warehouse, TENANT, DataKind.REVIEWS) == DateExtent(DataKind.REVIEWS, D(2024, 5, 10),
                                                                          D(2024, 5, 10), 3)
    assert data_extent(warehouse, OTHER, DataKind.REVIEWS) is None
    may: dict[str, Any] = {"start_date": MAY.start, "end_date": MAY.end, "max_rows": 100}
    dated = reviews_with_products(warehouse, TENANT, **may)
    assert dated.frame["review_id"].tolist() == ["d1"]
    everything = reviews_with_products(warehouse, TENANT, undated=True, **may)
    got = sorted((r, _day(d), t) for r, d, t in zip(everything.frame["review_id"], everything.frame["date"],
                                                     everything.frame["product_title"], strict=True))
    assert got == [("d1", D(2024, 5, 10), "Blue Mug"), ("u1", None, "Blue Mug"), ("u2", None, "Red Plate")]
    assert undated_review_count(warehouse, TENANT) == 2
    assert undated_review_count(warehouse, TENANT, skus=["A"]) == 1
    assert undated_review_count(warehouse, TENANT, categories=["dining"]) == 1


def test_metrics_count_undated_reviews_in_all_time_figures_only(warehouse: Any) -> None:
    _seed(warehouse)

    def one(**query: Any) -> dict[str, Any]:
        result = run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, metrics=["review_count", "avg_rating"],
                                                         **query))
        return result.rows[0]

    assert (one()["review_count"], one()["avg_rating"]) == (3, pytest.approx(11 / 3))  # no range: every review
    assert one(time_range=MAY)["review_count"] == 1  # a period: its dated reviews only
    widened = one(time_range=MAY, include_undated=True)
    assert (widened["review_count"], widened["avg_rating"]) == (3, pytest.approx(11 / 3))
    by_category = run_metric_query(warehouse, MetricQuery(
        tenant_id=TENANT, metrics=["avg_rating"], dimensions=["category"], order_by="avg_rating",
        descending=False)).rows
    assert [(r["category"], r["avg_rating"]) for r in by_category] == [("kitchen", 3.5), ("dining", 4.0)]
    with pytest.raises(ValueError, match="undated rows belong to no period"):
        MetricQuery(tenant_id=TENANT, metrics=["avg_rating"], time_range=MAY, compare="previous_period",
                    include_undated=True)


def test_a_reviews_table_made_when_the_date_was_required_is_relaxed(warehouse: Any) -> None:
    """Databases and datasets made before reviews could be undated have ``date`` NOT NULL / REQUIRED:
    ``ensure_tables`` relaxes it. Each engine's own DDL recreates the old table (the one place they differ)."""
    spec = all_tables()["reviews"]
    old = dataclasses.replace(spec, columns=tuple(
        dataclasses.replace(c, mode="REQUIRED") if c.name == "date" else c for c in spec.columns))
    if hasattr(warehouse, "client"):  # BigQuery: the table as it was created before
        warehouse.client.delete_table(warehouse._table_id("reviews"))
        warehouse.client.create_table(warehouse.table_definition(old))
        before = {f.name: f.mode for f in warehouse.client.get_table(warehouse._table_id("reviews")).schema}
    else:  # DuckDB
        from shared.adapters.local.warehouse import duckdb_ddl

        cursor = warehouse._cursor()
        cursor.execute('DROP TABLE "reviews"')
        cursor.execute(duckdb_ddl(old))
        before = {r[0]: "NULLABLE" if r[1] == "YES" else "REQUIRED" for r in cursor.execute(
            "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'reviews'").fetchall()}
    assert before["date"] == "REQUIRED"
    warehouse.ensure_tables()
    warehouse.ensure_tables()  # idempotent once relaxed
    _seed(warehouse)
    assert undated_rows(warehouse, TENANT, DataKind.REVIEWS) == 2


def test_retention_ages_an_undated_review_by_the_day_it_was_ingested(warehouse: Any) -> None:
    """Without a date a review would never be old enough to delete: it ages from its ingestion instead."""
    from shared.store.retention import count_older, delete_older

    _seed(warehouse)  # every row ingested on 2024-05-21 (store_rows._fact)
    assert count_older(warehouse, TENANT, "reviews", "date", D(2024, 5, 10)) == 0  # d1 is of that day
    assert count_older(warehouse, TENANT, "reviews", "date", D(2024, 5, 22)) == 3  # d1 by its date, u1 and u2
    late = {**REVIEWS[1], "review_id": "u3", "row_hash": "h-u3", "record_key": "k-u3",
            "ingested_at": pd.Timestamp("2024-06-30", tz="UTC")}
    warehouse.insert("reviews", pd.DataFrame([{**late, "tenant_id": TENANT}]))
    delete_older(warehouse, TENANT, "reviews", "date", D(2024, 6, 1))
    assert reviews_with_products(warehouse, TENANT, start_date=D(2024, 1, 1), end_date=D(2024, 12, 31),
                                 max_rows=10, undated=True).frame["review_id"].tolist() == ["u3"]
    assert undated_rows(warehouse, OTHER, DataKind.REVIEWS) == 4  # another tenant's rows are never touched
