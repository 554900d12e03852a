from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pytest

from shared.ingest.lineage import hex_digests
from shared.ingest.lines import sales_key_digests


def _sales(tenant: str, sku: str, units: int, key: str) -> dict[str, Any]:
    return {"tenant_id": tenant, "ingestion_id": "i1", "sku": sku, "date": date(2024, 1, 2), "units": units,
            "row_hash": f"h-{sku}-{units}", "record_key": key, "ingested_at": datetime(2024, 1, 3, tzinfo=UTC)}


def test_insert_and_parameterised_query(warehouse: Any) -> None:
    warehouse.insert("sales", pd.DataFrame([_sales("t1", "A", 3, "k1"), _sales("t2", "A", 5, "k2")]))
    df = warehouse.query("SELECT sku, SUM(units) AS units FROM sales WHERE tenant_id = @tenant GROUP BY sku",
                         {"tenant": "t1"})
    assert df.to_dict("records") == [{"sku": "A", "units": 3}]


def test_injection_strings_are_data(warehouse: Any) -> None:
    evil = "x' OR '1'='1"
    warehouse.insert("sales", pd.DataFrame([_sales("t1", evil, 1, "k1")]))
    assert len(warehouse.query("SELECT * FROM sales WHERE tenant_id = @t", {"t": evil})) == 0
    got = warehouse.query("SELECT sku FROM sales WHERE sku = @s", {"s": evil})
    assert got["sku"].tolist() == [evil]


def test_upsert_replaces_by_key(warehouse: Any) -> None:
    warehouse.upsert("sales", pd.DataFrame([_sales("t1", "A", 1, "k1"), _sales("t1", "B", 2, "k2")]),
                     ["tenant_id", "record_key"])
    warehouse.upsert("sales", pd.DataFrame([_sales("t1", "A", 7, "k1")]), ["tenant_id", "record_key"])
    df = warehouse.query("SELECT sku, units FROM sales WHERE tenant_id = @t ORDER BY sku", {"t": "t1"})
    assert df.to_dict("records") == [{"sku": "A", "units": 7}, {"sku": "B", "units": 2}]


def test_upsert_replacing_moves_rows_to_new_keys_and_leaves_other_tenants(warehouse: Any) -> None:
    """Rows restated under new keys (a label replaced by a name): the new rows in, the replaced keys out."""
    keys = ["tenant_id", "record_key"]
    warehouse.insert("sales", pd.DataFrame([_sales("t1", "A", 1, "old1"), _sales("t1", "B", 2, "old2"),
                                            _sales("t1", "C", 3, "k3"), _sales("t2", "A", 4, "old1")]))
    moved = pd.DataFrame([_sales("t1", "A", 1, "new1"), _sales("t1", "B", 2, "old2")])  # old2's key unchanged
    assert warehouse.upsert_replacing("sales", moved, keys, "t1", ["old1", "old2"]) == 2
    df = warehouse.query("SELECT tenant_id, record_key, units FROM sales ORDER BY tenant_id, record_key")
    assert [tuple(r) for r in df.itertuples(index=False)] == [("t1", "k3", 3), ("t1", "new1", 1), ("t1", "old2", 2),
                                                              ("t2", "old1", 4)]
    assert warehouse.upsert_replacing("sales", moved, keys, "t1", ["old1", "old2"]) == 2  # a retry converges
    assert len(warehouse.query("SELECT sku FROM sales WHERE tenant_id = 't1'")) == 3


def test_upsert_replacing_on_bigquery_is_one_transaction(bigquery_warehouse: Any) -> None:
    """BigQuery's own: the rows in and the replaced keys out are one script (one transaction), as the embedded
    engine's one transaction is. Before: the upsert, then a DELETE job of its own, so a crash between them left a page
    of relabelled rows in both forms."""
    keys = ["tenant_id", "record_key"]
    bigquery_warehouse.insert("sales", pd.DataFrame([_sales("t1", "A", 1, "old1"), _sales("t1", "B", 2, "old2")]))
    sent: list[str] = []
    real = bigquery_warehouse._run

    def recording(sql: str, params: Any) -> Any:
        sent.append(sql)
        return real(sql, params)

    bigquery_warehouse._run = recording
    moved = pd.DataFrame([_sales("t1", "A", 1, "new1")])
    assert bigquery_warehouse.upsert_replacing("sales", moved, keys, "t1", ["old1", "old2"]) == 1
    writes = [q for q in sent if "DELETE" in q or "INSERT" in q]
    assert len(writes) == 1 and "BEGIN TRANSACTION" in writes[0], writes
    df = bigquery_warehouse.query("SELECT record_key FROM sales WHERE tenant_id = 't1'")
    assert df["record_key"].tolist() == ["new1"]


