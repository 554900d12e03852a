"""The seventeenth round's leftovers and the eighteenth set's fixes (``bench/eighteenth_questions.py``)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.forecast_window import months_as_next_and_this
from shared.questions.grouped_sides import sides_lead
from shared.questions.reading import Reading, read_question
from shared.questions.shorthand import expand_shorthand
from shared.questions.timephrase import resolve_time
from shared.questions.top_compared import dropped_out, like_for_like_headline, like_for_like_item
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

SUNDAY = date(2026, 12, 6)  # the data end on a Sunday: last week is the week ending that day


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=index, extents=DEC_EXTENTS)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("revenue last week", date(2026, 11, 30), date(2026, 12, 6)),
        ("revenue a week ago", date(2026, 11, 30), date(2026, 12, 6)),
        ("revenue 2 weeks ago", date(2026, 11, 23), date(2026, 11, 29)),
        ("revenue the week before last", date(2026, 11, 23), date(2026, 11, 29)),
        ("orders 3 weeks ago", date(2026, 11, 16), date(2026, 11, 22)),
    ],
)
def test_weeks_ago_count_back_from_last_week_when_the_data_end_on_a_sunday(phrase: str, start: date, end: date) -> None:
    t = resolve_time(phrase, SUNDAY)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range


def test_months_ago_count_back_from_last_month_on_a_months_last_day() -> None:
    """On 30 Nov, November is last month (complete), so "2 months ago" is October, as "the month before last"."""
    t = resolve_time("revenue 2 months ago", date(2026, 11, 30))
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 10, 1), date(2026, 10, 31))


def test_a_top_n_then_how_it_compares_with_another_period_is_that_ranking_against_it(store: VocabularyIndex) -> None:
    """The README's example: Q3's top 5 against the same products in Q2, not Q3's top 5 then Q2's whole revenue."""
    r = read(store, "Top 5 products by revenue in Q3, and how does that compare with Q2?")
    assert r.query is not None and r.shape == "ranking" and r.parts == []
    assert r.query.dimensions == ["sku"] and r.query.compare == "previous_period"
    assert r.query.baseline is not None
    assert (r.query.baseline.start, r.query.baseline.end) == (date(2026, 4, 1), date(2026, 6, 30))


def test_a_second_question_after_a_ranking_is_still_its_own_part(store: VocabularyIndex) -> None:
    r = read(store, "top 5 products by revenue in Q3 and how many units did we sell in Q2?")
    assert r.query is not None and r.query.compare is None and len(r.parts) == 1


def test_the_like_for_like_sentences_total_each_item_then_and_what_dropped_out() -> None:
    rows = [
        {"sku": "A", "revenue": 100.0, "revenue_previous": 80.0, "revenue_change_pct": 25.0},
        {"sku": "B", "revenue": 50.0, "revenue_previous": None, "revenue_change_pct": None},
    ]
    head = like_for_like_headline(rows, "revenue", "The top 2 products in Q3", "Q2", lambda x: f"${x:,.2f}")
    assert head == "The top 2 products in Q3 came to $150.00 together, up 87.5% from $80.00 for the same 2 in Q2"
    assert like_for_like_item(rows[0], "revenue", lambda x: f"${x:,.2f}") == "$100.00 against $80.00, +25.0%"
    assert like_for_like_item(rows[1], "revenue", lambda x: f"${x:,.2f}") == "$50.00, none before"
    assert dropped_out(["A", "B"], [("A", "Alpha"), ("C", "Gamma")], "Q2") == (
        "Of the top 2 in Q2, Gamma is no longer among them."
    )


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("online vs pos revenue last month", [("online", ["web", "amazon", "ebay"]), ("pos", ["pos"])]),
        ("pos vs online units last week", [("pos", ["pos"]), ("online", ["web", "amazon", "ebay"])]),
    ],
)
def test_online_against_the_tills_is_two_sides(
    store: VocabularyIndex, question: str, sides: list[tuple[str, list[str]]]
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == ["channel"]
    assert [(label.lower(), values) for label, values in r.sides] == sides


def test_two_channels_named_each_are_no_sides(store: VocabularyIndex) -> None:
    assert read(store, "amazon vs ebay revenue last quarter").sides == []


def test_each_sides_total_and_share_lead() -> None:
    rows = [
        {"channel": "web", "revenue": 60.0},
        {"channel": "amazon", "revenue": 30.0},
        {"channel": "pos", "revenue": 10.0},
    ]
    lead = sides_lead(
        [("online", ["web", "amazon"]), ("pos", ["pos"])],
        rows,
        "channel",
        "revenue",
        "revenue in May",
        lambda x: f"${x:,.2f}",
    )
    assert lead == "Online (web and amazon) revenue in May was $90.00 (90.0%), against $10.00 (10.0%) for pos."


@pytest.mark.parametrize(
    "question",
    [
        "will we sell more in January 2027 than December?",
        "are we going to sell more units in jan 2027 than in december 2026?",
    ],
)
def test_next_month_against_this_one_with_its_year_written(question: str) -> None:
    assert "next month" in months_as_next_and_this(question, SUNDAY)
    assert "this month" in months_as_next_and_this(question, SUNDAY)


def test_another_years_january_is_not_next_month() -> None:
    question = "will we sell more in January 2026 than December?"
    assert months_as_next_and_this(question, SUNDAY) == question


def test_the_week_ending_last_sunday_is_last_week_when_the_data_end_on_a_sunday() -> None:
    t = resolve_time("total sales for the week ending last sunday", SUNDAY)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 11, 30), date(2026, 12, 6))
    t = resolve_time("total sales for the week ending 29 Nov", SUNDAY)
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 11, 23), date(2026, 11, 29))


def test_the_same_week_last_year_is_the_monday_to_sunday_week_52_weeks_back() -> None:
    """24-30 Nov 2025 against 25 Nov - 1 Dec 2024 (the same dates, 24-30 Nov 2024, run Sunday to Saturday)."""
    t = resolve_time("revenue last week compared with the same week last year", date(2025, 12, 6))
    assert t.range is not None and (t.range.start, t.range.end) == (date(2025, 11, 24), date(2025, 11, 30))
    assert t.baseline is not None and (t.baseline.start, t.baseline.end) == (date(2024, 11, 25), date(2024, 12, 1))


def test_a_fiscal_quarter_code_is_the_calendar_quarter_without_a_stated_start(store: VocabularyIndex) -> None:
    r = read(store, "orders in FQ2")
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 4, 1), date(2026, 6, 30))


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("our fiscal year starts in february - revenue last fiscal quarter", date(2026, 8, 1), date(2026, 10, 31)),
        ("our fiscal year starts in april - revenue this fiscal quarter", date(2026, 10, 1), date(2026, 12, 4)),
        ("FY starts in March: orders last fiscal quarter", date(2026, 9, 1), date(2026, 11, 30)),
    ],
)
def test_this_and_last_fiscal_quarter_of_a_stated_fiscal_year(
    store: VocabularyIndex, question: str, start: date, end: date
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (start, end)


def test_a_percent_from_the_top_n_is_their_share(store: VocabularyIndex) -> None:
    r = read(store, "how concentrated is revenue - % from top 20 products last quarter")
    assert r.top_share and r.query is not None and r.query.dimensions == ["sku"]
    assert not read(store, "is revenue up 10% from last month").top_share


def test_since_a_named_weekend_is_every_day_from_it() -> None:
    t = resolve_time("orders since black friday weekend", SUNDAY)
    assert t.weekdays == [] and t.range is not None
    assert (t.range.start, t.range.end) == (date(2026, 11, 28), SUNDAY)


def test_an_average_weekday_before_the_measure_is_that_days_average(store: VocabularyIndex) -> None:
    r = read(store, "average sunday revenue last month")
    assert r.per_day and r.query is not None
    assert [(f.dimension, f.values) for f in r.query.filters] == [("weekday", ["Sunday"])]


def test_value_misspelt_is_read(store: VocabularyIndex) -> None:
    r = read(store, "avg ordr vlaue last quater")
    assert r.query is not None and r.query.metrics[0] == "aov"


@pytest.mark.parametrize("question", ["ebay lw?", "kitchen q3"])
def test_a_name_and_a_period_alone_is_its_revenue(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]


def test_the_best_seller_asked_after_a_figure_is_the_top_product_of_its_period(store: VocabularyIndex) -> None:
    r = read(store, "orders last week, and what was the best seller?")
    assert r.query is not None and r.query.metrics == ["orders"] and len(r.parts) == 1
    part = r.parts[0].query
    assert part is not None and part.dimensions == ["sku"] and part.time_range == r.query.time_range


@pytest.mark.parametrize(
    ("question", "compare"),
    [
        ("top 3 categories by revenue last month and how does that compare to the month before?", "previous_period"),
        ("top 3 brands by revenue this year, and how does that compare with last year?", "previous_year"),
    ],
)
def test_a_top_n_then_how_it_compares_with_the_period_before_is_that_ranking_compared(
    store: VocabularyIndex, question: str, compare: str
) -> None:
    r = read(store, question)
    assert r.query is not None and r.shape == "ranking" and r.parts == [] and r.query.compare == compare


def test_week_misspelt_after_this() -> None:
    assert expand_shorthand("untis sold this wek") == "units sold this week"
