"""The locally served API: one WSGI app in front of every HTTP function, like API Gateway on GCP.

Routing comes from ``infra/openapi.yaml`` (each operation's ``x-ecomintel-function``): a ``/v1/...``
request is handed, unchanged (full path, headers, body), to the functions-framework app of the owning
function, so the function sees what it would see behind API Gateway with ``APPEND_PATH_TO_ADDRESS``.
The gateway also serves ``/metrics`` (Prometheus), ``/openapi.yaml``/``/openapi.json``, ``/healthz`` and the
web console (``shared.runtime.console_assets``) at every other ``GET`` outside ``/v1``.
Unknown paths answer 404 and wrong methods 405 in the one error shape; a documented operation whose
function is not part of this build answers 501.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from shared import regex as re
from shared.http import SECURITY_HEADERS, request_id_of
from shared.manifest import Manifest, load_manifest
from shared.observability.metrics import HTTP_REQUESTS, REGISTRY
from shared.runtime.console_assets import ConsoleAssets
from shared.runtime.local import function_app
from shared.security.openapi import OPENAPI_PATH, load_openapi

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

_METHODS = ("get", "post", "put", "patch", "delete")
# Local-only routes, not part of the public API: the embedded blob store's signed-URL PUT target
# (on GCP, signed URLs point at Cloud Storage directly).
LOCAL_ROUTES = (("/v1/blobs/<path:rest>", ("PUT",), "upload"),)
MATCH_CACHE_SIZE = 4096


def _error(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    request_id = request_id_of(request)
    body = {"error": {"code": code, "message": message, "details": {}, "request_id": request_id}}
    return Response(json.dumps(body), status=status, mimetype="application/json",
                    headers={"X-Request-Id": request_id, **SECURITY_HEADERS, **(headers or {})})


class Gateway:
    """WSGI app routing documented ``/v1`` operations to their functions."""

    def __init__(self, spec: dict[str, Any] | None = None, manifest: Manifest | None = None,
                 console: ConsoleAssets | None = None) -> None:
        self.console = console if console is not None else ConsoleAssets()
        self.spec = spec if spec is not None else load_openapi()
        self.manifest = manifest if manifest is not None else load_manifest()
        rules = []
        self.functions: dict[str, str] = {}
        for path, item in self.spec.get("paths", {}).items():
            methods = {m.upper(): op["x-ecomintel-function"] for m, op in item.items() if m in _METHODS}
            owners = set(methods.values())
            if len(owners) != 1:
                raise ValueError(f"{path}: every method of one path must be served by one function, got {owners}")
            self.functions[path] = owners.pop()
            rules.append(Rule(re.sub(r"\{(\w+)\}", r"<\1>", path), methods=sorted(methods), endpoint=path))
        for rule, local_methods, function in LOCAL_ROUTES:
            self.functions[rule] = function
            rules.append(Rule(rule, methods=list(local_methods), endpoint=rule))
        self.routes = Map(rules, strict_slashes=False, merge_slashes=False)
        self._available: dict[str, bool] = {}
        # (method, path) -> matched route: a client repeats the same few paths, and matching one costs more
        # than the rest of the gateway's work
        self._matched: dict[tuple[str, str], Any] = {}

    def available(self, function: str) -> bool:
        """True when ``function`` is an HTTP function of this build (in the manifest, source present).

        Asked once per function (a build does not change while it serves), not on every request.
        """
        known = self._available.get(function)
        if known is None:
            spec = self.manifest.functions.get(function)
            known = self._available[function] = (spec is not None and spec.trigger.type == "http"
                                                  and spec.source.exists())
        return known

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request."""
        request = Request(environ)
        path = request.path
        if path == "/metrics":
            return Response(generate_latest(REGISTRY), mimetype=CONTENT_TYPE_LATEST)(environ, start_response)
        if path in ("/openapi.yaml", "/openapi.json"):
            if path.endswith(".json"):
                return Response(json.dumps(self.spec), mimetype="application/json")(environ, start_response)
            return Response(OPENAPI_PATH.read_text(), mimetype="application/yaml")(environ, start_response)
        if path == "/healthz":
            return Response(json.dumps({"status": "ok"}), mimetype="application/json")(environ, start_response)
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
            # no route has control characters; refuse here rather than let the function's router answer in HTML
            resp = _error(request, 404, "not_found", "no route for this path")
            return self._count(resp, request)(environ, start_response)
        if not path.startswith("/v1/") and (page := self.console.response(request)) is not None:
            return page(environ, start_response)
        method = "GET" if request.method == "OPTIONS" else request.method
        template = self._matched.get((method, path))
        if template is not None:
            return self._forward(template, request, environ, start_response)
        adapter = self.routes.bind_to_environ(environ)
        try:
            template, _ = adapter.match(path, method=method)
        except MethodNotAllowed as exc:
            if request.method == "OPTIONS":
                template, _ = adapter.match(path, method=sorted(exc.valid_methods or ["GET"])[0])
            else:
                resp = _error(request, 405, "method_not_allowed", f"{request.method} is not allowed on {path}",
                              {"Allow": ", ".join(sorted(exc.valid_methods or []))})
                return self._count(resp, request)(environ, start_response)
        except HTTPException:
            resp = _error(request, 404, "not_found", f"no route for {path}")
            return self._count(resp, request)(environ, start_response)
        if request.method != "OPTIONS":
            if len(self._matched) >= MATCH_CACHE_SIZE:  # paths with ids are many: start afresh, stay bounded
                self._matched.clear()
            self._matched[(method, path)] = template
        return self._forward(template, request, environ, start_response)

    def _forward(self, template: Any, request: Request, environ: WSGIEnvironment,
                 start_response: StartResponse) -> Iterable[bytes]:
        """Hand the request, unchanged, to the function owning the route ``template``."""
        function = self.functions[str(template)]
        if not self.available(function):
            resp = _error(request, 501, "not_implemented", f"function {function!r} is not part of this build")
            return self._count(resp, request)(environ, start_response)
        return function_app(self.manifest.functions[function])(environ, start_response)

    @staticmethod
    def _count(resp: Response, request: Request) -> Response:
        HTTP_REQUESTS.labels(function="gateway", route="unmatched", method=request.method,
                             status=str(resp.status_code)).inc()
        return resp


def create_gateway() -> Gateway:
    """The gateway over the committed OpenAPI document and manifest."""
    return Gateway()
