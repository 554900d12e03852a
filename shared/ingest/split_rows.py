"""Public files whose each row feeds several kinds: a sales total, a stock count and competitors' prices.

Kaggle's "Retail Store Inventory Forecasting Dataset" puts on one row a store's day of a product: units sold at a
price less a discount (a percentage), the day's inventory level and a competitor's price. Kaggle's "Retail Price
Optimization" puts on one row a product's month: units for a total at a unit price, and three competitors' prices.
Loaded as sales alone, the stock and the competitors' prices would be lost; so such a file is a dataset part
(``shared.ingest.parts``, role ``SPLIT_ROWS``) and each row is split here into up to three derived rows:

- a **sales line** (a total per day or month, flagged so no orders are counted from it): the derived file's first
  column, ``day_total_of`` or ``month_total_of``, names the dataset and lets its export profile
  (``shared.ingest.headers.SPLIT_PROFILES``) mark the lines as totals;
- a **stock count** (``sku, date, on_hand, location``) where the row has one;
- one **competitor price** per competitor column (``sku, competitor, date, price``).

Dates are read here in the publisher's day/month order and written ISO; a row whose date cannot be read is
rejected (with its reason) and feeds nothing. Every other cell is written as published, and the derived files'
own ingestions validate them (a bad number is rejected there, with its reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from shared.ingest.parse import DateOrder, parse_date

#: The derived files' headers (the sales header's first column is ``{period}_total_of``).
SALES_FIELDS = ("sku", "date", "units", "unit_price", "revenue", "discount", "channel", "region", "product_category",
                "promo")
STOCK_HEADER = ("sku", "date", "on_hand", "location")
COMPETITOR_HEADER = ("sku", "competitor", "date", "price")


def sales_header(period: str) -> tuple[str, ...]:
    """The derived sales file's header for totals per ``period`` (``"day"``, ``"month"``)."""
    return (f"{period}_total_of", *SALES_FIELDS)


@dataclass(frozen=True)
class RowSplit:
    """How one published file's rows split: which column feeds which derived field.

    ``sales``: derived sales field -> published column (``sku`` and ``date`` are read from ``sku`` and ``date``).
    ``prefixes``: a label put before a bare value (a store ``1`` is ``store 1``). ``discount_pct``: a column of
    the discount as a percentage of units x unit price (written in money). ``stock``: the on-hand column and
    the location's field. ``competitors``: (competitor name, price column) pairs; a name ``{channel}`` template
    makes the competitor each store's own (``competitor of S001``: a store's local rival).
    """

    dataset: str
    period: str  # each row totals a "day" or a "month"
    date: str
    date_order: DateOrder
    sku: str
    sales: dict[str, str]
    prefixes: dict[str, str] = field(default_factory=dict)
    discount_pct: str = ""
    stock: tuple[str, str] = ("", "")  # (on-hand column, the derived field that is the location)
    competitors: tuple[tuple[str, str], ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """Every published column the split reads."""
        names = [self.date, self.sku, *self.sales.values(), self.discount_pct, self.stock[0],
                 *(price for _, price in self.competitors)]
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass
class SplitRows:
    """One chunk split: the derived rows, and the rows refused for an unreadable date."""

    sales: pd.DataFrame
    stock: pd.DataFrame
    competitors: pd.DataFrame
    bad_date: pd.Series  # mask over the chunk: rejected, nothing derived


def split_rows(cells: pd.DataFrame, split: RowSplit, order: DateOrder | None = None) -> SplitRows:
    """Split a chunk's cells (published column -> stripped text) into sales, stock and competitor rows.

    ``order``: the file's day/month order where its dates showed it, else the publisher's (``split.date_order``).
    """
    parsed = parse_date(cells[split.date], order=order or split.date_order).values
    bad = parsed.isna() | (cells[split.sku] == "")
    rows = cells[~bad]
    day = pd.to_datetime(parsed[~bad]).dt.strftime("%Y-%m-%d")
    derived = {name: _labelled(rows[column], split.prefixes.get(name, "")) for name, column in split.sales.items()}
    derived["sku"] = _labelled(rows[split.sku], split.prefixes.get("sku", ""))
    derived["date"] = day
    if split.discount_pct:
        units = pd.to_numeric(rows[split.sales["units"]], errors="coerce")
        price = pd.to_numeric(rows[split.sales["unit_price"]], errors="coerce")
        pct = pd.to_numeric(rows[split.discount_pct], errors="coerce")
        derived["discount"] = (units * price * pct / 100).round(2).astype(object).where(pct > 0, "")
    sales = pd.DataFrame({name: derived.get(name, "") for name in SALES_FIELDS}, index=rows.index)
    sales.insert(0, f"{split.period}_total_of", split.dataset)
    stock = pd.DataFrame(columns=list(STOCK_HEADER))
    if split.stock[0]:
        stock = pd.DataFrame({"sku": derived["sku"], "date": day, "on_hand": rows[split.stock[0]],
                              "location": derived.get(split.stock[1], "")}, index=rows.index)
    competitors = [pd.DataFrame({"sku": derived["sku"], "competitor": _competitor(name, derived), "date": day,
                                 "price": rows[column]}, index=rows.index)
                   for name, column in split.competitors]
    offers = pd.concat(competitors) if competitors else pd.DataFrame(columns=list(COMPETITOR_HEADER))
    return SplitRows(sales, stock, offers[offers["price"] != ""], bad)


def _labelled(values: pd.Series, prefix: str) -> pd.Series:
    """``values`` with ``prefix`` before each non-empty one."""
    return values.where(values == "", prefix + values) if prefix else values


def _competitor(name: str, derived: dict[str, pd.Series]) -> pd.Series | str:
    """The competitor's name per row: ``name`` itself, or its ``{field}`` filled from the row's derived field."""
    for key, values in derived.items():
        token = "{" + key + "}"
        if token in name:
            before, after = name.split(token, 1)
            return before + values + after
    return name


#: The files split (keyed by their dataset part's name, ``shared.ingest.parts``).
SPLITS: dict[str, RowSplit] = {
    "retail_store_inventory": RowSplit(
        "retail_store_inventory", "day", "Date", "mdy", "Product ID",
        {"units": "Units Sold", "unit_price": "Price", "channel": "Store ID", "region": "Region",
         "product_category": "Category", "promo": "Holiday/Promotion"},
        discount_pct="Discount", stock=("Inventory Level", "channel"),
        competitors=(("competitor of {channel}", "Competitor Pricing"),)),
    "retail_price_optimization": RowSplit(
        "retail_price_optimization", "month", "month_year", "dmy", "product_id",
        {"units": "qty", "unit_price": "unit_price", "revenue": "total_price",
         "product_category": "product_category_name"},
        competitors=(("competitor 1", "comp_1"), ("competitor 2", "comp_2"), ("competitor 3", "comp_3"))),
}
