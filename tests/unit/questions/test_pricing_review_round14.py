"""Readings of the fourteenth pricing/review round (#18): the thirteenth round's leftovers, by cause."""

from __future__ import annotations

import pytest

from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read, small_store
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture

# --- the products no competitor prices, said with a negated verb or "lack a" ---


@pytest.mark.parametrize(
    "question",
    [
        "which items do not have a competitor price?",
        "skus that haven't got any rival prices",
        "which products are missing a competitor price?",
        "how many listings lack a single competitor price?",
        "what products have never had any competitor pricing?",
        "which items don't get any competing prices?",
        "products that do not have competitor price data",
        "which of our products haven't been tracked by any rival?",
        "items that weren't priced by any competitor",
    ],
)
def test_a_negated_or_lacking_competitor_price_is_the_coverage(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert read(store, question).asks == ["competitor_coverage"]


@pytest.mark.parametrize(
    "question",
    [
        "do products with competitor prices sell better?",
        "which products have a competitor price below ours?",
        "which items have no competitor price advantage?",
    ],
)
def test_products_that_have_competitor_prices_are_no_coverage(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert read(store, question).asks != ["competitor_coverage"]


# --- "could I buy X for less elsewhere": any modal, any buying verb, is the lowest competitor price ---


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("could I get the toaster for less anywhere else?", "are we the cheapest on the toaster?"),
        ("would customers find KIT-0046 cheaper elsewhere?", "are we the cheapest on KIT-0046?"),
        ("might shoppers pick up the kettle for less at any other store?", "are we the cheapest on the kettle?"),
        ("could you order the lamp at a lower price elsewhere", "are we the cheapest on the lamp"),
        ("would the customer get the toaster for less from another retailer?", "are we the cheapest on the toaster?"),
        ("can a buyer find KIT-0046 cheaper somewhere else?", "are we the cheapest on KIT-0046?"),
        ("could one buy the kettle for less from someone else?", "are we the cheapest on the kettle?"),
    ],
)
def test_buying_a_product_for_less_elsewhere_is_its_lowest_price(question: str, written: str) -> None:
    from shared.questions.pricing_idioms import pricing_idioms

    assert pricing_idioms(question)[0] == written


# --- complaints "lately vs before": the recent time against the time before is a trend, never a listing ---


@pytest.mark.parametrize(
    "question",
    [
        "delivery complaints recently compared to before?",
        "packaging complaints lately versus earlier",
        "quality complaints these days vs previously",
    ],
)
def test_complaints_now_against_before_are_a_trend_not_a_listing(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    from shared.questions.reviews import review_listing

    assert review_listing(question) is None
    r = read(store, question)
    assert r.review_ask == "complaints" and r.review_trend


# --- "a single" is a quantifier, never a product named by a title's last word ("Hammock Single") ---


def test_a_single_competitor_price_names_no_single_product() -> None:
    from shared.questions.vocabulary import ProductName

    products = [
        ProductName(sku="OUT-0003", title="Northwind Everyday Hammock Single", category="Outdoor"),
        ProductName(sku="OUT-0018", title="Fenwick Premium Hammock Single", category="Outdoor"),
        ProductName(sku="KIT-0046", title="Trailhead Pro Toaster 4-Slice", category="Kitchen"),
    ]
    index = small_store(products, channels=(), sales_columns=None)
    r = read(index, "which products haven't had a single rival price?")
    assert r.asks == ["competitor_coverage"] and not r.skus
    assert read(index, "is the single hammock cheaper elsewhere?").skus  # the hammock still names them
