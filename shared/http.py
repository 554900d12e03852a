"""The shared HTTP layer every HTTP function goes through.

``@endpoint(role=Role.X)`` wraps a handler ``(request, principal) -> body | Response`` and, for every
function alike: assigns/propagates a request id, answers CORS pre-flights, authenticates (bearer JWT,
``X-Forwarded-Authorization`` behind API Gateway, or an API key), applies the per-tenant and per-key
token buckets (429 + ``Retry-After``), checks the role (403, logged as a security event), maps typed
errors, validation errors and stray exceptions to the one error shape, adds security and CORS headers,
records request metrics and writes one structured access-log line.

``@public_endpoint()`` does the same without authentication (sign-up, log-in), rate limited per client
address. ``Routes`` dispatches one function's several routes (``werkzeug.routing``) and answers unknown
paths and methods in the error shape.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import flask
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request as WerkzeugRequest

from shared import regex as re
from shared.audit.security_events import record_security_event
from shared.config import Settings, get_settings
from shared.errors import EcomIntelError, InvalidInput, PermissionDenied, RateLimited, Unauthenticated
from shared.observability.logs import configure_logging, get_logger, log_context, log_event
from shared.observability.metrics import HTTP_REQUESTS, HTTP_SECONDS, RATE_LIMITED
from shared.security.principal import Principal, Role
from shared.security.rate_limit import Limit, take
from shared.security.tokens import verify_token

_log = get_logger(__name__)

Handler = Callable[[flask.Request, Principal], Any]
PublicHandler = Callable[[flask.Request], Any]
FlaskView = Callable[[flask.Request], flask.Response]
M = TypeVar("M", bound=BaseModel)

MAX_JSON_BYTES = 1024 * 1024
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
_PATH_PARAMS = "ecomintel.path_params"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
_CORS_ALLOW_HEADERS = "Authorization, Content-Type, X-API-Key, X-Request-Id"
_CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"


class _HttpError(EcomIntelError):
    """A werkzeug HTTP error (bad JSON, 405, 413 ...) in the one error shape."""

    def __init__(self, exc: HTTPException) -> None:
        super().__init__(exc.description or exc.name)
        self.http_status = exc.code or 500
        self.code = {400: "invalid_argument", 404: "not_found", 405: "method_not_allowed",
                     413: "payload_too_large", 415: "unsupported_media_type"}.get(self.http_status, "http_error")
        self.headers: dict[str, str] = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            self.headers["Allow"] = ", ".join(sorted(exc.valid_methods))


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> flask.Response:
    """A JSON response (pydantic models are dumped in JSON mode)."""
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json")
    return flask.Response(json.dumps(body, default=str), status=status, mimetype="application/json",
                          headers=headers or {})


def error_response(exc: EcomIntelError, request_id: str) -> flask.Response:
    """Render a typed error as the one error shape."""
    headers = {"X-Request-Id": request_id}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = 'Bearer realm="ecomintel"'
    if isinstance(exc, _HttpError):
        headers.update(exc.headers)
    return json_response(exc.to_body(request_id), exc.http_status, headers)


def request_id_of(request: WerkzeugRequest) -> str:
    """The caller's ``X-Request-Id`` when well-formed (no log injection), else a new one."""
    given = request.headers.get("X-Request-Id", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def cors_headers(request: flask.Request, settings: Settings) -> dict[str, str]:
    """CORS headers for an allowed ``Origin`` (``cors_allowed_origins``; empty list = no CORS)."""
    origin = request.headers.get("Origin")
    allowed = settings.cors_allowed_origins
    if not origin or not allowed:
        return {}
    if "*" in allowed:
        allow = "*"
    elif origin in allowed:
        allow = origin
    else:
        return {}
    return {"Access-Control-Allow-Origin": allow, "Vary": "Origin",
            "Access-Control-Expose-Headers": "X-Request-Id, Retry-After"}


def preflight_response(request: flask.Request, settings: Settings) -> flask.Response:
    """Answer a CORS pre-flight (no authentication; browsers send none)."""
    headers = cors_headers(request, settings)
    if headers:
        headers.update({"Access-Control-Allow-Methods": _CORS_METHODS,
                        "Access-Control-Allow-Headers": _CORS_ALLOW_HEADERS, "Access-Control-Max-Age": "600"})
    return flask.Response(status=204, headers=headers)


def _api_key_principal(key: str) -> Principal:
    from shared.deps import get_deps
    from shared.security.api_keys import verify_api_key

    return verify_api_key(get_deps().documents, key.strip())


def authenticate(request: flask.Request) -> Principal:
    """The verified principal of a request.

    Accepted: ``X-API-Key: <key>``, ``Authorization: ApiKey <key>``, or ``Authorization: Bearer <jwt>``.
    Behind Google API Gateway the caller's header arrives as ``X-Forwarded-Authorization`` (the gateway
    puts its own identity token in ``Authorization``), so that one is preferred; either way it is verified.
    """
    api_key = request.headers.get("X-API-Key")
    if api_key:
        return _api_key_principal(api_key)
    header = request.headers.get("X-Forwarded-Authorization") or request.headers.get("Authorization", "")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() == "apikey" and value.strip():
        return _api_key_principal(value)
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthenticated("missing credentials: send 'Authorization: Bearer <token>' or 'X-API-Key'")
    return verify_token(get_settings(), value.strip())


def enforce_rate_limits(buckets: Sequence[tuple[str, str, Limit]]) -> None:
    """Take a token from each ``(scope, key, limit)`` bucket in turn; ``RateLimited`` at the first empty one."""
    from shared.deps import get_deps

    documents = get_deps().documents
    for scope, key, limit in buckets:
        decision = take(documents, scope, key, limit)
        if not decision.allowed:
            RATE_LIMITED.labels(scope=scope).inc()
            raise RateLimited(f"rate limit exceeded ({scope}); retry in {decision.retry_after}s",
                              retry_after=decision.retry_after, details={"scope": scope})


def client_address(request: flask.Request, trusted_proxy_hops: int = 0) -> str:
    """The client's address.

    With ``trusted_proxy_hops`` = 0 (local) the socket peer; behind N trusted proxies (API Gateway, the
    Google front end) the N-th ``X-Forwarded-For`` entry from the right, which a client cannot forge
    (entries to its left are whatever the client sent).
    """
    if trusted_proxy_hops > 0:
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
        if len(hops) >= trusted_proxy_hops:
            return hops[-trusted_proxy_hops]
    return request.remote_addr or "unknown"


def enforce_rate_limit(scope: str, key: str, limit: Limit) -> None:
    """Take a token from a shared bucket; ``RateLimited`` (429 + Retry-After) when it is empty."""
    enforce_rate_limits([(scope, key, limit)])


def _function_label(handler: Callable[..., Any]) -> str:
    service = os.environ.get("K_SERVICE")
    if service:
        return service
    try:
        return Path(inspect.getfile(handler)).parent.name
    except (TypeError, OSError):
        return "unknown"


#: Path templates the loaded functions serve (``Routes`` register theirs): metric labels come from these, so
#: an unknown path cannot mint a new label, and the HTTP shell never imports the OpenAPI document (which
#: imports every API model, and through them the agents: a small function would carry them all).
_TEMPLATES: set[str] = set()


def register_templates(paths: Sequence[str]) -> None:
    """Record path templates served in this process (called by ``Routes`` and single-route endpoints)."""
    if not set(paths) <= _TEMPLATES:
        _TEMPLATES.update(paths)
        _documented_routes.cache_clear()


@functools.lru_cache(maxsize=1)
def _documented_routes() -> Map:
    rules = [Rule(re.sub(r"\{(\w+)\}", r"<\1>", path), endpoint=path) for path in sorted(_TEMPLATES)]
    return Map(rules, strict_slashes=False, merge_slashes=False)


def route_label(request: WerkzeugRequest, fallback: str) -> str:
    """The documented path template a request matches (bounded metric labels), else ``fallback``."""
    try:
        template, _ = _documented_routes().bind("localhost").match(request.path)
    except HTTPException:
        return fallback
    return str(template)


def _validation_error(exc: ValidationError) -> InvalidInput:
    errors = [{"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"], "type": e["type"]}
              for e in exc.errors()]
    first = errors[0] if errors else {"field": "body", "message": "invalid"}
    return InvalidInput(f"invalid request body: {first['field']}: {first['message']}", details={"errors": errors})


