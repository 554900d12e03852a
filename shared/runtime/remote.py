"""The runtime for the ``emulator`` and ``gcp`` backends: functions are separate processes reached by HTTP.

Where a request goes: ``ECOMINTEL_FUNCTION_URL_<NAME>`` (``-`` becomes ``_``) for that function, else
``ECOMINTEL_API_URL`` + the request path (the public edge, which routes ``/v1/...`` to the owning function,
as API Gateway does on Google Cloud), else the emulator launcher's ``state.json`` (``$ECOMINTEL_EMULATOR_STATE``
or ``$ECOMINTEL_HOME/emulator``), else ``ECOMINTEL_FUNCTION_BASE_URL`` + ``/<name>``.

Who the caller is (``credentials``): ``ECOMINTEL_API_KEY`` (sent as ``Authorization: ApiKey <key>``; the
key's tenant must be the one asked for), else ``ECOMINTEL_API_TOKEN`` (a Bearer access token from
``/v1/auth/login``), else, when this machine holds the deployment's JWT signing key (an operator on the
emulator stack), a token minted with it.

Messages are pushed to the functions by Pub/Sub push subscriptions, so clients poll the API for results
(``delivers_in_background``) instead of draining.

``drain()`` waits until the pipeline is idle. The Pub/Sub emulator does not report subscription backlog,
so on the emulator stack it reads each function process's request counters (``/_emulator/stats``) and
returns once no function has a request in flight and none started for ``quiet_seconds``. On Google Cloud
there is nothing cheap to observe without Cloud Monitoring, so it returns at once (see docs/cloud.md).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import requests

from shared.deps import Deps
from shared.errors import EcomIntelError
from shared.observability.logs import get_logger, log_event
from shared.runtime.local import HttpResult
from shared.security.principal import Role
from shared.security.tokens import mint_token

_log = get_logger(__name__)
STATS_PATH = "/_emulator/stats"
#: Cloud Run refuses HTTP/1 request bodies over 32 MiB: larger files go to the bucket through a signed URL.
CLOUD_RUN_MAX_REQUEST_BYTES = 32 * 1024 * 1024


class Unreachable(EcomIntelError, LookupError):
    """No URL is configured for a function, or nothing answers there."""

    code = "unreachable"
    http_status = 503


class NoCredentials(EcomIntelError):
    """The remote API needs credentials this process does not have, or has them for another tenant."""

    code = "no_credentials"
    http_status = 401


def emulator_state_dir(deps: Deps) -> Path:
    """Where the launcher recorded the stack this process should talk to."""
    override = os.environ.get("ECOMINTEL_EMULATOR_STATE")
    return Path(override) if override else deps.settings.state_dir / "emulator"


class RemoteRuntime:
    """``call_http`` and ``drain`` against function processes (emulator stack) or deployed functions."""

    #: Pub/Sub push subscriptions deliver on their own: clients poll for results.
    delivers_in_background = True

    def __init__(self, deps: Deps, *, urls: Mapping[str, str] | None = None, timeout_seconds: float = 300.0) -> None:
        self.deps = deps
        self.manifest = deps.manifest
        self._urls = dict(urls) if urls is not None else self._state_urls()
        self._timeout = timeout_seconds
        self._session = requests.Session()
        self._key_tenant: str | None = None
        self.api_url = (os.environ.get("ECOMINTEL_API_URL") or "").rstrip("/") or None
        self.max_request_bytes = min(CLOUD_RUN_MAX_REQUEST_BYTES, deps.settings.signed_url_threshold_bytes)

    def credentials(self, tenant: str, *, role: Role = Role.ANALYST, subject: str = "cli") -> dict[str, str]:
        """Headers identifying this caller to the API as a member of ``tenant`` (``NoCredentials`` otherwise)."""
        if key := os.environ.get("ECOMINTEL_API_KEY"):
            headers = {"Authorization": f"ApiKey {key}"}
            self._check_tenant(headers, tenant)
            return headers
        if token := os.environ.get("ECOMINTEL_API_TOKEN"):
            headers = {"Authorization": f"Bearer {token}"}
            self._check_tenant(headers, tenant)
            return headers
        if self.deps.settings.jwt_signing_key is not None:
            token = mint_token(self.deps.settings, subject=subject, tenant_id=tenant, role=role)
            return {"Authorization": f"Bearer {token}"}
        raise NoCredentials("set ECOMINTEL_API_KEY (from POST /v1/api-keys) or ECOMINTEL_API_TOKEN "
                            "(from POST /v1/auth/login) to call the API")

    def _check_tenant(self, headers: dict[str, str], tenant: str) -> None:
        """A key or token belongs to one tenant: refuse to act for another (asked once per runtime)."""
        if self._key_tenant is None:
            res = self.call_http("auth", "GET", "/v1/me", headers=headers)
            if res.status != 200:
                message = (res.json() or {}).get("error", {}).get("message") if res.body else None
                raise NoCredentials(f"the API refused these credentials (HTTP {res.status}): {message}")
            self._key_tenant = str(res.json()["tenant_id"])
        if self._key_tenant != tenant:
            raise NoCredentials(f"these credentials belong to tenant {self._key_tenant!r}, not {tenant!r}")

    def settle(self) -> None:
        """Nothing to do: push subscriptions deliver without us (clients poll the API for results)."""

    def _state_urls(self) -> dict[str, str]:
        path = emulator_state_dir(self.deps) / "state.json"
        if not path.exists():
            return {}
        return dict(json.loads(path.read_text()).get("functions", {}))

    def function_url(self, function: str) -> str:
        """The base URL of ``function`` (``LookupError`` when none is configured)."""
        env_key = "ECOMINTEL_FUNCTION_URL_" + function.upper().replace("-", "_")
        if url := os.environ.get(env_key):
            return url.rstrip("/")
        if function in self._urls:
            return self._urls[function].rstrip("/")
        if base := os.environ.get("ECOMINTEL_FUNCTION_BASE_URL"):
            return f"{base.rstrip('/')}/{function}"
        raise Unreachable(f"no URL for function {function!r}: set ECOMINTEL_API_URL (the public edge), {env_key} "
                          "or ECOMINTEL_FUNCTION_BASE_URL, or start the emulator stack (python -m local_emulator up)")

    def base_url(self, function: str) -> str:
        """Where requests for ``function`` go: its own URL override, else the public edge, else its URL."""
        env_key = "ECOMINTEL_FUNCTION_URL_" + function.upper().replace("-", "_")
        if self.api_url and not os.environ.get(env_key):
            return self.api_url
        return self.function_url(function)

    def call_http(
        self,
        function: str,
        method: str = "GET",
        path: str = "/",
        *,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        data: bytes | IO[bytes] | None = None,
        json_body: Any = None,
    ) -> HttpResult:
        """Invoke an HTTP function over the network, as a client would (a file object is streamed)."""
        spec = self.manifest.functions.get(function)
        if spec is not None and spec.trigger.type != "http":
            raise ValueError(f"{function} is not an HTTP function")
        url = self.base_url(function) + "/" + path.lstrip("/")
        try:
            resp = self._session.request(method, url, headers=dict(headers or {}), params=dict(query or {}),
                                         data=data, json=json_body, timeout=self._timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Unreachable(f"cannot reach {function} at {url.split('?')[0]}: {type(exc).__name__}") from exc
        return HttpResult(resp.status_code, dict(resp.headers), resp.content)

    def _stats(self) -> dict[str, dict[str, Any]]:
        out = {}
        for name, url in self._urls.items():
            try:
                out[name] = self._session.get(url.rstrip("/") + STATS_PATH, timeout=5).json()
            except (requests.RequestException, ValueError):
                continue
        return out

    def drain(self, *, max_seconds: float = 600.0, quiet_seconds: float = 1.5) -> int:
        """Wait until no function is busy and none was called for ``quiet_seconds``; returns requests seen."""
        first = self._stats()
        if not first:
            log_event(_log, "drain cannot observe the functions; not waiting", severity="WARNING")
            return 0
        start = time.time()
        deadline = time.monotonic() + max_seconds
        stats = first
        while time.monotonic() < deadline:
            stats = self._stats()
            busy = sum(int(s["in_flight"]) for s in stats.values())
            now = max(float(s["now"]) for s in stats.values())
            last = max([start, *(float(s["last_activity"]) for s in stats.values())])
            if busy == 0 and now - last >= quiet_seconds:
                break
            time.sleep(0.1)
        else:
            log_event(_log, "drain timed out", severity="WARNING", max_seconds=max_seconds)
        return sum(int(s["requests"]) - int(first.get(n, {}).get("requests", 0)) for n, s in stats.items())
