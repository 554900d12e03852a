"""Content hashes for lineage and duplicate detection.

``row_hash`` is a BLAKE2b-128 digest of the record's fields in declaration order, each written in a
canonical form (text as is, integers in decimal, floats via ``repr``, dates as ``YYYY-MM-DD``, booleans
as ``true/false``, missing as a NUL character), joined with the unit separator (0x1F);
it depends on nothing but the values.
``record_key`` is the same digest over the model's natural key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MISSING = "\x00"
SEPARATOR = "\x1f"


def canonical(col: pd.Series) -> pa.Array:
    """A column's values in canonical text form (see module docstring)."""
    present = col.notna().to_numpy()
    dtype = col.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        text = pd.Series(np.datetime_as_string(col.to_numpy(dtype="datetime64[D]"), unit="D"), index=col.index)
    elif isinstance(dtype, pd.BooleanDtype) or pd.api.types.is_bool_dtype(dtype):
        text = col.map({True: "true", False: "false"}, na_action="ignore")
    elif pd.api.types.is_integer_dtype(dtype):
        text = col.astype("Int64").astype(str)
    elif pd.api.types.is_float_dtype(dtype):
        text = pd.Series([repr(float(v)) for v in col.to_numpy(dtype="float64", na_value=np.nan)], index=col.index)
    else:
        text = col.astype(object).where(present, "").astype(str)
    values = np.where(present, text.astype(object).fillna("").to_numpy(dtype=object), MISSING)
    return pa.array(values, type=pa.string())


def content_hashes(frame: pd.DataFrame, fields: Sequence[str]) -> pd.Series:
    """Hex BLAKE2b-128 of the canonical ``fields`` of each row."""
    if len(frame) == 0:
        return pd.Series([], index=frame.index, dtype=object)
    arrays = [canonical(frame[f]) for f in fields]
    joined = pc.binary_join_element_wise(*arrays, SEPARATOR) if len(arrays) > 1 else arrays[0]
    blake = hashlib.blake2b
    digests = [blake(v.encode(), digest_size=16).hexdigest() for v in joined.to_pylist()]
    return pd.Series(digests, index=frame.index, dtype=object)
