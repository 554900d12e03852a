"""The forecast warm-up through its real trigger: an upload's data-updated message fits, a question reads the fits.

On the embedded backend: the sales file goes through upload -> ingest -> process, whose ``data-updated`` message the
runtime pushes to both subscribers (``data_updated`` bumps the version, ``forecast_warmup`` fits and stores). The
question afterwards runs in a process whose in-memory fits are gone (a recycled instance) and must not fit anything.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from shared.deps import Deps, get_deps, reset_deps
from shared.forecast import agent, fit_reuse
from shared.ingest.client import ingest_path
from shared.models.records import DataKind
from shared.orchestration import forecast_warmup
from shared.orchestration.client import ask
from shared.runtime.local import LocalRuntime
from shared.sample.merchant import generate_merchant, write_merchant
from shared.store.documents.caches import FORECAST_WARMUP_DOC, meta_collection

TENANT = "warmshop"
#: More SKUs than quick mode forecasts one by one (30): the store's total answers beside the top sellers.
SKUS = 24


@pytest.fixture
def warmed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Deps, str]:
    """A tenant whose sales went through the real pipeline with the warm-up on (one band: the month's)."""
    monkeypatch.setenv("ECOMINTEL_FORECAST_WARMUP_DAYS", "[35]")
    reset_deps()
    deps = get_deps()
    merchant = generate_merchant(seed=7, n_skus=SKUS, end=datetime.now(UTC).date() - timedelta(days=1), days=240)
    files = {f.kind: f.path for f in write_merchant(merchant, tmp_path / "sample")}
    view = ingest_path(deps, files[DataKind.SALES], TENANT, DataKind.SALES.value)
    return deps, view.ingestion_id


def _no_fitting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("the question fitted a forecast the warm-up should have stored")

    monkeypatch.setattr(agent, "forecast_chunk", refuse)
    monkeypatch.setattr(agent, "forecast_series", refuse)


def test_a_question_after_the_warm_up_is_answered_from_the_stored_fits(
    warmed: tuple[Deps, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deps, ingestion = warmed
    record = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC)
    assert record is not None and f"sales:{ingestion}" in record["seen"]
    assert record["bands"] == [35] and record["fitted"] == 30 and record["cached"] == 0
    fit_reuse.STORE_FITS.clear()  # another instance answers: nothing of the warm-up's process is in memory
    _no_fitting(monkeypatch)
    resp = ask(deps, "How many units will we sell in the next 30 days?", tenant=TENANT, use_cache=False)
    report = resp.report
    # answered (partial: no stock counts were loaded), with the per-product breakdown and not from a fallback
    assert report is not None and report.agents == {"forecast": "partial"}, report
    assert not [w for w in report.limitations if "not ready within" in w], report.limitations
    assert "still being fitted" not in report.answer
    skus = int(
        deps.warehouse.query("SELECT COUNT(DISTINCT sku) AS n FROM sales WHERE tenant_id = @t", {"t": TENANT})[
            "n"
        ].iloc[0]
    )
    assert report.answer.startswith("We expect to sell") and f"across all {skus} SKUs" in report.answer, report.answer
    assert "the 30 SKUs forecast one by one" in report.answer, report.answer


def test_a_redelivered_update_fits_nothing_and_other_kinds_are_skipped(
    warmed: tuple[Deps, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deps, ingestion = warmed
    before = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC)
    calls: list[str] = []
    monkeypatch.setattr(forecast_warmup, "warm_forecasts", lambda _d, tenant, _b: calls.append(tenant))
    for kind, ingestion_id in (("sales", ingestion), ("products", "p-1")):
        payload = {"tenant_id": TENANT, "kind": kind, "ingestion_id": ingestion_id, "rows": 1}
        deps.bus.publish("data-updated", json.dumps(payload).encode())
    assert LocalRuntime(deps).drain() >= 4  # two messages, two subscribers each
    assert calls == []
    assert deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC) == before


def test_a_workbook_of_three_sales_sheets_warms_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One upload, three sheets, three ingestions and three ``data-updated`` messages: one warm-up pass (was three)."""
    import csv
    import io

    from shared.cli.main import main
    from tests.fixtures.workbooks import write_workbook

    monkeypatch.setenv("ECOMINTEL_FORECAST_WARMUP_DAYS", "[35]")
    reset_deps()
    merchant = generate_merchant(seed=3, n_skus=6, end=datetime.now(UTC).date() - timedelta(days=1), days=120)
    files = {f.kind: f.path for f in write_merchant(merchant, tmp_path / "sample")}
    header, *rows = list(csv.reader(io.StringIO(Path(files[DataKind.SALES]).read_text())))
    sheets = {}
    for n in range(3):  # the sales split in three sheets, as a workbook of yearly or monthly tabs would be
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *rows[n::3]])
        sheets[f"Part {n + 1}"] = out.getvalue()
    passes: list[str] = []

    def counted(_deps: Deps, tenant: str, bands: tuple[int, ...]) -> forecast_warmup.WarmUp:
        passes.append(tenant)
        return forecast_warmup.WarmUp(bands=bands, fitted=1, cached=0, seconds=0.0)

    monkeypatch.setattr(forecast_warmup, "warm_forecasts", counted)
    assert main(["ingest", str(write_workbook(tmp_path / "sales.xlsx", sheets)), "--tenant", TENANT]) == 0
    deps = get_deps()
    ingestions = [d for d in deps.documents.query(f"tenants/{TENANT}/ingestions") if d.get("kind") == "sales"]
    record = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC) or {}
    sheet_keys = {f"sales:{d['_id']}" for d in ingestions if d.get("status") == "processed"}
    assert len(sheet_keys) >= 3 and sheet_keys <= set(record["seen"]) and not record.get("pending")
    assert len(passes) == 1, passes
