"""An eleventh set of phrasings (``bench/eleventh_questions.py``, batches ``eleventh`` and ``eleventh2``), as asked.

Slack and e-mail asides (a dated call, a clock time, what the answer is for), analysts' metric names (TTM, UPT,
run rate, "channel mix"), periods (Easter, "rolling 12 months", "H1 vs H2 last year", "vs the previous 4 weeks"),
slow movers, how long one product's stock lasts, a named thing the data lacks after "the sale of", and refusals
of marketing campaigns and site search.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.chatter import without_chatter
from shared.questions.reading import Reading, read_question
from shared.questions.shorthand import expand_shorthand
from shared.questions.timephrase import easter_sunday, resolve_time
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC, DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    """The tenth round's store, with a product whose title holds "Board" and one holding "Desk"."""
    return sample_like_store("USB-C Cable 1m")


def read(store: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


@pytest.mark.parametrize(("question", "text"), [
    ("how many orders did we do last week? need it for the board deck", "how many orders did we do last week?"),
    ("following up on yesterday's call - can you pull revenue by channel",
     "following up on call - can you pull revenue by channel"),
    ("quick q before my 3pm: how much did amazon bring in", "quick q : how much did amazon bring in"),
    ("for the investor update I need revenue ytd", "I need revenue ytd"),
    ("need this for a slide: what % of revenue came from ebay", ": what % of revenue came from ebay"),
    ("this morning's email asked for units sold last week", "email asked for units sold last week"),
    ("can u send me AOV for Q3 asap, presenting to the board tomorrow", "can u send me AOV for Q3 asap,"),
    ("apologies for the basic question but how much did we sell in november", "how much did we sell in november"),
    ("sorry, what was revenue yesterday", "what was revenue yesterday"),
    ("I'm meeting the bank on friday, what were sales last week", ", what were sales last week"),
    ("Hey! Hope your weekend was good. what was revenue in October?", "Hey! what was revenue in October?"),
    ("how was your weekend? need units sold yesterday", "need units sold yesterday"),
    ("happy friday! revenue this week please", "revenue this week please"),
    ("hope you had a nice weekend - orders last week?", "orders last week?"),
    ("morning all, before the weekly sync could I get revenue for last week",
     "morning all, could I get revenue for last week"),
    ("the weekly call is soon - orders yesterday?", "the call is soon - orders yesterday?"),
])
def test_asides_about_the_asker_are_taken_out(question: str, text: str) -> None:
    assert without_chatter(question) == text


@pytest.mark.parametrize("question", ["revenue of the cutting board for the last 7 days", "weekly revenue this quarter",
                                      "orders for the month", "revenue for the board range last month",
                                      "sales at 3 stores yesterday", "units sold for the web channel"])
def test_questions_without_asides_are_left_alone(question: str) -> None:
    assert without_chatter(question) == question


def test_a_purpose_clause_names_no_product(store: VocabularyIndex) -> None:
    r = read(store, "hi team, could someone tell me how many orders we did last week? need it for the board deck")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "orders" and not r.query.filters
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 11, 23)


def test_a_dated_call_is_not_the_period(store: VocabularyIndex) -> None:
    r = read(store, "following up on yesterday's call - can you pull revenue by channel for last month")
    assert r.query is not None and r.query.dimensions == ["channel"]
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 11, 1)


@pytest.mark.parametrize(("question", "text"), [
    ("revenue TTM", "revenue trailing 12 months"), ("LTM orders", "last 12 months orders"),
    ("UPT last month", "units per transaction last month"),
    ("kindly provide category wise sales", "kindly provide by category sales"),
    ("month-wise orders this year", "by month orders this year"), ("otherwise fine", "otherwise fine"),
])
def test_analyst_abbreviations_are_written_out(question: str, text: str) -> None:
    assert expand_shorthand(question) == text


@pytest.mark.parametrize(("question", "start", "end"), [
    ("12 month rolling revenue", date(2025, 12, 5), DEC),
    ("rolling 3 months orders", date(2026, 9, 5), DEC),
    ("revenue trailing twelve months", date(2025, 12, 5), DEC),
    ("sales between easter and may", date(2026, 4, 5), date(2026, 5, 31)),
    ("orders on easter monday", date(2026, 4, 6), date(2026, 4, 6)),
    ("revenue on good friday 2025", date(2025, 4, 18), date(2025, 4, 18)),
    ("sales over easter weekend", date(2026, 4, 4), date(2026, 4, 5)),
    ("black friday weekend revenue", date(2026, 11, 28), date(2026, 11, 29)),
    ("revenue in the first fortnight of november", date(2026, 11, 1), date(2026, 11, 14)),
    ("orders in the second half of october", date(2026, 10, 16), date(2026, 10, 31)),
    ("units in the last fortnight of september 2025", date(2025, 9, 15), date(2025, 9, 30)),
    ("revenue last fortnight", date(2026, 11, 21), DEC),
    ("second half of 2025", date(2025, 7, 1), date(2025, 12, 31)),
    ("revenue in the 6 weeks to christmas last year", date(2025, 11, 13), date(2025, 12, 24)),
    ("the 10 days up to black friday", date(2026, 11, 17), date(2026, 11, 26)),
    ("revenue from new year's day to valentine's day", date(2026, 1, 1), date(2026, 2, 14)),
    ("revenue for the first week of last month", date(2026, 11, 1), date(2026, 11, 7)),
    ("the first 10 days of last month", date(2026, 11, 1), date(2026, 11, 10)),
    ("second half of last month", date(2026, 11, 16), date(2026, 11, 30)),
])
def test_rolling_windows_and_easter_are_the_days_meant(question: str, start: date, end: date) -> None:
    rng = resolve_time(question, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, end)


