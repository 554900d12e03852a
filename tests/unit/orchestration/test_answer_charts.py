"""The charts of agents' answers a merchant would rather look at than read, and the console's copy of them.

A store's total forecast with its interval, a price cut's units and revenue without and with it, and rankings of
products that share a title (one bar each, told apart by their SKU). The specs built here are also the console's
test fixtures (``console/src/__tests__/fixtures/answer_charts.json``), which Vitest compiles and runs through Vega:
this test fails when they drift apart (``UPDATE_CHART_FIXTURES=1`` rewrites the file).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from shared.orchestration.answer_charts import agent_chart, row_labels
from shared.orchestration.report import AnswerTable
from shared.orchestration.table_columns import described

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "console" / "src" / "__tests__" / "fixtures" / "answer_charts.json"


def _table(columns: list[str], rows: list[list[Any]], **kw: Any) -> AnswerTable:
    table = described(AnswerTable(columns=columns, rows=rows, total_rows=len(rows)), **kw)
    assert table is not None
    return table


def store_total() -> AnswerTable:
    """The store's revenue forecast as one series (a tenant whose sales carry no units): one row, its band."""
    return _table(
        ["series", "forecast_revenue", "lower", "upper", "horizon_days", "model"],
        [["revenue", 95242.32, 80150.44, 113175.92, 30, "theta"]],
        measure="revenue",
        currency="USD",
    )


def price_cut() -> AnswerTable:
    """The pricing agent's what-if on the demand forecast's units (after ``whatif_units``)."""
    columns = [
        "sku", "product", "price_change_pct", "new_price", "units_change_pct", "units_change_pct_low",
        "units_change_pct_high", "baseline_units", "delta_units", "delta_revenue", "elasticity", "elasticity_low",
        "elasticity_high", "horizon_days",
    ]  # fmt: skip
    row = ["APP-0004", "Trailhead Beanie", -10.0, 17.09, 3.5, -3.2, 10.7, 118.0, 4.0, -153.3, -0.33, -0.97, 0.31, 30]
    return _table(columns, [row], currency="USD")


def same_titles() -> AnswerTable:
    """Three products priced above the market, two of them with one title (two colours of one mug)."""
    return _table(
        ["sku", "product", "our_price", "competitor_median", "gap_pct", "gap", "competitors", "date"],
        [
            ["MUG-RED", "Classic Mug", 12.0, 9.0, 33.3, 3.0, 2, "2026-12-06"],
            ["MUG-BLU", "Classic Mug", 12.0, 10.0, 20.0, 2.0, 2, "2026-12-06"],
            ["PLT-1", "<b>Plate</b>", 9.0, 8.0, 12.5, 1.0, 1, "2026-12-06"],
        ],
        currency="USD",
    )


def test_a_store_total_is_drawn_on_its_interval() -> None:
    chart = agent_chart(store_total())
    assert chart is not None
    band, point = chart["layer"]
    assert chart["data"]["values"] == [
        {"key": "revenue", "label": "Whole store", "estimate": 95242.32, "lower": 80150.44, "upper": 113175.92}
    ]
    assert band["mark"]["type"] == "bar" and band["encoding"]["x2"] == {"field": "upper"}
    assert point["encoding"]["x"]["field"] == "estimate" and point["encoding"]["x"]["title"] == "Revenue (USD)"
    assert "90% interval" in chart["description"]


def test_per_product_forecasts_are_drawn_on_their_intervals_in_units() -> None:
    table = _table(
        ["sku", "product", "forecast_units", "lower", "upper", "horizon_days", "model"],
        [["A", "Mug", 134.6, 83.7, 185.5, 30, "theta"], ["B", "Plate", 104.0, 64.7, 143.4, 30, "theta"]],
    )
    chart = agent_chart(table)
    assert chart is not None and [v["label"] for v in chart["data"]["values"]] == ["Mug", "Plate"]
    assert chart["layer"][1]["encoding"]["x"]["title"] == "Units"


def test_a_price_cut_is_units_and_revenue_without_and_with_it() -> None:
    chart = agent_chart(price_cut())
    assert chart is not None
    units, revenue = chart["hconcat"]
    assert [(v["when"], v["value"]) for v in units["data"]["values"]] == [
        ("Without the 10% cut", 118.0),
        ("With the 10% cut", 122.0),
    ]
    before, after = (v["value"] for v in revenue["data"]["values"])
    assert before == round(118.0 * 17.09 / 0.9, 2) and round(after - before, 2) == -153.3  # the table's change
    assert revenue["encoding"]["y"]["title"] == "Revenue (USD)" and units["encoding"]["y"]["title"] == "Units"
    assert "width" not in chart  # a compound view sizes itself from its parts


def test_a_scope_what_if_without_prices_is_units_only() -> None:
    table = _table(
        ["scope", "price_change_pct", "units_change_pct", "forecast_units", "baseline_units", "delta_units",
         "horizon_days"],
        [["all", 5.0, -2.0, 980.0, 1000.0, -20.0, 30]],
    )  # fmt: skip
    chart = agent_chart(table)
    assert chart is not None and len(chart["hconcat"]) == 1
    assert [v["when"] for v in chart["hconcat"][0]["data"]["values"]] == ["Without the 5% rise", "With the 5% rise"]


def test_products_of_one_title_are_one_bar_each_told_apart_by_their_sku() -> None:
    chart = agent_chart(same_titles())
    assert chart is not None
    assert [(v["key"], v["label"]) for v in chart["data"]["values"]] == [
        ("MUG-RED", "Classic Mug (MUG-RED)"),
        ("MUG-BLU", "Classic Mug (MUG-BLU)"),
        ("PLT-1", "<b>Plate</b>"),  # a title is data: the console draws it as text
    ]
    long = _table(["sku", "product", "gap_pct"], [["A-1", "Coastal Premium Charger 65W", 5.0],
                                                   ["A-2", "Coastal Premium Charger 65W", 4.0]])  # fmt: skip
    # an axis cuts a long label at its end: the title gives way, the SKU that tells them apart stays
    assert [label for _, label in row_labels(long, long.rows)] == [
        "Coastal Premium Cha… (A-1)",
        "Coastal Premium Cha… (A-2)",
    ]
    one_product_twice = _table(["sku", "product", "gap_pct"], [["A", "Mug", 5.0], ["A", "Mug", 4.0]])
    assert row_labels(one_product_twice, one_product_twice.rows) == [("A #1", "Mug (A) #1"), ("A #2", "Mug (A) #2")]


def test_the_consoles_chart_fixtures_are_these_specs() -> None:
    specs = {"store_total": store_total(), "price_cut": price_cut(), "same_titles": same_titles()}
    built = {
        name: {"table": table.model_dump(mode="json"), "chart": agent_chart(table)} for name, table in specs.items()
    }
    text = json.dumps(built, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_CHART_FIXTURES"):
        FIXTURES.write_text(text)
    assert FIXTURES.read_text() == text, "console chart fixtures are stale: UPDATE_CHART_FIXTURES=1 pytest this file"
