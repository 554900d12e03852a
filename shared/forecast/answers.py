"""The forecast agent's direct answers: stockouts, overstock, units with an interval, a price what-if.

Which SKUs run out before a reorder could arrive, which carry the most stock, how many units will sell,
and what a price change does to the forecast.

Days of cover come from the SKU's forecast where it was forecast (the day cumulative forecast demand
passes stock on hand) and otherwise from its run rate (on hand / mean daily units over the last
:data:`RUN_RATE_DAYS` days), which is cheap enough for the whole catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from shared.agents.answers import AgentAnswer, AskKind, fmt_num, join_names, ranked_table
from shared.forecast.inventory import InventoryPlan
from shared.forecast.window import Window, window_label
from shared.models.agents import Confidence

RUN_RATE_DAYS = 28
#: Longer windows for a SKU with no sales in the last RUN_RATE_DAYS.
FALLBACK_RATE_DAYS = (90, 365)
DEFAULT_LEAD_TIME_DAYS = 7


@dataclass(frozen=True)
class SkuForecastView:
    """What the answers need of one forecast SKU."""

    sku: str
    total: float
    lower: float
    upper: float
    horizon_days: int
    model: str
    plan: InventoryPlan | None = None
    whatif: dict[str, Any] | None = None
    certainty: float | None = None  # the model's backtest certainty (the store's series: the answer's confidence)
    covers: int | None = None  # a total's series (the store's): how many SKUs it sums
    band_note: str = ""  # a total's series: what its interval is and where it came from, as the answer says it


#: Days after a stock count from which the sales since the count give the SKU's rate (fewer: the recent window).
MIN_DAYS_AFTER_COUNT = 7


def run_rate_cover(sales: pd.DataFrame, stock: pd.DataFrame, as_of: date, *,
                   window_days: int = RUN_RATE_DAYS) -> pd.DataFrame:
    """Per SKU with stock: on hand, on order, lead time, mean daily units and days of cover at that rate.

    ``sales``: sku, date (datetime64), units. ``stock``: the latest stock per SKU (sku, on_hand, on_order,
    lead_time_days, stock_date). A SKU with stock and no sales in the window has infinite cover.

    Cover counts from the latest stock count, not from the SKU's last sale: the units sold after the count
    (``sold_since_count``) come off its on hand, the rate is the mean daily units since the count when the count
    is at least :data:`MIN_DAYS_AFTER_COUNT` days old and something sold since (else the recent window's), and
    days of cover run from ``cover_from``: the later of ``as_of`` and the count.
    """
    cols = ["on_hand", "on_order", "lead_time_days", "lead_time_assumed", "stock_date", "daily_units",
            "days_of_cover", "sold_since_count", "cover_from"]
    if stock.empty:
        return pd.DataFrame(columns=cols).rename_axis("sku")
    daily = pd.Series(dtype="float64")
    # a SKU that sold nothing lately is measured over a longer window before its cover is called unlimited
    for days in (window_days, *(d for d in FALLBACK_RATE_DAYS if d > window_days)):
        start = pd.Timestamp(as_of) - pd.Timedelta(days=days)
        recent = sales[(sales["date"] > start) & (sales["date"] <= pd.Timestamp(as_of))] if not sales.empty else sales
        rate = recent.groupby("sku")["units"].sum() / days if not recent.empty else pd.Series(dtype="float64")
        rate = rate[rate > 0]
        daily = pd.concat([daily, rate[~rate.index.isin(daily.index)]])
    out = stock.drop_duplicates("sku", keep="last").set_index("sku")[["on_hand", "on_order", "lead_time_days",
                                                                      "stock_date"]].copy()
    out.index = out.index.astype(str)
    out["on_hand"] = out["on_hand"].astype("float64")
    out["on_order"] = out["on_order"].astype("float64").fillna(0.0)
    lead = pd.to_numeric(out["lead_time_days"], errors="coerce")
    out["lead_time_assumed"] = lead.isna()
    out["lead_time_days"] = lead.fillna(DEFAULT_LEAD_TIME_DAYS).astype("int64")
    daily.index = daily.index.astype(str)
    out["daily_units"] = daily.reindex(out.index).fillna(0.0).astype("float64")
    counted = pd.to_datetime(out["stock_date"]).fillna(pd.Timestamp(as_of))
    end = pd.Timestamp(as_of)
    sold_since = pd.Series(0.0, index=out.index)
    if not sales.empty:
        after = sales.assign(sku=sales["sku"].astype(str))
        after = after[after["sku"].isin(out.index)]
        after = after[(after["date"] > after["sku"].map(counted)) & (after["date"] <= end)]
        sold_since = after.groupby("sku")["units"].sum().reindex(out.index).fillna(0.0).astype("float64")
    days_since = (end - counted).dt.days.clip(lower=0)
    since_rate = (sold_since / days_since.where(days_since >= MIN_DAYS_AFTER_COUNT)).where(sold_since > 0)
    out["daily_units"] = since_rate.fillna(out["daily_units"]).astype("float64")
    out["sold_since_count"] = sold_since
    remaining = (out["on_hand"] - sold_since).clip(lower=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cover = np.where(remaining <= 0, 0.0,
                         np.where(out["daily_units"] > 0, remaining / out["daily_units"], np.inf))
    out["days_of_cover"] = cover
    out["cover_from"] = [max(as_of, c.date()) for c in counted]
    return out[cols].rename_axis("sku")


def select_by_cover(cover: pd.DataFrame, asks: list[AskKind], limit: int) -> list[str]:
    """SKUs to forecast for stock questions: least cover against lead time first, most cover for overstock."""
    if cover.empty:
        return []
    slack = (cover["days_of_cover"] - cover["lead_time_days"]).replace(np.inf, 1e12)
    picks: list[str] = []
    if {"stockout", "out_of_stock", "reorder"} & set(asks):
        risky = cover[(cover["daily_units"] > 0) | (cover["on_hand"] <= 0)]
        picks += [str(s) for s in slack.reindex(risky.index).sort_values(kind="stable").index[:limit]]
    if "overstock" in asks:
        most = cover["days_of_cover"].replace(np.inf, 1e12).sort_values(ascending=False, kind="stable")
        picks += [str(s) for s in most.index[:limit]]
    return list(dict.fromkeys(picks))[: limit * 2 if len(asks) > 1 else limit]


def _r(value: float | None, digits: int = 1) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


_STOCKOUT_COLUMNS = ["sku", "days_left", "stockout_date", "lead_time_days", "on_hand", "on_order",
                     "daily_units", "reorder_units", "cover_method", "counted_on", "sold_since_count"]


def stock_rows(cover: pd.DataFrame, views: list[SkuForecastView], as_of: date,
               sooner: bool = False) -> list[list[Any]]:
    """One row per SKU with stock (:data:`_STOCKOUT_COLUMNS`): days left by its forecast or its run rate.

    ``sooner``: the fewer days of the two (a risk screen: "which items could sell out before my supplier
    delivers"), the row saying which one it is.
    """
    plans = {v.sku: v.plan for v in views if v.plan is not None}
    rows: list[list[Any]] = []
    for sku, r in cover.iterrows():
        plan = plans.get(str(sku))
        days = plan.days_of_cover if plan is not None and plan.days_of_cover is not None else None
        how = "forecast" if days is not None else "run rate"
        if days is None:
            days = float(r["days_of_cover"])
        elif sooner and float(r["days_of_cover"]) < days:
            days, how = float(r["days_of_cover"]), "run rate (sooner than its forecast)"
        reorder = plan.reorder_quantity if plan is not None else max(
            0.0, math.ceil(float(r["daily_units"]) * (int(r["lead_time_days"]) + 7) - float(r["on_hand"])
                           - float(r["on_order"])))
        counted = _day(r.get("stock_date"))
        start = _day(r.get("cover_from")) or as_of  # days of cover count from the stock count, not a sale
        sold = float(r.get("sold_since_count") or 0.0)
        rows.append([str(sku), _r(days), None if not math.isfinite(days) else
                     (start + timedelta(days=int(days))).isoformat(), int(r["lead_time_days"]),
                     _r(float(r["on_hand"]), 0), _r(float(r["on_order"]), 0), _r(float(r["daily_units"]), 2),
                     _r(float(reorder), 0), how, counted.isoformat() if counted else None, _r(sold, 0)])
    return rows


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, date) else None


def _run_out_text(r: list[Any]) -> str:
    """"OUT-0003 runs out around 2027-05-21 (168 days of cover: 24 on hand at 0.14 a day)"."""
    if r[4] is not None and r[4] <= 0:
        return f"{r[0]} is already out of stock (0 on hand)"
    if r[1] is None:
        return f"{r[0]} does not run out at its current rate ({fmt_num(r[4] or 0, 0)} on hand, no recent sales)"
    rate = f" at {fmt_num(r[6], 2)} a day" if r[6] else ""
    # units sold after the count came off its on hand: said, so the run-out date can be checked
    counted = f" at the {r[9]} stock count less {fmt_num(r[10], 0)} sold since" if len(r) > 10 and r[10] else ""
    return (f"{r[0]} runs out around {r[2]} ({fmt_num(r[1])} days of cover: {fmt_num(r[4] or 0, 0)} on hand{counted}"
            f"{rate}{', by its forecast' if r[8] == 'forecast' else ''})")


def stockout_answer(cover: pd.DataFrame, views: list[SkuForecastView], as_of: date,
                    scoped: list[str], within: int | None = None) -> AgentAnswer:
    """``stockout``: SKUs whose days of cover are below their lead time, soonest first, with days left.

    ``within`` (a horizon the question named: "in the next two weeks") lists the SKUs that run out within
    that many days instead. Named SKUs are answered with their run-out date first.
    """
    method = (f"days of cover = days until cumulative forecast demand exceeds stock on hand (forecast SKUs), else "
              f"on hand / mean daily units of the last {RUN_RATE_DAYS} days; at risk when cover < lead time, by the "
              "forecast or the run rate, whichever runs out sooner")
    if cover.empty:
        return AgentAnswer(ask="stockout", answered=False, method=method,
                           text="Stockout risk cannot be assessed: there are no stock levels on record "
                                "(inventory with sku, date, on_hand and lead_time_days is needed).")
    rows = stock_rows(cover, views, as_of)
    if scoped:
        rows = [r for r in rows if r[0] in scoped]
        if not rows:
            return AgentAnswer(ask="stockout", answered=False, method=method, skus=list(scoped),
                               text=f"No stock on record for {join_names(scoped)}.")
        # several products named ("the cutting board": 6 of them): the soonest to run out first
        rows = sorted(rows, key=lambda r: (r[1] is None, r[1] if r[1] is not None else 0.0, r[0]))
        parts = []
        rate = {r[0]: r for r in stock_rows(cover, views, as_of, sooner=True)}
        for r in rows[:3]:
            risk = r[1] is not None and r[1] < r[3]
            text = _run_out_text(r) + (f", inside its {r[3]}-day lead time: reorder now" if risk else
                                       f", after its {r[3]}-day lead time, so a reorder can arrive in time")
            quick = rate.get(r[0])
            if not risk and quick is not None and quick[8] != r[8] and quick[1] is not None and quick[1] < r[3]:
                # the list of what could sell out names it by its run rate: said here too, not contradicted
                text += (f"; but at the last {RUN_RATE_DAYS} days' rate it runs out in {fmt_num(quick[1])} days, "
                         "inside its lead time")
            parts.append(text)
        table, total = ranked_table(_STOCKOUT_COLUMNS, rows)
        counts = sorted({str(r[9]) for r in rows[:3] if r[9] and r[9] != as_of.isoformat()})
        when = (f"stock counted {join_names(counts)}, sales to {as_of.isoformat()}" if counts
                else f"as of {as_of.isoformat()}")
        lead = f"Of {len(rows)} products, the soonest to run out: " if len(rows) > 3 else ""
        return AgentAnswer(ask="stockout", text=lead + "; ".join(parts) + f" ({when}).",
                           columns=_STOCKOUT_COLUMNS, rows=table, total_rows=total, method=method,
                           skus=[r[0] for r in rows], finding_prefixes=["stock:"])
    if within is not None:
        soon = sorted([r for r in rows if r[1] is not None and r[1] <= within], key=lambda r: (r[1], r[0]))
        top = [f"{r[0]} ({'out of stock' if r[1] <= 0 else f'{fmt_num(r[1])} days left'})" for r in soon[:5]]
        text = (f"{len(soon)} SKU{'s' if len(soon) != 1 else ''} run out within {within} days at their current rate "
                f"(as of {as_of.isoformat()})" + (f"; soonest: {join_names(top, 5)}." if soon else "."))
        table, total = ranked_table(_STOCKOUT_COLUMNS, soon)
        return AgentAnswer(ask="stockout", text=text, columns=_STOCKOUT_COLUMNS, rows=table, total_rows=total,
                           method=method, skus=[r[0] for r in soon[:10]], finding_prefixes=["stock:"])
    # a risk screen: a SKU is at risk when its forecast or its recent run rate runs it out inside the lead time (a
    # forecast that misses a ramp-up, with stock counts falling faster than it expects, must not hide it)
    rows = stock_rows(cover, views, as_of, sooner=True)
    at_risk = sorted([r for r in rows if r[1] is not None and r[1] < r[3]], key=lambda r: (r[1], r[0]))
    if not at_risk:
        text = (f"No SKU is expected to run out before a reorder could arrive: all {len(rows)} SKUs with stock "
                f"have more days of cover than their lead time (as of {as_of.isoformat()}).")
    else:
        top = [f"{r[0]} ({'out of stock' if r[1] <= 0 else f'{fmt_num(r[1])} days left'}, lead time {r[3]})"
               for r in at_risk[:5]]
        out_now = sum(1 for r in at_risk if r[1] <= 0)
        text = (f"{len(at_risk)} SKU{'s' if len(at_risk) != 1 else ''} could run out before a reorder could arrive "
                f"(cover below lead time by the forecast or the last {RUN_RATE_DAYS} days' rate, whichever is "
                f"sooner, as of {as_of.isoformat()}"
                + (f"; {out_now} already out of stock" if out_now else "") + f"); soonest: {join_names(top, 5)}.")
    table, total = ranked_table(_STOCKOUT_COLUMNS, at_risk)
    return AgentAnswer(ask="stockout", text=text, columns=_STOCKOUT_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in at_risk[:10]], finding_prefixes=["stock:"])


def out_of_stock_answer(rows: list[list[Any]], as_of: date, scoped: list[str], scope: str = "") -> AgentAnswer:
    """``out_of_stock``: how many SKUs have nothing on hand at the latest count, which, then what runs out soon.

    ``rows`` are :func:`stock_rows`; "soon" is cover below the SKU's lead time (a reorder would arrive late);
    ``scope`` names the category the rows were narrowed to.
    """
    method = ("out of stock = 0 on hand at each SKU's latest stock count; running out = days of cover (forecast, "
              f"else on hand / mean daily units of the last {RUN_RATE_DAYS} days) below the lead time")
    if scoped:
        rows = [r for r in rows if r[0] in scoped]
    if not rows:
        return AgentAnswer(ask="out_of_stock", answered=False, method=method, skus=list(scoped),
                           text="Stock cannot be checked: there are no stock levels on record" + (
                               f" for {join_names(scoped)}" if scoped else "") + " (inventory with sku, date and "
                                                                                 "on_hand is needed).")
    out = sorted([r for r in rows if (r[4] or 0) <= 0], key=lambda r: r[0])
    soon = sorted([r for r in rows if (r[4] or 0) > 0 and r[1] is not None and r[1] < r[3]],
                  key=lambda r: (r[1], r[0]))
    if scoped and len(scoped) <= 3:
        text = "; ".join(_run_out_text(r) + ("" if (r[4] or 0) <= 0 else ", so it is in stock") for r in rows[:3])
        text += f" (as of {as_of.isoformat()})."
    else:
        listed = f": {join_names([r[0] for r in out], 8)}" if out else ""
        where = f" in {scope}" if scope else ""
        count = f"{len(out)} of {len(rows)}" if out else f"None of the {len(rows)}"
        text = (f"{count} SKUs{where} with stock records {'is' if len(out) == 1 or not out else 'are'} out of stock "
                f"(0 on hand at the latest count, {as_of.isoformat()}){listed}.")
        if soon:
            top = [f"{r[0]} ({fmt_num(r[1])} days left, lead time {r[3]})" for r in soon[:5]]
            text += (f" {len(soon)}{' more' if out else ''} will run out before a reorder could arrive; soonest: "
                     f"{join_names(top, 5)}.")
    table, total = ranked_table(_STOCKOUT_COLUMNS, out + soon if not scoped or len(scoped) > 3 else rows)
    return AgentAnswer(ask="out_of_stock", text=text, columns=_STOCKOUT_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in (out + soon)[:10]], finding_prefixes=["stock:"])


#: "What should I reorder": SKUs whose cover will not last the lead time plus this review period.
REVIEW_DAYS = 7


def reorder_answer(rows: list[list[Any]], as_of: date, scoped: list[str], within: int | None = None,
                   views: list[SkuForecastView] | None = None) -> AgentAnswer:
    """``reorder``: what to order now, with how many units, soonest run-out first.

    A SKU needs ordering when its days of cover are shorter than its lead time plus the review period (a week,
    or the horizon the question named): an order placed later would arrive after it ran out. The quantity is
    the forecast plan's reorder quantity, else the run rate over lead time + a week less stock on hand and on
    order. Named products with a span ("reorder X to last 60 days": ``within`` and their ``views`` of that many
    days) are :func:`_order_to_last`'s.
    """
    review = within if within is not None else REVIEW_DAYS
    method = (f"reorder when days of cover < lead time + {review} days; quantity = the forecast's reorder quantity, "
              f"else mean daily units x (lead time + 7 days) - on hand - on order")
    if scoped:
        rows = [r for r in rows if r[0] in scoped]
    if not rows:
        return AgentAnswer(ask="reorder", answered=False, method=method, skus=list(scoped),
                           text="Reorders cannot be worked out: there are no stock levels on record (inventory with "
                                "sku, date, on_hand and lead_time_days is needed).")
    totals = {v.sku: v.total for v in views or [] if within is not None and v.horizon_days == within}
    if scoped and within is not None and rows and all(r[0] in totals for r in rows[:3]):
        return _order_to_last(rows[:3], totals, within, as_of)
    due = sorted([r for r in rows if r[1] is not None and r[1] < r[3] + review and (r[7] or 0) > 0],
                 key=lambda r: (r[1], r[0]))
    if scoped and not due:
        text = "; ".join(_run_out_text(r) + f", more than its {r[3]}-day lead time + {review} days: no reorder needed "
                                            "yet" for r in rows[:3]) + "."
    elif not due:
        text = (f"Nothing needs reordering now: all {len(rows)} SKUs with stock have more days of cover than their "
                f"lead time plus {review} days (as of {as_of.isoformat()}).")
    else:
        units = sum(float(r[7] or 0) for r in due)
        top = [f"{r[0]} ({fmt_num(r[7] or 0, 0)} unit{'' if r[7] == 1 else 's'}; "
               + ("out of stock" if (r[1] or 0) <= 0 else f"{fmt_num(r[1])} days left") + f", lead time {r[3]})"
               for r in due[:5]]
        text = (f"Reorder {len(due)} SKU{'s' if len(due) != 1 else ''} now, {fmt_num(units, 0)} units in all (cover "
                f"shorter than lead time + {review} days, as of {as_of.isoformat()}); most urgent: "
                f"{join_names(top, 5)}.")
    table, total = ranked_table(_STOCKOUT_COLUMNS, due if due else rows)
    return AgentAnswer(ask="reorder", text=text, columns=_STOCKOUT_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in due[:10]], finding_prefixes=["stock:"])


_ORDER_TO_LAST_COLUMNS = ["sku", "order_units", "expected_units", "on_hand", "on_order", "days", "lead_time_days"]


def _order_to_last(rows: list[list[Any]], totals: dict[str, float], days: int, as_of: date) -> AgentAnswer:
    """How much to order of each named SKU for its stock to last ``days``, said first.

    The units its forecast expects over those days less what is on hand and on order (none when that covers them).
    """
    last = as_of + timedelta(days=days)
    span = f"{days} days ({(as_of + timedelta(days=1)).isoformat()} to {last.isoformat()})"
    parts, table = [], []
    for r in rows:
        expected, on_hand, on_order = totals[r[0]], float(r[4] or 0), float(r[5] or 0)
        order = max(0, math.ceil(expected - on_hand - on_order))
        have = f"{fmt_num(on_hand, 0)} on hand" + (f" and {fmt_num(on_order, 0)} on order" if on_order else "")
        if order > 0:
            parts.append(f"To last {span}, order {fmt_num(order, 0)} units of {r[0]}: {fmt_num(expected, 0)} expected "
                         f"over those days less {have} (lead time {r[3]} days)")
        else:
            parts.append(f"{r[0]} needs no order (0 units) to last {span}: its {have} cover the "
                         f"{fmt_num(expected, 0)} units expected over those days")
        table.append([r[0], order, round(expected, 1), on_hand, on_order, days, r[3]])
    return AgentAnswer(ask="reorder", text="; ".join(parts) + f" (as of {as_of.isoformat()}).",
                       columns=_ORDER_TO_LAST_COLUMNS, rows=table, total_rows=len(table), skus=[r[0] for r in rows],
                       method=f"order = the forecast's expected units over the {days} days - on hand - on order",
                       finding_prefixes=["forecast:", "stock:"])


_OVERSTOCK_COLUMNS = ["sku", "days_of_cover", "on_hand", "on_order", "daily_units", "lead_time_days"]


def _in_stock(cover: pd.DataFrame, scoped: list[str]) -> pd.DataFrame:
    """The SKUs with stock on hand (those asked about, when some were)."""
    frame = cover[cover["on_hand"] > 0]
    return frame[frame.index.isin(scoped)] if scoped else frame


def _most_cover_rows(frame: pd.DataFrame) -> list[list[Any]]:
    """``_OVERSTOCK_COLUMNS`` rows, most days of cover first (no sales in a year: unlimited, first of all)."""
    ordered = frame.assign(_c=frame["days_of_cover"].replace(np.inf, 1e12)).sort_values(
        ["_c", "on_hand"], ascending=False, kind="stable")
    return [[str(s), _r(float(r["days_of_cover"])), _r(float(r["on_hand"]), 0), _r(float(r["on_order"]), 0),
             _r(float(r["daily_units"]), 2), int(r["lead_time_days"])] for s, r in ordered.iterrows()]


def _against_catalogue(cover: pd.DataFrame, days: float | None) -> str:
    """Whether one SKU's cover is a lot, set against every SKU in stock (their count and median cover)."""
    stocked = _in_stock(cover, [])["days_of_cover"]
    if days is None or len(stocked) < 2:
        return ""
    median = float(stocked.replace(np.inf, np.nan).dropna().median())
    return (f" More cover than {int((stocked < float(days)).sum()):,} of the {len(stocked):,} SKUs in stock "
            f"(median {fmt_num(median, 0)} days).")


def overstock_answer(cover: pd.DataFrame, scoped: list[str]) -> AgentAnswer:
    """``overstock``: SKUs with the most days of cover (stock with no recent sales first)."""
    method = (f"days of cover = on hand / mean daily units of the last {RUN_RATE_DAYS} days (90 or 365 days when "
              "nothing sold in them; stock with no sales in a year has unlimited cover)")
    if cover.empty:
        return AgentAnswer(ask="overstock", answered=False, method=method,
                           text="Overstock cannot be assessed: there are no stock levels on record "
                                "(inventory with sku, date and on_hand is needed).")
    rows = _most_cover_rows(_in_stock(cover, scoped))
    if not rows and len(scoped) == 1 and scoped[0] in cover.index:
        rows = _most_cover_rows(cover.loc[scoped])  # "should we discount X?" when X has none: its empty stock, said
    if not rows:
        return AgentAnswer(ask="overstock", text="No SKU has stock on hand, so none is overstocked.",
                           method=method)

    def describe(r: list[Any]) -> str:
        if r[1] is None:
            return f"{r[0]} ({fmt_num(r[2], 0)} on hand, no sales in {FALLBACK_RATE_DAYS[-1]} days)"
        return f"{r[0]} ({fmt_num(r[1], 0)} days of cover: {fmt_num(r[2], 0)} on hand at {fmt_num(r[4], 2)} a day)"

    text = "The SKUs with the most days of cover are " + join_names([describe(r) for r in rows[:5]], 5) + "."
    if len(scoped) == 1 and len(rows) == 1:  # "should we discount the kettle?": its cover, not a ranking of one
        text = f"Its stock: {describe(rows[0])}.{_against_catalogue(cover, rows[0][1])}"
    table, total = ranked_table(_OVERSTOCK_COLUMNS, rows)
    return AgentAnswer(ask="overstock", text=text, columns=_OVERSTOCK_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in rows[:10]], finding_prefixes=["stock:"])


_FORECAST_COLUMNS = ["sku", "forecast_units", "lower", "upper", "horizon_days", "model"]


@dataclass(frozen=True)
class RevenueBasis:
    """What a forecast unit is worth: recent revenue per unit, per SKU and for the whole scope, and its currency.

    ``currency`` is the one currency the tenant's sales lines name (``None`` when they name none or several:
    amounts are then printed without one, never with a currency the data does not state).
    """

    per_sku: dict[str, float]
    scope: float | None
    currency: str | None = None
    days: int = RUN_RATE_DAYS


def revenue_basis(sales: pd.DataFrame, as_of: date, currency: str | None = None, *,
                  days: int = RUN_RATE_DAYS) -> RevenueBasis:
    """Revenue per unit over the last ``days`` days of ``sales`` up to ``as_of``: sum(units x price) / sum(units).

    ``sales``: sku, date (datetime64), units, price (the day's average unit price). Per SKU and over the whole
    frame (the scope the forecast covers); a SKU with no priced sale in the window has no basis.
    """
    if sales.empty or "price" not in sales:
        return RevenueBasis({}, None, currency, days)
    end = pd.Timestamp(as_of)
    recent = sales[(sales["date"] > end - pd.Timedelta(days=days)) & (sales["date"] <= end)]
    recent = recent[recent["price"].notna() & (recent["units"] > 0)]
    if recent.empty:
        return RevenueBasis({}, None, currency, days)
    value = recent["units"].astype("float64") * recent["price"].astype("float64")
    grouped = pd.DataFrame({"sku": recent["sku"].astype(str), "units": recent["units"].astype("float64"),
                            "value": value}).groupby("sku")[["units", "value"]].sum()
    per_sku = {str(k): float(v) for k, v in (grouped["value"] / grouped["units"]).items() if math.isfinite(v)}
    return RevenueBasis(per_sku, float(value.sum() / recent["units"].sum()), currency, days)


def fmt_money(value: float, currency: str | None) -> str:
    """An amount as the metric answers print it (``$1,234.50``, ``1,234.50 CHF``, ``1,234.50`` with none)."""
    from shared.questions.compose import fmt_value

    return fmt_value(value, "money", currency)


@dataclass(frozen=True)
class SoFar:
    """A running month's actuals up to the forecast's start: "with $76,022 from 1 to 4 Dec"."""

    start: date
    end: date
    units: float
    revenue: float | None
    #: A period still running when the data ends ("than this quarter"): its last day and the forecast of its rest
    until: date | None = None
    rest: float = 0.0


def running_period_name(start: date, end: date) -> str:
    """What a running period is called: "December 2026", "Q4 2026" or "2026"."""
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return str(start.year)
    if start.month != end.month and start.day == 1 and start.month % 3 == 1 and end.month == start.month + 2:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return f"{end:%B %Y}"


def _month_total_text(done: SoFar, total: float, lo: float, hi: float, level: float, end: date,
                      money: Any | None = None) -> str:
    """" With 1,234 units sold 1-4 Dec, December 2026 comes to about 5,678 units (90% interval ...)"."""
    month = running_period_name(done.start, end)
    span = f"{done.end.day} {done.end:%b}"
    if done.start != done.end:
        span = f"{done.start.day}-{span}" if done.start.month == done.end.month else \
            f"{done.start.day} {done.start:%b}-{span}"
    if money is not None and done.revenue is not None:
        x = done.revenue
        return (f" With {money(x)} taken {span}, {month} comes to about "
                f"{money(x + total)} ({level:.0%} interval {money(x + lo)}-{money(x + hi)}).")
    x = done.units
    return (f" With {fmt_num(x, 0)} units sold {span}, {month} comes to about {fmt_num(x + total, 0)} units "
            f"({level:.0%} interval {fmt_num(x + lo, 0)}-{fmt_num(x + hi, 0)}).")


def _whole(scope: str) -> str:
    """What one series forecasts as a whole: "the store", "the category", "the channel"."""
    if not scope:
        return "the store"
    return "the channel" if "channel" in scope else "the range" if scope.endswith(" range") else "the category"


def against_text(against: SoFar, forecast: float, horizon_days: int, money: Any | None = None,
                 forecast_of: str = "") -> str:
    """A past period's actuals said, then the forecast set against them.

    " In February 2027 (1-28 Feb 2027), 9,876 units were sold: the forecast is 1.4% more (30 days ahead against 28;
    per day 5.4% less)." More, less or about the same (within 1%), per day as well when the two periods are not
    equally long (30 days ahead against a 28-day month).
    """
    from shared.questions.timephrase import fmt_day, name_range

    if against.until is not None and money is None:
        return _running_against_text(against, forecast, horizon_days, forecast_of)
    days = (against.end - against.start).days + 1
    label = name_range(against.start, against.end).label
    actual = against.revenue if money is not None and against.revenue is not None else against.units
    said = (f"{money(actual)} was taken" if money is not None else
            f"{fmt_num(actual, 0)} unit{'s' if round(actual) != 1 else ''} {'were' if round(actual) != 1 else 'was'} "
            "sold")
    if against.until is not None:  # a running period in money: what is taken so far, said as such
        said += f" to {fmt_day(against.end)}"
    text = f" In {label}, {said}"
    if actual <= 0:
        return f"{text}, so the forecast is more than it."
    change = 100 * (forecast - actual) / actual
    verdict = "about the same" if abs(change) < 1 else f"{abs(change):.1f}% {'more' if change > 0 else 'less'}"
    text += f": the forecast is {verdict}"
    if days != horizon_days:
        per_day = 100 * (forecast / horizon_days - actual / days) / (actual / days)
        direction = "about the same" if abs(per_day) < 1 else \
            f"{abs(per_day):.1f}% {'more' if per_day > 0 else 'less'}"
        text += f" ({horizon_days} days ahead against {days}; per day {direction})"
    return text + "."


def _running_against_text(against: SoFar, forecast: float, horizon_days: int, forecast_of: str = "") -> str:
    """A period still running ("than this quarter"): its units sold so far plus the forecast of its rest, as a whole.

    "Will we sell more next quarter than this quarter?" on 5 Dec: this quarter is 1 Oct to 31 Dec, of which 1 Oct -
    5 Dec is sold and 6-31 Dec forecast; the verdict (more, fewer, about the same) leads the answer.
    """
    from shared.questions.timephrase import fmt_day, name_range

    assert against.until is not None
    whole = against.units + against.rest
    label = name_range(against.start, against.until).label.split(" (")[0]
    change = 100 * (forecast - whole) / whole if whole > 0 else math.inf
    verdict = "about the same as" if abs(change) < 1 else f"{'more' if change > 0 else 'fewer'} than" if not \
        math.isfinite(change) else f"{abs(change):.1f}% {'more' if change > 0 else 'fewer'} than"
    per_day = ""
    days = (against.until - against.start).days + 1
    if days != horizon_days and whole > 0:
        pd_change = 100 * (forecast / horizon_days - whole / days) / (whole / days)
        per_day = f"; per day {abs(pd_change):.1f}% {'more' if pd_change > 0 else 'less'}" if abs(pd_change) >= 1 \
            else "; per day about the same"
    # "The forecast for January 2027 (...)": the period forecast named when it is a calendar one ("more in January than
    # in December?"), so the first sentence says both periods
    of = f" for {forecast_of}" if forecast_of else ""
    return (f"The forecast{of} ({fmt_num(forecast, 0)} units) is {verdict} {label} ({against.start.isoformat()} to "
            f"{against.until.isoformat()}), counted as actual sales to date plus the forecast of the rest: "
            f"{fmt_num(against.units, 0)} units sold from {fmt_day(against.start)} to "
            f"{fmt_day(against.end)} and {fmt_num(against.rest, 0)} forecast to {fmt_day(against.until)}, "
            f"{fmt_num(whole, 0)} in all ({horizon_days} days ahead against {days}{per_day}). ")


def revenue_forecast_text(views: list[SkuForecastView], basis: RevenueBasis, level: float, period: str,
                          store: SkuForecastView | None = None, scope: str = "",
                          note: str = "") -> tuple[str, float, float, float] | None:
    """"We expect revenue of about $123,456.00 over ...", and that amount with its interval.

    The unit forecast valued at recent revenue per unit.

    The store's (or category's) own series is valued at the scope's revenue per unit; SKUs forecast one by one at
    their own (a SKU without a recent priced sale is left out, and the sentence says how many were). ``None``
    when there is no price to value the units at.
    """
    def money(v: float) -> str:
        return fmt_money(v, basis.currency)

    where = "" if basis.currency else "; your sales data names no currency, so none is shown"
    if store is not None and not note and basis.scope is not None:
        p = basis.scope
        source = f"from {scope} " if scope else ""
        return (f"We expect revenue {source}of about {money(store.total * p)} over {period}: "
                f"{fmt_num(store.total, 0)} units across {store.sku} at the last {basis.days} days' average of "
                f"{money(p)} a unit ({level:.0%} interval {money(store.lower * p)}-{money(store.upper * p)}; model "
                f"{store.model}{band_said(store)}{where}).", store.total * p, store.lower * p, store.upper * p)
    priced = [v for v in views if v.sku in basis.per_sku]
    if not priced:
        return None
    z = float(stats.norm.ppf(0.5 + level / 2))
    total = sum(v.total * basis.per_sku[v.sku] for v in priced)
    units = sum(v.total for v in priced)
    sd = math.sqrt(sum(((v.upper - v.lower) / (2 * z) * basis.per_sku[v.sku]) ** 2 for v in priced))
    lo, hi = (max(0.0, total - z * sd), total + z * sd) if len(priced) > 1 else (
        priced[0].lower * basis.per_sku[priced[0].sku], priced[0].upper * basis.per_sku[priced[0].sku])
    avg = total / units if units else 0.0
    who = priced[0].sku if len(priced) == 1 else (
        f"{scope[0].upper()}{scope[1:]}'s {len(priced)} SKUs" if scope else f"{len(priced)} SKUs")
    left = len(views) - len(priced)
    unpriced = f"; {left} SKU{'s' if left != 1 else ''} with no priced sale in that window left out" if left else ""
    basis_text = (f"at the last {basis.days} days' average of {money(avg)} a unit" if len(priced) == 1 else
                  f"each at its last {basis.days} days' average price per unit, {money(avg)} a unit overall")
    return (f"{who} {'is' if len(priced) == 1 else 'are'} expected to bring in about {money(total)} over {period}: "
            f"{fmt_num(units, 0)} units {basis_text}{note} ({level:.0%} interval {money(lo)}-{money(hi)}"
            f"{unpriced}{where}).", total, lo, hi)


def band_said(total: SkuForecastView) -> str:
    """"; interval from this model's own misses of its past 30-day totals, ...": where a total's band came from."""
    return f"; {total.band_note}" if total.band_note else ""


def forecast_answer(views: list[SkuForecastView], level: float, horizon_days: int, as_of: date,
                    note: str = "", store: SkuForecastView | None = None, scope: str = "",
                    revenue: RevenueBasis | None = None, done: SoFar | None = None,
                    against: SoFar | None = None, window: Window | None = None,
                    band: str | None = None) -> AgentAnswer:
    """``forecast``: units expected over the horizon with a central interval, per SKU and in total.

    ``store`` (the whole store's series, when only the top sellers were forecast one by one) leads the answer:
    the question asked about the store, not about the part of it forecast per SKU. ``scope`` ("the kitchen
    category") names what the SKUs are when the question asked about categories. ``revenue`` (given when the
    question asks about money: "how much revenue next month") leads with the units valued at recent revenue
    per unit (:func:`revenue_forecast_text`), the unit forecast after it. ``done`` (the running month's actuals
    when the horizon completes it: "what will December sales look like" on 4 Dec) adds the month's total.
    ``against`` (a past period's actuals: "will we sell more next month than last month") says them and
    compares the forecast with them (:func:`against_text`). ``window`` (a calendar period that starts after
    tomorrow: "in January" asked on 5 Dec) is the period the totals are for, and the answer names it. ``band``
    ("low", "high", "range": "what's the worst case", "best case", "what's the range") leads with that end of the
    interval of the figure the answer leads with (:func:`band_lead`).
    """
    method = (f"backtest-selected model per SKU; an intermittent, lumpy or erratic SKU's total at no less than its "
              f"recent mean rate (its per-day forecast is a median); {level:.0%} interval per SKU from how the "
              "backtest's totals over as many periods missed, pooled over the SKUs (else how its past totals over "
              "as many days varied; total: independent SKUs, normal approximation)")
    if not views and store is None:
        return AgentAnswer(ask="forecast", answered=False, method=method,
                           text="Nothing could be forecast: no sales history for the requested products.")
    z = float(stats.norm.ppf(0.5 + level / 2))
    ordered = sorted(views, key=lambda v: -v.total)
    rows = [[v.sku, round(v.total, 1), round(v.lower, 1), round(v.upper, 1), v.horizon_days, v.model]
            for v in ordered]
    start = as_of + timedelta(days=1)
    end = as_of + timedelta(days=horizon_days)
    period = f"the next {horizon_days} days ({start.isoformat()} to {end.isoformat()})"
    if window is not None:  # "in January" on 5 Dec: January's days only, and the answer says so
        start, end, horizon_days, period = window.start, window.end, window.days, window_label(window)
        method += (f"; the total is of {window.start.isoformat()} to {window.end.isoformat()} only: the days of the "
                   f"forecast from {as_of + timedelta(days=1):%Y-%m-%d} before it are left out")
    about = ""  # the SKU the answer leads with, when one does
    if not views:  # the store's total answers; its breakdown by product was not fitted in time
        assert store is not None
        rows = [[store.sku, round(store.total, 1), round(store.lower, 1), round(store.upper, 1), store.horizon_days,
                 store.model]]
        text = (f"We expect {f'{scope} ' if scope else ''}to sell {fmt_num(store.total, 0)} units over {period} "
                f"across {store.sku} ({level:.0%} interval {fmt_num(store.lower, 0)}-{fmt_num(store.upper, 0)}; "
                f"{_whole(scope)}'s daily total forecast as one series, model {store.model}{band_said(store)}); the "
                "breakdown by "
                "product is still being fitted.")
        head = (store.total, store.lower, store.upper)
        method = (f"{_whole(scope)}'s daily total forecast as one series (backtest-selected model); {level:.0%} "
                  + (store.band_note or "interval from how past totals over as many days varied"))
    elif len(views) == 1:
        v = views[0]
        text = (f"{v.sku} is expected to sell {fmt_num(v.total, 0)} units over {period} ({level:.0%} interval "
                f"{fmt_num(v.lower, 0)}-{fmt_num(v.upper, 0)}; model {v.model}){note}.")
        head, about = (v.total, v.lower, v.upper), v.sku
    else:
        total = sum(v.total for v in views)
        sd = math.sqrt(sum(((v.upper - v.lower) / (2 * z)) ** 2 for v in views))
        lo, hi = max(0.0, total - z * sd), total + z * sd
        top = [f"{v.sku} ({fmt_num(v.total, 0)})" for v in ordered[:3]]
        whose = f"{scope[0].upper()}{scope[1:]}'s {len(views)} SKUs" if scope else f"{len(views)} SKUs"
        text = (f"{whose} are expected to sell {fmt_num(total, 0)} units over {period} ({level:.0%} "
                f"interval {fmt_num(lo, 0)}-{fmt_num(hi, 0)}){note}; the most: {join_names(top, 3)}.")
        head = (total, lo, hi)
        if store is not None and not note:
            text = (f"We expect {f'{scope} ' if scope else ''}to sell {fmt_num(store.total, 0)} units over {period} "
                    f"across {store.sku} "
                    f"({level:.0%} interval {fmt_num(store.lower, 0)}-{fmt_num(store.upper, 0)}; "
                    f"{_whole(scope)}'s daily total forecast as one series, model "
                    f"{store.model}{band_said(store)}); " + (
                        # every SKU of the total was forecast on its own too: their sum, not a part "of them"
                        f"forecast one by one, the {len(views)} SKUs add up to {fmt_num(total, 0)}, the most "
                        if store.covers is not None and len(views) >= store.covers else
                        f"the {len(views)} SKUs forecast one by one sell {fmt_num(total, 0)} of them, the most ")
                    + f"{join_names(top, 3)}.")
            head = (store.total, store.lower, store.upper)
            if store.band_note:
                method += f"; the total of {_whole(scope)}: {store.band_note}"
    columns = _FORECAST_COLUMNS
    say: Callable[[float], str] = units_said  # the lead's amounts
    about = about if store is None or note else ""  # one SKU's figure leads (not the store's): it is named
    month = lead = ""
    # "will we beat last month?": the running month so far and its rest's forecast against a past month's actuals
    beating = done is not None and against is not None and against.until is None
    units_total = store.total if store is not None and not note else sum(v.total for v in views)
    named = window_label(window).split(" (")[0] if window is not None else ""
    compared = "" if against is None else against_text(against, units_total, horizon_days,
                                                       forecast_of="" if named.startswith("(") else named)
    if done is not None:  # the units part: the store's series when it leads, else the SKUs forecast
        z = float(stats.norm.ppf(0.5 + level / 2))
        if store is not None and not note:
            u, ulo, uhi = store.total, store.lower, store.upper
        else:
            u = sum(v.total for v in views)
            sd = math.sqrt(sum(((v.upper - v.lower) / (2 * z)) ** 2 for v in views))
            ulo, uhi = (max(0.0, u - z * sd), u + z * sd) if len(views) > 1 else (views[0].lower, views[0].upper)
        month = _month_total_text(done, u, ulo, uhi, level, end)
        if beating and against is not None:  # the verdict first, the month's total in it
            lead, month, compared = _beat_lead(done, against, (u, ulo, uhi), level, end), "", ""
    if revenue is not None:
        worth = revenue_forecast_text(views, revenue, level, period, store=store, scope=scope, note=note)
        if worth is not None:
            if done is not None and not beating:
                month = _month_total_text(done, worth[1], worth[2], worth[3], level, end,
                                          money=lambda v: fmt_money(v, revenue.currency))
            text = f"{worth[0]}{month} {text}"
            month = ""
            head = (worth[1], worth[2], worth[3])
            say = partial(fmt_money, currency=revenue.currency)
            if against is not None and against.revenue is not None:
                compared = against_text(against, worth[1], horizon_days,
                                        money=lambda v: fmt_money(v, revenue.currency))
            if beating and done is not None and against is not None and done.revenue is not None \
                    and against.revenue is not None:
                lead, compared = _beat_lead(done, against, worth[1:], level, end, revenue.currency), ""
            method += (f"; revenue = forecast units x revenue per unit (units x price / units) of the last "
                       f"{revenue.days} days, per SKU (the store's series at the store's)")
            columns = [*_FORECAST_COLUMNS, "revenue_per_unit", "forecast_revenue"]
            if ordered:
                per_unit = [revenue.per_sku.get(v.sku) for v in ordered]  # rows are in this order, rounded
                rows = [[*r, _r(p, 2), None if p is None else _r(v.total * p, 2)]
                        for r, v, p in zip(rows, ordered, per_unit, strict=True)]
            elif store is not None:  # the store's row alone, at the scope's revenue per unit
                p = revenue.scope
                rows = [[*rows[0], _r(p, 2), None if p is None else _r(store.total * p, 2)]]
        else:
            text += f" Revenue cannot be estimated: no sale in the last {revenue.days} days has a price."
    if against is not None and against.until is not None and compared.startswith("The forecast"):
        text, compared = compared + text, ""  # "will we sell more than this quarter?": the verdict first
    if band is not None and done is None and not lead:
        lead = band_lead(band, head, level=level, period=period, say=say, about=about) + " "
    elif against is not None and against.until is None and done is None and not lead:
        # "will next month beat last month?": the verdict first, the forecast and the past period's actuals in it
        money = say is not units_said and against.revenue is not None
        lead = past_verdict_lead(against, head, level=level, period=period,
                                 actual=against.revenue if money and against.revenue is not None else against.units,
                                 say=say) + " "
    text = lead + text + month + compared
    table, total_rows = ranked_table(columns, rows)
    return AgentAnswer(ask="forecast", text=text, columns=columns, rows=table, total_rows=total_rows,
                       method=method, skus=[r[0] for r in rows[:10]], finding_prefixes=["forecast:"],
                       period_start=start, period_end=end)


def past_verdict_lead(against: SoFar, head: tuple[float, float, float], *, level: float, period: str, actual: float,
                      say: Callable[[float], str]) -> str:
    """Whether the forecast beats a past period's actuals, as sure as its interval allows, said first.

    "Probably yes" when even the interval's low end is above the past period, "Probably not" when even its high end
    is below, "Too close to call" otherwise; the two figures and the change in the same sentence.
    """
    from shared.questions.timephrase import name_range

    total, lo, hi = head
    label = name_range(against.start, against.end).label
    verdict = "Probably yes" if lo > actual else "Probably not" if hi < actual else "Too close to call"
    change = "" if actual <= 0 else \
        f", {abs(100 * (total - actual) / actual):.1f}% {'more' if total >= actual else 'less'}"
    return (f"{verdict}: {say(total)} expected over {period} against {say(actual)} in {label}{change} "
            f"({level:.0%} interval {say(lo)} to {say(hi)}).")


def units_said(value: float) -> str:
    """A count of units as a lead says it ("1,234 units")."""
    return f"{fmt_num(value, 0)} units"


def band_lead(band: str, head: tuple[float, float, float], *, level: float, period: str,
              say: Callable[[float], str], about: str = "") -> str:
    """The end of the interval asked for, said first, the expected figure after it.

    "What's the worst case" is the interval's low end, "best case" its high end, "the range" both.
    """
    total, lo, hi = head
    interval = f"the {level:.0%} interval's"
    of = f" for {about}" if about else ""  # one product's figure: named, as its forecast sentence names it
    if band == "low":
        return (f"Worst case{of} ({interval} low end): {say(lo)} over {period}, against {say(total)} expected "
                f"(interval {say(lo)} to {say(hi)}).")
    if band == "high":
        return (f"Best case{of} ({interval} high end): {say(hi)} over {period}, against {say(total)} expected "
                f"(interval {say(lo)} to {say(hi)}).")
    return f"The range{of} is {say(lo)} to {say(hi)} over {period} (the {level:.0%} interval), {say(total)} expected."


def _beat_lead(done: SoFar, against: SoFar, rest: tuple[float, float, float], level: float, end: date,
               currency: str | None = "") -> str:
    """"Probably yes: $X so far (1-6 Dec) + $Y expected (7-31 Dec) = $Z for December 2026, against ..." and a space.

    ``currency`` ``""``: the figures are units; otherwise money in that currency (``None``: none named).
    """
    from shared.forecast.beat import Beat, beat_text
    from shared.questions.timephrase import name_range

    money = currency != ""
    so_far = done.revenue if money and done.revenue is not None else done.units
    past = against.revenue if money and against.revenue is not None else against.units

    def say(v: float) -> str:
        return fmt_money(v, currency) if money else f"{fmt_num(v, 0)} units"

    beat = Beat(so_far, rest[0], rest[1], rest[2], past)
    return beat_text(beat, start=done.start, last_actual=done.end, end=end,
                     name=running_period_name(done.start, end),
                     past_name=name_range(against.start, against.end).label.split(" (")[0], level=level,
                     say=say) + " "


def whatif_answer(views: list[SkuForecastView], pct: float, level: float, scoped: list[str],
                  period: str = "", scope: str = "") -> AgentAnswer:
    """``what_if`` (the forecast's view): the named SKU's forecast with the price change applied, or why not.

    No SKU named but a category (``scope``, "the electronics category"): the change across its SKUs, each scaled by
    its own response (:func:`_scope_whatif`).
    """
    applied = [v for v in views if v.whatif and v.whatif.get("multiplier") is not None and v.sku in scoped]
    method = "forecast scaled by (1 + change)^elasticity, elasticity from a log-log fit on the SKU's own history"
    if not scoped and scope and (every := [v for v in views if v.whatif]):
        return _scope_whatif(every, pct, scope, period)
    if len(scoped) != 1:
        return AgentAnswer(ask="what_if", answered=False, method=method,
                           text="A price what-if needs one named product and a price change (e.g. 'cut SKU-1 by "
                                "10%').")
    if not applied:
        reasons = [str(v.whatif.get("reason")) for v in views if v.whatif and v.sku in scoped]
        return AgentAnswer(ask="what_if", answered=False, method=method,
                           text=f"The demand effect of a {pct:+g}% price change cannot be estimated: "
                                + (reasons[0] if reasons else "no sales history") + ".")
    v = applied[0]
    w = v.whatif or {}
    change = 100.0 * (float(w["multiplier"]) - 1.0)
    spread = ""
    if w.get("elasticity_low") is not None:
        method = ("forecast scaled by (1 + change)^elasticity, the elasticity the pricing agent's (pooled toward "
                  "the category's and the catalogue's, empirical Bayes, log-log), the band spanning its interval")
        ends = sorted(100.0 * (float(w[k]) - 1.0) for k in ("multiplier_low", "multiplier_high"))
        spread = (f" [{float(w['elasticity_low']):.2f}, {float(w['elasticity_high']):.2f}]; the demand change is "
                  f"{ends[0]:+.1f}% to {ends[1]:+.1f}% across that interval" + (
                      ", pooled toward its category and the catalogue (its own history alone is short or flat)"
                      if w.get("pooled")
                      else ""))
    text = (f"A {pct:+g}% price change on {v.sku} changes expected demand by {change:+.1f}%: "
            f"{fmt_num(v.total, 0)} units over {period or f'the next {v.horizon_days} days'} ({level:.0%} interval "
            f"{fmt_num(v.lower, 0)}-{fmt_num(v.upper, 0)}), using an elasticity of {float(w['elasticity']):.2f}"
            f"{spread}.")
    row = [v.sku, pct, round(change, 1), round(v.total, 1), round(v.lower, 1), round(v.upper, 1),
           round(float(w["elasticity"]), 3), v.horizon_days]
    return AgentAnswer(ask="what_if", text=text, rows=[row], total_rows=1, method=method, skus=[v.sku],
                       columns=["sku", "price_change_pct", "units_change_pct", "forecast_units", "lower", "upper",
                                "elasticity", "horizon_days"], finding_prefixes=["forecast:"])


def _scope_whatif(views: list[SkuForecastView], pct: float, scope: str, period: str) -> AgentAnswer:
    """A price change across a scope's SKUs, summed against their forecasts without it.

    Each SKU's forecast is scaled by its own response (the pooled elasticity); a SKU with no estimate is counted
    unchanged, and said.
    """
    method = ("each SKU's forecast scaled by (1 + change)^elasticity (the pricing agent's pooled estimate), summed; "
              "a SKU with no estimate kept as it is")
    changed = sum(v.total for v in views)
    base = sum(v.total / float(v.whatif["multiplier"]) if v.whatif and v.whatif.get("multiplier") else v.total
               for v in views)
    kept = [v.sku for v in views if not (v.whatif and v.whatif.get("multiplier"))]
    days = period or f"the next {views[0].horizon_days} days"
    change = 100.0 * (changed - base) / base if base > 0 else 0.0
    unchanged = (f" ({len(kept)} SKU{'s' if len(kept) != 1 else ''} with no price response estimate counted "
                 "unchanged)" if kept else "")
    text = (f"A {pct:+g}% price change across {scope} ({len(views)} SKUs) changes expected demand by {change:+.1f}%: "
            f"about {changed - base:+,.0f} units over {days}, the demand forecast's {fmt_num(base, 0)} units becoming "
            f"about {fmt_num(changed, 0)}{unchanged}.")
    row = ["all", pct, round(change, 1), round(changed, 1), round(base, 1), round(changed - base, 1),
           views[0].horizon_days]
    return AgentAnswer(ask="what_if", text=text, rows=[row], total_rows=1, method=method,
                       skus=[v.sku for v in views],
                       columns=["scope", "price_change_pct", "units_change_pct", "forecast_units", "baseline_units",
                                "delta_units", "horizon_days"], finding_prefixes=["forecast:"])


def cover_over_label(days: int) -> str:
    """How the question named a cover threshold: 182 -> "6 months", 14 -> "14 days", 365 -> "12 months"."""
    months = days * 12 / 365.25
    if days >= 28 and abs(months - round(months)) < 0.05:
        return f"{round(months)} month{'s' if round(months) != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def cover_over_answer(cover: pd.DataFrame, over_days: int, scoped: list[str], scope: str = "") -> AgentAnswer:
    """``overstock`` with a threshold ("which SKUs have more than six months of stock"): how many, and which.

    Counts the SKUs with stock whose days of cover at their recent sales rate exceed ``over_days`` (stock with
    no sales in a year counts: it lasts indefinitely), most cover first.
    """
    label = cover_over_label(over_days)
    method = (f"days of cover = on hand / mean daily units of the last {RUN_RATE_DAYS} days (90 or 365 days when "
              f"nothing sold in them); over {label} = more than {over_days} days of cover")
    if cover.empty:
        return AgentAnswer(ask="overstock", answered=False, method=method,
                           text="Overstock cannot be assessed: there are no stock levels on record "
                                "(inventory with sku, date and on_hand is needed).")
    frame = _in_stock(cover, scoped)
    rows = _most_cover_rows(frame[frame["days_of_cover"] > over_days])
    unsold = sum(1 for r in rows if r[1] is None)

    def describe(r: list[Any]) -> str:
        if r[1] is None:
            return f"{r[0]} ({fmt_num(r[2], 0)} on hand, no sales in {FALLBACK_RATE_DAYS[-1]} days)"
        return f"{r[0]} ({fmt_num(r[1], 0)} days: {fmt_num(r[2], 0)} on hand at {fmt_num(r[4], 2)} a day)"

    where = f" in {scope}" if scope else ""
    of = f" of the {len(frame)} with stock{where}"
    if not rows:
        text = f"No SKU{where} has more than {label} of stock at its recent sales rate (none of the {len(frame)} " \
               f"with stock has over {over_days} days of cover)."
    else:
        text = (f"{len(rows)} SKU{'s' if len(rows) != 1 else ''}{of} {'has' if len(rows) == 1 else 'have'} more "
                f"than {label} of stock at {'its' if len(rows) == 1 else 'their'} recent sales rate (over "
                f"{over_days} days of cover" + (f"; {unsold} with no sales in {FALLBACK_RATE_DAYS[-1]} days"
                                                  if unsold else "")
                + f"); the most: {join_names([describe(r) for r in rows[:5]], 5)}.")
    table, total = ranked_table(_OVERSTOCK_COLUMNS, rows)
    return AgentAnswer(ask="overstock", text=text, columns=_OVERSTOCK_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in rows[:10]], finding_prefixes=["stock:"])


