"""The nineteenth set's fixes (``bench/nineteenth_questions.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import make_range, resolve_time, week_note
from shared.questions.unknown_codes import closest_codes, unknown_code
from shared.questions.unread_language import unread_language
from shared.questions.vocabulary import VocabularyIndex, compact
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.conftest import EXTENTS
from tests.unit.questions.test_compose import TITLES, result

SUNDAY = date(2026, 12, 6)
SUNDAY_EXTENTS = {k: (date(2024, 12, 7), SUNDAY) for k in EXTENTS}


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=index, extents=SUNDAY_EXTENTS)


# ---- "this week" and "last week" when the data end on a Sunday ------------------------------------------------------


@pytest.mark.parametrize("phrase", ["revenue this week", "revenue last week"])
def test_this_week_and_last_week_on_a_sunday_say_they_are_one_week(phrase: str) -> None:
    """Before: the same figure for both questions and nothing said about why."""
    rng = resolve_time(phrase, SUNDAY).range
    assert rng is not None and (rng.start, rng.end) == (date(2026, 11, 30), SUNDAY)
    note = week_note(rng, SUNDAY)
    assert "Sunday 6 Dec 2026" in note and "same whole week (30 Nov - 6 Dec 2026)" in note
    assert "23-29 Nov 2026" in note


def test_no_week_note_on_another_day_or_another_period() -> None:
    saturday = date(2026, 12, 5)
    this_week = resolve_time("revenue this week", saturday).range
    assert this_week is not None and week_note(this_week, saturday) == ""
    two_weeks = resolve_time("revenue the week before last", SUNDAY).range
    assert two_weeks is not None and week_note(two_weeks, SUNDAY) == ""
    assert week_note(make_range(date(2026, 11, 30), SUNDAY), SUNDAY) == ""  # the dates alone: asked as dates


# ---- product codes the tenant has no product for ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("sales of SKU-9999", "SKU-9999"),
        ("units sold of ABC-123 last month", "ABC-123"),
        ("how many units of sku 42 did we sell", "sku 42"),
        ("revenue for item #77 this year", "item #77"),
        ("revenue of product code ZZ-404 last month", "ZZ-404"),  # held out: the code, not "product code ZZ-404"
    ],
)
def test_a_code_no_product_has_is_said_not_answered_for_the_store(
    shop: VocabularyIndex, question: str, code: str
) -> None:
    """Before: "sales of SKU-9999" was the whole store's revenue."""
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.unknown_name == code, (r.kind, r.unknown_name)


@pytest.mark.parametrize(
    "question",
    [
        "sales of VASE_RED_30 last month",  # the tenant's own code
        "sales of sku 100234 last month",
        "top-5 products last month",
        "revenue Nov-2025",
        "revenue FY-2025",
        "sales since covid-19",
        "top 3 products by revenue last month",
        "sku sales 2025",
        "how many product 2 sales",
    ],
)
def test_words_periods_and_known_codes_are_no_unknown_code(shop: VocabularyIndex, question: str) -> None:
    spans = [m.span for m in shop.find(question)]
    assert unknown_code(question, spans, set(shop.sku_codes)) is None


def test_an_unknown_code_is_answered_with_the_closest_codes() -> None:
    assert closest_codes("VASE-RED-31", ["VASE_RED_30", "vase-blue-20", "100234"])[0] == "VASE_RED_30"
    assert compact("VASE-RED-31") != compact("VASE_RED_30")


def test_a_counted_name_partly_the_tenants_is_unknown(shop: VocabularyIndex) -> None:
    """Asked "how many golden vases did we sell": vases are the tenant's, golden ones are not (before: every vase)."""
    r = read(shop, "how many golden vases did we sell")
    assert r.kind == "unanswerable" and r.unknown_name == "golden vases"
    assert any("Vase" in t for t in r.suggestions)  # the plural asked against the titles' singular
    r = read(shop, "how many vases did we sell")
    assert r.kind == "metric"
    r = read(shop, "how many units did we sell last month")
    assert r.kind == "metric"


# ---- a ranking by a ratio compared with another period ------------------------------------------------------------


def test_a_ratio_ranking_compared_gives_each_items_figure_then() -> None:
    """Before: "(£215.44, +2.6%)": the change without the figure it is from, and no period before named."""
    nov, octo = (
        make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
        make_range(date(2026, 10, 1), date(2026, 10, 31)),
    )
    q = MetricQuery(
        tenant_id="t",
        metrics=["aov"],
        dimensions=["sku"],
        time_range=nov,
        order_by="aov",
        limit=2,
        compare="previous_period",
    )
    rows: list[dict[str, Any]] = [
        {"sku": "A-1", "aov": 215.44, "aov_previous": 209.99, "aov_change_pct": 2.6},
        {"sku": "B-2", "aov": 207.97, "aov_previous": None, "aov_change_pct": None},
    ]
    out = compose(
        Reading(kind="metric", question="q", query=q, shape="ranking", show=2),
        result(q, rows, previous_range=octo),
        titles=TITLES,
    )
    assert "each against the period before (1-31 Oct 2026)" in out.answer
    assert "£215.44 against £209.99, +2.6%" in out.answer and "£207.97, none before" in out.answer


