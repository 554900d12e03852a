"""A Shopify orders export through the real ingest/process functions on the emulator stack (BigQuery emulator).

Skips, naming what is missing, where a function folder or an emulator engine is absent.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from shared.deps import get_deps
from shared.ingest.customers import customer_hash, tenant_customer_key
from shared.runtime import runtime_for
from tests.e2e.cloud.conftest import RunningStack, function_stack, wait_for

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]
EXPORTS = Path(__file__).parents[2] / "fixtures" / "exports"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    yield from function_stack(tmp_path_factory, ("ingest", "process"), "exports")


def test_shopify_export_lands_in_bigquery(stack: RunningStack, monkeypatch: pytest.MonkeyPatch) -> None:
    stack.use(monkeypatch)
    deps = get_deps()
    tenant = f"t-{uuid.uuid4().hex[:6]}"
    deps.blobs.write(deps.settings.bucket_name("raw"), f"raw/{tenant}/sales/up/orders_export.csv",
                     (EXPORTS / "shopify_orders_export.csv").read_bytes(), content_type="text/csv")
    runtime_for(deps).drain(max_seconds=300)

    def rows() -> Any:
        df = deps.warehouse.query(
            "SELECT order_id, sku, units, revenue, discount, refund, customer_hash FROM sales "
            "WHERE tenant_id = @t ORDER BY order_id, sku", {"t": tenant})
        return df if len(df) == 8 else None

    df: pd.DataFrame = wait_for(rows, timeout=180, what="the Shopify lines in the BigQuery emulator")
    by = {(r["order_id"], r["sku"]): r for r in df.to_dict("records")}
    assert (by[("#1001", "KIT-0001")]["revenue"], by[("#1001", "KIT-0001")]["discount"]) == (40.0, 4.0)
    assert by[("#1002", "HOM-0002")]["refund"] == 7.5
    key = tenant_customer_key(deps.documents, tenant)
    assert by[("#1001", "KIT-0001")]["customer_hash"] == customer_hash("jane.doe@example.com", key)
    rejects = deps.warehouse.query("SELECT raw, reason FROM rejects WHERE tenant_id = @t", {"t": tenant})
    assert len(rejects) == 2 and "@" not in json.dumps(rejects.to_dict("records"))
