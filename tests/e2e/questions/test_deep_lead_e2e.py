"""Deep mode says first what the reader must say first, as quick mode does.

"How many orders will we get next week?" is answered by the forecast agent (units and revenue); quick mode leads
with "Orders are not forecast, only units sold and revenue." and deep mode's job, assembled from its parts, lost
that lead (it opened with the units). Real query function, embedded runtime, real agents.
"""

from __future__ import annotations

import pytest

from shared.orchestration.client import ask
from tests.e2e.questions.conftest import TENANT, Ingested

LEAD = "Orders are not forecast, only units sold and revenue."


@pytest.mark.parametrize("mode", ["quick", "deep"])
def test_orders_next_week_leads_with_orders_not_forecast(shop: Ingested, mode: str) -> None:
    resp = ask(shop.deps, "How many orders will we get next week?", tenant=TENANT, mode=mode,  # type: ignore[arg-type]
               use_cache=False)
    assert resp.status == "done" and resp.report is not None
    answer = resp.report.answer or ""
    assert answer.startswith(LEAD), answer
    assert "units over the next 7 days" in answer  # the forecast there is follows the lead
    assert answer.count(LEAD) == 1
