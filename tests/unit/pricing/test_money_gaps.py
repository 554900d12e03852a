"""Price gaps in money and landed prices (#18): the cheapest competitor's latest price, shipping added when asked."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import pricing_answers
from shared.pricing.money_gaps import LANDED_LEAD, money_gap_answer
from shared.pricing.options import PricingOptions

TODAY = date(2026, 12, 5)


def _obs() -> pd.DataFrame:
    # A: ours 50; rivals' latest 40 (cheap, 2 Dec: not on A's latest day) and 46, 48 on 5 Dec -> 10 above the
    # cheapest, 3 above the median of that day (47). B: ours 20 against 19 and 21 -> 1 above the cheapest.
    # C: ours 30 against 33 and 35 (shipping 4.99 each) -> 3 below the cheapest; 7.99 below it landed.
    rows = [("A", "cheap", "2026-12-02", 40.0, 0.0), ("A", "mid", "2026-12-05", 46.0, 0.0),
            ("A", "dear", "2026-12-05", 48.0, 0.0), ("B", "cheap", "2026-12-05", 19.0, 0.0),
            ("B", "mid", "2026-12-05", 21.0, 0.0), ("C", "cheap", "2026-12-05", 33.0, 4.99),
            ("C", "mid", "2026-12-05", 35.0, 4.99)]
    ours = {"A": 50.0, "B": 20.0, "C": 30.0}
    return pd.DataFrame([{"sku": s, "competitor": c, "date": pd.Timestamp(d), "competitor_price": p, "shipping": sh,
                          "our_price": ours[s]} for s, c, d, p, sh in rows])


def test_products_more_than_an_amount_above_the_cheapest_competitor() -> None:
    obs = _obs()
    analysis = analyse(PricingInputs(observations=obs), PricingOptions(), today=TODAY)
    answer = money_gap_answer(analysis, obs, "overpriced", amount=5.0, reference="lowest", today=TODAY, start=None)
    # A's cheapest competitor is the 40 of 2 Dec (each competitor's latest price), not the 46 of A's latest day
    assert answer.text.startswith("1 of 3 SKUs is priced more than 5 above the cheapest competitor; the furthest "
                                  "above: A (+10.00)"), answer.text
    median = money_gap_answer(analysis, obs, "overpriced", amount=2.0, reference="median", today=TODAY, start=None)
    assert median.text.startswith("1 of 3 SKUs is priced more than 2 above the median competitor"), median.text


def test_a_named_products_gap_is_said_in_money() -> None:
    obs = _obs()
    analysis = analyse(PricingInputs(observations=obs), PricingOptions(), today=TODAY)
    answer = money_gap_answer(analysis, obs, "overpriced", amount=None, reference="lowest", today=TODAY, start=None,
                              scoped=["C"])
    assert answer.text == "C is 3 below the cheapest competitor (30 vs 33)."


def test_landed_prices_add_the_competitors_shipping_and_say_so() -> None:
    obs = _obs()
    options = PricingOptions(include_shipping=True)
    analysis = analyse(PricingInputs(observations=obs), options, today=TODAY)
    gap = money_gap_answer(analysis, obs, "underpriced", amount=None, reference="lowest", today=TODAY, start=None,
                           landed=True, scoped=["C"])
    assert gap.text == LANDED_LEAD + "C is 7.99 below the cheapest competitor (30 vs 37.99)."
    [position] = pricing_answers(["price_position"], analysis, obs, options, scoped=[], start=None, landed=True)
    assert position.text.startswith(LANDED_LEAD + "Across 3 SKUs")
    [plain] = pricing_answers(["price_position"], analyse(PricingInputs(observations=obs), PricingOptions(),
                                                          today=TODAY), obs, PricingOptions(), scoped=[], start=None)
    assert not plain.text.startswith(LANDED_LEAD)


def test_the_competitor_who_raised_prices_most_leads() -> None:
    from shared.pricing.market_answers import competitor_prices_answer

    # up: +10% and 0% (average +5%, median +5%); flat: +1%, +1%, -20% (median +1%, average -6%)
    rows = [("A", "up", "2026-12-01", 10.0), ("A", "up", "2026-12-05", 11.0), ("B", "up", "2026-12-01", 10.0),
            ("B", "up", "2026-12-05", 10.0), ("A", "flat", "2026-12-01", 10.0), ("A", "flat", "2026-12-05", 10.1),
            ("B", "flat", "2026-12-01", 10.0), ("B", "flat", "2026-12-05", 10.1), ("C", "flat", "2026-12-01", 10.0),
            ("C", "flat", "2026-12-05", 8.0)]
    obs = pd.DataFrame([{"sku": s, "competitor": c, "date": pd.Timestamp(d), "competitor_price": p}
                        for s, c, d, p in rows])
    up = competitor_prices_answer(obs, [], today=TODAY, start=date(2026, 12, 1), scoped=[], order="up").text
    assert up.startswith("up raised its prices the most between 2026-12-01 and 2026-12-05: +5.00% on average"), up
    down = competitor_prices_answer(obs, [], today=TODAY, start=date(2026, 12, 1), scoped=[], order="down").text
    assert down.startswith("flat cut its prices the most"), down
    plain = competitor_prices_answer(obs, [], today=TODAY, start=date(2026, 12, 1), scoped=[]).text
    assert plain.startswith("You track 2 competitors' prices")
