"""The forecast warm-up: on ``data-updated`` for sales, fit what a quick forecast question will read.

A quick-mode forecast question after new data waits 3 s for its per-product fits, then answers from cheaper models
and leaves the fit on a background thread. In a deployed function that thread is unreliable (the CPU is throttled
once the response is sent, the instance may be recycled) and the in-process memo of the store total's fit is lost
with the instance. The warm-up runs the forecast agent, with the quick-mode options, at every horizon band of
``fit_reuse.FIT_HORIZON_DAYS``: the per-SKU fits land in the forecast cache and the store totals in the persisted
fits (both documents keyed by the fingerprint of the series they were fitted on, so new data never reads a stale
fit), and the first question finds them.

One warm-up per state of the sales data. Each sales file is its own ingestion with its own ``data-updated`` (the
sheets of a workbook, the members of a zip: one upload, several messages, arriving together). A warm-up claims the
tenant (``tenants/<t>/meta/forecast_warmup``), fits on every sales ingestion processed when its pass starts and
records them all as covered: a message for one of them is a ``duplicate``, and one arriving while the claim is held
is left to the holder (``coalesced``), which runs one more pass on the newest data before it lets go. So n files
cost one pass, or two when some land during the first, never n (before: n, up to ten instances fitting at once, all
but the last on data already out of date). A failed pass releases the claim and raises: the redelivery claims and
covers what was left. A claim whose holder died expires after ``CLAIM_SECONDS``; the next update takes it over (an
update coalesced behind a dead holder is warmed by the next one: a warm-up only saves the first question's wait).
Even without the record, a band whose fits are stored for the same sales is read back, not refitted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.models.agents import AgentRequest
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.orchestration.metrics import WARMUP_SECONDS, WARMUP_SERIES
from shared.orchestration.versions import DataUpdated
from shared.store.documents.caches import FORECAST_WARMUP_DOC, meta_collection
from shared.store.documents.ingestions import IngestionRecords

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)

#: Kinds whose update changes what a forecast is fitted on (products, reviews, prices leave the fits as they are).
WARMUP_KINDS = frozenset({DataKind.SALES.value})
#: Updates remembered per tenant (a redelivery comes within minutes; Pub/Sub keeps messages 7 days).
_SEEN_LIMIT = 200
#: How far back a pass looks for the processed ingestions it covers: Pub/Sub keeps a message 7 days.
_COVER_WINDOW = timedelta(days=7)
#: How long a claim holds without news from its holder: the function's timeout (540 s) and a margin.
CLAIM_SECONDS = 600.0


@dataclass(frozen=True)
class WarmUp:
    """What one warm-up did: the bands fitted, the SKU series fitted anew and those read back from the cache."""

    bands: tuple[int, ...]
    fitted: int
    cached: int
    seconds: float


def _update_key(update: DataUpdated) -> str:
    return f"{update.kind}:{update.ingestion_id}"


def already_warm(deps: Deps, update: DataUpdated) -> bool:
    """Whether a warm-up already fitted on this update's data (a redelivery, or a file of one upload)."""
    doc = deps.documents.get(meta_collection(update.tenant_id), FORECAST_WARMUP_DOC)
    return bool(doc) and _update_key(update) in (doc or {}).get("seen", [])


def _claim(deps: Deps, update: DataUpdated) -> str:
    """Record ``update`` as waiting, then say what it does.

    ``duplicate`` (covered), ``coalesced`` (the holder will), ``deferred`` (another file of the kind is still being
    processed: its own update warms, after it) or ``claimed``.
    """
    from shared.ingest.lifecycle import in_flight

    key = _update_key(update)
    others = [
        f"{update.kind}:{ident}"
        for ident in in_flight(deps.documents, update.tenant_id, update.kind, deps.settings.ingest_lease_seconds)
    ]

    def claim(doc: dict[str, Any]) -> str:
        if key in doc.get("seen", []):
            return "duplicate"
        doc["pending"] = [k for k in doc.get("pending", []) if k != key][-_SEEN_LIMIT + 1 :] + [key]
        if [k for k in others if k != key]:
            return "deferred"
        now = time.time()
        if float(doc.get("claimed_until") or 0) > now:
            return "coalesced"
        doc["claimed_until"] = now + CLAIM_SECONDS
        return "claimed"

    return deps.documents.transact(meta_collection(update.tenant_id), FORECAST_WARMUP_DOC, claim)


def _covered_now(deps: Deps, tenant_id: str) -> list[str]:
    """The update keys a pass starting now fits on: every sales ingestion processed (its rows merged) by now."""
    since = datetime.now(UTC) - _COVER_WINDOW
    return [
        f"{kind}:{ident}"
        for kind in sorted(WARMUP_KINDS)
        for ident in IngestionRecords(deps.documents, tenant_id).processed_since(kind, since)
    ]


