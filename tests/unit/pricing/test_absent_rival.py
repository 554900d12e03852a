"""A named competitor with no price for the product asked about: said as its own, with the others' prices."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from shared.deps import get_deps
from shared.models.agents import AgentRequest
from shared.pricing.agent import run
from tests.unit.warehouse_rows import with_lineage

END = date(2026, 4, 30)


def _seed() -> None:
    """CHAIR priced by shopx (140) and shopy (170), not by megamart, which prices LAMP only; we sell at 150."""
    wh = get_deps().warehouse
    wh.insert(
        "products",
        with_lineage(
            pd.DataFrame(
                {
                    "sku": ["CHAIR", "LAMP"],
                    "title": ["Camping Chair", "Desk Lamp"],
                    "category": "outdoor",
                    "price": 150.0,
                    "cost": 80.0,
                }
            ),
            "products",
        ),
    )
    days = [END - timedelta(days=i) for i in range(5)]
    rows = [("CHAIR", "shopx", d, 140.0) for d in days] + [("CHAIR", "shopy", d, 170.0) for d in days]
    rows += [("LAMP", "megamart", d, 30.0) for d in days]
    wh.insert(
        "competitor_prices",
        with_lineage(
            pd.DataFrame(
                [(*r, f"X-{r[0]}") for r in rows], columns=["sku", "competitor", "date", "price", "competitor_sku"]
            ),
            "competitor_prices",
        ),
    )
    wh.insert(
        "sales",
        with_lineage(
            pd.DataFrame({"sku": ["CHAIR", "LAMP"], "date": [END, END], "units": [2, 3], "unit_price": [150.0, 32.0]}),
            "sales",
        ),
    )


@pytest.mark.parametrize("ask", ["undercut", "versus_competitor"])
def test_a_rival_without_a_price_is_said_with_the_others_prices(ask: str) -> None:
    _seed()
    res = run(
        get_deps(),
        AgentRequest(tenant_id="t1", skus=["CHAIR"], competitors=["megamart"], as_of=END, options={"asks": [ask]}),
    )
    (answer,) = [a for a in res.data["answers"] if a["ask"] == ask]
    text = answer["text"]
    assert text.startswith("megamart has no price for Camping Chair (CHAIR)")
    assert "shopx's 140 (" in text and "shopy's 170 (" in text and "against our 150." in text


def test_a_rival_with_a_price_keeps_its_comparison() -> None:
    _seed()
    res = run(
        get_deps(),
        AgentRequest(tenant_id="t1", skus=["CHAIR"], competitors=["shopx"], as_of=END, options={"asks": ["undercut"]}),
    )
    (answer,) = [a for a in res.data["answers"] if a["ask"] == "undercut"]
    assert "has no price" not in answer["text"] and "140" in answer["text"]
