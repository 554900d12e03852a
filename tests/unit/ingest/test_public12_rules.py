"""Rules of round public12 (the leftovers of public11 and more platforms' exports), each failing without its fix."""

from __future__ import annotations

from shared.ingest.headers import map_columns
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind
from tests.fixtures.public.public11_shapes import LAZADA_HEADER, LIGHTSPEED_HEADER
from tests.unit.ingest.test_sales_rules import _cols


def _fields(header: list[str]) -> dict[str, str]:
    mapping = map_columns(header, DataKind.SALES)
    return {header[i]: f for i, f in mapping.fields.items()}


def test_a_region_column_wins_over_a_city_before_it() -> None:
    """Lazada's ``Shipping City`` comes before its ``Shipping Region``: the first column took the region. A city stands
    in for the region only where no column names one."""
    fields = _fields(LAZADA_HEADER)
    assert fields["Shipping Region"] == "region" and "Shipping City" not in fields
    assert _fields(["Order ID", "Date", "SKU", "Qty", "Price", "City", "Region"]) == {
        "Order ID": "order_id", "Date": "date", "SKU": "sku", "Qty": "units", "Price": "unit_price", "Region": "region"}
    # without a region column a city is still the region, in English or another language
    assert _fields(["Order ID", "Date", "SKU", "Qty", "Price", "Shipping City"])["Shipping City"] == "region"
    assert _fields(["Bestelnummer", "Besteldatum", "EAN", "Aantal", "Stukprijs", "Plaats"])["Plaats"] == "region"


def test_a_sku_named_column_wins_over_a_description_like_item() -> None:
    """Lightspeed Retail's ``Item`` (the product's description) was read as the SKU ahead of its ``Custom SKU``; a bare
    ``Item`` is the SKU only where no column names one, else the product's name."""
    fields = _fields(LIGHTSPEED_HEADER)
    assert fields["Custom SKU"] == "sku" and fields["Item"] == "product_title"
    assert _fields(["Date", "Item", "Qty", "Price"])["Item"] == "sku"
    assert _fields(["Date", "Item", "Product ID", "Qty", "Price"]) == {
        "Date": "date", "Item": "product_title", "Product ID": "sku", "Qty": "units", "Price": "unit_price"}


def test_a_failed_payment_is_rejected_as_failed_not_cancelled() -> None:
    """SumUp's ``Fallita`` (a failed card payment) was rejected as "a cancelled order line"; it says the payment failed,
    in any of the languages read (``Failed``, ``Declined``, ``Fallita``, WooCommerce's ``wc-failed``)."""
    statuses = ["Riuscita", "Fallita", "Declined", "wc-failed", "Cancelled"]
    cols, index = _cols(units=[1] * 5, revenue=[10.0] * 5, status=statuses)
    out = derive_sales(cols, index)
    errors = out.errors.tolist()
    assert errors[0] is None or errors[0] != errors[0]  # NaN: no error
    assert all("the payment failed" in e for e in errors[1:4]), errors
    assert errors[4] == "order status 'Cancelled': a cancelled order line is not a sale"
