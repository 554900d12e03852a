"""Pure rule readings: frames in, ``Signal``s out (one per key that has a reading, firing or not).

The engine decides firing/clearing with hysteresis; here we only measure. Every signal carries the numbers
behind it and the evidence (exact query + parameters) it came from.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from shared.alerts.loader import Frame
from shared.alerts.models import Signal
from shared.alerts.rules import AlertRules
from shared.ingest.lifecycle import IngestionStatus
from shared.models.agents import Evidence
from shared.pricing.alerts import competitor_stockouts


def _evidence(frame: Frame, description: str, values: dict[str, Any]) -> list[Evidence]:
    clean = {k: (None if v is None or (isinstance(v, float) and np.isnan(v)) else v) for k, v in values.items()}
    return [Evidence(description=description, values=clean, query=frame.query, params=frame.evidence_params())]


def _r(x: float, n: int = 2) -> float:
    return float(round(float(x), n))


def competitor_undercut(frame: Frame, rules: AlertRules) -> list[Signal]:
    """Per SKU: how far the cheapest competitor (latest observation each) is below our price, in %."""
    df = frame.data
    if df.empty:
        return []
    latest = df.sort_values("date").groupby(["sku", "competitor"], as_index=False).tail(1)
    out = []
    for sku, g in latest.groupby("sku"):
        our = g["our_price"].iloc[0]
        if our is None or pd.isna(our) or our <= 0:
            continue
        cheapest = g.sort_values("price").iloc[0]
        gap = (float(our) - float(cheapest["price"])) / float(our) * 100
        out.append(Signal(
            rule="competitor_undercut", key=f"undercut:{sku}", value=gap, on=rules.undercut_pct,
            off=rules.undercut_pct * rules.hysteresis_ratio, sku=str(sku),
            severity="high" if gap >= 2 * rules.undercut_pct else "medium",
            title=f"{cheapest['competitor']} undercuts {sku} by {_r(gap, 1)}%",
            reason=(f"{cheapest['competitor']} sells {sku} at {_r(cheapest['price'])} vs our {_r(our)} "
                    f"({_r(gap, 1)}% cheaper; threshold {rules.undercut_pct}%)."),
            metrics={"our_price": _r(our), "competitor_price": _r(cheapest["price"]), "gap_pct": _r(gap),
                     "competitor": str(cheapest["competitor"]), "observed": str(cheapest["date"])[:10]},
            evidence=_evidence(frame, "latest competitor price vs our list price",
                               {"sku": str(sku), "competitor": str(cheapest["competitor"]),
                                "date": str(cheapest["date"])[:10], "price": float(cheapest["price"]),
                                "our_price": float(our)}),
        ))
    return out


def competitor_moves(frame: Frame, rules: AlertRules, references: dict[str, float]) -> list[Signal]:
    """Per SKU x competitor: move of the latest price vs the reference (last alerted, else first seen) in %.

    Comparing against the last *alerted* price, not the previous observation, is the hysteresis: a price
    twitching by cents never accumulates a move, a real move alerts once and becomes the new reference.
    """
    df = frame.data
    out = []
    for (sku, comp), g in df.sort_values("date").groupby(["sku", "competitor"]):
        key = f"move:{sku}:{comp}"
        reference = references.get(key, float(g["price"].iloc[0]))
        latest = float(g["price"].iloc[-1])
        if reference <= 0:
            continue
        move = (latest - reference) / reference * 100
        direction = "raised" if move > 0 else "cut"
        out.append(Signal(
            rule="competitor_price_move", key=key, value=abs(move), on=rules.price_move_pct, off=0.0, sku=str(sku),
            severity="medium", reference=reference,
            title=f"{comp} {direction} {sku} by {_r(abs(move), 1)}%",
            reason=f"{comp} moved {sku} from {_r(reference)} to {_r(latest)} ({_r(move, 1)}%).",
            metrics={"from": _r(reference), "to": _r(latest), "move_pct": _r(move), "competitor": str(comp)},
            evidence=_evidence(frame, "competitor price history", {"sku": str(sku), "competitor": str(comp),
                                                                    "from": reference, "to": latest}),
        ))
    return out


def competitor_out_of_stock(frame: Frame, rules: AlertRules) -> list[Signal]:
    """Per SKU x competitor with stock data: 1 while the competitor is out of stock, else 0.

    The hysteresis is in the observations (``shared.pricing.alerts.competitor_stockouts``): out of stock
    on ``oos_confirm_observations`` consecutive observations to fire, in stock on as many to clear.
    """
    df = frame.data
    if df.empty or "in_stock" not in df or df["in_stock"].isna().all():
        return []
    obs = df[df["in_stock"].notna()].rename(columns={"price": "competitor_price"})
    obs = obs.assign(date=pd.to_datetime(obs["date"]), in_stock=obs["in_stock"].astype(bool))
    episodes = competitor_stockouts(obs, confirm=rules.oos_confirm_observations)
    ongoing = {(str(r.sku), str(r.competitor)): r for r in episodes[episodes["ongoing"]].itertuples(index=False)}
    our = df.groupby("sku")["our_price"].last()
    out = []
    for sku, comp in obs[["sku", "competitor"]].drop_duplicates().itertuples(index=False):
        key = f"oos:{sku}:{comp}"
        ep: Any = ongoing.get((str(sku), str(comp)))
        if ep is None:
            out.append(Signal(rule="competitor_out_of_stock", key=key, value=0.0, on=1.0, off=0.0, sku=str(sku),
                              severity="medium", title=f"{comp} has {sku} in stock",
                              reason=f"{comp} shows {sku} in stock."))
            continue
        our_price = our.get(sku)
        since = str(ep.start)[:10]
        price_note = (f" Their last price was {_r(ep.last_price)}" +
                      (f" vs our {_r(our_price)}." if our_price is not None and not pd.isna(our_price) else "."))
        out.append(Signal(
            rule="competitor_out_of_stock", key=key, value=1.0, on=1.0, off=0.0, sku=str(sku), severity="medium",
            title=f"{comp} is out of stock on {sku}",
            reason=(f"{comp} has shown {sku} out of stock on {int(ep.observations_out)} observations since {since}: "
                    f"you may hold or raise your price, and expect more demand while it lasts.{price_note}"),
            metrics={"competitor": str(comp), "since": since, "last_seen_out": str(ep.end)[:10],
                     "observations_out": int(ep.observations_out), "competitor_last_price": _r(ep.last_price),
                     "our_price": None if our_price is None or pd.isna(our_price) else _r(our_price)},
            evidence=_evidence(frame, "competitor stock status history",
                               {"sku": str(sku), "competitor": str(comp), "since": since,
                                "observations_out": int(ep.observations_out)}),
        ))
    return out


def map_violations(frame: Frame) -> list[Signal]:
    """Per SKU x competitor: how far below our MAP the competitor's latest price is (<= 0 means compliant)."""
    df = frame.data
    df = df[df["map_price"].notna()] if not df.empty else df
    out = []
    for (sku, comp), g in df.sort_values("date").groupby(["sku", "competitor"]):
        last = g.iloc[-1]
        below = float(last["map_price"]) - float(last["price"])
        out.append(Signal(
            rule="map_violation", key=f"map:{sku}:{comp}", value=below, on=0.005, off=0.0, sku=str(sku),
            severity="high", title=f"{comp} sells {sku} below MAP",
            reason=f"{comp} at {_r(last['price'])} is {_r(below)} below the MAP of {_r(last['map_price'])}.",
            metrics={"price": _r(last["price"]), "map": _r(last["map_price"]), "below_by": _r(below),
                     "competitor": str(comp), "observed": str(last["date"])[:10]},
            evidence=_evidence(frame, "competitor price vs MAP", {"sku": str(sku), "competitor": str(comp),
                                                                  "price": float(last["price"]),
                                                                  "map": float(last["map_price"])}),
        ))
    return out