def test_upsert_unless_newer_keeps_a_newer_stored_version(warehouse: Any) -> None:
    """Newest ingestion wins in the engine: a stored version strictly newer than the incoming row stays."""
    keys = ["tenant_id", "record_key"]
    day = lambda d: datetime(2024, 1, d, tzinfo=UTC)  # noqa: E731
    warehouse.insert("sales", pd.DataFrame([{**_sales("t1", "A", 1, "k1"), "ingested_at": day(5)},
                                            {**_sales("t1", "B", 2, "k2"), "ingested_at": day(3)},
                                            {**_sales("t2", "A", 3, "k1"), "ingested_at": day(1)}]))
    incoming = pd.DataFrame([{**_sales("t1", "A", 10, "k1"), "ingested_at": day(4)},   # older than stored: kept out
                             {**_sales("t1", "B", 20, "k2"), "ingested_at": day(3)},   # equal: replaces (a re-run)
                             {**_sales("t1", "C", 30, "k3"), "ingested_at": day(4)}])  # new key
    assert warehouse.upsert_unless_newer("sales", incoming, keys, "ingested_at") == 2
    df = warehouse.query("SELECT tenant_id, sku, units FROM sales ORDER BY tenant_id, sku")
    assert [tuple(r) for r in df.itertuples(index=False)] == [("t1", "A", 1), ("t1", "B", 20), ("t1", "C", 30),
                                                              ("t2", "A", 3)]
    assert warehouse.upsert_unless_newer("sales", incoming, keys, "ingested_at") == 2  # converges
    assert warehouse.upsert_unless_newer("sales", pd.DataFrame(), keys, "ingested_at") == 0
    assert len(warehouse.query("SELECT sku FROM sales WHERE tenant_id = 't1'")) == 3


def test_ensure_tables_is_idempotent(warehouse: Any) -> None:
    warehouse.ensure_tables()
    warehouse.ensure_tables()
    assert warehouse.query("SELECT COUNT(*) AS n FROM rejects")["n"].tolist() == [0]


def test_bulk_append_stores_every_batch_once_committed(warehouse: Any) -> None:
    staging = warehouse.bulk_append("sales")
    assert staging.append(pd.DataFrame([_sales("t1", "A", 1, "k1"), _sales("t1", "B", 2, "k2")])) == 2
    assert staging.append(pd.DataFrame([])) == 0
    assert staging.append(pd.DataFrame([_sales("t1", "C", 3, "k3")])) == 1
    staging.commit()
    df = warehouse.query("SELECT sku, units FROM sales WHERE tenant_id = @t ORDER BY sku", {"t": "t1"})
    assert df.to_dict("records") == [{"sku": "A", "units": 1}, {"sku": "B", "units": 2}, {"sku": "C", "units": 3}]


def test_bulk_append_with_nothing_appended_commits_nothing(warehouse: Any) -> None:
    warehouse.bulk_append("sales").commit()
    assert warehouse.query("SELECT COUNT(*) AS n FROM sales")["n"].tolist() == [0]


def test_after_a_discarded_bulk_append_the_callers_clean_up_leaves_nothing(warehouse: Any) -> None:
    staging = warehouse.bulk_append("sales")
    staging.append(pd.DataFrame([_sales("t1", "A", 1, "k1")]))
    staging.discard()
    staging.discard()  # idempotent
    # the ingest's clean-up after a failed attempt: whatever the engine already stored goes by key
    warehouse.execute("DELETE FROM sales WHERE tenant_id = @t AND ingestion_id = @i", {"t": "t1", "i": "i1"})
    assert warehouse.query("SELECT COUNT(*) AS n FROM sales")["n"].tolist() == [0]


