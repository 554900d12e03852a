"""Rules of round public11 (leftovers of public10 and marketplace exports of more countries), each failing without its
fix."""

from __future__ import annotations

from shared.ingest.header_currency import named_currency, split_currency
from shared.ingest.headers import map_columns
from shared.ingest.kinds import detect_kind
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind
from tests.fixtures.public.public10_shapes import TOAST_HEADER
from tests.unit.ingest.test_sales_rules import _cols


def _fields(header: list[str]) -> dict[str, str]:
    mapping = map_columns(header, DataKind.SALES)
    return {header[i]: f for i, f in mapping.fields.items()}


def test_a_void_column_is_a_yes_no_flag_not_a_status() -> None:
    """Toast's ``Void?`` was read as the order's status (``order status 'true'``): it is a yes/no column, and a voided
    line is rejected as voided, whatever the order's status."""
    assert _fields(TOAST_HEADER)["Void?"] == "voided"
    assert _fields(["Order ID", "Date", "SKU", "Qty", "Price", "Voided", "Status"])["Voided"] == "voided"
    cols, index = _cols(units=[1, 1, 1], revenue=[10.0, 20.0, 30.0], voided=["false", "true", "Yes"],
                        status=["Closed", "Closed", "Closed"])
    out = derive_sales(cols, index)
    assert out.errors.notna().tolist() == [False, True, True]
    assert out.error_field.tolist()[1:] == ["voided", "voided"]
    assert "voided" in out.errors[1]


def test_a_pending_payment_alone_is_no_sale_yet() -> None:
    """A payment status with no order status beside it: "Pending" / "Awaiting payment" was counted as sold. Most
    platforms' reports leave unpaid orders out (WooCommerce Analytics, Magento, BigCommerce, Ecwid)."""
    cols, index = _cols(units=[1, 1, 1, 1], revenue=[10.0, 20.0, 30.0, 40.0],
                        payment_status=["Paid", "Pending", "AWAITING_PAYMENT", "Refunded"])
    out = derive_sales(cols, index)
    assert out.errors.notna().tolist() == [False, True, True, False]
    assert "not a sale yet" in out.errors[1]


def test_a_currency_in_a_column_name_is_taken_off_the_name_and_read() -> None:
    """``Amount [EUR]``, ``Preis in €``, ``Total (ARS)``: the name did not match (``amounteur``) and the currency was
    lost. A bracketed word that is no currency stays."""
    assert split_currency("Total (ARS)") == ("Total", "ARS")
    assert split_currency("Amount [EUR]") == ("Amount", "EUR")
    assert split_currency("Precio (BRL)") == ("Precio", "BRL")
    assert split_currency("Preis in €") == ("Preis", "EUR")
    assert split_currency("Kwota (zł)") == ("Kwota", "PLN")
    assert split_currency("Price ($)") == ("Price", None)
    assert split_currency("Weight (kg)") == ("Weight (kg)", None)
    assert named_currency(["Precio (BRL)", "Order ID"]) == "BRL"
    assert named_currency(["Precio (BRL)", "Total (USD)"]) is None
    header = ["Order ID", "Order Date", "SKU", "Qty", "Amount [EUR]", "Discount (EUR)"]
    assert detect_kind(header) is DataKind.SALES
    assert _fields(header) == {"Order ID": "order_id", "Order Date": "date", "SKU": "sku", "Qty": "units",
                               "Amount [EUR]": "revenue", "Discount (EUR)": "discount"}


def test_column_names_of_more_languages_are_read() -> None:
    """Dutch and Polish names were unread (the files refused); more German, French, Italian and Portuguese words."""
    assert _fields(["Bestelnummer", "Besteldatum", "EAN", "Producttitel", "Aantal", "Stukprijs", "Korting"]) == {
        "Bestelnummer": "order_id", "Besteldatum": "date", "Producttitel": "product_title", "Aantal": "units",
        "Stukprijs": "unit_price", "Korting": "discount"}
    assert _fields(["Numer zamówienia", "Data zakupu", "Nazwa produktu", "Ilość", "Cena jednostkowa", "Sygnatura",
                    "Województwo"]) == {
        "Numer zamówienia": "order_id", "Data zakupu": "date", "Nazwa produktu": "product_title", "Ilość": "units",
        "Cena jednostkowa": "unit_price", "Sygnatura": "sku", "Województwo": "state"}
    assert _fields(["Bestellnummer", "Bestelldatum", "Artikelbezeichnung", "Menge", "Stückpreis", "Bundesland"]) == {
        "Bestellnummer": "order_id", "Bestelldatum": "date", "Artikelbezeichnung": "product_title", "Menge": "units",
        "Stückpreis": "unit_price", "Bundesland": "state"}
    assert _fields(["Numero ordine", "Data ordine", "Nome prodotto", "Quantità", "Prezzo unitario"]) == {
        "Numero ordine": "order_id", "Data ordine": "date", "Nome prodotto": "product_title", "Quantità": "units",
        "Prezzo unitario": "unit_price"}
