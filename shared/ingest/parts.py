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
    SPLIT_ROWS = "split_rows"  # each row a sales total, a stock count and competitors' prices (``split_rows``)
    # a relational export's tables, told by their columns (``shared.ingest.order_parts``)
    ORDER_HEADERS = "order_headers"  # each order's date, status, store and customer
    ORDER_LINES = "order_lines"  # lines naming an order and a product, no date: sales once their order is known
    NAMES = "names"  # the name of each brand, category or store id
    PRODUCTS_BY_ID = "products_by_id"  # a catalogue naming its brand or category by id
    STOCK_COUNTS = "stock_counts"  # a store's quantity of each product
    PLACES = "places"  # where each territory (or other thing) is: the region and country of sales naming it by id
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
                "Olist products (category and sizes; no product names)",
                absent=("month_year", "total_price")),  # Retail Price Optimization's monthly sales share these
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
    # H&M "Personalized Fashion Recommendations": customers.csv (club status, age, postcode): nothing sold
    DatasetPart("hm", "hm_customers", PartRole.UNUSED, DataKind.SALES,
                ("customer_id", "club_member_status", "fashion_news_frequency", "age", "postal_code"),
                "H&M customers (club status, news frequency, age and postcode of each customer): not sales; who "
                "the customers are is not stored (sales name them by a keyed hash)"),
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


def published_part(headers: list[str] | tuple[str, ...]) -> DatasetPart | None:
    """The published file whose signature headers all appear in ``headers``, if any.

    Only the signatures listed here: ``shared.ingest.kinds.dataset_part`` adds the relational export's files.
    """
    present = {normalise_header(h) for h in headers}
    for part in PARTS:
        if part.matches(present):
            return part
    return None


#: dunnhumby's "The Complete Journey" (84.51°): the files besides the receipts and the catalogue, as the original
#: download (upper-case headers, day numbers) and the R package ``completejourney`` (dated 2017) publish them. The
#: original's receipts carry day numbers (DAY 1-711) and no calendar date: no sale can be placed in time, and no
#: start date is assumed, so they are acknowledged with that reason. The R package's receipts and both catalogues
#: load by their export profiles (``shared.ingest.headers.COMPLETE_JOURNEY_PROFILES``).
COMPLETE_JOURNEY = "complete_journey"
COMPLETE_JOURNEY_UNDATED = (
    "The Complete Journey transaction_data.csv: DAY is a day number (1-711) and TRANS_TIME a time of day, and no "
    "file of the download gives a calendar date, so no sale can be placed in a day, month or year: nothing is "
    "stored (no start date is assumed). To load these receipts, add a date column to the file (the "
    "completejourney R package's transactions.csv, dated 2017, loads as it is)")