def forecast_answers(asks: list[AskKind], *, cover: pd.DataFrame, views: list[SkuForecastView], level: float,
                     horizon_days: int, as_of: date, scoped: list[str], price_change_pct: float | None,
                     store: SkuForecastView | None = None, within: int | None = None,
                     scope: str = "", stock_as_of: date | None = None, revenue: RevenueBasis | None = None,
                     cover_over: int | None = None, done: SoFar | None = None,
                     against: SoFar | None = None, window: Window | None = None,
                     band: str | None = None) -> list[AgentAnswer]:
    """Answer each forecast ask the question has (and the what-if when a price change was given).

    ``within``: the horizon the question named, when it named one (stock questions list what runs out in it);
    ``scope``: the categories ``cover`` was narrowed to, as the answer names them; ``stock_as_of``: the date
    stock answers count from (the data's as-of date, sales and stock counts alike; ``as_of`` when not given),
    where ``as_of`` is the forecast's last day of history. ``revenue``: the question asks about money, and what
    a unit is worth (the forecast answer leads with revenue); ``cover_over``: the days of cover an overstock
    question named ("more than six months of stock": the SKUs over it are counted); ``done``: a running month's
    actuals the forecast completes; ``against``: a past period's actuals the forecast is compared with.
    """
    out: list[AgentAnswer] = []
    forecast_as_of, as_of = as_of, stock_as_of or as_of
    note = "" if price_change_pct is None else f", with the {price_change_pct:+g}% price change applied"
    for ask in asks:
        if ask == "stockout":
            out.append(stockout_answer(cover, views, as_of, scoped, within))
        elif ask == "out_of_stock":
            out.append(out_of_stock_answer(stock_rows(cover, views, as_of), as_of, scoped, scope))
        elif ask == "reorder":
            out.append(reorder_answer(stock_rows(cover, views, as_of), as_of, scoped, within, views))
        elif ask == "overstock" and cover_over is not None:
            out.append(cover_over_answer(cover, cover_over, scoped, scope))
        elif ask == "overstock":
            out.append(overstock_answer(cover, scoped))
        elif ask == "forecast":
            out.append(forecast_answer(views, level, horizon_days, forecast_as_of, note, store=store, scope=scope,
                                       revenue=revenue, done=done, against=against, window=window,
                                       band=band))
    if price_change_pct is not None:
        out.append(whatif_answer(views, price_change_pct, level, scoped,
                                 period=window_label(window) if window is not None else "", scope=scope))
    return out


