"""Sales lines of a file without order ids that share a product, a day and a channel: different sales, kept apart.

A sales line's record key is its order, product, day and channel (``SaleRecord.natural_key``): a newer upload of the
same line replaces it. A file without an order column leaves only product, day and channel, so two lines of one
file selling the same product on the same day to different places or people (Adidas US Sales: one product sold by
six retailers in fifty cities a day; Chocolate Sales: one bar sold by twelve salespeople in six countries) had one
key, and processing kept only the last of them: "which region sold the most" came out 1.2% short, and "which country"
named the wrong one. A file does not revise its own lines, so a line whose key an earlier line of the same file
already has is a sale of its own: it gets a line id made from its content (``line-`` + 16 hex digits), stored as
its order id. Every line without an order id is one order to the metrics either way, so no count changes; the same
file uploaded again gives the same ids (its lines are duplicates, not new sales); a line repeated exactly has the
same id, and is then told apart by its place (below).

Files with an order id had the same loss: two lines of one order selling the same product on the same day (a
vending machine's transaction listing a drink twice; Online Retail's invoice scanning a StockCode twice) shared a
key, and a line written again exactly was dropped as written twice (Vending Machine Sales: 56 of 793 rows, 36 exact
repeats; the lines of each transaction add up to its ``TransTotal`` only when every row counts). Within one file a
row is a sale: a till, vending or invoice export writes a line again when the item was sold again. So a line whose
key earlier lines of its file already have gets its place among them (``SaleRecord.occurrence``: 2 for the second,
3 for the third; empty for the first, so every other line keeps its key and hash), which is part of its record key
(``sales_key_digests``) and its row hash. The same file sent again gives every line the same place (a duplicate of
itself, as before); a newer export of an order replaces its k-th line of a key with its own k-th. A revised export
with fewer repeats leaves the older export's extra line stored: an upload adds or replaces lines, it never removes
one (as a line left out of a newer export of any order stays). A file with an explicit line id (an order item id)
still reads an exact repeat as the line written twice (``pipeline``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from shared.ingest.lineage import content_digests, hex_digests
from shared.ingest.sales import line_kind
from shared.models.records import Record, SaleRecord

#: The prefix of a line id made from a line's content (``distinct_lines``).
LINE_ID_PREFIX = "line-"


#: A sales line's record key: its natural key, then what tells lines of one natural key apart; each part after the
#: natural key is left out of the digest while it and those after it are missing, so keys stored before it stay.
SALES_KEY = (*SaleRecord.natural_key, "line_kind", "occurrence")


#: Fields a line id made from a line's content leaves out: the stamp's offset (``SaleRecord.utc_offset``) was kept
#: after ids were first made, and an id is part of the line's record key, so the same line keeps its id.
_NOT_IN_LINE_IDS = frozenset({"utc_offset"})


def line_id_fields(model: type[Record]) -> tuple[list[str], int]:
    """The fields (and how many of them are appended) a line id is made from (``DistinctLines.apply``)."""
    fields = [f for f in model.model_fields if f not in _NOT_IN_LINE_IDS]
    return fields, model.appended_fields - (len(model.model_fields) - len(fields))


def sales_key_digests(frame: pd.DataFrame) -> np.ndarray:
    """``content_digests`` of each sales line's record key (``SALES_KEY``).

    A return line (``sales.line_kind``, read where ``frame`` has units) adds a ``return`` part, so a return never
    replaces the sale it returns; a line sold again in its file adds its ``occurrence``. Key columns ``frame`` lacks
    are missing on every line.
    """
    index = frame.index
    missing = pd.Series(None, index=index, dtype=object)
    parts = pd.DataFrame({f: frame[f] if f in frame.columns else missing for f in SaleRecord.natural_key}, index=index)
    parts["line_kind"] = line_kind(frame["units"], frame.get("returned_units"), frame.get("refund")) \
        if "units" in frame.columns else missing
    occurrence = frame["occurrence"] if "occurrence" in frame.columns else missing
    parts["occurrence"] = pd.to_numeric(occurrence, errors="coerce").astype("Int64")
    return content_digests(parts, SALES_KEY, appended=2)


def _first_u64(digests: np.ndarray) -> np.ndarray:
    """The first 8 bytes of each digest, as unsigned 64-bit keys."""
    return np.ascontiguousarray(digests[:, :8]).view(">u8").ravel().astype(np.uint64)


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
        keys = _first_u64(key_digests)
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


class Occurrences:
    """Each sales line's place among the lines of its file with the same record key (``SaleRecord.occurrence``).

    Memory is bounded by the file's distinct keys: a sorted array of their 8-byte prefixes, and a count only for the
    keys seen more than once (few). Chunks arrive in file order, so a place is the same whenever the file is read.
    """

    def __init__(self) -> None:
        self.seen = np.empty(0, dtype=np.uint64)
        self.repeated: dict[int, int] = {}  # key -> lines of it so far, for keys with more than one
        self.lines = 0  # lines placed second or later

    def place(self, key_digests: np.ndarray) -> np.ndarray:
        """Each line's place (1 for the first line of its key in the file), counting the earlier chunks' lines."""
        keys = _first_u64(key_digests)
        if len(keys) == 0:
            return np.zeros(0, dtype=np.int64)
        within = pd.Series(keys).groupby(keys, sort=False).cumcount().to_numpy(dtype=np.int64) + 1
        earlier = np.zeros(len(keys), dtype=np.int64)
        known = _contains(self.seen, keys)
        if known.any():
            earlier[known] = [self.repeated.get(int(k), 1) for k in keys[known]]
        places = earlier + within
        again = places > 1
        if again.any():
            self.lines += int(again.sum())
            # a key's places rise along the file: its last line in the chunk holds its count so far
            self.repeated.update(zip(keys[again].tolist(), places[again].tolist(), strict=True))
        fresh = np.unique(keys[~known])
        # two sorted runs: the stable sort (timsort) merges them in linear time
        self.seen = np.sort(np.concatenate([self.seen, fresh]), kind="stable") if len(fresh) else self.seen
        return places


def occurrence_note(lines: int) -> str:
    """The ingestion note for ``lines`` lines that repeat an earlier line's order, product, day and channel."""
    return (f"{lines:,} lines repeat the order, product, day and channel of an earlier line of the file (the item sold "
            f"again in the order): each is kept as a line of its own, numbered by its place among them (occurrence)")
