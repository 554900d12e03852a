"""Sales rules 9 and 10 (``shared.ingest.sales``), as dunnhumby's Complete Journey needs them.

Rule 9: the retailer's discounts that revenue is already after (loyalty card, coupon match) are summed into the
line's discount and marked as taken off. Rule 10: a metered quantity (fuel in thousandths of a gallon) is one unit.
"""

from __future__ import annotations

import pandas as pd

from shared.ingest.derive import plain_exponents
from shared.ingest.headers import map_columns
from shared.ingest.kinds import detect_kind
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind


def _frame(**columns: list[float | None]) -> tuple[dict[str, pd.Series], pd.Index]:
    index = pd.RangeIndex(len(next(iter(columns.values()))))
    return {name: pd.Series(pd.array(values, dtype="Int64"), index=index) if name == "units"
            else pd.Series(values, index=index, dtype="float64") for name, values in columns.items()}, index


def test_discounts_already_taken_off_are_summed_and_marked() -> None:
    cols, index = _frame(units=[1, 2, 1], revenue=[0.99, 3.0, 2.0], loyalty_discount=[0.10, -0.5, None],
                         coupon_match_discount=[0.0, -0.25, None])
    derive_sales(cols, index)
    assert "loyalty_discount" not in cols and "coupon_match_discount" not in cols
    assert cols["discount"].tolist()[:2] == [0.10, 0.75]  # the original's negative amounts are amounts too
    assert pd.isna(cols["discount"].iloc[2])
    assert cols["discount_included"].tolist()[:2] == [True, True] and pd.isna(cols["discount_included"].iloc[2])
    assert cols["revenue"].tolist() == [0.99, 3.0, 2.0]  # revenue stays what the retailer received


def test_metered_lines_count_one_unit_only_where_the_profile_says_so() -> None:
    # 10.6 gallons of fuel for 25.00; 144 ears of corn at 0.17 each; 11 units at a tenth of a cent
    rows: dict[str, list[float | None]] = {"units": [10601, 144, 11, 10, 0], "revenue": [25.0, 24.0, 0.011, 0.05, 0.0]}
    cols, index = _frame(**rows)
    outcome = derive_sales(cols, index, metered_units=True)
    assert cols["units"].tolist() == [1, 144, 1, 10, 0] and outcome.metered == 2
    assert cols["revenue"].tolist() == [25.0, 24.0, 0.011, 0.05, 0.0]
    plain, index = _frame(**rows)
    assert derive_sales(plain, index).metered == 0 and plain["units"].tolist() == rows["units"]


def test_the_two_forms_are_told_apart_by_their_headers() -> None:
    r_package = ["household_id", "store_id", "basket_id", "product_id", "quantity", "sales_value", "retail_disc",
                 "coupon_disc", "coupon_match_disc", "week", "transaction_timestamp"]
    assert detect_kind(r_package) is DataKind.SALES
    mapping = map_columns(r_package, DataKind.SALES)
    assert mapping.profile is not None and mapping.profile.metered_units
    assert mapping.as_document() == {
        "household_id": "customer_id", "store_id": "channel", "basket_id": "order_id", "product_id": "sku",
        "quantity": "units", "sales_value": "revenue", "retail_disc": "loyalty_discount", "coupon_disc": None,
        "coupon_match_disc": "coupon_match_discount", "week": None, "transaction_timestamp": "date"}
    original = ["PRODUCT_ID", "MANUFACTURER", "DEPARTMENT", "BRAND", "COMMODITY_DESC", "SUB_COMMODITY_DESC",
                "CURR_SIZE_OF_PRODUCT"]
    assert detect_kind(original) is DataKind.PRODUCTS
    assert map_columns(original, DataKind.PRODUCTS).fields == {0: "sku", 3: "brand", 4: "category", 5: "title",
                                                               6: "size"}


def test_exponent_dust_reads_as_the_decimal_it_is_only_where_a_profile_says_so() -> None:
    raw = pd.DataFrame({"revenue": ["1.110223e-16", "2.50", None, "1E+3", "-4.44089e-16", "12e"],
                        "sku": ["1e5"] * 6})
    out = plain_exponents(raw, frozenset({"revenue", "discount"}))
    assert out["revenue"].tolist()[:2] == ["0", "2.50"] and pd.isna(out["revenue"].iloc[2])
    assert out["revenue"].tolist()[3:] == ["1000", "0", "12e"]  # never "-0"; what is no number stays as it is
    assert out["sku"].tolist() == ["1e5"] * 6  # a field the profile does not name is left alone


def test_r_write_csv_row_names_column_is_passed_over() -> None:
    """R's ``write.csv`` puts an unnamed row-number column first: the receipts are still the R package's."""
    header = ["", "household_id", "store_id", "basket_id", "product_id", "quantity", "sales_value", "retail_disc",
              "coupon_disc", "coupon_match_disc", "week", "transaction_timestamp"]
    mapping = map_columns(header, detect_kind(header))
    assert mapping.profile is not None and mapping.profile.name == "completejourney_transactions"
    assert mapping.as_document()[""] is None and not mapping.missing_required


def test_promotional_support_and_a_regular_price() -> None:
    cols, index = _frame(units=[10, 4, 3, 2], revenue=[27.8, 8.0, 9.0, 5.0], unit_price=[2.78, 2.0, 3.0, None],
                         base_price=[2.78, 2.5, 2.9, 3.0], promo_feature=[0.0, 1.0, 0.0, None],
                         promo_display=[0.0, 0.0, 0.0, None], promo_price_cut=[0.0, 0.0, 1.0, None])
    derive_sales(cols, index)
    assert [None if pd.isna(v) else bool(v) for v in cols["promo"]] == [False, True, True, None]
    # the regular price less the price paid, per unit sold; never below 0; unknown without a price paid
    assert cols["discount"].tolist()[:3] == [0.0, 2.0, 0.0] and pd.isna(cols["discount"].iloc[3])
    assert cols["discount_included"].tolist()[:3] == [True, True, True]
    assert not {"promo_feature", "promo_display", "promo_price_cut", "base_price"} & cols.keys()
