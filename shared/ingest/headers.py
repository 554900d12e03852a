"""Header aliases: map a file's column names to record fields, and detect the kind from a header.

Names are compared case-, space- and punctuation-insensitively (``Units Sold`` == ``units_sold``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared.errors import InvalidInput
from shared.models.records import RECORD_MODELS, DataKind

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

_COMMON: dict[str, tuple[str, ...]] = {
    "sku": ("product_id", "item_sku", "productid", "item_id", "sku_id", "product_sku", "article", "item", "seller_sku"),
    "date": ("order_date", "day", "sale_date", "txn_date", "transaction_date", "observed_at", "observed_date",
             "review_date", "snapshot_date", "as_of", "created_at", "timestamp"),
    "currency": ("currency_code", "ccy", "curr"),
    "channel": ("sales_channel", "marketplace", "platform", "source_channel"),
}

ALIASES: dict[DataKind, dict[str, tuple[str, ...]]] = {
    DataKind.SALES: {
        "units": ("qty", "quantity", "units_sold", "quantity_sold", "qty_sold", "units_ordered"),
        "unit_price": ("price", "item_price", "sale_price", "selling_price"),
        "revenue": ("sales", "total", "amount", "line_total", "gross_sales", "net_sales", "total_sales"),
        "order_id": ("order", "order_number", "order_no", "transaction_id", "txn_id"),
        "promo": ("on_promo", "promotion", "is_promo", "promo_flag"),
    },
    DataKind.PRODUCTS: {
        "title": ("name", "product_name", "product_title", "item_name", "description_short"),
        "brand": ("manufacturer", "vendor", "make"),
        "category": ("product_category", "product_type", "department"),
        "price": ("list_price", "our_price", "retail_price", "selling_price"),
        "cost": ("unit_cost", "cogs", "cost_price", "purchase_price"),
        "map_price": ("map", "min_advertised_price", "minimum_advertised_price"),
        "msrp": ("rrp", "recommended_price"),
        "gtin": ("ean", "upc", "barcode", "gtin13", "gtin14"),
    },
    DataKind.REVIEWS: {
        "review_id": ("id", "reviewid", "review_number"),
        "rating": ("stars", "score", "star_rating", "review_rating"),
        "title": ("headline", "summary", "review_title"),
        "text": ("body", "review", "review_text", "content", "comment", "review_body"),
        "author": ("reviewer", "user", "customer", "reviewer_name", "author_name"),
        "verified": ("verified_purchase", "is_verified"),
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
                    "units_on_hand", "onhand"),
        "on_order": ("incoming", "qty_on_order", "inbound", "on_po"),
        "lead_time_days": ("lead_time", "leadtime", "lead_days"),
        "location": ("warehouse", "store", "site", "location_id", "warehouse_id"),
    },
}


def normalise_header(name: str) -> str:
    """Case/space/punctuation-insensitive form of a column name (``"Units Sold "`` -> ``"unitssold"``)."""
    return _NON_ALNUM.sub("", name.strip().lstrip("\ufeff").lower())


def alias_table(kind: DataKind) -> dict[str, str]:
    """Normalised alias -> field for ``kind`` (every field also matches its own name)."""
    fields = RECORD_MODELS[kind].model_fields
    table: dict[str, str] = {}
    for field in fields:
        table[normalise_header(field)] = field
    for field, aliases in {**_COMMON, **ALIASES[kind]}.items():
        if field not in fields:
            continue
        for alias in aliases:
            table.setdefault(normalise_header(alias), field)
    return table


def required_fields(kind: DataKind) -> list[str]:
    """Fields a file of ``kind`` must carry a column for."""
    return [name for name, info in RECORD_MODELS[kind].model_fields.items() if info.is_required()]


@dataclass(frozen=True)
class ColumnMapping:
    """Which source column feeds which field; unmapped source columns map to ``None``."""

    kind: DataKind
    headers: tuple[str, ...]
    fields: dict[int, str]  # source column index -> field

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
    def missing_required(self) -> list[str]:
        """Required fields no column maps to."""
        present = set(self.fields.values())
        return [f for f in required_fields(self.kind) if f not in present]


def map_columns(headers: list[str] | tuple[str, ...], kind: DataKind) -> ColumnMapping:
    """Map ``headers`` to ``kind``'s fields: exact field names win over aliases, then the first alias."""
    table = alias_table(kind)
    fields: dict[int, str] = {}
    taken: set[str] = set()
    normalised = [normalise_header(h) for h in headers]
    exact = {n for n in normalised if n in {normalise_header(f) for f in RECORD_MODELS[kind].model_fields}}
    for i, norm in enumerate(normalised):  # exact names first
        if norm in exact and table[norm] not in taken:
            fields[i] = table[norm]
            taken.add(table[norm])
    for i, norm in enumerate(normalised):
        field = table.get(norm)
        if i not in fields and field is not None and field not in taken:
            fields[i] = field
            taken.add(field)
    return ColumnMapping(kind=kind, headers=tuple(headers), fields=fields)


def require_columns(mapping: ColumnMapping) -> ColumnMapping:
    """``mapping``, or ``InvalidInput`` naming the missing fields and the columns seen."""
    missing = mapping.missing_required
    if missing:
        raise InvalidInput(
            f"{mapping.kind.value} file is missing required column(s) {', '.join(missing)}; "
            f"columns seen: {', '.join(mapping.headers)}",
            details={"missing": missing, "columns": list(mapping.headers)},
        )
    return mapping


def detect_kind(headers: list[str] | tuple[str, ...]) -> DataKind:
    """The kind whose required fields are all present, preferring the one mapping the most columns."""
    candidates: list[tuple[int, int, DataKind]] = []
    for order, kind in enumerate(DataKind):
        mapping = map_columns(headers, kind)
        if not mapping.missing_required:
            specific = len(required_fields(kind))
            candidates.append((len(mapping.fields) + specific, -order, kind))
    if not candidates:
        raise InvalidInput(
            f"cannot tell the kind of data from the header; columns seen: {', '.join(headers)}",
            details={"columns": list(headers)},
        )
    return max(candidates)[2]
