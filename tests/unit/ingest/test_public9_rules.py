"""Rules of round public9 (payment, point-of-sale and analytics downloads), each failing without its fix."""

from __future__ import annotations

import pandas as pd

from shared.ingest.derive import summary_rows
from shared.ingest.headers import export_profile, map_columns
from shared.ingest.kinds import detect_kind
from shared.ingest.parse import parse_date
from shared.models.records import DataKind


def test_a_priced_feed_naming_its_products_by_id_is_a_catalogue() -> None:
    """A Meta / Google catalogue with only its required columns (no link columns): before, read as reviews (an id and
    a title); a review file's id stays the review's."""
    feed = ["id", "title", "description", "availability", "condition", "price", "brand"]
    assert detect_kind(feed) is DataKind.PRODUCTS
    assert map_columns(feed, DataKind.PRODUCTS).fields[0] == "sku"
    assert detect_kind(["id", "title", "rating", "text"]) is DataKind.REVIEWS


def test_google_analytics_compact_dates_are_read() -> None:
    """GA4's Date dimension writes ``20240305``; before, every such date was refused."""
    parsed = parse_date(pd.Series(["20240305", "20241301", "2024-01-02"]), order="mdy")
    assert [str(v)[:10] for v in parsed.values] == ["2024-03-05", "NaT", "2024-01-02"]


def test_rows_of_another_line_type_are_summary_rows() -> None:
    """Lightspeed X-Series writes a receipt as a Sale row, its Sale Line rows and a Payment row: only the Sale Lines
    are lines; before, the other rows were rejected one by one (836 of 1,595)."""
    profile = export_profile(["Date", "Receipt Number", "Line Type", "Quantity", "Subtotal", "Sales Tax", "Discount",
                              "Details", "Register", "Status", "Sku"])
    assert profile is not None and profile.summary_rows is not None
    raw = pd.DataFrame({"line_type": ["Sale", "Sale Line", "sale line ", "Payment", None]})
    assert summary_rows(raw, profile.summary_rows[0], profile.line_values).tolist() == [True, False, False, True,
                                                                                         True]


def test_a_territory_table_places_the_sales_naming_its_ids() -> None:
    """AdventureWorks' Territories (``SalesTerritoryKey, Region, Country, Continent``) is where each territory is: the
    sales naming a ``TerritoryKey`` take its region and country (a line's own place wins). Before, the table was
    acknowledged and nothing placed the lines, so "revenue by country" was refused."""
    from shared.ingest.order_parts import order_part
    from shared.ingest.parts import PartRole
    from shared.ingest.places import located_by, place_link, placed

    part = order_part(["SalesTerritoryKey", "Region", "Country", "Continent"])
    assert part is not None and part.role is PartRole.PLACES
    headers = ["OrderDate", "OrderNumber", "ProductKey", "CustomerKey", "TerritoryKey", "OrderQuantity"]
    assert located_by(headers, [0, 1, 2, 3, 5]) == {4: "territory"}

    def lookup(link: str, ids: list[str]) -> pd.DataFrame:
        assert link == place_link("territory") and ids == ["1", "7", "9"]
        return pd.DataFrame({"ref_id": ["1", "7"], "ref_value": ["Northwest", "France"],
                             "ref_detail": ['{"region": "Northwest", "country": "United States"}',
                                            '{"region": "France", "country": "France"}']})

    raw = pd.DataFrame({"sku": ["a", "b", "c"], "country": [None, "Canada", None]})
    out = placed(raw, {"territory": pd.Series(["1", "7", "9"])}, lookup)
    assert [v if isinstance(v, str) else None for v in out["country"]] == ["United States", "Canada", None]
    # territory 9 is not placed yet: the line keeps it as its region's label, restated when the places arrive
    assert [v if isinstance(v, str) else None for v in out["region"]] == ["Northwest", "France", "territory 9"]
    # an id that is no place (a promotion's) labels nothing
    nowhere = placed(raw, {"promotion": pd.Series(["1", "7", "9"])}, lambda link, ids: pd.DataFrame(
        {"ref_id": [], "ref_value": [], "ref_detail": []}))
    assert "region" not in nowhere


def test_a_city_column_is_the_lines_region_and_city_words_read_regions_that_are_cities() -> None:
    """The Retail Transactions Dataset's City is stored as the line's region; "which city" reads regions only where
    they are cities (Superstore's West or EMEA are not: there the question stays refused for want of a city)."""
    from shared.questions.place_names import are_cities

    header = ["Transaction_ID", "Date", "Customer_Name", "Product", "Total_Items", "Total_Cost", "Payment_Method",
              "City", "Store_Type", "Discount_Applied", "Customer_Category", "Season", "Promotion"]
    assert map_columns(header, DataKind.SALES).fields[7] == "region"
    assert are_cities(["Chicago", "Houston", "Miami", "Seattle"]) and are_cities(["New York", "Boston", "Springfield"])
    assert not are_cities(["West", "East", "Central", "South"]) and not are_cities(["EMEA", "NA", "APAC", "Japan"])
