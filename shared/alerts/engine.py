"""Turn signals into alerts: hysteresis per key, a daily cap per rule, idempotent persistence.

State per key lives at ``tenants/{t}/alert_state/{key}`` (``active``, ``reference``, ``alert_id``): a key fires
when its value reaches ``on`` while inactive, and clears (auto-resolving its alert) only when it falls to
``off``. Re-running an evaluation therefore never fires the same condition twice. Alerts beyond the daily cap
of their rule are stored (queryable) but not notified.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from shared.alerts import loader, signals
from shared.alerts.lifecycle import acknowledge_alert, resolve_alert  # noqa: F401 - public here too
from shared.alerts.models import Alert, Signal
from shared.alerts.rules import AlertRules, load_rules
from shared.deps import Deps
from shared.observability.logs import get_logger, log_event
from shared.store.documents.alerts import alert_caps_collection, alert_state_collection, alerts_collection
from shared.store.documents.ingestions import IngestionRecords

_log = get_logger(__name__)


def _doc_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def gather_signals(deps: Deps, tenant: str, today: date, rules: AlertRules) -> list[Signal]:
    """Read the warehouse and ingestion records; measure every enabled rule."""
    enabled = set(rules.enabled)
    out: list[Signal] = []
    if enabled & {"competitor_undercut", "competitor_price_move", "map_violation", "competitor_out_of_stock"}:
        prices = loader.competitor_prices(deps.warehouse, tenant, today)
        if "competitor_undercut" in enabled:
            out += signals.competitor_undercut(prices, rules)
        if "competitor_price_move" in enabled:
            refs = {}
            for state in deps.documents.query(alert_state_collection(tenant)):
                if state.get("rule") == "competitor_price_move" and state.get("reference") is not None:
                    refs[str(state["key"])] = float(state["reference"])
            out += signals.competitor_moves(prices, rules, refs)
        if "map_violation" in enabled:
            out += signals.map_violations(prices)
        if "competitor_out_of_stock" in enabled:
            out += signals.competitor_out_of_stock(prices, rules)
    if enabled & {"stockout_risk", "overstock"}:
        cover = signals.stock_cover(loader.stock_cover(deps.warehouse, tenant, today, rules.sales_window_days), rules)
        out += [s for s in cover if s.rule in enabled]
    if "sentiment_drop" in enabled:
        out += signals.sentiment_drop(loader.rating_windows(deps.warehouse, tenant, today), rules)
    if "fake_review_spike" in enabled:
        out += signals.fake_review_spike(loader.spam_by_day(deps.warehouse, tenant, today, rules.fake_review_score),
                                         rules, today)
    if "forecast_drift" in enabled:
        out += signals.forecast_drift(loader.forecast_drift(deps.warehouse, tenant), rules)
    if "ingestion_failing" in enabled:
        out += signals.ingestion_failing(IngestionRecords(deps.documents, tenant).query(), rules)
    return out


def _take_cap(deps: Deps, tenant: str, rule: str, day: date, cap: int) -> bool:
    def take(doc: dict[str, Any]) -> bool:
        used = int(doc.get("used", 0))
        if used >= cap:
            return False
        doc["used"] = used + 1
        return True

    return deps.documents.transact(alert_caps_collection(tenant), f"{rule}-{day.isoformat()}", take)


def apply_signals(deps: Deps, tenant: str, found: Iterable[Signal], *, now: datetime, rules: AlertRules,
                  base_url: str = "") -> list[Alert]:
    """Fire, hold or clear each key; return the alerts fired now (notified or capped)."""
    fired: list[Alert] = []
    states = alert_state_collection(tenant)
    for sig in found:
        doc_id = _doc_id(sig.key)

        def step(state: dict[str, Any], sig: Signal = sig) -> str:
            active = bool(state.get("active"))
            if not active and sig.value >= sig.on:
                state.update({"rule": sig.rule, "key": sig.key, "active": True, "value": sig.value,
                              "since": now.isoformat()})
                if sig.reference is not None:
                    # the alerted price becomes the new reference for the next move
                    state["reference"] = float(sig.metrics.get("to") or sig.reference)
                    state["active"] = False
                return "fire"
            if active and sig.value <= sig.off:
                state.update({"active": False, "value": sig.value, "cleared_at": now.isoformat()})
                return "clear"
            if not state:
                state.update({"rule": sig.rule, "key": sig.key, "active": False,
                              **({"reference": sig.reference} if sig.reference is not None else {})})
            state["value"] = sig.value
            return "hold"

        decision = deps.documents.transact(states, doc_id, step)
        if decision == "fire":
            alert_id = hashlib.sha256(f"{tenant}|{sig.key}|{now.isoformat()}".encode()).hexdigest()[:24]
            notified = _take_cap(deps, tenant, sig.rule, now.date(), rules.daily_cap_per_rule)
            alert = Alert(
                alert_id=alert_id, tenant_id=tenant, rule=sig.rule, key=sig.key, sku=sig.sku, severity=sig.severity,
                title=sig.title, reason=sig.reason, metrics=sig.metrics, evidence=sig.evidence,
                link=f"{base_url.rstrip('/')}/v1/alerts/{alert_id}", created_at=now, notified=notified,
                suppressed_reason=None if notified else f"daily cap of {rules.daily_cap_per_rule} reached",
            )
            deps.documents.set(alerts_collection(tenant), alert_id, alert.model_dump(mode="json"))
            deps.documents.set(states, doc_id, {"alert_id": alert_id}, merge=True)
            fired.append(alert)
        elif decision == "clear":
            state = deps.documents.get(states, doc_id) or {}
            if state.get("alert_id"):
                resolve_alert(deps, tenant, str(state["alert_id"]), actor="system:hysteresis", now=now)
    return fired


def evaluate_alerts(deps: Deps, tenant: str, *, now: datetime | None = None,
                    gather: Callable[[Deps, str, date, AlertRules], list[Signal]] = gather_signals) -> list[Alert]:
    """Evaluate every rule for ``tenant`` and persist; returns newly fired alerts."""
    now = now or datetime.now(UTC)
    rules = load_rules(deps.documents, tenant)
    found = gather(deps, tenant, now.date(), rules)
    fired = apply_signals(deps, tenant, found, now=now, rules=rules, base_url=deps.settings.public_base_url)
    log_event(_log, "alerts evaluated", tenant=tenant, signals=len(found), fired=len(fired))
    return fired
