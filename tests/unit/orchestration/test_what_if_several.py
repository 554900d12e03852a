"""A what-if on a name several products share ("the blender") runs for each of them, not for none."""

from __future__ import annotations

from shared.orchestration.executor import agent_request
from shared.orchestration.plan import Entities, Plan
from shared.pricing.answers import several_whatif_answer
from shared.pricing.options import PricingOptions


def _scenario(sku: str, daily: float) -> dict:
    return {"sku": sku, "change_pct": -10.0, "available": True, "units_multiplier": 1.15, "ci_low": -1.8,
            "ci_high": -0.9, "baseline_daily_units": daily, "horizon_days": 30, "delta_units": daily * 4.5,
            "delta_revenue": 100.0, "elasticity": -1.35, "n_obs": 300, "new_price": 9.0, "pooled": False}


def test_the_request_carries_every_matched_sku_and_the_change() -> None:
    """Before: the change was dropped (``price_change_pct`` None), and the answer said a what-if needs one SKU."""
    plan = Plan(intents=["pricing"], asks=["what_if"],
                entities=Entities(skus=["KIT-1", "KIT-2", "KIT-3"], price_change_pct=-10.0))
    request = agent_request("acme", plan, "pricing")
    assert request.price_change_pct == -10.0 and request.options["what_if_skus"] == ["KIT-1", "KIT-2", "KIT-3"]


def test_the_answer_says_the_name_matched_several_and_gives_each_busiest_first() -> None:
    answer = several_whatif_answer([_scenario("KIT-1", 2.0), _scenario("KIT-2", 8.0)], PricingOptions(), 2)
    assert answer.text.startswith("2 products match the name, so here is the what-if of a 10% price cut for each "
                                  "(busiest first): KIT-2 and KIT-1. Cutting KIT-2's price by 10%"), answer.text
    assert "Cutting KIT-1's price by 10%" in answer.text and [r[0] for r in answer.rows or []] == ["KIT-2", "KIT-1"]
    shown = several_whatif_answer([_scenario(f"K-{i}", float(i)) for i in range(7)], PricingOptions(), 7)
    assert shown.text.startswith("7 products match the name; here is the what-if of a 10% price cut for the 5 that "
                                 "sell the most")
