"""The ingest core: one raw object -> staged rows, rejects, an ingestion record and a staged event.

Streams the object in chunks (never the whole file in memory): sniff compression, encoding and
delimiter; map header aliases; parse and validate each chunk vectorised; drop duplicates (same content
already stored for the tenant, or earlier in the file); stage accepted rows with lineage; store
rejects; then mark the ingestion ``staged`` and publish ``ingestion-staged``.

Idempotency: the ingestion id is derived from (bucket, object, generation). A redelivered event for a
staged/processed/failed ingestion is a no-op (it only re-publishes if the publish never happened); a
retried ``staging`` attempt first deletes what the interrupted attempt wrote.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shared.deps import Deps
from shared.errors import InvalidInput, TransientError
from shared.events import StorageObjectEvent
from shared.ingest.addresses import state_from_address
from shared.ingest.catalogue import CATALOGUE_FIELDS, CatalogueCollector
from shared.ingest.catalogue_prices import (
    as_price_cells,
    catalogue_price_note,
    priced_from_catalogue,
    totals_all_zero,
    with_catalogue_flag,
)
from shared.ingest.clock import sale_clock
from shared.ingest.crashpoints import crash_point
from shared.ingest.customers import tenant_customer_key
from shared.ingest.derive import (
    INVENTORY_AS_OF_UPLOAD,
    derive_missing,
    filled_down,
    filled_from,
    first_rows,
    ids_name_each_sale,
    listings_as_names,
    named_by_title,
    payment_words_column,
    plain_exponents,
    products_from,
    repeated_rows,
    skus_name_each_sale,
    stamped_orders,
    summary_rows,
    tickets_as_products,
    tickets_of_one_event,
    top_levels,
)
from shared.ingest.discount import (
    RATE_FLAG,
    beyond_line_values,
    decide_rate,
    percent_discounts,
    rate_header,
    rate_note,
    without_percent,
)
from shared.ingest.encoding import FALLBACK_ERRORS, unmark, with_flag, with_label
from shared.ingest.header_currency import named_currency
from shared.ingest.headers import (
    SALE_ID,
    SALES_SOURCE_FIELDS,
    TICKET_TIER,
    ColumnMapping,
    aggregate_flag,
    map_columns,
    require_columns,
    unknown_flags,
)
from shared.ingest.ingestion import Ingestion, IngestionStatus, ingestion_id_for
from shared.ingest.item_rows import FORGOTTEN_REASON, ItemQuantities, read_together
from shared.ingest.join import recognise
from shared.ingest.lifecycle import IngestionLifecycle, uncommitted_ids
from shared.ingest.limits import MAX_RAW_CHARS, MAX_REASON_CHARS, BoundedStream, ascii_compatible, clip
from shared.ingest.lineage import content_digests, hex_digests, in_file_keys
from shared.ingest.lines import (
    DistinctLines,
    Occurrences,
    line_id_fields,
    lines_note,
    occurrence_note,
    sales_key_digests,
)
from shared.ingest.order_join import channel_named, channel_thing, ingest_part
from shared.ingest.packed import expand_chunk, packed_mapping
from shared.ingest.parse import (
    DateOrder,
    Parsed,
    currency_from_amounts,
    decide_date_order,
    decide_decimal_comma,
    parse_bool,
    parse_date,
    parse_number,
    parse_text,
    string_series,
    strip,
    to_arrow,
)
from shared.ingest.parts import DatasetPart
from shared.ingest.places import CITY_FLAG, located_by, placed, region_is_city
from shared.ingest.preamble import locate_header, preamble_note
from shared.ingest.profile_cells import apply_cells, blank_rows, whole_units, with_rounded
from shared.ingest.reader import (
    ArrowDelimitedReader,
    Chunk,
    DelimitedReader,
    MalformedRows,
    rows_within_budget,
    without_repeated_headers,
)
from shared.ingest.redact import personal_columns, redact_line, redact_row
from shared.ingest.sales import (
    align_orders,
    derive_sales,
    metered_note,
    refund_flags_as_status,
    return_flags_as_status,
)
from shared.ingest.sheets import WORKBOOK_SLOT, split_workbook
from shared.ingest.sniff import Dialect, sniff
from shared.ingest.source import SourcePass, object_checksum
from shared.ingest.staging import (
    clear_ingestion,
    existing_hashes,
    has_stored_rows,
    open_staging,
    stage_rows,
    store_rejects,
    stored_reject_rows,
)
from shared.ingest.upload_currency import CURRENCY_FROM_HEADER, fill_currency, with_upload_flag
from shared.ingest.validate import FieldRule, rules_for, validate_frame
from shared.ingest.workbook import is_workbook_name
from shared.ingest.writer import BackgroundWriter
from shared.models.records import RECORD_MODELS, DataKind
from shared.observability.logs import get_logger, log_context, log_event
from shared.observability.metrics import track_ingest_metrics
from shared.ports import BulkAppend, Warehouse
from shared.store import joins
from shared.store.catalogue import catalogued_skus
from shared.store.documents.uploads import stated_upload_currency
from shared.store.records import catalogue_prices
from shared.store.tenant import is_tenant_id

STAGED_TOPIC = "ingestion-staged"
#: Quality flag of a row whose empty ``currency`` was taken from its money cells.
CURRENCY_FROM_AMOUNT = "currency:from_amount"
#: Rejects held before they are written (their raw text is kept, so this bounds the memory they take).
REJECT_BATCH_ROWS = 20_000
RAW_PREFIX = "raw"
#: Dates whose day/month order the file decides (``a/b/yyyy``, ``a-b-yy``): their rows carry the order used.
_AMBIGUOUS_DATE = r"^\d{1,2}(?:[-/.]\d{1,2}[-/.]\d{4}|-\d{1,2}-\d{2}(?:$|[ T]))"
_log = get_logger(__name__)


#: Object metadata copied onto the ingestion record so rows trace back past the file (e.g. to API payloads).
SOURCE_LINEAGE_KEYS = ("sync_run_id", "raw_payload_prefix")


@dataclass(frozen=True)
class RawTarget:
    """Who and what a raw object is for, from its path (authoritative) and metadata."""

    tenant_id: str
    kind: str
    upload_id: str | None
    original_filename: str | None
    source: str
    source_lineage: dict[str, str]
    currency: str | None = None  # what the upload states for rows naming none
    sheet: str | None = None  # the workbook sheet this object was written from (``shared.ingest.sheets``)


def resolve_target(obj: StorageObjectEvent) -> RawTarget | None:
    """Tenant and kind of a raw object, or ``None`` for objects outside ``raw/{tenant}/{kind}/``."""
    parts = obj.name.split("/")
    if len(parts) < 4 or parts[0] != RAW_PREFIX or not is_tenant_id(parts[1]):
        return None
    meta = obj.metadata or {}
    return RawTarget(
        tenant_id=parts[1],
        kind=parts[2],
        upload_id=meta.get("upload_id") or (parts[6] if len(parts) >= 8 else None),
        original_filename=meta.get("original_filename") or parts[-1],
        source=meta.get("source") or "upload",
        source_lineage={k: str(meta[k]) for k in SOURCE_LINEAGE_KEYS if meta.get(k)},
        currency=meta.get("currency") or None,
        sheet=meta.get("sheet") or None,
    )


@dataclass
class _Counts:
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    skipped: int = 0  # rows that are not records of the kind and not errors (an event log's views)


@dataclass
class _FileState:
    """Decisions taken once per file from its data, then applied to every chunk."""

    decimal_comma: bool | None = None
    date_order: DateOrder | None = None
    seen: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    #: the discount column read as a rate (``shared.ingest.discount``); None until a chunk shows it
    discount_rate: bool | None = None
    #: the rate column written as percentages (``10.00%``, ``Discount (%)`` 10): None until a chunk shows it
    discount_percent: bool | None = None
    #: sales columns proven to repeat an order's money on each of its rows (``sales.order_columns_on_every_row``)
    order_money: set[str] = field(default_factory=set)
    #: payment states the file's status column wrote (``sales.pending_payments``): its bare Pending is then unpaid
    payment_states: set[str] = field(default_factory=set)
    #: the last value of each filled-down field (``ExportProfile.fill_down``), carried into the next chunk
    above: dict[str, object] = field(default_factory=dict)
    #: each item's quantity as its line named it (``ExportProfile.item_rows``): a later refund of it names none;
    #: the most recent items only (bounded whatever the file's length)
    item_units: ItemQuantities = field(default_factory=ItemQuantities)
    #: the SKU column names each sale's own listing, not its product (``derive.skus_name_each_sale``); None until shown
    listing_skus: bool | None = None
    #: a file naming its event beside its ticket types sells one event (``derive.tickets_of_one_event``)
    one_event: bool | None = None
    #: the id of the thing sold names each row's own, so each row is its own order (``derive.ids_name_each_sale``)
    own_sales: bool | None = None
    #: the unmapped bare column (DataCo's ``Type``) holding how each order was paid, -1 for none; None until shown
    payment_column: int | None = None


class _EncodingMismatch(Exception):
    """The sniffed encoding failed further into the file; restart with a single-byte codec."""


def _parse_column(rule: FieldRule, raw: pd.Series, state: _FileState) -> Parsed:
    if rule.type is bool:
        return parse_bool(raw)
    if rule.type in (int, float):
        return parse_number(raw, decimal_comma=bool(state.decimal_comma), integer=rule.type is int)
    if rule.type.__name__ == "date":
        return parse_date(raw, order=state.date_order or ("dmy" if state.decimal_comma else "mdy"))
    return parse_text(raw)


def _decide(state: _FileState, rules: list[FieldRule], frame: pd.DataFrame, delimiter: str) -> None:
    """Settle the file's decimal mark and day/month order from the first chunk(s) that show them."""
    if state.decimal_comma is None:
        numeric = [frame[r.name] for r in rules if r.type in (int, float) and r.name in frame]
        state.decimal_comma = decide_decimal_comma(numeric, delimiter)
    if state.date_order is None:
        for r in rules:
            if r.type.__name__ == "date" and r.name in frame:
                state.date_order = decide_date_order(frame[r.name])
                if state.date_order:
                    break


