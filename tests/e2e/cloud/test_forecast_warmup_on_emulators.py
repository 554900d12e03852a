"""The forecast warm-up through its real trigger on the emulator stack.

A sales file goes up through the upload function; ingest and process run as their own processes, and process's
``data-updated`` message is pushed by the Pub/Sub emulator to both subscribers: ``data_updated`` bumps the version,
``forecast_warmup`` (its own process, from its own bundle and venv, as deployed) fits and stores the forecasts in
Firestore. Then another instance (this test process, nothing in memory) must read those fits, not fit, and the
query function's answer must not be one of "still being fitted".

Skips, naming what is missing, where a function folder or an emulator engine is absent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shared.deps import get_deps
from shared.forecast import agent, fit_reuse
from shared.ingest.client import ingest_path
from shared.models.agents import AgentRequest
from shared.models.records import DataKind
from shared.orchestration.client import ask
from shared.orchestration.forecast_warmup import quick_forecast_options
from shared.runtime import runtime_for
from shared.sample.merchant import generate_merchant, write_merchant
from shared.store.documents.caches import FORECAST_WARMUP_DOC, meta_collection
from tests.e2e.cloud.conftest import RunningStack, function_stack, wait_for

pytestmark = [pytest.mark.emulator, pytest.mark.xdist_group("emulators"), pytest.mark.slow]
REQUIRED = ("upload", "ingest", "process", "data_updated", "forecast_warmup", "query")
BAND = 35  # the month's band: a 30-day question reads it


@pytest.fixture(scope="module")
def warmup_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    # the operator's setting (as Terraform would set it): warm the one band on this backend, where it is off unset
    settings = {"ECOMINTEL_FORECAST_WARMUP_DAYS": f"[{BAND}]", "ECOMINTEL_QUERY_BUDGET_SECONDS": "120"}
    yield from function_stack(tmp_path_factory, REQUIRED, "warm", settings)


@pytest.fixture(scope="module")
def warmed(warmup_stack: RunningStack, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A tenant whose sales went up through the upload function: (tenant, ingestion id)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        warmup_stack.use(monkeypatch)
        deps = get_deps()
        tenant = f"w-{uuid.uuid4().hex[:6]}"
        merchant = generate_merchant(seed=7, n_skus=12, end=datetime.now(UTC).date() - timedelta(days=1), days=240)
        files = {f.kind: f.path for f in write_merchant(merchant, tmp_path_factory.mktemp("warm-data"))}
        view = ingest_path(deps, files[DataKind.SALES], tenant, DataKind.SALES.value)
        assert view.status == "processed", view
        return tenant, view.ingestion_id


def _warm_record(tenant: str, ingestion: str) -> dict[str, Any] | None:
    record = get_deps().documents.get(meta_collection(tenant), FORECAST_WARMUP_DOC)
    return record if record and f"sales:{ingestion}" in record.get("seen", []) else None


def test_the_warm_up_function_stores_fits_another_instance_reads(
    warmup_stack: RunningStack, warmed: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warmup_stack.use(monkeypatch)
    tenant, ingestion = warmed
    runtime_for(get_deps()).drain(max_seconds=600)
    record = wait_for(lambda: _warm_record(tenant, ingestion), timeout=600, what="the warm-up's record")
    assert record["bands"] == [BAND] and record["fitted"] > 0, record

    fit_reuse.STORE_FITS.clear()  # another instance: nothing of the warm-up's process is in memory here

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("fitted a forecast the warm-up function should have stored")

    monkeypatch.setattr(agent, "forecast_chunk", refuse)
    monkeypatch.setattr(agent, "forecast_series", refuse)
    options = {**quick_forecast_options(), "asks": ["forecast"], "intents": ["forecast"], "persist": False}
    result = agent.run(get_deps(), AgentRequest(tenant_id=tenant, horizon_days=BAND, options=options))
    assert result.status in ("ok", "partial"), result
    cached, skus = result.metrics["cached"], result.metrics["skus"]
    assert skus and cached == skus, result.metrics  # every series read back from the function's fits


def test_the_first_question_after_the_warm_up_is_not_left_fitting(
    warmup_stack: RunningStack, warmed: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query function (its own process) answers from the fits: no fallback, no "still being fitted"."""
    warmup_stack.use(monkeypatch)
    tenant, ingestion = warmed
    wait_for(lambda: _warm_record(tenant, ingestion), timeout=600, what="the warm-up's record")
    report = ask(get_deps(), "How many units will we sell in the next 30 days?", tenant=tenant, use_cache=False).report
    assert report is not None and report.agents.get("forecast") in ("ok", "partial"), report
    assert not [w for w in report.limitations if "not ready within" in w], report.limitations
    assert "still being fitted" not in report.answer and report.answer.startswith("We expect to sell"), report.answer


def test_an_update_of_another_kind_warms_nothing(
    warmup_stack: RunningStack, warmed: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Products change no fit: the function acknowledges their update without fitting or recording it."""
    warmup_stack.use(monkeypatch)
    tenant, ingestion = warmed
    before = wait_for(lambda: _warm_record(tenant, ingestion), timeout=600, what="the warm-up's record")
    products = tmp_path / "products.csv"
    products.write_text("sku,title,price,cost\nSKU-0001,Mug,20.00,8.00\n")
    view = ingest_path(get_deps(), products, tenant, DataKind.PRODUCTS.value)
    runtime_for(get_deps()).drain(max_seconds=300)
    after = get_deps().documents.get(meta_collection(tenant), FORECAST_WARMUP_DOC)
    assert view.status == "processed" and after == before
    assert f"products:{view.ingestion_id}" not in (after or {}).get("seen", [])
