"""Joining a relational export's tables by their ids, whichever file arrives first (``shared.ingest.order_parts``).

Each file is read in chunks for what it tells the others, and what can be completed is written as an ordinary file
of records next to the upload (``raw/{tenant}/{kind}/order_join/{ingestion}.csv``), ingested like any upload (the
same validation, rejects, duplicate checks and lineage):

- **order headers**: each order's date is remembered (read in the file's own day/month order), with its status, its
  store (by name when the store names are known, else ``store {id}``: the sales channel), its customer (the tenant's
  keyed hash, never the clear id) and where it went (country, region, state); lines held for these orders are
  released. A status given as a code is read by the export's documented codes where the shape is known
  (``CODED_STATUSES``).
- **order lines**: each line whose order is known becomes a sales line with the order's date and the rest (its own
  cells win); a line whose order is not known yet is held (``held_rows``) until the orders file arrives. A line's
  ``list_price`` is its unit price when it has no other price.
- **names** (``brand_id, brand_name``): remembered; the brand, category and store ids of files read later are
  given by name.
- **products by id**: the catalogue with each ``{brand,category}_id`` given by its name where known.
- **stock counts**: each product's quantity at its store (by name where known), as of the upload.

Memory stays bounded by the chunk size: each chunk asks for the references of its own ids only, derived files
spool to disk, and held lines are released in batches of orders.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable

import pandas as pd

from shared.deps import Deps
from shared.ingest.clock import stamped_text
from shared.ingest.discount import decide_rate, rate_header
from shared.ingest.headers import ColumnMapping, map_columns, normalise_header
from shared.ingest.ingestion import Ingestion
from shared.ingest.join import PartJoin, PartOutcome, _DerivedFile
from shared.ingest.order_parts import (
    LOCATION_COLUMNS,
    NOT_LOOKUPS,
    PRODUCT_LOOKUPS,
    id_things,
    lookup_thing,
    name_things,
)
from shared.ingest.parse import DateOrder, decide_date_order, parse_date, parse_number
from shared.ingest.parts import DatasetPart, PartRole
from shared.ingest.places import place_columns, place_link, places_detail, restate_places
from shared.ingest.reader import Chunk
from shared.ingest.relabel import restate_labels
from shared.ingest.sniff import Dialect
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.store import joins

_log = get_logger(__name__)

#: References between the files: an order's date (``ref_value``) and the rest of its header (``ref_detail``, JSON).
ORDER_HEADER = "order_header"
#: Held order lines (``held_rows.part``).
HELD_LINES = "order_lines"
#: The order fields a line takes from its order's header (record or source fields of a sales line).
#: ``time_of_day``: the order's clock time, from its own time column or its date's timestamp (``shared.ingest.clock``).
HEADER_FIELDS = ("status", "channel", "customer_id", "country", "region", "state", "time_of_day")
#: Fields of a line that add up when an order names one product on several lines (``merge_lines``).
SUMMED_FIELDS = ("units", "revenue", "discount_amount", "line_net", "line_cost", "line_profit", "returned_units",
                 "refund")
#: Sales fields a line may carry (its own cells), in the derived file's order.
LINE_FIELDS = ("order_id", "sku", "units", "unit_price", "revenue", "discount", "line_net", "line_cost", "line_profit",
               "returned_units", "refund", "currency", "product_title", "product_category", "product_brand", "promo")
#: Orders whose held lines are released per batch (each batch one read of ``held_rows``).
RELEASE_BATCH = 50_000
#: Status codes of known relational exports: the columns that mark the shape, and code -> status. Microsoft's
#: BikeStores sample database documents ``order_status`` as 1 Pending, 2 Processing, 3 Rejected, 4 Completed.
CODED_STATUSES: tuple[tuple[frozenset[str], dict[str, str]], ...] = (
    (frozenset({"orderstatus", "requireddate", "shippeddate", "staffid"}),
     {"1": "pending", "2": "processing", "3": "rejected", "4": "completed"}),
)


#: The roles of a relational export's tables, joined here; every other multi-file dataset's part by ``PartJoin``.
RELATIONAL_ROLES = frozenset({PartRole.ORDER_HEADERS, PartRole.ORDER_LINES, PartRole.NAMES, PartRole.PRODUCTS_BY_ID,
                              PartRole.STOCK_COUNTS, PartRole.PLACES})


def ingest_part(deps: Deps, ingestion: Ingestion, part: DatasetPart, dialect: Dialect) -> PartOutcome:
    """Join one file of a multi-file dataset (``shared.ingest.join``); a retry first drops what it held."""
    ingestion.encoding, ingestion.delimiter = dialect.encoding, dialect.delimiter
    joins.clear_held(deps.warehouse, ingestion.tenant_id, ingestion.ingestion_id)
    join = RelationalJoin if part.role in RELATIONAL_ROLES else PartJoin
    return join(deps, ingestion, part, dialect).run()


def name_link(thing: str) -> str:
    """The reference link of the names of ``thing`` ids (``name:brand``)."""
    return f"name:{thing}"


def channel_thing(channel_header: str) -> str | None:
    """The thing a sales file's channel column names by id (``shop_id`` -> ``shop``), else ``None``.

    Predict Future Sales' ``sales_train.csv`` gives each line's shop by ``shop_id`` and ``shops.csv`` names them: a
    lookup the relational join remembers (``name:shop``), so the channel is the shop's name, not its number.
    """
    thing = next(iter(id_things([channel_header])), None)
    return thing if thing is not None and thing not in NOT_LOOKUPS else None


def channel_named(raw: pd.DataFrame, thing: str, lookup: Callable[[str, list[str]], pd.DataFrame]) -> pd.DataFrame:
    """``raw`` with each channel id given by its name.

    Where the names were not uploaded yet the channel is labelled ``{thing} {id}`` (restated when the names arrive,
    ``shared.ingest.relabel``).
    """
    ids = raw["channel"].astype(object).where(raw["channel"].notna(), "").astype(str).str.strip()
    known = lookup(name_link(thing), sorted(set(ids) - {""}))
    names = known.drop_duplicates("ref_id").set_index("ref_id")["ref_value"] if not known.empty else pd.Series()
    # an id an earlier step already labelled (Complete Journey's ``store 367``) keeps its label: never ``store store``
    labelled = ids.str.lower().str.startswith(thing.lower() + " ")
    unnamed = ids.where(labelled, thing + " " + ids)
    return raw.assign(channel=ids.map(names).fillna(unnamed).astype(object).where(ids != "", None))


def coded_statuses(headers: list[str] | tuple[str, ...]) -> dict[str, str]:
    """The status codes of an orders file's shape (``CODED_STATUSES``); empty when its statuses are words."""
    present = {normalise_header(h) for h in headers}
    return next((codes for marks, codes in CODED_STATUSES if marks <= present), {})


