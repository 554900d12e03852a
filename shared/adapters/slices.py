"""What every warehouse adapter checks before replacing a slice (``Warehouse.replace_slice``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from shared.models.tables import TableSpec

if TYPE_CHECKING:
    import pandas as pd


def slice_rows(spec: TableSpec, rows: pd.DataFrame, where: Mapping[str, Any]) -> pd.DataFrame:
    """``rows`` with the slice's columns filled in; refuses a slice without the tenant or rows outside it.

    A slice is a conjunction of column equalities that names the tenant (``tenant_id``); each value must be
    a non-null scalar. A row carrying a slice column with another value would be written outside the slice
    its write clears, so a repeated write would not be idempotent: it is refused.
    """
    if "tenant_id" not in where:
        raise ValueError(f"a slice of {spec.name} must name the tenant (tenant_id)")
    for column, value in where.items():
        if column not in spec.column_names:
            raise ValueError(f"slice column {column!r} not in {spec.name}")
        if value is None or isinstance(value, list | tuple | set | dict):
            raise ValueError(f"slice value of {column!r} must be a non-null scalar")
    unknown = set(rows.columns) - set(spec.column_names)
    if unknown:
        raise ValueError(f"columns not in {spec.name}: {sorted(unknown)}")
    rows = rows.copy()
    for column, value in where.items():
        if column in rows.columns:
            outside = rows[column] != value
            if bool(outside.any()):
                raise ValueError(f"{int(outside.sum())} rows of {spec.name} are outside the slice ({column} != "
                                 f"{value!r})")
        else:
            rows[column] = value
    return rows
