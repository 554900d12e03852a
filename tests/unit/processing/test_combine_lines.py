"""Summing one file's repeated order lines: the frame it returns is the concatenation it replaced, dtypes included."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.processing.dedup import combine_order_lines

AT = datetime(2024, 5, 1, tzinfo=UTC)
LINE = st.tuples(st.sampled_from(["k1", "k2", "k3", "k4"]), st.integers(0, 9),
                 st.none() | st.floats(0, 100, allow_nan=False), st.none() | st.integers(0, 3),
                 st.none() | st.floats(0, 50, allow_nan=False), st.sampled_from(["USD", None]))


def _reference(rows: pd.DataFrame) -> pd.DataFrame:
    """The concatenation path (``concat`` then ``sort_index``), taken for rows whose index is not in order."""
    return combine_order_lines(rows.iloc[::-1]).rows.sort_index()


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=30))
def test_combined_frame_equals_the_concatenation(lines: list[tuple[str, int, float | None, int | None,
                                                                    float | None, str | None]]) -> None:
    rows = pd.DataFrame({
        "record_key": [line[0] for line in lines],
        "ingested_at": [AT] * len(lines),
        "source_row": np.arange(1, len(lines) + 1),
        "units": np.array([line[1] for line in lines], dtype="int64"),
        "revenue": pd.array([line[2] for line in lines], dtype="float64"),
        "returned_units": pd.array([line[3] for line in lines], dtype="Int64"),
        "unit_price": pd.array([line[4] for line in lines], dtype="float64"),
        "currency": pd.Series([line[5] for line in lines], dtype=object),
    })
    combined = combine_order_lines(rows)
    pd.testing.assert_frame_equal(combined.rows, _reference(rows))
    assert sum(combined.line_counts.values()) - len(combined.line_counts) == len(rows) - len(combined.rows)
