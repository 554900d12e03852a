"""Rules of round public10 (marketplace, wholesale, restaurant and foreign-language exports), each failing without
its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.headers import export_profile, map_columns
from shared.ingest.kinds import detect_kind
from shared.ingest.parse import parse_date
from shared.ingest.sales import derive_sales
from shared.models.records import DataKind
from tests.unit.ingest.test_sales_rules import _cols, _values


def _fields(header: list[str]) -> dict[str, str]:
    mapping = map_columns(header, DataKind.SALES)
    return {header[i]: f for i, f in mapping.fields.items()}


def test_column_names_in_another_language_are_read_in_english() -> None:
    """Mercado Libre's Spanish Ventas report and Zettle's Swedish sold items: before, "cannot tell the kind" (the
    files were refused). A name's words are translated, its currency code dropped, its head read first or last."""
    meli = [
        "# de venta",
        "Fecha de venta",
        "Estado",
        "Unidades",
        "Ingresos por productos (ARS)",
        "Total (ARS)",
        "SKU",
        "Título de la publicación",
        "Comprador",
        "Código postal",
    ]
    assert detect_kind(meli) is DataKind.SALES
    assert _fields(meli) == {
        "# de venta": "order_id",
        "Fecha de venta": "date",
        "Estado": "status",
        "Unidades": "units",
        "Ingresos por productos (ARS)": "revenue",
        "SKU": "sku",
        "Título de la publicación": "product_title",
        "Comprador": "customer_id",
    }
    zettle = ["Datum", "Tid", "Kvittonummer", "Produkt", "Antal", "Pris", "Rabatt", "Moms", "Totalt"]
    assert detect_kind(zettle) is DataKind.SALES
    assert _fields(zettle) == {
        "Datum": "date",
        "Kvittonummer": "order_id",
        "Produkt": "product_title",
        "Antal": "units",
        "Pris": "unit_price",
        "Rabatt": "discount",
        "Totalt": "revenue",
    }
    # a name with a word of no known language stays unmapped, whatever its other words
    assert _fields(["Fecha de entrega prevista", "Order Date", "Qty", "SKU"]) == {
        "Order Date": "date",
        "Qty": "units",
        "SKU": "sku",
    }


def test_dates_written_with_month_names_of_other_languages_are_read() -> None:
    """``4 de julio de 2024 20:02 hs.`` (Mercado Libre), ``5. März 2024``, ``5 janvier 2024``: before, refused."""
    cells = [
        "4 de julio de 2024 20:02 hs.",
        "5. März 2024",
        "5 janvier 2024",
        "12 de março de 2023",
        "5 de foo de 2024",
        "Jan 5, 2024",
    ]
    parsed = parse_date(pd.Series(cells), order="mdy")
    assert [str(v)[:10] for v in parsed.values] == [
        "2024-07-04",
        "2024-03-05",
        "2024-01-05",
        "2023-03-12",
        "NaT",
        "2024-01-05",
    ]


def test_order_statuses_in_another_language_cancel_or_return_a_line() -> None:
    """Mercado Libre's ``Cancelada`` is no sale and ``Devolución finalizada`` a return: before, both were sales."""
    cols, index = _cols(
        units=[1, 2, 1],
        revenue=[10.0, 20.0, 15.0],
        status=["Entregado", "Cancelada por el comprador", "Devolución finalizada"],
    )
    out = derive_sales(cols, index)
    assert out.errors.notna().tolist() == [False, True, False]
    assert _values(cols["units"])[2] == 0 and _values(cols["refund"])[2] == 15.0


def test_a_total_after_the_discount_is_the_lines_net_when_the_values_prove_it() -> None:
    """Zettle's ``Totalt`` is the line after its ``Rabatt``: read as revenue, every discount was taken off revenue
    twice (revenue 10,464.50 for 10,626.10 sold in March). Where one discounted line's total is its undiscounted
    value, the total stays revenue."""
    cols, index = _cols(
        units=[2, 1, 3], unit_price=[35.0, 42.0, 25.0], discount=[7.0, 0.0, 7.5], revenue=[63.0, 42.0, 67.5]
    )
    derive_sales(cols, index)
    assert _values(cols["revenue"]) == [70.0, 42.0, 75.0] and _values(cols["discount"]) == [7.0, 0.0, 7.5]
    cols, index = _cols(units=[2, 3], unit_price=[35.0, 25.0], discount=[7.0, 7.5], revenue=[63.0, 75.0])
    derive_sales(cols, index)
    assert _values(cols["revenue"]) == [63.0, 75.0]


def test_marketplace_and_restaurant_exports_are_read_by_their_own_columns() -> None:
    """TikTok Shop's order export was read as products (``Created Time`` no date, no revenue column); Toast's item
    selections had every line rejected (its SKU column empty, ``Menu Item`` unread); Walmart's ``Item Cost`` was no
    revenue."""
    from tests.fixtures.public import public10_shapes as shapes

    for header, name, revenue in (
        (shapes.TIKTOK_HEADER, "tiktok_shop_orders", "SKU Subtotal Before Discount"),
        (shapes.TOAST_HEADER, "toast_item_selections", "Gross Price"),
        (shapes.WALMART_HEADER, "walmart_marketplace_orders", "Item Cost"),
    ):
        profile = export_profile(header)
        assert profile is not None and profile.name == name
        assert _fields(header)[revenue] == "revenue"
    assert _fields(shapes.TIKTOK_HEADER)["Cancelation/Return Type"] == "status"
    assert _fields(shapes.TOAST_HEADER)["Location"] == "channel"


