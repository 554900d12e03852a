"""One warm-up per state of the sales data: the files of one upload (a workbook's sheets, a zip's members) warm once.

Each sales file is its own ingestion and sends its own ``data-updated``; every one used to start a warm-up that fitted
every band (minutes each, up to ten instances at once, all but the last on data already out of date). A warm-up now
fits on every sales ingestion processed when it starts, so an update it covered is a duplicate, and an update that
arrives while one runs is left to it (one more pass at most, on the newest data), never to a second instance.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from shared.deps import Deps, get_deps
from shared.orchestration import forecast_warmup
from shared.orchestration.forecast_warmup import WarmUp, handle_update
from shared.orchestration.versions import DataUpdated
from shared.store.documents.caches import FORECAST_WARMUP_DOC, meta_collection
from shared.store.documents.ingestions import ingestions_collection

TENANT = "shop"
BANDS = (35,)


def _processed(deps: Deps, ingestion: str, kind: str = "sales") -> DataUpdated:
    """A processed ingestion's record (as ``process`` leaves it) and the update it publishes."""
    deps.documents.set(
        ingestions_collection(TENANT),
        ingestion,
        {"kind": kind, "status": "processed", "processed_at": datetime.now(UTC).isoformat()},
    )
    return DataUpdated(tenant_id=TENANT, kind=kind, ingestion_id=ingestion, rows=10)


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The warm-up passes run (each would fit every band), by tenant."""
    done: list[str] = []

    def fake(_deps: Deps, tenant: str, bands: tuple[int, ...]) -> WarmUp:
        done.append(tenant)
        return WarmUp(bands=bands, fitted=3, cached=0, seconds=0.0)

    monkeypatch.setattr(forecast_warmup, "warm_forecasts", fake)
    return done


def test_the_files_of_one_upload_warm_once(passes: list[str]) -> None:
    """Three sheets processed, then their three messages: one pass, the other two were fitted by it."""
    deps = get_deps()
    updates = [_processed(deps, f"sheet-{n}") for n in range(3)]
    outcomes = [handle_update(deps, u, BANDS) for u in updates]
    assert outcomes == ["warmed", "duplicate", "duplicate"] and len(passes) == 1
    record = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC) or {}
    assert {f"sales:sheet-{n}" for n in range(3)} <= set(record["seen"]) and not record.get("pending")


def test_updates_arriving_during_a_warm_up_are_its_next_pass_not_another_warm_up(
    passes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sheets processed while the first warm-up fits: their messages (other instances) wait for one catch-up pass."""
    deps = get_deps()
    first = _processed(deps, "sheet-0")
    later: list[str] = []
    fake = forecast_warmup.warm_forecasts

    def while_fitting(d: Deps, tenant: str, bands: tuple[int, ...]) -> WarmUp:
        if not later:  # during the first pass: two more sheets land and their messages reach other instances
            later.extend(handle_update(deps, _processed(deps, f"sheet-{n}"), BANDS) for n in (1, 2))
        return fake(d, tenant, bands)

    monkeypatch.setattr(forecast_warmup, "warm_forecasts", while_fitting)
    assert handle_update(deps, first, BANDS) == "warmed"
    assert later == ["coalesced", "coalesced"] and len(passes) == 2  # the first pass and one on the newest data
    record = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC) or {}
    assert {f"sales:sheet-{n}" for n in range(3)} <= set(record["seen"]) and not record.get("pending")
    assert record["claimed_until"] == 0  # released: the next upload warms at once
    assert handle_update(deps, _processed(deps, "next-upload"), BANDS) == "warmed" and len(passes) == 3


def test_a_failed_warm_up_leaves_its_updates_to_the_redelivery(
    passes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deps = get_deps()
    update = _processed(deps, "sheet-0")
    fake = forecast_warmup.warm_forecasts

    def fails(*_: object) -> WarmUp:
        raise TimeoutError("warehouse unavailable")

    monkeypatch.setattr(forecast_warmup, "warm_forecasts", fails)
    with pytest.raises(TimeoutError):
        handle_update(deps, update, BANDS)
    monkeypatch.setattr(forecast_warmup, "warm_forecasts", fake)
    assert handle_update(deps, update, BANDS) == "warmed" and len(passes) == 1  # not "coalesced" behind a dead claim


def test_a_claim_its_holder_never_released_is_taken_over(passes: list[str]) -> None:
    """An instance that died while fitting holds the claim until it expires; then the next update warms."""
    deps = get_deps()
    deps.documents.set(
        meta_collection(TENANT), FORECAST_WARMUP_DOC, {"claimed_until": time.time() + 60, "pending": [], "seen": []}
    )
    assert handle_update(deps, _processed(deps, "sheet-0"), BANDS) == "coalesced" and passes == []
    deps.documents.set(meta_collection(TENANT), FORECAST_WARMUP_DOC, {"claimed_until": time.time() - 1}, merge=True)
    assert handle_update(deps, _processed(deps, "sheet-1"), BANDS) == "warmed" and len(passes) == 1
    record = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC) or {}
    assert {"sales:sheet-0", "sales:sheet-1"} <= set(record["seen"])  # the dead holder's update is covered too


def test_other_kinds_and_redeliveries_fit_nothing(passes: list[str]) -> None:
    deps = get_deps()
    assert handle_update(deps, _processed(deps, "p-1", kind="products"), BANDS) == "skipped"
    sales = _processed(deps, "sheet-0")
    assert [handle_update(deps, sales, BANDS) for _ in range(2)] == ["warmed", "duplicate"] and len(passes) == 1


def _working(deps: Deps, ingestion: str, lease_seconds: float) -> None:
    """A sales ingestion being processed, its lease ending ``lease_seconds`` from now (past when negative)."""
    until = datetime.fromtimestamp(time.time() + lease_seconds, UTC).isoformat()
    deps.documents.set(
        ingestions_collection(TENANT),
        ingestion,
        {"kind": "sales", "status": "processing", "lease_until": until, "lease_owner": None},
    )


def test_an_update_while_another_file_is_processed_is_left_to_that_files_update(passes: list[str]) -> None:
    deps = get_deps()
    first = _processed(deps, "sheet-0")
    _working(deps, "sheet-1", 300)
    assert handle_update(deps, first, BANDS) == "deferred" and passes == []
    assert handle_update(deps, _processed(deps, "sheet-1"), BANDS) == "warmed" and len(passes) == 1
    record = deps.documents.get(meta_collection(TENANT), FORECAST_WARMUP_DOC) or {}
    assert {"sales:sheet-0", "sales:sheet-1"} <= set(record["seen"]) and not record.get("pending")


def test_an_abandoned_file_is_not_waited_for(passes: list[str]) -> None:
    deps = get_deps()
    _working(deps, "crashed", -1)
    assert handle_update(deps, _processed(deps, "sheet-0"), BANDS) == "warmed" and len(passes) == 1


def test_an_update_that_merged_no_rows_warms_nothing(passes: list[str]) -> None:
    """A workbook's own ingestion (its sheets carry the rows) or a file of rows already stored: no fit changed."""
    deps = get_deps()
    update = _processed(deps, "workbook").model_copy(update={"rows": 0})
    assert handle_update(deps, DataUpdated.model_validate(update.model_dump()), BANDS) == "skipped" and passes == []
