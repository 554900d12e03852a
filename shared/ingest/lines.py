"""Sales lines of a file without order ids that share a product, a day and a channel: different sales, kept apart.

A sales line's record key is its order, product, day and channel (``SaleRecord.natural_key``): a newer upload of the
same line replaces it. A file without an order column leaves only product, day and channel, so two lines of one
file selling the same product on the same day to different places or people (Adidas US Sales: one product sold by
six retailers in fifty cities a day; Chocolate Sales: one bar sold by twelve salespeople in six countries) had one
key, and processing kept only the last of them: "which region sold the most" came out 1.2% short, and "which country"
named the wrong one. A file does not revise its own lines, so a line whose key an earlier line of the same file
already has is a sale of its own: it gets a line id made from its content (``line-`` + 16 hex digits), stored as
its order id. Every line without an order id is one order to the metrics either way, so no count changes; the same
file uploaded again gives the same ids (its lines are duplicates, not new sales); a line repeated exactly is still
one line (same content, same id, a duplicate).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from shared.ingest.lineage import content_digests, hex_digests

#: The prefix of a line id made from a line's content (``distinct_lines``).
LINE_ID_PREFIX = "line-"


def _contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[pos] == keys)


class DistinctLines:
    """The keys a file's lines without order ids have had so far (8 bytes a line), and the lines that repeat one."""

    def __init__(self) -> None:
        self.seen = np.empty(0, dtype=np.uint64)
        self.lines = 0  # lines given an id of their own

    def apply(self, good: pd.DataFrame, key_digests: np.ndarray, fields: Sequence[str], appended: int) -> pd.DataFrame:
        """``good`` with an order id made from its content on each line whose key an earlier line had.

        ``key_digests`` are the ``content_digests`` of the record key; ``fields``/``appended`` the record's content
        (the row hash's).
        """
        keys = np.ascontiguousarray(key_digests[:, :8]).view(">u8").ravel().astype(np.uint64)
        again = pd.Series(keys).duplicated().to_numpy() | _contains(self.seen, keys)
        self.seen = np.union1d(self.seen, keys)
        if "order_id" in good:
            again &= good["order_id"].isna().to_numpy()
        if not again.any():
            return good
        repeated = good[again]
        if "order_id" not in repeated:
            repeated = repeated.assign(order_id=pd.Series(None, index=repeated.index, dtype=object))
        ids = hex_digests(content_digests(repeated, fields, appended=appended)).to_pylist()
        out = good.copy() if "order_id" in good else good.assign(order_id=pd.Series(None, index=good.index,
                                                                                    dtype=object))
        out.loc[again, "order_id"] = [f"{LINE_ID_PREFIX}{h[:16]}" for h in ids]
        self.lines += int(again.sum())
        return out


def lines_note(lines: int) -> str:
    """The ingestion note for ``lines`` lines kept apart by an id of their own."""
    return (f"no order column: {lines:,} lines share their product, day and channel with an earlier line of the file "
            f"and differ from it (another place, person or seller): each is kept as its own sale, with a line id made "
            f"from its content ('{LINE_ID_PREFIX}...') as its order id")
