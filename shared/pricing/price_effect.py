"""What followed our last price change on a product: its units a day before against after (#18).

"Did our last price change on X affect sales?", "what happened to X's sales after we repriced it?" ask about one
change of our own list price (:func:`shared.pricing.own_prices.price_changes`: the first day sold at the new price).
The answer sets the product's units a day in the :data:`EFFECT_DAYS` days before that day against the as many days
from it on (fewer when the data end sooner), with revenue a day beside them, and says which way sales went. Other
things move sales too (the season, promotions, competitors' prices), so it says what followed the change, not
that the change caused it; the price elasticity answers how much a price moves demand.

Pure: frames in, a sentence out.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from shared.agents.answers import fmt_num

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
