"""The pricing agent's direct answers: over/underpriced SKUs, who undercuts us, position, price what-if.

Pure functions over the analysis frames; each returns an :class:`AgentAnswer` whose sentence states the
answer with the numbers of the ranked rows behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared import regex as re
from shared.agents.answers import AgentAnswer, AskKind, fmt_num, join_names, ranked_table
from shared.pricing import elasticity
from shared.pricing.advice import elasticity_sentence, margin_sentence
from shared.pricing.analysis import PricingAnalysis
from shared.pricing.category_answers import category_answer
from shared.pricing.coverage_answers import coverage_answer
from shared.pricing.map_answers import map_answer
from shared.pricing.market_answers import MARKET_ASKS, market_answer, ours_cheapest_answer
from shared.pricing.money_gaps import LANDED_LEAD, money_gap_answer
from shared.pricing.options import PricingOptions
from shared.pricing.sensitivity_answers import elasticity_answer

#: A SKU more than this many percent from the median competitor is over/underpriced.
GAP_TOLERANCE_PCT = 5.0
#: "Who undercuts us" looks at this many days up to the as-of date (unless the question gave a period).
UNDERCUT_WINDOW_DAYS = 30

_POSITION_COLUMNS = ["sku", "our_price", "competitor_median", "gap_pct", "gap", "competitors", "date"]
_POSITION_METHOD = ("price index = 100 x our price / median competitor price on each SKU's latest date with both "
                    "(gap_pct = index - 100)")


def _r(value: Any, digits: int = 2) -> float | None:
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or pd.isna(value):
        return None
    return round(float(value), digits)


def _position_rows(skus: pd.DataFrame) -> list[list[Any]]:
    return [[str(sku), _r(row["our_price"]), _r(row["comp_median"]), _r(row["price_index"] - 100.0, 1),
             _r(row["gap_to_median"]), int(row["n_competitors"]), pd.Timestamp(row["latest_date"]).date().isoformat()]
            for sku, row in skus.iterrows()]


def _gap_text(sku: str, row: pd.Series) -> str:
    gap = float(row["price_index"]) - 100.0
    return f"{sku} ({gap:+.1f}%)"


def gap_answer(analysis: PricingAnalysis, ask: AskKind, scoped: list[str], scope: str = "",
               threshold: float = GAP_TOLERANCE_PCT) -> AgentAnswer:
    """``overpriced``/``underpriced``: SKUs ranked by their gap to the median competitor.

    ``scope`` names the categories the question narrowed to ("Kitchen"): "12 of 59 Kitchen SKUs". ``threshold``
    is the gap in percent a SKU must exceed (the question's "more than 10% above", else 5%).
    """
    what = f"{scope} SKUs" if scope else "SKUs"
    skus = catalogue_priced(analysis)[0]
    above = ask == "overpriced"
    side = "above" if above else "below"
    if skus.empty:
        return AgentAnswer(ask=ask, answered=False, method=_POSITION_METHOD,
                           text="No SKU could be compared with competitor prices, so none can be called "
                                f"{'overpriced' if above else 'underpriced'} (competitor prices and our prices "
                                "on the same dates are needed).")
    ordered = skus.sort_values("price_index", ascending=not above)
    gap = ordered["price_index"] - 100.0
    hits = ordered[gap > threshold] if above else ordered[gap < -threshold]
    rows, total = ranked_table(_POSITION_COLUMNS, _position_rows(hits))
    if scoped and len(skus) <= 3:
        parts = [f"{sku} is priced {abs(float(r['price_index']) - 100):.1f}% "
                 f"{'above' if r['price_index'] >= 100 else 'below'} the median competitor "
                 f"({fmt_num(float(r['our_price']), 2)} vs {fmt_num(float(r['comp_median']), 2)})"
                 for sku, r in ordered.iterrows()]
        text = "; ".join(parts) + "."
        rows, total = ranked_table(_POSITION_COLUMNS, _position_rows(ordered))
    elif hits.empty:
        extreme = ordered.iloc[0]
        text = (f"None of the {len(skus)} {what} compared is priced more than {threshold:g}% {side} the "
                f"median competitor; the furthest {side} is {_gap_text(str(ordered.index[0]), extreme)}.")
    else:
        top = [_gap_text(str(s), r) for s, r in hits.head(5).iterrows()]
        text = (f"{len(hits)} of {len(skus)} {what} {'is' if len(hits) == 1 else 'are'} priced more than "
                f"{threshold:g}% {side} the median "
                f"competitor; the furthest {side}: {join_names(top, 5)}.")
    return AgentAnswer(ask=ask, text=text, columns=_POSITION_COLUMNS, rows=rows, total_rows=total,
                       method=_POSITION_METHOD, skus=[str(r[0]) for r in rows[:10]], finding_prefixes=["position:"])


def not_gap_answer(analysis: PricingAnalysis, ask: AskKind, scope: str = "",
                   threshold: float = GAP_TOLERANCE_PCT) -> AgentAnswer:
    """``overpriced``/``underpriced`` negated: the SKUs NOT more than ``threshold``% above (below) the market.

    "Which products are NOT priced above the market?" counts those within the threshold and those on the other side,
    closest to the market first: "48 of 77 SKUs are not priced more than 5% above the median competitor (32 within
    5% of it, 16 more than 5% below)".
    """
    what = f"{scope} SKUs" if scope else "SKUs"
    skus = catalogue_priced(analysis)[0]
    above = ask == "overpriced"
    side, other = ("above", "below") if above else ("below", "above")
    if skus.empty:
        return AgentAnswer(ask=ask, answered=False, method=_POSITION_METHOD,
                           text="No SKU could be compared with competitor prices (competitor prices and our prices on "
                                "the same dates are needed).")
    gap = skus["price_index"] - 100.0
    kept = skus[gap <= threshold] if above else skus[gap >= -threshold]
    kept_gap = kept["price_index"] - 100.0
    within = int((kept_gap.abs() <= threshold).sum())
    beyond = len(kept) - within
    ordered = kept.reindex(kept_gap.abs().sort_values(kind="stable").index)
    rows, total = ranked_table(_POSITION_COLUMNS, _position_rows(ordered))
    text = (f"{len(kept)} of {len(skus)} {what} {'is' if len(kept) == 1 else 'are'} not priced more than "
            f"{threshold:g}% {side} the median competitor ({within} within {threshold:g}% of it, {beyond} more than "
            f"{threshold:g}% {other})")
    text += "; the closest to the market: " + join_names(
        [_gap_text(str(s), r) for s, r in ordered.head(5).iterrows()], 5) + "." if len(kept) else "."
    return AgentAnswer(ask=ask, text=text, columns=_POSITION_COLUMNS, rows=rows, total_rows=total,
                       method=_POSITION_METHOD + f"; negated: the SKUs not more than {threshold:g}% {side}",
                       skus=[str(r[0]) for r in rows[:10]], finding_prefixes=["position:"])


def _placed(r: Any) -> list[Any]:
    """our_price, competitor_median, gap_pct, competitors, date of one positioned SKU."""
    return [_r(r["our_price"]), _r(r["comp_median"]), _r(r["price_index"] - 100.0, 1), int(r["n_competitors"]),
            pd.Timestamp(r["latest_date"]).date().isoformat()]


_SELLER_COLUMNS = ["sku", "revenue_rank", "revenue", "our_price", "competitor_median", "gap_pct", "competitors", "date"]


def best_sellers_answer(analysis: PricingAnalysis, ask: AskKind, sellers: pd.DataFrame, *, start: date,
                        end: date) -> AgentAnswer:
    """``overpriced``/``underpriced``/``price_position`` of the best sellers: the top N by revenue, then their gap.

    ``sellers`` are the best sellers by revenue in ``[start, end]`` (``sku``, ``revenue``), best first; each is
    placed against the median competitor as :func:`gap_answer` does.
    """
    period = f"between {start.isoformat()} and {end.isoformat()}"
    method = (f"the {len(sellers)} SKUs with the most revenue {period}, then each one's " + _POSITION_METHOD)
    skus = analysis.skus.dropna(subset=["price_index"])
    placed = sellers[sellers["sku"].astype(str).isin(skus.index.astype(str))]
    n = len(sellers)
    if sellers.empty:
        return AgentAnswer(ask=ask, answered=False, method=method, period_start=start, period_end=end,
                           text=f"No product sold {period}, so there are no best sellers to compare with the market.")
    rows: list[list[Any]] = []
    for rank, (sku, revenue) in enumerate(zip(sellers["sku"].astype(str), sellers["revenue"], strict=True), 1):
        r = skus.loc[sku] if sku in skus.index else None  # one row: the index is unique
        rows.append([sku, rank, _r(revenue), *([None] * 5 if r is None else _placed(r))])
    gaps = {row[0]: float(row[5]) for row in rows if row[5] is not None}
    above = ask != "underpriced"
    side = "above" if above else "below"
    hits = [s for s, g in gaps.items() if (g > GAP_TOLERANCE_PCT if above else g < -GAP_TOLERANCE_PCT)]
    hits.sort(key=lambda s: -gaps[s] if above else gaps[s])
    lead = f"Of your {n} best seller{'s' if n != 1 else ''} by revenue {period}"
    if not gaps:
        text = f"{lead}, none has a competitor price to compare with (competitor prices for them are needed)."
    elif ask == "price_position":
        n_above = sum(g > GAP_TOLERANCE_PCT for g in gaps.values())
        n_below = sum(g < -GAP_TOLERANCE_PCT for g in gaps.values())
        text = (f"{lead}, {n_above} {'is' if n_above == 1 else 'are'} priced more than {GAP_TOLERANCE_PCT:g}% above "
                f"the median competitor and {n_below} more than {GAP_TOLERANCE_PCT:g}% below it.")
    elif hits:
        shown = [f"{s} ({gaps[s]:+.1f}%)" for s in hits]
        text = (f"{lead}, {len(hits)} {'is' if len(hits) == 1 else 'are'} priced more than "
                f"{GAP_TOLERANCE_PCT:g}% {side} the median competitor: {join_names(shown, 5)}.")
    else:
        furthest = max(gaps, key=lambda s: gaps[s] if above else -gaps[s])
        text = (f"{lead}, none is priced more than {GAP_TOLERANCE_PCT:g}% {side} the median competitor; the "
                f"furthest {side} is {furthest} ({gaps[furthest]:+.1f}%).")
    if gaps and len(placed) < n:
        text = text[:-1] + f" ({n - len(placed)} of them have no competitor price to compare.)"
    table, total = ranked_table(_SELLER_COLUMNS, rows)
    return AgentAnswer(ask=ask, text=text, columns=_SELLER_COLUMNS, rows=table, total_rows=total, method=method,
                       skus=(hits or [r[0] for r in rows])[:10], finding_prefixes=["position:"], period_start=start,
                       period_end=end)


def catalogue_priced(analysis: PricingAnalysis) -> tuple[pd.DataFrame, int]:
    """The catalogue's SKUs with a price index, and how many SKUs with one are not in the catalogue.

    Competitor prices can name SKUs the catalogue lacks (a product row refused at ingest, a product deleted): "across
    N SKUs" counts the merchant's own products; with no catalogue read, every SKU with a position.
    """
    skus = analysis.skus.dropna(subset=["price_index"])
    if not analysis.catalogue:
        return skus, 0
    own = skus[skus.index.map(str).isin(analysis.catalogue)]
    return (own, len(skus) - len(own)) if not own.empty else (skus, 0)


def position_answer(analysis: PricingAnalysis, scope: str = "") -> AgentAnswer:
    """``price_position``: where the catalogue (or the ``scope`` categories) sits against the market."""
    skus, outside = catalogue_priced(analysis)
    if skus.empty:
        return AgentAnswer(ask="price_position", answered=False, method=_POSITION_METHOD,
                           text="No SKU could be compared with competitor prices (competitor prices and our "
                                "prices on the same dates are needed).")
    gap = skus["price_index"] - 100.0
    ordered = skus.reindex(gap.abs().sort_values(ascending=False).index)
    n_above, n_below = int((gap > GAP_TOLERANCE_PCT).sum()), int((gap < -GAP_TOLERANCE_PCT).sum())
    if len(skus) == 1:
        sku, r = str(skus.index[0]), skus.iloc[0]
        text = (f"{sku} is priced {abs(float(r['price_index']) - 100):.1f}% "
                f"{'above' if r['price_index'] >= 100 else 'below'} the median competitor "
                f"({fmt_num(float(r['our_price']), 2)} vs {fmt_num(float(r['comp_median']), 2)}), rank "
                f"{int(r['rank'])} of {int(r['n_competitors']) + 1} on {pd.Timestamp(r['latest_date']).date()}.")
    else:
        label = f"{scope} SKUs" if scope else "SKUs"
        text = (f"Across {len(skus)} {label} the median price index is {float(skus['price_index'].median()):.1f} "
                f"(100 = the median competitor): {n_above} {'is' if n_above == 1 else 'are'} more than "
                f"{GAP_TOLERANCE_PCT:g}% above it, "
                f"{n_below} more than {GAP_TOLERANCE_PCT:g}% below and {len(skus) - n_above - n_below} within "
                f"{GAP_TOLERANCE_PCT:g}% of it; most out of line: "
                f"{join_names([_gap_text(str(s), r) for s, r in ordered.head(3).iterrows()], 3)}.")
        if outside:
            text += (f" {outside:,} more SKU{'s' if outside > 1 else ''} in the competitor prices "
                     f"{'are' if outside > 1 else 'is'} not in your catalogue and {'are' if outside > 1 else 'is'} "
                     "left out.")
    rows, total = ranked_table(_POSITION_COLUMNS, _position_rows(ordered))
    return AgentAnswer(ask="price_position", text=text, columns=_POSITION_COLUMNS, rows=rows, total_rows=total,
                       method=_POSITION_METHOD, skus=[str(r[0]) for r in rows[:10]], finding_prefixes=["position:"])


_UNDERCUT_COLUMNS = ["competitor", "below_us_share", "mean_gap_pct_when_below", "product_days_below",
                     "product_days_compared", "skus_undercut"]


def competitor_undercut(obs: pd.DataFrame, *, start: date | None, end: date) -> pd.DataFrame:
    """Per competitor: how often (share of product-days) and by how much (mean %) it is below our price."""
    frame = obs.dropna(subset=["competitor_price", "our_price"])
    frame = frame[frame["our_price"] > 0]
    days = pd.to_datetime(frame["date"])
    keep = days <= pd.Timestamp(end)
    if start is not None:
        keep &= days >= pd.Timestamp(start)
    frame = frame[keep]
    if frame.empty:
        return pd.DataFrame(columns=_UNDERCUT_COLUMNS[1:]).rename_axis("competitor")
    frame = frame.drop_duplicates(["sku", "date", "competitor"], keep="last")
    gap = 100.0 * (frame["our_price"] - frame["competitor_price"]) / frame["our_price"]
    below = frame["competitor_price"] < frame["our_price"]
    work = pd.DataFrame({"competitor": frame["competitor"].astype(str), "sku": frame["sku"].astype(str),
                         "below": below.astype("float64"), "gap_below": gap.where(below)})
    grouped = work.groupby("competitor", sort=True)
    out = pd.DataFrame({
        "below_us_share": grouped["below"].mean(),
        "mean_gap_pct_when_below": grouped["gap_below"].mean(),
        "product_days_below": grouped["below"].sum().astype("int64"),
        "product_days_compared": grouped["below"].size().astype("int64"),
        "skus_undercut": work[work["below"] > 0].groupby("competitor")["sku"].nunique(),
    })
    out["skus_undercut"] = out["skus_undercut"].fillna(0).astype("int64")
    out["mean_gap_pct_when_below"] = out["mean_gap_pct_when_below"].fillna(0.0)
    # how often first, then by how much (their product: the expected % below us on a random product-day)
    out["_score"] = out["below_us_share"] * out["mean_gap_pct_when_below"]
    return out.sort_values(["below_us_share", "_score"], ascending=False).drop(columns="_score")


def undercut_answer(analysis: PricingAnalysis, obs: pd.DataFrame, *, start: date | None,
                    scope: str = "") -> AgentAnswer:
    """``undercut``: competitors ranked by how often and by how much they are below our price.

    ``scope`` is the categories the question narrowed to ("who undercuts us on Kitchen products?"): said.
    """
    end = analysis.today
    window_start = start if start is not None else end - timedelta(days=UNDERCUT_WINDOW_DAYS - 1)
    table = competitor_undercut(obs, start=window_start, end=end)
    period = f"{window_start.isoformat()} and {end.isoformat()}"
    on = f" on {scope} products" if scope else ""
    method = ("per competitor, over the product-days where both prices are known: share of product-days priced "
              "below us, and the mean percentage below our price on those days")
    if table.empty:
        return AgentAnswer(ask="undercut", answered=False, method=method,
                           text=f"No competitor price could be compared with ours between {period}, so no "
                                "competitor can be said to undercut us (competitor prices and our prices are "
                                "needed for the same products and dates).")
    rows: list[list[Any]] = [
        [str(c), round(float(r["below_us_share"]), 3), round(float(r["mean_gap_pct_when_below"]), 1),
         int(r["product_days_below"]), int(r["product_days_compared"]), int(r["skus_undercut"])]
        for c, r in table.iterrows()]
    first = rows[0]
    if first[1] == 0:
        text = (f"No competitor was priced below us between {period} ({sum(r[4] for r in rows):,} product-days "
                "compared).")
    elif len(rows) == 1:
        text = (f"{first[0]} was below our price{on} on {100 * first[1]:.0f}% of {first[4]:,} product-days between "
                f"{period}, by {first[2]:.1f}% on average when below.")
    else:
        text = (f"{first[0]} undercuts us most{on}: it was below our price on {100 * first[1]:.0f}% of "
                f"{first[4]:,} product-days between {period}, by {first[2]:.1f}% on average when below")
        others = [f"{r[0]} ({100 * r[1]:.0f}%, {r[2]:.1f}%)" for r in rows[1:4] if r[1] > 0]
        text += (f"; then {join_names(others, 3)}." if others else ".")
    rows, total = ranked_table(_UNDERCUT_COLUMNS, rows)
    return AgentAnswer(ask="undercut", text=text, columns=_UNDERCUT_COLUMNS, rows=rows, total_rows=total,
                       method=method, finding_prefixes=["promo:", "move:"], period_start=window_start,
                       period_end=end)


_WHATIF_COLUMNS = ["sku", "price_change_pct", "new_price", "units_change_pct", "units_change_pct_low",
                   "units_change_pct_high", "baseline_units", "delta_units", "delta_revenue", "elasticity",
                   "elasticity_low", "elasticity_high", "horizon_days"]


def whatif_answer(scenario: dict[str, Any] | None, options: PricingOptions) -> AgentAnswer | None:
    """``what_if``: the expected change in units (%, with the interval) and the elasticity used."""
    if scenario is None:
        return None
    sku, pct = str(scenario["sku"]), float(scenario["change_pct"])
    verb = "Cutting" if pct < 0 else "Raising"
    method = (f"{scenario.get('method') or elasticity.METHOD} on daily sales (units scale by (1 + change)^elasticity; "
              f"interval from the elasticity's {100 * options.interval_level:g}% interval)")
    if not scenario.get("available"):
        return AgentAnswer(ask="what_if", answered=False, method=method, skus=[sku],
                           text=f"The demand effect of {verb.lower()} {sku}'s price by {abs(pct):g}% cannot be "
                                f"estimated: {scenario.get('reason') or 'no usable sales history'} (daily sales "
                                "with price variation are needed).")
    factor = 1.0 + pct / 100.0
    mid = 100.0 * (float(scenario["units_multiplier"]) - 1.0)
    ends = sorted(100.0 * (factor ** float(scenario[k]) - 1.0) for k in ("ci_low", "ci_high"))
    base_units = float(scenario["baseline_daily_units"]) * int(scenario["horizon_days"])
    direction = "raises" if mid >= 0 else "lowers"
    new_price = scenario.get("new_price")
    to = f" (to {fmt_num(float(new_price), 2)})" if new_price is not None and float(new_price) > 0 else ""
    text = (f"{verb} {sku}'s price by {abs(pct):g}%{to} {direction} expected demand by {abs(mid):.1f}% "
            f"({100 * options.interval_level:g}% interval {ends[0]:+.1f}% to {ends[1]:+.1f}%), about "
            f"{float(scenario['delta_units']):+,.0f} units{_revenue_change(scenario)} over "
            f"{int(scenario['horizon_days'])} days{_period(scenario)} on a baseline of "
            f"{base_units:,.0f}, using a price elasticity of {float(scenario['elasticity']):.2f} "
            f"[{float(scenario['ci_low']):.2f}, {float(scenario['ci_high']):.2f}] fitted on {int(scenario['n_obs'])} "
            "days of sales" + (" and pooled toward its category and the catalogue (its own history alone is short "
                               "or its price barely moved)." if scenario.get("pooled") else "."))
    row = [sku, pct, _r(scenario["new_price"]), round(mid, 1), round(ends[0], 1), round(ends[1], 1),
           round(base_units, 1), _r(scenario["delta_units"], 1), _r(scenario["delta_revenue"]),
           _r(scenario["elasticity"], 3), _r(scenario["ci_low"], 3), _r(scenario["ci_high"], 3),
           int(scenario["horizon_days"])]
    return AgentAnswer(ask="what_if", text=text, columns=_WHATIF_COLUMNS, rows=[row], total_rows=1, method=method,
                       skus=[sku], finding_prefixes=["scenario:"])


def several_whatif_answer(scenarios: list[dict[str, Any]], options: PricingOptions, matched: int = 0,
                          shown: int = 5) -> AgentAnswer:
    """``what_if`` for every product one name matched ("the blender": three blenders), busiest first.

    Each product's answer as :func:`whatif_answer` gives it, after a sentence that says the name matched several
    and which: the ``shown`` busiest (``matched``: how many it matched); before, the what-if needed one SKU and
    answered none. Products are named by SKU here; the caller adds their titles.
    """
    answers = [a for a in (whatif_answer(s, options) for s in sorted(
        scenarios, key=lambda s: -float(s.get("baseline_daily_units") or 0.0))[:shown]) if a is not None]
    named = [a.skus[0] for a in answers]
    # the change asked, said once when every product moves by it ("the what-if of a 10% price rise")
    changes = {round(float(s["change_pct"]), 1) for s in scenarios if s.get("change_pct") is not None}
    moved = changes.pop() if len(changes) == 1 else 0.0
    whatif = f"the what-if of a {abs(moved):g}% price {'rise' if moved > 0 else 'cut'}" if moved else "the what-if"
    of = f"{matched} products match the name; here is {whatif} for the {len(answers)} that sell the most" \
        if matched > len(answers) else f"{len(answers)} products match the name, so here is {whatif} for each"
    lead = f"{of} (busiest first): {join_names(named, len(named))}. "
    rows = [r for a in answers for r in (a.rows or [])]
    return AgentAnswer(ask="what_if", answered=any(a.answered for a in answers),
                       text=lead + " ".join(a.text for a in answers), columns=_WHATIF_COLUMNS, rows=rows,
                       total_rows=len(rows), method=answers[0].method if answers else "",
                       skus=[s for a in answers for s in a.skus], finding_prefixes=["scenario:"])


def _period(scenario: dict[str, Any]) -> str:
    """The period a what-if was asked for ("in the week of 14 December"): " (2026-12-14 to 2026-12-20)", or ""."""
    start, end = scenario.get("period_start"), scenario.get("period_end")
    return f" ({start} to {end})" if start and end else ""


def _revenue_change(scenario: dict[str, Any]) -> str:
    """" (revenue +1,234.50)": the scenario's revenue change over its horizon, when it has one."""
    delta = scenario.get("delta_revenue")
    if delta is None or not np.isfinite(float(delta)):
        return ""
    return f" (revenue {float(delta):+,.2f})"


