"""M5 Forecasting (Walmart): a wide sales file whose days are named by a calendar, valued by weekly prices.

The M5 sales files (``sales_train_validation.csv``, ``sales_train_evaluation.csv``) hold one row per item and store
with a column per day (``d_1`` ... ``d_1941``): 30,490 rows of 1,947 columns, mostly zeros. ``calendar.csv`` says
which date each ``d_n`` is and its Walmart week (``wm_yr_wk``); ``sell_prices.csv`` the price of an item in a store
for each week it was on sale. So:

- **calendar**: each day's date and week are remembered (``join_refs``, link ``m5_day``); wide files held for want
  of it are then read (see below).
- **sell prices**: each item's prices in each store are remembered as runs (``m5_price``: one reference per store
  and item, ``week:price`` where the price changes), so 6.8M weekly rows take a few hundred thousand runs.
- **the wide file** is read in small row chunks (bounded memory whatever its width) and each day with units sold
  becomes a sales line: the item is the SKU, its store the channel, its state the line's state, its category
  (``cat_id``) the product's category; the revenue is units x the week's price when the prices are known (else the
  line has no price; uploading the file again once ``sell_prices.csv`` is in values it). Zero days are not lines:
  a day without a line is a day without sales. Without the calendar the file is **held** as a whole (its object,
  not its cells: the raw upload stays in the bucket) and read when the calendar arrives.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from shared.deps import Deps
from shared.ingest.names import normalise_header
from shared.ingest.reader import DelimitedReader
from shared.ingest.sniff import open_plain
from shared.store import joins

DAY, PRICE = "m5_day", "m5_price"
#: Wide files whose lines went in without prices (``DONE`` once they were read again with them).
UNPRICED, DONE = "m5_unpriced", "done"
#: The held part of a wide file waiting for its calendar (one held row per file: the file is re-read, not copied).
WIDE = "m5_wide"
CALENDAR_KEY = "calendar"
#: The sales lines written from a wide file: ``m5_id`` (the series, item and store) tells them apart from a merchant's
#: file of the same columns, so their export profile (``shared.ingest.headers``) marks them as totals per day.
SALES_HEADER = ("m5_id", "sku", "date", "units", "unit_price", "revenue", "channel", "state", "product_title",
                "product_category")
#: Cells of the wide file read at once (rows x day columns): bounds the memory of a chunk, whatever the width.
CHUNK_CELLS = 500_000
_ID_COLUMNS = ("id", "item_id", "dept_id", "cat_id", "store_id", "state_id")


def calendar_refs(cells: pd.DataFrame) -> pd.DataFrame:
    """``d_n`` -> ISO date (``ref_value``) and Walmart week (``ref_detail``) of a chunk of ``calendar.csv``."""
    good = (cells["d"] != "") & (cells["date"] != "")
    dates = pd.to_datetime(cells["date"][good], format="%Y-%m-%d", errors="coerce")
    ok = dates.notna()
    return pd.DataFrame({"ref_id": cells["d"][good][ok], "ref_value": dates[ok].dt.strftime("%Y-%m-%d"),
                         "ref_detail": cells["wm_yr_wk"][good][ok]})


def known_days(deps: Deps, tenant: str) -> dict[str, tuple[str, int]]:
    """The tenant's calendar: ``d_n`` -> (date, week); empty before ``calendar.csv`` is in."""
    refs = joins.refs(deps.warehouse, tenant, DAY)
    weeks = pd.to_numeric(refs["ref_detail"], errors="coerce").fillna(-1).astype(int)
    return {d: (v, w) for d, v, w in zip(refs["ref_id"], refs["ref_value"], weeks, strict=True)}


