"""Answer shapes on the Ask page in headless Chromium, against ``ecomintel serve`` and the built console.

A merchant loads the sample shop and asks a week-by-week revenue forecast, a revenue trend and a complaints
question, on a laptop and on a phone (390 px): the answer's first sentence is set apart and on screen first, the
weekly forecast is drawn (a chart, with its 90% range beside each week in the table), money is written with the
currency and fractions as percentages, supporting columns are folded, nothing scrolls sideways, and axe-core finds
nothing serious. Then: which products are overpriced, where two of them share a title (one bar each, the SKU
telling them apart); a 10% price cut (its units and revenue without and with it, side by side); a chart that draws
nothing (a note, the table still there, no empty frame); a deep revenue forecast (money with its currency). A shop
whose sales are revenue totals per store asks next month's revenue: the store's total is drawn on its interval.
The time from asking to the answer on screen is recorded in ``artifacts/budget.json``.
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
SIGNED_MONEY = re.compile(r"^-?\$\d{1,3}(,\d{3})*\.\d{2}$")
#: The sample shop's electronics all given one title (versions of one charger): several of them are overpriced.
SHARED_TITLE = "Coastal Premium Charger 65W"


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
    merchant = generate_merchant(n_skus=40)
    merchant.products.loc[merchant.products["sku"].str.startswith("ELE-"), "title"] = SHARED_TITLE
    return [f.path for f in write_merchant(merchant, out)]


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


def _shop(browser: Browser, served: Served, name: str, files: list[Path], currency: str = "") -> Any:
    """A new account's page with ``files`` uploaded and processed (in ``currency`` when given)."""
    page = browser.page()
    page.goto(served.base + "/signup")
    page.get_by_label("E-mail").fill(f"shapes-{uuid.uuid4().hex[:8]}@shop.example")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_label("Shop name").fill(name)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/signup" not in url)
    page.get_by_role("link", name="Upload").click()
    if currency:
        page.get_by_label("Currency of the amounts (optional)").fill(currency)
    page.get_by_test_id("file-input").set_input_files([str(p) for p in files])
    expect(page.locator(".status-processed, .status-failed")).to_have_count(len(files), timeout=240_000)
    assert page.locator(".status-failed").count() == 0
    return page


