"""The twenty-fifth round: the reading rules ``bench/twentyfifth_questions.py`` found missing."""

from __future__ import annotations

import pytest

from shared.questions.reading import read_question
from shared.questions.returned_orders import returned_slice
from shared.questions.shorthand import expand_shorthand, misspelt_question_word
from shared.questions.vocabulary import VocabularyIndex
from shared.questions.when_peak import when_as_day
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.mark.parametrize(
    ("question", "text", "keep"),
    [
        ("average discount on returned orders last month", "average discount on orders last month", "returned"),
        ("revenue from orders that were returned this year", "revenue from orders this year", "returned"),
        ("how many orders from last month were returned", "how many orders from last month", "returned"),
        ("aov of orders with a return last quarter", "aov of orders last quarter", "returned"),
        ("revenue last quarter excluding returned orders", "revenue last quarter", "not returned"),
        ("orders that weren't returned this year", "orders this year", "not returned"),
        ("non-returned orders last month", "orders last month", "not returned"),
    ],
)
def test_the_orders_with_a_return_are_a_slice(question: str, text: str, keep: str) -> None:
    sliced = returned_slice(question)
    assert sliced is not None and sliced.text == text and sliced.keep == keep


@pytest.mark.parametrize(
    "question",
    [
        "units returned last month",
        "revenue excluding returns",
        "which products were returned the most",
        "return rate this year",
    ],
)
def test_what_went_back_is_no_slice(question: str) -> None:
    """Units and money that went back are their own figures ("excluding returns": units less returned units)."""
    assert returned_slice(question) is None


def test_a_figure_of_the_returned_orders_keeps_them_as_a_filter(store: VocabularyIndex) -> None:
    """Before: the period's discount rate beside the units returned (every order's)."""
    r = read_question("average discount on returned orders last month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics[:2] == ["discounts", "orders"]
    assert [(f.dimension, f.values) for f in r.query.filters] == [("returned", ["returned"])]
    r = read_question("revenue last quarter excluding returned orders", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == ["revenue"]
    assert [(f.dimension, f.values) for f in r.query.filters] == [("returned", ["not returned"])]


def test_a_ranking_at_full_price_ranks_the_lines_off_promotion(store: VocabularyIndex) -> None:
    """Before: "top products at full price" ranked every unit sold."""
    r = read_question(
        "top 3 products by units sold at full price last quarter", tenant_id="t", index=store, extents=DEC_EXTENTS
    )
    assert r.query is not None and r.query.metrics[0] == "units" and r.query.dimensions == ["sku"]
    assert [(f.dimension, f.values) for f in r.query.filters] == [("promotion", ["full price"])]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wen was our best day", "when was our best day"),
        ("how did revnue chnage last month", "how did revenue change last month"),
        ("avg ratng this year", "average rating this year"),
        ("refnd rate", "refund rate"),
        ("nmber of orders", "number of orders"),
        ("percntage of revenue", "percentage of revenue"),
        ("which prodcut sold most", "which product sold most"),
        ("revenue tody", "revenue today"),
    ],
)
def test_short_typos_of_the_question_words_are_corrected(typed: str, meant: str) -> None:
    assert expand_shorthand(typed) == meant


@pytest.mark.parametrize("word", ["older", "borders", "sails", "averaged", "raving", "when", "wend", "yea"])
def test_english_words_are_meant_as_written(word: str) -> None:
    assert misspelt_question_word(word) is None


def test_the_tenants_names_are_never_corrected() -> None:
    assert expand_shorthand("chnage kettle sales", known=lambda w: w == "chnage") == "chnage kettle sales"


@pytest.mark.parametrize(
    ("question", "meant"),
    [
        ("when did we have the most orders last month", "which day did we have the most orders last month"),
        ("when did we make the most money this year", "which day did we make the most money this year"),
        ("when was our best month", "when was our best month"),  # a unit of its own
        ("When does our best seller run out?", "When does our best seller run out?"),  # not asked in the past
        ("when did our best seller last sell", "when did our best seller last sell"),
    ],
)
def test_a_peak_asked_with_when_is_the_day(question: str, meant: str) -> None:
    """Before: "when did we have the most orders last month" was the month's orders, no day named."""
    assert when_as_day(question) == meant


def test_the_orders_counted_that_were_not_returned() -> None:
    sliced = returned_slice("orders last month that weren't returned")
    assert sliced is not None and (sliced.text, sliced.keep) == ("orders last month", "not returned")


def test_what_was_returned_the_most_and_the_first_time_customers_share(store: VocabularyIndex) -> None:
    """Before: the products by revenue; the first-time customers' revenue without its share."""
    r = read_question(
        "which product was returned the most last quarter", tenant_id="t", index=store, extents=DEC_EXTENTS
    )
    assert r.query is not None and r.query.metrics[0] == "returned_units" and r.query.dimensions == ["sku"]
    r = read_question("share of revenue from new customers last month", tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == ["new_customer_revenue_share", "new_customer_revenue"]
