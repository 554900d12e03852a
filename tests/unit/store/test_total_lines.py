"""The flag ingest writes on lines that are totals per day or week is the one the metrics layer reads."""

from __future__ import annotations

from shared.ingest.headers import AGGREGATE_FLAG_PREFIX, EXPORT_PROFILES, aggregate_flag
from shared.store.metrics.catalog import TOTAL_LINE_FLAG


def test_the_metrics_read_the_flag_ingest_writes() -> None:
    assert TOTAL_LINE_FLAG == AGGREGATE_FLAG_PREFIX
    assert aggregate_flag("week") == "sales:total_per_week"


def test_the_profiles_of_aggregated_datasets_say_so_and_no_order_export_does() -> None:
    aggregated = {p.name: p.aggregate for p in EXPORT_PROFILES if p.aggregate}
    assert aggregated == {"favorita_store_sales": "day", "favorita_grocery_sales": "day",
                          "breakfast_at_the_frat": "week", "m5_sales_lines": "day",
                          # the store-level public datasets: totals per store (and product) and day, week or month
                          "walmart_weekly_sales": "week", "walmart_store_sales": "week", "rossmann_store_sales": "day",
                          "store_item_demand": "day", "bibitor_sales": "day", "split_day_lines": "day",
                          "split_month_lines": "month",
                          # Shopify Analytics reports: totals per day (and product), never one order each
                          "shopify_sales_over_time": "day", "shopify_sales_by_product": "day",
                          # GA4's "Ecommerce purchases" item report: item totals per day
                          "ga4_ecommerce_purchases": "day"}
