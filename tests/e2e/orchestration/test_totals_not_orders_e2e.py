"""Over ``POST /v1/query``: orders asked of weekly totals, and sales asked when the only sales file was undated.

dunnhumby's Breakfast at the Frat (weekly store x UPC rows) and Carbo-Loading's receipts (day numbers, no dates),
generated in their published shapes and ingested with the CLI into the embedded backend, then asked through the
real query function, as a merchant's console asks. Before: "How many orders did we have last month?" answered
the number of weekly rows, and "What was revenue last month?" said no sales data had been uploaded.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from shared.cli.main import main
from tests.e2e.orchestration.conftest import Client
from tests.fixtures.public import dunnhumby_shapes


def _ingest(tmp_path: Path, tenant: str, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["ingest", str(path), "--tenant", tenant, "--json"]) == 0


def test_orders_of_weekly_totals_say_what_the_data_are(client: Client, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    files = dunnhumby_shapes.breakfast_at_the_frat(12, stores=3, seed=9)
    _ingest(tmp_path, "frat", "transactions.csv", files["transactions.csv"])
    raw = pd.read_csv(io.StringIO(files["transactions.csv"]))
    weeks = pd.to_datetime(raw["WEEK_END_DATE"])
    last = weeks.max()
    month = raw[(weeks.dt.year == last.year) & (weeks.dt.month == last.month)]
    res = client.query(f"How many orders did we have in {last:%B %Y}?", tenant="frat", as_of=last.date().isoformat())
    assert res.status == 200, res.body
    answer = res.json()["report"]["answer"]
    # a month whose data so far is its first day says so first ("April 2009 so far is 1 day (1 Apr 2009): ...")
    said = re.sub(r"^[A-Z][a-z]+ \d{4} so far is 1 day \([^)]*\): ", "", answer)
    assert said.lower().startswith("your sales data are totals per week (each line is a store's sales of a product "
                                   "over a week), not orders, so orders cannot be counted"), answer
    assert f"they hold {int(month['UNITS'].sum()):,} units sold and {month['SPEND'].sum():,.2f} of revenue" in answer
    # the seeded merchant's lines (order ids, and lines without one) still count as orders
    merchant = client.query("How many orders did we have last month?").json()["report"]["answer"]
    assert re.match(r"Orders in .+ were [\d,]+\.", merchant) and "totals" not in merchant, merchant
    capsys.readouterr()


def test_sales_asked_when_the_only_sales_file_had_no_dates(client: Client, tmp_path: Path) -> None:
    files = dunnhumby_shapes.carbo_loading(200, seed=4)
    _ingest(tmp_path, "carbo", "transactions.csv", files["transactions.csv"])
    _ingest(tmp_path, "carbo", "product_lookup.csv", files["product_lookup.csv"])
    res = client.query("What was revenue last month?", tenant="carbo", as_of=None)
    assert res.status == 200, res.body
    answer = res.json()["report"]["answer"]
    assert answer.startswith("No sales are stored: transactions.csv was received (200 rows, none stored), but day "
                             "is a day number (1-728) and week a week number, and no file of the download gives a "
                             "calendar date, so no sale can be placed in a day, month or year."), answer
    assert "none has been uploaded" not in answer


def test_sales_asked_when_reviews_are_dated_but_the_sales_file_was_not(client: Client, tmp_path: Path) -> None:
    """Reviews date the question, so the metric runs and finds no sales: it said "there was no revenue"."""
    files = dunnhumby_shapes.carbo_loading(150, seed=5)
    _ingest(tmp_path, "mixed", "transactions.csv", files["transactions.csv"])
    reviews = Path(__file__).parents[2] / "fixtures" / "public" / "amazon_reviews.csv"
    _ingest(tmp_path, "mixed", "reviews.csv", reviews.read_text(encoding="utf-8"))
    res = client.query("What was revenue last month?", tenant="mixed", as_of=None)
    assert res.status == 200, res.body
    answer = res.json()["report"]["answer"]
    assert answer.startswith("No sales are stored: transactions.csv was received (150 rows, none stored), but day "
                             "is a day number (1-728)"), answer