def parse_body(request: flask.Request, model: type[M]) -> M:
    """Validate the JSON body as ``model`` (``InvalidInput`` naming the field on any problem)."""
    if request.content_length is not None and request.content_length > MAX_JSON_BYTES:
        raise InvalidInput(f"request body over {MAX_JSON_BYTES} bytes")
    if not request.is_json:
        raise InvalidInput("request body must be JSON (Content-Type: application/json)")
    raw = request.stream.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise InvalidInput(f"request body over {MAX_JSON_BYTES} bytes")
    try:
        return model.model_validate_json(raw or b"null")
    except ValidationError as exc:
        raise _validation_error(exc) from exc


def path_param(request: flask.Request, name: str) -> str:
    """A path parameter matched by ``Routes`` (e.g. ``{key_id}``)."""
    params = request.environ.get(_PATH_PARAMS) or {}
    if name not in params:
        raise InvalidInput(f"missing path parameter {name!r}")
    return str(params[name])


@contextmanager
def _served(request: flask.Request, function: str, route: str) -> Iterator[dict[str, Any]]:
    """Request id, log context, timing, metrics and the access-log line around one request."""
    configure_logging()
    state: dict[str, Any] = {"request_id": request_id_of(request), "status": 500}
    start = time.perf_counter()
    with log_context(request_id=state["request_id"], function=function, route=route, method=request.method):
        try:
            yield state
        finally:
            elapsed = time.perf_counter() - start
            HTTP_REQUESTS.labels(function=function, route=route, method=request.method,
                                 status=str(state["status"])).inc()
            HTTP_SECONDS.labels(function=function, route=route, method=request.method).observe(elapsed)
            log_event(_log, "request handled", severity="WARNING" if state["status"] >= 500 else "INFO",
                      status=state["status"], latency_ms=round(elapsed * 1000, 2), path=request.path,
                      tenant=state.get("tenant"))


