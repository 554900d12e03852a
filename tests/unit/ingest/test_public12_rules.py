"""Rules of round public12 (the leftovers of public11 and more platforms' exports), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.derive import derive_missing, summary_rows
from shared.ingest.headers import export_profile, map_columns
from shared.ingest.profile_cells import apply_cells
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind
from tests.fixtures.public.public11_shapes import LAZADA_HEADER, LIGHTSPEED_HEADER
from tests.fixtures.public.public12_heldout_shapes import TRENDYOL_HEADER
from tests.fixtures.public.public12_shapes import (
    APP_STORE_HEADER,
    BANDCAMP_HEADER,
    DEPOP_HEADER,
    GOOGLE_PLAY_HEADER,
    GUMROAD_HEADER,
    SHOPWARE_HEADER,
    WHATNOT_HEADER,
)
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
        "Order ID": "order_id",
        "Date": "date",
        "SKU": "sku",
        "Qty": "units",
        "Price": "unit_price",
        "Region": "region",
    }
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
        "Date": "date",
        "Item": "product_title",
        "Product ID": "sku",
        "Qty": "units",
        "Price": "unit_price",
    }


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


def test_english_of_names_are_read_head_last() -> None:
    """Depop's ``Date of sale`` (no date read: every row skipped) and Google Play's ``State of Buyer``."""
    fields = _fields(["Date of sale", "Description", "Item price", "State of Buyer", "Currency of Sale"])
    assert fields["Date of sale"] == "date" and fields["State of Buyer"] == "state"
    assert fields["Currency of Sale"] == "currency"


def test_a_sku_named_column_comes_before_another_alias_of_the_sku() -> None:
    """Google Play's ``Product ID`` (the app, the same on every row) came before its ``SKU ID`` and took the SKU."""
    fields = _fields(GOOGLE_PLAY_HEADER)
    assert fields["SKU ID"] == "sku" and fields.get("Product ID") != "sku"


def test_a_priced_row_without_a_quantity_is_one_unit() -> None:
    """Poshmark's and Depop's listing sold a row, a Google Play charge: no quantity column (refused, or every row
    skipped); each priced row is one unit."""
    header = ["Order Date", "Listing Title", "Order Price", "Order Status"]
    assert map_columns(header, DataKind.SALES).missing_required == []
    raw = pd.DataFrame({"date": ["2024-03-05"], "unit_price": ["12.00"]})
    assert derive_missing(DataKind.SALES, raw)["units"].tolist() == ["1"]
    assert "units" not in derive_missing(DataKind.SALES, pd.DataFrame({"date": ["2024-03-05"], "revenue": ["9"]}))


def test_an_export_s_documented_state_codes_are_read_as_words() -> None:
    """Shopware 5 writes its order and payment states as ids (``-1``, ``4`` cancelled; payment ``17`` open, ``20``
    re-crediting): the cancelled orders were sales and the refunded ones too."""
    profile = export_profile(SHOPWARE_HEADER)
    assert profile is not None and profile.name == "shopware5_orders"
    raw = pd.DataFrame({"status": ["-1", "7", "7", "4"], "payment_status": ["35", "12", "20", "17"]})
    decoded = apply_cells(raw, profile.cells)
    assert decoded["status"].tolist() == ["cancelled", "completely delivered", "completely delivered", "cancelled"]
    assert decoded["payment_status"].tolist() == ["cancelled", "completely paid", "returned", "pending"]


def test_a_returned_line_is_refunded_its_net_and_a_stated_zero_is_no_refund() -> None:
    """Gumroad: Subtotal after the discount code (no revenue column: the discount was never derived), a fully refunded
    purchase beside a Partial Refund of 0.00 (its refund stayed 0)."""
    cols, index = _cols(
        units=[1, 2],
        unit_price=[10.0, 10.0],
        line_net=[8.0, 16.0],
        refund=[0.0, 0.0],
        status=["0", "1"],
    )
    derive_sales(cols, index, statuses={"1": "returned", "0": ""})
    assert cols["discount"].tolist()[0] == 2.0
    assert cols["refund"].tolist()[1] == 16.0 and cols["units"].tolist()[1] == 0


def test_turkish_names_and_statuses_are_read() -> None:
    """Trendyol's orders in Turkish were refused ("cannot tell the kind"); İptal Edildi is no sale, İade Edildi a
    return."""
    fields = _fields(TRENDYOL_HEADER)
    assert {
        k: fields[k]
        for k in (
            "Sipariş Numarası",
            "Sipariş Tarihi",
            "Ürün Adı",
            "Adet",
            "Birim Fiyatı",
            "İndirim Tutarı",
            "Teslimat İli",
        )
    } == {
        "Sipariş Numarası": "order_id",
        "Sipariş Tarihi": "date",
        "Ürün Adı": "product_title",
        "Adet": "units",
        "Birim Fiyatı": "unit_price",
        "İndirim Tutarı": "discount",
        "Teslimat İli": "region",
    }
    cols, index = _cols(
        units=[1, 1, 1, 1],
        revenue=[10.0] * 4,
        status=["Teslim Edildi", "İptal Edildi", "İade Edildi", "Return Completed"],
    )
    out = derive_sales(cols, index)
    assert out.errors.notna().tolist() == [False, True, False, False]
    assert cols["units"].tolist()[2:] == [0, 0] and cols["refund"].tolist()[2:] == [10.0, 10.0]


def test_the_round_s_exports_are_recognised_and_their_non_sales_skipped() -> None:
    """App Store updates (7) are downloads of no money; Whatnot's and Bandcamp's payouts no sale."""
    names = {
        h[0]: export_profile(h)
        for h in (APP_STORE_HEADER, WHATNOT_HEADER, BANDCAMP_HEADER, GUMROAD_HEADER, DEPOP_HEADER)
    }
    assert [p.name if p else None for p in names.values()] == [
        "app_store_sales_summary",
        "whatnot_financial_report",
        "bandcamp_sales_report",
        "gumroad_sales",
        "depop_sales",
    ]
    app = names["Provider"]
    assert app is not None
    kinds = pd.DataFrame({"line_type": ["1", "IA1", "7", "7F"]})
    assert summary_rows(kinds, "line_type", app.line_values).tolist() == [False, False, True, True]


def test_a_catalogue_keeps_the_key_its_sales_name_beside_a_sku_code() -> None:
    """AdventureWorks' products are keyed by ProductKey (what its sales name) beside a ProductSKU code: the SKU-named
    column comes first in sales files only (the catalogue keyed by ProductSKU priced no sale)."""
    header = ["ProductKey", "ProductSubcategoryKey", "ProductSKU", "ProductName", "ProductPrice"]
    mapping = map_columns(header, DataKind.PRODUCTS)
    assert {header[i]: f for i, f in mapping.fields.items()}["ProductKey"] == "sku"
