"""Follow-ups about the answer just given, and corrections of the turn before (dialogs4's rule families)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.answer_refs import is_correction, meant, reference_to_answer, turn_leaned_on
from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.refused import readable_rest
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, q: str) -> Reading:
    return read_question(q, tenant_id="decor", index=shop, extents=EXTENTS)


def then(shop: VocabularyIndex, first: str, second: str) -> Reading:
    r = follow_up(read(shop, second), read(shop, first), index=shop, extents=EXTENTS)
    assert r is not None and r.query is not None
    return r


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("as a chart", "restate"),
        ("show it as a table please", "restate"),
        ("go back to the first question", "restate"),
        ("what's that per day?", "per_day"),
        ("per week?", "per_week"),
        ("and the monthly average?", "per_month"),
        ("is that good?", "judge"),
        ("should I be worried?", "judge"),
        ("what share of the total is that?", "share"),
        ("as a % of total", "share"),
        ("what about the rest", "rest"),
        ("and everything else?", "rest"),
        ("can I see that as a pie chart?", "restate"),
        ("make it a bar chart", "restate"),
        ("in table form", "restate"),
        ("how much is that per day?", "per_day"),
        ("good or bad?", "judge"),
        ("is that a good number?", "judge"),
        ("what fraction of all sales is that?", "share"),
        ("what % is that of the total?", "share"),
        ("and what was that as a % of all units?", "share"),
        ("what about the rest of the year?", None),
        ("revenue per day last month", None),
        ("is revenue up?", None),
        ("good morning", None),
        ("a table of revenue by month", None),
        ("make it monthly", None),
    ],
)
def test_what_a_question_asks_of_the_answer(question: str, kind: str | None) -> None:
    assert reference_to_answer(question) == kind


def test_per_day_divides_the_value_not_a_daily_breakdown(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue in March 2025", "what's that per day?")
    assert r.per_day and r.shape == "value" and r.query is not None and r.query.dimensions == []
    assert then(shop, "revenue in March 2025", "per month?").per_unit == "month"


def test_is_that_good_sets_it_against_the_period_before(shop: VocabularyIndex) -> None:
    r = then(shop, "orders on Etsy in March 2025", "is that good?")
    assert r.query is not None and r.query.compare == "previous_period" and r.query.filters[0].values == ["Etsy"]


def test_share_of_the_total_and_the_rest(shop: VocabularyIndex) -> None:
    share = then(shop, "revenue on Etsy in March 2025", "what share of the total is that?")
    assert share.shape == "share" and share.focus is not None and share.focus.values == ["Etsy"]
    assert share.query is not None and share.query.dimensions == ["channel"] and share.query.filters == []
    rest = then(shop, "revenue on Etsy in March 2025", "what about the rest")
    assert rest.query is not None and [(f.op, f.values) for f in rest.query.filters] == [("not_in", ["Etsy"])]


def test_as_a_chart_is_the_same_reading(shop: VocabularyIndex) -> None:
    first = read(shop, "revenue by channel in March 2025")
    r = then(shop, "revenue by channel in March 2025", "as a table")
    assert r.query == first.query and r.shape == first.shape


@pytest.mark.parametrize(
    ("question", "left"),
    [
        ("sorry, October not September", "sorry, October"),
        ("not amazon, ebay", "ebay"),
        ("not that one, the Oak Serving Tray Large", "the Oak Serving Tray Large"),
        ("no, I meant units", "units"),
        ("ebay instead of amazon", "ebay"),
        ("revenue not on amazon", "revenue not on amazon"),
    ],
)
def test_a_correction_drops_the_alternative_it_turns_down(question: str, left: str) -> None:
    assert is_correction(question) != (question == left)
    assert meant(question) == left


def test_a_new_question_after_actually_is_no_correction(shop: VocabularyIndex) -> None:
    assert not is_correction("actually, how many customers do we have?") and is_correction("actually, I meant units")
    new = read(shop, "actually, how many customers do we have?")
    assert follow_up(new, read(shop, "revenue on Etsy in March 2025"), index=shop, extents=EXTENTS) is None


def test_a_corrected_month_is_the_month_meant(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue in September 2024", "sorry, October not September")
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2024, 10, 1), date(2024, 10, 31))


def test_a_corrected_product_replaces_the_one_before(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue for Linen Table Runner in March 2025", "not that one, the Oak Serving Tray Large")
    assert r.query is not None and [f.values for f in r.query.filters if f.dimension == "sku"] == [["TR.88/L"]]


def test_in_it_points_back_at_the_category(shop: VocabularyIndex) -> None:
    r = then(shop, "Candles revenue in March 2025", "which product sold the most in it?")
    assert r.query is not None and r.query.filters[0].values == ["Candles"] and r.query.dimensions == ["sku"]
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 3, 1)


def test_go_back_and_what_a_refusal_could_still_read() -> None:
    assert turn_leaned_on("ok, go back to the first question") == 0 and turn_leaned_on("back to revenue") == -1
    assert readable_rest("revenue by region last month") == "revenue last month"
    assert readable_rest("revenue in London last month") == "revenue last month"
    assert readable_rest("revenue last month") is None


def test_its_and_a_trailing_then_continue_an_agent_turn() -> None:
    from shared.orchestration.context import is_follow_up
    from shared.orchestration.plan import Plan

    assert is_follow_up("should I lower its price?", Plan(intents=["pricing"]), explicit_intents=True)
    assert is_follow_up("when do we run out then?", Plan(intents=["forecast"]), explicit_intents=True)
    assert not is_follow_up("which products are overpriced?", Plan(intents=["pricing"]), explicit_intents=True)


def test_a_bare_question_after_one_product_is_about_it(shop: VocabularyIndex) -> None:
    """ "how many do we have in stock?" after one product: its stock; "our"/"products" questions stay store-wide."""
    stock = then(shop, "units of Linen Table Runner sold in March 2025", "how many do we have in stock?")
    assert stock.query is not None and stock.query.metrics[0] == "stock_on_hand"
    assert [f.values for f in stock.query.filters] == [["100234"]]
    runout = follow_up(
        read(shop, "when do we run out?"),
        read(shop, "units of Linen Table Runner sold in March 2025"),
        index=shop,
        extents=EXTENTS,
    )
    assert runout is not None and runout.skus == ["100234"]
    wide = follow_up(
        read(shop, "how much stock do we have in total?"),
        read(shop, "units of Linen Table Runner sold in March 2025"),
        index=shop,
        extents=EXTENTS,
    )
    assert wide is None or wide.query is None or not wide.query.filters


def test_pronouns_spelled_out_from_the_turn_before() -> None:
    from shared.questions.pronouns import named_it, of_them

    assert of_them("how many of them were new?", "customers") == "and how many new customers?"
    assert of_them("and how many of those came from amazon?", "orders") == "and how many orders came from amazon?"
    assert of_them("how many customers were new?", "customers") is None
    assert named_it("what do customers say about it?", "Oak Tray") == "what do customers say about Oak Tray?"
    assert named_it("is it selling?", "Oak Tray") is None


def test_it_after_an_answer_that_named_one_item(shop: VocabularyIndex) -> None:
    """ "which channel made the most revenue in March 2025?" then "how many orders came from it?": that channel's."""
    first = read(shop, "which channel made the most revenue in March 2025?")
    assert first.show == 1
    r = follow_up(
        read(shop, "how many orders came from it?"), first, index=shop, extents=EXTENTS, listed=lambda _: ["Etsy"]
    )
    assert r is not None and r.query is not None and r.shape == "value" and r.query.dimensions == []
    assert r.query.metrics[0] == "orders" and [f.values for f in r.query.filters] == [["Etsy"]]


