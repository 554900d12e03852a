"""The answer first: sentences from metric results, with the unit, period, names, order and both values."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from shared.questions.compose import _filter_phrase, compose, fmt_value
from shared.questions.reading import Reading
from shared.questions.timephrase import make_range
from shared.store.metrics.model import CompiledStatement, DimensionFilter, MetricQuery, MetricResult

Q1 = make_range(date(2025, 1, 1), date(2025, 3, 31), "Q1 2025")
TITLES = {"A-1": "Blue Vase", "B-2": "Red Vase", "C-3": "Oak Tray"}


def result(query: MetricQuery, rows: list[dict[str, Any]], **extra: Any) -> MetricResult:
    cols = list(rows[0]) if rows else list(query.dimensions) + list(query.metrics)
    return MetricResult(query=query, columns=cols, rows=rows, currency="GBP", statement=CompiledStatement(
        sql="SELECT 1", params={"tenant_id": "t", "start": date(2025, 1, 1)}, dialect="duckdb"), **extra)


def reading(query: MetricQuery, shape: str = "value", **extra: Any) -> Reading:
    return Reading(kind="metric", question=extra.pop("question", "q"), query=query, shape=shape,
                   **extra)


def test_value_with_comparison_states_both_values_and_change() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], time_range=Q1, compare="previous_period")
    r = result(q, [{"revenue": 1200.0, "revenue_previous": 1000.0, "revenue_change_pct": 20.0}],
               previous_range=make_range(date(2024, 10, 1), date(2024, 12, 31)))
    out = compose(reading(q), r, titles=TITLES)
    assert out.answer == ("Revenue in Q1 2025 (1 Jan - 31 Mar 2025) was £1,200.00, up 20.0% from £1,000.00 in the "
                          "period before (1 Oct - 31 Dec 2024).")
    assert out.period == Q1 and out.evidence[0].sql == "SELECT 1"
    assert out.evidence[0].params["start"] == "2025-01-01"  # JSON-safe evidence


def test_ranking_lists_items_in_order_with_titles() -> None:
    q = MetricQuery(tenant_id="t", metrics=["units"], dimensions=["sku"], time_range=Q1, order_by="units", limit=3)
    rows: list[dict[str, Any]] = [{"sku": "B-2", "units": 30}, {"sku": None, "units": 25}, {"sku": "A-1", "units": 20}]
    out = compose(reading(q, "ranking", show=2), result(q, rows), titles=TITLES)
    assert out.answer.startswith("The top 2 products by units sold in Q1 2025")
    assert out.answer.index("Red Vase (B-2) (30)") < out.answer.index("Blue Vase (A-1) (20)")
    assert out.table is not None and out.table.rows[1][0] == "(none)"  # the unnamed group stays in the table
    assert out.chart is not None and out.chart["$schema"].endswith("vega-lite/v5.json")


def test_single_pick_and_share() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], dimensions=["channel"], time_range=Q1, order_by="revenue",
                    share_of_total=True)
    rows = [{"channel": "etsy", "revenue": 600.0, "revenue_share": 0.6},
            {"channel": "shopify", "revenue": 400.0, "revenue_share": 0.4}]
    pick = compose(reading(q, "ranking", question="which channel made the most?", show=1), result(q, rows),
                   titles={})
    assert pick.answer.startswith("Etsy had the most revenue in Q1 2025") and "60.0% of the total" in pick.answer
    focus = DimensionFilter(dimension="channel", values=["shopify"])
    share = compose(reading(q, "share", focus=focus), result(q, rows), titles={})
    assert share.answer.startswith("Shopify accounted for 40.0% of revenue in Q1 2025")
    assert "£400.00 of £1,000.00" in share.answer


def test_trend_leaves_partial_buckets_out_of_highest_and_lowest() -> None:
    rng = make_range(date(2025, 1, 15), date(2025, 4, 10))
    q = MetricQuery(tenant_id="t", metrics=["orders"], dimensions=["date"], grain="month", time_range=rng)
    rows = [{"date": date(2025, 1, 1), "orders": 5}, {"date": date(2025, 2, 1), "orders": 40},
            {"date": date(2025, 3, 1), "orders": 30}, {"date": date(2025, 4, 1), "orders": 2}]
    out = compose(reading(q, "trend"), result(q, rows), titles={})
    assert "highest in Feb 2025 (40)" in out.answer and "lowest in Mar 2025 (30)" in out.answer
    assert "Apr 2025 (to 10 Apr 2025)" in out.answer
    assert out.chart is not None and out.chart["mark"]["type"] == "line"


def test_a_trend_of_one_period_says_there_is_no_trend_yet() -> None:
    """A quarter one day old holds one week: "highest in it ... lowest in it" would be no answer."""
    rng = make_range(date(2026, 1, 1), date(2026, 1, 1))
    q = MetricQuery(tenant_id="t", metrics=["orders"], dimensions=["date"], grain="week", time_range=rng)
    out = compose(reading(q, "trend"), result(q, [{"date": date(2025, 12, 29), "orders": 12}]), titles={})
    assert out.answer.startswith("Only one week of orders falls")
    assert "no trend to show yet: 12 in" in out.answer and "highest" not in out.answer


def test_empty_result_says_what_is_missing() -> None:
    q = MetricQuery(tenant_id="t", metrics=["avg_rating"], time_range=Q1)
    out = compose(reading(q), result(q, [{"avg_rating": None}]), titles={})
    assert out.answer.startswith("There was no average rating in Q1 2025") and "reviews" in out.answer


def test_units_and_report_size() -> None:
    assert fmt_value(1234.5, "money", "EUR") == "€1,234.50"
    assert fmt_value(1234.5, "money", "CHF") == "1,234.50 CHF"
    assert fmt_value(12.345, "percent") == "12.3%" and fmt_value(4.256, "rating") == "4.26 out of 5"
    q = MetricQuery(tenant_id="t", metrics=["revenue"], dimensions=["sku"], time_range=Q1, order_by="revenue",
                    limit=51)
    rows = [{"sku": f"S-{i}", "revenue": 1000.0 - i} for i in range(51)]
    out = compose(reading(q, "ranking", show=50), result(q, rows), titles={})
    assert out.table is not None and len(out.table.rows) == 50
    assert out.answer.count(";") == 9  # the sentence names ten, the table carries the rest
    assert len(json.dumps(out.chart)) < 4096


def test_price_index_is_explained_and_data_start_is_stated() -> None:
    q = MetricQuery(tenant_id="t", metrics=["price_index"], time_range=Q1,
                    filters=[DimensionFilter(dimension="competitor", values=["Hygge Hus"])])
    out = compose(reading(q), result(q, [{"price_index": 103.5}]), titles={})
    assert "against Hygge Hus" in out.answer and "our prices are 3.5% above theirs" in out.answer
    r = MetricQuery(tenant_id="t", metrics=["units"], time_range=Q1)
    before = compose(reading(r, data_starts=date(2025, 5, 14)), result(r, [{"units": None}]), titles={})
    assert before.answer == ("There were no units sold in Q1 2025 (1 Jan - 31 Mar 2025). Your data starts on "
                             "14 May 2025.")
    partly = compose(reading(r, data_starts=date(2025, 2, 1)), result(r, [{"units": 10}]), titles={})
    assert partly.answer.endswith("Your data starts on 1 Feb 2025, so the period is covered from then.")


def test_a_ranking_by_change_says_who_grew_most_with_both_values() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], dimensions=["category"], time_range=Q1,
                    compare="previous_period", order_by="revenue", order_by_change=True)
    rows = [{"category": "Home", "revenue": 150.0, "revenue_previous": 100.0, "revenue_change_pct": 50.0},
            {"category": "Garden", "revenue": 90.0, "revenue_previous": 100.0, "revenue_change_pct": -10.0},
            {"category": "New", "revenue": 10.0, "revenue_previous": None, "revenue_change_pct": None}]
    r = result(q, rows, previous_range=make_range(date(2024, 10, 1), date(2024, 12, 31)))
    out = compose(reading(q, "ranking"), r, titles=TITLES)
    assert out.answer == ("Home grew the most: revenue +50.0% (£100.00 to £150.00) in Q1 2025 (1 Jan - 31 Mar 2025) "
                          "against the period before (1 Oct - 31 Dec 2024); then Garden -10.0% (£100.00 to £90.00).")
    falling = q.model_copy(update={"descending": False})
    down = compose(reading(falling, "ranking"), result(falling, rows[::-1][1:], previous_range=r.previous_range),
                   titles=TITLES)
    assert down.answer.startswith("Garden fell the most: revenue -10.0% (£100.00 to £90.00)")


def test_a_question_about_losses_says_which_lost_money_or_that_none_did() -> None:
    q = MetricQuery(tenant_id="t", metrics=["margin"], dimensions=["sku"], time_range=Q1, order_by="margin",
                    descending=False, limit=6)
    asked = "Which products are we losing money on?"
    losing = [{"sku": "A-1", "margin": -12.5}, {"sku": "B-2", "margin": 40.0}]
    out = compose(reading(q, "ranking", question=asked), result(q, losing), titles=TITLES)
    assert out.answer.startswith("1 product lost money in Q1 2025 (1 Jan - 31 Mar 2025): Blue Vase (A-1) (-£12.50")
    fine = [{"sku": "B-2", "margin": 40.0}, {"sku": "C-3", "margin": 55.0}]
    out = compose(reading(q, "ranking", question=asked), result(q, fine), titles=TITLES)
    assert out.answer.startswith("No product lost money in Q1 2025")
    assert "the lowest: Red Vase (B-2) (£40.00)" in out.answer


def test_an_amount_whose_sales_name_no_currency_never_claims_one() -> None:
    from shared.questions.compose import CurrencyHint

    q = MetricQuery(tenant_id="t", metrics=["revenue"], time_range=Q1)
    bare = result(q, [{"revenue": 1200.0}]).model_copy(update={"currency": None})
    plain = compose(reading(q), bare, titles=TITLES, currency=CurrencyHint())
    assert plain.answer == ("Revenue in Q1 2025 (1 Jan - 31 Mar 2025) was 1,200.00. Your sales data names no "
                            "currency, so amounts are shown without one.")
    assert "$" not in plain.answer
    catalogue = compose(reading(q), bare, titles=TITLES, currency=CurrencyHint(False, "EUR", "your catalogue"))
    assert catalogue.answer.startswith("Revenue in Q1 2025 (1 Jan - 31 Mar 2025) was €1,200.00. Amounts are in EUR "
                                       "as your catalogue states")
    mixed = compose(reading(q), bare, titles=TITLES, currency=CurrencyHint(True, "EUR", "your settings"))
    assert "was 1,200.00." in mixed.answer and "do not all name one currency" in mixed.answer
    counted = MetricQuery(tenant_id="t", metrics=["orders"], time_range=Q1)  # no amount: nothing to say
    orders = compose(reading(counted), result(counted, [{"orders": 12}]).model_copy(update={"currency": None}),
                     titles=TITLES, currency=CurrencyHint())
    assert orders.answer == "Orders in Q1 2025 (1 Jan - 31 Mar 2025) were 12."
    named = compose(reading(q), result(q, [{"revenue": 5.0}]), titles=TITLES, currency=CurrencyHint())
    assert named.answer == "Revenue in Q1 2025 (1 Jan - 31 Mar 2025) was £5.00."


def test_a_discount_rate_says_what_it_is_a_share_of() -> None:
    query = MetricQuery(tenant_id="t", metrics=["discount_rate"], time_range=Q1)
    text = compose(reading(query, question="what was our average discount?"),
                   result(query, [{"discount_rate": 29.44}]), titles=TITLES).answer
    assert "29.4% of revenue before discounts" in text, text


def test_a_named_baseline_is_said_as_named() -> None:
    day = make_range(date(2026, 11, 27), date(2026, 11, 27), "Black Friday 2026")
    named = make_range(date(2025, 11, 28), date(2025, 11, 28), "Black Friday 2025")
    q = MetricQuery(tenant_id="t", metrics=["revenue"], time_range=day, compare="previous_period", baseline=named)
    r = result(q, [{"revenue": 110.0, "revenue_previous": 100.0, "revenue_change_pct": 10.0}], previous_range=named)
    assert compose(reading(q), r, titles={}).answer == (
        "Revenue on Black Friday 2026 (27 Nov 2026) was £110.00, up 10.0% from £100.00 on Black Friday 2025 "
        "(28 Nov 2025).")


def test_a_baseline_without_data_says_so() -> None:
    q = MetricQuery(tenant_id="t", metrics=["revenue"], time_range=Q1, compare="previous_year")
    r = result(q, [{"revenue": 1200.0, "revenue_previous": None, "revenue_change_pct": None}],
               previous_range=make_range(date(2024, 1, 1), date(2024, 3, 31)))
    answer = compose(reading(q), r, titles={}).answer
    assert answer.endswith("with nothing to compare against: your data has no revenue in the same period a year "
                           "earlier (1 Jan - 31 Mar 2024).") and "n/a" not in answer


def test_products_without_reviews_are_said_as_such() -> None:
    """The catalogue's products with no review, and the count of those with one, in review words."""
    rng = make_range(date(2024, 1, 1), date(2024, 12, 31), "2024")
    for shape, start in (("unsold", "2 catalogue products had no review in 2024"),
                         ("count", "1 product had at least one review in 2024")):
        q = MetricQuery(tenant_id="t", metrics=["review_count"], dimensions=["sku"], time_range=rng)
        answer = compose(reading(q, shape), result(q, [{"sku": "A-1", "review_count": 3}]), titles=TITLES).answer
        assert answer.startswith(start), answer


