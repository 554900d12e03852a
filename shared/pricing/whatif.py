"""The price what-if with the pooled elasticity: "what if we cut X's price by 10%?".

One SKU's own log-log slope is often too noisy to act on (a few weeks of sales, a price that barely
moved), and then the per-SKU estimate declines to answer. :func:`shared.pricing.elasticity.pooled_elasticity`
shrinks each SKU's slope toward its category's and the catalogue's, with an interval that widens where
the SKU's own data says little; the what-if states the expected unit change with that interval.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from shared.models.agents import AgentRequest
from shared.ports import Warehouse
from shared.pricing.analysis import PricingAnalysis, PricingInputs, price_change_scenario
from shared.pricing.elasticity import POOLED_METHOD, pooled_elasticity
from shared.pricing.loader import load, to_inputs


def catalogue_inputs(warehouse: Warehouse, request: AgentRequest, inputs: PricingInputs) -> PricingInputs:
    """What pooling needs: the tenant's whole catalogue and its sales (no SKU/category/competitor filter).

    A request scoped to one SKU read only that SKU's sales; its elasticity can only be pooled toward its
    category's if the category's SKUs are read too. An unscoped request already has them. Pooling reads sales
    and categories only, so the catalogue's competitor prices are not read (the result has no observations).
    """
    if not request.skus and not request.categories:
        return inputs
    wide = request.model_copy(update={"skus": [], "categories": [], "competitors": []})
    return to_inputs(load(warehouse, wide, competitors=False))


def pooled_scenario(analysis: PricingAnalysis, sales: pd.DataFrame, attributes: pd.DataFrame, *, sku: str,
                    change_pct: float, horizon_days: int, level: float = 0.90,
                    pooled: pd.DataFrame | None = None) -> dict[str, Any]:
    """:func:`price_change_scenario` (units, revenue, profit with intervals) on the pooled elasticity.

    Falls back to the per-SKU estimate's scenario (which says why it cannot answer) when the pooled
    model has no estimate for ``sku`` (no sales at all). ``pooled``: the catalogue's pooled estimates when already
    fitted (several SKUs' what-ifs share one fit).
    """
    if pooled is None:
        pooled = pooled_catalogue(sales, attributes, level)
    row: dict[str, Any] = {str(k): v for k, v in pooled.loc[sku].to_dict().items()} if sku in pooled.index else {}
    if not row or not np.isfinite(float(row["elasticity"])):
        return price_change_scenario(analysis, sales, sku=sku, change_pct=change_pct, horizon_days=horizon_days)
    estimate = pd.DataFrame([{"elasticity": float(row["elasticity"]), "ci_low": float(row["ci_low"]),
                              "ci_high": float(row["ci_high"]), "n_obs": int(row["n_obs"]), "usable": True,
                              "reason": None}], index=pd.Index([sku], name="sku"))
    scenario = price_change_scenario(replace(analysis, elasticity=estimate), sales, sku=sku,
                                     change_pct=change_pct, horizon_days=horizon_days)
    return {**scenario, "method": POOLED_METHOD, "pooled": bool(row["pooled"]), "source": str(row["source"]),
            "shrinkage": float(row["shrinkage"]), "raw_elasticity": _finite(row["raw_elasticity"])}


def pooled_catalogue(sales: pd.DataFrame, attributes: pd.DataFrame, level: float = 0.90) -> pd.DataFrame:
    """Pooled elasticity per SKU of the catalogue's sales, toward each SKU's category."""
    categories = attributes["category"] if "category" in attributes.columns else None
    return pooled_elasticity(sales, categories, level=level)


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if np.isfinite(number) else None
