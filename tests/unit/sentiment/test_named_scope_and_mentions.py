"""Review answers say the categories asked about; a price word describing a replaced item is no mention (#18)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from shared.agents.answers import AgentAnswer
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.mentions import find_mentions, other_item_words_removed, resolve_aspect
from tests.unit.sentiment.reviews_fixture import AS_OF, GOOD


def _reviews(n: int = 12) -> pd.DataFrame:
    return pd.DataFrame([{"review_id": f"r{i}", "sku": f"SKU-{i % 3}", "date": AS_OF - timedelta(days=i), "rating": 4,
                          "title": None, "text": GOOD[i % len(GOOD)], "spam_score": 0.0, "spam_reasons": "[]"}
                         for i in range(n)])


def _overview(categories: tuple[str, ...]) -> AgentAnswer:
    result = analyse_reviews(_reviews(), tenant_id="t", options=AnalysisOptions(
        as_of=AS_OF, asks=("sentiment_overview",), categories=categories))
    return AgentAnswer.model_validate(result.data["answers"][0])


def test_the_categories_asked_about_are_said_with_the_products() -> None:
    assert _overview(("Kitchen",)).text.startswith("12 reviews of 3 Kitchen products ")
    assert _overview(("Garden", "Kitchen")).text.startswith("12 reviews of 3 Garden and Kitchen products ")
    assert _overview(()).text.startswith("12 reviews of 3 products ")


def test_a_price_word_about_the_item_replaced_is_not_a_price_mention() -> None:
    assert other_item_words_removed("Replaced my cheaper kettle with this one.") == "Replaced my kettle with this one."
    assert other_item_words_removed("Picked it over a budget one after reading reviews.") == \
        "Picked it over a one after reading reviews."
    assert other_item_words_removed("It is a cheap kettle that works.") == "It is a cheap kettle that works."
    price = resolve_aspect("price")
    texts = ["Replaced my cheaper kettle with this one. Boils fast.", "Great value for the price.",
             "Picked it over a budget one after reading reviews.", "Too expensive for what it is."]
    found = find_mentions(price, texts, [{}] * 4, ["positive", "positive", "positive", "negative"])
    assert [m.index for m in found] == [1, 3]
    assert found[0].sentence == "Great value for the price."


def test_theme_counts_say_every_review_and_the_suspected_spam_left_out() -> None:
    from shared.sentiment.answers import ScoredReviews

    frame = pd.DataFrame({"sku": ["A", "A", "A", "B", "B"]})
    scored = ScoredReviews(frame=frame, start=AS_OF, end=AS_OF)
    assert scored.counted(3, []) == "5 reviews, 2 suspected spam left out"
    assert scored.counted(2, ["B"]) == "2 reviews"
