"""The day a running period's revenue reaches an amount: actuals, then the forecast, then not at all."""

from __future__ import annotations

from datetime import date, timedelta

from shared.forecast.milestone import find_milestone, milestone_text

START, LAST, END = date(2026, 1, 1), date(2026, 12, 6), date(2026, 12, 31)
#: 100 a day of actuals from 1 Jan to 6 Dec (340 days: 34,000), the forecast 200 a day after.
DAILY = [(START + timedelta(days=k), 100.0) for k in range((LAST - START).days + 1)]


def forecast(day: date) -> float:
    return 200.0 * (day - LAST).days


def say(v: float) -> str:
    return f"${v:,.2f}"


def test_passed_in_the_actuals() -> None:
    m = find_milestone(10_000.0, DAILY, LAST, END, forecast)
    assert m.outcome == "passed" and m.day == date(2026, 4, 10)  # the 100th day
    text = milestone_text(m, start=START, last_actual=LAST, name="2026", say=say)
    assert text.startswith("Revenue passed $10,000.00 on 10 Apr 2026")


def test_reached_by_the_forecast() -> None:
    m = find_milestone(35_000.0, DAILY, LAST, END, forecast)
    assert m.outcome == "ahead" and m.day == date(2026, 12, 11)  # 34,000 + 5 days x 200
    assert m.so_far == 34_000.0 and m.expected == 1_000.0
    text = milestone_text(m, start=START, last_actual=LAST, name="2026", say=say)
    assert text.startswith("Revenue reaches $35,000.00 on 11 Dec 2026")
    assert "$34,000.00 so far (1 Jan-6 Dec) + $1,000.00 expected (7-11 Dec" in text


def test_not_reached_by_the_end() -> None:
    m = find_milestone(50_000.0, DAILY, LAST, END, forecast)
    assert m.outcome == "not_reached" and m.day == END and m.expected == 5_000.0
    text = milestone_text(m, start=START, last_actual=LAST, name="2026", say=say)
    assert text.startswith("Revenue does not reach $50,000.00 in 2026")
    assert "= $39,000.00 by 31 Dec 2026, $11,000.00 short" in text


def test_the_first_day_of_the_forecast() -> None:
    m = find_milestone(34_100.0, DAILY, LAST, END, forecast)
    assert m.outcome == "ahead" and m.day == date(2026, 12, 7)


def test_a_count_of_units_says_its_measure() -> None:
    ahead = find_milestone(35_000.0, DAILY, LAST, END, forecast)
    text = milestone_text(
        ahead,
        start=START,
        last_actual=LAST,
        name="2026",
        say=lambda v: f"{v:,.0f} units",
        what="Units sold of SKU-1",
        pace="the daily forecast of units sold of SKU-1",
        plural=True,
    )
    assert text.startswith("Units sold of SKU-1 reach 35,000 units on 11 Dec 2026")
    assert "34,000 units so far" in text and "the daily forecast of units sold of SKU-1" in text
    short = find_milestone(50_000.0, DAILY, LAST, END, forecast)
    said = milestone_text(short, start=START, last_actual=LAST, name="2026", say=str, what="Units sold", plural=True)
    assert said.startswith("Units sold do not reach 50000.0 in 2026")
