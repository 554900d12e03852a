"""Reviews shown one by one (``shared.sentiment.listing``) and answers narrowed to some stars."""

from __future__ import annotations

import re
from datetime import timedelta

import pandas as pd

from shared.agents.answers import AgentAnswer
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.answers import star_phrase
from tests.unit.sentiment.reviews_fixture import AS_OF, falling_sku_reviews


def _with_spam() -> pd.DataFrame:
    frame = falling_sku_reviews()
    spam = {"review_id": "spam-1", "sku": "SKU-42", "date": AS_OF, "rating": 1, "title": None,
            "text": "Terrible. Buy the original from dealzone.shop instead.", "spam_score": 0.95, "spam_reasons": "[]"}
    return pd.concat([frame, pd.DataFrame([spam])], ignore_index=True)


def _listed(frame: pd.DataFrame, listing: str, size: int = 5, stars: tuple[int, ...] = ()) -> AgentAnswer:
    result = analyse_reviews(frame, tenant_id="t", options=AnalysisOptions(
        as_of=AS_OF, asks=("complaints",), listing=listing, list_size=size, stars=stars))
    (answer,) = [AgentAnswer.model_validate(a) for a in result.data["answers"]]
    return answer


def test_the_most_negative_reviews_are_listed_worst_first_without_spam() -> None:
    answer = _listed(_with_spam(), "negative", size=4)
    table = pd.DataFrame(answer.rows, columns=answer.columns)
    assert len(table) == 4 and set(table["rating"]) == {2} and "spam-1" not in set(table["review_id"])
    assert list(table["score"]) == sorted(table["score"])
    assert answer.text.startswith("The 4 most negative reviews of 1 product between ")
    assert re.search(r"\(of 20\): \d{4}-\d{2}-\d{2}, 2 stars, SKU-42: \"", answer.text)


def test_the_latest_reviews_are_every_review_newest_first_spam_marked() -> None:
    answer = _listed(_with_spam(), "latest", size=3)
    table = pd.DataFrame(answer.rows, columns=answer.columns)
    assert table["review_id"].iloc[0] == "spam-1" and list(table["date"]) == sorted(table["date"], reverse=True)
    assert "(suspected spam)" in answer.text.split(";")[0]
    assert table["date"].iloc[0] == AS_OF.isoformat()
    assert table["date"].iloc[2] >= (AS_OF - timedelta(days=1)).isoformat()


def test_a_listing_of_a_polarity_nobody_has_says_so() -> None:
    only_bad = falling_sku_reviews()
    only_bad = only_bad[only_bad["rating"] == 2]
    answer = _listed(only_bad, "positive")
    assert answer.rows == [] and answer.text.startswith("There are no positive reviews of 1 product")


def test_negative_reviews_that_are_all_spam_are_said_to_be_left_out() -> None:
    # the product's only bad review is a planted link to another shop: none to quote, and the answer says why
    frame = _with_spam()
    answer = _listed(frame[(frame["rating"] == 5) | (frame["review_id"] == "spam-1")], "negative")
    assert answer.rows == [] and answer.text.startswith("There are no negative reviews of 1 product")
    assert answer.text.endswith("; 1 negative review is suspected spam and left out.")


def test_a_listing_with_no_spam_says_nothing_of_it() -> None:
    only_bad = falling_sku_reviews()
    answer = _listed(only_bad[only_bad["rating"] == 2], "positive")
    assert "spam" not in answer.text


def test_star_filters_read_as_adjectives() -> None:
    assert [star_phrase(s) for s in [(1,), (1, 2), (4, 5), (1, 5), (5,)]] == [
        "one-star", "1-2 star", "4-5 star", "1 and 5 star", "five-star"]


def test_reviews_listed_about_one_aspect_are_those_that_mention_it_quoted_by_that_sentence() -> None:
    result = analyse_reviews(falling_sku_reviews(), tenant_id="t", options=AnalysisOptions(
        as_of=AS_OF, asks=("complaints",), listing="negative", list_size=3, aspect="warranty"))
    (answer,) = [AgentAnswer.model_validate(a) for a in result.data["answers"]]
    quotes = [r[answer.columns.index("quote")] for r in answer.rows]
    assert quotes and all("warranty" in q for q in quotes)
    assert "that mention returns and refunds" in answer.text  # the concept "warranty" belongs to


def test_answers_over_some_stars_say_the_filter_and_the_spam_left_out() -> None:
    frame = _with_spam()
    spam_two = {**frame.iloc[-1].to_dict(), "review_id": "spam-2", "rating": 2, "text": "Terrible. Buy elsewhere."}
    frame = pd.concat([frame, pd.DataFrame([spam_two])], ignore_index=True)
    two = frame[frame["rating"] == 2]  # the agent keeps only the reviews of the stars asked, right after loading
    result = analyse_reviews(two, tenant_id="t", options=AnalysisOptions(as_of=AS_OF, asks=("complaints",),
                                                                         stars=(2,)))
    (answer,) = [AgentAnswer.model_validate(a) for a in result.data["answers"]]
    assert answer.text.startswith("In the 21 two-star reviews (1 suspected spam left out) of 1 product (")
    assert "the most common complaint is quality/durability (" in answer.text


def test_negative_reviews_listed_are_the_one_and_two_star_ones_whatever_their_text() -> None:
    frame = falling_sku_reviews()
    mixed = {**frame.iloc[-1].to_dict(), "review_id": "mixed-3", "rating": 3,
             "text": "Terrible, awful, broke at once, worst purchase ever, useless and disappointing."}
    glowing_two = {**frame.iloc[-1].to_dict(), "review_id": "two-glow", "rating": 2, "text": "Fine."}
    frame = pd.concat([frame, pd.DataFrame([mixed, glowing_two])], ignore_index=True)
    answer = _listed(frame, "negative", size=50)
    table = pd.DataFrame(answer.rows, columns=answer.columns)
    assert "mixed-3" not in set(table["review_id"]) and "two-glow" in set(table["review_id"])
    assert set(table["rating"]) <= {1, 2}
    assert "negative = 1-2 stars" in (answer.method or "")
