"""Every store statement the cores use, on every warehouse (DuckDB, the BigQuery emulator), against known rows.

The rows (``store_rows``) are inserted once per engine for the read-only cases; each case checks exact values
worked out by hand, so a construct that one engine reads differently (``QUALIFY``, ``JOIN UNNEST``,
``COUNTIF``, IN lists over array parameters, ``APPROX_QUANTILES``) fails here rather than in production. The
decoy tenant holds shifted copies of every row, so each exact value is also a tenant-isolation check. The
statements that delete get a fresh warehouse each.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from sqlglot import exp

from shared.models.records import DataKind
from shared.store import (
    alert_inputs,
    catalogue,
    digest_inputs,
    forecast_inputs,
    pricing_inputs,
    records,
    rejects,
    retention,
    reviews,
    staging,
)
from shared.store.metrics.catalog import NO_UNITS_FLAG
from shared.store.statements import TENANT as TENANT_PARAM
from shared.store.statements import read, tenant_predicate
from tests.contract.conftest import ADAPTER_FAMILIES, adapter
from tests.contract.store_rows import OTHER, PRODUCTS, SALES, TENANT, D, at, seed

TODAY = D(2024, 5, 21)


@pytest.fixture(scope="module", params=ADAPTER_FAMILIES)
def wh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A warehouse holding the known rows of both tenants (read-only cases)."""
    with adapter(request.param, "warehouse", tmp_path_factory.mktemp("store")) as warehouse:
        seed(warehouse)
        yield warehouse


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    """Rows as tuples of plain values (dates as ``date``, NaN/NA as ``None``)."""
    def plain(v: Any) -> Any:
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date() if v == v.normalize() and v.tzinfo is None else v.to_pydatetime()
        if hasattr(v, "item"):
            return v.item()
        return v
    return [tuple(plain(v) for v in row) for row in frame[list(columns)].itertuples(index=False)]


# --- the guard ---------------------------------------------------------------------------------------------

def test_a_statement_without_the_tenant_or_with_a_blank_tenant_is_refused(wh: Any) -> None:
    unfiltered = exp.select("sku").from_("sales")
    with pytest.raises(ValueError, match="tenant"):
        read(wh, unfiltered, TENANT)
    with pytest.raises(ValueError, match="tenant"):
        read(wh, exp.select("sku").from_("sales").where(tenant_predicate()), "")
    assert {p.name for p in tenant_predicate().find_all(exp.Placeholder)} == {TENANT_PARAM}


# --- staging and rejects (ingest, processing) --------------------------------------------------------------

def test_staging_lookups_skip_pending_ingestions(wh: Any) -> None:
    kind = DataKind.SALES
    assert staging.existing_hashes(wh, TENANT, kind, ["h-stg-s9a", "h-stg-sp", "h-sales-A1", "nope"],
                                   ["ing-p"]) == {"h-stg-s9a", "h-sales-A1"}
    assert staging.existing_hashes(wh, TENANT, kind, ["h-stg-sp"], []) == {"h-stg-sp"}
    assert staging.existing_hashes(wh, TENANT, kind, [], ["ing-p"]) == set()
    assert staging.has_stored_rows(wh, TENANT, kind, ["ing-p"])
    assert not staging.has_stored_rows(wh, "t3", kind, [])
    assert staging.has_stored_rows(wh, TENANT, DataKind.REVIEWS, [])


def test_staged_rows_of_one_ingestion_in_file_order(wh: Any) -> None:
    frame = staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES)
    assert _rows(frame, "source_row", "units", "tenant_id") == [(1, 2, TENANT), (2, 1, TENANT), (3, 5, TENANT)]


def test_staged_skus_and_the_staged_rows_of_some_skus(wh: Any) -> None:
    assert staging.staged_skus(wh, TENANT, "ing-9", DataKind.SALES) == {"A": 3}
    some = staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES, ["A", "nope"])
    assert _rows(some, "source_row", "units", "tenant_id") == [(1, 2, TENANT), (2, 1, TENANT), (3, 5, TENANT)]
    assert staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES, ["Z"]).empty  # Z is the decoy tenant's
    assert staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES, []).empty


