"""A top N compared like for like and "online vs pos" as two sides, asked end to end through ``ask``."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tests.e2e.questions.conftest import Ingested
from tests.e2e.questions.test_stock_and_promo_answers_e2e import answer


def _revenue(s: pd.DataFrame) -> pd.Series:
    return s["revenue"].fillna(s["units"] * s["unit_price"])


def _month(s: pd.DataFrame, month: int) -> pd.DataFrame:
    return s[(s["date"] >= date(2025, month, 1)) & (s["date"] <= date(2025, month, 28 if month == 2 else 31))]


def test_a_top_n_then_how_it_compares_is_the_same_items_then(shop: Ingested) -> None:
    """The README's example: before, March's top 3 then February's whole revenue."""
    s = shop.sales().assign(rev=lambda f: _revenue(f))
    march, feb = _month(s, 3).groupby("sku")["rev"].sum(), _month(s, 2).groupby("sku")["rev"].sum()
    leaders = list(march.sort_values(ascending=False).index[:3])
    text = answer(shop, "Top 3 products by revenue in March 2025, and how does that compare with February 2025?")
    first = text.split(": 1. ")[0]
    assert f"${march[leaders].sum():,.2f} together" in first, text
    assert f"${feb.reindex(leaders).fillna(0).sum():,.2f} for the same 3 in February 2025" in first, text
    for sku in leaders:
        assert f"against ${feb.get(sku, 0.0):,.2f}" in text, (sku, text)
    gone = [sku for sku in feb.sort_values(ascending=False).index[:3] if sku not in leaders]
    assert all(f"({sku})" in text.split("no longer")[0].split("Of the top 3")[-1] for sku in gone), text


def test_online_against_the_tills_is_two_totals_first(shop: Ingested) -> None:
    s = _month(shop.sales(), 3).assign(rev=lambda f: _revenue(f))
    by = s.groupby("channel")["rev"].sum()
    assert "pos" in by.index and len(by) > 2
    text = answer(shop, "online vs pos revenue in March 2025")
    online = float(by.drop("pos").sum())
    assert text.startswith("Online ("), text
    assert f"${online:,.2f}" in text.split(". ")[0] and f"${by['pos']:,.2f}" in text.split(". ")[0], text
