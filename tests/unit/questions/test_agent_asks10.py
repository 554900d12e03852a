"""Agent questions the answers10 set found misread (``bench/agent_answers_10.py``), as the reader reads them."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.router import extract_entities
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    return sample_like_store()


def read(store: VocabularyIndex, q: str) -> Reading:
    return read_question(q, tenant_id="t", index=store, extents=DEC_EXTENTS)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        (
            "what if we run a 20% promo on the Desk Lamp in the week of 14 December?",
            date(2026, 12, 14),
            date(2026, 12, 20),
        ),
        ("If we run 20% off the Desk Lamp in week 50, how many units?", date(2026, 12, 7), date(2026, 12, 13)),
    ],
)
def test_a_promotion_in_a_named_week_is_that_week_s_what_if(
    store: VocabularyIndex, question: str, start: date, end: date
) -> None:
    r = read(store, question)
    assert r.price_change_pct == -20.0 and r.skus == ["ELE-0001"]
    assert (r.forecast_from, r.forecast_until) == (start, end), r
    assert r.lead == ""  # the what-if names the period itself: no sentence before its units


def test_the_stock_a_far_holiday_needs_is_its_own_day_s_forecast(store: VocabularyIndex) -> None:
    r = read(store, "How much stock do we need for Black Friday?")
    assert r.kind == "agent" and (r.forecast_from, r.forecast_until) == (date(2027, 11, 26), date(2027, 11, 26))
    assert r.lead.startswith("Black Friday 2027 (26 Nov 2027) is still to come") and ". " not in r.lead
    near = read(store, "how much stock will we need for christmas")  # within a month: every day up to it
    assert near.forecast_until == date(2026, 12, 25) and near.forecast_from == date(2026, 12, 5)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("Will we sell more next quarter than this quarter?", date(2026, 10, 1), date(2026, 12, 31)),
        ("Will next month be busier than this month?", date(2026, 12, 1), date(2026, 12, 31)),
        ("will we sell more next month than last month?", date(2026, 11, 1), date(2026, 11, 30)),
    ],
)
def test_a_running_period_a_forecast_is_set_against_is_whole(
    store: VocabularyIndex, question: str, start: date, end: date
) -> None:
    r = read(store, question)
    assert r.forecast_against is not None and (r.forecast_against.start, r.forecast_against.end) == (start, end)


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("Are delivery problems increasing?", "delivery"),
        ("Is customer service getting better?", "service"),
        ("is quality improving?", "quality"),
    ],
)
def test_a_theme_that_moves_is_its_complaints_trend(store: VocabularyIndex, question: str, aspect: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.agent_intents == ["sentiment"] and r.review_ask == "complaints"
    assert r.aspect == aspect


@pytest.mark.parametrize("question", ["are prices going up?", "are returns increasing?", "is revenue growing?"])
def test_a_figure_of_our_own_records_that_moves_is_no_review_theme(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).review_ask is None


@pytest.mark.parametrize(
    "question", ["Are we overstocked on our best seller?", "How many days of stock do we have on our top seller?"]
)
def test_our_best_seller_s_stock_is_that_product_s_cover(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.agent_intents == ["inventory"] and r.top_sellers == 1


@pytest.mark.parametrize(
    "question",
    ["How much can I trust the forecast for next quarter?", "is the forecast reliable?", "can we trust these numbers?"],
)
def test_trusting_a_forecast_asks_its_method_and_confidence(question: str) -> None:
    assert extract_entities(question).explain


def test_would_we_sell_with_a_cut_in_a_named_week_is_that_week(store: VocabularyIndex) -> None:
    r = read(store, "How many extra Desk Lamps would we sell with 15% off in the week of 21 December?")
    assert (r.forecast_from, r.forecast_until) == (date(2026, 12, 21), date(2026, 12, 27)) and r.lead == ""


def test_the_stock_we_should_have_for_a_day_is_a_forecast() -> None:
    from shared.orchestration.router import route

    assert route("How much inventory should we have for Cyber Monday?").asks == ["forecast"]


# found by the held-out set (answers11), fixed after it was measured


def test_any_price_what_if_in_a_named_week_is_that_week(store: VocabularyIndex) -> None:
    r = read(store, "What would a 10% discount on the Desk Lamp do in the week of 7 December?")
    assert (r.forecast_from, r.forecast_until) == (date(2026, 12, 7), date(2026, 12, 13))
    past = read(store, "what did a 10% discount on the Desk Lamp do last week?")  # "last week": no next one
    assert past.forecast_from is None


def test_how_long_our_best_seller_s_stock_lasts_is_its_cover(store: VocabularyIndex) -> None:
    r = read(store, "How long will stock of our best-selling product last?")
    assert r.kind == "agent" and r.agent_intents == ["inventory"] and r.top_sellers == 1
    assert read(store, "how much stock is left of our bestseller?").shape == "bestseller_stock"  # its count, as before
