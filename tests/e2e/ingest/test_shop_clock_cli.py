"""The shop's clock end to end: ``ecomintel ingest`` of a UTC export, the tenant's zone saved, ``ecomintel ask``.

The offset is stored once on each line; the zone is read at question time, so uploading the file again or changing
the zone later never adds a row or counts a sale twice, and the answer says which clock its hours are on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.deps import get_deps, reset_deps
from shared.store.documents.settings import SettingsDoc, write_settings
from tests.e2e.ingest.cli_helpers import ask_cli, ingest_one, stored_row

#: A bakery's web orders stamped in UTC: 06:15Z and 06:40Z are 07:xx in Paris in winter, 08:xx in summer (after 31
#: March 2024); 13:05Z is 08:05 in New York (EST) and 09:05 after 10 March (EDT); one line has no order id and is sold
#: twice (a line id of its own, which the offset must not change).
ORDERS = """order_id,created_at,product,quantity,unit_price
#1,2024-03-08T06:15:00Z,CROISSANT,2,1.40
#2,2024-03-08T06:40:00Z,CROISSANT,1,1.40
#3,2024-04-02T06:15:00Z,CROISSANT,3,1.40
#4,2024-03-08T13:05:00Z,BAGUETTE,1,1.20
#5,2024-03-12T13:05:00Z,BAGUETTE,1,1.20
,2024-03-12T15:30:00Z,COOKIE BOX,1,7.90
,2024-03-12T15:30:00Z,COOKIE BOX,1,7.90
"""

_TOTALS = (
    "SELECT COUNT(*) AS n, SUM(revenue) AS revenue, COUNT(utc_offset) AS stamped, "
    "COUNT(DISTINCT order_id) AS orders FROM sales WHERE tenant_id = @t"
)


def _save_zone(home: Path, zone: str) -> None:
    """The tenant's zone saved as ``PUT /v1/settings`` saves it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(home))
        reset_deps()
        write_settings(
            get_deps().documents,
            "acme",
            SettingsDoc.TENANT,
            {"currency": "EUR", "timezone": zone, "llm_monthly_budget_usd": 50.0},
        )
    reset_deps()


def test_a_utc_export_answers_on_the_shops_clock_and_stays_one_set_of_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("ECOMINTEL_HOME", str(home))
    first = ingest_one(tmp_path, "orders_export.csv", ORDERS, capsys)
    assert first["accepted"] == 7
    stored = stored_row(home, _TOTALS)
    assert stored["n"] == 7 and stored["stamped"] == 7

    unset = ask_cli(home, "Which hour sells the most croissants?", monkeypatch, capsys)
    assert unset.startswith("Your busiest hour for units sold for CROISSANT is 06:00-07:00: 6 units"), unset
    assert "Hours are as your export stamped them, in UTC: set your shop's time zone" in unset

    _save_zone(home, "Europe/Paris")
    paris = ask_cli(home, "Which hour sells the most croissants?", monkeypatch, capsys)
    # 8 March: 07:15 and 07:40 CET (3 units); 2 April: 08:15 CEST (3 units): a tie, the earlier hour first
    assert paris.startswith("Your busiest hour for units sold for CROISSANT is 07:00-08:00: 3 units"), paris
    assert "Hours are in your shop's time zone, Europe/Paris; your export's times were in UTC." in paris

    _save_zone(home, "America/New_York")
    new_york = ask_cli(home, "What's our busiest hour?", monkeypatch, capsys)
    assert new_york.startswith("Your busiest hour is "), new_york
    assert "America/New_York" in new_york
    baguettes = ask_cli(home, "Which hour sells the most baguettes?", monkeypatch, capsys)
    assert baguettes.startswith("Your busiest hour for units sold for BAGUETTE is 08:00-09:00: 1 unit"), baguettes
    unknown = ask_cli(home, "Which hour sells the most muffins?", monkeypatch, capsys)
    assert unknown.startswith('No product, category, brand, channel or competitor in your data is called "muffins"')

    again = ingest_one(tmp_path, "orders_export.csv", ORDERS, capsys)  # the same file, after the zone changed
    assert again["accepted"] + again["duplicates"] == 7
    assert stored_row(home, _TOTALS) == stored  # no new row, no sale counted twice, the same line ids
