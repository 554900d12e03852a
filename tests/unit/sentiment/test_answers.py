"""The sentiment agent's direct answers: falling ratings with the drop, complaint themes with counts and quotes."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from shared.agents.answers import AgentAnswer
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from tests.unit.sentiment.reviews_fixture import AS_OF, GOOD, falling_sku_reviews


def _steady(sku: str = "SKU-7") -> pd.DataFrame:
    rows = [{"review_id": f"{sku}-r{i}", "sku": sku, "date": AS_OF - timedelta(days=2 * i), "rating": 4,
             "title": None, "text": GOOD[i % len(GOOD)], "spam_score": 0.0, "spam_reasons": "[]"} for i in range(30)]
    return pd.DataFrame(rows)


def _answers(frame: pd.DataFrame, *asks: str, scoped: tuple[str, ...] = ()) -> list[AgentAnswer]:
    result = analyse_reviews(frame, tenant_id="t", options=AnalysisOptions(
        as_of=AS_OF, asks=asks, scoped=scoped, decline_window_days=30))  # type: ignore[arg-type]
    return [AgentAnswer.model_validate(a) for a in result.data["answers"]]


def test_falling_ratings_name_the_sku_with_the_drop() -> None:
    frame = pd.concat([falling_sku_reviews(), _steady()], ignore_index=True)
    (answer,) = _answers(frame, "rating_decline")
    # SKU-42: 20 five-star reviews before the last 30 days, 20 two-star reviews within them
    assert answer.text.startswith("1 of 2 comparable products have a significantly lower rating in the last 30 "
                                  "days than before; the biggest drops: SKU-42 (5.00 to 2.00, -3.00).")
    assert answer.rows[0][:4] == ["SKU-42", 5.0, 2.0, 3.0] and answer.rows[0][5:7] == [20, 20]
    (scoped,) = _answers(frame, "rating_decline", scoped=("SKU-42",))
    assert scoped.text.startswith("SKU-42's rating fell from 5.00 to 2.00 stars (-3.00) in the last 30 days "
                                  "(20 reviews) vs before (20 reviews).")
    assert "Recent complaints: quality/durability" in scoped.text


def test_complaints_are_themes_with_counts_and_a_quote_each() -> None:
    (answer,) = _answers(falling_sku_reviews(), "complaints", scoped=("SKU-42",))
    themes = {r[0]: r for r in answer.rows}
    # quality: "Stopped working after a week" x2, "broke ... poor quality", "Cheaply made and it fell apart"
    assert themes["quality/durability"][1] >= 4
    assert answer.text.startswith("The top complaints about SKU-42 (40 reviews, ")
    assert f"quality/durability in {themes['quality/durability'][1]} reviews (\"" in answer.text
    for row in answer.rows:
        assert row[4] and row[5].startswith("SKU-42-r")  # one quote each, with the review it came from
    (none,) = _answers(_steady(), "complaints")
    assert none.text.startswith("No complaints in 30 reviews of 1 product ")


def test_sparse_reviews_reach_back_to_the_third_latest_but_no_further_than_twice_the_window() -> None:
    from shared.sentiment.answers import rating_drops

    days = [5, 10, 40] + list(range(100, 200, 10))  # three recent-ish one-star reviews, ten five-star before
    frame = pd.DataFrame({"sku": "S", "date": [AS_OF - timedelta(days=d) for d in days],
                          "rating": [1.0] * 3 + [5.0] * 10, "weight": 1.0})
    row = rating_drops(frame, AS_OF, 30).loc["S"]
    assert (row["reviews_recent"], row["reviews_before"], row["drop"]) == (3, 10, 4.0)
    assert row["recent_from"] == (AS_OF - timedelta(days=40)).isoformat()
    far = frame.assign(date=[AS_OF - timedelta(days=d) for d in [5, 10, 70] + list(range(100, 200, 10))])
    row = rating_drops(far, AS_OF, 30).loc["S"]
    assert row["reviews_recent"] == 2 and row["recent_from"] == (AS_OF - timedelta(days=59)).isoformat()