def _sku_column(headers: list[str], fields: dict[int, str]) -> dict[int, str]:
    """The mapping with the product's id as the SKU where a line also has a line number named like an item id.

    BikeStores' ``order_items`` has ``item_id`` (the line's number in its order) before ``product_id``.
    """
    product = next((i for i, h in enumerate(headers) if normalise_header(h) in ("productid", "productkey")), None)
    current = next((i for i, f in fields.items() if f == "sku"), None)
    if product is None or current is None or current == product:
        return fields
    out = {i: f for i, f in fields.items() if i not in (current, product)}
    out[product] = "sku"
    return out


class RelationalJoin(PartJoin):
    """One attempt at one table of a relational export: reads it, remembers, derives, holds and releases."""

    def _columns(self) -> tuple[str, ...]:
        return tuple(self.headers)

    def run(self) -> PartOutcome:
        """Read the file in chunks and write, hold or remember each row by the file's role."""
        role = self.part.role
        names = list(self.part.signature)
        self._fields = _sku_column(names, map_columns(names, DataKind.SALES).fields)
        self._order: DateOrder | None = None
        self._codes = coded_statuses(names)
        self._rate: bool | None = None
        sales = _DerivedFile(self._line_header()) if role is PartRole.ORDER_LINES else None
        products = _DerivedFile((*names, *self._product_fills())) if role is PartRole.PRODUCTS_BY_ID else None
        stock = _DerivedFile(("sku", "location", "on_hand")) if role is PartRole.STOCK_COUNTS else None
        for chunk, cells in self._chunks():
            if role is PartRole.NAMES:
                self._names(chunk, cells)
            elif role is PartRole.PLACES:
                self._places(chunk, cells)
            elif role is PartRole.ORDER_HEADERS:
                self._headers(chunk, cells)
            elif role is PartRole.ORDER_LINES and sales is not None:
                self._lines(chunk, cells, sales)
            elif role is PartRole.PRODUCTS_BY_ID and products is not None:
                self._products_by_id(chunk, cells, products)
            elif role is PartRole.STOCK_COUNTS and stock is not None:
                self._stock(chunk, cells, stock)
            else:
                self.out.skipped += len(chunk.frame)
        if sales is not None and not self._carry.empty:
            sales.add(merge_lines(self._carry))
        self._store_rejects()
        for derived, kind in ((sales, DataKind.SALES), (products, DataKind.PRODUCTS), (stock, DataKind.INVENTORY)):
            if derived is not None and (made := derived.write(self.deps, self.ingestion, kind, self.part.dataset)):
                self.out.derived.append(made)
        if role is PartRole.ORDER_HEADERS:
            self._release_lines()
        log_event(_log, "relational table joined", part=self.part.name, rows_read=self.out.rows_read,
                  accepted=self.out.accepted, held=self.out.held, rejected=self.out.rejected,
                  skipped=self.out.skipped, derived=self.out.derived)
        return self.out

    # -- columns -------------------------------------------------------------------------------------------
    def _column(self, field: str) -> str | None:
        """The published column mapped to the sales ``field``, if any."""
        position = next((i for i, f in self._fields.items() if f == field), None)
        return None if position is None else self.part.signature[position]

    def _mapping(self) -> ColumnMapping:
        """The file's columns as a sales file's (the time of day is read from them as from any sales file)."""
        return ColumnMapping(kind=DataKind.SALES, headers=tuple(self.part.signature), fields=self._fields)

    def _line_header(self) -> tuple[str, ...]:
        """The derived sales file's header: the line's own fields as ``_line_cells`` writes them, then the order's."""
        empty = pd.DataFrame({h: pd.Series([], dtype=object) for h in self.part.signature})
        own = [c for c in self._line_cells(empty).columns if c != "date"]
        return (*own, "date", *(f for f in HEADER_FIELDS if f not in own))

    def _list_price(self) -> str | None:
        return next((h for h in self.part.signature if normalise_header(h) == "listprice"), None)

    def _location(self) -> tuple[str, str] | None:
        """The store (or warehouse) column and the thing it names (``store`` for ``store_id``)."""
        for header in self.part.signature:
            norm = normalise_header(header)
            if norm in LOCATION_COLUMNS:
                thing = next((t for t, i in id_things(self.part.signature).items()
                              if self.part.signature[i] == header), norm)
                return header, thing
        return None

    def _named(self, thing: str, ids: pd.Series, *, label: bool = True, parent: str = "") -> pd.Series:
        """Each id's name from the names uploaded (``name:{thing}``); else ``{thing} {id}`` (or the id itself).

        With ``parent``: the name of the ``parent`` the thing's row names, where known (a subcategory's category:
        ``ProductSubcategoryKey`` -> ``ProductCategoryKey`` -> ``CategoryName``), else the thing's own name.
        """
        known = joins.refs(self.wh, self.tenant, name_link(thing), ids[ids != ""].unique().tolist())
        known = known.drop_duplicates("ref_id").set_index("ref_id")
        names = known["ref_value"]
        if parent and not known.empty:
            above = known["ref_detail"].map(lambda d: str(json.loads(d).get(parent, "")) if d else "")
            named = self._named(parent, above, label=False)
            names = named.where((above != "") & (named != above), names)
        fallback = (thing + " " + ids) if label else ids
        return ids.map(names).fillna(fallback).where(ids != "", "")

    # -- names ---------------------------------------------------------------------------------------------
    def _names(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        thing = lookup_thing(self.part.signature)
        assert thing is not None  # recognised as a lookup by its columns
        id_col = self.part.signature[id_things(self.part.signature)[thing]]
        name_col = self.part.signature[name_things(self.part.signature)[thing]]
        good = self._missing(chunk, cells, (id_col, name_col))
        parents = {t: self.part.signature[i] for t, i in id_things(self.part.signature).items() if t != thing}
        detail = [json.dumps(r) if r else "" for r in cells.loc[good, list(parents.values())]
                  .set_axis(list(parents), axis=1).to_dict("records")]
        joins.save_refs(self.wh, self.tenant, name_link(thing), self._lineage(pd.DataFrame(
            {"ref_id": cells[id_col][good], "ref_value": cells[name_col][good], "ref_detail": detail})))
        self.out.accepted += int(good.sum())
        # rows stored before these names, labelled "store 1", take the name (re-keyed: never a second copy)
        # (a subcategory's products take its category's name where the categories are known, as names-first)
        ids = cells[id_col][good]
        named = self._named(thing, ids, label=False, parent="category" if thing == "subcategory" else "")
        moved = restate_labels(self.wh, self.tenant, thing, dict(zip(ids, named, strict=True)))
        if moved:
            log_event(_log, "labelled rows named", thing=thing, rows=moved)

    # -- places --------------------------------------------------------------------------------------------
    def _places(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        """Where each id is (its region, country, state), for the sales lines that name it by id."""
        ids = id_things(self.part.signature)
        thing = next(iter(ids))  # recognised by its one id column
        id_col, columns = self.part.signature[ids[thing]], place_columns(self.part.signature)
        good = self._missing(chunk, cells, (id_col,))
        rows = cells[good]
        joins.save_refs(self.wh, self.tenant, place_link(thing), self._lineage(pd.DataFrame(
            {"ref_id": rows[id_col], "ref_value": rows[next(iter(columns))] if columns else "",
             "ref_detail": places_detail(rows, columns)})))
        self.out.accepted += len(rows)
        # sales stored before these places, their region labelled "territory 10", are placed (keys unchanged)
        details = {str(i): json.loads(d) for i, d in zip(rows[id_col], places_detail(rows, columns), strict=True)}
        if moved := restate_places(self.wh, self.tenant, thing, details):
            log_event(_log, "labelled sales placed", thing=thing, rows=moved)

    # -- order headers -------------------------------------------------------------------------------------
    def _headers(self, chunk: Chunk, cells: pd.DataFrame) -> None:
        order_col, date_col = self._column("order_id"), self._column("date")
        assert order_col is not None and date_col is not None  # recognised by them
        good = self._missing(chunk, cells, (order_col,))
        if self._order is None:
            self._order = decide_date_order(cells[date_col])
        dates = parse_date(cells[date_col], order=self._order or "mdy")
        bad = good & (dates.bad | dates.values.isna())
        self._reject(chunk, cells, bad, date_col, dates.errors.fillna("missing (the order's lines take its date)"))
        good &= ~bad
        rows = cells[good]
        detail = pd.DataFrame(index=rows.index)
        for field in HEADER_FIELDS:
            column = self._column(field)
            if column is not None:
                detail[field] = rows[column]
        detail["time_of_day"] = stamped_text(rows, self._mapping())
        if "status" in detail and self._codes:
            detail["status"] = detail["status"].map(lambda v: self._codes.get(v, v))
        if "customer_id" in detail:
            detail["customer_id"] = self._hashed(detail["customer_id"]).where(detail["customer_id"] != "", "")
        place = self._location()
        if "channel" not in detail and place is not None:
            detail["channel"] = self._named(place[1], rows[place[0]])
        joins.save_refs(self.wh, self.tenant, ORDER_HEADER, self._lineage(pd.DataFrame({
            "ref_id": rows[order_col], "ref_value": dates.values[good].dt.strftime("%Y-%m-%d"),
            "ref_detail": [json.dumps(d, ensure_ascii=False) for d in detail.to_dict("records")]})))
        self.out.accepted += len(rows)

    # -- order lines ---------------------------------------------------------------------------------------
    def _line_cells(self, cells: pd.DataFrame) -> pd.DataFrame:
        """A chunk's cells as the line's own sales fields (``LINE_FIELDS``), named by field.

        A line with units and a unit price but no revenue of its own is valued here (``revenue`` = units x unit
        price) and a discount rate on it becomes its amount (``discount_amount``): lines of one order and product
        can then be added up (``merge_lines``), and a rate is never read as money or money as a rate.
        """
        own = {f: cells[c] for f in LINE_FIELDS if (c := self._column(f)) is not None}
        if "unit_price" not in own and (price := self._list_price()) is not None:
            own["unit_price"] = cells[price]
        if "units" not in own:  # a line of one item; a return is no sale (its units are the returned ones)
            own["units"] = pd.Series("0" if "returned_units" in own else "1", index=cells.index, dtype=object)
        if (dated := self._column("date")) is not None:  # the lines carry their own date: no order to wait for
            own["date"] = cells[dated]
        if self._mapping().time_column is not None or dated is not None:  # the line's own time of day
            own["time_of_day"] = stamped_text(cells, self._mapping())
        lines = pd.DataFrame(own, index=cells.index)
        if "revenue" in lines or not {"units", "unit_price"} <= set(lines):
            return lines
        units = parse_number(lines["units"], decimal_comma=False).values
        each = parse_number(lines["unit_price"], decimal_comma=False).values
        gross = (units * each).round(2)
        lines["revenue"] = gross.map(_money)
        if "discount" in lines:
            discount = parse_number(lines.pop("discount"), decimal_comma=False).values
            column = self._column("discount") or ""
            if self._rate is None and rate_header(column):
                self._rate = decide_rate(discount)
            amount = gross * discount if self._rate else discount
            lines["discount_amount"] = amount.round(2).map(_money)
        return lines

    def _lines(self, chunk: Chunk, cells: pd.DataFrame, sales: _DerivedFile) -> None:
        order_col, sku_col = self._column("order_id"), self._column("sku") or self._column("product_title")
        good = self._missing(chunk, cells, tuple(c for c in (order_col, sku_col) if c is not None))
        lines = self._line_cells(cells[good]).assign(source_row=chunk.row_numbers[good.to_numpy()])
        if "date" in lines or order_col is None:  # dated lines, or returns: written as they are
            self._write_lines(_dated(lines, pd.Series(dtype=object), pd.Series(dtype=object), by_row=True), sales)
            self.out.accepted += len(lines)
            return
        orders = joins.refs(self.wh, self.tenant, ORDER_HEADER, lines["order_id"].unique().tolist())
        known = orders.drop_duplicates("ref_id").set_index("ref_id")
        matched = lines["order_id"].isin(known.index)
        self._write_lines(_dated(lines[matched], known["ref_value"], known["ref_detail"]), sales)
        self.out.accepted += int(matched.sum())
        waiting = lines[~matched]
        if waiting.empty:
            return
        own = [c for c in waiting.columns if c != "source_row"]
        payload = [json.dumps(r, ensure_ascii=False) for r in waiting[own].to_dict("records")]
        # keyed by the whole published row (its line number too): the same file held twice is released once
        published = cells.loc[waiting.index].astype(str).agg("\x1f".join, axis=1)
        joins.hold(self.wh, pd.DataFrame({
            "tenant_id": self.tenant, "part": HELD_LINES, "order_id": waiting["order_id"],
            "row_key": [hashlib.sha256(p.encode()).hexdigest()[:32] for p in published], "cells": payload,
            "ingestion_id": self.ingestion.ingestion_id, "source_row": waiting["source_row"],
            "held_at": pd.Timestamp(self.now)}))
        self.out.held += len(waiting)

    def _labelled(self, lines: pd.DataFrame) -> pd.DataFrame:
        """Lines whose channel is a ``{thing} {id}`` label (orders read before the names), with the name now known."""
        if lines.empty or "channel" not in lines:
            return lines
        labels = pd.Series(lines["channel"].dropna().astype(str).unique())
        labels = labels[labels.str.contains(" ", regex=False)]
        names: dict[str, str] = {}
        for thing, group in labels.groupby(labels.str.split(" ", n=1).str[0]):
            ids = group.str.split(" ", n=1).str[1]
            known = joins.refs(self.wh, self.tenant, name_link(str(thing)), ids.tolist())
            found = known.drop_duplicates("ref_id").set_index("ref_id")["ref_value"]
            names.update({f"{thing} {i}": str(found[i]) for i in ids if i in found.index and found[i]})
        return lines.assign(channel=lines["channel"].map(lambda v: names.get(v, v))) if names else lines

    def _write_lines(self, joined: pd.DataFrame, sales: _DerivedFile) -> None:
        """Write dated lines, an order's lines added up by product; the last order waits for the next chunk."""
        joined = self._labelled(joined)
        if "order_id" not in joined:
            sales.add(joined)
            return
        joined = pd.concat([self._carry, joined]) if not self._carry.empty else joined
        last = joined["order_id"].iloc[-1] if len(joined) else None
        self._carry = joined[joined["order_id"] == last]  # the order's next lines may open the next chunk
        sales.add(merge_lines(joined[joined["order_id"] != last]))

    def _release_lines(self) -> None:
        """Held lines the orders now date, written as sales lines, then forgotten (never the other way round).

        Read ``RELEASE_BATCH`` lines at a time: a large file held whole is never in memory at once.
        """
        for n in itertools.count():
            ready = joins.ready(self.wh, self.tenant, HELD_LINES, ORDER_HEADER, limit=RELEASE_BATCH)
            if ready.empty:
                return
            ready = ready.sort_values("held_at").drop_duplicates("row_key", keep="last").reset_index(drop=True)
            cells = pd.DataFrame([json.loads(c) for c in ready["cells"]], index=ready.index)
            if len(ready) == RELEASE_BATCH and cells["order_id"].nunique() > 1:  # the last order may go on
                last = cells["order_id"].iloc[-1]
                ready, cells = ready[cells["order_id"] != last], cells[cells["order_id"] != last]
            own = [f for f in (*LINE_FIELDS, "discount_amount") if f in cells]
            dated = self._labelled(_dated(cells[own].fillna(""), ready["ref_value"], ready["ref_detail"], by_row=True))
            derived = _DerivedFile(tuple(dated.columns))
            derived.add(merge_lines(dated))
            made = derived.write(self.deps, self.ingestion, DataKind.SALES, self.part.dataset, f"-released-{n}")
            if made:
                self.out.derived.append(made)
            joins.release(self.wh, self.tenant, HELD_LINES, ready["row_key"].tolist())
            log_event(_log, "held order lines released", lines=len(ready))

    # -- the catalogue and stock ---------------------------------------------------------------------------
    def _product_fills(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(PRODUCT_LOOKUPS[t] for t in id_things(self.part.signature)
                                   if t in PRODUCT_LOOKUPS))

    def _products_by_id(self, chunk: Chunk, cells: pd.DataFrame, products: _DerivedFile) -> None:
        rows = cells.copy()
        for thing, position in id_things(self.part.signature).items():
            field = PRODUCT_LOOKUPS.get(thing)
            if field is not None and field not in rows.columns.difference(list(self.part.signature)):
                # "brand 9" until the brands are uploaded, then restated under the name (``relabel``)
                rows[field] = self._named(thing, rows[self.part.signature[position]],
                                          parent="category" if thing == "subcategory" else "")
        products.add(rows)
        self.out.accepted += len(rows)

    def _stock(self, chunk: Chunk, cells: pd.DataFrame, stock: _DerivedFile) -> None:
        place = self._location()
        sku = self._column("sku")
        assert place is not None and sku is not None
        quantity = next(h for h in self.part.signature if h not in (place[0], sku))
        good = self._missing(chunk, cells, (sku, place[0]))
        rows = cells[good]
        stock.add(pd.DataFrame({"sku": rows[sku], "location": self._named(place[1], rows[place[0]]),
                                "on_hand": rows[quantity]}))
        self.out.accepted += len(rows)


def _dated(lines: pd.DataFrame, dates: pd.Series, details: pd.Series, *, by_row: bool = False) -> pd.DataFrame:
    """Lines with their order's date and header fields (a line's own cell wins); ``by_row``: aligned by row."""
    if lines.empty:
        return lines
    if by_row:
        day, header = dates.reindex(lines.index), details.reindex(lines.index)
    else:
        day, header = lines["order_id"].map(dates), lines["order_id"].map(details)
    out = lines.drop(columns=["source_row"], errors="ignore").copy()
    if "date" not in out:
        out["date"] = day.to_numpy()
    parsed = pd.DataFrame([json.loads(d) if isinstance(d, str) and d else {} for d in header], index=lines.index)
    for field in HEADER_FIELDS:
        if field in parsed and field not in out:
            out[field] = parsed[field].fillna("")
        elif field not in out:
            out[field] = ""
    return out


def _money(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def _total(values: pd.Series) -> float:
    return float(values.sum(min_count=1))


def merge_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines of one order naming the same product, as one line: their units and money added up.

    A sales line's key is its order, product, day and channel (``SaleRecord.natural_key``); BikeStores' and
    Northwind's order lines are numbered within their order and may name a product twice, so two such lines would
    be one record and the first lost. The other cells are the first line's.
    """
    if lines.empty or not {"order_id", "sku"} <= set(lines) or not lines.duplicated(["order_id", "sku"]).any():
        return lines
    summed = [f for f in SUMMED_FIELDS if f in lines]
    numbers = {f: parse_number(lines[f].astype(str), decimal_comma=False).values for f in summed}
    frame = lines.assign(**numbers)
    rest = {c: "first" for c in lines.columns if c not in summed and c not in ("order_id", "sku")}
    merged = frame.groupby(["order_id", "sku"], sort=False, as_index=False).agg(
        {**dict.fromkeys(summed, _total), **rest})
    for f in summed:
        merged[f] = merged[f].map(lambda v: "" if pd.isna(v) else (f"{v:.0f}" if float(v).is_integer() else
                                                                   f"{v:.2f}"))
    return merged[list(lines.columns)]
