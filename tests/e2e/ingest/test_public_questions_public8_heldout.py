"""public8's held-out sets: written after its fixes and measured before any change made for them.

Kaggle's "Global Superstore" (latin-1, dd-mm-yyyy, Market and Shipping Cost), the "Retail Transactions Dataset"
(prasad22: one row per basket, its products a Python list) and a Trustpilot Business review export, generated in their
published shapes (``public8_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant asks of them.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest.test_public_questions import (
    Ask,
    Dataset,
    _discounted,
    _last_whole_month,
    _mom_pct,
    _month,
    _top,
    _weekday,
    _year,
    ask_and_check,
    dataset_cases,
)
from tests.e2e.ingest.test_public_questions_more import check
from tests.e2e.sentiment.test_public_review_questions import ReviewAsk, check_review_answer
from tests.fixtures.public import public8_shapes


def _read(files: dict[str, str]) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(next(iter(files.values()))), dtype=str, keep_default_na=False)


def _aov(frame: pd.DataFrame) -> float:
    return round(frame["value"].sum() / frame["order"].nunique(), 2)


# Global Superstore: as Superstore (Sales after its Discount rate), dates dd-mm-yyyy.
def _global(files: dict[str, str]) -> pd.DataFrame:
    raw = _read(files)
    frame = pd.DataFrame({"order": raw["Order ID"], "product": raw["Product Name"], "category": raw["Category"],
                          "country": raw["Country"], "customer": raw["Customer ID"],
                          "qty": raw["Quantity"].astype(int), "net": raw["Sales"].astype(float),
                          "profit": raw["Profit"].astype(float), "rate": raw["Discount"].astype(float),
                          "day": pd.to_datetime(raw["Order Date"], format="%d-%m-%Y")})
    return _discounted(frame)


GLOBAL_ASKS = [
    Ask("What were sales in 2014?", lambda f: round(_year(f, 2014)["value"].sum(), 2)),
    Ask("What was revenue in March 2014?", lambda f: round(_month(f, "2014-03")["value"].sum(), 2)),
    Ask("How many orders did we have in 2013?", lambda f: _year(f, 2013)["order"].nunique()),
    Ask("How many units did we sell in 2014?", lambda f: int(_year(f, 2014)["qty"].sum())),
    Ask("Which category had the most sales?", lambda f: _top(f, "category")),
    Ask("Which country had the most revenue?", lambda f: _top(f, "country")),
    Ask("What was our profit in 2014?", lambda f: round(_year(f, 2014)["profit"].sum(), 2)),
    Ask("What is our average order value?", _aov),
    Ask("What were sales last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
]


# Retail Transactions: a row a basket, Total_Cost its value and Total_Items its units; the products are a list (no
# product's own value).
def _baskets(files: dict[str, str]) -> pd.DataFrame:
    raw = _read(files)
    return pd.DataFrame({"order": raw["Transaction_ID"], "city": raw["City"], "qty": raw["Total_Items"].astype(int),
                         "value": raw["Total_Cost"].astype(float),
                         "day": pd.to_datetime(raw["Date"], format="%Y-%m-%d %H:%M:%S")})


BASKET_ASKS = [
    Ask("What was revenue in June 2023?", lambda f: round(_month(f, "2023-06")["value"].sum(), 2)),
    Ask("How many orders did we have in July 2023?", lambda f: _month(f, "2023-07")["order"].nunique()),
    Ask("How many units did we sell in August 2023?", lambda f: int(_month(f, "2023-08")["qty"].sum())),
    Ask("What is our average order value?", _aov),
    Ask("Which city had the most revenue?", lambda f: _top(f, "city")),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
]


def _trustpilot(files: dict[str, str]) -> pd.DataFrame:
    raw = _read(files)
    return pd.DataFrame({"rating": raw["Review Stars"].astype(float),
                         "day": pd.to_datetime(raw["Review Created (UTC)"], format="%Y-%m-%d %H:%M:%S")})


DATASETS: dict[str, Dataset] = {
    "global_superstore": Dataset("global_superstore", lambda: public8_shapes.global_superstore(500, seed=91), _global,
                                 GLOBAL_ASKS, encoding="latin-1"),
    "retail_transactions": Dataset("retail_transactions", lambda: public8_shapes.retail_transactions(600, seed=92),
                                   _baskets, BASKET_ASKS),
    "trustpilot": Dataset("trustpilot", lambda: public8_shapes.trustpilot_reviews(500, seed=93), _trustpilot, []),
}
TRUSTPILOT_ASKS = [
    ReviewAsk("What is our average rating?", "", lambda f: round(float(f["rating"].mean()), 2)),
    ReviewAsk("What share of reviews are negative?", "negative",
              lambda f: round(100 * float((f["rating"] <= 2).mean()), 1), percent=True),
    ReviewAsk("How many 1 star reviews did we get?", "rated 1 star", lambda f: int((f["rating"] == 1).sum()),
              after=" were"),
    ReviewAsk("How many 5 star reviews did we get?", "rated 5 stars", lambda f: int((f["rating"] == 5).sum()),
              after=" were"),
    ReviewAsk("What was the average rating in March 2024?", "",
              lambda f: round(float(f[f["day"].dt.to_period("M") == pd.Period("2024-03")]["rating"].mean()), 2)),
    ReviewAsk("What do customers complain about?", "deliver"),
]
#: Measured before any change made for them: 1 of 3 files stored as it means (Retail Transactions refused: kind
#: unknown; Trustpilot's 500 reviews stored without their stars and dates), 10 of 23 questions right. After the
#: fixes (a review export's ``Review`` prefix and a ``(UTC)`` suffix read through; the baskets' profile): 22 of 23.
#: Answered wrong today (each is fixed at its cause, then taken off). "Which city had the most revenue?" was (sales had
#: no city): the baskets' City is stored as the line's region since, and a city word reads regions that are cities.
WRONG_TODAY: frozenset[str] = frozenset()
CASES = dataset_cases(DATASETS, WRONG_TODAY)


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_held_out_dataset(dataset: str, ask: Ask, homes: dict[str, tuple[Path, pd.DataFrame]],
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ask_and_check(DATASETS, homes, dataset, ask, check, monkeypatch, capsys)


@pytest.mark.parametrize("ask", TRUSTPILOT_ASKS, ids=str)
def test_review_question_of_a_trustpilot_export(ask: ReviewAsk, homes: dict[str, tuple[Path, pd.DataFrame]],
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    home, frame = homes["trustpilot"]
    check_review_answer(home, frame, ask, monkeypatch, capsys)
