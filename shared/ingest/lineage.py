"""Content hashes for lineage and duplicate detection.

``row_hash`` is a BLAKE2b-128 digest of the record's fields in declaration order, each written in a
canonical text form (Arrow's cast to string: text as is, integers in decimal, floats shortest
round-trip, dates ``YYYY-MM-DD``, booleans ``true/false``; a missing value is a NUL character), joined
with the unit separator (0x1F). It depends on nothing but the values. ``record_key`` is the same digest
over the model's natural key.

Fields added to a model after rows were stored (``Record.appended_fields``) are left out of the text while
they are missing, so stored rows keep their digests and a re-upload of an old file is still a duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MISSING = "\x00"
SEPARATOR = "\x1f"


def canonical(col: pd.Series) -> Any:
    """A column's values in canonical text form, as an Arrow string array."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        arr = pa.array(col.to_numpy(dtype="datetime64[D]"), type=pa.date32(), from_pandas=True)
    else:
        arr = pa.array(col, from_pandas=True)
    if pa.types.is_floating(arr.type):
        arr = pc.if_else(pc.is_nan(arr), pa.scalar(None, arr.type), arr)
    return pc.fill_null(pc.cast(arr, pa.string()), MISSING)


def content_digests(frame: pd.DataFrame, fields: Sequence[str], *, appended: int = 0) -> np.ndarray:
    """BLAKE2b-128 of the canonical ``fields`` of each row, as an ``(n, 16)`` array of bytes.

    The last ``appended`` fields are dropped from the text while they (and those after them) are missing.
    """
    if len(frame) == 0:
        return np.empty((0, 16), dtype=np.uint8)
    arrays = [canonical(frame[f]) for f in fields]
    joined = pc.binary_join_element_wise(*arrays, SEPARATOR) if len(arrays) > 1 else arrays[0]
    if appended:
        joined = pc.replace_substring_regex(joined, pattern=rf"(?:\x1f\x00){{1,{appended}}}$", replacement="")
    blake = hashlib.blake2b
    # UTF-8 bytes straight from Arrow (no per-value str -> bytes encode)
    data = b"".join([blake(v, digest_size=16).digest() for v in pc.cast(joined, pa.binary()).to_pylist()])
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, 16)


_HEX_PAIRS = np.array([f"{i:02x}".encode() for i in range(256)], dtype="S2").view(np.uint16)


def hex_digests(digests: np.ndarray) -> Any:
    """Lower-case hex of each ``content_digests`` row, as an Arrow string array (vectorised)."""
    text = np.ascontiguousarray(_HEX_PAIRS[digests]).view(f"S{2 * digests.shape[1]}").ravel()
    return pa.array(text, type=pa.binary(2 * digests.shape[1])).cast(pa.binary()).cast(pa.string())


def content_hashes(frame: pd.DataFrame, fields: Sequence[str], *, appended: int = 0) -> pd.Series:
    """Hex BLAKE2b-128 of the canonical ``fields`` of each row (see :func:`content_digests`)."""
    if len(frame) == 0:
        return pd.Series([], index=frame.index, dtype=object)
    digests = content_digests(frame, fields, appended=appended)
    return pd.Series(hex_digests(digests).to_pylist(), index=frame.index, dtype=object)


def in_file_keys(digests: np.ndarray, cells: pd.DataFrame) -> np.ndarray:
    """The in-file duplicate key of each row: its record's digest (first 8 bytes) joined with the file's own cells.

    A file writes a row again only when it writes the same cells again. Two rows whose records are alike but whose
    cells differ in a column no field reads (Depop's ``Time of sale``: a buyer's two sales of one item on one day,
    with no sale id) are two rows: the second must not be dropped as the first written twice. ``cells`` are the
    rows as the file wrote them, one column per source column, aligned with ``digests``.
    """
    record = np.ascontiguousarray(digests[:, :8]).view(">u8").ravel().astype(np.uint64)
    if cells.shape[1] == 0:
        return record
    written = pd.util.hash_pandas_object(cells, index=False).to_numpy(dtype=np.uint64)
    # a row's two 64-bit hashes mixed into one (golden-ratio multiply: equal halves do not cancel out)
    with np.errstate(over="ignore"):
        return np.asarray(record ^ (written * np.uint64(0x9E3779B97F4A7C15)), dtype=np.uint64)
