"""Finding rules of the pricing agent: each turns one table of the analysis into findings or actions.

The per-SKU statistics (position, elasticity, recommendation, confidence inputs) are computed by
``shared.pricing.analysis.analyse``; the rules here only decide what is worth saying about them, how severe
it is and which evidence backs it, one rule per kind of finding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import numpy as np
import pandas as pd

from shared.models.agents import Action, Confidence, Evidence, Finding, Severity
from shared.pricing import elasticity
from shared.pricing.options import PricingOptions


class Source(Protocol):
    """The query a frame was read with (``analysis.SourceQuery``)."""

    query: str
    params: dict[str, Any]


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


def jsonable_dict(values: dict[str, Any]) -> dict[str, Any]:
    """A dict with JSON-safe values."""
    return {k: _jsonable(v) for k, v in values.items()}


def metric(value: Any) -> float | int | str | None:
    """A value as a finding metric (JSON scalar)."""
    v = _jsonable(value)
    return v if isinstance(v, (int, float, str)) or v is None else str(v)


class _RowIds:
    """Row ids of the observations of one SKU on one day (positions per SKU found once, not a scan per finding).

    The dates and ids are held as plain numpy arrays: a finding's lookup compares a few hundred dates, which pandas
    indexing made cost ~3 ms each (100 findings: a sixth of a catalogue question's pricing run, #18).
    """

    def __init__(self, obs: pd.DataFrame) -> None:
        self._positions: dict[str, np.ndarray] = {}
        self._dates: np.ndarray = np.empty(0)
        self._ids = np.empty(0, dtype=object)
        self._numpy_dates = False
        if "row_id" in obs and not obs.empty:
            frame = obs[["date", "row_id"]].reset_index(drop=True)
            self._ids = frame["row_id"].to_numpy(dtype=object)
            dtype = frame["date"].dtype
            self._numpy_dates = isinstance(dtype, np.dtype) and dtype.kind == "M"
            self._dates = frame["date"].to_numpy()
            groups = frame.groupby(obs["sku"].astype(str).to_numpy(), sort=False).indices
            self._positions = {str(k): np.asarray(v) for k, v in groups.items()}

    def __call__(self, sku: str, day: Any) -> list[str]:
        pos = self._positions.get(sku)
        if pos is None:
            return []
        # a datetime64 column is compared with the day as datetime64 (a Timestamp or a date alike)
        key = pd.Timestamp(day).to_datetime64() if self._numpy_dates and not pd.isna(day) else day
        hit = np.asarray(self._dates[pos] == key, dtype=bool)
        return [str(r) for r in self._ids[pos[hit][:20]]]


@dataclass
class RuleContext:
    """What every rule needs besides its table: options, where frames came from, row ids, the as-of date."""

    options: PricingOptions
    sources: dict[str, Source]
    row_ids: _RowIds
    today: date

    @classmethod
    def build(cls, options: PricingOptions, sources: dict[str, Source], observations: pd.DataFrame,
              today: date) -> RuleContext:
        """A context whose row ids index ``observations``."""
        return cls(options, sources, _RowIds(observations), today)

    @property
    def confidence_note(self) -> str:
        """How the per-SKU confidence is made up."""
        return ("model certainty = match confidence (x elasticity interval tightness when that method is used); "
                "completeness = observed competitor-days / (dates x competitors); freshness halves every "
                f"{self.options.freshness_half_life_days:g} days")

    def evidence(self, name: str, description: str, values: dict[str, Any],
                 row_ids: list[str] | None = None) -> Evidence:
        """Evidence backed by the query frame ``name`` was read with."""
        src = self.sources.get(name)
        return Evidence(description=description, values={k: metric(v) for k, v in values.items()},
                        row_ids=row_ids or [], query=src.query if src else None,
                        params=dict(src.params) if src else {})


def _sku_confidence(row: pd.Series, explanation: str) -> Confidence:
    return Confidence.compute(model_certainty=float(row["model_certainty"]),
                              data_completeness=float(row["data_completeness"]),
                              data_freshness=float(row["data_freshness"]), explanation=explanation)


def position_findings(skus: pd.DataFrame, ctx: RuleContext) -> list[Finding]:
    """The most out-of-line SKUs first: more than 5 index points from the median competitor."""
    if skus.empty:
        return []
    findings = []
    dev = (skus["price_index"] - 100.0).abs().sort_values(ascending=False)
    for sku in dev[dev > 5.0].index[: ctx.options.max_findings]:
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
            metrics={k: metric(row[k]) for k in ("price_index", "rank", "gap_to_min", "gap_to_median",
                                                 "gap_to_max", "cheapest_share", "n_competitors")},
            evidence=[ctx.evidence("competitor_prices", "competitor prices on the latest date",
                                   {"our_price": row["our_price"], "comp_median": row["comp_median"],
                                    "latest_date": row["latest_date"]},
                                   ctx.row_ids(str(sku), row["latest_date"]))],
            confidence=_sku_confidence(row, ctx.confidence_note)))
    return findings


def category_findings(categories: pd.DataFrame, ctx: RuleContext) -> list[Finding]:
    """One informational finding per category: its median price index."""
    return [Finding(
        id=f"category:{cat}", category=str(cat), severity="info",
        title=f"Category {cat}: median price index {crow['median_price_index']:.1f}",
        detail=f"{int(crow['n_skus'])} SKUs; rank 1 on {100 * crow['share_rank_1']:.0f}% of them.",
        metrics={k: metric(v) for k, v in crow.items()},
        evidence=[ctx.evidence("competitor_prices", "per-SKU positions aggregated by category",
                               {"n_skus": crow["n_skus"]})]) for cat, crow in categories.iterrows()]


def violation_findings(violations: pd.DataFrame, ctx: RuleContext) -> list[Finding]:
    """MAP/MSRP breaches, our own first; ours below MAP is high severity."""
    if not violations.empty:
        violations = violations.assign(_ours=violations["party"] == "us").sort_values(
            ["_ours", "kind"], ascending=[False, True], kind="stable").head(ctx.options.max_findings)
    findings = []
    for _, v in violations.iterrows():
        ours = v["party"] == "us"
        what = "below MAP" if v["kind"] == "below_map" else "above MSRP"
        findings.append(Finding(
            id=f"{v['kind']}:{v['sku']}:{v['party']}", sku=str(v["sku"]),
            severity="high" if ours and v["kind"] == "below_map" else "medium",
            title=f"{'Our price' if ours else 'Competitor ' + str(v['party'])} for {v['sku']} is {what}",
            detail=f"{v['price']:.2f} vs limit {v['limit']:.2f} on {_jsonable(v['date'])}.",
            metrics={"price": metric(v["price"]), "limit": metric(v["limit"])},
            evidence=[ctx.evidence("products", "MAP/MSRP from the product catalogue",
                                   {"price": v["price"], "limit": v["limit"]})]))
    return findings


def move_findings(moves: pd.DataFrame, ctx: RuleContext) -> list[Finding]:
    """Each competitor's latest move per SKU, largest first; 10 % or more is medium severity."""
    if moves.empty:
        return []
    last = moves.sort_values("date").groupby(["sku", "competitor"]).tail(1)
    last = last.reindex(last["change_pct"].abs().sort_values(ascending=False).index).head(ctx.options.max_findings)
    return [Finding(
        id=f"move:{m['sku']}:{m['competitor']}:{_jsonable(m['date'])}", sku=str(m["sku"]),
        severity="medium" if abs(m["change_pct"]) >= 10 else "low",
        title=f"{m['competitor']} moved {m['sku']} {m['direction']} {abs(m['change_pct']):.1f}%",
        detail=f"{m['reference_price']:.2f} -> {m['price']:.2f} on {_jsonable(m['date'])} "
               f"(threshold {100 * ctx.options.move_threshold:g}%, with hysteresis).",
        metrics={k: metric(m[k]) for k in ("reference_price", "price", "change_pct")},
        evidence=[ctx.evidence("competitor_prices", "competitor price series", {"competitor": m["competitor"]},
                               ctx.row_ids(str(m["sku"]), m["date"]))]) for _, m in last.iterrows()]


def promotion_findings(promos: pd.DataFrame, ctx: RuleContext) -> list[Finding]:
    """Competitor promotions, ongoing and deepest first; an ongoing one is medium severity."""
    if promos.empty:
        return []
    top = promos.sort_values(["ongoing", "max_depth_pct"], ascending=False).head(ctx.options.max_findings)
    return [Finding(
        id=f"promo:{p['sku']}:{p['competitor']}:{_jsonable(p['start'])}", sku=str(p["sku"]),
        severity="medium" if p["ongoing"] else "low",
        title=f"{p['competitor']} promotion on {p['sku']}: -{p['max_depth_pct']:.0f}% for "
              f"{int(p['duration_days'])} days{' (ongoing)' if p['ongoing'] else ''}",
        detail=f"Regular {p['regular_price']:.2f}, lowest {p['min_price']:.2f}, "
               f"{_jsonable(p['start'])} to {_jsonable(p['end'])}.",
        metrics={k: metric(p[k]) for k in ("duration_days", "max_depth_pct", "mean_depth_pct",
                                           "regular_price", "min_price")},
        evidence=[ctx.evidence("competitor_prices", "competitor price series", {"competitor": p["competitor"]})])
        for _, p in top.iterrows()]


def recommendation_actions(skus: pd.DataFrame, ctx: RuleContext) -> list[Action]:
    """A price change for every SKU whose recommended price differs by a cent or more, largest first."""
    if skus.empty:
        return []
    options = ctx.options
    changes = skus[(skus["recommended_price"] - skus["our_price"]).abs() >= 0.01]
    order = (changes["recommended_price"] - changes["our_price"]).abs().sort_values(ascending=False).index
    actions = []
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
    return actions


def scenario_finding(scenario: dict[str, Any], ctx: RuleContext) -> Finding:
    """The what-if of a price change on one SKU (an available scenario), with its intervals."""
    options = ctx.options
    return Finding(
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
        metrics={k: metric(v) for k, v in scenario.items() if k != "available"},
        evidence=[ctx.evidence("sales", "daily sales used for the elasticity fit", {"n_obs": scenario["n_obs"]})],
        confidence=Confidence.compute(
            model_certainty=float(max(0.0, 1.0 - (scenario["ci_high"] - scenario["ci_low"])
                                      / (2 * abs(scenario["elasticity"]) or 1.0))),
            data_completeness=float(scenario["sales_completeness"]),
            data_freshness=Confidence.freshness(date.fromisoformat(scenario["latest_sales_date"]), ctx.today,
                                                half_life_days=options.freshness_half_life_days),
            explanation="model certainty = elasticity interval tightness; completeness = share of days "
                        "with sales rows between the first and last; freshness of the latest sales day"))


def scenario_gap(scenario: dict[str, Any], options: PricingOptions) -> str:
    """Why an unavailable scenario could not be computed, and what it needs."""
    return (f"price change scenario for {scenario['sku']}: {scenario.get('reason')}; needs daily sales "
            f"(units and price) with at least {options.min_elasticity_obs} days and price variation")


def overall_confidence(skus: pd.DataFrame, ctx: RuleContext) -> Confidence:
    """Means of the per-SKU confidence inputs, freshness of the latest observed day."""
    if skus.empty:
        return Confidence.compute(model_certainty=None, data_completeness=None, data_freshness=None,
                                  explanation="no SKU could be positioned")
    latest = pd.Timestamp(skus["latest_date"].max()).date()
    return Confidence.compute(
        model_certainty=float(skus["model_certainty"].mean()),
        data_completeness=float(skus["data_completeness"].mean()),
        data_freshness=Confidence.freshness(latest, ctx.today,
                                            half_life_days=ctx.options.freshness_half_life_days),
        explanation="means over SKUs; " + ctx.confidence_note)
