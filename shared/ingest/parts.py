"""Public datasets whose files need joining: which file of a set a header is, and what it feeds.

The Olist "Brazilian E-Commerce Public Dataset" (Kaggle, CC BY-NC-SA 4.0) is a shop split over nine files
joined by ids: order items carry no date (their order has it), reviews name an order (its items name the
products), products carry no name. Each file is recognised by its own published header and joined to the
others by ``shared.ingest.join``, whichever arrives first. Files that carry nothing ecomintel stores (sellers,
geolocation, ...) are recognised too, and acknowledged rather than refused as unreadable. Datafiniti's review
exports put a product's name and brand on each review: one file that feeds both reviews and the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.ingest.names import normalise_header
from shared.models.records import DataKind


class PartRole(StrEnum):
    """What a file of a multi-file dataset feeds."""

    ORDERS = "orders"  # each order's date and status
    ITEMS = "items"  # the products of each order, one row per unit: sales lines once the order is known
    REVIEWS = "reviews"  # reviews of an order: reviews of its products once its items are known
    PRODUCTS = "products"  # the catalogue
    CATEGORY_NAMES = "category_names"  # category names translated
    PRODUCT_REVIEWS = "product_reviews"  # reviews with their product's name and brand on each row
    UNDATED_REVIEWS = "undated_reviews"  # reviews without dates, their product's classes on each row
    CUSTOMERS = "customers"  # who the customer of each order is (the person behind per-order customer ids)
    CALENDAR = "calendar"  # which date each day column of a wide sales file is (M5's calendar.csv)
    PRICES = "prices"  # each item's price per store and week (M5's sell_prices.csv): the wide file's revenue
    WIDE_SALES = "wide_sales"  # units per item and store, a column per day (M5): lines once the calendar is known
    UNUSED = "unused"  # nothing ecomintel stores: acknowledged


@dataclass(frozen=True)
class DatasetPart:
    """One file of a published multi-file dataset."""

    dataset: str
    name: str  # the published file name, without ``.csv``
    role: PartRole
    kind: DataKind  # where an upload of it lands (``raw/{tenant}/{kind}/``)
    signature: tuple[str, ...]  # headers as published that all appear in this file (and together in no other)
    about: str  # what the file is, for the ingestion's note
    absent: tuple[str, ...] = ()  # headers this file never has (a test set is its train set less the target)

    def matches(self, normalised: set[str]) -> bool:
        """Whether a header (normalised names) is this part's."""
        return {normalise_header(h) for h in self.signature} <= normalised and \
            not {normalise_header(h) for h in self.absent} & normalised


