"""Asking a question through the real ``query`` function, on any backend (CLI, demo, bench).

Deep mode answers 202 with a job; the report is read from ``GET /v1/jobs/{id}``: after the embedded runtime
drained its bus, or by polling while push subscriptions deliver the agent tasks (emulators, Google Cloud) or
while the ``ecomintel serve`` holding an embedded home delivers them.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from shared.errors import EcomIntelError
from shared.orchestration.report import Mode, QueryResponse
from shared.security.principal import Role

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.runtime import Runtime
    from shared.runtime.served import ServedRuntime

POLL_SECONDS = 1.0


class AskFailed(EcomIntelError):
    """The query function answered with an error."""


def ask(deps: Deps | None, question: str, *, tenant: str, mode: Mode = "quick", user: str = "cli",
        session_id: str | None = None, use_cache: bool = True, as_of: str | None = None,
        runtime: Runtime | ServedRuntime | None = None, max_polls: int = 50, wait_seconds: float | None = None,
        full: bool = False) -> QueryResponse:
    """POST /v1/query as ``user`` of ``tenant``; in deep mode wait for the job's report.

    The embedded runtime drains its bus before each of at most ``max_polls`` polls; a remote one polls
    every second for up to ``wait_seconds`` (``ECOMINTEL_CLIENT_TIMEOUT_SECONDS``, default 600). A job
    still running then is returned as it is (``report`` is ``None``).
    """
    from shared.runtime import runtime_for

    if runtime is None:
        if deps is None:
            raise ValueError("ask needs deps or a runtime")
        runtime = runtime_for(deps)
    body: dict[str, Any] = {"question": question, "mode": mode, "use_cache": use_cache}
    if session_id:
        body["session_id"] = session_id
    if as_of:
        body["as_of"] = as_of
    if full:
        body["full"] = True
    try:  # no credentials for this tenant, or no API to reach: one line for the user, not a traceback
        headers = runtime.credentials(tenant, role=Role.ANALYST, subject=user)
        res = runtime.call_http("query", "POST", "/v1/query", headers=headers, json_body=body)
    except EcomIntelError as exc:
        raise AskFailed(exc.message, details=exc.details) from exc
    if res.status >= 400:
        err = (res.json() or {}).get("error", {}) if res.body else {}
        raise AskFailed(f"{err.get('code')}: {err.get('message')}", details=err.get("details") or {})
    resp = QueryResponse.model_validate(res.json())
    if resp.mode == "quick" or resp.job_id is None:
        return resp
    # only a deep job waits: a quick answer does not import the ingestion client (and ``requests``) for this
    from shared.ingest.client import wait_seconds as default_wait

    deadline = time.monotonic() + (default_wait() if wait_seconds is None else wait_seconds)
    polls = 0
    while True:
        runtime.settle()
        job = runtime.call_http("query", "GET", f"/v1/jobs/{resp.job_id}", headers=headers)
        if job.status >= 400:
            raise AskFailed(f"polling job {resp.job_id} failed: HTTP {job.status} {job.body[:200]!r}")
        view = job.json()
        if view["status"] == "done":
            return QueryResponse(mode="deep", status="done", job_id=resp.job_id, report=view["report"],
                                 warnings=resp.warnings)
        polls += 1
        if runtime.delivers_in_background:
            if time.monotonic() > deadline:
                return resp
            time.sleep(POLL_SECONDS)
        elif polls >= max_polls:
            return resp
