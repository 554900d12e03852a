"""Files of a relational sales export told apart by their columns, whatever the dataset is called.

Sample databases exported table by table (BikeStores, Northwind) split a sale over several files: the order lines
name an order and a product but carry no date, the orders carry the date (and the store, the customer, the status),
small lookup tables name the brands, categories and stores the other files give by id, and the stock sits in its own
table. Olist's files are known by their exact headers (``shared.ingest.parts``); these are recognised by what their
columns are (the sales aliases of ``shared.ingest.headers``), so any export of the same relational shape joins the
same way (``shared.ingest.order_join``):

- **order headers**: an order id and a date, no product, quantity or price (each order's date, status, store,
  customer and where it went);
- **order lines**: an order id, a product and a quantity or price, no date (sales lines once their order is known);
- **names**: ``{thing}_id`` beside ``{thing}_name`` or the bare ``{thing}`` (``brand_id, brand_name``; ``CategoryID,
  CategoryName``; Instacart's ``department_id, department``) for a thing that is not the product, the order or a
  person: the names other files' ids stand for;
- **products by id**: a catalogue naming its brand or category (or department) by such an id (``brand_id``,
  ``category_id``, ``department_id``) and not by name: stored with the names the lookups give;
- **stock counts**: a store (or warehouse), a product and a bare quantity, nothing else (``store_id, product_id,
  quantity``);
- **directories of people or companies** (first and last names; a company name): acknowledged, nothing stored;
- **item lines**: an order id, a date and a product, no quantity or price (Maven's Restaurant Orders: one line per
  item ordered): each line is one unit, valued at the catalogue's price;
- **returns**: a date, a product and units returned, no sale or order (AdventureWorks' Returns): returned units;
- **places**: one ``{thing}`` id and where each is (AdventureWorks' Territories: ``Region, Country, Continent``):
  the sales naming the thing by id take its region and country (``shared.ingest.places``).

A file any kind already reads as it is (a dated sales export, a review file) is never taken for one of these.
"""

from __future__ import annotations

from shared import regex as re
from shared.ingest import headers as aliases
from shared.ingest.parts import DatasetPart, PartRole
from shared.models.records import DataKind

ORDER_JOIN = "order_join"
#: Things a ``{thing}_id``/``{thing}_name`` pair names that are not lookups: the product (a catalogue), the order,
#: and people (a customer or staff directory is acknowledged as one).
NOT_LOOKUPS = frozenset({"product", "item", "sku", "order", "customer", "user", "staff", "employee", "client",
                          "menuitem"})
#: Things whose id a catalogue may give instead of a name: the product field the name fills.
PRODUCT_LOOKUPS = {"brand": "brand", "category": "category", "subcategory": "category",
                   "productcategory": "category", "manufacturer": "brand", "department": "category"}
#: Where stock is kept or a sale was made: a store or warehouse column (normalised names).
LOCATION_COLUMNS = ("storeid", "store", "storename", "warehouseid", "warehouse", "locationid", "location", "shopid",
                    "branchid")
_QUANTITY = ("quantity", "qty", "stock", "onhand", "units")
_PEOPLE = ({"firstname", "lastname"}, {"companyname"}, {"contactname"})