def stock_cover(frame: Frame, rules: AlertRules) -> list[Signal]:
    """Stockout risk (cover shorter than lead time) and overstock (cover beyond ``overstock_days``)."""
    out: list[Signal] = []
    rows: Any = frame.data.itertuples(index=False)
    for row in rows:
        rate = float(row.units_in_window) / rules.sales_window_days
        on_hand = float(row.on_hand)
        lead = float(row.lead_time_days) if row.lead_time_days is not None and not pd.isna(row.lead_time_days) \
            else float(rules.default_lead_time_days)
        cover = on_hand / rate if rate > 0 else (float("inf") if on_hand > 0 else 0.0)
        metrics = {"on_hand": int(on_hand), "daily_rate": _r(rate, 3), "lead_time_days": _r(lead, 1),
                   "days_of_cover": None if cover == float("inf") else _r(cover, 1)}
        evidence = _evidence(frame, "stock on hand vs trailing sales rate",
                             {"sku": str(row.sku), "on_hand": on_hand, "units_in_window": float(row.units_in_window),
                              "window_days": rules.sales_window_days})
        if rate > 0:
            # "lower is worse": value = lead - cover, fires above 0 (cover below lead time), clears at -20% lead
            out.append(Signal(
                rule="stockout_risk", key=f"stockout:{row.sku}", value=lead - cover, on=0.0, off=-0.2 * lead,
                sku=str(row.sku), severity="high" if cover < lead / 2 else "medium",
                title=f"{row.sku} runs out in {_r(cover, 1)} days (lead time {_r(lead, 0)})",
                reason=(f"{int(on_hand)} units on hand at {_r(rate, 2)}/day cover {_r(cover, 1)} days, "
                        f"less than the {_r(lead, 0)}-day lead time."),
                metrics=metrics, evidence=evidence,
            ))
        if on_hand > 0:
            over = min(cover, 10 * rules.overstock_days)
            out.append(Signal(
                rule="overstock", key=f"overstock:{row.sku}", value=over, on=rules.overstock_days,
                off=rules.overstock_days * 0.85, sku=str(row.sku), severity="low",
                title=f"{row.sku} overstocked: {'no sales' if rate == 0 else f'{_r(cover, 0)} days of cover'}",
                reason=(f"{int(on_hand)} units on hand, {_r(rate, 2)}/day over the last "
                        f"{rules.sales_window_days} days."),
                metrics=metrics, evidence=evidence,
            ))
    return out


