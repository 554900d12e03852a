"""Reading "our bestseller" in a stock question (``shared.questions.bestseller``)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.bestseller import asks_bestseller_stock, bestseller_stock_query
from shared.questions.reading import read_question

EXTENTS = {DataKind.SALES: (date(2024, 1, 1), date(2025, 3, 30)), DataKind.INVENTORY: (date(2024, 6, 1),
                                                                                       date(2025, 3, 31))}


@pytest.mark.parametrize(("question", "asks"), [
    ("How much stock is left of our bestseller?", True),
    ("how many units of our best-selling product are left", True),
    ("What's the inventory of our top seller?", True),
    ("How much stock do we have?", False),
    ("What are our top 5 best sellers?", False),
    ("Which of our best sellers are low on stock?", False),
    ("Will our bestseller run out of stock next month?", False),
    ("When should we restock our bestseller?", False),
])
def test_a_stock_question_about_our_bestseller(question: str, asks: bool) -> None:
    assert asks_bestseller_stock(question) is asks


def test_the_bestseller_is_read_over_the_last_90_days_of_sales_up_to_the_latest_count() -> None:
    query = bestseller_stock_query("How much stock is left of our bestseller?", "acme", EXTENTS)
    assert query is not None and query.time_range is not None
    assert (query.time_range.start, query.time_range.end) == (date(2024, 12, 31), date(2025, 3, 31))
    assert (query.metrics, query.dimensions, query.order_by, query.limit) == (["units", "stock_on_hand"], ["sku"],
                                                                              "units", 1)
    every = bestseller_stock_query("stock of our all-time bestseller", "acme", EXTENTS)
    assert every is not None and every.time_range is not None and every.time_range.start == date(2024, 1, 1)
    assert bestseller_stock_query("stock of our bestseller", "acme", {DataKind.SALES: EXTENTS[DataKind.SALES]}) \
        is None


def test_the_reading_is_the_bestsellers_stock_not_the_stores() -> None:
    reading = read_question("How much stock is left of our bestseller?", tenant_id="acme", index=None,
                            extents=EXTENTS)
    assert reading.kind == "metric" and reading.shape == "bestseller_stock"