def _finish_pass(deps: Deps, tenant_id: str, covered: list[str], warm: WarmUp) -> bool:
    """Record a pass's fits and what it covered; ``True`` (claim kept) when updates it did not cover are waiting."""

    def finish(doc: dict[str, Any]) -> bool:
        done = set(covered)
        pending = [k for k in doc.get("pending", []) if k not in done]
        seen = [k for k in doc.get("seen", []) if k not in done] + covered
        doc.update(
            {
                "seen": seen[-_SEEN_LIMIT:],
                "pending": pending,
                "claimed_until": time.time() + CLAIM_SECONDS if pending else 0,
                "bands": list(warm.bands),
                "fitted": warm.fitted,
                "cached": warm.cached,
                "seconds": round(warm.seconds, 3),
                "at": time.time(),
            }
        )
        return bool(pending)

    return deps.documents.transact(meta_collection(tenant_id), FORECAST_WARMUP_DOC, finish)


def _release(deps: Deps, tenant_id: str) -> None:
    def release(doc: dict[str, Any]) -> None:
        doc["claimed_until"] = 0

    deps.documents.transact(meta_collection(tenant_id), FORECAST_WARMUP_DOC, release)


def quick_forecast_options() -> dict[str, object]:
    """The forecast agent's quick-mode options, waiting for every fit (the warm-up is the fit)."""
    from shared.orchestration.executor import QUICK_AGENT_OPTIONS

    return {k: v for k, v in QUICK_AGENT_OPTIONS["forecast"].items() if k != "fit_wait_seconds"}


def warm_forecasts(deps: Deps, tenant_id: str, bands: tuple[int, ...]) -> WarmUp:
    """Run the forecast agent at each band (days) as a quick question would, storing every fit it makes."""
    from shared.forecast import agent

    started = time.perf_counter()
    fitted = cached = 0
    options = {**quick_forecast_options(), "asks": ["forecast"], "intents": ["forecast"], "persist": False}
    for days in bands:
        result = agent.run(deps, AgentRequest(tenant_id=tenant_id, horizon_days=days, options=options))
        n, hits = int(result.metrics.get("skus", 0) or 0), int(result.metrics.get("cached", 0) or 0)
        fitted, cached = fitted + max(0, n - hits), cached + hits
    WARMUP_SERIES.labels(source="fitted").inc(fitted)
    WARMUP_SERIES.labels(source="cached").inc(cached)
    seconds = time.perf_counter() - started
    WARMUP_SECONDS.observe(seconds)
    return WarmUp(bands=bands, fitted=fitted, cached=cached, seconds=seconds)


def handle_update(deps: Deps, update: DataUpdated, bands: tuple[int, ...]) -> str:
    """Warm the tenant's forecasts for one update: ``warmed``, ``duplicate``, ``coalesced``, ``deferred``, ``skipped``.

    Skipped: another kind, no bands, or an update that merged no rows (said so: a workbook's own ingestion, whose
    sheets carry the rows, or a file of rows already stored), which leaves every fit as it was.
    """
    unchanged = "rows" in update.model_fields_set and update.rows == 0
    if update.kind not in WARMUP_KINDS or not bands or unchanged:
        log_event(_log, "forecast warm-up skipped", kind=update.kind, bands=list(bands), rows=update.rows)
        return "skipped"
    outcome = _claim(deps, update)
    if outcome != "claimed":
        log_event(_log, f"forecast warm-up {outcome}", kind=update.kind, ingestion_id=update.ingestion_id)
        return outcome
    passes = 0
    try:
        while True:
            covered = _covered_now(deps, update.tenant_id)
            if _update_key(update) not in covered:  # not listed yet (a lagging index): it is processed, cover it
                covered.append(_update_key(update))
            warm = warm_forecasts(deps, update.tenant_id, bands)
            passes += 1
            if not _finish_pass(deps, update.tenant_id, covered, warm):
                break
    except BaseException:
        _release(deps, update.tenant_id)  # the redelivery claims again; what waits stays pending
        raise
    log_event(
        _log,
        "forecast warmed up",
        kind=update.kind,
        ingestion_id=update.ingestion_id,
        bands=list(bands),
        passes=passes,
        covered=len(covered),
        fitted=warm.fitted,
        cached=warm.cached,
        seconds=round(warm.seconds, 3),
    )
    return "warmed"


def warmup_bands(deps: Deps) -> tuple[int, ...]:
    """The bands to warm (days): the settings' list, else every fit bucket of ``fit_reuse`` where deployed.

    Unset, only a deployed backend warms (``shared.deps.warms_forecasts_by_default``): there the answering instance
    may be new or CPU-throttled.
    """
    from shared.forecast.fit_reuse import FIT_HORIZON_DAYS

    configured = deps.settings.forecast_warmup_days
    if configured is not None:
        return tuple(configured)
    return FIT_HORIZON_DAYS if deps.warm_forecasts_by_default else ()


def handle_forecast_warmup(deps: Deps, event: Any) -> None:
    """``data-updated`` (the ``forecast_warmup`` function's subscription): fit and store the tenant's forecasts."""

    @pubsub_handler("forecast_warmup", DataUpdated, context=lambda u: {"tenant": u.tenant_id})
    def run(message: PubSubMessage, update: DataUpdated) -> str:
        return handle_update(deps, update, warmup_bands(deps))

    run(event)
