"""A fifteenth set of phrasings (``bench/fifteenth_questions.py``, batches ``fifteenth`` and ``fifteenth2``).

Orders of a units range named by that range in a breakdown; the clause of a long chat message that asks; the
scale an answer is asked in ("in thousands").
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions import lexicon as lx
from shared.questions.answer_scale import asked_scale
from shared.questions.compose import compose
from shared.questions.elided_period import elided_periods
from shared.questions.fiscal import CALENDAR_NOTE
from shared.questions.preamble import asked_clause
from shared.questions.reading import Reading
from shared.questions.spelled import spelled_numbers
from shared.questions.timephrase import make_range, resolve_time
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_fourteenth_phrasings import _result
from tests.unit.questions.test_tenth_phrasings import read


@pytest.mark.parametrize(
    ("at_least", "at_most", "words"),
    [(2, 2, "Orders of exactly 2 units"), (1, 2, "Orders of at most 2 units"), (4, None, "Orders of 4 or more units")],
)
def test_a_breakdown_of_sized_orders_names_their_range(at_least: int, at_most: int | None, words: str) -> None:
    q = MetricQuery(
        tenant_id="t",
        metrics=["multi_item_orders", "orders"],
        dimensions=["channel"],
        order_units_at_least=at_least,
        order_units_at_most=at_most,
        time_range=make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
    )
    rows = [
        {"channel": "web", "multi_item_orders": 772, "orders": 3000},
        {"channel": "pos", "multi_item_orders": 58, "orders": 200},
    ]
    out = compose(Reading(kind="metric", question="q", query=q, shape="breakdown"), _result(q, rows), titles={})
    assert out.answer.startswith(f"{words} in November 2026 (1-30 Nov 2026) by channel"), out.answer
    assert "two or more" not in out.answer


@pytest.mark.parametrize(
    ("message", "metric", "channel", "start"),
    [
        (
            "hiya, back from leave (10 days in Spain, lovely) — how much did amazon bring in while I was away, i.e. "
            "over the last 10 days?",
            "revenue",
            "amazon",
            date(2026, 11, 25),
        ),
        (
            "Hi! Two of us are at the trade show till the 14th, so replies will be slow. Before I forget: how many "
            "units did the pos till ring up last month?",
            "units",
            "pos",
            date(2026, 11, 1),
        ),
        (
            "long story short the courier lost 4 parcels on Tuesday 🙄 anyway, what was revenue on amazon this week?",
            "revenue",
            "amazon",
            date(2026, 11, 30),
        ),
        (
            "good evening, apologies for the late message. what was our aov on ebay last month? no need to reply "
            "tonight, tomorrow morning is fine",
            "aov",
            "ebay",
            date(2026, 11, 1),
        ),
        (
            "ok team, 2 things from the standup. first, nobody touch the pricing sheet. second, what was our average "
            "order value on web last quarter?",
            "aov",
            "web",
            date(2026, 7, 1),
        ),
    ],
)
def test_the_clause_of_a_long_message_that_asks_is_the_question(
    store: VocabularyIndex, message: str, metric: str, channel: str, start: date
) -> None:
    r = read(store, message)
    assert r.kind == "metric" and r.query is not None, r
    assert r.query.metrics[0] == metric and not r.query.dimensions, r.query
    assert [f.values for f in r.query.filters] == [[channel]], r.query.filters
    assert r.query.time_range is not None and r.query.time_range.start == start, r.query.time_range


def test_scene_setting_that_names_data_or_the_only_period_is_kept() -> None:
    def asks(c: str) -> bool:
        return "sell" in c or "revenue" in c

    def period(c: str) -> bool:
        return "last month" in c

    def data(c: str) -> bool:
        return "kettle" in c.lower()

    kept = "Kettle sales were weak. How much revenue last month?"
    assert asked_clause(kept, asks, period, data) == kept
    month = "It was a slow last month. How many did we sell?"
    assert asked_clause(month, asks, period, data) == month
    thanks = "Thanks! How much revenue last month? Cheers"
    assert asked_clause(thanks, asks, period, data) == "How much revenue last month?"
    two = "How much revenue last month? And what did we sell?"
    assert asked_clause(two, asks, period, data) == two


@pytest.mark.parametrize(
    ("question", "text", "scale"),
    [
        ("revenue last month in thousands", "revenue last month", "thousand"),
        ("ytd sales in millions", "ytd sales", "million"),
        ("yesterday's revenue in $k please", "yesterday's revenue please", "thousand"),
        ("amazon revenue last quarter in thousands of dollars", "amazon revenue last quarter", "thousand"),
        ("revenue this month, round to the nearest thousand", "revenue this month", "thousand"),
        ("revenue in march", "revenue in march", None),
        ("revenue last month in euros", "revenue last month in euros", None),
    ],
)
def test_the_scale_an_answer_is_asked_in(question: str, text: str, scale: str | None) -> None:
    assert asked_scale(question) == (text, scale)


def test_figures_are_said_in_the_asked_scale_beside_the_exact_one(store: VocabularyIndex) -> None:
    r = read(store, "units last quarter in thousands")
    assert r.query is not None and r.query.time_range is not None and r.scale == "thousand"
    assert r.query.time_range.start == date(2026, 7, 1)  # "quarter in thousands" is no "last quarter of" a year
    q = r.query.model_copy(update={"metrics": ["revenue"]})
    out = compose(r.model_copy(update={"query": q}), _result(q, [{"revenue": 625_534.18}]), titles={})
    assert "$625,534.18 ($625.5 thousand)" in out.answer, out.answer


def test_the_last_quarter_of_a_year_is_still_its_fourth() -> None:
    for phrase in ("the last quarter of last year", "last quarter in 2025"):
        rng = resolve_time(phrase, date(2026, 12, 4)).range
        assert rng is not None and rng.start == date(2025, 10, 1), phrase
    rng = resolve_time("units last quarter in total", date(2026, 12, 4)).range
    assert rng is not None and rng.start == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("orders from 01/11/2026 to 15/11/2026", date(2026, 11, 1), date(2026, 11, 15)),
        ("takings between 01/09/2026 and 30/09/2026", date(2026, 9, 1), date(2026, 9, 30)),
        ("revenue 11/01/2026 - 11/15/2026", date(2026, 11, 1), date(2026, 11, 15)),  # month first: 15 is no month
        ("units on 05/10/2026", date(2026, 5, 10), date(2026, 5, 10)),  # alone and ambiguous: month first
    ],
)
def test_slash_dates_are_day_first_when_one_of_them_must_be(question: str, start: date, end: date) -> None:
    rng = resolve_time(question, date(2026, 12, 4)).range
    assert rng is not None and (rng.start, rng.end) == (start, end), rng


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("revenue for the 12 months to october", date(2025, 11, 1), date(2026, 10, 31)),
        ("the 3 months to the end of september, revenue", date(2026, 7, 1), date(2026, 9, 30)),
        ("revenue in the six months ending march 2026", date(2025, 10, 1), date(2026, 3, 31)),
        ("revenue for the first fortnight of november", date(2026, 11, 1), date(2026, 11, 14)),
        ("revenue from the 20th of october to the end of the month", date(2026, 10, 20), date(2026, 10, 31)),
    ],
)
def test_parts_of_a_period(store: VocabularyIndex, question: str, start: date, end: date) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.time_range is not None, r
    assert (r.query.time_range.start, r.query.time_range.end) == (start, end), r.query.time_range


def test_the_second_half_after_the_first_half_of_a_month_is_that_months(store: VocabularyIndex) -> None:
    r = read(store, "first half of november vs second half")
    q = r.query
    assert q is not None and q.time_range is not None and q.compare is not None, r
    assert (q.time_range.start, q.time_range.end) == (date(2026, 11, 16), date(2026, 11, 30))
    assert elided_periods("first week of october compared to the last week") == (
        "first week of october compared to the last week of october"
    )
    assert elided_periods("first half of november vs second half of october") == (
        "first half of november vs second half of october"
    )


@pytest.mark.parametrize(
    ("question", "metric", "dims", "shape"),
    [
        ("did weekends beat weekdays in October?", "revenue", ["weekday"], "breakdown"),
        ("did kitchen outsell outdoor last quarter?", "revenue", ["category"], "breakdown"),
        ("was amazon bigger than web last month", "revenue", ["channel"], "breakdown"),
        ("what did we average a day in october", "revenue", [], "value"),
        ("how much does each amazon order bring in on average last month", "aov", [], "value"),
        ("how many of our products sold at least once this month", "units", ["sku"], "count"),
        ("which channel came last in revenue last month", "revenue", ["channel"], "ranking"),
        ("the 3 busiest days last month by orders", "orders", ["date"], "ranking"),
        ("how big a slice of units was apparel this year", "units", ["category"], "share"),
    ],
)
def test_yes_no_comparisons_ratios_slices_and_ranks(
    store: VocabularyIndex, question: str, metric: str, dims: list[str], shape: str
) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None, r
    assert (r.query.metrics[0], r.query.dimensions, r.shape) == (metric, dims, shape), (r.query, r.shape)


def test_came_last_is_the_bottom_and_a_dozen_is_twelve(store: VocabularyIndex) -> None:
    assert lx.BOTTOM.search("which channel came last in revenue") is not None
    assert lx.BOTTOM.search("how many orders came in last week") is None
    assert spelled_numbers("the half-dozen best sellers last month") == "the 6 best sellers last month"
    assert spelled_numbers("a dozen top products") == "12 top products"
    assert spelled_numbers("half a dozen eggs") == "half a dozen eggs"
    r = read(store, "the half-dozen best sellers last month")
    assert r.show == 6, r


def test_running_costs_are_refused(store: VocabularyIndex) -> None:
    r = read(store, "how much did we spend on packaging last month")
    assert r.kind == "unanswerable" and r.concept == "operating costs and net profit", r


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("revenue this fiscal year", date(2026, 1, 1)),
        ("how did kitchen perform this financial quarter", date(2026, 10, 1)),
        ("revenue last fiscal year", date(2025, 1, 1)),
    ],
)
def test_a_fiscal_period_with_no_stated_start_is_the_calendar_one(
    store: VocabularyIndex, question: str, start: date
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.time_range is not None and r.query.time_range.start == start, r.query
    assert CALENDAR_NOTE in r.notes
    stated = read(store, "our fiscal year starts in april - revenue this fiscal year")
    assert stated.query is not None and stated.query.time_range is not None
    assert stated.query.time_range.start == date(2026, 4, 1) and CALENDAR_NOTE not in stated.notes


def test_a_name_in_the_scene_is_kept_only_beside_a_figure_or_for_a_question_without_one() -> None:
    def asks(c: str) -> bool:
        return "orders" in c or "sell" in c or "sales" in c

    def period(c: str) -> bool:
        return "last month" in c

    def data(c: str) -> bool:
        return any(w in c.lower() for w in ("boxes", "amazon", "kettles"))

    boxes = "The samples came in (3 boxes, all dented). Unrelated: how many orders on amazon last month?"
    assert asked_clause(boxes, asks, period, data) == "how many orders on amazon last month?"
    looking = "We're looking at kettles. How many did we sell last month?"
    assert asked_clause(looking, asks, period, data) == looking


@pytest.mark.parametrize(
    ("question", "start"),
    [("what did we make on Oct. 3rd", date(2026, 10, 3)), ("revenue on Sept. 25th", date(2026, 9, 25))],
)
def test_an_abbreviations_dot_ends_no_clause(store: VocabularyIndex, question: str, start: date) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.time_range is not None, r
    assert (r.query.time_range.start, r.query.time_range.end) == (start, start), r.query.time_range


@pytest.mark.parametrize(
    ("question", "skus", "change"),
    [
        ("cut KIT-0001 by ten percent - what happens to revenue?", ["KIT-0001"], -10.0),
        ("KIT-0001 vs ELE-0001 - which one are we more competitive on?", ["KIT-0001", "ELE-0001"], None),
    ],
)
def test_a_clause_naming_a_sku_is_part_of_the_question(
    store: VocabularyIndex, question: str, skus: list[str], change: float | None
) -> None:
    # a SKU code is data named in the scene as much as a title is: the asking clause alone would lose it
    r = read(store, question)
    assert r.skus == skus, r
    assert r.price_change_pct == change
