"""Pooled (empirical-Bayes) elasticity on generated catalogues whose true elasticities are known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from shared.pricing.elasticity import expected_unit_change, pooled_elasticity, unit_change_pct, what_if_units


def _catalogue(seed: int, *, within_sd: float = 0.3, short_share: float = 0.4, short_len: int = 6,
               long_len: int = 60, per_cat: int = 30) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    """Four categories with distinct mean elasticities; each SKU's truth drawn around its category's."""
    rng = np.random.default_rng(seed)
    cat_means = np.array([-0.7, -1.3, -2.0, -2.7])
    frames, truth, cats, length = [], {}, {}, {}
    for c, mean in enumerate(cat_means):
        for j in range(per_cat):
            sku = f"C{c}-{j:02d}"
            b = mean + rng.normal(0, within_sd)
            n = short_len if rng.random() < short_share else long_len
            base = rng.uniform(5, 200)
            price = base * rng.choice([0.9, 0.95, 1.0, 1.05, 1.1], n)
            units = np.exp(np.log(50) + b * np.log(price / base) + rng.normal(0, 0.25, n))
            frames.append(pd.DataFrame({"sku": sku, "date": pd.date_range("2026-01-01", periods=n), "units": units,
                                        "price": price}))
            truth[sku], cats[sku], length[sku] = b, f"cat{c}", n
    return pd.concat(frames, ignore_index=True), pd.Series(truth), pd.Series(cats), pd.Series(length)


def test_pooled_estimate_is_closer_to_the_truth_than_the_raw_one_on_short_series() -> None:
    raw_err, pooled_err = [], []
    for seed in range(5):
        sales, truth, cats, length = _catalogue(seed)
        est = pooled_elasticity(sales, cats)
        short = length[length < 10].index
        raw_err.append(((est.loc[short, "raw_elasticity"] - truth[short]) ** 2).to_numpy())
        pooled_err.append(((est.loc[short, "elasticity"] - truth[short]) ** 2).to_numpy())
    raw_rmse, pooled_rmse = np.sqrt(np.concatenate(raw_err).mean()), np.sqrt(np.concatenate(pooled_err).mean())
    assert pooled_rmse < 0.5 * raw_rmse, (raw_rmse, pooled_rmse)
    assert pooled_rmse < 0.5


@pytest.mark.parametrize("within_sd", [0.3, 0.6])
def test_interval_covers_the_truth_at_about_its_nominal_rate(within_sd: float) -> None:
    hits = []
    for seed in range(5):
        sales, truth, cats, _ = _catalogue(100 + seed, within_sd=within_sd)
        est = pooled_elasticity(sales, cats, level=0.90)
        t = truth[est.index]
        hits.append(((est["ci_low"] <= t) & (t <= est["ci_high"])).to_numpy())
    coverage = np.concatenate(hits).mean()
    assert 0.84 <= coverage <= 0.96, coverage


def test_long_precise_series_keep_their_own_estimate() -> None:
    sales, truth, cats, length = _catalogue(7, long_len=365, short_share=0.2)
    est = pooled_elasticity(sales, cats)
    long = length[length > 100].index
    assert (est.loc[long, "shrinkage"] < 0.5).mean() > 0.9
    own = est.loc[long]
    assert np.allclose(own["elasticity"], own["raw_elasticity"], atol=0.5)
    # a series that fits almost exactly owns its estimate outright
    prices = np.tile([8.0, 9.0, 10.0, 11.0, 12.0], 20)
    exact = pd.DataFrame({"sku": "EXACT", "units": 5000 * prices ** -3.5 * np.exp(np.tile([0.001, -0.001], 50)),
                          "price": prices})
    est = pooled_elasticity(pd.concat([sales, exact], ignore_index=True),
                            pd.concat([cats, pd.Series({"EXACT": "cat0"})]))
    assert est.loc["EXACT", "source"] == "sku" and not est.loc["EXACT", "pooled"]
    assert est.loc["EXACT", "elasticity"] == pytest.approx(-3.5, abs=0.01)


def test_skus_without_a_fit_get_their_category_prior() -> None:
    sales, _, cats, _ = _catalogue(3)
    extra = pd.DataFrame({"sku": ["NEW-1", "FLAT-1", "FLAT-1", "FLAT-1", "FLAT-1"],
                          "date": pd.date_range("2026-01-01", periods=5), "units": [4.0, 5.0, 6.0, 5.0, 4.0],
                          "price": [20.0, 20.0, 20.0, 20.0, 20.0]})
    cats = pd.concat([cats, pd.Series({"NEW-1": "cat2", "FLAT-1": "cat0"})])
    est = pooled_elasticity(pd.concat([sales, extra], ignore_index=True), cats)
    new, flat = est.loc["NEW-1"], est.loc["FLAT-1"]
    assert new["source"] == "category" and bool(new["pooled"]) and new["shrinkage"] == 1.0
    assert new["elasticity"] == pytest.approx(new["prior_mean"])
    assert -2.5 < new["elasticity"] < -1.5  # cat2's true mean is -2.0
    assert flat["source"] == "category" and -1.1 < flat["elasticity"] < -0.3  # cat0 is -0.7
    assert new["ci_low"] < new["elasticity"] < new["ci_high"]


def test_without_categories_everything_pools_toward_the_catalogue() -> None:
    sales, _, _, _ = _catalogue(4)
    extra = pd.DataFrame({"sku": ["NEW-1"], "date": [pd.Timestamp("2026-01-01")], "units": [3.0], "price": [9.0]})
    est = pooled_elasticity(pd.concat([sales, extra], ignore_index=True))
    assert est.loc["NEW-1", "source"] == "catalogue"
    assert est.loc["NEW-1", "elasticity"] == pytest.approx(-1.7, abs=0.3)  # the mean of the four categories
    assert est["elasticity"].notna().all()


def test_expected_unit_change_states_the_interval_and_the_elasticity_used() -> None:
    sales, _, cats, length = _catalogue(5)
    est = pooled_elasticity(sales, cats)
    sku = str(length[length < 10].index[0])
    change = expected_unit_change(est, sku, 10.0)
    assert change is not None
    row = est.loc[sku]
    assert change.elasticity == pytest.approx(row["elasticity"])
    assert change.units_change_pct == pytest.approx(100 * (1.1 ** row["elasticity"] - 1))
    assert change.units_change_low_pct <= change.units_change_pct <= change.units_change_high_pct
    assert change.units_change_low_pct == pytest.approx(unit_change_pct(10.0, est["ci_low"][sku]))
    assert change.pooled and change.level == 0.9
    # a price cut raises units; the interval still brackets the point
    cut = expected_unit_change(est, sku, -10.0)
    assert cut is not None and cut.units_change_pct > 0
    assert cut.units_change_low_pct <= cut.units_change_pct <= cut.units_change_high_pct
    assert expected_unit_change(est, "NOPE", 10.0) is None


def test_empty_and_single_sku_inputs() -> None:
    empty = pooled_elasticity(pd.DataFrame(columns=["sku", "date", "units", "price"]))
    assert empty.empty
    prices = np.array([8.0, 9.0, 10.0, 11.0, 12.0, 9.5, 10.5, 11.5])
    one = pooled_elasticity(pd.DataFrame({"sku": "A", "units": 5000 * prices ** -1.5, "price": prices}))
    assert one.loc["A", "elasticity"] == pytest.approx(-1.5) and one.loc["A", "source"] == "sku"
    assert not one.loc["A", "pooled"]


def test_what_if_units_pools_the_catalogue_for_one_sku() -> None:
    sales, truth, cats, length = _catalogue(6)
    sku = str(length[length < 10].index[0])
    change = what_if_units(sales, cats, sku, -5.0, level=0.80)
    assert change is not None and change.level == 0.80 and change.pooled
    direct = expected_unit_change(pooled_elasticity(sales, cats, level=0.80), sku, -5.0)
    assert direct == change
    # alone, the SKU's six days give nothing to pool toward: the raw fit is all there is
    alone = what_if_units(sales[sales["sku"] == sku], cats, sku, -5.0)
    assert alone is not None and not alone.pooled and alone.source == "sku"
