"""A question read against the tenant's vocabulary and answered through the metrics layer on every warehouse.

The vocabulary reads (``shared.store.vocabulary``) and the whole read -> query -> answer path run on DuckDB and
the BigQuery emulator; numbers in the answer are checked against pandas over the inserted rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd
import pytest

from shared.models.records import DataKind
from shared.questions.compose import compose
from shared.questions.reading import read_question
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.run import run_metric_query
from shared.store.vocabulary import read_vocabulary
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.metrics_truth import LAST, OTHER, TENANT, in_range, sales_truth, seed


class Shop:
    def __init__(self, warehouse: Any, frames: dict[str, pd.DataFrame]) -> None:
        self.warehouse = warehouse
        self.frames = frames
        self.vocabulary = read_vocabulary(warehouse, TENANT, 1)
        self.index = VocabularyIndex(self.vocabulary)

    def answer(self, question: str) -> str:
        extents = {DataKind(k): v for k, v in self.vocabulary.extents.items()}
        reading = read_question(question, tenant_id=TENANT, index=self.index, extents=extents)
        assert reading.kind == "metric" and reading.query is not None, reading
        result = run_metric_query(self.warehouse, reading.query)
        titles = {p.sku: p.title for p in self.vocabulary.products}
        return compose(reading, result, titles=titles).answer


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def shop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("questions")) as warehouse:
        yield Shop(warehouse, seed(warehouse))


def test_vocabulary_is_the_tenants_own(shop: Shop) -> None:
    v = shop.vocabulary
    assert {p.title for p in v.products} == set(shop.frames["products"]["title"])
    assert not any(OTHER in p.title for p in v.products)  # the other tenant's catalogue stays out
    assert set(v.channels) == {"web", "amazon"} and set(v.competitors) == {"kmart", "zeta", "yonder"}
    assert v.extents["sales"][1] == LAST and v.currency == "EUR"
    assert set(v.sales_columns or []) == {"discount", "refund", "returned_units", "customer_hash", "currency"}


def test_revenue_on_a_channel_last_quarter(shop: Shop) -> None:
    sales = shop.frames["sales"]
    q2 = in_range(sales[sales["channel"] == "amazon"], date(2025, 4, 1), date(2025, 6, 30))
    answer = shop.answer("How much revenue came in on Amazon last quarter?")
    assert "Q2 2025 (1 Apr - 30 Jun 2025)" in answer
    assert f"€{sales_truth(q2)['revenue']:,.2f}" in answer


def test_top_products_by_title_order(shop: Shop) -> None:
    sales = in_range(shop.frames["sales"], date(2025, 1, 1), date(2025, 3, 31))
    units = sales.groupby("sku")["units"].sum().sort_values(ascending=False)
    answer = shop.answer("top 2 products by units in Q1 2025")
    first, second = (f"{TENANT} product {sku} ({sku})" for sku in units.index[:2])
    assert answer.index(first) < answer.index(second)
    assert f"({int(units.iloc[0]):,})" in answer
