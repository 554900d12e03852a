"""Readings of the eighth pricing/review round (#18): possessive names the data lacks, word forms, before and after."""

from __future__ import annotations

import pytest

from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read


@pytest.mark.parametrize("question", ["the vase's reviews", "the vase's rating", "our sofa's average rating"])
def test_a_possessive_name_the_catalogue_lacks_is_said(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and r.unknown_name in ("vase", "sofa")


@pytest.mark.parametrize("question", ["the desk lamp's reviews", "the store's rating"])
def test_a_possessive_name_the_catalogue_holds_is_answered(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind != "unanswerable"


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("reviews that mention broke/broken", '"broke/broken"'),
        ("how many reviews mention cracked or cracks?", '"cracked/cracks"'),
        ("reviews that mention broke", '"broke"'),
    ],
)
def test_several_forms_of_a_search_word_are_searched_together(question: str, term: str) -> None:
    from shared.questions.reviews import read_review_question

    found = read_review_question(question)
    assert found is not None and found.ask == "aspect" and found.aspect == term


def test_a_search_of_several_forms_counts_a_review_with_any_of_them() -> None:
    from shared.sentiment.mentions import resolve_aspect

    aspect = resolve_aspect('"broke/broken"')
    assert aspect.name == '"broke" or "broken"' and aspect.literal
    assert aspect.mentioned_in(["it", "was", "broken"]) and aspect.mentioned_in(["it", "broke"])
    assert not aspect.mentioned_in(["it", "works"])


@pytest.mark.parametrize(
    "question",
    ["rating before and after June", "sales before vs after June", "revenue before versus after the month of June"],
)
def test_before_and_after_a_month_compares_the_days_after_with_those_before(question: str) -> None:
    from datetime import date

    from shared.questions.timephrase import resolve_time

    t = resolve_time(question, date(2026, 12, 3))
    assert t.range is not None and (t.range.start, t.range.end) == (date(2026, 7, 1), date(2026, 12, 3))
    assert t.baseline is not None and (t.baseline.start, t.baseline.end) == (date(2026, 1, 1), date(2026, 5, 31))
    assert t.explicit_compare


def test_after_a_month_alone_is_no_comparison() -> None:
    from datetime import date

    from shared.questions.timephrase import resolve_time

    t = resolve_time("rating after June", date(2026, 12, 3))
    assert t.range is not None and t.range.start == date(2026, 7, 1) and t.baseline is None


@pytest.mark.parametrize(
    ("question", "listing"),
    [
        ("give me a quote from a happy customer of the desk lamp", "positive"),
        ("quote some unhappy customers of the desk lamp", "negative"),
        ("which reviews should we reply to first?", "negative_latest"),
    ],
)
def test_customers_quoted_and_reviews_to_answer_first_are_listed(question: str, listing: str) -> None:
    from shared.questions.reviews import review_listing

    assert review_listing(question) == listing


def test_a_quote_of_no_customer_is_no_listing() -> None:
    from shared.questions.reviews import review_listing

    assert review_listing("how many customers asked for a quote?") is None


def test_which_group_product_singular_ranks_the_groups_products() -> None:
    from shared.questions.reading import find_dimensions

    q = "which Kitchen product has the worst reviews?"
    assert find_dimensions(q, [], names=[(6, 13)], groups=[(6, 13)]) == ["sku"]


def test_a_star_distribution_of_a_groups_products_is_no_breakdown_by_product() -> None:
    from shared.questions.reading import find_dimensions

    q = "star distribution for Kitchen products"
    assert "sku" not in find_dimensions(q, [], names=[(22, 29)], groups=[(22, 29)])
