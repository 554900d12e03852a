"""The twenty-third round: the twenty-second's leftovers and the phrasings of ``bench/twentythird_questions.py``."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import pricing_answers
from shared.pricing.options import PricingOptions
from shared.questions.reading import read_question
from shared.questions.shorthand import expand_shorthand
from shared.questions.timephrase import resolve_time
from shared.questions.trend_verdict import verdict
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.pricing.frames import observations
from tests.unit.questions.test_twentysecond_phrasings import trend_answer
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

DEC = date(2026, 12, 4)  # the end of DEC_EXTENTS


def test_a_percentage_moving_under_a_point_is_roughly_flat() -> None:
    """A return rate from 2.4% to 3.1% is 29% up on itself but 0.7 points: roughly flat (before: "Yes")."""
    assert trend_answer("is our return rate going up?", "return_rate", 3.1, 2.4).startswith("Roughly flat — ")
    assert trend_answer("has the return rate been dropping", "return_rate", 2.0, 3.5).startswith("Yes — ")
    assert verdict("up", 0.99, points=True) == "Roughly flat" and verdict("up", 1.2, points=True) == "Yes"


def test_these_days_with_a_movement_is_the_recent_run_against_the_one_before(store: VocabularyIndex) -> None:
    """Before: "are we making more money these days" was the last 30 days alone, with no verdict to give."""
    for question in (
        "are we making more money these days",
        "are we getting fewer orders these days?",
        "are sales up these days?",  # held out: a yes/no of one way, no verb of movement
    ):
        q = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS).query
        assert q is not None and q.compare == "previous_period", question
        assert q.time_range is not None and (q.time_range.start, q.time_range.end) == (date(2026, 11, 5), DEC)
    plain = read_question("revenue these days", tenant_id="t", index=store, extents=DEC_EXTENTS).query
    assert plain is not None and plain.compare is None  # no movement asked: no comparison


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("how many orders did we get during the sale last month", "promo_order_share"),
        ("orders during the sale this year", "promo_order_share"),
        ("units sold during the sale", "promo_unit_share"),
        ("what percentage of items were returned this year", "return_rate"),  # before: by product
        ("what % of items got returned last month", "return_rate"),  # before: units returned ("%" had no \b)
    ],
)
def test_the_measure_asked(store: VocabularyIndex, question: str, metric: str) -> None:
    q = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS).query
    assert q is not None and q.metrics[0] == metric and not q.dimensions, question


@pytest.mark.parametrize(
    "question", ["which products stopped selling", "what's no longer selling", "what products aren't selling anymore"]
)
def test_products_that_stopped_selling_are_the_unsold_of_the_recent_run(store: VocabularyIndex, question: str) -> None:
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.shape == "unsold" and r.query is not None and r.query.time_range is not None
    assert (r.query.time_range.start, r.query.time_range.end) == (date(2026, 11, 5), DEC)


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("revenue between March 3rd and the 10th", date(2026, 3, 3), date(2026, 3, 10)),  # before: 3 Mar alone
        ("march 3-10, 2025 units", date(2025, 3, 3), date(2025, 3, 10)),
        ("revenue between Oct 5 and the 12th", date(2026, 10, 5), date(2026, 10, 12)),
        ("from March 3 to April 5", date(2026, 3, 3), date(2026, 4, 5)),  # two months: as before
    ],
)
def test_a_day_span_with_its_month_first(phrase: str, start: date, end: date) -> None:
    rng = resolve_time(phrase, DEC).range
    assert rng is not None and (rng.start, rng.end) == (start, end)


def test_a_possessive_typed_without_its_apostrophe() -> None:
    assert expand_shorthand("gimme last months sales numbers") == "gimme last month's sales numbers"
    assert expand_shorthand("the last 3 months sales") == "the last 3 months sales"  # a window, kept


def test_the_store_wide_position_counts_the_catalogue_skus() -> None:
    """Competitor prices for a SKU the catalogue lacks are left out of "across N SKUs" (and said so)."""
    rows = [(sku, "2026-03-01", "rival", price, 100.0) for sku, price in (("A", 90.0), ("B", 100.0), ("Z", 50.0))]
    obs = observations(rows)
    catalogue = pd.DataFrame({"category": ["Home", "Home"]}, index=pd.Index(["A", "B"], name="sku"))
    analysis = analyse(PricingInputs(observations=obs, attributes=catalogue), PricingOptions(), today=date(2026, 3, 1))
    position, over = pricing_answers(
        ["price_position", "overpriced"], analysis, obs, PricingOptions(), scoped=[], start=None
    )
    assert position.text.startswith("Across 2 SKUs") and "1 more SKU in the competitor prices is not" in position.text
    assert over.text.startswith("1 of 2 SKUs is priced more than 5% above")
    bare = analyse(PricingInputs(observations=obs), PricingOptions(), today=date(2026, 3, 1))  # no catalogue read
    assert pricing_answers(["price_position"], bare, obs, PricingOptions(), scoped=[], start=None)[0].text.startswith(
        "Across 3 SKUs"
    )
