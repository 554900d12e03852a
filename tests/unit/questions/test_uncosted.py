"""Reading "which products have no cost" as the catalogue's products (``shared.questions.uncosted``)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.reading import read_question
from shared.questions.uncosted import asks_uncosted_products


@pytest.mark.parametrize(("question", "asks"), [
    ("How many SKUs have no cost in the catalogue?", True),
    ("which products are missing a cost?", True),
    ("list the items without a unit cost", True),
    ("Are there missing costs for any products?", True),
    ("What was our cost of goods last month?", False),
    ("How much did our products cost us?", False),
    ("Which products cost the most?", False),
])
def test_a_question_about_products_without_a_cost(question: str, asks: bool) -> None:
    assert asks_uncosted_products(question) is asks


def test_the_reading_counts_catalogue_products_not_cost_of_goods() -> None:
    reading = read_question("How many SKUs have no cost in the catalogue?", tenant_id="acme", index=None,
                            extents={DataKind.SALES: (date(2025, 1, 1), date(2025, 3, 31))})
    assert reading.kind == "metric" and reading.shape == "count" and reading.query is not None
    assert reading.query.metrics == ["uncosted_products", "catalogue_products"] and reading.query.time_range is None