def test_products_sharing_a_title_are_named_once_with_their_count() -> None:
    """Three SKUs titled BANANAS: "for BANANAS (3 products)", not "for BANANAS, BANANAS and BANANAS"."""
    q = MetricQuery(tenant_id="t", metrics=["units"], time_range=Q1,
                    filters=[DimensionFilter(dimension="sku", values=["1", "2", "3", "4"])])
    titles = {"1": "BANANAS", "2": "BANANAS", "3": "BANANAS", "4": "GRAPES RED"}
    out = compose(reading(q, "value"), result(q, [{"units": 12}]), titles=titles)
    assert "for BANANAS (3 products) and GRAPES RED" in out.answer, out.answer


def test_brands_and_categories_that_sold_nothing() -> None:
    """"Which brands didn't sell last month": the catalogue's brands without a sale, by name, not a ranking."""
    q = MetricQuery(tenant_id="t", metrics=["units"], dimensions=["brand"], time_range=Q1)
    rows = [{"brand": "Acme", "units": 4}, {"brand": "Glow", "units": 0}]
    brands = {"Acme": "Acme", "Glow": "Glow", "Weaveworks": "Weaveworks"}
    answer = compose(reading(q, "unsold"), result(q, rows), titles=brands).answer
    assert answer.startswith("2 catalogue brands sold nothing in Q1 2025") and answer.endswith(": Glow; Weaveworks.")
    every = compose(reading(q, "unsold"), result(q, [{"brand": "acme", "units": 1}]), titles={"Acme": "Acme"}).answer
    assert every.startswith("Every one of the 1 brands in your catalogue sold something in Q1 2025")


def test_a_place_two_dimensions_matched_is_named_once() -> None:
    """AdventureWorks' territory "Germany" is a region and a country: two filters, one place ("in Germany in Germany"
    before); other filters are still each named, and a place not yet named is added."""
    def phrase(*filters: tuple[str, list[str]]) -> str:
        return _filter_phrase([DimensionFilter(dimension=d, values=v) for d, v in filters], {})

    assert phrase(("country", ["Germany"]), ("region", ["Germany"])) == " in Germany"
    assert phrase(("country", ["Germany"]), ("region", ["germany", "Bavaria"])) == " in Germany in Bavaria"
    assert phrase(("channel", ["Web"]), ("channel", ["Web"]), ("category", ["Bikes"]), ("category", ["Bikes"])) \
        == " on Web in the Bikes category"
    assert phrase(("category", ["Germany"]), ("country", ["Germany"])) == " in the Germany category in Germany"
