"""Fan-out: a tenant-wide job becomes chunk messages delivered to forecast_batch through the embedded bus."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from shared.deps import get_deps
from shared.forecast.jobs import ChunkMessage, run_chunk, start_job
from shared.runtime.local import LocalRuntime

AS_OF = date(2025, 3, 31)


def _seed(tenant: str, skus: list[str]) -> None:
    rng = np.random.default_rng(1)
    days = [AS_OF - timedelta(days=i) for i in range(59, -1, -1)]
    frames = []
    for sku in skus:
        n = len(days)
        frames.append(pd.DataFrame({
            "sku": sku, "date": days, "units": rng.poisson(5, n), "tenant_id": tenant, "ingestion_id": "i",
            "row_hash": [f"{sku}{i}" for i in range(n)], "record_key": [f"{sku}k{i}" for i in range(n)],
            "ingested_at": datetime(2025, 4, 1, tzinfo=UTC)}))
    get_deps().warehouse.insert("sales", pd.concat(frames, ignore_index=True))


def test_job_fans_out_chunks_and_persists_forecasts() -> None:
    deps = get_deps()
    _seed("acme", ["A", "B", "C"])
    job = start_job(deps, "acme", horizon_days=7, as_of=AS_OF, chunk_size=2, options={"prophet": "never"})
    assert job["chunks"] == 2 and job["skus"] == 3
    delivered = LocalRuntime(deps).drain(max_seconds=300)
    assert delivered == 2
    stored = deps.documents.get("tenants/acme/forecast_jobs", job["job_id"])
    assert stored is not None and stored["done_chunks"] == 2 and stored["status"] == "done"
    rows = deps.warehouse.query("SELECT sku, COUNT(*) AS n FROM forecasts WHERE tenant_id = @t GROUP BY sku",
                                {"t": "acme"})
    assert dict(zip(rows["sku"], rows["n"], strict=True)) == {"A": 7, "B": 7, "C": 7}
    # a redelivered chunk is a no-op
    again = run_chunk(deps, ChunkMessage(tenant_id="acme", job_id=job["job_id"], chunk=0, skus=["A", "B"],
                                         horizon_days=7, as_of=AS_OF))
    assert again["duplicate"] is True
    assert (deps.documents.get("tenants/acme/forecast_jobs", job["job_id"]) or {})["done_chunks"] == 2