def test_staged_days_and_the_staged_rows_of_a_run_of_days(wh: Any) -> None:
    # a SKU too large for one processing part is read in runs of whole days: [since, before)
    assert staging.staged_days(wh, TENANT, "ing-9", DataKind.SALES, ["A"]) == {D(2024, 5, 21): 2, D(2024, 5, 24): 1}
    assert staging.staged_days(wh, TENANT, "ing-9", DataKind.SALES, ["Z"]) == {}  # the decoy tenant's
    early = staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES, ["A"], before=D(2024, 5, 24))
    late = staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES, ["A"], since=D(2024, 5, 24))
    assert _rows(early, "source_row", "units") == [(1, 2), (2, 1)]
    assert _rows(late, "source_row", "units") == [(3, 5)]
    assert staging.staged_rows(wh, TENANT, "ing-9", DataKind.SALES, ["A"], D(2024, 5, 22), D(2024, 5, 24)).empty


def test_rejects_reads(wh: Any) -> None:
    assert rejects.rejected_row_numbers(wh, TENANT, DataKind.SALES, "c1", "ing-2") == {1, 3}
    assert rejects.rejected_row_numbers(wh, TENANT, DataKind.SALES, "c1", "ing-1") == {2}
    assert rejects.rejected_row_numbers(wh, TENANT, DataKind.SALES, "other-file", "ing-2") == set()
    frame = rejects.ingestion_rejects(wh, TENANT, "ing-1")
    assert _rows(frame, "row_number", "column", "reason", "raw") == [(1, "units", "bad 1", "raw 1"),
                                                                      (3, "units", "bad 3", "raw 3")]
    assert _rows(rejects.kind_rejects(wh, TENANT, DataKind.SALES), "ingestion_id", "row_number") == [
        ("ing-1", 1), ("ing-1", 3), ("ing-2", 2)]


# --- final tables (processing, exports, dataset views, scheduling) -----------------------------------------

def test_stored_rows_and_existing_versions(wh: Any) -> None:
    frame = records.stored_rows(wh, TENANT, DataKind.SALES)
    assert frame["record_key"].tolist() == [f"k-sales-{k}" for k in ("A1", "A2", "A3", "B1", "B2")]
    assert set(frame["tenant_id"]) == {TENANT}
    versions = records.existing_versions(wh, TENANT, DataKind.SALES, ["k-sales-A3", "k-sales-B2", "k-z", "none"])
    assert sorted(_rows(versions, "record_key", "ingested_at")) == [
        ("k-sales-A3", at(D(2024, 5, 22))), ("k-sales-B2", at(D(2024, 4, 2)))]
    assert records.existing_versions(wh, TENANT, DataKind.SALES, []).empty


def test_catalogue_prices_of_some_skus(wh: Any) -> None:
    # what a sales file without prices is valued at: C has no price, "nope" is no product, Z is the decoy tenant's
    assert records.catalogue_prices(wh, TENANT, ["A", "B", "C", "nope", "Z"]) == {"A": 20.0, "B": 10.0}
    assert records.catalogue_prices(wh, TENANT, []) == {}


def test_catalogue_identifiers_and_latest_values_by_sku(wh: Any) -> None:
    ids = records.catalogue_identifiers(wh, TENANT).sort_values("sku")
    assert _rows(ids, "sku", "asin", "price") == [("A", "ASIN-A", 20.0), ("B", None, 10.0), ("C", None, None)]
    # QUALIFY ROW_NUMBER() OVER (PARTITION BY sku ORDER BY date DESC, ingested_at DESC) = 1, nulls skipped
    assert records.latest_by_sku(wh, TENANT, "sales", "unit_price") == {"A": 18.5, "B": 10.0}
    assert records.latest_by_sku(wh, TENANT, "inventory", "lead_time_days") == {"A": 10, "B": 5}
    with pytest.raises(ValueError):
        records.latest_by_sku(wh, TENANT, "sales", "units; DROP TABLE sales")


def test_other_reviews_and_kind_extent(wh: Any) -> None:
    assert sorted(records.other_reviews(wh, TENANT, "ing-2")["review_id"]) == ["r1", "r2", "r3"]
    extent = records.kind_extent(wh, TENANT, DataKind.SALES, "date")
    assert _rows(extent, "n", "first", "last") == [(5, "2024-04-01", "2024-05-20")]
    products = records.kind_extent(wh, TENANT, DataKind.PRODUCTS, "ingested_at")
    assert products["n"].tolist() == [3]
    assert str(products["first"].iloc[0]).startswith("2024-05-01") and str(products["last"].iloc[0]).startswith(
        "2024-05-03")
    assert _rows(records.kind_extent(wh, "t3", DataKind.SALES, "date"), "n", "first") == [(0, None)]