# ---- amounts written short ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "above"),
    [
        ("how many $1k+ orders this year", 999.995),
        ("£250+ orders last month", 249.995),
        ("orders over 1.5k this year", 1500.0),
        ("how many orders above $0.5k last month", 500.0),
    ],
)
def test_amounts_written_short_are_order_values(shop: VocabularyIndex, question: str, above: float) -> None:
    """Before: "$1k+ orders" and "orders over 1.5k" were all the orders."""
    r = read(shop, question)
    assert r.query is not None and r.query.order_value_above == pytest.approx(above), r.query


def test_a_count_plus_before_units_is_no_order_value(shop: VocabularyIndex) -> None:
    r = read(shop, "how many orders had 5+ units last month")
    assert r.query is not None and r.query.order_value_above is None


# ---- languages the reader does not read ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("上个月的销售额", "Chinese"),
        ("先月の売上はいくらですか", "Japanese"),
        ("сколько заказов в прошлом месяце", "Cyrillic"),
        ("hoeveel omzet vorige maand", "Dutch"),
        ("ile zamówień w ostatnim miesiącu", "Polish"),
    ],
)
def test_a_question_in_a_language_not_read_is_said(shop: VocabularyIndex, question: str, language: str) -> None:
    """Before: the agents' overview of the whole shop, an answer to no question."""
    found = unread_language(question)
    assert found is not None and language in found
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.concept == "language" and r.needed is not None and "English" in r.needed


@pytest.mark.parametrize(
    "question",
    [
        "revenue last month",
        "ventas de la semana pasada",
        "umsatz letzte woche",
        "sales of the Blue Ceramic Vase 20cm",
        "revenue in the week van 3 maart",
        "crème brûlée sales last month",
        "12345",
    ],
)
def test_english_and_the_languages_read_are_read(question: str) -> None:
    assert unread_language(question) is None


# ---- a rolling window against the one before ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "last 90 days vs the 90 before",
        "units last 14 days vs prior 14",
        "orders last 30 days compared with the previous 30",
    ],
)
def test_a_window_against_the_count_before_it_is_the_period_before(phrase: str) -> None:
    t = resolve_time(phrase, SUNDAY)
    assert t.compare == "previous_period"


def test_last_30_percent_is_no_window_before() -> None:
    assert resolve_time("revenue last 30 days vs previous 30% target", SUNDAY).compare is None


# ---- a month written with its year after a separator ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "month"),
    [
        ("revenue Nov-2025", (2025, 11)),
        ("orders in oct/2025", (2025, 10)),
        ("units mar-2025", (2025, 3)),
        ("revenue Nov-25", (2026, 11)),
    ],
)
def test_a_month_and_its_year_with_a_separator(phrase: str, month: tuple[int, int]) -> None:
    """Before: "Nov-2025" on 6 Dec 2026 was November 2026 (the year dropped); "Nov-25" may be a day and stays so."""
    rng = resolve_time(phrase, SUNDAY).range
    assert rng is not None and (rng.start.year, rng.start.month) == month


# ---- days and weekends at the data's end --------------------------------------------------------------------------


def test_this_weekend_on_the_data_s_saturday_is_that_day() -> None:
    """Before: "this weekend" on data ending Saturday 6 Dec 2025 was 5-6 Dec (the Friday counted as the weekend)."""
    saturday = date(2025, 12, 6)
    rng = resolve_time("sales this weekend", saturday).range
    assert rng is not None and (rng.start, rng.end) == (saturday, saturday)
    rng = resolve_time("sales this weekend", SUNDAY).range
    assert rng is not None and (rng.start, rng.end) == (date(2026, 12, 5), SUNDAY)


def test_yesterday_against_the_day_before_is_the_period_before() -> None:
    """Before: no comparison read, and with no figure named the question went to the agents' overview."""
    t = resolve_time("how did yesterday compare to the day before", SUNDAY)
    assert t.range is not None and t.range.start == SUNDAY and t.compare == "previous_period"
    t = resolve_time("revenue the day before christmas", SUNDAY)  # a day of its own, not a comparison
    assert t.compare is None and t.range is not None and t.range.start == date(2025, 12, 24)


# ---- "which has fewer ..., A or B" --------------------------------------------------------------------------------


def test_fewer_asks_for_the_smaller_of_two_names(store: VocabularyIndex) -> None:
    """Before: "which has fewer 5-star reviews, A or B?" led with the one that had more."""
    r = read(store, "which product has fewer 5-star reviews, the Desk Lamp or the Phone Stand?")
    assert r.query is not None and r.query.descending is False
    r = read(store, "which has more 5-star reviews, the Desk Lamp or the Phone Stand?")
    assert r.query is not None and r.query.descending is True
