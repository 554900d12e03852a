"""More public e-commerce datasets as published: Amazon India's Sale Report and Datafiniti's product reviews.

Each goes in through the real upload path (the CLI for the questions), every row is accounted for (accepted,
or rejected with its reason), and a merchant's questions are answered from it in the first sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from shared.cli.main import main
from shared.ingest.headers import export_profile, map_columns
from shared.ingest.kinds import dataset_part, detect_kind
from shared.ingest.parts import PartRole
from shared.models.records import DataKind
from shared.orchestration.report import Report
from shared.store.documents.ingestions import IngestionRecords
from tests.e2e.ingest.cli_helpers import lift_rate_limits
from tests.e2e.ingest.conftest import Harness

PUBLIC = Path(__file__).parents[2] / "fixtures" / "public"
SALE_REPORT, DATAFINITI = "amazon_sale_report.csv", "datafiniti_amazon_reviews.csv"
WOMENS_CLOTHING = "womens_clothing_reviews.csv"
#: Datafiniti's May 2019 export of the same reviews names its columns a little differently.
DATAFINITI_2019 = ("id,dateAdded,dateUpdated,name,asins,brand,categories,primaryCategories,imageURLs,keys,"
                   "manufacturer,manufacturerNumber,reviews.date,reviews.dateSeen,reviews.didPurchase,"
                   "reviews.doRecommend,reviews.id,reviews.numHelpful,reviews.rating,reviews.sourceURLs,reviews.text,"
                   "reviews.title,reviews.username,sourceURLs")


@pytest.fixture(autouse=True)
def _many_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    lift_rate_limits(monkeypatch)


def _cli_ingest(name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["ingest", str(PUBLIC / name), "--tenant", "acme", "--json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert doc["status"] == "processed"
    assert doc["rows_read"] == doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["held"] + doc["skipped"]
    return doc


def _cli_ingest_path(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["ingest", str(path), "--tenant", "acme", "--json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert doc["status"] == "processed"
    assert doc["rows_read"] == doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["held"] + doc["skipped"]
    return doc


def _ask(question: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["ask", question, "--tenant", "acme", "--json", "--no-cache"]) == 0
    answer = Report.model_validate(json.loads(capsys.readouterr().out)).answer
    return re.split(r"(?<=[a-z)%])\. ", answer)[0]


def test_amazon_sale_report_header_maps_column_for_column() -> None:
    header = (PUBLIC / SALE_REPORT).read_text().splitlines()[0].split(",")
    assert detect_kind(header) is DataKind.SALES
    profile = export_profile(header)
    assert profile is not None and profile.name == "amazon_sale_report"
    mapped = map_columns(header, DataKind.SALES).as_document()
    assert {h: mapped[h] for h in ("Order ID", "Date", "Status", "Sales Channel ", "SKU", "Qty", "currency",
                                   "Amount", "ASIN", "B2B", "index")} == {
        "Order ID": "order_id", "Date": "date", "Status": "status", "Sales Channel ": "channel", "SKU": "sku",
        "Qty": "units", "currency": "currency", "Amount": "revenue", "ASIN": None, "B2B": None, "index": None}


def test_amazon_sale_report_lands_and_answers(harness: Harness, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _cli_ingest(SALE_REPORT, capsys)
    assert (doc["rows_read"], doc["accepted"], doc["rejected"]) == (7, 4, 3)
    reasons = [r["reason"] for r in harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")]
    # Amazon's bare Pending: placed, its payment not yet authorised (no sale yet)
    assert sorted(reasons) == sorted(
        ["Status: order status 'Cancelled': a cancelled order line is not a sale (got 'Cancelled')"] * 2
        + ["Status: order status 'Pending': placed but not yet invoiced (no payment taken), not a sale yet (got "
           "'Pending')"])
    rows = {r["order_id"]: r for r in harness.rows(
        "SELECT order_id, date, units, revenue, currency, returned_units, refund FROM sales WHERE tenant_id = 'acme'")}
    assert str(rows["171-5057375-2831560"]["date"])[:10] == "2022-04-28"  # 04-28-22: month, day, two-digit year
    assert (rows["171-5057375-2831560"]["units"], rows["171-5057375-2831560"]["revenue"]) == (2, 1295.24)
    returned = rows["408-5748499-6859555"]  # "Shipped - Returned to Seller": a return, not a sale
    assert (returned["units"], returned["returned_units"], returned["refund"]) == (0, 1, 574.0)
    assert {r["currency"] for r in rows.values()} == {"INR"}
    april = _ask("What did we make in April 2022?", capsys)
    assert "1,701.24" in april and "₹" in april and "April 2022" in april  # 406 + 1,295.24 (399 pending: no sale yet)
    assert _ask("What is our return rate?", capsys).startswith("Return rate over all your data")
    category = _ask("Which category sold the most?", capsys)
    assert category.startswith("Set had the most units sold") and ": 3 " in category


def test_datafiniti_headers_are_recognised() -> None:
    for header in ((PUBLIC / DATAFINITI).read_text().splitlines()[0], DATAFINITI_2019):
        part = dataset_part(header.split(","))
        assert part is not None and part.role is PartRole.PRODUCT_REVIEWS and part.kind is DataKind.REVIEWS


def test_datafiniti_reviews_land_with_their_products(harness: Harness, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _cli_ingest(DATAFINITI, capsys)
    assert (doc["rows_read"], doc["accepted"], doc["rejected"]) == (4, 4, 0)
    reviews, products = doc["joined"]
    assert (reviews["kind"], reviews["rows_read"], reviews["accepted"], reviews["rejected"]) == ("reviews", 4, 3, 1)
    assert (products["kind"], products["accepted"]) == ("products", 2)
    (reject,) = harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")
    assert reject["reason"] == "date: required value missing"  # the one review Datafiniti published undated
    catalogue = {r["asin"]: (r["title"], r["brand"], r["category"]) for r in harness.rows(
        "SELECT asin, title, brand, category FROM products WHERE tenant_id = 'acme'")}
    assert catalogue["B00IOY8XWQ"][0].startswith("Kindle Voyage E-reader") and catalogue["B00IOY8XWQ"][1:] == (
        "Amazon", "Kindle E-readers")
    # the same export again: review ids come from the content, so nothing is stored twice
    again = _cli_ingest(DATAFINITI, capsys)
    assert again["joined"][0]["duplicates"] == 3 and harness.count("reviews") == 3
    worst = _ask("Which products have the worst reviews?", capsys)
    assert worst.index("Kindle Voyage") < worst.index("Fire HD 8") and "2.00 out of 5" in worst
    records = IngestionRecords(harness.deps.documents, "acme")
    assert records.get(doc["ingestion_id"])["note"].startswith("Datafiniti product reviews")  # type: ignore[index]


def test_womens_clothing_reviews_are_stored_undated_and_answered(harness: Harness,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The Kaggle set has no review dates: its reviews are stored undated, counted in every all-time answer, and a
    period or trend says that no review can be placed in time (figures checked against pandas on the file)."""
    published = pd.read_csv(PUBLIC / WOMENS_CLOTHING, index_col=0)
    reviews = published[published["Clothing ID"].notna()]  # the row without a garment is refused, with its reason
    doc = _cli_ingest(WOMENS_CLOTHING, capsys)
    assert (doc["kind"], doc["rows_read"], doc["accepted"], doc["rejected"]) == (
        "reviews", len(published), len(reviews), len(published) - len(reviews))
    assert "stored undated" in doc["note"]
    (reject,) = harness.rows("SELECT reason FROM rejects WHERE tenant_id = 'acme'")
    assert reject["reason"] == "Clothing ID: missing (the file's rows are joined by it)"
    stored, products = doc["joined"]
    assert (stored["kind"], stored["accepted"], stored["rejected"]) == ("reviews", len(reviews), 0)
    assert (products["kind"], products["accepted"]) == ("products", reviews["Clothing ID"].nunique())
    rows = harness.rows("SELECT review_id, sku, date, rating, title FROM reviews WHERE tenant_id = 'acme'")
    assert len(rows) == len(reviews) and all(r["date"] is None or pd.isna(r["date"]) for r in rows)
    assert {r["review_id"] for r in rows} == {f"clothing-{i}" for i in reviews.index}  # the published row index
    garments = {r["sku"]: (r["title"], r["category"]) for r in harness.rows(
        "SELECT sku, title, category FROM products WHERE tenant_id = 'acme'")}
    assert garments["1077"] == ("Dresses 1077", "Dresses") and garments["862"] == ("Knits 862", "Tops")
    # the same file again: each review's id is its row index, not the upload's time, so nothing is stored twice
    again = _cli_ingest(WOMENS_CLOTHING, capsys)
    assert again["joined"][0]["duplicates"] == len(reviews) and harness.count("reviews") == len(reviews)

    mean = reviews["Rating"].mean()
    assert _ask("How many reviews do we have?", capsys) == f"Reviews across your data were {len(reviews)}."
    assert f"{mean:.2f} out of 5" in _ask("What is our average rating?", capsys)
    by_department = reviews.groupby("Department Name")["Rating"].mean().sort_values()
    lowest = _ask("Which department has the lowest rating?", capsys)
    assert lowest.startswith(f"{by_department.index[0]} had the lowest average rating")
    assert f"{by_department.iloc[0]:.2f} out of 5" in lowest
    negative = int((reviews["Rating"] <= 2).sum())
    assert _ask("How many negative reviews do we have?", capsys).startswith(
        f"{negative} of {len(reviews)} reviews across your data were negative")
    complaints = _ask("What do customers complain about?", capsys)
    assert f"({len(reviews)} reviews, all undated)" in complaints
    falling = _ask("Is our rating falling?", capsys)
    assert falling.startswith(f"All {len(reviews)} reviews are undated, so no change over time can be measured; "
                              f"overall, average rating across your data was {mean:.2f} out of 5")
    last_month = _ask("What was our average rating last month?", capsys)
    assert last_month.startswith(f"All {len(reviews)} reviews are undated, so none can be placed in")
    assert f"{mean:.2f} out of 5" in last_month


