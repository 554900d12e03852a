"""Each finding rule on its own table: thresholds, ordering and severity."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.pricing import findings as rules
from shared.pricing.options import PricingOptions


def _ctx(**options: object) -> rules.RuleContext:
    return rules.RuleContext.build(PricingOptions(**options), {}, pd.DataFrame(), date(2026, 2, 10))


def _skus(indices: dict[str, float]) -> pd.DataFrame:
    n = len(indices)
    return pd.DataFrame({
        "price_index": list(indices.values()), "our_price": [10.0] * n, "comp_min": [9.0] * n,
        "comp_median": [10.0] * n, "comp_max": [11.0] * n, "latest_date": [pd.Timestamp("2026-02-10")] * n,
        "rank": [1] * n, "n_competitors": [2] * n, "cheapest_share": [0.5] * n, "gap_to_min": [0.0] * n,
        "gap_to_median": [0.0] * n, "gap_to_max": [0.0] * n, "model_certainty": [1.0] * n,
        "data_completeness": [1.0] * n, "data_freshness": [1.0] * n,
    }, index=pd.Index(list(indices), name="sku"))


def test_positions_more_than_five_points_out_largest_first_with_graded_severity() -> None:
    found = rules.position_findings(_skus({"in": 104.0, "low": 93.0, "mid": 112.0, "high": 125.0}), _ctx())
    assert [(f.sku, f.severity) for f in found] == [("high", "high"), ("mid", "medium"), ("low", "low")]
    assert found[2].title == "low is priced 7.0% below the median competitor"


def test_positions_are_capped_at_max_findings() -> None:
    assert len(rules.position_findings(_skus({f"s{i}": 130.0 + i for i in range(5)}), _ctx(max_findings=2))) == 2


def test_our_own_map_breach_comes_first_and_is_high() -> None:
    violations = pd.DataFrame({"sku": ["A", "B"], "party": ["comp", "us"], "kind": ["below_map", "below_map"],
                               "price": [8.0, 9.0], "limit": [10.0, 10.0],
                               "date": [pd.Timestamp("2026-02-10")] * 2})
    found = rules.violation_findings(violations, _ctx())
    assert [(f.id, f.severity) for f in found] == [("below_map:B:us", "high"), ("below_map:A:comp", "medium")]


def test_only_the_latest_move_per_competitor_and_sku() -> None:
    moves = pd.DataFrame({"sku": ["A", "A"], "competitor": ["x", "x"], "direction": ["down", "up"],
                          "change_pct": [-20.0, 5.0], "reference_price": [10.0, 8.0], "price": [8.0, 8.4],
                          "date": pd.to_datetime(["2026-02-01", "2026-02-05"])})
    found = rules.move_findings(moves, _ctx())
    assert [(f.id, f.severity) for f in found] == [("move:A:x:2026-02-05", "low")]


def test_overall_confidence_says_when_nothing_was_positioned() -> None:
    conf = rules.overall_confidence(_skus({}), _ctx())
    assert not conf.known and conf.explanation.startswith("no SKU could be positioned")


def test_row_ids_are_those_of_the_sku_on_that_day_whatever_the_day_type() -> None:
    obs = pd.DataFrame({
        "sku": ["A", "A", "B", "A"],
        "date": pd.to_datetime(["2026-12-01", "2026-12-02", "2026-12-02", "2026-12-02"]),
        "row_id": ["r1", "r2", "r3", "r4"],
    })
    ids = rules._RowIds(obs)
    assert ids("A", pd.Timestamp("2026-12-02")) == ["r2", "r4"]
    assert ids("A", date(2026, 12, 1)) == ["r1"]
    assert ids("B", pd.Timestamp("2026-12-01")) == []
    assert ids("C", pd.Timestamp("2026-12-02")) == []
    assert ids("A", pd.NaT) == []
    as_dates = obs.assign(date=obs["date"].dt.date)  # a column of dates, not datetime64: compared as they are
    assert rules._RowIds(as_dates)("A", date(2026, 12, 2)) == ["r2", "r4"]
