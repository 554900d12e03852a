"""The ``stars`` dimension on every warehouse: reviews counted, filtered and broken down by their star rating.

"How many 1-star reviews did we get?" and "what share of reviews are 4 or 5 stars?" count reviews of given
ratings, not the negative (1-2 star) reviews; the level is named as the answer says it ("1 star", "5 stars").
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from shared.store.metrics.model import DimensionFilter, MetricQuery
from shared.store.metrics.run import run_metric_query
from tests.contract.store_rows import OTHER, TENANT, D, _fact

_RATINGS = [1, 1, 2, 4, 5, 5, 5, None]
REVIEWS = [_fact("reviews", f"r{i}", review_id=f"r{i}", sku="A" if i % 2 else "B", date=D(2024, 5, 1 + i),
                 rating=r, spam_score=0.0, text="x") for i, r in enumerate(_RATINGS)]
#: Another tenant's 1-star reviews: a leak changes every count below.
DECOY = [_fact("reviews", f"x{i}", review_id=f"x{i}", sku="A", date=D(2024, 5, 3), rating=1, text="x")
         for i in range(5)]


def _seed(warehouse: Any) -> None:
    warehouse.insert("reviews", pd.DataFrame([{**r, "tenant_id": TENANT} for r in REVIEWS]
                                             + [{**r, "tenant_id": OTHER} for r in DECOY]))


def test_reviews_of_given_stars_are_counted_filtered_and_broken_down(warehouse: Any) -> None:
    _seed(warehouse)

    def count(*levels: str, **query: Any) -> list[dict[str, Any]]:
        filters = [DimensionFilter(dimension="stars", values=list(levels))] if levels else []
        return run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, metrics=["review_count"], filters=filters,
                                                       **query)).rows

    assert count("1 star")[0]["review_count"] == 2
    assert count("4 stars", "5 stars")[0]["review_count"] == 4
    by_stars = {r["stars"]: r["review_count"] for r in count(dimensions=["stars"])}
    assert by_stars == {"1 star": 2, "2 stars": 1, "4 stars": 1, "5 stars": 3, "no rating": 1}
    by_sku = {r["sku"]: r["review_count"] for r in count("5 stars", dimensions=["sku"])}
    assert by_sku == {"A": 1, "B": 2}


#: (rating, verified, text) of each review: what a review holds, beside its stars.
_HELD = [(5, True, "Great mug."), (4, True, ""), (2, False, "Chipped on arrival."), (None, None, "No stars given."),
         (1, False, None), (5, True, "   ")]


def test_reviews_are_counted_by_what_they_hold_verified_and_written(warehouse: Any) -> None:
    """"Rating from verified buyers", "how many reviews without text", "reviews with no star rating" (#18)."""
    rows = [_fact("reviews", f"h{i}", review_id=f"h{i}", sku="A", date=D(2024, 6, 1 + i), rating=r, verified=v,
                  text=t, spam_score=0.0) for i, (r, v, t) in enumerate(_HELD)]
    warehouse.insert("reviews", pd.DataFrame([{**r, "tenant_id": TENANT} for r in rows]
                                             + [{**r, "tenant_id": OTHER} for r in DECOY]))

    def run(dimension: str, *values: str, metric: str = "review_count") -> list[dict[str, Any]]:
        filters = [DimensionFilter(dimension=dimension, values=list(values))] if values else []
        dims = [] if values else [dimension]
        return run_metric_query(warehouse, MetricQuery(tenant_id=TENANT, metrics=[metric], filters=filters,
                                                       dimensions=dims)).rows

    assert run("verified", "verified", metric="avg_rating")[0]["avg_rating"] == 14 / 3
    assert {r["verified"]: r["review_count"] for r in run("verified")} == {"verified": 3, "unverified": 2, None: 1}
    assert run("text", "without text")[0]["review_count"] == 3  # empty, NULL and blank
    assert {r["text"]: r["review_count"] for r in run("text")} == {"with text": 3, "without text": 3}
    assert run("stars", "no rating")[0]["review_count"] == 1


def test_the_sentiment_agents_read_narrows_to_the_channels_asked(warehouse: Any) -> None:
    """"What do Amazon reviewers complain about?": the reviews left on Amazon, whatever else the tenant has."""
    from shared.store.reviews import reviews_with_products, undated_review_count

    rows = [_fact("reviews", f"c{i}", review_id=f"c{i}", sku="A", date=D(2024, 7, 1 + i) if i else None, rating=4,
                  channel=channel, text="fine") for i, channel in enumerate(["amazon", "amazon", "web", None])]
    warehouse.insert("reviews", pd.DataFrame([{**r, "tenant_id": TENANT} for r in rows]
                                             + [{**r, "tenant_id": OTHER} for r in rows]))
    read = reviews_with_products(warehouse, TENANT, start_date=D(2024, 7, 1), end_date=D(2024, 7, 31),
                                 channels=["amazon"], max_rows=100, undated=True)
    assert sorted(read.frame["review_id"]) == ["c0", "c1"]
    assert undated_review_count(warehouse, TENANT, channels=["amazon"]) == 1
    assert undated_review_count(warehouse, TENANT, channels=["web"]) == 0