def test_a_comparison_after_a_per_day_value_is_of_the_totals(shop: VocabularyIndex) -> None:
    """ "what's that per day?" then "is that good?" / "and compared with last year?": a comparison, not per day."""
    per_day = then(shop, "orders in March 2025", "what's that per day?")
    for question in ("is that good?", "and compared with last year?"):
        r = follow_up(read(shop, question), per_day, index=shop, extents=EXTENTS)
        assert r is not None and r.query is not None and r.query.compare is not None and not r.per_day, question


def test_it_after_one_product_named_by_a_ranking(shop: VocabularyIndex) -> None:
    """ "which product made the most revenue in March 2025?" then "how's it rated?": that product's rating."""
    first = read(shop, "which product made the most revenue in March 2025?")
    r = follow_up(read(shop, "how's it rated?"), first, index=shop, extents=EXTENTS, listed=lambda _: ["100234"])
    assert r is not None and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert [f.values for f in r.query.filters] == [["100234"]] and r.query.dimensions == []


@pytest.mark.parametrize(
    "question", ["go back to the question before that", "the one before", "what was the answer before that?",
                 "back to the previous question", "show me the answer before that again"])
def test_a_turn_back_is_the_one_before_the_last_and_restated(question: str) -> None:
    assert turn_leaned_on(question) == -2 and reference_to_answer(question) == "restate"


@pytest.mark.parametrize("question", ["and the one before?", "the week before", "before that", "the month before that"])
def test_a_period_before_is_no_turn_back(question: str) -> None:
    assert turn_leaned_on(question) == -1


def test_put_it_next_to_a_long_name_leans_on_the_turn_before() -> None:
    from shared.questions.followup import leans_on_previous

    assert leans_on_previous("put it next to the Trailhead Premium Camping Chair Deluxe", names_metric=False,
                             names_period=False)
    assert not leans_on_previous("how does this year compare with last year?", names_metric=False, names_period=True)
