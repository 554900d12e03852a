"""When will a running period's revenue reach an amount: the amount and period read, and the reading made."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.milestone import milestone_ask
from shared.questions.reading import read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_known_misreadings import DEC_EXTENTS

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("when will we hit $1M this year?", 1_000_000.0),
        ("when will we reach $6,550,000 in revenue this year?", 6_550_000.0),
        ("what date will we cross $6.5m in sales", 6_500_000.0),
        ("when will we pass 2 million dollars", 2_000_000.0),
        ("how soon do we get to $7m?", 7_000_000.0),
        ("by when will revenue top 6.8m this year", 6_800_000.0),
    ],
)
def test_the_amount_and_the_year(question: str, amount: float) -> None:
    got = milestone_ask(question, TODAY)
    assert got is not None
    assert got.amount == amount
    assert (got.unit, got.start, got.end) == ("year", date(2026, 1, 1), date(2026, 12, 31))


def test_this_month_or_quarter_named() -> None:
    month = milestone_ask("when will we hit $500k this month?", TODAY)
    assert month is not None and (month.start, month.end) == (date(2026, 12, 1), date(2026, 12, 31))
    quarter = milestone_ask("when do we pass $2m this quarter", TODAY)
    assert quarter is not None and quarter.start == date(2026, 10, 1)


@pytest.mark.parametrize(
    "question",
    [
        "did we hit $1M this year?",  # no "when": the target reading's
        "when will we have 500 orders",  # orders are not units sold
        "when will we sell more units in 2027",  # no count to reach
        "how much will we make this year",
        "when will we run out of the kettle",
        "when did revenue drop below $5k a day",  # no verb of reaching before the amount
    ],
)
def test_not_a_milestone(question: str) -> None:
    assert milestone_ask(question, TODAY) is None


def test_the_last_day_of_the_year_has_nothing_to_forecast() -> None:
    assert milestone_ask("when will we hit $1M this year?", date(2026, 12, 31)) is None


def test_the_reading_is_the_year_to_date_with_its_forecast(shop: VocabularyIndex) -> None:
    r = read_question("when will we hit $1M this year?", tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 1, 1)
    assert r.asks == ["forecast"] and r.agents_first and r.forecast_milestone == 1_000_000.0
    assert r.target is None  # before: a stated target, the year to date against it


@pytest.mark.parametrize(
    ("question", "by_product"),
    [
        ("weekly revenue forecast per product for next month", True),
        ("forecast by week for each product over the next 4 weeks", True),
        ("weekly forecast by sku for next month", True),
        ("weekly revenue forecast for next month", False),
    ],
)
def test_a_weekly_forecast_asked_per_product(question: str, by_product: bool) -> None:
    from shared.orchestration.router import extract_entities

    e = extract_entities(question)
    assert e.by_week and e.by_product == by_product


def test_before_a_holiday_ends_the_day_before(shop: VocabularyIndex) -> None:
    r = read_question("what's going to sell out before xmas", tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.forecast_until == date(2026, 12, 24)  # before: the 25th, the day itself
    by = read_question("how much stock will we need for Christmas", tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert by.forecast_until == date(2026, 12, 25)


@pytest.mark.parametrize(
    ("question", "amount", "product"),
    [
        ("when will we sell our 10,000th unit this year?", 10_000.0, None),
        ("when will we pass 50,000 units sold?", 50_000.0, None),
        ("when will units sold reach 20k", 20_000.0, None),  # "20k" after "units": a count, not money
        ("when will we have sold 500 of the ceramic vase?", 500.0, "ceramic vase"),
        ("by when will we ship 2,000 units of SKU-0012 this year", 2_000.0, "SKU-0012"),
    ],
)
def test_a_count_of_units(question: str, amount: float, product: str | None) -> None:
    got = milestone_ask(question, TODAY)
    assert got is not None and got.measure == "units"
    assert (got.amount, got.product, got.start) == (amount, product, date(2026, 1, 1))


def test_a_count_reading_is_the_units_sold_to_date(shop: VocabularyIndex) -> None:
    store = read_question("when will we pass 50,000 units sold?", tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert store.query is not None and store.query.metrics == ["units"] and not store.query.filters
    assert store.forecast_milestone == 50_000.0 and store.asks == ["forecast"]
    one = read_question(
        "when will we have sold 500 of the blue ceramic vase?", tenant_id="decor", index=shop, extents=DEC_EXTENTS
    )
    assert one.query is not None and one.query.filters[0].values == ["vase-blue-20"]
    assert one.forecast_milestone == 500.0
    unknown = read_question(
        "when will we have sold 500 of the zebra lamp?", tenant_id="decor", index=shop, extents=DEC_EXTENTS
    )
    assert unknown.forecast_milestone is None  # not the store's count in place of the product's


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("how many units do we need for cyber monday week next year", date(2027, 11, 29), date(2027, 12, 5)),
        ("how much stock will we need for black friday week next year?", date(2027, 11, 22), date(2027, 11, 28)),
        ("how many units will we sell on next year's black friday", date(2027, 11, 26), date(2027, 11, 26)),
    ],
)
def test_a_holiday_of_next_year_is_that_year_s(shop: VocabularyIndex, question: str, first: date, last: date) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert (r.forecast_from, r.forecast_until) == (first, last)  # before: "next year" read alone, the week lost


@pytest.mark.parametrize(
    ("question", "measure", "amount", "product"),
    [
        ("when did we hit 325 sales of the ceramic vase", "units", 325.0, "ceramic vase"),  # a count, not money
        ("when will SKU-0012 hit 400 sales this year", "units", 400.0, "SKU-0012"),
        ("when will the ceramic vase reach 400 units?", "units", 400.0, "ceramic vase"),
        ("how soon will the oak tray make it to 90 units sold?", "units", 90.0, "oak tray"),
        ("when will the ceramic vase pass $5,000 in sales", "revenue", 5_000.0, "ceramic vase"),
        ("when will we hit $5,000 in sales of the linen runner", "revenue", 5_000.0, "linen runner"),
        ("by when will revenue from the oak tray top £3k?", "revenue", 3_000.0, "oak tray"),
        ("when did ceramic vase sales pass $900?", "revenue", 900.0, "ceramic vase"),
        ("when did the candle's revenue reach $1,200 this year", "revenue", 1_200.0, "candle"),
        ("when will we make $4,000 from the oak tray", "revenue", 4_000.0, "oak tray"),
        # the store's: a pronoun or the measure alone as the subject
        ("when will we finally pass $2m", "revenue", 2_000_000.0, None),
        ("when will total revenue cross $6.5m this year", "revenue", 6_500_000.0, None),
        ("when will units sold reach 20k", "units", 20_000.0, None),
        ("when will we hit $1M in sales this year?", "revenue", 1_000_000.0, None),
    ],
)
def test_a_products_milestone_in_units_or_money(
    question: str, measure: str, amount: float, product: str | None
) -> None:
    got = milestone_ask(question, TODAY)
    assert got is not None, question
    assert (got.measure, got.amount, got.product) == (measure, amount, product)


def test_a_products_milestone_is_read_as_its_own_and_its_measure_kept(shop: VocabularyIndex) -> None:
    from shared.orchestration.descriptive import agent_plan
    from shared.orchestration.router import route

    count = "when did we hit 325 sales of the blue ceramic vase"
    r = read_question(count, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == ["units"] and r.query.filters[0].values == ["vase-blue-20"]
    # "sales" in the question made the router's measure revenue; the milestone's reading decides: units
    assert agent_plan(r, route(count, today=r.as_of), shop).entities.measure is None
    money = "when will the blue ceramic vase pass £5,000 in sales"
    m = read_question(money, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert m.query is not None and m.query.metrics == ["revenue"] and m.query.filters[0].values == ["vase-blue-20"]
    assert m.forecast_milestone == 5_000.0
    assert agent_plan(m, route(money, today=m.as_of), shop).entities.measure == "revenue"


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        # the week runs to the data's end: the stock asked for is next year's week
        ("how many units do we need for cyber monday week", date(2027, 11, 29), date(2027, 12, 5)),
        ("how many units do we need for black friday week", date(2027, 11, 22), date(2027, 11, 28)),
        ("how much stock will we need for christmas week?", date(2026, 12, 21), date(2026, 12, 27)),
        ("how many units should we stock for cyber monday week?", date(2027, 11, 29), date(2027, 12, 5)),
    ],
)
def test_a_holiday_week_asked_for_stock_is_the_next_one(
    shop: VocabularyIndex, question: str, first: date, last: date
) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert (r.forecast_from, r.forecast_until) == (first, last)


def test_a_running_week_asked_about_sales_stays_this_weeks(shop: VocabularyIndex) -> None:
    r = read_question(
        "how many units did we sell in cyber monday week", tenant_id="decor", index=shop, extents=DEC_EXTENTS
    )
    assert r.forecast_from is None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 11, 30)
