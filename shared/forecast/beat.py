"""The verdict of "will we beat last month?": the running period as it will end, against a past period's actuals.

The running period is its actuals so far plus the forecast of its rest; the forecast's interval decides how sure
the verdict is: "Probably yes" when even its low end beats the past period, "Probably not" when even its high end
falls short, "Too close to call" when the interval holds the past period's figure. Said first, with the sum that
makes it ("$127,396.55 so far (1-6 Dec) + $517,572.60 expected (7-31 Dec) = $644,969.15 ..."). Pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Verdict = Literal["Probably yes", "Probably not", "Too close to call"]


@dataclass(frozen=True)
class Beat:
    """The running period's whole (so far + the rest's forecast, with its interval) and the past period's figure."""

    so_far: float
    rest: float
    rest_low: float
    rest_high: float
    past: float

    @property
    def whole(self) -> float:
        """The running period as it is expected to end."""
        return self.so_far + self.rest

    @property
    def verdict(self) -> Verdict:
        """Whether the running period beats the past one, as sure as the forecast's interval allows."""
        if self.so_far + self.rest_low > self.past:
            return "Probably yes"
        if self.so_far + self.rest_high < self.past:
            return "Probably not"
        return "Too close to call"


def day_span(first: date, last: date) -> str:
    """Days said short: "1-6 Dec", "28 Nov-3 Dec", "6 Dec"."""
    if first == last:
        return f"{last.day} {last:%b}"
    if first.month == last.month:
        return f"{first.day}-{last.day} {last:%b}"
    return f"{first.day} {first:%b}-{last.day} {last:%b}"


def beat_text(
    beat: Beat,
    *,
    start: date,
    last_actual: date,
    end: date,
    name: str,
    past_name: str,
    level: float,
    say: Callable[[float], str],
) -> str:
    """The verdict and its sum in one sentence, then what the interval says.

    ``start`` to ``last_actual`` are the actuals, the day after it to ``end`` the forecast; ``name`` is the running
    period ("December 2026"), ``past_name`` the past one ("November 2026"); ``say`` writes an amount ("$1,234.50",
    "1,234 units").
    """
    lo, hi = beat.so_far + beat.rest_low, beat.so_far + beat.rest_high
    why = {
        "Probably yes": f"even its low end is above {past_name}",
        "Probably not": f"even its high end is below {past_name}",
        "Too close to call": f"{past_name} is inside it",
    }[beat.verdict]
    change = 100 * (beat.whole - beat.past) / beat.past if beat.past > 0 else None
    by = "" if change is None else f", {abs(change):.1f}% {'more' if change >= 0 else 'less'}"
    return (
        f"{beat.verdict}: {say(beat.so_far)} so far ({day_span(start, last_actual)}) + {say(beat.rest)} expected "
        f"({day_span(last_actual + timedelta(days=1), end)}) = {say(beat.whole)} for {name}, against "
        f"{say(beat.past)} in {past_name}{by} ({level:.0%} interval {say(lo)}-{say(hi)}: {why})."
    )
