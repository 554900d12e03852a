"""`ecomintel serve` end to end: a real HTTP server on 127.0.0.1 (free port), driven with requests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(isolated_env: Path) -> Iterator[str]:
    port = _free_port()
    env = {"ECOMINTEL_HOME": str(isolated_env), "ECOMINTEL_BCRYPT_ROUNDS": "4", "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "serve", "--port", str(port)], cwd=REPO,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # waiting for the port to open, not for timing
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_signup_login_key_and_metrics_over_http(server: str) -> None:
    r = requests.post(f"{server}/v1/auth/signup", json={"email": "shop@example.com", "password": "s3cret-pass",
                                                        "tenant_name": "Shop"}, timeout=10)
    assert r.status_code == 201
    token = requests.post(f"{server}/v1/auth/login", json={"email": "shop@example.com", "password": "s3cret-pass"},
                          timeout=10).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    key = requests.post(f"{server}/v1/api-keys", headers=auth, json={"name": "etl"}, timeout=10).json()["key"]
    me = requests.get(f"{server}/v1/me", headers={"X-API-Key": key, "X-Request-Id": "curl-test-0001"}, timeout=10)
    assert me.json()["via"] == "api_key" and me.headers["X-Request-Id"] == "curl-test-0001"
    metrics = requests.get(f"{server}/metrics", timeout=10).text
    assert 'route="/v1/me",status="200"' in metrics
