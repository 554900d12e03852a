"""The public API description: one table of operations -> ``infra/openapi.yaml`` (OpenAPI 3.0).

The YAML file is generated from this table and the pydantic models (``python -m shared.security.openapi``)
and a test fails when the two drift. It serves three readers:

- Google API Gateway (OpenAPI 3.x extensions): ``x-google-api-management.backends`` has one backend per
  function whose ``address`` is a Terraform ``templatefile`` placeholder (``${backend_<function>}``), and
  every operation names its backend in ``x-google-backend``.
- The local gateway (``shared.runtime.gateway``): ``x-ecomintel-function`` is its routing table.
- schemathesis and clients: request/response schemas, security schemes and the one error shape.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from shared import regex as re
from shared.alerts.models import Alert, AlertPage
from shared.alerts.rules import AlertRules
from shared.alerts.rules_api import AlertRulesIn
from shared.datasets.usage import TenantUsage
from shared.datasets.views import DatasetSummary, IngestionPage, RejectPage, StoredRows
from shared.delivery.settings import NotificationSettings, NotificationSettingsIn, NotificationSettingsView
from shared.ingest.lookup import IngestionView
from shared.manifest import REPO_ROOT
from shared.models.agents import AgentRequest, AgentResult
from shared.models.records import DataKind
from shared.orchestration.report import QueryRequest
from shared.retention.policy import RetentionPolicy
from shared.retention.policy_api import RetentionPolicyIn
from shared.security import api_models as m
from shared.store.metrics.api import MetricCatalog, MetricQueryRequest
from shared.store.metrics.model import MetricResult

OPENAPI_PATH = REPO_ROOT / "infra" / "openapi.yaml"
GATEWAY_OPENAPI_PATH = REPO_ROOT / "infra" / "openapi.gateway.yaml"
API_VERSION = "1.0.0"
REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class QueryParam:
    """A query-string parameter."""

    name: str
    schema: dict[str, Any]
    description: str = ""
    required: bool = False


@dataclass(frozen=True)
class Operation:
    """One public operation: who serves it, who may call it, what goes in and out."""

    method: str
    path: str
    function: str
    operation_id: str
    summary: str
    role: str | None  # None = public (no credentials)
    request: str | None = None  # component schema name
    response: str | None = None  # component schema name (None = no body)
    status: int = 200
    errors: tuple[int, ...] = ()
    query: tuple[QueryParam, ...] = ()
    request_content: str = "application/json"
    body_required: bool = True
    tags: tuple[str, ...] = field(default=())
    also: tuple[tuple[int, str], ...] = ()  # further success statuses and their schemas
    csv_too: bool = False  # the success response may also be text/csv (a download)


_AUTH_ERRORS = (401, 403, 429)
_KIND = {"type": "string", "enum": [k.value for k in DataKind]}
_BODY_ERRORS = (400, 413, 415)
#: An upload's currency: an ISO 4217 code (checked against the list by the upload function).
_CURRENCY: dict[str, Any] = {"type": "string", "minLength": 3, "maxLength": 3}

OPERATIONS: tuple[Operation, ...] = (
    Operation("POST", "/v1/auth/signup", "auth", "signup",
              "Create a tenant and its first admin, or join with an invite; the same 202 whether or not the "
              "address has an account (then confirm by e-mail, or sign in)", None,
              "SignupRequest", "SignupAccepted", 202, (400, 403, 413, 415, 429), tags=("auth",)),
    Operation("POST", "/v1/auth/signup:verify", "auth", "verifySignup",
              "Finish a sign-up with the code its e-mail carried", None, "SignupVerifyRequest", "SignupResponse",
              201, (400, 403, 409, 413, 415, 429), tags=("auth",)),
    Operation("POST", "/v1/auth/login", "auth", "login", "Exchange e-mail and password for an access token",
              None, "LoginRequest", "TokenResponse", 200, (400, 401, 413, 415, 429), tags=("auth",)),
    Operation("GET", "/v1/me", "auth", "me", "Who the credentials belong to", "viewer", None, "MeResponse",
              200, _AUTH_ERRORS, tags=("auth",)),
    Operation("POST", "/v1/invites", "auth", "createInvite", "Invite a user into this tenant (admin)", "admin",
              "InviteCreateRequest", "InviteCreated", 201, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("auth",)),
    Operation("POST", "/v1/api-keys", "auth", "createApiKey", "Create an API key; the key is shown once (admin)",
              "admin", "ApiKeyCreateRequest", "ApiKeyCreated", 201, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("auth",)),
    Operation("GET", "/v1/api-keys", "auth", "listApiKeys", "List this tenant's API keys (admin)", "admin", None,
              "ApiKeyList", 200, _AUTH_ERRORS, tags=("auth",)),
    Operation("DELETE", "/v1/api-keys/{key_id}", "auth", "revokeApiKey", "Revoke an API key (admin)", "admin",
              None, None, 204, (*_AUTH_ERRORS, 404), tags=("auth",)),
    Operation("GET", "/v1/audit", "admin", "listAudit", "Audit log, newest first (admin)", "admin", None,
              "AuditPage", 200, (400, *_AUTH_ERRORS),
              query=(QueryParam("limit", {"type": "integer", "minimum": 1, "maximum": 1000}),
                     QueryParam("before_ns", {"type": "integer", "minimum": 0, "maximum": 2**63 - 1},
                                "Page cursor (next_before_ns)."),
                     QueryParam("action", {"type": "string", "maxLength": 100},
                                "One action, or a prefix ending in '.' (e.g. 'security.')")), tags=("admin",)),
    Operation("GET", "/v1/settings", "admin", "getSettings", "Tenant settings", "viewer", None, "TenantSettings",
              200, _AUTH_ERRORS, tags=("admin",)),
    Operation("PUT", "/v1/settings", "admin", "putSettings", "Replace tenant settings (admin)", "admin",
              "TenantSettings", "TenantSettings", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("admin",)),
    Operation("GET", "/v1/retention", "admin", "getRetention", "How long each class of data is kept, legal holds",
              "viewer", None, "RetentionPolicy", 200, _AUTH_ERRORS, tags=("admin",)),
    Operation("PUT", "/v1/retention", "admin", "putRetention", "Replace the retention policy (admin)", "admin",
              "RetentionPolicyIn", "RetentionPolicy", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("admin",)),
    Operation("POST", "/v1/uploads", "upload", "createUpload",
              "Upload a CSV (multipart, raw or gzip) or a workbook (analyst)",
              "analyst", "UploadForm", "UploadAccepted", 201, (*_BODY_ERRORS, *_AUTH_ERRORS),
              query=(QueryParam("filename", {"type": "string", "maxLength": 255}, "File name (raw uploads)."),
                     QueryParam("kind", _KIND, "Data kind (detected from the header if omitted)."),
                     QueryParam("currency", _CURRENCY, "ISO 4217 code for the file's rows that name no currency.")),
              request_content="multipart/form-data", tags=("data",)),
    Operation("POST", "/v1/uploads:signed-url", "upload", "createSignedUpload",
              "A signed URL to PUT a large file to (analyst)", "analyst", "SignedUrlRequest", "SignedUrl", 201,
              (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("data",)),
    Operation("GET", "/v1/ingestions/{ingestion_id}", "upload", "getIngestion",
              "One ingestion of an uploaded file: status and row counts (404 until the pipeline records it)",
              "viewer", None, "IngestionView", 200, (*_AUTH_ERRORS, 404), tags=("data",)),
    *(Operation("POST", f"/v1/agents/{agent}", agent, f"run{agent.title()}Agent", f"Run the {agent} agent",
                "viewer", "AgentQuery", "AgentResult", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("agents",),
                body_required=False)
      for agent in ("pricing", "sentiment", "forecast")),
    Operation("POST", "/v1/query", "query", "ask", "Ask a question: 200 with the report, or 202 with a job to poll",
              "viewer", "QueryRequest", "Job", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("query",),
              also=((202, "Job"),)),
    Operation("GET", "/v1/jobs/{job_id}", "query", "getJob", "A query job's status and report", "viewer", None,
              "Job", 200, (*_AUTH_ERRORS, 404), tags=("query",)),
    Operation("GET", "/v1/preferences", "query", "getPreferences", "The caller's report preferences", "viewer",
              None, "Preferences", 200, _AUTH_ERRORS, tags=("query",)),
    Operation("PUT", "/v1/preferences", "query", "putPreferences", "Replace the caller's report preferences",
              "viewer", "Preferences", "Preferences", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("query",)),
    Operation("POST", "/v1/metrics:query", "query", "queryMetrics",
              "Metrics by dimensions for a period, with comparisons and shares (the semantic layer)", "viewer",
              "MetricQueryRequest", "MetricResult", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("metrics",)),
    Operation("GET", "/v1/metrics:catalog", "query", "metricCatalog", "Metrics and dimensions that may be asked",
              "viewer", None, "MetricCatalog", 200, _AUTH_ERRORS, tags=("metrics",)),
    Operation("GET", "/v1/alerts", "alerts", "listAlerts", "Alerts, newest first", "viewer", None, "AlertPage",
              200, (400, *_AUTH_ERRORS), tags=("alerts",),
              query=(QueryParam("status", {"type": "string", "enum": ["open", "acknowledged", "resolved"]}),)),
    Operation("GET", "/v1/alerts/{alert_id}", "alerts", "getAlert", "One alert with its evidence", "viewer", None,
              "Alert", 200, (*_AUTH_ERRORS, 404), tags=("alerts",)),
    Operation("POST", "/v1/alerts/{alert_id}:acknowledge", "alerts", "acknowledgeAlert",
              "Acknowledge an alert (analyst)", "analyst", None, "Alert", 200, (*_AUTH_ERRORS, 404), tags=("alerts",)),
    Operation("POST", "/v1/alerts/{alert_id}:resolve", "alerts", "resolveAlert", "Resolve an alert (analyst)",
              "analyst", None, "Alert", 200, (*_AUTH_ERRORS, 404), tags=("alerts",)),
    Operation("GET", "/v1/alert-rules", "alerts", "getAlertRules", "The alert rules and their thresholds", "viewer",
              None, "AlertRules", 200, _AUTH_ERRORS, tags=("alerts",)),
    Operation("PUT", "/v1/alert-rules", "alerts", "putAlertRules", "Replace the alert rules and thresholds (admin)",
              "admin", "AlertRulesIn", "AlertRules", 200, (*_BODY_ERRORS, *_AUTH_ERRORS), tags=("alerts",)),
    Operation("GET", "/v1/notifications", "alerts", "getNotifications", "Where alerts and digests are delivered",
              "viewer", None, "NotificationSettingsView", 200, _AUTH_ERRORS, tags=("alerts",)),
    Operation("GET", "/v1/usage", "datasets", "getUsage",
              "This tenant's ingestion volume and failures, deep-question latency, agent outcomes, LLM tokens (admin)",
              "admin", None, "TenantUsage", 200, (400, *_AUTH_ERRORS), tags=("admin",),
              query=(QueryParam("days", {"type": "integer", "minimum": 1, "maximum": 366}),)),
    Operation("GET", "/v1/datasets", "datasets", "getDatasets",
              "Per kind: rows stored, date range, latest ingestion", "viewer", None, "DatasetSummary", 200,
              _AUTH_ERRORS, tags=("data",)),
    Operation("GET", "/v1/datasets/ingestions", "datasets", "listIngestions", "Ingestions, newest first", "viewer",
              None, "IngestionPage", 200, (400, *_AUTH_ERRORS), tags=("data",),
              query=(QueryParam("upload_id", {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
                                "The ingestion an upload started."),
                     QueryParam("kind", _KIND),
                     QueryParam("limit", {"type": "integer", "minimum": 1, "maximum": 500}))),
    Operation("GET", "/v1/datasets/ingestions/{ingestion_id}/rejects", "datasets", "listRejects",
              "An ingestion's refused rows (row, column, reason); format=csv downloads them all", "viewer", None,
              "RejectPage", 200, (400, *_AUTH_ERRORS, 404), tags=("data",),
              query=(QueryParam("format", {"type": "string", "enum": ["json", "csv"]}),
                     QueryParam("limit", {"type": "integer", "minimum": 1, "maximum": 1000})), csv_too=True),
    Operation("GET", "/v1/datasets/rows", "datasets", "listStoredRows",
              "Every stored row of one kind, or its rejects; format=csv downloads them (ecomintel export)", "viewer",
              None, "StoredRows", 200, (400, *_AUTH_ERRORS), tags=("data",),
              query=(QueryParam("kind", _KIND, required=True),
                     QueryParam("rejects", {"type": "string", "enum": ["true", "false"]}),
                     QueryParam("format", {"type": "string", "enum": ["json", "csv"]})), csv_too=True),
    Operation("PUT", "/v1/notifications", "alerts", "putNotifications",
              "Replace delivery channels; new webhook secrets are returned once (admin)", "admin",
              "NotificationSettingsIn", "NotificationSettings", 200, (*_BODY_ERRORS, *_AUTH_ERRORS),
              tags=("alerts",)),
)

_API_MODELS: tuple[type[BaseModel], ...] = (
    m.ErrorBody, m.SignupRequest, m.SignupResponse, m.SignupAccepted, m.LoginRequest, m.TokenResponse, m.MeResponse,
    m.InviteCreateRequest, m.InviteCreated, m.ApiKeyCreateRequest, m.ApiKeyCreated, m.ApiKeyList,
    m.AuditPage, m.TenantSettings, AgentResult, AgentRequest, QueryRequest, AlertPage, Alert,
    NotificationSettingsView, NotificationSettingsIn, NotificationSettings, MetricResult, MetricCatalog,
    IngestionView,
    DatasetSummary, IngestionPage, RejectPage, StoredRows, TenantUsage, AlertRules, AlertRulesIn, RetentionPolicy,
    RetentionPolicyIn,
)

_ERRORS = {
    400: ("BadRequest", "The request is invalid; details name the field."),
    401: ("Unauthorized", "Missing, invalid, expired or revoked credentials."),
    403: ("Forbidden", "Authenticated, but the role is too low."),
    404: ("NotFound", "No such resource in your tenant."),
    409: ("Conflict", "Already exists."),
    413: ("PayloadTooLarge", "Body over the size limit."),
    415: ("UnsupportedMediaType", "Content type or file extension not accepted."),
    429: ("TooManyRequests", "Rate limit exceeded; retry after Retry-After seconds."),
}


def _to_oas30(node: Any) -> Any:
    """Pydantic (JSON Schema 2020-12) -> OpenAPI 3.0: nullable, enum for const, boolean exclusive bounds."""
    if isinstance(node, list):
        return [_to_oas30(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _to_oas30(v) for k, v in node.items()}
    if "const" in out:
        out["enum"] = [out.pop("const")]
    for bound, plain in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(bound), int | float) and not isinstance(out[bound], bool):
            out[plain], out[bound] = out[bound], True  # 3.0 spells an exclusive bound as a flag on the plain one
    any_of = out.get("anyOf")
    if isinstance(any_of, list) and any(isinstance(s, dict) and s.get("type") == "null" for s in any_of):
        rest = [s for s in any_of if not (isinstance(s, dict) and s.get("type") == "null")]
        out.pop("anyOf")
        if len(rest) == 1 and "$ref" not in rest[0]:
            out.update(rest[0])
        elif len(rest) == 1:
            out["allOf"] = rest
        else:
            out["anyOf"] = rest
        out["nullable"] = True
    return out


def component_schemas() -> dict[str, Any]:
    """Component schemas generated from the pydantic models (plus the few declared-only bodies)."""
    _, top = models_json_schema([(model, "serialization") for model in _API_MODELS]
                                + [(m.SignupRequest, "validation"), (m.SignupVerifyRequest, "validation"),
                                   (m.LoginRequest, "validation"),
                                   (MetricQueryRequest, "validation")],
                                ref_template=REF)
    schemas: dict[str, Any] = {k: _to_oas30(v) for k, v in top.get("$defs", {}).items()}
    query = copy.deepcopy(schemas.pop("AgentRequest"))
    query["title"] = "AgentQuery"
    query["description"] = "Agent parameters. The tenant comes from the credentials, never from the body."
    query["properties"].pop("tenant_id", None)
    query["required"] = [r for r in query.get("required", []) if r != "tenant_id"]
    if not query["required"]:
        query.pop("required")
    schemas["AgentQuery"] = query
    schemas["UploadForm"] = {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"},
                       "kind": {**_KIND, "description": "Data kind (detected from the header if omitted)."}},
    }
    # Bodies owned by other functions: declared loosely here; their owners may tighten them.
    owned = "Owned by the {} function; see its docs."
    schemas["UploadAccepted"] = {"type": "object", "additionalProperties": True, "description": owned.format("upload")}
    schemas["SignedUrlRequest"] = {
        "type": "object", "additionalProperties": True, "description": owned.format("upload"),
        "properties": {"kind": {**_KIND, "description": "Required, except for an .xlsx/.xls workbook (each "
                                                        "sheet's header names its kind)."},
                       "filename": {"type": "string", "maxLength": 255},
                       "content_type": {"type": "string", "maxLength": 100},
                       "currency": {**_CURRENCY, "description": "ISO 4217 code for the rows that name none."}},
    }
    schemas["SignedUrl"] = {"type": "object", "additionalProperties": True, "description": owned.format("upload")}
    schemas["Job"] = {"type": "object", "additionalProperties": True, "description": owned.format("query")}
    schemas["Preferences"] = {
        "type": "object", "additionalProperties": False, "description": owned.format("query"),
        "properties": {name: {"type": "array", "maxItems": 20, "items": {"type": "string"}}
                       for name in ("kpis", "marketplaces", "goals")},
    }
    return dict(sorted(schemas.items()))


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": REF.format(model=ref)}}}


def _operation(op: Operation) -> dict[str, Any]:
    out: dict[str, Any] = {"operationId": op.operation_id, "summary": op.summary, "tags": list(op.tags),
                           "x-google-backend": op.function, "x-ecomintel-function": op.function}
    if op.role is None:
        out["security"] = []
    else:
        out["x-ecomintel-role"] = op.role
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True,
         "schema": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_.-]+$"}}
        for name in _path_names(op.path)
    ]
    params += [{"name": q.name, "in": "query", "required": q.required, "schema": q.schema,
                **({"description": q.description} if q.description else {})} for q in op.query]
    if params:
        out["parameters"] = params
    if op.request:
        content: dict[str, Any] = {op.request_content: {"schema": {"$ref": REF.format(model=op.request)}}}
        if op.request_content == "multipart/form-data":
            content["text/csv"] = {"schema": {"type": "string"}}
        out["requestBody"] = {"required": op.body_required, "content": content}
    responses: dict[str, Any] = {}
    if op.response:
        responses[str(op.status)] = {"description": "OK", "content": _json(op.response)}
        if op.csv_too:
            responses[str(op.status)]["content"]["text/csv"] = {"schema": {"type": "string"}}
    else:
        responses[str(op.status)] = {"description": "Done (no body)."}
    for status, schema_name in op.also:
        responses[str(status)] = {"description": "OK", "content": _json(schema_name)}
    for code in sorted(set(op.errors)):
        responses[str(code)] = {"$ref": f"#/components/responses/{_ERRORS[code][0]}"}
    out["responses"] = responses
    return out


def _path_names(path: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", path)  # also inside a segment: /v1/alerts/{alert_id}:resolve


def build_openapi() -> dict[str, Any]:
    """The whole OpenAPI document."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op)
    functions = sorted({op.function for op in OPERATIONS})
    error_headers: dict[str, Any] = {"X-Request-Id": {"schema": {"type": "string"}}}
    responses: dict[str, Any] = {}
    for code, (name, description) in sorted(_ERRORS.items()):
        headers = dict(error_headers)
        if code == 429:
            headers["Retry-After"] = {"schema": {"type": "integer"}, "description": "Seconds until a token is free."}
        responses[name] = {"description": description, "headers": headers, "content": _json("ErrorBody")}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "ecomintel API",
            "version": API_VERSION,
            "description": "E-commerce intelligence. Generated by `python -m shared.security.openapi`; "
                           "do not edit by hand. Errors always have the shape "
                           '{"error": {"code", "message", "details", "request_id"}}.',
        },
        "servers": [{"url": "http://127.0.0.1:8080", "description": "ecomintel serve"}],
        "x-google-api-management": {
            "apiName": "ecomintel",
            "backends": {
                fn: {"address": "${backend_" + fn + "}", "pathTranslation": "APPEND_PATH_TO_ADDRESS",
                     "deadline": 300.0 if fn in ("upload", "query") else 60.0}
                for fn in functions
            },
        },
        "security": [{"bearerAuth": []}, {"apiKeyHeader": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                               "description": "Access token from /v1/auth/login (24 h)."},
                "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                                 "description": "Machine key from /v1/api-keys (also 'Authorization: ApiKey <key>')."},
            },
            "responses": responses,
            "schemas": component_schemas(),
        },
    }


