"""A review cue inside one of the tenant's product names is the name's word, not a question about reviews."""

from __future__ import annotations

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.reviews import without_names
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


@pytest.fixture(scope="module")
def toys() -> VocabularyIndex:
    """Maven Fuzzy Factory's four bears (one of them "Love")."""
    products = [
        ProductName(sku="1", title="The Original Mr. Fuzzy"),
        ProductName(sku="2", title="The Forever Love Bear"),
        ProductName(sku="3", title="The Birthday Sugar Panda"),
        ProductName(sku="4", title="The Hudson River Mini bear"),
    ]
    return VocabularyIndex(Vocabulary(tenant_id="toys", products=products, skus=[p.sku for p in products]))


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="toys", index=index, extents=EXTENTS)


def test_blanking_keeps_the_other_words_where_they_are() -> None:
    assert without_names("units of Love Bear sold", [(9, 18)]) == "units of           sold"


@pytest.mark.parametrize(
    "question",
    [
        "How many units of The Forever Love Bear did we sell in February 2015?",
        "Revenue of the Forever Love Bear last month",
    ],
)
def test_a_sales_question_about_the_love_bear_is_sales(toys: VocabularyIndex, question: str) -> None:
    """Before: "love" made it a praise ask of the sentiment agent ("No reviews have been uploaded yet")."""
    r = read(toys, question)
    assert r.kind == "metric" and r.skus == ["2"], (r.kind, r.review_ask)


def test_what_customers_love_about_it_is_still_praise(toys: VocabularyIndex) -> None:
    r = read(toys, "What do reviewers love about the Forever Love Bear?")
    assert (r.review_ask, r.skus) == ("praise", ["2"])
