"""The Upload page's currency field in headless Chromium, against ``ecomintel serve`` and the built console.

A merchant types ``gbp``, drops a sales CSV that names no currency: the page shows the currency the server took,
the ingestion (``GET /v1/ingestions/{id}``) records ``GBP``, and a question about the file is answered in pounds.
A code that is not three letters sends nothing. The page is checked with axe-core.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.console.conftest import Browser, Served

pytestmark = [pytest.mark.xdist_group("console-browser"), pytest.mark.timeout(600)]

SALES = ("order_id,date,sku,units,unit_price\nO1,2024-09-03,A,2,10.00\nO2,2024-09-20,B,1,5.50\n"
         "O3,2024-10-02,A,1,10.00\nO4,2024-10-15,B,3,5.50\n")


def test_the_upload_currency_reaches_the_rows_and_the_answer(served: Served, browser: Browser,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(SALES)
    page = browser.page()
    page.goto(served.base + "/signup")
    page.get_by_label("E-mail").fill(f"gb-{uuid.uuid4().hex[:8]}@shop.example")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_label("Shop name").fill("Pound Shop")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/signup" not in url)
    token = str(page.evaluate("sessionStorage.getItem('ecomintel.token')"))
    page.get_by_role("link", name="Upload").click()
    page.wait_for_url(re.compile(r"/upload$"))

    field = page.get_by_label("Currency of the amounts (optional)")
    field.fill("£")
    expect(page.get_by_role("alert")).to_contain_text("three-letter ISO 4217 code")
    expect(page.get_by_role("button", name="Choose files", exact=True)).to_be_disabled()
    page.get_by_test_id("file-input").set_input_files([str(path)])  # a drop while the code is wrong: refused
    expect(page.locator(".upload-item")).to_have_count(0)
    field.fill("gbp")
    expect(field).to_have_value("GBP")
    page.get_by_test_id("file-input").set_input_files([str(path)])
    expect(page.locator(".status-processed, .status-failed")).to_have_count(1, timeout=120_000)
    shown = dict(zip(page.locator(".counts dt").all_inner_texts(), page.locator(".counts dd").all_inner_texts(),
                     strict=True))
    assert shown["Status"] == "processed" and shown["Currency"] == "GBP" and shown["Accepted"] == "4", shown
    serious = browser.axe(page, "upload-currency")
    assert serious == [], serious

    # the Data page's list of ingestions names the currency the upload stated
    page.get_by_role("link", name="Data").click()
    row = page.get_by_role("row").filter(has_text="orders.csv")
    expect(row).to_have_count(1)
    headers = page.get_by_role("table").filter(has_text="orders.csv").get_by_role("columnheader").all_inner_texts()
    assert row.get_by_role("cell").nth(headers.index("Currency")).inner_text() == "GBP"
    browser.shoot(page, "data-ingestion-currency")

    items = served.api("GET", "/v1/datasets/ingestions", token)["items"]
    assert len(items) == 1  # one file sent (nothing while the field said "£")
    ingestion = served.api("GET", f"/v1/ingestions/{items[0]['ingestion_id']}", token)
    assert ingestion["currency"] == "GBP"
    job = served.api("POST", "/v1/query", token, {"question": "what did we make last month?", "mode": "quick",
                                                  "use_cache": False})
    assert "£25.50" in job["report"]["answer"], job["report"]["answer"]
    page.context.close()
