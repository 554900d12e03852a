"""Conversations through POST /v1/query with a session id, the cache on: the rules the dialogs8 batch added.

As in ``test_session_follow_ups_e2e``: each follow-up in two sessions whose turns before differ (March, February)
gets a different answer stating its truth from the rows, and the same conversation again is served from the cache.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tests.e2e.questions.conftest import Ingested
from tests.e2e.questions.test_metric_answers_e2e import states
from tests.e2e.questions.test_session_follow_ups_e2e import _in_both_months, _talk


def _ebay_revenue(f: pd.DataFrame) -> list[float]:
    return [float(f[f["channel"] == "ebay"]["revenue"].sum())]


def test_how_many_dollars_is_that_after_a_share_is_the_slice_s_revenue(shop: Ingested) -> None:
    _in_both_months(
        shop, "dollars", "what share of orders came from ebay in {month}?", "how many dollars is that?", _ebay_revenue
    )


def test_in_dollars_after_a_place_in_a_ranking(shop: Ingested) -> None:
    _in_both_months(shop, "rank-dollars", "where does ebay rank by units in {month}?", "and in dollars?", _ebay_revenue)


def test_same_for_two_channels_answers_each(shop: Ingested) -> None:
    def both(f: pd.DataFrame) -> list[float]:
        return [float(f[f["channel"] == c]["revenue"].sum()) for c in ("ebay", "amazon")]

    _in_both_months(shop, "two", "revenue on web in {month}", "same for ebay and amazon", both)


def test_the_weekday_the_data_ends_on_is_the_whole_one_before_and_both_dates_are_said(shop: Ingested) -> None:
    s = shop.sales()
    monday = s[s["date"] == date(2025, 3, 24)]  # the data ends on Monday 31 March 2025
    _, mon = _talk(shop, "monday", "revenue on Sunday", "and Monday?")
    assert states(mon.answer, float(monday["revenue"].sum())), mon.answer
    assert "24 Mar 2025" in mon.answer and "31 Mar 2025" in mon.answer, mon.answer
