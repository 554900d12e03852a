"""The twenty-seventh question round's ingest rule: a place of sale that is no store column is the channel."""

from __future__ import annotations

import pytest

from shared.ingest.headers import map_columns
from shared.models.records import DataKind


def _fields(headers: list[str]) -> dict[str, str]:
    mapping = map_columns(headers, DataKind.SALES)
    return {headers[i]: f for i, f in mapping.fields.items()}


@pytest.mark.parametrize("place", ["Branch", "Machine", "Vending Machine", "Kiosk", "Warehouse", "Warehouse Name"])
def test_a_branch_machine_or_warehouse_is_where_the_line_was_sold(place: str) -> None:
    """Before: left unmapped, so "which machine sold the most" had no dimension to rank."""
    assert _fields(["Date", place, "Product", "Quantity", "Total"])[place] == "channel"


def test_a_channel_named_as_one_keeps_the_channel() -> None:
    fields = _fields(["Warehouse", "Order ID", "Date", "Sales Channel", "SKU", "Qty", "Price"])
    assert fields["Sales Channel"] == "channel" and "Warehouse" not in fields


def test_the_vending_machine_sales_machine_is_its_channel_and_location_its_region() -> None:
    fields = _fields(
        [
            "Status",
            "Device ID",
            "Location",
            "Machine",
            "Product",
            "Category",
            "Transaction",
            "TransDate",
            "Type",
            "RCoil",
            "RPrice",
            "RQty",
            "MCoil",
            "MPrice",
            "MQty",
            "LineTotal",
            "TransTotal",
            "Prcd Date",
        ]
    )
    assert fields["Machine"] == "channel" and fields["Location"] == "region"
