"""Joining the files of a multi-file public dataset (Olist), whichever arrives first; one file feeding two kinds.

Olist's items carry no date (their order has it) and its reviews name an order, not a product. Each file is
read for what it tells the others (``join_refs``: an order's date and status, an order's products, a
category's English name), and what can be completed becomes an ordinary file of records written next to the
upload (``raw/{tenant}/{kind}/{dataset}/{ingestion}.csv``), ingested like any upload: the same validation,
rejects, duplicate checks and lineage. What cannot be completed yet is held (``held_rows``) and released
when the file that completes it arrives:

- **orders**: each order's purchase date and status are remembered; held items of those orders are released.
- **order items**: each order's products are remembered (reviews need them, whatever the order's status);
  items whose order is known become sales lines, one per order and product (units = the rows, one per unit;
  revenue = the sum of their prices, without freight; currency BRL, the marketplace's; channel ``olist``; the
  order's status, so canceled and unavailable orders are rejected as not sales, with the reason); the rest
  are held.
- **order reviews**: a review becomes one review of each product of its order (id ``{review_id}#{product}``,
  so a review repeated on several orders, as Olist publishes some, is one review per product); held until the
  order's items are known.
- **products**: the catalogue, titled ``product {first 8 of the id}`` (Olist publishes no product names); the
  category as words (``bed bath table``), in English when the translation file is known, and translated when it
  arrives later.
- **customers**: the person (``customer_unique_id``) behind each order's per-order ``customer_id``, kept as the
  tenant's keyed hashes, and the state it lives in (``customer_state``); sales lines carry the person and the
  state, and lines stored before are stated again with them.
- **sellers, payments, geolocation**: recognised and acknowledged; nothing is stored.

M5 Forecasting's files go the same way (``shared.ingest.m5``): the wide sales file (a column per day) is held until
``calendar.csv`` dates its days, and valued by ``sell_prices.csv`` whichever arrives first.

Two single-file datasets go the same way, because one row feeds two kinds: Datafiniti's product reviews (the
reviews, and the products their rows name) and Women's E-Commerce Clothing Reviews (the garments, and their
reviews, which carry no date: they are stored undated, each keyed by the row index the dataset publishes).

Nothing is lost or counted twice: a derived file's name is fixed per ingestion (a retried attempt rewrites
it, and its rows dedupe); held rows are keyed by their own ids (order item, review and order), so the same
file held twice is released once; rows are forgotten only after the file that carries them is written.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

import pandas as pd

from shared import regex as re
from shared.deps import Deps
from shared.ingest import m5, split_rows
from shared.ingest.customers import customer_hash, tenant_customer_key
from shared.ingest.derive import derived_review_ids
from shared.ingest.headers import ColumnMapping, normalise_header
from shared.ingest.ingestion import Ingestion, ingestion_id_for
from shared.ingest.kinds import dataset_part, undated_sales_part
from shared.ingest.limits import MAX_RAW_CHARS, MAX_REASON_CHARS, clip
from shared.ingest.parse import DateOrder, decide_date_order, parse_date, parse_number
from shared.ingest.parts import DatasetPart, PartRole
from shared.ingest.reader import Chunk, DelimitedReader
from shared.ingest.redact import personal_columns, redact_line, redact_row
from shared.ingest.sniff import Dialect, open_plain
from shared.ingest.staging import store_rejects
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.processing.spam import COPY_SEPARATOR
from shared.store import joins

_log = get_logger(__name__)

#: Olist is a Brazilian marketplace: its prices are in reais.
OLIST_CURRENCY = "BRL"
OLIST_CHANNEL = "olist"
#: Reference links between the files.
ORDER, ORDER_PRODUCT, CATEGORY = "order", "order_product", "category"
#: An order's customer id, and the person (``customer_unique_id``) behind it: both kept as the tenant's keyed hashes.
ORDER_CUSTOMER, CUSTOMER = "order_customer", "customer"
#: The state a customer id's order went to (``customer_state``): sales by state.
CUSTOMER_STATE = "customer_state"
_SALES_HEADER = ("order_id", "sku", "date", "units", "unit_price", "revenue", "currency", "channel", "status",
                 "customer_id", "state")
_REVIEWS_HEADER = ("review_id", "sku", "date", "rating", "title", "text", "channel")
_PRODUCTS_HEADER = ("sku", "title", "category")
#: Published columns each part is read by (normalised names), beside its signature.
_COLUMNS: dict[PartRole, tuple[str, ...]] = {
    PartRole.ORDERS: ("order_id", "order_status", "order_purchase_timestamp", "customer_id"),
    PartRole.CUSTOMERS: ("customer_id", "customer_unique_id", "customer_state"),
    # with the orders' columns when a file joins them already (the "merged" Olist files analysts share)
    PartRole.ITEMS: ("order_id", "order_item_id", "product_id", "price", "order_status", "order_purchase_timestamp"),
    PartRole.REVIEWS: ("review_id", "order_id", "review_score", "review_comment_title", "review_comment_message",
                       "review_creation_date"),
    PartRole.PRODUCTS: ("product_id", "product_category_name"),
    PartRole.CATEGORY_NAMES: ("product_category_name", "product_category_name_english"),
    PartRole.PRODUCT_REVIEWS: (),  # per dataset: _LISTINGS
    PartRole.UNDATED_REVIEWS: ("", "Unnamed: 0", "Clothing ID", "Class Name", "Department Name", "Division Name",
                               "Title", "Review Text", "Rating"),
    PartRole.CALENDAR: ("d", "date", "wm_yr_wk"),
    PartRole.PRICES: ("store_id", "item_id", "wm_yr_wk", "sell_price"),
    PartRole.WIDE_SALES: (),  # read by ``shared.ingest.m5`` in chunks sized by its width
    PartRole.SPLIT_ROWS: (),  # per dataset: ``split_rows.SPLITS``
    PartRole.UNUSED: (),
}
#: Undated reviews (Women's E-Commerce Clothing Reviews): no date column, so ingest stores them undated.
_UNDATED_REVIEWS_HEADER = ("review_id", "sku", "rating", "title", "text")
#: The prefix of an undated review's id: the dataset's own row index follows (``clothing-0``), so the same file
#: uploaded again stores each review once, and the ids never meet another export's bare numbers.
UNDATED_ID_PREFIX = "clothing-"
#: Review exports that name the product on each row: review field (or product field) -> published column.
#: Without ``review_id`` (Datafiniti's ``reviews.id`` is mostly empty) ingest derives one from the review's
#: content, so the same export uploaded twice stores each review once.
_LISTINGS: dict[str, dict[str, str]] = {
    "datafiniti_product_reviews": {
        "sku": "id", "date": "reviews.date", "rating": "reviews.rating", "title": "reviews.title",
        "text": "reviews.text", "author": "reviews.username", "verified": "reviews.didPurchase",
        "product": "name", "brand": "brand", "category": "primaryCategories", "categories": "categories",
        "asin": "asins"},
    "amazon_customer_reviews": {
        "review_id": "review_id", "sku": "product_id", "date": "review_date", "rating": "star_rating",
        "title": "review_headline", "text": "review_body", "author": "customer_id", "verified": "verified_purchase",
        "channel": "marketplace", "product": "product_title", "category": "product_category", "asin": "product_id"},
}
_REVIEW_FIELDS = ("review_id", "sku", "date", "rating", "title", "text", "author", "verified", "channel")
_LISTED_PRODUCTS_HEADER = ("sku", "title", "brand", "category", "asin")
_ASIN = re.compile(r"^[A-Z0-9]{10}$")


@dataclass
class PartOutcome:
    """What one file of the set did: rows joined or remembered, held, rejected, acknowledged."""

    rows_read: int = 0
    accepted: int = 0  # rows written into a derived file, or remembered (orders, category names)
    rejected: int = 0
    held: int = 0  # rows waiting for the file that completes them
    skipped: int = 0  # rows of a file that carries nothing ecomintel stores
    derived: list[str] = field(default_factory=list)  # ingestion ids of the files written for this one
    note: str = ""


def recognise(header: list[str]) -> DatasetPart | None:
    """The dataset part a file is, from its header row; ``None`` for any other file.

    A sales file without dates is acknowledged as one (``kinds.undated_sales_part``).
    """
    return dataset_part([h.strip() for h in header]) or undated_sales_part(header)


def category_label(name: str) -> str:
    """A published category name as words (``bed_bath_table`` -> ``bed bath table``), as a merchant says it."""
    return name.replace("_", " ").strip()


def title_for(sku: str) -> str:
    """A product's title where the dataset publishes none: the start of its id.

    Not its category: a title holding "bed bath table" would make "how much did bed bath table make?" read as
    every product of the category by name instead of the category (the question reader takes a phrase of three
    or more words found in titles as products).
    """
    return f"product {sku[:8].lower()}"


class _DerivedFile:
    """Rows of one derived CSV, spooled to disk past 8 MiB, written to the raw bucket at the end."""

    def __init__(self, header: tuple[str, ...]) -> None:
        self.header = header
        self.rows = 0
        self._spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 (closed in write)
        self._add([list(header)])

    def _add(self, rows: list[list[Any]]) -> None:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        self._spool.write(out.getvalue().encode("utf-8"))

    def add(self, frame: pd.DataFrame) -> None:
        """Append rows (columns named as the header)."""
        if frame.empty:
            return
        self._add(frame[list(self.header)].astype(object).where(frame[list(self.header)].notna(), "")
                  .values.tolist())
        self.rows += len(frame)

    def write(self, deps: Deps, ingestion: Ingestion, kind: DataKind, dataset: str, suffix: str = "") -> str | None:
        """Store the file as ``raw/{tenant}/{kind}/{dataset}/{ingestion}{suffix}.csv``; the ingestion id it gets."""
        try:
            if not self.rows:
                return None
            self._spool.seek(0)
            name = f"raw/{ingestion.tenant_id}/{kind.value}/{dataset}/{ingestion.ingestion_id}{suffix}.csv"
            original = ingestion.original_filename or ingestion.object.rsplit("/", 1)[-1]
            info = deps.blobs.write(ingestion.bucket, name, self._spool, content_type="text/csv",
                                    metadata={"tenant_id": ingestion.tenant_id, "source": f"{dataset}-join",
                                              "original_filename": f"{original} (joined)"[:200]})
            return ingestion_id_for(ingestion.bucket, name, info.generation)
        finally:
            self._spool.close()


def _cells(chunk: Chunk, index: dict[str, int], names: tuple[str, ...]) -> pd.DataFrame:
    """The chunk's cells of ``names`` as stripped Python strings ('' for empty or absent columns)."""
    data: dict[str, Any] = {}
    for name in names:
        position = index.get(normalise_header(name))
        if position is not None:
            column = chunk.frame[f"c{position}"]
            data[name] = column.astype(object).where(column.notna(), "").astype(str).str.strip()
        else:
            data[name] = pd.Series("", index=chunk.frame.index, dtype=object)
    return pd.DataFrame(data, index=chunk.frame.index)


