"""Review metrics over undated reviews: all-time figures count them, periods and trends say they are left out."""

from __future__ import annotations

from datetime import date

from shared.models.records import DataKind
from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.undated import scope_undated
from shared.questions.vocabulary import Vocabulary, VocabularyIndex

TODAY = date(2026, 12, 5)
DATED = {DataKind.REVIEWS: (date(2024, 1, 3), date(2025, 6, 15))}


def _read(question: str, vocab: Vocabulary, as_of: date | None = None) -> Reading:
    extents = {DataKind(k): v for k, v in vocab.extents.items()}
    reading = read_question(question, tenant_id="t", index=VocabularyIndex(vocab), extents=extents, as_of=as_of)
    return scope_undated(reading, vocab)


def _vocab(undated: int, dated: bool) -> Vocabulary:
    return Vocabulary(tenant_id="t", undated_reviews=undated,
                      extents={k.value: v for k, v in DATED.items()} if dated else {})


def test_an_all_time_figure_counts_undated_reviews_beside_the_dated_ones() -> None:
    reading = _read("What is our average rating?", _vocab(5, dated=True))
    q = reading.query
    assert q is not None and q.include_undated and q.time_range is not None
    assert q.time_range.label.endswith("; 5 reviews without a date included)") and not reading.lead


def test_with_only_undated_reviews_an_all_time_figure_reads_every_review() -> None:
    reading = _read("Which category has the lowest rating?", _vocab(7, dated=False), as_of=TODAY)
    assert reading.kind == "metric" and reading.query is not None
    assert reading.query.time_range is None and reading.query.dimensions == ["category"] and not reading.lead


def test_a_period_of_dated_reviews_says_how_many_undated_ones_it_leaves_out() -> None:
    reading = _read("What was our average rating in March 2025?", _vocab(1, dated=True))
    assert reading.query is not None and not reading.query.include_undated
    assert reading.notes[-1] == "1 review has no date and was left out of this period."
    trend = _read("How has our average rating changed by month?", _vocab(3, dated=True))
    assert trend.notes[-1] == "3 reviews have no date and were left out of this trend."


def test_when_every_review_is_undated_a_period_or_trend_is_answered_over_all_of_them_after_saying_why() -> None:
    month = _read("What was our average rating last month?", _vocab(23486, dated=False), as_of=TODAY)
    assert month.query is not None and month.query.time_range is None and month.shape == "value"
    assert month.lead.startswith("All 23,486 reviews are undated, so none can be placed in November 2026")
    trend = _read("How has our average rating changed by month?", _vocab(23486, dated=False), as_of=TODAY)
    assert trend.query is not None and trend.query.dimensions == [] and trend.query.grain is None
    assert trend.lead == "All 23,486 reviews are undated, so no trend can be shown; overall, "


def test_questions_about_other_data_are_left_as_read() -> None:
    vocab = Vocabulary(tenant_id="t", undated_reviews=4, extents={"sales": (date(2025, 1, 1), date(2025, 6, 1))})
    reading = _read("What was our revenue last month?", vocab)
    assert reading.query is not None and not reading.query.include_undated and not reading.notes


def test_scoping_is_done_afresh_on_a_follow_up_never_twice() -> None:
    vocab = _vocab(5, dated=True)
    reading = _read("What is our average rating?", vocab)
    assert scope_undated(reading, vocab) == reading
    index = VocabularyIndex(vocab)
    extents = {DataKind(k): v for k, v in vocab.extents.items()}
    turn = read_question("and in March 2025?", tenant_id="t", index=index, extents=extents)
    follow = follow_up(turn, reading, index=index, extents=extents)
    assert follow is not None
    scoped = scope_undated(follow, vocab)
    assert scoped.query is not None and not scoped.query.include_undated
    assert scoped.query.time_range is not None and "without a date" not in scoped.query.time_range.label
    assert scoped.notes == ["5 reviews have no date and were left out of this period."]
