"""Read and validate the batch CLI's input CSVs: sales history and planned prices/promotions (``--future``).

Sales: ``series_id,date,units`` plus optional ``price,promo`` and stock (``on_hand`` or ``in_stock``). A file
that names a column the way forecasting tools and exports do (Nixtla's ``unique_id,ds,y``, ``sku``, ``qty``,
``week``) is read by that name when the contract's own is absent, and the CLI says which column it read.
Dates are read in one day/month order per column (``shared.ingest.column_dates``).

Every bad cell is reported with its data row (1-based, header excluded), file line and column; nothing is
silently dropped.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from shared import regex as re
from shared.errors import InvalidInput
from shared.forecast.periods import Freq, RegularSeries, infer_freq, regularise
from shared.ingest.column_dates import read_date_column
from shared.ingest.names import normalise_header

REQUIRED = ("series_id", "date", "units")
OPTIONAL = ("price", "promo", "on_hand", "in_stock")
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"0", "false", "f", "no", "n", ""}


def _fail(row: int, column: str, message: str) -> InvalidInput:
    return InvalidInput(f"row {row} (line {row + 1}), column '{column}': {message}",
                        details={"row": row, "column": column})


_MISSING = {"", "na", "n/a", "nan", "null", "none", "-"}

#: Other names for the required columns, in order of preference (compared case-, space- and
#: punctuation-insensitively): statsforecast/Prophet long format, marketplace and ERP exports.
ALIASES: dict[str, tuple[str, ...]] = {
    "series_id": ("unique_id", "sku", "item_id", "product_id", "item_nbr", "item_number", "upc", "ean", "gtin",
                  "asin", "stock_code", "product_code", "article_id", "series", "item", "product", "article", "id"),
    "date": ("ds", "order_date", "sale_date", "week_start", "week_end_date", "week_ending", "week", "period",
             "month", "day", "timestamp"),
    "units": ("y", "qty", "quantity", "units_sold", "unit_sales", "quantity_sold", "demand", "sales", "volume"),
    "price": ("sell_price", "selling_price", "unit_price", "price_each", "avg_price"),
}
#: Promotion flags as exports and public panels write them; a period is promoted when any present is set
#: (dunnhumby's Breakfast at the Frat: FEATURE, DISPLAY, TPR_ONLY; Favorita: onpromotion).
PROMO_FLAGS = ("onpromotion", "on_promotion", "promotion", "is_promo", "promo_flag", "promoted", "feature",
               "display", "tpr_only", "tpr")


def resolve_columns(columns: list[str]) -> tuple[list[str], list[str]]:
    """Columns renamed to the contract's names where only an alias is present, and a note per rename.

    The contract's own name always wins; otherwise the first alias present, most specific first (a bare
    ``id`` is often a row number, so it comes last).
    """
    names = [str(c).strip().lower() for c in columns]
    present = {normalise_header(n) for n in names}
    notes: list[str] = []
    for field, aliases in ALIASES.items():
        if normalise_header(field) in present:
            continue
        for alias in aliases:
            key = normalise_header(alias)
            at = [i for i, n in enumerate(names) if normalise_header(n) == key]
            if at:
                notes.append(f"read column '{columns[at[0]]}' as {field}")
                names[at[0]] = field
                present.add(normalise_header(field))
                break
    return names, notes


#: Columns naming where a product sold (Kaggle's Store Item Demand ``date,store,item,sales``, Favorita's
#: ``store_nbr``, M5's ``store_id``): with an item column, a series is one product at one place.
LOCATIONS = ("store", "store_id", "store_nbr", "store_number", "store_num", "location", "location_id", "warehouse",
             "shop", "branch", "outlet")


def key_by_location(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A series per product *and* place when the file keys its rows by both, and notes saying so.

    Without this, "date,store,item,sales" was read with ``item`` alone as the series: the stores' sales were
    summed into one series per item, which is not the forecast the file asks for (one per store and item).
    A file with the contract's own ``series_id`` is left as written; a file with a place but no product
    column is forecast per place (Rossmann's ``Store,Date,Sales``).
    """
    names = {normalise_header(str(c)): str(c) for c in raw.columns}
    place = next((names[normalise_header(p)] for p in LOCATIONS if normalise_header(p) in names
                  and names[normalise_header(p)] not in (*REQUIRED, *OPTIONAL)), None)
    if place is None:
        return raw, []
    if "series_id" not in raw.columns:
        return raw.rename(columns={place: "series_id"}), [f"read column '{place}' as series_id"]
    if raw.attrs.get("own_series_id"):
        return raw, []
    keyed = raw.assign(series_id=raw[place].str.strip() + "/" + raw["series_id"].str.strip())
    example = str(keyed["series_id"].iloc[0])
    return keyed, [f"read columns '{place}' and the series id together as series_id ('{example}'): one series "
                   f"per {place} and product"]