_REPRICE_COLUMNS = ["sku", "our_price", "recommended_price", "change_pct", "competitor_median", "method", "flags"]
_METHODS = {"rule": "toward the competitors' median price", "elasticity": "the profit-maximising price from its "
            "price elasticity", "hold": "no competitor price to move toward"}
#: A recommended price closer than this (%) to ours is "keep".
REPRICE_TOLERANCE_PCT = 0.5


def reprice_answer(analysis: PricingAnalysis, scoped: list[str], scope: str = "") -> AgentAnswer:
    """``reprice``: the recommended price against ours, biggest changes first (named SKUs: raise, lower or keep).

    ``scope`` names the categories the question narrowed to ("repricing suggestions for Outdoor"): "11 of 13 Outdoor
    SKUs".

    The recommendation moves toward the competitors' median (or the elasticity optimum when the estimate is
    good) within the step limit, margin floor, MAP and MSRP (:func:`shared.pricing.recommend.recommend_prices`).
    """
    method = ("recommended price = the competitors' median price x target index (or the profit-maximising price "
              "when the elasticity is well estimated), kept within a 10% step, the margin floor, MAP and MSRP")
    skus = analysis.skus.dropna(subset=["recommended_price", "our_price"])
    if scoped:
        skus = skus[skus.index.isin(scoped)]
    if skus.empty:
        return AgentAnswer(ask="reprice", answered=False, method=method, skus=list(scoped),
                           text="No price could be recommended" + (f" for {join_names(scoped)}" if scoped else "")
                                + " (competitor prices and our prices on the same dates are needed).")
    change = skus["change_pct"].astype("float64")
    # furthest from its target first (many changes are capped at the same step)
    distance = (skus["target_price"].astype("float64") / skus["our_price"].astype("float64") - 1.0).abs()
    ordered = skus.reindex(distance.fillna(change.abs() / 100).sort_values(ascending=False, kind="stable").index)
    rows = [[str(s), _r(r["our_price"]), _r(r["recommended_price"]), _r(r["change_pct"], 1), _r(r["comp_median"]),
             str(r["method"]), str(r["flags"] or "")] for s, r in ordered.iterrows()]
    if scoped and len(skus) <= 3:
        parts = []
        for s, r in ordered.iterrows():
            pct, now, rec = float(r["change_pct"]), float(r["our_price"]), float(r["recommended_price"])
            verb = "Keep" if abs(pct) < REPRICE_TOLERANCE_PCT else "Raise" if pct > 0 else "Lower"
            target = f"at {fmt_num(now, 2)}" if verb == "Keep" else f"from {fmt_num(now, 2)} to {fmt_num(rec, 2)} " \
                                                                   f"({pct:+.1f}%)"
            median = f"; competitors' median {fmt_num(float(r['comp_median']), 2)}" if pd.notna(r["comp_median"]) \
                else ""
            parts.append(f"{verb} {s} {target}: {_METHODS.get(str(r['method']), str(r['method']))}{median}"
                         + (" (capped by a 10% step)" if "step_limited" in str(r["flags"]) else ""))
        text = "; ".join(parts) + "."
    else:
        moving = ordered[change.reindex(ordered.index).abs() >= REPRICE_TOLERANCE_PCT]
        up = int((moving["change_pct"] > 0).sum())
        top = [f"{s} {fmt_num(float(r['our_price']), 2)} to {fmt_num(float(r['recommended_price']), 2)} "
               f"({float(r['change_pct']):+.1f}%)" for s, r in moving.head(5).iterrows()]
        what = f"{scope} SKUs" if scope else "SKUs"
        text = (f"Reprice {len(moving)} of {len(skus)} {what}: lower {len(moving) - up} and raise {up} (recommended "
                f"price at least {REPRICE_TOLERANCE_PCT:g}% from ours); biggest changes: {join_names(top, 5)}."
                if len(moving) else f"Keep all {len(skus)} {scope + ' ' if scope else ''}prices: every recommended "
                                    f"price is within {REPRICE_TOLERANCE_PCT:g}% of ours.")
    table, total = ranked_table(_REPRICE_COLUMNS, rows)
    return AgentAnswer(ask="reprice", text=text, columns=_REPRICE_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in rows[:10]], finding_prefixes=["recommendation:", "position:"])