#: The Olist files (headers checked against public loaders of the dataset; see docs/ingest.md).
OLIST = "olist"
FAVORITA = "favorita"
M5 = "m5"
PARTS: tuple[DatasetPart, ...] = (
    DatasetPart(OLIST, "olist_order_items_dataset", PartRole.ITEMS, DataKind.SALES,
                ("order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date", "price",
                 "freight_value"),
                "Olist order items (one row per unit sold; the date comes from the orders file)"),
    DatasetPart(OLIST, "olist_orders_dataset", PartRole.ORDERS, DataKind.SALES,
                ("order_id", "customer_id", "order_status", "order_purchase_timestamp"),
                "Olist orders (each order's purchase date and status)"),
    DatasetPart(OLIST, "olist_order_reviews_dataset", PartRole.REVIEWS, DataKind.REVIEWS,
                ("review_id", "order_id", "review_score", "review_creation_date"),
                "Olist order reviews (each names an order; the order's items name the products)"),
    DatasetPart(OLIST, "product_category_name_translation", PartRole.CATEGORY_NAMES, DataKind.PRODUCTS,
                ("product_category_name", "product_category_name_english"),
                "Olist category names in English"),
    DatasetPart(OLIST, "olist_products_dataset", PartRole.PRODUCTS, DataKind.PRODUCTS,
                ("product_id", "product_category_name", "product_photos_qty"),
                "Olist products (category and sizes; no product names)"),
    # Datafiniti's product review exports (Kaggle/data.world "Consumer Reviews of Amazon Products" and the
    # like): one row per review, the product's Datafiniti id, name, brand and ASINs on each
    DatasetPart("datafiniti", "datafiniti_product_reviews", PartRole.PRODUCT_REVIEWS, DataKind.REVIEWS,
                ("id", "name", "reviews.rating", "reviews.text", "reviews.date"),
                "Datafiniti product reviews (each row names its product: the catalogue comes with them)"),
    # Kaggle "Women's E-Commerce Clothing Reviews": no dates, a row index for ids, the garment's classes on each row
    DatasetPart("womens_clothing", "womens_clothing_ecommerce_reviews", PartRole.UNDATED_REVIEWS, DataKind.REVIEWS,
                ("Clothing ID", "Review Text", "Rating", "Recommended IND", "Class Name"),
                "Women's E-Commerce Clothing Reviews (no review dates: the reviews are stored undated, counted in "
                "every all-time figure and left out of trends; the garments become the catalogue)"),
    # Amazon Customer Reviews Dataset (the ``amazon_reviews_us_*.tsv`` files): one row per review, the product's
    # title and category on each
    DatasetPart("amazon", "amazon_customer_reviews", PartRole.PRODUCT_REVIEWS, DataKind.REVIEWS,
                ("marketplace", "review_id", "product_id", "product_title", "star_rating", "review_body",
                 "review_date"),
                "Amazon Customer Reviews (each row names its product: the catalogue comes with them)"),
    DatasetPart(OLIST, "olist_customers_dataset", PartRole.CUSTOMERS, DataKind.SALES,
                ("customer_id", "customer_unique_id", "customer_zip_code_prefix"),
                "Olist customers (customer_unique_id names the person behind each order's customer_id; where "
                "customers live is not stored)"),
    DatasetPart(OLIST, "olist_sellers_dataset", PartRole.UNUSED, DataKind.PRODUCTS,
                ("seller_id", "seller_zip_code_prefix", "seller_city"),
                "Olist sellers (where sellers are): nothing ecomintel stores"),
    DatasetPart(OLIST, "olist_order_payments_dataset", PartRole.UNUSED, DataKind.SALES,
                ("order_id", "payment_sequential", "payment_type", "payment_value"),
                "Olist order payments (how orders were paid; revenue comes from the items): nothing ecomintel "
                "stores"),
    # Instacart "Market Basket Analysis" (3.4M orders): orders carry a weekday, an hour and the days since the
    # customer's previous order, never a calendar date, and no file carries a price; products.csv loads as a
    # catalogue (product_id, product_name) on its own
    DatasetPart("instacart", "instacart_orders", PartRole.UNUSED, DataKind.SALES,
                ("order_id", "user_id", "eval_set", "order_number", "order_dow", "order_hour_of_day",
                 "days_since_prior_order"),
                "Instacart orders (a weekday, an hour and the days since the previous order: no calendar date, no "
                "prices): no sale can be placed in time or valued, nothing ecomintel stores"),
    DatasetPart("instacart", "instacart_order_products", PartRole.UNUSED, DataKind.SALES,
                ("order_id", "product_id", "add_to_cart_order", "reordered"),
                "Instacart order products (the products of each order, with no date, quantity or price): nothing "
                "ecomintel stores"),
    # Corporación Favorita's Kaggle sets ("Store Sales - Time Series Forecasting", "Favorita Grocery Sales
    # Forecasting"): beside train.csv (a sales profile, ``shared.ingest.headers``) the files describe stores, the
    # calendar and the economy, and test.csv is the days to forecast (no sales). Acknowledged, nothing stored.
    DatasetPart(FAVORITA, "favorita_stores", PartRole.UNUSED, DataKind.SALES,
                ("store_nbr", "city", "state", "type", "cluster"),
                "Favorita stores (each store's city, state, type and cluster): not sales; where stores are is not "
                "stored, so sales by city or state cannot be answered"),
    DatasetPart(FAVORITA, "favorita_oil", PartRole.UNUSED, DataKind.SALES, ("date", "dcoilwtico"),
                "Favorita oil.csv (the daily oil price, Ecuador's economy): not sales, nothing ecomintel stores"),
    DatasetPart(FAVORITA, "favorita_holidays_events", PartRole.UNUSED, DataKind.SALES,
                ("date", "type", "locale", "locale_name", "description", "transferred"),
                "Favorita holidays_events.csv (Ecuador's holidays and events): not sales, nothing ecomintel stores"),
    DatasetPart(FAVORITA, "favorita_transactions", PartRole.UNUSED, DataKind.SALES,
                ("date", "store_nbr", "transactions"),
                "Favorita transactions.csv (the number of receipts per store and day, with no products or units): "
                "not sales lines, nothing ecomintel stores"),
    DatasetPart(FAVORITA, "favorita_test", PartRole.UNUSED, DataKind.SALES, ("id", "date", "store_nbr", "onpromotion"),
                "Favorita test.csv (the days to forecast, with promotions and no sales): nothing sold to store",
                absent=("sales", "unit_sales")),
    # M5 Forecasting (Walmart, Kaggle 2020): the sales files are wide (a column per day, d_1 ... d_1941) and name
    # days, not dates; calendar.csv dates them and sell_prices.csv values them (``shared.ingest.m5``)
    DatasetPart(M5, "m5_calendar", PartRole.CALENDAR, DataKind.SALES, ("date", "wm_yr_wk", "weekday", "wday", "d"),
                "M5 calendar (the date and Walmart week of each day d_1, d_2, ...; events and SNAP days are not "
                "stored)"),
    DatasetPart(M5, "m5_sell_prices", PartRole.PRICES, DataKind.SALES, ("store_id", "item_id", "wm_yr_wk",
                                                                         "sell_price"),
                "M5 sell prices (each item's price per store and week: the sales lines' revenue)"),
    DatasetPart(M5, "m5_sales", PartRole.WIDE_SALES, DataKind.SALES, ("id", "item_id", "dept_id", "cat_id",
                                                                       "store_id", "state_id", "d_1"),
                "M5 sales (units per item and store, a column per day): each day with units sold is a sales line "
                "of the item (SKU) in its store (channel) and state, its category cat_id; revenue is units x the "
                "week's sell price"),
    DatasetPart(M5, "m5_sample_submission", PartRole.UNUSED, DataKind.SALES, ("id", "F1", "F28"),
                "M5 sample submission (a forecast template of 28 days, no sales): nothing ecomintel stores"),
    DatasetPart(OLIST, "olist_geolocation_dataset", PartRole.UNUSED, DataKind.SALES,
                ("geolocation_zip_code_prefix", "geolocation_lat", "geolocation_lng"),
                "Olist geolocation (coordinates of postcodes): nothing ecomintel stores"),
)


def dataset_part(headers: list[str] | tuple[str, ...]) -> DatasetPart | None:
    """The published file whose signature headers all appear in ``headers``, if any."""
    present = {normalise_header(h) for h in headers}
    for part in PARTS:
        if part.matches(present):
            return part
    return None
