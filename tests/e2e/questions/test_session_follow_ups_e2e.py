"""Conversations through POST /v1/query with a session id, the cache on: one test per dialogs4 rule family.

Each follow-up is asked in two sessions whose turn before differs (March, then February): the second session must
not be served the first one's cached answer (a cached answer in a session is keyed on the previous turn's reading),
and asking the same conversation again in a third session is served from the cache with the same answer.
Truths come from the merchant's clean rows (every row is accepted: ``conftest``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

import pandas as pd

from shared.orchestration.client import ask
from shared.orchestration.report import Report
from tests.e2e.questions.conftest import TENANT, Ingested
from tests.e2e.questions.test_metric_answers_e2e import states

MONTHS = {"March 2025": (date(2025, 3, 1), date(2025, 3, 31)), "February 2025": (date(2025, 2, 1), date(2025, 2, 28))}


def _month(s: pd.DataFrame, name: str) -> pd.DataFrame:
    start, end = MONTHS[name]
    return s[(s["date"] >= start) & (s["date"] <= end)]


def _orders(f: pd.DataFrame) -> float:
    return float(f[f["units"] > 0]["order_id"].nunique())


def _talk(shop: Ingested, session: str, *questions: str) -> list[Report]:
    out = []
    for q in questions:
        resp = ask(shop.deps, q, tenant=TENANT, session_id=session)  # the cache on, as the console asks
        assert resp.report is not None
        out.append(resp.report)
    return out


def _in_both_months(
    shop: Ingested, name: str, first: str, follow: str, truth: Callable[[pd.DataFrame], list[float]]
) -> None:
    """``first`` (with ``{month}``) then ``follow`` in a session per month, then again: each answer states its truth."""
    s = shop.sales()
    answers: dict[str, str] = {}
    for month in MONTHS:
        _, report = _talk(shop, f"{name}-{month[:3]}", first.format(month=month), follow)
        assert all(states(report.answer, v) for v in truth(_month(s, month))), (month, report.answer)
        answers[month] = report.answer
    assert answers["March 2025"] != answers["February 2025"]  # not one cached answer for both readings
    again = ask(shop.deps, first.format(month="February 2025"), tenant=TENANT, session_id=f"{name}-again")
    repeat = ask(shop.deps, follow, tenant=TENANT, session_id=f"{name}-again")
    assert again.cached and repeat.cached and repeat.report is not None
    assert repeat.report.answer == answers["February 2025"]


def test_references_to_the_answer_just_given(shop: Ingested) -> None:
    """ "what's that per day?", "what share of the total is that?", "what about the rest", "as a table"."""

    def days(f: pd.DataFrame) -> int:
        d = f["date"].min()
        return calendar.monthrange(d.year, d.month)[1]

    _in_both_months(
        shop, "perday", "revenue in {month}", "what's that per day?", lambda f: [float(f["revenue"].sum()) / days(f)]
    )
    ebay: Callable[[pd.DataFrame], pd.DataFrame] = lambda f: f[f["channel"] == "ebay"]  # noqa: E731
    _in_both_months(
        shop,
        "share",
        "revenue on ebay in {month}",
        "what share of the total is that?",
        lambda f: [round(float(ebay(f)["revenue"].sum() / f["revenue"].sum() * 100), 1)],
    )
    _in_both_months(
        shop,
        "rest",
        "revenue on ebay in {month}",
        "what about the rest",
        lambda f: [float(f["revenue"].sum() - ebay(f)["revenue"].sum())],
    )
    _in_both_months(
        shop,
        "table",
        "revenue by channel in {month}",
        "as a table",
        lambda f: [float(v) for v in f.groupby("channel")["revenue"].sum()],
    )


def test_is_that_good_sets_the_answer_against_the_period_before(shop: Ingested) -> None:
    s = shop.sales()
    march, feb = _month(s, "March 2025"), _month(s, "February 2025")
    _, judged = _talk(shop, "judge", "orders in March 2025", "is that good?")
    assert states(judged.answer, _orders(march)) and states(judged.answer, _orders(feb)), judged.answer


def test_corrections_replace_what_they_turn_down(shop: Ingested) -> None:
    s = shop.sales()
    march, feb = _month(s, "March 2025"), _month(s, "February 2025")
    _, month = _talk(shop, "fix-month", "revenue in March 2025", "sorry, February not March")
    assert states(month.answer, float(feb["revenue"].sum())) and "March" not in month.answer, month.answer
    _, channel = _talk(shop, "fix-channel", "units sold on amazon in March 2025", "not amazon, ebay")
    assert states(channel.answer, float(march[march["channel"] == "ebay"]["units"].sum())), channel.answer
    assert "amazon" not in channel.answer
    # the cached correction is the other session's only when the turn before read alike
    _, other = _talk(shop, "fix-month-2", "revenue in January 2025", "sorry, February not March")
    assert other.answer == month.answer


def test_go_back_to_the_first_question(shop: Ingested) -> None:
    s = shop.sales()
    march = _month(s, "March 2025")
    first, units, back = _talk(shop, "back", "revenue in March 2025", "and units?", "go back to the first question")
    assert states(units.answer, float(march["units"].sum()))
    assert back.answer == first.answer and states(back.answer, float(march["revenue"].sum()))


def test_a_follow_up_after_a_refusal_keeps_what_it_could_read(shop: Ingested) -> None:
    march = _month(shop.sales(), "March 2025")
    refused, by_channel = _talk(shop, "refused", "revenue by region in March 2025", "by channel then")
    assert refused.answer_kind == "unanswerable"
    assert all(states(by_channel.answer, float(v)) for v in march.groupby("channel")["revenue"].sum()), (
        by_channel.answer
    )
    assert "March 2025" in by_channel.answer


def test_pronouns_for_one_item_and_for_a_measure(shop: Ingested) -> None:
    """ "how many orders came from it?" after one channel named; "how much stock do we have?" after one product."""
    s = shop.sales()
    march = _month(s, "March 2025")
    best = str(march.groupby("channel")["revenue"].sum().idxmax())
    _, came = _talk(shop, "it", "which channel made the most revenue in March 2025?", "how many orders came from it?")
    assert states(came.answer, _orders(march[march["channel"] == best])) and best in came.answer, came.answer
    products = shop.merchant.products[shop.merchant.products["sku"].isin(shop.catalogue)]
    sku, title = str(products.iloc[1]["sku"]), str(products.iloc[1]["title"])
    inv = shop.merchant.inventory
    latest = inv[inv["sku"] == sku].sort_values("date", kind="stable").groupby("location").tail(1)
    _, stock = _talk(shop, "stock", f"units of {title} sold in March 2025", "how many do we have in stock?")
    assert states(stock.answer, float(latest["on_hand"].sum())) and title in stock.answer, stock.answer
