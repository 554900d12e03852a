"""`ecomintel serve` end to end: a real HTTP server on 127.0.0.1 (free port), driven with requests."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from local_emulator.engines import free_port  # below the ephemeral range: no bind(0) elsewhere takes it

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def server(isolated_env: Path) -> Iterator[str]:
    port = free_port()
    env = {"ECOMINTEL_HOME": str(isolated_env), "ECOMINTEL_BCRYPT_ROUNDS": "4", "PATH": "/usr/bin:/bin"}
    isolated_env.mkdir(parents=True, exist_ok=True)
    log = (isolated_env / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "serve", "--port", str(port)], cwd=REPO,
                            env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # a slow first answer is not a failure
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # waiting for the port to open, not for timing
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_signup_login_key_and_metrics_over_http(server: str) -> None:
    r = requests.post(f"{server}/v1/auth/signup", json={"email": "shop@example.com", "password": "s3cret-pass",
                                                        "tenant_name": "Shop"}, timeout=10)
    assert r.status_code == 202 and r.json()["status"] == "sign_in"
    token = requests.post(f"{server}/v1/auth/login", json={"email": "shop@example.com", "password": "s3cret-pass"},
                          timeout=10).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    key = requests.post(f"{server}/v1/api-keys", headers=auth, json={"name": "etl"}, timeout=10).json()["key"]
    me = requests.get(f"{server}/v1/me", headers={"X-API-Key": key, "X-Request-Id": "curl-test-0001"}, timeout=10)
    assert me.json()["via"] == "api_key" and me.headers["X-Request-Id"] == "curl-test-0001"
    metrics = requests.get(f"{server}/metrics", timeout=10).text
    assert 'route="/v1/me",status="200"' in metrics


def test_access_log_keeps_paths_but_never_query_values(server: str, isolated_env: Path) -> None:
    requests.get(f"{server}/v1/me?access_token=eyJhbGciOiJIUzI1NiJ9.SECRET-TOKEN.sig", timeout=10)
    requests.get(f"{server}/healthz?X-Goog-Signature=deadbeefcafe&X-Goog-Expires=900", timeout=10)
    deadline = time.monotonic() + 60
    log = isolated_env / "serve.log"
    # wait for this test's two lines ("/healthz" alone is already there: the fixture's readiness probes)
    while not all(f"{path}?" in log.read_text() for path in ("/v1/me", "/healthz")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the server writes the line after answering
    text = log.read_text()
    assert "/v1/me?access_token=REDACTED" in text and "X-Goog-Signature=REDACTED" in text
    assert "SECRET-TOKEN" not in text and "deadbeefcafe" not in text
