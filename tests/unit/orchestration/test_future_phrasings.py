"""Future and stock phrasings of the round: week by week, "be out of", "expect to move", weeks of a product's stock."""

from datetime import date

import pytest

from shared.orchestration.router import detect_intents, extract_entities, route
from shared.questions.lexicon import AGENT_CUES
from shared.questions.reading import find_metrics

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    "question",
    [
        "forecast by week for the next 6 weeks",
        "weekly forecast for next month",
        "what do the next 4 weeks look like week by week?",
        "weekly revenue forecast for the next 4 weeks",
        "break the january forecast down by week",
    ],
)
def test_week_by_week(question: str) -> None:
    assert extract_entities(question, today=TODAY).by_week


@pytest.mark.parametrize(
    "question", ["forecast for the next 6 weeks", "what will we sell in a week", "sales the week of 14 December"]
)
def test_not_week_by_week(question: str) -> None:
    assert not extract_entities(question, today=TODAY).by_week


@pytest.mark.parametrize(
    "question",
    [
        "when will we be out of the blue kettle?",
        "when are we gonna be out of Coastal Smart Plug?",
        "will we be all out of SKU-12 by Christmas",
    ],
)
def test_be_out_of_is_the_run_out(question: str) -> None:
    assert "inventory" in detect_intents(question)
    assert AGENT_CUES["inventory"].search(question)
    assert "stockout" in route(question, today=TODAY).asks


@pytest.mark.parametrize("question", ["is this out of date?", "we will be out of the office", "be out of luck"])
def test_other_outs_are_not_stock(question: str) -> None:
    assert not AGENT_CUES["inventory"].search(question)


@pytest.mark.parametrize("question", ["which customers are likely to churn?", "how likely are reviewers to return it"])
def test_likely_without_selling_is_no_forecast(question: str) -> None:
    assert "forecast" not in route(question, today=TODAY).asks


@pytest.mark.parametrize(
    "question",
    [
        "how many kettles do we expect to move between now and Jan 31?",
        "how many units of SKU-1 will we move over the next 2 weeks",
        "how much KIT-0141 are we likely to move over the next 3 weeks?",
        "how many kettles are we likely to shift before Christmas",
    ],
)
def test_move_is_sell(question: str) -> None:
    assert AGENT_CUES["forecast"].search(question)
    assert "forecast" in route(question, today=TODAY).asks


def test_weeks_of_a_products_stock_is_its_cover() -> None:
    assert find_metrics("how many weeks of KIT-0141 stock have we got")[0][:1] == ["days_of_cover"]
    assert find_metrics("how many weeks of the blue kettle stock do we have")[0][:1] == ["days_of_cover"]


def test_a_decimal_point_in_a_title_and_before_were_out_of() -> None:
    """A price change over "Kettle 1.7L" read none (the title's point ended the sentence); "how long
    before we're out of X" was no stock question."""
    import re

    from shared.questions.lexicon import BE_OUT_OF
    from shared.questions.market import price_change

    assert price_change("what if we put the price of Urbanist Lite Kettle 1.7L up by 10%?") == 10.0
    assert price_change("raise the Kettle 1.7L by 5%") == 5.0
    assert price_change("raise the price. Then 10% of sales") is None
    # "mark X down 20 percent", "mark the kettle up 5%": the product between the verb and its direction
    assert price_change("if we mark APP-0209 down 20 percent what happens to units") == -20.0
    assert price_change("what if we marked the kettle up 5%") == 5.0
    assert re.search(BE_OUT_OF, "how long before we're out of HOM-0102?", re.I)
    assert re.search(BE_OUT_OF, "how long until we are out of the kettle", re.I)
    assert not re.search(BE_OUT_OF, "before we're out of time", re.I)
