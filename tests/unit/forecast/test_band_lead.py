"""A forecast's worst case, best case or range asked: that end of its interval said first."""

from __future__ import annotations

import pytest

from shared.forecast.answers import band_lead, units_said
from shared.orchestration.router import band_asked


@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("what's the worst case for revenue next month?", "low"),
        ("worst case, how many kettles will we sell in the next 30 days?", "low"),
        ("how low could sales go next month", "low"),
        ("at worst how much will we make next quarter", "low"),
        ("best case units over the next 2 weeks", "high"),
        ("what's the optimistic forecast for January", "high"),
        ("what's the range on next quarter's revenue forecast?", "range"),
        ("best and worst case for next month", "range"),
        ("give me the confidence interval for next month's units", "range"),
        ("how many units will we sell next month", None),
        ("what was our best month", None),
    ],
)
def test_the_end_asked(question: str, band: str | None) -> None:
    assert band_asked(question) == band


def test_the_end_first_then_the_expected_figure() -> None:
    head = (1000.0, 800.0, 1250.0)
    period = "the next 30 days (2026-12-07 to 2027-01-05)"
    low = band_lead("low", head, level=0.9, period=period, say=units_said)
    assert low == (
        "Worst case (the 90% interval's low end): 800 units over the next 30 days (2026-12-07 to 2027-01-05), against "
        "1,000 units expected (interval 800 units to 1,250 units)."
    )
    assert band_lead("high", head, level=0.9, period=period, say=units_said).startswith(
        "Best case (the 90% interval's high end): 1,250 units"
    )
    assert band_lead("range", head, level=0.9, period=period, say=lambda v: f"${v:,.2f}").startswith(
        "The range is $800.00 to $1,250.00 over the next 30 days"
    )


def test_one_products_worst_case_names_it() -> None:
    from datetime import date

    from shared.forecast.answers import SkuForecastView, forecast_answer

    view = SkuForecastView(sku="ELE-0085", total=123.0, lower=76.0, upper=197.0, horizon_days=30, model="m")
    text = forecast_answer([view], 0.9, 30, date(2026, 12, 6), band="low").text
    assert text.startswith("Worst case for ELE-0085 (the 90% interval's low end): 76 units over the next 30 days")
