"""Spreadsheet workbooks through every path a merchant uses, each sheet landing as its CSV would.

Workbooks are written at test time (``tests/fixtures/workbooks.py``) from the public shapes' CSV text with typed
cells, as the published files hold them: Online Retail II's two yearly sheets (plus a sheet no kind fits, as
Superstore's "People"), asked the same questions as its CSV with the same pandas truths
(``test_public_questions``); the upload API (kind read per sheet, impostors refused by their bytes, the size
limit); Superstore as an Excel 97-2003 ``.xls``; a file dropped straight into the bucket; the signed-URL path; and
a running ``ecomintel serve``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import requests

from shared.cli.main import main
from shared.deps import get_deps, reset_deps
from shared.events import StorageObjectEvent
from shared.orchestration.report import Report
from tests.e2e.ingest.cli_helpers import cli_env, free_port, run_cli, signed_url_requests
from tests.e2e.ingest.conftest import Harness
from tests.e2e.ingest.test_public_questions import Ask, _check, _month, _retail, _sold, _top
from tests.fixtures.public import shapes
from tests.fixtures.workbooks import write_workbook, write_xls

REPO = Path(__file__).resolve().parents[3]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISO = "%Y-%m-%d %H:%M:%S"
#: Online Retail II's published sheets split the lines by year; here the seeded lines split on 1 Jun 2010.
SPLIT = datetime(2010, 6, 1)
PEOPLE = "Person,Region\nAnna Andreadi,West\nChuck Magee,East\nKelly Williams,Central\n"
ASKS = [
    Ask("What was revenue in March 2010?", lambda f: round(_month(f, "2010-03")["value"].sum(), 2)),
    Ask("Which country had the most revenue?", lambda f: _top(_sold(f), "country")),
    Ask("How many units were returned?", lambda f: int(-f.loc[f["cancelled"], "qty"].sum())),
]


def retail_sheets(lines: int = 3000, seed: int = 2) -> tuple[str, dict[str, str]]:
    """Online Retail II's CSV text and the same lines as its two yearly sheets (CSV text each)."""
    text = shapes.online_retail(lines, seed=seed, second=True)
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    at = header.index("InvoiceDate")
    halves = ([r for r in body if datetime.strptime(r[at], ISO) < SPLIT],
              [r for r in body if datetime.strptime(r[at], ISO) >= SPLIT])
    sheets = {}
    for name, part in zip(("Year 2009-2010", "Year 2010-2011"), halves, strict=True):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *part])
        sheets[name] = out.getvalue()
    return text, sheets


def retail_workbook(path: Path, sheets: dict[str, str], *, people: bool = True) -> Path:
    return write_workbook(path, {**sheets, **({"People": PEOPLE} if people else {})}, dates={"InvoiceDate": ISO})


# ------------------------------------------------------------------------------------- ecomintel ingest
@pytest.fixture(scope="module")
def retail_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, pd.DataFrame, dict[str, str], str]]:
    """Online Retail II as a two-sheet workbook (and a People sheet), ingested once with ``ecomintel ingest``."""
    folder = tmp_path_factory.mktemp("retail")
    text, sheets = retail_sheets()
    path = retail_workbook(folder / "online_retail_II.xlsx", sheets)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(folder / "home"))
        mp.setattr(sys, "stdout", out)
        reset_deps()
        code = main(["ingest", str(path), "--tenant", "acme"])
    reset_deps()
    assert code == 0, out.getvalue()
    yield folder / "home", _retail(text, True), sheets, out.getvalue()


def test_each_sheet_is_ingested_and_said_where_it_came_from(
        retail_home: tuple[Path, pd.DataFrame, dict[str, str], str]) -> None:
    _, _, sheets, printed = retail_home
    lines = printed.splitlines()
    assert re.match(r".*online_retail_II\.xlsx: workbook ingestion ing_\w+ processed$", lines[0]), printed
    for name, text in sheets.items():
        rows = text.count("\n") - 1
        assert f"sheet {name!r} -> sales ({rows} rows)" in lines[1], printed
        assert any(re.match(rf"  sheet {re.escape(repr(name))}: sales ingestion ing_\w+ processed: rows read {rows}:",
                            line) for line in lines), printed
    assert "sheet 'People' skipped (3 rows): cannot tell the kind of data from the header; columns seen: Person, " \
           "Region" in lines[1]


