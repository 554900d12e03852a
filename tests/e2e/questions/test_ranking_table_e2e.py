"""A top N shows N rows in its table and chart, as its sentence does (truths from the rows)."""

from __future__ import annotations

import pytest

from shared.orchestration.client import ask
from tests.e2e.questions.conftest import TENANT, Ingested


@pytest.mark.parametrize("question", ["Top 3 products by revenue in March 2025",
                                      "Top 3 products by revenue in March 2025, and how does that compare with "
                                      "February 2025?"])
def test_a_top_n_table_and_chart_hold_the_n_products_asked(shop: Ingested, question: str) -> None:
    """Before (the console, the README's "Top 5 ... compare with Q2?"): the sentence named 5, the table and the chart
    held 6 ("First 6 of 7 rows"): the reader asks one spare row (a group without a name is dropped) and it was shown."""
    s = shop.sales()
    march = s[(s["date"].astype(str) >= "2025-03-01") & (s["date"].astype(str) <= "2025-03-31")]
    top = (march["revenue"].fillna(march["units"] * march["unit_price"]).groupby(march["sku"]).sum()
           .sort_values(ascending=False).index[:3].tolist())
    report = ask(shop.deps, question, tenant=TENANT, use_cache=False).report
    assert report is not None and report.table is not None, report
    shown = [str(row[0]) for row in report.table.rows]
    assert len(shown) == 3 and all(f"({sku})" in name or name == sku for sku, name in zip(top, shown, strict=True)), \
        (top, shown)
    assert report.table.total_rows == 3
    assert report.chart is not None and len(report.chart["data"]["values"]) == 3, report.chart