def _split_words(header: str) -> str:
    """A header as lower-case words joined by ``_`` (``CategoryID`` -> ``category_id``; ``brand id`` too)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", header.strip().lstrip("\ufeff"))
    return "_".join(w for w in re.split(r"[^0-9a-z]+", spaced.lower()) if w)


def _thing(words: list[str]) -> str:
    """What ``{thing}_id`` names, less a ``product`` or ``sales`` before another thing.

    ``ProductCategoryKey`` -> ``category``; ``SalesTerritoryKey`` -> ``territory``; ``item_category_id`` ->
    ``category``.
    """
    thing = "".join(words)
    for prefix in ("product", "sales", "item"):  # Predict Future Sales' item_category_id is the item's category
        if thing.startswith(prefix) and len(thing) > len(prefix):
            return thing[len(prefix):]
    return thing


def id_things(headers: list[str] | tuple[str, ...]) -> dict[str, int]:
    """``{thing: column}`` for each ``{thing}_id`` or ``{thing}Key`` column.

    ``brand_id`` -> ``brand``; ``CategoryID`` -> ``category``; ``ProductSubcategoryKey`` -> ``subcategory``.
    """
    found: dict[str, int] = {}
    for i, header in enumerate(headers):
        words = _split_words(header).split("_")
        if len(words) >= 2 and words[-1] in ("id", "key"):
            found.setdefault(_thing(words[:-1]), i)
    return found


def name_things(headers: list[str] | tuple[str, ...]) -> dict[str, int]:
    """``{thing: column}`` for each ``{thing}_name`` column, or a bare ``{thing}`` column beside ``{thing}_id``.

    Instacart's lookups are ``department_id, department`` and ``aisle_id, aisle``.
    """
    found: dict[str, int] = {}
    for i, header in enumerate(headers):
        words = _split_words(header).split("_")
        if len(words) >= 2 and words[-1] == "name":
            found.setdefault(_thing(words[:-1]), i)
    ids = id_things(headers)
    for i, header in enumerate(headers):
        if (bare := _split_words(header)) in ids and ids[bare] != i:
            found.setdefault(bare, i)
    return found


def lookup_thing(headers: list[str] | tuple[str, ...]) -> str | None:
    """The thing a lookup table names (``brand`` for ``brand_id, brand_name``), or ``None``."""
    ids, names = id_things(headers), name_things(headers)
    things = [t for t in ids if t in names and t not in NOT_LOOKUPS]
    return things[0] if len(things) == 1 and len(ids) <= 2 else None


def _part(name: str, role: PartRole, kind: DataKind, headers: list[str] | tuple[str, ...], about: str) -> DatasetPart:
    return DatasetPart(ORDER_JOIN, name, role, kind, tuple(h.strip() for h in headers), about)


def order_part(headers: list[str] | tuple[str, ...]) -> DatasetPart | None:
    """The relational export's file ``headers`` is (see the module docstring), or ``None``."""
    names = [h.strip() for h in headers]
    if len(names) < 2 or aliases.export_profile(names) is not None:
        return None
    normalise = aliases.normalise_header
    normalised = [normalise(h) for h in names]
    present = set(normalised)
    sales = set(aliases.map_columns(names, DataKind.SALES).fields.values())
    claimed = _claimed(names)
    if _person_table(names, present) and claimed in (None, DataKind.REVIEWS) and \
            not {"rating", "text"} & set(aliases.map_columns(names, DataKind.REVIEWS).fields.values()):
        return _part("directory", PartRole.UNUSED, DataKind.SALES, names, _DIRECTORY)  # not reviews by a "title"
    if claimed is DataKind.PRODUCTS and not (present & {"brand", "category", "brandname", "categoryname"}):
        fills = sorted({PRODUCT_LOOKUPS[t] for t in id_things(names) if t in PRODUCT_LOOKUPS})
        if fills:
            return _part("products_by_id", PartRole.PRODUCTS_BY_ID, DataKind.PRODUCTS, names,
                         f"products naming their {' and '.join(fills)} by id: stored with the names the lookup "
                         f"files give (the id itself where its lookup has not been uploaded)")
    if claimed is not None:
        return None
    # an order's total without a product is its header too (Maven Fuzzy Factory's orders.csv: ``items_purchased,
    # price_usd`` beside order_items.csv's lines): the lines carry the money, so the total is not stored again; a
    # refund or a return is no order's header (Fuzzy Factory's order_item_refunds: read as one, its date would be
    # taken for the order's)
    if "order_id" in sales and "date" in sales and not sales & {"sku", "product_title", "product_category", "refund",
                                                                 "returned_units"} and (
            not sales & {"units", "unit_price", "revenue"} or _ORDER_TOTAL & present):
        return _part("order_headers", PartRole.ORDER_HEADERS, DataKind.SALES, names,
                     "orders (each order's date, and its status, store and customer where given): their lines, in "
                     "another file, take them")
    if "order_id" in sales and "date" not in sales and ("sku" in sales or "product_title" in sales) and (
            sales & {"units", "unit_price", "revenue"} or "listprice" in present):
        return _part("order_lines", PartRole.ORDER_LINES, DataKind.SALES, names,
                     "order lines without dates: each line takes its order's date (and store, customer and status) "
                     "from the orders file")
    if (thing := lookup_thing(names)) is not None:
        return _part(f"{thing}_names", PartRole.NAMES, DataKind.PRODUCTS, names,
                     f"names of each {thing} id (the other files give the {thing} by id); nothing else is stored")
    location = next((h for h in LOCATION_COLUMNS if h in present), None)
    if location is not None and "sku" in sales and len(present) == 3 and \
            any(q in present for q in _QUANTITY if q != location):
        return _part("stock_counts", PartRole.STOCK_COUNTS, DataKind.INVENTORY, names,
                     "stock counts (each store's quantity of each product), taken as of the upload")
    if "order_id" in sales and "date" in sales and "sku" in sales and not sales & {"units", "unit_price",
                                                                                  "revenue"}:
        return _part("item_lines", PartRole.ORDER_LINES, DataKind.SALES, names,
                     "order lines of one item each (no quantity column: each line is one unit; the price is the "
                     "product's, from the catalogue)")
    if {"date", "sku", "returned_units"} <= sales and not sales & {"units", "order_id"}:
        return _part("returns", PartRole.ORDER_LINES, DataKind.SALES, names,
                     "returns (units returned of each product on a day, no sale): stored as returned units")
    if "order_id" in sales and "refund" in sales and not sales & {"sku", "product_title", "units", "revenue"} and \
            _ORDER_ITEM & present:
        return _part("item_refunds", PartRole.UNUSED, DataKind.SALES, names, _ITEM_REFUNDS)
    if (rates := exchange_rates(names)) is not None:
        return rates
    if len(ids := id_things(names)) == 1 and len(present & _PLACES) >= 2 and len(present) <= len(_PLACES) + 2:
        thing = next(iter(ids))
        return _part("places", PartRole.PLACES, DataKind.SALES, names,
                     f"where each {thing} is ({', '.join(h for h in names if normalise(h) in _PLACES)}): sales naming "
                     f"a {thing} by its id take its region and country (those uploaded before this file are not "
                     f"restated)")
    return None


