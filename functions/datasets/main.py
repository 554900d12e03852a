"""``datasets``: what a tenant has loaded, and the tenant's own service figures.

Ingestions, their rejects (JSON or CSV) and a per-kind summary; ``GET /v1/usage`` (admin) for the Metrics page.
"""

from __future__ import annotations

import flask
import functions_framework

from shared.datasets.usage import TenantUsage, tenant_usage
from shared.datasets.views import (
    DatasetSummary,
    IngestionPage,
    RejectPage,
    dataset_summary,
    ingestion_rejects,
    list_ingestions,
    rejects_frame,
)
from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.http import Routes, endpoint, path_param
from shared.ingest.export import to_csv
from shared.security.principal import Principal, Role


def _limit(request: flask.Request, default: int, hi: int) -> int:
    raw = request.args.get("limit")
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= hi:
        raise InvalidInput(f"limit must be an integer between 1 and {hi}", details={"field": "limit"})
    return int(raw)


@endpoint(role=Role.VIEWER, route="/v1/datasets")
def get_summary(request: flask.Request, principal: Principal) -> DatasetSummary:
    return dataset_summary(get_deps(), principal.tenant_id)


@endpoint(role=Role.VIEWER, route="/v1/datasets/ingestions")
def get_ingestions(request: flask.Request, principal: Principal) -> IngestionPage:
    return list_ingestions(get_deps(), principal.tenant_id, upload_id=request.args.get("upload_id"),
                           kind=request.args.get("kind"), limit=_limit(request, 50, 500))


@endpoint(role=Role.VIEWER, route="/v1/datasets/ingestions/{ingestion_id}/rejects")
def get_rejects(request: flask.Request, principal: Principal) -> RejectPage | flask.Response:
    ingestion_id = path_param(request, "ingestion_id")
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise InvalidInput("format must be json or csv", details={"field": "format"})
    if fmt == "csv":
        text = to_csv(rejects_frame(get_deps(), principal.tenant_id, ingestion_id))
        return flask.Response(text, mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="rejects-{ingestion_id}.csv"'})
    return ingestion_rejects(get_deps(), principal.tenant_id, ingestion_id, limit=_limit(request, 200, 1000))


@endpoint(role=Role.ADMIN, route="/v1/usage")
def get_usage(request: flask.Request, principal: Principal) -> TenantUsage:
    raw = request.args.get("days", "30")
    if not raw.isdigit() or not 1 <= int(raw) <= 366:
        raise InvalidInput("days must be an integer between 1 and 366", details={"field": "days"})
    return tenant_usage(get_deps(), principal.tenant_id, int(raw))


ROUTES = Routes([
    ("GET", "/v1/usage", get_usage),
    ("GET", "/v1/datasets", get_summary),
    ("GET", "/v1/datasets/ingestions", get_ingestions),
    ("GET", "/v1/datasets/ingestions/{ingestion_id}/rejects", get_rejects),
])


@functions_framework.http
def datasets_http(request: flask.Request) -> flask.Response:
    return ROUTES.dispatch(request)
