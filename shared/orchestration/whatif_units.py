"""One price what-if: the pricing agent's elasticity and price applied to the demand forecast's units.

Both agents answer "what if I cut X's price by 10%": the pricing agent scales the last 28 days' rate (units x
days), the forecast agent its forecast of those days, with one elasticity (the pricing agent's pooled estimate).
Said side by side they disagreed (+27 against +20 units on one product). The answer is the pricing agent's sentence
(new price, elasticity, interval, revenue) with its units on the forecast's baseline: the days ahead are the
forecast's to count (a season, a trend), the response to price the elasticity's. Pure: the two answers in.
"""

from __future__ import annotations

from shared import regex as re
from shared.agents.answers import AgentAnswer
from shared.forecast.answers import fmt_num

#: The pricing sentence's units part: "about +27 units (revenue +361.34) over 30 days ... on a baseline of 186".
_UNITS_PART = re.compile(
    r"about [+-]?[\d,]+ units(?: \(revenue [^)]*\))? over (?P<days>\d+) days(?P<period>.*?) "
    r"on a baseline of [\d,]*\d"
)
#: Elasticities this close are one estimate (the rows round to 3 decimals).
_SAME_ELASTICITY = 0.002


def on_forecast_baseline(pricing: AgentAnswer, forecast: AgentAnswer) -> AgentAnswer:
    """``pricing``'s what-if with its units (and revenue) on ``forecast``'s baseline, or ``pricing`` unchanged.

    Unchanged unless both answered for the same one SKU over the same days with the same elasticity (a what-if
    the forecast agent could not apply, or one on several products, keeps the pricing agent's own figures).
    """
    if not (pricing.answered and forecast.answered and len(pricing.rows) == 1 and len(forecast.rows) == 1):
        return pricing
    p = dict(zip(pricing.columns, pricing.rows[0], strict=False))
    f = dict(zip(forecast.columns, forecast.rows[0], strict=False))
    try:
        same = (
            p["sku"] == f["sku"]
            and int(p["horizon_days"]) == int(f["horizon_days"])
            and abs(float(p["elasticity"]) - float(f["elasticity"])) <= _SAME_ELASTICITY
        )
        changed, change_pct = float(f["forecast_units"]), float(f["units_change_pct"])
        pct = float(p["price_change_pct"])
    except (KeyError, TypeError, ValueError):
        return pricing
    if not same or change_pct <= -100:
        return pricing
    base = changed / (1 + change_pct / 100)
    delta = changed - base
    new_price = p.get("new_price")
    revenue = ""
    delta_revenue = None
    if new_price is not None and float(new_price) > 0:
        price = float(new_price) / (1 + pct / 100)
        delta_revenue = changed * float(new_price) - base * price
        revenue = f" (revenue {delta_revenue:+,.2f})"
    m = _UNITS_PART.search(pricing.text)
    if m is None:
        return pricing
    said = (
        f"about {delta:+,.0f} units{revenue} over {m.group('days')} days{m.group('period')}: the demand "
        f"forecast's {fmt_num(base, 0)} units become about {fmt_num(changed, 0)}"
    )
    row = list(pricing.rows[0])
    for column, value in (
        ("baseline_units", round(base, 1)),
        ("delta_units", round(delta, 1)),
        ("delta_revenue", None if delta_revenue is None else round(delta_revenue, 2)),
    ):
        if column in pricing.columns:
            row[pricing.columns.index(column)] = value
    return pricing.model_copy(
        update={
            "text": pricing.text[: m.start()] + said + pricing.text[m.end() :],
            "rows": [row],
            "method": f"{pricing.method}; units on the demand forecast of those days (the forecast agent's), not the "
            "last 28 days' rate",
        }
    )
