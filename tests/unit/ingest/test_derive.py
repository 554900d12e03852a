"""Fields derived from others: the category standing for the product, a category path's first part, and the
catalogue written from sales lines that name a brand or category but no product."""

from __future__ import annotations

import pandas as pd

from shared.ingest.catalogue import CatalogueCollector
from shared.ingest.derive import products_from, top_levels
from shared.ingest.headers import map_columns
from shared.models.records import DataKind


def test_the_category_is_the_product_of_a_file_without_one() -> None:
    raw = pd.DataFrame({"product_category": ["Beauty", "Clothing"], "units": ["1", "2"]})
    out = products_from(raw, "product_category")
    assert out["sku"].tolist() == ["Beauty", "Clothing"] and out["product_title"].tolist() == ["Beauty", "Clothing"]


def test_a_product_name_is_the_product_before_its_category() -> None:
    mapping = map_columns(["Date", "Product Name", "Category", "Quantity", "Sales"], DataKind.SALES)
    assert mapping.sku_stand_in == "product_title" and not mapping.missing_required
    raw = pd.DataFrame({"product_title": ["Lipstick red", "Mascara"], "product_category": ["Beauty", "Beauty"]})
    out = products_from(raw, mapping.sku_stand_in)
    assert out["sku"].tolist() == ["Lipstick red", "Mascara"] and out["product_category"].tolist() == ["Beauty"] * 2


def test_a_category_path_keeps_its_first_part() -> None:
    raw = pd.DataFrame({"category": ["Computers&Accessories|Cables|USBCables", "Home & Kitchen > Kettles", None,
                                     '["Clothing >> Women\'s Clothing >> Shorts"]'], "title": ["a|b", "x", "y", "z"]})
    out = top_levels(raw, frozenset({"category", "missing"}))
    assert out["category"].where(out["category"].notna(), None).tolist() == [
        "Computers&Accessories", "Home & Kitchen", None, "Clothing"]
    assert out["title"].tolist() == ["a|b", "x", "y", "z"]


def test_a_product_named_only_by_brand_is_titled_by_its_code() -> None:
    catalogue = CatalogueCollector()
    catalogue.add(pd.DataFrame({"sku": ["5802432", "5802432", "77", "88"], "product_brand": [None, "runail", None,
                                                                                            None],
                                "product_category": [None, None, None, "apparel.glove"]}))
    text = (catalogue.to_csv(exclude=set()) or b"").decode()
    assert text.splitlines() == ["sku,title,category,brand", "5802432,product 5802432,,runail",
                                 "88,product 88,apparel.glove,"]


def test_a_product_name_longer_than_a_sku_is_cut_and_told_apart_by_a_hash() -> None:
    start = ("Wayona Nylon Braided USB to Lightning Fast Charging and Data Sync Cable Compatible for iPhone 13, 12, "
             "11, X, 8, 7, 6, 5, iPad Air, Pro, Mini")
    assert len(start) > 128
    names = pd.Series([start + " (3 FT, Grey)", start + " (3 FT, Black)", "Mascara", start + " (3 FT, Grey)"])
    out = products_from(pd.DataFrame({"product_title": names}), "product_title")
    skus = out["sku"].tolist()
    assert all(len(s) <= 128 for s in skus) and skus[2] == "Mascara"
    assert skus[0] != skus[1] and skus[0] == skus[3] and skus[0].startswith(start[:100]) and "~" in skus[0]
    assert out["product_title"].tolist() == names.tolist()  # the title keeps the whole name
