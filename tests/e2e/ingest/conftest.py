from __future__ import annotations

from typing import Any

import pytest

from shared.deps import Deps, get_deps
from shared.runtime.local import HttpResult, LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token


class Harness:
    """The embedded platform as a client sees it: upload over HTTP, then drain the bus."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.runtime = LocalRuntime(deps)

    def token(self, tenant: str = "acme", role: Role = Role.ANALYST) -> str:
        return mint_token(self.deps.settings, subject="tester", tenant_id=tenant, role=role)

    def upload(self, data: bytes, *, filename: str = "data.csv", kind: str | None = None, tenant: str = "acme",
               content_type: str = "text/csv", headers: dict[str, str] | None = None,
               role: Role = Role.ANALYST) -> HttpResult:
        query = {"filename": filename}
        if kind:
            query["kind"] = kind
        all_headers = {"Authorization": f"Bearer {self.token(tenant, role)}", "Content-Type": content_type}
        all_headers.update(headers or {})
        return self.runtime.call_http("upload", "POST", "/v1/uploads", headers=all_headers, query=query, data=data)

    def ingest(self, data: bytes, **kwargs: Any) -> dict[str, Any]:
        """Upload, drain, and return the ingestion document."""
        resp = self.upload(data, **kwargs)
        assert resp.status == 201, resp.body
        self.runtime.drain()
        return self.ingestion_of(resp.json()["object"], kwargs.get("tenant", "acme"))

    def ingestion_of(self, object_name: str, tenant: str = "acme") -> dict[str, Any]:
        docs = [d for d in self.deps.documents.query(f"tenants/{tenant}/ingestions") if d["object"] == object_name]
        assert len(docs) == 1, docs
        return docs[0]

    def rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        return self.deps.warehouse.query(sql, params).to_dict("records")

    def count(self, table: str, tenant: str = "acme") -> int:
        return int(self.deps.warehouse.query(
            f"SELECT COUNT(*) AS n FROM `{table}` WHERE tenant_id = @t", {"t": tenant})["n"].iloc[0])


@pytest.fixture
def harness() -> Harness:
    return Harness(get_deps())

