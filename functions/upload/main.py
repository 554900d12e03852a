"""HTTP entry point ``upload``: uploads, signed upload URLs, ingestion status, the local signed-URL PUT target."""

from __future__ import annotations

import uuid
from typing import Any

import flask
import functions_framework

from shared.deps import get_deps
from shared.errors import EcomIntelError, InvalidInput, NotFound
from shared.http import endpoint, error_response, json_response
from shared.ingest.lookup import get_ingestion
from shared.ingest.upload import put_signed, signed_upload, store_upload
from shared.observability.logs import configure_logging, get_logger
from shared.security.principal import Principal, Role

_log = get_logger(__name__)
INGESTIONS_PATH = "/v1/ingestions/"


@functions_framework.http
def upload(request: flask.Request) -> flask.Response:
    if request.method == "PUT" and request.path.startswith("/v1/blobs/"):
        return signed_put(request)
    if request.method == "GET" and request.path.startswith(INGESTIONS_PATH):
        return ingestion_api(request)
    return upload_api(request)


@endpoint(role=Role.VIEWER)
def ingestion_api(request: flask.Request, principal: Principal) -> Any:
    ingestion_id = request.path[len(INGESTIONS_PATH):].rstrip("/")
    view = get_ingestion(get_deps(), principal.tenant_id, ingestion_id)
    return json_response(view.model_dump(mode="json"))


@endpoint(role=Role.ANALYST)
def upload_api(request: flask.Request, principal: Principal) -> Any:
    if request.method != "POST":
        raise NotFound(f"no route {request.method} {request.path}")
    deps = get_deps()
    if request.path.rstrip("/") == "/v1/uploads:signed-url":
        return json_response(signed_upload(deps, principal.tenant_id, request.get_json(silent=True)), 201)
    if request.path.rstrip("/") != "/v1/uploads":
        raise NotFound(f"no route POST {request.path}")
    gzip_encoded = request.headers.get("Content-Encoding", "").lower() == "gzip"
    if request.mimetype == "multipart/form-data":
        file = request.files.get("file")
        if file is None:
            raise InvalidInput("multipart upload needs a 'file' field")
        result = store_upload(
            deps, principal.tenant_id, file.stream,
            filename=request.args.get("filename") or file.filename,
            kind=request.args.get("kind") or request.form.get("kind"),
            content_type=file.mimetype or "application/octet-stream",
            content_length=request.content_length, gzip_encoded=gzip_encoded,
            currency=request.args.get("currency") or request.form.get("currency"),
        )
    else:
        result = store_upload(
            deps, principal.tenant_id, request.stream,
            filename=request.args.get("filename"), kind=request.args.get("kind"),
            content_type=request.mimetype or None, content_length=request.content_length,
            gzip_encoded=gzip_encoded, currency=request.args.get("currency"),
        )
    return json_response(result.body(), 201)


def signed_put(request: flask.Request) -> flask.Response:
    """Authenticated by the URL's signature (not a bearer token)."""
    configure_logging()
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    try:
        _, _, rest = request.path.partition("/v1/blobs/")
        bucket, _, name = rest.partition("/")
        result = put_signed(get_deps(), bucket, name, dict(request.args), request.stream,
                            request.mimetype or None, request.content_length)
    except EcomIntelError as exc:
        return error_response(exc, request_id)
    except Exception:
        _log.exception("unhandled error")
        return error_response(EcomIntelError("internal error"), request_id)
    return json_response(result.body(), 201, {"X-Request-Id": request_id})
