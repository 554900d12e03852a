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
    """What the upload endpoint hands out is used exactly as Cloud Storage takes it: PUT, or POST + PUT."""
    _need("blobs")
    from shared.adapters.gcp.blobs import RESUMABLE_START, UPLOAD_PRECONDITION

    with emu.make_blobs(tmp_path) as blobs:
        body = b"sku,date,units\n"
        name = f"raw/t1/sales/{uuid.uuid4().hex}.csv"
        url = blobs.signed_url("bkt", name, method="PUT", content_type="text/csv")
        assert "X-Goog-Algorithm=GOOG4-RSA-SHA256" in url and f"/bkt/{name}?" in url
        resp = requests.put(url, data=body, headers={"Content-Type": "text/csv"}, timeout=10)
        assert resp.status_code == 200, resp.text
        info = blobs.stat("bkt", name)
        assert info is not None and info.size == len(body) and info.content_type == "text/csv"
        got = requests.get(blobs.signed_url("bkt", name, method="GET"), timeout=10)
        assert got.status_code == 200 and got.content == body

        # resumable: the signed POST opens a session, the bytes go to Location in two Content-Range chunks
        big = name.replace(".csv", "-resumable.csv")
        start_url, headers = blobs.signed_resumable_url("bkt", big, content_type="text/csv")
        assert headers == {**RESUMABLE_START, **UPLOAD_PRECONDITION}  # a signed upload is used once
        opened = requests.post(start_url, headers={"Content-Type": "text/csv", **headers}, timeout=10)
        assert opened.status_code in (200, 201), opened.text
        session = opened.headers["Location"]
        first, rest = b"x" * (256 * 1024), b"tail\n"
        total = len(first) + len(rest)
        part = requests.put(session, data=first, timeout=10,
                            headers={"Content-Range": f"bytes 0-{len(first) - 1}/*"})
        assert part.status_code == 308, part.text
        done = requests.put(session, data=rest, timeout=10,
                            headers={"Content-Range": f"bytes {len(first)}-{total - 1}/{total}"})
        assert done.status_code in (200, 201), done.text
        info = blobs.stat("bkt", big)
        assert info is not None and info.size == total


def test_write_streams_a_non_seekable_body(tmp_path: Path) -> None:
    """A request body cannot seek or tell: the resumable upload reads it forwards, chunk by chunk."""
    _need("blobs")
    import io

    from shared.adapters.gcp.blobs import UPLOAD_CHUNK_BYTES

    class Forward(io.RawIOBase):
        def __init__(self, size: int) -> None:
            self.left = size

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            n = min(len(buffer), self.left)
            buffer[:n] = b"a" * n
            self.left -= n
            return n

    size = 2 * UPLOAD_CHUNK_BYTES + 12345  # three chunks, the last one short
    stream = Forward(size)
    assert not stream.seekable()
    with emu.make_blobs(tmp_path) as blobs:
        info = blobs.write("bkt", "raw/t1/sales/stream.csv", stream, content_type="text/csv",
                           metadata={"tenant_id": "t1"})
        assert info.size == size and info.generation and info.metadata == {"tenant_id": "t1"}
        assert blobs.stat("bkt", "raw/t1/sales/stream.csv").size == size


def test_merge_replaces_nested_fields_whole(tmp_path: Path) -> None:
    _need("documents")
    with emu.make_documents(tmp_path) as docs:
        docs.set("c", "a", {"nested": {"x": 1, "y": 2}, "keep": True})
        docs.set("c", "a", {"nested": {"x": 3}}, merge=True)
        assert docs.get("c", "a") == {"nested": {"x": 3}, "keep": True}
        with pytest.raises(ValueError, match="odd number"):
            docs.get("tenants/t1", "a")
