"""How a sale was paid and who sold it, on every warehouse, against pandas truth.

Public sales datasets carry both (Electronic Sales' and the Online Sales Dataset's Payment Method, Vehicle Sales
Data's seller, the Car Sales Report's Dealer_Name): the metrics layer breaks sales down and filters by them, and the
question vocabulary names them. A decoy tenant holds the same methods and sellers with other numbers, so a missing
tenant predicate changes every figure.
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
from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from shared.store.vocabulary import read_vocabulary
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.metrics_truth import _lineage, close

TENANT, OTHER = "acme", "rival"
YEAR = TimeRange(start=date(2025, 1, 1), end=date(2025, 12, 31), label="2025")
#: (sku, day, units, revenue, order, payment method, seller)
LINES = [
    ("A", date(2025, 1, 5), 2, 100.0, "o1", "Credit Card", "Hertz"),
    ("B", date(2025, 1, 5), 1, 40.0, "o1", "Credit Card", "Hertz"),
    ("A", date(2025, 2, 9), 3, 150.0, "o2", "PayPal", "Avis"),
    ("B", date(2025, 3, 1), 5, 200.0, "o3", "Cash", "Avis"),
    ("A", date(2025, 3, 2), 1, 60.0, "o4", "PayPal", None),
    ("B", date(2025, 4, 4), 4, 160.0, "o5", None, "Hertz"),
]


def _sales(shift: float) -> list[dict[str, Any]]:
    return [
        {
            "sku": s,
            "date": d,
            "units": u,
            "unit_price": r / u,
            "revenue": r + shift,
            "currency": None,
            "order_id": o,
            "channel": None,
            "payment_method": pm,
            "seller": se,
        }
        for s, d, u, r, o, pm, se in LINES
    ]


def _truth() -> pd.DataFrame:
    return pd.DataFrame(LINES, columns=["sku", "date", "units", "revenue", "order", "payment_method", "seller"])


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def warehouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("payments")) as wh:
        for tenant, shift in ((TENANT, 0.0), (OTHER, 1000.0)):
            wh.insert("sales", _lineage(tenant, "sales", _sales(shift)))
        yield wh


def _run(warehouse: Any, **query: Any) -> list[dict[str, Any]]:
    return run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, **query)).rows


@pytest.mark.parametrize("dimension", ["payment_method", "seller"])
def test_revenue_orders_and_units_by_payment_method_and_seller(warehouse: Any, dimension: str) -> None:
    rows = _run(warehouse, metrics=["revenue", "orders", "units"], dimensions=[dimension], time_range=YEAR)
    frame = _truth()
    got = {r[dimension]: r for r in rows}
    keys = frame[dimension].astype(object).where(frame[dimension].notna(), None)
    assert set(got) == set(keys)
    for key in set(keys):
        lines = frame[keys.isna()] if key is None else frame[keys == key]
        assert close(got[key]["revenue"], float(lines["revenue"].sum()))
        assert got[key]["orders"] == lines["order"].nunique()
        assert got[key]["units"] == int(lines["units"].sum())


def test_a_payment_method_filter(warehouse: Any) -> None:
    rows = _run(
        warehouse, metrics=["revenue"], time_range=YEAR, filters=[{"dimension": "payment_method", "values": ["PayPal"]}]
    )
    assert close(rows[0]["revenue"], 210.0)


def test_the_vocabulary_names_the_methods_and_sellers_and_a_question_uses_them(warehouse: Any) -> None:
    vocabulary = read_vocabulary(warehouse, TENANT, 1)
    assert set(vocabulary.payment_methods) == {"Credit Card", "PayPal", "Cash"}
    assert set(vocabulary.sellers) == {"Hertz", "Avis"}
    index = VocabularyIndex(vocabulary)
    extents = {DataKind(k): v for k, v in vocabulary.extents.items()}
    for question, expected in (
        ("Which payment method had the most revenue in 2025?", "PayPal had the most revenue"),
        ("Which seller sold the most units in 2025?", "Avis had the most units sold"),
        ("What was revenue by dealer in 2025?", "Revenue in 2025"),
        ("How much revenue was paid with PayPal in 2025?", "Revenue for PayPal in 2025"),
    ):
        reading = read_question(question, tenant_id=TENANT, index=index, extents=extents)
        assert reading.kind == "metric" and reading.query is not None, (question, reading)
        answer = compose(reading, run_metric_query(warehouse, reading.query), titles={}).answer
        assert answer.startswith(expected), answer


def test_without_them_the_question_is_refused_with_its_reason() -> None:
    from shared.questions.vocabulary import Vocabulary

    index = VocabularyIndex(Vocabulary(tenant_id=TENANT, version=1, channels=["Online"]))
    for question in ("Which payment method had the most revenue?", "Which dealer sold the most cars?"):
        reading = read_question(question, tenant_id=TENANT, index=index, extents={})
        assert reading.kind == "unanswerable", (question, reading)
