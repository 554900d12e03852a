"""The five kinds of merchant data, as validated records.

These models are the single source of truth for what a valid row is: the ingest step's vectorised
validator, the warehouse schemas (BigQuery JSON in ``infra/bigquery``) and the DuckDB DDL are all
derived from them.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field


class DataKind(StrEnum):
    """A kind of merchant data; each has its own record model and tables."""

    SALES = "sales"
    PRODUCTS = "products"
    REVIEWS = "reviews"
    COMPETITOR_PRICES = "competitor_prices"
    INVENTORY = "inventory"


class Record(BaseModel):
    """Base for every merchant record: strict about unknown shapes, lenient about extra columns."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    #: Fields that identify one logical record (a newer row with the same key replaces the older).
    natural_key: ClassVar[tuple[str, ...]] = ()
    #: How many of the last fields were added after rows were first stored: the row hash leaves them out
    #: while they are missing, so stored rows keep their hashes (see ``shared.ingest.lineage``).
    appended_fields: ClassVar[int] = 0
    #: Fields a file may leave out as a whole column (its records are then stored without them); a file that
    #: has the column must fill it on every row (``shared.ingest.pipeline``).
    column_optional: ClassVar[tuple[str, ...]] = ()


class SaleRecord(Record):
    """Units of one SKU sold on one day (optionally one order line).

    ``revenue`` is the line's value as the export states it: units x unit price before discounts, unless
    ``discount_included`` says the export's revenue is already after the discount (Superstore's ``Sales``
    with its ``Discount`` rate); net revenue is ``revenue - discount - refund`` (``revenue - refund`` for such a
    line). A return is a line with ``returned_units`` (and usually ``refund``), kept
    apart from the units sold.
    """

    natural_key: ClassVar[tuple[str, ...]] = ("order_id", "sku", "date", "channel")
    appended_fields: ClassVar[int] = 14  # discount, refund, returned_units, customer_hash, line_cost, country,
    # region, state, discount_included, payment_method, seller, time_of_day, occurrence, utc_offset

    sku: str = Field(min_length=1, max_length=128)
    date: date
    units: int = Field(ge=0, le=10_000_000)
    unit_price: float | None = Field(default=None, ge=0)
    revenue: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    order_id: str | None = Field(default=None, max_length=128)
    channel: str | None = Field(default=None, max_length=64)
    promo: bool | None = None
    discount: float | None = Field(default=None, ge=0, description="Discount on the line, in money (>= 0).")
    refund: float | None = Field(default=None, ge=0, description="Amount refunded against the line (>= 0).")
    returned_units: int | None = Field(default=None, ge=0, le=10_000_000, description="Units returned.")
    customer_hash: str | None = Field(
        default=None, max_length=64,
        description="Keyed hash of the customer id or e-mail (per tenant); the clear value is never stored.")
    line_cost: float | None = Field(
        default=None, ge=0,
        description="Cost of goods of the whole line, in money, where the export gives it "
                    "(Superstore: Sales - Profit).")
    country: str | None = Field(default=None, max_length=100, description="Country the line was sold to.")
    region: str | None = Field(default=None, max_length=100,
                               description="Sales region of the line (a group of states: Superstore's West).")
    state: str | None = Field(default=None, max_length=100,
                              description="State, province or county the line shipped to.")
    discount_included: bool | None = Field(
        default=None,
        description="The line's revenue is already after its discount (the discount was given as a rate on a "
                    "revenue after it): net revenue does not subtract it again.")
    payment_method: str | None = Field(
        default=None, max_length=200,
        description="How the order was paid, as the export names it (Credit Card, PayPal, Cash, DEBIT).")
    seller: str | None = Field(
        default=None, max_length=200,
        description="Who sold the line: the dealer, seller or salesperson the export names.")
    time_of_day: str | None = Field(
        default=None, pattern=r"^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$",
        description="The clock time of the sale, HH:MM:SS (24h), as the export wrote it (an offset is not applied: "
                    "see utc_offset); None when the export gives no time of day (never midnight by default).")
    occurrence: int | None = Field(
        default=None, ge=2, le=10_000_000,
        description="The line's place among its file's lines with the same order, product, day and channel, from 2 "
                    "(the item sold again in one order); empty for the first. Part of the line's record key.")
    utc_offset: int | None = Field(
        default=None, ge=-720, le=840,
        description="The offset from UTC, in minutes east, that the sale's timestamp wrote beside its time of day "
                    "(Z 0, +02:00 120, -08:00 -480); None when the stamp names none (its time is the shop's clock). "
                    "Answers by hour turn such a time into the tenant's time zone at query time; not part of the "
                    "record key.")


