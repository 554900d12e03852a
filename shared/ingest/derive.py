"""Required fields ingest derives when a file has no column for them (``headers.DERIVABLE``).

Review exports often carry no review id (Amazon's public review dumps, survey tools): the id is then a hash
of the review's own content (product, date, author, title, text), so uploading the same export twice stores
each review once and two different reviews never share an id by accident.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from shared import regex as re
from shared.ingest.headers import a_purchase_a_row
from shared.ingest.names import normalise_header
from shared.models.records import DataKind

#: The columns a derived review id hashes, in this order (those the file has).
_REVIEW_CONTENT = ("sku", "date", "author", "title", "text", "rating")


def derive_missing(kind: DataKind, raw: pd.DataFrame, as_of: date | None = None, *,
                   stamped: bool = False) -> pd.DataFrame:
    """``raw`` (source text per mapped field) with the derivable fields it lacks filled in.

    A stock file without a date column (Maven's Mexico Toys ``inventory.csv``: ``Store_ID,Product_ID,
    Stock_On_Hand``; the BikeStores ``stocks.csv``) is a count of what is on hand now: it is dated ``as_of``, the
    day it was uploaded (``INVENTORY_AS_OF_UPLOAD`` in the note), as a stock take is dated the day it is taken.
    ``stamped``: each row carries its time of day (``headers.ColumnMapping.stamped``), so it is one event.
    """
    if kind is DataKind.REVIEWS and "review_id" not in raw:
        raw = raw.assign(review_id=derived_review_ids(raw))
    if kind is DataKind.INVENTORY and "date" not in raw and as_of is not None:
        raw = raw.assign(date=as_of.isoformat())
    if kind is DataKind.REVIEWS and "sku" not in raw:
        raw = raw.assign(sku=ONE_PRODUCT)
    if kind is DataKind.SALES and "units" not in raw and counts_beside_totals(raw):
        # Ta Feng's AMOUNT (read as money) below its SALES_PRICE (read as a unit price) on every line: the count sold
        # and the line's money
        raw = raw.rename(columns={"revenue": "units", "unit_price": "revenue"})
    if kind is DataKind.SALES and "units" not in raw and ("order_item_id" in raw or "unit_price" in raw
                                                       or a_purchase_a_row(set(raw.columns), stamped=stamped)):
        # a marketplace that writes an order item a row (Lazada, Kaufland's order units) has no quantity: one each; so
        # does a resale or app store's row at its price (Depop's, Poshmark's listing sold, a Google Play charge)
        # and a customer's purchase with its money (Coffee Sales' cup, Fashion Retail Sales' item: a purchase a row)
        raw = raw.assign(units="1")
        if "revenue" in raw and "unit_price" not in raw and "order_item_id" not in raw:
            # a purchase with no money paid (Fashion Retail Sales' empty Purchase Amount) says nothing was sold:
            # rejected with the reason, not kept as a unit sold for nothing
            paid = raw["revenue"].notna() & (raw["revenue"].astype(str).str.strip() != "")
            raw = raw.assign(units=raw["units"].where(paid, None))
    return raw


def counts_beside_totals(raw: pd.DataFrame) -> bool:
    """Whether a sales chunk's "revenue" is a count of units and its "unit price" the line's money.

    A bare ``Amount`` is money in most exports and a quantity in some (Ta Feng's ``AMOUNT`` beside ``SALES_PRICE``).
    A line's money is never below its unit price on every line of a file; where the "revenue" is a whole number no
    greater than the "price" on every line, and smaller on most, the two were read the wrong way round.
    """
    if "revenue" not in raw or "unit_price" not in raw or not len(raw):
        return False
    amount = pd.to_numeric(raw["revenue"].astype(str).str.strip(), errors="coerce")
    price = pd.to_numeric(raw["unit_price"].astype(str).str.strip(), errors="coerce")
    given = amount.notna() & price.notna()
    if given.sum() < max(1, len(raw) // 2):
        return False
    amount, price = amount[given], price[given]
    return bool((amount >= 1).all() and (amount == amount.round()).all() and (amount <= price).all()
                and (amount < price).mean() > 0.5 and price.max() > amount.max())


#: Words of how an order was paid, as exports write them (DataCo's ``DEBIT``, ``TRANSFER``, ``CASH``, ``PAYMENT``)
_PAYMENT_WORDS = re.compile(r"^(?:cash|card|credit|debit|credit card|debit card|transfer|bank transfer|wire|paypal|"
                            r"payment|cheque|check|cod|cash on delivery|voucher|gift card|upi|wallet|e-?wallet|"
                            r"mobile payment|apple pay|google pay|klarna|boleto|pix|invoice|direct debit|"
                            r"online|online payment)$", re.I)
#: A way of paying that is also a channel's name: a column of it alone says nothing of how orders were paid
_ALSO_A_CHANNEL = re.compile(r"^online(?: payment)?$", re.I)
#: Bare names of a column that may hold them (DataCo's ``Type``)
_BARE_PAYMENT_HEADERS = frozenset({"type", "method", "mode"})
#: Names of a column read as the line's status where none is named that may hold them instead (the Fast Food Sales
#: Report's ``transaction_type``: ``Cash``, ``Online``)
_TYPE_OF_TRANSACTION = frozenset({"transactiontype", "txntype"})


def payment_words_column(frame: pd.DataFrame, headers: tuple[str, ...], mapped: dict[int, str]) -> int | None:
    """How each order was paid, in a column not read as it: a bare ``Type`` or a transaction type of payment words.

    An unmapped column of a bare name (``Type``), or a transaction type read as the status, whose every value is a
    way of paying.

    DataCo's export names its payment ``Type`` (``DEBIT``, ``TRANSFER``, ``CASH``, ``PAYMENT``), the Fast Food Sales
    Report its ``transaction_type`` (``Cash``, ``Online``, empty); a type column of anything else (a product type, a
    Sale or Refund) is left as it is.
    """
    for i, header in enumerate(headers):
        name = normalise_header(header)
        if not ((i not in mapped and name in _BARE_PAYMENT_HEADERS)
                or (mapped.get(i) == "status" and name in _TYPE_OF_TRANSACTION)):
            continue
        values = frame[f"c{i}"].dropna().astype(str).str.strip()
        values = values[values != ""]
        if len(values) and values.str.match(_PAYMENT_WORDS).all() and not values.str.match(_ALSO_A_CHANNEL).all():
            return i
    return None


def stamped_orders(raw: pd.DataFrame, times: pd.Series) -> pd.DataFrame:
    """Each row's order of a sales chunk without order ids whose rows carry their time of day: its moment.

    The moment is the row's date and time, and its customer where one is named.

    Without it, a row is its customer's day's order (``sales._sessionless_orders``: a card's two cups of one day one
    order) or, naming no customer, an order of its own whose content alone keys it (two cups of one coffee on one
    day, paid alike, one line): the Coffee Sales Dataset's ``Time`` ``10:15:50.520000`` tells each cup's sale apart.
    A row with no time keeps the reading it had.
    """
    clock = times.astype(str).str.strip()
    if "date" not in raw:
        return raw
    timed = times.notna() & (clock != "") & raw["date"].notna()
    if not timed.any():
        return raw
    moment = "at-" + raw["date"].astype(str).str.strip() + "T" + clock
    if "customer_id" in raw:
        moment = moment + "-" + raw["customer_id"].fillna("").astype(str).str.strip()
    return raw.assign(order_id=moment.where(timed, None))


#: The note of a stock file without dates (``derive_missing``).
INVENTORY_AS_OF_UPLOAD = ("no date column: the stock counts are what is on hand now, dated the day they were "
                          "uploaded")
#: The product of a review set that names none (a hotel's, an app's reviews): every review is of it.
ONE_PRODUCT = "all reviewed"


def derived_review_ids(raw: pd.DataFrame) -> pd.Series:
    """A stable id per row from its content: ``"h-"`` + 16 hex digits of a 64-bit hash."""
    content = raw[[c for c in _REVIEW_CONTENT if c in raw]].fillna("").astype(str)
    # hash_pandas_object's default key is fixed, so the same row gives the same id in every process
    hashed = pd.util.hash_pandas_object(content, index=False)
    return pd.Series([f"h-{h:016x}" for h in hashed.to_numpy()], index=raw.index, dtype=object)


def products_from(raw: pd.DataFrame, field: str) -> pd.DataFrame:
    """A sales file without a SKU column: each line's product is its ``field`` (its name, else its category).

    The SKU is that name; a category standing for the product is its title too (for the catalogue written from
    sales lines), so "which product sold the most" and "which category sold the most" both answer by category
    (``ColumnMapping.sku_stand_in``).
    """
    named = raw[field]
    return raw.assign(sku=_as_sku(named), **({} if "product_title" in raw else {"product_title": named}))


#: A SKU's longest form (``SaleRecord.sku``); a longer name keeps its start and a hash of the whole.
_MAX_SKU = 128


def _as_sku(names: pd.Series) -> pd.Series:
    """Names as SKUs; one longer than a SKU may be is cut to its start plus 16 hex digits of a hash of it all.

    Two long names that start alike stay two products, and the same name is the same SKU in every file.
    """
    text = names.astype(object)
    long = text.map(lambda v: isinstance(v, str) and len(v.strip()) > _MAX_SKU)
    if not long.any():
        return names
    hashed = pd.util.hash_pandas_object(text[long].astype(str).str.strip(), index=False)
    cut = [f"{v.strip()[:_MAX_SKU - 18]}~{h:016x}" for v, h in zip(text[long], hashed.to_numpy(), strict=True)]
    return text.where(~long, pd.Series(cut, index=text[long].index, dtype=object))


#: Separators of a category written as a path, most specific last (``Computers&Accessories|Cables|USBCables``,
#: ``Clothing >> Women's Clothing``).
_PATH = r"\s*(?:\||>>?)\s*"
#: What wraps a path written as a one-item JSON list (Flipkart: ``["Clothing >> Women's Clothing"]``).
_WRAPPING = "[]\"' "


def top_levels(raw: pd.DataFrame, fields: frozenset[str]) -> pd.DataFrame:
    """``raw`` with each of ``fields`` present cut to the first part of its path (``A|B|C`` -> ``A``)."""
    cut = {f: raw[f].astype(object).where(raw[f].isna(), raw[f].astype(str).str.strip(_WRAPPING)
                                          .str.split(_PATH, n=1, regex=True).str[0])
           for f in fields if f in raw}
    return raw.assign(**cut) if cut else raw


def filled_from(raw: pd.DataFrame, frame: pd.DataFrame, headers: tuple[str, ...],
                fill: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """``raw`` with each field of ``fill`` taken, where its cell is empty, from the first non-empty of its columns.

    A catalogue that names no products (dunnhumby's Complete Journey: a product type, a category and a department
    per product) gets a title from the most specific of them a row has. ``frame`` holds the chunk's cells by column
    position (``c0``, ``c1``, ...) and ``headers`` the published header, so unmapped columns can fill.
    """
    position = {normalise_header(h): i for i, h in enumerate(headers)}
    filled: dict[str, pd.Series] = {}
    for field, columns in fill.items():
        value = raw[field].astype(object) if field in raw else pd.Series(None, index=raw.index, dtype=object)
        for column in columns:
            i = position.get(normalise_header(column))
            if i is None:
                continue
            empty = value.isna() | (value.astype(str).str.strip() == "")
            if not empty.any():
                break
            value = value.where(~empty, frame[f"c{i}"].astype(object))
        filled[field] = value
    return raw.assign(**filled) if filled else raw


#: A number in exponent form, as R and other programs print very small or large floats (``1.110223e-16``).
_EXPONENT = r"^\s*[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+\s*$"


def plain_exponents(raw: pd.DataFrame, fields: frozenset[str]) -> pd.DataFrame:
    """``raw`` with the cells of ``fields`` written in exponent form rewritten as plain decimals (to 12 places).

    The R package of dunnhumby's Complete Journey carries floating-point dust (``sales_value`` ``1.110223e-16``)
    that R writes in exponent form; the money grammar reads no exponents (a ``1e5`` in a merchant's price column
    is a typo more often than a number), so only a profile that says its program writes them reads them.
    """
    changed: dict[str, pd.Series] = {}
    for field in fields:
        if field not in raw:
            continue
        text = raw[field].astype(object)
        hit = text.notna() & text.astype(str).str.contains("e", case=False, regex=False)
        hit &= text.where(hit, "").astype(str).str.match(_EXPONENT)
        if hit.any():
            plain = [_plain(float(v)) for v in text[hit]]
            changed[field] = text.where(~hit, pd.Series(plain, index=text[hit].index, dtype=object))
    return raw.assign(**changed) if changed else raw


def _plain(value: float) -> str:
    """``value`` to 12 decimal places, trailing zeros dropped; dust that rounds to zero is ``0`` (never ``-0``)."""
    text = f"{value:.12f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: Rows a file must show with both a SKU and a product name before its SKU column is judged (``skus_name_each_sale``)
_LISTING_ROWS = 30


def skus_name_each_sale(raw: pd.DataFrame) -> bool | None:
    """Whether the SKU column names each sale's own listing, not the product: judged once per file, None until shown.

    A marketplace of one-off copies writes the listing of each copy sold (Discogs' ``item_id``: one listing per copy of
    a record, its ``description`` the record): read as SKUs, every sale was a product of its own. Where on at least
    ``_LISTING_ROWS`` named rows no SKU repeats while the names do (at most half as many names as rows), the SKU column
    is the sale's, and the product is its name (``listings_as_names``).
    """
    if "sku" not in raw or "product_title" not in raw:
        return False
    sku, title = raw["sku"].astype(object), raw["product_title"].astype(object)
    named = sku.notna() & title.notna() & (sku.astype(str).str.strip() != "") & (title.astype(str).str.strip() != "")
    if int(named.sum()) < _LISTING_ROWS:
        return None
    skus, titles = sku[named].astype(str).str.strip(), title[named].astype(str).str.strip()
    return bool(skus.nunique() == len(skus) and titles.nunique() * 2 <= len(titles))


def listings_as_names(raw: pd.DataFrame) -> pd.DataFrame:
    """Each line's product is its name where the SKU column names each sale's listing (``skus_name_each_sale``)."""
    title = raw["product_title"].astype(object)
    named = title.notna() & (title.astype(str).str.strip() != "")
    return raw.assign(sku=raw["sku"].astype(object).where(~named, _as_sku(title.where(named, None).astype(str)
                                                                           .str.strip())))


def ids_name_each_sale(ids: pd.Series) -> bool:
    """Whether an id column of the thing sold names each row's own (``headers.SALE_ID``): every row one, none twice.

    Then each row is a sale of its own, its id the order's (a car a row, its VIN); judged once per file, on its first
    chunk. An id written twice names a product sold again, not a sale, and the file keeps no orders of its own.
    """
    text = ids.astype(object).where(ids.notna(), "").astype(str).str.strip()
    return len(text) > 1 and bool((text != "").all()) and text.nunique() == len(text)


def tickets_of_one_event(raw: pd.DataFrame, tier: str) -> bool:
    """Whether a file naming its event and its ticket types (column ``tier``) sells one event: its tickets the products.

    Judged on the file's first chunk: one event's name on every named row and more than one ticket type.
    """
    if tier not in raw or "product_title" not in raw:
        return False
    events = raw["product_title"].astype(object).dropna().astype(str).str.strip()
    tickets = raw[tier].astype(object).dropna().astype(str).str.strip()
    return events[events != ""].nunique() == 1 and tickets[tickets != ""].nunique() > 1


def tickets_as_products(raw: pd.DataFrame, tier: str) -> pd.DataFrame:
    """Each line's product is its ticket type (where named) in a file of one event (``tickets_of_one_event``)."""
    ticket = raw[tier].astype(object)
    named = ticket.notna() & (ticket.astype(str).str.strip() != "")
    return raw.assign(product_title=raw["product_title"].astype(object).where(~named, ticket.astype(str).str.strip()))


def named_by_title(raw: pd.DataFrame) -> pd.DataFrame:
    """A sales line with an empty SKU cell but a product name is that product: its SKU is the name.

    Marketplace and point-of-sale exports carry a SKU column that merchants fill for some items only (Etsy's
    ``SKU``, eBay's ``Custom Label``, Square's ``SKU``); the item's name is what names the others. A line with
    neither stays without a SKU (and is rejected saying so).
    """
    if "sku" not in raw or "product_title" not in raw:
        return raw
    sku = raw["sku"].astype(object)
    empty = sku.isna() | (sku.astype(str).str.strip() == "")
    title = raw["product_title"].astype(object)
    named = title.notna() & (title.astype(str).str.strip() != "")
    use = empty & named
    if not use.any():
        return raw
    return raw.assign(sku=sku.where(~use, _as_sku(title.where(use, None).astype(str).str.strip())))


def filled_down(raw: pd.DataFrame, fields: frozenset[str], above: dict[str, object]) -> pd.DataFrame:
    """Empty cells of ``fields`` take the value above them (``above`` carries the last one across chunks).

    Shopify's products export writes a product's title, vendor and type on its first variant's row only.
    """
    filled: dict[str, pd.Series] = {}
    for name in sorted(fields & set(raw.columns)):
        text = raw[name].astype(object)
        present = text.notna() & (text.astype(str).str.strip() != "")
        carried = text.where(present, None).ffill()
        if name in above:
            carried = carried.fillna(above[name])  # type: ignore[arg-type]
        if present.any():
            above[name] = text[present].iloc[-1]
        filled[name] = text.where(present, carried)
    return raw.assign(**filled) if filled else raw


def summary_rows(raw: pd.DataFrame, field: str, lines: frozenset[str] = frozenset()) -> np.ndarray:
    """An export's summary rows: empty ``field`` cells (eBay's order row above its items), or none of ``lines``.

    With ``lines`` (lower-case) a row is a summary when its cell is none of them (Lightspeed X-Series' Sale and
    Payment rows beside its Sale Lines).
    """
    if field not in raw:
        return np.zeros(len(raw), dtype=bool)
    text = raw[field].astype(object)
    if lines:
        words = text.where(text.notna(), "").astype(str).str.strip().str.lower()
        return np.asarray(~words.isin(lines).to_numpy(), dtype=bool)
    return np.asarray((text.isna() | (text.astype(str).str.strip() == "")).to_numpy(), dtype=bool)


def repeated_rows(raw: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """``raw`` with each row's units the number of times the chunk writes it, and the mask of the repeats.

    For an export whose repeated row is one more unit of the same line (``ExportProfile.repeats_are_units``): the
    first row carries them all, the repeats are skipped and counted, never dropped as duplicates (units lost).
    """
    if raw.empty:
        return raw, np.zeros(0, dtype=bool)
    keys = _row_keys(raw)
    repeats = np.asarray(keys.duplicated().to_numpy(), dtype=bool)
    counts = keys.map(keys.value_counts())
    given = raw["units"] if "units" in raw else pd.Series("1", index=raw.index, dtype=object)
    first_units = pd.to_numeric(given, errors="coerce")
    units = given.astype(object).where(first_units.isna(), (first_units * counts).map(lambda v: f"{v:g}"))
    # a row's own amounts are the row's: the first row carries the repeats' too (Lazada's Refund Amount per item);
    # plain numbers only (a cell in another notation is kept as written)
    amounts = {}
    for name in _ROW_AMOUNTS & set(raw.columns):
        value = pd.to_numeric(raw[name], errors="coerce")
        amounts[name] = raw[name].astype(object).where(value.isna() | (counts == 1),
                                                       (value * counts).round(2).map(lambda v: f"{v:.2f}"))
    return raw.assign(units=units, **amounts), repeats


def _row_keys(raw: pd.DataFrame) -> pd.Series:
    """A hash of each row's cells: rows written again cell for cell share it."""
    cells = raw.astype(object).where(raw.notna(), "").astype(str)
    return pd.util.hash_pandas_object(cells, index=False)


def first_rows(raw: pd.DataFrame) -> np.ndarray:
    """Each row's position of the first row written with the same cells (its own for a first row).

    Taken before ``repeated_rows`` sums the repeats into the first row, so that a further unit of a rejected row is
    rejected with it (a cancelled item's second unit is no more a sale than its first), not skipped as a unit counted
    in a line that is not stored.
    """
    if raw.empty:
        return np.zeros(0, dtype=np.int64)
    keys = _row_keys(raw).to_numpy()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return np.asarray(first[inverse.reshape(-1)], dtype=np.int64)


#: Per-row money a repeated row adds to its first row (``repeated_rows``); a unit price is the same for every unit.
_ROW_AMOUNTS = frozenset({"revenue", "refund", "discount", "line_net", "line_cost", "line_profit"})