COMPLETE_JOURNEY_PARTS: tuple[DatasetPart, ...] = (
    DatasetPart(COMPLETE_JOURNEY, "transaction_data", PartRole.UNUSED, DataKind.SALES,
                ("household_key", "BASKET_ID", "DAY", "PRODUCT_ID", "QUANTITY", "SALES_VALUE", "STORE_ID",
                 "TRANS_TIME", "WEEK_NO"),
                COMPLETE_JOURNEY_UNDATED),
    DatasetPart(COMPLETE_JOURNEY, "causal_data", PartRole.UNUSED, DataKind.PRODUCTS,
                ("PRODUCT_ID", "STORE_ID", "WEEK_NO", "display", "mailer"),
                "The Complete Journey causal_data.csv (which products each store put on display or in the mailer, "
                "by week number): nothing ecomintel stores"),
    DatasetPart(COMPLETE_JOURNEY, "promotions", PartRole.UNUSED, DataKind.PRODUCTS,
                ("product_id", "store_id", "display_location", "mailer_location", "week"),
                "The Complete Journey promotions (which products each store put on display or in the mailer, by "
                "week): nothing ecomintel stores (a sale's promo flag is not derived from them)"),
    DatasetPart(COMPLETE_JOURNEY, "hh_demographic", PartRole.UNUSED, DataKind.SALES,
                ("AGE_DESC", "MARITAL_STATUS_CODE", "INCOME_DESC", "HH_COMP_DESC", "household_key"),
                "The Complete Journey hh_demographic.csv (age, income and household make-up of 801 households): "
                "nothing ecomintel stores (customers are kept as keyed hashes, without demographics)"),
    DatasetPart(COMPLETE_JOURNEY, "demographics", PartRole.UNUSED, DataKind.SALES,
                ("household_id", "age", "income", "home_ownership", "household_comp", "kids_count"),
                "The Complete Journey demographics (age, income and household make-up of 801 households): nothing "
                "ecomintel stores (customers are kept as keyed hashes, without demographics)"),
    DatasetPart(COMPLETE_JOURNEY, "coupon_redempt", PartRole.UNUSED, DataKind.SALES,
                ("household_key", "DAY", "COUPON_UPC", "CAMPAIGN"),
                "The Complete Journey coupon_redempt.csv (coupons redeemed, by household and day number): nothing "
                "ecomintel stores"),
    DatasetPart(COMPLETE_JOURNEY, "coupon_redemptions", PartRole.UNUSED, DataKind.SALES,
                ("household_id", "coupon_upc", "campaign_id", "redemption_date"),
                "The Complete Journey coupon redemptions (coupons redeemed, by household and date): nothing "
                "ecomintel stores"),
    DatasetPart(COMPLETE_JOURNEY, "coupon", PartRole.UNUSED, DataKind.PRODUCTS,
                ("COUPON_UPC", "PRODUCT_ID", "CAMPAIGN"),
                "The Complete Journey coupon.csv (the products each campaign's coupons apply to): nothing ecomintel "
                "stores"),
    DatasetPart(COMPLETE_JOURNEY, "coupons", PartRole.UNUSED, DataKind.PRODUCTS,
                ("coupon_upc", "product_id", "campaign_id"),
                "The Complete Journey coupons (the products each campaign's coupons apply to): nothing ecomintel "
                "stores"),
    DatasetPart(COMPLETE_JOURNEY, "campaign_desc", PartRole.UNUSED, DataKind.SALES,
                ("DESCRIPTION", "CAMPAIGN", "START_DAY", "END_DAY"),
                "The Complete Journey campaign_desc.csv (each campaign's type and its first and last day number): "
                "nothing ecomintel stores"),
    DatasetPart(COMPLETE_JOURNEY, "campaign_descriptions", PartRole.UNUSED, DataKind.SALES,
                ("campaign_id", "campaign_type", "start_date", "end_date"),
                "The Complete Journey campaign descriptions (each campaign's type and dates): nothing ecomintel "
                "stores"),
    DatasetPart(COMPLETE_JOURNEY, "campaign_table", PartRole.UNUSED, DataKind.SALES,
                ("DESCRIPTION", "household_key", "CAMPAIGN"),
                "The Complete Journey campaign_table.csv (the households each campaign reached): nothing ecomintel "
                "stores"),
    DatasetPart(COMPLETE_JOURNEY, "campaigns", PartRole.UNUSED, DataKind.SALES,
                ("campaign_id", "household_id"),
                "The Complete Journey campaigns (the households each campaign reached): nothing ecomintel stores"),
)
PARTS += COMPLETE_JOURNEY_PARTS


#: dunnhumby's "Carbo-Loading" (pasta, sauce, syrup and pancake mix receipts of 510,027 households over two years):
#: its receipts carry day and week numbers, never a calendar date, so no sale can be placed in time; acknowledged.
#: Its product_lookup loads as a catalogue (``shared.ingest.headers.DUNNHUMBY_PROFILES``); Breakfast at the Frat's
#: store lookup holds nothing stored.
DUNNHUMBY_PARTS: tuple[DatasetPart, ...] = (
    DatasetPart("carbo_loading", "carbo_loading_transactions", PartRole.UNUSED, DataKind.SALES,
                ("upc", "dollar_sales", "units", "time_of_transaction", "geography", "week", "household", "store",
                 "basket", "day"),
                "Carbo-Loading transactions: day is a day number (1-728) and week a week number, and no file of the "
                "download gives a calendar date, so no sale can be placed in a day, month or year: nothing is stored "
                "(no start date is assumed). To load these receipts, add a date column to the file"),
    DatasetPart("carbo_loading", "carbo_loading_causal_lookup", PartRole.UNUSED, DataKind.PRODUCTS,
                ("upc", "store", "week", "feature_desc", "display_desc"),
                "Carbo-Loading causal_lookup (each product's feature and display by store and week number): nothing "
                "ecomintel stores"),
    DatasetPart("carbo_loading", "carbo_loading_store_lookup", PartRole.UNUSED, DataKind.SALES,
                ("store", "store_zip_code"),
                "Carbo-Loading store_lookup (each store's ZIP code): nothing ecomintel stores"),
    DatasetPart("breakfast_at_the_frat", "breakfast_at_the_frat_stores", PartRole.UNUSED, DataKind.SALES,
                ("STORE_ID", "STORE_NAME", "ADDRESS_CITY_NAME", "ADDRESS_STATE_PROV_CODE", "MSA_CODE",
                 "SEG_VALUE_NAME"),
                "Breakfast at the Frat store lookup (each store's name, city, state, segment and size): nothing "
                "ecomintel stores (sales name the store by its number)"),
)
PARTS += DUNNHUMBY_PARTS


