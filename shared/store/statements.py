"""Building blocks of the store's statements, and the one way a statement reaches the warehouse.

Every statement the store runs is a sqlglot expression, compiled per engine by ``Warehouse.run`` /
``Warehouse.render`` (BigQuery ``@name``, DuckDB ``$name``), with values bound as parameters: nothing a
caller passes is ever formatted into SQL text. ``read``/``read_with_evidence``/``change`` refuse a
statement that does not carry the tenant parameter, and a blank tenant, so a query cannot reach the
engine without the tenant predicate. The tenant is always the parameter ``tenant``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from shared.ports import Warehouse

if TYPE_CHECKING:
    import pandas as pd

#: The parameter every store statement filters the tenant by.
TENANT = "tenant"


def param(name: str) -> exp.Placeholder:
    """A named parameter (``@name`` on BigQuery, ``$name`` on DuckDB)."""
    return exp.Placeholder(this=name)


def col(name: str, table: str | None = None) -> exp.Column:
    """A (quoted when needed) column, optionally qualified by ``table``."""
    return exp.column(name, table=table, quoted=name in _RESERVED or None)


#: Column names that are keywords and must be quoted (``rejects.column``).
_RESERVED = frozenset({"column"})


def fn(name: str, *args: exp.Expr) -> exp.Expr:
    """A function call by name (``SUM``, ``MIN``, ``LOWER``...)."""
    return exp.func(name, *args)


def tenant_predicate(table: str | None = None) -> exp.Expr:
    """``tenant_id = @tenant`` (qualified by ``table`` when given): every store statement carries it."""
    return col("tenant_id", table).eq(param(TENANT))


def in_array(expression: exp.Expr, name: str) -> exp.Expr:
    """``expression IN (SELECT v FROM UNNEST(@name) AS v)``: an array parameter as an IN list (a semi-join)."""
    values = exp.Unnest(expressions=[param(name)], alias=exp.TableAlias(columns=[exp.to_identifier("v")]))
    return expression.isin(query=exp.select("v").from_(values))


def latest_first(partition: Sequence[str], *order: str) -> exp.Expr:
    """``ROW_NUMBER() OVER (PARTITION BY .. ORDER BY <order> DESC)``: 1 marks each partition's latest row."""
    return exp.Window(this=exp.RowNumber(), partition_by=[col(c) for c in partition],
                      order=exp.Order(expressions=ordered(*order, desc=True)))


def ordered(*columns: str, desc: bool = False, table: str | None = None) -> list[exp.Ordered]:
    """ORDER BY terms with BigQuery's null placement on every engine (first ascending, last descending)."""
    return [exp.Ordered(this=col(c, table), desc=desc, nulls_first=not desc) for c in columns]


def jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as JSON-friendly values (dates as ISO strings), as evidence cites them."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()}


@dataclass(frozen=True)
class TenantRead:
    """A tenant's rows and the exact statement (in the engine's dialect) and parameters that read them."""

    frame: pd.DataFrame
    sql: str
    params: dict[str, Any] = field(default_factory=dict)

    def evidence_params(self) -> dict[str, Any]:
        """Parameters as JSON-friendly values."""
        return jsonable(self.params)


def bind(statement: exp.Expression, tenant_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters ``statement`` uses, the tenant included; refuses a statement without the tenant."""
    if not tenant_id:
        raise ValueError("a store statement needs a tenant")
    used = {p.name for p in statement.find_all(exp.Placeholder)}
    if TENANT not in used:
        raise ValueError("store statement does not filter on the tenant")
    missing = used - set(params) - {TENANT}
    if missing:
        raise ValueError(f"parameters not bound: {sorted(missing)}")
    # engines refuse parameters a statement lacks, so only the used ones are sent
    return {TENANT: tenant_id, **{k: v for k, v in params.items() if k in used and k != TENANT}}


def read(warehouse: Warehouse, statement: exp.Expression, tenant_id: str, **params: Any) -> pd.DataFrame:
    """Run a tenant's read."""
    return warehouse.run(statement, bind(statement, tenant_id, params))


def read_with_evidence(warehouse: Warehouse, statement: exp.Expression, tenant_id: str,
                       **params: Any) -> TenantRead:
    """Run a tenant's read and keep the statement as run, for findings to cite."""
    bound = bind(statement, tenant_id, params)
    return TenantRead(warehouse.run(statement, bound), warehouse.render(statement), bound)


def change(warehouse: Warehouse, statement: exp.Expression, tenant_id: str, **params: Any) -> None:
    """Run a tenant's DML statement (a DELETE of its rows)."""
    warehouse.run(statement, bind(statement, tenant_id, params))
