"""A money forecast made SKU by SKU, week by week: each SKU's units at its own price, the weeks adding to the total."""

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