def _resolved(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The contract's column names (aliases read, a place joined into the series id) and a note per change."""
    own = normalise_header("series_id") in {normalise_header(str(c)) for c in raw.columns}
    as_written = {str(c).strip().lower(): str(c) for c in raw.columns}  # notes name columns as the file does
    raw.columns, notes = resolve_columns(list(raw.columns))
    raw.attrs["own_series_id"] = own
    raw, more = key_by_location(raw)
    raw, flags = _promo_from_flags(raw)
    later = [re.sub(r"'([^']+)'", lambda m: f"'{as_written.get(m.group(1), m.group(1))}'", n) for n in more + flags]
    return raw, notes + later


def _promo_from_flags(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A ``promo`` column from the file's own promotion flags when it has none (set when any flag is)."""
    if "promo" in raw.columns:
        return raw, []
    keys = {normalise_header(f) for f in PROMO_FLAGS}
    flags = [str(c) for c in raw.columns if normalise_header(str(c)) in keys]
    if not flags:
        return raw, []
    text = raw[flags].apply(lambda c: c.str.strip().str.lower())
    unreadable = ~text.isin(_TRUE | _FALSE)
    if unreadable.to_numpy().any():
        return raw, []  # not flags after all (a "display" of sizes): the file is read without promotions
    promo = text.isin(_TRUE).any(axis=1).map({True: "1", False: "0"})
    named = ", ".join(f"'{f}'" for f in flags)
    return raw.assign(promo=promo), [f"read {'columns' if len(flags) > 1 else 'column'} {named} as promo"
                                     + (" (any of them set)" if len(flags) > 1 else "")]


def read_sales_csv(path: str | Path) -> pd.DataFrame:
    """Parse and validate the CSV into typed columns; raises :class:`InvalidInput` on the first bad cell.

    Missing unit values are skipped and negative ones (net returns) counted as 0; both are reported in
    ``frame.attrs["warnings"]`` rather than refused, since real sales exports contain them.
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from exc
    raw, notes = _resolved(raw)
    frame = read_sales_csv_frame(raw)
    frame.attrs["notes"] = notes
    return frame


def read_sales_csv_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """:func:`read_sales_csv` on an already-read all-text frame (lower-case column names)."""
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InvalidInput(f"missing column(s) {', '.join(missing)}; expected series_id,date,units[,price,promo] "
                           f"(or unique_id,ds,y); columns seen: {', '.join(map(str, raw.columns))}")
    if raw.empty:
        raise InvalidInput("the input has a header but no data rows")
    rows = np.arange(1, len(raw) + 1)
    sid = raw["series_id"].str.strip()
    empty = (sid == "").to_numpy()
    if empty.any():
        raise _fail(int(rows[empty][0]), "series_id", "empty series id")
    dates = read_date_column(raw["date"].str.strip())
    bad: np.ndarray = dates.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _fail(i + 1, "date", f"{raw['date'].iloc[i]!r} is not a date")
    text_units = raw["units"].str.strip()
    units = pd.to_numeric(text_units, errors="coerce")
    blank = text_units.str.lower().isin(_MISSING).to_numpy()
    bad = ((units.isna() | ~np.isfinite(units)).to_numpy()) & ~blank
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _fail(i + 1, "units", f"{raw['units'].iloc[i]!r} is not a number")
    warnings: list[str] = []
    if blank.any():
        # a missing value is a gap in the series, not an error: the period is treated like a missing date
        warnings.append(f"{int(blank.sum())} rows with no units value were skipped "
                        f"(e.g. row {int(np.flatnonzero(blank)[0]) + 1})")
    negative = (units < 0).to_numpy()
    if negative.any():
        # net returns can push a period below zero; demand cannot be negative
        warnings.append(f"{int(negative.sum())} rows with negative units (returns) were counted as 0 "
                        f"(e.g. row {int(np.flatnonzero(negative)[0]) + 1})")
    out = pd.DataFrame({"series_id": sid, "date": dates,
                        "units": units.clip(lower=0).astype(float)})
    if "price" in raw.columns:
        text = raw["price"].str.strip()
        price = pd.to_numeric(text.where(text != "", None), errors="coerce")
        bad = ((text != "") & (price.isna() | (price < 0))).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _fail(i + 1, "price", f"{raw['price'].iloc[i]!r} is not a non-negative number")
        out["price"] = price.astype(float)
    if "promo" in raw.columns:
        text = raw["promo"].str.strip().str.lower()
        bad = (~text.isin(_TRUE | _FALSE)).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _fail(i + 1, "promo", f"{raw['promo'].iloc[i]!r} is not a flag (1/0, true/false, yes/no)")
        out["promo"] = text.isin(_TRUE).astype(float)
    for column in ("on_hand", "in_stock"):
        if column in raw.columns:
            text = raw[column].str.strip().str.lower()
            if column == "in_stock":
                bad = (~text.isin(_TRUE | _FALSE)).to_numpy()
                value = pd.Series(np.where(text == "", np.nan, text.isin(_TRUE).astype(float)))
            else:
                value = pd.to_numeric(text.where(text != "", None), errors="coerce")
                bad = ((text != "") & value.isna()).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise _fail(i + 1, column, f"{raw[column].iloc[i]!r} is not a "
                            f"{'flag (1/0, true/false, yes/no)' if column == 'in_stock' else 'number'}")
            out[column] = value.astype(float).to_numpy()
    out = out[~blank].reset_index(drop=True)
    out.attrs["warnings"] = warnings
    return out


def read_future_csv(path: str | Path) -> pd.DataFrame:
    """Planned prices and promotions: ``series_id,date`` and at least one of ``price,promo``."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from exc
    raw, _ = _resolved(raw)  # keyed the way the sales file is, so its rows find their series
    if "series_id" not in raw.columns or "date" not in raw.columns or not {"price", "promo"} & set(raw.columns):
        raise InvalidInput("the future file needs series_id,date and price and/or promo columns")
    raw = raw.assign(units="0")
    frame = read_sales_csv_frame(raw)
    return frame.drop(columns=["units"])


def attach_future(series: list[RegularSeries], future: pd.DataFrame, horizon: int) -> list[RegularSeries]:
    """Give every series its planned price and promotion flag for each of the next ``horizon`` periods.

    A period without a planned price keeps the last price before it (the history's last price first); a
    period without a planned promotion has none. Series absent from the file therefore assume "price
    unchanged, no promotion", said in the model's output through the same features.
    """
    from dataclasses import replace

    from shared.forecast.periods import period_number

    groups = {str(k): g for k, g in future.groupby("series_id", sort=False)}
    out = []
    for s in series:
        n = len(s.values)
        price = np.full(horizon, np.nan)
        promo = np.zeros(horizon)
        g = groups.get(s.series_id)
        if g is not None:
            k = period_number(pd.DatetimeIndex(g["date"]), s.freq, s.dates[0]) - n
            ok = (k >= 0) & (k < horizon)
            if "price" in g:
                price[k[ok]] = g["price"].to_numpy(dtype=float)[ok]
            if "promo" in g:
                promo[k[ok]] = g["promo"].to_numpy(dtype=float)[ok]
        last = float(s.price[-1]) if s.price is not None and len(s.price) else np.nan
        price = pd.Series(np.concatenate([[last], price])).ffill().to_numpy(dtype=float)[1:]
        out.append(replace(s, future_price=price, future_promo=promo))
    return out


def choose_freq(frame: pd.DataFrame, freq: str | None) -> Freq:
    """The given frequency, or the most common inferred one across series."""
    if freq:
        value = freq.upper()
        if value not in ("D", "W", "M"):
            raise InvalidInput(f"--freq must be D or W (or M), not {freq!r}")
        return value  # type: ignore[return-value]
    votes = Counter(infer_freq(g) for _, g in frame.groupby("series_id", sort=False)["date"] if len(g) > 1)
    return votes.most_common(1)[0][0] if votes else infer_freq(frame["date"])


def to_series(frame: pd.DataFrame, freq: Freq, end: pd.Timestamp | None = None) -> list[RegularSeries]:
    """One regular series per id, in order of first appearance (each to ``end`` when given, else to its last row)."""
    return [regularise(str(sid), g, freq, end) for sid, g in frame.groupby("series_id", sort=False)]


def export_series(frame: pd.DataFrame, freq: Freq) -> list[RegularSeries]:
    """The series of a sales export as the CLI reads them (one per id, in order of first appearance).

    Each runs from its own first row (a product listed later starts there) to the export's last period: an
    export lists only the periods that sold, so a series whose last row is earlier sold nothing since
    (M5's reading). Ending it at its own last row forecast the wrong dates - from the period after that
    row - from a level that never saw the periods without sales.
    """
    return to_series(frame, freq, end=pd.Timestamp(frame["date"].max()) if len(frame) else None)
