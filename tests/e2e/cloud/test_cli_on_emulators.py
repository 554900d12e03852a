"""The CLI as a user runs it against the emulator stack: a subprocess with ``ECOMINTEL_BACKEND=emulator``,
the shell exports of ``python -m local_emulator env`` and an API key from the API, talking HTTP to the
function processes while Pub/Sub push subscriptions drive the pipeline.

Skips, naming what is missing, where a function folder or an emulator engine is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from shared.manifest import REPO_ROOT
from tests.e2e.cloud.conftest import RunningStack, function_stack
from tests.unit.connectors.servers import FakeShopify, serve, shopify_order, shopify_product

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]
# what the commands below reach: the deep questions here plan the forecast agent only
REQUIRED = (
    "auth",
    "upload",
    "ingest",
    "process",
    "data_updated",
    "query",
    "forecast_job",
    "synthesize",
    "sync",
    "alerts_job",
)
CLI_TIMEOUT = 600

PRODUCTS = "sku,title,price,cost\nMUG-1,Mug,20.00,8.00\nTEE-2,Tee,15.00,6.00\n"
COMPETITORS = (
    "sku,competitor,date,price\nMUG-1,rival,2024-06-01,16.00\nMUG-1,other,2024-06-01,17.50\n"
    "TEE-2,rival,2024-06-01,15.50\n"
)
SALES = "sku,date,units,unit_price\n" + "".join(
    f"{sku},2024-{month:02d}-{day:02d},{units},{price}\n"
    for month in (3, 4, 5)
    for day in range(1, 29)
    for sku, units, price in (("MUG-1", 3 + day % 4, "20.00"), ("TEE-2", 1 + day % 3, "15.00"))
)


@pytest.fixture(scope="module")
def shop() -> Iterator[tuple[FakeShopify, str]]:
    fake = FakeShopify(
        products=[shopify_product(n, f"2024-05-01T00:{n:02d}:00Z") for n in range(1, 3)],
        orders=[shopify_order(1, "2024-05-02T09:00:00Z", "SKU-1", 2)],
    )
    with serve(fake) as url:
        yield fake, url


@pytest.fixture(scope="module")
def cli_stack(tmp_path_factory: pytest.TempPathFactory, shop: tuple[FakeShopify, str]) -> Iterator[RunningStack]:
    # operator settings of the functions (as Terraform would set them): the fake shop on loopback for sync, and
    # a quick-mode budget that a 2-core box shared with other jobs can meet
    settings = {
        "ECOMINTEL_FETCH_ALLOW_HOSTS": "127.0.0.1",
        "ECOMINTEL_SECRET_SHOPIFY_TOKEN": shop[0].token,
        "ECOMINTEL_QUERY_BUDGET_SECONDS": "120",
    }
    yield from function_stack(tmp_path_factory, REQUIRED, "cli", settings)


@pytest.fixture(scope="module")
def user_env(cli_stack: RunningStack) -> dict[str, str]:
    """What a user's shell holds: ``eval "$(python -m local_emulator env)"`` plus an API key they created."""
    out = subprocess.run(
        [sys.executable, "-m", "local_emulator", "--state-dir", str(cli_stack.state_dir), "env"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    exports = dict(
        line.removeprefix("export ").split("=", 1) for line in out.splitlines() if line.startswith("export ")
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ECOMINTEL_", "PUBSUB_", "FIRESTORE_", "STORAGE_", "BIGQUERY_"))
    }
    env.update(exports)
    env.pop("ECOMINTEL_JWT_SIGNING_KEY", None)  # a user holds an API key, not the deployment's signing key
    auth = cli_stack.state.functions["auth"]
    email = f"owner-{uuid.uuid4().hex[:6]}@example.com"
    signup = requests.post(
        f"{auth}/v1/auth/signup",
        timeout=60,
        json={"email": email, "password": "correct horse battery", "tenant_name": "CLI shop"},
    )
    assert signup.status_code == 202, signup.text
    login = requests.post(
        f"{auth}/v1/auth/login", timeout=60, json={"email": email, "password": "correct horse battery"}
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    created = requests.post(
        f"{auth}/v1/api-keys",
        json={"name": "cli", "role": "analyst"},
        timeout=60,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert created.status_code == 201, created.text
    me = requests.get(f"{auth}/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=60)
    env.update(
        {
            "ECOMINTEL_API_KEY": created.json()["key"],
            "ECOMINTEL_TENANT": me.json()["tenant_id"],
            "ECOMINTEL_HOME": str(cli_stack.state_dir / "cli-home"),
            "ECOMINTEL_CLIENT_TIMEOUT_SECONDS": "300",
        }
    )
    return env


def ecomintel(env: dict[str, str], *args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``ecomintel ARGS`` in a fresh process, as typed in a shell (the installed console script)."""
    script = Path(sys.executable).with_name("ecomintel")
    argv = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "import sys; from shared.cli.main import main; sys.exit(main())"]
    )
    return subprocess.run(
        [*argv, *args], cwd=REPO_ROOT, text=True, capture_output=True, env={**env, **(extra or {})}, timeout=CLI_TIMEOUT
    )


def _json(proc: subprocess.CompletedProcess[str]) -> Any:
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-4000:]}"
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def ingested(user_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Products, competitor prices and sales ingested with ``ecomintel ingest`` (the sales via a signed URL)."""
    data = tmp_path_factory.mktemp("cli-data")
    tenant = user_env["ECOMINTEL_TENANT"]
    out = {}
    for kind, text in (("products", PRODUCTS), ("competitor_prices", COMPETITORS), ("sales", SALES)):
        path = data / f"{kind}.csv"
        path.write_text(text)
        # the sales file is "large" for this run: it goes to the bucket through a signed resumable session
        extra = {"ECOMINTEL_SIGNED_URL_THRESHOLD_BYTES": "1024"} if kind == "sales" else None
        out[kind] = _json(ecomintel(user_env, "ingest", str(path), "--tenant", tenant, "--json", extra=extra))
    return out


def test_ingest_direct_and_signed(ingested: dict[str, Any], user_env: dict[str, str]) -> None:
    products, sales = ingested["products"], ingested["sales"]
    assert products["status"] == "processed" and products["kind"] == "products"
    assert (products["rows_read"], products["accepted"], products["processed_rows"]) == (2, 2, 2)
    assert ingested["competitor_prices"]["accepted"] == 3
    assert sales["status"] == "processed" and sales["rows_read"] == sales["accepted"] == 3 * 28 * 2
    assert sales["tenant_id"] == user_env["ECOMINTEL_TENANT"] and sales["object"].startswith(
        f"raw/{user_env['ECOMINTEL_TENANT']}/sales/"
    )


def test_export_reads_the_rows_and_rejects_back_from_the_warehouse(
    ingested: dict[str, Any], user_env: dict[str, str]
) -> None:
    """``ecomintel export`` (the README's) on the emulator backend: the stored rows from the BigQuery emulator."""
    tenant = user_env["ECOMINTEL_TENANT"]
    rows = _json(ecomintel(user_env, "export", "--tenant", tenant, "--kind", "sales", "--format", "json"))
    assert len(rows) == ingested["sales"]["accepted"] and {r["sku"] for r in rows} == {"MUG-1", "TEE-2"}
    assert sum(r["units"] for r in rows) == sum(int(line.split(",")[2]) for line in SALES.splitlines()[1:])
    rejects = ecomintel(user_env, "export", "--tenant", tenant, "--kind", "sales", "--rejects", "--format", "csv")
    assert rejects.returncode == 0, rejects.stderr[-2000:]
    assert rejects.stdout.splitlines()[:1] in ([], ["tenant_id,ingestion_id,kind,source_uri,row_number,column,reason,"
                                                   "raw,file_checksum,rejected_at"]), rejects.stdout[:500]


def test_key_of_another_tenant_is_refused(ingested: dict[str, Any], user_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(PRODUCTS)
    proc = ecomintel(user_env, "ingest", str(path), "--tenant", "someone-else")
    assert proc.returncode == 2 and "belong to tenant" in proc.stderr


def test_ask_quick_and_deep(ingested: dict[str, Any], user_env: dict[str, str]) -> None:
    tenant = user_env["ECOMINTEL_TENANT"]
    quick = _json(
        ecomintel(
            user_env,
            "ask",
            "Which SKUs are priced above the market?",
            "--tenant",
            tenant,
            "--as-of",
            "2024-06-02",
            "--no-cache",
            "--json",
        )
    )
    assert quick["mode"] == "quick" and quick["agents"] == {"pricing": "ok"}
    assert "MUG-1" in {f["sku"] for f in quick["findings"] if f.get("sku")}
    deep = _json(
        ecomintel(
            user_env,
            "ask",
            "How many units of MUG-1 will we sell in the next 30 days?",
            "--tenant",
            tenant,
            "--as-of",
            "2024-05-29",
            "--mode",
            "deep",
            "--no-cache",
            "--json",
        )
    )
    # the report came back through GET /v1/jobs/{id} after push subscriptions ran the forecast task function
    assert deep["mode"] == "deep" and deep["job_id"] and deep["executive_summary"]
    assert deep["agents"].get("forecast") in ("ok", "partial"), deep["agents"]  # partial: no stock levels given


def test_run_schedule_publishes_like_cloud_scheduler(ingested: dict[str, Any], user_env: dict[str, str]) -> None:
    tenant = user_env["ECOMINTEL_TENANT"]
    run = _json(ecomintel(user_env, "run-schedule", "alerts-hourly", "--tenant", tenant, "--json"))
    assert run["schedule"] == "alerts-hourly" and run["tenant"] == tenant
    assert isinstance(run["result"], dict)  # the alerts job's own summary, read from its run record


def test_sync_pulls_from_the_shop(user_env: dict[str, str], shop: tuple[FakeShopify, str], tmp_path: Path) -> None:
    tenant = user_env["ECOMINTEL_TENANT"]
    config = tmp_path / "shop.json"
    config.write_text(json.dumps({"base_url": shop[1]}))
    run = _json(ecomintel(user_env, "sync", "shopify", "--tenant", tenant, "--config", str(config), "--json"))
    assert run["status"] == "succeeded" and run["tenant_id"] == tenant
    assert run["rows"] and len(run["files"]) >= 1


def test_demo(user_env: dict[str, str]) -> None:
    tenant = user_env["ECOMINTEL_TENANT"]
    proc = ecomintel(user_env, "demo", "--skus", "5", "--tenant", tenant)
    assert proc.returncode == 0, f"stdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}"
    assert f"Ingested for tenant '{tenant}'" in proc.stdout and "Ingestion failed" not in proc.stderr
    assert proc.stdout.count(">>> ecomintel ask") == 3 and "still running" not in proc.stdout