def test_changed_skus(wh: Any) -> None:
    assert records.changed_skus(wh, TENANT, DataKind.SALES, at(D(2024, 5, 21))) == ["A"]
    assert records.changed_skus(wh, TENANT, DataKind.SALES, at(D(2024, 1, 1))) == ["A", "B"]
    assert records.changed_skus(wh, OTHER, DataKind.SALES, at(D(2024, 1, 1))) == ["A", "B", "Z"]
    assert records.changed_skus(wh, TENANT, DataKind.REVIEWS, at(D(2024, 1, 1))) == ["A", "B"]
    assert records.changed_skus(wh, TENANT, DataKind.COMPETITOR_PRICES, at(D(2024, 1, 1))) == ["A", "B", "C"]
    assert records.changed_skus(wh, TENANT, DataKind.COMPETITOR_PRICES, at(D(2024, 6, 1))) == []


# --- agents' inputs ---------------------------------------------------------------------------------------

def test_pricing_reads_with_every_filter(wh: Any) -> None:
    everything = pricing_inputs.PricingScope(end_date=D(2024, 5, 20))
    products = pricing_inputs.products(wh, TENANT, everything)
    assert products.frame["sku"].tolist() == ["A", "B", "C"]
    assert products.params == {"tenant": TENANT}
    # categories: a sub-select on products, matched to the tenant's spellings ("kitchen" and "Kitchen" are one)
    for asked in (["kitchen"], ["KITCHEN"], ["Kitchens"]):
        kitchen = pricing_inputs.products(wh, TENANT, pricing_inputs.PricingScope(categories=asked))
        assert kitchen.frame["sku"].tolist() == ["A", "C"], asked
        assert kitchen.params["categories"] == ["Kitchen", "kitchen"]  # sorted: a DISTINCT has no order
    kitchen_cp = pricing_inputs.competitor_prices(wh, TENANT, pricing_inputs.PricingScope(
        categories=["kitchen"], end_date=D(2024, 5, 31)))
    assert sorted(set(kitchen_cp.frame["sku"])) == ["A", "C"]
    kitchen_sales = pricing_inputs.daily_sales(wh, TENANT, pricing_inputs.PricingScope(categories=["kitchen"]))
    assert sorted(set(kitchen_sales.frame["sku"])) == ["A"]  # C has no sales; B is dining
    # an unknown category narrows to nothing (never widens to the catalogue)
    assert pricing_inputs.products(wh, TENANT, pricing_inputs.PricingScope(categories=["garden"])).frame.empty
    scoped = pricing_inputs.PricingScope(skus=["A"], competitors=["rival"], start_date=D(2024, 5, 1),
                                         end_date=D(2024, 5, 31))
    cp = pricing_inputs.competitor_prices(wh, TENANT, scoped)
    assert _rows(cp.frame, "competitor", "date", "price") == [("rival", D(2024, 5, 10), 17.0),
                                                                ("rival", D(2024, 5, 18), 16.0)]
    assert "@tenant" in cp.sql or "$tenant" in cp.sql
    sales = pricing_inputs.daily_sales(wh, TENANT, everything)
    # COUNTIF(revenue IS NULL AND unit_price IS NULL); revenue falls back to unit_price * units
    assert _rows(sales.frame, "sku", "date", "units", "revenue", "rows_without_price") == [
        ("A", D(2024, 5, 1), 3, 60.0, 0), ("A", D(2024, 5, 20), 7, 132.0, 0),
        ("B", D(2024, 4, 1), 1, 10.0, 0), ("B", D(2024, 5, 20), 10, None, 1)]
    early = pricing_inputs.daily_sales(wh, TENANT, pricing_inputs.PricingScope(skus=["B"], end_date=D(2024, 5, 1)))
    assert _rows(early.frame, "sku", "units") == [("B", 1)]


def test_pricing_top_sellers_by_revenue_in_the_period(wh: Any) -> None:
    may = pricing_inputs.PricingScope(start_date=D(2024, 5, 1), end_date=D(2024, 5, 31))
    # A: 3 x 20 + 95 + 2 x 18.5 = 192 over 10 units; B: 10 units with no price (revenue unknown: last)
    assert _rows(pricing_inputs.top_sellers(wh, TENANT, may).frame, "sku", "revenue", "units") == [
        ("A", 192.0, 10), ("B", None, 10)]
    april = pricing_inputs.PricingScope(start_date=D(2024, 4, 1), end_date=D(2024, 4, 30), categories=["dining"])
    assert _rows(pricing_inputs.top_sellers(wh, TENANT, april).frame, "sku", "revenue") == [("B", 10.0)]