def _run(request: flask.Request, state: dict[str, Any], call: Callable[[], Any]) -> flask.Response:
    settings = get_settings()
    request_id = state["request_id"]
    try:
        result = call()
        resp = result if isinstance(result, flask.Response) else json_response(result)
    except EcomIntelError as exc:
        if exc.http_status >= 500:
            log_event(_log, "request failed", severity="ERROR", code=exc.code)
        resp = error_response(exc, request_id)
    except ValidationError as exc:
        resp = error_response(_validation_error(exc), request_id)
    except HTTPException as exc:
        resp = error_response(_HttpError(exc), request_id)
    except Exception:
        _log.exception("unhandled error")
        resp = error_response(EcomIntelError("internal error"), request_id)
    resp.headers["X-Request-Id"] = request_id
    for key, value in {**SECURITY_HEADERS, **cors_headers(request, settings)}.items():
        resp.headers.setdefault(key, value)
    state["status"] = resp.status_code
    return resp


def _wrap(handler: Callable[..., Any], route: str | None,
          call: Callable[[flask.Request, str, Settings, dict[str, Any]], Any]) -> FlaskView:
    """The shell every endpoint shares: CORS pre-flight, request id, metrics, logs, the one error shape."""
    function = _function_label(handler)

    @functools.wraps(handler)
    def wrapper(request: flask.Request) -> flask.Response:
        settings = get_settings()
        if request.method == "OPTIONS":
            return preflight_response(request, settings)
        label = route or route_label(request, handler.__name__)
        with _served(request, function, label) as state:
            return _run(request, state, lambda: call(request, label, settings, state))

    return wrapper


