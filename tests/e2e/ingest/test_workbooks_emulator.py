"""A workbook dropped into the raw bucket, through the real ingest/process functions on the emulator stack.

Cloud Storage (fake-gcs-server) holds the workbook and the sheets' CSV objects the ingest function writes; each
sheet's finalize reaches the ingest function again through the bucket's notification, and its rows land in the
BigQuery emulator. Skips, naming what is missing, where a function folder or an emulator engine is absent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.deps import get_deps
from shared.runtime import runtime_for
from tests.e2e.cloud.conftest import RunningStack, function_stack, wait_for
from tests.e2e.ingest.test_workbooks import XLSX, retail_sheets, retail_workbook

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    yield from function_stack(tmp_path_factory, ("ingest", "process"), "workbooks")


def test_a_workbook_in_the_bucket_lands_sheet_by_sheet_in_bigquery(stack: RunningStack, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    stack.use(monkeypatch)
    deps = get_deps()
    tenant = f"t-{uuid.uuid4().hex[:6]}"
    _, sheets = retail_sheets(200, seed=4)
    path = retail_workbook(tmp_path / "online_retail_II.xlsx", sheets)
    bucket = deps.settings.bucket_name("raw")
    deps.blobs.write(bucket, f"raw/{tenant}/workbook/up/online_retail_II.xlsx", path.read_bytes(), content_type=XLSX)
    runtime_for(deps).drain(max_seconds=300)

    def sheets_done() -> Any:
        docs = [d for d in deps.documents.query(f"tenants/{tenant}/ingestions") if d.get("sheet")]
        return docs if len(docs) == 2 and all(d.get("status") == "processed" for d in docs) else None

    docs = wait_for(sheets_done, timeout=240, what="both sheets' ingestions processed")
    assert sorted(d["sheet"] for d in docs) == sorted(sheets)
    written = sorted(b.name for b in deps.blobs.list(bucket, f"raw/{tenant}/sales/workbook/"))
    assert [name.rsplit("/", 1)[-1] for name in written] == ["01-Year_2009_2010.csv", "02-Year_2010_2011.csv"]
    stored = deps.warehouse.query("SELECT COUNT(*) AS n FROM sales WHERE tenant_id = @t", {"t": tenant})
    assert int(stored["n"].iloc[0]) == sum(d["accepted"] for d in docs) > 150
