"""Reads behind a tenant's question vocabulary, and its cache keyed by the tenant's data version.

Statements are sqlglot expressions carrying the tenant predicate, run through ``Warehouse.run``. The built
vocabulary is kept in process and in the document store (``tenants/{t}/meta/vocabulary``) under the data
version, so a ``data-updated`` event (which bumps the version) makes the next question rebuild it, and a new
CLI process does not have to read the warehouse again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import pandas as pd
from sqlglot import exp

from shared.models.records import RECORD_MODELS, DataKind
from shared.ports import DocumentStore, Warehouse
from shared.questions.goods import goods_nouns
from shared.questions.vocabulary import ProductName, Vocabulary
from shared.store.documents.caches import meta_collection
from shared.store.documents.ingestions import ingestions_collection
from shared.store.extent import data_extent, undated_rows
from shared.store.statements import TENANT, param, tenant_predicate

#: Names per kind the vocabulary keeps at most (a catalogue larger than this keeps its best sellers).
MAX_PRODUCTS = 20_000
MAX_NAMES = 500
_DOC_ID = "vocabulary"
#: Bumped when the cached document's shape changes, so older caches are rebuilt rather than misread.
#: 3: sales_columns says whether sales lines name a currency; 4: undated reviews; 5: promo flag; 6: countries,
#: regions, states; 7: the SKUs of reviews (a tenant with reviews only names its products by them); 8: how many
#: catalogue products have a price; 9: whether the sales lines carry prices at all; 10: payment methods, sellers;
#: 12: whether sales lines carry a time of day (``sales_columns``).
VOCABULARY_SCHEMA = 12
#: Products past which the vocabulary is not written to the document store (Firestore documents are <= 1 MiB).
MAX_CACHED_PRODUCTS = 3_000
# keyed by the warehouse object too (held in the value, so its id cannot be reused while cached)
_MEMORY: OrderedDict[tuple[int, str, int], tuple[Warehouse, Vocabulary]] = OrderedDict()
_MEMORY_SIZE = 64
_LOCK = threading.Lock()


_PRODUCT_COLUMNS = ("sku", "title", "brand", "category", "asin", "gtin", "currency")


def products_statement() -> exp.Select:
    """SKU, title, brand, category and marketplace ids of the tenant's catalogue."""
    return (exp.select(*_PRODUCT_COLUMNS)
            .from_("products").where(tenant_predicate()).order_by("sku").limit(MAX_PRODUCTS))


#: SKU and title rows read to find a capped catalogue's other products of its kept titles (bounds the read).
MAX_TITLED_SKUS = 500_000


def titles_statement() -> exp.Select:
    """SKU and title of the tenant's titled products (at most ``MAX_TITLED_SKUS``)."""
    return (exp.select("sku", "title").from_("products")
            .where(exp.and_(tenant_predicate(), exp.column("title").is_(exp.null()).not_()))
            .order_by("sku").limit(MAX_TITLED_SKUS))


def _same_titles(rows: pd.DataFrame, kept: list[ProductName]) -> dict[str, list[str]]:
    """The SKUs outside ``kept`` per title of a kept product: a title match then reads every product of it.

    The best sellers kept hold 92% of the real Complete Journey's sales lines; without these, "how many units of
    angus beef" left out the 8% sold by the products of the same titles past the cut.
    """
    titles = {p.title for p in kept if p.title}
    inside = {p.sku for p in kept}
    same: dict[str, list[str]] = {}
    for sku, title in zip(rows["sku"].astype(str), rows["title"].astype(str), strict=True):
        if title in titles and sku not in inside:
            same.setdefault(title, []).append(sku)
    return same


def best_selling_products_statement() -> exp.Select:
    """:func:`products_statement` for a catalogue past ``MAX_PRODUCTS``: its best sellers (by sales lines), by SKU.

    The first 20,000 SKUs in sort order left out a grocer's best seller (SKU 6534178 of 92,331, gasoline): "how much
    gasoline did we sell" matched the two gasoline products inside the cut, which had sold nothing. The products
    sold most are the ones asked about.
    """
    lines = (exp.select("sku", exp.alias_(exp.func("COUNT", exp.Star()), "lines")).from_("sales")
             .where(tenant_predicate()).group_by("sku").subquery("sold"))
    ranked = (exp.select(*(exp.column(c, "p") for c in _PRODUCT_COLUMNS)).from_("products AS p")
              .join(lines, on=exp.column("sku", "p").eq(exp.column("sku", "sold")), join_type="left")
              .where(tenant_predicate("p"))
              .order_by(exp.Ordered(this=exp.func("COALESCE", exp.column("lines", "sold"), exp.Literal.number(0)),
                                    desc=True), exp.column("sku", "p"))
              .limit(MAX_PRODUCTS).subquery("best"))
    return exp.select(*(exp.column(c, "best") for c in _PRODUCT_COLUMNS)).from_(ranked).order_by(
        exp.column("sku", "best"))


