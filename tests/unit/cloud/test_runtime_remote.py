from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from local_emulator.function_server import STATS_PATH, RequestStats, with_stats
from shared.deps import get_deps
from shared.runtime import runtime_for
from shared.runtime.local import LocalRuntime
from shared.runtime.remote import RemoteRuntime


@Request.application
def _echo(request: Request) -> Response:
    if request.path == "/fail":
        return Response("no", status=500)
    body = {"path": request.path, "method": request.method, "args": dict(request.args),
            "auth": request.headers.get("Authorization"), "data": request.get_data(as_text=True)}
    return Response(json.dumps(body), content_type="application/json")


@pytest.fixture
def served() -> Iterator[tuple[str, RequestStats]]:
    stats = RequestStats()
    server = make_server("127.0.0.1", 0, with_stats(_echo, stats), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", stats
    finally:
        server.shutdown()
        thread.join()


def test_runtime_for_picks_by_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(runtime_for(get_deps()), LocalRuntime)


def test_call_http_over_the_network(served: tuple[str, RequestStats]) -> None:
    url, stats = served
    rt = RemoteRuntime(get_deps(), urls={"upload": url})
    result = rt.call_http("upload", "POST", "/v1/x", headers={"Authorization": "Bearer t"}, query={"a": "1"},
                          data=b"payload")
    assert result.status == 200
    assert result.json() == {"path": "/v1/x", "method": "POST", "args": {"a": "1"}, "auth": "Bearer t",
                             "data": "payload"}
    assert stats.snapshot()["requests"] == 1


def test_call_http_refuses_event_functions() -> None:
    rt = RemoteRuntime(get_deps(), urls={"ingest": "http://127.0.0.1:9"})
    with pytest.raises(ValueError, match="not an HTTP function"):
        rt.call_http("ingest")


def test_url_resolution_order(monkeypatch: pytest.MonkeyPatch, isolated_env: Path) -> None:
    state = isolated_env / "emulator"
    state.mkdir(parents=True)
    (state / "state.json").write_text(json.dumps({"functions": {"upload": "http://127.0.0.1:1111"}}))
    rt = RemoteRuntime(get_deps())
    assert rt.function_url("upload") == "http://127.0.0.1:1111"
    monkeypatch.setenv("ECOMINTEL_FUNCTION_URL_UPLOAD", "https://example.test/up/")
    assert rt.function_url("upload") == "https://example.test/up"
    monkeypatch.setenv("ECOMINTEL_FUNCTION_BASE_URL", "https://europe-west1-p.cloudfunctions.net")
    assert rt.function_url("process") == "https://europe-west1-p.cloudfunctions.net/process"
    monkeypatch.delenv("ECOMINTEL_FUNCTION_BASE_URL")
    with pytest.raises(LookupError, match="ECOMINTEL_FUNCTION_URL_PROCESS"):
        rt.function_url("process")


def test_stats_count_in_flight_and_failures(served: tuple[str, RequestStats]) -> None:
    import requests

    url, stats = served
    assert requests.get(url + "/fail", timeout=5).status_code == 500
    assert requests.get(url + "/ok", timeout=5).status_code == 200
    snap = requests.get(url + STATS_PATH, timeout=5).json()
    assert (snap["requests"], snap["failures"], snap["in_flight"]) == (2, 1, 0)


def test_drain_waits_for_quiet_and_counts_requests(served: tuple[str, RequestStats]) -> None:
    import requests

    url, _ = served
    rt = RemoteRuntime(get_deps(), urls={"upload": url})
    requests.get(url + "/before", timeout=5)
    assert rt.drain(max_seconds=10, quiet_seconds=0.2) == 0


def test_drain_without_observable_functions_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    rt = RemoteRuntime(get_deps(), urls={})
    assert rt.drain(max_seconds=1) == 0


def test_stats_wrapper_passes_exceptions_and_counts_them() -> None:
    stats = RequestStats()

    def boom(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        raise RuntimeError("x")

    app = with_stats(boom, stats)
    with pytest.raises(RuntimeError):
        app({"PATH_INFO": "/"}, lambda *a: None)
    assert stats.snapshot()["failures"] == 1 and stats.snapshot()["in_flight"] == 0


# --- the public edge and the caller's credentials --------------------------------------------------------

@Request.application
def _edge(request: Request) -> Response:
    """One host routing by path, like API Gateway; ``/v1/me`` knows one key of tenant ``acme``."""
    if request.path == "/v1/me":
        if request.headers.get("Authorization") == "ApiKey k-acme":
            return Response(json.dumps({"tenant_id": "acme", "subject": "key:1", "role": "analyst", "via": "api_key"}),
                            content_type="application/json")
        return Response(json.dumps({"error": {"code": "unauthenticated", "message": "invalid API key"}}),
                        status=401, content_type="application/json")
    return Response(json.dumps({"path": request.path, "auth": request.headers.get("Authorization")}),
                    content_type="application/json")


@pytest.fixture
def edge() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, _edge, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def test_api_url_routes_every_function_through_the_edge(edge: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_API_URL", edge + "/")
    rt = RemoteRuntime(get_deps(), urls={"query": "http://127.0.0.1:9"})  # the edge wins over launcher URLs
    assert rt.call_http("query", "GET", "/v1/jobs/j1").json()["path"] == "/v1/jobs/j1"
    assert rt.call_http("upload", "GET", "/v1/ingestions/i").json()["path"] == "/v1/ingestions/i"
    monkeypatch.setenv("ECOMINTEL_FUNCTION_URL_UPLOAD", "http://127.0.0.1:9")  # a per-function override still wins
    assert rt.base_url("upload") == "http://127.0.0.1:9" and rt.base_url("query") == edge


def test_api_key_is_sent_for_its_own_tenant_only(edge: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.runtime.remote import NoCredentials

    monkeypatch.setenv("ECOMINTEL_API_URL", edge)
    monkeypatch.setenv("ECOMINTEL_API_KEY", "k-acme")
    rt = RemoteRuntime(get_deps(), urls={})
    assert rt.credentials("acme") == {"Authorization": "ApiKey k-acme"}
    with pytest.raises(NoCredentials, match="belong to tenant 'acme', not 'globex'"):
        rt.credentials("globex")
    monkeypatch.setenv("ECOMINTEL_API_KEY", "k-revoked")
    with pytest.raises(NoCredentials, match="HTTP 401"):
        RemoteRuntime(get_deps(), urls={}).credentials("acme")


def test_without_key_or_signing_key_the_cli_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared.runtime.remote import NoCredentials

    rt = RemoteRuntime(get_deps(), urls={})
    assert rt.delivers_in_background and rt.max_request_bytes == 32 * 1024 * 1024
    with pytest.raises(NoCredentials, match="ECOMINTEL_API_KEY"):
        rt.credentials("acme")
    monkeypatch.setenv("ECOMINTEL_JWT_SIGNING_KEY", "operator-key-" + "x" * 32)
    from shared.deps import reset_deps

    reset_deps()
    token = RemoteRuntime(get_deps(), urls={}).credentials("acme")["Authorization"]
    from shared.security.tokens import verify_token

    assert verify_token(get_deps().settings, token.removeprefix("Bearer ")).tenant_id == "acme"
