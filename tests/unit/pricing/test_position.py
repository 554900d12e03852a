from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.pricing.position import category_position, price_position
from tests.unit.pricing.frames import observations


def test_position_on_latest_date_by_hand() -> None:
    obs = observations([
        ("A", "2026-01-01", "x", 10.0, 10.0), ("A", "2026-01-01", "y", 11.0, 10.0),
        ("A", "2026-01-02", "x", 9.0, 10.0), ("A", "2026-01-02", "y", 11.0, 10.0),
        ("A", "2026-01-03", "x", 9.0, 10.0), ("A", "2026-01-03", "y", 12.0, 10.0),
        ("A", "2026-01-03", "z", 8.0, 10.0),
    ])
    pos = price_position(obs).loc["A"]
    assert pos["latest_date"] == pd.Timestamp("2026-01-03")
    assert (pos["comp_min"], pos["comp_median"], pos["comp_max"]) == (8.0, 9.0, 12.0)
    assert pos["gap_to_min"] == 2.0 and pos["gap_to_median"] == 1.0 and pos["gap_to_max"] == -2.0
    assert pos["price_index"] == pytest.approx(100 * 10 / 9)
    assert pos["rank"] == 3  # x (9) and z (8) are strictly cheaper
    assert pos["cheapest_share"] == pytest.approx(1 / 3)  # only day 1: 10 <= min(10, 11)
    assert pos["n_competitors"] == 3 and pos["n_dates"] == 3


def test_shipping_inclusive_changes_the_comparison() -> None:
    obs = observations([("A", "2026-01-01", "x", 9.0, 10.0), ("A", "2026-01-01", "y", 9.5, 10.0)])
    obs["shipping"] = [2.0, None]
    plain = price_position(obs).loc["A"]
    shipped = price_position(obs, include_shipping=True, our_shipping=0.0).loc["A"]
    assert plain["rank"] == 3 and plain["comp_min"] == 9.0
    assert shipped["comp_min"] == 9.5 and shipped["rank"] == 2  # x costs 11 delivered; y has no charge listed
    assert shipped["comp_median"] == pytest.approx(10.25)


def test_tie_with_cheapest_counts_as_cheapest_and_rank_one() -> None:
    obs = observations([("A", "2026-01-01", "x", 10.0, 10.0), ("A", "2026-01-01", "y", 12.0, 10.0)])
    pos = price_position(obs).loc["A"]
    assert pos["rank"] == 1 and pos["cheapest_share"] == 1.0 and pos["gap_to_min"] == 0.0


def test_category_aggregation() -> None:
    obs = observations([("A", "2026-01-01", "x", 10.0, 11.0), ("B", "2026-01-01", "x", 10.0, 9.0),
                        ("C", "2026-01-01", "x", 10.0, 10.0)])
    cats = category_position(price_position(obs), pd.Series({"A": "toys", "B": "toys"}))
    toys = cats.loc["toys"]
    assert toys["n_skus"] == 2 and toys["median_price_index"] == pytest.approx(100.0)
    assert toys["share_rank_1"] == 0.5
    assert cats.loc["uncategorised", "n_skus"] == 1


prices = st.floats(min_value=0.01, max_value=100_000, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(price=prices, n=st.integers(min_value=1, max_value=6))
def test_equal_prices_have_index_100_and_no_gaps(price: float, n: int) -> None:
    obs = observations([("A", "2026-01-01", f"c{i}", price, price) for i in range(n)])
    pos = price_position(obs).loc["A"]
    assert pos["price_index"] == pytest.approx(100.0)
    assert pos["gap_to_min"] == 0.0 and pos["rank"] == 1 and pos["cheapest_share"] == 1.0


@settings(max_examples=60, deadline=None)
@given(ours=prices, comps=st.lists(prices, min_size=1, max_size=6))
def test_gap_signs_agree_with_index_and_rank(ours: float, comps: list[float]) -> None:
    obs = observations([("A", "2026-01-01", f"c{i}", p, ours) for i, p in enumerate(comps)])
    pos = price_position(obs).loc["A"]
    assert pos["gap_to_min"] >= pos["gap_to_median"] >= pos["gap_to_max"]
    assert (pos["gap_to_median"] > 0) == (pos["price_index"] > 100) or pos["gap_to_median"] == pytest.approx(0)
    assert (pos["gap_to_min"] > 0) == (pos["rank"] > 1)
    assert pos["rank"] == 1 + sum(p < ours for p in comps)
