"""``markup`` (price against cost, from the catalogue) and ``competitor_promotions`` (a competitor's price cuts)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from shared.pricing.competitor_promotions import promotions_answer
from shared.pricing.markup import markup_answer

CATALOGUE = pd.DataFrame(
    {"sku": ["K", "T", "B", "N"], "price": [120.0, 34.0, 30.0, 10.0], "cost": [60.0, 17.0, 20.0, None]}
)


def test_a_products_markup_is_its_price_against_its_cost_beside_the_catalogues_median() -> None:
    out = markup_answer(CATALOGUE, ["K"])
    assert out.text.startswith(
        "K earns 60 a unit: its price of 120 against a unit cost of 60 is a 100.0% markup on "
        "cost (a 50.0% gross margin); the catalogue's median markup is 100.0%"
    ), out.text
    assert out.rows == [["K", 120.0, 60.0, 60.0, 100.0, 50.0]]


def test_a_product_without_a_cost_says_what_is_missing() -> None:
    out = markup_answer(CATALOGUE, ["N"])
    assert not out.answered and out.text.startswith("The catalogue holds no unit cost for N, so its markup cannot")


def test_a_competitor_price_well_under_its_own_usual_price_is_a_promotion() -> None:
    friday = date(2026, 11, 27)
    days = [friday - timedelta(days=d) for d in range(1, 20)]
    obs = pd.DataFrame(
        [{"competitor": "MegaMart", "sku": s, "date": d, "price": 100.0} for s in ("A", "B") for d in days]
        + [
            {"competitor": "MegaMart", "sku": "A", "date": friday, "price": 80.0},  # 20% off: a promotion
            {"competitor": "MegaMart", "sku": "B", "date": friday, "price": 97.0},
        ]
    )  # everyday noise
    out = promotions_answer(obs, ["MegaMart"], start=friday, end=friday, today=date(2026, 12, 5))
    assert out.text.startswith(
        "Yes: MegaMart priced 1 of the 2 products it was seen selling on 27 Nov 2026 10% or "
        "more under its usual price (median cut 20%"
    ), out.text
    calm = promotions_answer(obs[obs["sku"] == "B"], ["MegaMart"], start=friday, end=friday, today=date(2026, 12, 5))
    assert calm.text.startswith("No: MegaMart priced none of the 1 products")
