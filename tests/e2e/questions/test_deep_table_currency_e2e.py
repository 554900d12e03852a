"""A deep answer's table states its currency, as the quick answer's does.

"How much revenue will we make next month?" is answered by the forecast agent with a table of money columns
(revenue per unit, forecast revenue). Quick mode stated the catalogue's currency on that table, so the console
wrote "$13,699.67"; deep mode's job, assembled later from its parts, stated none and the console wrote a bare
"13,699.67". The job now keeps the currency it was asked in. Real query function, embedded runtime, real agents.
"""

from __future__ import annotations

import pytest

from shared.orchestration.client import ask
from tests.e2e.questions.conftest import TENANT, Ingested


@pytest.mark.parametrize("mode", ["quick", "deep"])
def test_a_revenue_forecasts_table_states_its_currency(shop: Ingested, mode: str) -> None:
    resp = ask(
        shop.deps,
        "How much revenue will we make next month?",
        tenant=TENANT,
        mode=mode,  # type: ignore[arg-type]
        use_cache=False,
    )
    assert resp.status == "done" and resp.report is not None and resp.report.table is not None
    table = resp.report.table
    assert resp.report.mode == mode
    assert any(c.unit == "money" for c in table.column_info), table.column_info
    assert table.currency == "USD", (mode, table.currency)
