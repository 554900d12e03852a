"""The pricing agent's answer to "any MAP violations?": competitors' current prices below our minimum advertised price.

A product's MAP (``products.map_price``) is the floor its brand lets sellers advertise at; a competitor's current
price (its latest observation in the window, as every market answer reads it) below it is a violation, the same
rule as the ``map_violation`` alert (:func:`shared.alerts.signals.map_violations`). Without any MAP in the
catalogue there is no floor to compare with: the answer says so first, and what to upload, never a guess from
the list price. Pure: frames in, an :class:`AgentAnswer` out.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.agents.answers import AgentAnswer, fmt_num, join_names, ranked_table
from shared.pricing.market_answers import TIE, latest_prices

_MAP_COLUMNS = ["competitor", "sku", "competitor_price", "map_price", "below_by", "date"]
NO_MAP = ("No minimum advertised price (MAP) is recorded for any product in your catalogue, so MAP violations "
          "cannot be checked: add a map_price column to your products file")


def map_answer(obs: pd.DataFrame, map_prices: pd.Series, competitors: list[str], *, today: date,
               start: date | None, scoped: list[str]) -> AgentAnswer:
    """``map_violations``: the (competitor, product) pairs whose current price is below the product's MAP.

    ``map_prices`` is the catalogue's MAP per SKU (NaN where none); ``competitors`` the ones the question names.
    """
    floors = pd.to_numeric(map_prices, errors="coerce").dropna()
    floors = floors[floors > 0]
    if scoped:
        floors = floors[floors.index.astype(str).isin(scoped)]
    if floors.empty:
        return AgentAnswer(ask="map_violations", answered=False, method="products.map_price",
                           text=NO_MAP + ("." if not scoped else f" (none for {join_names(scoped)})."))
    frame = obs if not competitors else obs[obs["competitor"].astype(str).str.lower().isin(
        {c.lower() for c in competitors})]
    if not obs.empty and start is None:
        today = min(today, pd.Timestamp(obs["date"].max()).date())
    first = start if start is not None else today - pd.Timedelta(days=29).to_pytimedelta()
    latest = latest_prices(frame[frame["sku"].astype(str).isin(floors.index.astype(str))], first, today)
    method = (f"each competitor's latest price per product between {first.isoformat()} and {today.isoformat()} "
              f"against the product's map_price (a violation: more than {TIE} below it)")
    if latest.empty:
        return AgentAnswer(ask="map_violations", method=method, period_start=first, period_end=today,
                           text=f"No competitor price between {first.isoformat()} and {today.isoformat()} is for one "
                                f"of the {len(floors):,} products with a MAP, so none can be checked.")
    floor = latest["sku"].astype(str).map(floors.rename(index=str)).astype("float64")
    price = latest["competitor_price"].astype("float64")
    below = latest.assign(map_price=floor, below_by=floor - price)[floor - price > TIE]
    below = below.sort_values(["below_by", "competitor"], ascending=[False, True], kind="stable")
    rows = [[str(r["competitor"]), str(r["sku"]), round(float(r["competitor_price"]), 2),
             round(float(r["map_price"]), 2), round(float(r["below_by"]), 2),
             pd.Timestamp(r["date"]).date().isoformat()] for _, r in below.iterrows()]
    carried = sorted(latest["sku"].astype(str).unique())
    # "is anyone breaking MAP on the toaster?": the product itself, by name, not "the 1 products"
    named = bool(scoped) and len(carried) <= 3
    checked = join_names(carried) if named else f"{len(carried):,} products with a MAP that competitors carry"
    period = f"between {first.isoformat()} and {today.isoformat()}"
    if below.empty:
        text = (f"No competitor is advertising below MAP: every latest price {period} on {'' if named else 'the '}"
                f"{checked} is at or above its MAP.")
    else:
        who = below.groupby(below["competitor"].astype(str)).size().sort_values(ascending=False, kind="stable")
        worst = below.iloc[0]
        text = (f"{len(below):,} competitor price{'s are' if len(below) != 1 else ' is'} below MAP on "
                f"{below['sku'].nunique():,} of {'' if named else 'the '}{checked} (latest prices {period}): "
                + join_names([f"{name} {n:,}" for name, n in who.items()], 6)
                + f"; the furthest below, {worst['competitor']} on {worst['sku']} at "
                  f"{fmt_num(float(worst['competitor_price']), 2)} vs a MAP of "
                  f"{fmt_num(float(worst['map_price']), 2)}.")
    table, total = ranked_table(_MAP_COLUMNS, rows)
    return AgentAnswer(ask="map_violations", text=text, columns=_MAP_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=(list(dict.fromkeys(r[1] for r in rows)) or (carried if named else []))[:10],
                       period_start=first,
                       period_end=today)
