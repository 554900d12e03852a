from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from shared.alerts.engine import apply_signals, evaluate_alerts
from shared.alerts.loader import Frame
from shared.alerts.models import Alert, Signal
from shared.alerts.rules import AlertRules
from shared.alerts.signals import competitor_moves, competitor_out_of_stock, competitor_undercut, stock_cover
from shared.deps import get_deps

NOW = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)


def _prices(rows: list[tuple[str, str, str, float, float]]) -> Frame:
    df = pd.DataFrame(rows, columns=["sku", "competitor", "date", "price", "our_price"])
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df["map_price"] = None
    return Frame(df, "SELECT ...", {"tenant": "t1"})


def _undercut(gap_pct: float) -> list[Signal]:
    return competitor_undercut(_prices([("A", "rival", "2024-06-01", 100 - gap_pct, 100.0)]), AlertRules())


def test_undercut_fires_once_holds_in_band_clears_below_and_refires() -> None:
    deps, rules = get_deps(), AlertRules()
    fired = apply_signals(deps, "t1", _undercut(10), now=NOW, rules=rules)
    assert [a.rule for a in fired] == ["competitor_undercut"]
    assert fired[0].metrics["gap_pct"] == 10.0 and fired[0].evidence[0].query == "SELECT ..."
    assert apply_signals(deps, "t1", _undercut(10), now=NOW + timedelta(hours=1), rules=rules) == []
    assert apply_signals(deps, "t1", _undercut(4), now=NOW + timedelta(hours=2), rules=rules) == []  # in the band
    assert apply_signals(deps, "t1", _undercut(2), now=NOW + timedelta(hours=3), rules=rules) == []  # clears
    first = deps.documents.get("tenants/t1/alerts", fired[0].alert_id)
    assert first is not None and first["status"] == "resolved" and first["time_to_resolve_s"] == 3 * 3600
    again = apply_signals(deps, "t1", _undercut(6), now=NOW + timedelta(hours=4), rules=rules)
    assert len(again) == 1 and again[0].alert_id != fired[0].alert_id


def test_price_twitching_by_cents_never_alerts_but_a_real_move_alerts_once() -> None:
    deps, rules = get_deps(), AlertRules()
    history = [("A", "rival", f"2024-05-{d:02d}", p, 50.0) for d, p in
               [(1, 40.00), (2, 40.01), (3, 39.99), (4, 40.02), (5, 39.98)]]

    def run(rows: list[tuple[str, str, str, float, float]], hour: int) -> list[str]:
        refs = {s["key"]: s["reference"] for s in deps.documents.query("tenants/t1/alert_state")
                if s.get("reference") is not None}
        sigs = competitor_moves(_prices(rows), rules, refs)
        return [a.title for a in apply_signals(deps, "t1", sigs, now=NOW + timedelta(hours=hour), rules=rules)]

    assert run(history, 0) == []
    moved = [*history, ("A", "rival", "2024-05-06", 36.0, 50.0)]
    assert run(moved, 1) == ["rival cut A by 10.0%"]
    assert run(moved, 2) == []
    twitch = [*moved, ("A", "rival", "2024-05-07", 36.05, 50.0), ("A", "rival", "2024-05-08", 35.97, 50.0)]
    assert run(twitch, 3) == []
    jump = [*twitch, ("A", "rival", "2024-05-09", 39.9, 50.0)]
    assert run(jump, 4) == ["rival raised A by 10.8%"]


def test_daily_cap_keeps_extra_alerts_but_does_not_notify() -> None:
    deps = get_deps()
    rules = AlertRules(daily_cap_per_rule=2)
    sigs = [s for sku in "ABC" for s in competitor_undercut(
        _prices([(sku, "rival", "2024-06-01", 80.0, 100.0)]), rules)]
    fired = apply_signals(deps, "t1", sigs, now=NOW, rules=rules)
    assert [a.notified for a in fired] == [True, True, False]
    assert fired[2].suppressed_reason == "daily cap of 2 reached"
    assert len(deps.documents.query("tenants/t1/alerts")) == 3


@pytest.mark.parametrize(("on_hand", "units_28d", "lead", "expected"), [
    (10, 56, 14, {"stockout_risk"}),          # 2/day -> 5 days of cover < 14 lead time
    (100, 56, 14, set()),                      # 50 days: fine
    (1000, 28, 14, {"overstock"}),             # 1000 days of cover
    (50, 0, None, {"overstock"}),              # no sales at all
])
def test_stock_cover_rules(on_hand: int, units_28d: int, lead: int | None, expected: set[str]) -> None:
    frame = Frame(pd.DataFrame([{"sku": "A", "on_hand": on_hand, "lead_time_days": lead,
                                 "units_in_window": units_28d}]), "q")
    fired = {s.rule for s in stock_cover(frame, AlertRules()) if s.value >= s.on}
    assert fired == expected


