"""The public edge: API Gateway's copy of the spec, its Terraform, and the app behind it.

API Gateway calls a function with its own Google ID token in ``Authorization`` and the caller's header in
``X-Forwarded-Authorization``; the functions' IAM admits only the gateway's service account. These tests
check the document the gateway gets (current, routing every operation, no gateway-side auth, a
``templatefile`` with only the backend placeholders, rendered by the real ``terraform`` when present), the
grants in ``terraform/edge.tf``, and that the app authenticates the forwarded header, not the gateway's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml

from shared.deps import get_deps
from shared.manifest import REPO_ROOT
from shared.runtime.local import LocalRuntime
from shared.security.openapi import (
    GATEWAY_OPENAPI_PATH,
    build_gateway_openapi,
    load_openapi,
    render_gateway_openapi,
)

EDGE_TF = REPO_ROOT / "terraform" / "edge.tf"


def _gateway() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(GATEWAY_OPENAPI_PATH.read_text())
    return loaded


def test_gateway_document_is_current() -> None:
    assert GATEWAY_OPENAPI_PATH.read_text() == render_gateway_openapi(), "run: python -m shared.security.openapi"


def test_gateway_routes_every_operation_and_leaves_auth_to_the_app() -> None:
    public, gateway = load_openapi(), _gateway()
    assert gateway == build_gateway_openapi()
    assert set(gateway["paths"]) == set(public["paths"])
    for path, item in public["paths"].items():
        for method, op in item.items():
            routed = gateway["paths"][path][method]
            assert routed["x-google-backend"] == op["x-google-backend"]
            assert "security" not in routed  # an apiKey scheme would make the gateway demand a Google API key
    assert "security" not in gateway and "securitySchemes" not in gateway["components"]
    for name, backend in gateway["x-google-api-management"]["backends"].items():
        # the gateway signs an ID token for the function's own URL: Cloud Run IAM checks it
        assert backend["address"] == backend["jwtAudience"] == "${backend_" + name + "}"
        assert backend["pathTranslation"] == "APPEND_PATH_TO_ADDRESS"


def test_gateway_document_is_a_clean_templatefile() -> None:
    text = GATEWAY_OPENAPI_PATH.read_text()
    backends = set(_gateway()["x-google-api-management"]["backends"])
    assert set(re.findall(r"\$\{([^}]*)\}", text)) == {f"backend_{b}" for b in backends}
    assert "%{" not in text


@pytest.mark.skipif(shutil.which("terraform") is None, reason="no terraform binary on PATH")
def test_terraform_renders_the_gateway_document(tmp_path: Path) -> None:
    """``templatefile`` as edge.tf calls it, evaluated by terraform itself (no provider needed)."""
    backends = sorted(_gateway()["x-google-api-management"]["backends"])
    urls = ", ".join(f'backend_{b} = "https://{b}-x.a.run.app"' for b in backends)
    expr = f'jsonencode(yamldecode(templatefile("{GATEWAY_OPENAPI_PATH}", {{ {urls} }})))'
    terraform = shutil.which("terraform")
    assert terraform is not None
    proc = subprocess.run([terraform, "console"], input=expr, capture_output=True, text=True, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "TF_CLI_CONFIG_FILE": "/dev/null", "HOME": str(tmp_path)},
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    rendered = json.loads(json.loads(proc.stdout))
    upload = rendered["x-google-api-management"]["backends"]["upload"]
    assert upload["address"] == upload["jwtAudience"] == "https://upload-x.a.run.app"
    assert rendered["paths"]["/v1/ingestions/{ingestion_id}"]["get"]["x-google-backend"] == "upload"


def test_edge_terraform_grants_invoke_to_the_gateway_only() -> None:
    with EDGE_TF.open() as fh:
        tf = hcl2.load(fh)
    resources = {(kind.strip('"'), name.strip('"')): body
                 for block in tf["resource"] for kind, named in block.items() for name, body in named.items()}
    config = resources[("google_api_gateway_api_config", "edge")]
    assert config["provider"] == "google-beta"
    assert config["gateway_config"][0]["backend_config"][0]["google_service_account"] == \
        "${google_service_account.edge[0].email}"
    assert "local.edge_spec" in config["openapi_documents"][0]["document"][0]["contents"]
    locals_ = {k: v for block in tf["locals"] for k, v in block.items()}
    assert "openapi.gateway.yaml" in locals_["edge_spec_path"] and "templatefile(" in locals_["edge_spec"]
    invoker = resources[("google_cloud_run_service_iam_member", "edge_invoker")]
    assert invoker["role"] == '"roles/run.invoker"' and invoker["for_each"] == "${local.edge_backends}"
    assert invoker["member"] == '"serviceAccount:${google_service_account.edge[0].email}"'
    assert "allUsers" not in EDGE_TF.read_text() and "allAuthenticatedUsers" not in EDGE_TF.read_text()
    assert ("google_api_gateway_gateway", "edge") in resources
    assert any(name.strip('"') == "api_url" for out in tf["output"] for name in out)


def _signup(runtime: LocalRuntime) -> tuple[str, str]:
    res = runtime.call_http("auth", "POST", "/v1/auth/signup", json_body={
        "email": "owner@example.com", "password": "correct horse battery", "tenant_name": "Edge shop"})
    assert res.status == 202, res.body
    login = runtime.call_http("auth", "POST", "/v1/auth/login", json_body={
        "email": "owner@example.com", "password": "correct horse battery"})
    assert login.status == 200, login.body
    token = str(login.json()["access_token"])
    me = runtime.call_http("auth", "GET", "/v1/me", headers={"Authorization": f"Bearer {token}"})
    return token, str(me.json()["tenant_id"])


def test_the_app_authenticates_the_forwarded_header_not_the_gateways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_BCRYPT_ROUNDS", "4")
    runtime = LocalRuntime(get_deps())
    token, tenant = _signup(runtime)
    key = runtime.call_http("auth", "POST", "/v1/api-keys", json_body={"name": "cli", "role": "analyst"},
                            headers={"Authorization": f"Bearer {token}"}).json()["key"]
    google_id_token = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2F1dGgteC5hLnJ1bi5hcHAifQ.c2ln"
    for forwarded in (f"Bearer {token}", f"ApiKey {key}"):
        me = runtime.call_http("auth", "GET", "/v1/me", headers={
            "Authorization": f"Bearer {google_id_token}", "X-Forwarded-Authorization": forwarded})
        assert me.status == 200, me.body
        assert me.json()["tenant_id"] == tenant
    # the gateway's own token alone is not a credential of this app
    alone = runtime.call_http("auth", "GET", "/v1/me", headers={"Authorization": f"Bearer {google_id_token}"})
    assert alone.status == 401


@pytest.mark.skipif(shutil.which("terraform") is None, reason="no terraform binary on PATH")
def test_terraform_loads_the_root_module_with_the_edge(tmp_path: Path) -> None:
    """Configuration errors (a second required_providers block, a bad reference shape) fail here, offline."""
    for part in ("terraform", "infra"):
        shutil.copytree(REPO_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
    terraform = shutil.which("terraform")
    assert terraform is not None
    env = {"PATH": "/usr/bin:/bin", "TF_CLI_CONFIG_FILE": "/dev/null", "HOME": str(tmp_path)}
    cwd = tmp_path / "terraform"
    got = subprocess.run([terraform, "get"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert got.returncode == 0, got.stderr
    proc = subprocess.run([terraform, "providers"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "hashicorp/google-beta" in proc.stdout and "hashicorp/google]" in proc.stdout
