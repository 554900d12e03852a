"""An answer's table described for a reader: headers, units, details, the band, and the charts built from them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from shared.orchestration.answer_charts import MAX_PRODUCT_LINES, agent_chart
from shared.orchestration.report import AnswerTable
from shared.orchestration.table_columns import _AGENT, band_of, describe_columns, described, week_label

REPO = Path(__file__).resolve().parents[3]


def _agent_columns() -> set[str]:
    """Every column name the agents' answers declare (``*_COLUMNS`` lists and ``columns=[...]`` arguments)."""
    names: set[str] = set()
    for folder in ("pricing", "sentiment", "forecast", "agents"):
        for path in (REPO / "shared" / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                value = None
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id.endswith("COLUMNS") for t in node.targets
                ):
                    value = node.value
                elif isinstance(node, ast.keyword) and node.arg == "columns":
                    value = node.value
                if isinstance(value, (ast.List, ast.Tuple)):
                    names |= {e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return names


def test_every_agent_column_has_a_header_and_a_unit() -> None:
    missing = sorted(_agent_columns() - set(_AGENT))
    assert missing == [], missing


def _units(columns: list[str], **kw: object) -> dict[str, str]:
    return {c.name: c.unit for c in describe_columns(columns, [], **kw)}  # type: ignore[arg-type]


def test_a_per_sku_revenue_forecast_keeps_its_interval_in_units() -> None:
    cols = [
        "sku",
        "product",
        "forecast_units",
        "lower",
        "upper",
        "horizon_days",
        "model",
        "revenue_per_unit",
        "forecast_revenue",
    ]
    units = _units(cols, measure="revenue")
    assert units["lower"] == units["upper"] == "count"
    assert units["forecast_revenue"] == "money"
    band = band_of(cols)
    assert band is not None and band.estimate == "forecast_units" and band.period_start is None
    details = {c.name for c in describe_columns(cols, []) if c.detail}
    assert {"model", "horizon_days", "revenue_per_unit"} <= details and "forecast_units" not in details


@pytest.mark.parametrize(("measure", "unit"), [("revenue", "money"), ("units", "count"), (None, "count")])
def test_a_week_by_week_forecast_is_in_what_was_asked(measure: str | None, unit: str) -> None:
    units = _units(["week", "start", "end", "days", "forecast", "lower", "upper"], measure=measure)
    assert units["forecast"] == units["lower"] == units["upper"] == unit
    assert units["start"] == "date"


def test_fractions_and_percentages_are_told_apart() -> None:
    units = _units(["theme", "reviews", "share_of_reviews", "quote"])
    assert units["share_of_reviews"] == "share"
    assert _units(["sku", "gap_pct", "our_price"]) == {"sku": "text", "gap_pct": "percent", "our_price": "money"}


def test_metric_columns_take_the_catalogue_unit() -> None:
    cols = ["channel", "revenue", "revenue_previous", "revenue_change_pct", "revenue_share_pct"]
    info = describe_columns(cols, [], metrics=True)
    assert [c.unit for c in info] == ["text", "money", "money", "percent", "percent"]
    assert [c.label for c in info] == ["Channel", "Revenue", "Revenue, before", "Revenue, change", "Revenue, share"]
    assert not any(c.detail for c in info)  # a metric table is all answer


def test_an_unknown_column_is_never_given_money_by_guess() -> None:
    info = describe_columns(["mystery_price", "note"], [[12.5, "x"], [3, "y"]])
    assert [(c.label, c.unit) for c in info] == [("Mystery price", "number"), ("Note", "text")]


def test_week_labels() -> None:
    from datetime import date

    assert week_label(date(2026, 12, 7), date(2026, 12, 13)) == "7-13 Dec"
    assert week_label(date(2026, 12, 28), date(2027, 1, 3)) == "28 Dec-3 Jan"


def test_a_forecast_by_week_is_charted_with_its_band() -> None:
    table = described(
        AnswerTable(
            columns=["week", "start", "end", "days", "forecast", "lower", "upper"],
            rows=[
                [1, "2026-12-07", "2026-12-13", 7, 100.0, 90.0, 110.0],
                [2, "2026-12-14", "2026-12-20", 7, 120.0, 100.0, 140.0],
            ],
            total_rows=2,
        ),
        measure="revenue",
        currency="USD",
    )
    chart = agent_chart(table)
    assert chart is not None
    area, line = chart["layer"]
    assert area["mark"]["type"] == "area" and area["encoding"]["y2"] == {"field": "upper"}
    assert line["encoding"]["y"]["title"] == "Revenue (USD)"
    assert chart["data"]["values"][1] == {"week": "14-20 Dec", "estimate": 120.0, "lower": 100.0, "upper": 140.0}
    assert line["encoding"]["x"]["type"] == "ordinal" and line["encoding"]["x"]["sort"] is None


def test_products_by_week_are_one_line_each_and_a_ranking_gets_no_chart() -> None:
    weeks = ["2026-12-07 to 2026-12-13", "2026-12-14 to 2026-12-20"]
    rows = [[f"SKU-{i}", 10.0 - i, 9.0 - i, 19.0 - 2 * i] for i in range(MAX_PRODUCT_LINES + 3)]
    table = described(AnswerTable(columns=["sku", *weeks, "total"], rows=rows, total_rows=len(rows)))
    assert table is not None and [c.label for c in table.column_info][1:3] == ["7-13 Dec", "14-20 Dec"]
    chart = agent_chart(table)
    assert chart is not None
    assert len({v["product"] for v in chart["data"]["values"]}) == MAX_PRODUCT_LINES
    assert chart["encoding"]["y"]["title"] == "Units"
    ranking = described(AnswerTable(columns=["sku", "our_price", "reviews"], rows=[["A", 1.0, 2], ["B", 2.0, 1]]))
    assert agent_chart(ranking) is None  # no ranking measure of its own: its rows are the answer
    single = described(AnswerTable(columns=["sku", "forecast_units", "lower", "upper"], rows=[["A", 5, 4, 6]]))
    assert single is not None and single.band is not None
    drawn = agent_chart(single)  # one period's forecast: its estimate on its interval (test_answer_charts.py)
    assert drawn is not None and drawn["data"]["values"][0]["lower"] == 4


def test_complaint_themes_and_price_gaps_are_bars_in_the_answers_order() -> None:
    themes = described(
        AnswerTable(
            columns=["theme", "reviews", "share_of_reviews", "products", "quote", "quote_review_id"],
            rows=[["quality", 44, 0.121, 30, "Flimsy.", "R1"], ["shipping", 39, 0.107, 26, "Late.", "R2"]],
        )
    )
    chart = agent_chart(themes)
    assert chart is not None and chart["mark"] == "bar"
    assert chart["data"]["values"] == [
        {"key": "quality", "label": "quality", "value": 12.1},
        {"key": "shipping", "label": "shipping", "value": 10.7},
    ]
    assert chart["encoding"]["y"]["sort"] is None and chart["encoding"]["x"]["title"] == "Share of reviews (%)"
    gaps = described(
        AnswerTable(
            columns=["sku", "product", "our_price", "competitor_median", "gap_pct"],
            rows=[["A-1", "Mug", 12.0, 10.0, 20.0], ["B-2", "Plate", 9.0, 8.0, 12.5]],
        )
    )
    chart = agent_chart(gaps)
    assert chart is not None and [v["label"] for v in chart["data"]["values"]] == ["Mug", "Plate"]
    assert chart["data"]["values"][0]["value"] == 20.0
