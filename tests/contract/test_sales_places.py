"""Where a sale went (country, region, state) and a line's own cost, on every warehouse, against pandas truth.

Public sales datasets carry them (UCI Online Retail's Country, Superstore's Region, State and Profit, the
Amazon India Sale Report's ship-state): the metrics layer breaks sales down and filters by them, margin reads a
line's own cost before the catalogue's, and the question vocabulary names them. A decoy tenant holds the same
places with other numbers, so a missing tenant predicate changes every figure.
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
from tests.contract.metrics_truth import _lineage, close, key_of

TENANT, OTHER = "acme", "rival"
YEAR = TimeRange(start=date(2025, 1, 1), end=date(2025, 12, 31), label="2025")
#: (sku, day, units, revenue, order, customer, line_cost, country, region, state)
LINES = [
    ("A", date(2025, 1, 5), 2, 100.0, "o1", "c1", 60.0, "United Kingdom", None, None),
    ("B", date(2025, 1, 5), 1, 40.0, "o1", "c1", None, "United Kingdom", None, None),
    ("A", date(2025, 2, 9), 3, 150.0, "o2", "c2", 95.0, "Germany", None, None),
    ("B", date(2025, 3, 1), 5, 200.0, "o3", "c3", 150.0, "United States", "West", "California"),
    ("A", date(2025, 3, 2), 1, 50.0, "o4", "c4", 20.0, "United States", "East", "New York"),
    ("B", date(2025, 3, 3), 2, 80.0, "o5", "c3", 30.0, "United States", "West", "Washington"),
    ("A", date(2025, 4, 4), 4, 200.0, "o6", None, None, None, None, None),
]
PRODUCTS = [{"sku": "A", "title": "Lantern", "cost": 10.0}, {"sku": "B", "title": "Mug", "cost": 12.0}]


def _sales(tenant: str, shift: float) -> list[dict[str, Any]]:
    return [{"sku": s, "date": d, "units": u, "unit_price": r / u, "revenue": r + shift, "currency": None,
             "order_id": o, "channel": None, "customer_hash": c, "line_cost": lc, "country": co, "region": re,
             "state": st} for s, d, u, r, o, c, lc, co, re, st in LINES]


def _truth() -> pd.DataFrame:
    frame = pd.DataFrame(LINES, columns=["sku", "date", "units", "revenue", "order", "customer", "line_cost",
                                         "country", "region", "state"])
    unit_cost = frame["sku"].map({p["sku"]: p["cost"] for p in PRODUCTS})
    frame["cost"] = frame["line_cost"].fillna(frame["units"] * unit_cost)  # the line's own cost first
    return frame


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def warehouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("places")) as wh:
        for tenant, shift in ((TENANT, 0.0), (OTHER, 1000.0)):
            wh.insert("sales", _lineage(tenant, "sales", _sales(tenant, shift)))
            wh.insert("products", _lineage(tenant, "products", PRODUCTS))
        yield wh


def _run(warehouse: Any, **query: Any) -> list[dict[str, Any]]:
    return run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, **query)).rows


@pytest.mark.parametrize("dimension", ["country", "region", "state"])
def test_revenue_and_customers_by_place(warehouse: Any, dimension: str) -> None:
    rows = _run(warehouse, metrics=["revenue", "customers", "margin"], dimensions=[dimension], time_range=YEAR)
    frame = _truth()
    got = {r[dimension]: r for r in rows}
    want = frame.groupby(frame[dimension].astype(object).where(frame[dimension].notna(), None), dropna=False)
    assert set(got) == {key_of(k) for k in want.groups}
    for key, lines in want:
        row = got[None if pd.isna(key) else key]
        assert close(row["revenue"], float(lines["revenue"].sum()))
        assert row["customers"] == (lines["customer"].nunique() or None)
        assert close(row["margin"], float(lines["revenue"].sum() - lines["cost"].sum()))


def test_a_place_filter_and_margin_from_line_costs(warehouse: Any) -> None:
    rows = _run(warehouse, metrics=["revenue", "margin", "margin_pct"], time_range=YEAR,
                filters=[{"dimension": "state", "values": ["California", "Washington"]}])
    frame = _truth()
    west = frame[frame["state"].isin(["California", "Washington"])]
    margin = float(west["revenue"].sum() - west["cost"].sum())
    assert close(rows[0]["revenue"], 280.0) and close(rows[0]["margin"], margin)
    assert close(rows[0]["margin_pct"], 100 * margin / 280.0)
    everything = _run(warehouse, metrics=["cost"], time_range=YEAR)[0]
    assert close(everything["cost"], float(frame["cost"].sum()))  # 40 from units x cost, the rest the lines' own


def test_the_vocabulary_names_the_tenants_places_and_a_question_uses_them(warehouse: Any) -> None:
    vocabulary = read_vocabulary(warehouse, TENANT, 1)
    assert set(vocabulary.countries) == {"United Kingdom", "Germany", "United States"}
    assert set(vocabulary.regions) == {"West", "East"}
    assert set(vocabulary.states) == {"California", "New York", "Washington"}
    index = VocabularyIndex(vocabulary)
    extents = {DataKind(k): v for k, v in vocabulary.extents.items()}
    for question, expected in (("Which country had the most revenue in 2025?", "United States had the most revenue"),
                               ("What was revenue in the UK in 2025?", "Revenue in United Kingdom in 2025"),
                               ("Which region made the most profit in 2025?", "West had the most gross margin")):
        reading = read_question(question, tenant_id=TENANT, index=index, extents=extents)
        assert reading.kind == "metric" and reading.query is not None, (question, reading)
        answer = compose(reading, run_metric_query(warehouse, reading.query), titles={}).answer
        assert answer.startswith(expected), answer
