"""What a "should I raise the price of X?" answer adds to its recommendation: the elasticity and the margin.

A merchant deciding one product's price weighs how demand answers a price change and what each unit earns. After
the recommendation (:func:`shared.pricing.answers.reprice_answer`) the answer says the product's pooled price
elasticity with its interval, and, when the catalogue holds its cost, the unit margin now and at the recommended
price; without a cost it says the margin cannot be given. Pure: numbers in, sentences out.
"""

from __future__ import annotations

import math

import pandas as pd

from shared.agents.answers import fmt_num


def elasticity_sentence(pooled: pd.DataFrame | None, sku: str, level: float) -> str:
    """" Its price elasticity is -1.32 (80% interval -1.9 to -0.7): a 1% price rise lowers units by about 1.3%."."""
    if pooled is None or sku not in pooled.index:
        return " Its price elasticity cannot be estimated (no usable daily sales with a price)."
    row = pooled.loc[[sku]].iloc[0]
    b, low, high = (float(pd.to_numeric(row[c], errors="coerce")) for c in ("elasticity", "ci_low", "ci_high"))
    if not math.isfinite(b):
        return " Its price elasticity cannot be estimated (no usable daily sales with a price)."
    direction = "lowers" if b < 0 else "raises"
    interval = f" ({100 * level:g}% interval {low:.2f} to {high:.2f})" if math.isfinite(low) and math.isfinite(high) \
        else ""
    return (f" Its price elasticity is {b:.2f}{interval}: a 1% price rise {direction} its units by about "
            f"{abs(b):.1f}%.")


def margin_sentence(cost: float | None, now: float, recommended: float) -> str:
    """" Its unit margin is 8.50 (25.0%) now and would be 7.20 (22.0%) at 32.70 (cost 25.49)."."""
    if cost is None or not math.isfinite(cost) or now <= 0:
        return " Its margin cannot be given: the catalogue holds no cost for it."

    def margin(price: float) -> str:
        return f"{fmt_num(price - cost, 2)} ({100 * (price - cost) / price:.1f}%)" if price > 0 else "n/a"

    if abs(recommended - now) < 0.005:
        return f" Its unit margin is {margin(now)} at {fmt_num(now, 2)} (cost {fmt_num(cost, 2)})."
    return (f" Its unit margin is {margin(now)} now and would be {margin(recommended)} at {fmt_num(recommended, 2)} "
            f"(cost {fmt_num(cost, 2)}).")
