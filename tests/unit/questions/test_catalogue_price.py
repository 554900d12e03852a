from __future__ import annotations

from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.catalogue_price import read_catalogue_price

EXTENTS = {DataKind.SALES: (date(2025, 1, 1), date(2025, 12, 31))}


@pytest.mark.parametrize(("question", "dims", "descending", "show"), [
    ("What is our most expensive product?", ["sku"], True, 1),
    ("Which item is the priciest?", ["sku"], True, 1),
    ("Which products are the cheapest?", ["sku"], False, 5),
    ("what product has the highest price", ["sku"], True, 1),
    ("Which item was sold at the lowest price?", None, None, None),  # a sales question, not the catalogue's
    ("what's our cheapest product", ["sku"], False, 1),
    ("List our 3 cheapest products", ["sku"], False, 3),
    ("top 10 most expensive items", ["sku"], True, 10),
    ("Which are our highest-priced products?", ["sku"], True, 5),
    ("Which category has the most expensive products?", ["category"], True, 1),
    ("what are the lowest priced items in our range", ["sku"], False, 5),
])
def test_the_dearest_and_cheapest_products_are_a_ranking_of_catalogue_prices(
        question: str, dims: list[str] | None, descending: bool | None, show: int | None) -> None:
    ask = read_catalogue_price(question, "t", EXTENTS, catalogue=True)
    if dims is None:
        assert ask is None
        return
    assert ask is not None and ask.shape == "ranking" and ask.show == show
    q = ask.query
    assert q is not None
    assert q.metrics == ["catalogue_price"] and q.dimensions == dims and q.descending is descending
    assert q.time_range is None  # the catalogue's current prices: no period


def test_without_catalogue_prices_the_prices_products_sold_at_answer_over_all_the_sales() -> None:
    ask = read_catalogue_price("What is our most expensive product?", "t", EXTENTS, catalogue=False)
    assert ask is not None and ask.query is not None
    assert ask.query.metrics == ["asp"] and ask.query.time_range is not None
    assert (ask.query.time_range.start, ask.query.time_range.end) == EXTENTS[DataKind.SALES]
    assert read_catalogue_price("What is our most expensive product?", "t", {}, catalogue=False) is None


@pytest.mark.parametrize(("question", "dims"), [
    ("What is the average price of our products?", []),
    ("average product price", []),
    ("What's the mean price across all our items?", []),
    ("average product price by category", ["category"]),
])
def test_the_average_price_of_our_products(question: str, dims: list[str]) -> None:
    ask = read_catalogue_price(question, "t", EXTENTS, catalogue=True)
    assert ask is not None and ask.query is not None
    assert ask.query.metrics == ["catalogue_price"] and ask.query.dimensions == dims
    assert ask.shape == ("breakdown" if dims else "value")


def test_products_per_category() -> None:
    most = read_catalogue_price("Which category has the most products?", "t", EXTENTS, catalogue=True)
    assert most is not None and most.query is not None
    assert most.query.metrics == ["catalogue_products"] and most.query.descending
    assert most.shape == "ranking" and most.show == 1
    fewest = read_catalogue_price("which category has the fewest items", "t", EXTENTS, catalogue=True)
    assert fewest is not None and fewest.query is not None
    assert not fewest.query.descending
    each = read_catalogue_price("How many products per category?", "t", EXTENTS, catalogue=True)
    assert each is not None and each.shape == "breakdown" and each.query is not None
    assert each.query.dimensions == ["category"]


@pytest.mark.parametrize("question", ["how many products are in each category?", "how many products do we carry per "
                                      "category", "number of items are listed by category"])
def test_products_in_each_category_is_a_count_not_revenue(question: str) -> None:
    each = read_catalogue_price(question, "t", EXTENTS, catalogue=True)
    assert each is not None and each.query is not None and each.query.metrics == ["catalogue_products"]


def test_a_catalogue_without_prices_or_sales_still_counts_its_products_per_category() -> None:
    """Instacart: products without prices, orders without dates (no sales): the catalogue is all there is."""
    most = read_catalogue_price("Which category has the most products?", "t", {}, catalogue=False)
    assert most is not None and most.query is not None and most.query.metrics == ["catalogue_products"]
    # with sales and no catalogue prices the question is left to the sales reading, as before
    assert read_catalogue_price("Which category has the most products?", "t", EXTENTS, catalogue=False) is None


@pytest.mark.parametrize("question", [
    "Are we the cheapest?", "Which competitor is cheapest on the blender?", "Is MegaMart cheaper than us?",
    "Which products are more expensive than the market?", "What was the average price we sold at last month?",
    "What are our best selling products?",
])
def test_market_and_sales_questions_are_not_catalogue_questions(question: str) -> None:
    assert read_catalogue_price(question, "t", EXTENTS, catalogue=True) is None


def test_a_question_by_category_without_categories_says_what_it_needs() -> None:
    # UCI Online Retail has no categories: it answered revenue by "(none)"
    for question in ("Which category has the most products?", "average product price by category"):
        ask = read_catalogue_price(question, "t", EXTENTS, catalogue=False, categories=False)
        assert ask is not None and ask.query is None and ask.needed is not None and "category" in ask.needed
    ask = read_catalogue_price("What is our most expensive product?", "t", EXTENTS, catalogue=False, categories=False)
    assert ask is not None and ask.query is not None
