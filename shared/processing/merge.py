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
from shared.processing.dedup import combine_order_lines, latest_per_key
from shared.processing.flags import BatchFlags
from shared.processing.gaps import GapContext, LastKnown, fill_inventory, fill_reviews, fill_sales, last_known
from shared.processing.lineage import record_keys
from shared.processing.sku import SkuResolver
from shared.processing.spam import SPAM_THRESHOLD, score_review_frame


@dataclass
class PreparedBatch:
    """Rows ready to upsert (final table columns) and what processing changed."""

    rows: pd.DataFrame
    changes: Counter[str] = field(default_factory=Counter)
    #: The batch's own last price / lead time per SKU, for a next run of days of the same SKUs.
    carried: LastKnown = field(default_factory=LastKnown)


def _sku_flags(rows: pd.DataFrame, resolver: SkuResolver, flags: BatchFlags) -> pd.DataFrame:
    """Rewrite ``sku`` to our canonical SKU, flagging each rewrite with the original value."""
    raw = rows["sku"].map(str)  # as the resolver keys it (a null would be "None")
    resolved = resolver.resolve_many(raw.unique().tolist())
    out = rows.copy(deep=False)
    out["sku"] = raw.map({k: r.sku for k, r in resolved.items()})
    actions = raw.map({k: r.action for k, r in resolved.items()})
    for action in sorted(a for a in set(actions.dropna().tolist()) if a is not None):
        mask = (actions == action).to_numpy()
        flags.add("sku", action, out.index[mask], before=rows["sku"][mask].tolist(),
                  after=out["sku"][mask].tolist())
    return out


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
    flags = BatchFlags()
    rows = _sku_flags(staged.reset_index(drop=True), resolver, flags)
    rows["record_key"] = record_keys(kind, rows)
    if kind is DataKind.SALES:
        lines = combine_order_lines(rows)
        rows = lines.rows
        combined = list(lines.line_counts)
        flags.add("units", "order_lines_combined", combined, before=list(lines.line_counts.values()),
                  after=[rows.at[row, "units"] for row in combined])
        changes["order_lines_combined"] += lines.combined
    rows, superseded = latest_per_key(rows)
    changes["duplicates_in_batch"] += superseded

    ctx = gaps or GapContext()
    carried = last_known(rows, prices=kind is DataKind.SALES, lead_times=kind is DataKind.INVENTORY)
    if kind is DataKind.SALES:
        rows, gap_flags = fill_sales(rows, ctx)
    elif kind is DataKind.INVENTORY:
        rows, gap_flags = fill_inventory(rows, ctx)
    elif kind is DataKind.REVIEWS:
        rows, gap_flags = fill_reviews(rows)
        rows = score_review_frame(rows, review_context)
        changes["spam_flagged"] += int((rows["spam_score"] >= SPAM_THRESHOLD).sum())
    else:
        gap_flags = BatchFlags()
    changes.update(gap_flags.counts())
    sku_and_lines = flags.counts()
    changes.update({k: v for k, v in sku_and_lines.items() if k.startswith("sku:")})
    flags.extend(gap_flags)

    existing = rows["quality_flags"] if "quality_flags" in rows.columns else pd.Series(None, index=rows.index)
    rows["quality_flags"] = flags.merged_into(existing.astype(object))
    return PreparedBatch(rows[[c for c in columns if c in rows.columns]].reset_index(drop=True), changes, carried)
