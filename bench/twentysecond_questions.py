"""A twenty-second set of phrasings for the question bench (batch ``twentysecond``, "held out"), with truths from rows.

The twenty-first round's leftovers, worded anew after their fixes and measured once before any change for them:
orders on promotion (an order with a line on promotion or with a discount, as "orders with a discount" are counted),
their share, the units sold on promotion; and yes/no trend questions ("is revenue going down?"), whose answer must
say yes, no or roughly flat (a change within 1% either way) before the figures: the last 30 days against the 30 before.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from bench.nineteenth_questions import window_before
from bench.question_data import BenchTenant
from bench.questions import Case, _orders, rev, units
from bench.thirteenth_questions import phrasing_set
from bench.twentyfirst_questions import discounted_orders

#: A change this small (in %, either way) is answered "roughly flat".
FLAT_PCT = 1.0


def promo_units(f: pd.DataFrame) -> float:
    """Units of the lines on promotion or with a discount."""
    hit = f["promo"].fillna(False).astype(bool) | (pd.to_numeric(f["discount"], errors="coerce").fillna(0) > 0)
    return float(f.loc[hit, "units"].sum())


def verdict(way: str, now: float, before: float) -> str:
    """How a yes/no trend question asking ``way`` ("up" or "down") is answered first, as the rows have it."""
    pct = (now - before) / abs(before) * 100
    if abs(pct) < FLAT_PCT:
        return "roughly flat"
    return "yes" if (pct > 0) == (way == "up") else "no"


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """The twenty-second set (batch ``twentysecond``), written after the fixes and measured once."""
    fr, _, batch = phrasing_set(t, catalogue, "twentysecond", "held out")
    lm, lw, ytd, lq = fr.lm, fr.lw, fr.ytd, fr.lq
    add, tenant = batch.add, t.tenant

    # orders and units on promotion
    add(Case(tenant, "how many orders were placed on promotion this year", [float(discounted_orders(ytd).sum())]))
    add(
        Case(
            tenant, "what percentage of orders were on promo last quarter", [float(discounted_orders(lq).mean() * 100)]
        )
    )
    add(Case(tenant, "number of promoted orders last week", [float(discounted_orders(lw).sum())]))
    add(Case(tenant, "how many orders were on sale last month", [float(discounted_orders(lm).sum())]))
    add(Case(tenant, "units sold on promotion this year", [promo_units(ytd)]))
    add(Case(tenant, "how many units did we sell on promo last quarter", [promo_units(lq)]))
    add(Case(tenant, "share of units sold on promotion last month", [promo_units(lm) / units(lm) * 100]))
    add(Case(tenant, "items sold at a discount last month", [promo_units(lm)]))

    # yes/no trends: the last 30 days against the 30 before, the answer's verdict first
    now, before = fr.last(30), window_before(fr, 30)

    def aov(f: pd.DataFrame) -> float:
        return rev(f) / _orders(f)

    def returned(f: pd.DataFrame) -> float:
        return float(pd.to_numeric(f["returned_units"]).fillna(0).sum())

    trends: tuple[tuple[str, Callable[[pd.DataFrame], float], str], ...] = (
        ("is revenue going down?", rev, "down"),
        ("have orders been growing?", _orders, "up"),
        ("are we selling fewer units lately?", units, "down"),
        ("is aov declining", aov, "down"),
        ("are sales picking up?", rev, "up"),
        ("has revenue been falling lately", rev, "down"),
        ("are returns going up?", returned, "up"),
        ("is our revenue increasing?", rev, "up"),
    )
    for phrasing, measure, way in trends:
        moved, was = measure(now), measure(before)
        add(Case(tenant, phrasing, [moved, was], [f"{verdict(way, moved, was)} —"]))
    return batch.cases
