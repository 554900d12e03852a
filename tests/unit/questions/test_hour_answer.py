"""The answer by time of day, on rows given by a fake metrics layer: the ranked hour first, what was left out said."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.questions.hour_answer import clock_note, hour_answer, offset_label
from shared.questions.reading import Reading
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult, TimeRange

RANGE = TimeRange(start=date(2025, 3, 1), end=date(2025, 6, 30), label="all your data (1 Mar - 30 Jun 2025)")
BY_HOUR: list[dict[str, Any]] = [
    {"hour": "10:00", "orders": 86},
    {"hour": "16:00", "orders": 59},
    {"hour": "07:00", "orders": 5},
    {"hour": None, "orders": 400},
]


def _run(untimed: int, timed: int = 150) -> Any:
    def run(q: MetricQuery) -> MetricResult:
        if "timed_lines" in q.metrics:
            rows: list[dict[str, Any]] = [{"timed_lines": timed, "untimed_lines": untimed}]
        elif q.dimensions == ["sku"]:
            rows = [{"sku": "LAT", "orders": 20}]
        elif set(q.dimensions) == {"weekday", "hour"}:
            rows = [
                {"weekday": "Monday", "hour": "09:00", "orders": 3},
                {"weekday": "Monday", "hour": "10:00", "orders": 7},
                {"weekday": "Sunday", "hour": "11:00", "orders": 2},
            ]
        else:
            rows = BY_HOUR
        return MetricResult(query=q, columns=[], rows=rows, statement=CompiledStatement(sql=""))

    return run


def _reading(**query: Any) -> Reading:
    q = MetricQuery(tenant_id="acme", metrics=["orders"], time_range=RANGE, **query)
    return Reading(kind="metric", question="What is our busiest hour?", query=q, shape="ranking")


def test_the_busiest_hour_leads_and_the_untimed_lines_are_said() -> None:
    answer = hour_answer(
        _reading(dimensions=["hour"], order_by="orders"), "(composed)", _run(312), {"LAT": "Latte"}, None
    )
    assert answer.startswith(
        "Your busiest hour is 10:00-11:00: 86 sales (57.3% of the day's), mostly Latte (20), "
        "over all your data (1 Mar - 30 Jun 2025), ahead of 16:00-17:00 (59) and 07:00-08:00 (5)."
    )
    assert answer.endswith("312 lines had no time of day and are not counted.")


def test_the_quietest_hour() -> None:
    answer = hour_answer(_reading(dimensions=["hour"], order_by="orders", descending=False), "", _run(0), {}, None)
    assert answer.startswith("Your quietest hour is 07:00-08:00: 5 sales")
    assert "no time of day" not in answer


def test_a_period_whose_lines_carry_no_time_says_so_without_a_figure() -> None:
    answer = hour_answer(_reading(dimensions=["hour"], order_by="orders"), "(composed)", _run(40, timed=0), {}, None)
    assert "carries a time of day" in answer and "carry no time of day" in answer
    assert "86" not in answer


def test_each_weekdays_own_busiest_hour() -> None:
    answer = hour_answer(_reading(dimensions=["weekday", "hour"], order_by="orders"), "", _run(0), {}, None)
    assert answer.startswith(
        "Busiest hour by day of the week, over all your data (1 Mar - 30 Jun 2025): Monday "
        "10:00-11:00 (7 sales); Sunday 11:00-12:00 (2 sales)."
    )


def test_a_question_not_by_hour_keeps_its_answer() -> None:
    assert hour_answer(_reading(), "Orders were 12.", _run(5), {}, None) == "Orders were 12."


def test_the_answer_says_which_clock_its_hours_are_on() -> None:
    counts = {"timed_lines": 10, "offset_lines": 10, "lowest_utc_offset": 0, "highest_utc_offset": 0}
    assert clock_note(counts, "Europe/Paris") == (
        "Hours are in your shop's time zone, Europe/Paris; your export's times were in UTC."
    )
    assert clock_note(counts, None) == (
        "Hours are as your export stamped them, in UTC: set your shop's time zone in the settings (PUT /v1/settings, "
        "timezone) to read them on your shop's clock."
    )
    amazon = {"timed_lines": 10, "offset_lines": 4, "lowest_utc_offset": -480, "highest_utc_offset": -420}
    assert clock_note(amazon, None).startswith(
        "Hours are as your export stamped them, at UTC-08:00 to UTC-07:00 (4 of 10 timed lines):"
    )
    assert clock_note({"timed_lines": 10, "offset_lines": 0}, "Europe/Paris") == ""  # the shop's clock already
    assert [offset_label(m) for m in (0, 120, -480, 330, -210)] == [
        "UTC",
        "UTC+02:00",
        "UTC-08:00",
        "UTC+05:30",
        "UTC-03:30",
    ]
