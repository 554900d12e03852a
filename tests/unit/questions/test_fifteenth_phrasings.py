"""A fifteenth set of phrasings (``bench/fifteenth_questions.py``, batches ``fifteenth`` and ``fifteenth2``).

Orders of a units range named by that range in a breakdown, sales "by location" when the sales keep no place.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.compose import compose
from shared.questions.reading import Reading
from shared.questions.timephrase import make_range
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_fourteenth_phrasings import _result


@pytest.mark.parametrize(
    ("at_least", "at_most", "words"),
    [(2, 2, "Orders of exactly 2 units"), (1, 2, "Orders of at most 2 units"), (4, None, "Orders of 4 or more units")],
)
def test_a_breakdown_of_sized_orders_names_their_range(at_least: int, at_most: int | None, words: str) -> None:
    q = MetricQuery(
        tenant_id="t",
        metrics=["multi_item_orders", "orders"],
        dimensions=["channel"],
        order_units_at_least=at_least,
        order_units_at_most=at_most,
        time_range=make_range(date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
    )
    rows = [{"channel": "web", "multi_item_orders": 772, "orders": 3000}, {"channel": "pos", "multi_item_orders": 58,
                                                                            "orders": 200}]
    out = compose(Reading(kind="metric", question="q", query=q, shape="breakdown"), _result(q, rows), titles={})
    assert out.answer.startswith(f"{words} in November 2026 (1-30 Nov 2026) by channel"), out.answer
    assert "two or more" not in out.answer