def test_bigquery_loads_a_bulk_append_with_one_job(bigquery_warehouse: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = bigquery_warehouse
    jobs: list[str] = []
    real = warehouse.client.load_table_from_file

    def counted(*args: Any, **kwargs: Any) -> Any:
        jobs.append(str(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(warehouse.client, "load_table_from_file", counted)
    staging = warehouse.bulk_append("sales")
    for i in range(5):
        staging.append(pd.DataFrame([_sales("t1", f"S{i}", i, f"k{i}")]))
    assert jobs == []  # nothing is loaded before the commit
    staging.commit()
    assert len(jobs) == 1 and jobs[0].endswith(".sales")
    assert warehouse.query("SELECT COUNT(*) AS n FROM sales")["n"].tolist() == [5]
    # a spool past its memory limit is loaded in parts
    monkeypatch.setattr("shared.adapters.gcp.warehouse.SPOOL_LIMIT_BYTES", 1)
    staging = warehouse.bulk_append("sales")
    for i in range(3):
        staging.append(pd.DataFrame([_sales("t2", f"S{i}", i, f"k{i}")]))
    staging.commit()
    assert len(jobs) == 4
    assert warehouse.query("SELECT COUNT(*) AS n FROM sales WHERE tenant_id = 't2'")["n"].tolist() == [3]
    # a discarded append loads nothing: a failed ingestion leaves no staged rows on BigQuery
    monkeypatch.setattr("shared.adapters.gcp.warehouse.SPOOL_LIMIT_BYTES", 32 << 20)
    staging = warehouse.bulk_append("sales")
    staging.append(pd.DataFrame([_sales("t3", "X", 1, "kx")]))
    staging.discard()
    staging.commit()  # nothing left to load
    assert len(jobs) == 4
    assert warehouse.query("SELECT COUNT(*) AS n FROM sales WHERE tenant_id = 't3'")["n"].tolist() == [0]


def _slice_of(warehouse: Any, tenant: str, ingestion: str) -> list[tuple[str, int]]:
    df = warehouse.query("SELECT sku, units FROM sales WHERE tenant_id = @t AND ingestion_id = @i ORDER BY sku",
                         {"t": tenant, "i": ingestion})
    return [(str(r.sku), int(r.units)) for r in df.itertuples()]


def _slice_rows(*skus_units: tuple[str, int]) -> pd.DataFrame:
    rows = [{k: v for k, v in _sales("x", sku, units, f"k-{sku}").items() if k not in ("tenant_id", "ingestion_id")}
            for sku, units in skus_units]
    return pd.DataFrame(rows)


def test_replace_slice_clears_then_writes_only_its_slice(warehouse: Any) -> None:
    warehouse.insert("sales", pd.DataFrame([{**_sales("t1", "OLD", 1, "k0"), "ingestion_id": "i1"},
                                            {**_sales("t1", "KEEP", 2, "k1"), "ingestion_id": "i2"},
                                            {**_sales("t2", "THEIRS", 3, "k2"), "ingestion_id": "i1"}]))
    slice_ = {"tenant_id": "t1", "ingestion_id": "i1"}
    assert warehouse.replace_slice("sales", _slice_rows(("A", 4), ("B", 5)), slice_) == 2
    assert _slice_of(warehouse, "t1", "i1") == [("A", 4), ("B", 5)]
    # a second write of the slice replaces it: idempotent by slice
    assert warehouse.replace_slice("sales", _slice_rows(("A", 6)), slice_) == 1
    assert warehouse.replace_slice("sales", _slice_rows(("A", 6)), slice_) == 1
    assert _slice_of(warehouse, "t1", "i1") == [("A", 6)]
    assert _slice_of(warehouse, "t1", "i2") == [("KEEP", 2)]
    assert _slice_of(warehouse, "t2", "i1") == [("THEIRS", 3)]
    # no rows: the slice is cleared
    assert warehouse.replace_slice("sales", pd.DataFrame(), slice_) == 0
    assert _slice_of(warehouse, "t1", "i1") == []
    assert _slice_of(warehouse, "t2", "i1") == [("THEIRS", 3)]


def test_replace_slice_refuses_rows_outside_the_slice_and_a_slice_without_the_tenant(warehouse: Any) -> None:
    slice_ = {"tenant_id": "t1", "ingestion_id": "i1"}
    warehouse.replace_slice("sales", _slice_rows(("A", 1)), slice_)
    outside = pd.DataFrame([{**_sales("t2", "B", 2, "k-b"), "ingestion_id": "i1"}])
    with pytest.raises(ValueError, match="outside the slice"):
        warehouse.replace_slice("sales", outside, slice_)
    with pytest.raises(ValueError, match="tenant"):
        warehouse.replace_slice("sales", _slice_rows(("A", 9)), {"ingestion_id": "i1"})
    assert _slice_of(warehouse, "t1", "i1") == [("A", 1)]
    assert _slice_of(warehouse, "t2", "i1") == []


def test_a_failed_replace_slice_leaves_the_slice_as_it_was(warehouse: Any) -> None:
    slice_ = {"tenant_id": "t1", "ingestion_id": "i1"}
    warehouse.replace_slice("sales", _slice_rows(("A", 1), ("B", 2)), slice_)
    bad = _slice_rows(("C", 3))
    bad["units"] = ["three"]  # not an INT64: the write fails
    with pytest.raises(Exception):  # noqa: B017 - each engine raises its own conversion error
        warehouse.replace_slice("sales", bad, slice_)
    assert _slice_of(warehouse, "t1", "i1") == [("A", 1), ("B", 2)]


def test_an_orders_product_sold_twice_is_stored_as_two_lines(warehouse: Any) -> None:
    """Two lines of one order for one product on one day (Online Retail's StockCode scanned twice, a vending
    transaction's drink bought twice) differ only by their place (``occurrence``): both are stored, by their own
    record keys, and a re-run of the merge stores each once."""
    lines = pd.DataFrame([{**_sales("t1", "85123A", 2, ""), "order_id": "536365", "occurrence": None},
                          {**_sales("t1", "85123A", 2, ""), "order_id": "536365", "occurrence": 2}])
    lines["occurrence"] = lines["occurrence"].astype("Int64")
    lines["record_key"] = hex_digests(sales_key_digests(lines)).to_pylist()
    lines["row_hash"] = ["h1", "h2"]
    keys = ["tenant_id", "record_key"]
    assert lines["record_key"].nunique() == 2
    for _ in range(2):  # the merge run again (a redelivery) converges
        assert warehouse.upsert_unless_newer("sales", lines, keys, "ingested_at") == 2
        df = warehouse.query("SELECT COUNT(*) AS n, SUM(units) AS u, COUNT(DISTINCT order_id) AS o, "
                             "MAX(occurrence) AS k FROM sales WHERE tenant_id = @t", {"t": "t1"})
        assert df.to_dict("records") == [{"n": 2, "u": 4, "o": 1, "k": 2}]
