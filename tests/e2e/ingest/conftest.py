from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pandas as pd
import pytest

from shared.deps import Deps, get_deps, reset_deps
from shared.runtime.local import HttpResult, LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.e2e.ingest.cli_helpers import free_port, ingest_recorded


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
        return cast(list[dict[str, Any]], self.deps.warehouse.query(sql, params).to_dict("records"))  # SQL columns

    def count(self, table: str, tenant: str = "acme") -> int:
        return int(self.deps.warehouse.query(
            f"SELECT COUNT(*) AS n FROM `{table}` WHERE tenant_id = @t", {"t": tenant})["n"].iloc[0])


@pytest.fixture
def harness() -> Harness:
    return Harness(get_deps())


@pytest.fixture()
def served_gateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The real gateway on a free port, so the embedded signed URLs (``/v1/blobs/...``) can be sent to."""
    from werkzeug.serving import make_server

    from shared.runtime.gateway import create_gateway

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("ECOMINTEL_PUBLIC_BASE_URL", base)
    reset_deps()
    server = make_server("127.0.0.1", port, create_gateway(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture(params=[None, 97], ids=["one chunk", "chunks of 97"])
def chunk_rows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int | None:
    """The file in one chunk, or in chunks of 97 rows (orders and sessions cut between chunks, carried over)."""
    rows: int | None = request.param
    if rows is not None:
        monkeypatch.setenv("ECOMINTEL_INGEST_CHUNK_ROWS", str(rows))
        reset_deps()
    return rows


#: A dataset's embedded home, its pandas truth frame and each file's ingestion record.
Ingested = dict[str, tuple[Path, pd.DataFrame, dict[str, dict[str, Any]]]]


@pytest.fixture(scope="module")
def ingested(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """Each dataset of the test module's ``DATASETS`` ingested once through the CLI into its own embedded home, file
    by file, with its truth frame and ingestion records."""
    made: Ingested = {}
    for name, d in request.module.DATASETS.items():
        files = d.files()
        home, docs = ingest_recorded(tmp_path_factory.mktemp(name), files, d.encoding)
        made[name] = (home, d.frame(files), docs)
    return made


@pytest.fixture(scope="module")
def homes(ingested: Ingested) -> dict[str, tuple[Path, pd.DataFrame]]:
    """``ingested`` without the records: each dataset's home and truth frame, as ``ask_and_check`` reads them."""
    return {name: (home, frame) for name, (home, frame, _) in ingested.items()}