#: The side files of store-level public sets: Walmart's two Kaggle sets, Rossmann and Bibitor's Inventory Analysis
#: Case Study. Their sales (and Bibitor's inventories) load by export profiles (``shared.ingest.headers.
#: STORE_PROFILES``); these carry nothing ecomintel stores (store attributes, weather, what the chain bought).
STORE_PARTS: tuple[DatasetPart, ...] = (
    # one row, three kinds (``shared.ingest.split_rows``): Kaggle "Retail Store Inventory Forecasting Dataset"
    # and "Retail Price Optimization"
    DatasetPart("retail_store_inventory", "retail_store_inventory", PartRole.SPLIT_ROWS, DataKind.SALES,
                ("Date", "Store ID", "Product ID", "Inventory Level", "Units Sold", "Units Ordered",
                 "Competitor Pricing"),
                "Retail Store Inventory: each row is a store's day of a product, split three ways: a sales line "
                "(Units Sold at Price, the Discount a percentage of it; the store the channel; a total per day, so "
                "no orders are counted), a stock count (Inventory Level at the store) and the price of the store's "
                "competitor (Competitor Pricing: 'competitor of S001'); Units Ordered, Demand Forecast, Weather "
                "Condition and Seasonality are not stored"),
    DatasetPart("retail_price_optimization", "retail_price_optimization", PartRole.SPLIT_ROWS, DataKind.SALES,
                ("product_id", "product_category_name", "month_year", "qty", "total_price", "unit_price", "comp_1"),
                "Retail Price Optimization: each row is a product's month (month_year dd-mm-yyyy, the 1st), split: a "
                "sales line (qty units for total_price at unit_price; a total per month, so no orders are counted) "
                "and three competitors' prices (comp_1, comp_2, comp_3 as 'competitor 1'-'competitor 3'); their "
                "scores and freight, customers, weekdays, holidays and lag_price are not stored"),
    DatasetPart("walmart", "walmart_stores", PartRole.UNUSED, DataKind.SALES, ("Store", "Type", "Size"),
                "Walmart stores.csv (each store's type and size): nothing ecomintel stores (sales name the store "
                "by its number)", absent=("Date",)),
    DatasetPart("walmart", "walmart_features", PartRole.UNUSED, DataKind.SALES,
                ("Store", "Date", "Temperature", "Fuel_Price", "MarkDown1", "CPI", "Unemployment"),
                "Walmart features.csv (weather, fuel price, markdowns, CPI and unemployment per store and week): "
                "forecast features, not sales: nothing ecomintel stores"),
    DatasetPart("rossmann", "rossmann_store", PartRole.UNUSED, DataKind.SALES,
                ("Store", "StoreType", "Assortment", "CompetitionDistance", "Promo2"),
                "Rossmann store.csv (each store's type, assortment, nearest competitor and promotion cycle): "
                "nothing ecomintel stores (sales name the store by its number)"),
    DatasetPart("rossmann", "rossmann_test", PartRole.UNUSED, DataKind.SALES,
                ("Id", "Store", "DayOfWeek", "Date", "Open", "Promo"),
                "Rossmann test.csv (the days to forecast, with no sales): nothing sold to store",
                absent=("Sales",)),
    DatasetPart("bibitor", "bibitor_purchases", PartRole.UNUSED, DataKind.SALES,
                ("InventoryId", "VendorNumber", "PONumber", "PODate", "ReceivingDate", "PurchasePrice", "Quantity"),
                "Bibitor PurchasesFINAL (what the stores bought from vendors, by purchase order): purchases, not "
                "sales: nothing ecomintel stores (the products' costs come from 2017PurchasePricesDec)"),
    DatasetPart("bibitor", "bibitor_invoice_purchases", PartRole.UNUSED, DataKind.SALES,
                ("VendorNumber", "VendorName", "InvoiceDate", "PONumber", "Dollars", "Freight"),
                "Bibitor InvoicePurchases (vendor invoices: quantities, amounts and freight per purchase order, no "
                "products): nothing ecomintel stores"),
)
PARTS += STORE_PARTS
