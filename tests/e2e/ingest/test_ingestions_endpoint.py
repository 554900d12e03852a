"""``GET /v1/ingestions/{id}``: the upload function answers an ingestion's status to its own tenant only."""

from __future__ import annotations

from shared.ingest.ingestion import ingestion_id_for
from shared.security.openapi import load_openapi
from shared.security.principal import Role
from tests.e2e.ingest.conftest import Harness

SALES = b"date,sku,qty\n2024-01-01,A,2\n2024-01-02,B,3\n2024-01-03,C,lots\n"


def _get(harness: Harness, ingestion_id: str, headers: dict[str, str]) -> tuple[int, dict]:
    res = harness.runtime.call_http("upload", "GET", f"/v1/ingestions/{ingestion_id}", headers=headers)
    return res.status, res.json()


def test_status_and_counts_for_the_uploading_tenant(harness: Harness) -> None:
    up = harness.upload(SALES)
    assert up.status == 201, up.body
    body = up.json()
    ingestion_id = ingestion_id_for(body["bucket"], body["object"], str(body["generation"]))
    assert body["ingestion_id"] == ingestion_id  # the upload answers the id to poll
    viewer = {"Authorization": f"Bearer {harness.token('acme', Role.VIEWER)}"}
    status, before = _get(harness, ingestion_id, viewer)
    assert status == 404 and before["error"]["code"] == "not_found"  # known id, not yet recorded
    harness.runtime.drain()
    status, view = _get(harness, ingestion_id, viewer)
    assert status == 200, view
    assert {k: view[k] for k in ("ingestion_id", "tenant_id", "kind", "status", "rows_read", "accepted",
                                 "rejected", "duplicates", "processed_rows", "object")} == {
        "ingestion_id": ingestion_id, "tenant_id": "acme", "kind": "sales", "status": "processed",
        "rows_read": 3, "accepted": 2, "rejected": 1, "duplicates": 0, "processed_rows": 2,
        "object": body["object"]}


def test_other_tenants_malformed_ids_and_no_credentials_are_refused(harness: Harness) -> None:
    doc = harness.ingest(SALES)
    other = {"Authorization": f"Bearer {harness.token('globex', Role.ADMIN)}"}
    assert _get(harness, doc["ingestion_id"], other)[0] == 404
    assert _get(harness, doc["ingestion_id"], {})[0] == 401
    own = {"Authorization": f"Bearer {harness.token('acme', Role.VIEWER)}"}
    assert _get(harness, "../../tenants/globex", own)[0] == 404
    assert _get(harness, "ing_nothex", own)[0] == 404


def test_documented_in_the_openapi_spec() -> None:
    op = load_openapi()["paths"]["/v1/ingestions/{ingestion_id}"]["get"]
    assert op["operationId"] == "getIngestion" and op["x-ecomintel-function"] == "upload"
    assert op["x-ecomintel-role"] == "viewer" and "security" not in op  # the API's default credentials apply
    assert op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/IngestionView")
    assert {"401", "404"} <= set(op["responses"])