def sentiment_drop(frame: Frame, rules: AlertRules) -> list[Signal]:
    """Per SKU: drop of the recent average rating vs the prior window, in stars."""
    out = []
    rows: Any = frame.data.itertuples(index=False)
    for row in rows:
        if (pd.isna(row.recent_avg) or pd.isna(row.base_avg) or row.recent_n < rules.sentiment_min_reviews
                or row.base_n < rules.sentiment_min_reviews):
            continue
        drop = float(row.base_avg) - float(row.recent_avg)
        out.append(Signal(
            rule="sentiment_drop", key=f"sentiment:{row.sku}", value=drop, on=rules.sentiment_drop_stars,
            off=rules.sentiment_drop_stars / 2, sku=str(row.sku), severity="medium",
            title=f"Ratings for {row.sku} fell {_r(drop, 2)} stars",
            reason=(f"Average rating {_r(row.recent_avg)} over the last 30 days ({int(row.recent_n)} reviews) vs "
                    f"{_r(row.base_avg)} before ({int(row.base_n)} reviews)."),
            metrics={"recent_avg": _r(row.recent_avg), "previous_avg": _r(row.base_avg), "drop": _r(drop),
                     "recent_reviews": int(row.recent_n), "previous_reviews": int(row.base_n)},
            evidence=_evidence(frame, "average rating, recent vs previous window",
                               {"sku": str(row.sku), "recent_avg": float(row.recent_avg),
                                "previous_avg": float(row.base_avg)}),
        ))
    return out


