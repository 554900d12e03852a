"""The twenty-second round: a yes/no trend question answered yes or no first (``shared.questions.trend_verdict``)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.compose import compose
from shared.questions.reading import read_question
from shared.questions.recent_trend import asks_recent_trend
from shared.questions.timephrase import make_range
from shared.questions.trend_verdict import asked_way, verdict
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_compose import TITLES, reading, result
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

NOV = make_range(date(2026, 11, 7), date(2026, 12, 6), "the last 30 days")


def trend_answer(question: str, metric: str, now: float, before: float) -> str:
    q = MetricQuery(tenant_id="t", metrics=[metric], time_range=NOV, compare="previous_period")
    rows = [{metric: now, f"{metric}_previous": before, f"{metric}_change_pct": (now - before) / before * 100}]
    r = result(q, rows, previous_range=make_range(date(2026, 10, 8), date(2026, 11, 6)))
    return compose(reading(q, question=question), r, titles=TITLES).answer


@pytest.mark.parametrize(
    ("question", "metric", "now", "lead"),
    [
        ("have sales been dropping?", "revenue", 1024.0, "No — revenue in the last 30 days"),  # before: "Revenue ..."
        ("is revenue trending up?", "revenue", 1024.0, "Yes — revenue in the last 30 days"),
        ("are orders slowing down?", "orders", 900.0, "Yes — orders in the last 30 days"),
        ("are orders slowing down?", "orders", 1009.0, "Roughly flat — orders in the last 30 days"),
        ("did revenue grow last month", "revenue", 995.0, "Roughly flat — revenue"),
        ("is our aov going up", "aov", 800.0, "No — average order value"),
        ("are we selling fewer units lately?", "units", 1040.0, "No — units sold"),  # held out: a comparative
    ],
)
def test_a_yes_no_trend_question_is_answered_yes_or_no_first(question: str, metric: str, now: float, lead: str) -> None:
    answer = trend_answer(question, metric, now, 1000.0)
    assert answer.startswith(lead), answer


@pytest.mark.parametrize(
    "question",
    ["how much did revenue drop", "revenue vs the period before", "are sales up or down?", "revenue trend"],
)
def test_other_comparisons_keep_their_lead(question: str) -> None:
    assert trend_answer(question, "revenue", 1024.0, 1000.0).startswith("Revenue in the last 30 days")


def test_a_comparative_of_what_we_do_now_is_a_recent_trend(store: VocabularyIndex) -> None:
    """Held out: "are we selling fewer units lately?" was all the data's units, no comparison."""
    q = read_question("are we selling fewer units lately?", tenant_id="t", index=store, extents=DEC_EXTENTS).query
    assert q is not None and q.metrics[0] == "units" and q.compare == "previous_period"
    assert asks_recent_trend("are we making less money") and not asks_recent_trend("did we sell more units in May")


def test_the_way_asked_and_the_verdict() -> None:
    assert asked_way("have sales been dropping?", "revenue") == "down"
    assert asked_way("are we picking up", "revenue") == "up"
    assert asked_way("is revenue going up or down", "revenue") is None  # both ways: no yes/no to give
    assert asked_way("are returns improving", "return_rate") is None  # better is lower for returns
    assert asked_way("is revenue improving", "revenue") == "up"
    assert (verdict("down", -5.0), verdict("down", 5.0), verdict("up", 0.99), verdict("up", -1.0)) == (
        "Yes",
        "No",
        "Roughly flat",
        "No",
    )
