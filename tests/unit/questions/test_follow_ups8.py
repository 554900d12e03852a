"""Follow-up rules the conversation bench's eighth batch found missing (``bench/dialogs_8.py``)."""

from __future__ import annotations

from datetime import date

from shared.orchestration.brief import brief_report
from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.timephrase import resolve_time, weekday_note
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.conftest import EXTENTS

FRIDAY = date(2025, 6, 13)  # the data's last day, a Friday


def read(shop: VocabularyIndex, q: str) -> Reading:
    return read_question(q, tenant_id="decor", index=shop, extents=EXTENTS)


def then(shop: VocabularyIndex, first: str, second: str, listed: list[str] | None = None) -> Reading | None:
    return follow_up(
        read(shop, second),
        read(shop, first),
        index=shop,
        extents=EXTENTS,
        listed=None if listed is None else (lambda _: listed),
    )


def test_a_weekday_that_is_the_data_s_last_day_reads_the_whole_one_before_and_says_so() -> None:
    rng = resolve_time("orders on Friday", FRIDAY).range
    assert rng is not None and rng.start == rng.end == date(2025, 6, 6)
    note = weekday_note(rng, FRIDAY)
    assert "6 Jun 2025" in note and "13 Jun 2025" in note
    thursday = resolve_time("orders on Thursday", FRIDAY).range
    assert thursday is not None and thursday.start == date(2025, 6, 12) and weekday_note(thursday, FRIDAY) == ""
    this = resolve_time("orders this Friday", FRIDAY).range
    assert this is not None and this.start == FRIDAY


def test_how_many_dollars_is_that_after_a_share_is_the_slice_s_revenue(shop: VocabularyIndex) -> None:
    r = then(shop, "what share of orders came from Etsy in March 2025?", "how many dollars is that?")
    assert r is not None and r.query is not None and r.shape == "value"
    assert r.query.metrics == ["revenue"] and r.query.dimensions == [] and not r.query.share_of_total
    assert [(f.dimension, f.values) for f in r.query.filters] == [("channel", ["Etsy"])]


def test_in_dollars_after_a_place_in_a_ranking_is_that_value_s_revenue(shop: VocabularyIndex) -> None:
    r = then(shop, "where does Etsy rank by orders in March 2025?", "and in dollars?")
    assert r is not None and r.query is not None and r.shape == "value" and r.ranked is None
    assert r.query.metrics == ["revenue"] and [(f.dimension, f.values) for f in r.query.filters] == [
        ("channel", ["Etsy"])
    ]


def test_in_dollars_after_a_metric_turn_is_no_currency_reply() -> None:
    previous = {"question": "orders last quarter", "reading": {"kind": "metric"}}
    assert brief_report("and in dollars?", previous, mode="quick", data_version=1, currency=lambda: "USD") is None
    euros = brief_report("in euros", previous, mode="quick", data_version=1, currency=lambda: "USD")
    assert euros is not None and "USD" in euros.answer
    alone = brief_report("in dollars?", None, mode="quick", data_version=1, currency=lambda: "USD")
    assert alone is not None and "already in USD" in alone.answer


def test_drop_the_returns_nets_the_previous_figure(shop: VocabularyIndex) -> None:
    for first, second, metrics in (
        ("units sold in March 2025", "drop the returns", ["units", "returned_units"]),
        ("revenue on Etsy in March 2025", "take out the refunds", ["revenue", "refunds"]),
    ):
        r = then(shop, first, second)
        assert r is not None and r.query is not None and r.net_of and r.query.metrics == metrics, second


def test_top_3_of_those_resizes_the_ranking_without_naming_every_item(shop: VocabularyIndex) -> None:
    listed = ["Shopify", "Etsy", "Amazon", "Wholesale"]
    r = then(shop, "revenue by channel in March 2025", "top 3 of those", listed)
    assert r is not None and r.query is not None and r.shape == "ranking" and r.show == 3
    assert r.query.filters == [] and r.query.order_by == "revenue" and r.query.descending
    units = then(shop, "revenue by channel in March 2025", "top 2 of those by units", listed)
    assert units is not None and units.query is not None and units.shape == "ranking" and units.show == 2
    assert units.query.metrics[0] == "units" and units.query.filters[0].values == listed


def test_two_names_of_one_kind_are_both_kept(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue on Shopify in March 2025", "same for Etsy and Amazon")
    assert r is not None and r.query is not None and r.shape == "breakdown" and r.query.dimensions == ["channel"]
    assert [(f.dimension, f.op, f.values) for f in r.query.filters] == [("channel", "in", ["Etsy", "Amazon"])]
    out = then(shop, "revenue on Shopify in March 2025", "and excluding Etsy and Wholesale?")
    assert out is not None and out.query is not None and out.shape == "value"
    assert [(f.op, f.values) for f in out.query.filters] == [("not_in", ["Etsy", "Wholesale"])]


def _places() -> VocabularyIndex:
    vocab = Vocabulary(
        tenant_id="decor",
        products=[ProductName(sku="V-1", title="Blue Ceramic Vase")],
        skus=["V-1"],
        countries=["United States", "Canada"],
        regions=["West", "Central"],
        states=["Texas", "California", "Ontario"],
    )
    return VocabularyIndex(vocab)


def test_a_place_follow_up_naming_a_state_and_its_country_keeps_both_and_replaces_the_place_before() -> None:
    index = _places()
    texas = then(index, "revenue in March 2025", "and in Texas, US?")
    assert texas is not None and texas.query is not None
    assert {(f.dimension, tuple(f.values)) for f in texas.query.filters} == {
        ("state", ("Texas",)),
        ("country", ("United States",)),
    }
    west = follow_up(read(index, "what about the West region in Canada?"), texas, index=index, extents=EXTENTS)
    assert west is not None and west.query is not None
    assert {(f.dimension, tuple(f.values)) for f in west.query.filters} == {
        ("region", ("West",)),
        ("country", ("Canada",)),
    }
    assert [m.kind for m in index.find("tell us about revenue")] == []  # "us" in lower case is a word


def test_why_after_what_grew_most_is_that_value_against_the_period_before(shop: VocabularyIndex) -> None:
    r = then(shop, "which channel grew the most in March 2025?", "why?", ["Etsy", "Shopify"])
    assert r is not None and r.query is not None and r.shape == "value" and r.drivers
    assert r.query.dimensions == [] and not r.query.order_by_change and r.query.compare is not None
    assert [(f.dimension, f.values) for f in r.query.filters] == [("channel", ["Etsy"])]


def test_a_correction_turning_a_period_down_names_its_own_period(shop: VocabularyIndex) -> None:
    r = then(shop, "revenue last month", "sorry, last year not last month")
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2024, 1, 1), date(2024, 12, 31))
    shifted = then(shop, "revenue last month", "and last year?")  # no correction: the month a year back
    assert shifted is not None and shifted.query is not None and shifted.query.time_range is not None
    assert shifted.query.time_range.start == date(2024, 5, 1)


def test_how_many_of_another_currency_is_that_is_said_not_converted() -> None:
    previous = {"question": "what share of revenue came from amazon last month?", "reading": {"kind": "metric"}}
    euros = brief_report("how many euros is that?", previous, mode="quick", data_version=1, currency=lambda: "USD")
    assert euros is not None and "can't be converted to EUR" in euros.answer
    assert (
        brief_report("how many euros is that?", previous, mode="quick", data_version=1, currency=lambda: "EUR") is None
    )
