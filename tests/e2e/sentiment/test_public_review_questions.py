"""A merchant's review questions of public review datasets as published, through the real CLI, against pandas.

Women's E-Commerce Clothing Reviews has no dates: a trend is said to be impossible and figures are all-time.
Olist's reviews are Portuguese, most without a comment: what they say cannot be read by an English reader, so an
answer says so and gives what the stars say, never "no complaints". Shapes: ``tests/fixtures/public/review_shapes.py``
(and the Olist orders of ``shapes.py``); each truth is computed here from the same CSV text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest.cli_helpers import ask_cli, ingest_files
from tests.e2e.ingest.test_public_questions import _first_sentence, first_number
from tests.fixtures.public import review_shapes, shapes


@dataclass(frozen=True)
class ReviewAsk:
    """A question, words its first sentence must hold, and the number that follows ``after`` (or comes first)."""

    question: str
    says: str
    truth: Callable[[pd.DataFrame], float] | None = None
    after: str = ""
    percent: bool = False

    def __str__(self) -> str:
        return self.question


def _womens(files: dict[str, str]) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(files["womens_clothing_reviews.csv"]), index_col=0)


def _mentions(frame: pd.DataFrame, table: dict[str, tuple[str, ...]], aspect: str) -> int:
    return int(frame["Review Text"].map(lambda t: any(s in t for s in table[aspect])).sum())


def _worst(frame: pd.DataFrame, by: str, rating: str) -> float:
    return round(float(frame.groupby(by)[rating].mean().min()), 2)


WOMENS_ASKS = [
    ReviewAsk("Which department has the worst reviews?", "trend", lambda f: _worst(f, "Department Name", "Rating"),
              after="trend"),
    ReviewAsk("Is sentiment improving?", "are undated, so no change over time can be measured", lambda f: len(f)),
    ReviewAsk("How many 5 star reviews?", "rated 5 stars", lambda f: int((f["Rating"] == 5).sum()), after=" were"),
    ReviewAsk("What share of reviews are negative?", "negative", lambda f: round(100 * (f["Rating"] <= 2).mean(), 1),
              percent=True),
    ReviewAsk("Does the sizing run small?", "complain about size/fit",
              lambda f: _mentions(f, review_shapes._BAD, "fit")),
    ReviewAsk("what do shoppers think of the dresses?", "reviews of", lambda f: int(
        (f["Department Name"] == "Dresses").sum())),
]


def _olist(files: dict[str, str]) -> pd.DataFrame:
    """One row per reviewed product of an order (the ingest's join), with the order's category in English."""
    reviews = pd.read_csv(io.StringIO(files["olist_order_reviews_dataset.csv"]))
    items = pd.read_csv(io.StringIO(files["olist_order_items_dataset.csv"]))[["order_id", "product_id"]]
    products = pd.read_csv(io.StringIO(files["olist_products_dataset.csv"]))
    names = pd.read_csv(io.StringIO(files["product_category_name_translation.csv"].lstrip("\ufeff")))
    joined = reviews.merge(items.drop_duplicates(), on="order_id").merge(
        products[["product_id", "product_category_name"]], on="product_id", how="left").merge(
        names, on="product_category_name", how="left")
    return joined.assign(day=pd.to_datetime(joined["review_creation_date"]))


def _last_year(frame: pd.DataFrame) -> pd.DataFrame:
    end = frame["day"].max()
    return frame[frame["day"] >= end - timedelta(days=365)]


OLIST_ASKS = [
    ReviewAsk("What do customers complain about?", "no complaint can be read",
              lambda f: int((_last_year(f)["review_score"] <= 2).sum()), after="by their stars,"),
    ReviewAsk("What are customers saying about delivery?", "cannot be read"),
    ReviewAsk("How many 1 star reviews did we get in 2018?", "rated 1 star",
              lambda f: int(((f["review_score"] == 1) & (f["day"].dt.year == 2018)).sum()), after=" were"),
    ReviewAsk("Which category has the worst reviews?", "", lambda f: _worst(
        f.dropna(subset=["product_category_name_english"]), "product_category_name_english", "review_score")),
]


def _olist_files() -> dict[str, str]:
    files = shapes.olist(1500, seed=5)
    order = ("product_category_name_translation.csv", "olist_products_dataset.csv", "olist_customers_dataset.csv",
             "olist_orders_dataset.csv", "olist_order_items_dataset.csv")
    return {**{n: files[n] for n in order},
            "olist_order_reviews_dataset.csv": review_shapes.olist_reviews(files["olist_orders_dataset.csv"], seed=5)}


DATASETS: dict[str, tuple[Callable[[], dict[str, str]], Callable[[dict[str, str]], pd.DataFrame], list[ReviewAsk]]] = {
    "womens_clothing": (lambda: {"womens_clothing_reviews.csv": review_shapes.womens_clothing(1500, seed=3)},
                        _womens, WOMENS_ASKS),
    "olist": (_olist_files, _olist, OLIST_ASKS),
}


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, pd.DataFrame]]]:
    """Each dataset ingested once through the CLI into its own embedded home."""
    made: dict[str, tuple[Path, pd.DataFrame]] = {}
    for name, (make, frame, _) in DATASETS.items():
        files = make()
        made[name] = (ingest_files(tmp_path_factory.mktemp(name), files), frame(files))
    yield made


@pytest.mark.parametrize(("dataset", "ask"), [pytest.param(name, ask, id=f"{name}: {ask.question}")
                                              for name, (_, _, asks) in DATASETS.items() for ask in asks])
def test_review_question_of_a_public_dataset(dataset: str, ask: ReviewAsk,
                                             homes: dict[str, tuple[Path, pd.DataFrame]],
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    home, frame = homes[dataset]
    check_review_answer(home, frame, ask, monkeypatch, capsys)


def check_review_answer(home: Path, frame: pd.DataFrame, ask: ReviewAsk, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    """Ask ``ask`` of the home through the CLI; its first sentence holds ``says`` and the truth's number."""
    answer = ask_cli(home, ask.question, monkeypatch, capsys)
    sentence = _first_sentence(answer)
    assert ask.says in sentence.lower(), sentence
    if ask.truth is not None:
        rest = sentence[sentence.lower().index(ask.after) + len(ask.after):] if ask.after else sentence
        got = first_number(rest, percent=ask.percent)
        assert abs(got - float(ask.truth(frame))) <= (0.051 if ask.percent else 0.006), (sentence, ask.truth(frame))
