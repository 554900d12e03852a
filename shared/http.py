"""The shared HTTP layer every HTTP function goes through.

``endpoint`` authenticates the caller, checks the role, assigns a request id, maps typed errors to the
one error shape, and logs with context. Functions keep only decoding and calling their core.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from typing import Any

import flask

from shared.config import get_settings
from shared.errors import EcomIntelError, RateLimited, Unauthenticated
from shared.observability.logs import configure_logging, get_logger, log_context, log_event
from shared.security.principal import Principal, Role
from shared.security.tokens import verify_token

_log = get_logger(__name__)

Handler = Callable[[flask.Request, Principal], Any]
PublicHandler = Callable[[flask.Request], Any]


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> flask.Response:
    """A JSON response."""
    return flask.Response(json.dumps(body, default=str), status=status, mimetype="application/json",
                          headers=headers or {})


def error_response(exc: EcomIntelError, request_id: str) -> flask.Response:
    """Render a typed error as the one error shape."""
    headers = {"X-Request-Id": request_id}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after)
    return json_response(exc.to_body(request_id), exc.http_status, headers)


def authenticate(request: flask.Request) -> Principal:
    """The verified principal of a request (bearer token)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("missing bearer token")
    return verify_token(get_settings(), token.strip())


def endpoint(*, role: Role = Role.VIEWER) -> Callable[[Handler], Callable[[flask.Request], flask.Response]]:
    """Wrap an authenticated handler ``(request, principal) -> body | Response``."""

    def decorate(handler: Handler) -> Callable[[flask.Request], flask.Response]:
        @functools.wraps(handler)
        def wrapper(request: flask.Request) -> flask.Response:
            configure_logging()
            request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
            with log_context(request_id=request_id, path=request.path):
                try:
                    principal = authenticate(request)
                    with log_context(tenant=principal.tenant_id, subject=principal.subject):
                        if not principal.has_role(role):
                            from shared.errors import PermissionDenied

                            raise PermissionDenied(f"role {role.value} required")
                        result = handler(request, principal)
                except EcomIntelError as exc:
                    if exc.http_status >= 500:
                        log_event(_log, "request failed", severity="ERROR", code=exc.code)
                    return error_response(exc, request_id)
                except Exception:
                    _log.exception("unhandled error")
                    return error_response(EcomIntelError("internal error"), request_id)
            resp = result if isinstance(result, flask.Response) else json_response(result)
            resp.headers["X-Request-Id"] = request_id
            return resp

        return wrapper

    return decorate
