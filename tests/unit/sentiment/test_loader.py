from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from sqlglot import exp

from shared.adapters.local.warehouse import DuckDBWarehouse
from shared.sentiment.loader import load_reviews
from shared.store.reviews import reviews_statement


@pytest.mark.parametrize(("skus", "categories"), list(itertools.product([False, True], [False, True])))
def test_every_query_is_tenant_filtered_and_parameterised(skus: bool, categories: bool) -> None:
    statement = reviews_statement(skus=skus, categories=categories)
    sql = statement.sql(dialect="bigquery")
    assert "r.tenant_id = @tenant" in sql and "p.tenant_id = r.tenant_id" in sql
    names = {p.name for p in statement.find_all(exp.Placeholder)}
    assert ("skus" in names) == skus and ("categories" in names) == categories


def test_values_are_bound_not_formatted(tmp_path: Path) -> None:
    wh = DuckDBWarehouse(tmp_path / "wh.duckdb")
    wh.ensure_tables()
    evil = "x' OR '1'='1"
    base = {"ingestion_id": "i", "date": date(2026, 1, 5), "rating": 4, "text": "ok",
            "ingested_at": datetime(2026, 1, 6, tzinfo=UTC)}
    wh.insert("reviews", pd.DataFrame([
        {**base, "tenant_id": t, "review_id": f"{t}-{sku}", "sku": sku, "row_hash": f"{t}{sku}",
         "record_key": f"{t}{sku}"} for t in ("t1", "t2") for sku in (evil, "OTHER")]))
    frame, evidence = load_reviews(wh, tenant_id="t1", start_date=date(2026, 1, 1), end_date=date(2026, 2, 1),
                                   skus=[evil])
    assert frame["review_id"].tolist() == [f"t1-{evil}"]
    assert evil not in (evidence.query or "")
    assert evidence.params["skus"] == [evil] and evidence.params["tenant"] == "t1"
    assert evidence.params["start_date"] == "2026-01-01"
    wh.close()
