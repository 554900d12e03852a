"""How price-sensitive a product is: the pooled elasticity stated as an answer (#18).

"How price sensitive is X?", "is demand for X elastic?", "which products are most price sensitive?" ask for the
elasticity itself, not the price position nor a what-if. The estimate is :func:`shared.pricing.elasticity.
pooled_elasticity` (a SKU's own log-log slope shrunk toward its category's and the catalogue's), the one the
what-if uses; it needs our sales and prices only, so it answers without any competitor price. Pure: no I/O.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from shared.agents.answers import AgentAnswer, join_names, ranked_table

COLUMNS = ["sku", "elasticity", "ci_low", "ci_high", "n_obs", "pooled", "source"]
#: Products named in the catalogue-wide answer, each end.
NAMED = 3


def _class(low: float, high: float) -> str:
    """Elastic when the whole interval is below -1, inelastic when above it, else not told apart."""
    if high < -1.0:
        return "price-elastic"
    if low > -1.0:
        return "price-inelastic"
    return "near unit elasticity (neither clearly elastic nor inelastic)"


def _row(sku: str, r: pd.Series) -> list[Any]:
    return [sku, round(float(r["elasticity"]), 3), round(float(r["ci_low"]), 3), round(float(r["ci_high"]), 3),
            int(r["n_obs"]), bool(r["pooled"]), str(r["source"])]


def elasticity_answer(pooled: pd.DataFrame, scoped: list[str], *, level: float, method: str,
                      scope: str = "") -> AgentAnswer:
    """``elasticity``: the named SKUs' price elasticity with its interval, else the most and least sensitive.

    ``pooled`` is :func:`~shared.pricing.elasticity.pooled_elasticity`'s frame (index ``sku``); ``scoped`` the SKUs
    the question names; ``scope`` the categories it narrowed to, as the catalogue spells them ("Kitchen"). The
    sentence says what the number means ("a 1% price rise lowers units by about 1.3%").
    """
    usable = pooled[pd.to_numeric(pooled["elasticity"], errors="coerce").map(
        lambda v: v is not None and math.isfinite(v))] if not pooled.empty else pooled
    pct = f"{100 * level:g}%"
    if scoped:
        rows = [_row(s, usable.loc[[s]].iloc[0]) for s in scoped if s in usable.index]
        if not rows:
            return AgentAnswer(ask="elasticity", answered=False, skus=list(scoped), method=method,
                               text=f"The price elasticity of {join_names(list(scoped))} cannot be estimated: no "
                                    "usable daily sales with a price were found for it.")
        sku, b, low, high, n_obs, pooled_flag, _ = rows[0]
        effect = abs(b)
        direction = "lowers" if b < 0 else "raises"
        text = (f"{sku} is {_class(low, high)}: its price elasticity is {b:.2f} ({pct} interval {low:.2f} to "
                f"{high:.2f}), so a 1% price rise {direction} its units by about {effect:.1f}% (fitted on {n_obs} days "
                "of sales" + (", pooled toward its category and the catalogue)" if pooled_flag else ")"))
        if len(rows) > 1:
            text += "; " + ", ".join(f"{r[0]} {r[1]:.2f}" for r in rows[1:]) + "."
        else:
            text += "."
        table, total = ranked_table(COLUMNS, rows)
        return AgentAnswer(ask="elasticity", text=text, columns=COLUMNS, rows=table, total_rows=total, method=method,
                           skus=[str(r[0]) for r in rows], finding_prefixes=["elasticity:"])
    if usable.empty:
        return AgentAnswer(ask="elasticity", answered=False, method=method,
                           text="No product's price elasticity can be estimated: daily sales with a price that "
                                "varied are needed.")
    ranked = usable.sort_values("elasticity", kind="stable")
    rows = [_row(str(s), r) for s, r in ranked.iterrows()]
    most = ", ".join(f"{r[0]} ({r[1]:.2f})" for r in rows[:NAMED])
    least = ", ".join(f"{r[0]} ({r[1]:.2f})" for r in rows[::-1][:NAMED])
    elastic = sum(1 for r in rows if r[3] < -1.0)
    kind = f"{scope} products" if scope else "products"
    ends = f"{most}; the least: {least}" if len(rows) > NAMED else most  # few: each named once
    text = (f"The most price-sensitive {kind} (most negative price elasticity, of {len(rows)} estimated) are "
            f"{ends}; {elastic} of {len(rows)} are clearly price-elastic (the whole {pct} interval below -1).")
    table, total = ranked_table(COLUMNS, rows)
    return AgentAnswer(ask="elasticity", text=text, columns=COLUMNS, rows=table, total_rows=total, method=method,
                       skus=[str(r[0]) for r in rows[:NAMED]], finding_prefixes=["elasticity:"])
