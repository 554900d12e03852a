"""Adapter behaviour beyond the shared contract, on the emulators: schema evolution, signed URLs, merges."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.contract import adapters_emulator as emu

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators")]


def _need(port: str) -> None:
    ok, reason = emu.available(port)
    if not ok:
        pytest.skip(f"emulator unavailable: {reason}")


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Any]:
    _need("warehouse")
    with emu.make_warehouse(tmp_path) as wh:
        yield wh


def test_ensure_tables_adds_columns_added_to_a_spec(warehouse: Any) -> None:
    from google.cloud import bigquery

    table = warehouse.client.get_table(f"{warehouse._dataset_ref}.rejects")
    table.schema = [f for f in table.schema if f.name != "raw"]
    # Recreate without the column, as an older deployment would have it.
    warehouse.client.delete_table(table)
    warehouse.client.create_table(bigquery.Table(table.reference, schema=table.schema))
    assert "raw" not in {f.name for f in warehouse.client.get_table(table.reference).schema}
    warehouse.ensure_tables()
    assert "raw" in {f.name for f in warehouse.client.get_table(table.reference).schema}


def test_execute_reports_affected_rows(warehouse: Any) -> None:
    import pandas as pd

    from tests.contract.test_warehouse import _sales

    warehouse.insert("sales", pd.DataFrame([_sales("t1", "A", 1, "k1"), _sales("t1", "B", 2, "k2")]))
    assert warehouse.execute("DELETE FROM sales WHERE tenant_id = @t AND sku = @s", {"t": "t1", "s": "A"}) == 1
    assert warehouse.query("SELECT sku FROM sales WHERE tenant_id = @t", {"t": "t1"})["sku"].tolist() == ["B"]


def test_signed_urls_upload_and_download_directly(tmp_path: Path) -> None:
    _need("blobs")
    with emu.make_blobs(tmp_path) as blobs:
        name = f"raw/t1/sales/{uuid.uuid4().hex}.csv"
        url = blobs.signed_url("bkt", name, method="PUT", content_type="text/csv")
        # fake-gcs-server takes direct uploads on its media endpoint with POST (see GcsBlobStore.signed_url).
        resp = requests.post(url, data=b"sku,date,units\n", headers={"Content-Type": "text/csv"}, timeout=10)
        assert resp.status_code < 300, resp.text
        info = blobs.stat("bkt", name)
        assert info is not None and info.size == len(b"sku,date,units\n")
        got = requests.get(blobs.signed_url("bkt", name, method="GET"), timeout=10)
        assert got.status_code == 200 and got.content == b"sku,date,units\n"


def test_merge_replaces_nested_fields_whole(tmp_path: Path) -> None:
    _need("documents")
    with emu.make_documents(tmp_path) as docs:
        docs.set("c", "a", {"nested": {"x": 1, "y": 2}, "keep": True})
        docs.set("c", "a", {"nested": {"x": 3}}, merge=True)
        assert docs.get("c", "a") == {"nested": {"x": 3}, "keep": True}
        with pytest.raises(ValueError, match="odd number"):
            docs.get("tenants/t1", "a")