def test_a_wholesalers_retailer_is_its_customer_and_place() -> None:
    """Faire's ``Wholesale Price`` is the unit price and the retailer's state the line's: before, revenue and states
    were unknown."""
    from tests.fixtures.public import public10_shapes as shapes

    fields = _fields(shapes.FAIRE_HEADER)
    assert fields["Wholesale Price"] == "unit_price" and fields["Retailer State"] == "state"
    assert fields["Retailer Name"] == "customer_id"


def test_a_word_of_two_meanings_reads_as_the_second_when_the_first_is_taken() -> None:
    """Mercado Libre writes ``Estado`` twice: the sale's status, then (in the buyer's address) the buyer's state.
    Before, the second was unread and "which state had the most revenue" was refused."""
    header = [
        "# de venta",
        "Fecha de venta",
        "Estado",
        "Unidades",
        "Ingresos por productos (ARS)",
        "SKU",
        "Domicilio",
        "Estado",
        "País",
    ]
    mapping = map_columns(header, DataKind.SALES)
    assert (mapping.fields[2], mapping.fields[7], mapping.fields[8]) == ("status", "state", "country")


def test_an_orders_total_as_paid_less_its_tax_and_tip_is_its_sale() -> None:
    """Clover's orders export: Order Total with its tax and tip in it, its Discount already off. Before, the file was
    read as order headers waiting for lines that never come (no sale stored)."""
    from tests.fixtures.public import public10_shapes as shapes

    profile = export_profile(shapes.CLOVER_HEADER)
    assert profile is not None and profile.name == "clover_orders"
    cols, index = _cols(order_id=["a", "b"], status=["Paid", "Paid"], discount=[2.0, 0.0])
    cols |= {
        "grand_total": pd.Series([26.35, 10.7], index=index),
        "tax_amount": pd.Series([1.35, 0.7], index=index),
        "tip_amount": pd.Series([3.0, 0.0], index=index),
    }
    derive_sales(cols, index)
    assert _values(cols["revenue"]) == [24.0, 10.0] and _values(cols["discount"]) == [2.0, 0.0]


# ------------------------------------------------------------------------- after the held-out measurement (0 of 19)
def test_held_out_headers_are_read() -> None:
    """Amazon's Date Range report (``date/time``: no date before, the file refused), Shopify Payments' transactions
    ("cannot tell the kind") and Nuvemshop's Portuguese orders (``Nome do Produto``, ``Quantidade Comprada``,
    ``Valor do Produto``, ``Status do Pagamento`` unread: "cannot tell the kind")."""
    from tests.fixtures.public import public10_heldout_shapes as shapes

    assert _fields(["date/time", "order id", "sku", "quantity", "product sales"])["date/time"] == "date"
    for header, name in (
        (shapes.AMAZON_RANGE_HEADER, "amazon_date_range_transactions"),
        (shapes.SHOPIFY_PAYMENTS_HEADER, "shopify_payments_transactions"),
    ):
        profile = export_profile(header)
        assert profile is not None and profile.name == name and profile.summary_rows is not None
    fields = _fields(shapes.NUVEMSHOP_HEADER)
    assert {
        h: fields.get(h)
        for h in (
            "Nome do Produto",
            "Quantidade Comprada",
            "Valor do Produto",
            "Status do Pedido",
            "Status do Pagamento",
            "Estado",
        )
    } == {
        "Nome do Produto": "product_title",
        "Quantidade Comprada": "units",
        "Valor do Produto": "unit_price",
        "Status do Pedido": "status",
        "Status do Pagamento": "payment_status",
        "Estado": "state",
    }


def test_an_orders_total_and_discount_on_its_first_row_only_are_the_orders() -> None:
    """Nuvemshop writes the order's Total and Desconto on its first product's row: read as that line's revenue and
    discount, the first line took the order's shipping and whole discount. A total on every row stays the line's."""
    cols, index = _cols(
        order_id=["1", "1", "2"],
        units=[1, 2, 1],
        unit_price=[10.0, 5.0, 8.0],
        revenue=[23.0, None, 11.0],
        discount=[2.0, None, 0.0],
    )
    derive_sales(cols, index)
    assert "revenue" not in cols  # each line is valued at units x unit price
    assert _values(cols["discount"]) == [1.0, 1.0, 0.0]  # the order's 2.00 spread by value
    cols, index = _cols(
        order_id=["1", "1", "2"], units=[1, 2, 1], unit_price=[10.0, 5.0, 8.0], revenue=[10.0, 10.0, 8.0]
    )
    derive_sales(cols, index)
    assert _values(cols["revenue"]) == [10.0, 10.0, 8.0]


def test_a_payment_status_beside_the_order_status_decides_refunds_and_pending_payments() -> None:
    """An order "Fechado" whose payment was "Estornado" is a return and one whose payment is "Pendente" no sale yet;
    before, the payment's status was unread (both counted as sales). Alone, a payment status is the status."""
    cols, index = _cols(
        units=[1, 1, 1, 1],
        revenue=[10.0, 20.0, 30.0, 40.0],
        status=["Fechado", "Fechado", "Aberto", "Cancelado"],
        payment_status=["Pago", "Estornado", "Pendente", "Cancelado"],
    )
    out = derive_sales(cols, index)
    assert out.errors.notna().tolist() == [False, False, True, True]
    assert _values(cols["refund"])[1] == 20.0 and _values(cols["units"])[1] == 0
    cols, index = _cols(units=[1, 1], revenue=[10.0, 20.0], payment_status=["Pago", "Cancelado"])
    assert derive_sales(cols, index).errors.notna().tolist() == [False, True]
