"""The real ingest/process functions on the emulator stack: a CSV in the raw bucket becomes warehouse rows.

Skips, naming what is missing, where a function folder or an emulator engine is absent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from shared.deps import get_deps
from shared.runtime import runtime_for
from tests.e2e.cloud.conftest import RunningStack, function_stack, wait_for

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]
REQUIRED = ("ingest", "process")


@pytest.fixture(scope="module")
def real_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    yield from function_stack(tmp_path_factory, REQUIRED, "real")


def test_csv_dropped_in_raw_bucket_is_queryable(real_stack: RunningStack, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    real_stack.use(monkeypatch)
    deps = get_deps()
    tenant = f"t-{uuid.uuid4().hex[:6]}"
    csv = b"sku,date,units,unit_price\nSKU-1,2024-03-01,3,9.99\nSKU-2,2024-03-01,5,4.50\nSKU-1,2024-03-02,1,9.99\n"
    deps.blobs.write(deps.settings.bucket_name("raw"), f"raw/{tenant}/sales/2024-03.csv", csv,
                     content_type="text/csv")
    runtime_for(deps).drain(max_seconds=300)

    def rows() -> Any:
        df = deps.warehouse.query("SELECT sku, date, units FROM sales WHERE tenant_id = @t ORDER BY date, sku",
                                  {"t": tenant})
        return df if len(df) == 3 else None

    df: pd.DataFrame = wait_for(rows, timeout=180, what="processed sales rows in the BigQuery emulator")
    assert df["sku"].tolist() == ["SKU-1", "SKU-2", "SKU-1"]
    assert df["units"].tolist() == [3, 5, 1]