@dataclass
class PriceRuns:
    """Weekly prices of each (store, item), kept as the weeks where the price changes."""

    runs: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    def add(self, cells: pd.DataFrame) -> pd.Series:
        """Take a chunk of ``sell_prices.csv``; the mask of rows read (the others are for the caller to reject)."""
        week = pd.to_numeric(cells["wm_yr_wk"], errors="coerce")
        price = pd.to_numeric(cells["sell_price"], errors="coerce")
        good = week.notna() & price.notna() & (price >= 0) & (cells["store_id"] != "") & (cells["item_id"] != "")
        keys = (cells["store_id"] + "|" + cells["item_id"])[good]
        for key, w, p in zip(keys, week[good].astype(int), price[good].astype(float), strict=True):
            series = self.runs.setdefault(key, [])
            if not series or series[-1][1] != p or w < series[-1][0]:
                series.append((w, p))
        return good

    def refs(self) -> pd.DataFrame:
        """One reference per (store, item): its runs as ``week:price;week:price``, in week order."""
        values = []
        for runs in self.runs.values():
            ordered: list[tuple[int, float]] = []
            for w, p in sorted(runs):
                if not ordered or ordered[-1][1] != p:
                    ordered.append((w, p))
            values.append(";".join(f"{w}:{p:g}" for w, p in ordered))
        return pd.DataFrame({"ref_id": list(self.runs), "ref_value": values})


def _runs(value: str) -> tuple[np.ndarray, np.ndarray]:
    pairs = [part.split(":") for part in value.split(";") if part]
    return np.array([int(w) for w, _ in pairs]), np.array([float(p) for _, p in pairs])


@dataclass
class WideOutcome:
    """What reading one wide file did."""

    rows: int = 0  # item x store rows read
    lines: int = 0  # days with units sold written as sales lines
    zero_days: int = 0  # days with no units (not lines)
    unpriced: int = 0  # lines written without a price (no sell price known for their week)
    undated: int = 0  # days with units that the calendar does not name (not written: no date to put them on)
    bad: list[tuple[int, str, str]] = field(default_factory=list)  # (row number, column, reason)


def wide_shape(deps: Deps, bucket: str, name: str, encoding: str, delimiter: str, *,
               count: bool = False) -> tuple[list[str], int]:
    """A wide file's header and, with ``count``, how many data rows it has (to hold it: its cells are not kept).

    Counted by lines, not parsed: the M5 files quote nothing, and a held file is parsed in full when it is read.
    """
    with deps.blobs.open(bucket, name) as raw:
        text = io.TextIOWrapper(open_plain(raw), encoding=encoding, errors="replace", newline="")
        header = next(csv.reader([text.readline()], delimiter=delimiter), [])
        return [h.strip() for h in header], sum(1 for line in text if line.strip()) if count else 0


