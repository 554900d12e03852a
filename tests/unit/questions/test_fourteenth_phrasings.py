"""A fourteenth set of phrasings (``bench/fourteenth_questions.py``, batches ``fourteenth`` and ``fourteenth2``).

Targets and budgets stated in the question ("we aimed for $690k last month, did we hit it?") or named as a period
("how much more do we need this month to match last month"), a target with no figure refused, fiscal years that
start in another month, when a product first or last sold, orders by their size in units, a question asked in
another currency than the sales', dashboard codes (lw, lm), "since Monday", "since new year", and typos of long
words, months and days of the week.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.questions.compose import compose
from shared.questions.fiscal import fiscal_periods
from shared.questions.order_size import OrderSizeAsk, order_size_answer, order_size_ask
from shared.questions.reading import Reading
from shared.questions.sale_dates import asks_sale_dates, sale_dates_answer
from shared.questions.shorthand import expand_shorthand
from shared.questions.timephrase import make_range, resolve_time
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult
from tests.unit.questions.test_tenth_phrasings import read
from tests.unit.questions.test_unseen_phrasings import DEC


def _result(query: MetricQuery, rows: list[dict[str, Any]]) -> MetricResult:
    return MetricResult(
        query=query,
        columns=list(rows[0]),
        rows=rows,
        currency="USD",
        statement=CompiledStatement(sql="SELECT 1", params={}, dialect="duckdb"),
    )


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("kitchen units lw", "kitchen units last week"),
        ("avg order val lm", "average order value last month"),
        ("how many oders yestarday", "how many orders yesterday"),  # one letter for another in a long word
        ("wich catagory sold most", "which category sold most"),
        ("sales in febuary", "sales in february"),
        ("units sold on wensdays", "units sold on wednesdays"),
        ("revenue on thurday", "revenue on thursday"),
    ],
)
def test_codes_and_typos_of_long_words_months_and_days(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


@pytest.mark.parametrize("word", ["older", "scales", "marches"])
def test_real_words_and_short_substitutions_stay(word: str) -> None:
    assert expand_shorthand(f"{word} last month") == f"{word} last month"


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("orders since monday", date(2026, 11, 30)),  # DEC is a Friday
        ("revenue since new year", date(2026, 1, 1)),
        ("revenue since the new year", date(2026, 1, 1)),
    ],
)
def test_since_a_weekday_or_new_year(question: str, start: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, DEC)


@pytest.mark.parametrize(
    ("question", "metric", "target", "start"),
    [
        ("we aimed for $690k last month, did we hit it?", "revenue", 690_000.0, date(2026, 11, 1)),
        ("target was 2,500 units last week - how did we do", "units", 2500.0, date(2026, 11, 23)),
        ("need 1,900 orders this month. how many more to go", "orders", 1900.0, date(2026, 12, 1)),
        ("how many more orders to reach 2,100 this week", "orders", 2100.0, date(2026, 11, 30)),
        ("our goal is $7.2m for the year, how far off are we", "revenue", 7_200_000.0, date(2026, 1, 1)),
        ("did we clear 92k this month?", "revenue", 92_000.0, date(2026, 12, 1)),
    ],
)
def test_a_stated_target_is_the_figure_and_the_target(
    store: VocabularyIndex, question: str, metric: str, target: float, start: date
) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric and r.target == target
    assert r.query.compare is None and r.query.time_range is not None and r.query.time_range.start == start


def test_a_budget_beaten_by_a_channel_keeps_the_channel_and_no_comparison(store: VocabularyIndex) -> None:
    r = read(store, "did amazon beat its 570 grand budget last quarter")
    assert r.query is not None and r.target == 570_000.0 and r.query.compare is None
    assert [(f.dimension, f.values) for f in r.query.filters] == [("channel", ["amazon"])]


@pytest.mark.parametrize(
    ("question", "metric", "target_start"),
    [
        ("how much more do we need to sell this month to match last month", "revenue", date(2026, 11, 1)),
        ("how many more units do we need this week to beat last week", "units", date(2026, 11, 23)),
        ("how much more revenue to match last year's total", "revenue", date(2025, 1, 1)),
    ],
)
def test_a_period_named_as_the_target(store: VocabularyIndex, question: str, metric: str, target_start: date) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == metric and r.query.compare is None
    assert r.target_period is not None and r.target_period.start == target_start


def test_the_answer_says_how_far_from_the_target() -> None:
    q = MetricQuery(
        tenant_id="t",
        metrics=["revenue"],
        time_range=make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
    )
    out = compose(
        Reading(kind="metric", question="q", query=q, target=690_000.0),
        _result(q, [{"revenue": 625_534.18}]),
        titles={},
    )
    assert "$625,534.18, $64,465.82 (9.3%) short of the $690,000.00 target" in out.answer
    over = compose(
        Reading(kind="metric", question="q", query=q, target=600_000.0),
        _result(q, [{"revenue": 625_534.18}]),
        titles={},
    )
    assert "$25,534.18 (4.3%) above the $600,000.00 target" in over.answer


@pytest.mark.parametrize(
    "question", ["did we hit our sales target last month", "how are we tracking against budget this month"]
)
def test_a_target_with_no_figure_cannot_be_answered(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and "target" in (r.needed or "")


def test_a_target_price_is_no_sales_target(store: VocabularyIndex) -> None:
    assert read(store, "what's the target price for the cutting board").kind != "unanswerable"


def test_how_many_customers_were_new(store: VocabularyIndex) -> None:
    r = read(store, "how many customers were new last month")
    assert r.query is not None and r.query.metrics[0] == "new_customers"


@pytest.mark.parametrize(
    ("question", "metric"),
    [("how many bucks per order last week", "aov"), ("how many dollars per unit last month", "asp")],
)
def test_money_words_per_order_or_unit(store: VocabularyIndex, question: str, metric: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == metric


def test_another_currency_than_the_sales_is_said_first(store: VocabularyIndex) -> None:
    assert read(store, "revenue in € last month").lead.startswith("Your sales are in USD, not EUR")
    assert read(store, "revenue in usd last month").lead == ""
    assert read(store, "orders in € last month").lead == ""  # a count has no currency


@pytest.mark.parametrize(
    ("question", "start", "end", "label"),
    [
        (
            "our fiscal year starts in april - revenue this fiscal year",
            date(2026, 4, 1),
            DEC,
            "FY2026/27 to date (1 Apr - 4 Dec 2026)",
        ),
        (
            "fy runs july to june, what was revenue last fiscal year",
            date(2025, 7, 1),
            date(2026, 6, 30),
            "FY2025/26 (1 Jul 2025 - 30 Jun 2026)",
        ),
        ("revenue fiscal ytd (FY starts 1 Oct)", date(2026, 10, 1), DEC, "FY2026/27 to date (1 Oct - 4 Dec 2026)"),
        (
            "our financial year starts in february. Q1 revenue this financial year",
            date(2026, 2, 1),
            date(2026, 4, 30),
            "Q1 FY2026/27 (1 Feb - 30 Apr 2026)",
        ),
        (
            "our fiscal year starts in january - fiscal q4 revenue",
            date(2026, 10, 1),
            DEC,
            "Q4 FY2026 to date (1 Oct - 4 Dec 2026)",
        ),
    ],
)
def test_a_fiscal_year_that_starts_in_another_month(
    store: VocabularyIndex, question: str, start: date, end: date, label: str
) -> None:
    """Its days, named as the fiscal year (or quarter) they are: the bare dates do not say so."""
    r = read(store, question)
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end, r.query.time_range.label) == (start, end, label)


def test_a_fiscal_period_without_a_start_is_left_as_written() -> None:
    assert fiscal_periods("revenue this fiscal year", DEC) == "revenue this fiscal year"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("when did we first sell the cutting board", "first"),
        ("when was the desk lamp last sold", "last"),
        ("how long since we sold a rain jacket", "since"),
        ("first sale date for KIT-0001", "first"),
        ("when did we last sell anything on ebay", "last"),
        ("what did we sell last week", None),
    ],
)
def test_when_something_first_or_last_sold(question: str, asked: str | None) -> None:
    assert asks_sale_dates(question) == asked


def test_first_and_last_sale_read_the_named_products_days(store: VocabularyIndex) -> None:
    r = read(store, "when did we first sell the cutting board")
    assert r.shape == "sale_dates" and r.query is not None and r.query.dimensions == ["date"]
    assert [(f.dimension, f.values) for f in r.query.filters] == [("sku", ["KIT-0001"])]


def test_how_long_since_counts_to_the_data_s_last_day() -> None:
    rows = [
        {"date": date(2026, 11, 20), "units": 2},
        {"date": date(2026, 11, 24), "units": 1},
        {"date": date(2026, 11, 25), "units": 0},
    ]
    out = sale_dates_answer("since", rows, "the Desk Lamp (ELE-0001)", DEC, date(2024, 12, 5))
    assert out.startswith("The Desk Lamp (ELE-0001) last sold on 24 Nov 2026, 10 days before your data's last day")


@pytest.mark.parametrize(
    ("question", "kind", "at_least", "at_most"),
    [
        ("how many orders had 3 or more items last month", "at_least", 3, None),
        ("orders with more than 4 units this year", "at_least", 5, None),
        ("how many orders had 3 items or more last month", "at_least", 3, None),
        ("what share of orders were single-item this year", "single", 2, None),
        ("biggest order last month by units", "largest", 2, None),
        ("how many orders had exactly 3 items last month", "at_least", 3, 3),
        ("share of orders of exactly two units this year", "at_least", 2, 2),
        ("how many orders had 4 items last month", "at_least", 4, 4),
        ("orders with at most 2 units this year", "at_least", 1, 2),
        ("orders with fewer than 3 items last month", "at_least", 1, 2),
        ("what share of orders had 4 items or fewer this year", "at_least", 1, 4),
        ("orders with fewer than 2 items last month", "single", 2, None),
    ],
)
def test_orders_by_their_size(
    store: VocabularyIndex, question: str, kind: str, at_least: int, at_most: int | None
) -> None:
    ask = order_size_ask(question)
    assert ask is not None and (ask.kind, ask.at_least, ask.at_most) == (kind, at_least, at_most)
    r = read(store, question)
    assert r.query is not None and not r.query.dimensions and r.query.metrics == ask.metrics
    assert r.query.order_units_at_least == (at_least if kind == "at_least" else None)
    assert r.query.order_units_at_most == at_most


@pytest.mark.parametrize(
    ("at_least", "at_most", "words"),
    [
        (3, None, "orders of 3 or more units"),
        (3, 3, "orders of exactly 3 units"),
        (1, 2, "orders of at most 2 units"),
        (2, 4, "orders of 2 to 4 units"),
    ],
)
def test_orders_of_a_units_range_are_named_by_it(at_least: int, at_most: int | None, words: str) -> None:
    ask = OrderSizeAsk("at_least", at_least, at_most=at_most)
    out = order_size_answer(ask, {"orders": 40, "multi_item_orders": 10}, "last month", "")
    assert out == f"{words[:1].upper()}{words[1:]} last month were 10, 25.0% of 40."


def test_two_or_more_items_stays_the_attach_rate(store: VocabularyIndex) -> None:
    assert order_size_ask("how many orders had more than one item") is None


def test_rev_after_a_channel_called_pos_is_revenue() -> None:
    assert expand_shorthand("pos rev this wk", known=lambda w: w == "pos") == "pos revenue this week"
    assert expand_shorthand("neg rev % this yr") == "neg reviews % this year"  # no name: the reviews


def test_days_since_a_named_product_last_sold() -> None:
    assert asks_sale_dates("how many days since the Desk Lamp last sold") == "since"


def test_how_many_of_a_periods_customers_were_new(store: VocabularyIndex) -> None:
    r = read(store, "how many of last week's customers were new")
    assert r.query is not None and r.query.metrics[0] == "new_customers"


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("returning customer revenue last quarter", ["returning_customer_revenue"]),
        ("revenue from new customers this year", ["new_customer_revenue"]),
        ("new vs returning revenue last month", ["new_customer_revenue", "returning_customer_revenue"]),
        ("new vs returning customers last month", ["new_customers", "returning_customers", "customers"]),
    ],
)
def test_the_revenue_of_new_and_returning_customers(store: VocabularyIndex, question: str, metrics: list[str]) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == metrics