def priced_count_statement() -> exp.Select:
    """How many of the tenant's catalogue products have a price (their prices answer "our most expensive product")."""
    return (exp.select(exp.alias_(exp.func("COUNT", exp.Star()), "n")).from_("products")
            .where(exp.and_(tenant_predicate(), exp.column("price").is_(exp.null()).not_())))


def catalogue_count_statement(categories: int = 0, brands: int = 0) -> exp.Select:
    """How many products the tenant's catalogue holds, past ``MAX_PRODUCTS`` too.

    With ``categories``/``brands``, only those in one of the parameters ``@category0``... / ``@brand0``...
    (lower-cased values).
    """
    conditions: list[exp.Expr] = [tenant_predicate()]
    for column, n in (("category", categories), ("brand", brands)):
        if n:
            lowered = exp.func("LOWER", exp.column(column))
            conditions.append(lowered.isin(*(param(f"{column}{i}") for i in range(n))))
    return exp.select(exp.alias_(exp.func("COUNT", exp.Star()), "n")).from_("products").where(exp.and_(*conditions))


def distinct_statement(table: str, column: str, limit: int = MAX_NAMES) -> exp.Select:
    """The distinct non-empty values of ``table.column`` for the tenant, most frequent first."""
    col = exp.column(column)
    return (exp.select(col.copy()).from_(table)
            .where(exp.and_(tenant_predicate(), col.copy().is_(exp.null()).not_()))
            .group_by(col.copy()).order_by(exp.Ordered(this=exp.func("COUNT", exp.Star()), desc=True))
            .limit(limit))


#: Sales columns an export may lack; metrics that need them are refused plainly when they are empty.
OPTIONAL_SALES_COLUMNS = ("discount", "refund", "returned_units", "customer_hash", "currency", "promo", "time_of_day")


def optional_columns_statement() -> exp.Select:
    """How many of the tenant's sales rows carry each optional column."""
    return exp.select(*[exp.Count(this=exp.column(c)).as_(c) for c in OPTIONAL_SALES_COLUMNS]).from_(
        "sales").where(tenant_predicate())


def priced_sales_statement() -> exp.Select:
    """How many of the tenant's sales lines there are, and how many carry a price or a line total above 0."""
    priced = exp.Add(this=exp.Count(this=exp.column("unit_price")),
                     expression=exp.Count(this=exp.func("NULLIF", exp.column("revenue"), exp.Literal.number(0))))
    return exp.select(exp.alias_(exp.func("COUNT", exp.Star()), "n"), exp.alias_(priced, "priced")).from_(
        "sales").where(tenant_predicate())


def city_regions_statement() -> exp.Select:
    """How many of the tenant's sales lines carry a region, and how many of those a file's City column gave."""
    # imported here: the ingestion modules behind it (pandas readers, pyarrow parsers) cost every question's cold
    # start 0.1 s of CPU, and the flag is read once per data version
    from shared.ingest.places import CITY_FLAG

    region = exp.column("region")
    flagged = exp.func("COALESCE", exp.column("quality_flags"), exp.Literal.string("")).like(
        exp.Literal.string(f'%"{CITY_FLAG}"%'))
    with_region = region.copy().is_(exp.null()).not_()
    return exp.select(exp.alias_(exp.Count(this=region.copy()), "n"),
                      exp.alias_(exp.func("COUNT_IF", exp.and_(with_region, flagged)), "cities")).from_(
        "sales").where(tenant_predicate())


def _city_regions(frame: pd.DataFrame) -> bool:
    """Most of the lines with a region had it from a City column (``places.CITY_FLAG``)."""
    n = int(frame["n"].iloc[0] or 0) if len(frame) else 0
    return n > 0 and 2 * int(frame["cities"].iloc[0] or 0) >= n


def _unpriced(frame: pd.DataFrame) -> bool:
    """Sales lines exist and none carries a price (a file of units only)."""
    return bool(len(frame)) and int(frame["n"].iloc[0] or 0) > 0 and int(frame["priced"].iloc[0] or 0) == 0


def _strings(df: pd.DataFrame, column: str) -> list[str]:
    return [str(v) for v in df[column].tolist() if v is not None and not pd.isna(v) and str(v).strip()]