def test_reviews_with_products(wh: Any) -> None:
    may: dict[str, Any] = {"start_date": D(2024, 5, 1), "end_date": D(2024, 5, 31), "max_rows": 100}
    for asked in (["kitchen"], ["Kitchens"]):  # as a question spells it
        kitchen = reviews.reviews_with_products(wh, TENANT, categories=asked, **may)
        assert _rows(kitchen.frame, "review_id", "product_title", "category") == [("r2", "Blue Mug", "kitchen"),
                                                                                  ("r1", "Blue Mug", "kitchen")]
    plates = reviews.reviews_with_products(wh, TENANT, skus=["B"], **may)
    assert _rows(plates.frame, "review_id", "rating") == [("r4", 3), ("r5", None)]
    capped = reviews.reviews_with_products(wh, TENANT, **{**may, "max_rows": 1})
    assert capped.frame["review_id"].tolist() == ["r2"]


def test_forecast_reads(wh: Any) -> None:
    sales = forecast_inputs.daily_sales(wh, TENANT, D(2024, 5, 20), [])
    assert _rows(sales.frame, "sku", "date", "units", "price", "promo") == [
        ("A", D(2024, 5, 1), 3, 20.0, 1), ("A", D(2024, 5, 20), 7, 18.75, 0),
        ("B", D(2024, 4, 1), 1, 10.0, 0), ("B", D(2024, 5, 20), 10, None, 0)]
    assert forecast_inputs.daily_sales(wh, TENANT, D(2024, 5, 20), ["B"]).frame["sku"].tolist() == ["B", "B"]
    stock = forecast_inputs.stock_snapshots(wh, TENANT, D(2024, 5, 12), ["A"])
    assert _rows(stock.frame, "location", "date", "on_hand") == [("w1", D(2024, 5, 1), 20), ("w1", D(2024, 5, 10), 5),
                                                                 ("w2", D(2024, 5, 10), 3)]
    assert sorted(forecast_inputs.product_titles(wh, TENANT, []).frame["sku"]) == ["A", "B", "C"]
    assert _rows(forecast_inputs.product_titles(wh, TENANT, ["C", "Z"]).frame, "sku", "title") == [("C", "Blue Bowl")]
    assert forecast_inputs.skus_by_units(wh, TENANT, D(2024, 5, 19)) == ["A", "B"]
    assert forecast_inputs.skus_by_units(wh, TENANT, D(2024, 5, 20)) == ["B", "A"]
    earlier = forecast_inputs.earlier_forecasts(wh, TENANT, ["A"], D(2024, 5, 2))
    assert _rows(earlier.frame, "run_id", "sku", "date", "forecast") == [("run-1", "A", D(2024, 5, 1), 4.0),
                                                                          ("run-1", "A", D(2024, 5, 2), 4.0)]


# --- alerts, digests, the catalogue ----------------------------------------------------------------------

def test_alert_reads(wh: Any) -> None:
    cp = alert_inputs.competitor_prices(wh, TENANT, TODAY, days=14)
    assert _rows(cp.frame, "sku", "competitor", "date", "price", "our_price", "map_price") == [
        ("A", "other", D(2024, 5, 18), 22.0, 20.0, 18.0), ("A", "rival", D(2024, 5, 10), 17.0, 20.0, 18.0),
        ("A", "rival", D(2024, 5, 18), 16.0, 20.0, 18.0), ("A", "third", D(2024, 5, 18), 18.0, 20.0, 18.0),
        ("B", "rival", D(2024, 5, 19), 9.0, 10.0, None), ("C", "rival", D(2024, 5, 19), 5.0, None, None)]
    cover = alert_inputs.stock_cover(wh, TENANT, TODAY, 28).frame.sort_values("sku")
    assert _rows(cover, "sku", "on_hand", "lead_time_days", "units_in_window") == [("A", 8, 10, 10), ("B", 0, None, 10)]
    ratings = alert_inputs.rating_windows(wh, TENANT, TODAY).frame.sort_values("sku")
    assert _rows(ratings, "sku", "recent_avg", "recent_n", "base_avg", "base_n") == [("A", 3.0, 2, 4.0, 1),
                                                                                      ("B", 3.0, 1, None, 0)]
    spam = alert_inputs.spam_by_day(wh, TENANT, TODAY, 0.8).frame.sort_values("date")
    assert _rows(spam, "date", "suspected", "reviews") == [(D(2024, 5, 10), 1, 1), (D(2024, 5, 15), 0, 1),
                                                           (D(2024, 5, 20), 1, 2)]
    drift = alert_inputs.forecast_drift(wh, TENANT).frame.sort_values("sku")
    assert _rows(drift, "sku", "ratio", "run_id") == [("A", 2.0, "run-2"), ("B", 0.5, "run-1")]


