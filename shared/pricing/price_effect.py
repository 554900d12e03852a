"""What followed our last price change on a product: its units a day before against after (#18).

"Did our last price change on X affect sales?", "what happened to X's sales after we repriced it?" ask about one
change of our own list price (:func:`shared.pricing.own_prices.price_changes`: the first day sold at the new price).
The answer sets the product's units a day in the :data:`EFFECT_DAYS` days before that day against the as many days
from it on (fewer when the data end sooner), with revenue a day beside them, and says which way sales went. Other
things move sales too (the season, promotions, competitors' prices), so it says what followed the change, not
that the change caused it; the price elasticity answers how much a price moves demand.

"Did our price cuts last month help sales?", "how did sales of X and Y react after we repriced them?" ask the same of
several changes at once (:func:`changes_effect_text`): each product's last change of the period (or of the products
named), its units a day before against after as above, summed over the products, with how many rose and fell.

Pure: frames in, a sentence out.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from shared.agents.answers import fmt_num, join_names

#: Days either side of the change whose units a day are set against each other.
EFFECT_DAYS = 28
#: Units a day within this share of before are "about the same" (a few units either way are noise).
SAME_SHARE = 0.10
#: Fewer days than this after the change: too soon to tell, said so.
MIN_AFTER_DAYS = 7
CAVEAT = (
    "Other things move sales too (the season, promotions, competitors' prices), so this is what followed the "
    "change, not proof that it caused it; the price elasticity says how much price moves demand."
)


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _window(sales: pd.DataFrame, start: date, end: date) -> tuple[float, float]:
    """Units and revenue of ``sales`` (date, units, revenue) from ``start`` to ``end``."""
    days = pd.to_datetime(sales["date"]).dt.date
    inside = sales[(days >= start) & (days <= end)]
    return float(inside["units"].sum()), float(pd.to_numeric(inside["revenue"], errors="coerce").fillna(0.0).sum())


def _rates(sales: pd.DataFrame, sku: str, first: date, today: date) -> tuple[float, float, int]:
    """``sku``'s units a day before ``first`` and from it, and the days after counted.

    The :data:`EFFECT_DAYS` days before against as many from ``first`` on (to ``today`` at most).
    """
    rows = sales[sales["sku"].astype(str) == sku]
    after_end = min(first + timedelta(days=EFFECT_DAYS - 1), today)
    after_days = max((after_end - first).days + 1, 1)
    units_before, _ = _window(rows, first - timedelta(days=EFFECT_DAYS), first - timedelta(days=1))
    units_after, _ = _window(rows, first, after_end)
    return units_before / EFFECT_DAYS, units_after / after_days, after_days


def _verdict(before: float, after: float) -> str:
    """Which way units a day went: "rose 12%", "fell 30%", "held about level", "rose from none"."""
    if before <= 0:
        return "rose from none" if after > 0 else "sold nothing either side"
    moved = after / before - 1
    return (
        "held about level" if abs(moved) <= SAME_SHARE else f"{'rose' if moved > 0 else 'fell'} {abs(moved) * 100:.0f}%"
    )


#: Products set out one by one after the totals (the largest moves in units a day first).
SHOWN = 5


def changes_effect_text(
    changes: pd.DataFrame,
    sales: pd.DataFrame,
    *,
    what: str,
    period: str,
    today: date,
    names: dict[str, str],
    named: bool = False,
) -> str:
    """The sentence on several list-price changes and the units a day of their products before and after.

    ``changes``: the changes asked about (:func:`~shared.pricing.own_prices.price_changes` rows, already kept to the
    period, direction and products asked; a product's last one is taken); ``sales``: daily rows (sku, date, units,
    revenue) of their products; ``what``: the changes said ("had their list price cut"); ``period``: how the period
    is said ("between 1 Nov 2026 and 30 Nov 2026", or "" for the products' last changes); ``names``: how a SKU is
    said; ``named``: the products were named in the question (a few lead the answer, each one's own change).
    """
    last = changes.sort_values("changed_on").groupby("sku", sort=False).tail(1)
    where = f" {period}" if period else ""
    if last.empty:
        return (
            f"No products {what}{where} (promotions aside), so there is no price change whose effect on sales could "
            "be read."
        )
    per: list[tuple[str, float, float, int, pd.Series]] = []
    for _, r in last.iterrows():
        sku = str(r["sku"])
        before, after, days = _rates(sales, sku, r["changed_on"], today)
        per.append((sku, before, after, days, r))
    total_before, total_after = sum(p[1] for p in per), sum(p[2] for p in per)
    verdicts = [_verdict(p[1], p[2]).split(" ")[0] for p in per]
    rose, fell = verdicts.count("rose"), verdicts.count("fell")
    level = len(per) - rose - fell
    n = len(per)
    short = min(p[3] for p in per)
    after_said = f"the {EFFECT_DAYS} days after" if short == EFFECT_DAYS else f"the up to {EFFECT_DAYS} days after"
    text = (
        f"{n} product{'s' if n != 1 else ''} {what}{where}; together their sales {_verdict(total_before, total_after)}"
        ": "
        f"{fmt_num(total_before, 2)} units a day in the {EFFECT_DAYS} days before each change against "
        f"{fmt_num(total_after, 2)} in {after_said} (rose on {rose}, fell on {fell}, about level on {level})."
    )
    ranked = sorted(per, key=lambda p: abs(p[2] - p[1]), reverse=True)
    shown = [
        f"{names.get(sku, sku)} ({fmt_num(float(r['old_price']), 2)} to {fmt_num(float(r['new_price']), 2)} on "
        f"{_day(r['changed_on'])}: {fmt_num(before, 2)} against {fmt_num(after, 2)} units a day)"
        for sku, before, after, _, r in ranked[:SHOWN]
    ]
    if named and n <= SHOWN:
        # "how did sales of X and Y react after we repriced them?": the products asked about lead, each one's own
        each = [
            f"{names.get(sku, sku)}'s {_verdict(before, after)} ({fmt_num(before, 2)} against {fmt_num(after, 2)} "
            f"units a day; {fmt_num(float(r['old_price']), 2)} to {fmt_num(float(r['new_price']), 2)} on "
            f"{_day(r['changed_on'])})"
            for sku, before, after, _, r in per
        ]
        return (
            f"After the last price change of each, sales in the {EFFECT_DAYS} days before against {after_said}: "
            f"{join_names(each, SHOWN)}; together {fmt_num(total_before, 2)} against {fmt_num(total_after, 2)} units "
            f"a day. {CAVEAT}"
        )
    lead = "By product" if n <= SHOWN else "The largest moves"
    text += f" {lead}: {join_names(shown, SHOWN)}."
    if short < MIN_AFTER_DAYS:
        text += f" Some changes are only {short} day{'s' if short != 1 else ''} old, too few to tell."
    return f"{text} {CAVEAT}"


def price_effect_text(changes: pd.DataFrame, sales: pd.DataFrame, sku: str, name: str, *, today: date) -> str:
    """The sentence on ``sku``'s last list-price change and its units a day before and after.

    ``changes``: :func:`~shared.pricing.own_prices.price_changes` rows; ``sales``: the SKU's daily rows (sku, date,
    units, revenue); ``name``: how the product is said; ``today``: the data's last day.
    """
    mine = changes[changes["sku"].astype(str) == sku]
    if mine.empty:
        return (
            f"{name}'s list price has not changed in your sales data, so there is no price change whose effect "
            "on sales could be read (promotions aside)."
        )
    last = mine.iloc[-1]
    first: date = last["changed_on"]
    before_start, before_end = first - timedelta(days=EFFECT_DAYS), first - timedelta(days=1)
    after_end = min(first + timedelta(days=EFFECT_DAYS - 1), today)
    after_days = (after_end - first).days + 1
    rows = sales[sales["sku"].astype(str) == sku]
    units_before, revenue_before = _window(rows, before_start, before_end)
    units_after, revenue_after = _window(rows, first, after_end)
    per_before, per_after = units_before / EFFECT_DAYS, units_after / max(after_days, 1)
    change = (
        f"from {fmt_num(float(last['old_price']), 2)} to {fmt_num(float(last['new_price']), 2)} "
        f"({float(last['change_pct']):+.1f}%) on {_day(first)}"
    )
    if per_before > 0:
        moved = per_after / per_before - 1
        verdict = (
            "sales held about level"
            if abs(moved) <= SAME_SHARE
            else f"sales {'rose' if moved > 0 else 'fell'} {abs(moved) * 100:.0f}%"
        )
    else:
        verdict = "sales rose from none" if per_after > 0 else "it sold nothing either side"
    after_said = f"the {after_days} days after" if after_days == EFFECT_DAYS else f"the {after_days} days since"
    text = (
        f"After {name}'s last price change, {change}, {verdict}: {fmt_num(per_before, 2)} units a day in the "
        f"{EFFECT_DAYS} days before against {fmt_num(per_after, 2)} in {after_said} ({fmt_num(units_before, 0)} "
        f"against {fmt_num(units_after, 0)} units; revenue a day {fmt_num(revenue_before / EFFECT_DAYS, 2)} "
        f"against {fmt_num(revenue_after / max(after_days, 1), 2)})."
    )
    if after_days < MIN_AFTER_DAYS:
        text += f" Only {after_days} day{'s' if after_days != 1 else ''} have passed since, too few to tell."
    return f"{text} {CAVEAT}"
