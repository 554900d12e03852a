"""The twenty-seventh round: how many returns, what an order is without order ids, places of sale by their word."""

from __future__ import annotations

import pytest

from shared.questions.order_keys import order_key_clause, order_keys_query
from shared.questions.reading import read_question
from shared.questions.returns_count import returns_counted, returns_sentence
from shared.questions.sales_location import place_word
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


def _money(x: float) -> str:
    return f"${x:,.2f}"


@pytest.mark.parametrize(
    "question",
    [
        "how many returns did we have last month?",
        "returns last quarter",
        "number of returns this year",
        "returns ytd?",
        "how many returns and how much did we refund last month",
    ],
)
def test_how_many_returns_reads_the_returns_made_with_units_and_refunds(store: VocabularyIndex, question: str) -> None:
    """Before: units returned alone (a merchant counting returns got the units)."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == ["returns_made", "returned_units", "refunds"]


@pytest.mark.parametrize(
    "question",
    [
        "how many items came back last month",
        "returned units last month",
        "units returned last month",
        "returns this month vs last month",
        "returns by channel last month",
        "return rate last month",
    ],
)
def test_units_comparisons_and_breakdowns_of_returns_are_unchanged(store: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and "returns_made" not in r.query.metrics


def test_returns_counted_leaves_refunds_out_where_the_data_has_none() -> None:
    assert returns_counted("returns last month", ["returned_units"], ["returned_units"]) == [
        "returns_made",
        "returned_units",
    ]
    assert returns_counted("returned items last month", ["returned_units"], None) is None
    assert returns_counted("returns last month", ["refunds"], None) is None


def test_the_returns_sentence_leads_with_the_returns_then_units_and_money() -> None:
    row = {"returns_made": 14, "returned_units": 19, "refunds": 812.4}
    said = returns_sentence(row, "", "in November 2026", _money)
    assert said == (
        "14 returns in November 2026 (orders something came back from): 19 units returned, $812.40 refunded"
    )
    assert "refunded" not in returns_sentence({"returns_made": 1, "returned_units": 1}, "", "today", _money)


def test_an_order_without_an_id_is_said_as_counted() -> None:
    """Car Sales Data: two cars sold to one customer on one day are one order by the customer's day."""
    row = {
        "orders": 10,
        "customer_day_orders": 10,
        "moment_orders": 0,
        "idless_order_lines": 0,
        "value_per_line": 29950.89,
    }
    said = order_key_clause(row, "aov", _money)
    assert said.startswith(
        ", counting each customer's purchases on one day as one order, since the file has no order ids"
    )
    assert "$29,950.89" in said
    assert "29,950.89" not in order_key_clause(row, "orders", _money)
    timed = {"orders": 4, "customer_day_orders": 0, "moment_orders": 4, "idless_order_lines": 0}
    assert "date and time" in order_key_clause(timed, "orders", _money)
    lines = {"orders": 5, "customer_day_orders": 0, "moment_orders": 0, "idless_order_lines": 2}
    assert order_key_clause(lines, "aov", _money) == (
        ", counting each sales line as one order, for the lines without an order id"
    )


def test_orders_with_their_own_ids_say_nothing() -> None:
    row = {"orders": 10, "customer_day_orders": 0, "moment_orders": 0, "idless_order_lines": 0}
    assert order_key_clause(row, "aov", _money) == ""
    assert order_key_clause(None, "aov", _money) == ""


def test_the_order_keys_are_asked_of_an_orders_value_only() -> None:
    q = MetricQuery(tenant_id="t", metrics=["aov"])
    assert order_keys_query(q) is not None
    assert order_keys_query(q.model_copy(update={"dimensions": ["channel"]})) is None
    assert order_keys_query(q.model_copy(update={"metrics": ["revenue"]})) is None


@pytest.mark.parametrize("word", ["machine", "vending machine", "kiosk", "branch", "warehouse"])
def test_a_place_of_sale_word_is_the_sales_place(store: VocabularyIndex, word: str) -> None:
    """The sample store's channels are ways of selling: a place of sale is refused as such, never ranked as them."""
    r = read_question(f"which {word} sold the most last month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.kind == "unanswerable"


def test_the_place_word_names_the_grouping() -> None:
    assert place_word("revenue by branch last month", "channel") == ("branch", "branches")
    assert place_word("which vending machine sold the most", "channel") == ("vending machine", "vending machines")
    assert place_word("stock by warehouse", "location") == ("warehouse", "warehouses")
    assert place_word("revenue by branch last month", "category") is None
    assert place_word("revenue by channel last month", "channel") is None


@pytest.mark.parametrize(
    ("question", "rate"),
    [
        ("returns as a percentage of units sold this year", "return_rate"),
        ("refunds as a share of revenue last month", "refund_rate"),
    ],
)
def test_one_figure_as_a_percentage_of_another_is_their_rate(store: VocabularyIndex, question: str, rate: str) -> None:
    """Held out (twentyseventh2): both figures were given, not the rate."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == [rate]


def test_the_worst_return_rate_is_the_highest(store: VocabularyIndex) -> None:
    """Held out (twentyseventh2): "worst" ranked the lowest rate."""
    worst = read_question(
        "which category had the worst return rate last month", tenant_id="t", index=store, extents=DEC_EXTENTS
    )
    best = read_question("which channel has the best return rate", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert worst.query is not None and worst.query.descending
    assert best.query is not None and not best.query.descending
