"""Review KPIs of a shop whose reviews have no dates, in headless Chromium against ``ecomintel serve``.

Some public review sets publish no dates (Kaggle's Women's E-Commerce Clothing Reviews). A merchant uploads such
a file and nothing else: the Dashboard shows the all-time average rating and number of reviews over every
review, says they are all undated, and the Data page says how many rows have no date. The page is checked
with axe-core.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.console.conftest import Browser, Served

pytestmark = [pytest.mark.xdist_group("console-browser"), pytest.mark.timeout(600)]

REVIEWS = ("review_id,sku,rating,title,text\n"
           "r1,D-1077,5,Love it,Fits well and the fabric is soft\n"
           "r2,D-1077,2,Too small,Runs two sizes small\n"
           "r3,D-1049,4,Nice,Good colour and it washes well\n"
           "r4,D-1049,4,Pretty,Lovely print\n")


def test_a_shop_with_only_undated_reviews_sees_its_rating_and_review_count(served: Served, browser: Browser,
                                                                         tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text(REVIEWS)
    page = browser.page()
    page.goto(served.base + "/signup")
    page.get_by_label("E-mail").fill(f"rv-{uuid.uuid4().hex[:8]}@shop.example")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_label("Shop name").fill("Dress Shop")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(lambda url: "/signup" not in url)
    page.get_by_role("link", name="Upload").click()
    page.wait_for_url(re.compile(r"/upload$"))
    page.get_by_test_id("file-input").set_input_files([str(path)])
    expect(page.locator(".status-processed, .status-failed")).to_have_count(1, timeout=120_000)

    page.get_by_role("link", name="Dashboard").click()
    tiles = page.get_by_test_id("review-kpis")
    expect(tiles.get_by_test_id("kpi-review_count").locator(".tile-value")).to_have_text("4", timeout=60_000)
    expect(tiles.get_by_test_id("kpi-avg_rating").locator(".tile-value")).to_have_text("3.75 / 5")
    expect(page.get_by_test_id("review-kpis-scope")).to_have_text(
        "All time: every review, 4 reviews without a date included.")
    browser.shoot(page, "dashboard-undated-reviews")
    serious = browser.axe(page, "dashboard-undated-reviews")
    assert serious == [], serious

    page.get_by_role("link", name="Data").click()
    expect(page.get_by_role("row").filter(has_text="Reviews").first).to_contain_text("4 (4 without a date)")
    page.context.close()
