"""How far each kind of a tenant's data reaches: the as-of date relative phrases resolve against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlglot import exp

from shared.models.records import RECORD_MODELS, DataKind
from shared.ports import Warehouse
from shared.store.statements import read, tenant_predicate

__all__ = ["DateExtent", "as_of_date", "data_extent", "extent_statement", "tenant_predicate"]


@dataclass(frozen=True)
class DateExtent:
    """The first and last dates of one kind of data, and how many rows it has."""

    kind: DataKind
    first: date
    last: date
    rows: int


def extent_statement(kind: DataKind) -> exp.Select:
    """MIN/MAX date and row count of ``kind`` for one tenant (kinds without a date have no extent)."""
    if "date" not in RECORD_MODELS[kind].model_fields:
        raise ValueError(f"{kind.value} rows have no date")
    return (
        exp.select(
            exp.func("MIN", exp.column("date")).as_("first"),
            exp.func("MAX", exp.column("date")).as_("last"),
            exp.func("COUNT", exp.Star()).as_("n"),
        )
        .from_(exp.to_table(kind.value))
        .where(tenant_predicate())
    )


def data_extent(warehouse: Warehouse, tenant_id: str, kind: DataKind) -> DateExtent | None:
    """The date extent of ``kind`` for ``tenant_id``; ``None`` when the tenant has no such rows."""
    df = read(warehouse, extent_statement(kind), tenant_id)
    if df.empty or pd.isna(df.iloc[0]["last"]):
        return None
    row = df.iloc[0]
    return DateExtent(kind, pd.Timestamp(row["first"]).date(), pd.Timestamp(row["last"]).date(), int(row["n"]))


def as_of_date(warehouse: Warehouse, tenant_id: str, kinds: tuple[DataKind, ...]) -> date | None:
    """The latest date in the kinds of data a question needs: "today" for relative phrases."""
    lasts = [e.last for k in kinds if "date" in RECORD_MODELS[k].model_fields
             and (e := data_extent(warehouse, tenant_id, k)) is not None]
    return max(lasts) if lasts else None
