"""Compose matching, position, alerts, elasticity and recommendations into one analysis.

``analyse`` works on frames passed in (no backend); ``to_agent_result`` turns the analysis into the
standard ``AgentResult`` with findings, evidence and confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from shared.models.agents import AgentRequest, AgentResult, Confidence
from shared.pricing import alerts, elasticity, position, recommend
from shared.pricing import findings as rules
from shared.pricing.options import PricingOptions

ATTRIBUTE_COLUMNS = ("cost", "map_price", "msrp", "category")


@dataclass
class SourceQuery:
    """The exact warehouse query (and params) a frame was read with, for evidence."""

    query: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class PricingInputs:
    """What the analysis needs, already read.

    ``observations``: sku, date (datetime64), competitor, competitor_price, our_price; optional shipping,
    match_confidence (0-1, default 1.0: explicit mapping) and row_id. ``attributes``: indexed by sku with
    optional cost, map_price, msrp, category. ``sales``: sku, date, units, price (our average selling price).
    """

    observations: pd.DataFrame
    attributes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(ATTRIBUTE_COLUMNS)))
    sales: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["sku", "date", "units", "price"]))
    warnings: list[str] = field(default_factory=list)
    missing_data: list[str] = field(default_factory=list)


@dataclass
class PricingAnalysis:
    """Every table the analysis produced, plus data-quality notes."""

    skus: pd.DataFrame  # position + elasticity + recommendation + confidence, indexed by sku
    categories: pd.DataFrame
    moves: pd.DataFrame
    promotions: pd.DataFrame
    violations: pd.DataFrame
    elasticity: pd.DataFrame
    today: date
    warnings: list[str] = field(default_factory=list)
    missing_data: list[str] = field(default_factory=list)
    scenario: dict[str, Any] | None = None
    #: Every product a what-if was run for when one name matched several ("the blender"), the first as ``scenario``.
    scenarios: list[dict[str, Any]] = field(default_factory=list)
    #: The SKUs of the tenant's catalogue (None: no catalogue was read): a store-wide position counts these, not a
    #: competitor's row for a SKU the catalogue lacks (a refused or deleted product).
    catalogue: frozenset[str] | None = None


def _confidence_factors(obs: pd.DataFrame, skus: pd.DataFrame, today: date, half_life: float) -> pd.DataFrame:
    """Per-SKU model certainty, data completeness, data freshness and the 0-100 score (same formula)."""
    codes, names = pd.factorize(obs["sku"])
    n = len(names)
    cells = np.bincount(codes, minlength=n).astype("float64")
    date_codes = pd.factorize(obs["date"])[0].astype("int64")
    comp_codes = pd.factorize(obs["competitor"])[0].astype("int64")
    dates = np.bincount(codes[np.unique(codes * (date_codes.max() + 1) + date_codes, return_index=True)[1]],
                        minlength=n)
    comps = np.bincount(codes[np.unique(codes * (comp_codes.max() + 1) + comp_codes, return_index=True)[1]],
                        minlength=n)
    index = pd.Index(np.asarray(names), name="sku")
    if "match_confidence" in obs:
        weights = obs["match_confidence"].to_numpy(dtype="float64")
        match = pd.Series(np.bincount(codes, weights=weights, minlength=n) / np.maximum(cells, 1), index=index)
    else:
        match = pd.Series(1.0, index=index)
    with np.errstate(divide="ignore", invalid="ignore"):
        completeness = pd.Series(np.minimum(cells / (dates * comps), 1.0), index=index)
    out = pd.DataFrame(index=skus.index)
    certainty = match.reindex(skus.index).fillna(1.0)
    if "elasticity_certainty" in skus:
        certainty = certainty * np.where(skus["method"] == "elasticity", skus["elasticity_certainty"], 1.0)
    out["model_certainty"] = certainty.clip(0.0, 1.0)
    out["data_completeness"] = completeness.reindex(skus.index).fillna(0.0)
    age = (pd.Timestamp(today) - pd.to_datetime(skus["latest_date"])).dt.days.clip(lower=0)
    out["data_freshness"] = np.power(0.5, age / half_life)
    out["confidence"] = [  # the one formula every agent uses
        Confidence.compute(model_certainty=m, data_completeness=c, data_freshness=f).score
        for m, c, f in zip(out["model_certainty"].tolist(), out["data_completeness"].tolist(),
                           out["data_freshness"].tolist(), strict=True)
    ]
    out["confidence"] = out["confidence"].astype("int64")
    return out


def _sales_from_observations(obs: pd.DataFrame) -> pd.DataFrame:
    """Daily units and our price per SKU when the observation frame carries ``units`` (batch input)."""
    if "units" not in obs:
        return pd.DataFrame(columns=["sku", "date", "units", "price"])
    daily = obs.dropna(subset=["units"]).groupby(["sku", "date"], sort=True).agg(
        units=("units", "first"), price=("our_price", "first"))
    return daily.reset_index()


def analyse(inputs: PricingInputs, options: PricingOptions, *, today: date | None = None) -> PricingAnalysis:
    """Run the whole pricing analysis on in-memory frames."""
    obs = inputs.observations
    warnings = list(inputs.warnings)
    missing = list(inputs.missing_data)
    attrs = inputs.attributes.reindex(columns=list(ATTRIBUTE_COLUMNS))
    if today is None:
        today = pd.Timestamp(obs["date"].max()).date() if not obs.empty else date.today()
    if obs.empty:
        missing.append("competitor prices: no competitor price observations for the requested scope "
                       "(load competitor_prices with sku, competitor, date, price)")
    elif obs["our_price"].isna().all():
        missing.append("our prices: none known (products.price, or sales with unit_price or revenue)")
    if not obs.empty:
        inconsistent = obs.groupby(["sku", "date"])["our_price"].nunique()
        n_bad = int((inconsistent > 1).sum())
        if n_bad:
            warnings.append(f"our_price differs between rows of the same sku and date on {n_bad} sku-days; "
                            "the first row's value was used")
        if options.include_shipping and "shipping" in obs and obs["shipping"].isna().any():
            warnings.append(f"shipping-inclusive comparison: {int(obs['shipping'].isna().sum())} competitor "
                            "prices have no shipping charge and were counted with shipping 0")
        if "match_confidence" in obs:
            weak = obs.loc[obs["match_confidence"] < options.match_review_threshold, ["sku", "competitor"]]
            if not weak.empty:
                pairs = weak.drop_duplicates()
                warnings.append(f"{len(pairs)} competitor product matches are below "
                                f"{options.match_review_threshold:.2f} confidence and need review "
                                "(they lower the confidence of the SKUs concerned)")
    pos = position.price_position(obs, include_shipping=options.include_shipping,
                                  our_shipping=options.our_shipping) if not obs.empty else position.price_position(
        pd.DataFrame(columns=list(position.OBSERVATION_COLUMNS)))
    no_price = sorted(pd.Index(obs["sku"].unique()).difference(pos.index)) if not obs.empty else []
    if no_price:
        warnings.append(f"{len(no_price)} SKUs have competitor prices but no price of ours on those dates "
                        f"(e.g. {', '.join(map(str, no_price[:5]))}); they have no position")
    sales = inputs.sales if not inputs.sales.empty else _sales_from_observations(obs)
    est = elasticity.estimate_elasticity(sales, min_obs=options.min_elasticity_obs,
                                         min_price_cv=options.min_price_cv, level=options.interval_level)
    skus = pos.join(attrs, how="left")
    skus = skus.join(est[["elasticity", "ci_low", "ci_high", "n_obs", "usable"]].rename(
        columns={"n_obs": "elasticity_obs", "usable": "elasticity_usable"}), how="left")
    usable = skus["elasticity_usable"].fillna(False).astype(bool)
    skus.loc[~usable, ["elasticity", "ci_low", "ci_high"]] = np.nan  # unusable fits are reported in .elasticity
    skus["optimal_price"] = elasticity.profit_max_price(skus["elasticity"].to_numpy(dtype="float64"),
                                                        skus["cost"].to_numpy(dtype="float64"))
    # only trust the optimum when the whole interval says demand is elastic and the cost is known
    skus["elasticity_ok"] = usable & (skus["ci_high"].astype("float64") < -1.0) & skus["optimal_price"].notna()
    with np.errstate(divide="ignore", invalid="ignore"):
        width = (skus["ci_high"].astype("float64") - skus["ci_low"].astype("float64")) / (
            2.0 * skus["elasticity"].astype("float64").abs())
    skus["elasticity_certainty"] = (1.0 - width).clip(0.0, 1.0).fillna(0.0)
    rec = recommend.recommend_prices(skus, options)
    skus = skus.join(rec)
    if not skus.empty:
        skus = skus.join(_confidence_factors(obs, skus, today, options.freshness_half_life_days))
        no_cost = int(skus["cost"].isna().sum())
        if no_cost:
            warnings.append(f"{no_cost} SKUs have no cost: no margin floor applied and no elasticity optimum")
    else:
        for name in ("model_certainty", "data_completeness", "data_freshness", "confidence"):
            skus[name] = pd.Series(dtype="float64")
    categories = position.category_position(pos, attrs["category"]) if "category" in attrs else pd.DataFrame()
    wide = alerts.price_matrix(obs) if not obs.empty else None
    moves = alerts.competitor_moves(obs, threshold=options.move_threshold, wide=wide)
    promos = alerts.promotions(obs, min_depth=options.promo_min_depth, window=options.promo_window, wide=wide)
    violations = alerts.map_violations(pos, obs, attrs)
    return PricingAnalysis(skus=skus, categories=categories, moves=moves, promotions=promos, violations=violations,
                           elasticity=est, today=today, warnings=warnings, missing_data=missing,
                           catalogue=frozenset(map(str, inputs.attributes.index)) or None)


def current_price(analysis: PricingAnalysis, sales: pd.DataFrame, sku: str) -> float:
    """The price a what-if moves: our latest compared price, else the last price ``sku`` sold at (nan: none)."""
    pos = analysis.skus.loc[sku].to_dict() if sku in analysis.skus.index else {}
    our = pos.get("our_price")
    if our is not None and pd.notna(our):
        return float(our)
    priced = sales[(sales["sku"] == sku) & sales["price"].notna()].sort_values("date")
    return float(priced["price"].iloc[-1]) if len(priced) else float("nan")


def target_change_pct(analysis: PricingAnalysis, sales: pd.DataFrame, sku: str, target: float) -> float | None:
    """The change (%) that takes ``sku`` from its :func:`current_price` to ``target`` ("drop the vase to $24")."""
    price = current_price(analysis, sales, sku)
    if not price > 0:
        return None
    return round(max(-90.0, min(500.0, (target / price - 1) * 100)), 1)


def price_change_scenario(
    analysis: PricingAnalysis, sales: pd.DataFrame, *, sku: str, change_pct: float, horizon_days: int,
) -> dict[str, Any]:
    """Expected units/revenue/profit change over ``horizon_days`` if ``sku``'s price moves by ``change_pct``."""
    est = analysis.elasticity
    base: dict[str, Any] = {"sku": sku, "change_pct": change_pct, "horizon_days": horizon_days,
                            "method": elasticity.METHOD}
    row = {str(k): v for k, v in est.loc[sku].to_dict().items()} if sku in est.index else {}
    if not row or not bool(row["usable"]):
        return {**base, "available": False, "reason": str(row.get("reason") or "no sales history")}
    hist = sales[sales["sku"] == sku].sort_values("date")
    recent = hist[hist["date"] > hist["date"].max() - pd.Timedelta(days=28)]
    daily_units = float(recent["units"].mean())
    pos = {str(k): v for k, v in analysis.skus.loc[sku].to_dict().items()} if sku in analysis.skus.index else {}
    price = current_price(analysis, sales, sku)
    cost_value = pos.get("cost")
    cost = float(cost_value) if cost_value is not None and pd.notna(cost_value) else None
    sim = elasticity.simulate_price_change(
        change_pct=change_pct, elasticity=float(row["elasticity"]), ci_low=float(row["ci_low"]),
        ci_high=float(row["ci_high"]), price=price, base_units=daily_units * horizon_days, cost=cost)
    span_days = int((hist["date"].max() - hist["date"].min()).days) + 1
    return {**base, "available": True, "price": price, "cost": cost, "baseline_daily_units": daily_units,
            "latest_sales_date": pd.Timestamp(hist["date"].max()).date().isoformat(),
            "sales_completeness": min(1.0, hist["date"].nunique() / span_days),
            "elasticity": float(row["elasticity"]), "ci_low": float(row["ci_low"]), "ci_high": float(row["ci_high"]),
            "n_obs": int(row["n_obs"]), **sim}


