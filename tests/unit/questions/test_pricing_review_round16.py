"""Readings of the sixteenth pricing/review round (#18): a product's stock "anywhere" is the competitors'."""

from __future__ import annotations

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


def read(store: VocabularyIndex, question: str) -> Reading:  # noqa: F811 - the fixture's value
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


# --- a product's stock "anywhere", and rivals that ran out of it: the competitors' stock ---


@pytest.mark.parametrize(
    "question",
    [
        "is the kettle sold out anywhere?",
        "is KIT-0046 out of stock anywhere?",
        "is the desk lamp available anywhere?",
        "is the toaster in stock anywhere?",
        "which rivals have run out of KIT-0046?",
        "which competitors have the kettle in stock?",
        "wich competitors r out of stok on KIT-0046",
        "any competitor out of stock?",
    ],
)
def test_stock_at_other_sellers_is_the_competitors(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["competitor_stock"]


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("are we out of stock anywhere?", "out_of_stock"),  # us as the subject: our catalogue
        ("is the kettle sold out?", "out_of_stock"),  # no other seller: our own stock
        ("which competitors sell the kettle?", "competitor_prices"),  # who prices it, no stock word
    ],
)
def test_our_own_stock_and_who_sells_stay_as_they_were(
    store: VocabularyIndex,  # noqa: F811
    question: str,
    ask: str,
) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == [ask]
