"""Readings and answers of the eighteenth pricing/review round (#18): what a period's price changes did to sales
(several products at once), our margin at the market's price, links to buy elsewhere as spam, complaints against
the whole quarter before, a mean "per week" as its breakdown, "different from" as a comparison."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from shared.pricing.markup import market_margin_answer
from shared.pricing.own_prices import own_price_answer
from shared.pricing.price_effect import changes_effect_text
from shared.questions.own_price_asks import asks_price_effect
from shared.questions.vocabulary import VocabularyIndex
from shared.sentiment.adjusted import suspect_spam
from tests.unit.questions.round_stores import read
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture

# --- what the price changes of a period did to sales, several products at once ---


def _two_products() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A cut on A (20 -> 18 on 15 Feb: 1 -> 2 units a day) and a raise on B (10 -> 12 on 1 Mar: 4 -> 3 a day)."""
    days = pd.date_range("2026-01-01", "2026-03-31").date
    a_cut, b_raise = date(2026, 2, 15), date(2026, 3, 1)
    daily = pd.concat(
        [
            pd.DataFrame({"sku": "A", "date": days, "list_price": [20.0 if d < a_cut else 18.0 for d in days]}),
            pd.DataFrame({"sku": "B", "date": days, "list_price": [10.0 if d < b_raise else 12.0 for d in days]}),
        ]
    )
    sales = pd.concat(
        [
            pd.DataFrame({"sku": "A", "date": days, "units": [1 if d < a_cut else 2 for d in days]}),
            pd.DataFrame({"sku": "B", "date": days, "units": [4 if d < b_raise else 3 for d in days]}),
        ]
    )
    return daily, sales.assign(revenue=sales["units"] * 10.0)


def test_a_periods_cuts_are_summed_before_and_after() -> None:
    daily, sales = _two_products()
    answer = own_price_answer(
        daily,
        [],
        start=date(2026, 2, 1),
        end=date(2026, 2, 28),
        today=date(2026, 3, 31),
        direction="down",
        catalogue=["A", "B"],
        effect_sales=sales,
    )
    first = answer.text.split(". ")[0]
    assert first.startswith("1 product had their list price cut between 1 Feb 2026 and 28 Feb 2026")
    assert "1 units a day in the 28 days before each change against 2 in the 28 days after" in first
    assert "18 on 15 Feb 2026: 1 against 2 units a day" in answer.text  # the product set out


def test_every_change_of_the_period_when_no_direction_is_asked() -> None:
    daily, sales = _two_products()
    answer = own_price_answer(
        daily,
        [],
        start=date(2026, 2, 1),
        end=date(2026, 3, 31),
        today=date(2026, 3, 31),
        catalogue=["A", "B"],
        effect_sales=sales,
    )
    # A: 1 -> 2 a day; B: 4 -> 3 a day (31 days after its change, 28 counted): 5 -> 5, level; one rose, one fell
    assert answer.text.startswith(
        "2 products changed list price between 1 Feb 2026 and 31 Mar 2026; together their "
        "sales held about level: 5 units a day"
    )
    assert "(rose on 1, fell on 1, about level on 0)" in answer.text


def test_named_products_take_their_last_changes_whenever() -> None:
    daily, sales = _two_products()
    answer = own_price_answer(daily, ["A", "B"], start=None, end=None, today=date(2026, 3, 31), effect_sales=sales)
    first = answer.text.split(". ")[0]
    assert first.startswith("After the last price change of each, sales in the 28 days before against")
    assert "A's rose 100% (1 against 2 units a day; 20 to 18 on 15 Feb 2026)" in first
    assert "B's fell 25% (4 against 3 units a day; 10 to 12 on 1 Mar 2026)" in first


def test_no_change_in_the_period_is_said() -> None:
    _, sales = _two_products()
    text = changes_effect_text(
        pd.DataFrame(columns=["sku", "changed_on", "old_price", "new_price"]),
        sales,
        what="had their list price cut",
        period="between 1 Jan 2026 and 31 Jan 2026",
        today=date(2026, 3, 31),
        names={},
    )
    assert text.startswith("No products had their list price cut between 1 Jan 2026 and 31 Jan 2026")


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("did our price cuts last month help sales?", "down"),
        ("did the price increases of the last 90 days hurt units?", "up"),
        ("what happened to sales after the price changes we made in the last 90 days?", None),
    ],
)
def test_a_periods_changes_and_their_effect_are_read(store: VocabularyIndex, question: str, order: str | None) -> None:  # noqa: F811
    assert asks_price_effect(question)
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["price_history"] and r.price_effect and r.moves_order == order


