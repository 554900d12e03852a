"""Follow-ups change only what they name in the previous metric reading."""

from __future__ import annotations

from datetime import date

from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, q: str) -> Reading:
    return read_question(q, tenant_id="decor", index=shop, extents=EXTENTS)


def then(shop: VocabularyIndex, first: str, second: str) -> Reading | None:
    return follow_up(read(shop, second), read(shop, first), index=shop, extents=EXTENTS)


def test_the_month_before(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "and the month before?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2025, 2, 1), date(2025, 2, 28))
    assert r.query.time_range.label == "February 2025 (1-28 Feb 2025)"
    assert r.query.filters[0].values == ["Etsy"]


def test_a_year_earlier_and_a_new_period(shop: VocabularyIndex) -> None:
    r = then(shop, "orders in Q1 2025", "what about a year earlier?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2024, 1, 1) and r.query.metrics == ["orders"]
    r2 = then(shop, "orders in Q1 2025", "and in 2023?")
    assert r2 is not None and r2.query is not None and r2.query.time_range is not None
    assert r2.query.time_range.start == date(2023, 1, 1)


def test_names_replace_the_same_kind(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "what about Shopify?")
    assert r is not None and r.query is not None and r.query.filters[0].values == ["Shopify"]
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 3, 1)


def test_metric_and_breakdown_swaps(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue in March 2025", "and units?")
    assert r is not None and r.query is not None and r.query.metrics == ["units"]
    b = then(shop, "revenue in March 2025", "and by channel?")
    assert b is not None and b.query is not None and b.query.dimensions == ["channel"] and b.shape == "breakdown"


def test_standalone_questions_are_not_follow_ups(shop: VocabularyIndex) -> None:
    assert then(shop, "revenue in March 2025", "how many reviews did we get in 2024 on etsy, by month?") is None
    assert then(shop, "which products are overpriced?", "and the month before?") is None


def test_a_follow_up_to_a_share_reads_its_counts_too(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "what about the share of discounted orders?")
    assert r is not None and r.query is not None
    assert r.query.metrics == ["promo_order_share", "promo_orders", "orders"]


def test_a_moving_day_a_year_earlier_is_last_years_day(shop: VocabularyIndex) -> None:
    """"Revenue on Black Friday 2024" then "and a year earlier?": Black Friday 2023 (24 Nov), not 29 Nov 2023."""
    r = then(shop, "revenue on Black Friday 2024", "and a year earlier?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2023, 11, 24), date(2023, 11, 24))
    assert r.query.time_range.label.startswith("Black Friday 2023")
    week = then(shop, "sales the week after black friday 2024", "what about the year before?")
    assert week is not None and week.query is not None and week.query.time_range is not None
    assert week.query.time_range.start == date(2023, 11, 25)
    fixed = then(shop, "revenue on christmas eve 2024", "and a year earlier?")
    assert fixed is not None and fixed.query is not None and fixed.query.time_range is not None
    assert fixed.query.time_range.start == date(2023, 12, 24)


def _then_listed(shop: VocabularyIndex, first: str, second: str, items: list[str]) -> Reading | None:
    """``second`` after ``first``, whose answer listed ``items`` in that order."""
    return follow_up(read(shop, second), read(shop, first), index=shop, extents=EXTENTS, listed=lambda _: items)


def test_a_discourse_word_is_no_follow_up_cue(shop: VocabularyIndex) -> None:
    """"ok, what's our return rate?" after an Etsy question is a new question: no Etsy filter, no period of it."""
    for second in ("ok, what's our return rate?", "now how many customers do we have?",
                   "also, what was revenue yesterday?", "thanks. how many orders did we get in 2024?"):
        assert then(shop, "revenue on Etsy in March 2025", second) is None, second
    kept = then(shop, "revenue on Etsy in March 2025", "ok and units?")  # a cue after it still counts
    assert kept is not None and kept.query is not None and kept.query.filters[0].values == ["Etsy"]


def test_last_year_after_a_month_is_that_month_a_year_back(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "and last year?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2024, 3, 1), date(2024, 3, 31))
    assert r.query.filters[0].values == ["Etsy"]
    named = then(shop, "revenue on Etsy in March 2025", "and October last year?")  # a period of its own
    assert named is not None and named.query is not None and named.query.time_range is not None
    assert named.query.time_range.start == date(2024, 10, 1)


def test_a_fragment_with_a_measure_keeps_period_and_filters(shop: VocabularyIndex) -> None:
    """"excluding returns" names returns (a metric of its own) but leans on the units question before it."""
    r = then(shop, "units sold on Etsy in March 2025", "excluding returns")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.metrics == ["units", "returned_units"] and r.net_of
    assert r.query.time_range.start == date(2025, 3, 1) and r.query.filters[0].values == ["Etsy"]
    aov = then(shop, "revenue on Etsy in March 2025", "the average order value?")
    assert aov is not None and aov.query is not None and aov.query.metrics[0] == "aov"
    assert aov.query.time_range is not None and aov.query.time_range.start == date(2025, 3, 1)
    assert aov.query.filters[0].values == ["Etsy"]
    # a fragment that names both a measure and a period stands on its own
    assert then(shop, "revenue on Etsy in March 2025", "units last week") is None


def test_break_that_down_and_by_month_keep_the_period(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue in March 2025", "break that down by channel")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.dimensions == ["channel"] and r.shape == "breakdown"
    assert r.query.time_range.start == date(2025, 3, 1)
    t = then(shop, "revenue in Q1 2025", "by month")
    assert t is not None and t.query is not None and t.query.time_range is not None
    assert t.query.dimensions == ["date"] and t.query.grain == "month" and t.shape == "trend"
    assert (t.query.time_range.start, t.query.time_range.end) == (date(2025, 1, 1), date(2025, 3, 31))


def test_top_n_instead_keeps_the_measure_and_bottom_turns_it_round(shop: VocabularyIndex) -> None:
    r = then(shop, "top 5 products by units sold in March 2025", "top 3 instead")
    assert r is not None and r.query is not None and r.shape == "ranking" and r.show == 3
    assert r.query.metrics[0] == "units" and r.query.order_by == "units" and r.query.descending
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 3, 1)
    b = then(shop, "top 3 channels by revenue in March 2025", "show the bottom ones")
    assert b is not None and b.query is not None and b.show == 3
    assert b.query.order_by == "revenue" and not b.query.descending and b.query.dimensions == ["channel"]


def test_excluding_a_name_leaves_it_out(shop: VocabularyIndex) -> None:
    r = then(shop, "units sold in March 2025", "excluding Etsy")
    assert r is not None and r.query is not None
    assert [(f.dimension, f.op, f.values) for f in r.query.filters] == [("channel", "not_in", ["Etsy"])]
    back = follow_up(read(shop, "what about just Etsy?"), r, index=shop, extents=EXTENTS)
    assert back is not None and back.query is not None
    assert [(f.op, f.values) for f in back.query.filters] == [("in", ["Etsy"])]


def test_compare_that_and_why_compare_the_previous_period(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue in March 2025", "how does that compare to the month before")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.compare == "previous_period" and r.query.time_range.start == date(2025, 3, 1)
    y = then(shop, "revenue on Etsy in March 2025", "how does it compare to last year?")
    assert y is not None and y.query is not None and y.query.compare == "previous_year"
    assert y.query.filters[0].values == ["Etsy"]
    w = then(shop, "revenue in March 2025", "why?")
    assert w is not None and w.query is not None and w.query.time_range is not None
    assert w.query.compare == "previous_period" and w.query.time_range.start == date(2025, 3, 1)


def test_the_second_one_and_those_are_the_previous_answers_items(shop: VocabularyIndex) -> None:
    items = ["vase-blue-20", "100234", "TR.88/L"]
    r = _then_listed(shop, "top 3 products by revenue in March 2025", "what about the second one", items)
    assert r is not None and r.query is not None and r.shape == "value" and not r.query.dimensions
    assert [(f.dimension, f.values) for f in r.query.filters] == [("sku", ["100234"])]
    assert r.labels["100234"] == "Linen Table Runner"
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 3, 1)
    stock = _then_listed(shop, "top 3 products by revenue in March 2025", "how much stock do we have of those?",
                         items)
    assert stock is not None and stock.query is not None and stock.query.metrics == ["stock_on_hand"]
    assert stock.query.filters[0].values == items and not stock.query.dimensions
    assert stock.query.time_range is not None and stock.query.time_range.end == date(2025, 6, 15)  # the latest count
    cats = ["Home Decor", "Candles"]
    before = _then_listed(shop, "top 2 categories by revenue in Q1 2025", "how did those do the quarter before?", cats)
    assert before is not None and before.query is not None and before.query.time_range is not None
    assert before.query.time_range.start == date(2024, 10, 1) and before.query.dimensions == ["category"]
    assert before.query.filters[0].values == cats and before.shape == "breakdown"


def test_an_ordinal_with_a_measure_of_its_own_is_the_listed_item(shop: VocabularyIndex) -> None:
    """"how many units did the third one sell?" names a measure and a question word, yet points at the list."""
    items = ["vase-blue-20", "100234", "TR.88/L"]
    r = _then_listed(shop, "top 3 products by revenue in March 2025", "how many units did the third one sell?", items)
    assert r is not None and r.query is not None and r.query.metrics[0] == "units"
    assert [(f.dimension, f.values) for f in r.query.filters] == [("sku", ["TR.88/L"])]
    assert r.query.time_range is not None and r.query.time_range.start == date(2025, 3, 1)


def test_that_against_a_named_period_keeps_the_period_and_compares(shop: VocabularyIndex) -> None:
    """"is that more than February?" after March: March against February, not February alone."""
    r = then(shop, "revenue on Etsy in March 2025", "is that more than February?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 3, 1) and r.query.compare == "previous_period"
    assert r.query.baseline is not None and r.query.baseline.start == date(2025, 2, 1)
    assert r.query.filters[0].values == ["Etsy"]


def test_a_whole_new_ranking_or_this_periods_question_inherits_nothing(shop: VocabularyIndex) -> None:
    """A ranking that names its measure and period, or "for this month", is a new question, not a reshape."""
    assert then(shop, "revenue on Etsy in March 2025", "top 5 products by revenue this year") is None
    assert then(shop, "revenue on Etsy in March 2025", "what's the revenue for this month?") is None
    reshaped = then(shop, "revenue on Etsy in March 2025", "by channel")
    assert reshaped is not None and reshaped.query is not None and reshaped.query.dimensions == ["channel"]


def test_an_agent_question_about_those_reads_the_listed_products(shop: VocabularyIndex) -> None:
    """"which of those are low on stock?" after a product ranking: the stock agent on those SKUs, not the store."""
    items = ["vase-blue-20", "100234", "TR.88/L"]
    r = _then_listed(shop, "top 3 products by revenue in March 2025", "which of those are low on stock?", items)
    assert r is not None and r.kind == "agent" and r.skus == items
    one = _then_listed(shop, "top 3 products by revenue in March 2025", "is the second one overpriced?", items)
    assert one is not None and one.kind == "agent" and one.skus == ["100234"]


def test_in_total_and_all_channels_drop_the_filters(shop: VocabularyIndex) -> None:
    r = then(shop, "units sold on Etsy in March 2025", "and in total?")
    assert r is not None and r.query is not None and r.query.filters == []
    assert r.query.metrics == ["units"] and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 3, 1)
    a = then(shop, "units sold on Etsy in March 2025", "and across all channels?")
    assert a is not None and a.query is not None and not any(f.dimension == "channel" for f in a.query.filters)


def test_growth_compares_and_ranks_by_the_change(shop: VocabularyIndex) -> None:
    g = then(shop, "revenue in March 2025", "and the growth?")
    assert g is not None and g.query is not None and g.query.compare == "previous_period"
    assert g.query.time_range is not None and g.query.time_range.start == date(2025, 3, 1)
    most = then(shop, "revenue by channel in March 2025", "which one grew the most?")
    assert most is not None and most.query is not None and most.shape == "ranking"
    assert most.query.order_by_change and most.query.descending and most.query.dimensions == ["channel"]
    fell = then(shop, "revenue by channel in March 2025", "which fell the most?")
    assert fell is not None and fell.query is not None and fell.query.order_by_change and not fell.query.descending


def test_a_running_month_compares_with_the_same_days_before(shop: VocabularyIndex) -> None:
    """"this month" (1-15 Jun) then "how does that compare to last month": 1-15 May, as the reader compares it."""
    r = then(shop, "revenue this month", "how does that compare to last month")
    assert r is not None and r.query is not None and r.query.compare == "previous_period_to_date"
    w = then(shop, "revenue this month", "why?")
    assert w is not None and w.query is not None and w.query.compare == "previous_period_to_date"


def test_an_elliptical_ranking_keeps_the_period_and_its_own_pick(shop: VocabularyIndex) -> None:
    """"which channel had the least?" names no measure and no period: last turn's, ranked as the question asks."""
    r = then(shop, "revenue in March 2025", "which channel had the least?")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 3, 1) and r.query.dimensions == ["channel"]
    assert r.shape == "ranking" and r.show == 1 and not r.query.descending
    there = then(shop, "revenue on Etsy in March 2025", "which product sold the most there?")
    assert there is not None and there.query is not None and there.query.filters[0].values == ["Etsy"]
    assert there.query.dimensions == ["sku"] and there.show == 1


def test_the_other_channels_and_a_breakdown_by_the_filtered_one(shop: VocabularyIndex) -> None:
    """"what about the other channels?" leaves Etsy out; "break that down by channel" after Etsy is every channel."""
    r = then(shop, "revenue on Etsy in March 2025", "what about the other channels?")
    assert r is not None and r.query is not None
    assert [(f.dimension, f.op, f.values) for f in r.query.filters] == [("channel", "not_in", ["Etsy"])]
    b = then(shop, "revenue on Etsy in March 2025", "break that down by channel")
    assert b is not None and b.query is not None and b.query.filters == [] and b.query.dimensions == ["channel"]


def _span(r: Reading | None) -> tuple[date, date]:
    assert r is not None and r.query is not None and r.query.time_range is not None
    return r.query.time_range.start, r.query.time_range.end


def test_a_shift_by_another_unit_goes_back_by_that_unit(shop: VocabularyIndex) -> None:
    # "the week before" a month: the 7 days before it, not the month before
    assert _span(then(shop, "revenue in March 2025", "the week before")) == (date(2025, 2, 22), date(2025, 2, 28))
    # "the month before" a week: the last whole month before it
    assert _span(then(shop, "orders in the week of 12 March 2025", "and the month before?")) == (
        date(2025, 2, 1), date(2025, 2, 28))
    # the same unit still shifts by one of it
    assert _span(then(shop, "revenue in March 2025", "and the month before?")) == (date(2025, 2, 1), date(2025, 2, 28))


def test_the_period_before_a_running_one_is_the_whole_one(shop: VocabularyIndex) -> None:
    as_of = date(2025, 5, 20)
    first = read_question("revenue this quarter", tenant_id="decor", index=shop, extents=EXTENTS, as_of=as_of)
    second = read_question("and the quarter before?", tenant_id="decor", index=shop, extents=EXTENTS, as_of=as_of)
    r = follow_up(second, first, index=shop, extents=EXTENTS)
    assert _span(r) == (date(2025, 1, 1), date(2025, 3, 31))
    first = read_question("units sold this month", tenant_id="decor", index=shop, extents=EXTENTS, as_of=as_of)
    second = read_question("what about the month before?", tenant_id="decor", index=shop, extents=EXTENTS,
                           as_of=as_of)
    assert _span(follow_up(second, first, index=shop, extents=EXTENTS)) == (date(2025, 4, 1), date(2025, 4, 30))


def test_across_all_channels_is_one_total(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Etsy in March 2025", "and across all channels?")
    assert r is not None and r.query is not None and r.query.filters == [] and r.query.dimensions == []
    assert r.shape == "value"
    b = then(shop, "revenue on Etsy in March 2025", "and split by all channels?")
    assert b is not None and b.query is not None and b.query.dimensions == ["channel"]