# ---------------------------------------------------------------------------------------------- result


def to_agent_result(
    analysis: PricingAnalysis, request: AgentRequest, options: PricingOptions, *, observations: pd.DataFrame,
    sources: dict[str, SourceQuery] | None = None,
) -> AgentResult:
    """The standard agent result: findings with numbers and evidence, actions, confidence, tables.

    Each kind of finding is one rule in ``shared.pricing.findings``; this only puts them together.
    """
    skus, moves, promos = analysis.skus, analysis.moves, analysis.promotions
    ctx = rules.RuleContext.build(options, dict(sources or {}), observations, analysis.today)
    findings = [*rules.position_findings(skus, ctx), *rules.category_findings(analysis.categories, ctx),
                *rules.violation_findings(analysis.violations, ctx), *rules.move_findings(moves, ctx),
                *rules.promotion_findings(promos, ctx)]
    actions = rules.recommendation_actions(skus, ctx)
    scenario = analysis.scenario
    if scenario is not None and scenario.get("available"):
        findings.append(rules.scenario_finding(scenario, ctx))
    elif scenario is not None:
        analysis.missing_data.append(rules.scenario_gap(scenario, options))
    status = ("insufficient_data" if skus.empty and (scenario is None or not scenario.get("available"))
              else "partial" if analysis.missing_data else "ok")
    n = len(skus)
    summary = (f"{n} SKUs positioned; median price index "
               f"{float(skus['price_index'].median()):.1f}; {len(actions)} price changes recommended; "
               f"{len(moves)} competitor moves; {len(promos)} promotions; "
               f"{len(analysis.violations)} MAP/MSRP issues." if n else
               "Pricing analysis not possible: " + "; ".join(analysis.missing_data or ["no data"]))
    warnings = list(analysis.warnings)
    for name, frame in (("positions", skus), ("alerts", moves), ("promotions", promos)):
        if len(frame) > options.max_rows:
            warnings.append(f"data.{name} truncated to {options.max_rows} of {len(frame)} rows (options.max_rows)")
    metrics: dict[str, float | int | str | None] = {
        "skus_positioned": n, "competitor_moves": len(moves), "promotions": len(promos),
        "map_msrp_issues": len(analysis.violations), "recommendations": len(actions),
        "median_price_index": rules.metric(skus["price_index"].median()) if n else None,
        "elasticity_skus": int(analysis.elasticity["usable"].sum()) if not analysis.elasticity.empty else 0,
    }
    return AgentResult(
        agent="pricing", tenant_id=request.tenant_id, status=status, summary=summary, metrics=metrics,
        findings=findings, actions=actions, warnings=warnings, missing_data=list(analysis.missing_data),
        confidence=rules.overall_confidence(skus, ctx),
        data={
            "positions": rules.records(skus.drop(columns=["elasticity_usable"], errors="ignore"), options.max_rows,
                                       "sku"),
            "categories": rules.records(analysis.categories, options.max_rows, "category"),
            "alerts": rules.records(moves, options.max_rows),
            "promotions": rules.records(promos, options.max_rows),
            "map_violations": rules.records(analysis.violations, options.max_rows),
            "elasticity": rules.records(analysis.elasticity, options.max_rows, "sku"),
            "scenario": rules.jsonable_dict(scenario) if scenario else None,
        },
    )