def test_the_sheets_store_what_the_csv_stores(retail_home: tuple[Path, pd.DataFrame, dict[str, str], str],
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Row for row: the workbook's sheets and the CSV of the same lines accept, reject and store the same."""
    home, _, sheets, _ = retail_home
    monkeypatch.setenv("ECOMINTEL_HOME", str(home))
    reset_deps()
    query = ("SELECT order_id, sku, date, units, returned_units, unit_price, revenue, refund, country FROM `sales` "
             "WHERE tenant_id = @t ORDER BY order_id, sku, date, units, returned_units, revenue")
    from_workbook = get_deps().warehouse.query(query, {"t": "acme"})
    rejects = get_deps().warehouse.query("SELECT source_uri, row_number, reason FROM `rejects` WHERE tenant_id = @t "
                                         "ORDER BY source_uri, row_number", {"t": "acme"})
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "csv-home"))
    reset_deps()
    for name, text in sheets.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text)
        assert main(["ingest", str(path), "--tenant", "acme", "--json"]) == 0
    from_csv = get_deps().warehouse.query(query, {"t": "acme"})
    csv_rejects = get_deps().warehouse.query("SELECT source_uri, row_number, reason FROM `rejects` "
                                             "WHERE tenant_id = @t ORDER BY source_uri, row_number", {"t": "acme"})
    assert len(from_workbook) > 2900
    pd.testing.assert_frame_equal(from_workbook, from_csv)
    # the same rows rejected, by the same row numbers (the sheet's data rows) and reasons
    assert sorted(map(tuple, rejects[["row_number", "reason"]].values.tolist())) == \
        sorted(map(tuple, csv_rejects[["row_number", "reason"]].values.tolist()))
    assert len(rejects) > 3
    assert all("/workbook/" in uri for uri in rejects["source_uri"])


