from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

from shared.connectors.runner import configure_source, run_sync
from shared.connectors.schedule import SYNC_TOPIC, fan_out, request_sync, run_id_for
from shared.deps import Deps, get_deps
from shared.observability.metrics import REGISTRY
from shared.runtime.local import LocalRuntime
from tests.unit.connectors.servers import FakeShopify, serve, shopify_order, shopify_product

pytestmark = pytest.mark.usefixtures("fake_servers_allowed")


@pytest.fixture
def shop() -> Iterator[tuple[FakeShopify, str]]:
    fake = FakeShopify(
        products=[shopify_product(n, f"2024-05-01T00:{n:02d}:00Z") for n in range(1, 4)],
        orders=[shopify_order(1, "2024-05-02T00:00:00Z", "SKU-1", 2)],
    )
    with serve(fake) as base:
        yield fake, base


def _secrets(fake: FakeShopify):  # type: ignore[no-untyped-def]
    return lambda name: {"shopify_token": fake.token}[name]


def _read(deps: Deps, name: str) -> bytes:
    with deps.blobs.open(deps.settings.bucket_name("raw"), name) as fh:
        return fh.read()


def test_run_writes_csv_per_kind_and_raw_payloads_with_lineage(shop: tuple[FakeShopify, str]) -> None:
    fake, base = shop
    deps = get_deps()
    configure_source(deps, "t1", "shopify", {"base_url": base})
    run = run_sync(deps, "shopify", "t1", run_id="r1", secret=_secrets(fake), sleep=lambda s: None)
    assert run.status == "succeeded", run.errors
    assert run.rows == {"products": 3, "inventory": 3, "sales": 1}
    bucket = deps.settings.bucket_name("raw")
    sales_file = next(f for f in run.files if "/sales/" in f)
    assert sales_file.startswith("raw/t1/sales/")
    rows = list(csv.DictReader(io.StringIO(_read(deps, sales_file).decode())))
    assert rows[0]["sku"] == "SKU-1" and rows[0]["units"] == "2"
    meta = deps.blobs.stat(bucket, sales_file)
    assert meta is not None and meta.metadata["source"] == "sync:shopify"
    payloads = [b.name for b in deps.blobs.list(bucket, run.payload_prefix)]
    assert len(payloads) == run.payloads == 2
    assert meta.metadata["raw_payload_prefix"] == f"{bucket}/{run.payload_prefix}"
    assert json.loads(_read(deps, payloads[0]))["data"]
    stored = deps.documents.get("tenants/t1/sync_runs", "r1")
    assert stored is not None and stored["status"] == "succeeded"
    # same run id again: recorded run returned, nothing fetched
    calls = len(fake.calls)
    assert run_sync(deps, "shopify", "t1", run_id="r1", secret=_secrets(fake)).status == "succeeded"
    assert len(fake.calls) == calls
    # next run only brings what changed
    fake.products.append(shopify_product(9, "2024-06-01T00:00:00Z"))
    second = run_sync(deps, "shopify", "t1", run_id="r2", secret=_secrets(fake), sleep=lambda s: None)
    assert second.rows == {"products": 1, "inventory": 1}


def test_three_consecutive_failures_raise_an_alert(shop: tuple[FakeShopify, str]) -> None:
    _, base = shop
    deps = get_deps()
    configure_source(deps, "t1", "shopify", {"base_url": base})
    before = REGISTRY.get_sample_value("ecomintel_sync_failure_alerts_total", {"source": "shopify"}) or 0.0
    for i in range(3):
        run = run_sync(deps, "shopify", "t1", run_id=f"bad{i}", secret=lambda n: "wrong-token", sleep=lambda s: None)
        assert run.status == "failed" and "access token" in run.errors[0]
        assert run.consecutive_failures == i + 1
    after = REGISTRY.get_sample_value("ecomintel_sync_failure_alerts_total", {"source": "shopify"})
    assert after == before + 1
    assert (deps.documents.get("tenants/t1/sources", "shopify") or {}).get("state") in (None, {})


def test_unconfigured_source_fails_with_reason() -> None:
    run = run_sync(get_deps(), "shopify", "t9", run_id="x")
    assert run.status == "failed" and "not configured" in run.errors[0]


def test_scheduled_message_fans_out_then_runs_through_the_function(
    shop: tuple[FakeShopify, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, base = shop
    monkeypatch.setenv("ECOMINTEL_SECRET_SHOPIFY_TOKEN", fake.token)
    deps = get_deps()
    configure_source(deps, "t1", "shopify", {"base_url": base})
    configure_source(deps, "t2", "shopify", {"base_url": base}, enabled=False)
    assert fan_out(deps, "shopify") == ["t1"]
    runtime = LocalRuntime(deps)
    spec = deps.manifest.functions["sync"]
    sub = deps.manifest.subscription_name("sync", SYNC_TOPIC)
    bus = deps.bus
    # drop the fan-out message, then deliver one explicit per-tenant request twice (at-least-once)
    for m in bus.pull(sub, max_messages=10):  # type: ignore[attr-defined]
        bus.ack(sub, m.ack_id)  # type: ignore[attr-defined]
    message_id = request_sync(deps, "shopify", "t1")
    (message,) = bus.pull(sub)  # type: ignore[attr-defined]
    assert runtime.deliver(spec, message, sub) == 200
    calls = len(fake.calls)
    assert runtime.deliver(spec, message, sub) == 200
    assert len(fake.calls) == calls, "a redelivered request must not sync again"
    doc = deps.documents.get("tenants/t1/sync_runs", run_id_for("shopify", message_id))
    assert doc is not None and doc["status"] == "succeeded"
