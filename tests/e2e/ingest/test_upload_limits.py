"""The upload endpoint refuses what it must: bad names, wrong types, oversize files, missing rights."""

from __future__ import annotations

import pytest

from shared.deps import reset_deps
from shared.security.principal import Role
from tests.e2e.ingest.conftest import Harness

CSV = b"sku,date,units\nA,2024-01-01,1\n"


@pytest.mark.parametrize("name", ["../etc/passwd.csv", "a/../../b.csv", "/abs/path.csv", "C:\\x\\y.csv",
                                  "bad\x00name.csv", "tab\tname.csv", "..", ""])
def test_traversal_and_control_names_are_refused(harness: Harness, name: str) -> None:
    resp = harness.upload(CSV, filename=name, kind="sales")
    assert resp.status == 400, (name, resp.body)
    assert resp.json()["error"]["code"] == "invalid_argument"
    assert list(harness.deps.blobs.list(harness.deps.settings.bucket_name("raw"))) == []


def test_odd_characters_are_sanitised_to_a_basename(harness: Harness) -> None:
    resp = harness.upload(CSV, filename="my sales (jan).csv", kind="sales")
    assert resp.status == 201
    assert resp.json()["object"].endswith("/my_sales_jan_.csv")
    assert resp.json()["object"].startswith("raw/acme/sales/")


def test_too_large_is_413(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_MAX_UPLOAD_BYTES", "100")
    reset_deps()
    from shared.deps import get_deps

    harness = Harness(get_deps())
    big = b"sku,date,units\n" + b"A,2024-01-01,1\n" * 20
    resp = harness.upload(big, kind="sales")
    assert resp.status == 413 and resp.json()["error"]["code"] == "payload_too_large"
    assert list(harness.deps.blobs.list(harness.deps.settings.bucket_name("raw"))) == []
    assert harness.upload(CSV, kind="sales").status == 201


def test_too_large_without_content_length_is_caught_while_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from shared.deps import get_deps
    from shared.errors import PayloadTooLarge
    from shared.ingest.upload import store_upload

    monkeypatch.setenv("ECOMINTEL_MAX_UPLOAD_BYTES", "100000")
    reset_deps()
    deps = get_deps()
    body = io.BytesIO(b"sku,date,units\n" + b"A,2024-01-01,1\n" * 10_000)
    with pytest.raises(PayloadTooLarge):
        store_upload(deps, "acme", body, filename="x.csv", kind="sales", content_type="text/csv",
                     content_length=None)
    assert list(deps.blobs.list(deps.settings.bucket_name("raw"))) == []


@pytest.mark.parametrize("name", ["data.xlsx", "data.exe", "data.csv.zip", "data"])
def test_wrong_extension_is_400(harness: Harness, name: str) -> None:
    assert harness.upload(CSV, filename=name, kind="sales").status == 400


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "text/html"])
def test_wrong_content_type_is_415(harness: Harness, content_type: str) -> None:
    resp = harness.upload(CSV, kind="sales", content_type=content_type)
    assert resp.status == 415 and resp.json()["error"]["code"] == "unsupported_media_type"


def test_unknown_kind_and_undetectable_header_are_400(harness: Harness) -> None:
    assert harness.upload(CSV, kind="widgets").status == 400
    resp = harness.upload(b"foo,bar\n1,2\n")
    assert resp.status == 400 and "columns seen: foo, bar" in resp.json()["error"]["message"]


def test_empty_and_binary_are_400(harness: Harness) -> None:
    assert harness.upload(b"", kind="sales").status == 400
    assert harness.upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00", kind="sales").status == 400


def test_declared_gzip_that_is_not_gzip_is_400(harness: Harness) -> None:
    assert harness.upload(CSV, kind="sales", headers={"Content-Encoding": "gzip"}).status == 400


def test_auth_is_required_and_viewers_cannot_upload(harness: Harness) -> None:
    resp = harness.runtime.call_http("upload", "POST", "/v1/uploads", query={"filename": "x.csv"}, data=CSV,
                                     headers={"Content-Type": "text/csv"})
    assert resp.status == 401
    assert harness.upload(CSV, kind="sales", role=Role.VIEWER).status == 403


def test_tenant_comes_from_the_token_not_the_request(harness: Harness) -> None:
    resp = harness.runtime.call_http(
        "upload", "POST", "/v1/uploads", query={"filename": "x.csv", "kind": "sales", "tenant_id": "globex"},
        data=CSV, headers={"Authorization": f"Bearer {harness.token('acme')}", "Content-Type": "text/csv"})
    assert resp.status == 201 and resp.json()["object"].startswith("raw/acme/")
