from __future__ import annotations

import pytest

from shared.errors import InvalidInput
from shared.ingest.headers import detect_kind, map_columns, normalise_header, require_columns
from shared.models.records import DataKind


@pytest.mark.parametrize(("header", "field"), [
    ("qty", "units"), ("Quantity", "units"), ("Units Sold", "units"), ("units_sold", "units"),
    ("product_id", "sku"), ("Item SKU", "sku"), ("ORDER-DATE", "date"), ("day", "date"),
])
def test_sales_aliases(header: str, field: str) -> None:
    mapping = map_columns(["x", header], DataKind.SALES)
    assert mapping.fields == {1: field}


@pytest.mark.parametrize(("header", "field"), [("stars", "rating"), ("Score", "rating"), ("body", "text"),
                                                ("Review", "text")])
def test_review_aliases(header: str, field: str) -> None:
    assert map_columns([header], DataKind.REVIEWS).fields == {0: field}


def test_normalise_is_case_space_and_punctuation_insensitive() -> None:
    assert normalise_header(" Units-Sold ") == normalise_header("units_sold") == normalise_header("UNITS SOLD")
    assert normalise_header("\ufeffsku") == "sku"


def test_exact_field_name_wins_over_alias_and_extra_columns_are_unmapped() -> None:
    mapping = map_columns(["product_id", "sku", "date", "qty", "notes"], DataKind.SALES)
    assert mapping.as_document() == {"product_id": None, "sku": "sku", "date": "date", "qty": "units",
                                     "notes": None}


@pytest.mark.parametrize(("header", "kind"), [
    (["Order Date", "Product ID", "Qty", "Price"], DataKind.SALES),
    (["sku", "title", "price"], DataKind.PRODUCTS),
    (["review_id", "sku", "date", "stars", "body"], DataKind.REVIEWS),
    (["sku", "competitor", "date", "price"], DataKind.COMPETITOR_PRICES),
    (["sku", "date", "stock", "warehouse"], DataKind.INVENTORY),
])
def test_detect_kind(header: list[str], kind: DataKind) -> None:
    assert detect_kind(header) is kind


def test_undetectable_header_names_the_columns() -> None:
    with pytest.raises(InvalidInput, match="columns seen: foo, bar"):
        detect_kind(["foo", "bar"])


def test_missing_required_columns_are_named() -> None:
    with pytest.raises(InvalidInput, match="missing required column.*date"):
        require_columns(map_columns(["sku", "units"], DataKind.SALES))
