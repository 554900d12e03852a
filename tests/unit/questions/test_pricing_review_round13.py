"""Readings and answers of the thirteenth pricing/review round (#18): the twelfth round's leftovers, by cause."""

from __future__ import annotations

import pytest

from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read
from tests.unit.questions.test_pricing_review_round10 import store  # noqa: F401 - the fixture
from tests.unit.questions.test_unseen_phrasings import DEC

# --- a price index "right now" / "current": the latest day's, as "today" ---


@pytest.mark.parametrize(
    "question",
    [
        "what's our price index right now",
        "price index right now?",
        "what's the toaster's price index right now?",
        "current price index of KIT-0046",
        "the kettle's price index currently",
        "what's our cheapest share at the moment?",
    ],
)
def test_a_price_index_now_is_the_latest_days(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    q = read(store, question).query
    assert q is not None and q.time_range is not None
    assert q.time_range.start == q.time_range.end == DEC and "latest day" in q.time_range.label
    assert DEC.strftime("%b %Y") in q.time_range.label  # dated, as "today" is


@pytest.mark.parametrize(
    "question", ["what's our price index these days", "price index in the last 30 days", "revenue right now"]
)
def test_other_periods_and_metrics_keep_their_window(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    q = read(store, question).query
    assert q is not None and q.time_range is not None and q.time_range.start < q.time_range.end


# --- "the rivals", "our competitors": every seller; "cheaper at any rival": the lowest competitor price ---


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("are we cheaper than the rivals on the toaster", "are we the cheapest on the toaster"),
        ("are we cheaper than our rivals on KIT-0046?", "are we the cheapest on KIT-0046?"),
        ("are we cheaper than our competitors on the kettle", "are we the cheapest on the kettle"),
        ("is KIT-0046 cheaper at any rival?", "are we the cheapest on KIT-0046?"),
        ("is the kettle cheaper at any competitor?", "are we the cheapest on the kettle?"),
        ("can you get OUT-0048 cheaper at any of our rivals?", "are we the cheapest on OUT-0048?"),
        ("is the toaster cheaper anywhere else?", "are we the cheapest on the toaster?"),
        ("is the lamp cheaper elsewhere", "are we the cheapest on the lamp"),
        # without a determiner, "competitors" and "the competition" stay the median competitor's
        ("are we cheaper than competitors on the kettle", "are we cheaper than competitors on the kettle"),
        ("are we cheaper than the competition on the kettle", "are we cheaper than the competition on the kettle"),
    ],
)
def test_every_seller_and_any_seller_are_the_lowest_price(question: str, written: str) -> None:
    from shared.questions.pricing_idioms import pricing_idioms

    assert pricing_idioms(question)[0] == written


@pytest.mark.parametrize(
    "question",
    [
        "are we cheaper than the rivals on the toaster",
        "is KIT-0046 cheapr at any rival?",
        "is OUT-0048 cheaper elsewhere?",
    ],
)
def test_a_product_against_every_seller_is_its_lowest_price(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert read(store, question).asks == ["undercut"]


# --- the products no competitor prices ---


@pytest.mark.parametrize(
    "question",
    [
        "which products have no competitor price",
        "how many products are not priced by any competitor?",
        "products without competitor prices?",
        "which of our items have no rival prices?",
        "skus lacking competitor prices",
    ],
)
def test_products_without_a_competitor_price_are_the_coverage(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    assert read(store, question).asks == ["competitor_coverage"]


def test_products_with_competitor_prices_are_no_coverage(store: VocabularyIndex) -> None:  # noqa: F811
    assert read(store, "do products with competitor prices sell better?").asks != ["competitor_coverage"]


# --- ties in the products ranked by one aspect's complaints ---


def test_tied_products_are_said_tied_and_counted() -> None:
    from tests.unit.sentiment.reviews_fixture import aspect_answer_text

    rows = [(sku, d, 1, "The box arrived crushed, terrible packaging.") for sku in "ABCD" for d in (3, 9)]
    rows += [("E", 5, 1, "Packaging was torn and flimsy.")]
    text = aspect_answer_text(rows, "packaging", aspect_ranked=True)
    first = text.split(". ")[0]
    assert first.startswith("4 products are tied for the most complaints about packaging")
    assert "2 negative mentions each" in first and "and 1 more" in first and "E (" not in first


def test_a_single_leader_is_no_tie() -> None:
    from tests.unit.sentiment.reviews_fixture import aspect_answer_text

    rows = [("A", d, 1, "Packaging was torn and flimsy.") for d in (3, 5, 9)]
    rows += [(sku, 4, 1, "The box arrived crushed, terrible packaging.") for sku in "BC"]
    text = aspect_answer_text(rows, "packaging", aspect_ranked=True)
    assert text.startswith("Most complaints about packaging") and "tied" not in text.split(". ")[0]


# --- trends in the passive; a SKU code ending the name a review question asks about ---


@pytest.mark.parametrize(
    "question",
    [
        "is packaging being complained about less these days?",
        "is delivery getting complained about more lately?",
        "is quality more complained about than before?",
    ],
)
def test_a_passive_complaint_trend_is_a_trend(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.review_ask == "complaints" and r.review_trend


@pytest.mark.parametrize(
    "question",
    ["is the spam filter changing KIT-0046's rating?", "is the fake review filter moving OUT-0048's rating?"],
)
def test_a_code_ends_the_name_a_spam_question_asks_about(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    r = read(store, question)
    assert r.kind != "unanswerable" and r.review_ask == "spam"


def test_an_unknown_word_after_a_name_is_still_said(store: VocabularyIndex) -> None:  # noqa: F811
    assert read(store, "the lamp shade's reviews").kind == "unanswerable"


# --- the most common complaint this month against last month: the whole month before, both sides said first ---


@pytest.mark.parametrize(
    "question",
    [
        "most common complaint this month vs last month",
        "what did people complain about most this month compared with last month?",
    ],
)
def test_a_complaint_this_month_vs_last_reads_the_whole_month_before(store: VocabularyIndex, question: str) -> None:  # noqa: F811
    from datetime import date

    r = read(store, question)
    assert r.review_ask == "complaints" and r.review_baseline is not None and r.review_period is not None
    assert r.review_period.start == date(2026, 12, 1)
    assert (r.review_baseline.start, r.review_baseline.end) == (date(2026, 11, 1), date(2026, 11, 30))


def test_a_complaint_of_one_period_has_no_baseline(store: VocabularyIndex) -> None:  # noqa: F811
    assert read(store, "what do people complain about this month?").review_baseline is None


def test_the_compared_lead_names_both_periods_top_complaints_and_ties() -> None:
    from shared.sentiment.compared_complaints import compared_lead, period_name

    now = [["quality/durability", 3, 0.1, 2, "q", "r1"], ["shipping/delivery", 1, 0.03, 1, "q", "r2"]]
    before = [["packaging", 2, 0.1, 2, "q", "r3"], ["price/value", 2, 0.1, 1, "q", "r4"]]
    from datetime import date

    lead = compared_lead(
        now,
        before,
        period_name(date(2026, 12, 1), date(2026, 12, 3)),
        period_name(date(2026, 11, 1), date(2026, 11, 30)),
    )
    assert lead == (
        "In 1 Dec - 3 Dec 2026 the most common complaint is quality/durability (3 reviews); in November "
        "2026 it was packaging and price/value (2 reviews each)."
    )
    assert compared_lead([], before, "this month", "last month").startswith("In this month no review complains")