#: Columns of a table that says where each of something is (AdventureWorks' Territories: Region, Country, Continent).
_PLACES = frozenset({"region", "country", "continent", "city", "state", "group", "territory"})
_DIRECTORY = ("a directory of people or companies (names, addresses, phones): nothing ecomintel stores (customers "
              "are kept as keyed hashes of their ids)")


#: What a table of people says about each (Maven's Global Electronics Retailer ``Customers.csv``: ``CustomerKey,
#: Gender, Name, City, ..., Birthday``): one full name and these, beside a person's id, is a directory too.
_PERSON_FACTS = frozenset({"gender", "birthday", "birthdate", "dateofbirth", "age", "email", "phone"})
_PERSONS = frozenset({"customer", "user", "client", "employee", "staff", "member", "person"})
#: A count of an order's items beside its total: the order's summary, not a line.
_ORDER_TOTAL = frozenset({"itemspurchased", "itemcount", "items", "numberofitems", "totalitems"})
#: A refund naming the order item it refunds by id, and no product (Maven Fuzzy Factory's order_item_refunds.csv).
_ORDER_ITEM = frozenset({"orderitemid", "lineitemid", "orderlineid"})
_ITEM_REFUNDS = ("refunds of order items by the item's id (no product on the row): not stored, so refunds are not "
                 "in your figures; upload refunds with the product (SKU) refunded to count them")
#: An exchange-rate table (Maven's ``Exchange_Rates.csv``: ``Date, Currency, Exchange``): a day, a currency and its
#: rate, nothing sold.
_RATE_COLUMNS = frozenset({"exchange", "rate", "exchangerate", "fxrate", "conversionrate"})
_EXCHANGE_RATES = ("exchange rates (a currency's rate on each day): nothing ecomintel stores; amounts stay in the "
                   "currency the sales record, and nothing is converted")


def _person_table(names: list[str], present: set[str]) -> bool:
    """Whether ``names`` is a directory of people.

    First and last names (or a company) beside an id, or a person's id (``CustomerKey``) beside a name and what a
    directory says of a person (gender, birthday ...), with no date, quantity or money of a sale.
    """
    ids = id_things(names)
    if any(group <= present for group in _PEOPLE) and ids:
        return True
    return bool(_PERSONS & set(ids)) and "name" in present and bool(_PERSON_FACTS & present) and \
        not present & {"date", "orderdate", "quantity", "price", "total", "amount"}


def exchange_rates(headers: list[str] | tuple[str, ...]) -> DatasetPart | None:
    """The part of an exchange-rate table (a date, a currency and a rate, at most one more column), or ``None``."""
    present = {aliases.normalise_header(h) for h in headers}
    currency = {"currency", "currencycode", "currencykey"} & present
    if currency and _RATE_COLUMNS & present and present & {"date", "day", "ratedate"} and len(present) <= 4:
        return _part("exchange_rates", PartRole.UNUSED, DataKind.SALES, headers, _EXCHANGE_RATES)
    return None


def _claimed(names: list[str]) -> DataKind | None:
    """The kind that reads ``names`` as they are (every required column present), if any."""
    for kind in DataKind:
        mapping = aliases.map_columns(names, kind)
        evidence = aliases.EVIDENCE.get(kind)
        if not mapping.missing_required and (evidence is None or evidence & set(mapping.fields.values())):
            return kind
    return None
