"""A forecast set against a past period's actuals ("will we sell more next month than last month?")."""

from __future__ import annotations

from datetime import date

from shared.forecast.answers import SkuForecastView, SoFar, against_text, forecast_answer

FEB = SoFar(date(2027, 2, 1), date(2027, 2, 28), units=1000.0, revenue=50_000.0)


def _view(sku: str, total: float) -> SkuForecastView:
    return SkuForecastView(sku=sku, total=total, lower=total * 0.8, upper=total * 1.2, horizon_days=30,
                           model="theta")


def test_the_past_periods_units_are_said_and_the_forecast_compared() -> None:
    text = against_text(FEB, 1100.0, 28)
    assert text == " In February 2027 (1-28 Feb 2027), 1,000 units were sold: the forecast is 10.0% more."


def test_periods_of_other_lengths_are_compared_per_day_too() -> None:
    text = against_text(FEB, 1050.0, 30)
    assert "the forecast is 5.0% more (30 days ahead against 28; per day 2.0% less)" in text


def test_money_compares_revenue() -> None:
    text = against_text(FEB, 49_800.0, 28, money=lambda v: f"${v:,.2f}")
    assert text == " In February 2027 (1-28 Feb 2027), $50,000.00 was taken: the forecast is about the same."


def test_the_verdict_leads_and_the_answer_ends_with_the_comparison() -> None:
    answer = forecast_answer([_view("A", 600.0), _view("B", 500.0)], 0.9, 28, date(2027, 2, 28), against=FEB)
    # "will next month beat last month?": the verdict, both figures and the change in the first sentence (before:
    # the forecast first, the past period's actuals in the last sentence)
    assert answer.text.startswith(
        "Too close to call: 1,100 units expected over the next 28 days (2027-03-01 to 2027-03-28) against 1,000 "
        "units in February 2027 (1-28 Feb 2027), 10.0% more (90% interval"
    )
    assert "2 SKUs are expected to sell 1,100 units" in answer.text
    assert answer.text.endswith("1,000 units were sold: the forecast is 10.0% more.")
    assert "were sold" not in forecast_answer([_view("A", 600.0)], 0.9, 28, date(2027, 2, 28)).text