def test_answer_shapes_read_at_a_glance(served: Served, browser: Browser, sample_files: list[Path]) -> None:
    page = _shop(browser, served, "Shapes Shop", sample_files)
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

    # two overpriced products with one title: two bars, each labelled with its SKU, the table's titles as sent
    with page.expect_response(lambda r: r.url.endswith("/v1/query"), timeout=300_000) as answered:
        timings["overpriced"] = _ask(page, served.base, "Which products are overpriced compared to competitors?")
    expect(page.get_by_test_id("chart").locator("canvas")).to_have_count(1, timeout=30_000)
    products, skus = _column(page, "Product"), _column(page, "SKU")
    shared = [sku for sku, title in zip(skus, products, strict=True) if title == SHARED_TITLE]
    assert len(shared) >= 2, products
    bars = answered.value.json()["report"]["chart"]["data"]["values"]
    labels = [b["label"] for b in bars]
    assert len(set(labels)) == len(labels) == len(bars), labels  # one bar per product
    charted = [b for b in bars if b["key"] in shared]
    assert len(charted) >= 2 and all(
        b["label"].startswith(SHARED_TITLE[:12]) and b["label"].endswith(f" ({b['key']})") for b in charted
    ), labels  # the title shortened if need be, never the SKU that tells them apart
    _no_problems(browser, page, "ask-overpriced-shared-title")

    # a price cut: units and revenue without and with it, drawn side by side; the table's money signed
    timings["price_cut"] = _ask(page, served.base, "What if we cut prices 10% on APP-0004?", "Cutting")
    chart = page.get_by_test_id("chart")
    expect(chart.locator("canvas")).to_have_count(1, timeout=30_000)
    assert "without the 10% cut and with the 10% cut" in (chart.get_attribute("aria-label") or "")
    change = _column(page, "Change in revenue")
    assert change and all(SIGNED_MONEY.match(v) for v in change), change
    _no_problems(browser, page, "ask-price-cut")

    # a chart that draws nothing: a short note where it would be, the table under it, no empty frame
    def draws_nothing(route: Any) -> None:
        response = route.fetch()
        body = response.json()
        body["report"]["chart"] = {
            "mark": "bar",
            "data": {"values": []},
            "encoding": {"x": {"field": "value", "type": "quantitative"}},
        }
        route.fulfill(response=response, json=body)

    page.route("**/v1/query", draws_nothing)
    _ask(page, served.base, "Revenue by week over the last 3 months")
    expect(page.get_by_test_id("chart-failed")).to_have_text(
        "The chart could not be drawn; the figures are in the table below.", timeout=30_000
    )
    assert page.get_by_test_id("chart").count() == 0
    assert all(MONEY.match(v) for v in _column(page, "Revenue"))
    _no_problems(browser, page, "ask-chart-draws-nothing")
    page.unroute("**/v1/query", draws_nothing)

    # deep mode: the job's table writes money with the shop's currency, as the quick answer does
    page.get_by_label(re.compile("Deep analysis")).check()
    page.get_by_label("Your question").fill("How much revenue will we make next month?")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.get_by_test_id("answer")).to_be_visible(timeout=300_000)
    expect(page.locator(".report .meta")).to_contain_text("Deep analysis")
    revenue = [v for v in _column(page, "Forecast revenue") if v]  # a product with no priced sale has none
    assert len(revenue) >= 2 and all(MONEY.match(v) for v in revenue), revenue
    _no_problems(browser, page, "ask-deep-revenue-forecast")
    page.get_by_label(re.compile("Deep analysis")).uncheck()

    # on a phone: the answer's first sentence is on the first screen, nothing scrolls sideways
    page.set_viewport_size({"width": 390, "height": 844})
    timings["forecast_by_week_phone"] = _ask(
        page, served.base, "Weekly revenue forecast for the next 6 weeks by week", "Week by week"
    )
    expect(page.get_by_test_id("chart").locator("canvas")).to_have_count(1, timeout=30_000)
    box = page.get_by_test_id("answer-lead").bounding_box()
    assert box is not None and 0 <= box["y"] < 844, box  # in view after asking, not below the form and examples
    _no_problems(browser, page, "ask-forecast-by-week-390")
    _ask(page, served.base, "What if we cut prices 10% on APP-0004?", "Cutting")
    expect(page.get_by_test_id("chart").locator("canvas")).to_have_count(1, timeout=30_000)
    _no_problems(browser, page, "ask-price-cut-390")
    _record("ask_answer_on_screen_seconds", {k: round(v, 2) for k, v in timings.items()})
    page.context.close()


def test_a_stores_revenue_total_is_drawn_on_its_interval(served: Served, browser: Browser, tmp_path: Path) -> None:
    from tests.fixtures.public.store_shapes import walmart

    path = tmp_path / "Walmart.csv"
    path.write_text(walmart()["Walmart.csv"])
    page = _shop(browser, served, "Store Totals", [path], currency="USD")
    _ask(page, served.base, "What will revenue be next month?", "We expect revenue of about")
    chart = page.get_by_test_id("chart")
    expect(chart.locator("canvas")).to_have_count(1, timeout=30_000)
    assert "90% interval" in (chart.get_attribute("aria-label") or "")
    assert _column(page, "Series") == ["revenue"]
    assert all(MONEY.match(v) for v in _column(page, "Forecast revenue"))
    assert all(RANGE.match(v) for v in _column(page, "90% range"))
    _no_problems(browser, page, "ask-store-revenue-total")
    page.set_viewport_size({"width": 390, "height": 844})
    _no_problems(browser, page, "ask-store-revenue-total-390")
    page.context.close()
