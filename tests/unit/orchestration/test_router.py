"""Pattern router: intents and entities."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.orchestration.plan import INTENTS, LlmPlan, Plan
from shared.orchestration.router import extract_entities, route

TODAY = date(2026, 3, 31)


@pytest.mark.parametrize(("question", "intents", "agents"), [
    ("Which products are overpriced vs Amazon?", ["pricing"], ["pricing"]),
    ("What do customers complain about in reviews?", ["sentiment"], ["sentiment"]),
    ("Forecast demand for next month", ["forecast"], ["forecast"]),
    ("Which items will run out of stock?", ["inventory"], ["forecast"]),
    ("Give me an overview", ["overview"], ["pricing", "sentiment", "forecast"]),
    ("What happens if I raise SKU-9 by 5%?", ["what_if"], ["pricing", "forecast"]),
    ("hello there", ["overview"], ["pricing", "sentiment", "forecast"]),
])
def test_intents(question: str, intents: list[str], agents: list[str]) -> None:
    plan = route(question, today=TODAY)
    assert plan.intents == intents and plan.agents == agents


def test_example_question_entities_and_scope() -> None:
    plan = route("which of my products are overpriced compared to competitors, and what happens to demand if I "
                 "cut SKU-123 by 10%?", today=TODAY)
    assert plan.entities.skus == ["SKU-123"] and plan.entities.price_change_pct == -10
    assert plan.skus_for("pricing") == [] and plan.skus_for("forecast") == ["SKU-123"]


@pytest.mark.parametrize(("question", "field", "value"), [
    ("sales over the last 30 days", "start_date", date(2026, 3, 1)),
    ("between 2026-01-01 and 2026-02-01", "end_date", date(2026, 2, 1)),
    ("since 2026-03-01", "start_date", date(2026, 3, 1)),
    ("demand over the next 3 weeks", "horizon_days", 21),
    ("next quarter", "horizon_days", 91),
    ("prices in the running shoes category", "categories", ["running shoes"]),
    # the words after "category" are the rest of the sentence, not a name (it read the category "next")
    ("what revenue should we expect from the kitchen category next month?", "categories", ["kitchen"]),
    ("which category sold the most last month?", "categories", []),
    ("forecast demand for category kitchen next month", "categories", ["kitchen"]),
    ("on Zalando, compared to MegaShop", "competitors", ["megashop"]),
    ("increase sku-77 by 12.5%", "price_change_pct", 12.5),
    ("SKU-1 at -20%", "price_change_pct", -20.0),
])
def test_entities(question: str, field: str, value: object) -> None:
    assert getattr(extract_entities(question, today=TODAY), field) == value


@given(st.text(max_size=300))
def test_any_text_gives_a_valid_plan(text: str) -> None:
    plan = route(text, today=TODAY)
    assert Plan.model_validate(plan.model_dump()) == plan
    assert plan.agents and set(plan.intents) <= set(INTENTS)


@given(st.integers(min_value=1, max_value=90), st.sampled_from(["cut", "reduce", "lower", "raise", "increase"]))
def test_price_change_sign(pct: int, verb: str) -> None:
    change = extract_entities(f"what if I {verb} SKU-5 by {pct}%", today=TODAY).price_change_pct
    assert change == (-pct if verb in ("cut", "reduce", "lower") else pct)


def test_llm_plan_is_validated() -> None:
    with pytest.raises(ValueError):
        LlmPlan(intents=["pricing"], skus=["'; DROP TABLE x"]).to_plan()
    with pytest.raises(ValueError):
        LlmPlan(intents=[]).to_plan()
    with pytest.raises(ValueError):
        LlmPlan(intents=["pricing"], price_change_pct=-95).to_plan()
    assert LlmPlan(intents=["what_if", "what_if"], skus=["SKU-1"]).to_plan().intents == ["what_if"]


def test_competitors_come_from_the_tenants_data() -> None:
    e = extract_entities("are we cheaper than Zalando or otto?", today=TODAY, competitors=["Zalando", "Otto"])
    assert e.competitors == ["zalando", "otto"]
    assert extract_entities("are we cheaper on target?", today=TODAY).competitors == []  # no fixed list


def test_stock_needed_is_the_demand_forecast() -> None:
    """"How much stock will we need for Christmas" asks the units the forecast expects, before any stock-out."""
    plan = route("how much stock will we need for christmas")
    assert plan.asks[0] == "forecast"


def test_stock_to_last_a_span_is_that_horizon_not_a_past_period() -> None:
    today = date(2025, 12, 6)
    for q, days in (("how much should we reorder of SKU-1 to last 60 days?", 60),
                    ("how many SKU-1 should I order so stock lasts 45 days?", 45),
                    ("order enough SKU-1 to see us through the next 8 weeks", 56)):
        e = extract_entities(q, today=today)
        assert (e.horizon_days, e.start_date) == (days, None), q
    past = extract_entities("sales of SKU-1 in the last 60 days", today=today)
    assert past.horizon_days is None and past.start_date == date(2025, 10, 7)


def test_seventh_round_horizons_and_cues() -> None:
    from datetime import date

    from shared.orchestration.router import extract_entities, route

    today = date(2026, 12, 6)
    # a holiday as the deadline: "before" ends the day before it, the next one when this year's has passed
    assert extract_entities("which products will run out before Christmas?", today=today).horizon_days == 18
    assert extract_entities("stock needed until new year", today=today).horizon_days == 26
    assert extract_entities("enough stock to get us to black friday", today=today).horizon_days == 355
    # "for 2 weeks" is the horizon of a promotion; "2 weeks ago" is not
    assert extract_entities("what if we do 15% off X for 2 weeks?", today=today).horizon_days == 14
    assert extract_entities("sales for 2 weeks ago", today=today).horizon_days is None
    # "run-out dates" asks for the stock-out
    assert "stockout" in route("run-out dates for X and Y", today=today).asks
