"""Shorthand and typos are written out before a question is read; real words and the tenant's names are kept."""

from __future__ import annotations

import pytest

from shared.questions.reading import read_question
from shared.questions.shorthand import correct_word, expand_shorthand
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


@pytest.mark.parametrize(("question", "text"), [
    ("rev last mo", "revenue last month"),
    ("orders yday", "orders yesterday"),
    ("aov last qtr", "aov last quarter"),
    ("units sold last wk", "units sold last week"),
    ("sales past 3 mths", "sales past 3 months"),
    ("nov v oct revenue", "nov vs oct revenue"),
    ("sales vs LY", "sales vs last year"),
    ("total oders in october", "total orders in october"),
    ("reveune last month", "revenue last month"),
    ("how many untis did we sell", "how many units did we sell"),
    ("custmers this year", "customers this year"),
])
def test_shorthand_and_typos_are_written_out(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


@pytest.mark.parametrize("word", ["older", "scales", "moths", "order", "unit", "sale", "stocks", "mo", "year's",
                                  "competitor", "bands", "borders", "recorder"])
def test_real_words_are_not_corrected(word: str) -> None:
    assert correct_word(word) is None


def test_a_unit_abbreviation_is_read_only_where_a_unit_is_expected() -> None:
    assert expand_shorthand("sales of the Mo lamp") == "sales of the Mo lamp"


def test_the_tenants_own_names_are_kept() -> None:
    known = {"reveune"}.__contains__  # a product called "Reveune"
    assert expand_shorthand("reveune sales last month", known) == "reveune sales last month"


def test_the_reading_keeps_the_question_as_asked(shop: VocabularyIndex) -> None:
    r = read_question("rev last mo", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.question == "rev last mo" and r.text == "revenue last month"
    assert r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.time_range is not None and r.query.time_range.label.startswith("May 2025")
