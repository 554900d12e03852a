"""How a profile's cells are made plain: weights to whole units, NULL markers, labels, titles, price runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from shared.ingest.headers import ProfileCells
from shared.ingest.m5 import PriceRuns
from shared.ingest.profile_cells import apply_cells, whole_units, with_rounded


def test_weights_are_rounded_half_away_from_zero_and_flagged() -> None:
    got = whole_units(pd.Series(["180.589", "2.0", "0.5", "-1.5", "-0.4", "", "x"]), decimal_comma=False)
    assert [None if pd.isna(v) else int(v) for v in got.parsed.values] == [181, 2, 1, -2, 0, None, None]
    assert got.rounded.tolist() == [True, False, True, True, True, False, False]
    assert got.parsed.errors.tolist()[6] == "not a number"


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3)), max_size=50))
def test_a_rounded_quantity_moves_by_at_most_half_a_unit(values: list[float]) -> None:
    got = whole_units(pd.Series([repr(v) for v in values], dtype=object), decimal_comma=False)
    stored = np.array(got.parsed.values.tolist(), dtype=float) if values else np.array([])
    assert np.all(np.abs(stored - np.array(values)) <= 0.5)


def test_missing_markers_labels_and_titles() -> None:
    cells = ProfileCells(frozenset({"\\N"}), (("channel", "store "),), (("title", "item {sku}"),))
    raw = pd.DataFrame({"sku": ["96995", "\\N", "103520"], "channel": ["44", "", "\\N"]})
    got = apply_cells(raw, cells)
    assert got["sku"].tolist() == ["96995", None, "103520"]
    assert got["channel"].tolist() == ["store 44", "", None]
    assert got["title"].tolist() == ["item 96995", None, "item 103520"]


def test_the_rounded_flag_joins_a_rows_other_flags() -> None:
    flags = pd.Series(["[]", '["date_order:mdy"]', "[]"])
    got = with_rounded(flags, np.array([True, True, False]))
    assert got.tolist() == ['["units:rounded"]', '["date_order:mdy", "units:rounded"]', "[]"]


def test_weekly_prices_are_kept_as_the_weeks_they_change_in_any_row_order() -> None:
    runs = PriceRuns()
    rows = pd.DataFrame({"store_id": ["CA_1"] * 5 + [""], "item_id": ["H_1"] * 5 + ["H_2"],
                         "wm_yr_wk": ["11103", "11101", "11102", "11104", "11105", "11101"],
                         "sell_price": ["8.26", "9.58", "9.58", "8.26", "x", "1"]})
    good = runs.add(rows)
    assert good.tolist() == [True, True, True, True, False, False]
    assert runs.refs().to_dict("records") == [{"ref_id": "CA_1|H_1", "ref_value": "11101:9.58;11103:8.26"}]
