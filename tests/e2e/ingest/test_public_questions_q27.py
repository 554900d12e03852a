"""The twenty-seventh question round on public-shaped files: what an order is without ids, places of sale by their word.

Three files in their published shapes, ingested with ``ecomintel ingest`` and asked through the CLI: the Car Sales
Data (no sale id: a customer's day is an order), Kaggle's Vending Machine Sales (a ``Machine`` and its site's
``Location`` per line) and Kaggle's Supermarket sales (three ``Branch``es in three ``City``s). Each first sentence is
checked against a pandas truth over the raw file; the order questions also for the words naming what an order is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.cli_helpers import ask_cli
from tests.e2e.ingest.public_questions_harness import (  # noqa: F401 (a test: run over this module's sets)
    Ask,
    money_sum,
    question_test,
    read,
    sales_frame,
    test_every_file_is_stored_as_it_means,
)
from tests.fixtures.public import pubq17_heldout_shapes, pubq17_shapes, shapes


def _cars(files: dict[str, str]) -> pd.DataFrame:
    """A car a row, its own sale; the customer's name kept to key the house's proxy order (a customer's day)."""
    raw = read(files)
    return sales_frame(
        raw,
        {"customer": "Customer Name"},
        order=raw.index,
        qty=1,
        value=raw["Sale Price"].astype(float),
        day=pd.to_datetime(raw["Date"], format="%Y-%m-%d"),
    )


def _car_aov_each_car(f: pd.DataFrame) -> float:
    """Revenue per car sold: each row its own sale (the value per line the answer gives beside its proxy)."""
    return round(float(f["value"].sum()) / len(f), 2)


def _vending(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {"order": "Transaction", "location": "Location", "machine": "Machine"},
        qty=raw["RQty"].astype(int),
        value=raw["LineTotal"].astype(float),
        day=pd.to_datetime(raw["TransDate"], format="%A, %B %d, %Y"),
    )


def _supermarket(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    return sales_frame(
        raw,
        {"order": "Invoice ID", "branch": "Branch", "city": "City"},
        qty=raw["Quantity"].astype(int),
        value=raw["cogs"].astype(float),
        day=pd.to_datetime(raw["Date"], format="%m/%d/%Y"),
    )


CAR_ASKS = [Ask("What is our average order value?", _car_aov_each_car)]
VENDING_ASKS = [
    # a machine's name (``GuttenPlans x1367``) holds its site's, so "which location" ranks the machines
    Ask("Which machine had the most revenue?", lambda f: pq._top(f, "machine")),
    Ask("Which vending machine sold the most units?", lambda f: pq._top(f, "machine", "qty")),
    Ask("Which location had the most revenue?", lambda f: pq._top(f, "location")),
]
SUPERMARKET_ASKS = [
    Ask("Which branch had the most revenue?", lambda f: pq._top(f, "branch")),
    Ask("Which city sold the most units?", lambda f: pq._top(f, "city", "qty")),
    Ask(
        "How much revenue did branch C make in March 2019?",
        lambda f: money_sum(pq._month(f[f["branch"] == "C"], "2019-03")),
    ),
]

DATASETS: dict[str, pq.Dataset] = {
    "cars": pq.Dataset("cars", lambda: pubq17_shapes.car_sales(400, seed=272), _cars, CAR_ASKS),
    "vending": pq.Dataset(
        "vending", lambda: pubq17_heldout_shapes.vending_machine_sales(400, seed=273), _vending, VENDING_ASKS
    ),
    "supermarket": pq.Dataset(
        "supermarket",
        lambda: {"supermarket_sales.csv": shapes.supermarket_sales(600, seed=274)},
        _supermarket,
        SUPERMARKET_ASKS,
    ),
}
#: Answered wrong today: the Car Sales average order value, whose customer-day proxy merges two cars sold to one name
#: on one day into one order (the answer gives the per-line figure beside it). The vending figures were a few percent
#: short while two rows of one key in one file were one line; since each line is placed among its file's lines of one
#: key (docs/ingest.md, "An order's product on two rows") they are right.
WRONG_TODAY: frozenset[str] = frozenset({"cars: What is our average order value?"})
test_question_of_a_q27_dataset = question_test(DATASETS, WRONG_TODAY)


def test_an_average_order_value_without_order_ids_says_what_an_order_is(
    homes: dict[str, tuple[Path, pd.DataFrame]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the proxy's figure alone (two cars sold to one customer on one day were one order, unsaid)."""
    home, _ = homes["cars"]
    answer = ask_cli(home, "What is our average order value?", monkeypatch, capsys)
    first = pq._first_sentence(answer)
    assert "counting each customer's purchases on one day as one order, since the file has no order ids" in first
    answer = ask_cli(home, "How many orders did we have in March 2023?", monkeypatch, capsys)
    assert "one day as one order" in pq._first_sentence(answer)


@pytest.mark.parametrize(
    ("question", "by", "value"),
    [
        ("Which machine had the most revenue?", "machine", "value"),
        ("Which vending machine sold the most units?", "machine", "qty"),
    ],
)
def test_a_machine_is_ranked_by_its_name(
    homes: dict[str, tuple[Path, pd.DataFrame]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    question: str,
    by: str,
    value: str,
) -> None:
    """Before: "machine" was no dimension (the whole store's figure, or refused)."""
    home, frame = homes["vending"]
    name, _ = pq._top(frame, by, value)
    assert pq._first_sentence(ask_cli(home, question, monkeypatch, capsys)).startswith(str(name))


def test_orders_with_ids_say_no_proxy(
    homes: dict[str, tuple[Path, pd.DataFrame]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home, _ = homes["supermarket"]
    answer = ask_cli(home, "What is our average order value?", monkeypatch, capsys)
    assert "counting" not in answer, answer


def test_a_breakdown_by_branch_is_said_by_branch(
    homes: dict[str, tuple[Path, pd.DataFrame]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home, _ = homes["supermarket"]
    answer = ask_cli(home, "Revenue by branch in 2019", monkeypatch, capsys)
    assert " by branch: " in answer and " by channel" not in answer, answer
