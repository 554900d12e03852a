"""A what-if asked as a price ("drop the vase to $24"): the router reads the price, the pricing agent the change."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pandas as pd
import pytest

from shared.orchestration.executor import agent_request
from shared.orchestration.router import route
from shared.pricing.analysis import PricingAnalysis, target_change_pct


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("What happens to units if we drop the vase to $24?", 24.0),
        ("If we charge $84 for the usb-c cable, what happens to demand?", 84.0),
        ("What if we sell SKU-12 at $19.99?", 19.99),
        ("what would happen if we priced KIT-0026 at $1,200", 1200.0),
        ("What if the tent stakes went down to $39?", 39.0),  # found by the held-out set
        ("what if SKU-3 goes up to $12.50", 12.5),
        ("Which products cost over $50?", None),  # a threshold, not a price to move to
        ("Which products are more than $5 above the cheapest competitor?", None),
        ("If I cut SKU-1 by 10% to $18, what happens?", None),  # the change is given: it wins
    ],
)
def test_the_router_reads_a_price_asked_for(question: str, target: float | None) -> None:
    plan = route(question)
    assert plan.entities.price_target == target
    if target is not None:
        assert "what_if" in plan.asks


def test_the_pricing_agent_is_sent_the_price_and_the_product() -> None:
    plan = route("What happens to units if we drop SKU-7 to $24?")
    request = agent_request("acme", plan, "pricing")
    assert request.options["price_target"] == 24.0 and request.skus == ["SKU-7"]
    assert request.price_change_pct is None  # worked out by the agent, from our price


def test_the_change_is_taken_from_our_price_else_the_last_sale() -> None:
    analysis = cast(PricingAnalysis, SimpleNamespace(skus=pd.DataFrame({"our_price": [30.0]}, index=["A"])))
    sales = pd.DataFrame(
        {
            "sku": ["B", "B"],
            "date": pd.to_datetime(["2026-01-01", "2026-01-02"]),
            "price": [40.0, 50.0],
            "units": [1, 1],
        }
    )
    assert target_change_pct(analysis, sales, "A", 24.0) == -20.0
    assert target_change_pct(analysis, sales, "B", 60.0) == 20.0  # no compared price: the last price sold at
    assert target_change_pct(analysis, cast(Any, sales.iloc[:0]), "C", 10.0) is None
