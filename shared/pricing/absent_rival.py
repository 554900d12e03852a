"""A named competitor with no price for the products asked about, while other sellers have one.

"Does MegaMart beat us on the camping chair?" when MegaMart never priced it: the answer says that MegaMart has no
price for it and what the other competitors charge, against our price, rather than that no competitor has a price
(the agent's observations were read for the named competitor alone).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.agents.answers import AgentAnswer, fmt_num, join_names
from shared.pricing.market_answers import _period, _possessive, _window, latest_prices

#: The asks that set the products asked about against the competitors the question names.
RIVAL_ASKS = frozenset({"undercut", "versus_competitor", "cheapest_competitor", "price_position"})
_COLUMNS = ["sku", "competitor", "competitor_price", "our_price", "date"]


def unpriced_by(named_obs: pd.DataFrame, skus: list[str], *, today: date, start: date | None) -> list[str]:
    """The products of ``skus`` the named competitors' observations hold no price for in the window."""
    window, _ = _window(named_obs.dropna(subset=["competitor_price"]), start, today)
    priced = set(window["sku"].astype(str))
    return [s for s in skus if s not in priced]


def absent_rival_answer(
    all_obs: pd.DataFrame, rivals: list[str], skus: list[str], ask: str, *, today: date, start: date | None
) -> AgentAnswer | None:
    """``rivals`` have no price for ``skus``: said, with the other competitors' latest prices.

    ``None`` when no other competitor has one either (the usual "no competitor price" answer stands).
    ``all_obs``: every competitor's observations of ``skus``; the window is the one the answer it replaces read.
    """
    latest = latest_prices(all_obs, start, today)
    _, first = _window(all_obs, start, today)
    if latest.empty:
        return None
    latest = latest[latest["sku"].astype(str).isin(skus)].sort_values(["sku", "competitor_price"], kind="stable")
    if latest.empty:
        return None
    who = join_names(rivals)
    parts: list[str] = []
    rows: list[list[object]] = []
    for sku, part in latest.groupby(latest["sku"].astype(str), sort=False):
        ours = part["our_price"].dropna()
        said = join_names(
            [
                f"{_possessive(str(r['competitor']))} {fmt_num(float(r['competitor_price']), 2)} (on "
                f"{pd.Timestamp(r['date']).date().isoformat()})"
                for _, r in part.iterrows()
            ],
            4,
        )
        parts.append(
            f"{who} has no price for {sku} {_period(first, today)}; the other competitors' latest: {said}"
            + (f", against our {fmt_num(float(ours.iloc[-1]), 2)}" if not ours.empty else "")
        )
        rows += [
            [
                sku,
                str(r["competitor"]),
                round(float(r["competitor_price"]), 2),
                None if pd.isna(r["our_price"]) else round(float(r["our_price"]), 2),
                pd.Timestamp(r["date"]).date().isoformat(),
            ]
            for _, r in part.iterrows()
        ]
    return AgentAnswer(
        ask=ask,
        text="; ".join(parts) + ".",
        columns=_COLUMNS,
        rows=rows,
        total_rows=len(rows),
        method=f"{who}'s prices and the other competitors' latest price per product "
        f"{_period(first, today)}, with our price on that day",
        skus=list(skus),
        period_start=first,
        period_end=today,
    )
