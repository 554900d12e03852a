"""``ecomintel ingest FILE --currency GBP``: the upload's stated currency on every path the CLI uses.

In process (the embedded runtime's ``POST /v1/uploads``), through a signed URL (a file over the runtime's request
limit: the real gateway serves the signed ``PUT``), inside a ``.zip`` (each CSV), and through a running
``ecomintel serve`` (a subprocess that holds the home). Rows that name no currency carry the stated one, flagged
``currency:from_upload``, and ``ecomintel ask`` answers in it; a code the API would refuse stops the CLI before
anything is stored.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
import requests

from shared.deps import get_deps, reset_deps
from tests.e2e.ingest.cli_helpers import cli_env, free_port, run_cli, signed_url_requests

REPO = Path(__file__).resolve().parents[3]
#: Sales lines with no currency column: September 2024 is "last month" for data as of 15 Oct 2024.
SALES = ("order_id,date,sku,units,unit_price\nO1,2024-09-03,A,2,10.00\nO2,2024-09-20,B,1,5.50\n"
         "O3,2024-10-02,A,1,10.00\nO4,2024-10-15,B,3,5.50\n")
PRICES = "sku,competitor,date,price,currency\nA,MegaMart,2024-10-01,9.50,\nB,MegaMart,2024-10-01,4.00,EUR\n"


def _stored(capsys: pytest.CaptureFixture[str], tenant: str, kind: str = "sales") -> list[tuple[str, Any, bool]]:
    """(sku, currency, flagged currency:from_upload) of the stored rows, through ``ecomintel export``."""
    code, out, _ = run_cli(capsys, "export", "--tenant", tenant, "--kind", kind, "--format", "json")
    assert code == 0
    return sorted((r["sku"], r["currency"], "currency:from_upload" in json.loads(r["quality_flags"] or "[]"))
                  for r in json.loads(out))


def test_ingest_with_a_currency_prices_the_rows_and_the_answer(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sales.csv"
    path.write_text(SALES)
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "gbshop", "--currency", "gbp", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["currency"] == "GBP" and summary["accepted"] == 4
    assert run_cli(capsys, "ingest", str(path), "--tenant", "plainshop")[0] == 0
    assert _stored(capsys, "gbshop") == [("A", "GBP", True), ("A", "GBP", True), ("B", "GBP", True),
                                         ("B", "GBP", True)]
    assert {c for _, c, _ in _stored(capsys, "plainshop")} == {None}
    code, answer, _ = run_cli(capsys, "ask", "what did we make last month?", "--tenant", "gbshop", "--no-cache")
    assert code == 0 and "£25.50" in answer.splitlines()[0], answer  # 2 x 10.00 + 5.50 in September, in pounds
    code, plain, _ = run_cli(capsys, "ask", "what did we make last month?", "--tenant", "plainshop", "--no-cache")
    assert code == 0 and "25.50" in plain and "£" not in plain  # the same rows without a stated currency


def test_the_human_summary_names_the_currency(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sales.csv"
    path.write_text(SALES)
    code, out, _ = run_cli(capsys, "ingest", str(path), "--tenant", "gbshop", "--currency", "GBP")
    assert code == 0 and "(currency GBP where the file names none)" in out.splitlines()[0]


@pytest.mark.parametrize("bad", ["EURO", "XYZ", "£", "gb"])
def test_a_code_that_is_not_iso_4217_exits_2_with_one_line_and_stores_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_env: Path, bad: str) -> None:
    path = tmp_path / "sales.csv"
    path.write_text(SALES)
    archive = tmp_path / "shop.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("sales.csv", SALES)
    for target in (path, archive):
        code, out, err = run_cli(capsys, "ingest", str(target), "--tenant", "gbshop", "--currency", bad)
        assert code == 2 and out == ""
        assert err.startswith("ecomintel: error: --currency: currency must be an ISO 4217 code") and \
            err.count("\n") == 1, err
    assert not isolated_env.exists()  # refused before the home was opened: no upload, no ingestion, no row


def test_each_csv_of_a_zip_carries_the_currency(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "shop.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("shop/sales.csv", SALES)
        z.writestr("shop/competitor_prices.csv", PRICES)
        z.writestr("shop/reviews.csv", "review_id,sku,date,stars,body\nr1,A,2024-10-01,5,Great\n")
    code, out, err = run_cli(capsys, "ingest", str(archive), "--tenant", "gbshop", "--currency", "GBP")
    assert code == 0, err
    priced = [line for line in out.splitlines() if "(currency GBP where the file names none)" in line]
    assert sorted(line.split(":")[1] for line in priced) == ["competitor_prices.csv", "sales.csv"]
    assert "reviews ingestion" in out  # reviews have no amounts: their summary names no currency
    assert {c for _, c, _ in _stored(capsys, "gbshop")} == {"GBP"}
    # a competitor price that names its own currency keeps it
    assert _stored(capsys, "gbshop", "competitor_prices") == [("A", "GBP", True), ("B", "EUR", False)]


def test_a_file_over_the_request_limit_states_the_currency_in_its_signed_url(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        served_gateway: str) -> None:

    path = tmp_path / "sales.csv"
    path.write_text(SALES)
    sent = signed_url_requests(monkeypatch)  # this file is "large": it goes by signed URL
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "gbshop", "--currency", "GBP", "--json")
    assert code == 0, err
    assert [s.get("currency") for s in sent] == ["GBP"]  # the signed path, not the direct one
    assert json.loads(out)["currency"] == "GBP"
    assert {c for _, c, _ in _stored(capsys, "gbshop")} == {"GBP"}


def test_through_a_running_serve_the_currency_reaches_the_server(tmp_path: Path, isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "serve", "--port", str(port)], cwd=REPO,
                             env=cli_env(isolated_env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # waiting for the port to open, not for timing
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except (requests.ConnectionError, requests.Timeout):  # a slow first answer is not a failure
                assert serve.poll() is None, "serve exited"
                threading.Event().wait(0.1)
        path = tmp_path / "sales.csv"
        path.write_text(SALES)
        res = subprocess.run([sys.executable, "-m", "shared.cli.main", "ingest", str(path), "--tenant", "gbshop",
                              "--currency", "GBP", "--json", "--wait", "1"], cwd=REPO, env=cli_env(isolated_env),
                             text=True, capture_output=True, timeout=300)
        assert res.returncode == 0, res.stderr[-2000:]
        assert "waiting for" not in res.stderr  # handed to the server (--wait 1 would have failed in line)
        assert json.loads(res.stdout)["currency"] == "GBP"
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    reset_deps()
    rows = get_deps().warehouse.query("SELECT currency, quality_flags FROM `sales` WHERE tenant_id = @t",
                                      {"t": "gbshop"})
    assert list(rows["currency"]) == ["GBP"] * 4
    assert all("currency:from_upload" in flags for flags in rows["quality_flags"])


def test_a_currency_in_the_money_columns_names_prices_the_rows(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``Unit Price (EUR)``: the name matched no alias and the currency was lost (the rows had none; public11). Now
    the name reads as ``Unit Price`` and the rows naming no currency carry EUR, flagged ``currency:from_header``; an
    upload's stated currency does not override what the file's own columns say."""
    path = tmp_path / "sales.csv"
    path.write_text(SALES.replace("unit_price", "Unit Price (EUR)"))
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "eushop", "--currency", "GBP", "--json")
    assert code == 0, err
    assert json.loads(out)["accepted"] == 4
    code, out, _ = run_cli(capsys, "export", "--tenant", "eushop", "--kind", "sales", "--format", "json")
    rows = json.loads(out)
    assert {(r["currency"], "currency:from_header" in json.loads(r["quality_flags"] or "[]")) for r in rows} == {
        ("EUR", True)}
    code, answer, _ = run_cli(capsys, "ask", "what did we make last month?", "--tenant", "eushop", "--no-cache")
    assert code == 0 and "€25.50" in answer.splitlines()[0], answer
