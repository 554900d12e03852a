"""Pricing questions asked through the real query path on the embedded backend, with hand-worked truths.

Six products: three in "Kitchen", three in "Garden". Over 60 days (to 2026-05-31) each sells one unit a day
at its price; MegaMart prices every product. Revenue ranks P1 (120/day) > P4 (80) > P2 (60) > P5 (40) > P3
(30) > P6 (20). Against MegaMart: P1 is 20% above (120 vs 100), P4 10% above (80 vs 72.73), P2 25% below
(60 vs 80), P3, P5 and P6 level.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd

from shared.deps import get_deps
from shared.orchestration.client import ask

END = date(2026, 5, 31)
PRICES = {"P1": 120.0, "P2": 60.0, "P3": 30.0, "P4": 80.0, "P5": 40.0, "P6": 20.0}
MEGAMART = {"P1": 100.0, "P2": 80.0, "P3": 30.0, "P4": 80.0 / 1.1, "P5": 40.0, "P6": 20.0}
TITLES = {"P1": "Copper Kettle", "P2": "Oak Board", "P3": "Tea Towel", "P4": "Garden Hose", "P5": "Trowel",
          "P6": "Seed Tray"}


def _lineage(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    return frame.assign(tenant_id="t1", ingestion_id="ing-1", row_hash=[f"h{i}" for i in range(len(frame))],
                        record_key=[f"{kind}:{i}" for i in range(len(frame))],
                        ingested_at=datetime(2026, 6, 1, tzinfo=UTC))


def _seed() -> None:
    wh = get_deps().warehouse
    skus = list(PRICES)
    wh.insert("products", _lineage(pd.DataFrame({
        "sku": skus, "title": [TITLES[s] for s in skus], "price": [PRICES[s] for s in skus], "currency": "USD",
        "category": ["Kitchen", "Kitchen", "Kitchen", "Garden", "Garden", "Garden"]}), "products"))
    days = [END - timedelta(days=i) for i in range(60)]
    wh.insert("sales", _lineage(pd.DataFrame(
        [(s, d, 1, PRICES[s], "USD") for s in skus for d in days],
        columns=["sku", "date", "units", "unit_price", "currency"]), "sales"))
    wh.insert("competitor_prices", _lineage(pd.DataFrame(
        [(s, "MegaMart", d, round(MEGAMART[s], 2), True) for s in skus for d in days[:5]],
        columns=["sku", "competitor", "date", "price", "in_stock"]), "competitor_prices"))


def _answer(question: str) -> str:
    report = ask(get_deps(), question, tenant="t1", use_cache=False).report
    assert report is not None
    return report.answer


def test_a_lowercase_category_reads_the_tenants_category() -> None:
    _seed()
    report = ask(get_deps(), "which kitchen products are priced above the market?", tenant="t1",
                 use_cache=False).report
    assert report is not None
    assert report.answer.startswith("1 of 3 Kitchen SKUs is priced more than 5% above the median competitor; the "
                                    "furthest above: Copper Kettle (P1) (+20.0%).")
    assert report.table is not None and report.table.columns[:2] == ["sku", "product"]
    assert report.table.rows[0][:2] == ["P1", "Copper Kettle"]


def test_catalogue_wide_answers_name_products_by_title() -> None:
    _seed()
    answer = _answer("Which of my listings are pricier than the competition?")
    # P1 +20.0% and P4 +10.0% (80 / 72.73): two of six
    assert answer.startswith("2 of 6 SKUs are priced more than 5% above the median competitor; the furthest above: "
                             "Copper Kettle (P1) (+20.0%) and Garden Hose (P4) (+10.0%).")


def test_sales_and_competitor_in_one_question_answer_both_in_order() -> None:
    _seed()
    # "last month" is the data's last complete month, May 2026: 31 days x (120 + 60 + 30 + 80 + 40 + 20) = 10,850
    both = _answer("What did we make last month and are we cheaper than MegaMart?")
    first, second = both.split(". ", 1)
    assert first.startswith("Revenue in May 2026") and "$10,850" in first
    assert second.startswith("We are cheaper than MegaMart on 1 of 6 matched products and dearer on 2 (level on 3)")
    assert "between 2026-05-02 and 2026-05-31" in second  # the latest 30 days of prices, not "last month"
    reverse = _answer("Are we cheaper than MegaMart, and what did we make last month?")
    assert reverse.startswith("We are cheaper than MegaMart on 1 of 6") and "Revenue in May 2026" in reverse
    assert reverse.index("Revenue in May") > reverse.index("MegaMart")


def test_best_sellers_priced_above_the_market_join_revenue_and_position() -> None:
    _seed()
    # top 3 by revenue: P1 (120/day), P4 (80), P2 (60); above the market: P1 +20%, P4 +10%
    answer = _answer("Which of our top 3 best sellers are priced above the market?")
    assert answer.startswith("Of your 3 best sellers by revenue between 2026-03-03 and 2026-05-31, 2 are priced more "
                             "than 5% above the median competitor: Copper Kettle (P1) (+20.0%) and Garden Hose (P4) "
                             "(+10.0%).")
    may = _answer("which of our best sellers in May are priced below the market?")
    assert may.startswith("Of your 6 best sellers by revenue between 2026-05-01 and 2026-05-31, 1 is priced more "
                          "than 5% below the median competitor: Oak Board (P2) (-25.0%).")
