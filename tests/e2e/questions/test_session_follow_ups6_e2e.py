"""Conversations through POST /v1/query with a session id, the cache on: one test per dialogs6 rule family.

As in ``test_session_follow_ups_e2e``: each follow-up in two sessions whose turns before differ (March, February)
gets a different answer, and the same conversation again is served from the cache with the same answer.
"""

from __future__ import annotations

import pandas as pd

from shared.orchestration.client import ask
from tests.e2e.questions.conftest import TENANT, Ingested
from tests.e2e.questions.test_metric_answers_e2e import states
from tests.e2e.questions.test_session_follow_ups_e2e import MONTHS, _in_both_months, _month, _talk


def test_the_question_before_that_is_the_turn_before_the_last(shop: Ingested) -> None:
    s = shop.sales()
    answers = {}
    for month in MONTHS:
        *_, back = _talk(shop, f"before-{month[:3]}", f"revenue in {month}", "and units?", "and orders?",
                         "go back to the question before that")
        assert states(back.answer, float(_month(s, month)["units"].sum())), back.answer
        answers[month] = back.answer
    assert answers["March 2025"] != answers["February 2025"]
    for q in ("revenue in February 2025", "and units?", "and orders?"):
        ask(shop.deps, q, tenant=TENANT, session_id="before-again")
    repeat = ask(shop.deps, "go back to the question before that", tenant=TENANT, session_id="before-again")
    assert repeat.cached and repeat.report is not None and repeat.report.answer == answers["February 2025"]


def test_compare_that_with_another_channel_sets_both_side_by_side(shop: Ingested) -> None:
    def on(f: pd.DataFrame, channel: str) -> float:
        return float(f[f["channel"] == channel]["revenue"].sum())

    _in_both_months(shop, "compare", "revenue on ebay in {month}", "compare that with amazon",
                    lambda f: [on(f, "ebay"), on(f, "amazon")])


def test_how_did_you_get_that_restates_the_answer_with_its_query(shop: Ingested) -> None:
    _in_both_months(shop, "how", "units sold in {month}", "how did you get that?", lambda f: [float(f["units"].sum())])
    *_, how = _talk(shop, "how-query", "units sold in March 2025", "how did you get that?")
    assert "SELECT" in how.answer and "Sum of units sold" in how.answer, how.answer
