"""Where each territory is, uploaded before or after the sales that name it, gives the same answers.

Maven's AdventureWorks names each sale's territory by ``TerritoryKey``; ``AdventureWorks_Territories.csv`` says where
each is. A merchant uploads the files in any order: before, sales uploaded ahead of the territories kept no place, so
"which country had the most revenue" could not be answered. Now such a line keeps its territory as its region's label
(``territory 10``) and the territories restate it (``shared.ingest.places.restate_places``); a second upload of the
territories changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.cli_helpers import ask_cli, ingest_recorded
from tests.e2e.ingest.conftest import Harness
from tests.e2e.ingest.test_public_questions_more import check
from tests.e2e.ingest.test_public_questions_public9 import AW_ASKS, _adventureworks
from tests.fixtures.public import public6_shapes

TERRITORIES = "AdventureWorks_Territories.csv"
ASKS = [*AW_ASKS, pq.Ask("Which region had the most revenue?", lambda f: pq._top(f, "region"))]


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, pd.DataFrame]]:
    """The dataset with its territories first, and with them last (then uploaded again)."""
    files = public6_shapes.adventureworks(300, seed=23)
    first = {TERRITORIES: files[TERRITORIES], **{n: t for n, t in files.items() if n != TERRITORIES}}
    last = {**{n: t for n, t in files.items() if n != TERRITORIES}, TERRITORIES: files[TERRITORIES],
            "AdventureWorks_Territories_again.csv": files[TERRITORIES]}
    frame = _adventureworks(files)
    return {order: (ingest_recorded(tmp_path_factory.mktemp(order), given)[0], frame)
            for order, given in (("first", first), ("last", last))}


@pytest.mark.parametrize("ask", ASKS, ids=[a.question for a in ASKS])
def test_the_same_answer_whichever_file_came_first(ask: pq.Ask, homes: dict[str, tuple[Path, pd.DataFrame]],
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    answers = {}
    for order, (home, frame) in homes.items():
        answers[order] = ask_cli(home, ask.question, monkeypatch, capsys)
        check(ask, answers[order], frame)
    assert answers["first"] == answers["last"], answers
    assert "territory " not in answers["last"]  # no label left once the places are known


def test_sales_staged_before_the_places_and_processed_after_them_are_placed(harness: Harness) -> None:
    """Sales staged, then the territories ingested, then the sales processed: no line keeps a ``territory N`` label.

    Both files are uploaded before the bus is drained, so the sales are staged (labelled) and the territories stored
    before the sales are processed: the restatement of processed lines found none, and processing kept the labels.
    A second upload of the territories changes nothing.
    """
    files = public6_shapes.adventureworks(40, seed=29)
    sales = [n for n in files if n.startswith("AdventureWorks_Sales_")]
    for name in [*sales, TERRITORIES]:
        assert harness.upload(files[name].encode(), filename=name).status == 201
    harness.runtime.drain()
    frame = _adventureworks({n: files[n] for n in [*sales, TERRITORIES]})
    placed = "SELECT country, SUM(units) AS units, COUNT(*) AS n FROM sales WHERE tenant_id = 'acme' " \
             "GROUP BY country ORDER BY country"
    labelled = "SELECT COUNT(*) AS n FROM sales WHERE tenant_id = 'acme' AND region LIKE 'territory %'"
    assert harness.rows(labelled) == [{"n": 0}]
    first = harness.rows(placed)
    truth = frame.groupby("country")["qty"].sum()  # the products' prices are not uploaded here: units
    assert {r["country"]: r["units"] for r in first} == truth.to_dict(), first
    harness.ingest(files[TERRITORIES].encode(), filename="AdventureWorks_Territories_again.csv")
    assert harness.rows(placed) == first
