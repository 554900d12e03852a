"""Asking a question through the real ``query`` function on the embedded runtime (CLI, demo, bench)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.errors import EcomIntelError
from shared.orchestration.report import Mode, QueryResponse
from shared.security.principal import Role
from shared.security.tokens import mint_token

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.runtime.local import LocalRuntime


class AskFailed(EcomIntelError):
    """The query function answered with an error."""


def ask(deps: Deps, question: str, *, tenant: str, mode: Mode = "quick", user: str = "cli",
        session_id: str | None = None, use_cache: bool = True, as_of: str | None = None,
        runtime: LocalRuntime | None = None, max_polls: int = 50, full: bool = False) -> QueryResponse:
    """POST /v1/query as ``user`` of ``tenant``; in deep mode drain the bus and poll until the report is in."""
    from shared.runtime.local import LocalRuntime

    runtime = runtime or LocalRuntime(deps)
    token = mint_token(deps.settings, subject=user, tenant_id=tenant, role=Role.ANALYST)
    headers = {"Authorization": f"Bearer {token}"}
    body: dict[str, Any] = {"question": question, "mode": mode, "use_cache": use_cache}
    if session_id:
        body["session_id"] = session_id
    if as_of:
        body["as_of"] = as_of
    if full:
        body["full"] = True
    res = runtime.call_http("query", "POST", "/v1/query", headers=headers, json_body=body)
    if res.status >= 400:
        err = res.json().get("error", {})
        raise AskFailed(f"{err.get('code')}: {err.get('message')}", details=err.get("details") or {})
    resp = QueryResponse.model_validate(res.json())
    if resp.mode == "quick" or resp.job_id is None:
        return resp
    for _ in range(max_polls):
        runtime.drain()
        job = runtime.call_http("query", "GET", f"/v1/jobs/{resp.job_id}", headers=headers)
        if job.status >= 400:
            raise AskFailed(f"polling job {resp.job_id} failed: {job.json()}")
        view = job.json()
        if view["status"] == "done":
            return QueryResponse(mode="deep", status="done", job_id=resp.job_id, report=view["report"],
                                 warnings=resp.warnings)
    return resp
