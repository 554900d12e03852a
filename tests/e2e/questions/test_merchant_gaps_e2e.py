"""Answers a merchant found wrong or missing (#18 follow-ups), asked end to end through ``ask``."""

from __future__ import annotations

import re

from tests.e2e.questions.conftest import Ingested
from tests.e2e.questions.test_stock_and_promo_answers_e2e import answer


def _units(text: str, period: str) -> float:
    said = re.search(rf"sell ([\d,]+) units over {re.escape(period)}", text)
    assert said is not None, text
    return float(said.group(1).replace(",", ""))


def test_next_month_is_the_calendar_month_not_the_next_30_days(shop: Ingested) -> None:
    """Before (asked on 20 Mar): "... over the next 30 days (2025-03-21 to 2025-04-19)"."""
    month = answer(shop, "how many units will we sell next month?", as_of="2025-03-20")
    april = _units(month, "April 2025 (2025-04-01 to 2025-04-30)")
    ahead = answer(shop, "how many units will we sell in the next 41 days?", as_of="2025-03-20")
    both = _units(ahead, "the next 41 days (2025-03-21 to 2025-04-30)")
    assert 0.6 * both < april < 0.9 * both, (month, ahead)  # April's 30 of the 41 days, not all of them
