"""The metrics layer over HTTP: request and catalogue bodies, and the two calls the ``query`` function serves.

``POST /v1/metrics:query`` takes a :class:`MetricQuery` without ``tenant_id`` (the tenant is the principal's,
never the body's) and answers a :class:`MetricResult`; ``GET /v1/metrics:catalog`` lists what may be asked.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from shared.ports import Warehouse
from shared.store.metrics.catalog import DIMENSIONS, GROUP_SOURCE, METRICS, Unit
from shared.store.metrics.model import MetricQuery, MetricResult
from shared.store.metrics.run import run_metric_query

_fields: dict[str, Any] = {name: (field.annotation, field) for name, field in MetricQuery.model_fields.items()
                           if name != "tenant_id"}
#: ``MetricQuery`` minus ``tenant_id``: the body of ``POST /v1/metrics:query`` (same fields, same limits).
MetricQueryRequest: type[BaseModel] = create_model(
    "MetricQueryRequest", __config__=ConfigDict(extra="forbid"),
    __doc__="A metric query; the tenant comes from the credentials, never from the body.", **_fields)


class MetricInfo(BaseModel):
    """One metric as the console lists it."""

    name: str
    label: str
    unit: Unit
    description: str
    source: str
    additive: bool = Field(description="Sums across groups (has a share of total).")


class DimensionInfo(BaseModel):
    """One dimension and the data kinds that have it."""

    name: str
    label: str
    description: str
    sources: list[str]


class MetricCatalog(BaseModel):
    """Everything ``POST /v1/metrics:query`` accepts."""

    metrics: list[MetricInfo]
    dimensions: list[DimensionInfo]
    grains: list[str]


def metric_catalog() -> MetricCatalog:
    """The catalogue as the API returns it."""
    return MetricCatalog(
        metrics=[MetricInfo(name=s.name, label=s.label, unit=s.unit, description=s.description,
                            source=s.source.value, additive=s.additive) for s in METRICS.values()],
        dimensions=[DimensionInfo(name=d.name, label=d.label, description=d.description,
                                  sources=sorted({GROUP_SOURCE[g].value for g in d.groups}))
                    for d in DIMENSIONS.values()],
        grains=["day", "week", "month", "quarter", "year"],
    )


def query_metrics(warehouse: Warehouse, tenant_id: str, body: BaseModel) -> MetricResult:
    """Run a request body for ``tenant_id`` (validation and refusals raise; the HTTP layer maps them to 400)."""
    query = MetricQuery.model_validate({**body.model_dump(), "tenant_id": tenant_id})
    return run_metric_query(warehouse, query)
