from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pandas as pd
import pytest

from shared.sentiment.loader import load_reviews, reviews_query


@pytest.mark.parametrize(("skus", "categories"), list(itertools.product([[], ["S1"]], [[], ["c"]])))
def test_every_query_is_tenant_filtered_and_parameterised(skus: list[str], categories: list[str]) -> None:
    sql = reviews_query(skus=skus, categories=categories)
    assert "r.tenant_id = @tenant_id" in sql and "p.tenant_id = r.tenant_id" in sql
    assert ("@skus" in sql) == bool(skus) and ("@categories" in sql) == bool(categories)


class RecordingWarehouse:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        self.calls.append((sql, dict(params or {})))
        return pd.DataFrame({"review_id": []})


def test_values_are_bound_not_formatted() -> None:
    wh = RecordingWarehouse()
    evil = "x' OR '1'='1"
    _, evidence = load_reviews(
        wh,  # type: ignore[arg-type]
        tenant_id="t1",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 2, 1),
        skus=[evil],
    )
    sql, params = wh.calls[0]
    assert evil not in sql and params["skus"] == [evil] and params["tenant_id"] == "t1"
    assert evidence.query == sql and evidence.params["start_date"] == "2026-01-01"
