"""``query``: ask, poll jobs, preferences, and the metrics layer for the dashboard and the console.

POST /v1/query (ask), GET /v1/jobs/{id} (poll a deep job), GET/PUT /v1/preferences, POST /v1/metrics:query
and GET /v1/metrics:catalog.
"""

from __future__ import annotations

from typing import Any

import flask
import functions_framework

from shared import regex as re
from shared.deps import get_deps
from shared.errors import NotFound
from shared.http import endpoint, json_response, parse_body
from shared.orchestration.context import Preferences, get_preferences, set_preferences
from shared.orchestration.jobs import job_view
from shared.orchestration.report import QueryRequest
from shared.orchestration.service import answer_query
from shared.security.principal import Principal, Role
from shared.store.metrics.api import MetricQueryRequest, metric_catalog, query_metrics

_JOB_PATH = re.compile(r"^/v1/jobs/([a-f0-9]{32})/?$")


@functions_framework.http
@endpoint(role=Role.VIEWER)
def query_http(request: flask.Request, principal: Principal) -> Any:
    """Route the request to the orchestration core."""
    deps = get_deps()
    path = request.path.rstrip("/") or "/"
    if path == "/v1/query" and request.method == "POST":
        req = parse_body(request, QueryRequest)
        resp = answer_query(deps, principal, req)
        return json_response(resp.model_dump(mode="json"), 202 if resp.status == "running" else 200)
    if (m := _JOB_PATH.match(request.path)) and request.method == "GET":
        return job_view(deps, principal.tenant_id, m.group(1)).model_dump(mode="json")
    if path == "/v1/metrics:query" and request.method == "POST":
        body = parse_body(request, MetricQueryRequest)
        return query_metrics(deps.warehouse, principal.tenant_id, body).model_dump(mode="json")
    if path == "/v1/metrics:catalog" and request.method == "GET":
        return metric_catalog().model_dump(mode="json")
    if path == "/v1/preferences" and request.method == "GET":
        return get_preferences(deps.documents, principal.tenant_id, principal.subject).model_dump()
    if path == "/v1/preferences" and request.method == "PUT":
        prefs = parse_body(request, Preferences)
        set_preferences(deps.documents, principal.tenant_id, principal.subject, prefs)
        return prefs.model_dump()
    raise NotFound(f"no route {request.method} {request.path}")
