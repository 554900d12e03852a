"""The batch contract: a CSV of price observations in, one row of position + recommendation per SKU out.

Input columns: ``sku,date,our_price,competitor,competitor_price`` and optionally ``cost,map,shipping,units``
(``msrp`` and ``category`` are accepted too). Rows are numbered from 1 for the first data row, as the
ingest rejects table numbers them. Validation stops at the first bad value with a one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from shared import regex as re
from shared.ingest.column_dates import column_date_order, read_date_column
from shared.ingest.parse import DateOrder
from shared.money import parse_money_column
from shared.pricing.analysis import PricingAnalysis, PricingInputs

REQUIRED = ("sku", "date", "our_price", "competitor", "competitor_price")
MONEY_OPTIONAL = ("cost", "map", "msrp", "shipping")
OUTPUT_COLUMNS = ("sku", "price_index", "rank", "gap_to_min", "cheapest_share", "recommended_price", "confidence")
EXTRA_COLUMNS = ("method", "our_price", "comp_min", "comp_median", "comp_max", "gap_to_median", "gap_to_max",
                 "n_competitors", "latest_date", "elasticity", "ci_low", "ci_high", "flags")


class BatchInputError(ValueError):
    """Bad input; the message names the row and column."""


def _fail(pos: int, column: str, why: str) -> BatchInputError:
    return BatchInputError(f"row {pos + 1}, column {column}: {why}")


_MISSING = {"", "na", "n/a", "nan", "null", "none", "-"}


#: Other names of the contract's columns in published price panels (Kaggle's Retail Price Optimization:
#: ``product_id,month_year,qty,...,unit_price,comp_1,ps1,fp1,comp_2,...``), most specific first.
ALIASES: dict[str, tuple[str, ...]] = {
    "sku": ("product_id", "item_id", "sku_id", "product_code", "asin"),
    "date": ("month_year", "order_date", "week", "month", "ds"),
    "our_price": ("unit_price", "price", "selling_price", "sell_price"),
    "units": ("qty", "quantity", "units_sold"),
}
#: A competitor's price in its own column: ``comp_1``, ``competitor_2_price``, ``comp3``.
_WIDE_COMPETITOR = re.compile(r"^comp(?:etitor)?_?(\d+)(?:_price)?$")


def long_from_wide(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """A panel with one column per competitor as the contract's long rows, and notes on what was read how.

    Only when the contract's own columns are absent: ``competitor,competitor_price`` from the ``comp_N`` columns
    (one row per SKU, date and competitor: ``comp_1``...), the other required names from :data:`ALIASES`.
    """
    if "competitor" in raw.columns or "competitor_price" in raw.columns:
        return raw, []
    wide = [c for c in raw.columns if _WIDE_COMPETITOR.match(c)]
    if not wide:
        return raw, []
    notes = []
    renames: dict[str, str] = {}
    for field, aliases in ALIASES.items():
        if field in raw.columns:
            continue
        found = next((a for a in aliases if a in raw.columns and a not in renames), None)
        if found is not None:
            renames[found] = field
            notes.append(f"read column '{found}' as {field}")
    base = raw.rename(columns=renames)
    keep = [c for c in base.columns if c not in wide]
    long = base.melt(id_vars=keep, value_vars=wide, var_name="competitor", value_name="competitor_price")
    notes.append(f"read the competitor price columns {', '.join(wide)} as one row per competitor "
                 f"({len(base):,} rows -> {len(long):,})")
    return long.reset_index(drop=True), notes


def read_observations(source: str | Path | IO[str], *, chunk_rows: int = 200_000,
                      progress: Callable[[int], None] | None = None,
                      warn: Callable[[str], object] | None = None) -> PricingInputs:
    """Read and validate the batch CSV into analysis inputs; raise ``BatchInputError`` on bad input.

    A row missing our price or the competitor's (an unobserved day) is skipped and reported through ``warn``;
    a value that is present but not a price is an error naming its row and column.
    """
    try:
        raw = pd.read_csv(source, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise BatchInputError(f"cannot read the CSV: {str(exc).splitlines()[0]}") from exc
    except pd.errors.EmptyDataError as exc:
        raise BatchInputError("the CSV is empty (expected a header row)") from exc
    raw.columns = [c.strip().lower() for c in raw.columns]
    raw, notes = long_from_wide(raw)
    for note in notes:
        if warn is not None:
            warn(note)
    absent = [c for c in REQUIRED if c not in raw.columns]
    if absent:
        raise BatchInputError(f"missing required column(s): {', '.join(absent)} (header: {','.join(raw.columns)})")
    if raw.empty:
        raise BatchInputError("the CSV has a header but no data rows")
    unobserved = np.zeros(len(raw), dtype=bool)
    for col in ("our_price", "competitor_price"):
        unobserved |= raw[col].str.strip().str.lower().isin(_MISSING).to_numpy()
    if unobserved.any():
        if unobserved.all():
            raise BatchInputError("no row has both our_price and competitor_price")
        if warn is not None:
            warn(f"{int(unobserved.sum())} rows without our_price or competitor_price were skipped "
                 f"(e.g. row {int(np.flatnonzero(unobserved)[0]) + 1})")
        # keep the original row numbers for messages: parse the remaining rows in place
        raw = raw[~unobserved]
    parts: list[pd.DataFrame] = []
    positions = np.flatnonzero(~unobserved)
    order = column_date_order(raw["date"].str.strip())  # one day/month order for the file, not per chunk
    for start in range(0, len(raw), chunk_rows):
        parts.append(_parse_chunk(raw.iloc[start:start + chunk_rows], positions[start:start + chunk_rows], order))
        if progress is not None:
            progress(min(chunk_rows, len(raw) - start))
    frame = pd.concat(parts, ignore_index=True)
    attrs = _attributes(frame)
    obs_cols = ["sku", "date", "competitor", "competitor_price", "our_price", "row_id"]
    obs_cols += [c for c in ("shipping", "units") if c in frame]
    return PricingInputs(observations=frame[obs_cols], attributes=attrs)


def _parse_chunk(chunk: pd.DataFrame, positions: np.ndarray, order: DateOrder) -> pd.DataFrame:
    """Parse rows whose 0-based positions in the file are ``positions`` (messages count rows from 1)."""
    out = pd.DataFrame(index=chunk.index)
    for col in ("sku", "competitor"):
        values = chunk[col].str.strip()
        empty = np.flatnonzero((values == "").to_numpy())
        if len(empty):
            raise _fail(int(positions[empty[0]]), col, "is empty")
        out[col] = values
    text_dates = chunk["date"].str.strip()
    dates = read_date_column(text_dates, order)  # 2024/06/01, 2024-06-01T00:00:00, 06/01/2024, 1 Jun 2024
    bad = np.flatnonzero(dates.isna().to_numpy())
    if len(bad):
        raise _fail(int(positions[bad[0]]), "date", f"{chunk['date'].iloc[bad[0]]!r} is not a date (YYYY-MM-DD)")
    out["date"] = dates.dt.normalize()
    for col in ("our_price", "competitor_price", *MONEY_OPTIONAL):
        if col not in chunk:
            continue
        values, pos, why = parse_money_column(chunk[col], required=col in REQUIRED)
        if pos is not None:
            raise _fail(int(positions[pos]), col, why or "is not a number")
        out["map_price" if col == "map" else col] = values.to_numpy()
    if "units" in chunk:
        text = chunk["units"].str.strip()
        units = pd.to_numeric(text.where(text != "", None), errors="coerce")
        fractional = units.notna() & (units % 1 != 0)
        bad = np.flatnonzero(((units.isna() & (text != "")) | (units < 0) | fractional).to_numpy())
        if len(bad):
            raise _fail(int(positions[bad[0]]), "units",
                        f"{chunk['units'].iloc[bad[0]]!r} is not a whole number >= 0")
        out["units"] = units.to_numpy()
    if "category" in chunk:
        out["category"] = chunk["category"].str.strip().replace("", None)
    out["row_id"] = [f"row {int(pos) + 1}" for pos in positions]
    return out


def _attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """Per-SKU cost/MAP/MSRP/category: the value on the SKU's latest row that has one."""
    cols = [c for c in ("cost", "map_price", "msrp", "category") if c in frame]
    if not cols:
        return pd.DataFrame(columns=["cost", "map_price", "msrp", "category"]).rename_axis("sku")
    ordered = frame.sort_values("date", kind="stable")
    attrs = ordered.groupby("sku", sort=True)[cols].last()  # last non-null per column
    return attrs.reindex(columns=["cost", "map_price", "msrp", "category"])


def output_table(analysis: PricingAnalysis) -> pd.DataFrame:
    """The batch output: the contract columns, then extra columns."""
    skus = analysis.skus
    table = skus.reindex(columns=[c for c in (*OUTPUT_COLUMNS, *EXTRA_COLUMNS) if c != "sku"])
    table = table.rename_axis("sku").reset_index()
    table["latest_date"] = pd.to_datetime(table["latest_date"]).dt.strftime("%Y-%m-%d")
    for col in ("price_index", "gap_to_min", "gap_to_median", "gap_to_max", "comp_min", "comp_median", "comp_max",
                "our_price", "recommended_price"):
        table[col] = table[col].astype("float64").round(4)
    table["cheapest_share"] = table["cheapest_share"].astype("float64").round(4)
    for col in ("elasticity", "ci_low", "ci_high"):
        table[col] = table[col].astype("float64").round(4)
    return table
