"""One price what-if: the pricing agent's elasticity and price applied to the demand forecast's units.

Both agents answer "what if I cut X's price by 10%": the pricing agent scales the last 28 days' rate (units x
days), the forecast agent its forecast of those days, with one elasticity (the pricing agent's pooled estimate).
Said side by side they disagreed (+27 against +20 units on one product). The answer is the pricing agent's sentence
(new price, elasticity, interval, revenue) with its units on the forecast's baseline: the days ahead are the
forecast's to count (a season, a trend), the response to price the elasticity's. Pure: the two answers in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared import regex as re
from shared.agents.answers import AgentAnswer
from shared.forecast.answers import fmt_num
from shared.orchestration.outcome import AgentOutcome

#: The pricing sentence's units part: "about +27 units (revenue +361.34) over 30 days ... on a baseline of 186".
_UNITS_PART = re.compile(
    r"about [+-]?[\d,]+ units(?: \(revenue [^)]*\))? over (?P<days>\d+) days(?P<period>.*?) "
    r"on a baseline of [\d,]*\d"
)
#: Elasticities this close are one estimate (the rows round to 3 decimals).
_SAME_ELASTICITY = 0.002


@dataclass(frozen=True)
class Baseline:
    """The demand forecast of one SKU over some days with no price change (its ``forecast:`` finding)."""

    sku: str
    horizon_days: int
    units: float


def on_forecast_baseline(
    pricing: AgentAnswer, forecast: AgentAnswer | None, baseline: Baseline | None = None
) -> AgentAnswer:
    """``pricing``'s what-if with its units (and revenue) on ``forecast``'s baseline, or ``pricing`` unchanged.

    ``forecast``: the forecast agent's own what-if (the change in % it was given). ``baseline``: its plain forecast
    of the SKU, for a change the forecast agent was not given in % ("drop X to $20", "$5 off X": the pricing agent
    works the % out from our price): the pricing agent's response to price, ``(1 + change)^elasticity``, applied to
    it, the same sum the forecast agent makes. Unchanged unless both are of the same one SKU over the same days
    (with the same elasticity): a what-if on several products keeps the pricing agent's own figures.
    """
    if not (pricing.answered and len(pricing.rows) == 1):
        return pricing
    p = dict(zip(pricing.columns, pricing.rows[0], strict=False))
    if forecast is not None and forecast.answered and len(forecast.rows) == 1:
        found = _forecast_what_if(p, dict(zip(forecast.columns, forecast.rows[0], strict=False)))
    elif baseline is not None:
        found = _scaled_baseline(p, baseline)
    else:
        found = None
    if found is None:
        return pricing
    base, changed = found
    pct = float(p["price_change_pct"])
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


def _forecast_what_if(p: dict[str, Any], f: dict[str, Any]) -> tuple[float, float] | None:
    """The baseline and changed units of the forecast agent's own what-if, when it is the pricing agent's."""
    try:
        same = (
            p["sku"] == f["sku"]
            and int(p["horizon_days"]) == int(f["horizon_days"])
            and abs(float(p["elasticity"]) - float(f["elasticity"])) <= _SAME_ELASTICITY
        )
        changed, change_pct = float(f["forecast_units"]), float(f["units_change_pct"])
        float(p["price_change_pct"])
    except (KeyError, TypeError, ValueError):
        return None
    if not same or change_pct <= -100:
        return None
    return changed / (1 + change_pct / 100), changed


def _scaled_baseline(p: dict[str, Any], baseline: Baseline) -> tuple[float, float] | None:
    """The baseline's units and those units scaled by the pricing agent's response to its price change."""
    try:
        same = p["sku"] == baseline.sku and int(p["horizon_days"]) == baseline.horizon_days
        factor = 1 + float(p["price_change_pct"]) / 100
        multiplier = factor ** float(p["elasticity"])
    except (KeyError, TypeError, ValueError):
        return None
    if not same or factor <= 0:
        return None
    return baseline.units, baseline.units * multiplier


def plain_baseline(outcomes: list[AgentOutcome]) -> Baseline | None:
    """The forecast agent's one SKU forecast with no price change applied, if it made exactly one.

    Its what-if was not run (it was given no change in %: "drop X to $20"), so its ``forecast:`` finding is the
    plain forecast of the what-if's days (a note of an applied change in its detail rules it out).
    """
    result = next((o.result for o in outcomes if o.agent == "forecast" and o.result is not None), None)
    if result is None:
        return None
    found = [f for f in result.findings if f.id.startswith("forecast:") and f.sku]
    if len(found) != 1 or "applied with elasticity" in found[0].detail:
        return None
    m = found[0].metrics
    try:
        return Baseline(str(found[0].sku), int(m["horizon_days"] or 0), float(m["forecast_total"] or 0.0))
    except (KeyError, TypeError, ValueError):
        return None