def test_evaluate_reads_the_warehouse_with_tenant_isolation() -> None:
    deps = get_deps()
    base = {"ingestion_id": "i", "row_hash": "h", "record_key": "k", "ingested_at": NOW}
    deps.warehouse.insert("products", pd.DataFrame([
        {**base, "tenant_id": t, "sku": "A", "title": "Mug", "price": 20.0, "map_price": 18.0} for t in ("t1", "t2")]))
    deps.warehouse.insert("competitor_prices", pd.DataFrame([
        {**base, "tenant_id": "t1", "sku": "A", "competitor": "rival", "date": date(2024, 5, 31), "price": 17.0},
        {**base, "tenant_id": "t2", "sku": "A", "competitor": "rival", "date": date(2024, 5, 31), "price": 19.9},
    ]))
    t1 = {a.rule for a in evaluate_alerts(deps, "t1", now=NOW)}
    t2 = {a.rule for a in evaluate_alerts(deps, "t2", now=NOW)}
    assert t1 == {"competitor_undercut", "map_violation"}
    assert t2 == set()


def test_forecast_drift_fires_above_ten_percent_and_only_on_the_latest_measurement() -> None:
    deps = get_deps()
    base = {"tenant_id": "t1", "periods": 14, "expected_mase": 0.8, "alert": False}
    deps.warehouse.insert("forecast_accuracy", pd.DataFrame([
        {**base, "run_id": "r1", "sku": "A", "live_mase": 1.2, "ratio": 1.5, "measured_at": NOW - timedelta(days=2)},
        {**base, "run_id": "r2", "sku": "A", "live_mase": 0.84, "ratio": 1.05, "measured_at": NOW},
        {**base, "run_id": "r2", "sku": "B", "live_mase": 0.96, "ratio": 1.2, "measured_at": NOW},
    ]))
    fired = [a for a in evaluate_alerts(deps, "t1", now=NOW) if a.rule == "forecast_drift"]
    assert [(a.sku, a.metrics["increase_pct"]) for a in fired] == [("B", 20.0)]


def _stock(rows: list[tuple[str, bool]]) -> Frame:
    df = pd.DataFrame([("A", "rival", d, 9.5, 10.0, s) for d, s in rows],
                      columns=["sku", "competitor", "date", "price", "our_price", "in_stock"])
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df["map_price"] = None
    return Frame(df, "SELECT ...", {"tenant": "t1"})


def test_competitor_out_of_stock_fires_once_ignores_a_blip_and_clears_when_back() -> None:
    deps, rules = get_deps(), AlertRules()
    days = [f"2024-05-{d:02d}" for d in range(1, 11)]

    def run(stock: list[bool], hour: int) -> list[Alert]:
        sigs = competitor_out_of_stock(_stock(list(zip(days, stock, strict=False))), rules)
        return apply_signals(deps, "t1", sigs, now=NOW + timedelta(hours=hour), rules=rules)

    assert run([True, False], 0) == []  # one out-of-stock observation: not confirmed
    fired = run([True, False, False], 1)
    assert [a.title for a in fired] == ["rival is out of stock on A"]
    assert fired[0].metrics["since"] == "2024-05-02" and fired[0].metrics["observations_out"] == 2
    assert "raise" in fired[0].reason and fired[0].evidence[0].query == "SELECT ..."
    assert run([True, False, False, False], 2) == []  # still out: held, not re-fired
    assert run([True, False, False, False, True], 3) == []  # one in-stock blip does not clear
    state = [s for s in deps.documents.query("tenants/t1/alert_state") if s.get("rule") == "competitor_out_of_stock"]
    assert state[0]["active"]
    assert run([True, False, False, False, True, True], 4) == []  # back in stock twice: clears
    alert = deps.documents.get("tenants/t1/alerts", fired[0].alert_id)
    assert alert is not None and alert["status"] == "resolved"
    again = run([True, False, False, False, True, True, False, False], 5)
    assert len(again) == 1 and again[0].alert_id != fired[0].alert_id


def test_evaluate_reads_competitor_stock_from_the_warehouse() -> None:
    deps = get_deps()
    base = {"ingestion_id": "i", "row_hash": "h", "record_key": "k", "ingested_at": NOW}
    deps.warehouse.insert("products", pd.DataFrame([{**base, "tenant_id": "t1", "sku": "A", "title": "Mug",
                                                     "price": 20.0}]))
    deps.warehouse.insert("competitor_prices", pd.DataFrame([
        {**base, "tenant_id": t, "sku": "A", "competitor": "rival", "date": date(2024, 5, d), "price": 20.5,
         "in_stock": d < 29 if t == "t1" else True} for t in ("t1", "t2") for d in range(25, 32)]))
    assert {a.rule for a in evaluate_alerts(deps, "t1", now=NOW)} == {"competitor_out_of_stock"}
    assert evaluate_alerts(deps, "t2", now=NOW) == []