#: The money of a sales row: a summary row's (``ExportProfile.summary_rows``) takes no part in its order's rules.
_ROW_MONEY = ("revenue", "unit_price", "discount", "refund", "line_net", "order_discount", "order_refund")


def _without_summary_money(parsed: dict[str, Any], summary: np.ndarray) -> None:
    """Blank the money of an export's summary rows (skipped, no line) before the sales rules read the orders.

    Amazon's settlement report writes an item's tax, fees and promotion as rows of its order: read as the order's rows,
    a last chunk of one order proved its Principal's discount an order's amount (on its first row only) and spread it
    over the tax row, whose share was skipped with it (a promotion's discount lost in part).
    """
    for name in _ROW_MONEY:
        values = parsed.get(name)
        if isinstance(values, pd.Series) and len(values) == len(summary):
            parsed[name] = values.where(~summary)


def _repeat(value: str, n: int, index: pd.Index) -> pd.Series:
    """``value`` on every row, as an Arrow string column (no per-row Python objects)."""
    return string_series(pa.array([value], type=pa.string()).take(np.zeros(n, dtype=np.int64)), index)


def _given_columns_filled(optional: tuple[str, ...], typed: pd.DataFrame, error: pd.Series,
                          error_field: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Reject rows that leave empty a column-optional field whose column the file has (``Record.column_optional``).

    A review file without a date column stores undated reviews; one with a date column that leaves a cell
    empty is refused as before (``date: required value missing``): the file says reviews have dates.
    """
    for name in optional:
        if name not in typed:
            continue
        missing = typed[name].isna() & error.isna()
        error = error.where(~missing, "required value missing")
        error_field = error_field.where(~missing, name)
    return error, error_field


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Membership of ``keys`` in the sorted array ``sorted_keys``."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[pos] == keys)


class IngestRun:
    """One attempt at ingesting one object: reads, validates, stages, and counts."""

    def __init__(self, warehouse: Warehouse, ingestion: Ingestion, kind: DataKind, checksum: Callable[[bool], str],
                 chunk_rows: int, customer_key: Callable[[], bytes] | None = None) -> None:
        self.warehouse = warehouse
        self._customer_key_source = customer_key
        self._customer_key: bytes | None = None
        self._redact: frozenset[int] = frozenset()  # source columns whose cells never reach the rejects
        self.ingestion = ingestion
        self.kind = kind
        self.model = RECORD_MODELS[kind]
        self.rules = rules_for(self.model)
        #: the file's SHA-256: ``checksum(True)`` once the stream is read to its end (free), else a separate read
        self.checksum = checksum
        self.chunk_rows = chunk_rows
        self.counts = _Counts()
        self.ingested_at = datetime.now(UTC)
        self.skip_rejects: set[int] | None = None  # rows of this file whose rejects are stored (known on first store)
        self.tenant_has_rows = True
        #: ingestions whose staged rows are not committed yet (this one included): never duplicates' evidence
        self.pending: list[str] = [ingestion.ingestion_id]
        # money cells may name the currency (``EUR 12,50``) when the model has a currency field
        self.money_fields = [r.name for r in self.rules if r.type is float] \
            if "currency" in self.model.model_fields else []
        self._writer: BackgroundWriter | None = None  # set while ``run`` streams
        self._staging: BulkAppend | None = None
        # rejects are few per chunk: stored in batches (one warehouse write, or one BigQuery load job, per batch)
        self._pending_rejects: list[pd.DataFrame] = []
        #: UTF-8 read with a cp1252 fallback for the bytes that are not UTF-8 (rows flagged ``encoding:cp1252``)
        self.cp1252_fallback = False
        self.fallback_rows = 0
        self.catalogue: CatalogueCollector | None = None  # the product names a sales file carries
        self._rate_header = False  # the discount column's header may name a rate (``shared.ingest.discount``)
        self._discount_header: str | None = None
        self.discount_column: str | None = None  # the discount column's header, once its values read as rates
        self.skipped_events: dict[str, int] = {}  # an event log's rows that are not sales, by event type
        self.blank_rows = 0  # rows of empty cells only (a spreadsheet's empty rows saved as ``,,,,``): skipped
        self.rounded_rows = 0  # fractional quantities (weights) stored as whole units (``ExportProfile.whole_units``)
        self.summary_rows = 0  # an export's summary rows (``ExportProfile.summary_rows``): skipped, counted
        self.repeated_rows = 0  # rows written again, further units of the row (``ExportProfile.repeats_are_units``)
        self._width = 0  # the file's own column count (packed item columns are appended after it)
        self.metered = 0  # lines whose quantity was a measure, stored as one unit (``shared.ingest.sales.metered``)
        self._aggregate = ""  # the file's rows are totals per day or week (``ExportProfile.aggregate``)
        self._unknown: tuple[str, ...] = ()  # flags of what the rows do not give (``unknown_flags``)
        self._city_regions = False  # the file's region column names cities (``places.CITY_FLAG`` on its lines)
        self.lines: DistinctLines | None = None  # a sales file without order ids: lines that share a key kept apart
        #: a sales file's lines numbered by their place among the lines sharing their key (``lines.Occurrences``)
        self.occurrences: Occurrences | None = None
        #: a line written again exactly is the item sold again (a sales file without a line id): never a duplicate
        self._repeats_are_sales = False
        #: a sales file without prices valued at its catalogue's (``shared.ingest.catalogue_prices``): lines priced,
        #: lines left unpriced; None for any other file
        self.catalogue_priced: list[int] | None = None
        #: a line total that is 0 on every line of the file's first chunk and no unit price beside it (Kaggle's
        #: Grocery Sales Database publishes TotalPrice 0.0 on all 6.7M rows): no total, so the catalogue prices the
        #: lines; None until the first chunk is read
        self.zero_totals: bool | None = None
        self.located: dict[int, str] = {}  # columns naming a thing by id whose places may be known (``places``)
        self.channel_thing: str | None = None  # the thing a channel column names by id (``shop_id``: shop)

    def run(self, plain: IO[bytes], dialect: Dialect, *, fast_width: int = 0, skip_lines: int = 0) -> ColumnMapping:
        """Stream ``plain`` (decompressed bytes) through validation into staging and rejects.

        With ``fast_width`` (the header's field count) Arrow's parser reads the file; it raises
        ``MalformedRows`` at the first ragged row so the caller can restart with the exact reader.
        ``skip_lines`` lines above the header (a report's title) are passed over by the exact reader.
        """
        ing = self.ingestion
        self.tenant_has_rows = has_stored_rows(self.warehouse, ing.tenant_id, self.kind, self.pending)
        try:
            reader: DelimitedReader | ArrowDelimitedReader
            if fast_width:
                reader = ArrowDelimitedReader(plain, dialect.encoding, dialect.delimiter,
                                              rows_within_budget(self.chunk_rows, fast_width), fast_width)
            else:
                errors = FALLBACK_ERRORS if self.cp1252_fallback else "strict"
                text = io.TextIOWrapper(plain, encoding=dialect.encoding, errors=errors, newline="")
                reader = DelimitedReader(text, dialect.delimiter, self.chunk_rows, skip_lines)
                reader.chunk_rows = rows_within_budget(self.chunk_rows, len(reader.headers))  # the width known now
            mapping = require_columns(packed_mapping(map_columns(reader.headers, self.kind)))
            self._width = len(reader.headers)
            made = {name for name, _ in mapping.profile.cells.templates} if mapping.profile is not None else set()
            if self.kind in (DataKind.SALES, DataKind.REVIEWS) \
                    and (set(mapping.fields.values()) | made) & CATALOGUE_FIELDS.keys():
                self.catalogue = CatalogueCollector()
            self._redact = personal_columns(mapping)
            self._rate_header = self.kind is DataKind.SALES and "discount" in mapping.fields.values() \
                and rate_header(mapping.source_column("discount"))
            self._discount_header = mapping.source_column("discount") if self._rate_header else None
            self._aggregate = mapping.profile.aggregate if mapping.profile is not None else ""
            self._unknown = unknown_flags(mapping.profile)
            if self.kind is DataKind.SALES and "order_id" not in mapping.fields.values() and not self._aggregate:
                self.lines = DistinctLines()
            if self.kind is DataKind.SALES and not (mapping.profile is not None and mapping.profile.repeats_are_units):
                self.occurrences = Occurrences()
                # an explicit line id (an order item id) tells a line written twice (same id) from a second sale; an
                # event log's row is an event at its moment, so one written again is that event logged twice (REES46)
                self._repeats_are_sales = not {"order_item_id", "event_type"} & set(mapping.fields.values())
            # ids of things whose places another file gives (AdventureWorks' TerritoryKey): the line's region
            self.located = located_by(reader.headers, list(mapping.fields)) if self.kind is DataKind.SALES else {}
            # a channel given by a thing's id whose names a lookup file gives (Predict Future Sales' shop_id)
            self.channel_thing = channel_thing(mapping.source_column("channel")) \
                if self.kind is DataKind.SALES and "channel" in mapping.fields.values() else None
            # a region read from a City (Store City, Location) column: its lines' regions are cities, said so on each
            self._city_regions = self.kind is DataKind.SALES and "region" in mapping.fields.values() \
                and region_is_city(mapping.source_column("region"))
            if self.kind is DataKind.SALES and mapping.profile is None \
                    and not {"unit_price", "revenue"} & set(mapping.fields.values()):
                self.catalogue_priced = [0, 0]
            state = _FileState()
            self._staging = open_staging(self.warehouse, self.kind)
            try:
                with BackgroundWriter() as self._writer:
                    chunks = without_repeated_headers(reader.chunks(), reader.headers, dialect.delimiter)
                    for chunk in self._chunks(chunks, mapping):
                        self._chunk(chunk, mapping, dialect, state)
                    self._store_rejects(at_end=True)
                    self._writer.submit("committed", self._staging.commit)
                    self.counts.accepted += self._writer.flush()["staged"]
                crash_point("ingest.committed")
            except BaseException:
                self._staging.discard()  # on BigQuery nothing was loaded; embedded rows go by clear_ingestion
                raise
        except UnicodeDecodeError as exc:
            raise _EncodingMismatch(str(exc)) from exc
        ing.date_order = state.date_order
        return mapping

    def _chunks(self, chunks: Iterable[Chunk], mapping: ColumnMapping) -> Iterable[Chunk]:
        """The reader's chunks; for sales with an order column (or days as orders), re-cut so none is split in two."""
        if mapping.profile is not None and mapping.profile.packed is not None:  # an order's items, a line each
            chunks = (expand_chunk(c, mapping, self._width) for c in chunks)
        # an export whose repeated row is a further unit (H&M) has no orders: its days are kept whole instead, so a
        # customer's day (its order, ``derive_sales``) and every repeat of a row fall in one chunk
        key = "date" if mapping.profile is not None and mapping.profile.repeats_are_units else "order_id"
        order = [i for i, f in mapping.fields.items() if f == key]
        if self.kind is not DataKind.SALES or not order:
            return chunks
        return align_orders(chunks, f"c{order[0]}", max_carry=self.chunk_rows)

    def _refs(self, link: str, ids: list[str]) -> pd.DataFrame:
        """The tenant's references of ``link`` for ``ids`` (where each territory is)."""
        return joins.refs(self.warehouse, self.ingestion.tenant_id, link, ids)

    def customer_key(self) -> bytes:
        """The tenant's customer-hash key, fetched (or created) once per run, on first use."""
        if self._customer_key is None:
            if self._customer_key_source is None:
                raise RuntimeError("a customer column needs the tenant's customer-hash key")
            self._customer_key = self._customer_key_source()
        return self._customer_key

    def _sales_sources(self, raw: pd.DataFrame, state: _FileState, parsed: dict[str, Any],
                       parse_error: pd.Series, parse_field: pd.Series) -> tuple[pd.Series, pd.Series]:
        """Parse the sales source fields present (order amounts, status, customer) into ``parsed``."""
        for name, typ in SALES_SOURCE_FIELDS.items():
            if name not in raw:
                continue
            result = parse_number(raw[name], decimal_comma=bool(state.decimal_comma)) if typ is float \
                else parse_text(raw[name])
            parsed[name] = result.values
            fresh = result.bad & parse_error.isna()
            parse_error = parse_error.where(~fresh, result.errors)
            parse_field = parse_field.where(~fresh, name)
        return parse_error, parse_field

    def _chunk(self, chunk: Chunk, mapping: ColumnMapping, dialect: Dialect, state: _FileState) -> None:
        self.counts.rows_read += chunk.rows_read
        fallback = unmark(chunk) if self.cp1252_fallback else np.zeros(len(chunk.frame), dtype=bool)
        self.fallback_rows += int(fallback.sum())
        raw = derive_missing(self.kind, pd.DataFrame({f: chunk.frame[f"c{i}"] for i, f in mapping.fields.items()},
                                                     index=chunk.frame.index), as_of=self.ingested_at.date(),
                             stamped=mapping.stamped)
        if self.kind is DataKind.SALES and "payment_method" not in raw:
            if state.payment_column is None:
                found = payment_words_column(chunk.frame, mapping.headers, mapping.fields)
                state.payment_column = -1 if found is None else found
            if state.payment_column >= 0:  # a bare Type of payment words: how the order was paid
                if mapping.fields.get(state.payment_column) == "status":  # not the line's status (Cash, Online)
                    raw = raw.drop(columns="status")
                raw = raw.assign(payment_method=chunk.frame[f"c{state.payment_column}"])
        if self.kind is DataKind.SALES and TICKET_TIER in raw:
            if state.one_event is None:
                state.one_event = tickets_of_one_event(raw, TICKET_TIER)
            # one event's tickets are its products; several events' are the events (BookTix's shows)
            raw = (tickets_as_products(raw, TICKET_TIER) if state.one_event else raw).drop(columns=TICKET_TIER)
        if self.kind is DataKind.SALES and SALE_ID in raw:
            if state.own_sales is None:
                state.own_sales = ids_name_each_sale(raw[SALE_ID])
            # a car a row, its VIN: each row its own order; an id written again names no sale (no orders kept)
            raw = (raw.assign(order_id=raw[SALE_ID]) if state.own_sales else raw).drop(columns=SALE_ID)
        if self.kind is DataKind.SALES and "order_id" not in raw and (at := mapping.time_column) is not None:
            raw = stamped_orders(raw, chunk.frame[f"c{at}"])
        if self.kind is DataKind.SALES:
            times, offsets = sale_clock(chunk.frame, mapping, raw.get("time_of_day"))
            # as text, like every raw cell: the offset is parsed and checked with the other fields below
            raw = raw.assign(time_of_day=times, utc_offset=offsets.astype(object).where(offsets.notna(), None)
                             .map(lambda m: None if m is None else str(m)))
        profile = mapping.profile
        if profile is not None:
            raw = apply_cells(raw, profile.cells)
        if profile is not None and profile.top_level:
            raw = top_levels(raw, profile.top_level)
        if profile is not None and profile.fill:
            raw = filled_from(raw, chunk.frame, mapping.headers, profile.fill)
        if profile is not None and profile.exponents:
            raw = plain_exponents(raw, profile.exponents)
        if profile is not None and profile.fill_down:
            raw = filled_down(raw, profile.fill_down, state.above)
        if mapping.sku_stand_in is not None:
            raw = products_from(raw, mapping.sku_stand_in)
        summary = summary_rows(raw, profile.summary_rows[0], profile.line_values) \
            if profile is not None and profile.summary_rows else None
        if self.kind is DataKind.SALES and "order_item_id" in raw:
            raw = raw.drop(columns="order_item_id")  # an item a row: the id only tells the rows apart (below)
            unit_rows = "units" not in mapping.fields.values()
        else:
            unit_rows = False
        firsts: np.ndarray | None = None
        repeated: np.ndarray | None = None
        if (profile is not None and profile.repeats_are_units) or unit_rows:
            # a unit a row (H&M; a marketplace's order items with no quantity): a row written again is one more unit
            firsts = first_rows(raw)
            raw, repeated = repeated_rows(raw)
            summary = repeated if summary is None else summary | repeated
            self.repeated_rows += int(repeated.sum())
        if self.located:
            raw = placed(raw, {thing: chunk.frame[f"c{i}"] for i, thing in self.located.items()}, self._refs)
        if self.channel_thing is not None and "channel" in raw:
            raw = channel_named(raw, self.channel_thing, self._refs)
        if self.kind is DataKind.SALES:
            if state.listing_skus is None:
                state.listing_skus = skus_name_each_sale(raw)
            if state.listing_skus:  # a SKU column naming each copy sold (Discogs' item_id): the product is its name
                raw = listings_as_names(raw)
            raw = named_by_title(raw)  # a line with no SKU but a title is that product: priced as it, below
            raw = state_from_address(raw)  # a US address's state, where the row has none
            raw = refund_flags_as_status(raw)  # a yes/no Refunded column: the order's status, no amount
            raw = return_flags_as_status(raw)  # a yes/no (or 0/1) Returns column: a line back whole, no count
        if self.kind is DataKind.SALES and self.zero_totals is None:
            self.zero_totals = totals_all_zero(raw)
            if self.zero_totals:
                self.catalogue_priced = [0, 0]
        if self.zero_totals:
            raw = raw.drop(columns="revenue")
        priced = np.zeros(len(raw), dtype=bool)
        if self.catalogue_priced is not None:
            skus = raw["sku"].dropna().unique().tolist()
            raw, priced = priced_from_catalogue(raw, as_price_cells(
                catalogue_prices(self.warehouse, self.ingestion.tenant_id, skus)))
        _decide(state, self.rules, raw, dialect.delimiter)
        forgotten: np.ndarray | None = None
        if profile is not None and profile.item_rows is not None and profile.summary_rows:
            # an item's promotion and refund rows read with its line (Amazon's settlement report)
            lines = ~summary if summary is not None else np.ones(len(raw), dtype=bool)
            read = read_together(raw, profile.item_rows, lines, profile.summary_rows[0], state.item_units,
                                 decimal_comma=bool(state.decimal_comma))
            raw, forgotten = read.raw, read.forgotten
        if self._rate_header and "discount" in raw:
            if state.discount_percent is None:
                state.discount_percent = percent_discounts(raw["discount"], self._discount_header or "")
            if state.discount_percent:
                raw = raw.assign(discount=without_percent(raw["discount"]))
        parsed: dict[str, Any] = {}
        parse_error = pd.Series(None, index=raw.index, dtype=object)
        parse_field = pd.Series(None, index=raw.index, dtype=object)
        rounded = np.zeros(len(raw), dtype=bool)
        for rule in self.rules:
            if rule.name not in raw:
                continue
            if rule.name == "units" and profile is not None and profile.whole_units:
                weighed = whole_units(raw[rule.name], decimal_comma=bool(state.decimal_comma))
                result, rounded = weighed.parsed, weighed.rounded
            else:
                result = _parse_column(rule, raw[rule.name], state)
            parsed[rule.name] = result.values
            fresh = result.bad & parse_error.isna()
            parse_error = parse_error.where(~fresh, result.errors)
            parse_field = parse_field.where(~fresh, rule.name)
        if forgotten is not None and forgotten.any():  # a refund whose order's quantity is no longer remembered
            fresh = pd.Series(forgotten, index=raw.index) & parse_error.isna()
            parse_error = parse_error.where(~fresh, FORGOTTEN_REASON.format(cap=state.item_units.cap))
            parse_field = parse_field.where(~fresh, "units")
        if self.kind is DataKind.REVIEWS:  # the reviewed product's name and brand, for the catalogue only
            for name in CATALOGUE_FIELDS.keys() & set(raw.columns):
                parsed[name] = parse_text(raw[name]).values
        currency_filled = self._currency_from_amounts(raw, parsed)
        # a currency the money columns' names state (``Total (ARS)``), for rows still naming none
        header_filled = fill_currency(parsed, raw.index, named_currency(
            mapping.headers[i] for i, f in mapping.fields.items() if f in self.money_fields))
        rated = self._discount_as_rate(parsed, state)
        skipped = np.zeros(len(raw), dtype=bool)
        if self.kind is DataKind.SALES:
            parse_error, parse_field = self._sales_sources(raw, state, parsed, parse_error, parse_field)
            if summary is not None and summary.any():
                _without_summary_money(parsed, summary)
            outcome = derive_sales(parsed, raw.index, defaults=profile.defaults if profile else None,
                                   customer_key=self.customer_key, statuses=profile.statuses if profile else None,
                                   metered_units=profile is not None and profile.metered_units,
                                   order_money=state.order_money, payment_states=state.payment_states,
                                   units_given="units" in mapping.fields.values())
            self.metered += outcome.metered
            fresh = outcome.errors.notna() & parse_error.isna()
            parse_error = parse_error.where(~fresh, outcome.errors)
            parse_field = parse_field.where(~fresh, outcome.error_field)
            if outcome.skipped is not None and outcome.skipped.any():  # not sales: counted, never rejected
                skipped = outcome.skipped
                self.counts.skipped += int(skipped.sum())
                for event, n in (outcome.skipped_events or {}).items():
                    self.skipped_events[event] = self.skipped_events.get(event, 0) + n
        # the upload's stated currency, for rows still naming none (after an order's first line and money cells)
        upload_filled = fill_currency(parsed, raw.index, self.ingestion.currency) if self.money_fields \
            else np.zeros(len(raw), dtype=bool)
        typed = pd.DataFrame(parsed, index=raw.index)
        checked = validate_frame(typed, self.model)
        error = parse_error.where(parse_error.notna(), checked.errors)
        error_field = parse_field.where(parse_error.notna(), checked.error_field)
        error, error_field = _given_columns_filled(self.model.column_optional, typed, error, error_field)
        if firsts is not None and repeated is not None and repeated.any():
            # a further unit of a rejected row is rejected with it, for the same reason: each unit's row is kept in
            # the rejects (a cancelled item's second unit was skipped as a unit of a line never stored)
            follows = repeated & error.notna().to_numpy()[firsts]
            if follows.any():
                error, error_field = error.copy(), error_field.copy()
                error.iloc[np.flatnonzero(follows)] = error.iloc[firsts[follows]].to_numpy()
                error_field.iloc[np.flatnonzero(follows)] = error_field.iloc[firsts[follows]].to_numpy()
                summary = summary & ~follows if summary is not None else summary
                self.repeated_rows -= int(follows.sum())
        if summary is not None and summary.any():  # an export's summary rows: counted as skipped, the note says why
            summary = summary & ~skipped
            self.summary_rows += int(summary.sum())
            self.counts.skipped += int(summary.sum())
            skipped = skipped | summary
        bad = error.notna().to_numpy() & ~skipped
        # an export's padding rows of empty cells: counted as skipped, the note says why (elsewhere rejected)
        blank = blank_rows(chunk.frame, bad) if profile is not None and profile.skip_blank_rows else None
        if blank is not None and blank.any():
            self.blank_rows += int(blank.sum())
            self.counts.skipped += int(blank.sum())
            bad &= ~blank
            skipped = skipped | blank
        self._reject(chunk, mapping, dialect, raw, bad, error, error_field)
        out = bad | skipped
        self.rounded_rows += int((rounded & ~out).sum())
        if self.catalogue_priced is not None:
            self.catalogue_priced[0] += int((priced & ~out).sum())
            self.catalogue_priced[1] += int((~priced & ~out).sum())
        if self.catalogue is not None:
            self.catalogue.add(typed[~out] if out.any() else typed)
        good = checked.frame[~out] if out.any() else checked.frame
        if good.empty:
            return
        if self.lines is not None:
            good = self.lines.apply(good, self._record_digests(good), *line_id_fields(self.model))
        fields = list(self.model.model_fields)
        digests = content_digests(good, fields, appended=self.model.appended_fields)
        key_digests = self._record_digests(good)
        if self._repeats_are_sales or (mapping.profile is not None and mapping.profile.repeats_are_units):
            # a sales row written again is the item sold again (numbered below) or, in an export writing each unit
            # as a row, a further unit in any chunk: a day longer than a chunk is split (``_chunks``), and its repeat
            # in the next chunk is staged as a line of its own, which processing sums into the first (one file's
            # lines sharing a record key add up); never a duplicate, whose units would be lost
            dup = np.zeros(len(good), dtype=bool)
        else:
            # the in-file duplicate key: the row digest's first 8 bytes with the row's own cells, so that a row counts
            # as written twice only when the file wrote it twice (``in_file_keys``)
            keys = in_file_keys(digests, chunk.frame.iloc[np.flatnonzero(~out)])
            dup = pd.Series(keys).duplicated().to_numpy() | _contains(state.seen, keys)
            # two sorted runs: the stable sort (timsort) merges them in linear time, not a full re-sort per chunk
            state.seen = np.sort(np.concatenate([state.seen, np.sort(keys[~dup])]), kind="stable")
        if self.occurrences is not None:
            good, digests, key_digests = self._place_lines(good, digests, key_digests, dup)
        hashes = hex_digests(digests)
        row_hash = string_series(hashes, good.index)
        record_key = string_series(hex_digests(key_digests), good.index)
        if self.tenant_has_rows:
            stored = existing_hashes(self.warehouse, self.ingestion.tenant_id, self.kind,
                                     hashes.filter(pa.array(~dup)).to_pylist(), self.pending)
            if stored:  # membership in Arrow (pandas' isin on Arrow strings loops in Python)
                found = pc.is_in(hashes, value_set=pa.array(list(stored), type=pa.string()))
                dup |= np.asarray(pc.fill_null(found, False).to_numpy(zero_copy_only=False), dtype=bool)
        self.counts.duplicates += int(dup.sum())
        keep = ~dup
        if not keep.any():
            return
        # all rows kept (the usual case): no take over every column, just a frame to add lineage to
        rows = good.copy(deep=False) if keep.all() else good[keep].copy()
        positions = np.flatnonzero(~out)[keep]
        ing = self.ingestion
        n = len(rows)
        rows["tenant_id"] = _repeat(ing.tenant_id, n, rows.index)
        rows["ingestion_id"] = _repeat(ing.ingestion_id, n, rows.index)
        rows["source_uri"] = _repeat(ing.source_uri, n, rows.index)
        rows["source_row"] = chunk.row_numbers[positions]
        rows["row_hash"] = row_hash if keep.all() else row_hash[keep]
        rows["record_key"] = record_key if keep.all() else record_key[keep]
        rows["ingested_at"] = pd.Timestamp(self.ingested_at)
        subset = len(positions) < len(raw)
        rows["quality_flags"] = with_upload_flag(with_flag(
            self._flags(raw.iloc[positions] if subset else raw, state,
                        currency_filled[positions] if subset else currency_filled),
            fallback[positions] if subset else fallback), upload_filled[positions] if subset else upload_filled)
        if header_filled.any():
            rows["quality_flags"] = with_upload_flag(rows["quality_flags"], header_filled[positions],
                                                     CURRENCY_FROM_HEADER)
        if rated:
            rows["quality_flags"] = with_label(rows["quality_flags"], RATE_FLAG)
        if rounded.any():
            rows["quality_flags"] = with_rounded(rows["quality_flags"], rounded[positions])
        if priced.any():
            rows["quality_flags"] = with_catalogue_flag(rows["quality_flags"], priced[positions])
        if self._aggregate:  # totals per day or week (Favorita, Breakfast at the Frat, M5): no orders in them
            rows["quality_flags"] = with_label(rows["quality_flags"], aggregate_flag(self._aggregate))
        if self._city_regions:
            rows["quality_flags"] = with_label(rows["quality_flags"], CITY_FLAG)
        for label in self._unknown:  # revenue totals without units or products (Walmart, Rossmann)
            rows["quality_flags"] = with_label(rows["quality_flags"], label)
        # staged on the writer thread while the next chunk is parsed (looked up now: tests patch stage_rows)
        assert self._writer is not None and self._staging is not None
        self._writer.submit("staged", functools.partial(stage_rows, self._staging, rows))

    def _discount_as_rate(self, parsed: dict[str, Any], state: _FileState) -> bool:
        """Move the discount column to ``discount_rate`` when the file's discounts are rates; whether it did."""
        if not self._rate_header or "discount" not in parsed:
            return False
        if state.discount_rate is None and not state.discount_percent:
            state.discount_rate = decide_rate(parsed["discount"])
            if state.discount_rate is False and beyond_line_values(parsed["discount"], parsed.get("units"),
                                                                   parsed.get("unit_price")):
                state.discount_percent = True  # more off a line than the line: percentages (Xero's Discount)
        if state.discount_percent:  # 10.00% off: the rate 0.1
            parsed["discount"], state.discount_rate = parsed["discount"] / 100, True
        if not state.discount_rate:
            return False
        parsed["discount_rate"] = parsed.pop("discount")
        self.discount_column = self._discount_header
        return True

    def _record_digests(self, good: pd.DataFrame) -> np.ndarray:
        """Digests of the record key (a sales line's: ``lines.sales_key_digests``)."""
        if self.kind is DataKind.SALES:
            return sales_key_digests(good)
        return content_digests(good, list(self.model.natural_key))

    def _place_lines(self, good: pd.DataFrame, digests: np.ndarray, key_digests: np.ndarray,
                     dup: np.ndarray) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """``good`` with each line's ``occurrence`` among its file's lines of one key; its row and key digests.

        Lines written twice (``dup``) take no place. Only lines placed second or later change (rare): their digests
        are computed again.
        """
        assert self.occurrences is not None
        places = np.ones(len(good), dtype=np.int64)
        places[~dup] = self.occurrences.place(key_digests[~dup])
        again = places > 1
        if not again.any():
            return good, digests, key_digests
        good = good.copy()
        occurrence = pd.array(np.where(again, places, 0), dtype="Int64")
        good["occurrence"] = pd.Series(occurrence, index=good.index).where(again)
        rows = good[again]
        digests, key_digests = digests.copy(), key_digests.copy()
        digests[again] = content_digests(rows, list(self.model.model_fields), appended=self.model.appended_fields)
        key_digests[again] = sales_key_digests(rows)
        return good, digests, key_digests

    def _currency_from_amounts(self, raw: pd.DataFrame, parsed: dict[str, Any]) -> np.ndarray:
        """Fill a missing ``currency`` from what the row's money cells name (``EUR 12,50``); mask of rows filled."""
        money = [raw[f] for f in self.money_fields if f in raw]
        given = parsed.get("currency")
        missing = given.isna() if given is not None else pd.Series(True, index=raw.index)
        if not money or not missing.any():
            return np.zeros(len(raw), dtype=bool)
        named = currency_from_amounts(money)
        filled = (missing & named.notna()).to_numpy()
        if filled.any():
            base = given if given is not None else pd.Series(pd.NA, index=raw.index, dtype=named.dtype)
            parsed["currency"] = base.where(~filled, named)
        return filled

    def _flags(self, raw: pd.DataFrame, state: _FileState, currency_filled: np.ndarray) -> pd.Series:
        """JSON list per row of interpretations applied (day/month order, currency from the money cells)."""
        ambiguous = pa.array(np.zeros(len(raw), dtype=bool))
        label = ""
        if "date" in raw:
            order = state.date_order or ("dmy" if state.decimal_comma else "mdy")
            label = f"date_order:{order}" if state.date_order else f"date_order:{order}:assumed"
            # stripped like parse_date strips, so RE2's ASCII classes see what Python's ``\s``/``\d`` saw
            text = strip(to_arrow(raw["date"]))
            ambiguous = pc.fill_null(pc.match_substring_regex(text, _AMBIGUOUS_DATE), False)
        if not currency_filled.any():
            return string_series(pc.if_else(ambiguous, json.dumps([label]), "[]"), raw.index)
        filled = pa.array(currency_filled)
        both = pc.if_else(ambiguous, json.dumps([label, CURRENCY_FROM_AMOUNT]), json.dumps([CURRENCY_FROM_AMOUNT]))
        return string_series(pc.if_else(filled, both, pc.if_else(ambiguous, json.dumps([label]), "[]")), raw.index)

    def _reject(self, chunk: Chunk, mapping: ColumnMapping, dialect: Dialect, raw: pd.DataFrame,
                bad: np.ndarray, error: pd.Series, error_field: pd.Series) -> None:
        records: list[dict[str, Any]] = []
        width = len(mapping.headers)
        for bad_row in chunk.bad_rows:
            records.append({"row_number": bad_row.row_number, "column": None,
                            "reason": clip(bad_row.reason, MAX_REASON_CHARS),
                            "raw": clip(redact_line(bad_row.raw, dialect.delimiter, self._redact, width),
                                        MAX_RAW_CHARS)})
        for pos in np.flatnonzero(bad):
            fld = str(error_field.iloc[pos])
            column = mapping.source_column(fld)
            value = raw[fld].iloc[pos] if fld in raw else None
            index = [i for i, f in mapping.fields.items() if f == fld]
            shown = f" (got {value.strip()!r})" if isinstance(value, str) and value.strip() and \
                not (index and index[0] in self._redact) else ""
            records.append({"row_number": int(chunk.row_numbers[pos]), "column": column,
                            "reason": clip(f"{column}: {error.iloc[pos]}{shown}", MAX_REASON_CHARS),
                            "raw": clip(redact_row(chunk, int(pos), dialect.delimiter, self._redact),
                                        MAX_RAW_CHARS)})
        if not records:
            return
        self.counts.rejected += len(records)
        frame = pd.DataFrame(records)
        ing = self.ingestion
        frame["tenant_id"] = ing.tenant_id
        frame["ingestion_id"] = ing.ingestion_id
        frame["kind"] = self.kind.value
        frame["source_uri"] = ing.source_uri
        frame["rejected_at"] = pd.Timestamp(self.ingested_at)
        self._pending_rejects.append(frame)
        if sum(len(f) for f in self._pending_rejects) >= REJECT_BATCH_ROWS:
            self._store_rejects()

    def _store_rejects(self, *, at_end: bool = False) -> None:
        """Hand the rejects held so far to the writer as one batch (``at_end``: the file is read to its end).

        Rows whose rejects an earlier ingestion of the same file (same checksum) stored are counted, not
        stored again.
        """
        if not self._pending_rejects:
            return
        frame = pd.concat(self._pending_rejects, ignore_index=True) if len(self._pending_rejects) > 1 \
            else self._pending_rejects[0]
        self._pending_rejects = []
        checksum = self.checksum(at_end)
        if self.skip_rejects is None:
            ing = self.ingestion
            self.skip_rejects = stored_reject_rows(self.warehouse, ing.tenant_id, self.kind, checksum,
                                                   ing.ingestion_id)
        frame = frame[~frame["row_number"].isin(self.skip_rejects)]
        if frame.empty:
            return
        frame["file_checksum"] = checksum
        assert self._writer is not None
        self._writer.submit("rejects", functools.partial(store_rejects, self.warehouse, frame))


def _now() -> datetime:
    return datetime.now(UTC)


def publish_staged(deps: Deps, tenant_id: str, ingestion_id: str, kind: str) -> None:
    """Tell processing that an ingestion's rows are staged, then remember it was published."""
    deps.bus.publish(STAGED_TOPIC,
                     json.dumps({"tenant_id": tenant_id, "ingestion_id": ingestion_id, "kind": kind}).encode(),
                     {"tenant_id": tenant_id, "kind": kind})
    IngestionLifecycle(deps.documents, tenant_id, ingestion_id).mark_published()


def run_note(mapping: ColumnMapping, discount_column: str | None, skipped_events: dict[str, int],
             blank_rows: int = 0, rounded_rows: int = 0, metered: int = 0, lines: int = 0,
             priced: Sequence[int] | None = None, occurrences: int = 0) -> str | None:
    """What the ingestion's record says about how the file was read, or ``None`` when nothing needs saying."""
    parts: list[str] = []
    if mapping.profile is not None and mapping.profile.note:
        parts.append(mapping.profile.note)
    if mapping.sku_stand_in is not None:
        by = "category" if mapping.category_as_product else "name"
        parts.append(f"no SKU column: each line's {mapping.source_column(mapping.sku_stand_in)!r} is its product "
                     f"(its SKU{' and title' if mapping.category_as_product else ''}), so product questions answer "
                     f"by {by}")
    if discount_column is not None:
        parts.append(rate_note(discount_column))
    if skipped_events:
        counted = ", ".join(f"{event} {n:,}" for event, n in sorted(skipped_events.items(), key=lambda e: -e[1]))
        parts.append(f"events that are not sales, skipped: {counted}")
    if rounded_rows:
        parts.append(f"{rounded_rows:,} lines of goods sold by weight (fractional quantities) stored rounded to whole "
                     f"units (flag 'units:rounded')")
    if blank_rows:
        parts.append(f"{blank_rows:,} empty rows (every cell empty, as a spreadsheet saved as CSV writes them) "
                     f"skipped")
    if metered:
        parts.append(metered_note(metered))
    if lines:
        parts.append(lines_note(lines))
    if occurrences:
        parts.append(occurrence_note(occurrences))
    if mapping.kind is DataKind.INVENTORY and "date" not in mapping.fields.values():
        parts.append(INVENTORY_AS_OF_UPLOAD)
    if priced is not None and priced[0]:
        parts.append(catalogue_price_note(*priced))
    return "; ".join(parts) or None


def _stage(deps: Deps, ingestion: Ingestion, kind: DataKind) -> IngestRun | _Counts:
    """Sniff and stream the object, hashing it on the way (one read of it, ``SourcePass``).

    A file of a multi-file public dataset, known by its header, is joined instead (``_stage_part``).

    Arrow's parser reads well-formed files; a ragged row restarts the ingestion with the exact reader,
    and UTF-8 that breaks further into the file restarts it with a cp1252 fallback for just the bytes
    that are not UTF-8 (each restart first deletes what the abandoned pass staged, and reads the object
    again). A failure part-way still records the file's checksum (from a separate read).
    """
    try:
        return _stage_passes(deps, ingestion, kind)
    except InvalidInput:
        if ingestion.file_checksum is None:
            ingestion.file_checksum = object_checksum(deps.blobs, ingestion.bucket, ingestion.object)
        raise


def _stage_passes(deps: Deps, ingestion: Ingestion, kind: DataKind) -> IngestRun | _Counts:
    blobs, wh = deps.blobs, deps.warehouse
    fast_width: int | None = None
    skip_lines, head_text = 0, ""
    fallback = False
    for _ in range(3):
        with SourcePass(blobs, ingestion.bucket, ingestion.object) as source:
            dialect = sniff(source.sample)
            if fast_width is None:
                head_text = source.sample.decode(dialect.encoding, errors="ignore")
                skip_lines, header = locate_header(head_text, dialect.delimiter, kind)
                if not skip_lines and (part := recognise(header)) is not None:
                    return _stage_part(deps, ingestion, part, dialect)
                # the exact reader passes over title lines; the fast one reads from the first line
                fast_width = len(header) if header and header[-1].strip() and not skip_lines else 0

            def checksum(at_end: bool, source: SourcePass = source) -> str:
                if ingestion.file_checksum is None:
                    ingestion.file_checksum = source.checksum() if at_end else \
                        object_checksum(blobs, ingestion.bucket, ingestion.object)
                return ingestion.file_checksum

            run = IngestRun(wh, ingestion, kind, checksum, deps.settings.ingest_chunk_rows,
                            customer_key=functools.partial(tenant_customer_key, deps.documents, ingestion.tenant_id))
            run.cp1252_fallback = fallback
            run.pending = sorted({ingestion.ingestion_id, *uncommitted_ids(deps.documents, ingestion.tenant_id)})
            try:
                line_cap = deps.settings.ingest_max_line_bytes if ascii_compatible(dialect.encoding) else None
                bounded = BoundedStream(source.stream, max_bytes=deps.settings.ingest_max_expanded_bytes,
                                        max_line_bytes=line_cap)
                mapping = run.run(io.BufferedReader(bounded, 1 << 20), dialect, fast_width=fast_width,
                                  skip_lines=skip_lines)
                checksum(True)  # the stream was read to its end
                ingestion.encoding, ingestion.delimiter = dialect.encoding, dialect.delimiter
                if run.fallback_rows:
                    ingestion.encoding = f"{dialect.encoding} (cp1252 in {run.fallback_rows} rows)"
                ingestion.column_mapping = mapping.as_document()
                notes = [preamble_note(head_text, skip_lines)] if skip_lines else []
                if (read := run_note(mapping, run.discount_column, run.skipped_events, run.blank_rows,
                                     run.rounded_rows, run.metered,
                                     run.lines.lines if run.lines is not None else 0,
                                     run.catalogue_priced,
                                     run.occurrences.lines if run.occurrences is not None else 0)) is not None:
                    notes.append(read)
                if run.summary_rows and mapping.profile is not None and mapping.profile.summary_rows:
                    notes.append(f"{run.summary_rows:,} rows skipped (no record of their own): "
                                 f"{mapping.profile.summary_rows[1]}")
                if run.repeated_rows:
                    notes.append(f"{run.repeated_rows:,} rows skipped as further units of the same row above them "
                                 "(the export writes each unit bought again as the same row): counted in its units")
                ingestion.note = "; ".join(notes) or None
                ingestion.skipped = run.counts.skipped
                return run
            except MalformedRows:
                clear_ingestion(wh, ingestion.tenant_id, kind, ingestion.ingestion_id)
                fast_width = 0
            except _EncodingMismatch as exc:
                clear_ingestion(wh, ingestion.tenant_id, kind, ingestion.ingestion_id)
                if dialect.encoding not in ("utf-8", "utf-8-sig") or fallback:
                    raise InvalidInput(f"the file is not valid {dialect.encoding} text: {exc}") from exc
                fallback = True  # only the bytes that are not UTF-8 are read as cp1252, their rows flagged
                fast_width = 0
    raise InvalidInput("the file could not be read consistently")


@track_ingest_metrics
def ingest_object(deps: Deps, obj: StorageObjectEvent) -> Ingestion | None:
    """Ingest one finalized raw object; ``None`` when the object is not a raw merchant file.

    Permanent problems (unreadable file, unknown kind, missing columns) are recorded as ``failed`` and
    returned; anything else raises so the platform retries (the retry cleans up and starts over).
    """
    target = resolve_target(obj)
    if target is None:
        log_event(_log, "ignored object outside raw/{tenant}/{kind}/", object=obj.name, bucket=obj.bucket)
        return None
    ingestion = Ingestion(
        ingestion_id=ingestion_id_for(obj.bucket, obj.name, obj.generation),
        tenant_id=target.tenant_id, kind=target.kind, source=target.source,
        source_uri=f"gs://{obj.bucket}/{obj.name}", bucket=obj.bucket, object=obj.name,
        generation=obj.generation, upload_id=target.upload_id, original_filename=target.original_filename,
        source_lineage=target.source_lineage, sheet=target.sheet,
        currency=target.currency or (stated_upload_currency(deps.documents, target.tenant_id, target.upload_id)
                                     if target.upload_id else None),
    )
    lifecycle = IngestionLifecycle(deps.documents, ingestion.tenant_id, ingestion.ingestion_id,
                                   lease_seconds=deps.settings.ingest_lease_seconds)
    with log_context(tenant=ingestion.tenant_id, ingestion_id=ingestion.ingestion_id, event_id=obj.event_id):
        claim = lifecycle.claim_staging(ingestion.to_document())
        doc = claim.doc
        if claim.action == "busy":  # another live attempt holds it: never a second concurrent run
            raise TransientError(f"ingestion {ingestion.ingestion_id} is being staged by {doc.get('lease_owner')}")
        if claim.action != "run":
            if claim.action == "publish":
                publish_staged(deps, ingestion.tenant_id, ingestion.ingestion_id, str(doc.get("kind")))
            log_event(_log, "ingestion already handled", status=doc.get("status"))
            return Ingestion.model_validate({k: v for k, v in doc.items() if k in Ingestion.model_fields})
        crash_point("ingest.claimed")
        ingestion.attempts = int(doc.get("attempts", 1))
        ingestion.started_at = datetime.fromisoformat(doc["started_at"])
        meta_tenant = (obj.metadata or {}).get("tenant_id")
        try:
            if meta_tenant and meta_tenant != target.tenant_id:
                raise InvalidInput(f"object metadata tenant {meta_tenant!r} does not match its path")
            if is_workbook_name(obj.name):  # each sheet goes on as a CSV object of its own (shared.ingest.sheets)
                kind, counts = _stage_workbook(deps, ingestion, target.kind)
            else:
                kind = _data_kind(target.kind)
                if ingestion.attempts > 1:  # an abandoned attempt's rows and rejects go first
                    clear_ingestion(deps.warehouse, ingestion.tenant_id, kind, ingestion.ingestion_id)
                staged = _stage(deps, ingestion, kind)
                if isinstance(staged, IngestRun):
                    write_line_catalogue(deps, ingestion, staged.catalogue)
                    counts = staged.counts
                else:
                    counts = staged
        except InvalidInput as exc:
            if target.kind in DataKind.__members__.values():  # drop whatever a partial pass staged
                clear_ingestion(deps.warehouse, ingestion.tenant_id, DataKind(target.kind), ingestion.ingestion_id)
            ingestion.error = exc.message
            ingestion.finished_at = _now()
            lifecycle.finish_staging(_outcome(ingestion), IngestionStatus.FAILED)
            log_event(_log, "ingestion failed", severity="WARNING", error=exc.message)
            ingestion.status = IngestionStatus.FAILED
            return ingestion
        ingestion.rows_read, ingestion.accepted = counts.rows_read, counts.accepted
        ingestion.rejected, ingestion.duplicates = counts.rejected, counts.duplicates
        if not lifecycle.finish_staging(_outcome(ingestion), IngestionStatus.STAGED):
            # another delivery took the ingestion over (this attempt was presumed dead): its run decides
            raise TransientError(f"ingestion {ingestion.ingestion_id} was taken over during staging")
        crash_point("ingest.staged")
        publish_staged(deps, ingestion.tenant_id, ingestion.ingestion_id, kind.value)
        crash_point("ingest.published")
        ingestion.status = IngestionStatus.STAGED
        log_event(_log, "ingestion staged", kind=kind.value, rows_read=counts.rows_read, accepted=counts.accepted,
                  rejected=counts.rejected, duplicates=counts.duplicates)
        return ingestion


def _data_kind(value: str) -> DataKind:
    """The kind a raw object's path names (``InvalidInput`` for a path slot that is no kind)."""
    try:
        return DataKind(value)
    except ValueError as exc:
        raise InvalidInput(f"unknown kind {value!r}") from exc


def _stage_workbook(deps: Deps, ingestion: Ingestion, slot: str) -> tuple[DataKind, _Counts]:
    """A workbook: each sheet written as a CSV raw object and ingested as one (``shared.ingest.sheets``).

    ``slot`` is the path's kind: ``workbook`` (each sheet's header decides) or the kind of every sheet. The
    workbook's record takes the first written sheet's kind, counts the rows handed on, and lists the sheets'
    ingestions in ``derived``; it has no staged rows of its own.
    """
    out = split_workbook(deps, ingestion, None if slot == WORKBOOK_SLOT else _data_kind(slot))
    if out.kind is None:  # split_workbook raises first when no sheet was written
        raise InvalidInput(f"no sheet of the workbook could be ingested: {out.note}")
    ingestion.kind, ingestion.skipped = out.kind.value, out.skipped
    ingestion.note, ingestion.derived = out.note, out.derived
    return out.kind, _Counts(out.rows_read, out.accepted, 0, 0)


def _stage_part(deps: Deps, ingestion: Ingestion, part: DatasetPart, dialect: Dialect) -> _Counts:
    """A file of a multi-file public dataset (Olist) is joined to the others (``shared.ingest.join``).

    Its rows are joined (written into files of records next to it), held until the file that completes them
    arrives, rejected, or, for a file that carries nothing stored, acknowledged. The join reads the object
    itself; its checksum is a read of its own.
    """
    ingestion.file_checksum = object_checksum(deps.blobs, ingestion.bucket, ingestion.object)
    out = ingest_part(deps, ingestion, part, dialect)
    ingestion.held, ingestion.skipped, ingestion.note = out.held, out.skipped, out.note
    ingestion.derived = out.derived
    return _Counts(out.rows_read, out.accepted, out.rejected, 0)


def write_line_catalogue(deps: Deps, ingestion: Ingestion, catalogue: CatalogueCollector | None) -> str | None:
    """Write the products a sales file names (for SKUs without a product row) as a products upload.

    The object goes next to the sales file under ``raw/{tenant}/products/`` and is ingested like any upload;
    its name is fixed per ingestion, so a retried attempt rewrites the same file (and its rows dedupe).
    Returns the object name, or ``None`` when there was nothing to add.
    """
    if catalogue is None or not catalogue.products:
        return None
    data = catalogue.to_csv(exclude=catalogued_skus(deps.warehouse, ingestion.tenant_id))
    if data is None:
        return None
    name = f"{RAW_PREFIX}/{ingestion.tenant_id}/products/from-sales/{ingestion.ingestion_id}.csv"
    original = ingestion.original_filename or ingestion.object.rsplit("/", 1)[-1]
    deps.blobs.write(ingestion.bucket, name, data, content_type="text/csv",
                     metadata={"tenant_id": ingestion.tenant_id, "source": "sales-catalogue",
                               "original_filename": f"{original} (product names)"[:200]})
    log_event(_log, "catalogue from sales lines", object=name, products=data.count(b"\n") - 1,
              truncated=catalogue.truncated)
    return name


def _outcome(ingestion: Ingestion) -> dict[str, Any]:
    """The record fields an attempt settles (status, attempts and lease are the state machine's)."""
    fields = ingestion.to_document()
    for key in ("status", "attempts", "started_at", "finished_at", "published_at"):
        fields.pop(key, None)
    return fields
