"""The pure processing pipeline for one staged batch: SKUs, record keys, dedup, gaps, spam, lineage.

``prepare_batch`` takes the staged rows and reference data and returns the rows to merge into the final
table plus counts of every change, without touching any backend.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from shared.models.records import DataKind
from shared.models.tables import TABLES
from shared.processing.dedup import combine_order_lines, drop_stale, latest_per_key
from shared.processing.gaps import Flags, GapContext, fill_inventory, fill_reviews, fill_sales
from shared.processing.lineage import flag, merge_flags, record_keys
from shared.processing.sku import SkuResolver
from shared.processing.spam import SPAM_THRESHOLD, score_review_frame


@dataclass
class PreparedBatch:
    """Rows ready to upsert (final table columns) and what processing changed."""

    rows: pd.DataFrame
    changes: Counter[str] = field(default_factory=Counter)


def _sku_flags(rows: pd.DataFrame, resolver: SkuResolver, changes: Counter[str]) -> tuple[pd.DataFrame, Flags]:
    """Rewrite ``sku`` to our canonical SKU, flagging each rewrite with the original value."""
    flags: Flags = {}
    out = rows.copy()
    resolved = resolver.resolve_many(out["sku"].astype(str).tolist())
    out["sku"] = out["sku"].map(lambda raw: resolved[str(raw)].sku)
    for idx, raw in zip(out.index, rows["sku"], strict=True):
        res = resolved[str(raw)]
        if res.action is not None:
            flags.setdefault(idx, []).append(flag("sku", res.action, raw, res.sku))
            changes[f"sku:{res.action}"] += 1
    return out, flags


def prepare_batch(
    kind: DataKind,
    staged: pd.DataFrame,
    resolver: SkuResolver,
    gaps: GapContext | None = None,
    review_context: pd.DataFrame | None = None,
) -> PreparedBatch:
    """Normalise, re-key, deduplicate within the batch, fill gaps, score spam and record lineage."""
    columns = TABLES[kind.value].column_names
    changes: Counter[str] = Counter()
    if staged.empty:
        return PreparedBatch(pd.DataFrame(columns=columns), changes)
    rows = staged.reset_index(drop=True)
    rows, flags = _sku_flags(rows, resolver, changes)
    rows["record_key"] = record_keys(kind, rows)
    if kind is DataKind.SALES:
        lines = combine_order_lines(rows)
        rows = lines.rows
        for row, n in lines.line_counts.items():
            flags.setdefault(row, []).append(flag("units", "order_lines_combined", n, rows.at[row, "units"]))
        changes["order_lines_combined"] += lines.combined
    rows, superseded = latest_per_key(rows)
    changes["duplicates_in_batch"] += superseded

    gap_flags: Flags = {}
    ctx = gaps or GapContext()
    if kind is DataKind.SALES:
        rows, gap_flags = fill_sales(rows, ctx)
    elif kind is DataKind.INVENTORY:
        rows, gap_flags = fill_inventory(rows, ctx)
    elif kind is DataKind.REVIEWS:
        rows, gap_flags = fill_reviews(rows)
        rows = score_review_frame(rows, review_context)
        changes["spam_flagged"] += int((rows["spam_score"] >= SPAM_THRESHOLD).sum())
    for idx, items in gap_flags.items():
        flags.setdefault(idx, []).extend(items)
        for item in items:
            changes[f"{item['field']}:{item['action']}"] += 1

    existing = rows["quality_flags"].tolist() if "quality_flags" in rows.columns else [None] * len(rows)
    merged = [
        merge_flags(before, flags[idx]) if idx in flags else (before if isinstance(before, str) else None)
        for idx, before in zip(rows.index, existing, strict=True)
    ]
    rows["quality_flags"] = pd.Series(merged, index=rows.index, dtype=object)
    return PreparedBatch(rows[[c for c in columns if c in rows.columns]].reset_index(drop=True), changes)


def without_stale(batch: PreparedBatch, existing_versions: pd.DataFrame) -> PreparedBatch:
    """Drop rows the final table already holds in a strictly newer version (counted as ``stale_skipped``)."""
    rows, stale = drop_stale(batch.rows, existing_versions)
    changes = Counter(batch.changes)
    if stale:
        changes["stale_skipped"] += stale
    return PreparedBatch(rows.reset_index(drop=True), changes)
