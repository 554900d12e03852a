"""The pricing agent's what-if on the pooled elasticity: a SKU too short to estimate alone still gets an answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from shared.deps import get_deps
from shared.models.agents import AgentRequest
from shared.pricing.agent import run
from shared.pricing.elasticity import POOLED_METHOD
from shared.pricing.loader import load, to_inputs
from shared.pricing.whatif import catalogue_inputs

START = date(2026, 3, 1)


def _lineage(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    return frame.assign(tenant_id="t1", ingestion_id="ing-1", row_hash=[f"h{i}" for i in range(len(frame))],
                        record_key=[f"{kind}:{i}" for i in range(len(frame))],
                        ingested_at=datetime(2026, 4, 1, tzinfo=UTC))


def _seed() -> None:
    """Eight tools sell with elasticity about -2 over 40 days; NEW sold for 5 days at one price."""
    rng = np.random.default_rng(3)
    wh = get_deps().warehouse
    skus = [f"T{i}" for i in range(8)] + ["NEW"]
    wh.insert("products", _lineage(pd.DataFrame({"sku": skus, "title": skus, "category": "tools",
                                                 "price": 12.0, "cost": 6.0}), "products"))
    days = [START + timedelta(days=i) for i in range(40)]
    wh.insert("competitor_prices", _lineage(pd.DataFrame(
        [(s, "shopx", d, 12.5, f"X-{s}") for s in skus for d in days[-5:]],
        columns=["sku", "competitor", "date", "price", "competitor_sku"]), "competitor_prices"))
    frames = []
    for s in skus[:-1]:
        price = rng.choice([10.0, 11.0, 12.0, 13.0], len(days))
        units = np.round(20_000 * price ** -2.0 * np.exp(rng.normal(0, 0.1, len(days))))
        frames.append(pd.DataFrame({"sku": s, "date": days, "units": units, "unit_price": price}))
    frames.append(pd.DataFrame({"sku": "NEW", "date": days[-5:], "units": [140, 150, 135, 145, 150],
                                "unit_price": 12.0}))
    wh.insert("sales", _lineage(pd.concat(frames, ignore_index=True), "sales"))


def test_whatif_on_a_new_sku_borrows_its_categorys_elasticity() -> None:
    _seed()
    res = run(get_deps(), AgentRequest(tenant_id="t1", skus=["NEW"], price_change_pct=-10, horizon_days=7,
                                       as_of=START + timedelta(days=39)))
    scenario = res.data["scenario"]
    assert scenario["available"] is True and scenario["method"] == POOLED_METHOD and scenario["pooled"] is True
    assert -2.6 < scenario["elasticity"] < -1.4  # the category's, not a slope from one flat price
    assert scenario["ci_low"] < scenario["elasticity"] < scenario["ci_high"]
    assert scenario["delta_units_low"] <= scenario["delta_units"] <= scenario["delta_units_high"]
    answer = next(a for a in res.data["answers"] if a["ask"] == "what_if")
    assert "pooled toward its category" in answer["text"] and "interval" in answer["text"]


def test_the_catalogue_read_for_pooling_holds_every_sku_sales_and_no_competitor_prices() -> None:
    _seed()
    deps = get_deps()
    request = AgentRequest(tenant_id="t1", skus=["NEW"], as_of=START + timedelta(days=39))
    scoped = to_inputs(load(deps.warehouse, request))
    assert set(scoped.sales["sku"]) == {"NEW"} and len(scoped.observations) == 5
    wide = catalogue_inputs(deps.warehouse, request, scoped)
    assert set(wide.sales["sku"]) == {f"T{i}" for i in range(8)} | {"NEW"}
    assert set(wide.attributes["category"]) == {"tools"} and wide.observations.empty