def test_easter_sunday_follows_the_computus() -> None:
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28), date(2038, 4, 25)]


@pytest.mark.parametrize(("question", "start", "before"), [
    ("H1 vs H2 revenue last year", date(2025, 7, 1), date(2025, 1, 1)),
    ("Q4 vs Q3 revenue last year", date(2025, 10, 1), date(2025, 7, 1)),
    ("last year, october vs november orders", date(2025, 11, 1), date(2025, 10, 1)),
])
def test_two_compared_periods_and_one_year_are_both_in_that_year(store: VocabularyIndex, question: str, start: date,
                                                                 before: date) -> None:
    from shared.questions.timephrase import previous_range

    r = read(store, question)
    q = r.query
    assert q is not None and q.time_range is not None and q.compare is not None and q.time_range.start == start
    assert (q.baseline or previous_range(q.time_range, q.compare)).start == before


def test_a_year_compared_with_a_period_still_compares_years(store: VocabularyIndex) -> None:
    rng = resolve_time("revenue in october vs last year", DEC)
    assert rng.range is not None and rng.range.start == date(2026, 10, 1) and rng.compare == "previous_year"


@pytest.mark.parametrize("question", ["revenue last 4 weeks vs previous 4 weeks",
                                      "orders last 3 months compared to the prior 3 months",
                                      "units this fortnight vs the previous fortnight"])
def test_the_previous_n_weeks_is_the_period_before(question: str) -> None:
    assert resolve_time(question, DEC).compare == "previous_period"


@pytest.mark.parametrize(("question", "dim"), [("channel mix this year", "channel"),
                                               ("category mix last month", "category"),
                                               ("channel split this year", "channel"),
                                               ("brand breakdown last quarter", "brand")])
def test_a_dimension_mix_is_revenue_by_it_with_shares(store: VocabularyIndex, question: str, dim: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None
    assert r.query.metrics[0] == "revenue" and r.query.dimensions == [dim]


def test_slow_movers_are_products_by_units_from_the_bottom(store: VocabularyIndex) -> None:
    r = read(store, "slowest movers last month")
    assert r.query is not None and r.query.metrics[0] == "units" and r.query.dimensions == ["sku"]
    assert not r.query.descending
    c = read(store, "which category was the slowest mover last quarter")
    assert c.query is not None and c.query.metrics[0] == "units" and c.query.dimensions == ["category"]


@pytest.mark.parametrize(("question", "skus", "categories"), [
    ("how long will my stock of the USB-C Cable 1m last", ["ELE-0002"], []),
    ("weeks of cover for kitchen", [], ["Kitchen"]),
    ("how long will the stock of outdoor last", [], ["Outdoor"]),
    ("how many weeks will the kitchen stock last", [], ["Kitchen"]),
])
def test_how_long_stock_lasts_is_days_of_cover(store: VocabularyIndex, question: str, skus: list[str],
                                               categories: list[str]) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "days_of_cover"
    values = {f.dimension: f.values for f in r.query.filters}
    assert values.get("sku", []) == skus and values.get("category", []) == categories


def test_the_run_rate_of_the_month_asks_its_forecast(store: VocabularyIndex) -> None:
    from shared.orchestration.descriptive import rest_of_month

    r = rest_of_month(read(store, "what's our run rate this month"))
    assert r.asks == ["forecast"] and r.query is not None and r.query.metrics == ["revenue"]
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 12, 1)


def test_a_name_after_the_sale_of_that_the_data_lacks_is_said(store: VocabularyIndex) -> None:
    r = read(store, "what is the sale of the walnut desk organiser this year")
    assert r.kind == "unanswerable" and r.unknown_name == "walnut desk organiser"


@pytest.mark.parametrize("question", ["revenue of the cutting board large this year",
                                      "sales of the kitchen category last month", "revenue from the web last month",
                                      "sales on the last day of data", "revenue for the last day of data"])
def test_a_known_name_after_the_sales_of_is_answered(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind == "metric"


@pytest.mark.parametrize(("question", "concept"), [
    ("how much did the influencer campaign bring in", "advertising and marketing spend"),
    ("revenue from our facebook campaigns", "advertising and marketing spend"),
    ("what was our marketing ROI", "advertising and marketing spend"),
    ("what did people search for on the site", "site traffic and conversion"),
    ("top site search terms last month", "site traffic and conversion"),
    ("what's our cart conversion", "site traffic and conversion"),
    ("how many people left the website without buying", "site traffic and conversion"),
    ("what's our add to basket rate", "site traffic and conversion"),
    ("what's the average time on site", "site traffic and conversion"),
])
def test_marketing_campaigns_and_site_search_are_refused(store: VocabularyIndex, question: str, concept: str) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and r.concept == concept


def test_a_presentation_tomorrow_is_no_forecast(store: VocabularyIndex) -> None:
    r = read(store, "can u send me AOV for Q3 asap, presenting to the board tomorrow")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "aov"
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 7, 1)


