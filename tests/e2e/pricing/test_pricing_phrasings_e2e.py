"""Pricing questions in new words through the real query path on the embedded backend, with hand-worked truths (#18).

Three products over 60 days to 2026-05-31: the Copper Kettle (P1) and Oak Board (P2) in Kitchen, the Garden Hose (P3)
in Garden. P1's price swings +-15% on the days before the last ten and its units follow 200 x (price / 120)^-2 (an
elasticity of -2); P3's price swings too and it sells 10 a day whatever it costs; P2 sells 10 a day at a fixed
price. MegaMart prices each product on the last five days: P1 120 vs 100 (index 120), P2 50 vs 50 (100), P3 30 vs
33.33 (90). Tenant ``t1`` has those competitor prices; ``t2`` has the same catalogue and sales and none.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from shared.deps import get_deps
from shared.orchestration.client import ask
from shared.orchestration.report import Report

END = date(2026, 5, 31)
PRICES = {"P1": 120.0, "P2": 50.0, "P3": 30.0}
MEGAMART = {"P1": 100.0, "P2": 50.0, "P3": 100.0 / 3}
TITLES = {"P1": "Copper Kettle", "P2": "Oak Board", "P3": "Garden Hose"}
CATEGORIES = {"P1": "Kitchen", "P2": "Kitchen", "P3": "Garden"}


def _lineage(frame: pd.DataFrame, kind: str, tenant: str) -> pd.DataFrame:
    return frame.assign(tenant_id=tenant, ingestion_id=f"ing-{tenant}",
                        row_hash=[f"h{i}" for i in range(len(frame))],
                        record_key=[f"{tenant}:{kind}:{i}" for i in range(len(frame))],
                        ingested_at=datetime(2026, 6, 1, tzinfo=UTC))


def _price(sku: str, days_back: int) -> float:
    """P1 and P3 swing on the older days (-15%, 0, +15% in turn); the last ten days and P2 are fixed."""
    if sku == "P2" or days_back < 10:
        return PRICES[sku]
    return round(PRICES[sku] * (1 + 0.15 * ((days_back % 3) - 1)), 2)


def _seed(tenant: str, *, competitors: bool) -> None:
    wh = get_deps().warehouse
    skus = list(PRICES)
    wh.insert("products", _lineage(pd.DataFrame({
        "sku": skus, "title": [TITLES[s] for s in skus], "price": [PRICES[s] for s in skus], "currency": "USD",
        "category": [CATEGORIES[s] for s in skus]}), "products", tenant))
    rows = []
    for back in range(60):
        day = END - timedelta(days=back)
        for s in skus:
            price = _price(s, back)
            units = round(200 * (price / PRICES[s]) ** -2.0) if s == "P1" else 10
            rows.append((s, day, units, price, "USD"))
    wh.insert("sales", _lineage(pd.DataFrame(rows, columns=["sku", "date", "units", "unit_price", "currency"]),
                                "sales", tenant))
    if competitors:
        wh.insert("competitor_prices", _lineage(pd.DataFrame(
            [(s, "MegaMart", END - timedelta(days=back), round(MEGAMART[s], 2), True) for s in skus
             for back in range(5)], columns=["sku", "competitor", "date", "price", "in_stock"]),
            "competitor_prices", tenant))


def _report(question: str, tenant: str) -> Report:
    report = ask(get_deps(), question, tenant=tenant, use_cache=False).report
    assert report is not None
    return report


def test_price_sensitivity_is_the_pooled_elasticity_with_or_without_competitor_prices() -> None:
    _seed("t1", competitors=True)
    _seed("t2", competitors=False)
    for tenant in ("t1", "t2"):
        report = _report("how price sensitive is the Copper Kettle?", tenant)
        assert report.answer.startswith("Copper Kettle (P1) is price-elastic: its price elasticity is -"), report.answer
        assert report.table is not None and report.table.columns[:2] == ["sku", "product"]
        row = dict(zip(report.table.columns, report.table.rows[0], strict=True))
        assert -2.2 < float(row["elasticity"]) < -1.8  # units were drawn at exactly -2
        assert "a 1% price rise lowers its units by about 2.0%" in report.answer.split(". ")[0]


def test_the_category_priced_furthest_above_the_market_is_named_first() -> None:
    _seed("t1", competitors=True)
    answer = _report("which category are we most overpriced in?", "t1").answer
    # Kitchen: median(120, 100) = 110 over 2 SKUs; Garden: 30 / 33.33 = 90 over 1
    assert answer.startswith("Kitchen is the category priced highest against the market (median price index 110.0 "
                             "over 2 SKUs: 10.0% above the median competitor) and Garden the lowest (90.0 over 1 "
                             "SKU: 10.0% below the median competitor)."), answer


def test_without_competitor_prices_market_questions_say_so_first() -> None:
    _seed("t2", competitors=False)
    for question in ("which products are priced above the market?", "who undercuts us?",
                     "which competitor items are out of stock?", "which category are we most overpriced in?"):
        answer = _report(question, "t2").answer
        assert answer.startswith("No competitor prices have been ingested for this account"), (question, answer)
    versus = _report("are we cheaper than MegaMart?", "t2").answer
    assert versus.startswith("No competitor prices have been ingested for this account, so nothing can be compared "
                             "with \"MegaMart\""), versus
    competitive = _report("are we competitive on the Copper Kettle?", "t2").answer
    assert "no competitor prices have been ingested" in competitive.split(". ")[0].lower(), competitive


def test_a_what_if_asked_in_sales_words_is_the_what_if_with_its_revenue_change() -> None:
    _seed("t1", competitors=True)
    answer = _report("Copper Kettle 10% cheaper -> sales?", "t1").answer
    assert re.match(r"Cutting Copper Kettle \(P1\)'s price by 10% \(to [\d.,]+\) raises expected demand by",
                    answer), answer
    assert "(revenue +" in answer.split(". ")[0]


def test_a_categorys_price_sensitivity_ranks_its_own_products_only() -> None:
    _seed("t1", competitors=True)
    report = _report("what is the elasticity of kitchen products?", "t1")
    # P2's price never moved: it borrows its category's (P1's) slope; the Garden Hose (P3) is no Kitchen product
    assert report.answer.startswith("The most price-sensitive Kitchen products (most negative price elasticity, of "
                                    "2 estimated) are Copper Kettle (P1) (-"), report.answer
    assert report.table is not None and {r[0] for r in report.table.rows} == {"P1", "P2"}
    every = _report("which products are most price sensitive?", "t1")
    assert every.table is not None and {r[0] for r in every.table.rows} == {"P1", "P2", "P3"}
