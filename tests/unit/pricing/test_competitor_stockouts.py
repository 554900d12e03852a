"""Competitor out-of-stock episodes with hysteresis on the in_stock observations."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from shared.pricing.alerts import competitor_stockouts


def _obs(stock: Sequence[bool | None], competitor: str = "rival", sku: str = "A",
         prices: list[float] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"sku": sku, "competitor": competitor,
                         "date": pd.date_range("2026-01-01", periods=len(stock)),
                         "competitor_price": prices or [10.0] * len(stock), "our_price": 11.0, "in_stock": stock})


def test_one_blip_is_not_an_episode_and_a_flicker_stays_one_episode() -> None:
    t, f = True, False
    seq = [t, f, t, f, f, None, f, t, f, t, t, t]
    out = competitor_stockouts(_obs(seq), confirm=2)
    assert len(out) == 1  # the single-day blip on day 2 does not count; day 8's in-stock does not end it
    ep = out.iloc[0]
    assert (str(ep["start"])[:10], str(ep["confirmed"])[:10], str(ep["end"])[:10]) == (
        "2026-01-04", "2026-01-05", "2026-01-09")
    assert ep["observations_out"] == 4 and not ep["ongoing"]


def test_ongoing_episode_per_competitor_with_last_price() -> None:
    seq = [True, True, True, False, False, False]
    prices = [10.0, 10.0, 9.5, 9.5, 9.5, 9.5]
    both = pd.concat([_obs(seq, prices=prices), _obs([True] * 6, competitor="other")])
    out = competitor_stockouts(both, confirm=2)
    assert list(out["competitor"]) == ["rival"]
    assert bool(out.iloc[0]["ongoing"]) and out.iloc[0]["last_price"] == 9.5
    assert out.iloc[0]["observations_out"] == 3
    assert competitor_stockouts(both, confirm=4).empty


def test_no_stock_data_gives_no_episodes() -> None:
    assert competitor_stockouts(_obs([None, None, None])).empty
    assert competitor_stockouts(_obs([True, True]).drop(columns="in_stock")).empty