def test_an_apology_before_the_question_is_no_name(store: VocabularyIndex) -> None:
    r = read(store, "apologies for the basic question but how much did we sell in november")
    assert r.kind == "metric" and r.unknown_name is None


def test_a_breakdown_asked_x_wise(store: VocabularyIndex) -> None:
    r = read(store, "kindly provide category wise sales for this month")
    assert r.query is not None and r.query.dimensions == ["category"]


def test_the_next_fortnight_is_a_14_day_forecast() -> None:
    from shared.orchestration.router import extract_entities

    assert extract_entities("how much will we sell in the next fortnight").horizon_days == 14


def test_cover_asked_in_weeks_is_said_in_weeks_too() -> None:
    from shared.questions.compose import compose
    from shared.store.metrics.model import MetricQuery, TimeRange
    from tests.unit.questions.test_compose import TITLES, result

    q = MetricQuery(tenant_id="t", metrics=["days_of_cover"],
                    time_range=TimeRange(start=date(2026, 11, 5), end=DEC, label="the last 30 days"))
    for question, weeks in (("how many weeks of stock do we have", True), ("days of cover", False)):
        answer = compose(Reading(kind="metric", question=question, query=q, shape="value"),
                         result(q, [{"days_of_cover": 87.5}]), titles=TITLES).answer
        assert ("(12.5 weeks)" in answer) is weeks and "87.5 days" in answer


@pytest.mark.parametrize("question", [
    "Hey! Hope your weekend was good. Quick question - what did the shop turn over in October?",
    "what did the shop turn over in October?"])
def test_small_talk_and_the_shop_as_subject_leave_one_total(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert not r.query.dimensions
    assert r.query.time_range is not None and r.query.time_range.start == date(2026, 10, 1)
    assert not any(f.dimension == "weekday" for f in r.query.filters)


def test_shops_asked_by_are_still_channels(store: VocabularyIndex) -> None:
    r = read(store, "revenue by shop last month")
    assert r.query is not None and r.query.dimensions == ["channel"]


@pytest.mark.parametrize(("question", "dim", "threshold"), [
    ("products that made under $100 last month", "sku", ("below", 100.0)),
    ("brands with more than 1000 units this year", "brand", ("above", 1000.0)),
    ("show me the categories with more than 50k revenue last month", "category", ("above", 50000.0)),
])
def test_things_a_threshold_picks_are_listed(store: VocabularyIndex, question: str, dim: str,
                                             threshold: tuple[str, float]) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == [dim] and r.threshold == threshold


def test_at_risk_of_stocking_out_is_the_stock_agents(store: VocabularyIndex) -> None:
    assert "inventory" in read(store, "which items are at risk of stocking out").agent_intents


def test_attach_rate_is_the_share_of_orders_with_more_than_one_unit(store: VocabularyIndex) -> None:
    r = read(store, "what's the attach rate last month")
    assert r.query is not None and r.query.metrics[0] == "multi_item_order_share"


def test_a_monthly_review_meeting_is_no_review_and_no_breakdown(store: VocabularyIndex) -> None:
    r = read(store, "for our monthly review can you give me units sold by brand for last month")
    assert r.query is not None and r.query.metrics[0] == "units" and r.query.dimensions == ["brand"]
    assert r.query.grain is None


def test_a_monthly_review_count_is_the_reviews_by_month_not_a_meeting(store: VocabularyIndex) -> None:
    # "monthly review" with no "for"/"before" is the reviews by month; "the weekly sync" stays a meeting
    r = read(store, "monthly review count this year")
    assert r.query is not None and r.query.metrics[0] == "review_count"
    assert r.query.dimensions == ["date"] and r.query.grain == "month"
    assert without_chatter("weekly sync numbers: revenue last month?").strip().startswith("sync")


@pytest.mark.parametrize(("question", "dim", "descending"), [
    ("categories that grew last quarter", "category", True),
    ("products that declined the most this year vs last year", "sku", False),
    ("brands which have grown this year", "brand", True),
])
def test_things_that_grew_or_fell_are_ranked_by_change(store: VocabularyIndex, question: str, dim: str,
                                                       descending: bool) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == [dim] and r.query.order_by_change
    assert r.query.descending is descending


def test_a_metric_word_before_sold_is_no_product_name(store: VocabularyIndex) -> None:
    r = read(store, "what is the quantity sold of electronics in this month")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "units" and r.unknown_name is None


def test_an_ordinal_after_revenue_for_is_no_product_name(store: VocabularyIndex) -> None:
    r = read(store, "revenue for the first week of last month")
    assert r.kind == "metric" and r.unknown_name is None
