"""The harness every round of public questions shares: ingest a public export through the CLI, ask it what a merchant
asks and check each first sentence against a pandas truth over the raw file.

A round's module keeps only what is its own (its datasets' truth frames, their questions and what is answered wrong
today) and takes the rest from here:

    DATASETS = {"name": Dataset("name", files, truth_frame, ASKS)}
    WRONG_TODAY = frozenset({"name: question"})
    test_question_of_a_round_dataset = question_test(DATASETS, WRONG_TODAY)

The module-scoped ``homes`` / ``ingested`` fixtures (``conftest.py``) ingest the module's ``DATASETS`` once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.conftest import Ingested
from tests.e2e.ingest.test_public_questions_more import check
from tests.e2e.ingest.test_public_questions_public10 import aov, orders_in, read

__all__ = [
    "AOV",
    "BEST_MONTH",
    "LAST_MONTH",
    "MOM",
    "Ask",
    "Dataset",
    "aov",
    "money_sum",
    "orders_in",
    "question_test",
    "read",
    "revenue_in",
    "sales_frame",
    "test_every_file_is_stored_as_it_means",
    "top",
    "units_in_year",
]

Ask = pq.Ask
Dataset = pq.Dataset

#: The signature of a round's question test, as pytest calls it.
QuestionTest = Callable[
    [str, pq.Ask, dict[str, tuple[Path, pd.DataFrame]], pytest.MonkeyPatch, pytest.CaptureFixture[str]], None
]


def money_sum(frame: pd.DataFrame, column: str = "value") -> float:
    """A column's total, to the cent (how an answer states money)."""
    return round(float(frame[column].sum()), 2)


def revenue_in(period: str) -> pq.Ask:
    """ "What was revenue in March 2022?" for ``period`` ``2022-03``."""
    return Ask(f"What was revenue in {pd.Period(period):%B %Y}?", lambda f: money_sum(pq._month(f, period)))


def units_in_year(year: int) -> pq.Ask:
    return Ask(f"How many units did we sell in {year}?", lambda f: int(pq._year(f, year)["qty"].sum()))


def top(by: str, noun: str) -> pq.Ask:
    """ "Which {noun} had the most revenue?", ranked by the truth frame's ``by`` column."""
    return Ask(f"Which {noun} had the most revenue?", lambda f: pq._top(f, by))


LAST_MONTH = Ask("What did we make last month?", lambda f: money_sum(pq._last_whole_month(f)))
MOM = Ask("How did sales change month over month?", pq._mom_pct, percent=True)
BEST_MONTH = Ask("Which month had the most revenue?", pq._best_whole_month)
AOV = Ask("What is our average order value?", aov)


def sales_frame(
    raw: pd.DataFrame, columns: Mapping[str, str], *, qty: Any, value: Any, day: Any, **computed: Any
) -> pd.DataFrame:
    """The truth frame of a file whose every row is a sale: ``columns`` maps a truth column to the raw column it
    copies; ``qty``, ``value`` and ``day`` (and any ``computed`` column) are given; nothing is refunded."""
    return pd.DataFrame(
        {
            **{name: raw[source] for name, source in columns.items()},
            **computed,
            "qty": qty,
            "value": value,
            "refund": 0.0,
            "day": day,
        }
    )


def question_test(datasets: dict[str, pq.Dataset], wrong_today: frozenset[str]) -> QuestionTest:
    """The test asking each of ``datasets``' questions (those in ``wrong_today`` marked xfail, strict) of its
    ingested home; assign it to a ``test_...`` name in the round's module."""

    @pytest.mark.parametrize(("dataset", "ask"), pq.dataset_cases(datasets, wrong_today))
    def test(
        dataset: str,
        ask: pq.Ask,
        homes: dict[str, tuple[Path, pd.DataFrame]],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        pq.ask_and_check(datasets, homes, dataset, ask, check, monkeypatch, capsys)

    return test


def test_every_file_is_stored_as_it_means(ingested: Ingested) -> None:
    """Each file lands as sales, every row stored, skipped with a count or rejected with a reason."""
    for name, (_, _, docs) in ingested.items():
        for doc in docs.values():
            assert doc["kind"] == "sales", (name, doc)
            assert doc["accepted"] > 0, (name, doc)
            assert doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["skipped"] == doc["rows_read"], doc
