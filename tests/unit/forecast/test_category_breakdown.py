"""A forecast asked by category: each category's own total leads the answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from shared.deps import get_deps
from shared.forecast.agent import run
from shared.models.agents import AgentRequest
from shared.orchestration.executor import agent_request
from shared.orchestration.router import route

END = date(2025, 5, 31)


@pytest.mark.parametrize(
    ("question", "by_category"),
    [
        ("Forecast next quarter by category", True),
        ("What's next month's forecast for each category?", True),
        ("Break down next month's forecast by category", True),
        ("What's the forecast for the kitchen category next month?", False),
        ("Forecast next quarter", False),
    ],
)
def test_the_router_reads_a_forecast_per_category(question: str, by_category: bool) -> None:
    plan = route(question)
    assert plan.entities.by_category is by_category
    assert agent_request("acme", plan, "forecast").options.get("by_category", False) is by_category


def test_each_category_total_leads_the_forecast_answer() -> None:
    rng = np.random.default_rng(5)
    dates = [END - timedelta(days=i) for i in range(119, -1, -1)]
    stamp = {"tenant_id": "acme", "ingestion_id": "i", "ingested_at": datetime(2025, 6, 1, tzinfo=UTC)}
    catalogue = {"K1": ("Kitchen", 30), "K2": ("Kitchen", 10), "H1": ("Home", 5), "H2": ("Home", 3)}
    get_deps().warehouse.insert(
        "sales",
        pd.concat(
            [
                pd.DataFrame(
                    {
                        "sku": sku,
                        "date": dates,
                        "units": rng.poisson(lam, 120),
                        "unit_price": 9.0,
                        **stamp,
                        "row_hash": [f"{sku}{i}" for i in range(120)],
                        "record_key": [f"{sku}{i}" for i in range(120)],
                    }
                )
                for sku, (_, lam) in catalogue.items()
            ],
            ignore_index=True,
        ),
    )
    get_deps().warehouse.insert(
        "products",
        pd.DataFrame(
            [
                {
                    **stamp,
                    "row_hash": f"p{s}",
                    "record_key": f"p{s}",
                    "sku": s,
                    "title": f"Item {s}",
                    "category": c,
                    "price": 9.0,
                }
                for s, (c, _) in catalogue.items()
            ]
        ),
    )
    res = run(
        get_deps(),
        AgentRequest(
            tenant_id="acme",
            horizon_days=30,
            as_of=END,
            options={"prophet": "never", "max_skus": 2, "asks": ["forecast"], "by_category": True},
        ),
    )
    text = res.data["answers"][0]["text"]
    lead = text.split(". ")[0]
    assert lead.startswith("By category over 2025-06-01 to 2025-06-30: Kitchen ")
    kitchen, home = (float(lead.split(f"{c} ")[1].split(" units")[0].replace(",", "")) for c in ("Kitchen", "Home"))
    assert 600 < kitchen < 1800 and 100 < home < 450  # about 40 and 8 a day over 30 days
    assert "We expect to sell" in text  # the store's total follows
