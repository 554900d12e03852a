from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.processing.gaps import GapContext, fill_inventory, fill_reviews, fill_sales


def _sales(rows: list[tuple[str, date, int, float | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sku", "date", "units", "unit_price", "revenue"])


def test_unit_price_sources_in_order() -> None:
    rows = _sales([
        ("A", date(2024, 1, 1), 4, None, 10.0),   # revenue / units
        ("B", date(2024, 1, 1), 1, None, None),   # product price
        ("C", date(2024, 1, 1), 2, 7.0, None),    # has a price; revenue derived
        ("C", date(2024, 1, 2), 1, None, None),   # forward fill within the batch
        ("D", date(2024, 1, 1), 1, None, None),   # last known price from history
        ("E", date(2024, 1, 1), 0, None, 5.0),    # zero units: revenue/units undefined, nothing else known
    ])
    ctx = GapContext(product_prices={"B": 12.0}, last_prices={"D": 3.5})
    out, applied = fill_sales(rows, ctx)
    flags = applied.per_row()
    assert out["unit_price"].tolist()[:5] == [2.5, 12.0, 7.0, 7.0, 3.5]
    assert pd.isna(out["unit_price"].iloc[5])
    assert out["revenue"].tolist()[:5] == [10.0, 12.0, 14.0, 7.0, 3.5]
    actions = {i: [f["action"] for f in fs] for i, fs in flags.items()}
    assert actions == {
        0: ["derived_from_revenue"],
        1: ["filled_from_product_price", "derived_from_price_x_units"],
        2: ["derived_from_price_x_units"],
        3: ["forward_filled_last_price", "derived_from_price_x_units"],
        4: ["forward_filled_last_price", "derived_from_price_x_units"],
        5: ["missing_no_source"],
    }


def test_forward_fill_never_uses_a_later_price() -> None:
    rows = _sales([("C", date(2024, 1, 2), 1, 9.0, None), ("C", date(2024, 1, 1), 1, None, None)])
    out, applied = fill_sales(rows, GapContext())
    flags = applied.per_row()
    assert pd.isna(out["unit_price"].iloc[1])
    assert flags[1][0]["action"] == "missing_no_source"


def test_complete_rows_are_untouched() -> None:
    rows = _sales([("A", date(2024, 1, 1), 2, 3.0, 6.0)])
    out, applied = fill_sales(rows, GapContext())
    flags = applied.per_row()
    assert flags == {}
    pd.testing.assert_frame_equal(out, rows.astype({"unit_price": "float64", "revenue": "float64"}))


def test_reviews_keep_missing_rating_null_and_flag_it() -> None:
    rows = pd.DataFrame({"review_id": ["1", "2"], "rating": [5, None]})
    out, applied = fill_reviews(rows)
    flags = applied.per_row()
    assert pd.isna(out["rating"].iloc[1])
    assert list(flags) == [1] and flags[1][0]["action"] == "missing_kept_null"


def test_lead_time_from_sku_history_then_tenant_default() -> None:
    rows = pd.DataFrame({"sku": ["A", "A", "B", "C"],
                         "date": [date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 1), date(2024, 1, 1)],
                         "lead_time_days": [10, None, None, None]})
    out, applied = fill_inventory(rows, GapContext(last_lead_times={"B": 21}, default_lead_time_days=30))
    flags = applied.per_row()
    assert out["lead_time_days"].tolist() == [10, 10, 21, 30]
    assert [flags[i][0]["action"] for i in (1, 2, 3)] == [
        "default_from_sku_history", "default_from_sku_history", "default_from_tenant"]
    assert 0 not in flags


money = st.none() | st.floats(0, 1000, allow_nan=False).map(lambda v: round(v, 2))


@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(1, 5), st.integers(0, 20), money, money),
                min_size=1, max_size=25),
       st.dictionaries(st.sampled_from(["A", "B", "C"]), st.floats(0.01, 500, allow_nan=False)))
def test_fill_sales_properties(rows: list[tuple[str, int, int, float | None, float | None]],
                               product_prices: dict[str, float]) -> None:
    frame = _sales([(sku, date(2024, 1, day), units, price, revenue) for sku, day, units, price, revenue in rows])
    out, applied = fill_sales(frame, GapContext(product_prices=product_prices))
    flags = applied.per_row()
    before_price = frame["unit_price"].astype("float64")
    before_revenue = frame["revenue"].astype("float64")
    after_price, after_revenue = out["unit_price"].astype("float64"), out["revenue"].astype("float64")
    for i in frame.index:
        changed = {f["field"] for f in flags.get(i, []) if f["action"] != "missing_no_source"}
        # Present values are never changed; every change is flagged.
        if pd.notna(before_price[i]):
            assert after_price[i] == before_price[i] and "unit_price" not in changed
        else:
            assert ("unit_price" in changed) == pd.notna(after_price[i])
        if pd.notna(before_revenue[i]):
            assert after_revenue[i] == before_revenue[i] and "revenue" not in changed
        elif pd.notna(after_price[i]):
            assert after_revenue[i] == pytest.approx(after_price[i] * frame["units"][i], abs=0.01)
        assert pd.isna(after_price[i]) or after_price[i] >= 0
        if frame.at[i, "sku"] in product_prices and pd.isna(before_price[i]):
            assert pd.notna(after_price[i])  # a known product price always fills a gap
