"""Readings of the eighth pricing/review round (#18): possessive names the data lacks, word forms, before and after."""

from __future__ import annotations

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    return sample_like_store()


def read(store: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


@pytest.mark.parametrize("question", ["the vase's reviews", "the vase's rating", "our sofa's average rating"])
def test_a_possessive_name_the_catalogue_lacks_is_said(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and r.unknown_name in ("vase", "sofa")


@pytest.mark.parametrize("question", ["the desk lamp's reviews", "the store's rating"])
def test_a_possessive_name_the_catalogue_holds_is_answered(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind != "unanswerable"