def test_digest_reads(wh: Any) -> None:
    position = digest_inputs.price_position(wh, TENANT, D(2024, 5, 7)).sort_values("sku")
    # each competitor's latest price; C has no price of ours and is left out; the median of 16, 18, 22
    assert _rows(position, "sku", "our_price", "comp_min", "comp_median", "comp_max") == [
        ("A", 20.0, 16.0, 18.0, 22.0), ("B", 10.0, 9.0, 9.0, 9.0)]
    assert _rows(digest_inputs.daily_units(wh, TENANT, "A", D(2024, 4, 1)), "date", "units") == [
        (D(2024, 5, 1), 3), (D(2024, 5, 20), 7)]
    assert digest_inputs.best_seller(wh, TENANT, D(2024, 5, 1)) == ["B"]
    assert digest_inputs.best_seller(wh, TENANT, D(2024, 6, 1)) == []


def test_catalogue_questions(wh: Any) -> None:
    assert catalogue.skus_described_as(wh, TENANT, "Blue") == ["A", "C"]
    assert catalogue.skus_described_as(wh, TENANT, "blue", categories=["KITCHEN"]) == ["A", "C"]
    assert catalogue.skus_described_as(wh, TENANT, "blue", skus=["B", "C"]) == ["C"]
    assert catalogue.skus_described_as(wh, TENANT, "x' OR '1'='1") == []
    assert catalogue.top_sku(wh, TENANT) == "B"
    assert catalogue.top_sku(wh, OTHER) == "A"  # the decoy's units are shifted: A 3 rows, B 2
    assert catalogue.top_sku(wh, "t3") is None


def test_forecast_sales_of_one_channel(warehouse: Any) -> None:
    """"Forecast Amazon sales next month": the daily units of that channel's lines only, the tenant's own."""
    rows = [{**SALES[0], "channel": c, "units": u, "sku": s, "record_key": f"k-{s}-{c}", "row_hash": f"h-{s}-{c}"}
            for s, c, u in (("A", "Amazon", 3), ("A", "eBay", 4), ("B", "Amazon", 5), ("B", "web", 6))]
    seed(warehouse, {"sales": rows})
    amazon = forecast_inputs.daily_sales(warehouse, TENANT, D(2024, 5, 20), [], ["Amazon"])
    assert _rows(amazon.frame, "sku", "units") == [("A", 3), ("B", 5)]
    assert amazon.params["channels"] == ["Amazon"]
    both = forecast_inputs.daily_sales(warehouse, TENANT, D(2024, 5, 20), ["A"], ["Amazon", "eBay"])
    assert _rows(both.frame, "sku", "units") == [("A", 7)]
    assert _rows(forecast_inputs.daily_sales(warehouse, TENANT, D(2024, 5, 20), []).frame, "sku", "units") == [
        ("A", 7), ("B", 11)]  # no channel named: every line
    assert _rows(forecast_inputs.daily_sales(warehouse, OTHER, D(2024, 5, 20), [], ["Amazon"]).frame, "sku",
                 "units") == [("A", 1003), ("B", 1005), ("Z", 1003)]  # the other tenant's rows only


