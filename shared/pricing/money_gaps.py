"""Price gaps in money, and landed prices (#18).

"Which products are $5 or more above the cheapest competitor?", "products priced more than $20 above the market":
each SKU's gap in money, our price on its latest comparable date less the reference - the lowest of the
competitors' latest prices in the window ("the cheapest competitor") or the median competitor price on that date
("the market") - and the SKUs past the threshold, furthest first. "Landed prices incl. shipping": the competitor
rows' shipping is added to their prices (the analysis' ``include_shipping``); our own shipping is not in the data,
which the answer says. Pure: frames in, answers out.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.agents.answers import AgentAnswer, AskKind, fmt_num, join_names, ranked_table
from shared.pricing.analysis import PricingAnalysis
from shared.pricing.market_answers import latest_prices

#: What an answer compared with the competitors' shipping added says first.
LANDED_LEAD = ("With the competitors' shipping added to their prices (landed prices; your own shipping is not in "
               "your data, so none is added to yours): ")
_COLUMNS = ["sku", "our_price", "reference_price", "gap", "date"]


def lowest_latest(obs: pd.DataFrame, *, today: date, start: date | None, landed: bool = False) -> pd.Series:
    """Per SKU, the lowest of the competitors' latest prices in the window (their shipping added when ``landed``)."""
    frame = obs
    if landed and "shipping" in obs:
        frame = obs.assign(competitor_price=obs["competitor_price"] + obs["shipping"].fillna(0.0))
    if not frame.empty and start is None:
        today = min(today, pd.Timestamp(frame["date"].max()).date())
    latest = latest_prices(frame, start, today)
    if latest.empty:
        return pd.Series(dtype="float64")
    return latest.groupby(latest["sku"].astype(str))["competitor_price"].min()


def money_gap_answer(analysis: PricingAnalysis, obs: pd.DataFrame, ask: AskKind, *, amount: float | None,
                     reference: str, today: date, start: date | None, landed: bool = False,
                     scoped: list[str] | None = None) -> AgentAnswer:
    """``overpriced``/``underpriced`` in money: the SKUs more than ``amount`` above (below) the reference.

    ``reference`` is ``"lowest"`` (the cheapest competitor's latest price) or ``"median"`` (the median competitor
    on the SKU's latest date). Without ``amount`` (or for named SKUs) each SKU's gap is said.
    """
    skus = analysis.skus.dropna(subset=["price_index"])
    if scoped:
        skus = skus[skus.index.astype(str).isin(scoped)]
    above = ask != "underpriced"
    to = "the cheapest competitor" if reference == "lowest" else "the median competitor"
    method = (f"gap = our price on each SKU's latest date with a competitor price less {to}'s price ("
              + ("the lowest of each competitor's latest price in the window" if reference == "lowest"
                 else "the median competitor price that day") + ")" + (", competitors' shipping added" if landed
                                                                         else ""))
    if reference == "lowest":
        ref = lowest_latest(obs, today=today, start=start, landed=landed).reindex(skus.index.astype(str))
    else:
        ref = skus["comp_median"].astype("float64")
    ref.index = skus.index
    frame = pd.DataFrame({"our": skus["our_price"].astype("float64"), "ref": ref, "date": skus["latest_date"]})
    frame = frame.dropna(subset=["our", "ref"])
    frame["gap"] = frame["our"] - frame["ref"]
    if frame.empty:
        return AgentAnswer(ask=ask, answered=False, method=method,
                           text=f"No SKU could be compared with {to} (competitor prices and our prices are needed).")
    ordered = frame.sort_values("gap", ascending=not above)
    if scoped or amount is None:
        parts = [f"{sku} is {fmt_num(abs(float(r['gap'])), 2)} {'above' if r['gap'] >= 0 else 'below'} {to} "
                 f"({fmt_num(float(r['our']), 2)} vs {fmt_num(float(r['ref']), 2)})" for sku, r in ordered.iterrows()]
        hits = ordered
        text = "; ".join(parts[:5]) + (f"; and {len(parts) - 5} more" if len(parts) > 5 else "") + "."
    else:
        side = "above" if above else "below"
        hits = ordered[ordered["gap"] > amount] if above else ordered[ordered["gap"] < -amount]
        shown = [f"{sku} ({float(r['gap']):+.2f})" for sku, r in hits.head(5).iterrows()]
        text = (f"{len(hits)} of {len(frame)} SKUs {'is' if len(hits) == 1 else 'are'} priced more than "
                f"{fmt_num(amount, 2)} {side} {to}" + (f"; the furthest {side}: {join_names(shown, 5)}." if shown
                                                       else "."))
    rows, total = ranked_table(_COLUMNS, [[str(s), round(float(r["our"]), 2), round(float(r["ref"]), 2),
                                           round(float(r["gap"]), 2), pd.Timestamp(r["date"]).date().isoformat()]
                                          for s, r in hits.iterrows()])
    return AgentAnswer(ask=ask, text=(LANDED_LEAD if landed else "") + text, columns=_COLUMNS, rows=rows,
                       total_rows=total, method=method, skus=[str(r[0]) for r in rows[:10]],
                       finding_prefixes=["position:"])
