"""Periods so far compared like for like: the same days of the quarter before, a whole month on its last day."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.like_for_like import same_days_before
from shared.questions.reading import read_question
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def _ending(day: date) -> dict:
    return {k: (date(2024, 1, 1), day) for k in EXTENTS}


@pytest.mark.parametrize("question", ["q3 vs q2 units", "this quarter vs last quarter",
                                      "revenue this quarter so far compared to last quarter"])
def test_a_quarter_so_far_is_compared_with_the_same_days_of_the_quarter_before(shop: VocabularyIndex,
                                                                               question: str) -> None:
    """Before: 1-14 Jul against "the same days of the month before (1-14 Jun 2026)"."""
    r = read_question(question, tenant_id="decor", index=shop, extents=_ending(date(2026, 7, 14)))
    q = r.query
    assert q is not None and q.time_range is not None and q.baseline is not None
    assert (q.time_range.start, q.time_range.end) == (date(2026, 7, 1), date(2026, 7, 14))
    assert (q.baseline.start, q.baseline.end) == (date(2026, 4, 1), date(2026, 4, 14))
    assert q.baseline.label.startswith("the same days of the quarter before")


def test_a_quarter_past_its_first_month_and_a_month_so_far_keep_the_layers_rule(shop: VocabularyIndex) -> None:
    r = read_question("this quarter vs last quarter", tenant_id="decor", index=shop, extents=_ending(date(2026, 8, 15)))
    assert r.query is not None and r.query.baseline is None and r.query.compare == "previous_period_to_date"
    r = read_question("this month so far vs last month", tenant_id="decor", index=shop,
                      extents=_ending(date(2026, 12, 14)))
    assert r.query is not None and r.query.baseline is None and r.query.compare == "previous_period_to_date"


@pytest.mark.parametrize("question", ["this month so far vs last month", "how are we tracking vs last month"])
def test_a_month_so_far_on_its_last_day_is_the_whole_month(shop: VocabularyIndex, question: str) -> None:
    """Before: "October 2026 to date (1-31 Oct 2026)", a whole month said to be partial."""
    r = read_question(question, tenant_id="decor", index=shop, extents=_ending(date(2026, 10, 31)))
    q = r.query
    assert q is not None and q.time_range is not None
    assert q.time_range.label == "October 2026 (1-31 Oct 2026)" and q.compare == "previous_period"


def test_the_same_days_of_the_year_before_and_a_short_quarter() -> None:
    ytd = make_range(date(2026, 1, 1), date(2026, 1, 14), "2026 to date")
    before = same_days_before(ytd)
    assert before is not None and (before.start, before.end) == (date(2025, 1, 1), date(2025, 1, 14))
    q2 = same_days_before(make_range(date(2026, 4, 1), date(2026, 4, 30), "Q2 2026 to date"))
    assert q2 is not None and (q2.start, q2.end) == (date(2026, 1, 1), date(2026, 1, 30))
    assert same_days_before(make_range(date(2026, 7, 1), date(2026, 7, 14), "July 2026 to date")) is None
