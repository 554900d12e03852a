"""Compose matching, position, alerts, elasticity and recommendations into one analysis.

``analyse`` works on frames passed in (no backend); ``to_agent_result`` turns the analysis into the
standard ``AgentResult`` with findings, evidence and confidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from shared.models.agents import Action, AgentRequest, AgentResult, Confidence, Evidence, Finding, Severity
from shared.pricing import alerts, elasticity, position, recommend
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
                           elasticity=est, today=today, warnings=warnings, missing_data=missing)


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
    our = pos.get("our_price")
    price = float(our) if our is not None and pd.notna(our) else float(recent["price"].iloc[-1])
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


def _jsonable(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame, limit: int, index_name: str | None = None) -> list[dict[str, Any]]:
    """A frame as JSON-safe records (at most ``limit``), the index included as a column when named."""
    if frame.empty:
        return []
    part = frame.head(limit)
    if index_name is not None:
        part = part.rename_axis(index_name).reset_index()
    return [{str(k): _jsonable(v) for k, v in row.items()} for row in part.to_dict(orient="records")]


def _metric(value: Any) -> float | int | str | None:
    v = _jsonable(value)
    return v if isinstance(v, (int, float, str)) or v is None else str(v)


def _evidence(sources: dict[str, SourceQuery], name: str, description: str, values: dict[str, Any],
              row_ids: list[str] | None = None) -> Evidence:
    src = sources.get(name)
    return Evidence(description=description, values={k: _metric(v) for k, v in values.items()},
                    row_ids=row_ids or [], query=src.query if src else None, params=dict(src.params) if src else {})


class _RowIds:
    """Row ids of the observations of one SKU on one day (positions per SKU found once, not a scan per finding)."""

    def __init__(self, obs: pd.DataFrame) -> None:
        self._positions: dict[str, np.ndarray] = {}
        if "row_id" in obs and not obs.empty:
            frame = obs[["date", "row_id"]].reset_index(drop=True)
            self._dates, self._ids = frame["date"], frame["row_id"]
            groups = frame.groupby(obs["sku"].astype(str).to_numpy(), sort=False).indices
            self._positions = {str(k): np.asarray(v) for k, v in groups.items()}

    def __call__(self, sku: str, day: Any) -> list[str]:
        pos = self._positions.get(sku)
        if pos is None:
            return []
        hit = (self._dates.iloc[pos] == day).to_numpy(dtype=bool)
        return [str(r) for r in self._ids.iloc[pos[hit][:20]]]


def _sku_confidence(row: pd.Series, explanation: str) -> Confidence:
    return Confidence.compute(model_certainty=float(row["model_certainty"]),
                              data_completeness=float(row["data_completeness"]),
                              data_freshness=float(row["data_freshness"]), explanation=explanation)


def to_agent_result(
    analysis: PricingAnalysis, request: AgentRequest, options: PricingOptions, *, observations: pd.DataFrame,
    sources: dict[str, SourceQuery] | None = None,
) -> AgentResult:
    """The standard agent result: findings with numbers and evidence, actions, confidence, tables."""
    sources = sources or {}
    skus = analysis.skus
    row_ids = _RowIds(observations)
    findings: list[Finding] = []
    actions: list[Action] = []
    conf_note = ("model certainty = match confidence (x elasticity interval tightness when that method is used); "
                 "completeness = observed competitor-days / (dates x competitors); freshness halves every "
                 f"{options.freshness_half_life_days:g} days")
    # positions: the most out-of-line SKUs first
    if not skus.empty:
        dev = (skus["price_index"] - 100.0).abs().sort_values(ascending=False)
        for sku in dev[dev > 5.0].index[: options.max_findings]:
            row = skus.loc[sku]
            idx = float(row["price_index"])
            sev: Severity = "high" if abs(idx - 100) > 20 else "medium" if abs(idx - 100) > 10 else "low"
            side = "above" if idx > 100 else "below"
            findings.append(Finding(
                id=f"position:{sku}", sku=str(sku), severity=sev,
                title=f"{sku} is priced {abs(idx - 100):.1f}% {side} the median competitor",
                detail=(f"Our price {row['our_price']:.2f} vs competitor min/median/max "
                        f"{row['comp_min']:.2f}/{row['comp_median']:.2f}/{row['comp_max']:.2f} on "
                        f"{_jsonable(row['latest_date'])}; rank {int(row['rank'])} of "
                        f"{int(row['n_competitors']) + 1}; cheapest on {100 * row['cheapest_share']:.0f}% of days."),
                metrics={k: _metric(row[k]) for k in ("price_index", "rank", "gap_to_min", "gap_to_median",
                                                      "gap_to_max", "cheapest_share", "n_competitors")},
                evidence=[_evidence(sources, "competitor_prices", "competitor prices on the latest date",
                                    {"our_price": row["our_price"], "comp_median": row["comp_median"],
                                     "latest_date": row["latest_date"]},
                                    row_ids(str(sku), row["latest_date"]))],
                confidence=_sku_confidence(row, conf_note)))
    for cat, crow in analysis.categories.iterrows():
        findings.append(Finding(
            id=f"category:{cat}", category=str(cat), severity="info",
            title=f"Category {cat}: median price index {crow['median_price_index']:.1f}",
            detail=f"{int(crow['n_skus'])} SKUs; rank 1 on {100 * crow['share_rank_1']:.0f}% of them.",
            metrics={k: _metric(v) for k, v in crow.items()},
            evidence=[_evidence(sources, "competitor_prices", "per-SKU positions aggregated by category",
                                {"n_skus": crow["n_skus"]})]))
    violations = analysis.violations
    if not violations.empty:  # our own breaches first
        violations = violations.assign(_ours=violations["party"] == "us").sort_values(
            ["_ours", "kind"], ascending=[False, True], kind="stable").head(options.max_findings)
    for _, v in violations.iterrows():
        ours = v["party"] == "us"
        what = "below MAP" if v["kind"] == "below_map" else "above MSRP"
        findings.append(Finding(
            id=f"{v['kind']}:{v['sku']}:{v['party']}", sku=str(v["sku"]),
            severity="high" if ours and v["kind"] == "below_map" else "medium",
            title=f"{'Our price' if ours else 'Competitor ' + str(v['party'])} for {v['sku']} is {what}",
            detail=f"{v['price']:.2f} vs limit {v['limit']:.2f} on {_jsonable(v['date'])}.",
            metrics={"price": _metric(v["price"]), "limit": _metric(v["limit"])},
            evidence=[_evidence(sources, "products", "MAP/MSRP from the product catalogue",
                                {"price": v["price"], "limit": v["limit"]})]))
    moves = analysis.moves
    if not moves.empty:
        last = moves.sort_values("date").groupby(["sku", "competitor"]).tail(1)
        last = last.reindex(last["change_pct"].abs().sort_values(ascending=False).index).head(options.max_findings)
        for _, m in last.iterrows():
            findings.append(Finding(
                id=f"move:{m['sku']}:{m['competitor']}:{_jsonable(m['date'])}", sku=str(m["sku"]),
                severity="medium" if abs(m["change_pct"]) >= 10 else "low",
                title=f"{m['competitor']} moved {m['sku']} {m['direction']} {abs(m['change_pct']):.1f}%",
                detail=f"{m['reference_price']:.2f} -> {m['price']:.2f} on {_jsonable(m['date'])} "
                       f"(threshold {100 * options.move_threshold:g}%, with hysteresis).",
                metrics={k: _metric(m[k]) for k in ("reference_price", "price", "change_pct")},
                evidence=[_evidence(sources, "competitor_prices", "competitor price series",
                                    {"competitor": m["competitor"]},
                                    row_ids(str(m["sku"]), m["date"]))]))
    promos = analysis.promotions
    if not promos.empty:
        top = promos.sort_values(["ongoing", "max_depth_pct"], ascending=False).head(options.max_findings)
        for _, p in top.iterrows():
            findings.append(Finding(
                id=f"promo:{p['sku']}:{p['competitor']}:{_jsonable(p['start'])}", sku=str(p["sku"]),
                severity="medium" if p["ongoing"] else "low",
                title=f"{p['competitor']} promotion on {p['sku']}: -{p['max_depth_pct']:.0f}% for "
                      f"{int(p['duration_days'])} days{' (ongoing)' if p['ongoing'] else ''}",
                detail=f"Regular {p['regular_price']:.2f}, lowest {p['min_price']:.2f}, "
                       f"{_jsonable(p['start'])} to {_jsonable(p['end'])}.",
                metrics={k: _metric(p[k]) for k in ("duration_days", "max_depth_pct", "mean_depth_pct",
                                                    "regular_price", "min_price")},
                evidence=[_evidence(sources, "competitor_prices", "competitor price series",
                                    {"competitor": p["competitor"]})]))
    if not skus.empty:
        changes = skus[(skus["recommended_price"] - skus["our_price"]).abs() >= 0.01]
        order = (changes["recommended_price"] - changes["our_price"]).abs().sort_values(ascending=False).index
        for sku in order[: options.max_findings]:
            row = skus.loc[sku]
            delta = float(row["recommended_price"] - row["our_price"])
            method = str(row["method"])
            how = ("profit-maximising price from log-log elasticity "
                   f"{row['elasticity']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]" if method == "elasticity"
                   else f"rule: position at index {options.target_index:g} of the median competitor")
            actions.append(Action(
                title=f"{'Raise' if delta > 0 else 'Lower'} {sku} from {row['our_price']:.2f} to "
                      f"{row['recommended_price']:.2f}",
                detail=f"{how}; bounds floor {row['floor']:.2f}, max step {100 * options.max_step:g}%"
                       + (f"; flags: {row['flags']}" if row["flags"] else ""),
                sku=str(sku), impact=abs(delta), urgency="high" if "below_map_now" in row["flags"] else "medium",
                method=method, finding_ids=[f"position:{sku}"] if abs(float(row["price_index"]) - 100) > 5 else []))
    scenario = analysis.scenario
    if scenario is not None:
        if scenario.get("available"):
            findings.append(Finding(
                id=f"scenario:{scenario['sku']}", sku=scenario["sku"], severity="info",
                title=(f"A {scenario['change_pct']:+g}% price change on {scenario['sku']} changes demand by "
                       f"{100 * (scenario['units_multiplier'] - 1):+.1f}% ({elasticity.METHOD})"),
                detail=(f"Over {scenario['horizon_days']} days: units {scenario['delta_units']:+.1f} "
                        f"[{scenario['delta_units_low']:+.1f}, {scenario['delta_units_high']:+.1f}], revenue "
                        f"{scenario['delta_revenue']:+.2f} [{scenario['delta_revenue_low']:+.2f}, "
                        f"{scenario['delta_revenue_high']:+.2f}]"
                        + ("" if scenario["delta_profit"] is None else
                           f", profit {scenario['delta_profit']:+.2f} [{scenario['delta_profit_low']:+.2f}, "
                           f"{scenario['delta_profit_high']:+.2f}]")
                        + f"; elasticity {scenario['elasticity']:.2f} [{scenario['ci_low']:.2f}, "
                          f"{scenario['ci_high']:.2f}] at {100 * options.interval_level:g}%."),
                metrics={k: _metric(v) for k, v in scenario.items() if k != "available"},
                evidence=[_evidence(sources, "sales", "daily sales used for the elasticity fit",
                                    {"n_obs": scenario["n_obs"]})],
                confidence=Confidence.compute(
                    model_certainty=float(max(0.0, 1.0 - (scenario["ci_high"] - scenario["ci_low"])
                                              / (2 * abs(scenario["elasticity"]) or 1.0))),
                    data_completeness=float(scenario["sales_completeness"]),
                    data_freshness=Confidence.freshness(date.fromisoformat(scenario["latest_sales_date"]),
                                                        analysis.today,
                                                        half_life_days=options.freshness_half_life_days),
                    explanation="model certainty = elasticity interval tightness; completeness = share of days "
                                "with sales rows between the first and last; freshness of the latest sales day")))
        else:
            analysis.missing_data.append(
                f"price change scenario for {scenario['sku']}: {scenario.get('reason')}; needs daily sales "
                f"(units and price) with at least {options.min_elasticity_obs} days and price variation")
    if skus.empty:
        overall = Confidence.compute(model_certainty=None, data_completeness=None, data_freshness=None,
                                     explanation="no SKU could be positioned")
    else:
        latest = pd.Timestamp(skus["latest_date"].max()).date()
        overall = Confidence.compute(
            model_certainty=float(skus["model_certainty"].mean()),
            data_completeness=float(skus["data_completeness"].mean()),
            data_freshness=Confidence.freshness(latest, analysis.today,
                                                half_life_days=options.freshness_half_life_days),
            explanation="means over SKUs; " + conf_note)
    status = ("insufficient_data" if skus.empty and (scenario is None or not scenario.get("available"))
              else "partial" if analysis.missing_data else "ok")
    n = len(skus)
    summary = (f"{n} SKUs positioned; median price index "
               f"{float(skus['price_index'].median()):.1f}; {len(actions)} price changes recommended; "
               f"{len(moves)} competitor moves; {len(analysis.promotions)} promotions; "
               f"{len(analysis.violations)} MAP/MSRP issues." if n else
               "Pricing analysis not possible: " + "; ".join(analysis.missing_data or ["no data"]))
    warnings = list(analysis.warnings)
    for name, frame in (("positions", skus), ("alerts", moves), ("promotions", promos)):
        if len(frame) > options.max_rows:
            warnings.append(f"data.{name} truncated to {options.max_rows} of {len(frame)} rows (options.max_rows)")
    metrics: dict[str, float | int | str | None] = {
        "skus_positioned": n, "competitor_moves": len(moves), "promotions": len(analysis.promotions),
        "map_msrp_issues": len(analysis.violations), "recommendations": len(actions),
        "median_price_index": _metric(skus["price_index"].median()) if n else None,
        "elasticity_skus": int(analysis.elasticity["usable"].sum()) if not analysis.elasticity.empty else 0,
    }
    return AgentResult(
        agent="pricing", tenant_id=request.tenant_id, status=status, summary=summary, metrics=metrics,
        findings=findings, actions=actions, warnings=warnings, missing_data=list(analysis.missing_data),
        confidence=overall,
        data={
            "positions": records(skus.drop(columns=["elasticity_usable"], errors="ignore"), options.max_rows, "sku"),
            "categories": records(analysis.categories, options.max_rows, "category"),
            "alerts": records(moves, options.max_rows),
            "promotions": records(promos, options.max_rows),
            "map_violations": records(analysis.violations, options.max_rows),
            "elasticity": records(analysis.elasticity, options.max_rows, "sku"),
            "scenario": {k: _jsonable(v) for k, v in scenario.items()} if scenario else None,
        },
    )
