"""Products counted by their catalogue price: a band asked ("under $20", "between $20 and $50") or the ladder."""

from __future__ import annotations

import pytest

from shared.questions.compose import compose
from shared.questions.reading import read_question
from tests.unit.questions.test_compose import result
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

ROWS = [{"sku": "KIT-0001", "catalogue_price": 12.0}, {"sku": "KIT-0002", "catalogue_price": 20.0},
        {"sku": "ELE-0001", "catalogue_price": 35.0}, {"sku": "OUT-0001", "catalogue_price": 150.0}]


@pytest.mark.parametrize(("question", "low", "high", "count"), [
    ("how many products do we sell under $20?", None, 20.0, "1 of your 4"),
    ("how many products are priced over $100?", 100.0, None, "1 of your 4"),
    ("products priced between $20 and $50", 20.0, 50.0, "2 of your 4"),
    ("which items cost less than $40?", None, 40.0, "3 of your 4"),
])
def test_products_in_a_price_band_are_counted_from_the_catalogue_prices(question: str, low: float | None,
                                                                        high: float | None, count: str) -> None:
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.shape == "price_bands" and r.price_band is not None and r.query is not None, r
    assert (r.price_band.low, r.price_band.high) == (low, high)
    out = compose(r, result(r.query, ROWS), titles={}).answer
    assert out.startswith(count), out


def test_the_price_ladder_counts_each_tier_with_its_ends() -> None:
    r = read_question("show our price ladder in Kitchen", tenant_id="t", index=sample_like_store(),
                      extents=DEC_EXTENTS)
    assert r.shape == "price_bands" and r.price_band is not None and r.price_band.ladder and r.query is not None
    assert [f.values for f in r.query.filters] == [["Kitchen"]]
    out = compose(r, result(r.query, ROWS[:2]), titles={}).answer
    assert "12.00" in out and "20.00" in out and "Kitchen" in out, out


@pytest.mark.parametrize("question", ["how many orders under $20 this year", "revenue of items under $20",
                                      "products priced over $10 above the "
                                      "cheapest competitor", "revenue from products under $20 last month"])
def test_orders_the_market_and_money_are_no_price_band(question: str) -> None:
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.shape != "price_bands", r


@pytest.mark.parametrize(("question", "low", "high", "count"), [
    ("how many products under $20", None, 20.0, "1 of your 4 priced products (25%)"),
    ("products between $20 and $50", 20.0, 50.0, "2 of your 4"),
    ("how many Outdoor items are over $100?", 100.0, None, "1 of your 4"),
    ("what share of our range is priced below $25?", None, 25.0, "2 of your 4 priced products (50%)"),
])
def test_products_followed_by_a_band_are_priced_without_a_verb(question: str, low: float | None,
                                                               high: float | None, count: str) -> None:
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.shape == "price_bands" and r.price_band is not None and r.query is not None, r
    assert (r.price_band.low, r.price_band.high) == (low, high)
    assert compose(r, result(r.query, ROWS), titles={}).answer.startswith(count)


@pytest.mark.parametrize("question", ["price distribution of our catalogue", "what's the median price in our "
                                      "catalogue?", "the distribution of our prices",
                                      "how are our prices distributed?"])
def test_a_price_distribution_or_the_catalogue_median_is_the_ladder(question: str) -> None:
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.shape == "price_bands" and r.price_band is not None and r.price_band.ladder, r
    assert r.query is not None and "(median £27.50)" in compose(r, result(r.query, ROWS), titles={}).answer
