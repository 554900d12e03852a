"""Readings and answers of the ninth pricing/review round (#18), each a family of wordings that shares one rule."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.market_answers import ours_cheapest_answer
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    return sample_like_store()


def read(store: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


# --- markup stays markup: what a unit earns over its cost, not the total gross margin ---


@pytest.mark.parametrize(
    "question", ["what's our markup on KIT-0001?", "markup on the desk lamp", "mark-up for the frying pan?"]
)
def test_markup_on_a_product_is_its_unit_markup(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["markup"] and len(r.skus) == 1


# --- how many products are we the dearest seller of: the other end of "the cheapest on" ---


@pytest.mark.parametrize(
    "question",
    [
        "how many items are we the priciest seller of?",
        "on how many SKUs are we the most expensive seller?",
        "count the products where nobody charges more than us",
    ],
)
def test_a_count_of_ours_dearest_is_asked(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["ours_dearest"]


def test_ours_dearest_counts_products_at_or_above_every_competitor() -> None:
    obs = pd.DataFrame(
        [
            {"sku": s, "competitor": c, "date": pd.Timestamp(d), "competitor_price": p, "our_price": o}
            for s, c, d, p, o in (
                ("A", "MegaMart", "2026-12-01", 31.0, 33.0),
                ("B", "MegaMart", "2026-12-01", 50.0, 49.0),
                ("B", "ShopRival", "2026-12-02", 47.0, 49.0),
            )
        ]
    )
    out = ours_cheapest_answer(obs, today=date(2026, 12, 4), start=None, dearest=True)
    assert out.ask == "ours_dearest" and out.text.startswith("We are the dearest seller on 1 of 2 products")
