"""Readings of the eleventh pricing/review round (#18), each a family of wordings that shares one rule."""

from __future__ import annotations

import pytest

from shared.questions.market import price_change
from shared.questions.pricing_idioms import pricing_idioms
from shared.questions.review_idioms import review_idioms
from shared.questions.shorthand import expand_shorthand
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture

# --- cheaper than every seller: our price against each one's, the lowest competitor price ---


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("are we cheaper than everyone on the kettle?", "are we the cheapest on the kettle?"),
        ("r we cheaper than all the competitors on X?", "are we the cheapest on X?"),
        ("are we still less expensive than every rival on X", "are we the cheapest on X"),
        ("on how many items are we cheaper than all competitors?", "on how many items are we the cheapest?"),
        ("how many products do we beat every rival on?", "how many products are we the cheapest on?"),
        ("do we undercut all of them on the toaster?", "are we the cheapest on the toaster?"),
        ("products where we beat every competitor's price", "products where we are the cheapest"),
        ("where do we have the best price?", "where are we the cheapest?"),
    ],
)
def test_cheaper_than_every_seller_is_the_cheapest(question: str, written: str) -> None:
    assert pricing_idioms(question)[0] == written


@pytest.mark.parametrize(
    "question",
    [
        "are we cheaper than the market on X?",
        "are we cheaper than MegaMart?",
        "who has the best price on the kettle?",
        "which products are cheaper than the competition?",
    ],
)
def test_cheaper_than_the_market_or_one_rival_stays_as_asked(question: str) -> None:
    assert pricing_idioms(question) == (question, None)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("are we cheaper than everyone on the kettle?", ["undercut"]),
        ("how many products do we beat every rival on?", ["ours_cheapest"]),
    ],
)
def test_cheaper_than_everyone_reads_the_cheapest_asks(
    store: VocabularyIndex,  # noqa: F811 - the fixture's value
    question: str,
    asks: list[str],
) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == asks, (r.kind, r.asks)


# --- a signed change with its outcome after it: a what-if in a few keys ---


@pytest.mark.parametrize(
    ("question", "change"),
    [
        ("camping chair +5% units?", 5.0),
        ("kettle -10% -> sales", -10.0),
        ("toaster +12.5%: demand?", 12.5),
        ("kettle sales +10% vs last year", None),
        ("prices 5-10% above the market", None),
    ],
)
def test_a_signed_change_before_its_outcome_is_a_what_if(question: str, change: float | None) -> None:
    assert price_change(question) == change


def test_a_signed_change_what_if_is_read_as_one(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "camping chair +5% units?")
    assert r.kind == "agent" and r.asks == ["what_if"] and r.price_change_pct == 5.0 and r.skus == ["OUT-0048"]


# --- chat spellings without vowels ---


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("wich products cld take a price rise", "which products could take a price rise"),
        ("hw many products do we beat evry rival on", "how many products do we beat every rival on"),
        ("r ppl complaining abt packaging?", "are people complaining about packaging?"),
        ("wld we sell more", "would we sell more"),
        ("is megamart oos on anythng we sell", "is megamart out of stock on anything we sell"),
        ("wat do ppl luv about the kettle", "what do people love about the kettle"),
    ],
)
def test_chat_spellings_are_written_out(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


# --- a complaint that moves, in merchants' words ---


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("are customers complaining more about packaging lately?", "packaging"),
        ("have delivery complaints gone up recently?", "delivery"),
        ("more quality complaints than before?", "quality"),
        ("are people moaning less about sizing these days?", "sizing"),
    ],
)
def test_a_complaint_asked_to_move_is_its_trend(
    store: VocabularyIndex,  # noqa: F811 - the fixture's value
    question: str,
    aspect: str,
) -> None:
    r = read(store, question)
    assert r.review_ask == "complaints" and r.review_trend and r.aspect == aspect, (r.review_ask, r.review_trend)


def test_more_complaints_than_reviews_is_no_trend(store: VocabularyIndex) -> None:  # noqa: F811
    assert not read(store, "which products have more complaints than reviews?").review_trend


# --- the cause asked in other words ---


@pytest.mark.parametrize(
    ("question", "written"),
    [
        (
            "is the rating of KIT-0046 going down, and what's behind it?",
            "is the rating of KIT-0046 going down, and why?",
        ),
        ("ratings are falling - what is causing this?", "ratings are falling - why?"),
        ("how come the toaster's rating dropped?", "why the toaster's rating dropped?"),
    ],
)
def test_the_cause_asked_in_other_words_is_why(question: str, written: str) -> None:
    assert review_idioms(question) == written


def test_what_is_behind_a_falling_rating_asks_the_sentiment_agent(store: VocabularyIndex) -> None:  # noqa: F811
    r = read(store, "is the rating of KIT-0046 going down, and what's behind it?")
    assert r.kind == "agent" and r.agent_intents == ["sentiment"] and r.skus == ["KIT-0046"], (r.kind, r.agent_intents)


# --- after the held-out set 22: a product as the subject, and "the number of SKUs where we are the cheapest" ---


@pytest.mark.parametrize(
    ("question", "asks", "skus"),
    [
        ("is our kettle cheaper than every competitor's?", ["undercut"], ["KIT-0066"]),
        ("is the camping chair cheaper than all the rivals?", ["undercut"], ["OUT-0048"]),
        ("number of SKUs where we're cheaper than all the rivals", ["ours_cheapest"], []),
        ("count the products where we are the cheapest", ["ours_cheapest"], []),
    ],
)
def test_a_product_or_a_count_cheaper_than_every_seller(
    store: VocabularyIndex,  # noqa: F811 - the fixture's value
    question: str,
    asks: list[str],
    skus: list[str],
) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == asks and r.skus == skus, (r.kind, r.asks, r.skus)