def melt(deps: Deps, tenant: str, bucket: str, name: str, encoding: str, delimiter: str,
         days: dict[str, tuple[str, int]], add: Callable[[pd.DataFrame], None]) -> WideOutcome:
    """Read a wide file in row chunks of at most ``CHUNK_CELLS`` cells; hand its sales lines to ``add``."""
    out = WideOutcome()
    with deps.blobs.open(bucket, name) as raw:
        text = io.TextIOWrapper(open_plain(raw), encoding=encoding, errors="replace", newline="")
        reader = DelimitedReader(text, delimiter, 1)
        reader.chunk_rows = max(1, CHUNK_CELLS // max(1, len(reader.headers)))  # the width is known only now
        for ids, units in _wide_chunks(reader, out):
            _lines(deps, tenant, chunk_ids=ids, units=units, headers=reader.headers, days=days, out=out, add=add)
    return out


def _wide_chunks(reader: DelimitedReader, out: WideOutcome) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    headers = reader.headers
    index = {normalise_header(h): i for i, h in enumerate(headers)}
    day_columns = [i for i, h in enumerate(headers) if h.startswith("d_")]
    for chunk in reader.chunks():
        out.rows += chunk.rows_read
        for bad in chunk.bad_rows:
            out.bad.append((bad.row_number, "", bad.reason))
        frame = chunk.frame
        ids = pd.DataFrame({c: frame[f"c{index[normalise_header(c)]}"].fillna("").astype(str).str.strip()
                            if normalise_header(c) in index else "" for c in _ID_COLUMNS}, index=frame.index)
        units = _day_units(frame[[f"c{i}" for i in day_columns]])
        broken = np.isnan(units).any(axis=1) | (units < 0).any(axis=1) | (units % 1 != 0).any(axis=1)
        missing = (ids["item_id"] == "") | (ids["store_id"] == "")
        for pos in np.flatnonzero(broken | missing.to_numpy()):
            reason = "item_id: missing (a row names its item and store)" if missing.iloc[pos] else \
                "d_*: a day's units are not a whole number of 0 or more"
            out.bad.append((int(chunk.row_numbers[pos]), "item_id" if missing.iloc[pos] else "d_*", reason))
        keep = ~(broken | missing.to_numpy())
        yield ids[keep].reset_index(drop=True), units[keep]


def _day_units(cells: pd.DataFrame) -> np.ndarray:
    """The day cells as numbers (an empty cell is 0; what is no number is NaN, its row refused)."""
    text = cells.fillna("").to_numpy(dtype=object)
    text[text == ""] = "0"
    try:
        return np.asarray(text, dtype="float64")  # the usual case: every cell a number, converted at once
    except ValueError:
        return np.column_stack([pd.to_numeric(pd.Series(text[:, i]), errors="coerce").to_numpy(dtype="float64")
                                for i in range(text.shape[1])])


def _lines(deps: Deps, tenant: str, *, chunk_ids: pd.DataFrame, units: np.ndarray, headers: list[str],
           days: dict[str, tuple[str, int]], out: WideOutcome, add: Callable[[pd.DataFrame], None]) -> None:
    day_names = [h for h in headers if h.startswith("d_")]
    known = np.array([d in days for d in day_names])
    dates = np.array([days[d][0] if d in days else "" for d in day_names], dtype=object)
    weeks = np.array([days[d][1] if d in days else -1 for d in day_names])
    rows, cols = np.nonzero((units > 0) & known)
    out.zero_days += int(((units == 0) & known).sum())
    out.undated += int(((units > 0) & ~known).sum())
    if not len(rows):
        return
    keys = (chunk_ids["store_id"] + "|" + chunk_ids["item_id"]).to_numpy()
    prices = joins.refs(deps.warehouse, tenant, PRICE, sorted(set(keys[np.unique(rows)])))
    runs = {k: _runs(v) for k, v in zip(prices["ref_id"], prices["ref_value"], strict=True)}
    price = np.full(len(rows), np.nan)
    series_ids = np.unique(rows)
    # np.nonzero walks row by row: each series' lines are one run of ``rows``
    bounds = zip(np.searchsorted(rows, series_ids, side="left"), np.searchsorted(rows, series_ids, side="right"),
                 strict=True)
    for series, (lo, hi) in zip(series_ids, bounds, strict=True):
        found = runs.get(keys[series])
        if found is None:
            continue
        starts, values = found
        pos = np.searchsorted(starts, weeks[cols[lo:hi]], side="right") - 1
        price[lo:hi] = np.where(pos >= 0, values[np.clip(pos, 0, None)], np.nan)
    sold = units[rows, cols]
    out.lines += len(rows)
    out.unpriced += int(np.isnan(price).sum())
    revenue = np.round(sold * price, 2)
    add(pd.DataFrame({
        "m5_id": chunk_ids["id"].where(chunk_ids["id"] != "", chunk_ids["item_id"] + "_" + chunk_ids["store_id"])
        .to_numpy()[rows],
        "sku": chunk_ids["item_id"].to_numpy()[rows], "date": dates[cols], "units": sold.astype(np.int64),
        "unit_price": [f"{p:g}" if p == p else "" for p in price],
        "revenue": [f"{r:.2f}" if r == r else "" for r in revenue],
        "channel": chunk_ids["store_id"].to_numpy()[rows], "state": chunk_ids["state_id"].to_numpy()[rows],
        "product_title": chunk_ids["item_id"].to_numpy()[rows],
        "product_category": chunk_ids["cat_id"].to_numpy()[rows]}))


def held_file(ingestion_id: str, bucket: str, name: str, encoding: str, delimiter: str, rows: int) -> dict[str, str]:
    """What is held of a wide file waiting for its calendar: where it is and how to read it (never its cells)."""
    return {"bucket": bucket, "object": name, "encoding": encoding, "delimiter": delimiter, "rows": str(rows),
            "ingestion_id": ingestion_id}


def held_files(deps: Deps, tenant: str) -> pd.DataFrame:
    """Wide files held for want of the calendar, now that it is known (one row per file)."""
    return joins.ready(deps.warehouse, tenant, WIDE, DAY)


def parse_held(cells: str) -> dict[str, str]:
    """A held wide file's description (see ``held_file``)."""
    value: dict[str, str] = json.loads(cells)
    return value
