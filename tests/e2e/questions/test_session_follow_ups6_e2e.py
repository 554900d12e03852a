"""Conversations through POST /v1/query with a session id, the cache on: one test per dialogs6 rule family.

As in ``test_session_follow_ups_e2e``: each follow-up in two sessions whose turns before differ (March, February)
gets a different answer, and the same conversation again is served from the cache with the same answer.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.orchestration.client import ask
from tests.e2e.questions.conftest import TENANT, Ingested
from tests.e2e.questions.test_metric_answers_e2e import states
from tests.e2e.questions.test_session_follow_ups_e2e import MONTHS, _in_both_months, _month, _talk


def test_the_question_before_that_is_the_turn_before_the_last(shop: Ingested) -> None:
    s = shop.sales()
    answers = {}
    for month in MONTHS:
        *_, back = _talk(
            shop,
            f"before-{month[:3]}",
            f"revenue in {month}",
            "and units?",
            "and orders?",
            "go back to the question before that",
        )
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

    _in_both_months(
        shop,
        "compare",
        "revenue on ebay in {month}",
        "compare that with amazon",
        lambda f: [on(f, "ebay"), on(f, "amazon")],
    )


def test_how_did_you_get_that_restates_the_answer_with_its_query(shop: Ingested) -> None:
    _in_both_months(shop, "how", "units sold in {month}", "how did you get that?", lambda f: [float(f["units"].sum())])
    *_, how = _talk(shop, "how-query", "units sold in March 2025", "how did you get that?")
    assert "SELECT" in how.answer and "Sum of units sold" in how.answer, how.answer


def _previous_month(f: pd.DataFrame, s: pd.DataFrame) -> pd.DataFrame:
    first = f["date"].min()
    return (
        _month(s, "February 2025")
        if first.month == 3
        else s[(s["date"] >= first.replace(month=1)) & (s["date"] < first)]
    )


def test_is_it_up_on_the_period_before_compares_rather_than_moves(shop: Ingested) -> None:
    s = shop.sales()
    _in_both_months(
        shop,
        "upon",
        "revenue in {month}",
        "is it up on the month before?",
        lambda f: [float(f["revenue"].sum()), float(_previous_month(f, s)["revenue"].sum())],
    )


def test_why_names_the_channel_that_moved_most(shop: Ingested) -> None:
    s = shop.sales()
    for month in MONTHS:
        now = _month(s, month)
        before = _previous_month(now, s)
        change = now.groupby("channel")["revenue"].sum().sub(before.groupby("channel")["revenue"].sum(), fill_value=0)
        mover = str(change.abs().idxmax())
        _, why = _talk(shop, f"why-{month[:3]}", f"revenue in {month}", "why?")
        assert f"by channel, {mover} (" in why.answer and states(why.answer, abs(float(change[mover]))), why.answer


def test_a_weekday_named_alone_is_the_latest_one(shop: Ingested) -> None:
    s = shop.sales()
    wednesday = s[s["date"] == date(2025, 3, 26)]  # the data ends on Monday 31 March 2025
    answers = {}
    for measure, column in (("revenue", "revenue"), ("units sold", "units")):
        _, wed = _talk(shop, f"wed-{column}", f"{measure} on Tuesday", "and Wednesday?")
        assert states(wed.answer, float(wednesday[column].sum())) and "26 Mar 2025" in wed.answer, wed.answer
        answers[column] = wed.answer
    assert answers["revenue"] != answers["units"]
    ask(shop.deps, "units sold on Tuesday", tenant=TENANT, session_id="wed-again")
    repeat = ask(shop.deps, "and Wednesday?", tenant=TENANT, session_id="wed-again")
    assert repeat.cached and repeat.report is not None and repeat.report.answer == answers["units"]


def test_a_products_sales_after_an_agent_turn_about_it(shop: Ingested) -> None:
    """sales -> pricing -> sales on one product: the agent turn carries the product's reading on."""
    s = shop.sales()
    products = shop.merchant.products[shop.merchant.products["sku"].isin(shop.catalogue)]
    sku, title = str(products.iloc[1]["sku"]), str(products.iloc[1]["title"])
    answers = {}
    for month in MONTHS:
        *_, orders = _talk(
            shop,
            f"switch-{month[:3]}",
            f"units of {title} sold in {month}",
            "is it priced above competitors?",
            "and orders?",
        )
        one = _month(s, month)
        one = one[(one["sku"] == sku) & (one["units"] > 0)]
        assert states(orders.answer, float(one["order_id"].nunique())) and title in orders.answer, orders.answer
        answers[month] = orders.answer
    assert answers["March 2025"] != answers["February 2025"]
    for q in (f"units of {title} sold in February 2025", "is it priced above competitors?"):
        ask(shop.deps, q, tenant=TENANT, session_id="switch-again")
    repeat = ask(shop.deps, "and orders?", tenant=TENANT, session_id="switch-again")
    assert repeat.cached and repeat.report is not None and repeat.report.answer == answers["February 2025"]