def test_revenue_totals_per_day_for_a_revenue_forecast(warehouse: Any) -> None:
    """Walmart-shaped sales (revenue per store and week, no units): the revenue of those lines per day."""
    flags = json.dumps([NO_UNITS_FLAG])
    rows = [{**SALES[0], "units": 0, "revenue": r, "quality_flags": f, "channel": c, "sku": s, "date": d,
             "record_key": f"k-{s}-{d}", "row_hash": f"h-{s}-{d}"}
            for s, d, r, f, c in (("store 1", D(2024, 5, 3), 100.0, flags, "web"),
                                  ("store 2", D(2024, 5, 3), 50.0, flags, "shop"),
                                  ("store 1", D(2024, 5, 10), 70.0, flags, "web"),
                                  ("A", D(2024, 5, 10), 9.0, None, "web"),  # a line with units: not a total
                                  ("store 1", D(2024, 5, 17), 80.0, flags, "web"))]
    seed(warehouse, {"sales": rows})
    totals = forecast_inputs.daily_revenue_totals(warehouse, TENANT, D(2024, 5, 10))
    assert _rows(totals.frame, "date", "revenue") == [(D(2024, 5, 3), 150.0), (D(2024, 5, 10), 70.0)]
    web = forecast_inputs.daily_revenue_totals(warehouse, TENANT, D(2024, 5, 31), ["web"])
    assert _rows(web.frame, "date", "revenue") == [(D(2024, 5, 3), 100.0), (D(2024, 5, 10), 70.0),
                                                   (D(2024, 5, 17), 80.0)]
    assert _rows(forecast_inputs.daily_revenue_totals(warehouse, OTHER, D(2024, 5, 3)).frame, "date", "revenue") == [
        (D(2024, 5, 3), 3250.0)]  # the other tenant's own: 1100 + 1050 and the decoy's SKU Z copy of 1100


def test_pricing_categories_match_the_tenants_spelling(warehouse: Any) -> None:
    """"home and kitchen" is the catalogue's "Home & Kitchen", "lamps" its "Lamp"; another tenant's never count."""
    rows = [{**r, "category": c, "sku": s, "record_key": f"k-{s}", "row_hash": f"h-{s}"}
            for r, (s, c) in zip([PRODUCTS[0]] * 4, [("A", "Home & Kitchen"), ("B", "Lamp"), ("C", "Home  & kitchen"),
                                                     ("D", "Garden")], strict=True)]
    seed(warehouse, {"products": rows})
    def skus(*asked: str, tenant: str = TENANT) -> list[str]:
        scope = pricing_inputs.PricingScope(categories=asked)
        return pricing_inputs.products(warehouse, tenant, scope).frame["sku"].tolist()
    assert skus("home and kitchen") == ["A", "C"]
    assert skus("HOME & KITCHEN", "lamps") == ["A", "B", "C"]
    assert skus("garden") == ["D"]
    assert skus("gardening") == []
    assert skus("lamps", tenant=OTHER) == ["B"]


# --- statements that delete (a fresh warehouse each) -------------------------------------------------------

@pytest.fixture()
def fresh(warehouse: Any) -> Any:
    seed(warehouse)
    return warehouse


def test_clear_ingestion_removes_only_that_ingestions_staged_rows_and_rejects(fresh: Any) -> None:
    theirs = len(staging.staged_rows(fresh, OTHER, "ing-9", DataKind.SALES))
    staging.clear_ingestion(fresh, TENANT, DataKind.SALES, "ing-9")
    assert staging.staged_rows(fresh, TENANT, "ing-9", DataKind.SALES).empty
    assert len(staging.staged_rows(fresh, TENANT, "ing-p", DataKind.SALES)) == 1
    assert len(staging.staged_rows(fresh, OTHER, "ing-9", DataKind.SALES)) == theirs > 0
    staging.clear_ingestion(fresh, TENANT, DataKind.SALES, "ing-1")
    assert rejects.ingestion_rejects(fresh, TENANT, "ing-1").empty
    assert len(rejects.ingestion_rejects(fresh, TENANT, "ing-2")) == 1
    assert len(rejects.ingestion_rejects(fresh, OTHER, "ing-1")) == 2


def test_retention_counts_and_deletes_only_the_tenants_older_rows(fresh: Any) -> None:
    assert retention.count_older(fresh, TENANT, "sales", "date", D(2024, 5, 1)) == 1
    assert retention.count_older(fresh, TENANT, "rejects", "rejected_at", at(D(2024, 5, 2))) == 2
    retention.delete_older(fresh, TENANT, "sales", "date", D(2024, 5, 1))
    retention.delete_older(fresh, TENANT, "rejects", "rejected_at", at(D(2024, 5, 2)))
    assert records.stored_rows(fresh, TENANT, DataKind.SALES)["record_key"].tolist() == [
        f"k-sales-{k}" for k in ("A1", "A2", "A3", "B1")]
    assert retention.count_older(fresh, TENANT, "rejects", "rejected_at", at(D(2024, 6, 1))) == 2
    assert retention.count_older(fresh, OTHER, "sales", "date", D(2024, 5, 1)) == 1
    with pytest.raises(ValueError):
        retention.count_older(fresh, TENANT, "sales", "no_such_column", D(2024, 5, 1))

