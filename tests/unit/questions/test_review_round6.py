"""The sixth review round's reader rules and answers (#18): promoters against detractors, review volume lately."""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.compose import compose
from shared.questions.reading import read_question
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import CompiledStatement, MetricResult
from tests.unit.questions.conftest import EXTENTS

YTD = make_range(date(2025, 1, 1), date(2025, 6, 15), "2025 to date")


@pytest.mark.parametrize("question", ["promoters vs detractors", "how many promoters and detractors do we have?",
                                      "promoters minus detractors", "detractors versus promoters this year"])
def test_promoters_and_detractors_are_one_answer_with_their_difference(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.dimensions == ["stars"], question
    rows = [{"stars": "5 stars", "review_count": 288}, {"stars": "4 stars", "review_count": 274},
            {"stars": "3 stars", "review_count": 154}, {"stars": "2 stars", "review_count": 41},
            {"stars": "1 star", "review_count": 32}, {"stars": "no rating", "review_count": 7}]
    result = MetricResult(query=r.query, columns=list(rows[0]), rows=rows, currency=None, statement=CompiledStatement(
        sql="SELECT 1", params={"tenant_id": "t"}, dialect="duckdb"))
    answer = compose(r, result, titles={}).answer
    # 288 promoters and 73 detractors of the 789 rated reviews: +27.2 points
    assert answer.startswith("Promoters (5-star reviews)"), answer
    assert "288 (36.5% of the 789 rated reviews)" in answer and "73 (9.3%)" in answer and "+27.2 points" in answer


def test_promoters_alone_are_still_the_five_star_count(shop: VocabularyIndex) -> None:
    r = read_question("how many promoters this year?", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.dimensions == [] and [f.values for f in r.query.filters] == [["5 stars"]]


@pytest.mark.parametrize("question", ["are we getting fewer reviews lately?", "is review volume dropping?",
                                      "are reviews slowing down?", "do we get more reviews than before?"])
def test_review_volume_lately_is_the_last_30_days_against_the_30_before(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "review_count", question
    assert r.query.compare == "previous_period" and r.query.time_range is not None, question
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2025, 5, 17), date(2025, 6, 15)), question


def test_review_volume_in_a_named_period_keeps_that_period(shop: VocabularyIndex) -> None:
    r = read_question("are we getting fewer reviews this month than last month?", tenant_id="decor", index=shop,
                      extents=EXTENTS)
    assert r.query is not None and r.query.time_range is not None and r.query.time_range.start == date(2025, 6, 1)


@pytest.mark.parametrize(("question", "word"), [("how many reviews mention 'leak'?", '"leak"'),
                                                ('reviews containing "broke" this year', '"broke"'),
                                                ("how many reviews mention \u2018late\u2019?", '"late"'),
                                                ("reviews with the word refund", '"refund"')])
def test_a_quoted_word_is_that_word_not_the_concept_it_may_name(question: str, word: str) -> None:
    from shared.questions.reviews import read_review_question

    r = read_review_question(question)
    assert r is not None and r.ask == "aspect" and r.aspect == word, question


def test_a_quoted_word_matches_itself_and_its_inflections_only() -> None:
    from shared.sentiment.mentions import resolve_aspect
    from shared.sentiment.tokens import tokenize

    broke = resolve_aspect('"broke"')
    assert broke.name == '"broke"' and broke.scorer_aspect is None
    assert broke.mentioned_in(tokenize("it broke after two weeks"))
    assert not broke.mentioned_in(tokenize("feels cheap and flimsy, poor quality"))  # the concept's words: not typed
    tracking = resolve_aspect('"tracking"')
    assert not tracking.mentioned_in(tokenize("fast delivery and well tracked"))  # another form of its stem
    assert tracking.mentioned_in(tokenize("the tracking never updated"))
    assert resolve_aspect('"leak"').mentioned_in(tokenize("it leaked on day one"))
    late = resolve_aspect('"late"')
    assert late.mentioned_in(tokenize("delivery was late by a week"))
    assert not late.mentioned_in(tokenize("took forever to arrive"))


@pytest.mark.parametrize("question", ["which bad reviews still need a reply?", "unanswered reviews this month",
                                      "reviews awaiting a response", "how long does it take us to reply to reviews?"])
def test_replies_to_reviews_are_said_to_be_missing(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.kind == "unanswerable" and r.concept == "replies to reviews", question


@pytest.mark.parametrize("question", ["are verified buyers happier than unverified ones?",
                                      "verified vs unverified ratings", "rating of unverified vs verified reviews"])
def test_verified_against_unverified_is_both_side_by_side(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.dimensions == ["verified"] and r.query.filters == [], question


def test_one_side_alone_is_still_that_filter(shop: VocabularyIndex) -> None:
    r = read_question("rating from unverified buyers", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and [f.values for f in r.query.filters] == [["unverified"]]


# --- the held-out set's misses, fixed after it was measured ---

@pytest.mark.parametrize("question", ["do we answer our customers' reviews?",
                                      "how many negative reviews got a response from us?"])
def test_answering_reviews_is_said_to_be_missing(shop: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.kind == "unanswerable" and r.concept == "replies to reviews", question


def test_fewer_people_reviewing_is_review_volume_lately(shop: VocabularyIndex) -> None:
    r = read_question("are fewer people reviewing us lately?", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.metrics[0] == "review_count" and r.query.compare == "previous_period"


def test_verified_buyers_compared_without_naming_the_others_is_both(shop: VocabularyIndex) -> None:
    r = read_question("do reviews from verified buyers score lower?", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.dimensions == ["verified"] and r.query.filters == []


def test_a_word_used_is_that_word() -> None:
    from shared.questions.reviews import read_review_question

    r = read_review_question("how many reviews use the word tracking?")
    assert r is not None and r.aspect == '"tracking"'


@pytest.mark.parametrize(("question", "aspect"), [("reviews of KIT-0046 that mention broke", '"broke"'),
                                                  ("how many reviews say broken this year?", '"broken"'),
                                                  ("how many reviews mention shipping?", "shipping"),
                                                  ("how many reviews mention durability?", "durability")])
def test_an_unquoted_word_that_names_no_topic_is_a_search_word(question: str, aspect: str) -> None:
    """ "mention broke": the word searched, not the quality topic the scorer reads it as; a topic's name stays it."""
    from shared.questions.reviews import read_review_question

    r = read_review_question(question)
    assert r is not None and r.ask == "aspect" and r.aspect == aspect, (question, r)
