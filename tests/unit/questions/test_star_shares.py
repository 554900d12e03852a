"""A star share is of the rated reviews; a share of unrated reviews counts them (#18)."""

from __future__ import annotations

from datetime import date

from shared.questions.compose import compose
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import make_range
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import CompiledStatement, DimensionFilter, MetricQuery, MetricResult
from tests.unit.questions.conftest import EXTENTS

Q1 = make_range(date(2025, 1, 1), date(2025, 3, 31), "Q1 2025")
ROWS = [{"stars": "5 stars", "review_count": 60, "review_count_share": 0.6},
        {"stars": "4 stars", "review_count": 30, "review_count_share": 0.3},
        {"stars": "no rating", "review_count": 10, "review_count_share": 0.1}]


def _share(values: list[str]) -> str:
    q = MetricQuery(tenant_id="t", metrics=["review_count"], dimensions=["stars"], time_range=Q1,
                    share_of_total=True)
    result = MetricResult(query=q, columns=list(ROWS[0]), rows=ROWS, currency="GBP", statement=CompiledStatement(
        sql="SELECT 1", params={"tenant_id": "t"}, dialect="duckdb"))
    reading = Reading(kind="metric", question="q", query=q, shape="share",
                      focus=DimensionFilter(dimension="stars", values=values))
    return compose(reading, result, titles={}).answer


def test_a_star_share_leaves_the_unrated_reviews_out_and_says_so() -> None:
    # 60 five-star of 90 rated (10 without a rating): 66.7%, not 60% of all 100
    assert _share(["5 stars"]).startswith("5 stars accounted for 66.7% of rated reviews in Q1 2025")
    assert "60 of 90 in total (10 without a star rating left out)" in _share(["5 stars"])
    assert _share(["no rating"]).startswith("No rating accounted for 10.0% of reviews in Q1 2025")


def test_the_share_of_unrated_reviews_counts_them(shop: VocabularyIndex) -> None:
    r = read_question("share of reviews with no rating", tenant_id="decor", index=shop, extents=EXTENTS)
    assert r.query is not None and r.query.metrics[0] == "review_count"
