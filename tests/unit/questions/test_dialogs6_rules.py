"""dialogs6's rule families that need no data: a currency asked for, closings, a verb's "it", a bare weekday."""

from __future__ import annotations

import pytest

from shared.orchestration.brief import brief_report
from shared.questions.acknowledge import is_acknowledgement
from shared.questions.currency_ask import asked_currency, named_currency
from shared.questions.pronouns import named_it


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("in euros", "EUR"),
        ("what's that in GBP?", "GBP"),
        ("can you show that in pounds?", "GBP"),
        ("revenue in euros", None),
        ("and in Europe?", None),
    ],
)
def test_a_currency_asked_for(question: str, code: str | None) -> None:
    assert asked_currency(question) == code


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("revenue in € last month", "EUR"),
        ("how many quid did we take yesterday", "GBP"),
        ("sales in pounds this week", "GBP"),
        ("₹ revenue last quarter", "INR"),
        ("how many pounds of coffee did we sell", None),
        ("revenue over $1k", None),
        ("revenue in dollars", None),
    ],
)
def test_a_currency_named_inside_a_question(question: str, code: str | None) -> None:
    assert named_currency(question) == code


def test_the_reply_says_the_recorded_currency_and_converts_nothing() -> None:
    r = brief_report("in euros", None, mode="quick", data_version=1, currency=lambda: "USD")
    assert r is not None and "USD" in r.answer and "can't be converted to EUR" in r.answer


@pytest.mark.parametrize("question", ["perfect, that's all I needed", "thanks, bye", "cheers, that's it for now"])
def test_closings_are_acknowledgements(question: str) -> None:
    assert is_acknowledgement(question)


@pytest.mark.parametrize("question", ["is that all?", "that's all revenue?"])
def test_questions_are_no_closings(question: str) -> None:
    assert not is_acknowledgement(question)


def test_a_verbs_it_is_the_product() -> None:
    assert named_it("should we discount it?", "the kettle") == "should we discount the kettle?"
    assert named_it("is it?", "the kettle") is None
