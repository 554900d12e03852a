"""Reaching the ``ecomintel serve`` that holds an embedded home, from another process on the same machine.

The embedded backend has one writer (``shared.adapters.local.writer``). While ``serve`` holds the home, a CLI
command that would write (``ecomintel ingest``) does not wait for it to stop: it sends its work through the
server's public API, as the console does, and the server's pipeline worker does it. The caller is an
analyst of the tenant, with a token signed with the home's own key (the caller can read the home's files, so
it could mint one anyway; the API still checks it like any other).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from shared.config import Settings
from shared.errors import EcomIntelError
from shared.manifest import Manifest
from shared.runtime.local import HttpResult
from shared.security.principal import Role
from shared.security.tokens import mint_token

if TYPE_CHECKING:
    import requests


class ServerUnreachable(EcomIntelError):
    """The server that holds the home did not answer."""

    code = "unreachable"
    http_status = 503


class ServedRuntime:
    """``call_http`` and ``credentials`` against a running ``ecomintel serve`` (its pump delivers messages)."""

    #: The server's pipeline worker delivers queued messages: clients poll for results.
    delivers_in_background = True
    #: The server streams request bodies to the upload function; no platform limit.
    max_request_bytes: int | None = None

    def __init__(self, settings: Settings, manifest: Manifest, api_url: str, *, timeout_seconds: float = 600.0
                 ) -> None:
        self.settings = settings
        self.manifest = manifest
        self.api_url = api_url.rstrip("/")
        self._timeout = timeout_seconds
        # imported here: every ``ecomintel ask`` asks whether a server holds the home, and mostly none does
        import requests

        self._session: requests.Session = requests.Session()

    def credentials(self, tenant: str, *, role: Role = Role.ANALYST, subject: str = "cli") -> dict[str, str]:
        """Headers of a caller in ``tenant``: a token signed with the home's key."""
        return {"Authorization": f"Bearer {mint_token(self.settings, subject=subject, tenant_id=tenant, role=role)}"}

    def settle(self) -> None:
        """Nothing to do: the server's pump delivers queued messages."""

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
        """Send a request to the server's gateway (``function`` is routed by ``path``, as the console's are)."""
        import requests

        url = f"{self.api_url}/{path.lstrip('/')}"
        try:
            resp = self._session.request(method, url, headers=dict(headers or {}), params=dict(query or {}),
                                         data=data, json=json_body, timeout=self._timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ServerUnreachable(f"the server holding this home does not answer at {self.api_url} "
                                    f"({type(exc).__name__})") from exc
        return HttpResult(resp.status_code, dict(resp.headers), resp.content)


def served_runtime(settings: Settings) -> ServedRuntime | None:
    """The runtime of the ``ecomintel serve`` that holds this embedded home, else ``None`` (open it here).

    CLI commands that would wait for the home's one writer (``ingest``, ``ask``) send their work through it.
    """
    from shared.deps import served_api
    from shared.manifest import load_manifest

    api_url = served_api(settings)
    return ServedRuntime(settings, load_manifest(), api_url) if api_url is not None else None
