"""A price index asked for a day without competitor prices: the latest day that has them, dated."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import pandas as pd

from shared.deps import get_deps
from shared.orchestration.latest_observed import latest_observed_day
from shared.store.metrics.model import DimensionFilter, MetricQuery, TimeRange
from shared.store.metrics.run import run_metric_query
from tests.unit.warehouse_rows import with_lineage

END = date(2026, 4, 30)


def _seed() -> None:
    """BOTTLE's competitor prices stop three days before the data's last day (LAMP's and the sales run on)."""
    wh = get_deps().warehouse
    wh.insert(
        "products",
        with_lineage(
            pd.DataFrame(
                {
                    "sku": ["BOTTLE", "LAMP"],
                    "title": ["Water Bottle", "Desk Lamp"],
                    "category": "outdoor",
                    "price": 22.0,
                    "cost": 10.0,
                }
            ),
            "products",
        ),
    )
    days = [END - timedelta(days=i) for i in range(3, 10)]
    rows = [("BOTTLE", c, d, 20.0, f"{c}-1") for c in ("shopx", "shopy") for d in days]
    rows += [("LAMP", "shopx", END - timedelta(days=i), 21.0, "shopx-2") for i in range(10)]
    wh.insert(
        "competitor_prices",
        with_lineage(
            pd.DataFrame(rows, columns=["sku", "competitor", "date", "price", "competitor_sku"]), "competitor_prices"
        ),
    )
    wh.insert(
        "sales",
        with_lineage(
            pd.DataFrame(
                {"sku": "BOTTLE", "date": [END - timedelta(days=i) for i in range(10)], "units": 2, "unit_price": 22.0}
            ),
            "sales",
        ),
    )


def _index_on(day: date) -> MetricQuery:
    return MetricQuery(
        tenant_id="t1",
        metrics=["price_index"],
        time_range=TimeRange(start=day, end=day, label="today"),
        filters=[DimensionFilter(dimension="sku", values=["BOTTLE"])],
    )


def test_a_price_index_today_moves_to_the_latest_priced_day() -> None:
    _seed()
    run = partial(run_metric_query, get_deps().warehouse)
    asked = _index_on(END)
    assert all(r.get("price_index") is None for r in run(asked).rows)
    moved = latest_observed_day(run, asked, run(asked))
    assert moved is not None and moved.time_range is not None
    assert moved.time_range.start == moved.time_range.end == END - timedelta(days=3)
    assert "29 Apr" not in moved.time_range.label and "27 Apr 2026" in moved.time_range.label
    (row,) = run(moved).rows
    assert abs(float(row["price_index"]) - 110.0) < 0.5  # 22 against the competitors' 20


def test_a_day_with_competitor_prices_is_kept() -> None:
    _seed()
    run = partial(run_metric_query, get_deps().warehouse)
    asked = _index_on(END - timedelta(days=4))
    assert latest_observed_day(run, asked, run(asked)) is None


def test_the_answer_says_the_latest_priced_day() -> None:
    from shared.orchestration.client import ask

    _seed()
    report = ask(get_deps(), "price index today for BOTTLE", tenant="t1", use_cache=False).report
    assert report is not None and "27 Apr 2026" in report.answer.split(". ")[0] and "110" in report.answer
