"""Fan-out of a tenant-wide forecast: split SKUs into chunks, one Pub/Sub message per chunk.

``start_job`` publishes to ``forecast-requested``; the ``forecast_batch`` function runs ``run_chunk`` for
each message (the agent on that chunk, forecasts persisted to the ``forecasts`` table) and counts the
chunk done on the job document ``tenants/<tenant>/forecast_jobs/<job_id>``. Redelivered messages are
ignored (idempotent on the chunk key).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from shared.models.agents import AgentRequest
from shared.store.documents.jobs import forecast_job_chunks_collection, forecast_jobs_collection
from shared.store.forecast_inputs import skus_by_units

if TYPE_CHECKING:
    from shared.deps import Deps

TOPIC = "forecast-requested"
DEFAULT_CHUNK = 200


class ChunkMessage(BaseModel):
    """One unit of fan-out: a tenant's chunk of SKUs and how to forecast them."""

    tenant_id: str
    job_id: str
    chunk: int = Field(ge=0)
    skus: list[str] = Field(min_length=1)
    horizon_days: int = Field(default=30, ge=1, le=730)
    as_of: date
    options: dict[str, Any] = Field(default_factory=dict)


def start_job(deps: Deps, tenant_id: str, *, horizon_days: int = 30, as_of: date | None = None,
              skus: list[str] | None = None, chunk_size: int = DEFAULT_CHUNK,
              options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Publish one message per chunk of SKUs (all SKUs with sales when ``skus`` is empty); return the job."""
    as_of = as_of or datetime.now(UTC).date()
    if not skus:
        skus = skus_by_units(deps.warehouse, tenant_id, as_of)
    job_id = uuid.uuid4().hex
    chunks = [skus[i:i + chunk_size] for i in range(0, len(skus), chunk_size)]
    job = {"job_id": job_id, "tenant_id": tenant_id, "skus": len(skus), "chunks": len(chunks), "done_chunks": 0,
           "failed_chunks": 0, "horizon_days": horizon_days, "as_of": as_of.isoformat(),
           "created_at": datetime.now(UTC).isoformat(), "status": "running" if chunks else "done"}
    deps.documents.set(forecast_jobs_collection(tenant_id), job_id, job)
    for i, chunk in enumerate(chunks):
        msg = ChunkMessage(tenant_id=tenant_id, job_id=job_id, chunk=i, skus=chunk, horizon_days=horizon_days,
                           as_of=as_of, options={**(options or {}), "persist": True, "max_skus": len(chunk)})
        deps.bus.publish(TOPIC, msg.model_dump_json().encode(), {"tenant_id": tenant_id, "job_id": job_id})
    return job


def run_chunk(deps: Deps, msg: ChunkMessage) -> dict[str, Any]:
    """Forecast one chunk (persisting forecasts) and mark it done on the job; a repeat is a no-op."""
    from shared.forecast.agent import run

    key = f"{msg.job_id}-{msg.chunk}"
    done_collection = forecast_job_chunks_collection(msg.tenant_id)
    if deps.documents.get(done_collection, key) is not None:
        return {"job_id": msg.job_id, "chunk": msg.chunk, "duplicate": True}
    result = run(deps, AgentRequest(tenant_id=msg.tenant_id, skus=msg.skus, horizon_days=msg.horizon_days,
                                    as_of=msg.as_of, options=msg.options))
    summary = {"status": result.status, "skus": len(msg.skus), "run_id": result.data.get("run_id"),
               "finished_at": datetime.now(UTC).isoformat()}
    if not deps.documents.create(done_collection, key, summary):
        return {"job_id": msg.job_id, "chunk": msg.chunk, "duplicate": True}

    def bump(job: dict[str, Any] | None) -> dict[str, Any]:
        if job is None:  # the port passes {} for a missing document; be strict about the type anyway
            return {}
        job["done_chunks"] = int(job.get("done_chunks", 0)) + 1
        if job["done_chunks"] >= int(job.get("chunks", 0)):
            job["status"] = "done"
        return dict(job)

    job = deps.documents.transact(forecast_jobs_collection(msg.tenant_id), msg.job_id, bump)
    return {"job_id": msg.job_id, "chunk": msg.chunk, "status": result.status, "job": json.loads(json.dumps(job))}