def fake_review_spike(frame: Frame, rules: AlertRules, today: Any) -> list[Signal]:
    """Tenant-wide: suspected fake reviews in the last 7 days vs the weekly average of the 8 weeks before."""
    df = frame.data
    if df.empty:
        return []
    dates = pd.to_datetime(df["date"]).dt.date
    recent = int(df.loc[dates > today - pd.Timedelta(days=7), "suspected"].sum())
    before = float(df.loc[dates <= today - pd.Timedelta(days=7), "suspected"].sum()) / 8.0
    threshold = max(float(rules.fake_spike_min), rules.fake_spike_ratio * before)
    return [Signal(
        rule="fake_review_spike", key="fake_reviews", value=recent / threshold, on=1.0, off=0.5,
        severity="medium", title=f"{recent} suspected fake reviews this week",
        reason=(f"{recent} reviews scored as likely fake (>= {rules.fake_review_score}) in 7 days vs "
                f"{_r(before, 1)}/week before."),
        metrics={"suspected_last_7d": recent, "weekly_average_before": _r(before, 2), "threshold": _r(threshold)},
        evidence=_evidence(frame, "suspected fake reviews per day", {"recent": recent, "weekly_before": before}),
    )]


def ingestion_failing(ingestions: list[dict[str, Any]], rules: AlertRules) -> list[Signal]:
    """Tenant-wide: the latest ``ingestion_failures`` ingestions all failed."""
    latest = sorted(ingestions, key=lambda d: str(d.get("started_at") or ""), reverse=True)[:rules.ingestion_failures]
    if not latest:
        return []
    failed = [d for d in latest if d.get("status") == IngestionStatus.FAILED]
    streak = len(failed) if len(failed) == len(latest) else 0
    return [Signal(
        rule="ingestion_failing", key="ingestion", value=float(streak), on=float(rules.ingestion_failures),
        off=0.5, severity="high", title=f"Ingestion failed {streak} times in a row",
        reason="Latest ingestions failed: " + "; ".join(
            f"{d.get('ingestion_id')}: {d.get('error') or 'failed'}" for d in failed[:3]),
        metrics={"consecutive_failures": streak},
        evidence=[Evidence(description="latest ingestion records", row_ids=[str(d.get("ingestion_id")) for d in latest],
                           values={"failed": len(failed)})],
    )]


def forecast_drift(frame: Frame, rules: AlertRules) -> list[Signal]:
    """Per SKU: live forecast error (MASE against actuals) vs the backtest's, as a % increase."""
    out = []
    rows: Any = frame.data.itertuples(index=False)
    for row in rows:
        if row.ratio is None or pd.isna(row.ratio):
            continue
        rise = (float(row.ratio) - 1.0) * 100
        out.append(Signal(
            rule="forecast_drift", key=f"drift:{row.sku}", value=rise, on=rules.forecast_drift_pct,
            off=rules.forecast_drift_pct / 2, sku=str(row.sku), severity="medium",
            title=f"Forecast error for {row.sku} is up {_r(rise, 0)}% on actuals",
            reason=(f"Live MASE {_r(row.live_mase)} over {int(row.periods)} periods vs {_r(row.expected_mase)} in "
                    f"backtest (+{_r(rise, 1)}%, threshold {rules.forecast_drift_pct}%)."),
            metrics={"live_mase": _r(row.live_mase), "backtest_mase": _r(row.expected_mase),
                     "increase_pct": _r(rise), "periods": int(row.periods), "run_id": str(row.run_id)},
            evidence=_evidence(frame, "latest forecast accuracy measurement",
                               {"sku": str(row.sku), "ratio": float(row.ratio)}),
        ))
    return out