class Product(Record):
    """A catalogue entry, with the identifiers used to match it to marketplaces and competitors."""

    natural_key: ClassVar[tuple[str, ...]] = ("sku",)

    sku: str = Field(min_length=1, max_length=128)
    title: str = Field(min_length=1, max_length=1000)
    brand: str | None = Field(default=None, max_length=200)
    category: str | None = Field(default=None, max_length=200)
    price: float | None = Field(default=None, ge=0)
    cost: float | None = Field(default=None, ge=0)
    map_price: float | None = Field(default=None, ge=0)
    msrp: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    gtin: str | None = Field(default=None, max_length=14)
    asin: str | None = Field(default=None, max_length=10)
    size: str | None = Field(default=None, max_length=64)


class Review(Record):
    """One customer review of a SKU.

    ``date`` is ``None`` for an undated review: some public review sets (Kaggle's "Women's E-Commerce Clothing
    Reviews") publish no dates at all. Such reviews count in every all-time figure (totals, ratings, themes)
    and are left out of periods and trends, which say how many were left out.
    """

    natural_key: ClassVar[tuple[str, ...]] = ("review_id",)
    column_optional: ClassVar[tuple[str, ...]] = ("date",)

    review_id: str = Field(min_length=1, max_length=128)
    sku: str = Field(min_length=1, max_length=128)
    date: dt.date | None = None  # ``dt.date``: the bare name would be this field's own default here
    rating: int | None = Field(default=None, ge=1, le=5)
    title: str | None = Field(default=None, max_length=1000)
    text: str = Field(default="", max_length=20_000)
    author: str | None = Field(default=None, max_length=200)
    verified: bool | None = None
    channel: str | None = Field(default=None, max_length=64)


class CompetitorPrice(Record):
    """A competitor's observed price for (their equivalent of) one of our SKUs."""

    natural_key: ClassVar[tuple[str, ...]] = ("sku", "competitor", "date")

    sku: str = Field(min_length=1, max_length=128)
    competitor: str = Field(min_length=1, max_length=200)
    date: date
    price: float = Field(ge=0)
    shipping: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    in_stock: bool | None = None
    competitor_sku: str | None = Field(default=None, max_length=128)
    url: str | None = Field(default=None, max_length=2000)


class InventoryLevel(Record):
    """Stock on hand of one SKU at one location on one day."""

    natural_key: ClassVar[tuple[str, ...]] = ("sku", "location", "date")

    sku: str = Field(min_length=1, max_length=128)
    date: date
    on_hand: int = Field(ge=0, le=1_000_000_000)
    on_order: int | None = Field(default=None, ge=0, le=1_000_000_000)
    lead_time_days: int | None = Field(default=None, ge=0, le=365)
    location: str | None = Field(default=None, max_length=128)


RECORD_MODELS: dict[DataKind, type[Record]] = {
    DataKind.SALES: SaleRecord,
    DataKind.PRODUCTS: Product,
    DataKind.REVIEWS: Review,
    DataKind.COMPETITOR_PRICES: CompetitorPrice,
    DataKind.INVENTORY: InventoryLevel,
}
