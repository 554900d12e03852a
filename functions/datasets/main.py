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
    StoredRows,
    dataset_summary,
    ingestion_rejects,
    list_ingestions,
    rejects_frame,
)
from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.http import Routes, endpoint, path_param
from shared.ingest.export import records, stored_rows, to_csv
from shared.models.records import DataKind
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
    return list_ingestions(
        get_deps(),
        principal.tenant_id,
        upload_id=request.args.get("upload_id"),
        kind=request.args.get("kind"),
        limit=_limit(request, 50, 500),
    )


@endpoint(role=Role.VIEWER, route="/v1/datasets/ingestions/{ingestion_id}/rejects")
def get_rejects(request: flask.Request, principal: Principal) -> RejectPage | flask.Response:
    ingestion_id = path_param(request, "ingestion_id")
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise InvalidInput("format must be json or csv", details={"field": "format"})
    if fmt == "csv":
        text = to_csv(rejects_frame(get_deps(), principal.tenant_id, ingestion_id))
        return flask.Response(
            text,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="rejects-{ingestion_id}.csv"'},
        )
    return ingestion_rejects(get_deps(), principal.tenant_id, ingestion_id, limit=_limit(request, 200, 1000))


def _choice(request: flask.Request, name: str, choices: tuple[str, ...], default: str | None = None) -> str:
    value = request.args.get(name, default)
    if value not in choices:
        raise InvalidInput(f"{name} must be one of {', '.join(choices)}", details={"field": name})
    return value


@endpoint(role=Role.VIEWER, route="/v1/datasets/rows")
def get_rows(request: flask.Request, principal: Principal) -> StoredRows | flask.Response:
    """Every stored row of a kind (or its rejects): what ``ecomintel export`` prints, read by the home's server."""
    kind = DataKind(_choice(request, "kind", tuple(k.value for k in DataKind)))
    rejects = _choice(request, "rejects", ("true", "false"), "false") == "true"
    frame = stored_rows(get_deps().warehouse, principal.tenant_id, kind, rejects=rejects)
    if _choice(request, "format", ("json", "csv"), "json") == "csv":
        name = f"{kind.value}{'-rejects' if rejects else ''}.csv"
        return flask.Response(
            to_csv(frame), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )
    return StoredRows(kind=kind, rejects=rejects, rows=records(frame))


@endpoint(role=Role.ADMIN, route="/v1/usage")
def get_usage(request: flask.Request, principal: Principal) -> TenantUsage:
    raw = request.args.get("days", "30")
    if not raw.isdigit() or not 1 <= int(raw) <= 366:
        raise InvalidInput("days must be an integer between 1 and 366", details={"field": "days"})
    return tenant_usage(get_deps(), principal.tenant_id, int(raw))


ROUTES = Routes(
    [
        ("GET", "/v1/usage", get_usage),
        ("GET", "/v1/datasets", get_summary),
        ("GET", "/v1/datasets/ingestions", get_ingestions),
        ("GET", "/v1/datasets/rows", get_rows),
        ("GET", "/v1/datasets/ingestions/{ingestion_id}/rejects", get_rejects),
    ]
)


@functions_framework.http
def datasets_http(request: flask.Request) -> flask.Response:
    return ROUTES.dispatch(request)
