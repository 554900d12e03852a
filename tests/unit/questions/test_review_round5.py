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