def render_openapi() -> str:
    """The document as YAML text (what ``infra/openapi.yaml`` must contain)."""
    header = "# GENERATED by `python -m shared.security.openapi` from shared/security/openapi.py; do not edit.\n"
    return header + yaml.safe_dump(build_openapi(), sort_keys=False, allow_unicode=True, width=120)


def build_gateway_openapi() -> dict[str, Any]:
    """The document Google API Gateway is configured with (``terraform/edge.tf``): routing, no auth of its own.

    The app authenticates every request itself (JWT or API key). API Gateway would treat the ``apiKey``
    scheme as a Google Cloud API key and refuses an OR of schemes that includes one, so the security
    requirements and schemes are left out here. Each backend gets ``jwtAudience`` (its own URL): the gateway
    calls the function with a Google ID token of its service account in ``Authorization`` (the functions'
    IAM admits only that account) and moves the caller's header to ``X-Forwarded-Authorization``, which
    ``shared.http.authenticate`` prefers.
    """
    doc = copy.deepcopy(build_openapi())
    doc.pop("security", None)
    doc.pop("servers", None)  # API Gateway serves on its own host
    doc["components"].pop("securitySchemes", None)
    for item in doc["paths"].values():
        for op in item.values():
            op.pop("security", None)
    for backend in doc["x-google-api-management"]["backends"].values():
        backend["jwtAudience"] = backend["address"]
    doc["info"]["description"] = ("Routing for Google API Gateway, generated with infra/openapi.yaml; the API "
                                  "itself authenticates each request (see infra/openapi.yaml).")
    return doc


def render_gateway_openapi() -> str:
    """What ``infra/openapi.gateway.yaml`` must contain (a Terraform ``templatefile``: ``${backend_<fn>}``)."""
    header = ("# GENERATED by `python -m shared.security.openapi` from shared/security/openapi.py; do not edit.\n"
              "# Google API Gateway's copy of infra/openapi.yaml: terraform/edge.tf fills in the URLs.\n")
    return header + yaml.safe_dump(build_gateway_openapi(), sort_keys=False, allow_unicode=True, width=120)


@lru_cache(maxsize=4)
def load_openapi(path: Path = OPENAPI_PATH) -> dict[str, Any]:
    """The committed document (the gateway's routing table)."""
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


def main(argv: list[str] | None = None) -> int:
    """Write ``infra/openapi.yaml`` and its API Gateway copy (``--check``: exit 1 if either is out of date)."""
    args = sys.argv[1:] if argv is None else argv
    outputs = {OPENAPI_PATH: render_openapi(), GATEWAY_OPENAPI_PATH: render_gateway_openapi()}
    if "--check" in args:
        return 0 if all(path.exists() and path.read_text() == text for path, text in outputs.items()) else 1
    for path, text in outputs.items():
        path.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
