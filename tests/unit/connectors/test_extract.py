from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.connectors.extract import extract_price, parse_price

PAGES = Path(__file__).parent / "pages"


def _page(name: str) -> str:
    return (PAGES / name).read_text()


@pytest.mark.parametrize(
    ("page", "price", "currency", "in_stock", "on_sale", "source"),
    [
        ("jsonld_only.html", "89.90", "EUR", True, False, "json-ld"),
        ("microdata_only.html", "12.50", "USD", True, False, "microdata"),
        ("sale_price.html", "29.99", "USD", True, True, "json-ld"),
        ("out_of_stock.html", "1299.00", "EUR", False, False, "json-ld"),
        ("several_prices_with_og.html", "49.00", "GBP", None, False, "json-ld"),
        ("broken_jsonld_microdata.html", "24.95", "USD", None, False, "microdata"),
        ("meta_only.html", "9.99", "USD", True, False, "meta"),
    ],
)
def test_fixture_pages_give_the_right_price(
    page: str, price: str, currency: str, in_stock: bool | None, on_sale: bool, source: str
) -> None:
    result = extract_price(_page(page))
    assert result.status == "ok", result.warnings
    assert result.price == Decimal(price)
    assert result.currency == currency
    assert result.in_stock is in_stock
    assert result.on_sale is on_sale
    assert result.source == source


def test_sale_page_reports_list_price() -> None:
    result = extract_price(_page("sale_price.html"))
    assert result.list_price == Decimal("39.99")


def test_several_products_without_a_main_one_is_ambiguous() -> None:
    result = extract_price(_page("several_prices_ambiguous.html"))
    assert result.status == "ambiguous"
    assert result.price is None
    assert {c.price for c in result.candidates} == {Decimal("49.00"), Decimal("29.00")}


def test_broken_jsonld_is_reported_not_fatal() -> None:
    result = extract_price(_page("broken_jsonld_microdata.html"))
    assert "broken JSON-LD block ignored" in result.warnings


def test_selector_override_picks_main_offer() -> None:
    selectors = {
        "price": ".product .price-now",
        "list_price": ".product .price-was",
        "stock": ".product .stock",
        "currency": "CHF",
    }
    result = extract_price(_page("selector_only.html"), selectors=selectors)
    assert (result.status, result.price, result.list_price, result.on_sale, result.in_stock) == (
        "ok",
        Decimal("79.00"),
        Decimal("99.00"),
        True,
        True,
    )


def test_page_without_price_is_not_found() -> None:
    assert extract_price(_page("no_price.html")).status == "not_found"


@pytest.mark.parametrize(
    ("text", "value"),
    [("$1,299.00", "1299.00"), ("1.299,00 €", "1299.00"), ("EUR 12,50", "12.50"), ("19.99", "19.99"), ("CHF 79", "79")],
)
def test_parse_price_formats(text: str, value: str) -> None:
    assert parse_price(text) == Decimal(value)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2))
def test_parse_price_roundtrips_both_conventions(value: Decimal) -> None:
    us = f"{value:,.2f}"
    eu = us.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_price(f"${us}") == value
    assert parse_price(f"{eu} €") == value


_EXPECTED = {k: v for k, v in json.loads((PAGES / "expected.json").read_text()).items() if not k.startswith("_")}


@pytest.mark.parametrize("page", sorted(_EXPECTED))
def test_every_fixture_page_matches_its_expected_reading(page: str) -> None:
    expected = _EXPECTED[page]
    result = extract_price(_page(page), selectors=expected.get("selectors"))
    got = {"status": result.status, "price": result.price, "currency": result.currency,
           "list_price": result.list_price, "high_price": result.high_price, "in_stock": result.in_stock}
    for key, value in expected.items():
        if key in got:
            want = Decimal(value) if key.endswith("price") and value is not None else value
            assert got[key] == want, (key, result.warnings)


def test_carousel_of_other_products_does_not_hide_the_pages_own_product() -> None:
    result = extract_price(_page("carousel_h1_match.html"))
    assert result.status == "ok" and result.name == "Acme Espresso Machine X200"
    assert {c.price for c in result.candidates} == {Decimal("249.00"), Decimal("59.00"), Decimal("129.00")}
    # same page without the identifying h1 is ambiguous again
    stripped = _page("carousel_h1_match.html").replace('<h1 class="product-title">Acme Espresso Machine X200</h1>', "")
    assert extract_price(stripped).status == "ambiguous"


def test_near_identical_names_are_not_an_identity() -> None:
    page = _page("itemlist_related_h1.html").replace("750&nbsp;ml</h1>", "1 l</h1>").replace(
        "<title>Stainless water bottle 750 ml | Hydro</title>", "")
    assert extract_price(page).status == "ambiguous"


def test_aggregate_offer_is_a_range_not_a_sale() -> None:
    result = extract_price(_page("aggregate_offer_range.html"))
    assert (result.price, result.high_price, result.list_price, result.on_sale) == (
        Decimal("19.99"), Decimal("34.99"), None, False)


def test_bare_prices_without_markup() -> None:
    two = extract_price(_page("two_bare_prices.html"))
    assert two.status == "ambiguous" and {c.price for c in two.candidates} == {Decimal("24.99"), Decimal("19.99")}
    sale = extract_price(_page("woocommerce_del_ins.html"))
    assert (sale.status, sale.price, sale.list_price, sale.on_sale, sale.source) == (
        "ok", Decimal("29.00"), Decimal("39.00"), True, "text")