def endpoint(*, role: Role = Role.VIEWER, route: str | None = None) -> Callable[[Handler], FlaskView]:
    """Wrap an authenticated handler ``(request, principal) -> body | Response``.

    ``route`` labels metrics (defaults to the handler's name). The principal's tenant is the only tenant
    a handler may use; never read a tenant from the request.
    """

    def decorate(handler: Handler) -> FlaskView:
        def call(request: flask.Request, label: str, settings: Settings, state: dict[str, Any]) -> Any:
            principal = authenticate(request)
            state["tenant"] = principal.tenant_id
            with log_context(tenant=principal.tenant_id, subject=principal.subject):
                enforce_rate_limits([
                    ("tenant", principal.tenant_id,
                     Limit(settings.rate_limit_tenant_per_minute, settings.rate_limit_tenant_burst)),
                    ("key", f"{principal.tenant_id}/{principal.subject}",
                     Limit(settings.rate_limit_key_per_minute, settings.rate_limit_key_burst)),
                ])
                if not principal.has_role(role):
                    from shared.deps import get_deps

                    record_security_event(get_deps(), kind="role_violation", tenant=principal.tenant_id,
                                          actor=principal.subject, target=f"{request.method} {request.path}",
                                          details={"required": role.value, "role": principal.role.value})
                    raise PermissionDenied(f"role '{role.value}' or higher required")
                return handler(request, principal)

        return _wrap(handler, route, call)

    return decorate


def public_endpoint(*, route: str | None = None) -> Callable[[PublicHandler], FlaskView]:
    """Wrap an unauthenticated handler ``(request) -> body | Response`` (sign-up, log-in).

    Rate limited per client address (``rate_limit_public_*``) to slow password guessing.
    """

    def decorate(handler: PublicHandler) -> FlaskView:
        def call(request: flask.Request, label: str, settings: Settings, state: dict[str, Any]) -> Any:
            enforce_rate_limits([
                ("public", f"{label}/{client_address(request, settings.trusted_proxy_hops)}",
                 Limit(settings.rate_limit_public_per_minute, settings.rate_limit_public_burst)),
            ])
            return handler(request)

        return _wrap(handler, route, call)

    return decorate


class Routes:
    """One function's routes: ``Routes([("POST", "/v1/api-keys", create_key), ...]).dispatch(request)``.

    Paths use OpenAPI templates (``/v1/api-keys/{key_id}``); matched parameters are read in handlers
    with ``path_param``. Unknown paths answer 404 and wrong methods 405, both in the error shape.
    """

    def __init__(self, routes: Sequence[tuple[str, str, FlaskView]]) -> None:
        rules = []
        self._views: dict[str, FlaskView] = {}
        register_templates([path for _, path, _ in routes])
        for i, (method, path, view) in enumerate(routes):
            name = f"r{i}"
            self._views[name] = view
            rules.append(Rule(re.sub(r"\{(\w+)\}", r"<\1>", path), methods=[method], endpoint=name))
        self._map = Map(rules, strict_slashes=False, merge_slashes=False)

    def dispatch(self, request: flask.Request) -> flask.Response:
        """Call the view owning ``request``'s method and path."""
        adapter = self._map.bind("localhost", path_info=request.path)
        if request.method == "OPTIONS":
            return preflight_response(request, get_settings())
        try:
            name, params = adapter.match(request.path, method=request.method)
        except HTTPException as exc:
            unmatched = exc

            def fail() -> Any:
                raise unmatched

            with _served(request, "router", "unmatched") as state:
                return _run(request, state, fail)
        request.environ[_PATH_PARAMS] = params
        return self._views[str(name)](request)
