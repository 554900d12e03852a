"""A rest-of-month forecast asked after the data's last day, through ``ecomintel ask --as-of``.

Before: asked on 13 Jun with sales to 10 Jun, the forecast's horizon was counted from the as-of date (17 days) but
started the day after the data's end, so it stopped on 27 Jun: the month was three days short.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.sample.merchant import generate_merchant, write_merchant

TENANT = "gap"
DATA_END = date(2026, 6, 10)
AS_OF = date(2026, 6, 13)


@pytest.mark.slow
def test_the_rest_of_the_month_is_forecast_from_the_day_after_the_data_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deps = get_deps()
    merchant = generate_merchant(seed=7, n_skus=8, end=DATA_END, days=200)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        assert ingest_path(deps, sample.path, TENANT, sample.kind.value).status == "processed"
    capsys.readouterr()
    question = "how much revenue will we make in June?"
    assert main(["ask", question, "--tenant", TENANT, "--as-of", AS_OF.isoformat(), "--no-cache", "--json"]) == 0
    answer = str(json.loads(capsys.readouterr().out)["answer"])
    assert "2026-06-11 to 2026-06-30" in answer, answer  # before: to 2026-06-27
    assert "With $" in answer and " taken 1-10 Jun, June 2026 comes to about" in answer, answer
