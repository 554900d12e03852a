"""The forecast warm-up: on ``data-updated`` for sales, fit what a quick forecast question will read.

A quick-mode forecast question after new data waits 3 s for its per-product fits, then answers from cheaper models
and leaves the fit on a background thread. In a deployed function that thread is unreliable (the CPU is throttled
once the response is sent, the instance may be recycled) and the in-process memo of the store total's fit is lost
with the instance. The warm-up runs the forecast agent, with the quick-mode options, at every horizon band of
``fit_reuse.FIT_HORIZON_DAYS``: the per-SKU fits land in the forecast cache and the store totals in the persisted
fits (both documents keyed by the fingerprint of the series they were fitted on, so new data never reads a stale
fit), and the first question finds them.

Idempotent on the update (kind + ingestion id, remembered in ``tenants/<t>/meta/forecast_warmup`` once the fits are
stored): a redelivered message fits nothing; and even without that record, a band whose fits are stored for the
same sales is read back, not refitted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.models.agents import AgentRequest
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.orchestration.metrics import WARMUP_SECONDS, WARMUP_SERIES
from shared.orchestration.versions import DataUpdated
from shared.store.documents.caches import FORECAST_WARMUP_DOC, meta_collection

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)

#: Kinds whose update changes what a forecast is fitted on (products, reviews, prices leave the fits as they are).
WARMUP_KINDS = frozenset({DataKind.SALES.value})
#: Updates remembered per tenant (a redelivery comes within minutes; Pub/Sub keeps messages 7 days).
_SEEN_LIMIT = 200


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
    """Whether the fits of this update were stored already (a redelivery)."""
    doc = deps.documents.get(meta_collection(update.tenant_id), FORECAST_WARMUP_DOC)
    return bool(doc) and _update_key(update) in (doc or {}).get("seen", [])


def _remember(deps: Deps, update: DataUpdated, warm: WarmUp) -> None:
    key = _update_key(update)

    def record(doc: dict[str, Any]) -> None:
        seen = [k for k in doc.get("seen", []) if k != key] + [key]
        doc.update(
            {
                "seen": seen[-_SEEN_LIMIT:],
                "bands": list(warm.bands),
                "fitted": warm.fitted,
                "cached": warm.cached,
                "seconds": round(warm.seconds, 3),
                "at": time.time(),
            }
        )

    deps.documents.transact(meta_collection(update.tenant_id), FORECAST_WARMUP_DOC, record)


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
    """Warm the tenant's forecasts for one update; the outcome label (``warmed``, ``duplicate``, ``skipped``)."""
    if update.kind not in WARMUP_KINDS or not bands:
        log_event(_log, "forecast warm-up skipped", kind=update.kind, bands=list(bands))
        return "skipped"
    if already_warm(deps, update):
        log_event(_log, "forecast warm-up already done", kind=update.kind, ingestion_id=update.ingestion_id)
        return "duplicate"
    warm = warm_forecasts(deps, update.tenant_id, bands)
    _remember(deps, update, warm)
    log_event(
        _log,
        "forecast warmed up",
        kind=update.kind,
        ingestion_id=update.ingestion_id,
        bands=list(bands),
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
