"""Answers over several SKUs: a money forecast made SKU by SKU week by week, a category's price what-if."""

from __future__ import annotations

import re

from shared.deps import get_deps
from shared.forecast.agent import run
from tests.unit.forecast.test_agent import END, _request, _seed_promo_catalogue


def test_named_skus_revenue_is_split_by_week_at_each_ones_price() -> None:
    _seed_promo_catalogue(skus=3)
    options = {"prophet": "never", "asks": ["forecast"], "measure": "revenue", "by_week": True}
    res = run(get_deps(), _request(as_of=END, skus=["S0", "S1"], horizon_days=14, options=options))
    text = res.data["answers"][0]["text"]
    assert text.startswith("Week by week, we expect revenue of about "), text
    money = [float(v.replace(",", "")) for v in re.findall(r"(?<![\d.])([\d,]+\.\d\d)", text.split(" (each")[0])]
    total, weeks = money[0], money[1:]
    assert len(weeks) == 2 and abs(sum(weeks) - total) < 0.05
    # the same total as the SKUs' revenue the answer then states
    assert f"bring in about {text.split('revenue of about ')[1].split(' over')[0]}" in text


def test_a_category_price_what_if_forecasts_every_sku_of_it() -> None:
    """ "What if we raise Kitchen prices by 10%": all 3 of its SKUs, past the quick mode's cap of 2, summed."""
    from tests.unit.forecast.test_agent import _seed_categories

    _seed_categories()
    options = {"prophet": "never", "max_skus": 2, "asks": ["what_if"]}
    res = run(get_deps(), _request(as_of=END, skus=[], categories=["kitchen"], price_change_pct=10.0, options=options))
    assert {f["series_id"] for f in res.data["forecasts"]} == {"K1", "K2", "K3"}
    (answer,) = [a for a in res.data["answers"] if a["ask"] == "what_if"]
    assert answer["text"].startswith("A +10% price change across the kitchen category (3 SKUs) changes expected "), (
        answer["text"]
    )
