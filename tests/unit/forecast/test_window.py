"""A calendar window inside the forecast horizon: its days alone are summed ("in January" asked on 5 Dec)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from shared.forecast.answers import SkuForecastView, forecast_answer
from shared.forecast.window import Window, window_label, window_of, window_total

DEC5 = date(2026, 12, 5)


def test_daily_weights_keep_the_windows_days_only() -> None:
    w = window_of(DEC5, "2027-01-01", 57)
    assert w is not None and (w.start, w.end, w.days) == (date(2027, 1, 1), date(2027, 1, 31), 31)
    weights = w.weights(57, 1)
    assert weights[:26].sum() == 0 and weights[26:].sum() == 31  # 6-31 Dec left out, 1-31 Jan kept


def test_a_week_the_window_cuts_counts_in_proportion() -> None:
    w = Window(DEC5, date(2027, 1, 1), date(2027, 1, 31))
    weights = w.weights(9, 7)  # weeks from 6 Dec: the 4th is 27 Dec - 2 Jan (2 days of January)
    assert weights[3] == pytest.approx(2 / 7) and weights[:3].sum() == 0
    assert weights.sum() * 7 == pytest.approx(31)


@pytest.mark.parametrize("start", [None, "", "2026-12-06", "2026-12-01", "2027-03-01"])
def test_no_window_when_it_starts_tomorrow_or_outside_the_horizon(start: str | None) -> None:
    assert window_of(DEC5, start, 57) is None


def test_the_window_total_sums_its_days_and_narrows_its_band() -> None:
    forecast = np.full(57, 10.0)
    lower, upper = forecast - 4, forecast + 4
    w = window_of(DEC5, "2027-01-01", 57)
    assert w is not None
    total, lo, hi = window_total(forecast, lower, upper, w.weights(57, 1), 0.9)
    assert total == pytest.approx(310.0)  # before: 570, the 57 days from tomorrow
    assert lo < total < hi and hi - lo < 2 * 4 * 31


def test_the_answer_names_the_window_not_the_next_days() -> None:
    w = Window(DEC5, date(2027, 1, 1), date(2027, 1, 31))
    views = [SkuForecastView("A", 310.0, 280.0, 340.0, 31, "theta")]
    a = forecast_answer(views, 0.9, 57, DEC5, window=w)
    assert "January 2027 (2027-01-01 to 2027-01-31)" in a.text and "next 57 days" not in a.text
    assert (a.period_start, a.period_end) == (date(2027, 1, 1), date(2027, 1, 31))
    assert window_label(Window(DEC5, date(2027, 1, 1), date(2027, 3, 31))).startswith("Q1 2027 (")
