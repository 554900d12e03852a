"""The sixteenth round's leftovers and the seventeenth set's fixes (``bench/seventeenth_questions.py``).

Returning customers' share of revenue (Shopify's customer type); rankings net of returns and refunds; one phrase that
names several channels ("online") as one slice; yearless numeric dates and follow-up turns read in the tenant's date
order.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.date_order import ambiguous_dates_read, tenant_day_first
from shared.questions.followup import follow_up
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


def read(index: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="t", index=index, extents=DEC_EXTENTS)


@pytest.fixture
def pounds() -> VocabularyIndex:
    """A shop selling in pounds (day first)."""
    products = [ProductName(sku="KIT-0001", title="Cutting Board Large", brand="Fenwick", category="Kitchen")]
    return VocabularyIndex(
        Vocabulary(tenant_id="t", products=products, skus=["KIT-0001"], channels=["web"], currency="GBP")
    )


@pytest.mark.parametrize(
    "question",
    [
        "what % of revenue came from repeat customers last month?",
        "how much of our revenue is from returning customers last month?",
        "share of revenue from repeat buyers this year",
        "what percentage of sales were from returning customers this year?",
        "proportion of our sales from existing customers last quarter",
    ],
)
def test_a_share_of_revenue_from_returning_customers_is_that_share_and_its_money(
    store: VocabularyIndex, question: str
) -> None:
    r = read(store, question)
    assert r.query is not None
    assert r.query.metrics == ["returning_customer_revenue_share", "returning_customer_revenue"]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("returning customer revenue last quarter", ["returning_customer_revenue"]),
        ("repeat customer rate last month", ["repeat_customer_rate", "repeat_customers", "customers"]),
    ],
)
def test_returning_customers_money_and_rate_stay_themselves(
    store: VocabularyIndex, question: str, metrics: list[str]
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == metrics


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("top 5 SKUs by units this quarter excluding returns", ["net_units", "units", "returned_units"]),
        ("top 3 products by units net of returns this year", ["net_units", "units", "returned_units"]),
        ("top 5 products by revenue last month net of refunds", ["revenue_less_refunds", "revenue", "refunds"]),
        ("top 3 skus by revenue less refunds last quarter", ["revenue_less_refunds", "revenue", "refunds"]),
        ("net units by category last month", ["net_units", "units", "returned_units"]),
    ],
)
def test_a_ranking_net_of_returns_ranks_the_net_figure(
    store: VocabularyIndex, question: str, metrics: list[str]
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics == metrics and r.query.order_by == metrics[0]


@pytest.mark.parametrize("question", ["online revenue last month", "online orders this year"])
def test_online_is_one_slice_of_the_channels_it_names(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.dimensions == [] and r.shape == "value"
    assert [f.values for f in r.query.filters] == [["web", "amazon", "ebay"]]


def test_two_channels_named_are_still_each_their_own(store: VocabularyIndex) -> None:
    r = read(store, "amazon and ebay revenue last month")
    assert r.query is not None and r.query.dimensions == ["channel"]


@pytest.mark.parametrize(
    ("question", "day", "said"),
    [
        ("revenue on 03/04", date(2026, 4, 3), "03/04 is read day first as 3 Apr"),
        ("orders on 5/10", date(2026, 10, 5), "5/10 is read day first as 5 Oct"),
    ],
)
def test_a_yearless_ambiguous_date_is_read_the_tenants_way(
    pounds: VocabularyIndex, question: str, day: date, said: str
) -> None:
    r = read(pounds, question)
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == day and said in r.lead


def test_a_yearless_range_is_read_day_first_at_both_ends(pounds: VocabularyIndex) -> None:
    r = read(pounds, "orders 3/4-3/9")
    assert r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 4, 3), date(2026, 9, 3))


@pytest.mark.parametrize("text", ["what is 3/4 of revenue", "a 4/5 star average"])
def test_a_yearless_fraction_is_no_date(text: str) -> None:
    assert ambiguous_dates_read(text, tenant_day_first("GBP")) == (text, "")


def test_a_follow_up_reads_an_ambiguous_date_the_tenants_way(pounds: VocabularyIndex) -> None:
    r = follow_up(read(pounds, "and on 03/04?"), read(pounds, "revenue yesterday"), index=pounds, extents=DEC_EXTENTS)
    assert r is not None and r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 4, 3)
    assert r.lead.startswith("03/04 is read day first as 3 Apr")
    dated = follow_up(
        read(pounds, "and 03/04/2026?"), read(pounds, "revenue yesterday"), index=pounds, extents=DEC_EXTENTS
    )
    assert dated is not None and dated.query is not None and dated.query.time_range is not None
    assert dated.query.time_range.start == date(2026, 4, 3)


@pytest.mark.parametrize(
    "question",
    [
        "are we going to sell more in January than in December?",
        "will January be bigger than December?",
        "will we sell more in jan than dec",
    ],
)
def test_next_month_against_this_one_by_name_is_a_forecast_against_the_running_month(
    store: VocabularyIndex, question: str
) -> None:
    r = read(store, question)  # the data end on Friday 4 Dec 2026
    assert r.kind == "agent" and r.agent_intents == ["forecast"]
    assert (r.forecast_from, r.forecast_until) == (date(2027, 1, 1), date(2027, 1, 31))
    assert r.forecast_against is not None
    assert (r.forecast_against.start, r.forecast_against.end) == (date(2026, 12, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "question",
    ["did we sell more in January than in December?", "will we sell more in March than in February?"],
)
def test_months_in_the_past_or_not_next_keep_their_names(question: str) -> None:
    from shared.questions.forecast_window import months_as_next_and_this

    assert months_as_next_and_this(question, date(2026, 12, 4)) == question


@pytest.mark.parametrize(
    ("currency", "zone", "day_first"),
    [
        (None, "Europe/London", True),
        (None, "America/Chicago", False),
        ("USD", "Australia/Sydney", True),  # USD is the settings' default: the zone decides
        ("EUR", "UTC", True),
        ("USD", "UTC", None),
        (None, "America/Toronto", None),
    ],
)
def test_the_settings_decide_the_date_order_when_the_data_do_not(
    currency: str | None, zone: str, day_first: bool | None
) -> None:
    from shared.questions.date_order import TenantConventions

    got = tenant_day_first(None, (), TenantConventions(currency=currency, time_zone=zone))
    assert (got[0] if got is not None else None) is day_first
    # the data's own currency decides before the settings
    data = tenant_day_first("USD", (), TenantConventions(currency=currency, time_zone=zone))
    assert data is not None and data[0] is False


def test_a_shop_without_a_currency_in_its_sales_reads_its_time_zone() -> None:
    from shared.questions.date_order import TenantConventions

    index = VocabularyIndex(Vocabulary(tenant_id="t", products=[], skus=[], channels=["web"]))
    london = TenantConventions(time_zone="Europe/London")
    r = read_question("revenue on 03/04", tenant_id="t", index=index, extents=DEC_EXTENTS, conventions=london)
    assert r.query is not None and r.query.time_range is not None
    assert r.query.time_range.start == date(2026, 4, 3) and "your time zone is Europe/London" in r.lead
    plain = read_question("revenue on 03/04", tenant_id="t", index=index, extents=DEC_EXTENTS)
    assert plain.query is not None and plain.query.time_range is not None
    assert plain.query.time_range.start == date(2026, 3, 4)


def test_settings_are_read_only_when_saved_and_today_is_the_tenants_day() -> None:
    from datetime import UTC, datetime

    from shared.orchestration.conventions import tenant_conventions, wall_clock_today
    from shared.questions.date_order import TenantConventions

    class Documents:
        def __init__(self, doc: dict[str, object] | None) -> None:
            self.doc = doc

        def get(self, collection: str, doc_id: str) -> dict[str, object] | None:
            assert collection.endswith("/settings") and doc_id == "current"
            return self.doc

    assert tenant_conventions(Documents(None), "t") is None  # type: ignore[arg-type]
    saved = tenant_conventions(Documents({"currency": "GBP", "timezone": "Pacific/Auckland"}), "t")  # type: ignore[arg-type]
    assert saved == TenantConventions(currency="GBP", time_zone="Pacific/Auckland")
    late = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)  # already 6 Dec in Auckland
    assert wall_clock_today(saved, late) == date(2026, 12, 6)
    assert wall_clock_today(None, late) == date(2026, 12, 5)
    assert wall_clock_today(TenantConventions(time_zone="Not/AZone"), late) == date(2026, 12, 5)


@pytest.mark.parametrize(
    ("question", "metrics", "label"),
    [
        ("ventas last month", ["revenue"], "November 2026"),
        ("umsatz letzte woche", ["revenue"], "last week"),
        ("chiffre d'affaires le mois dernier", ["revenue"], "November 2026"),
        ("cuantos pedidos ayer", ["orders"], "the latest day"),
        ("revenue del mes pasado", ["revenue"], "November 2026"),
        ("wie viele bestellungen this week", ["orders"], "this week"),
        ("rev L30", ["revenue"], "the last 30 days"),
        ("upo lm", ["units_per_order"], "November 2026"),
    ],
)
def test_other_languages_shop_words_and_window_codes_are_read(
    store: VocabularyIndex, question: str, metrics: list[str], label: str
) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.time_range is not None
    assert r.query.metrics[: len(metrics)] == metrics and r.query.time_range.label.startswith(label)


def test_a_tenants_own_name_is_not_translated() -> None:
    from shared.questions.foreign_words import in_english

    assert in_english("ventas of Kunden Mugs", lambda w: w.lower() == "kunden") == "sales of Kunden Mugs"
    assert in_english("ventas por canal hoy") == "sales by channel today"


def test_the_forecast_set_against_a_running_month_names_the_month_forecast() -> None:
    from shared.forecast.answers import SoFar, against_text

    december = SoFar(date(2026, 12, 1), date(2026, 12, 5), 1915.0, None, until=date(2026, 12, 31), rest=10032.0)
    text = against_text(december, 12186.0, 31, forecast_of="January 2027")
    assert text.startswith("The forecast for January 2027 (12,186 units) is 2.0% more than December 2026")


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("how much revenue came from repeat customers this year", ["returning_customer_revenue"]),
        ("how much revenue did we get from new customers last month", ["new_customer_revenue"]),
        ("% of sales from existing customers last quarter", ["returning_customer_revenue_share"]),
    ],
)
def test_held_out_customer_type_words_with_a_verb_or_a_leading_percent(
    store: VocabularyIndex, question: str, metrics: list[str]
) -> None:
    r = read(store, question)  # the seventeenth held-out set's misses
    assert r.query is not None and r.query.metrics[: len(metrics)] == metrics
