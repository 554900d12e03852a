from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from local_emulator.cron import CronSchedule

minutes = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC))


@given(minutes)
def test_every_minute_matches_everything(when: datetime) -> None:
    assert CronSchedule.parse("* * * * *").matches(when)


@given(minutes, st.integers(1, 59))
def test_step_minutes(when: datetime, step: int) -> None:
    assert CronSchedule.parse(f"*/{step} * * * *").matches(when) == (when.minute % step == 0)


@given(minutes)
def test_daily_fires_once_per_day(when: datetime) -> None:
    cron = CronSchedule.parse("30 2 * * *")
    day = when.replace(hour=0, minute=0)
    fired = [day + timedelta(minutes=i) for i in range(24 * 60) if cron.matches(day + timedelta(minutes=i))]
    assert [(f.hour, f.minute) for f in fired] == [(2, 30)]


def test_weekday_sunday_is_0_and_7() -> None:
    sunday = datetime(2024, 6, 2, 9, 0, tzinfo=UTC)
    assert CronSchedule.parse("0 9 * * 0").matches(sunday)
    assert CronSchedule.parse("0 9 * * 7").matches(sunday)
    assert not CronSchedule.parse("0 9 * * 1-5").matches(sunday)
    assert CronSchedule.parse("0 9 * * 1-5").matches(sunday + timedelta(days=1))


def test_day_of_month_or_weekday() -> None:
    cron = CronSchedule.parse("0 0 1 * 1")  # the 1st, or any Monday
    assert cron.matches(datetime(2024, 6, 1, tzinfo=UTC))  # a Saturday, the 1st
    assert cron.matches(datetime(2024, 6, 3, tzinfo=UTC))  # a Monday
    assert not cron.matches(datetime(2024, 6, 4, tzinfo=UTC))


@pytest.mark.parametrize("bad", ["* * * *", "60 * * * *", "* 24 * * *", "*/0 * * * *", "a * * * *", "5-1 * * * *"])
def test_invalid_expressions_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        CronSchedule.parse(bad)
