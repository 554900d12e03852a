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


def test_each_product_by_week_rows_that_add_up() -> None:
    from shared.forecast.by_week import by_product_answer

    answer = AgentAnswer(ask="forecast", text="We expect revenue of about $500.00 ...", method="m")
    blocks = [(date(2027, 1, 1), date(2027, 1, 7)), (date(2027, 1, 8), date(2027, 1, 10))]

    def weeks(*values: float) -> list[WeekFigure]:
        return [WeekFigure(s, e, v, v * 0.8, v * 1.2) for (s, e), v in zip(blocks, values, strict=True)]

    got = by_product_answer(
        answer,
        [("A-1", weeks(70.0, 30.0)), ("B-2", weeks(40.0, 20.0))],
        period="January 2027 (2027-01-01 to 2027-01-10)",
        money=lambda v: f"${v:,.2f}",
        store_total=320.0,
    )
    assert got.text.startswith(
        "Week by week for each of 2 products over January 2027 (2027-01-01 to 2027-01-10) (the weeks 1-7 Jan, 8-10 "
        "Jan): A-1 $100.00 ($70.00, $30.00); B-2 $60.00 ($40.00, $20.00) (together $160.00, 50% of the store's;"
    )
    assert got.columns == ["sku", "2027-01-01 to 2027-01-07", "2027-01-08 to 2027-01-10", "total"]
    assert got.rows == [["A-1", 70.0, 30.0, 100.0], ["B-2", 40.0, 20.0, 60.0]]
    assert all(sum(r[1:-1]) == r[-1] for r in got.rows)  # each row adds up to its total
    assert got.skus == ["A-1", "B-2"]
