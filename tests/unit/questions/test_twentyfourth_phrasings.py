"""The twenty-fourth round: the reading rules ``bench/twentyfourth_questions.py`` found missing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shared.questions.compose import compose
from shared.questions.reading import read_question
from shared.questions.timephrase import make_range
from shared.questions.trend_verdict import asked_way
from shared.questions.vocabulary import VocabularyIndex
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_compose import reading, result
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.mark.parametrize(
    ("question", "way"),
    [
        ("did we make more last month than the same month last year?", "up"),
        ("was revenue higher in October than September?", "up"),
        ("were orders lower last week than the week before?", "down"),
        ("did we sell fewer units this year than last year", "down"),
        ("did we sell more than 100 units last month?", None),  # an amount, no period weighed
        ("which channel made more than ebay?", None),  # no yes/no question
    ],
)
def test_a_yes_no_weighed_with_than_names_its_way(question: str, way: str | None) -> None:
    """Before: "did we make more ... than ..." named no way, so the answer led with no "Yes"/"No"."""
    assert asked_way(question, "revenue") == way


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("how many units did we sell last month that weren't on promotion", ["units", "promo_units"]),
        ("full-price revenue this year", ["revenue", "promo_revenue"]),
        ("orders last quarter excluding promotions", ["orders", "promo_orders"]),
        ("non-promo units sold this year", ["units", "promo_units"]),
    ],
)
def test_a_figure_off_promotion_is_the_figure_less_its_promoted_part(
    store: VocabularyIndex, question: str, metrics: list[str]
) -> None:
    """Before: every unit (revenue, order) of the period, the promotion's part not taken off."""
    r = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)
    assert r.query is not None and r.query.metrics == metrics and r.net_of, question


def test_a_figure_on_promotion_stays_the_promoted_part(store: VocabularyIndex) -> None:
    r = read_question(
        "how many items did we sell on promotion last month", tenant_id="t", index=store, extents=DEC_EXTENTS
    )
    assert r.query is not None and r.query.metrics[0] == "promo_unit_share" and not r.net_of


def test_a_breakdown_compared_leads_with_both_totals() -> None:
    """ "compare March and April by channel": April's and March's totals first (before: the rows alone)."""
    april = make_range(date(2026, 4, 1), date(2026, 4, 30), "April 2026")
    q = MetricQuery(
        tenant_id="t",
        metrics=["revenue"],
        dimensions=["channel"],
        time_range=april,
        compare="previous_period",
        order_by="revenue",
        share_of_total=True,
    )
    rows: list[dict[str, Any]] = [
        {"channel": "web", "revenue": 300.0, "revenue_previous": 250.0, "revenue_change_pct": 20.0},
        {"channel": "pos", "revenue": 100.0, "revenue_previous": 100.0, "revenue_change_pct": 0.0},
    ]
    out = compose(
        reading(q, "breakdown"),
        result(q, rows, previous_range=make_range(date(2026, 3, 1), date(2026, 3, 31))),
        titles={},
    )
    assert out.answer == (
        "Revenue in April 2026 (1-30 Apr 2026) was £400.00, up 14.3% from £350.00 in the period "
        "before (1-31 Mar 2026); by channel: web (£300.00, +20.0%); pos (£100.00, +0.0%)."
    )
    units = MetricQuery(
        tenant_id="t",
        metrics=["aov"],
        dimensions=["channel"],
        time_range=april,
        compare="previous_period",
        order_by="aov",
    )
    plain = compose(
        reading(units, "breakdown"),
        result(units, [{"channel": "web", "aov": 30.0, "aov_previous": 25.0, "aov_change_pct": 20.0}]),
        titles={},
    )
    assert "by channel:" in plain.answer.split(";")[0]  # a ratio has no total to add up: the rows lead as before


@pytest.mark.parametrize(
    "question",
    [
        "how many orders weren't from amazon last quarter",
        "revenue that didn't come through amazon last month",
        "orders that weren't placed on amazon this year",
    ],
)
def test_a_negated_verb_before_a_name_leaves_it_out(store: VocabularyIndex, question: str) -> None:
    """Held out: "weren't from amazon" was amazon's orders alone (the negation not read)."""
    q = read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS).query
    assert q is not None and [(f.dimension, f.op, f.values) for f in q.filters] == [("channel", "not_in", ["amazon"])]


def test_products_not_sold_on_a_channel_keep_it(store: VocabularyIndex) -> None:
    q = read_question(
        "which products didn't sell on amazon last month", tenant_id="t", index=store, extents=DEC_EXTENTS
    ).query
    assert q is not None and [(f.op, f.values) for f in q.filters] == [("in", ["amazon"])]
