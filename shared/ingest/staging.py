"""Warehouse access of ingestion: duplicate look-ups, staging inserts, rejects, retry clean-up.

BigQuery-dialect SQL with ``@named`` parameters only; every statement filters on ``tenant_id``. Table
names come from ``DataKind`` (never from input).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from shared.ingest.crashpoints import crash_point
from shared.models.records import DataKind
from shared.ports import BulkAppend, Warehouse


def staging_table(kind: DataKind) -> str:
    """The staging table of ``kind``."""
    return f"stg_{kind.value}"


#: Staged rows of these ingestions are not stored data yet (their ingestion has not finished staging).
_COMMITTED_STAGE = "ingestion_id NOT IN (SELECT p FROM UNNEST(@pending) AS p)"


def has_stored_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind, pending: Sequence[str]) -> bool:
    """Whether the tenant has committed rows of ``kind`` (else no look-ups needed).

    Committed: in the final table, or staged by an ingestion that finished staging; rows staged by the
    ``pending`` ingestions (still staging, or abandoned by a crash) are not.
    """
    found = warehouse.query(
        f"SELECT EXISTS(SELECT 1 FROM `{staging_table(kind)}` WHERE tenant_id = @tenant_id AND {_COMMITTED_STAGE}) "
        f"OR EXISTS(SELECT 1 FROM `{kind.value}` WHERE tenant_id = @tenant_id) AS has_rows",
        {"tenant_id": tenant_id, "pending": list(pending)},
    )
    return bool(found["has_rows"].iloc[0])


def existing_hashes(warehouse: Warehouse, tenant_id: str, kind: DataKind, hashes: Sequence[str],
                    pending: Sequence[str]) -> set[str]:
    """Which of ``hashes`` the tenant already has committed (see ``has_stored_rows``)."""
    if not hashes:
        return set()
    sql = (
        f"SELECT row_hash FROM `{staging_table(kind)}` WHERE tenant_id = @tenant_id "
        f"AND row_hash IN (SELECT h FROM UNNEST(@hashes) AS h) AND {_COMMITTED_STAGE} "
        f"UNION DISTINCT "
        f"SELECT row_hash FROM `{kind.value}` WHERE tenant_id = @tenant_id "
        f"AND row_hash IN (SELECT h FROM UNNEST(@hashes) AS h)"
    )
    found = warehouse.query(sql, {"tenant_id": tenant_id, "hashes": list(hashes), "pending": list(pending)})
    return set(found["row_hash"].tolist()) if not found.empty else set()


def stored_reject_rows(warehouse: Warehouse, tenant_id: str, kind: DataKind, file_checksum: str,
                       ingestion_id: str) -> set[int]:
    """Row numbers of this file (by checksum) already rejected by an earlier ingestion of the same tenant."""
    found = warehouse.query(
        "SELECT DISTINCT row_number FROM `rejects` WHERE tenant_id = @tenant_id AND kind = @kind "
        "AND file_checksum = @checksum AND ingestion_id != @ingestion_id",
        {"tenant_id": tenant_id, "kind": kind.value, "checksum": file_checksum, "ingestion_id": ingestion_id},
    )
    return {int(v) for v in found["row_number"].tolist()} if not found.empty else set()


def clear_ingestion(warehouse: Warehouse, tenant_id: str, kind: DataKind, ingestion_id: str) -> None:
    """Remove what an interrupted attempt of ``ingestion_id`` staged, so a retry never double-stages."""
    params = {"tenant_id": tenant_id, "ingestion_id": ingestion_id}
    warehouse.execute(
        f"DELETE FROM `{staging_table(kind)}` WHERE tenant_id = @tenant_id AND ingestion_id = @ingestion_id", params
    )
    warehouse.execute("DELETE FROM `rejects` WHERE tenant_id = @tenant_id AND ingestion_id = @ingestion_id", params)


def open_staging(warehouse: Warehouse, kind: DataKind) -> BulkAppend:
    """An append to ``stg_{kind}`` for one ingestion: batches go in as they come, the load at ``commit``."""
    return warehouse.bulk_append(staging_table(kind))


def stage_rows(staging: BulkAppend, rows: pd.DataFrame) -> int:
    """Append accepted rows (record fields + lineage columns) to an ingestion's staging append."""
    written = staging.append(rows)
    crash_point("ingest.chunk")
    return written


def store_rejects(warehouse: Warehouse, rows: pd.DataFrame) -> int:
    """Append reject rows."""
    return warehouse.insert("rejects", rows)
