"""Build a tenant's digest for a period: top actions with evidence and confidence, open alerts, two charts.

Charts are rendered server-side. One digest per tenant and period (``tenants/{t}/digests/{period}``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from shared.agents.registry import get_runner
from shared.deps import Deps
from shared.digest import charts
from shared.models.agents import AgentName, AgentRequest, AgentResult
from shared.observability.logs import get_logger, log_event
from shared.ports import Filter
from shared.store.digest_inputs import best_seller, daily_units, price_position
from shared.store.documents.alerts import alerts_collection
from shared.store.documents.deliveries import digests_collection

_log = get_logger(__name__)
_URGENCY = {"high": 0, "medium": 1, "low": 2}
RunAgent = Callable[[Deps, AgentName, AgentRequest], AgentResult]

def period_key(frequency: str, day: date) -> str:
    """``daily-2024-06-01`` or ``weekly-2024-W22``."""
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"weekly-{year}-W{week:02d}"
    return f"daily-{day.isoformat()}"


def _run_agent(deps: Deps, name: AgentName, request: AgentRequest) -> AgentResult:
    return get_runner(name)(deps, request)


def _position_chart(deps: Deps, tenant: str, today: date) -> bytes | None:
    df = price_position(deps.warehouse, tenant, today - timedelta(days=14))
    if df.empty:
        return None
    df["gap"] = (df["our_price"] - df["comp_min"]) / df["our_price"]
    top = df.sort_values("gap", ascending=False).head(10)
    return charts.price_position_chart(top["sku"].tolist(), top["our_price"].tolist(), top["comp_min"].tolist(),
                                       top["comp_median"].tolist(), top["comp_max"].tolist())


def _forecast_chart(deps: Deps, tenant: str, today: date, forecast: AgentResult | None) -> bytes | None:
    """The forecast agent's first series (the best seller it was asked about) with its history."""
    tables = forecast.data.get("forecasts") if forecast is not None else None
    if not tables:
        return None
    first = tables[0]
    if not {"series_id", "dates", "forecast", "lower", "upper"} <= set(first) or not first["dates"]:
        return None
    sku = str(first["series_id"])
    hist = daily_units(deps.warehouse, tenant, sku, today - timedelta(days=120))
    return charts.forecast_chart(sku, pd.to_datetime(hist["date"]).tolist(), hist["units"].astype(float).tolist(),
                                 pd.to_datetime(first["dates"]).tolist(), first["forecast"], first["lower"],
                                 first["upper"], str(first.get("model") or ""))


def build_digest(deps: Deps, tenant: str, *, frequency: str = "daily", today: date | None = None,
                 run_agent: RunAgent | None = None, top_n: int = 5) -> dict[str, Any] | None:
    """Create the digest of this period once; returns it (``None`` when it already existed)."""
    today = today or datetime.now(UTC).date()
    run_agent = run_agent or _run_agent
    key = period_key(frequency, today)
    collection = digests_collection(tenant)
    if deps.documents.get(collection, key) is not None:
        return None
    actions: list[dict[str, Any]] = []
    limitations: list[str] = []
    results: dict[str, AgentResult] = {}
    top_seller = best_seller(deps.warehouse, tenant, today - timedelta(days=90))
    names: tuple[AgentName, ...] = ("pricing", "forecast", "sentiment")
    for name in names:
        request = AgentRequest(tenant_id=tenant, as_of=today,
                               skus=top_seller if name == "forecast" else [])
        try:
            result = run_agent(deps, name, request)
        except Exception as exc:  # one failing agent leaves the rest of the digest intact
            limitations.append(f"{name} analysis unavailable: {type(exc).__name__}: {exc}")
            continue
        results[name] = result
        limitations += [f"{name}: {m}" for m in result.missing_data]
        for action in result.actions:
            finding = next((f for f in result.findings if f.id in action.finding_ids), None)
            confidence = (finding.confidence if finding else result.confidence)
            actions.append({
                "agent": name, "title": action.title, "detail": action.detail, "sku": action.sku,
                "impact": action.impact, "urgency": action.urgency, "method": action.method,
                "confidence": confidence.score if confidence.known else "unknown",
                "evidence": [e.description + (f" {e.values}" if e.values else "")
                             for e in (finding.evidence if finding else [])][:3],
            })
    actions.sort(key=lambda a: (_URGENCY.get(str(a["urgency"]), 3), -float(a["impact"] or 0)))
    open_alerts = deps.documents.query(alerts_collection(tenant), [Filter("status", "==", "open")])
    bucket = deps.settings.bucket_name("reports")
    images = []
    for chart_name, png in (("price-position.png", _position_chart(deps, tenant, today)),
                      ("forecast.png", _forecast_chart(deps, tenant, today, results.get("forecast")))):
        if png:
            blob = f"{tenant}/digests/{key}/{chart_name}"
            deps.blobs.write(bucket, blob, png, content_type="image/png", metadata={"tenant_id": tenant})
            images.append(blob)
    digest = {
        "digest_id": key, "tenant_id": tenant, "frequency": frequency, "period": key,
        "created_at": datetime.now(UTC).isoformat(),
        "subject": f"ecomintel {frequency} digest for {tenant}: {min(top_n, len(actions))} actions, "
                   f"{len(open_alerts)} open alerts",
        "summary": " ".join(r.summary for r in results.values() if r.summary)[:2000],
        "actions": actions[:top_n], "open_alerts": len(open_alerts), "charts": images, "limitations": limitations,
    }
    if not deps.documents.create(collection, key, digest):
        return None
    log_event(_log, "digest built", tenant=tenant, period=key, actions=min(top_n, len(actions)), charts=len(images))
    return digest
