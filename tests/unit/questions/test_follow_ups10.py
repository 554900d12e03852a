"""Follow-up rules the conversation bench's tenth batch found missing (``bench/dialogs_10.py``)."""

from __future__ import annotations

import pytest

from shared.questions.followup import follow_up, money_of
from shared.questions.place_codes import asked_code, read_code
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.fixture
def store() -> VocabularyIndex:
    return sample_like_store()


def read(index: VocabularyIndex, q: str) -> Reading:
    return read_question(q, tenant_id="t", index=index, extents=DEC_EXTENTS)


def then(index: VocabularyIndex, first: str, second: str, listed: list[str] | None = None) -> Reading | None:
    return follow_up(
        read(index, second),
        read(index, first),
        index=index,
        extents=DEC_EXTENTS,
        listed=None if listed is None else (lambda _: listed),
    )


@pytest.mark.parametrize(
    ("metric", "money"),
    [
        ("discount_rate", "discounts"),
        ("refund_rate", "refunds"),
        ("margin_pct", "margin"),
        ("discounts", "discounts"),
        ("net_revenue", "net_revenue"),
        ("orders", "revenue"),
        ("return_rate", "revenue"),  # a rate with no money in it: what those sales made
    ],
)
def test_the_money_behind_a_figure_is_its_own_amount(metric: str, money: str) -> None:
    assert money_of(metric) == money


def test_how_many_dollars_is_that_after_a_discount_rate_is_the_discounts(store: VocabularyIndex) -> None:
    r = then(store, "what was our discount rate last month?", "how many dollars is that?")
    assert r is not None and r.query is not None and r.query.metrics == ["discounts"]
    refunds = then(store, "refund rate last quarter", "and in dollars?")
    assert refunds is not None and refunds.query is not None and refunds.query.metrics == ["refunds"]


def test_drill_into_that_ranks_the_named_value_one_level_down(store: VocabularyIndex) -> None:
    r = then(store, "which category made the most revenue last month?", "drill into that", ["Kitchen"])
    assert r is not None and r.query is not None and r.shape == "ranking"
    assert r.query.dimensions == ["sku"] and r.query.order_by == "revenue"
    assert [(f.dimension, f.values, f.op) for f in r.query.filters] == [("category", ["Kitchen"], "in")]
    kept = then(store, "Kitchen revenue last month", "dig into it")
    assert kept is not None and kept.query is not None and kept.query.dimensions == ["sku"]
    asked = then(store, "revenue by channel last quarter", "drill into amazon by category", ["web", "amazon"])
    assert asked is not None and asked.query is not None and asked.query.dimensions == ["category"]


@pytest.mark.parametrize("words", ["exclude the top one", "drop the top one", "without the top one"])
def test_exclude_the_top_one_leaves_it_out_of_the_same_list(store: VocabularyIndex, words: str) -> None:
    listed = ["web", "amazon", "ebay", "pos"]
    r = then(store, "revenue by channel last quarter", words, listed)
    assert r is not None and r.query is not None and r.shape == "breakdown", r
    assert r.query.dimensions == ["channel"]
    assert [(f.dimension, f.values, f.op) for f in r.query.filters] == [("channel", ["web"], "not_in")]
    top5 = then(store, "top 5 products by revenue last month", words, ["KIT-0001", "ELE-0001", "APP-0001"])
    assert top5 is not None and top5.query is not None and top5.shape == "ranking" and top5.show == 5
    assert [(f.values, f.op) for f in top5.query.filters] == [(["KIT-0001"], "not_in")]


def test_online_is_every_channel_but_the_tills(store: VocabularyIndex) -> None:
    r = then(store, "revenue last month", "only online")
    assert r is not None and r.query is not None
    assert [(f.dimension, sorted(f.values), f.op) for f in r.query.filters] == [
        ("channel", ["amazon", "ebay", "web"], "in")
    ]
    web_only = VocabularyIndex(Vocabulary(tenant_id="w", channels=["web", "amazon"]))
    assert not [m for m in web_only.find("only online") if m.kind == "channel"]  # every channel is online


def _places(countries: list[str], states: list[str]) -> VocabularyIndex:
    return VocabularyIndex(
        Vocabulary(
            tenant_id="p",
            products=[ProductName(sku="A-1", title="Cotton Tote Bag")],
            skus=["A-1"],
            countries=countries,
            states=states,
        )
    )


@pytest.mark.parametrize(
    ("countries", "states", "kind", "value", "said"),
    [
        (["United States", "Canada"], [], "country", "Canada", "not the state California"),
        (["US"], ["California", "Texas"], "state", "California", "not the country Canada"),
        (["Canada", "US"], ["CA", "TX"], "state", "CA", "also records that country"),
    ],
)
def test_ca_is_california_or_canada_by_the_data_s_columns(
    countries: list[str], states: list[str], kind: str, value: str, said: str
) -> None:
    read_as = read_code("CA", countries, states)
    assert read_as is not None and (read_as.kind, read_as.value) == (kind, value) and said in read_as.note
    shop = _places(countries, states)
    r = then(shop, "revenue last month", "what about CA")
    assert r is not None and r.query is not None
    assert [(f.dimension, f.values) for f in r.query.filters] == [(kind, [value])]
    assert any(said in n for n in r.notes), r.notes


def test_a_country_code_names_the_country_the_data_spells_out() -> None:
    shop = _places(["Germany", "France"], [])
    r = then(shop, "revenue last month", "and in DE?")
    assert r is not None and r.query is not None
    assert [(f.dimension, f.values) for f in r.query.filters] == [("country", ["Germany"])]
    assert asked_code("revenue in IT last month") == ("IT", (11, 13))  # after "in": Italy, a place
    assert asked_code("what about IT") is None  # alone: the word, not Italy


def test_a_code_the_data_does_not_hold_is_refused_naming_its_readings(store: VocabularyIndex) -> None:
    for q in ("and in DE?", "what about CA", "revenue in DE last month"):
        r = read(store, q)
        assert r.kind == "unanswerable", (q, r)
        assert r.concept is not None and ("Germany or Delaware" in r.concept or "Canada or California" in r.concept)
