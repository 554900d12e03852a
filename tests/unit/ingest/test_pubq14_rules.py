"""Rules of question round pubq14 (four public sales datasets asked through the CLI), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.discount import rate_header
from shared.ingest.sales import return_flags_as_status
from tests.fixtures.public.pubq14_heldout_shapes import CAR_HEADER
from tests.fixtures.public.pubq14_shapes import BEHAVIOR_HEADER, US_REGIONAL_HEADER
from tests.unit.ingest.test_public13_rules import _fields


def test_a_purchase_s_total_is_its_revenue_and_discount_applied_a_rate() -> None:
    """E-commerce Customer Behavior's Total Purchase Amount was no column (revenue was Product Price x Quantity); US
    Regional Sales' Discount Applied (0.075) was no discount at all."""
    behavior, regional = _fields(BEHAVIOR_HEADER), _fields(US_REGIONAL_HEADER)
    assert (behavior["Total Purchase Amount"], behavior["Product Price"]) == ("revenue", "unit_price")
    assert regional["Discount Applied"] == "discount" and rate_header("Discount Applied")


def test_a_dealer_s_region_is_the_sale_s_region() -> None:
    """Car Sales Report's Dealer_Region: "which region" was refused (no region column)."""
    assert _fields(CAR_HEADER)["Dealer_Region"] == "region"


def test_a_returns_flag_is_a_returned_status_not_a_count() -> None:
    """``Returns`` ``1.0`` on a purchase of 4 units was one unit back of a sale: the purchase came back whole."""
    raw = pd.DataFrame(
        {
            "returned_units": ["1.0", "0.0", None, "1.0"],
            "units": ["4", "2", "1", "1"],
            "status": [None, None, None, "Cancelled"],
        }
    )
    read = return_flags_as_status(raw)
    assert "returned_units" not in read and read["status"].fillna("").tolist() == ["returned", "", "", "Cancelled"]
    words = pd.DataFrame({"returned_units": ["Yes", "No"], "units": ["1", "1"]})
    assert return_flags_as_status(words)["status"].fillna("").tolist() == ["returned", ""]
    counts = pd.DataFrame({"returned_units": ["1", "0", "1"], "units": ["1", "3", "1"]})
    assert return_flags_as_status(counts) is counts  # a unit back of one sold reads the same as a count: kept
    many = pd.DataFrame({"returned_units": ["2", "0"], "units": ["3", "3"]})
    assert return_flags_as_status(many) is many  # a count
