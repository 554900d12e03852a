"""Whether one product's stock cover argues for a discount, said before the market's price."""

from __future__ import annotations

import pytest

from shared.agents.answers import AgentAnswer
from shared.orchestration.discount_cover import discount_verdict

_COLUMNS = ["sku", "days_of_cover", "on_hand", "on_order", "daily_units", "lead_time_days"]
_REPRICE = AgentAnswer(ask="reprice", text="Lower X from 30 to 27 (-10.0%).", skus=["X"])


def _stock(days: float | None, on_hand: float, rate: float | None, lead: int) -> AgentAnswer:
    return AgentAnswer(
        ask="overstock", text="Its stock: X.", columns=_COLUMNS, rows=[["X", days, on_hand, 0, rate, lead]], skus=["X"]
    )


@pytest.mark.parametrize(
    ("stock", "start"),
    [
        (_stock(0.0, 0, 0.5, 21), "Don't discount X: none is on hand"),
        (_stock(10.0, 5, 0.5, 21), "Don't discount X: its 5 on hand cover 10 days at 0.5 a day, less than its 21-day"),
        (_stock(200.0, 100, 0.5, 21), "A discount suits X: its 100 on hand cover 200 days at 0.5 a day, 10 times"),
        (_stock(None, 40, None, 21), "A discount suits X: its 40 on hand have not sold in a year"),
        (_stock(40.0, 20, 0.5, 21), "Stock gives no reason to discount X either way"),
    ],
)
def test_short_cover_argues_against_a_discount_and_long_cover_for_one(stock: AgentAnswer, start: str) -> None:
    verdict = discount_verdict([_REPRICE, stock])
    assert verdict is not None and verdict.startswith(start), verdict


def test_no_verdict_without_one_product_or_its_stock() -> None:
    several = _REPRICE.model_copy(update={"skus": ["X", "Y"]})
    assert discount_verdict([several, _stock(0.0, 0, 0.5, 21)]) is None
    assert discount_verdict([_REPRICE]) is None
