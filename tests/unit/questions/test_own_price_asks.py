"""Questions about our own price changes, not advice nor a competitor's moves."""

from __future__ import annotations

import pytest

from shared.questions.own_price_asks import asks_own_price_history, price_direction


@pytest.mark.parametrize(
    "question",
    [
        "when did we last change the kettle's price",
        "how many times did we change the price of KIT-0046 this year?",
        "did the price of KIT-0046 change last month?",
        "what was the kettle's price in March?",
        "which products did we reprice in the last 90 days?",
        "which of our products went up in price this year?",
        "our own price history for the kettle",
        "have we raised any prices recently?",
        "which products changed price this month?",
        "how many of our prices went down in the last 90 days?",
    ],
)
def test_our_own_price_changes_are_asked(question: str) -> None:
    assert asks_own_price_history(question)


@pytest.mark.parametrize(
    "question",
    [
        "should we raise the price of the kettle?",
        "what if we cut the kettle price 20%?",
        "what price should X be?",
        "which products should I reprice?",
        "price history of X vs competitors",
    ],
)
def test_advice_and_what_ifs_are_not_our_history(question: str) -> None:
    assert not asks_own_price_history(question)


def test_the_direction_asked() -> None:
    assert price_direction("which of our products went up in price this year?") == "up"
    assert price_direction("did we cut any prices last month?") == "down"
    assert price_direction("when did we last change the kettle's price") is None


def test_when_was_the_price_last_updated_is_our_history() -> None:
    assert asks_own_price_history("when was the kettle's price last updated?")
    assert asks_own_price_history("when were our prices last changed?")
