"""``competitor_promotions``: did a competitor run a promotion on a day or in a period ("on Black Friday")?

A competitor's price for a product in the period is a promotion when it is at least :data:`PROMO_CUT` under that
competitor's own usual price for it: the median of its prices in the :data:`BASELINE_DAYS` days before the period.
The answer counts the products so marked down out of those the competitor was seen pricing in the period, with the
deepest cuts. Without a period the last 7 days of its prices are read. Pure: observations in, an answer out.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from shared.agents.answers import AgentAnswer, join_names, ranked_table

#: A price this far under the competitor's own usual price is a promotion (everyday noise is a few percent).
PROMO_CUT = 0.10
#: The days before the period whose median is the competitor's usual price.
BASELINE_DAYS = 28
#: The period read when the question names none.
DEFAULT_DAYS = 7
_COLUMNS = ["competitor", "sku", "date", "price", "usual_price", "cut_pct"]


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _period(start: date, end: date) -> str:
    return f"on {_day(start)}" if start == end else f"between {_day(start)} and {_day(end)}"


def promoted(obs: pd.DataFrame, start: date, end: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the observations of ``start``-``end`` at least 10% under their usual price, every observation then)."""
    f = obs.assign(date=pd.to_datetime(obs["date"]).dt.date, price=pd.to_numeric(obs["price"], errors="coerce"))
    base = f[(f["date"] < start) & (f["date"] >= start - timedelta(days=BASELINE_DAYS))]
    usual = base.groupby(["competitor", "sku"])["price"].median().rename("usual_price")
    seen = f[(f["date"] >= start) & (f["date"] <= end)].join(usual, on=["competitor", "sku"])
    cut = seen[seen["price"] <= seen["usual_price"] * (1 - PROMO_CUT)].copy()
    cut["cut_pct"] = (100 * (1 - cut["price"] / cut["usual_price"])).round(1)
    return cut.sort_values("cut_pct", ascending=False), seen


def promotions_answer(
    obs: pd.DataFrame, competitors: list[str], *, start: date | None, end: date | None, today: date
) -> AgentAnswer:
    """Per competitor asked (else every one): how many products it priced 10%+ under its usual price in the period."""
    last = min(end or today, today)
    first = start or last - timedelta(days=DEFAULT_DAYS - 1)
    method = (
        f"a promotion = a competitor's price {_period(first, last)} at least {PROMO_CUT:.0%} under its own "
        f"median price for that product over the {BASELINE_DAYS} days before"
    )
    who = competitors or (sorted(set(obs["competitor"].astype(str))) if not obs.empty else [])
    cut, seen = promoted(obs, first, last) if not obs.empty else (pd.DataFrame(), pd.DataFrame())
    parts: list[str] = []
    rows: list[list[object]] = []
    for rival in who:
        mine = cut[cut["competitor"] == rival] if not cut.empty else cut
        carried = int(seen[seen["competitor"] == rival]["sku"].nunique()) if not seen.empty else 0
        if not carried:
            parts.append(f"{rival} has no price on record {_period(first, last)}, so a promotion cannot be told")
            continue
        if mine.empty:
            parts.append(
                f"No: {rival} priced none of the {carried} products it was seen selling {_period(first, last)}"
                f" {PROMO_CUT:.0%} or more under its usual price"
            )
            continue
        n = int(mine["sku"].nunique())
        deepest = mine.drop_duplicates("sku").head(3)
        named = [f"{r['sku']} -{r['cut_pct']:.0f}%" for _, r in deepest.iterrows()]
        parts.append(
            f"Yes: {rival} priced {n} of the {carried} products it was seen selling {_period(first, last)} "
            f"{PROMO_CUT:.0%} or more under its usual price (median cut {mine['cut_pct'].median():.0f}%; "
            f"deepest: {join_names(named, 3)})"
        )
        rows += [
            [
                rival,
                str(r["sku"]),
                r["date"].isoformat(),
                float(r["price"]),
                round(float(r["usual_price"]), 2),
                float(r["cut_pct"]),
            ]
            for _, r in mine.iterrows()
        ]
    if not parts:
        parts.append(f"No competitor price is on record {_period(first, last)}, so a promotion cannot be told")
    table, total = ranked_table(_COLUMNS, rows)
    return AgentAnswer(
        ask="competitor_promotions",
        text=". ".join(parts) + ".",
        columns=_COLUMNS,
        rows=table,
        total_rows=total,
        method=method,
        period_start=first,
        period_end=last,
        answered=bool(rows) or any(p.startswith("No:") for p in parts),
        skus=list(dict.fromkeys(str(r[1]) for r in rows))[:10],
    )