class PartJoin:
    """One attempt at one file of the set: reads it, remembers, derives, holds, rejects and counts."""

    def __init__(self, deps: Deps, ingestion: Ingestion, part: DatasetPart, dialect: Dialect) -> None:
        self.deps = deps
        self.wh = deps.warehouse
        self.ingestion = ingestion
        self.tenant = ingestion.tenant_id
        self.part = part
        self.dialect = dialect
        self.out = PartOutcome(note=part.about)
        self.now = datetime.now(UTC)
        self._carry = pd.DataFrame()  # the last order's items of a chunk: its next items may follow
        self._customer_key: bytes | None = None
        self._merged = False
        self._rejects: list[dict[str, Any]] = []
        self._date_order: DateOrder | None = None  # a split file's day/month order, once a chunk shows it

    # -- reading -------------------------------------------------------------------------------------------
    def _chunks(self) -> Iterator[tuple[Chunk, pd.DataFrame]]:
        blobs, ing = self.deps.blobs, self.ingestion
        with blobs.open(ing.bucket, ing.object) as raw:
            text = io.TextIOWrapper(open_plain(raw), encoding=self.dialect.encoding, errors="replace", newline="")
            reader = DelimitedReader(text, self.dialect.delimiter, self.deps.settings.ingest_chunk_rows)
            self.headers = reader.headers
            index = {normalise_header(h): i for i, h in enumerate(reader.headers)}
            self._merged = normalise_header("order_purchase_timestamp") in index  # items carrying their orders
            self.ingestion.column_mapping = {h: None for h in reader.headers}
            customer = {i for i, h in enumerate(reader.headers) if "customer" in normalise_header(h)}
            self._redact = personal_columns(ColumnMapping(self.part.kind, tuple(reader.headers),
                                                          dict.fromkeys(customer, "customer_id")))
            for chunk in reader.chunks():
                self.out.rows_read += chunk.rows_read
                for bad in chunk.bad_rows:
                    self._reject_line(bad.row_number, bad.raw, bad.reason)
                yield chunk, _cells(chunk, index, self._columns())

    def _columns(self) -> tuple[str, ...]:
        """The published columns this part is read by."""
        listing = _LISTINGS.get(self.part.name)
        if self.part.role is PartRole.SPLIT_ROWS:
            return split_rows.SPLITS[self.part.name].columns
        return tuple(dict.fromkeys(listing.values())) if listing else _COLUMNS[self.part.role]

    def _reject_line(self, row_number: int, raw: str, reason: str) -> None:
        self._rejects.append({"row_number": row_number, "column": None, "reason": clip(reason, MAX_REASON_CHARS),
                              "raw": clip(redact_line(raw, self.dialect.delimiter, self._redact, len(self.headers)),
                                          MAX_RAW_CHARS)})

    def _reject(self, chunk: Chunk, cells: pd.DataFrame, bad: pd.Series, column: str, reason: pd.Series | str) -> None:
        """Reject the rows of ``bad`` with ``reason`` about ``column`` (the published header)."""
        for pos in (i for i, flag in enumerate(bad.to_numpy()) if flag):
            why = reason if isinstance(reason, str) else str(reason.iloc[pos])
            self._rejects.append({
                "row_number": int(chunk.row_numbers[pos]), "column": column,
                "reason": clip(f"{column}: {why}", MAX_REASON_CHARS),
                "raw": clip(redact_row(chunk, pos, self.dialect.delimiter, self._redact), MAX_RAW_CHARS)})

    def _missing(self, chunk: Chunk, cells: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
        """Rows missing one of ``columns`` (rejected); the mask of rows still good."""
        good = pd.Series(True, index=cells.index)
        for column in columns:
            empty = good & (cells[column] == "")
            self._reject(chunk, cells, empty, column, "missing (the file's rows are joined by it)")
            good &= ~empty
        return good

    # -- the run -------------------------------------------------------------------------------------------
    def run(self) -> PartOutcome:
        """Read the file, write what it completes, hold what waits, and release what it completes."""
        role = self.part.role
        if role is PartRole.WIDE_SALES:
            return self._wide()
        prices = m5.PriceRuns()
        sales, reviews, products = (_DerivedFile(_SALES_HEADER), _DerivedFile(_REVIEWS_HEADER),
                                    _DerivedFile(_PRODUCTS_HEADER))
        categories = self._categories() if role is PartRole.PRODUCTS else {}
        if role is PartRole.PRODUCT_REVIEWS:
            listing = _LISTINGS[self.part.name]
            reviews = _DerivedFile(tuple(f for f in _REVIEW_FIELDS if f in listing))
            products = _DerivedFile(_LISTED_PRODUCTS_HEADER)
        elif role is PartRole.UNDATED_REVIEWS:
            reviews = _DerivedFile(_UNDATED_REVIEWS_HEADER)
        stock, offers = _DerivedFile(split_rows.STOCK_HEADER), _DerivedFile(split_rows.COMPETITOR_HEADER)
        if role is PartRole.SPLIT_ROWS:
            sales = _DerivedFile(split_rows.sales_header(split_rows.SPLITS[self.part.name].period))
        for chunk, cells in self._chunks():
            if role is PartRole.ORDERS:
                self._orders(chunk, cells)
            elif role is PartRole.ITEMS:
                self._items(chunk, cells, sales)
            elif role is PartRole.REVIEWS:
                self._reviews(chunk, cells, reviews)
            elif role is PartRole.PRODUCTS:
                self._products(chunk, cells, categories, products)
            elif role is PartRole.CATEGORY_NAMES:
                self._category_names(chunk, cells)
            elif role is PartRole.PRODUCT_REVIEWS:
                self._listed_reviews(chunk, cells, reviews, products)
            elif role is PartRole.UNDATED_REVIEWS:
                self._undated_reviews(chunk, cells, reviews, products)
            elif role is PartRole.CUSTOMERS:
                self._customers(chunk, cells)
            elif role is PartRole.CALENDAR:
                self._calendar(chunk, cells)
            elif role is PartRole.PRICES:
                self._prices(chunk, cells, prices)
            elif role is PartRole.SPLIT_ROWS:
                self._split(chunk, cells, sales, stock, offers)
            else:
                self.out.skipped += len(chunk.frame)
        if role is PartRole.ITEMS and not self._carry.empty:
            sales.add(_sales_lines(self._carry))
        if role is PartRole.CATEGORY_NAMES:
            self._retitle(products)
        if role in (PartRole.CUSTOMERS, PartRole.ORDERS):
            self._attribute(sales)
        if role is PartRole.PRICES:
            joins.save_refs(self.wh, self.tenant, m5.PRICE, self._lineage(prices.refs()))
            self._value_wide()
        if role is PartRole.CALENDAR:
            self._release_wide()
        self._store_rejects()
        for derived, kind in ((sales, DataKind.SALES), (reviews, DataKind.REVIEWS), (products, DataKind.PRODUCTS),
                              (stock, DataKind.INVENTORY), (offers, DataKind.COMPETITOR_PRICES)):
            made = derived.write(self.deps, self.ingestion, kind, self.part.dataset)
            if made:
                self.out.derived.append(made)
        self._release()
        log_event(_log, "dataset part joined", part=self.part.name, rows_read=self.out.rows_read,
                  accepted=self.out.accepted, held=self.out.held, rejected=self.out.rejected,
                  skipped=self.out.skipped, derived=self.out.derived)
        return self.out

    def _store_rejects(self) -> None:
        if not self._rejects:
            return
        self.out.rejected += len(self._rejects)
        frame = pd.DataFrame(self._rejects)
        ing = self.ingestion
        frame = frame.assign(tenant_id=ing.tenant_id, ingestion_id=ing.ingestion_id, kind=self.part.kind.value,
                             source_uri=ing.source_uri, file_checksum=ing.file_checksum or "",
                             rejected_at=pd.Timestamp(self.now))
        store_rejects(self.wh, frame)

    def _lineage(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(ingestion_id=self.ingestion.ingestion_id, loaded_at=pd.Timestamp(self.now))

    # -- orders --------------------------------------------------------------------------------------------
    def _orders(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        good = self._missing(chunk, cells, ("order_id",))
        dates = parse_date(cells["order_purchase_timestamp"], order="mdy")
        bad_date = good & (dates.bad | dates.values.isna())
        self._reject(chunk, cells, bad_date, "order_purchase_timestamp",
                     dates.errors.fillna("missing (an order's items take its date)"))
        good &= ~bad_date
        rows = pd.DataFrame({"ref_id": cells["order_id"][good],
                             "ref_value": dates.values[good].dt.strftime("%Y-%m-%d"),
                             "ref_detail": cells["order_status"][good].str.lower()})
        joins.save_refs(self.wh, self.tenant, ORDER, self._lineage(rows))
        known = good & (cells["customer_id"] != "")
        joins.save_refs(self.wh, self.tenant, ORDER_CUSTOMER, self._lineage(pd.DataFrame(
            {"ref_id": cells["order_id"][known], "ref_value": self._hashed(cells["customer_id"][known])})))
        self.out.accepted += int(good.sum())

    # -- customers: the person behind each order's customer id -----------------------------------------------
    def _hashed(self, values: pd.Series) -> pd.Series:
        """Customer ids as the tenant's keyed hashes (the clear ids are never stored)."""
        if self._customer_key is None:
            self._customer_key = tenant_customer_key(self.deps.documents, self.tenant)
        key = self._customer_key
        return values.map(lambda v: customer_hash(str(v), key))

    def _customers(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        good = self._missing(chunk, cells, ("customer_id", "customer_unique_id"))
        joins.save_refs(self.wh, self.tenant, CUSTOMER, self._lineage(pd.DataFrame(
            {"ref_id": self._hashed(cells["customer_id"][good]),
             "ref_value": self._hashed(cells["customer_unique_id"][good])})))
        placed = good & (cells["customer_state"] != "")
        joins.save_refs(self.wh, self.tenant, CUSTOMER_STATE, self._lineage(pd.DataFrame(
            {"ref_id": self._hashed(cells["customer_id"][placed]), "ref_value": cells["customer_state"][placed]})))
        self.out.accepted += int(good.sum())

    def _people(self, order_ids: pd.Series, link: str = CUSTOMER) -> pd.Series:
        """The person (hashed ``customer_unique_id``) behind each order, '' where not known yet.

        With ``link=CUSTOMER_STATE``: the state the order's customer is in.
        """
        orders = joins.refs(self.wh, self.tenant, ORDER_CUSTOMER, order_ids.unique().tolist())
        customers = orders.drop_duplicates("ref_id").set_index("ref_id")["ref_value"]
        people = joins.refs(self.wh, self.tenant, link, customers.unique().tolist())
        person = people.drop_duplicates("ref_id").set_index("ref_id")["ref_value"]
        return order_ids.map(customers).map(person).fillna("")

    def _attribute(self, sales: _DerivedFile) -> None:
        """Sales lines stored before their customers were known, stated again with the person who bought."""
        orders = joins.refs(self.wh, self.tenant, ORDER_CUSTOMER)
        lines = joins.sales_without_customer(self.wh, self.tenant, OLIST_CHANNEL, orders["ref_id"].tolist())
        if lines.empty:
            return
        lines = lines.assign(customer_id=self._people(lines["order_id"].astype(str)),
                             state=self._people(lines["order_id"].astype(str), CUSTOMER_STATE),
                             date=lines["date"].astype(str).str[:10], status="")
        sales.add(lines[lines["customer_id"] != ""])

    # -- items ---------------------------------------------------------------------------------------------
    def _items(self, chunk: Chunk, cells: pd.DataFrame, sales: _DerivedFile) -> None:
        good = self._missing(chunk, cells, ("order_id", "product_id"))
        price = parse_number(cells["price"], decimal_comma=False)
        bad_price = good & (price.bad | price.values.isna())
        self._reject(chunk, cells, bad_price, "price", price.errors.fillna("missing"))
        good &= ~bad_price
        items = cells[good].assign(price=price.values[good], source_row=chunk.row_numbers[good.to_numpy()])
        if self._merged:  # the rows carry their orders' date and status: they are their own orders file
            dates = parse_date(items["order_purchase_timestamp"], order="mdy").values
            dated = items[dates.notna()].assign(ref_value=dates[dates.notna()].dt.strftime("%Y-%m-%d"))
            joins.save_refs(self.wh, self.tenant, ORDER, self._lineage(pd.DataFrame(
                {"ref_id": dated["order_id"], "ref_value": dated["ref_value"],
                 "ref_detail": dated["order_status"].str.lower()})))
        joins.save_refs(self.wh, self.tenant, ORDER_PRODUCT, self._lineage(pd.DataFrame(
            {"ref_id": items["order_id"], "ref_value": items["product_id"]})), many=True)
        orders = joins.refs(self.wh, self.tenant, ORDER, items["order_id"].unique().tolist())
        known = orders.set_index("ref_id")
        matched = items["order_id"].isin(known.index)
        joined = items[matched].assign(date=items["order_id"][matched].map(known["ref_value"]),
                                       status=items["order_id"][matched].map(known["ref_detail"]),
                                       customer=self._people(items["order_id"][matched]),
                                       state=self._people(items["order_id"][matched], CUSTOMER_STATE))
        joined = pd.concat([self._carry, joined]) if not self._carry.empty else joined
        last = joined["order_id"].iloc[-1] if len(joined) else None
        self._carry = joined[joined["order_id"] == last]
        sales.add(_sales_lines(joined[joined["order_id"] != last]))
        self.out.accepted += int(matched.sum())
        self._hold("items", items[~matched], items["order_id"] + "/" + items["order_item_id"])

    def _hold(self, part: str, rows: pd.DataFrame, keys: pd.Series) -> None:
        if rows.empty:
            return
        cells = [json.dumps({c: str(v) for c, v in r.items() if c in _COLUMNS[PartRole.ITEMS]
                             + _COLUMNS[PartRole.REVIEWS]}, ensure_ascii=False)
                 for r in rows.to_dict("records")]
        held = pd.DataFrame({"tenant_id": self.tenant, "part": part, "order_id": rows["order_id"],
                             "row_key": keys[rows.index], "cells": cells,
                             "ingestion_id": self.ingestion.ingestion_id, "source_row": rows["source_row"],
                             "held_at": pd.Timestamp(self.now)})
        joins.hold(self.wh, held)
        self.out.held += len(held)

    # -- reviews -------------------------------------------------------------------------------------------
    def _reviews(self, chunk: Chunk, cells: pd.DataFrame, reviews: _DerivedFile) -> None:
        good = self._missing(chunk, cells, ("review_id", "order_id"))
        rows = cells[good].assign(source_row=chunk.row_numbers[good.to_numpy()])
        products = joins.refs(self.wh, self.tenant, ORDER_PRODUCT, rows["order_id"].unique().tolist())
        matched = rows["order_id"].isin(set(products["ref_id"]))
        joined = rows[matched].merge(products[["ref_id", "ref_value"]], left_on="order_id", right_on="ref_id")
        reviews.add(_review_rows(joined))
        self.out.accepted += int(matched.sum())
        self._hold("reviews", rows[~matched], rows["review_id"] + "/" + rows["order_id"])

    # -- products and their categories ---------------------------------------------------------------------
    def _categories(self) -> dict[str, str]:
        names = joins.refs(self.wh, self.tenant, CATEGORY)
        return dict(zip(names["ref_id"], names["ref_value"], strict=True))

    def _products(self, chunk: Chunk, cells: pd.DataFrame, categories: dict[str, str],
                  products: _DerivedFile) -> None:
        good = self._missing(chunk, cells, ("product_id",))
        rows = cells[good]
        category = rows["product_category_name"].map(lambda c: category_label(str(categories.get(c, c))))
        products.add(pd.DataFrame({"sku": rows["product_id"], "category": category,
                                   "title": rows["product_id"].map(title_for)}))
        self.out.accepted += len(rows)

    def _listed_reviews(self, chunk: Chunk, cells: pd.DataFrame, reviews: _DerivedFile,
                        products: _DerivedFile) -> None:
        """Reviews that name their product on each row: the reviews, and the products they name."""
        listing = _LISTINGS[self.part.name]
        good = self._missing(chunk, cells, (listing["sku"],))
        rows = cells[good]
        reviews.add(pd.DataFrame({f: rows[listing[f]] for f in reviews.header}))
        named = rows[rows[listing["product"]] != ""].drop_duplicates(listing["sku"])
        first_category = named[listing["category"]]
        if "categories" in listing:
            first_category = first_category.where(first_category != "", named[listing["categories"]])
        asin = named[listing["asin"]]
        products.add(pd.DataFrame({
            "sku": named[listing["sku"]], "title": named[listing["product"]],
            "brand": named[listing["brand"]] if "brand" in listing else "",
            "category": first_category.str.split(",").str[0].str.strip(),
            "asin": asin.where(asin.str.match(_ASIN), "")}))
        self.out.accepted += len(rows)

    def _undated_reviews(self, chunk: Chunk, cells: pd.DataFrame, reviews: _DerivedFile,
                         products: _DerivedFile) -> None:
        """Reviews without dates (stored undated, no date column) and the garments they name (the catalogue).

        Each review's id is the dataset's row index (the unnamed first column); a copy of the file without it
        gets ids from the review's content, as any review export without ids does.
        """
        good = self._missing(chunk, cells, ("Clothing ID",))
        rows = cells[good]
        published = rows[""].where(rows[""] != "", rows["Unnamed: 0"])
        content = derived_review_ids(pd.DataFrame({"sku": rows["Clothing ID"], "title": rows["Title"],
                                                   "text": rows["Review Text"], "rating": rows["Rating"]}))
        reviews.add(pd.DataFrame({
            "review_id": (UNDATED_ID_PREFIX + published).where(published != "", content),
            "sku": rows["Clothing ID"], "rating": rows["Rating"], "title": rows["Title"],
            "text": rows["Review Text"]}))
        self.out.accepted += len(rows)
        named = rows.drop_duplicates("Clothing ID")
        kind = named["Class Name"].where(named["Class Name"] != "", named["Department Name"])
        products.add(pd.DataFrame({
            "sku": named["Clothing ID"], "category": named["Department Name"],
            "title": [f"{k} {sku}".strip() for k, sku in zip(kind, named["Clothing ID"], strict=True)]}))

    def _category_names(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        good = self._missing(chunk, cells, ("product_category_name", "product_category_name_english"))
        rows = pd.DataFrame({"ref_id": cells["product_category_name"][good],
                             "ref_value": cells["product_category_name_english"][good]})
        joins.save_refs(self.wh, self.tenant, CATEGORY, self._lineage(rows))
        self.out.accepted += int(good.sum())

    def _retitle(self, products: _DerivedFile) -> None:
        """Products stored from Olist before the translation arrived: their category in English."""
        names = {category_label(pt): category_label(en) for pt, en in self._categories().items()}
        stored = joins.products_in(self.wh, self.tenant, list(names))
        if stored.empty:
            return
        ours = stored[[str(t).lower() == title_for(str(s))  # a product titled by the merchant is left alone
                       for s, t in zip(stored["sku"], stored["title"], strict=True)]]
        products.add(pd.DataFrame({"sku": ours["sku"], "category": ours["category"].map(names),
                                   "title": ours["sku"].astype(str).map(title_for)}))

    # -- one row, several kinds (``shared.ingest.split_rows``) ------------------------------------------------
    def _split(self, chunk: Chunk, cells: pd.DataFrame, sales: _DerivedFile, stock: _DerivedFile,
               offers: _DerivedFile) -> None:
        """A chunk's rows as sales lines, stock counts and competitor prices; a row without a date is rejected."""
        spec = split_rows.SPLITS[self.part.name]
        if self._date_order is None:  # the file's day/month order, from the first chunk that shows it
            self._date_order = decide_date_order(cells[spec.date])
        out = split_rows.split_rows(cells, spec, self._date_order)
        self._reject(chunk, cells, out.bad_date, spec.date, "not a date, or no product (nothing is read from the row)")
        sales.add(out.sales)
        stock.add(out.stock)
        offers.add(out.competitors)
        self.out.accepted += len(out.sales)

    # -- M5: a wide sales file, its calendar and its prices (``shared.ingest.m5``) ----------------------------
    def _calendar(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        good = self._missing(chunk, cells, ("d", "date"))
        refs = m5.calendar_refs(cells[good])
        self._reject(chunk, cells, good & ~cells.index.isin(refs.index), "date", "not a date (YYYY-MM-DD)")
        joins.save_refs(self.wh, self.tenant, m5.DAY, self._lineage(refs))
        self.out.accepted += len(refs)

    def _prices(self, chunk: Chunk, cells: pd.DataFrame, prices: m5.PriceRuns) -> None:
        good = prices.add(cells)
        self._reject(chunk, cells, ~good, "sell_price", "a price needs its store, item, week and a price of 0 or more")
        self.out.accepted += int(good.sum())

    def _wide(self) -> PartOutcome:
        """A wide sales file: melted into sales lines when the calendar is known, else held whole."""
        ing, dialect = self.ingestion, self.dialect
        days = m5.known_days(self.deps, self.tenant)
        header, _ = m5.wide_shape(self.deps, ing.bucket, ing.object, dialect.encoding, dialect.delimiter)
        self.headers = header
        self.ingestion.column_mapping = {h: None for h in header[:6]}
        first_day = next((h for h in header if h.startswith("d_")), "d_1")
        if first_day not in days:
            _, rows = m5.wide_shape(self.deps, ing.bucket, ing.object, dialect.encoding, dialect.delimiter, count=True)
            held = m5.held_file(ing.ingestion_id, ing.bucket, ing.object, dialect.encoding, dialect.delimiter, rows)
            joins.hold(self.wh, pd.DataFrame({
                "tenant_id": [self.tenant], "part": [m5.WIDE], "order_id": [first_day], "row_key": [ing.object],
                "cells": [json.dumps(held)], "ingestion_id": [ing.ingestion_id], "source_row": [0],
                "held_at": [pd.Timestamp(self.now)]}))
            self.out.rows_read, self.out.held = rows, rows
            self.out.note = f"{self.part.about}; held until calendar.csv is uploaded (it dates the day columns)"
            return self.out
        sales = _DerivedFile(m5.SALES_HEADER)
        done = m5.melt(self.deps, self.tenant, ing.bucket, ing.object, dialect.encoding, dialect.delimiter, days,
                       sales.add)
        self._wide_outcome(done)
        made = sales.write(self.deps, ing, DataKind.SALES, self.part.dataset)
        if made:
            self.out.derived.append(made)
        self._unpriced(done, m5.held_file(ing.ingestion_id, ing.bucket, ing.object, dialect.encoding,
                                          dialect.delimiter, done.rows))
        self._store_rejects()
        return self.out

    def _unpriced(self, done: m5.WideOutcome, info: dict[str, str]) -> None:
        """Remember a wide file whose lines went in without prices: read again when the prices arrive."""
        if done.unpriced:
            joins.save_refs(self.wh, self.tenant, m5.UNPRICED, self._lineage(pd.DataFrame(
                {"ref_id": [info["object"]], "ref_value": [json.dumps(info)]})))

    def _value_wide(self) -> None:
        """Wide files stored without prices, read again now that prices are known.

        Their lines, valued, replace the unvalued ones (the same store, item and day are the same record).
        """
        waiting = joins.refs(self.wh, self.tenant, m5.UNPRICED)
        waiting = waiting[waiting["ref_value"] != m5.DONE]
        days = m5.known_days(self.deps, self.tenant) if not waiting.empty else {}
        for n, (name, cells) in enumerate(zip(waiting["ref_id"], waiting["ref_value"], strict=True)):
            info = m5.parse_held(str(cells))
            sales = _DerivedFile(m5.SALES_HEADER)
            done = m5.melt(self.deps, self.tenant, info["bucket"], info["object"], info["encoding"],
                           info["delimiter"], days, sales.add)
            made = sales.write(self.deps, self.ingestion, DataKind.SALES, self.part.dataset, f"-priced-{n}")
            if made:
                self.out.derived.append(made)
            joins.save_refs(self.wh, self.tenant, m5.UNPRICED, self._lineage(pd.DataFrame(
                {"ref_id": [name], "ref_value": [json.dumps(info) if done.unpriced == done.lines else m5.DONE]})))

    def _wide_outcome(self, done: m5.WideOutcome) -> None:
        for row, column, reason in done.bad:
            self._rejects.append({"row_number": row, "column": column or None,
                                  "reason": clip(reason, MAX_REASON_CHARS), "raw": ""})
        self.out.rows_read += done.rows
        self.out.accepted += done.rows - len(done.bad)
        unpriced = f"; {done.unpriced:,} lines without a price (no sell price known for their week yet: they are " \
                   f"valued when sell_prices.csv is uploaded)" if done.unpriced else ""
        undated = f"; {done.undated:,} days with units sold that calendar.csv does not name were not written (no " \
                  f"date to put them on)" if done.undated else ""
        self.out.note = (f"{self.part.about}; {done.lines:,} days with units sold written as sales lines, "
                         f"{done.zero_days:,} days without sales not stored{unpriced}{undated}")

    def _release_wide(self) -> None:
        """Wide files held for want of the calendar, read now that it is known."""
        held = m5.held_files(self.deps, self.tenant)
        if held.empty:
            return
        days = m5.known_days(self.deps, self.tenant)
        for n, row in enumerate(held.drop_duplicates("row_key").itertuples(index=False)):
            info = m5.parse_held(str(row.cells))
            sales = _DerivedFile(m5.SALES_HEADER)
            done = m5.melt(self.deps, self.tenant, info["bucket"], info["object"], info["encoding"],
                           info["delimiter"], days, sales.add)
            made = sales.write(self.deps, self.ingestion, DataKind.SALES, self.part.dataset, f"-released-{n}")
            if made:
                self.out.derived.append(made)
                log_event(_log, "held wide file released", object=info["object"], lines=done.lines)
            self._unpriced(done, info)
            joins.release(self.wh, self.tenant, m5.WIDE, [str(row.row_key)])

    # -- releasing held rows -------------------------------------------------------------------------------
    def _release(self) -> None:
        """Write the held rows the references now complete, then forget them (never the other way round)."""
        items = joins.ready(self.wh, self.tenant, "items", ORDER)
        if not items.empty:
            items = items.sort_values("held_at").drop_duplicates("row_key", keep="last")
            cells = pd.DataFrame([json.loads(c) for c in items["cells"]], index=items.index)
            lines = cells.assign(price=pd.to_numeric(cells["price"]), date=items["ref_value"],
                                 status=items["ref_detail"], customer=self._people(cells["order_id"]),
                                 state=self._people(cells["order_id"], CUSTOMER_STATE))
            self._write_released(_sales_lines(lines), _SALES_HEADER, DataKind.SALES)
            joins.release(self.wh, self.tenant, "items", items["row_key"].tolist())
        reviews = joins.ready(self.wh, self.tenant, "reviews", ORDER_PRODUCT)
        if not reviews.empty:
            reviews = reviews.sort_values("held_at").drop_duplicates(["row_key", "ref_value"], keep="last")
            cells = pd.DataFrame([json.loads(c) for c in reviews["cells"]], index=reviews.index)
            self._write_released(_review_rows(cells.assign(ref_value=reviews["ref_value"])), _REVIEWS_HEADER,
                                 DataKind.REVIEWS)
            joins.release(self.wh, self.tenant, "reviews", reviews["row_key"].unique().tolist())

    def _write_released(self, rows: pd.DataFrame, header: tuple[str, ...], kind: DataKind) -> None:
        derived = _DerivedFile(header)
        derived.add(rows)
        made = derived.write(self.deps, self.ingestion, kind, self.part.dataset, "-released")
        if made:
            self.out.derived.append(made)
            log_event(_log, "held rows released", kind=kind.value, rows=len(rows))


def _sales_lines(items: pd.DataFrame) -> pd.DataFrame:
    """One sales line per order and product from item rows (one per unit) that carry their order's date."""
    if items.empty:
        return pd.DataFrame(columns=list(_SALES_HEADER))
    if "order_item_id" in items:  # an item is one row: a file that repeats it (joined to payments) counts it once
        items = items.drop_duplicates(["order_id", "order_item_id"])
    lines = (items.groupby(["order_id", "product_id"], sort=False)
             .agg(units=("price", "size"), revenue=("price", "sum"), date=("date", "first"),
                  status=("status", "first"), customer_id=("customer", "first"), state=("state", "first"))
             .reset_index())
    return lines.assign(sku=lines["product_id"], revenue=lines["revenue"].map(lambda v: f"{v:.2f}"),
                        unit_price=(lines["revenue"] / lines["units"]).map(lambda v: f"{v:.2f}"),
                        currency=OLIST_CURRENCY, channel=OLIST_CHANNEL)


def _review_rows(joined: pd.DataFrame) -> pd.DataFrame:
    """One review per product of the review's order (``ref_value`` = the product)."""
    if joined.empty:
        return pd.DataFrame(columns=list(_REVIEWS_HEADER))
    return pd.DataFrame({
        "review_id": joined["review_id"] + COPY_SEPARATOR + joined["ref_value"], "sku": joined["ref_value"],
        "date": joined["review_creation_date"], "rating": joined["review_score"],
        "title": joined["review_comment_title"], "text": joined["review_comment_message"],
        "channel": OLIST_CHANNEL})
