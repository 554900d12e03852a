"""The pricing agent's direct answers, checked against numbers worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import competitor_undercut, pricing_answers, whatif_answer
from shared.pricing.options import PricingOptions
from tests.unit.pricing.frames import observations


def _obs() -> pd.DataFrame:
    rows = []
    for day in range(1, 11):
        d = f"2026-03-{day:02d}"
        # our price 100 for A, 50 for B; "cheapco" is below us every day on A (by 20%) and on B on even days
        # (by 10%); "fairco" is below us on A on days 1-2 only (by 5%); "dearco" is never below us
        rows += [("A", d, "cheapco", 80.0, 100.0), ("B", d, "cheapco", 45.0 if day % 2 == 0 else 55.0, 50.0),
                 ("A", d, "fairco", 95.0 if day <= 2 else 101.0, 100.0), ("B", d, "dearco", 60.0, 50.0)]
    return observations(rows)


def test_competitors_ranked_by_how_often_then_how_much_they_are_below_us() -> None:
    table = competitor_undercut(_obs(), start=None, end=date(2026, 3, 10))
    assert list(table.index) == ["cheapco", "fairco", "dearco"]
    cheap = table.loc["cheapco"]
    assert cheap["below_us_share"] == pytest.approx(15 / 20)  # 10 days on A + 5 even days on B
    assert cheap["mean_gap_pct_when_below"] == pytest.approx((10 * 20 + 5 * 10) / 15)
    assert cheap["skus_undercut"] == 2 and cheap["product_days_compared"] == 20
    assert table.loc["fairco", "below_us_share"] == pytest.approx(0.2)
    assert table.loc["fairco", "mean_gap_pct_when_below"] == pytest.approx(5.0)
    assert table.loc["dearco", "below_us_share"] == 0
    # a window: the last 5 days only (cheapco on B: days 6, 8, 10)
    recent = competitor_undercut(_obs(), start=date(2026, 3, 6), end=date(2026, 3, 10))
    assert recent.loc["cheapco", "below_us_share"] == pytest.approx(8 / 10)
    assert recent.loc["fairco", "below_us_share"] == 0


def test_undercut_and_gap_answers_state_the_ranking() -> None:
    options = PricingOptions()
    obs = _obs()
    analysis = analyse(PricingInputs(observations=obs), options, today=date(2026, 3, 10))
    undercut, over, under = pricing_answers(["undercut", "overpriced", "underpriced"], analysis, obs, options,
                                            scoped=[], start=None)
    assert undercut.text.startswith("cheapco undercuts us most: it was below our price on 75% of 20 product-days "
                                    "between 2026-02-09 and 2026-03-10, by 16.7% on average when below")
    assert [r[0] for r in undercut.rows] == ["cheapco", "fairco", "dearco"]
    # A: 100 vs median(80, 101) = 90.5 -> +10.5%; B: 50 vs median(45, 60) = 52.5 on day 10 -> -4.8%
    assert over.text.startswith("1 of 2 SKUs is priced more than 5% above the median competitor; the furthest "
                                "above: A (+10.5%)")
    assert over.rows[0][:4] == ["A", 100.0, 90.5, 10.5]
    assert under.text.startswith("None of the 2 SKUs compared is priced more than 5% below")


def test_what_if_states_the_unit_change_with_its_interval_and_elasticity() -> None:
    scenario = {"sku": "A", "change_pct": -10.0, "horizon_days": 30, "available": True, "units_multiplier":
                0.9 ** -2.0, "elasticity": -2.0, "ci_low": -2.5, "ci_high": -1.5, "baseline_daily_units": 4.0,
                "delta_units": 120 * (0.9 ** -2.0 - 1), "delta_revenue": 10.0, "new_price": 9.0, "n_obs": 200}
    answer = whatif_answer(scenario, PricingOptions())
    assert answer is not None and answer.answered
    up = 100 * (0.9 ** -2.0 - 1)
    low, high = 100 * (0.9 ** -1.5 - 1), 100 * (0.9 ** -2.5 - 1)
    assert answer.text == (f"Cutting A's price by 10% (to 9) raises expected demand by {up:.1f}% (90% interval "
                           f"+{low:.1f}% to +{high:.1f}%), about +{120 * (0.9 ** -2.0 - 1):.0f} units (revenue "
                           "+10.00) over 30 days "
                           "on a baseline of 120, using a price elasticity of -2.00 [-2.50, -1.50] fitted on 200 "
                           "days of sales.")
    missing = whatif_answer({"sku": "A", "change_pct": 5.0, "available": False, "reason": "price never varied"},
                            PricingOptions())
    assert missing is not None and not missing.answered and "price never varied" in missing.text


def test_one_named_competitor_is_not_ranked_against_itself() -> None:
    options = PricingOptions()
    obs = _obs()
    obs = obs[obs["competitor"] == "fairco"]
    analysis = analyse(PricingInputs(observations=obs), options, today=date(2026, 3, 10))
    (answer,) = pricing_answers(["undercut"], analysis, obs, options, scoped=[], start=None)
    assert answer.text == ("fairco was below our price on 20% of 10 product-days between 2026-02-09 and "
                           "2026-03-10, by 5.0% on average when below.")
