""""Is it good?" after an answer judges that answer's figure against a stated reference (#18)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.orchestration.judgement import judged_query, judgement_sentence, reference_query
from shared.questions.reading import Reading
from shared.questions.timephrase import make_range
from shared.store.metrics.model import DimensionFilter, MetricQuery

NOV = make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026")


def _turn(q: MetricQuery) -> dict[str, Any]:
    reading = Reading(kind="metric", question="q", query=q, shape="value")
    return {"question": "q", "plan": {"intents": ["overview"]}, "reading": reading.model_dump(mode="json")}


def test_a_products_figure_is_judged_against_the_whole_catalogue_over_the_same_period() -> None:
    q = MetricQuery(tenant_id="t", metrics=["avg_rating"], time_range=NOV,
                    filters=[DimensionFilter(dimension="sku", values=["KIT-1"])])
    judged = judged_query(_turn(q), lambda text: None)
    assert judged is not None
    ref, called, scale = reference_query(judged)
    assert ref.filters == [] and ref.time_range == NOV and scale == 1.0 and "whole catalogue" in called
    said = judgement_sentence("avg_rating", 3.37, 3.94, called, "for Toaster (KIT-1) in November 2026", None)
    assert said.startswith("Average rating for Toaster (KIT-1) in November 2026 was 3.37 out of 5: below 3.94 out of "
                           "5 for the whole catalogue over the same period, worse")


def test_a_count_of_the_shop_is_judged_against_its_usual_level_scaled_to_the_period() -> None:
    q = MetricQuery(tenant_id="t", metrics=["review_count"], time_range=NOV,
                    filters=[DimensionFilter(dimension="stars", values=["1 star"])])
    ref, called, scale = reference_query(q)
    assert ref.filters == q.filters and ref.time_range is not None
    assert (ref.time_range.start, ref.time_range.end) == (date(2025, 12, 1), date(2026, 11, 30))
    assert abs(scale - 30 / 365) < 1e-9
    said = judgement_sentence("review_count", 2, 20 * scale, called, "rated 1 star in November 2026", None)
    assert said == ("Reviews rated 1 star in November 2026 were 2: above the usual 1.6 for 30 days (the 12 months to "
                    "30 Nov 2026, scaled).")


def test_a_pricing_turn_about_a_product_is_judged_by_its_price_index() -> None:
    asked: list[str] = []
    priced = MetricQuery(tenant_id="t", metrics=["price_index"], time_range=NOV,
                         filters=[DimensionFilter(dimension="sku", values=["KIT-1"])])

    def read(text: str) -> Reading:
        asked.append(text)
        return Reading(kind="metric", question=text, query=priced, shape="value")

    turn = {"question": "is KIT-1 overpriced?", "plan": {"intents": ["pricing"], "entities": {"skus": ["KIT-1"]}}}
    assert judged_query(turn, read) == priced and asked == ["price index of KIT-1"]
    said = judgement_sentence("price_index", 110.0, 101.5, "{ref} for the whole catalogue over the same period",
                              "for KIT-1", None)
    assert "dearer than 101.5 for the whole catalogue" in said
    # a turn that gave no figure (the overview, a ranking) is not judged
    assert judged_query({"question": "how are we doing?", "plan": {"intents": ["overview"]}}, read) is None


def test_an_agents_turn_about_a_products_reviews_is_judged_by_its_rating() -> None:
    rated = MetricQuery(tenant_id="t", metrics=["avg_rating"], time_range=NOV,
                        filters=[DimensionFilter(dimension="sku", values=["KIT-1"])])
    asked: list[str] = []

    def read(text: str) -> Reading:
        asked.append(text)
        return Reading(kind="metric", question=text, query=rated, shape="value")

    turn = {"question": "how is the Toaster rated", "plan": {"intents": ["overview"], "entities": {"skus": ["KIT-1"]}}}
    assert judged_query(turn, read) == rated and asked == ["average rating of KIT-1"]


def test_a_counted_turn_is_judged_by_its_count_not_the_share_beside_it() -> None:
    q = MetricQuery(tenant_id="t", metrics=["negative_review_share", "review_count", "negative_reviews"],
                    time_range=NOV)
    turn = _turn(q) | {"question": "how many negative reviews last month"}
    judged = judged_query(turn, lambda text: None)
    assert judged is not None and judged.metrics == ["negative_reviews"]
    said = judgement_sentence("negative_reviews", 6, 3.9, "the usual {ref} for 30 days", "in November 2026", None)
    assert said.startswith("Negative reviews (1-2 stars) in November 2026 were 6: above the usual 3.9 for 30 days, "
                           "worse")
