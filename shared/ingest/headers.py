"""Header aliases: map a file's column names to record fields, and detect the kind from a header.

Names are compared case-, space- and punctuation-insensitively (``Units Sold`` == ``units_sold``).

Besides record fields, a sales file may carry *source fields* that ingest derives record fields from
(``SALES_SOURCE_FIELDS``: a customer e-mail or id, order-level discount and refund amounts, an order
status, a line's net total). Native exports (Shopify, WooCommerce, Amazon) are recognised by their exact
headers (``EXPORT_PROFILES``) and mapped header for header, without the generic aliases: a Shopify
``Total`` is the order's total, not the line's revenue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared import regex as re
from shared.errors import InvalidInput
from shared.ingest.header_currency import without_currency
from shared.ingest.localised import readings
from shared.ingest.names import normalise_header
from shared.models.records import RECORD_MODELS, DataKind

_COMMON: dict[str, tuple[str, ...]] = {
    "sku": ("product_id", "item_sku", "productid", "item_id", "sku_id", "product_sku", "article", "item", "seller_sku",
            "stock_code", "stockcode", "item_code", "product_code", "item_identifier", "product_identifier",
            "product_key", "menu_item_id",
            # a seller's reference of the SKU (Shopee's SKU Reference No.), a shop's own code beside a system id
            "sku_reference_no", "sku_reference", "sku_reference_number", "sku_ref", "sku_ref_no", "custom_sku",
            "seller_sku_id", "article_number",
            # an accounting system's item code (Xero's InventoryItemCode), a seller's own reference (Cdiscount's
            # Référence vendeur)
            "inventory_item_code", "seller_reference", "seller_ref", "product_reference",
            # a marketplace seller's SKU of its offer (Mirakl's Offer SKU, beside the marketplace's Product SKU)
            "offer_sku"),
    "date": ("order_date", "day", "sale_date", "txn_date", "transaction_date", "observed_at", "observed_date",
             "review_date", "snapshot_date", "as_of", "created_at", "timestamp", "purchase_date", "invoice_date",
             "order_purchase_timestamp", "review_creation_date", "unix_review_time", "review_time", "event_time",
             "return_date", "date_created", "created_date", "creation_date", "created_time", "create_time",
             "order_created_time", "order_time", "datetime", "date_time", "date_and_time",
             # when a sale was made, the plural (Kaggle's Grocery Sales Database: SalesDate)
             "sales_date", "sales_datetime",
             # when the order was placed, in marketplaces' words (Shopee's Order Creation Date, Flipkart's Ordered On)
             "order_creation_date", "order_creation_time", "order_created_date", "order_created_at", "created_on",
             "ordered_on", "order_placed", "order_placed_date", "placed_on", "date_ordered", "date_placed",
             # when the order was placed or charged (Whatnot's order_placed_at_utc, Google Play's Order Charged Date)
             "order_placed_at", "order_charged_date", "charged_date", "charge_date", "sold_date", "date_sold",
             # when a course or download was bought (Teachable's Purchased At)
             "purchased_at", "purchased_on", "purchase_time", "purchased_date",
             # when a payments report's transaction was made (eBay's Transaction report: Transaction creation date)
             "transaction_creation_date", "transaction_created_date", "transaction_created_at",
             # when a crowdfunding backer pledged (Kickstarter's backer report: Pledged At)
             "pledged_at", "pledged_on", "pledge_date", "backed_at"),
    "currency": ("currency_code", "ccy", "curr", "sale_currency", "customer_currency"),
    "channel": ("sales_channel", "marketplace", "platform", "source_channel"),
}

ALIASES: dict[DataKind, dict[str, tuple[str, ...]]] = {
    DataKind.SALES: {
        "units": ("qty", "quantity", "units_sold", "quantity_sold", "qty_sold", "units_ordered", "item_quantity",
                  "quantity_ordered", "qty_ordered", "transaction_qty", "transaction_quantity", "order_qty",
                  "order_quantity", "units_shipped", "qty_shipped", "quantity_shipped", "boxes_shipped",
                  "product_quantity", "product_qty", "item_qty", "line_quantity", "line_qty", "ordered_quantity",
                  "quantity_purchased", "qty_purchased", "sku_quantity",
                  # an item's count on an order line (Shift4Shop's numitems); an item's count of a day, abbreviated
                  # (Kaggle's Predict Future Sales: item_cnt_day, a return a negative count)
                  "num_items", "item_cnt", "item_cnt_day"),
        "unit_price": ("price", "item_price", "sale_price", "selling_price", "price_per_unit", "price_each",
                       "wholesale_price", "product_price",
                       # the price the line sold at, per item (Shopee's Deal Price, Flipkart's Selling Price Per Item)
                       "deal_price", "selling_price_per_item", "price_per_item", "unit_selling_price",
                       "item_unit_price",
                       # the price of a one-item order (Poshmark's Order Price: a listing sold a row)
                       "order_price",
                       # the price a line sold at per unit, in order extracts and accounting reports (Token of Trust's
                       # Sales Price ($)**, QuickBooks' Sales Price)
                       "sales_price",
                       # an invoice line's price per unit (Xero's UnitAmount), a course's price before its coupon
                       # (Teachable's List Price)
                       "unit_amount", "list_price",
                       # a unit's price before its discounts (JD.com's order data: original_unit_price)
                       "original_unit_price",
                       # a ticket's price (Cooltix's Ticket Price: a ticket a row)
                       "ticket_price",
                       # the price a seller listed an item at, before its discount (Meesho's Supplier Listed Price)
                       "listed_price", "supplier_listed_price", "supplier_price",
                       # a crowdfunding reward's price: the least a backer pledges for it (Kickstarter's Reward Minimum)
                       "reward_minimum", "reward_price", "backing_minimum"),
        "revenue": ("sales", "total", "amount", "line_total",
                    # what a cup was paid (Kaggle's Coffee Sales: a vending machine's money)
                    "money", "gross_sales", "net_sales", "total_sales",
                    "gross_revenue", "line_subtotal", "item_subtotal", "total_amount", "total_price", "sales_amount",
                    "line_amount", "total_revenue", "product_revenue", "products_revenue", "product_subtotal",
                    # a line's total named for its item (Square Online's Product Total beside the order's Total)
                    "item_total", "product_total", "line_item_total",
                    # what a purchase came to (Kaggle's E-commerce Customer Behavior: Total Purchase Amount beside
                    # its Product Price; Customer Shopping Trends' Purchase Amount (USD))
                    "total_purchase_amount", "purchase_amount",
                    # what a customer spent on the line (the Cafe Sales' Total Spent)
                    "total_spent", "amount_spent",
                    # a sale's money named by its currency's word (Iowa Liquor Sales' Sale (Dollars): ``goods_sold``)
                    "sale_amount"),
        "order_id": ("order", "order_number", "order_no", "transaction_id", "txn_id", "amazon_order_id",
                     "invoice", "invoice_no", "invoice_number", "invoice_id", "sale_id", "sales_id", "receipt_id",
                     "receipt_no", "receipt_number", "sale_number", "sale_no",
                     # an ERP's order (Zoho Inventory's SalesOrder Number, Odoo's and Cdiscount's order reference)
                     "sales_order_number", "sales_order_no", "sales_order_id", "order_reference", "order_ref",
                     # an accounting report's transaction number (QuickBooks' Num)
                     "num",
                     # an order's number, shortened (Discogs' order_num), and a marketplace's sub-order of one product
                     # (Meesho's Sub Order No)
                     "order_num", "order_nbr",
                     # an invoice's line, numbered on its own (Iowa Liquor Sales' Invoice/Item Number)
                     "invoice_item_number", "invoice_line_number", "sub_order_no", "sub_order_number", "sub_order_id",
                     "suborder_id",
                     "suborder_no", "suborder_number"),
        "currency": ("order_currency",),
        "promo": ("on_promo", "promotion", "is_promo", "promo_flag"),
        "discount": ("line_discount", "discounts", "discount_value", "discount_amount", "item_discount",
                     "lineitem_discount", "item_promotion_discount", "promotion_discount", "promo_discount",
                     "markdown",
                     # a coupon's amount off the purchase (Payhip's Coupon Discount)
                     "coupon_discount", "coupon_amount", "voucher_discount",
                     # the discount an order was given (US Regional Sales' Discount Applied, a rate: 0.075)
                     "discount_applied"),
        "refund": ("refund_amount", "refunded", "refunded_amount", "amount_refunded", "refunds", "item_refunded",
                   "line_refund", "refund_value", "partial_refund"),
        "returned_units": ("returns", "returned", "qty_returned", "units_returned", "returned_qty",
                           "return_quantity", "returned_quantity", "item_refunded_qty", "refunded_qty",
                           "quantity_returned", "return_qty"),
        # source fields (see SALES_SOURCE_FIELDS): derived into record fields, never stored as they are
        "customer_email": ("email", "e_mail", "email_address", "billing_email", "buyer_email", "order_email",
                           "contact_email", "customer_e_mail", "student_email"),
        "customer_id": ("customer", "customer_number", "customer_no", "client_id", "buyer_id", "customer_user",
                        "customer_hash", "user_id", "buyer", "customer_name", "customer_key",
                        # a wholesaler's customers are retailers (Faire's Retailer Name)
                        "retailer_name", "buyer_username", "buyer_name",
                        # a course platform's buyers are its students (Teachable's Student Name)
                        "student_name", "student",
                        # a shop's reference of its customer (Fashion Retail Sales' Customer Reference ID)
                        "customer_reference_id", "customer_reference", "customer_ref"),
        # only names that say "order": a generic file's "Discount Amount" is the line's (Shopify's is the
        # order's, and its profile says so)
        "order_discount": ("order_discount_amount", "cart_discount", "order_discount_total", "order_level_discount"),
        "order_refund": ("order_refunded", "order_refund_amount", "order_refunded_amount", "order_refund_total"),
        "status": ("order_status", "order_state", "order_item_status", "item_status", "line_status",
                   "status_description"),
        # a line's return or refund, beside its order's status (Shopee's Return / Refund Status): where it says the
        # return or refund went through, the line is a return (``shared.ingest.sales.return_granted``)
        "return_status": ("refund_status", "return_refund_status", "returns_status"),
        # a row per order item, one unit each, with no quantity column (Lazada's Order Item Id, Kaufland's
        # Bestelleinheit-ID): each row is one unit (``shared.ingest.derive.derive_missing``)
        "order_item_id": ("order_line_id", "order_unit_id", "order_item_no", "order_item_number", "line_id",
                          "position_id"),
        # a yes/no column saying the line was voided (Toast's Void?): a voided line is no sale
        "voided": ("void", "is_void", "is_voided", "void_flag", "voided_flag", "line_voided", "item_voided"),
        # a payment's state beside the order's (Nuvemshop's Status do Pagamento): it decides where it says the money
        # was given back or never taken (``shared.ingest.sales.payment_decides``); alone, it is the status
        "payment_status": ("financial_status",),
        # the line's shipping charge (a Mirakl operator's Shipping price): read where a total proves to include it
        # (``sales.total_with_shipping``) or an order's total is read less its charges (``total_less_charges``)
        "shipping_amount": ("shipping_price", "shipping_charge", "shipping_fee", "line_shipping", "item_shipping"),
        # what the buyer paid in all, its charges beside it (Eventbrite's Total Paid beside Fees Paid, a backer's Pledge
        # Amount beside its Shipping Amount): the sale is the total less them (``sales.total_less_charges``)
        "grand_total": ("total_paid", "pledge_amount", "pledged_amount"),
        # the service fees a ticket buyer paid on top of the ticket (Eventbrite's Fees Paid): no product's money
        "buyer_fee": ("fees_paid", "buyer_fee", "buyer_fees", "booking_fee", "booking_fees"),
        # an item's price after its discount, beside its price before (Meesho's Supplier Discounted Price): the line's
        # net is units x it (``sales.unit_net_price``)
        "unit_net": ("discounted_price", "supplier_discounted_price", "discounted_unit_price", "price_after_discount",
                     "unit_price_after_discount",
                     # what a unit was paid after every discount, beside its price before (JD.com's order data:
                     # final_unit_price beside original_unit_price)
                     "final_unit_price", "final_price_per_unit", "net_unit_price"),
        "line_net": ("net_line_total", "line_net_total", "item_net",
                     # what was paid for the line after its coupon (Teachable's Final Price)
                     "final_price",
                     # an order item's price after its voucher (Jumia's and Lazada's Paid Price beside Unit Price)
                     "paid_price"),
        # a US address's last part, "City, ST 12345" (Token of Trust's "City, State Zip (Shipping)"): its state is read
        "ship_address": ("purchase_address", "city_state_zip", "city_state_zip_shipping", "shipping_city_state_zip",
                         "city_state_zip_code"),
        # what a row of an event log records (REES46's view/cart/remove_from_cart/purchase): purchases are sales.
        # Only its own name: a sales file's "Event" column is as likely a promotion ("Black Friday")
        "event_type": (),
        # the product a line names (shared.ingest.catalogue): kept for the catalogue, not on the sales row
        "product_title": ("description", "product_name", "product_title", "item_name", "item_description",
                          "lineitem_name", "title", "product", "product_detail", "product_description",
                          "menu_item", "listing_title", "listing_name", "offer_name", "offer_title",
                          "article_name", "item_title",
                          # what a purchase bought (Fashion Retail Sales' Item Purchased)
                          "item_purchased", "product_purchased", "item_bought", "product_bought",
                          # a course sold (Teachable's Course)
                          "course", "course_name", "course_title",
                          # an accounting report's item (QuickBooks' Product/Service)
                          "product_service", "product_or_service",
                          # what a box office sells (BookTix's show_name, an event platform's event)
                          "show_name", "show", "event_name", "event_title",
                          # an event's ticket sold (Cooltix's Ticket Type: one event's export, its tickets the products)
                          "ticket_type",
                          # a crowdfunding campaign's reward a backer pledged for (Kickstarter's Reward Title)
                          "reward_title", "reward_name", "reward"),
        # E for Excel's Sales Records and Big Mart name the kind of item sold (``Item Type``): its category
        "product_category": ("category", "product_category", "product_type", "department", "product_line",
                             "item_type",
                             # the category's name beside its id (DataCo's Category Name beside Category Id)
                             "category_name"),
        "product_brand": ("brand", "vendor", "manufacturer",
                          # the brand's or maker's name beside its number (Iowa Liquor Sales' Vendor Name)
                          "brand_name", "vendor_name", "manufacturer_name"),
        # where the line was sold to: a dimension of sales questions ("which country bought the most")
        "country": ("ship_country", "shipping_country", "billing_country", "customer_country", "country_code",
                    "ship_country_code", "shipping_country_code", "billing_country_code",
                    "retailer_country", "buyer_country"),
        # a city (the customer's or where it shipped) is the line's region where the file has no region column
        # ("which city" reads regions that are cities: ``shared.questions.place_names.are_cities``)
        "region": ("sales_region", "ship_region", "territory", "city", "customer_city", "customer_location",
                   "ship_city", "shipping_city", "billing_city", "store_city", "location", "retailer_city",
                   "buyer_city", "shipping_region",
                   # the region of the outlet or customer a sale is booked to (Car Sales Report's Dealer_Region)
                   "dealer_region", "store_region", "customer_region", "branch_region"),
        "state": ("province", "ship_state", "shipping_state", "shipping_province", "billing_state",
                  "billing_province", "customer_state", "ship_province", "state_province", "county",
                  "retailer_state", "buyer_state", "ship_to_state", "shipped_to_state"),
        "line_cost": ("line_cogs", "cost_of_goods_sold", "line_cost_total", "item_cost_total", "total_cost"),
        "line_profit": ("profit", "line_profit", "gross_profit", "item_profit", "operating_profit", "total_profit"),
        # how the order was paid (Electronic Sales' Payment Method, the Retail Transaction Dataset's PaymentMethod,
        # Coffee Sales' cash_type): a dimension of sales questions ("revenue by payment method", "share paid by card")
        "payment_method": ("payment_type", "payment_mode", "payment_methods", "paid_by", "paid_with",
                           "payment_option", "payment_channel", "tender", "tender_type", "cash_type",
                           "method_of_payment", "mode_of_payment", "pay_method", "payment_gateway", "gateway"),
        # who sold the line: a dealer (Car Sales Report's Dealer_Name, Vehicle Sales Data's seller) or salesperson
        "seller": ("seller_name", "dealer", "dealer_name", "dealership", "salesperson", "sales_person",
                   "salesperson_name", "sales_rep", "sales_representative", "salesman", "sales_agent", "sold_by"),
        # where the line was sold: a shop of the merchant's (Maven's Coffee Shop Sales: store_location) or the way
        # it was sold (Adidas' Sales Method: In-store, Outlet, Online)
        "channel": ("store_location", "store_name", "store", "shop", "outlet", "sales_method"),
    },
    DataKind.PRODUCTS: {
        "title": ("name", "product_name", "product_title", "item_name", "description_short"),
        "brand": ("manufacturer", "vendor", "make"),
        "category": ("product_category", "product_type", "department"),
        # a catalogue's Unit Price is its selling price (Maven's Global Electronics Retailer: ``Unit Price USD``)
        "price": ("list_price", "our_price", "retail_price", "selling_price", "product_price", "item_price",
                  "unit_price"),
        "cost": ("unit_cost", "cogs", "cost_price", "purchase_price", "product_cost", "item_cost"),
        "map_price": ("map", "min_advertised_price", "minimum_advertised_price"),
        "msrp": ("rrp", "recommended_price"),
        "gtin": ("ean", "upc", "barcode", "gtin13", "gtin14"),
    },
    DataKind.REVIEWS: {
        # a review export names the product by its marketplace id (Amazon's ASIN) as often as by SKU
        "sku": ("asin", "parent_asin", "clothing_id", "business_id"),
        # Amazon Fine Food Reviews (SNAP): Unix seconds; Trustpilot's "Review Created (UTC)"
        "date": ("time", "at", "submission_time", "created"),
        "review_id": ("id", "reviewid", "review_number"),
        "rating": ("stars", "score", "star_rating", "review_rating", "overall", "review_score", "rating_value"),
        "title": ("headline", "summary", "review_title", "review_comment_title", "review_headline"),
        "text": ("body", "review", "review_text", "content", "comment", "review_body", "review_comment_message",
                 "review_content"),
        "author": ("reviewer", "user", "customer", "reviewer_name", "author_name", "user_id",
                   "profile_name", "username"),
        "verified": ("verified_purchase", "is_verified"),
        # the reviewed product's name and brand (Sephora's product_name, brand_name): a catalogue for its SKU
        "product_title": ("product_name",),
        "product_brand": ("brand_name",),
    },
    DataKind.COMPETITOR_PRICES: {
        "competitor": ("retailer", "seller", "store", "competitor_name", "merchant"),
        "price": ("competitor_price", "their_price", "observed_price", "offer_price"),
        "shipping": ("shipping_cost", "delivery", "shipping_price", "delivery_cost"),
        "in_stock": ("available", "availability", "instock", "is_in_stock", "stock_status"),
        "competitor_sku": ("their_sku", "competitor_product_id"),
        "url": ("link", "product_url", "page"),
    },
    DataKind.INVENTORY: {
        "on_hand": ("stock", "qty_on_hand", "quantity_on_hand", "available_qty", "inventory", "stock_level",
                    "units_on_hand", "onhand", "stock_on_hand", "in_stock_qty", "quantity_in_stock",
                    "stock_quantity"),
        "on_order": ("incoming", "qty_on_order", "inbound", "on_po"),
        "lead_time_days": ("lead_time", "leadtime", "lead_days"),
        "location": ("warehouse", "store", "site", "location_id", "warehouse_id", "store_id", "store_name"),
    },
}


#: Sales columns that are not record fields: ingest derives record fields from them (``shared.ingest.sales``).
SALES_SOURCE_FIELDS: dict[str, type] = {
    "customer_email": str,  # hashed into customer_hash
    "customer_id": str,  # hashed into customer_hash (when no e-mail is given)
    "order_discount": float,  # an order's discount, spread over its lines by value
    "order_refund": float,  # an order's refunded amount, spread over its lines by value
    "status": str,  # order status: cancelled/voided/failed lines are not sales
    "payment_status": str,  # the payment's status: where it says refunded or cancelled, it decides
    "voided": str,  # yes/no: a voided line is no sale (``shared.ingest.sales.voided_lines``)
    "return_status": str,  # a line's return or refund: granted, the line is a return
    "order_item_id": str,  # a row per item with no quantity column: one unit each
    "line_net": float,  # the line's total after discounts: discount = revenue - line_net
    "product_title": str,  # the product's name, category and brand: a catalogue for SKUs without one
    "product_category": str,
    "product_brand": str,
    "line_profit": float,  # the line's profit in money: cost = revenue - line_profit (Superstore's Profit)
    "discount_rate": float,  # a discount column read as a rate (``shared.ingest.discount``), Sales after it
    "event_type": str,  # an event log's event: purchases are sales, views and cart events are not (counted)
    "promo_count": float,  # how many of the line's items were on promotion (Favorita's onpromotion): promo = > 0
    # discounts the retailer gave, in money, that the line's revenue is already after (dunnhumby's loyalty-card
    # RETAIL_DISC and its match of a manufacturer's coupon, COUPON_MATCH_DISC): summed into ``discount``
    "loyalty_discount": float,
    "coupon_match_discount": float,
    # a week's promotional support of a product in a store, 1 or 0 (dunnhumby's Breakfast at the Frat: in the
    # circular, on display, a temporary price cut only): any of them makes the line's ``promo``
    "promo_feature": float,
    "promo_display": float,
    "promo_price_cut": float,
    # the regular shelf price, with ``unit_price`` the price paid: discount = (base - price) x units, revenue after it
    "base_price": float,
    # where the line shipped, as one cell: a US address's state fills ``state`` (``shared.ingest.addresses``)
    "ship_address": str,
    # an order's total as the buyer paid it, with the tax, tip and shipping beside it (Clover's Order Total): the
    # sale is the total less them (``shared.ingest.sales.total_less_charges``)
    "grand_total": float,
    "tax_amount": float,
    "tip_amount": float,
    "shipping_amount": float,
    "buyer_fee": float,
    # an item's price after its discount (``sales.unit_net_price``: the line's net is units x it)
    "unit_net": float,
}
#: Review columns that are not record fields: the reviewed product's name, category and brand, written as a
#: catalogue for SKUs without a product row (``shared.ingest.catalogue``), so answers name the product.
REVIEW_SOURCE_FIELDS: tuple[str, ...] = ("product_title", "product_category", "product_brand")
#: Record fields no column feeds directly (a ``customer_hash`` column is hashed like any customer id).
_DERIVED_ONLY: dict[DataKind, frozenset[str]] = {DataKind.SALES: frozenset({"customer_hash"})}


@dataclass(frozen=True)
class ProfileCells:
    r"""How a native export writes some cells, applied to a chunk's mapped text before parsing.

    ``missing``: values that mean an empty cell (MySQL's ``\\N``). ``prefixes``: a label put before a field's
    bare value (Favorita's store ``44`` is the channel ``store 44``). ``templates``: a field the export has no
    column for, made from the row's fields (``{"title": "item {sku}"}`` where a catalogue publishes no names).
    """

    missing: frozenset[str] = frozenset()
    prefixes: tuple[tuple[str, str], ...] = ()
    templates: tuple[tuple[str, str], ...] = ()
    #: field -> the export's documented codes of its values and the word each stands for (Shopware's order state
    #: ``-1`` is ``cancelled``): the status rules read words
    codes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


@dataclass(frozen=True)
class ExportProfile:
    """A platform's native export, recognised by its exact headers and mapped header for header."""

    name: str
    kind: DataKind
    signature: frozenset[str]  # normalised headers that all appear in this export (and together in no other)
    columns: dict[str, str]  # normalised header -> field (record or source field); every other column unmapped
    defaults: dict[str, str] | None = None  # values for fields the export implies (e.g. the channel)
    hint: str = ""  # what to do when a required column is missing
    note: str = ""  # how the export is read, for the ingestion's note (what is not stored and why)
    top_level: frozenset[str] = frozenset()  # fields written as a path ("A|B|C"): the first part is kept
    cells: ProfileCells = ProfileCells()  # how the export writes some cells (labels, NULL markers, titles)
    #: quantities may be fractional (goods sold by weight): rounded to whole units, flagged, counted in the note
    whole_units: bool = False
    #: the export's own statuses -> "cancelled", "returned", "unpaid" or "sale" (a sale whatever the generic rules say)
    statuses: dict[str, str] | None = None
    #: field -> published columns whose first non-empty cell fills it where its own is empty (a title from the
    #: product's type, else its category): ``shared.ingest.derive.filled_from``
    fill: dict[str, tuple[str, ...]] | None = None
    #: quantities may be a measure, not a count (fuel in thousandths of a gallon): ``shared.ingest.sales.metered``
    metered_units: bool = False
    #: fields whose cells a program may write in exponent form (R's ``1.110223e-16``): read as plain decimals
    #: (``shared.ingest.derive.plain_exponents``); the money grammar itself reads no exponents
    exponents: frozenset[str] = frozenset()
    #: rows of empty cells are the export's padding (a spreadsheet saved as CSV to its last formatted row): skipped
    #: and counted, not rejected one by one (elsewhere such a row is rejected: a file's empty row is worth a look)
    skip_blank_rows: bool = False
    #: each row is the total of a period's sales ("day", "week": a store's units of a product that day or week),
    #: not an order line: its lines are flagged (``aggregate_flag``) and the metrics count no orders from them
    aggregate: str = ""
    #: the rows are revenue totals with no units (Walmart's weekly sales, Rossmann's daily): each line's units are 0
    #: (the record needs a count) and flagged ``sales:no_units``, so unit measures read them as unknown, not 0
    no_units: bool = False
    #: the rows name no product either (a store's whole revenue): the SKU is a stand-in, flagged
    #: ``sales:no_products``, so product questions say the data hold no products instead of ranking the stand-in
    no_products: bool = False
    #: a column packing several line items in one cell (BigCommerce's ``Product Details``): the column and the
    #: item keys read as fields (``shared.ingest.packed``); each item becomes a line of its own
    packed: PackedItems | None = None
    #: rows that summarise the lines after them (eBay's order row above its items): a field whose empty cell marks
    #: one, and why it is no sale; such rows are skipped and counted, not rejected
    summary_rows: tuple[str, str] | None = None
    #: fields written on a group's first row only (Shopify's product title on its first variant): an empty cell
    #: takes the value above it
    fill_down: frozenset[str] = frozenset()
    #: a row written again is one more unit of the same line (H&M writes a second unit bought the same day as the
    #: same row again): the repeats are summed into the first row's units, skipped and counted
    #: (``shared.ingest.derive.repeated_rows``), never dropped as duplicates
    repeats_are_units: bool = False
    #: the values of the ``summary_rows`` field that mark a line (Lightspeed X-Series' Line Type ``Sale Line``,
    #: PayPal's payment types): a row with any other value (the receipt's totals, its payment, a withdrawal) is
    #: skipped and counted; empty: a row is a summary when that field's cell is empty
    line_values: frozenset[str] = frozenset()
    #: an item's money written on several rows (Amazon's settlement report: its Principal, its Promotion, a later
    #: Refund's Principal): read together by the item (``shared.ingest.item_rows``)
    item_rows: ItemRows | None = None


@dataclass(frozen=True)
class ItemRows:
    """An item's amounts a row each, read together by the item (``shared.ingest.item_rows.read_together``).

    A row whose line type is one of ``folded`` (lower-case) adds its ``amount`` cell to the named field of the item's
    line of the same ``event`` (the order, a refund); a line naming no quantity takes the item's line's that did.
    """

    item: tuple[str, ...]  # fields naming an item (the order and the item's code)
    event: str  # field telling an item's events apart (Order, Refund): amounts fold within one event
    folded: tuple[tuple[str, str], ...]  # line type -> the field its amount adds to (``("promotion principal",
    #: "discount")``)
    amount: str = "revenue"


@dataclass(frozen=True)
class PackedItems:
    """Line items packed in one cell: ``Key: value, Key: value`` per item, items joined by ``separator``.

    With ``pairs`` an item's ``key:value`` pairs are joined by it instead (Big Cartel's
    ``product_name:Tee|quantity:1|price:20.0``, items joined by ``;``).
    """

    column: str  # normalised header of the packed column
    keys: tuple[tuple[str, str], ...]  # item key -> field (``("Product Qty", "units")``)
    separator: str = "|"
    pairs: str = ""


def aggregate_flag(period: str) -> str:
    """Quality flag of a sales line that is a total per ``period`` (``"sales:total_per_week"``), not an order line.

    The metrics layer (``shared.store.metrics.catalog``) reads the ``sales:total_per_`` prefix.
    """
    return f"{AGGREGATE_FLAG_PREFIX}{period}"


#: Prefix of the flag on sales lines that are totals per day or week (``aggregate_flag``).
AGGREGATE_FLAG_PREFIX = "sales:total_per_"
#: Flags of sales lines whose units (``ExportProfile.no_units``) or product (``no_products``) the data do not give.
NO_UNITS_FLAG, NO_PRODUCTS_FLAG = "sales:no_units", "sales:no_products"


def unknown_flags(profile: ExportProfile | None) -> tuple[str, ...]:
    """The flags of what ``profile``'s rows do not give (units, a product): none for any other file."""
    if profile is None:
        return ()
    return tuple(flag for flag, on in ((NO_UNITS_FLAG, profile.no_units), (NO_PRODUCTS_FLAG, profile.no_products))
                 if on)


def _profile(name: str, kind: DataKind, signature: tuple[str, ...], columns: dict[str, str],
             defaults: dict[str, str] | None = None, hint: str = "", note: str = "",
             top_level: tuple[str, ...] = (), *, missing: tuple[str, ...] = (), prefixes: dict[str, str] | None = None,
             templates: dict[str, str] | None = None, whole_units: bool = False,
             statuses: dict[str, str] | None = None, fill: dict[str, tuple[str, ...]] | None = None,
             metered_units: bool = False, exponents: tuple[str, ...] = (),
             skip_blank_rows: bool = False, aggregate: str = "", no_units: bool = False,
             no_products: bool = False, packed: PackedItems | None = None,
             summary_rows: tuple[str, str] | None = None, fill_down: tuple[str, ...] = (),
             repeats_are_units: bool = False, line_values: tuple[str, ...] = (),
             codes: dict[str, dict[str, str]] | None = None, item_rows: ItemRows | None = None) -> ExportProfile:
    cells = ProfileCells(frozenset(missing), tuple((prefixes or {}).items()), tuple((templates or {}).items()),
                         tuple((f, tuple(c.items())) for f, c in (codes or {}).items()))
    return ExportProfile(name, kind, frozenset(normalise_header(h) for h in signature),
                         {normalise_header(h): f for h, f in columns.items()}, defaults, hint, note,
                         frozenset(top_level), cells, whole_units, statuses, fill, metered_units,
                         frozenset(exponents), skip_blank_rows, aggregate, no_units,
                         no_products, packed, summary_rows, frozenset(fill_down), repeats_are_units,
                         frozenset(v.lower() for v in line_values), item_rows)


def _without_items(name: str, signature: tuple[str, ...], columns: dict[str, str], stand_in: str, note: str,
                   defaults: dict[str, str] | None = None, **kwargs: Any) -> ExportProfile:
    """A payments or orders export with no items: a line per payment or order.

    Its units are 0 (flagged ``no_units``) and its product a stand-in (``stand_in``, flagged ``no_products``), so
    product and unit questions say the data hold none.
    """
    return _profile(name, DataKind.SALES, signature, columns, defaults={"units": "0", **(defaults or {})}, note=note,
                    templates={"sku": stand_in}, no_units=True, no_products=True, **kwargs)


def _mappable(kind: DataKind) -> list[str]:
    """Fields a column may feed: the record's own (less derived-only ones) and, for sales, source fields."""
    derived = _DERIVED_ONLY.get(kind, frozenset())
    fields = [f for f in RECORD_MODELS[kind].model_fields if f not in derived]
    if kind is DataKind.REVIEWS:
        return fields + list(REVIEW_SOURCE_FIELDS)
    return fields + list(SALES_SOURCE_FIELDS) if kind is DataKind.SALES else fields


#: Aliases that stand in for a field only where no other column names it (tried after every other reading of every
#: column). A bare ``Item`` is the SKU of a file with no SKU-named column, else the product's name: Lightspeed Retail's
#: ``Item`` is the product's description beside its ``Custom SKU``. A city is the line's region where no column names a
#: region: Lazada's ``Shipping City`` comes before its ``Shipping Region``, and the first column of a field used to take
#: it. Normalised names; each stands in for the first of its fields still free.
#: What a dealer's Model or Make column may be named for (``Car Model``, ``Vehicle Make``).
_VEHICLES = ("car", "vehicle", "auto", "truck", "bike", "motorcycle", "motorbike", "scooter", "boat")

STAND_IN_ALIASES: dict[DataKind, dict[str, tuple[str, ...]]] = {
    DataKind.SALES: {
        "item": ("sku", "product_title"),
        # a bare Transaction is its number, the order's, where no column names the order (Vending Machine Sales)
        "transaction": ("order_id",),
        # what kind of transaction a row is (Token of Trust's Sale or Refund): the status where no column names one
        "transactiontype": ("status",),
        # when the order was paid, or created: the sale's date where no column names one (Tokopedia's Tanggal
        # Pembayaran, a payment date; Ozon's Принят в обработку, accepted into processing)
        **{name: ("date",) for name in ("paymentdate", "paiddate", "datepaid", "paidat", "created")},
        # the state of what a row sells, where no column names an order's status: an attendee's or a ticket's
        # (Eventbrite's Attendee Status), a backer's pledge (Kickstarter's Pledged Status), a booking's; Meesho's
        # supplier panel writes a sub-order's state as the Reason for Credit Entry
        **{name: ("status",) for name in ("attendeestatus", "ticketstatus", "pledgedstatus", "pledgestatus",
                                          "bookingstatus", "registrationstatus", "reservationstatus",
                                          "reasonforcreditentry")},
        # a vehicle's model is the product a dealer sells, its make the maker (Vehicle Sales Data's make, model; the
        # Car Sales Report's Model): only where no column names the product or the brand
        "model": ("product_title",), "make": ("product_brand",),
        # a place of sale that is no store column, where no column names the channel: a branch of the business, the
        # vending machine or kiosk that sold the line (Vending Machine Sales' Machine), the warehouse an order left
        # from (``reading`` asks "which machine / branch / warehouse" of the channel when the channels are places)
        **{name: ("channel",) for name in ("branch", "branchname", "machine", "machinename", "vendingmachine",
                                           "kiosk", "kioskname", "warehouse", "warehousename",
                                           # the shop a daily count was sold in (Predict Future Sales' shop_id,
                                           # named by shops.csv)
                                           "shopid", "shopname")},
        # ... named for what it is (the Car Sales Data's Car Model, Car Make)
        **{f"{vehicle}model": ("product_title",) for vehicle in _VEHICLES},
        **{f"{vehicle}make": ("product_brand",) for vehicle in _VEHICLES},
        # the (anonymised) card a purchase was paid with stands for its buyer where no column names one (Kaggle's
        # Coffee Sales: ``card`` ANON-0000-0000-0001, empty for cash)
        **{name: ("customer_id",) for name in ("card", "cardnumber", "cardid", "cardno")},
        **{normalise_header(city): ("region",) for city in (
            "city", "customer_city", "customer_location", "ship_city", "shipping_city", "billing_city", "store_city",
            "location", "retailer_city", "buyer_city")},
    },
}


def alias_table(kind: DataKind) -> dict[str, str]:
    """Normalised alias -> field for ``kind`` (every field also matches its own name)."""
    fields = _mappable(kind)
    table: dict[str, str] = {}
    for field in fields:
        table[normalise_header(field)] = field
    for source in (_COMMON, ALIASES[kind]):  # the shared aliases first, then the kind's own
        for field, aliases in source.items():
            if field not in fields:
                continue
            for alias in aliases:
                table.setdefault(normalise_header(alias), field)
    return table


#: Required fields ingest derives when no column carries them: a review export without review ids gets
#: one from the review's content (``shared.ingest.derive``), so the same review uploaded twice is one review.
#: A review set of one business or app (TripAdvisor's ``Review,Rating``, an app's Play Store reviews) names no
#: product: its reviews are all of the one thing reviewed (``shared.ingest.derive.ONE_PRODUCT``).
DERIVABLE: dict[DataKind, frozenset[str]] = {DataKind.REVIEWS: frozenset({"review_id", "sku"}),
                                             # a stock count without a date is one taken now (``derive_missing``)
                                             DataKind.INVENTORY: frozenset({"date"})}


#: Fields of which a file of a kind must map at least one for its header to be told that kind's: a review
#: file needs no date column (undated reviews), so a bare ``sku`` column alone must not read as reviews.
EVIDENCE: dict[DataKind, frozenset[str]] = {DataKind.REVIEWS: frozenset({"rating", "text", "title"})}


def required_fields(kind: DataKind) -> list[str]:
    """Fields a file of ``kind`` must carry a column for (derivable ones excepted)."""
    derivable = DERIVABLE.get(kind, frozenset())
    return [name for name, info in RECORD_MODELS[kind].model_fields.items()
            if info.is_required() and name not in derivable]


@dataclass(frozen=True)
class ColumnMapping:
    """Which source column feeds which field; unmapped source columns map to ``None``."""

    kind: DataKind
    headers: tuple[str, ...]
    fields: dict[int, str]  # source column index -> field
    profile: ExportProfile | None = None  # the native export recognised, if any

    def as_document(self) -> dict[str, str | None]:
        """``{source header: field or None}`` for the ingestion record."""
        return {h: self.fields.get(i) for i, h in enumerate(self.headers)}

    def source_column(self, field: str) -> str:
        """The source header feeding ``field``."""
        for i, f in self.fields.items():
            if f == field:
                return self.headers[i]
        return field

    @property
    def sku_stand_in(self) -> str | None:
        """What names a sales file's products when it has no SKU column: the product's name, else its category.

        Public sales samples often stop at the name or the category (Kaggle's "Retail Sales Dataset": ``Product
        Category``; "Supermarket sales": ``Product line``); their lines are sales all the same, of that product.
        """
        mapped = set(self.fields.values())
        if self.kind is not DataKind.SALES or "sku" in mapped:
            return None
        return next((f for f in ("product_title", "product_category") if f in mapped), None)

    @property
    def category_as_product(self) -> bool:
        """A sales file with a product category but no product column: each line's category is its product."""
        return self.sku_stand_in == "product_category"

    @property
    def stamped(self) -> bool:
        """Whether each row carries the time of day it happened: an event (one sale), never a period's total."""
        return self.time_column is not None

    @property
    def time_column(self) -> int | None:
        """The unmapped column of the time of day each row happened, the most precise one (``TIME_OF_DAY_HEADERS``)."""
        named = {normalise_header(h): i for i, h in reversed(list(enumerate(self.headers))) if i not in self.fields}
        return next((named[n] for n in TIME_OF_DAY_HEADERS if n in named), None)

    @property
    def missing_required(self) -> list[str]:
        """Required fields no column maps to (a native export's implied values count as present)."""
        present = set(self.fields.values()) | set((self.profile.defaults or {}) if self.profile else {})
        if self.profile is not None:
            present |= {name for name, _ in self.profile.cells.templates}
        if self.sku_stand_in is not None:
            present.add("sku")
        if self.kind is DataKind.SALES and ({"order_item_id", "unit_price"} & present
                                            or a_purchase_a_row(present, stamped=self.stamped)):
            # a row per order item, or a priced row with no quantity (a listing sold): one unit each
            # (``derive_missing``)
            present.add("units")
        return [f for f in required_fields(self.kind) if f not in present]


#: Columns of the time of day a row happened, the most precise first (Kaggle's Coffee Sales Dataset: ``Time``
#: ``10:15:50.520000`` beside its ``hour_of_day``; the Coffee Sales' ``datetime`` to the millisecond). A part of the day
#: (``Time_of_Day`` Morning) places no sale in time.
TIME_OF_DAY_HEADERS = ("datetime", "timestamp", "time", "transactiontime", "ordertime", "saletime", "salestime",
                       "purchasetime", "checkouttime", "paymenttime", "hour", "hourofday")


def a_purchase_a_row(present: set[str], *, stamped: bool = False) -> bool:
    """Whether a sales file's rows are each one purchase of one unit: a customer's, of a product, with what was paid.

    Kaggle's Coffee Sales (a cup a row: ``card``, ``coffee_name``, ``money``) and Fashion Retail Sales (``Customer
    Reference ID``, ``Item Purchased``, ``Purchase Amount (USD)``) name no quantity; a row naming its customer is a
    purchase, not a period's total (a store's weekly sales name no customer and stay as they are). So is a row
    ``stamped`` with the time of day it happened (the Coffee Sales Dataset's cup at ``10:15:50``): a period's total
    has no time of day.
    """
    return "revenue" in present and ("customer_id" in present or stamped) \
        and bool({"sku", "product_title"} & present) and "units" not in present


def export_profile(headers: list[str] | tuple[str, ...]) -> ExportProfile | None:
    """The native export whose signature headers all appear in ``headers``, if any."""
    present = {normalise_header(h) for h in headers}
    for profile in EXPORT_PROFILES:
        if profile.signature <= present:
            return profile
    return None


def _profile_mapping(headers: list[str] | tuple[str, ...], profile: ExportProfile) -> ColumnMapping:
    fields: dict[int, str] = {}
    taken: set[str] = set()
    for i, header in enumerate(headers):
        field = profile.columns.get(normalise_header(header))
        if field is not None and field not in taken:
            fields[i] = field
            taken.add(field)
    return ColumnMapping(kind=profile.kind, headers=tuple(headers), fields=fields, profile=profile)


def map_columns(headers: list[str] | tuple[str, ...], kind: DataKind) -> ColumnMapping:
    """Map ``headers`` to ``kind``'s fields.

    A native export maps by its own columns; otherwise exact field names win over aliases, then the first
    alias.
    """
    profile = export_profile(headers)
    if profile is not None and profile.kind is kind:
        return _profile_mapping(headers, profile)
    stand_ins = STAND_IN_ALIASES.get(kind, {})
    table = {name: field for name, field in alias_table(kind).items() if name not in stand_ins}
    fields: dict[int, str] = {}
    taken: set[str] = set()
    normalised = [normalise_header(h) for h in headers]
    exact = {n for n in normalised if n in {normalise_header(f) for f in _mappable(kind)}}
    for i, norm in enumerate(normalised):  # exact names first
        if norm in exact and table[norm] not in taken:
            fields[i] = table[norm]
            taken.add(table[norm])
    # then, in a sales file, a column named as the SKU before another alias of it (Google Play's SKU ID before its
    # Product ID, the app's). Not in a catalogue: AdventureWorks' products are keyed by the ProductKey its sales
    # name, beside a ProductSKU code
    if kind is DataKind.SALES and "sku" not in taken:
        named = next((i for i, norm in enumerate(normalised) if "sku" in norm and table.get(norm) == "sku"), None)
        if named is not None:
            fields[named] = "sku"
            taken.add("sku")
    for i, norm in enumerate(normalised):
        field = table.get(norm)
        if i not in fields and field is not None and field not in taken:
            fields[i] = field
            taken.add(field)
    for i, norm in enumerate(normalised):  # then as written without a time zone or the kind's own prefix
        field = _bare(norm, kind, table)
        if i not in fields and field is not None and field not in taken:
            fields[i] = field
            taken.add(field)
    for i, header in enumerate(headers):  # then without a currency in the name, or in English
        # a currency written into a name is no part of it (``Amount [EUR]`` is an ``Amount``; ``named_currency`` reads
        # it); a word of two meanings reads as the first whose field is free (Spanish Estado: a status, then a state)
        bare = without_currency(header)
        names = [bare, *readings(header)] if bare != header else readings(header)
        names += of_reversed(bare) + grouped_field(bare) + qualified(bare) + date_first(bare) + goods_sold(bare)
        names += written_out(bare)
        field = next((f for r in names if (f := table.get(normalise_header(r))) not in (None, *taken)), None)
        if i not in fields and field is not None and field not in taken:
            fields[i] = field
            taken.add(field)
    fields |= _stand_ins(headers, fields, stand_ins)
    if kind is DataKind.SALES:
        fields |= _prefixed_measures(normalised, fields)
        fields |= _named_by_entity(headers, fields)
        fields |= _sale_ids(headers, fields)
        fields |= _maker_of_the_model(normalised, fields)
        fields = _ticket_beside_event(normalised, fields)
        fields = _better_named(normalised, fields, table)
        fields = _the_orders_place(normalised, fields, table)
    if kind is DataKind.PRODUCTS:
        fields |= _id_of_a_priced_product(normalised, fields)
    return ColumnMapping(kind=kind, headers=tuple(headers), fields=fields)


#: Fields where two columns of a file may both read as it, the better name first: an order's status over its state
#: (DataCo's ``Order Status`` beside ``Order State``, the state it shipped to), a product's name over its description
#: (DataCo's ``Product Description``, empty, before ``Product Name``)
_BETTER_NAMES: dict[str, tuple[str, ...]] = {"status": ("orderstatus", "status"),
                                             "product_title": ("productname", "productitle", "itemname"),
                                             # a category's name over its code (Iowa's Category beside Category Name)
                                             "product_category": ("categoryname", "productcategory")}


def _better_named(normalised: list[str], fields: dict[int, str], table: dict[str, str]) -> dict[int, str]:
    """A field taken by a column of a weaker name, given to the column of its better name (``_BETTER_NAMES``).

    The weaker column is read as what else it names where that is free (an ``Order State`` as the state).
    """
    for field, better in _BETTER_NAMES.items():
        holder = next((i for i, f in fields.items() if f == field), None)
        if holder is None or normalised[holder] in better:
            continue
        best = next((i for name in better for i, norm in enumerate(normalised) if norm == name and i not in fields),
                    None)
        if best is None:
            continue
        fields = {i: f for i, f in fields.items() if i != holder} | {best: field}
        other = table.get(normalised[holder].removeprefix("order"))
        if other is not None and other != field and other not in fields.values():
            fields[holder] = other
    return fields


#: Where a line was sold to, as an order's column names it (``Order Country``, ``Order Region``, ``Order City``)
_PLACE_FIELDS = ("country", "state", "region")


def _the_orders_place(normalised: list[str], fields: dict[int, str], table: dict[str, str]) -> dict[int, str]:
    """The order's place, where the file names both it and the customer's home.

    DataCo's ``Customer Country`` beside ``Order Country``: a sale's place is where it was sold to, not where its
    buyer lives.
    """
    for field in _PLACE_FIELDS:
        holder = next((i for i, f in fields.items() if f == field), None)
        if holder is None or not normalised[holder].startswith("customer"):
            continue
        orders = [i for i, norm in enumerate(normalised) if i not in fields and norm.startswith("order")
                  and (norm[5:] == field or table.get(norm[5:]) == field)]
        if orders:
            best = min(orders, key=lambda i: normalised[i][5:] != field)  # its own name before another alias
            fields = {i: f for i, f in fields.items() if i != holder} | {best: field}
    return fields


def _stand_ins(headers: list[str] | tuple[str, ...], fields: dict[int, str],
               stand_ins: dict[str, tuple[str, ...]]) -> dict[int, str]:
    """The columns left unmapped that stand in for a field no column took (``STAND_IN_ALIASES``).

    As written or in English (bol.com's ``Plaats`` is a city).
    """
    taken = set(fields.values())
    found: dict[int, str] = {}
    for i, header in enumerate(headers):
        if i in fields:
            continue
        for name in (normalise_header(header), *(normalise_header(r) for r in readings(header))):
            field = next((f for f in stand_ins.get(name, ()) if f not in taken), None)
            if field is not None:
                found[i] = field
                taken.add(field)
                break
    return found


#: English names that put their head first, joined by "of" (Depop's ``Date of sale``, Google Play's ``State of Buyer``)
_OF = re.compile(r"^\s*(.+?)\s+of\s+(.+?)\s*$", re.I)


def grouped_field(header: str) -> list[str]:
    """The field of a ``Group - Field`` name (ShipStation's ``Date - Order Date``, ``Item - Unit Price``).

    The group is only where the export files it, so the field alone is read where the whole name is not.
    """
    group, dash, field = header.rpartition(" - ")
    return [field] if dash and group.strip() and field.strip() else []


#: A date's name with its time said too (Newegg's ``Order Date & Time``), an order item's own field (BookTix's
#: ``order_item_price``: the item's price), a Unix stamp's (``unix_date``): read as the name without the qualifier.
_QUALIFIERS = (re.compile(r"\s*(?:&|and|\+|/)\s*time\s*$", re.I), re.compile(r"^\s*order[\s_]+(?=item[\s_])", re.I),
               re.compile(r"^\s*(?:unix|epoch)[\s_]+", re.I),
               # what a price includes or leaves out (Meesho's ``Supplier Listed Price (Incl. GST + Commission)``)
               re.compile(r"\s*\(\s*(?:incl|inc|excl|exc|including|excluding|with|without)\b[^)]*\)\s*$", re.I),
               # a note in brackets after the name (DataCo's ``order date (DateOrders)``): read last, where the name
               # with its note read as nothing
               re.compile(r"\s*\([^()]*\)\s*$"))


#: Goods counted in a "... Sold" column (Iowa Liquor Sales' ``Bottles Sold``): the units; never a measure or money
_GOODS_SOLD = re.compile(r"^\s*([a-z]+?)s?[\s_]+sold\s*$", re.I)
_NOT_GOODS = frozenset({"volume", "weight", "value", "amount", "dollar", "euro", "pound", "rupee", "revenue", "sale",
                        "liter", "litre", "gallon", "kg", "kilo", "lb", "ton", "tonne", "meter", "metre", "gram",
                        "total", "net", "gross", "cost", "price", "profit", "margin", "tax", "date", "time", "day"})
#: Money named in brackets by its currency's word (Iowa's ``Sale (Dollars)``): the name's amount
_MONEY_NOTE = re.compile(r"^\s*(.+?)\s*\(\s*(?:us\s*)?(?:dollars?|euros?|pounds?|rupees?|yen|yuan)\s*\)\s*$", re.I)


def goods_sold(header: str) -> list[str]:
    """``Bottles Sold`` as ``units sold``, ``Sale (Dollars)`` as ``sale amount``.

    A count of goods sold, and money named by its currency's word.
    """
    goods = _GOODS_SOLD.match(header)
    if goods and goods.group(1).lower() not in _NOT_GOODS:
        return ["units sold"]
    money = _MONEY_NOTE.match(header)
    return [f"{money.group(1)} amount"] if money else []


def qualified(header: str) -> list[str]:
    """The name without a qualifier of its field, where it has one.

    ``Order Date & Time`` is an ``Order Date``, ``order_item_price`` an ``item_price``, ``unix_date`` a ``date``.
    """
    return [bare for pattern in _QUALIFIERS if (bare := pattern.sub("", header)) != header and bare.strip()]


#: A date named before what happened on it (Fashion Retail Sales' ``Date Purchase``)
_DATE_FIRST = re.compile(r"^\s*date[\s_]+(purchase|purchased|order|ordered|sale|sold|transaction|invoice|payment|"
                         r"paid)\s*$", re.I)


#: A transaction shortened at the start of a name (the Vending Machine Sales' ``TransDate``, ``TransTotal``; ``Txn ID``)
_SHORT_TRANSACTION = re.compile(r"^\s*(?:trans|txn|trx)(?!action|fer|it|lat|port|form|mission|cript|gender|parent)"
                                r"[\s_]*(?=[a-z])", re.I)


def written_out(header: str) -> list[str]:
    """``header`` with a shortened transaction written out (``TransDate`` -> ``transaction Date``), else nothing."""
    if not _SHORT_TRANSACTION.match(header):
        return []
    return [_SHORT_TRANSACTION.sub("transaction ", header, count=1)]


#: A quantity or price named with a letter or two before it (the Vending Machine Sales' ``RQty``, ``RPrice`` beside the
#: machine's ``MQty``, ``MPrice``): the line's units and unit price where no column names them, the first one written.
_PREFIXED = (("units", re.compile(r"^[a-z]{1,2}(?:qty|quantity)$")), ("unit_price", re.compile(r"^[a-z]{1,2}price$")))


def _prefixed_measures(normalised: list[str], fields: dict[int, str]) -> dict[int, str]:
    taken = set(fields.values())
    found: dict[int, str] = {}
    for field, pattern in _PREFIXED:
        if field in taken:
            continue
        at = next((i for i, n in enumerate(normalised) if i not in fields and i not in found and pattern.match(n)),
                  None)
        if at is not None:
            found[at] = field
    return found


def date_first(header: str) -> list[str]:
    """``Date Purchase`` as ``Purchase Date``: a date's name with its event after it, read head last.

    A date shortened to ``DT`` (Ta Feng's ``TRANSACTION_DT``) is read spelled out: ``transaction date``.
    """
    found = _DATE_FIRST.match(header)
    short = _DT.match(header)
    return [f"{found.group(1)} date"] if found else [f"{short.group(1)} date"] if short else []


#: A date's name shortened to DT (``TRANSACTION_DT``, ``order_dt``)
_DT = re.compile(r"^\s*(\w+?)[\s_]+dt\s*$", re.I)


def of_reversed(header: str) -> list[str]:
    """``Date of sale`` as ``sale date``, ``State of Buyer`` as ``Buyer State``: the English of-name, head last."""
    found = _OF.match(header)
    return [f"{found.group(2)} {found.group(1)}"] if found else []


#: What a box office sells, by the ticket (``ticket_type`` and its like) and by the show (``event_name``)
_TICKET_NAMES, _EVENT_NAMES = ("tickettype", "ticketname", "tickettier", "ticketclass"), ("eventname", "eventtitle",
                                                                                          "showname", "show", "event")


#: The ticket column beside an event's name (``_ticket_beside_event``): the products where the file sells one event
TICKET_TIER = "ticket_tier"


def _ticket_beside_event(normalised: list[str], fields: dict[int, str]) -> dict[int, str]:
    """A ticket type named beside the event (Ticket Tailor's ``Event name, Ticket type``), read as ``TICKET_TIER``.

    The event's name took the product's. Where the file sells one event its tickets are the products (as in Cooltix's
    export, which names no event), and where it sells several the events are (BookTix's shows): decided by the values
    (``shared.ingest.derive.tickets_of_one_event``).
    """
    titled = next((i for i, f in fields.items() if f == "product_title"), None)
    ticket = next((i for i, n in enumerate(normalised) if n in _TICKET_NAMES and i not in fields), None)
    if titled is None or ticket is None or normalised[titled] not in _EVENT_NAMES:
        return fields
    return {**fields, ticket: TICKET_TIER}


def _id_of_a_priced_product(normalised: list[str], fields: dict[int, str]) -> dict[int, str]:
    """A bare ``id`` column as the product's SKU, in a file of priced products that names no SKU otherwise.

    A product feed's minimal columns (``id, title, description, price, availability``: Google Merchant Center and Meta
    catalogues without their link columns) name each product by ``id``; without this the file was read as reviews
    (an ``id`` and a ``title``). Only with a price column, so a review file's ``id`` stays the review's.
    """
    taken = set(fields.values())
    if "sku" in taken or "price" not in taken or "id" not in normalised:
        return {}
    return {normalised.index("id"): "sku"}


#: A time zone written after a date column's name (Trustpilot's ``Review Created (UTC)``, ``Created at (GMT)``).
_TIME_ZONE = re.compile(r"(?:utc|gmt)$")
#: What review exports put before every column's name (Trustpilot's ``Review Stars``, ``Review Content``).
_KIND_PREFIXES = {DataKind.REVIEWS: ("review", "reviews")}


def _bare(normalised: str, kind: DataKind, table: dict[str, str]) -> str | None:
    """The field of a normalised header as written without a trailing time zone or the kind's own prefix, if any.

    Tried after the exact names and aliases: ``reviewcreatedutc`` is ``created``, ``reviewstars`` ``stars`` (not
    ``reviews`` + ``tars``).
    """
    bare = _TIME_ZONE.sub("", normalised) or normalised
    for prefix in ("", *_KIND_PREFIXES.get(kind, ())):
        rest = bare[len(prefix):] if bare.startswith(prefix) else ""
        if rest and rest in table:
            return table[rest]
    return None


#: What a ``{thing}_name`` / ``{thing}_category`` column names when it is not the product sold: people, places,
#: shops, the seller's own organisation (``Cust_name``, ``store_name``, ``category_name``, ``brand_name``).
_NOT_THE_PRODUCT = frozenset({
    "customer", "cust", "client", "user", "buyer", "shopper", "member", "store", "shop", "outlet", "mall", "branch",
    "staff", "employee", "sales", "salesperson", "seller", "vendor", "supplier", "retailer", "manufacturer", "brand",
    "city", "state", "country", "region", "zone", "territory", "market", "category", "sub", "subcategory", "company",
    "manager", "first", "last", "full", "file", "sheet", "month", "day", "week", "channel", "payment", "ship",
    "shipping", "courier", "carrier", "promotion", "promo", "campaign", "coupon", "event", "order", "agent", "rep",
    "warehouse", "location", "site", "department", "account", "contact", "recipient", "billing", "driver", "cashier",
    "clerk", "team", "partner", "affiliate", "source", "medium", "device", "platform", "tax", "discount", "fee",
    "delivery", "service", "group", "segment", "class", "type", "plan", "program",
    # who sold it (the Car Sales Report's Dealer_Name)
    "dealer", "dealership", "salesman", "saleswoman", "broker",
    # the people of event and crowdfunding downloads (Kickstarter's Backer Name, Eventbrite's attendee)
    "backer", "attendee", "guest", "donor", "supporter", "patron", "pledger", "student", "participant"})
_ENTITY_FIELDS = {"name": "product_title", "category": "product_category"}


def _named_by_entity(headers: list[str] | tuple[str, ...], fields: dict[int, str]) -> dict[int, str]:
    """A product named by what the shop sells: ``pizza_name``, ``pizza_category`` where no column names it.

    Maven's Pizza Sales has no product column (``pizza_id`` is its line number, ``pizza_name_id`` the pizza in a
    size).

    Public sales files often prefix the product's columns with the kind of thing sold (``pizza_``, ``book_``,
    ``car_``); a ``{thing}_name`` or ``{thing}_category`` column is then the product's name or category, unless
    ``{thing}`` is a person, a place or a shop (``Cust_name``, ``store_name``). Only when no column already gives
    the product (a SKU or a product name) and only for a field no column took.
    """
    taken = set(fields.values())
    if {"sku", "product_title"} & taken:
        return {}
    found: dict[int, str] = {}
    for i, header in enumerate(headers):
        words = [w for w in re.split(r"[^0-9a-z]+", header.strip().lower()) if w]
        if i in fields or len(words) != 2 or words[0] in _NOT_THE_PRODUCT or words[1] not in _ENTITY_FIELDS:
            continue
        field = _ENTITY_FIELDS[words[1]]
        if field not in taken:
            found[i] = field
            taken.add(field)
    return found


#: The column naming each sale's own thing in a sales file with no order column (``_sale_ids``): read as the order
#: where no value repeats (``shared.ingest.derive.ids_name_each_sale``)
SALE_ID = "sale_id"
#: Ids of one thing each, whatever a file sells: a vehicle's VIN, a serial number
_OWN_IDS = frozenset({"vin", "serialnumber", "serialno", "serial"})
#: Ids of a product, which name what is sold again and again, never one sale (``product_id`` beside a ``sku``), and of
#: a shopper or a period (dunnhumby's ``household_id``, the Sample Sales' ``YEAR_ID``)
_PRODUCT_IDS = frozenset({"product", "item", "sku", "article", "variant", "listing", "style", "offer", "catalog",
                          "catalogue", "parent", "stock", "barcode", "ean", "upc", "asin", "isbn", "household",
                          "session", "visitor", "year", "qtr", "quarter", "week"})


def _sale_ids(headers: list[str] | tuple[str, ...], fields: dict[int, str]) -> dict[int, str]:
    """An id column of the thing sold, in a sales file naming no order: ``SALE_ID``, decided by its values later.

    The Car Sales Report's ``Car_id`` and Vehicle Sales Data's ``vin`` name the one car each row sold. Without an
    order column a row was its customer's order of the day (two cars sold one day to one "Gia" one order), or no
    order at all. A ``{thing}_id`` column (the thing no person, place or shop: ``_NOT_THE_PRODUCT``) or a VIN or
    serial number, left unmapped, is taken; whether each row is its own order is read from its values.
    """
    if {"order_id", "order_item_id"} & set(fields.values()):
        return {}
    for i, header in enumerate(headers):
        if i in fields:
            continue
        words = [w for w in re.split(r"[^0-9a-z]+", header.strip().lower()) if w]
        if normalise_header(header) in _OWN_IDS or (len(words) == 2 and words[1] == "id"
                                                     and words[0] not in _NOT_THE_PRODUCT | _PRODUCT_IDS):
            return {i: SALE_ID}
    return {}


#: Who made a model, where a file names its maker so (the Car Sales Report's ``Company``)
_MAKERS = ("company", "makename", "carmaker", "automaker")


def _maker_of_the_model(normalised: list[str], fields: dict[int, str]) -> dict[int, str]:
    """A ``Company`` column beside the ``Model`` a file sells is the model's maker: its brand.

    Only where ``Model`` named the product: elsewhere a ``Company`` is the customer's (an order export's billing
    company), no brand.
    """
    model = next((i for i, f in fields.items() if f == "product_title" and normalised[i] == "model"), None)
    if model is None or "product_brand" in fields.values():
        return {}
    return next(({i: "product_brand"} for i, n in enumerate(normalised) if n in _MAKERS and i not in fields), {})


def require_columns(mapping: ColumnMapping) -> ColumnMapping:
    """``mapping``, or ``InvalidInput`` naming the missing fields and the columns seen."""
    missing = mapping.missing_required
    if missing:
        hint = f" ({mapping.profile.hint})" if mapping.profile is not None and mapping.profile.hint else ""
        raise InvalidInput(
            f"{mapping.kind.value} file is missing required column(s) {', '.join(missing)}{hint}; "
            f"columns seen: {', '.join(mapping.headers)}",
            details={"missing": missing, "columns": list(mapping.headers)},
        )
    return mapping


#: Native exports, header for header (sources of each column list: ``docs/ingest.md``).
EXPORT_PROFILES: tuple[ExportProfile, ...] = (
    # Tableau's "Sample - Superstore" orders sheet, the most used public retail sample: its Discount is a
    # rate (0.2 = 20%) and Sales is already after it: read as a rate by its values (``shared.ingest.discount``)
    _profile(
        "superstore_orders", DataKind.SALES, ("Row ID", "Order ID", "Product ID", "Sub-Category", "Sales", "Profit"),
        {"Order ID": "order_id", "Order Date": "date", "Product ID": "sku", "Customer ID": "customer_id",
         "Product Name": "product_title", "Category": "product_category", "Sales": "revenue",
         "Quantity": "units", "Discount": "discount", "Profit": "line_profit", "Country": "country",
         "Region": "region", "State": "state"},
    ),
    # the Kaggle "Superstore Sales" download (train.csv): the same orders sheet without Quantity, Discount and
    # Profit, dates as dd/mm/yyyy; with no quantity each line counts as one unit (revenue is exact)
    _profile(
        "superstore_sales", DataKind.SALES, ("Row ID", "Order ID", "Order Date", "Ship Mode", "Product ID",
                                             "Sub-Category", "Sales"),
        {"Order ID": "order_id", "Order Date": "date", "Product ID": "sku", "Customer ID": "customer_id",
         "Product Name": "product_title", "Category": "product_category", "Sales": "revenue",
         "Quantity": "units", "Country": "country", "Region": "region", "State": "state"},
        defaults={"units": "1"},
    ),
    # Amazon India's "Amazon Sale Report" (Kaggle "E-commerce Sales Data"): one row per order line, Date as
    # mm-dd-yy, Amount the line's total in its currency column (INR), Style the product's style code. Its Status is
    # Amazon's order status: a bare Pending order is placed with its payment not yet authorised (the Orders API's first
    # state, before Unshipped): no sale yet; "Pending - Waiting for Pick Up" is paid and waits for the courier
    _profile(
        "amazon_sale_report", DataKind.SALES, ("Order ID", "Fulfilment", "Sales Channel", "ship-service-level", "Qty",
                                               "Amount", "Courier Status"),
        {"Order ID": "order_id", "Date": "date", "Status": "status", "Sales Channel": "channel", "SKU": "sku",
         "Style": "product_title", "Category": "product_category", "Qty": "units", "currency": "currency",
         "Amount": "revenue", "ship-state": "state", "ship-country": "country"},
        statuses={"pending": "unpaid"},
    ),
    # the same download's "International sale Report": wholesale lines by customer, PCS units at RATE, no currency
    _profile(
        "amazon_international_sale_report", DataKind.SALES, ("DATE", "Months", "CUSTOMER", "PCS", "RATE", "GROSS AMT"),
        {"DATE": "date", "CUSTOMER": "customer_id", "Style": "product_title", "SKU": "sku", "PCS": "units",
         "RATE": "unit_price", "GROSS AMT": "revenue"},
    ),
    # Kaggle "Supermarket sales" (three branches in Myanmar, Jan-Mar 2019): Total and gross income include
    # the 5% tax, and its "cogs" is Unit price x Quantity: the sale before tax, read as revenue; Rating is the
    # customer's rating of the visit, not a product review. No product column: the Product line is the product.
    _profile(
        "supermarket_sales", DataKind.SALES, ("Invoice ID", "Branch", "Customer type", "Product line", "Tax 5%",
                                              "Total", "cogs", "gross income"),
        {"Invoice ID": "order_id", "Date": "date", "Product line": "product_category", "Unit price": "unit_price",
         "Quantity": "units", "cogs": "revenue",
         # the branch a sale was made at is where it was sold ("which branch sold the most"), its city the region
         "Branch": "channel", "City": "region"},
        note="Supermarket sales: revenue is the sale before the 5% tax (its 'cogs' column, Unit price x "
             "Quantity); 'Total' (with tax), 'Tax 5%' and 'gross income' (the tax) are not stored; 'Rating' is "
             "the customer's rating of the visit, not a product review, and is not stored; the Branch is where "
             "each sale was made (its channel), the City its region; Customer type, Gender and Payment are not "
             "stored",
    ),
    # REES46 "eCommerce events history in cosmetics shop" (and the multi-category store): one row per event;
    # only purchases are sales (one unit at the event's price); a session's purchases are one order
    _profile(
        "rees46_events", DataKind.SALES, ("event_time", "event_type", "product_id", "category_id", "user_session"),
        {"event_time": "date", "event_type": "event_type", "product_id": "sku", "category_code": "product_category",
         "brand": "product_brand", "price": "unit_price", "user_id": "customer_id", "user_session": "order_id"},
        defaults={"units": "1"},
        note="REES46 event history: each purchase event is a sale of one unit at its price, a session's "
             "purchases one order, the user the customer; view, cart and remove_from_cart events are counted "
             "as skipped (not sales)",
    ),
    # Kaggle "Amazon Sales Dataset" (amazon.csv, Amazon India listings): a catalogue; the category is a path
    # ("Computers&Accessories|Cables|USBCables"), its first part kept; discounted_price is the price and
    # actual_price the list price (MRP), in rupees; the reviews on each row are comma-joined lists of ids,
    # titles and texts without dates or their own ratings: not stored
    _profile(
        "amazon_sales_catalogue", DataKind.PRODUCTS, ("product_id", "product_name", "discounted_price",
                                                      "actual_price", "discount_percentage", "rating_count"),
        {"product_id": "sku", "product_name": "title", "category": "category", "discounted_price": "price",
         "actual_price": "msrp"},
        note="Amazon Sales Dataset: a catalogue of listings; category is the first part of its path "
             "('Computers&Accessories|...'); price is discounted_price, list price (MRP) actual_price; rating, "
             "rating_count and the comma-joined reviews on each row (no dates, no per-review rating) are not "
             "stored",
        top_level=("category",),
    ),
    # Kaggle "Sample Sales Data" (kyanyoga, sales_data_sample.csv: classic-car models sold to shops, 2003-2005):
    # PRICEEACH is capped at 100 in the published file (SALES is the line's real total), so it is not read; the
    # customer is a company (CUSTOMERNAME, hashed); TERRITORY (NA, EMEA, APAC, Japan) is the line's region
    _profile(
        "sample_sales_data", DataKind.SALES, ("ORDERNUMBER", "QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER",
                                              "SALES", "PRODUCTCODE", "DEALSIZE"),
        {"ORDERNUMBER": "order_id", "QUANTITYORDERED": "units", "SALES": "revenue", "ORDERDATE": "date",
         "STATUS": "status", "PRODUCTLINE": "product_category", "PRODUCTCODE": "sku", "CUSTOMERNAME": "customer_id",
         "STATE": "state", "COUNTRY": "country", "TERRITORY": "region"},
        note="Sample Sales Data: revenue is SALES (PRICEEACH is capped at 100 in this dataset and is not read); "
             "Cancelled lines are refused as no sale; the customer is CUSTOMERNAME (hashed); TERRITORY is the "
             "region; contacts, addresses, MSRP and DEALSIZE are not stored",
    ),
    # Kaggle "Customer Shopping Dataset - Retail Sales Data" (mehmettahiraslan, customer_shopping_data.csv: ten
    # Istanbul malls, 2021-2023): one row per invoice; its price is the line's total (quantity x the unit price:
    # Clothing 5 x 300.08 = 1500.4), not a unit price; dates d/m/yyyy; the mall is where the sale happened
    _profile(
        "customer_shopping_data", DataKind.SALES, ("invoice_no", "customer_id", "gender", "age", "category",
                                                   "quantity", "price", "payment_method", "invoice_date",
                                                   "shopping_mall"),
        {"invoice_no": "order_id", "customer_id": "customer_id", "category": "product_category",
         "quantity": "units", "price": "revenue", "invoice_date": "date", "shopping_mall": "channel"},
        note="Customer Shopping Dataset: price is the line's total (quantity x unit price) and is read as revenue; "
             "the shopping mall is the sale's channel; gender, age and payment method are not stored",
    ),
    # Kaggle "Flipkart Products" (flipkart_com-ecommerce_sample.csv, 20,000 listings crawled in 2016): a catalogue;
    # the category tree is a JSON list of one path (``["Clothing >> Women's Clothing >> ..."]``), its first part kept;
    # retail_price is the list price (MRP), discounted_price the price; ratings ("No rating available") not stored
    _profile(
        "flipkart_products", DataKind.PRODUCTS, ("uniq_id", "crawl_timestamp", "product_url", "product_category_tree",
                                                 "pid", "retail_price", "discounted_price"),
        {"pid": "sku", "product_name": "title", "product_category_tree": "category", "discounted_price": "price",
         "retail_price": "msrp", "brand": "brand"},
        note="Flipkart products: a catalogue of listings; category is the first part of product_category_tree; "
             "price is discounted_price, list price (MRP) retail_price (the file names no currency); ratings, "
             "descriptions and specifications are not stored",
        top_level=("category",),
    ),
    # Kaggle "Store Sales - Time Series Forecasting" (Corporación Favorita, train.csv): one row per day, store and
    # product family; sales are units (fractional for goods sold by weight), with no prices; onpromotion counts
    # the family's items on promotion. The family is the product; the store the channel.
    _profile(
        "favorita_store_sales", DataKind.SALES, ("id", "date", "store_nbr", "family", "sales", "onpromotion"),
        {"date": "date", "store_nbr": "channel", "family": "product_category", "sales": "units",
         "onpromotion": "promo_count"},
        note="Favorita Store Sales: 'sales' is units sold per day, store and product family (no prices: no "
             "revenue); the family is the product and its category, the store ('store 44') the channel; a day a "
             "family sold nothing is a line of 0 units; onpromotion > 0 marks the line as on promotion",
        prefixes={"channel": "store "}, whole_units=True, aggregate="day",
    ),
    # Kaggle "Favorita Grocery Sales Forecasting" (train.csv, 125M rows): units per day, store and item, only rows
    # that sold; negative unit_sales are returns; onpromotion True/False (empty before April 2014); no prices
    _profile(
        "favorita_grocery_sales", DataKind.SALES, ("id", "date", "store_nbr", "item_nbr", "unit_sales"),
        {"date": "date", "store_nbr": "channel", "item_nbr": "sku", "unit_sales": "units", "onpromotion": "promo"},
        note="Favorita Grocery Sales: unit_sales is units sold per day, store and item (no prices: no revenue); a "
             "negative unit_sales is a return; the store ('store 44') is the channel; items.csv names each item's "
             "family",
        prefixes={"channel": "store "}, whole_units=True, aggregate="day",
    ),
    # the same download's items.csv: each item's family, class and whether it is perishable; no item names
    _profile(
        "favorita_items", DataKind.PRODUCTS, ("item_nbr", "family", "class", "perishable"),
        {"item_nbr": "sku", "family": "category"},
        note="Favorita items: the catalogue (Favorita publishes no item names: each is titled 'item {number}'); "
             "family is the category; class and perishable are not stored",
        templates={"title": "item {sku}"},
    ),
    # Kaggle "Pakistan's Largest E-Commerce Dataset" (a Magento order-item export, July 2016 - August 2018): price
    # and qty_ordered are the item's, grand_total the order's (repeated on each item, so never summed), MV the
    # item's price x quantity written " 1,950 "; MySQL's \N for missing cells; refunds are returns
    _profile(
        "pakistan_ecommerce", DataKind.SALES, ("item_id", "status", "created_at", "sku", "qty_ordered",
                                               "grand_total", "increment_id", "category_name_1", "BI Status", " MV "),
        {"increment_id": "order_id", "created_at": "date", "status": "status", "sku": "sku", "price": "unit_price",
         "qty_ordered": "units", "category_name_1": "product_category", "discount_amount": "discount",
         "Customer ID": "customer_id"},
        note="Pakistan's Largest E-Commerce Dataset: revenue is price x qty_ordered (grand_total is the order's "
             "total, repeated on each of its items, and is not read); discount_amount is the item's discount; "
             "canceled and fraud items are refused as no sale, refund and order_refunded items are returns; every "
             "other status is a sale on its created_at date; '\\N' is an empty cell; payment method, BI Status, "
             "MV, commission code and the date columns derived from created_at are not stored; the file names no "
             "currency (Pakistani rupees), so none is stored",
        # "every other status is a sale": its pending too, though the column writes payment states ("paid")
        missing=("\\N",), statuses={"canceled": "cancelled", "fraud": "cancelled", "refund": "returned",
                                     "order_refunded": "returned", "pending": "sale"}, skip_blank_rows=True,
    ),
    # Kaggle "Zara Sales" (;-separated): a catalogue with each product's total sales volume and no dates; terms is
    # the product's kind (jackets, shoes), Product Category always "Clothing"
    _profile(
        "zara_sales", DataKind.PRODUCTS, ("Product ID", "Product Position", "Promotion", "Sales Volume", "url",
                                          "terms", "section"),
        {"Product ID": "sku", "name": "title", "brand": "brand", "terms": "category", "price": "price",
         "currency": "currency"},
        note="Zara Sales: a catalogue, read as products; its 'Sales Volume' is each product's total units with no "
             "dates (no period, no order, no price paid), so it is not stored as sales and sales questions have no "
             "data to read; terms is the category ('jackets'); position, promotion, section, season, material and "
             "origin are not stored",
    ),
    # Kaggle "BigBasket Entire Product List" (BigBasket Products.csv, 27,555 rows): a catalogue in rupees (not
    # named in the file) whose only id is its row index
    _profile(
        "bigbasket_products", DataKind.PRODUCTS, ("index", "product", "category", "sub_category", "brand",
                                                  "sale_price", "market_price", "type"),
        {"index": "sku", "product": "title", "category": "category", "brand": "brand", "sale_price": "price",
         "market_price": "msrp"},
        note="BigBasket products: a catalogue; its row index is the SKU (the file has no other id); sale_price is "
             "the price, market_price the list price (MRP); the file names no currency (rupees), so none is stored; "
             "sub_category, type, rating and description are not stored",
    ),
    # Keith Galli's "Sales Product Data" (Sales_January_2019.csv ... December): monthly exports joined into each file,
    # so its header repeats inside the data (skipped as repeated headers, ``profile_cells.header_rows``) and rows of
    # empty cells stand between them (skipped); Product is the product's name, the only product column
    _profile(
        "sales_product_data", DataKind.SALES, ("Order ID", "Product", "Quantity Ordered", "Price Each", "Order Date",
                                               "Purchase Address"),
        {"Order ID": "order_id", "Product": "product_title", "Quantity Ordered": "units", "Price Each": "unit_price",
         "Order Date": "date", "Purchase Address": "ship_address"},
        note="Sales Product Data: each line's state is read from its Purchase Address (the address itself is not "
             "stored)", skip_blank_rows=True,
    ),
    _profile(
        "shopify_orders", DataKind.SALES, ("Name", "Lineitem quantity", "Lineitem sku", "Lineitem price"),
        {"Name": "order_id", "Email": "customer_email", "Financial Status": "status", "Currency": "currency",
         "Discount Amount": "order_discount", "Created at": "date", "Lineitem quantity": "units",
         "Lineitem price": "unit_price", "Lineitem sku": "sku", "Refunded Amount": "order_refund",
         "Source": "channel", "Lineitem discount": "discount", "Lineitem name": "product_title",
         "Vendor": "product_brand"},
        # Shopify's reports count an order when it is placed, whatever its payment: a pending one is a sale
        statuses={"pending": "sale"},
    ),
    _profile(
        "woocommerce_orders", DataKind.SALES, ("order_id", "item_sku", "item_quantity", "item_subtotal", "item_total"),
        {"order_id": "order_id", "date": "date", "order_date": "date", "status": "status", "order_currency": "currency",
         "customer_id": "customer_id", "billing_email": "customer_email", "item_sku": "sku",
         "item_quantity": "units", "item_subtotal": "revenue", "item_total": "line_net",
         "item_refunded": "refund", "item_refunded_qty": "returned_units"},
        defaults={"channel": "woocommerce"},
    ),
    _profile(
        "amazon_all_orders", DataKind.SALES, ("amazon-order-id", "purchase-date", "sku", "quantity", "item-price"),
        {"amazon-order-id": "order_id", "purchase-date": "date", "item-status": "status",
         "sales-channel": "channel", "sku": "sku", "quantity": "units", "currency": "currency",
         "item-price": "revenue", "item-promotion-discount": "discount", "product-name": "product_title",
         "ship-state": "state", "ship-country": "country"},
        defaults={"channel": "amazon"},
    ),
    # Seller Central's "Manage FBA Inventory" report (GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA, tab-separated): the
    # units Amazon holds of each listing; afn-fulfillable-quantity is what it can sell (stock on hand), the
    # inbound shipped units are on order; unsellable, reserved and researching units are not stock on hand
    _profile(
        "amazon_fba_inventory", DataKind.INVENTORY, ("sku", "fnsku", "asin", "afn-fulfillable-quantity",
                                                     "afn-total-quantity"),
        {"sku": "sku", "afn-fulfillable-quantity": "on_hand", "afn-inbound-shipped-quantity": "on_order"},
        note="Manage FBA Inventory: afn-fulfillable-quantity is the stock on hand at Amazon's fulfilment centres "
             "(location 'amazon fba'), afn-inbound-shipped-quantity the units on their way there; unsellable, "
             "reserved and researching units are not counted as on hand; the listing's name and price are not "
             "stored from this report",
        templates={"location": "amazon fba"},
    ),
    _profile(
        "amazon_business_report", DataKind.SALES, ("(Child) ASIN", "SKU", "Units Ordered", "Ordered Product Sales"),
        {"Date": "date", "SKU": "sku", "Units Ordered": "units", "Ordered Product Sales": "revenue"},
        defaults={"channel": "amazon"},
        hint="an Amazon Business Report by child item covers a period and carries no date: add a Date column "
             "with the day it covers (download one report per day), or upload the All Orders report instead",
    ),
)


#: dunnhumby's "The Complete Journey" (2,500 households' grocery receipts over two years; 84.51°): the R package
#: ``completejourney``'s tables (one year dated 2017, discounts positive) and the original download's catalogue.
#: Its transaction_data.csv carries day numbers, not dates: acknowledged in ``shared.ingest.parts``, not loaded.
_COMPLETE_JOURNEY_TITLE = "the product's type, else its category, else its department"
COMPLETE_JOURNEY_PROFILES: tuple[ExportProfile, ...] = (
    _profile(
        "completejourney_transactions", DataKind.SALES,
        ("household_id", "store_id", "basket_id", "product_id", "quantity", "sales_value", "retail_disc",
         "coupon_match_disc", "transaction_timestamp"),
        {"household_id": "customer_id", "store_id": "channel", "basket_id": "order_id", "product_id": "sku",
         "quantity": "units", "sales_value": "revenue", "retail_disc": "loyalty_discount",
         "coupon_match_disc": "coupon_match_discount", "transaction_timestamp": "date"},
        note="The Complete Journey transactions: each row is a receipt line; basket_id is the order, household_id "
             "the customer (hashed), store_id the store ('store 367', read as the channel); sales_value is what the "
             "retailer received, read as revenue; the loyalty-card discount (retail_disc) and the retailer's match of "
             "manufacturer coupons (coupon_match_disc) are discounts it gave, already taken off sales_value; the "
             "manufacturer's coupon (coupon_disc) is paid back by the manufacturer and is not stored; week is not "
             "stored (the timestamp dates each line); amounts written in exponent form by R (1.110223e-16, "
             "floating-point dust) are read as the decimals they are",
        metered_units=True, exponents=("revenue", "loyalty_discount", "coupon_match_discount"),
        prefixes={"channel": "store "},
    ),
    _profile(
        "completejourney_products", DataKind.PRODUCTS,
        ("product_id", "manufacturer_id", "department", "brand", "product_category", "product_type"),
        {"product_id": "sku", "product_type": "title", "product_category": "category", "brand": "brand",
         "package_size": "size"},
        fill={"title": ("product_category", "department"), "category": ("department",)},
        note=f"The Complete Journey products: the title is {_COMPLETE_JOURNEY_TITLE} (the data names no products); "
             "the category is product_category (the commodity: SOFT DRINKS, BEEF), else the department; brand is "
             "National or Private (label); package_size is the size; manufacturer_id and department are not stored",
    ),
    _profile(
        "dunnhumby_product", DataKind.PRODUCTS,
        ("PRODUCT_ID", "MANUFACTURER", "DEPARTMENT", "BRAND", "COMMODITY_DESC", "SUB_COMMODITY_DESC"),
        {"PRODUCT_ID": "sku", "SUB_COMMODITY_DESC": "title", "COMMODITY_DESC": "category", "BRAND": "brand",
         "CURR_SIZE_OF_PRODUCT": "size"},
        fill={"title": ("COMMODITY_DESC", "DEPARTMENT"), "category": ("DEPARTMENT",)},
        note=f"The Complete Journey product.csv: the title is {_COMPLETE_JOURNEY_TITLE} (SUB_COMMODITY_DESC, "
             "COMMODITY_DESC, DEPARTMENT; the data names no products); the category is COMMODITY_DESC, else the "
             "department; BRAND is National or Private (label); CURR_SIZE_OF_PRODUCT is the size; MANUFACTURER and "
             "DEPARTMENT are not stored",
    ),
)
EXPORT_PROFILES += COMPLETE_JOURNEY_PROFILES


#: dunnhumby's "Breakfast at the Frat" (156 weeks of four categories' top products in 79 stores: one row per week,
#: store and UPC, dated by the week's end) and "Carbo-Loading"'s catalogue (its receipts carry day numbers, no
#: dates: acknowledged in ``shared.ingest.parts``).
DUNNHUMBY_PROFILES: tuple[ExportProfile, ...] = (
    _profile(
        "breakfast_at_the_frat", DataKind.SALES,
        ("WEEK_END_DATE", "STORE_NUM", "UPC", "UNITS", "VISITS", "HHS", "SPEND", "BASE_PRICE"),
        {"WEEK_END_DATE": "date", "STORE_NUM": "channel", "UPC": "sku", "UNITS": "units", "SPEND": "revenue",
         "PRICE": "unit_price", "BASE_PRICE": "base_price", "FEATURE": "promo_feature", "DISPLAY": "promo_display",
         "TPR_ONLY": "promo_price_cut"},
        note="Breakfast at the Frat: one row per week, store and product (UPC), dated by the week's end "
             "(WEEK_END_DATE); the store (STORE_NUM, 'store 367') is the channel; SPEND is revenue, PRICE the price "
             "paid and BASE_PRICE the regular price: the discount is (BASE_PRICE - PRICE) x UNITS, already taken "
             "off SPEND; the line is on promotion when FEATURE, DISPLAY or TPR_ONLY is 1; VISITS and HHS (baskets and "
             "households) are not stored, and there are no orders or customers",
        aggregate="week", prefixes={"channel": "store "},
    ),
    _profile(
        "breakfast_at_the_frat_products", DataKind.PRODUCTS,
        ("UPC", "DESCRIPTION", "MANUFACTURER", "CATEGORY", "SUB_CATEGORY", "PRODUCT_SIZE"),
        {"UPC": "sku", "DESCRIPTION": "title", "MANUFACTURER": "brand", "CATEGORY": "category",
         "PRODUCT_SIZE": "size"},
        note="Breakfast at the Frat products: DESCRIPTION is the title, MANUFACTURER the brand, CATEGORY the "
             "category (SUB_CATEGORY is not stored)",
    ),
    _profile(
        "carbo_loading_products", DataKind.PRODUCTS,
        ("upc", "product_description", "commodity", "brand", "product_size"),
        {"upc": "sku", "product_description": "title", "commodity": "category", "brand": "brand",
         "product_size": "size"},
        note="Carbo-Loading product_lookup: product_description is the title, commodity the category (pasta, "
             "pasta sauce, syrups, pancake mixes)",
    ),
)
EXPORT_PROFILES += DUNNHUMBY_PROFILES


#: The sales lines ``shared.ingest.m5`` writes from M5's wide file: one per item, store and day with units sold.
M5_SALES_LINES = _profile(
    "m5_sales_lines", DataKind.SALES, ("m5_id", "sku", "date", "units", "channel", "state", "product_category"),
    {"sku": "sku", "date": "date", "units": "units", "unit_price": "unit_price", "revenue": "revenue",
     "channel": "channel", "state": "state", "product_title": "product_title", "product_category": "product_category"},
    note="M5 sales lines: each is an item's units in a store on a day (a total, not an order line: orders are not "
         "counted from them)",
    aggregate="day",
)
EXPORT_PROFILES += (M5_SALES_LINES,)


#: The stand-in SKU of sales lines that are a store's whole revenue (``ExportProfile.no_products``): one per store
#: (``store 3 total``), not one for the whole file: processing's per-SKU work holds a SKU's lines at once, and one
#: SKU of Rossmann's million lines took its peak from 0.65 GB at 100,000 lines to 2.7 GB at 1,000,000.
STORE_TOTAL_SKU = "{channel} total"
_DEPARTMENT_TOTALS = ("Walmart's Weekly_Sales is a store department's revenue over a week, with no units: each line "
                      "is stored with 0 units, its units unknown (unit questions say so); a total per week, so no "
                      "orders are counted")
_STORE_TOTALS = ("{what}, with no units or products: each line is stored with 0 units, its units unknown (unit "
                 "questions say so), against a stand-in product per store ('store 3 total') where there is none; a "
                 "total per {per}, so no orders are counted")


#: Store-level public sets (sources and quirks: ``docs/ingest.md``, *Store-level public datasets*): rows that are a
#: store's (or a product's) totals per day or month, not order lines, so flagged as totals.
STORE_PROFILES: tuple[ExportProfile, ...] = (
    # Kaggle "Walmart Dataset" (Walmart.csv, 6,435 rows: 45 stores x 143 weeks 2010-2012): each store's revenue per
    # week, dated by the week's Friday (dd-mm-yyyy); no units, products, orders or customers
    _profile(
        "walmart_weekly_sales", DataKind.SALES, ("Store", "Date", "Weekly_Sales", "Holiday_Flag", "Fuel_Price", "CPI"),
        {"Store": "channel", "Date": "date", "Weekly_Sales": "revenue"},
        defaults={"units": "0"},
        note=_STORE_TOTALS.format(what="Walmart's Weekly_Sales is each store's revenue over a week", per="week")
        + "; Holiday_Flag, temperature, fuel price, CPI and unemployment are not stored",
        prefixes={"channel": "store "}, templates={"sku": STORE_TOTAL_SKU}, aggregate="week", no_units=True,
        no_products=True,
    ),
    # Kaggle "Walmart Recruiting - Store Sales Forecasting" (train.csv, 421,570 rows): revenue per store, department
    # and week (ISO Fridays); a few weeks are negative (more returned than sold): returns, their amount a refund
    _profile(
        "walmart_store_sales", DataKind.SALES, ("Store", "Dept", "Date", "Weekly_Sales", "IsHoliday"),
        {"Store": "channel", "Dept": "sku", "Date": "date", "Weekly_Sales": "revenue"},
        defaults={"units": "0"},
        note=_DEPARTMENT_TOTALS
        + "; the department ('dept 3') is the product and its category; a negative week (more returned than "
          "sold) is a return, its amount refunded; IsHoliday is not stored",
        prefixes={"channel": "store ", "sku": "dept "}, templates={"product_category": "{sku}"}, aggregate="week",
        no_units=True,
    ),
    # Kaggle "Rossmann Store Sales" (train.csv, 1,017,209 rows: 1,115 stores, 2013-2015): each store's revenue and
    # customer count per day, closed days with 0 sales; newest day first
    _profile(
        "rossmann_store_sales", DataKind.SALES, ("Store", "DayOfWeek", "Date", "Sales", "Customers", "Open",
                                                 "StateHoliday", "SchoolHoliday"),
        {"Store": "channel", "Date": "date", "Sales": "revenue", "Promo": "promo"},
        defaults={"units": "0"},
        note=_STORE_TOTALS.format(what="Rossmann's Sales is each store's revenue in a day (0 on a closed day)",
                                  per="day")
        + "; Promo marks the day on promotion; Customers (the day's visits, not distinct customers), Open and the "
          "holidays are not stored",
        prefixes={"channel": "store "}, templates={"sku": STORE_TOTAL_SKU}, aggregate="day", no_units=True,
        no_products=True,
    ),
    # Kaggle "Store Item Demand Forecasting Challenge" (train.csv, 913,000 rows 2013-2017): units per day, store and
    # item (10 stores x 50 items), no prices; store and item are bare numbers
    _profile(
        "store_item_demand", DataKind.SALES, ("date", "store", "item", "sales"),
        {"date": "date", "store": "channel", "item": "sku", "sales": "units"},
        note="Store Item Demand: 'sales' is units sold per day, store and item (no prices: no revenue); the item "
             "is the product ('item 7'), the store ('store 3') the channel",
        prefixes={"channel": "store ", "sku": "item "}, templates={"product_title": "{sku}"}, aggregate="day",
    ),
    # Bibitor LLC's "Inventory Analysis Case Study" (a liquor chain's 2016, SalesFINAL12312016.csv): a store's sales
    # of a brand on a day, SalesDollars their total; Brand is the product number, Description its name
    _profile(
        "bibitor_sales", DataKind.SALES, ("InventoryId", "Store", "Brand", "SalesQuantity", "SalesDollars",
                                          "SalesDate"),
        {"Brand": "sku", "Description": "product_title", "Store": "channel", "SalesQuantity": "units",
         "SalesDollars": "revenue", "SalesPrice": "unit_price", "SalesDate": "date"},
        note="Bibitor sales: each row is a store's sales of a product (Brand, titled by its Description) on a day, "
             "SalesQuantity units for SalesDollars; the store ('store 1') is the channel; size, volume, "
             "classification, excise tax and vendor are not stored",
        prefixes={"channel": "store "}, aggregate="day",
    ),
    # the same case study's inventories: BegInvFINAL (1 January, startDate) and EndInvFINAL (31 December, endDate)
    _profile(
        "bibitor_beginning_inventory", DataKind.INVENTORY, ("InventoryId", "Store", "Brand", "onHand", "startDate"),
        {"Brand": "sku", "Store": "location", "onHand": "on_hand", "startDate": "date"},
        note="Bibitor beginning inventory: each store's units of a product on hand at startDate; the store "
             "('store 1') is the location; city, description, size and price are not stored",
        prefixes={"location": "store "},
    ),
    _profile(
        "bibitor_ending_inventory", DataKind.INVENTORY, ("InventoryId", "Store", "Brand", "onHand", "endDate"),
        {"Brand": "sku", "Store": "location", "onHand": "on_hand", "endDate": "date"},
        note="Bibitor ending inventory: each store's units of a product on hand at endDate; the store ('store 1') "
             "is the location; city, description, size and price are not stored",
        prefixes={"location": "store "},
    ),
    # 2017PurchasePricesDec.csv: the catalogue with each product's retail price and the chain's purchase price
    _profile(
        "bibitor_purchase_prices", DataKind.PRODUCTS, ("Brand", "Description", "Price", "PurchasePrice",
                                                       "VendorNumber"),
        {"Brand": "sku", "Description": "title", "Price": "price", "PurchasePrice": "cost", "Size": "size"},
        note="Bibitor purchase prices: the catalogue; Price is the retail price, PurchasePrice the cost; volume, "
             "classification and vendor are not stored",
    ),
)
EXPORT_PROFILES += STORE_PROFILES


def _split_lines(period: str) -> ExportProfile:
    """The sales lines ``shared.ingest.split_rows`` writes from a file whose rows are totals per ``period``."""
    fields = ("sku", "date", "units", "unit_price", "revenue", "discount", "channel", "region", "product_category",
              "promo")
    return _profile(
        f"split_{period}_lines", DataKind.SALES, (f"{period}_total_of", "sku", "date", "units"),
        {f: f for f in fields},
        note=f"each line is a total per {period} (a store's or a product's sales of the {period}), not an order "
             "line: orders are not counted from them",
        aggregate=period)


#: The derived sales files of ``shared.ingest.split_rows``: their first column (``day_total_of``) marks them.
SPLIT_PROFILES = (_split_lines("day"), _split_lines("month"))
EXPORT_PROFILES += SPLIT_PROFILES


#: WooCommerce's refunded orders are returns (its cancelled and failed ones are no sale by the common words; a stored
#: slug's ``wc-`` prefix is dropped wherever a status is read)
WOO_STATUSES = {"refunded": "returned"}
#: Magento 2's order statuses as its grid shows them, by what they mean for a sale: an order is invoiced (paid) from
#: Processing on; Pending (and Pending Payment, Payment Review: a payment not yet taken or still under review) is an
#: order placed and not invoiced, no sale yet; Closed is refunded in full (a credit memo); Suspected Fraud is held
#: unpaid by the payment gateway. On Hold stays a sale (Magento holds invoiced orders too).
MAGENTO_GRID_STATUSES = {"closed": "returned", "suspected fraud": "cancelled", "pending": "unpaid",
                         "pending payment": "unpaid", "pending_payment": "unpaid", "payment review": "unpaid",
                         "payment_review": "unpaid"}
#: Other platforms' native exports (Etsy, eBay, Square, BigCommerce, Shopify's catalogue and stock), header for
#: header: sources and quirks in ``docs/ingest.md`` (*More platforms' exports*).
PLATFORM_PROFILES: tuple[ExportProfile, ...] = (
    # Etsy "Sold Order Items": one row per item; Item Total is Price x Quantity; the order's Discount Amount, Order
    # Shipping and Order Sales Tax are repeated on each of its items; SKU is often empty (the item's name names it)
    _profile(
        "etsy_sold_order_items", DataKind.SALES, ("Sale Date", "Item Name", "Buyer", "Quantity", "Price",
                                                  "Item Total", "Transaction ID", "Listing ID"),
        {"Sale Date": "date", "Item Name": "product_title", "Buyer": "customer_id", "Quantity": "units",
         "Price": "unit_price", "Item Total": "revenue", "Currency": "currency", "Order ID": "order_id",
         "SKU": "sku", "Discount Amount": "order_discount", "Ship State": "state", "Ship Country": "country"},
        defaults={"channel": "etsy"},
        note="Etsy Sold Order Items: revenue is Item Total (Price x Quantity); Discount Amount is the order's "
             "(written on each of its items, counted once and spread over them); shipping and sales tax are not "
             "revenue; an item without a SKU is named by its Item Name; the buyer is hashed",
    ),
    # Etsy "Sold Orders": one row per order, no products; Order Value is the items' total before discounts
    _profile(
        "etsy_sold_orders", DataKind.SALES, ("Sale Date", "Order ID", "Number of Items", "Order Value", "Order Net"),
        {"Sale Date": "date", "Order ID": "order_id", "Number of Items": "units", "Order Value": "revenue",
         "Discount Amount": "discount", "Currency": "currency", "Status": "status", "Buyer": "customer_id",
         "Ship State": "state", "Ship Country": "country"},
        defaults={"channel": "etsy"},
        note="Etsy Sold Orders: one line per order (no products: the Sold Order Items download has them); revenue "
             "is Order Value, units Number of Items; a Fully Refunded order is a return; shipping, tax and fees are "
             "not stored",
        templates={"sku": "Etsy order"}, no_products=True,
        statuses={"fully refunded": "returned", "refunded": "returned"},
    ),
    # eBay Seller Hub "Orders report": an empty line above the header, money as $12.99, dates Dec-05-24; an order of
    # several items is a row with no item (the order's totals) followed by its items' rows; a record count below
    _profile(
        "ebay_orders_report", DataKind.SALES, ("Sales Record Number", "Order Number", "Item Number", "Item Title",
                                               "Sold For", "Total Price"),
        {"Order Number": "order_id", "Buyer Username": "customer_id", "Item Title": "product_title",
         "Custom Label": "sku", "Custom Label (SKU)": "sku", "Quantity": "units", "Sold For": "unit_price",
         "Sale Date": "date", "Ship To State": "state", "Ship To Country": "country"},
        defaults={"channel": "ebay"},
        note="eBay Orders report: each item line is a sale of Quantity at Sold For (its price each); an order of "
             "several items has a summary row with no item (its totals), skipped and counted; Total Price, "
             "shipping and taxes are not revenue; an item without a Custom Label is named by its title",
        summary_rows=("product_title", "an order's summary row (its items are the rows below it)"),
    ),
    # Square "Item Sales" detail: Gross Sales $4.50 (the line's value), Discounts -$0.50, Net Sales; a Refund event
    # is a line with negative quantity and amounts (a return); the SKU is mostly empty (the item names it)
    _profile(
        "square_item_sales", DataKind.SALES, ("Date", "Item", "Qty", "Gross Sales", "Net Sales"),
        {"Date": "date", "Category": "product_category", "Item": "product_title", "Qty": "units", "SKU": "sku",
         "Gross Sales": "revenue", "Discounts": "discount", "Transaction ID": "order_id",
         "Customer ID": "customer_id", "Location": "channel"},
        note="Square Item Sales: revenue is Gross Sales, Discounts the line's discount; a Refund line (negative) "
             "is a return; an item without a SKU is named by its Item; the location is the channel; tax, "
             "modifiers and the dining option are not stored",
    ),
    # BigCommerce "Export Orders": one row per order, its products packed in Product Details ("Product ID: 1,
    # Product Qty: 2, Product SKU: X, Product Name: ..., Product Unit Price: 9.99, ...|Product ID: ..."); dates in
    # the store's format (dd/mm/yyyy by default, read from the file)
    _profile(
        "bigcommerce_orders", DataKind.SALES, ("Order ID", "Order Date", "Order Status", "Subtotal (ex tax)",
                                               "Product Details"),
        {"Order ID": "order_id", "Order Date": "date", "Order Status": "status", "Customer Email": "customer_email",
         "Customer ID": "customer_id", "Order Currency Code": "currency", "Shipping State": "state",
         "Shipping Country": "country", "Refund Amount": "order_refund"},
        defaults={"channel": "bigcommerce"},
        note="BigCommerce orders: each product packed in Product Details is a line of its own (Product Qty at "
             "Product Unit Price); Cancelled, Declined and Incomplete (abandoned checkout) orders are no sale, "
             "Refunded orders returns, a Partially Refunded order's Refund Amount is spread over its lines; order "
             "totals, shipping and tax are not stored",
        statuses={"refunded": "returned", "incomplete": "cancelled"},
        packed=PackedItems(normalise_header("Product Details"), (("Product Qty", "units"), ("Product SKU", "sku"),
                                               ("Product Name", "product_title"), ("Product Unit Price", "unit_price"),
                                               ("Product Price", "unit_price"))),
    ),
    # Shopify "Export products": one row per variant, the product's Title, Vendor and Type on its first row only;
    # image rows carry only the Handle and the image
    _profile(
        "shopify_products", DataKind.PRODUCTS, ("Handle", "Title", "Variant SKU", "Variant Price"),
        {"Variant SKU": "sku", "Title": "title", "Vendor": "brand", "Type": "category", "Variant Price": "price",
         "Variant Compare At Price": "msrp", "Cost per item": "cost", "Variant Barcode": "gtin"},
        note="Shopify products: one product per variant SKU; the title, vendor and type are the product's first "
             "row's (the export writes them once); rows with only an image are skipped; Variant Inventory Qty is "
             "stock (upload the inventory export for stock by location)",
        fill_down=("title", "brand", "category"), summary_rows=("sku", "an image row (no variant)"),
    ),
    # Shopify "Export inventory": per variant and location, Available and On hand; undated (today's counts)
    _profile(
        "shopify_inventory", DataKind.INVENTORY, ("Handle", "SKU", "Location", "Available", "On hand"),
        {"SKU": "sku", "Location": "location", "On hand": "on_hand", "Incoming": "on_order"},
        note="Shopify inventory: On hand per variant and location (counted on the upload's day: the export is "
             "undated: dated as any stock file without dates is); Available, Committed and Unavailable are not "
             "stored",
    ),
    # "Advanced Order Export For WooCommerce" (algolplus, woo-order-export-lite), its default fields: products as
    # rows, the order's columns (status, date, Cart Discount Amount, Order Total Amount, ...) on each of its rows
    _profile(
        "woo_order_export", DataKind.SALES, ("Order Number", "Order Status", "Order Date", "Item Name", "Item Cost"),
        {"Order Number": "order_id", "Order Status": "status", "Order Date": "date", "Email (Billing)":
         "customer_email", "State Code (Shipping)": "state", "Country Code (Shipping)": "country",
         "Cart Discount Amount": "order_discount", "SKU": "sku", "Item Name": "product_title",
         "Quantity (- Refund)": "units", "Quantity": "units", "Item Cost": "unit_price", "Currency": "currency",
         "Order Refund Amount": "order_refund"},
        defaults={"channel": "woocommerce"},
        note="WooCommerce order export: each item line is Quantity at Item Cost; Cart Discount Amount is the "
             "order's (on each of its lines, counted once and spread over them); Cancelled and Failed orders are "
             "no sale, Refunded orders returns; Order Refund Amount is the order's refund (counted once and spread "
             "over its lines by value): a partial refund of an order that stays Completed is netted from net "
             "revenue, its sale kept; order totals, shipping, tax and the billing block are not stored",
        statuses=WOO_STATUSES,
    ),
    # WooCommerce Analytics > Orders "Download": one row per order, its products packed as "2× Hoodie, 1× Beanie";
    # Net Sales is after coupons, without shipping and tax; N. Revenue (formatted) the same in the shop's money
    _profile(
        "woo_analytics_orders", DataKind.SALES, ("Date", "Order #", "Status", "Items sold", "Net Sales"),
        {"Date": "date", "Order #": "order_id", "Status": "status", "Items sold": "units", "Net Sales": "revenue",
         "Customer": "customer_id"},
        defaults={"channel": "woocommerce"},
        note="WooCommerce Analytics orders: one line per order (no products: the products are named in "
             "Product(s) only); revenue is Net Sales (after coupons, without shipping and tax), units Items sold; "
             "Refunded orders are returns; the customer's name is hashed",
        templates={"sku": "WooCommerce order"}, no_products=True, statuses=WOO_STATUSES,
    ),
    # Magento 2 Admin > Sales > Orders exported to CSV: the order grid, one row per order with no products or
    # quantities; Subtotal the products before discounts, shipping and tax; Grand Total what was charged
    _profile(
        "magento_order_grid", DataKind.SALES, ("ID", "Purchase Point", "Purchase Date", "Grand Total (Purchased)",
                                               "Status"),
        {"ID": "order_id", "Purchase Date": "date", "Status": "status", "Subtotal": "revenue",
         "Customer Email": "customer_email"},
        defaults={"units": "0", "channel": "magento"},
        note="Magento order grid: one line per order (no products or quantities: the grid has none; each line is "
             "an order, counted in orders and average order value); revenue is Subtotal (before discounts, "
             "shipping and tax); Canceled and Suspected Fraud orders are no sale, Pending, Pending Payment and "
             "Payment Review orders not yet (placed, not invoiced: no payment taken), Closed orders (refunded in "
             "full) returns; Grand Total, shipping, addresses and names are not stored",
        templates={"sku": "Magento order"}, no_units=True, no_products=True,
        statuses=MAGENTO_GRID_STATUSES,
    ),
)
EXPORT_PROFILES += PLATFORM_PROFILES


#: Analytics reports, catalogue feeds and order lists as downloaded (sources and quirks: ``docs/ingest.md``, *Reports,
#: feeds and order lists*).
REPORT_PROFILES: tuple[ExportProfile, ...] = (
    # Shopify Analytics "Sales over time" by day: the shop's totals per day, no products or units; Discounts and Returns
    # are written negative (money taken off, money refunded)
    _profile(
        "shopify_sales_over_time", DataKind.SALES, ("Day", "Orders", "Gross sales", "Discounts", "Returns",
                                                    "Net sales", "Total sales"),
        {"Day": "date", "Gross sales": "revenue", "Discounts": "discount", "Returns": "refund"},
        defaults={"units": "0", "channel": "shopify"},
        note="Shopify Sales over time: each row is the shop's sales of a day (no products or units): revenue is Gross "
             "sales, Discounts the discount and Returns the refunds (net sales are what is left, as Shopify's Net "
             "sales); Orders, shipping and taxes are not stored",
        templates={"sku": "Shopify sales"}, aggregate="day", no_units=True, no_products=True,
        hint="download Sales over time split by day (the Day column), not by month or week",
    ),
    # Shopify Analytics "Sales by product" with the day added: a product's sales of a day
    _profile(
        "shopify_sales_by_product", DataKind.SALES, ("Product title", "Net items sold", "Gross sales", "Discounts",
                                                     "Returns", "Net sales"),
        {"Day": "date", "Product variant SKU": "sku", "Product title": "product_title",
         "Product vendor": "product_brand", "Product type": "product_category", "Net items sold": "units",
         "Gross sales": "revenue", "Discounts": "discount", "Returns": "refund"},
        defaults={"channel": "shopify"},
        note="Shopify Sales by product: each row is a product's sales of a day: units are Net items sold (after "
             "returns), revenue Gross sales, Discounts the discount and Returns the refunds; taxes are not stored",
        aggregate="day",
        hint="the report carries no date unless split by day: add the Day dimension (Sales by product, then "
             "'Day') and download it again",
    ),
    # Google Merchant Center's product data specification (also Meta's catalogue feeds): price written "29.99 USD",
    # product_type the shop's own category path ("Shirts > Northwind Apparel")
    _profile(
        "merchant_product_feed", DataKind.PRODUCTS, ("id", "title", "link", "image_link", "availability", "price"),
        {"id": "sku", "title": "title", "brand": "brand", "price": "price", "gtin": "gtin",
         "product_type": "category"},
        note="Product feed (Google Merchant Center): id is the SKU, price the regular price with its currency; "
             "category is the first part of product_type; sale_price, availability, condition, links and "
             "google_product_category are not stored",
        top_level=("category",),
    ),
    # PrestaShop's back office Orders > Export (";"-separated): one row per order, Total what the customer paid
    # (products, shipping and tax), no products or quantities
    _profile(
        "prestashop_orders", DataKind.SALES, ("ID", "Reference", "New client", "Delivery", "Customer", "Total",
                                              "Payment", "Status", "Date"),
        {"ID": "order_id", "Date": "date", "Status": "status", "Total": "revenue", "Customer": "customer_id",
         "Delivery": "country"},
        defaults={"units": "0", "channel": "prestashop"},
        note="PrestaShop orders: one line per order (no products or quantities: the order list has none); revenue "
             "is Total (what the customer paid: products, shipping and tax); Canceled and Payment error orders are "
             "no sale, Refunded orders returns; the customer's name is hashed",
        templates={"sku": "PrestaShop order"}, no_units=True, no_products=True,
        statuses={"refunded": "returned", "payment error": "cancelled"},
    ),
    # Kaggle "Retail Transactions Dataset" (prasad22): one row per basket, its products a Python list with no quantity
    # or price of their own; Total_Items the basket's units, Total_Cost what the customer paid
    _profile(
        "retail_transactions_baskets", DataKind.SALES, ("Transaction_ID", "Customer_Name", "Product", "Total_Items",
                                                        "Total_Cost", "Store_Type"),
        {"Transaction_ID": "order_id", "Date": "date", "Customer_Name": "customer_id", "Total_Items": "units",
         "Total_Cost": "revenue", "Store_Type": "channel", "City": "region"},
        note="Retail Transactions: one line per basket (its products are listed without their own quantities or "
             "prices, so no product's sales can be told: product questions say so); revenue is Total_Cost (what the "
             "customer paid), units Total_Items, the store type the channel, the City the line's region; payment, "
             "season and promotion are not stored; the customer's name is hashed",
        templates={"sku": "Retail basket"}, no_products=True,
    ),
    # H&M "Personalized Fashion Recommendations" (Kaggle, 2022) transactions_train.csv: each row one unit of an
    # article bought by a customer on a day (no order ids); prices scaled by H&M (no currency); channel 1 or 2
    _profile(
        "hm_transactions", DataKind.SALES, ("t_dat", "customer_id", "article_id", "price", "sales_channel_id"),
        {"t_dat": "date", "customer_id": "customer_id", "article_id": "sku", "price": "unit_price",
         "sales_channel_id": "channel"},
        defaults={"units": "1"},
        note="H&M transactions: each row is one unit of an article at its price (H&M published the prices scaled, "
             "not in a currency, so none is stored); a row written again is a further unit of the same article (summed "
             "into the first row's units); a customer's purchases of a day are one order (the file has no order "
             "ids); sales_channel_id is the channel ('sales channel 1', 'sales channel 2')",
        prefixes={"channel": "sales channel "}, repeats_are_units=True,
    ),
    # the same download's articles.csv: the catalogue (names and product types; no prices: they are on the sales)
    _profile(
        "hm_articles", DataKind.PRODUCTS, ("article_id", "product_code", "prod_name", "product_type_name",
                                           "garment_group_name"),
        {"article_id": "sku", "prod_name": "title", "product_type_name": "category"},
        note="H&M articles: the catalogue; category is product_type_name; colours, departments, sections and "
             "descriptions are not stored",
    ),
)
EXPORT_PROFILES += REPORT_PROFILES

#: Point-of-sale, payment and analytics downloads (round public9): shapes in
#: ``tests/fixtures/public/public9_shapes.py``, where each header's source is written.
PAYMENT_PROFILES: tuple[ExportProfile, ...] = (
    # Lightspeed Retail X-Series (formerly Vend) Sales History export: per sale a "Sale" row (the receipt's totals),
    # its "Sale Line" rows (a product each; Subtotal after the line's Discount, before tax) and a "Payment" row
    _profile(
        "vend_sales_history", DataKind.SALES, ("Date", "Receipt Number", "Line Type", "Quantity", "Subtotal",
                                               "Sales Tax", "Discount", "Details", "Register"),
        {"Date": "date", "Receipt Number": "order_id", "Line Type": "line_type", "Customer Code": "customer_id",
         "Quantity": "units", "Subtotal": "line_net", "Discount": "discount", "Details": "product_title",
         "Register": "channel", "Status": "status", "Sku": "sku"},
        note="Lightspeed X-Series sales history: each Sale Line is a line (Details the product, Quantity its units, "
             "Subtotal its value after its Discount: revenue is the two added); the Sale rows (a receipt's totals) "
             "and Payment rows (its tender) are skipped and counted; a VOIDED sale is no sale; the register is the "
             "channel; sales tax and loyalty are not stored",
        summary_rows=("line_type", "a receipt's Sale row (its totals) or Payment row (its tender): the products "
                                   "are its Sale Line rows"),
        line_values=("Sale Line",),
    ),
    # Stripe Dashboard > Payments > Export (unified_payments.csv): one row per charge, no products; Amount Refunded the
    # part given back; Status Paid, Refunded, Failed
    _profile(
        "stripe_payments", DataKind.SALES, ("id", "Amount", "Amount Refunded", "Currency", "Status", "Captured"),
        {"id": "order_id", "Created (UTC)": "date", "Created date (UTC)": "date", "Amount": "revenue",
         "Amount Refunded": "order_refund", "Currency": "currency", "Status": "status",
         "Customer Email": "customer_email", "Customer ID": "customer_id"},
        defaults={"units": "0", "channel": "stripe"},
        note="Stripe payments: one line per charge (no products or quantities: the payments export has none); "
             "revenue is Amount, Amount Refunded its refund (a Refunded charge a return); Failed charges are no "
             "sale; fees, tax and card details are not stored; the customer's e-mail is hashed",
        templates={"sku": "Stripe payment"}, no_units=True, no_products=True,
        statuses={"refunded": "returned", "paid": "", "succeeded": ""},
    ),
    # Squarespace Commerce > Orders > Download CSV: line items as rows, the order's columns on its first line only
    _profile(
        "squarespace_orders", DataKind.SALES, ("Order ID", "Financial Status", "Lineitem quantity", "Lineitem name",
                                               "Lineitem price", "Lineitem sku"),
        {"Order ID": "order_id", "Email": "customer_email", "Financial Status": "status", "Currency": "currency",
         "Discount Amount": "order_discount", "Amount Refunded": "order_refund", "Created at": "date",
         "Lineitem quantity": "units", "Lineitem name": "product_title", "Lineitem price": "unit_price",
         "Lineitem sku": "sku", "Billing Country": "country", "Shipping Country": "country"},
        defaults={"channel": "squarespace"},
        note="Squarespace orders: each line item a line (Lineitem quantity at Lineitem price); the order's columns "
             "are on its first line and fill its other lines; Discount Amount is the order's, spread over its "
             "lines; a REFUNDED order is a return whose refund is what its items were paid (Amount Refunded also "
             "holds shipping and tax); a PENDING order is not paid yet: no sale; shipping and taxes are not stored",
        statuses={"refunded": "returned", "pending": "unpaid"},
    ),
    # PayPal Activity > Statements > Activity download (Download.CSV): every money movement of the account; payments
    # received (with the item, when the checkout sent it), their refunds (negative), withdrawals, conversions
    _profile(
        "paypal_activity", DataKind.SALES, ("Date", "Time", "TimeZone", "Name", "Type", "Status", "Gross", "Fee",
                                            "Net", "Transaction ID"),
        {"Date": "date", "Type": "line_type", "Status": "status", "Currency": "currency", "Gross": "revenue",
         "From Email Address": "customer_email", "Transaction ID": "order_id", "Item Title": "product_title",
         "Item ID": "sku", "Quantity": "units"},
        defaults={"channel": "paypal"},
        note="PayPal activity: payments received are sales (Gross the revenue, the item and quantity as the "
             "checkout sent them, else one unit of 'PayPal payment'); a Payment Refund (negative) is a return; "
             "withdrawals, transfers, currency conversions and fees are no sale: skipped and counted; Pending "
             "payments are not received yet and Denied ones are no sale; fees are not stored; the payer's e-mail is "
             "hashed",
        summary_rows=("line_type", "a money movement that is no sale (a withdrawal, transfer, currency conversion "
                                   "or fee)"),
        line_values=("Website Payment", "Express Checkout Payment", "Shopping Cart Payment Received",
                     "Mobile Payment", "Payment Received", "Subscription Payment", "Payment Refund",
                     "PreApproved Payment Bill User Payment", "Point of Sale Payment"),
        statuses={"pending": "unpaid", "denied": "cancelled", "reversed": "cancelled"},
        templates={"sku": "PayPal payment"},
    ),
    # Google Analytics 4 "Ecommerce purchases" (Reports or Explore) downloaded as CSV with the Date dimension: a "#"
    # preamble, then an item's views, carts, purchases and revenue per day
    _profile(
        "ga4_ecommerce_purchases", DataKind.SALES, ("Item name", "Items purchased", "Item revenue"),
        {"Date": "date", "Item ID": "sku", "Item name": "product_title", "Item category": "product_category",
         "Item brand": "product_brand", "Items purchased": "units", "Item revenue": "revenue"},
        defaults={"channel": "online store"},
        note="GA4 Ecommerce purchases: each row is an item's sales of a day (Items purchased its units, Item revenue "
             "its revenue); views and cart additions are not stored; GA4 names no currency in the file",
        aggregate="day",
        hint="the report carries no date unless the Date dimension is added: add Date (Explore, or the report's "
             "dimension picker) and download it again",
    ),
    # Wix Stores > Orders > Export: a line item a row, the order's columns (its Discount, Total, Payment status)
    # repeated on each of its lines; "Date created" as "Mar 5, 2024"
    _profile(
        "wix_orders", DataKind.SALES, ("Order number", "Date created", "Item", "SKU", "Qty", "Price",
                                       "Payment status"),
        {"Order number": "order_id", "Date created": "date", "Contact email": "customer_email",
         "Billing country": "country", "Delivery country": "country", "Item": "product_title", "SKU": "sku",
         "Qty": "units", "Price": "unit_price", "Discount": "order_discount", "Payment status": "status",
         "Currency": "currency"},
        defaults={"channel": "wix"},
        note="Wix orders: each line item a line (Qty at Price); Discount is the order's, written on each of its "
             "lines, counted once and spread over them; a Refunded order is a return and a Not paid one no sale "
             "yet; Total, shipping and tax are not revenue",
        statuses={"refunded": "returned", "not paid": "unpaid"},
    ),
    # Square Dashboard > Transactions > Export: a payment a row (its items only named in Description), money
    # "$4.50", a Refund event written negative
    _profile(
        "square_transactions", DataKind.SALES, ("Gross Sales", "Net Sales", "Total Collected", "Transaction ID",
                                                "Event Type"),
        {"Date": "date", "Transaction ID": "order_id", "Gross Sales": "revenue", "Discounts": "discount",
         "Location": "channel", "Customer ID": "customer_id"},
        defaults={"units": "0"},
        note="Square transactions: one line per payment (no products or quantities: its items are only named in "
             "Description; the Item Sales export has them); revenue is Gross Sales, Discounts the discount; a "
             "Refund (negative) is a return; the location is the channel; tax, tips and fees are not stored",
        templates={"sku": "Square payment"}, no_units=True, no_products=True,
    ),
)
EXPORT_PROFILES += PAYMENT_PROFILES

#: Marketplace, wholesale and restaurant order exports (round public10): shapes in
#: ``tests/fixtures/public/public10_shapes.py``, where each header's source is written.
MARKETPLACE_PROFILES: tuple[ExportProfile, ...] = (
    # TikTok Shop Seller Center > Orders > Export: a SKU of an order a row, the order's columns repeated on each; its
    # Order ID written with a trailing tab; a cancelled order's type "Cancel", a returned one's "Return/Refund"
    _profile(
        "tiktok_shop_orders", DataKind.SALES, ("Order ID", "Seller SKU", "SKU Subtotal Before Discount",
                                               "Cancelation/Return Type"),
        {"Order ID": "order_id", "Created Time": "date", "Seller SKU": "sku", "Product Name": "product_title",
         "Product Category": "product_category", "Quantity": "units", "SKU Subtotal Before Discount": "revenue",
         "SKU Seller Discount": "discount", "Cancelation/Return Type": "status", "Buyer Username": "customer_id",
         "Country": "country", "Province": "state"},
        defaults={"channel": "tiktok shop"},
        note="TikTok Shop orders: each SKU line a line (Quantity, SKU Subtotal Before Discount its revenue, the "
             "seller's discount its discount: the platform's is TikTok's, not the shop's); a cancelled order is no "
             "sale and a Return/Refund a return of what was paid for the line; shipping, taxes and the buyer's "
             "address are not stored",
        statuses={"cancel": "cancelled", "return/refund": "returned", "refund only": "returned"},
    ),
    # Walmart Marketplace Seller Center > Orders > Export (PO_Data): a PO line a row; Item Cost the line's item charge
    # (Qty units), Shipping Cost and Tax beside it
    _profile(
        "walmart_marketplace_orders", DataKind.SALES, ("PO#", "Order#", "Line#", "Item Cost", "Item Description"),
        {"Order#": "order_id", "Order Date": "date", "SKU": "sku", "Item Description": "product_title",
         "Qty": "units", "Item Cost": "revenue", "Status": "status", "Customer Name": "customer_id",
         "City": "region", "State": "state"},
        defaults={"channel": "walmart"},
        note="Walmart Marketplace orders: each PO line a line (Qty units, Item Cost its revenue); a Cancelled line "
             "is no sale; shipping cost and tax are not stored; the customer's name is hashed",
    ),
    # Toast's Item Selection Details: a menu item on a check a row; Gross Price the line before its Discount, Net Price
    # after it; a voided selection ("Void?" true) is no sale; the restaurant's Location
    _profile(
        "toast_item_selections", DataKind.SALES, ("Menu Item", "Gross Price", "Net Price", "Void?"),
        {"Order Id": "order_id", "Order Date": "date", "SKU": "sku", "Menu Item": "product_title",
         "Sales Category": "product_category", "Qty": "units", "Gross Price": "revenue", "Discount": "discount",
         "Void?": "voided", "Location": "channel"},
        note="Toast item selections: each menu item on a check a line (Qty, Gross Price its revenue, Discount its "
             "discount: Net Price is the two taken apart); a voided selection is no sale; the location is the "
             "channel, the Sales Category the category; tax is not stored",
    ),
    # Clover Dashboard > Orders > Export: an order a row, no items; Order Total as paid (tax and tip in it, its
    # Discount already off); Order Payment State Paid, Open (not paid yet), Refunded
    _without_items(
        "clover_orders", ("Order ID", "Order Total", "Order Payment State", "Tax Amount", "Tip"),
        {"Order ID": "order_id", "Order Date": "date", "Order Total": "grand_total", "Tax Amount": "tax_amount",
         "Tip": "tip_amount", "Discount": "discount", "Refunds Total": "order_refund", "Currency": "currency",
         "Order Payment State": "status", "Order Type": "channel"}, "Clover order",
        note="Clover orders: one line per order (no products or quantities: the orders export has none); revenue is "
             "Order Total less its tax and tip, before its Discount; a Refunded order is a return of its Refunds "
             "Total; an Open order is not paid yet: no sale; the order type is the channel",
        statuses={"paid": "", "refunded": "returned", "open": "unpaid"},
    ),
    # Amazon Seller Central > Payments > Date Range Reports (Transaction): a preamble, then every money movement of the
    # account: an Order row (product sales for quantity), its Refund (negative), fees and transfers
    _profile(
        "amazon_date_range_transactions", DataKind.SALES, ("date/time", "settlement id", "type", "order id",
                                                           "product sales", "selling fees"),
        {"date/time": "date", "type": "line_type", "order id": "order_id", "sku": "sku",
         "description": "product_title", "quantity": "units", "product sales": "revenue", "order city": "region",
         "order state": "state", "marketplace": "channel"},
        note="Amazon Date Range transactions: each Order row a sale (product sales its revenue, for quantity units), "
             "a Refund row (negative) a return; service fees, transfers, inventory fees and other rows are no sale: "
             "skipped and counted; taxes, credits and Amazon's fees are not stored",
        summary_rows=("line_type", "an account movement that is no sale (a fee, transfer or adjustment)"),
        line_values=("Order", "Refund"),
    ),
    # Shopify Payments > Payouts > Export transactions: a charge, refund (negative), adjustment or chargeback a row; the
    # order by its number, no products
    _without_items(
        "shopify_payments_transactions", ("Transaction Date", "Type", "Order", "Payout Status", "Amount", "Fee", "Net"),
        {"Transaction Date": "date", "Type": "line_type", "Order": "order_id", "Amount": "revenue",
         "Currency": "currency"}, "Shopify payment",
        defaults={"channel": "shopify payments"},
        note="Shopify Payments transactions: one line per charge (no products or quantities: the payouts export has "
             "none); Amount the revenue, a refund (negative) a return; adjustments, chargebacks and payouts are no "
             "sale: skipped and counted; fees are not stored",
        summary_rows=("line_type", "a payout movement that is no sale (an adjustment, chargeback or reserve)"),
        line_values=("charge", "refund"),
    ),
)
EXPORT_PROFILES += MARKETPLACE_PROFILES

#: App store, live and resale marketplace, creator platform and shop system exports (round public12): shapes in
#: ``tests/fixtures/public/public12_shapes.py``, where each header's source is written.
PUBLIC12_PROFILES: tuple[ExportProfile, ...] = (
    # App Store Connect > Sales and Trends > Sales Summary report (tab-separated, a product's units of a day, country
    # and device a row): Units negative for a refund; Product Type Identifier 7, 7F, 7T, 3F are updates and
    # re-downloads (no money), 1/1F/1T/1E.. app purchases, IA1/IA9/IAY/IAC/FI1 in-app purchases
    _profile(
        "app_store_sales_summary", DataKind.SALES, ("Provider", "Provider Country", "Product Type Identifier", "Units",
                                                    "Developer Proceeds", "Customer Price"),
        {"SKU": "sku", "Title": "product_title", "Units": "units", "Customer Price": "unit_price",
         "Begin Date": "date", "Customer Currency": "currency", "Country Code": "country",
         "Product Type Identifier": "line_type"},
        defaults={"channel": "app store"},
        note="App Store Sales Summary: each row a product's units of a day at its Customer Price (in the Customer "
             "Currency); a row of negative Units is a refund of them; updates and re-downloads (Product Type "
             "Identifier 7, 7F, 7T, 3F) are downloads of no money, skipped and counted; Developer Proceeds are not "
             "stored",
        summary_rows=("line_type", "an update or re-download of an app (Product Type Identifier 7, 7F, 7T, 3F): "
                                   "no purchase"),
        line_values=("1", "1F", "1T", "1E", "1EP", "1EU", "F1", "IA1", "IA9", "IAY", "IAC", "FI1"),
    ),
    # Whatnot's seller financial report (developers.whatnot.com/reports): a money movement a row; an order's earnings,
    # its refund (a row of negative amounts) and payouts to the bank
    _profile(
        "whatnot_financial_report", DataKind.SALES, ("transaction_type", "order_id", "listing_title", "quantity_sold",
                                                     "original_item_price", "post_coupon_price"),
        {"transaction_completed_at_utc": "date", "transaction_type": "line_type", "order_id": "order_id",
         "listing_title": "product_title", "product_category": "product_category", "quantity_sold": "units",
         "sku": "sku", "buyer_name": "customer_id", "buyer_state": "state", "buyer_country": "country",
         "transaction_currency": "currency", "original_item_price": "revenue", "coupon_cost": "discount"},
        defaults={"channel": "whatnot"},
        note="Whatnot financial report: an order's ORDER_EARNINGS row is the sale (original_item_price the revenue, "
             "coupon_cost its discount); an ORDER_REFUND row (negative) a return of what was paid; payouts and "
             "other money movements are no sale, skipped and counted; fees are not stored",
        summary_rows=("line_type", "a money movement that is no sale (a payout, a shipping label, a fee)"),
        line_values=("ORDER_EARNINGS", "ORDER_REFUND"),
    ),
    # Shopware 5 > Import/Export > default orders profile (docs.shopware.com, "Import/Export orders"): a position a
    # row; status and cleared are the ids of the order and payment states (s_core_states)
    _profile(
        "shopware5_orders", DataKind.SALES, ("orderId", "orderDetailId", "articleNumber", "articleName", "cleared",
                                             "invoiceAmount"),
        {"number": "order_id", "orderTime": "date", "customerId": "customer_id", "status": "status",
         "cleared": "payment_status", "currency": "currency", "articleNumber": "sku", "articleName": "product_title",
         "price": "unit_price", "quantity": "units", "billingCountry": "country"},
        note="Shopware 5 orders: each position a line (quantity at its price); the order and payment states are "
             "ids, read by Shopware's own list (-1 and 4 cancelled, payment 17 open: not paid yet, 20 re-crediting: "
             "a return, 35 cancelled); shipping and the invoice amount are the order's, not stored",
        codes={"status": {"-1": "cancelled", "0": "open", "1": "in process", "2": "completed",
                          "3": "partially completed", "4": "cancelled", "5": "ready for delivery",
                          "6": "partially delivered", "7": "completely delivered", "8": "clarification required"},
               # payment 17 is "open": money not taken yet, as a pending payment is; 20 "re-crediting": given back
               "payment_status": {"9": "partially invoiced", "10": "completely invoiced", "11": "partially paid",
                                  "12": "completely paid", "17": "pending", "18": "reserved", "19": "delayed",
                                  "20": "returned", "21": "review necessary", "35": "cancelled"}},
    ),
    # Bandcamp > Tools > Sales report: an item sold a row (the fan may pay more than the price), a refund a row of
    # negative amounts, payouts
    _profile(
        "bandcamp_sales_report", DataKind.SALES, ("item type", "item name", "sub total", "additional fan contribution",
                                                  "item total", "bandcamp transaction id"),
        {"date": "date", "item type": "line_type", "item name": "product_title", "currency": "currency",
         "quantity": "units", "item total": "grand_total", "shipping": "shipping_amount", "seller tax": "tax_amount",
         "buyer email": "customer_email", "country": "country", "sku": "sku",
         "bandcamp transaction id": "order_id"},
        defaults={"channel": "bandcamp"},
        note="Bandcamp sales report: each item sold a line, its item total less shipping and tax the revenue (what "
             "the fan paid for it, a name-your-price contribution included); a refund row (negative) a return; "
             "payouts are no sale, skipped and counted; fees are not stored",
        summary_rows=("line_type", "a payout or other money movement: no sale"),
        line_values=("album", "track", "package", "bundle", "refund"),
    ),
    # Gumroad > Sales > Export: a purchase a row; Subtotal after the discount code, Sale Price with the tax; yes/no
    # columns written 1/0
    _profile(
        "gumroad_sales", DataKind.SALES, ("Purchase ID", "Item Name", "Sale Price ($)", "Fully Refunded?",
                                          "Partial Refund ($)"),
        {"Order Number": "order_id", "Purchase Date": "date", "Item Name": "product_title", "Product ID": "sku",
         "Quantity": "units", "Item Price ($)": "unit_price", "Subtotal ($)": "line_net",
         "Partial Refund ($)": "refund", "Fully Refunded?": "status", "Purchase Email": "customer_email",
         "Country": "country"},
        defaults={"channel": "gumroad", "currency": "USD"},
        note="Gumroad sales: each purchase a line (Quantity at Item Price); Subtotal is after the discount code "
             "(the discount is the difference); a fully refunded purchase is a return of its Subtotal, a partial "
             "refund a refund of the sale; taxes, fees and tips are not stored; the buyer's e-mail is hashed",
        statuses={"1": "returned", "0": ""},
    ),
    # Depop > Selling > Download sales: a sold listing a row (one of a kind: no quantity), its postage apart; a refund
    # in its own column
    _profile(
        "depop_sales", DataKind.SALES, ("Date of sale", "Description", "Item price", "Depop fee",
                                        "Refunded to buyer amount"),
        {"Date of sale": "date", "Buyer": "customer_id", "Description": "product_title", "Item price": "unit_price",
         "Refunded to buyer amount": "order_refund", "Category": "product_category", "Brand": "product_brand",
         "City": "region", "Country": "country"},
        defaults={"channel": "depop"},
        note="Depop sales: each sold listing a line of one unit at its Item price; Refunded to buyer amount its "
             "refund (the items' part: the postage refunded is no product's); postage and fees are not stored",
    ),
)
EXPORT_PROFILES += PUBLIC12_PROFILES

#: public12's held-out exports that the generic aliases misread (``test_public_questions_public12_heldout``)
PUBLIC12_HELD_OUT_PROFILES: tuple[ExportProfile, ...] = (
    # Mercari (US) > Sales history: a sold item a row. Its Item Id is the listing's, and a listing is one item sold
    # once: the sale (its order), not the product; the product is its Item Title (read as a SKU, every listing was a
    # product of its own and "which product sold the most" named one listing)
    _profile(
        "mercari_sales", DataKind.SALES, ("Item Id", "Sold Date", "Item Title", "Mercari Selling Fee"),
        {"Item Id": "order_id", "Sold Date": "date", "Item Title": "product_title", "Order Status": "status",
         "Item Price": "unit_price", "Shipped to State": "state"},
        defaults={"channel": "mercari"},
        note="Mercari sales: each sold item (its Item Id, a listing sold once) an order of one unit at its Item Price; "
             "the product is its Item Title; Canceled is no sale, Return Completed a return; shipping, fees and tax "
             "are not stored",
    ),
    # Mercado Pago > Reports > Sales report ("Report fields" of Mercado Pago's developer docs): a payment a row,
    # Transaction amount LC (Spanish: "Transaction amt. LC") its gross value in the account's local currency, Purchase
    # order the order it pays; Status description Approved, Rejected (no sale: the payment failed) or Refunded (given
    # back: a return of the payment)
    _profile(
        "mercado_pago_sales", DataKind.SALES, ("Payment", "Status description", "Status Detail", "Purchase order"),
        {"Purchase order": "order_id", "Created Date": "date", "Description": "product_title",
         "Transaction amount LC": "revenue", "Transaction amt. LC": "revenue", "Status description": "status"},
        defaults={"units": "1", "channel": "mercado pago"},
        note="Mercado Pago sales report: each payment a line of one unit of its Description; revenue is Transaction "
             "amount LC (gross); Rejected payments are no sale, Refunded ones a return; fees and net amounts are not "
             "stored",
        statuses={"refunded": "returned", "approved": ""},
    ),
)
EXPORT_PROFILES += PUBLIC12_HELD_OUT_PROFILES

#: public13's exports the generic rules cannot read (``test_public_questions_public13``)
PUBLIC13_PROFILES: tuple[ExportProfile, ...] = (
    # Big Cartel > Orders > Download CSV: an order a row, its items packed in Items (``product_name:...|quantity:...|
    # price:...``, items joined by ``;``); Total is the order's with shipping and tax: the items' own prices are read
    _profile(
        "big_cartel_orders", DataKind.SALES, ("Number", "Items", "Item count", "Item total", "Shipping status"),
        {"Number": "order_id", "Created at": "date", "Buyer email": "customer_email", "Status": "status",
         "Shipping state": "state", "Shipping country": "country"},
        defaults={"channel": "big cartel"},
        note="Big Cartel orders: each item packed in Items a line (its quantity at its price); cancelled orders are no "
             "sale; the order's shipping, tax and total are not stored; the buyer's e-mail is hashed",
        packed=PackedItems(normalise_header("Items"), (("quantity", "units"), ("product_name", "product_title"),
                                                       ("price", "unit_price")), separator=";", pairs="|"),
    ),
)
EXPORT_PROFILES += PUBLIC13_PROFILES

#: public14's exports the generic rules cannot read (``bench/export_truths.py``)
PUBLIC14_PROFILES: tuple[ExportProfile, ...] = (
    # Lemon Squeezy > Orders > Export: an order a row, its one product; the order object's documented attributes.
    # subtotal is before discount_total, total after it with the tax; refunded is a yes/no, not an amount
    _profile(
        "lemon_squeezy_orders", DataKind.SALES, ("identifier", "order_number", "subtotal", "discount_total",
                                                 "refunded", "product_name"),
        {"order_number": "order_id", "created_at": "date", "product_name": "product_title", "subtotal": "revenue",
         "discount_total": "discount", "currency": "currency", "status": "status", "user_email": "customer_email"},
        defaults={"units": "1", "channel": "lemon squeezy"},
        note="Lemon Squeezy orders: each order a line of one unit of its product; subtotal the revenue before "
             "discount_total; pending and failed orders are no sale, refunded ones a return of what was paid; tax "
             "and the USD conversions are not stored; the buyer's e-mail is hashed",
        statuses={"pending": "unpaid"},
    ),
    # Amazon Seller Central > Payments > Reports repository > Settlement report (flat file V2, tab-separated): the
    # settlement's summary first, then an item's money a row by amount-type and amount-description (its Principal,
    # Tax, Shipping, fees; a promotion a Principal row of amount-type Promotion); Refund rows negative
    _profile(
        "amazon_settlement_v2", DataKind.SALES, ("settlement-id", "transaction-type", "amount-type",
                                                 "amount-description", "posted-date", "quantity-purchased"),
        {"posted-date": "date", "order-id": "order_id", "sku": "sku", "quantity-purchased": "units",
         "amount": "revenue", "amount-type": "amount_type", "amount-description": "amount_description",
         "marketplace-name": "channel", "order-item-code": "item_code", "transaction-type": "item_event",
         "currency": "currency"},
        note="Amazon settlement report: each item's Principal a line (its amount the revenue, for quantity-purchased "
             "units), its Promotion row its discount; a Refund item's Principal a return of the units its order "
             "named; the settlement's summary, taxes, shipping, fees and the promotion rows themselves are no line: "
             "skipped and counted; the currency is the summary row's",
        templates={"line_type": "{amount_type} {amount_description}"},
        summary_rows=("line_type", "an amount that is no item's sale: the settlement's summary, a tax, shipping, a "
                                   "fee or a promotion (read into its item's line)"),
        line_values=("ItemPrice Principal",),
        # the settlement names its currency on its summary row (the first) only
        fill_down=("currency",),
        item_rows=ItemRows(("order_id", "item_code"), "item_event", (("promotion principal", "discount"),)),
    ),
)
EXPORT_PROFILES += PUBLIC14_PROFILES

#: public15's held-out exports the generic rules cannot read (``bench/export_truths.py public15b``)
PUBLIC15_HELD_OUT_PROFILES: tuple[ExportProfile, ...] = (
    # eBay Seller Hub > Payments > Reports > Transaction report: a money movement a row by Type (an Order's item, a
    # Refund, a Shipping label, a Payout, a fee), an empty cell written "--"; Custom label the seller's SKU (Item ID is
    # the listing's), Item subtotal the item's value
    _profile(
        "ebay_transaction_report", DataKind.SALES, ("Transaction creation date", "Type", "Order number",
                                                    "Item subtotal", "Gross transaction amount"),
        {"Transaction creation date": "date", "Type": "line_type", "Order number": "order_id",
         "Buyer username": "customer_id", "Custom label": "sku", "Item title": "product_title", "Quantity": "units",
         "Item subtotal": "revenue", "Transaction currency": "currency", "Ship to province/region/state": "state",
         "Ship to country": "country"},
        defaults={"channel": "ebay"},
        missing=("--",),
        note="eBay transaction report: each Order row an item sold (Quantity for its Item subtotal), each Refund row a "
             "return; shipping labels, payouts and fees are no sale: skipped and counted; shipping, taxes and eBay's "
             "fees are not stored",
        summary_rows=("line_type", "a money movement that is no sale (a shipping label, a payout or a fee)"),
        line_values=("Order", "Refund"),
    ),
)
EXPORT_PROFILES += PUBLIC15_HELD_OUT_PROFILES