_TOKEN = re.compile(r"[A-Za-z0-9][\w./-]*[A-Za-z0-9]|[A-Za-z0-9]")


def name_products(text: str, titles: Mapping[str, str], skus: list[str]) -> str:
    """``text`` with the first mention of each of ``skus`` that has a title as "Ceramic Vase (HOM-0012)"."""
    for sku in dict.fromkeys(skus):
        title = titles.get(sku)
        if title and title != sku:
            called = f"{title} ({sku})".replace("\\", "\\\\")  # a literal replacement, not a template
            text = re.sub(rf"(?<![\w-]){re.escape(sku)}(?![\w-])", called, text, count=1)
    return text


def with_titles(answer: AgentAnswer, titles: Mapping[str, str], scoped: list[str]) -> AgentAnswer:
    """The answer with its products called by their titles: "Kestrel Headlamp (OUT-0003)".

    Each SKU the sentence names is called by its title once (the first time), whether the question named it
    or the answer ranked the catalogue; the rows get a ``product`` column beside ``sku``. The merchant thinks
    in product names; the SKU stays beside each for the table and the evidence.
    """
    if not titles:
        return answer
    sku_at = answer.columns.index("sku") if "sku" in answer.columns else None
    named = [str(r[sku_at]) for r in answer.rows] if sku_at is not None else []
    said = [t for t in _TOKEN.findall(answer.text) if t in titles]  # SKUs the sentence names beyond the rows
    update: dict[str, Any] = {"text": name_products(answer.text, titles, [*scoped, *answer.skus, *named, *said])}
    if sku_at is not None and "product" not in answer.columns and any(titles.get(s) for s in named):
        update["columns"] = [*answer.columns[:sku_at + 1], "product", *answer.columns[sku_at + 1:]]
        update["rows"] = [[*r[:sku_at + 1], titles.get(str(r[sku_at])), *r[sku_at + 1:]] for r in answer.rows]
    return answer.model_copy(update=update)


