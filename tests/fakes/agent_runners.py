"""Small real agent runners for tests and the bench, computing real numbers from warehouse rows.

They follow the runner contract (``run(deps, request) -> AgentResult``) of the agents being built in
``shared/pricing``, ``shared/sentiment`` and ``shared/forecast``; tests compare reports against
:func:`pricing_gaps` etc. computed directly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from shared.models.agents import Action, AgentName, AgentRequest, AgentResult, Confidence, Evidence, Finding

if TYPE_CHECKING:
    import pandas as pd

    from shared.agents.registry import Runner
    from shared.deps import Deps
    from shared.ports import Warehouse

ELASTICITY = -1.5

PRICING_SQL = (
    "SELECT p.sku, p.price, AVG(c.price) AS competitor_avg, COUNT(*) AS observations "
    "FROM products p JOIN competitor_prices c ON c.tenant_id = p.tenant_id AND c.sku = p.sku "
    "WHERE p.tenant_id = @tenant_id AND (ARRAY_LENGTH(@skus) = 0 OR p.sku IN UNNEST(@skus)) "
    "GROUP BY p.sku, p.price ORDER BY p.sku"
)
SENTIMENT_SQL = (
    "SELECT sku, AVG(rating) AS avg_rating, COUNT(*) AS reviews, "
    "SUM(CASE WHEN rating <= 2 THEN 1 ELSE 0 END) AS negative, STRING_AGG(text, ' | ') AS texts "
    "FROM reviews WHERE tenant_id = @tenant_id AND (ARRAY_LENGTH(@skus) = 0 OR sku IN UNNEST(@skus)) "
    "GROUP BY sku ORDER BY sku"
)
DEMAND_SQL = (
    "SELECT sku, SUM(units) AS units, COUNT(DISTINCT date) AS days FROM sales "
    "WHERE tenant_id = @tenant_id AND (ARRAY_LENGTH(@skus) = 0 OR sku IN UNNEST(@skus)) "
    "AND date > DATE_SUB(@as_of, INTERVAL 28 DAY) AND date <= @as_of GROUP BY sku ORDER BY sku"
)


def _conf() -> Confidence:
    return Confidence.compute(model_certainty=0.9, data_completeness=1.0, data_freshness=0.9)


def _tuples(df: pd.DataFrame) -> Iterator[Any]:
    """The rows of a query result (their fields are the SQL's columns, which no type names)."""
    return iter(df.itertuples())


def pricing_gaps(warehouse: Warehouse, tenant: str, skus: list[str]) -> list[dict[str, Any]]:
    """Our price vs the competitor average, per SKU."""
    df = warehouse.query(PRICING_SQL, {"tenant_id": tenant, "skus": skus})
    return [{"sku": r.sku, "price": float(r.price), "competitor_avg": round(float(r.competitor_avg), 2),
             "gap_pct": round((float(r.price) - float(r.competitor_avg)) / float(r.competitor_avg) * 100, 2)}
            for r in _tuples(df)]


def pricing(deps: Deps, request: AgentRequest) -> AgentResult:
    """Flag SKUs priced more than 5% over the competitor average."""
    rows = pricing_gaps(deps.warehouse, request.tenant_id, request.skus)
    over = [r for r in rows if r["gap_pct"] > 5]
    params = {"tenant_id": request.tenant_id, "skus": request.skus}
    findings = [Finding(id=f"pricing:{r['sku']}", title=f"{r['sku']} is {r['gap_pct']}% above competitors",
                        sku=r["sku"], severity="high" if r["gap_pct"] > 20 else "medium",
                        metrics={"price": r["price"], "competitor_avg": r["competitor_avg"], "gap_pct": r["gap_pct"]},
                        evidence=[Evidence(description="price vs competitor average", values=r, query=PRICING_SQL,
                                           params=params)], confidence=_conf()) for r in over]
    actions = [Action(title=f"Lower {r['sku']} towards {r['competitor_avg']}", sku=r["sku"],
                      impact=round(r["price"] - r["competitor_avg"], 2), urgency="high" if r["gap_pct"] > 20
                      else "medium", method="rule", finding_ids=[f"pricing:{r['sku']}"]) for r in over]
    avg_gap = round(sum(r["gap_pct"] for r in rows) / len(rows), 2) if rows else None
    return AgentResult(agent="pricing", tenant_id=request.tenant_id, summary=f"{len(over)} of {len(rows)} SKUs "
                       "are priced more than 5% above competitors", metrics={"overpriced_skus": len(over),
                       "avg_gap_pct": avg_gap}, findings=findings, actions=actions, confidence=_conf(),
                       status="ok" if rows else "insufficient_data",
                       missing_data=[] if rows else ["competitor prices for the requested SKUs"])


def sentiment_scores(warehouse: Warehouse, tenant: str, skus: list[str]) -> list[dict[str, Any]]:
    """Average rating and negative share per SKU."""
    df = warehouse.query(SENTIMENT_SQL, {"tenant_id": tenant, "skus": skus})
    return [{"sku": r.sku, "avg_rating": round(float(r.avg_rating), 2), "reviews": int(r.reviews),
             "negative_share": round(int(r.negative) / int(r.reviews), 4), "texts": str(r.texts)}
            for r in _tuples(df)]


def sentiment(deps: Deps, request: AgentRequest) -> AgentResult:
    """Flag SKUs whose average rating is below 3 (review text quoted as evidence)."""
    rows = sentiment_scores(deps.warehouse, request.tenant_id, request.skus)
    bad = [r for r in rows if r["avg_rating"] < 3]
    findings = [Finding(id=f"sentiment:{r['sku']}", title=f"{r['sku']} reviews are negative", sku=r["sku"],
                        detail=f"Customers wrote: {r['texts'][:300]}", severity="medium",
                        metrics={"avg_rating": r["avg_rating"], "negative_share": r["negative_share"]},
                        evidence=[Evidence(description="ratings", values={"avg_rating": r["avg_rating"],
                                           "reviews": r["reviews"]}, query=SENTIMENT_SQL,
                                           params={"tenant_id": request.tenant_id, "skus": request.skus})],
                        confidence=_conf()) for r in bad]
    total = sum(r["reviews"] for r in rows)
    avg = round(sum(r["avg_rating"] * r["reviews"] for r in rows) / total, 2) if total else None
    return AgentResult(agent="sentiment", tenant_id=request.tenant_id, summary=f"{len(bad)} SKUs have negative "
                       "reviews", metrics={"avg_rating": avg, "review_count": total}, findings=findings,
                       confidence=_conf())


def demand(warehouse: Warehouse, tenant: str, skus: list[str], as_of: Any, horizon: int,
           change_pct: float | None) -> list[dict[str, Any]]:
    """Baseline units over the horizon from the last 28 days, and the elasticity-adjusted scenario."""
    df = warehouse.query(DEMAND_SQL, {"tenant_id": tenant, "skus": skus, "as_of": as_of})
    out = []
    for r in _tuples(df):
        daily = float(r.units) / 28
        base = round(daily * horizon, 1)
        factor = 1 + ELASTICITY * (change_pct or 0) / 100
        out.append({"sku": r.sku, "baseline_units": base, "scenario_units": round(base * factor, 1),
                    "demand_change_pct": round((factor - 1) * 100, 2)})
    return out


def forecast(deps: Deps, request: AgentRequest) -> AgentResult:
    """Baseline demand over the horizon, and the effect of a price change with a fixed elasticity."""
    rows = demand(deps.warehouse, request.tenant_id, request.skus, request.as_of, request.horizon_days,
                  request.price_change_pct)
    base = round(sum(r["baseline_units"] for r in rows), 1)
    scen = round(sum(r["scenario_units"] for r in rows), 1)
    findings = [Finding(id=f"forecast:{r['sku']}", title=f"{r['sku']} demand {r['scenario_units']} units",
                        sku=r["sku"], metrics=r, confidence=_conf(),
                        evidence=[Evidence(description="28-day run rate", values=r, query=DEMAND_SQL)]) for r in rows]
    metrics: dict[str, float | int | str | None] = {"forecast_units": scen, "baseline_units": base}
    if request.price_change_pct is not None:
        metrics["forecast_units_change_pct"] = rows[0]["demand_change_pct"] if rows else None
    return AgentResult(agent="forecast", tenant_id=request.tenant_id, summary=f"{scen} units expected over "
                       f"{request.horizon_days} days", metrics=metrics, findings=findings, confidence=_conf())


TEST_RUNNERS: dict[AgentName, Runner] = {"pricing": pricing, "sentiment": sentiment, "forecast": forecast}
DOTTED: dict[AgentName, str] = {
    "pricing": "tests.fakes.agent_runners:pricing",
    "sentiment": "tests.fakes.agent_runners:sentiment",
    "forecast": "tests.fakes.agent_runners:forecast",
}


#: Set by a test to let :func:`blocking_forecast` return (it never waits longer than 30 s); it sets
#: :data:`FINISHED` when it is done so the test can wait for the orphaned thread before teardown.
RELEASE = threading.Event()
FINISHED = threading.Event()


def blocking_forecast(deps: Deps, request: AgentRequest) -> AgentResult:
    """A forecast runner that does not answer until :data:`RELEASE` is set (time-budget tests)."""
    try:
        RELEASE.wait(30)
        return AgentResult(agent="forecast", tenant_id=request.tenant_id, summary="late")
    finally:
        FINISHED.set()
