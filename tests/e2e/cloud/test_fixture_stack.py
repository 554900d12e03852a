"""The launcher end to end with the fixture functions: real notification -> Pub/Sub push -> processes."""

from __future__ import annotations

from typing import Any

import pytest

from local_emulator import stack
from shared.deps import get_deps
from shared.runtime import runtime_for
from shared.runtime.remote import RemoteRuntime
from tests.e2e.cloud.conftest import wait_for

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators")]


def test_csv_in_bucket_lands_in_bigquery_via_push(fixture_stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture_stack.use(monkeypatch)
    deps = get_deps()
    runtime = runtime_for(deps)
    assert isinstance(runtime, RemoteRuntime)
    csv = b"sku,date,units\nA,2024-01-02,3\nB,2024-01-03,4\n"
    deps.blobs.write(deps.settings.bucket_name("raw"), "raw/tenant-e2e/sales/a.csv", csv, content_type="text/csv")
    runtime.drain(max_seconds=90)

    def processed() -> list[dict[str, Any]] | None:
        docs = deps.documents.query("tenants/tenant-e2e/ingestions")
        return docs if docs and docs[0].get("status") == "processed" else None

    docs = wait_for(processed, what="the ingestion to be processed")
    assert docs[0]["rows"] == 2
    rows = deps.warehouse.query(
        "SELECT sku, units, source_row FROM sales WHERE tenant_id = @t ORDER BY sku", {"t": "tenant-e2e"})
    assert rows.to_dict("records") == [{"sku": "A", "units": 3, "source_row": 1},
                                       {"sku": "B", "units": 4, "source_row": 2}]
    other = deps.warehouse.query("SELECT COUNT(*) AS n FROM sales WHERE tenant_id = @t", {"t": "someone-else"})
    assert other["n"].tolist() == [0]


def test_http_function_is_called_over_the_network(fixture_stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fixture_stack.use(monkeypatch)
    runtime = runtime_for(get_deps())
    result = runtime.call_http("fixture_echo", "POST", "/some/path", query={"tenant": "nobody"})
    assert result.status == 200
    assert result.json() == {"path": "/some/path", "method": "POST", "ingestions": 0}


def test_schedule_trigger_reaches_its_function(fixture_stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from local_emulator.scheduler import publish_schedule
    from shared.manifest import load_manifest

    fixture_stack.use(monkeypatch)
    state = fixture_stack.state
    spec = load_manifest(stack.Path(state.manifest)).schedules["fixture-tick"]
    message_id = publish_schedule(state, "fixture-tick", spec)
    deps = get_deps()
    doc = wait_for(lambda: deps.documents.get("fixture_ticks", message_id), what="the scheduled tick")
    assert doc == {"payload": {"job": "tick"}, "schedule": "fixture-tick"}


def test_state_records_every_process_and_subscription(fixture_stack: Any) -> None:
    state = fixture_stack.state
    assert set(state.functions) == {"fixture_ingest", "fixture_process", "fixture_echo", "fixture_tick"}
    assert set(state.subscriptions) == {"fixture_ingest--raw-object-finalized", "fixture_process--ingestion-staged",
                                        "fixture_tick--fixture-tick"}
    procs = {p.name: p for p in state.process_list()}
    assert {"pubsub", "firestore", "storage", "bigquery", "scheduler"} <= set(procs)
    assert all(p.alive() for p in procs.values())


def test_subscriptions_are_push_with_dead_letter_policy(fixture_stack: Any) -> None:
    from local_emulator.stack import emulator_environ
    from shared.adapters.gcp.clients import subscriber_client

    state = fixture_stack.state
    with emulator_environ(state.env):
        sub = subscriber_client()
        staged = sub.get_subscription(subscription=sub.subscription_path(state.project,
                                                                          "fixture_process--ingestion-staged"))
        raw = sub.get_subscription(subscription=sub.subscription_path(state.project,
                                                                       "fixture_ingest--raw-object-finalized"))
        hold = sub.get_subscription(subscription=sub.subscription_path(state.project,
                                                                        "ingestion-staged-dead-letter--hold"))
    assert staged.push_config.push_endpoint == state.functions["fixture_process"] + "/"
    assert staged.dead_letter_policy.dead_letter_topic.endswith("/topics/ingestion-staged-dead-letter")
    assert staged.dead_letter_policy.max_delivery_attempts == 5
    assert raw.push_config.push_endpoint == state.functions["fixture_ingest"] + "/"
    assert not raw.dead_letter_policy.dead_letter_topic
    assert hold.topic.endswith("/topics/ingestion-staged-dead-letter")
    for sub_ in (staged, raw, hold):  # set, without ttl: never expires (as in Terraform)
        assert "expiration_policy" in sub_ and not sub_.expiration_policy.ttl


def test_second_up_on_the_same_state_is_refused(fixture_stack: Any) -> None:
    from tests.e2e.cloud.conftest import FIXTURES

    before = [(p.name, p.pid) for p in fixture_stack.state.process_list()]
    with pytest.raises(RuntimeError, match="already up"):
        stack.up(state_dir=fixture_stack.state_dir, manifest_path=FIXTURES / "manifest.yaml", functions_dir=FIXTURES)
    after = stack.StackState.load(fixture_stack.state_dir)
    assert after is not None and [(p.name, p.pid) for p in after.process_list()] == before


def test_up_without_function_sources_starts_nothing(tmp_path: Any) -> None:
    from tests.e2e.cloud.conftest import FIXTURES

    with pytest.raises(FileNotFoundError, match="function sources missing"):
        stack.up(state_dir=tmp_path, manifest_path=FIXTURES / "manifest.yaml", functions_dir=tmp_path)
    assert stack.StackState.load(tmp_path) is None


def test_signing_key_is_in_a_private_file_only(fixture_stack: Any) -> None:
    import stat

    state_dir = fixture_stack.state_dir
    key = stack.read_signing_key(state_dir)
    assert key
    assert stat.S_IMODE((state_dir / stack.SIGNING_KEY_FILE).stat().st_mode) == 0o600
    assert stack.SIGNING_KEY_ENV not in fixture_stack.state.env
    assert key not in (state_dir / stack.STATE_FILE).read_text()
    for log in (state_dir / "logs").glob("*.log"):
        assert key not in log.read_text(errors="replace"), log.name