def read_vocabulary(warehouse: Warehouse, tenant_id: str, version: int = 0) -> Vocabulary:
    """Build the tenant's vocabulary from its products, sales, competitor prices and reviews."""
    params = {TENANT: tenant_id}
    counted = warehouse.run(catalogue_count_statement(), params)
    capped = bool(len(counted)) and int(counted["n"].iloc[0] or 0) > MAX_PRODUCTS
    # a catalogue past the cap keeps the products that sell
    products = warehouse.run(best_selling_products_statement() if capped else products_statement(), params)
    names = []
    for row in products.itertuples(index=False):
        def text(v: Any) -> str | None:
            return None if v is None or (isinstance(v, float) and pd.isna(v)) or not str(v).strip() else str(v)

        names.append(ProductName(sku=str(row.sku), title=text(row.title) or "", brand=text(row.brand),
                                 category=text(row.category),
                                 aliases=[a for a in (text(row.asin), text(row.gtin)) if a]))
    sold = warehouse.run(distinct_statement("sales", "sku", MAX_PRODUCTS), params)
    # a tenant with reviews only (Amazon Fine Food Reviews: no catalogue, no sales) names its products by them
    reviewed = warehouse.run(distinct_statement("reviews", "sku", MAX_PRODUCTS), params)
    channels = warehouse.run(distinct_statement("sales", "channel"), params)
    places = {c: _strings(warehouse.run(distinct_statement("sales", c), params), c)
              for c in ("country", "region", "state", "payment_method", "seller")}
    competitors = warehouse.run(distinct_statement("competitor_prices", "competitor"), params)
    currency = warehouse.run(distinct_statement("sales", "currency", 1), params)
    currencies = _strings(currency, "currency") or _strings(products, "currency")[:1]
    counts = warehouse.run(optional_columns_statement(), params)
    present = [c for c in OPTIONAL_SALES_COLUMNS if len(counts) and int(counts.iloc[0][c] or 0) > 0]
    extents = {}
    for kind in DataKind:
        if "date" in RECORD_MODELS[kind].model_fields and (e := data_extent(warehouse, tenant_id, kind)) is not None:
            extents[kind.value] = (e.first, e.last)
    skus = list(dict.fromkeys([*_strings(sold, "sku"), *_strings(reviewed, "sku")]))[:MAX_PRODUCTS]
    priced = warehouse.run(priced_count_statement(), params)
    same = _same_titles(warehouse.run(titles_statement(), params), names) if capped else {}
    # past the cap, every brand and category of the catalogue, not only the kept products' ("how did Zenith sell")
    whole = {c: _strings(warehouse.run(distinct_statement("products", c), params), c) if capped else []
             for c in ("brand", "category")}
    return Vocabulary(tenant_id=tenant_id, version=version, products=names, skus=skus, same_titles=same,
                      catalogue_brands=whole["brand"], catalogue_categories=whole["category"],
                      extents=extents, sales_columns=present,
                      undated_reviews=undated_rows(warehouse, tenant_id, DataKind.REVIEWS),
                      channels=_strings(channels, "channel"), competitors=_strings(competitors, "competitor"),
                      countries=places["country"], regions=places["region"], states=places["state"],
                      payment_methods=places["payment_method"], sellers=places["seller"],
                      city_regions=_city_regions(warehouse.run(city_regions_statement(), params)),
                      currency=currencies[0] if currencies else None,
                      priced_products=int(priced["n"].iloc[0]) if len(priced) else 0,
                      unpriced_sales=_unpriced(warehouse.run(priced_sales_statement(), params)))


def load_vocabulary(warehouse: Warehouse, documents: DocumentStore, tenant_id: str, version: int) -> Vocabulary:
    """The tenant's vocabulary at ``version``: from memory, the document cache, or built from the warehouse."""
    key = (id(warehouse), tenant_id, version)
    with _LOCK:
        if key in _MEMORY and _MEMORY[key][0] is warehouse:
            _MEMORY.move_to_end(key)
            return _MEMORY[key][1]
    doc = documents.get(meta_collection(tenant_id), _DOC_ID)
    vocab: Vocabulary | None = None
    if doc and doc.get("version") == version and doc.get("schema") == VOCABULARY_SCHEMA \
            and isinstance(doc.get("vocabulary"), dict):
        try:
            vocab = Vocabulary.model_validate(doc["vocabulary"])
        except ValueError:
            vocab = None
    if vocab is None or vocab.tenant_id != tenant_id:
        vocab = read_vocabulary(warehouse, tenant_id, version)
        vocab.goods = goods_nouns(doc.get("column_mapping") or {} for doc in
                                  documents.query(ingestions_collection(tenant_id)) if doc.get("kind") == "sales")
        if len(vocab.products) <= MAX_CACHED_PRODUCTS:
            documents.set(meta_collection(tenant_id), _DOC_ID,
                          {"version": version, "schema": VOCABULARY_SCHEMA,
                           "vocabulary": vocab.model_dump(mode="json")})
    with _LOCK:
        _MEMORY[key] = (warehouse, vocab)
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)
    return vocab


def forget_vocabularies() -> None:
    """Drop the in-process cache (tests, and a process that wants to re-read)."""
    with _LOCK:
        _MEMORY.clear()
