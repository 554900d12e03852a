"""Analytics reports, catalogue feeds and order lists as downloaded (``shared.ingest.headers.REPORT_PROFILES``) and the
generic rules public8 generalised: each is told its kind by its own header, before the generic aliases."""

from __future__ import annotations

import pandas as pd
import pytest

from shared.errors import InvalidInput
from shared.ingest.derive import repeated_rows
from shared.ingest.headers import export_profile, map_columns, require_columns
from shared.ingest.kinds import dataset_part, detect_kind
from shared.ingest.order_parts import name_things
from shared.ingest.parts import PartRole
from shared.models.records import DataKind
from tests.fixtures.public import public8_shapes


def _header(files: dict[str, str], name: str, sep: str = ",") -> list[str]:
    return files[name].splitlines()[0].replace('"', "").split(sep)


def test_a_product_feed_is_a_catalogue_not_reviews() -> None:
    """Before: Google Merchant Center's feed (``id``, ``title``, ``description``, ``price``) was stored as reviews."""
    header = _header(public8_shapes.merchant_feed(3), "products.tsv", "\t")
    assert detect_kind(header) is DataKind.PRODUCTS
    fields = set(map_columns(header, DataKind.PRODUCTS).fields.values())
    assert {"sku", "title", "price", "brand", "gtin", "category"} <= fields


def test_an_item_type_names_the_product_sold_when_nothing_else_does() -> None:
    """E for Excel's Sales Records (``Item Type``, ``Total Revenue``, ``Total Profit``) was refused: kind unknown."""
    header = _header(public8_shapes.sales_records(3), "100 Sales Records.csv")
    assert detect_kind(header) is DataKind.SALES
    mapping = map_columns(header, DataKind.SALES)
    assert mapping.category_as_product
    assert {"revenue", "line_profit", "line_cost", "units", "unit_price", "order_id", "channel", "country",
            "region"} <= set(mapping.fields.values())


def test_reports_and_order_lists_are_told_by_their_headers() -> None:
    analytics = public8_shapes.shopify_analytics(3)
    named = {name.split(" - ")[0]: _header(analytics, name) for name in analytics}
    assert export_profile(named["Sales over time"]).name == "shopify_sales_over_time"  # type: ignore[union-attr]
    assert export_profile(named["Sales by product"]).name == "shopify_sales_by_product"  # type: ignore[union-attr]
    presta = public8_shapes.prestashop_orders(3)
    assert export_profile(_header(presta, next(iter(presta)), ";")).name == "prestashop_orders"  # type: ignore[union-attr]
    hm = public8_shapes.hm(5)
    assert export_profile(_header(hm, "transactions_train.csv")).name == "hm_transactions"  # type: ignore[union-attr]
    assert export_profile(_header(hm, "articles.csv")).name == "hm_articles"  # type: ignore[union-attr]


def test_lookup_tables_naming_by_a_bare_word_name_the_catalogues_ids() -> None:
    """Instacart's ``department_id, department`` (and aisles) were refused (kind unknown); now they are the names of
    ids, and products.csv, naming its department by id, takes them as its category."""
    instacart = public8_shapes.instacart(3)
    for name, thing in (("aisles.csv", "aisle"), ("departments.csv", "department")):
        part = dataset_part(_header(instacart, name))
        assert part is not None and (part.role, part.name) == (PartRole.NAMES, f"{thing}_names"), part
    products = dataset_part(_header(instacart, "products.csv"))
    assert products is not None and products.role is PartRole.PRODUCTS_BY_ID
    assert name_things(["department_id", "department"]) == {"department": 1}


def test_a_customer_table_is_acknowledged_not_refused() -> None:
    part = dataset_part(_header(public8_shapes.hm(5), "customers.csv"))
    assert part is not None and part.role is PartRole.UNUSED


def test_a_repeated_row_is_one_more_unit_of_the_first() -> None:
    raw = pd.DataFrame({"sku": ["A", "A", "B", "A"], "date": ["d1", "d1", "d1", "d2"]})
    out, repeats = repeated_rows(raw)
    assert repeats.tolist() == [False, True, False, False]
    assert out["units"].tolist() == ["2", "2", "1", "1"]  # the repeat is skipped: its units are the first row's


def test_a_review_exports_prefixed_and_time_zoned_names_are_its_fields() -> None:
    """Trustpilot's ``Review Stars`` and ``Review Created (UTC)``: before, 500 reviews stored undated, unrated."""
    header = _header(public8_shapes.trustpilot_reviews(2), "trustpilot_reviews.csv")
    assert detect_kind(header) is DataKind.REVIEWS
    mapped = map_columns(header, DataKind.REVIEWS).as_document()
    assert (mapped["Review Stars"], mapped["Review Created (UTC)"], mapped["Review Content"]) == \
        ("rating", "date", "text")
    assert mapped["Company Reply Date (UTC)"] is None  # a reply's date is not the review's


def test_baskets_with_their_products_listed_are_sales_of_no_product() -> None:
    """The Retail Transactions Dataset (``Total_Items``, ``Total_Cost``, products as a list) was refused."""
    header = _header(public8_shapes.retail_transactions(2), "Retail_Transactions_Dataset.csv")
    profile = export_profile(header)
    assert profile is not None and profile.no_products and detect_kind(header) is DataKind.SALES


def test_sales_by_product_without_its_day_is_refused_with_what_to_add() -> None:
    """Shopify's Sales by product covers a period and carries no date unless split by day: refused, saying so."""
    header = [h for h in _header(public8_shapes.shopify_analytics(2), next(
        n for n in public8_shapes.shopify_analytics(2) if "by product" in n)) if h != "Day"]
    assert detect_kind(header) is DataKind.SALES
    with pytest.raises(InvalidInput, match=r"missing required column\(s\) date \(.*add the Day dimension"):
        require_columns(map_columns(header, DataKind.SALES))
