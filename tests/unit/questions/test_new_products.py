""""Which new products did we launch this month?": products first sold in the period, not a ranking of all."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.new_products import asks_new_products, new_products_answer
from shared.questions.reading import read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS

DEC = date(2026, 12, 4)
DEC_EXTENTS = {k: (date(2024, 12, 5), DEC) for k in EXTENTS}


@pytest.mark.parametrize(("question", "start", "end"), [
    ("which new products did we launch this month", date(2026, 12, 1), DEC),
    ("new products this month", date(2026, 12, 1), DEC),
    ("revenue from new products last month", date(2026, 11, 1), date(2026, 11, 30)),
    ("how many new products did we launch in 2025", date(2025, 1, 1), date(2025, 12, 31)),
    ("what products did we launch last quarter", date(2026, 7, 1), date(2026, 9, 30)),
    ("which new products did we launch", date(2026, 9, 6), DEC),  # no period: the last 90 days
])
def test_new_products_are_read_as_first_sales_in_the_period(shop: VocabularyIndex, question: str, start: date,
                                                            end: date) -> None:
    """Before: the top 5 products by revenue ("which new products ... this month"), or all revenue."""
    r = read_question(question, tenant_id="decor", index=shop, extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.shape == "new_products" and r.query is not None
    q = r.query
    assert q.metrics[:2] == ["new_products", "new_product_revenue"] and q.dimensions == ["sku"]
    assert q.order_by == "new_product_revenue" and q.time_range is not None
    assert (q.time_range.start, q.time_range.end) == (start, end)


@pytest.mark.parametrize("question", ["how many new customers last month", "top products this month",
                                      "revenue last month", "what's new in reviews"])
def test_other_questions_are_not_new_products(question: str) -> None:
    assert not asks_new_products(question)


def test_the_answer_counts_names_and_values_the_new_products_only() -> None:
    rows = [{"sku": "N-2", "new_products": 1, "new_product_revenue": 300.0, "new_product_units": 3,
             "revenue_share": 0.03},
            {"sku": "N-1", "new_products": 1, "new_product_revenue": 100.0, "new_product_units": 2,
             "revenue_share": 0.01},
            {"sku": "OLD", "new_products": 0, "new_product_revenue": None, "new_product_units": None,
             "revenue_share": 0.96}]
    text = new_products_answer(rows, {"N-2": "Blue Vase"}, "in November 2026 (1-30 Nov 2026)", False,
                               lambda x: f"${x:,.2f}")
    assert text.startswith("2 products had their first sale in November 2026 (1-30 Nov 2026)"), text
    assert "$400.00 of revenue (4.0% of all revenue), 5 units" in text and "Blue Vase (N-2) ($300.00); N-1" in text
    assert "OLD" not in text
    none = new_products_answer(rows[2:], {}, "in November 2026", False, lambda x: f"${x:,.2f}")
    assert none.startswith("No product had its first sale in November 2026")