def pricing_answers(asks: list[AskKind], analysis: PricingAnalysis, obs: pd.DataFrame, options: PricingOptions,
                    *, scoped: list[str], start: date | None, competitors: list[str] | None = None,
                    end: date | None = None, titles: Mapping[str, str] | None = None,
                    sellers: tuple[pd.DataFrame, date, date] | None = None, scope: str = "",
                    elasticities: pd.DataFrame | None = None,
                    map_prices: pd.Series | None = None, gap_pct: float | None = None,
                    negated: bool = False,
                    what_if_matched: int = 0, gap_money: float | None = None, gap_reference: str | None = None,
                    landed: bool = False, moves_order: str | None = None,
                    catalogue: list[str] | None = None) -> list[AgentAnswer]:
    """Answer each pricing ask the question has.

    ``competitors`` are the ones the question names; ``start``/``end`` the period it names (the competitor answers
    read the prices in it); ``titles`` (SKU -> product title) name the products. ``sellers`` are the best
    sellers a question is about ("which of our best sellers ..."), best first, with the period they sold in;
    ``scope`` the categories the question narrowed to, as the catalogue spells them; ``elasticities`` the pooled
    elasticity per SKU (:func:`~shared.pricing.elasticity.pooled_elasticity`) when an ``elasticity`` ask is answered;
    ``map_prices`` the catalogue's minimum advertised price per SKU (``map_violations``); ``gap_pct`` the gap the
    question names for ``overpriced``/``underpriced`` ("more than 10% above the market"), else 5%; ``negated`` asks
    for the products that are not ("which products are NOT priced above the market"). ``gap_reference`` asks the
    over/underpriced gap in money (to ``"lowest"``, the cheapest competitor, or ``"median"``), past ``gap_money``
    when the question names it; ``landed`` says first that the competitors' shipping was added (the analysis was
    run shipping-inclusive). ``moves_order`` ranks the competitors' price moves ("who raised prices the most");
    ``catalogue`` lists the products a ``competitor_coverage`` ask counts (those no competitor prices included).
    """
    out: list[AgentAnswer] = []
    if sellers is not None:
        scoped = [str(s) for s in sellers[0]["sku"]]
    for ask in asks:
        answer: AgentAnswer | None
        if sellers is not None and ask in ("overpriced", "underpriced", "price_position"):
            answer = best_sellers_answer(analysis, ask, sellers[0], start=sellers[1], end=sellers[2])
        elif ask in MARKET_ASKS:
            last = min(end, analysis.today) if end is not None else analysis.today
            answer = market_answer(ask, obs, list(competitors or []), today=last, start=start, scoped=scoped,
                                   order=moves_order)
            if scope and ask == "versus_competitor":  # "... than us on Electronics?": the category compared, said
                answer = answer.model_copy(update={"text": answer.text.replace(
                    " matched products", f" matched {scope} products", 1)})
        elif ask == "competitor_coverage":
            last = min(end, analysis.today) if end is not None else analysis.today
            answer = coverage_answer(obs, list(catalogue or []), today=last, start=start, scoped=scoped)
        elif ask in ("ours_cheapest", "ours_dearest"):
            last = min(end, analysis.today) if end is not None else analysis.today
            answer = ours_cheapest_answer(obs, today=last, start=start, dearest=ask == "ours_dearest")
        elif ask == "map_violations":
            last = min(end, analysis.today) if end is not None else analysis.today
            answer = map_answer(obs, map_prices if map_prices is not None else pd.Series(dtype="float64"),
                                list(competitors or []), today=last, start=start, scoped=scoped)
        elif ask == "reprice":
            answer = reprice_answer(analysis, scoped, scope)
            if len(scoped) == 1 and answer.answered and scoped[0] in analysis.skus.index:
                # "should I raise the price of X?": how demand answers its price, and what each unit earns
                row = analysis.skus.loc[[scoped[0]]].iloc[0]
                cost = pd.to_numeric(pd.Series([row.get("cost")]), errors="coerce").iloc[0]
                tail = elasticity_sentence(elasticities, scoped[0], options.interval_level) + margin_sentence(
                    None if pd.isna(cost) else float(cost), float(row["our_price"]), float(row["recommended_price"]))
                answer = answer.model_copy(update={"text": answer.text + tail})
        elif ask == "elasticity" and elasticities is not None:
            answer = elasticity_answer(elasticities, scoped, level=options.interval_level,
                                       method=f"{elasticity.POOLED_METHOD} on daily sales", scope=scope)
        elif ask == "category_position":
            answer = category_answer(analysis.categories, lowest_first=moves_order == "down")
        elif ask in ("overpriced", "underpriced") and gap_reference is not None:
            last = min(end, analysis.today) if end is not None else analysis.today
            answer = money_gap_answer(analysis, obs, ask, amount=gap_money, reference=gap_reference, today=last,
                                      start=start, landed=landed, scoped=scoped)
        elif ask in ("overpriced", "underpriced"):
            threshold = GAP_TOLERANCE_PCT if gap_pct is None else float(gap_pct)
            answer = (not_gap_answer(analysis, ask, scope, threshold) if negated and not scoped
                      else gap_answer(analysis, ask, scoped, scope, threshold))
        elif ask == "undercut" and scoped and len(scoped) <= 3:  # "is anyone cheaper than us on X": X's sellers
            last = min(end, analysis.today) if end is not None else analysis.today
            answer = market_answer("cheapest_competitor", obs, list(competitors or []), today=last, start=start,
                                   scoped=scoped).model_copy(update={"ask": "undercut"})
        elif ask == "undercut":
            answer = undercut_answer(analysis, obs, start=start, scope=scope)
        elif ask == "what_if" and len(analysis.scenarios) > 1:
            answer = several_whatif_answer(analysis.scenarios, options, what_if_matched)
        elif ask == "what_if":
            answer = whatif_answer(analysis.scenario, options)
            if answer is None:
                answer = AgentAnswer(ask="what_if", answered=False, text="A price what-if needs one named SKU and "
                                     "a price change (e.g. 'cut SKU-1 by 10%').")
        else:
            answer = position_answer(analysis, scope)
        if landed and answer.answered and not answer.text.startswith(LANDED_LEAD) and ask in _LANDED_ASKS:
            answer = answer.model_copy(update={"text": LANDED_LEAD + answer.text})
        out.append(with_titles(answer, titles or {}, scoped))
    return out


#: The answers read from the analysis' positions, which a landed-price question computes shipping-inclusive.
_LANDED_ASKS = frozenset({"overpriced", "underpriced", "price_position", "reprice"})
