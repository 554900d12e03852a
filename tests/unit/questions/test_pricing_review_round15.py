"""Readings of the fifteenth pricing/review round (#18): what-ifs in money, raising a price, codes in names, causes."""

from __future__ import annotations

import pytest

from shared.orchestration.executor import agent_request
from shared.orchestration.plan import Entities, Plan
from shared.questions.market import price_change
from shared.questions.price_amounts import price_delta, price_target
from shared.questions.review_idioms import review_idioms
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture

# --- a what-if's price in money: a price asked, or a change by an amount ---


@pytest.mark.parametrize(
    ("question", "delta"),
    [
        ("what if we knock $5 off the kettle?", -5.0),
        ("take $10 off KIT-0046 - what happens to units?", -10.0),
        ("cut the toaster by $2.50, what happens?", -2.5),
        ("what if we raise the lamp's price by $3?", 3.0),
        ("what if the kettle was $10 dearer?", 10.0),
        ("a $3 price increase on the kettle - impact?", 3.0),
        ("what if we drop the kettle to $24?", None),  # a price asked, not a change
        ("which products are $5 or more above the cheapest competitor?", None),  # a threshold
        ("what if we cut the kettle by 10%?", None),
    ],
)
def test_a_change_in_money_is_read_with_its_sign(question: str, delta: float | None) -> None:
    assert price_delta(question) == delta


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("if I priced the kettle at $61 how would units change?", 61.0),
        ("model a $30 price on X", 30.0),
        ("a $3 price increase on X", None),  # a change by $3, not a $3 price
    ],
)
def test_a_price_asked_is_no_change(question: str, target: float | None) -> None:
    assert price_target(question) == target


@pytest.mark.parametrize(
    ("question", "pct"),
    [
        ("what would happen to sales if KIT-0046 went up 12%?", 12.0),
        ("what if the kettle came down 5%", -5.0),
        ("if the toaster's price is going up 8 percent, what happens to units?", 8.0),
    ],
)
def test_a_price_that_went_up_or_came_down_is_a_change(question: str, pct: float) -> None:
    assert price_change(question) == pct


@pytest.mark.parametrize(
    "question",
    [
        "if I priced the kettle at $61 how would units change?",
        "what if we knock $5 off the kettle?",
        "what happens to units if we take $10 off KIT-0046?",
    ],
)
def test_a_what_if_in_money_goes_to_the_pricing_agent(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "agent" and {"what_if", "pricing"} & set(r.agent_intents)


def test_a_change_in_money_is_sent_to_the_pricing_agent_with_the_product() -> None:
    plan = Plan(intents=["what_if"], entities=Entities(skus=["SKU-7"], price_delta=-5.0), asks=["what_if"])
    request = agent_request("acme", plan, "pricing")
    assert request.options["price_delta"] == -5.0 and request.skus == ["SKU-7"]
    assert request.price_change_pct is None  # worked out by the agent, from our price


# --- whether to raise (lower) one product's price: its recommended price ---


@pytest.mark.parametrize(
    "question",
    [
        "is it worth increasing the price on KIT-0046?",
        "can we get away with charging more for the toaster?",
        "should we put KIT-0046's price up",
        "is it worth raising the kettle's price?",
    ],
)
def test_whether_to_move_a_price_is_its_recommendation(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert read(store, question).asks[:1] == ["reprice"]


# --- a product code is a whole name: the words after it are not part of it ---


@pytest.mark.parametrize(
    "question",
    ["what do the 1-star reviews of KIT-0046 say?", "what did reviews of KIT-0046 say about quality?"],
)
def test_words_after_a_code_are_not_part_of_its_name(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind != "unanswerable" and r.skus == ["KIT-0046"]


# --- "what's dragging down X's rating": a falling rating and its cause ---


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("what's dragging down KIT-0046's rating?", "why is the rating of KIT-0046 falling?"),
        ("what is pulling our rating down?", "why is our rating falling?"),
        ("whats hurting the kettle's reviews", "why is the reviews of the kettle falling"),
    ],
)
def test_what_weighs_on_a_rating_asks_why_it_falls(question: str, written: str) -> None:
    assert review_idioms(question) == written


# --- our products asked for, with a competitor below us: the products the market sells for less ---


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("on how many items does a competitor beat our price?", ["overpriced"]),
        ("which products do rivals undercut us on?", ["overpriced"]),
        ("which competitor undercuts us most often?", ["undercut"]),
        ("who undercuts us on Kitchen products?", ["undercut"]),
    ],
)
def test_our_products_beaten_on_price_are_the_products(store: VocabularyIndex, question: str, asks: list[str]) -> None:  # noqa: F811
    assert read(store, question).asks[:1] == asks


# --- "reviews that use the words X or Y": the merchant's own search words, not the ease-of-use aspect ---


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("how many reviews use the words refund or refunded?", '"refund/refunded"'),
        ("reviews using the terms leak or leaking", '"leak/leaking"'),
        ("reviews that use the word broken", '"broken"'),
    ],
)
def test_words_a_review_uses_are_searched(store: VocabularyIndex, question: str, aspect: str) -> None:  # noqa: F811
    assert read(store, question).aspect == aspect


# --- after the held-out set 29: a price said after a hypothesis, a price move judged, "percnt" ---


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("what if the smart plug cost $49?", 49.0),
        ("suppose KIT-0046 were $20, what happens to units?", 20.0),
        ("which products cost $50 or more?", None),  # a band of the catalogue's prices, no hypothesis
    ],
)
def test_a_price_said_after_a_hypothesis_is_asked(question: str, target: float | None) -> None:
    assert price_target(question) == target


def test_a_price_move_judged_a_good_idea_is_its_recommendation(store: VocabularyIndex) -> None:  # noqa: F811
    assert read(store, "would raising the toaster's price be a good move?").asks[:1] == ["reprice"]


def test_a_misspelt_percent_is_a_change() -> None:
    from shared.questions.shorthand import expand_shorthand

    assert price_change(expand_shorthand("wat if we drop KIT-0046 5 percnt")) == -5.0