def test_a_question_reads_an_even_sample_of_very_many_undated_reviews_and_says_so(
        harness: Harness, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """23,486 undated review texts do not fit a question's 8 s: beyond the cap an even sample is read (here the cap
    is 10 of the fixture's 24), the answer says how many of how many, and the exact mean of all of them."""
    monkeypatch.setattr("shared.sentiment.agent.QUESTION_UNDATED_ROWS", 10)
    published = pd.read_csv(PUBLIC / WOMENS_CLOTHING, index_col=0)
    reviews = published[published["Clothing ID"].notna()]
    _cli_ingest(WOMENS_CLOTHING, capsys)
    assert main(["ask", "What is the sentiment overview?", "--tenant", "acme", "--json", "--no-cache"]) == 0
    answer = Report.model_validate(json.loads(capsys.readouterr().out)).answer
    assert answer.startswith("8 reviews of ")  # every 3rd of the 24 by review id
    assert (f"Read from an even sample of 8 of the 24 undated reviews, to answer within a question's time; all 24 "
            f"reviews average {reviews['Rating'].mean():.2f} stars.") in answer


def test_a_review_file_without_a_date_column_is_stored_undated_and_a_bad_date_is_still_refused(
        harness: Harness, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Only a file with no date column at all gives undated reviews: one that has the column must fill it."""
    undated = tmp_path / "survey.csv"
    undated.write_text("sku,stars,review\nA-1,5,Lovely\nA-1,2,Too small\nB-2,4,Good value\n")
    doc = _cli_ingest_path(undated, capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("reviews", 3, 0)
    assert harness.rows("SELECT COUNT(*) AS n FROM reviews WHERE tenant_id = 'acme' AND date IS NULL")[0]["n"] == 3
    assert _cli_ingest_path(undated, capsys)["duplicates"] == 3  # ids come from the content, never the upload time
    dated = tmp_path / "dated.csv"
    dated.write_text("sku,date,stars,review\nC-3,2024-05-01,5,Fine\nC-3,,4,No date given\nC-3,yesterday,1,Bad\n")
    doc = _cli_ingest_path(dated, capsys)
    assert (doc["accepted"], doc["rejected"]) == (1, 2)
    reasons = sorted(r["reason"] for r in harness.rows(
        "SELECT reason FROM rejects WHERE tenant_id = 'acme' AND ingestion_id = @i", i=doc["ingestion_id"]))
    assert reasons == ["date: not a valid date (got 'yesterday')", "date: required value missing"]
    assert harness.count("reviews") == 4


def test_an_export_without_a_currency_is_answered_without_pretending_to_know_one(
        harness: Harness, capsys: pytest.CaptureFixture[str]) -> None:
    """UCI Online Retail is in pounds, but its file never says so: the answer names no currency (Olist's BRL and
    the Sale Report's INR come from the data: the dataset's marketplace, a currency column)."""
    _cli_ingest("online_retail.csv", capsys)
    december = _ask("What did we make in December 2010?", capsys)
    assert "66.09" in december  # 6 x 2.55 + 6 x 3.39 + 6 x 1.85 + 3 x 6.45; the two cancellations are returns
    assert not re.search(r"[$£€₹]|\b(?:GBP|USD|EUR)\b", december)


def test_international_sale_report_lands_by_customer(harness: Harness, capsys: pytest.CaptureFixture[str]) -> None:
    """The Sale Report download's wholesale file: PCS written as 1.00 are whole units, 1.50 is refused."""
    doc = _cli_ingest("international_sale_report.csv", capsys)
    assert (doc["rows_read"], doc["accepted"], doc["rejected"]) == (4, 3, 1)
    (reject,) = harness.rows("SELECT reason, raw FROM rejects WHERE tenant_id = 'acme'")
    assert reject["reason"] == "PCS: not a whole number (got '1.50')" and "MULBERRIES" not in reject["raw"]
    june = _ask("What did we make in June 2021?", capsys)
    assert "2,530.00" in june and not re.search(r"[$£€₹]|\b(?:INR|USD)\b", june)  # 617 + 617 + 1,296, no currency
    assert "were 2" in _ask("How many customers did we have in June 2021?", capsys)


def test_amazon_fine_food_reviews_land(harness: Harness, capsys: pytest.CaptureFixture[str]) -> None:
    """SNAP's Amazon Fine Food Reviews: ``Id``, ``ProductId``, ``Score``, ``Time`` (Unix seconds), ``Summary``."""
    doc = _cli_ingest("amazon_fine_food_reviews.csv", capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("reviews", 3, 0)
    rows = harness.rows("SELECT review_id, sku, date, rating, author FROM reviews WHERE tenant_id = 'acme' "
                        "ORDER BY review_id")
    assert [(r["review_id"], r["sku"], str(r["date"])[:10], r["rating"]) for r in rows] == [
        ("1", "B001E4KFG0", "2011-04-27", 5), ("2", "B00813GRG4", "2012-09-07", 1),
        ("3", "B001E4KFG0", "2012-10-21", 4)]
    worst = _ask("Which products have the worst reviews?", capsys)
    assert worst.index("B00813GRG4") < worst.index("B001E4KFG0") and "1.00 out of 5" in worst


def test_amazon_customer_reviews_tsv_lands_with_its_products(harness: Harness,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The Amazon Customer Reviews Dataset's TSV: review ids kept, product titles become the catalogue."""
    doc = _cli_ingest("amazon_reviews_us.tsv", capsys)
    assert (doc["rows_read"], doc["accepted"]) == (3, 3) and doc["note"].startswith("Amazon Customer Reviews")
    reviews, products = doc["joined"]
    assert (reviews["accepted"], products["accepted"]) == (3, 2)
    ids = {r["review_id"]: (r["rating"], r["verified"], r["channel"]) for r in harness.rows(
        "SELECT review_id, rating, verified, channel FROM reviews WHERE tenant_id = 'acme'")}
    assert ids == {"RDIJS7QYB6XNR": (5, True, "US"), "R36ED1U38IELG8": (2, True, "US"),
                   "R2GU1ON2B5HYN3": (4, False, "US")}
    titles = {r["sku"]: (r["title"], r["category"]) for r in harness.rows(
        "SELECT sku, title, category FROM products WHERE tenant_id = 'acme'")}
    assert titles == {"B00EDBY7X8": ("Monopoly Junior Board Game", "Toys"), "B00D7JFOPC": ("Twister", "Toys")}
    worst = _ask("Which products have the worst reviews?", capsys)
    assert worst.index("Twister") < worst.index("Monopoly") and "3.00 out of 5" in worst
