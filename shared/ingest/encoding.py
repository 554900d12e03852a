"""UTF-8 with a cp1252 fallback for exactly the bytes that are not UTF-8, and a mark on the rows that needed it.

A file whose first MiB is UTF-8 but that holds a stray cp1252 byte further on (``Caf`` + byte 0xE9) is read as
UTF-8 throughout: only the offending bytes are read as cp1252, so the rest is never re-read as cp1252
(which turned every ``Café`` into ``CafÃ©``). The decoder marks each fallback with a Unicode
noncharacter (never interchanged as text), the pipeline strips the marks per chunk and flags those rows
``encoding:cp1252``.
"""

from __future__ import annotations

import codecs

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shared.ingest.parse import string_series, to_arrow
from shared.ingest.reader import Chunk

#: ``errors=`` name of the decoder fallback (registered on import).
FALLBACK_ERRORS = "ecomintel-cp1252-fallback"
#: Quality flag of a row with bytes that were not UTF-8 and were read as cp1252.
CP1252_FLAG = "encoding:cp1252"
_MARK = "\ufdd0"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = bytes(exc.object[exc.start:exc.end])
    return _MARK + bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(FALLBACK_ERRORS, _fallback)


def unmark(chunk: Chunk) -> np.ndarray:
    """Strip the fallback marks from ``chunk`` in place; mask of its frame rows that carried one."""
    marked = np.zeros(len(chunk.frame), dtype=bool)
    for name in chunk.frame.columns:
        column = to_arrow(chunk.frame[name])
        found = np.asarray(pc.fill_null(pc.match_substring(column, _MARK), False).to_numpy(zero_copy_only=False),
                           dtype=bool)
        if found.any():
            marked |= found
            chunk.frame[name] = string_series(pc.replace_substring(column, _MARK, ""), chunk.frame.index)
    for bad in chunk.bad_rows:
        bad.raw = bad.raw.replace(_MARK, "")
    return marked


def with_flag(flags: pd.Series, rows: np.ndarray) -> pd.Series:
    """``flags`` (JSON lists) with ``encoding:cp1252`` added on ``rows`` (few: patched one by one)."""
    import json

    if not rows.any():
        return flags
    values = flags.astype(object).to_numpy(copy=True)
    for pos in np.flatnonzero(rows):
        values[pos] = json.dumps([*json.loads(values[pos]), CP1252_FLAG])
    return string_series(pa.array(values.tolist(), type=pa.string()), flags.index)


def with_label(flags: pd.Series, label: str) -> pd.Series:
    """``flags`` (JSON lists) with ``label`` added on every row (rows of a chunk that share a reading)."""
    import json

    values = [json.dumps([*json.loads(v), label]) if v else json.dumps([label]) for v in flags.astype(object)]
    return string_series(pa.array(values, type=pa.string()), flags.index)
