"""Embedded backend with a seeded merchant, the test agent runners wired into the registry, and a client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from shared.agents import registry
from shared.deps import Deps, get_deps
from shared.runtime.local import HttpResult, LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.fakes.agent_runners import DOTTED
from tests.fakes.merchant import AS_OF, seed_merchant

TENANT = "acme"


@pytest.fixture(autouse=True)
def _whole_forecast_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quick mode waits for the whole forecast fit here: these tests compare a report with its agents run again.

    On a loaded machine the bounded wait (``fit_wait_seconds``) answers from cheaper models while the pooled fit
    goes on, so a report and a rerun could differ; that path is covered by tests/unit/forecast/test_agent.py.
    """
    from shared.orchestration.executor import QUICK_AGENT_OPTIONS

    whole = {k: v for k, v in QUICK_AGENT_OPTIONS["forecast"].items() if k != "fit_wait_seconds"}
    monkeypatch.setitem(QUICK_AGENT_OPTIONS, "forecast", whole)


@dataclass
class Client:
    """Calls the real query function as one user of one tenant."""

    deps: Deps
    runtime: LocalRuntime
    tenant: str = TENANT
    user: str = "alice"

    def headers(self, tenant: str | None = None, user: str | None = None) -> dict[str, str]:
        token = mint_token(self.deps.settings, subject=user or self.user, tenant_id=tenant or self.tenant,
                           role=Role.ANALYST)
        return {"Authorization": f"Bearer {token}"}

    def query(self, question: str, *, tenant: str | None = None, user: str | None = None, **extra: Any) -> HttpResult:
        body = {"question": question, "as_of": AS_OF.isoformat(), **extra}
        return self.runtime.call_http("query", "POST", "/v1/query", headers=self.headers(tenant, user),
                                      json_body=body)

    def job(self, job_id: str) -> HttpResult:
        return self.runtime.call_http("query", "GET", f"/v1/jobs/{job_id}", headers=self.headers())


@pytest.fixture
def test_runners(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point the registry at small test runners whose numbers the tests compute independently."""
    for name, dotted in DOTTED.items():
        monkeypatch.setitem(registry.AGENT_RUNNERS, name, dotted)
    return {name: dotted for name, dotted in DOTTED.items()}


@pytest.fixture
def client(isolated_env: Any, test_runners: dict[str, str]) -> Iterator[Client]:
    """A seeded tenant on the embedded backend."""
    deps = get_deps()
    seed_merchant(deps.warehouse, TENANT)
    yield Client(deps, LocalRuntime(deps))
