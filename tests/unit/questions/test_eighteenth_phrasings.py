"""The seventeenth round's leftovers and the eighteenth set's fixes (``bench/eighteenth_questions.py``)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import resolve_time
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

SUNDAY = date(2026, 12, 6)  # the data end on a Sunday: last week is the week ending that day


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=index, extents=DEC_EXTENTS)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("revenue last week", date(2026, 11, 30), date(2026, 12, 6)),
        ("revenue a week ago", date(2026, 11, 30), date(2026, 12, 6)),
        ("revenue 2 weeks ago", date(2026, 11, 23), date(2026, 11, 29)),
        ("revenue the week before last", date(2026, 11, 23), date(2026, 11, 29)),
        ("orders 3 weeks ago", date(2026, 11, 16), date(2026, 11, 22)),
    ],
)
def test_weeks_ago_count_back_from_last_week_when_the_data_end_on_a_sunday(
    phrase: str, start: date, end: date
) -> None:
    t = resolve_time(phrase, SUNDAY)
    assert t.range is not None and (t.range.start, t.range.end) == (start, end), t.range


def test_months_ago_count_back_from_last_month_on_a_months_last_day() -> None:
    """On 30 Nov, November is last month (complete), so "2 months ago" is October, as "the month before last"."""
    t = resolve_time("revenue 2 months ago", date(2026, 11, 30))
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 10, 1), date(2026, 10, 31))
