"""How much to order for a named week still to come: "how many units do we need to order for Black Friday week".

The stock a named week needs is the units its forecast expects over that week's days. What to order for it is that
less the part of today's stock (on hand and on order) still left when the week starts: the forecast expects some of
it to sell in the days before, and a week a year away usually finds none of today's stock left. Before, the ask was
the reorder list over a 356-day review period ("cover shorter than lead time + 356 days"). Said first, with the
week's dates and the figures that make it. Pure: the forecasts and the stock are passed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

#: The longest window read as a named week, weekend or day to order for (a month is the reorder list's span).
WINDOW_ORDER_DAYS = 14


@dataclass(frozen=True)
class WindowOrder:
    """The units a window needs and the stock that meets it.

    ``expected``: the forecast over the window's days; ``before``: the forecast from the day after the data to the
    day before the window; ``on_hand`` and ``on_order`` today's.
    """

    expected: float
    before: float
    on_hand: float
    on_order: float

    @property
    def left(self) -> float:
        """Today's stock still there when the window starts (none below 0)."""
        return max(0.0, self.on_hand + self.on_order - self.before)

    @property
    def order(self) -> int:
        """Units to order for the window: its expected units less the stock left for it, whole units."""
        return max(0, math.ceil(self.expected - self.left - 1e-9))


def window_order_text(o: WindowOrder, *, what: str, period: str, start: date) -> str:
    """The order first, then the sum that gives it.

    ``what``: whose units ("", or " of SKU-1"); ``period``: the window as named ("Black Friday week 2027 (22-28 Nov
    2027)"); ``start``: its first day.
    """
    day_before = start - timedelta(days=1)
    have = f"{o.on_hand:,.0f} on hand" + (f" and {o.on_order:,.0f} on order" if o.on_order else "")
    head = f"Order about {o.order:,} units{what} for {period}: {o.expected:,.0f} expected over those days"
    if o.left <= 0:
        return (
            f"{head}; today's stock ({have}) is expected to sell before then ({o.before:,.0f} units expected "
            f"up to {day_before.day} {day_before:%b %Y})."
        )
    return (
        f"{head} less the {o.left:,.0f} of today's stock ({have}) left by {day_before.day} {day_before:%b %Y} "
        f"({o.before:,.0f} units expected to sell before then)."
    )