def test_help_is_an_effect_but_a_what_if_is_not() -> None:
    assert asks_price_effect("did the price cut on KIT-0046 help?")
    assert not asks_price_effect("would a price cut help sales?")


# --- our margin at the market's price ---


@pytest.mark.parametrize(
    ("question", "reference"),
    [
        ("what's our margin on the kettle at the market price?", "median"),
        ("margin on KIT-0046 if priced at the competitor median", "median"),
        ("margin on KIT-0046 if we matched the cheapest competitor", "lowest"),
    ],
)
def test_a_margin_at_the_market_price_is_read(store: VocabularyIndex, question: str, reference: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["markup"] and r.gap_reference == reference


def test_a_plain_margin_stays_the_metrics_layers(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "what's our margin on KIT-0046?")
    assert r.kind == "metric" and r.gap_reference is None


def test_the_margin_at_the_median_competitors_price() -> None:
    products = pd.DataFrame({"sku": ["A", "B"], "price": [50.0, 10.0], "cost": [30.0, None]})
    positions = pd.DataFrame(
        {
            "comp_median": [45.0, 9.0],
            "comp_min": [40.0, 8.0],
            "our_price": [50.0, 10.0],
            "latest_date": [pd.Timestamp("2026-12-06")] * 2,
        },
        index=pd.Index(["A", "B"], name="sku"),
    )
    answer = market_margin_answer(products, positions, ["A", "B"])
    assert answer.text.startswith(
        "At the market price (the median competitor's 45 on 6 Dec 2026), A would earn 15 a unit over its cost "
        "of 30, a 33.3% gross margin, against 20 a unit (40.0%) at our price of 50."
    )
    assert "B has no unit cost or no competitor price" in answer.text
    lowest = market_margin_answer(products, positions, ["A"], reference="lowest")
    assert "the cheapest competitor's 40 on" in lowest.text and "earn 10 a unit" in lowest.text


# --- a link to buy elsewhere is spam; complaints against the whole quarter before; "per week"; "different from" ---


def test_a_link_to_buy_elsewhere_is_suspected_with_a_second_signal() -> None:
    day = date(2026, 10, 1)
    frame = pd.DataFrame(
        {
            "review_id": ["a", "b", "c"],
            "sku": "X",
            "date": [day, day + timedelta(days=3), day + timedelta(days=9)],
            "rating": [1, 1, 4],
            "text": ["Terrible, buy the original from dealzone.shop instead", "See cheapbuyz.shop for it", "Nice."],
            "spam_score": [0.76, 0.3, 0.1],
            "spam_reasons": ['["link_or_contact", "unverified"]', '["link_or_contact"]', "[]"],
        }
    )
    assert suspect_spam(frame).reasons == [["link_or_contact"], [], []]  # a link alone scored low stays


def test_complaints_against_last_quarter_are_the_whole_quarter(store: VocabularyIndex) -> None:  # noqa: F811
    for question in (
        "top complaints this quarter vs last quarter",
        "are the complaints this quarter different from last quarter?",
    ):
        r = read(store, question)
        assert r.review_ask == "complaints" and r.review_baseline is not None
        assert r.review_baseline.label.startswith("the quarter before (1 Jul - 30 Sep")


def test_a_mean_per_week_is_by_week_but_a_total_per_week_its_average(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "KIT-0046 average stars per week")
    assert r.query is not None and r.query.metrics[0] == "avg_rating" and r.query.grain == "week"
    sales = read(store, "average revenue per week")
    assert sales.query is not None and sales.query.dimensions == [] and sales.per_unit == "week"


# --- after the held-out sets: repricing that changed how many we sell, a seller below our price, sentiment of two ---


def test_repricing_that_changed_how_many_we_sell_is_its_effect(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "did repricing KIT-0046 and KIT-0066 change how many we sell?")
    assert r.kind == "agent" and r.asks == ["price_history"] and r.price_effect
    assert read(store, "should repricing KIT-0046 change sales?").asks == ["reprice"]  # advice stays advice


def test_a_seller_below_our_price_is_a_competitor(store: VocabularyIndex) -> None:  # noqa: F811
    assert read(store, "which seller is below our price most often?").asks == ["undercut"]
    assert read(store, "which seller sold the most?").kind == "unanswerable"  # sales by seller are not kept


def test_sentiment_of_one_product_against_another_is_each_ones_rating(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "sentiment for the camping chair vs the toaster")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert "sku" in r.query.dimensions and set(r.skus) == {"OUT-0048", "KIT-0046"}
