"""The day a running period's revenue reaches an amount: "when will we hit $1M this year?".

The period's daily actuals run up to the data's last day; an amount they already reached was passed on the first
day their running sum did. Past the data the store's daily revenue forecast is added to them, day after day, and
the first day the sum reaches the amount is the answer; when even the period's last day falls short, the answer
says so with the shortfall. Said first, with the figures that make it ("Revenue reaches $6,550,000.00 on 19 Dec
2026 at the forecast's pace: $6,412,345.67 so far (1 Jan-6 Dec) + $137,654.33 expected (7-19 Dec)."). Pure: the
actuals and a function giving the forecast of the days up to any day are passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from shared.forecast.beat import day_span

Outcome = Literal["passed", "ahead", "not_reached"]


@dataclass(frozen=True)
class Milestone:
    """Where the amount falls: passed on ``day`` (actuals), reached on ``day`` (forecast), or not by the end."""

    outcome: Outcome
    amount: float
    so_far: float
    #: The day the amount is (was) reached; the period's last day when it is not.
    day: date
    #: The forecast from the day after the data to ``day`` (0 when passed).
    expected: float
    #: The actuals' running sum on the day passed (the day's figure that crossed the amount).
    reached_with: float = 0.0


def find_milestone(
    amount: float,
    daily: Sequence[tuple[date, float]],
    last_actual: date,
    end: date,
    expected_through: Callable[[date], float],
) -> Milestone:
    """The day the running sum of ``daily`` actuals (then of the forecast after ``last_actual``) reaches ``amount``.

    ``daily``: each day's revenue from the period's first day to ``last_actual`` (days with none may be left out).
    ``expected_through(day)``: the forecast's revenue from the day after ``last_actual`` to ``day``, rising with
    ``day``; it is searched by halves (a forecast window per step, not one per day).
    """
    running = 0.0
    for day, value in sorted(daily):
        running += value
        if running >= amount:
            return Milestone("passed", amount, sum(v for _, v in daily), day, 0.0, running)
    so_far = running
    if end <= last_actual or so_far + expected_through(end) < amount:
        return Milestone("not_reached", amount, so_far, end, expected_through(end) if end > last_actual else 0.0)
    lo, hi = 1, (end - last_actual).days
    while lo < hi:  # the fewest days of forecast whose sum reaches the rest
        mid = (lo + hi) // 2
        if so_far + expected_through(last_actual + timedelta(days=mid)) >= amount:
            hi = mid
        else:
            lo = mid + 1
    day = last_actual + timedelta(days=lo)
    return Milestone("ahead", amount, so_far, day, expected_through(day))


def milestone_text(
    m: Milestone,
    *,
    start: date,
    last_actual: date,
    name: str,
    say: Callable[[float], str],
    what: str = "Revenue",
    pace: str = "the store's daily revenue forecast",
    plural: bool = False,
) -> str:
    """The day first, then the sum that gives it.

    ``name`` is the period ("2026"), ``say`` writes an amount, ``what`` is the measure ("Revenue"; "Units sold of
    SKU-1", ``plural``) and ``pace`` the forecast the rest comes from.
    """
    reaches, does = ("reach", "do") if plural else ("reaches", "does")
    so_far = f"{say(m.so_far)} so far ({day_span(start, last_actual)})"
    if m.outcome == "passed":
        return (
            f"{what} passed {say(m.amount)} on {m.day.day} {m.day:%b %Y} ({say(m.reached_with)} from "
            f"{day_span(start, m.day)}); {name} stands at {so_far}."
        )
    rest = day_span(last_actual + timedelta(days=1), m.day)
    if m.outcome == "ahead":
        return (
            f"{what} {reaches} {say(m.amount)} on {m.day.day} {m.day:%b %Y} at the forecast's pace: {so_far} + "
            f"{say(m.expected)} expected ({rest}; {pace})."
        )
    whole = m.so_far + m.expected
    return (
        f"{what} {does} not reach {say(m.amount)} in {name} at the forecast's pace: {so_far} + {say(m.expected)} "
        f"expected ({rest}) = {say(whole)} by {m.day.day} {m.day:%b %Y}, {say(m.amount - whole)} short."
    )
