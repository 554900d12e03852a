"""Reading stored rows back out: a tenant's final rows or rejects of one kind, as JSON or safe CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from shared.models.records import DataKind
from shared.ports import Warehouse
from shared.store.records import stored_rows as final_rows
from shared.store.rejects import kind_rejects

if TYPE_CHECKING:
    from shared.runtime.served import ServedRuntime

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def stored_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind, *, rejects: bool = False) -> pd.DataFrame:
    """The tenant's rows of the final table ``kind`` (or its rejects), in a stable order."""
    return kind_rejects(warehouse, tenant_id, kind) if rejects else final_rows(warehouse, tenant_id, kind)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (ISO dates, ``None`` for missing)."""
    cols = list(frame.columns)
    return [{c: _plain(v) for c, v in zip(cols, row, strict=True)} for row in frame.itertuples(index=False)]


def to_json(frame: pd.DataFrame) -> str:
    """One JSON array of row objects."""
    return json.dumps(records(frame), ensure_ascii=False)


def neutralise(cell: str) -> str:
    """Defuse spreadsheet formula injection: cells starting with ``= + - @ TAB CR`` get a leading ``'``."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text with a header row; every cell neutralised against formula injection."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in records(frame):
        writer.writerow(["" if v is None else neutralise(str(v)) for v in row.values()])
    return buf.getvalue()


def exported_through(
    runtime: ServedRuntime, tenant_id: str, kind: DataKind, *, rejects: bool = False, fmt: str = "json"
) -> str:
    """What ``ecomintel export`` prints, read through the API (``GET /v1/datasets/rows``) as a viewer of the tenant.

    The same text as :func:`to_json` (and a newline) or :func:`to_csv` over :func:`stored_rows` here.
    """
    from shared.errors import EcomIntelError
    from shared.security.principal import Role

    resp = runtime.call_http(
        "datasets",
        "GET",
        "/v1/datasets/rows",
        headers=runtime.credentials(tenant_id, role=Role.VIEWER),
        query={"kind": kind.value, "rejects": str(rejects).lower(), "format": fmt},
    )
    if resp.status != 200:
        try:
            message = resp.json()["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = f"HTTP {resp.status}"
        raise EcomIntelError(f"export through the server failed: {message}")
    if fmt == "csv":
        return resp.body.decode()
    return json.dumps(resp.json()["rows"], ensure_ascii=False) + "\n"
