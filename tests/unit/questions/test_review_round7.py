"""Review questions of the seventh round: the latest reviews asked with the recency after them, our own replies."""

from __future__ import annotations

from shared.questions.reviews import read_review_question, review_listing


def test_which_reviews_are_most_recent_is_a_listing_by_date() -> None:
    assert review_listing("which negative reviews are most recent") == "negative_latest"
    assert review_listing("which reviews are the newest?") == "latest"
    assert review_listing("which products have the most recent reviews?") is None  # products ranked, not listed


def test_complaints_we_should_respond_to_name_no_customer_service_topic() -> None:
    r = read_review_question("newest complaints we should respond to")
    assert r is not None and r.listing == "negative_latest" and r.aspect is None, r
    about = read_review_question("what do customers say about our customer service?")
    assert about is not None and about.aspect is not None  # the topic itself is still read


def test_reviews_that_came_in_most_recently_are_listed_by_date() -> None:
    assert review_listing("which 1-star reviews came in most recently?", starred=True) == "latest"