@pytest.mark.parametrize("ask", ASKS, ids=str)
def test_a_question_of_the_workbook_has_the_csvs_answer(
        ask: Ask, retail_home: tuple[Path, pd.DataFrame, dict[str, str], str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home, frame, _, _ = retail_home
    monkeypatch.setenv("ECOMINTEL_HOME", str(home))
    reset_deps()
    code, out, err = run_cli(capsys, "ask", ask.question, "--tenant", "acme", "--json", "--no-cache")
    assert code == 0, err
    _check(ask, Report.model_validate(json.loads(out)).answer, frame)


def test_reject_row_numbers_are_the_sheets_data_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad date on the 3rd data row (sheet row 4) and an empty 5th row: rejects name rows 3 and 5, as for CSV."""
    sheet = ("order_id,date,sku,units,unit_price\nO1,2024-09-03,A,2,10\nO2,2024-09-04,B,1,5.5\n"
             "O3,someday,A,1,10\nO4,2024-09-05,B,3,5.5\n,,,,\nO6,2024-09-06,A,1,10\n")
    path = write_workbook(tmp_path / "orders.xlsx", {"Orders": sheet}, dates={"date": "%Y-%m-%d"},
                          number_format="yyyy-mm-dd")
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "acme")
    assert code == 0, err
    assert "sheet 'Orders': sales ingestion" in out and "rows read 6: accepted 4, rejected 2" in out, out
    code, out, _ = run_cli(capsys, "export", "--tenant", "acme", "--kind", "sales", "--rejects", "--format", "json")
    rejects = sorted((r["row_number"], r["column"]) for r in json.loads(out))
    assert [n for n, _ in rejects] == [3, 5]
    assert rejects[0][1] == "date"


# ------------------------------------------------------------------------------------------- upload API
def _bytes(tmp_path: Path, sheets: dict[str, str] | None = None, name: str = "book.xlsx") -> bytes:
    return retail_workbook(tmp_path / name, sheets or retail_sheets(300, seed=4)[1]).read_bytes()


def test_the_upload_api_takes_a_workbook_and_ingests_each_sheet(tmp_path: Path, harness: Harness) -> None:
    text, sheets = retail_sheets(300, seed=4)
    resp = harness.upload(_bytes(tmp_path, sheets), filename="online_retail_II.xlsx", content_type=XLSX)
    assert resp.status == 201, resp.body
    body = resp.json()
    assert body["kind"] == "workbook" and body["object"].startswith("raw/acme/workbook/")
    harness.runtime.drain()
    book = harness.ingestion_of(body["object"])
    assert book["status"] == "processed" and book["kind"] == "sales" and len(book["derived"]) == 2
    assert book["rows_read"] == book["accepted"] + book["skipped"] == 300 + 3 and book["skipped"] == 3
    sheet_docs = [d for d in harness.deps.documents.query("tenants/acme/ingestions") if d.get("sheet")]
    assert sorted((d["sheet"], d["original_filename"], d["status"], d["rows_read"]) for d in sheet_docs) == [
        (name, f"online_retail_II.xlsx:{name}", "processed", sheet.count("\n") - 1) for name, sheet in sheets.items()]
    assert sorted(d["ingestion_id"] for d in sheet_docs) == sorted(book["derived"])
    view = harness.runtime.call_http("upload", "GET", f"/v1/ingestions/{book['derived'][0]}",
                                     headers={"Authorization": f"Bearer {harness.token()}"}).json()
    assert view["sheet"] == "Year 2009-2010"
    listed = harness.runtime.call_http("datasets", "GET", "/v1/datasets/ingestions",
                                       headers={"Authorization": f"Bearer {harness.token()}"}).json()["items"]
    mine = {i["sheet"]: i for i in listed if i["upload_id"] == body["upload_id"]}  # the workbook's and its sheets'
    assert set(mine) == {None, *sheets} and "sheet 'People' skipped" in mine[None]["note"]
    assert harness.count("sales") == sum(d["accepted"] for d in sheet_docs) > 250


def test_a_stated_kind_is_every_sheets_kind(tmp_path: Path, harness: Harness) -> None:
    """``?kind=sales`` files the workbook under sales/: People is read as sales and fails alone; the years land."""
    resp = harness.upload(_bytes(tmp_path), filename="book.xlsx", kind="sales", content_type=XLSX)
    assert resp.status == 201 and resp.json()["kind"] == "sales", resp.body
    harness.runtime.drain()
    book = harness.ingestion_of(resp.json()["object"])
    assert book["status"] == "processed" and len(book["derived"]) == 3
    statuses = {d["sheet"]: d["status"] for d in harness.deps.documents.query("tenants/acme/ingestions")
                if d.get("sheet")}
    assert statuses == {"Year 2009-2010": "processed", "Year 2010-2011": "processed", "People": "failed"}


def test_the_cli_says_which_sheet_failed_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--kind sales``: People is read as sales and fails alone (exit 2, one line naming it); the years land."""
    path = retail_workbook(tmp_path / "book.xlsx", retail_sheets(300, seed=4)[1])
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "acme", "--kind", "sales")
    assert code == 2, (out, err)
    assert re.search(r"sheet 'Year 2010-2011': sales ingestion ing_\w+ processed", out), out
    assert re.search(r"sheet 'People': sales ingestion ing_\w+ failed: .*\(.*missing.*\)", out), out
    said = [line for line in err.splitlines() if line.startswith("ecomintel: error:")]
    assert len(said) == 1, err
    assert re.fullmatch(r"ecomintel: error: \S+book\.xlsx: sheet 'People': .*missing.*", said[0]), err


@pytest.mark.parametrize(("name", "content_type", "body", "status", "message"), [
    ("orders.xlsx", XLSX, b"order_id,date,sku,units\nO1,2024-01-01,A,1\n", 400, "is not an Excel workbook"),
    ("orders.xlsx", XLSX, "zip", 400, "is not an Excel workbook"),
    ("orders.xls", "application/vnd.ms-excel", b"order_id,sku\nO1,A\n", 400, "is not an Excel workbook"),
    ("orders.xls", "application/vnd.ms-excel", "xls", 201, ""),
    ("orders.csv", "text/csv", "xlsx", 400, "name it .xlsx"),
    ("orders.xlsx", "application/pdf", "xlsx", 415, "unsupported content type"),
    ("orders.docx", XLSX, "xlsx", 400, "unsupported file extension"),
])
def test_the_upload_api_refuses_what_is_not_a_workbook(tmp_path: Path, harness: Harness, name: str,
                                                       content_type: str, body: Any, status: int,
                                                       message: str) -> None:
    if body == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("orders.csv", "order_id,date,sku,units\nO1,2024-01-01,A,1\n")
        body = buffer.getvalue()
    elif body == "xlsx":
        body = _bytes(tmp_path)
    elif body == "xls":
        body = write_xls(tmp_path / name, {"Orders": "order_id,date,sku,units\nO1,2024-01-01,A,1\n"}).read_bytes()
    resp = harness.upload(body, filename=name, content_type=content_type)
    assert resp.status == status, resp.body
    if status == 201:  # an OLE2 .xls is taken, under the workbook slot
        assert resp.json()["kind"] == "workbook"
        return
    assert message in resp.json()["error"]["message"]
    assert not list(harness.deps.blobs.list(harness.deps.settings.bucket_name("raw"), "raw/"))


def test_a_workbook_over_the_upload_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _bytes(tmp_path)
    monkeypatch.setenv("ECOMINTEL_MAX_UPLOAD_BYTES", str(len(data) - 1))
    reset_deps()
    harness = Harness(get_deps())
    resp = harness.upload(data, filename="book.xlsx", content_type=XLSX)
    assert resp.status == 413, resp.body
    assert not list(harness.deps.blobs.list(harness.deps.settings.bucket_name("raw"), "raw/acme/"))


# ------------------------------------------------------------------------------- dropped into the bucket
def test_a_workbook_dropped_into_the_bucket_is_ingested_sheet_by_sheet(tmp_path: Path, harness: Harness) -> None:
    """Superstore's three sheets dropped under ``raw/{tenant}/workbook/``: Orders lands, Returns and People are
    skipped and said; a redelivered finalize writes nothing twice."""
    orders = shapes.superstore(400, seed=3)
    returns = "Returned,Order ID\nYes,CA-2016-152156\nYes,CA-2017-138688\n"
    path = write_workbook(tmp_path / "Sample - Superstore.xlsx", {"Orders": orders, "Returns": returns,
                                                                   "People": PEOPLE},
                          dates={"Order Date": "%m/%d/%Y", "Ship Date": "%m/%d/%Y"}, number_format="m/d/yyyy")
    bucket = harness.deps.settings.bucket_name("raw")
    name = "raw/acme/workbook/manual/Sample_-_Superstore.xlsx"
    with path.open("rb") as fh:
        info = harness.deps.blobs.write(bucket, name, fh, content_type=XLSX, metadata={})
    harness.runtime.drain()
    book = harness.ingestion_of(name)
    assert book["status"] == "processed" and len(book["derived"]) == 1, book
    assert book["note"].startswith("sheet 'Orders' -> sales (400 rows); sheet 'Returns' skipped (2 rows): cannot "
                                   "tell the kind"), book["note"]
    assert "sheet 'People' skipped (3 rows)" in book["note"]
    orders_doc = next(d for d in harness.deps.documents.query("tenants/acme/ingestions") if d.get("sheet"))
    assert (orders_doc["sheet"], orders_doc["status"], orders_doc["rows_read"]) == ("Orders", "processed", 400)
    stored = harness.count("sales")
    assert stored == orders_doc["accepted"] > 350
    records = len(list(harness.deps.documents.query("tenants/acme/ingestions")))
    # the finalize delivered again: the record is already settled, no sheet is written or ingested again
    from shared.ingest.pipeline import ingest_object

    ingest_object(harness.deps, StorageObjectEvent(event_id="again", bucket=bucket, name=name,
                                                   generation=info.generation, metadata={}))
    harness.runtime.drain()
    assert len(list(harness.deps.documents.query("tenants/acme/ingestions"))) == records
    assert harness.count("sales") == stored


def test_superstore_as_an_xls_stores_what_its_csv_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Tableau's "Sample - Superstore.xls" is Excel 97-2003 (OLE2): Orders lands as its CSV does, row for row;
    Returns and People are skipped and said."""
    orders = shapes.superstore(300, seed=3)
    path = write_xls(tmp_path / "Sample - Superstore.xls",
                     {"Orders": orders, "Returns": "Returned,Order ID\nYes,CA-2016-152156\n", "People": PEOPLE},
                     dates={"Order Date": "%m/%d/%Y", "Ship Date": "%m/%d/%Y"})
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "acme")
    assert code == 0, err
    assert re.search(r"sheet 'Orders': sales ingestion ing_\w+ processed: rows read 300:", out), out
    assert "sheet 'Returns' skipped (1 rows)" in out and "sheet 'People' skipped (3 rows)" in out, out
    query = ("SELECT order_id, sku, date, units, unit_price, revenue, discount, line_cost, region, state FROM `sales` "
             "WHERE tenant_id = @t ORDER BY order_id, sku, date, units, revenue")
    from_xls = get_deps().warehouse.query(query, {"t": "acme"})
    monkeypatch.setenv("ECOMINTEL_HOME", str(tmp_path / "csv-home"))
    reset_deps()
    (tmp_path / "orders.csv").write_text(orders)
    assert main(["ingest", str(tmp_path / "orders.csv"), "--tenant", "acme", "--json"]) == 0
    assert len(from_xls) > 250
    pd.testing.assert_frame_equal(from_xls, get_deps().warehouse.query(query, {"t": "acme"}))


def test_a_retried_split_reuses_the_sheets_already_written(tmp_path: Path, harness: Harness) -> None:
    """An attempt that died after writing some sheets: the retry hands on the same objects, not new copies."""
    from shared.ingest.ingestion import Ingestion
    from shared.ingest.sheets import split_workbook

    bucket = harness.deps.settings.bucket_name("raw")
    name = "raw/acme/workbook/manual/book.xlsx"
    with retail_workbook(tmp_path / "book.xlsx", retail_sheets(300, seed=4)[1]).open("rb") as fh:
        info = harness.deps.blobs.write(bucket, name, fh, content_type=XLSX, metadata={})
    ingestion = Ingestion(ingestion_id="ing_" + "a" * 24, tenant_id="acme", kind="workbook", source="upload",
                          source_uri=f"gs://{bucket}/{name}", bucket=bucket, object=name, generation=info.generation,
                          original_filename="book.xlsx")
    first = split_workbook(harness.deps, ingestion, None)
    written = {b.name: b.generation for b in harness.deps.blobs.list(bucket, "raw/acme/sales/workbook/")}
    again = split_workbook(harness.deps, ingestion, None)
    assert again.derived == first.derived and len(first.derived) == 2
    assert {b.name: b.generation for b in harness.deps.blobs.list(bucket, "raw/acme/sales/workbook/")} == written
    assert sorted(written) == [f"raw/acme/sales/workbook/{ingestion.ingestion_id}/01-Year_2009_2010.csv",
                               f"raw/acme/sales/workbook/{ingestion.ingestion_id}/02-Year_2010_2011.csv"]
    assert ingestion.file_checksum and len(ingestion.file_checksum) == 64


def test_a_csv_named_as_a_workbook_in_the_bucket_fails_with_a_reason(harness: Harness) -> None:
    bucket = harness.deps.settings.bucket_name("raw")
    name = "raw/acme/workbook/manual/orders.xlsx"
    harness.deps.blobs.write(bucket, name, io.BytesIO(b"order_id,sku\nO1,A\n"), content_type=XLSX, metadata={})
    harness.runtime.drain()
    book = harness.ingestion_of(name)
    assert book["status"] == "failed" and "is not an .xlsx or .xls workbook" in book["error"]


# ---------------------------------------------------------------------------- signed URL and ecomintel serve
def test_a_workbook_over_the_request_limit_goes_by_signed_url_without_a_kind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        served_gateway: str) -> None:
    path = retail_workbook(tmp_path / "online_retail_II.xlsx", retail_sheets(300, seed=4)[1])
    sent = signed_url_requests(monkeypatch)  # this file is "large": it goes by signed URL
    code, out, err = run_cli(capsys, "ingest", str(path), "--tenant", "acme", "--json")
    assert code == 0, err
    assert sent == [{"filename": "online_retail_II.xlsx", "content_type": XLSX}]
    summary = json.loads(out)
    assert "/workbook/" in summary["object"] and len(summary["joined"]) == 2
    assert [(j["sheet"], j["status"]) for j in summary["joined"]] == [("Year 2009-2010", "processed"),
                                                                      ("Year 2010-2011", "processed")]


def test_through_a_running_serve_each_sheet_is_ingested(tmp_path: Path, isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    path = retail_workbook(tmp_path / "online_retail_II.xlsx", retail_sheets(300, seed=4)[1])
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "serve", "--port", str(port)], cwd=REPO,
                             env=cli_env(isolated_env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # waiting for the port to open, not for timing
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                assert serve.poll() is None, "serve exited"
                threading.Event().wait(0.1)
        res = subprocess.run([sys.executable, "-m", "shared.cli.main", "ingest", str(path), "--tenant", "acme",
                              "--wait", "1"], cwd=REPO, env=cli_env(isolated_env), text=True, capture_output=True,
                             timeout=300)
        assert res.returncode == 0, res.stderr[-2000:]
        assert "waiting for" not in res.stderr  # handed to the server (--wait 1 would have failed in line)
        assert "workbook ingestion" in res.stdout and "sheet 'People' skipped" in res.stdout, res.stdout
        assert re.search(r"sheet 'Year 2010-2011': sales ingestion ing_\w+ processed", res.stdout), res.stdout
    finally:
        serve.terminate()
        serve.wait(timeout=30)
