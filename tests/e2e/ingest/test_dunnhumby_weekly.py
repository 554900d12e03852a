"""dunnhumby's "Breakfast at the Frat" (weekly store x UPC sales) and "Carbo-Loading", as published.

Generated in their published shapes (``tests/fixtures/public/dunnhumby_shapes.py``) and ingested with the CLI:
the Frat's weekly rows land row for row (the week's end is the date, the store the channel, SPEND revenue, the
regular price's difference the discount, feature/display/price cut the promotion) and answer a merchant's
questions against pandas truths; Carbo-Loading's receipts (day numbers, no dates) are acknowledged with why, its
product lookup is a catalogue. Every file was refused before ("cannot tell the kind of data from the header").
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from shared.cli.main import main
from shared.orchestration.report import Report
from tests.e2e.ingest.cli_helpers import ask_cli, ingest_files, ingest_one
from tests.e2e.ingest.complete_journey_asks import Refusal, check_refusal
from tests.e2e.ingest.conftest import Harness
from tests.e2e.ingest.test_public_questions import Ask, _check, _last_whole_month, _month, _top, _year
from tests.fixtures.public import dunnhumby_shapes


def frat_frame(files: dict[str, str]) -> pd.DataFrame:
    """The weekly rows as the answers read them: revenue SPEND, discount from the regular price, promo flags."""
    raw = pd.read_csv(io.StringIO(files["transactions.csv"]), dtype={"UPC": str, "STORE_NUM": str})
    products = pd.read_csv(io.StringIO(files["products.csv"]), dtype={"UPC": str})
    off = ((raw["BASE_PRICE"] - raw["PRICE"]) * raw["UNITS"]).clip(lower=0).round(2)
    promo = (raw[["FEATURE", "DISPLAY", "TPR_ONLY"]] > 0).any(axis=1)
    return pd.DataFrame({"sku": raw["UPC"], "store": "store " + raw["STORE_NUM"], "qty": raw["UNITS"],
                         "value": raw["SPEND"], "price": raw["PRICE"], "off": off, "promo": promo,
                         "category": raw["UPC"].map(products.set_index("UPC")["CATEGORY"]),
                         "day": pd.to_datetime(raw["WEEK_END_DATE"], format="%Y-%m-%d")})


FRAT_ASKS: list[Ask | Refusal] = [
    Ask("What was revenue in March 2009?", lambda f: round(_month(f, "2009-03")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How many units did we sell in 2009?", lambda f: int(_year(f, 2009)["qty"].sum())),
    Ask("Which product made the most revenue?", lambda f: _top(f, "sku")),
    Ask("Which category had the most revenue?", lambda f: _top(f, "category")),
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("How much did we give away in discounts in 2009?", lambda f: round(_year(f, 2009)["off"].sum(), 2)),
    Ask("What share of revenue was on promotion?",
        lambda f: round(100 * f.loc[f["promo"] | (f["off"] > 0), "value"].sum() / f["value"].sum(), 1), percent=True),
    Refusal("How many customers did we have in 2009?", r"needs a customer id"),
    # weekly rows per store and product are totals, not orders: they were counted as orders, one per row
    Refusal("What is our average order value?",
            r"^Your sales data are totals per week \(each line is a store's sales of a product over a week\), not "
            r"orders, so average order value cannot be worked out"),
    Refusal("How many orders did we have by store in 2009?", r"^Your sales data are totals per week\b.*not orders, "
            r"so orders cannot be counted"),
]


def test_frat_weeks_land_row_for_row(harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = dunnhumby_shapes.breakfast_at_the_frat(20, stores=4, seed=5)
    raw = pd.read_csv(io.StringIO(files["transactions.csv"]), dtype={"UPC": str, "STORE_NUM": str})
    assert raw["PRICE"].isna().any()  # weeks without a shelf price, as published
    doc = ingest_one(tmp_path, "transactions.csv", files["transactions.csv"], capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"], doc["duplicates"]) == ("sales", len(raw), 0, 0)
    assert "dated by the week's end" in doc["note"]
    stored = pd.DataFrame(harness.rows(
        "SELECT sku, channel, CAST(date AS VARCHAR) AS day, units, revenue, unit_price, discount, discount_included, "
        "promo, order_id, customer_hash FROM sales WHERE tenant_id = 'acme'"))
    truth = frat_frame(files).assign(day=raw["WEEK_END_DATE"]).drop(columns=["promo"])  # promo: the next test
    joined = truth.merge(stored, left_on=["sku", "store", "day"], right_on=["sku", "channel", "day"], how="left",
                         validate="1:1")
    assert len(stored) == len(raw) and joined["units"].notna().all()
    assert (joined["qty"] == joined["units"]).all() and ((joined["value"] - joined["revenue"]).abs() < 0.005).all()
    priced = joined["price"].notna()
    assert ((joined.loc[priced, "price"] - joined.loc[priced, "unit_price"]).abs() < 0.005).all()
    unpriced = joined[~priced]  # no shelf price that week: the price is what was spent per unit, no discount known
    assert ((unpriced["unit_price"] - unpriced["value"] / unpriced["qty"]).abs() < 0.01).all()
    assert unpriced["discount"].isna().all()
    assert ((joined.loc[priced, "off"] - joined.loc[priced, "discount"]).abs() < 0.005).all()
    assert joined.loc[priced, "discount_included"].all()  # SPEND is what shoppers paid, after the cut
    assert joined["order_id"].isna().all() and joined["customer_hash"].isna().all()
    flags = {r["quality_flags"] for r in harness.rows("SELECT quality_flags FROM sales WHERE tenant_id = 'acme'")}
    assert all("sales:total_per_week" in (f or "") for f in flags), flags  # weekly totals: no orders in them
    products = ingest_one(tmp_path, "products.csv", files["products.csv"], capsys)
    assert (products["kind"], products["accepted"]) == ("products", files["products.csv"].count("\n") - 1)
    stores = ingest_one(tmp_path, "stores.csv", files["stores.csv"], capsys)
    assert (stores["accepted"], stores["skipped"]) == (0, files["stores.csv"].count("\n") - 1)
    assert "store lookup" in stores["note"]


def test_frat_promotions_are_flagged(harness: Harness, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = dunnhumby_shapes.breakfast_at_the_frat(8, stores=2, seed=6)
    frame = frat_frame(files)
    ingest_one(tmp_path, "transactions.csv", files["transactions.csv"], capsys)
    stored = {(r["sku"], r["channel"], r["day"]): r["promo"] for r in harness.rows(
        "SELECT sku, channel, CAST(date AS VARCHAR) AS day, promo FROM sales WHERE tenant_id = 'acme'")}
    truth = {(s, c, d.strftime("%Y-%m-%d")): bool(p) for s, c, d, p in
             zip(frame["sku"], frame["store"], frame["day"], frame["promo"], strict=True)}
    assert stored == truth and any(truth.values()) and not all(truth.values())


def test_carbo_loading_receipts_without_dates_are_acknowledged(harness: Harness, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    files = dunnhumby_shapes.carbo_loading(400, seed=7)
    doc = ingest_one(tmp_path, "transactions.csv", files["transactions.csv"], capsys)
    assert (doc["accepted"], doc["rejected"], doc["skipped"]) == (0, 0, 400)
    assert "day is a day number" in doc["note"] and "no start date is assumed" in doc["note"]
    capsys.readouterr()
    assert main(["ask", "What was revenue last month?", "--tenant", "acme", "--json", "--no-cache"]) == 0
    answer = Report.model_validate(json.loads(capsys.readouterr().out)).answer
    assert answer.startswith("No sales are stored: transactions.csv was received (400 rows, none stored), but day "
                             "is a day number (1-728)"), answer  # it said "none has been uploaded yet"
    lookup = pd.read_csv(io.StringIO(files["product_lookup.csv"]), dtype={"upc": str})
    doc = ingest_one(tmp_path, "product_lookup.csv", files["product_lookup.csv"], capsys)
    assert (doc["kind"], doc["accepted"], doc["rejected"]) == ("products", len(lookup), 0)
    stored = {r["sku"]: (r["title"], r["category"], r["brand"]) for r in harness.rows(
        "SELECT sku, title, category, brand FROM products WHERE tenant_id = 'acme'")}
    assert stored == {u: (t, c, b) for u, t, c, b in zip(lookup["upc"], lookup["product_description"],
                                                         lookup["commodity"], lookup["brand"], strict=True)}
    assert harness.count("sales") == 0


@pytest.fixture(scope="module")
def frat_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, pd.DataFrame]]:
    """Breakfast at the Frat (60 weeks, 6 stores) ingested once through the CLI."""
    files = dunnhumby_shapes.breakfast_at_the_frat(60, stores=6, seed=1)
    home = ingest_files(tmp_path_factory.mktemp("frat"),
                        {name: files[name] for name in ("products.csv", "transactions.csv", "stores.csv")})
    yield home, frat_frame(files)


@pytest.mark.parametrize("ask", FRAT_ASKS, ids=str)
def test_question_of_breakfast_at_the_frat(ask: Ask | Refusal, frat_home: tuple[Path, pd.DataFrame],
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    home, frame = frat_home
    answer = ask_cli(home, ask.question, monkeypatch, capsys)
    if isinstance(ask, Refusal):
        check_refusal(ask, answer)
    else:
        _check(ask, answer, frame)


def test_orders_of_weekly_totals_are_not_counted(frat_home: tuple[Path, pd.DataFrame],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """"How many orders did we have last month?" answered the number of weekly rows; now what the rows are.

    The first sentence says the data are totals per week, not orders; the second gives the month's units and revenue.
    """
    home, frame = frat_home
    answer = ask_cli(home, "How many orders did we have last month?", monkeypatch, capsys)
    month = _last_whole_month(frame)
    assert answer.startswith("Your sales data are totals per week (each line is a store's sales of a product over a "
                             "week), not orders, so orders cannot be counted in "), answer
    assert f"they hold {int(month['qty'].sum()):,} units sold and {month['value'].sum():,.2f} of revenue." in answer
    assert f"{len(month):,}" not in answer.split(". ")[0]  # not the number of weekly rows
