"""A forecast week by week: 7-day blocks from the period's first day, the total first."""

from datetime import date

from shared.agents.answers import AgentAnswer
from shared.forecast.by_week import WeekFigure, by_week_answer, week_blocks


def test_blocks_of_seven_days_the_last_cut() -> None:
    blocks = week_blocks(date(2027, 1, 1), date(2027, 1, 31))
    assert blocks[0] == (date(2027, 1, 1), date(2027, 1, 7))
    assert blocks[-1] == (date(2027, 1, 29), date(2027, 1, 31))
    assert len(blocks) == 5
    assert len(week_blocks(date(2026, 12, 7), date(2027, 1, 17))) == 6


def test_total_then_each_week_and_the_weeks_as_the_table() -> None:
    answer = AgentAnswer(ask="forecast", text="We expect to sell 30 units over ...", method="m")
    weeks = [
        WeekFigure(date(2026, 12, 7), date(2026, 12, 13), 14.0, 10.0, 18.0),
        WeekFigure(date(2026, 12, 14), date(2026, 12, 16), 16.0, 12.0, 20.0),
    ]
    got = by_week_answer(answer, weeks, period="the next 10 days (2026-12-07 to 2026-12-16)", level=0.9)
    assert got.text.startswith(
        "Week by week, we expect to sell 30 units over the next 10 days (2026-12-07 to "
        "2026-12-16): 7-13 Dec 14; 14-16 Dec (3 days) 16"
    )
    assert got.text.endswith("We expect to sell 30 units over ...")
    assert got.rows[1][:4] == [2, "2026-12-14", "2026-12-16", 3]
    money = by_week_answer(answer, weeks, period="p", level=0.9, money=lambda v: f"${v:,.2f}")
    assert money.text.startswith("Week by week, we expect revenue of about $30.00 over p: 7-13 Dec $14.00")


def test_an_unanswered_forecast_is_left_alone() -> None:
    answer = AgentAnswer(ask="forecast", text="Nothing could be forecast.", answered=False)
    assert (
        by_week_answer(answer, [WeekFigure(date(2026, 1, 1), date(2026, 1, 7), 1, 0, 2)], period="p", level=0.9)
        == answer
    )
