"""A product's milestone through ``ecomintel ask``: "N sales of the X" is a count of its units, "$N in sales" money.

Before: "when did we hit 325 sales of the <product>" made the measure revenue (the word "sales"), so the count's
day was not said; "when will the <product> pass $5,000 in sales" was not read as the product's at all.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.sample.merchant import generate_merchant, write_merchant

TENANT = "vases"
AS_OF = date(2026, 6, 30)


def _ask(question: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["ask", question, "--tenant", TENANT, "--as-of", AS_OF.isoformat(), "--no-cache", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)["answer"])


@pytest.mark.slow
def test_a_products_count_and_money_milestones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deps = get_deps()
    merchant = generate_merchant(seed=7, n_skus=12, end=AS_OF - timedelta(days=1), days=240)
    for sample in write_merchant(merchant, tmp_path / "sample"):
        assert ingest_path(deps, sample.path, TENANT, sample.kind.value).status == "processed"
    sales = deps.warehouse.query(
        "SELECT sku, date, SUM(units) AS units, SUM(revenue) AS revenue FROM sales WHERE tenant_id = @t "
        "AND date >= @start GROUP BY sku, date ORDER BY date",
        {"t": TENANT, "start": date(AS_OF.year, 1, 1)},
    )
    titles = merchant.products.drop_duplicates("sku").set_index("sku")["title"]
    unique = titles[~titles.duplicated(keep=False)]
    top = sales[sales["sku"].isin(unique.index)].groupby("sku")["units"].sum().sort_values(ascending=False)
    sku = str(top.index[0])
    own = sales[sales["sku"] == sku].sort_values("date")
    count = int(own["units"].sum() * 0.4)
    crossed = own[own["units"].cumsum() >= count]["date"].iloc[0]
    day = crossed if isinstance(crossed, date) else date.fromisoformat(str(crossed)[:10])

    answer = _ask(f"when did we hit {count:,} sales of the {str(unique[sku]).lower()}?", capsys)
    # a count of the product's units, the day its running sum reached it
    assert answer.startswith(f"Units sold of {sku} passed {count:,} units on {day.day} {day:%b %Y}"), answer

    so_far = float(own["revenue"].sum())
    goal = round(so_far * 1.05 / 10) * 10
    answer = _ask(f"when will the {str(unique[sku]).lower()} pass ${goal:,} in sales?", capsys)
    # the product's money: its revenue so far, then its own daily revenue forecast to the day it reaches the goal
    lead = re.match(rf"Revenue of {re.escape(sku)} (?:reaches|does not reach) \$([\d,]+\.\d\d)", answer)
    assert lead is not None and float(lead.group(1).replace(",", "")) == goal, answer
    assert f"${so_far:,.2f} so far" in answer and "the daily revenue forecast of " + sku in answer
