"""A sixteenth set of phrasings (``bench/sixteenth_questions.py``) and the fifteenth set's leftovers.

Both ends of a ranking asked at once; parts of a period ("the first month of Q3", "the middle ten days of October",
"the last month of the quarter"); "in the last year" as the 12 months to date; ambiguous numeric dates read the way
the tenant writes them, said in the answer.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.both_ends import both_ends
from shared.questions.date_order import ambiguous_dates_read, tenant_day_first
from shared.questions.reading import read_question
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import Vocabulary, VocabularyIndex
from tests.unit.questions.test_unseen_phrasings import DEC, DEC_EXTENTS

DAY = date(2026, 12, 5)  # a Saturday, as the bench's sample merchant ends


@pytest.mark.parametrize(
    ("question", "top", "bottom"),
    [
        ("best and worst day last week", "best day last week", "worst day last week"),
        ("top and bottom 3 products by revenue", "top 3 products by revenue", "bottom 3 products by revenue"),
        ("worst & best channel this year", "best channel this year", "worst channel this year"),
        ("busiest and quietest days last month", "busiest days last month", "quietest days last month"),
    ],
)
def test_both_ends_of_a_ranking_are_asked_one_after_the_other(question: str, top: str, bottom: str) -> None:
    assert both_ends(question) == (top, bottom)


@pytest.mark.parametrize("question", ["best and biggest products", "top products last month", "revenue and orders"])
def test_one_end_is_no_pair(question: str) -> None:
    assert both_ends(question) is None


def test_best_and_worst_day_reads_the_top_then_the_bottom(store: VocabularyIndex) -> None:
    r = read_question("best and worst day last week", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and len(r.parts) == 1
    bottom = r.parts[0].query
    assert bottom is not None and r.query.time_range == bottom.time_range
    assert r.query.dimensions == bottom.dimensions and r.query.dimensions
    assert r.query.descending and not bottom.descending


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("orders in the first month of q3", date(2026, 7, 1), date(2026, 7, 31)),
        ("the middle month of last quarter", date(2026, 8, 1), date(2026, 8, 31)),
        ("orders in the last month of q3", date(2026, 9, 1), date(2026, 9, 30)),
        ("the last month of last quarter", date(2026, 9, 1), date(2026, 9, 30)),
        ("revenue in the second month of this quarter", date(2026, 11, 1), date(2026, 11, 30)),
        ("the first month of the year", date(2026, 1, 1), date(2026, 1, 31)),
        ("last month of the quarter", date(2026, 12, 1), DAY),
        ("orders in the middle ten days of october", date(2026, 10, 11), date(2026, 10, 20)),
        ("first week of q4", date(2026, 10, 1), date(2026, 10, 7)),
        ("revenue in the last two weeks of last quarter", date(2026, 9, 17), date(2026, 9, 30)),
        ("orders in the first 10 days of this quarter", date(2026, 10, 1), date(2026, 10, 10)),
        ("the last 3 months of 2025", date(2025, 10, 1), date(2025, 12, 31)),
        ("units in the final week of last year", date(2025, 12, 25), date(2025, 12, 31)),
        # unchanged: the whole last month, a month's own week
        ("revenue last month", date(2026, 11, 1), date(2026, 11, 30)),
        ("last week of october", date(2026, 10, 25), date(2026, 10, 31)),
    ],
)
def test_a_part_of_a_period_is_that_part(phrase: str, start: date, end: date) -> None:
    rng = resolve_time(phrase, DAY).range
    assert rng is not None and (rng.start, rng.end) == (start, end), rng


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("revenue in the last year", date(2025, 12, 6), DAY),
        ("orders over the last year", date(2025, 12, 6), DAY),
        ("how many orders did we get during the last year", date(2025, 12, 6), DAY),
        ("what did we sell for the last year", date(2025, 12, 6), DAY),
        ("orders over the past year", date(2025, 12, 6), DAY),
        ("units in the past 12 months", date(2025, 12, 6), DAY),
        ("revenue last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("sales in last year", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_in_the_last_year_is_the_twelve_months_to_date_and_last_year_the_calendar_one(
    phrase: str, start: date, end: date
) -> None:
    rng = resolve_time(phrase, DAY).range
    assert rng is not None and (rng.start, rng.end) == (start, end), rng
    assert rng.label.endswith(f"{end.day} {end:%b} {end.year})")  # the answer names the days it used


@pytest.mark.parametrize(
    ("currency", "countries", "day_first"),
    [
        ("GBP", [], True),
        ("EUR", [], True),
        ("USD", [], False),
        (None, ["United Kingdom", "Ireland"], True),
        (None, ["US", "United Kingdom"], None),
        (None, [], None),
    ],
)
def test_the_tenants_currency_or_countries_decide_the_date_order(
    currency: str | None, countries: list[str], day_first: bool | None
) -> None:
    got = tenant_day_first(currency, countries)
    assert (got[0] if got is not None else None) is day_first


def test_an_ambiguous_date_is_read_day_first_for_a_shop_in_pounds_and_said() -> None:
    text, lead = ambiguous_dates_read("units on 05/10/2026", tenant_day_first("GBP"))
    assert text == "units on 05.10.2026"
    assert "day first as 5 Oct 2026" in lead and "pounds" in lead and "10 May 2026" in lead
    rng = resolve_time(text, DAY).range
    assert rng is not None and rng.start == rng.end == date(2026, 10, 5)


def test_an_ambiguous_date_is_read_month_first_in_dollars_and_said() -> None:
    text, lead = ambiguous_dates_read("units on 05/10/2026", tenant_day_first("USD"))
    assert text == "units on 05/10/2026" and "month first as 10 May 2026" in lead and "US dollars" in lead


@pytest.mark.parametrize(
    "question", ["orders from 01/11/2026 to 15/11/2026", "units on 11/15/2026", "revenue on 5/5/2026"]
)
def test_a_date_the_message_itself_orders_needs_no_note(question: str) -> None:
    assert ambiguous_dates_read(question, tenant_day_first("GBP")) == (question, "")


def test_the_reading_of_a_british_shop_says_the_date_was_read_day_first(shop: VocabularyIndex) -> None:
    r = read_question(
        "how many units did we flog on 05/10/2025",
        tenant_id="decor",
        index=shop,
        extents={k: (date(2024, 1, 1), DEC) for k in DEC_EXTENTS},
    )
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 10, 5)
    assert r.lead.startswith("05/10/2025 is read day first as 5 Oct 2025")


def test_a_us_shops_reading_says_the_date_was_read_month_first() -> None:
    index = VocabularyIndex(Vocabulary(tenant_id="us", channels=["web"], currency="USD"))
    r = read_question("units on 05/10/2025", tenant_id="us", index=index, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 5, 10)
    assert "month first as 10 May 2025" in r.lead


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("revenue monday thru wednesday last week", date(2026, 11, 23), date(2026, 11, 25)),
        ("orders tuesday to friday this week", date(2026, 12, 1), date(2026, 12, 4)),
        ("total sales for the week ending last sunday", date(2026, 11, 23), date(2026, 11, 29)),
        ("sales for the week ending 29 Nov", date(2026, 11, 23), date(2026, 11, 29)),
    ],
)
def test_days_of_a_week_and_the_week_ending_a_day(phrase: str, start: date, end: date) -> None:
    rng = resolve_time(phrase, DAY).range
    assert rng is not None and (rng.start, rng.end) == (start, end), rng


def test_the_week_ending_a_day_names_no_product(store: VocabularyIndex) -> None:
    r = read_question("sales for the week ending 29 Nov", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.end == date(2026, 11, 29) and not r.query.filters


@pytest.mark.parametrize(
    "question",
    [
        "how are we tracking this month vs last",
        "are sales up this month vs last?",
        "are we ahead of last month so far?",
        "are sales up this month vs last month",
    ],
)
def test_this_month_against_last_is_the_month_so_far_against_the_same_days(
    store: VocabularyIndex, question: str
) -> None:
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.time_range is not None
    assert r.query.metrics[0] == "revenue"
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 12, 1), DEC)
    assert r.query.compare == "previous_period_to_date"


def test_items_that_went_back_are_returned_units(store: VocabularyIndex) -> None:
    r = read_question("how many items went back last month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "returned_units"


def test_what_a_customer_spends_on_average_is_revenue_per_customer(store: VocabularyIndex) -> None:
    r = read_question(
        "how much does a customer spend on average this year", tenant_id="t", index=store, extents=DEC_EXTENTS
    )
    assert r.kind == "metric" and r.query is not None and r.query.metrics[:2] == ["revenue", "customers"]


def test_adding_to_the_cart_is_web_analytics_the_data_lacks(store: VocabularyIndex) -> None:
    r = read_question("how many people added to cart last week", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.kind == "unanswerable"


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("revenue in the middle of october, the 11th to the 20th", date(2026, 10, 11), date(2026, 10, 20)),
        ("november, from the 3rd thru the 9th, orders", date(2026, 11, 3), date(2026, 11, 9)),
    ],
)
def test_days_said_after_their_month_are_those_days(
    store: VocabularyIndex, question: str, start: date, end: date
) -> None:
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (start, end)


def test_up_on_last_year_stays_the_last_complete_month_against_a_year_before(store: VocabularyIndex) -> None:
    r = read_question("is revenue up on last year", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.time_range is not None and r.query.compare == "previous_year"
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 11, 1), date(2026, 11, 30))
