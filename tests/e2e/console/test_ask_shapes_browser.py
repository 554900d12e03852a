"""Answer shapes on the Ask page in headless Chromium, against ``ecomintel serve`` and the built console.

A merchant loads the sample shop and asks a week-by-week revenue forecast, a revenue trend and a complaints
question, on a laptop and on a phone (390 px): the answer's first sentence is set apart and on screen first, the
weekly forecast is drawn (a chart, with its 90% range beside each week in the table), money is written with the
currency and fractions as percentages, supporting columns are folded, nothing scrolls sideways, and axe-core finds
nothing serious. The time from asking to the answer on screen is recorded in ``artifacts/budget.json``.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.e2e.console.conftest import ARTIFACTS, Browser, Served

pytestmark = [pytest.mark.xdist_group("console-browser"), pytest.mark.timeout(900)]

MONEY = re.compile(r"^\$\d{1,3}(,\d{3})*\.\d{2}$")
RANGE = re.compile(r"^\$[\d,]+\.\d{2} – \$[\d,]+\.\d{2}$")
PERCENT = re.compile(r"^\d+(\.\d)?%$")


def _record(name: str, value: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "budget.json"
    figures = json.loads(path.read_text()) if path.exists() else {}
    figures[name] = value
    path.write_text(json.dumps(figures, indent=2))


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from shared.sample.merchant import generate_merchant, write_merchant

    out = tmp_path_factory.mktemp("shapes-sample")
    return [f.path for f in write_merchant(generate_merchant(n_skus=40), out)]


def _ask(page: Any, base: str, question: str, lead_starts: str | None = None, tries: int = 3) -> float:
    """Ask through the page (as a dashboard link does); seconds until the answer is on screen.

    A quick forecast has a time budget: on a loaded machine the first fit can miss it and the answer says so, so
    the question is asked again (the fit is cached by then) up to ``tries`` times.
    """
    for _ in range(tries):
        started = time.perf_counter()
        page.goto(base + "/ask?" + urlencode({"q": question, "go": "1"}))
        lead = page.get_by_test_id("answer-lead")
        lead.wait_for(timeout=120_000)
        elapsed = time.perf_counter() - started
        if lead_starts is None or lead.inner_text().startswith(lead_starts):
            return elapsed
    raise AssertionError(f"{question!r} was answered {lead.inner_text()!r}")


def _no_problems(browser: Browser, page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    browser.shoot(page, name)
    serious = browser.axe(page, name)
    assert serious == [], f"{name}: {json.dumps(serious, indent=1)}"
    assert page.evaluate("window.__problems") == [], name
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name}: the page scrolls sideways ({width} px)"


def _column(page: Any, header: str) -> list[str]:
    table = page.locator(".answer-table table")
    headers = table.get_by_role("columnheader").all_inner_texts()
    at = headers.index(header)
    return [row.get_by_role("cell").nth(at).inner_text() for row in table.locator("tbody tr").all()]


def test_answer_shapes_read_at_a_glance(served: Served, browser: Browser, sample_files: list[Path]) -> None:
    page = browser.page()
    page.goto(served.base + "/signup")
    page.get_by_label("E-mail").fill(f"shapes-{uuid.uuid4().hex[:8]}@shop.example")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_label("Shop name").fill("Shapes Shop")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/signup" not in url)
    page.get_by_role("link", name="Upload").click()
    page.get_by_test_id("file-input").set_input_files([str(p) for p in sample_files])
    expect(page.locator(".status-processed, .status-failed")).to_have_count(len(sample_files), timeout=240_000)
    assert page.locator(".status-failed").count() == 0
    timings: dict[str, float] = {}

    # a forecast by week: the weeks drawn with their band, each week's money and 90% range in the table
    timings["forecast_by_week"] = _ask(
        page, served.base, "Weekly revenue forecast for the next 6 weeks by week", "Week by week"
    )
    chart = page.get_by_test_id("chart")
    expect(chart.locator("canvas")).to_have_count(1, timeout=30_000)
    assert page.get_by_text("The chart could not be drawn").count() == 0
    assert "interval" in (chart.get_attribute("aria-label") or "")
    headers = page.locator(".answer-table table").get_by_role("columnheader").all_inner_texts()
    assert headers == ["From", "Forecast", "90% range"], headers  # week number, end and days folded
    forecasts, ranges = _column(page, "Forecast"), _column(page, "90% range")
    assert len(forecasts) == 6 and all(MONEY.match(v) for v in forecasts), forecasts
    assert all(RANGE.match(v) for v in ranges), ranges
    assert all(re.match(r"^\d{1,2} [A-Z][a-z]{2} \d{4}$", v) for v in _column(page, "From"))
    page.get_by_role("button", name="Show all 7 columns").click()
    assert "Low (90%)" in page.locator(".answer-table table").get_by_role("columnheader").all_inner_texts()
    _no_problems(browser, page, "ask-forecast-by-week")

    # a metric trend: a line chart, amounts with their currency
    timings["revenue_by_week"] = _ask(page, served.base, "Revenue by week over the last 3 months")
    expect(page.get_by_test_id("chart").locator("canvas")).to_have_count(1, timeout=30_000)
    revenue = _column(page, "Revenue")
    assert revenue and all(MONEY.match(v) for v in revenue), revenue

    # what reviews complain about: bars of each theme's share, shares as percentages, the review id folded away
    timings["complaints"] = _ask(
        page, served.base, "What are customers complaining about in their reviews over the last 90 days?"
    )
    expect(page.get_by_test_id("chart").locator("canvas")).to_have_count(1, timeout=30_000)  # themes as bars
    shares = _column(page, "Share of reviews")
    assert shares and all(PERCENT.match(v) for v in shares), shares
    assert "quote_review_id" not in page.locator(".answer-table table").inner_text()
    _no_problems(browser, page, "ask-complaints")

    # on a phone: the answer's first sentence is on the first screen, nothing scrolls sideways
    page.set_viewport_size({"width": 390, "height": 844})
    timings["forecast_by_week_phone"] = _ask(
        page, served.base, "Weekly revenue forecast for the next 6 weeks by week", "Week by week"
    )
    expect(page.get_by_test_id("chart").locator("canvas")).to_have_count(1, timeout=30_000)
    box = page.get_by_test_id("answer-lead").bounding_box()
    assert box is not None and 0 <= box["y"] < 844, box  # in view after asking, not below the form and examples
    _no_problems(browser, page, "ask-forecast-by-week-390")
    _record("ask_answer_on_screen_seconds", {k: round(v, 2) for k, v in timings.items()})
    page.context.close()
