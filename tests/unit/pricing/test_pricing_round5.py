"""The fifth pricing round's answers (#18): a scoped reprice and a one-product MAP check say what they are about."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import reprice_answer
from shared.pricing.map_answers import map_answer
from shared.pricing.options import PricingOptions
from tests.unit.pricing.test_market_answers import TODAY, _obs


def test_a_reprice_narrowed_to_a_category_names_it() -> None:
    analysis = analyse(PricingInputs(observations=_obs()), PricingOptions(), today=TODAY)
    assert reprice_answer(analysis, [], "Outdoor").text.startswith("Reprice 3 of 4 Outdoor SKUs: lower 2 and raise 1")


def test_a_map_check_of_one_product_names_it_not_the_1_products() -> None:
    obs = pd.DataFrame([{"sku": s, "competitor": c, "date": pd.Timestamp(d), "competitor_price": p}
                        for s, c, d, p in [("KIT-0001", "MegaMart", "2026-12-01", 49.0),
                                           ("ELE-0001", "ShopRival", "2026-12-02", 10.0)]])
    floors = pd.Series({"KIT-0001": 45.0, "ELE-0001": 12.0})
    one = map_answer(obs, floors, [], today=date(2026, 12, 4), start=None, scoped=["KIT-0001"])
    assert "on KIT-0001 is at or above its MAP" in one.text and one.skus == ["KIT-0001"]
    every = map_answer(obs, floors, [], today=date(2026, 12, 4), start=None, scoped=[])
    assert "1 of the 2 products with a MAP that competitors carry" in every.text


def test_competitors_out_of_stock_lead_with_the_one_out_of_stock_most() -> None:
    from shared.pricing.market_answers import competitor_stock_answer

    obs = _obs()
    obs["in_stock"] = True
    latest = obs.groupby(["sku", "competitor"])["date"].transform("max") == obs["date"]
    obs.loc[latest & (obs["competitor"] == "midco") & obs["sku"].isin(["A", "B"]), "in_stock"] = False
    obs.loc[latest & (obs["competitor"] == "cheapco") & (obs["sku"] == "B"), "in_stock"] = False
    text = competitor_stock_answer(obs, [], today=TODAY, start=None, scoped=[]).text
    assert text.startswith("midco is out of stock on the most of our products (2); competitors are out of stock")
    assert text.index("midco 2 of") < text.index("cheapco 1 of")