def with_method(answer: AgentAnswer, confidence: Confidence) -> AgentAnswer:
    """``answer`` followed by its method and confidence ("how sure are you?", "which model did you use?")."""
    if not answer.answered or answer.ask != "forecast":
        return answer
    factors = ", ".join(f"{name} {value:.2f}" for name, value in (
        ("model certainty", confidence.model_certainty), ("data completeness", confidence.data_completeness),
        ("data freshness", confidence.data_freshness)) if value is not None)
    sure = f"confidence {confidence.score}/100 ({factors})" if confidence.known and confidence.score is not None \
        else "confidence unknown (" + (confidence.explanation.rpartition("confidence unknown: ")[2]
                                       or "not every factor could be assessed") + ")"
    return answer.model_copy(update={"text": f"{answer.text} Method: {answer.method}; {sure}."})


def by_category_answer(answer: AgentAnswer, views: list[SkuForecastView], level: float) -> AgentAnswer:
    """``answer`` led by each category's own total ("forecast next quarter by category"), biggest first."""
    if not views or not answer.answered or answer.ask != "forecast":
        return answer
    period = f" over {answer.period_start.isoformat()} to {answer.period_end.isoformat()}" \
        if answer.period_start and answer.period_end else ""
    parts = [f"{v.sku} {fmt_num(v.total, 0)} units ({level:.0%} interval {fmt_num(v.lower, 0)}-{fmt_num(v.upper, 0)})"
             for v in sorted(views, key=lambda v: -v.total)]
    lead = f"By category{period}: {join_names(parts, len(parts))} (each category's daily total forecast as one series)."
    return answer.model_copy(update={"text": f"{lead} {answer.text}",
                                     "method": f"{answer.method}; by category: each category's daily total "
                                               "forecast as one series"})
