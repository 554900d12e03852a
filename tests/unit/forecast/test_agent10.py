"""Forecast and pricing answers the answers10 set found wrong (``bench/agent_answers_10.py``)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.deps import get_deps
from shared.forecast.agent import run
from shared.forecast.answers import SoFar, against_text
from shared.forecast.fit_reuse import wait_for_background
from shared.forecast.window import Window, window_label
from shared.models.agents import AgentRequest
from shared.pricing.agent import what_if_days
from shared.pricing.answers import _period
from tests.unit.forecast.test_agent import END, _request, _slow_fits


def test_only_the_store_total_answering_carries_its_model_s_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    release = _slow_fits(monkeypatch)
    options = {"prophet": "never", "max_skus": 2, "asks": ["forecast"], "fit_wait_seconds": 0.05, "explain": True}
    res = run(get_deps(), _request(as_of=END, skus=[], horizon_days=30, options=options))
    release.set()
    wait_for_background()
    text = res.data["answers"][0]["text"]
    assert "still being fitted" in text and "confidence unknown" not in text, text
    assert res.confidence.model_certainty is not None and "model certainty" in text


def test_a_running_period_is_compared_whole_and_the_verdict_leads() -> None:
    quarter = SoFar(date(2026, 10, 1), date(2026, 12, 5), 2000.0, None, until=date(2026, 12, 31), rest=1000.0)
    text = against_text(quarter, 3300.0, 90)
    assert text.startswith("The forecast (3,300 units) is 10.0% more than Q4 2026 (2026-10-01 to 2026-12-31)")
    assert "2,000 units sold" in text and "1,000 forecast to 31 Dec 2026" in text and "3,000 in all" in text
    fewer = against_text(quarter, 2500.0, 90)
    assert "16.7% fewer than Q4 2026" in fewer
    past = against_text(SoFar(date(2026, 11, 1), date(2026, 11, 30), 1000.0, None), 1100.0, 31)
    assert past.startswith(" In November 2026") and "10.0% more" in past  # a past period: as before


def test_a_one_day_window_is_named_as_that_day() -> None:
    assert window_label(Window(date(2026, 12, 5), date(2027, 11, 26), date(2027, 11, 26))) == "26 Nov 2027 (2027-11-26)"


def test_a_what_if_in_a_named_week_counts_that_week() -> None:
    asked = AgentRequest(tenant_id="t", skus=["A"], horizon_days=15, options={"window_start": "2026-12-14"})
    days, period = what_if_days(asked, date(2026, 12, 5))
    assert days == 7 and period == {"period_start": "2026-12-14", "period_end": "2026-12-20"}
    assert _period({"horizon_days": 7, **period}) == " (2026-12-14 to 2026-12-20)"
    plain = AgentRequest(tenant_id="t", skus=["A"], horizon_days=30)
    assert what_if_days(plain, date(2026, 12, 5)) == (30, {})


def test_the_forecast_s_what_if_names_the_week_it_was_asked_for() -> None:
    from shared.forecast.answers import SkuForecastView, whatif_answer

    view = SkuForecastView(
        sku="A",
        total=70.0,
        lower=60.0,
        upper=80.0,
        horizon_days=7,
        model="ets",
        whatif={"multiplier": 1.2, "elasticity": -1.0},
    )
    answer = whatif_answer([view], -15.0, 0.9, ["A"], period="2026-12-21 to 2026-12-27")
    assert "70 units over 2026-12-21 to 2026-12-27 (" in answer.text and "next 7 days" not in answer.text
