"""The fifth review round's reader rules and answers (#18): counts that are counts, products counted by reviews."""

from __future__ import annotations

from datetime import date

from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult
from tests.unit.questions.conftest import EXTENTS

YTD = make_range(date(2025, 1, 1), date(2025, 6, 15), "2025 to date")


def _negative(rows: list[dict[str, float]], metrics: list[str]) -> str:
    q = MetricQuery(tenant_id="t", metrics=metrics, time_range=YTD)
    result = MetricResult(query=q, columns=list(rows[0]), rows=rows, currency="GBP", statement=CompiledStatement(
        sql="SELECT 1", params={"tenant_id": "t"}, dialect="duckdb"))
    return compose(Reading(kind="metric", question="q", query=q, shape="value"), result, titles={}).answer


def test_negative_reviews_are_counted_not_derived_from_the_share(shop: VocabularyIndex) -> None:
    # 45 negative of 372 rated (12.1%) among 377 reviews: the share times 377 would say 46
    r = read_question("reviews with 2 stars or less this year", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and "negative_reviews" in r.query.metrics
    answer = _negative([{"negative_review_share": 100 * 45 / 372, "review_count": 377, "negative_reviews": 45}],
                       list(r.query.metrics))
    assert answer.startswith("45 of 377 reviews in 2025 to date") and "12.1% of the 372 with a star rating" in answer


def test_a_number_of_negative_reviews_is_a_count_threshold(shop: VocabularyIndex) -> None:
    # "more than 3 negative reviews" is three reviews, not a 3% share of negative reviews
    r = read_question("products with more than 3 negative reviews", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.metrics[0] == "negative_reviews" and r.threshold == ("above", 3.0)
    assert r.query.dimensions == ["sku"]


def test_products_with_no_reviews_of_some_stars_are_the_catalogues_without_them(shop: VocabularyIndex) -> None:
    for q, stars in (("which products have no 1-star reviews", ["1 star"]), ("products without any reviews", None),
                     ("which products have no 5 star reviews this year", ["5 stars"]),
                     # the held-out set's wordings, fixed after it was measured
                     ("which items don't have any 5-star reviews?", ["5 stars"]), ("items nobody has reviewed", None),
                     ("which products don't have reviews", None)):
        r = read_question(q, tenant_id="decor", index=shop, extents=EXTENTS)
        assert r.kind == "metric" and r.shape == "unsold", q
        assert r.query is not None and r.query.metrics == ["review_count"] and r.query.dimensions == ["sku"], q
        star_filter = [f.values for f in r.query.filters if f.dimension == "stars"]
        assert star_filter == ([stars] if stars else []), q


def test_reviews_so_far_against_last_month_also_say_the_whole_month(shop: VocabularyIndex) -> None:
    # 1-15 Jun against 1-15 May (like for like), and May in full: the month the question named
    r = read_question("review volume this month vs last month", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.compare == "previous_period_to_date"
    assert len(r.parts) == 1 and r.parts[0].query is not None and r.parts[0].query.compare is None
    whole = r.parts[0].query.time_range
    assert whole is not None
    assert (whole.start, whole.end) == (date(2025, 5, 1), date(2025, 5, 31))
    sales = read_question("revenue this month vs last month", tenant_id="decor", index=shop, extents=EXTENTS)
    assert sales.parts == []  # sales keep the like-for-like answer alone


def test_more_reviews_than_last_month_is_a_count_compared(shop: VocabularyIndex) -> None:
    r = read_question("did we get more reviews this month than last month?", tenant_id="decor", index=shop,
                      extents=EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["review_count"]
    assert r.query.compare is not None


def test_sentiment_by_month_is_the_average_rating_by_month(shop: VocabularyIndex) -> None:
    r = read_question("review sentiment by month this year", tenant_id="decor", index=shop, extents=EXTENTS)
    # (with each month's review count: a rating's direction weighs its months by their reviews, round 17)
    assert r.query is not None and r.query.metrics == ["avg_rating", "review_count"] and r.query.grain == "month"


def test_detractors_are_the_1_2_star_reviews(shop: VocabularyIndex) -> None:
    r = read_question("how many detractors did we have this year?", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.metrics[0] == "negative_review_share"
    assert "negative_reviews" in r.query.metrics


def test_customer_images_in_reviews_are_said_to_be_missing(shop: VocabularyIndex) -> None:
    for q in ("how many customer images do we have in reviews?", "any customer photos of the vase?",
              "pictures attached to reviews"):
        r = read_question(q, tenant_id="decor", index=shop, extents=EXTENTS)
        assert r.kind == "unanswerable" and r.concept == "review photos", q


def test_two_products_reviews_compared_are_their_ratings_first(shop: VocabularyIndex) -> None:
    r = read_question("compare reviews of the Linen Table Runner and the Oak Serving Tray Large", tenant_id="decor",
                      index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.metrics == ["avg_rating", "review_count"]
    counted = read_question("how many reviews do the Linen Table Runner and the Oak Serving Tray Large have?",
                            tenant_id="decor", index=shop, extents=EXTENTS)
    assert counted.query is not None and counted.query.metrics[0] == "review_count"
    feedback = read_question("Linen Table Runner or Oak Serving Tray Large: which gets better feedback?",
                             tenant_id="decor", index=shop, extents=EXTENTS)
    assert feedback.query is not None and feedback.query.metrics[0] == "avg_rating"


def test_a_net_promoter_score_is_still_the_survey_it_needs(shop: VocabularyIndex) -> None:
    r = read_question("what's our net promoter score?", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.kind == "unanswerable"
    promoters = read_question("how many promoters this year?", tenant_id="decor", index=shop, extents=EXTENTS)
    assert promoters.query is not None and [f.values for f in promoters.query.filters] == [["5 stars"]]


def test_a_star_distribution_names_the_levels_nobody_gave() -> None:
    q = MetricQuery(tenant_id="t", metrics=["review_count"], dimensions=["stars"], time_range=YTD, share_of_total=True)
    rows = [{"stars": "4 stars", "review_count": 2, "review_count_share": 1.0}]
    result = MetricResult(query=q, columns=list(rows[0]), rows=rows, currency=None, statement=CompiledStatement(
        sql="SELECT 1", params={"tenant_id": "t"}, dialect="duckdb"))
    answer = compose(Reading(kind="metric", question="q", query=q, shape="breakdown"), result, titles={}).answer
    assert answer.endswith("by stars: 4 stars (2, 100.0%); 5 stars (0, 0.0%); 3 stars (0, 0.0%); 2 stars (0, 0.0%); "
                           "1 star (0, 0.0%).")
