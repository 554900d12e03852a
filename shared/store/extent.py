"""How far each kind of a tenant's data reaches: the as-of date relative phrases resolve against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlglot import exp

from shared.models.records import RECORD_MODELS, DataKind
from shared.ports import Warehouse
from shared.store.statements import read, tenant_predicate

__all__ = ["DateExtent", "as_of_date", "data_extent", "extent_statement", "tenant_predicate", "undated_rows",
           "undated_statement"]


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


def undated_statement(kind: DataKind) -> exp.Select:
    """How many of a tenant's rows of ``kind`` have no date (undated reviews; other kinds always have one)."""
    return (exp.select(exp.func("COUNT", exp.Star()).as_("n")).from_(exp.to_table(kind.value))
            .where(tenant_predicate()).where(exp.column("date").is_(exp.null())))


def undated_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind) -> int:
    """The tenant's rows of ``kind`` without a date: 0 for a kind whose rows always have one."""
    if "date" not in RECORD_MODELS[kind].column_optional:
        return 0
    df = read(warehouse, undated_statement(kind), tenant_id)
    return int(df.iloc[0]["n"] or 0) if not df.empty else 0


def as_of_date(warehouse: Warehouse, tenant_id: str, kinds: tuple[DataKind, ...]) -> date | None:
    """The latest date in the kinds of data a question needs: "today" for relative phrases."""
    lasts = [e.last for k in kinds if "date" in RECORD_MODELS[k].model_fields
             and (e := data_extent(warehouse, tenant_id, k)) is not None]
    return max(lasts) if lasts else None
