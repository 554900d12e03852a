"""A ranking by change leads with rows that mattered before, on every warehouse.

In a long catalogue the largest percentage changes belong to products that sold next to nothing: a grocery
product going from 0.02 to 0.99 (+4,850%) led "which products grew the most" over 68,509 SKUs. Rows whose
previous value is under ``MATERIAL_SHARE`` of the previous total are ranked after the others. A decoy tenant
with other numbers makes a missing tenant predicate change the order.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from shared.store.metrics.compile import MATERIAL_SHARE
from shared.store.metrics.model import MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.metrics_truth import _lineage, close

TENANT, OTHER = "acme", "rival"
MARCH = TimeRange(start=date(2025, 3, 1), end=date(2025, 3, 31), label="March 2025")
#: sku -> (February revenue, March revenue). "dust" sold 0.05 in February: under 0.1% of February's 2,000.05.
REVENUE = {"big": (1000.0, 1500.0), "mid": (600.0, 660.0), "small": (400.0, 300.0), "dust": (0.05, 5.0),
           "new": (0.0, 50.0)}


def _sales(tenant: str) -> list[dict[str, Any]]:
    rows = []
    for i, (sku, (feb, mar)) in enumerate(REVENUE.items()):
        for day, value in ((date(2025, 2, 10), feb), (date(2025, 3, 10), mar)):
            if value > 0:
                value = value if tenant == TENANT else 5000.0 - value  # the decoy ranks the other way
                rows.append({"sku": sku, "date": day, "units": 1, "unit_price": value, "revenue": value,
                             "currency": None, "order_id": f"{sku}-{day}-{i}", "channel": None})
    return rows


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def warehouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("growth")) as wh:
        for tenant in (TENANT, OTHER):
            wh.insert("sales", _lineage(tenant, "sales", _sales(tenant)))
        yield wh


def _ranked(warehouse: Any, descending: bool) -> list[dict[str, Any]]:
    query = MetricQuery(tenant_id=TENANT, metrics=["revenue"], dimensions=["sku"], time_range=MARCH,
                        compare="previous_period", order_by="revenue", order_by_change=True, descending=descending)
    return run_metric_query(warehouse, query).rows


def test_the_fastest_growth_is_among_rows_that_sold_before(warehouse: Any) -> None:
    rows = _ranked(warehouse, descending=True)
    assert 0.05 < MATERIAL_SHARE * sum(feb for feb, _ in REVENUE.values())  # "dust" is under the floor
    # dust grew +9,900%, big +50%: big leads; dust follows the material rows; new (no February) comes last
    assert [r["sku"] for r in rows] == ["big", "mid", "small", "dust", "new"]
    assert close(rows[0]["revenue_change_pct"], 50.0) and close(rows[3]["revenue_change_pct"], 9900.0)
    assert rows[4]["revenue_change_pct"] is None


def test_the_largest_fall_is_among_rows_that_sold_before(warehouse: Any) -> None:
    rows = _ranked(warehouse, descending=False)
    assert [r["sku"] for r in rows][:3] == ["small", "mid", "big"]
    assert close(rows[0]["revenue_change_pct"], -25.0)
