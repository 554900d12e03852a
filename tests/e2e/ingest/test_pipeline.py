"""A CSV goes in through the upload function; the storage finalize CloudEvent drives ingestion."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from shared.events import gcs_notification
from shared.ingest.pipeline import STAGED_TOPIC
from tests.e2e.ingest.conftest import Harness

SALES = (
    b"Order Date,Product ID,Qty,Unit Price,Currency,Order\n"
    b"2024-01-02,A1,3,$12.50,USD,o1\n"     # good
    b"2024-01-03,A2,-1,$5.00,USD,o2\n"     # good: a return (negative units)
    b"2024-01-02,A1,3,$12.50,USD,o1\n"     # good: row 1 written again, the item sold again in o1 (occurrence 2)
    b"2024-13-45,A3,1,$1.00,USD,o3\n"      # bad: date
    b"2024-01-05,A4,2\n"                   # bad: too few fields
    b"2024-01-06,A5,4,twelve,USD,o5\n"     # bad: not a number
    b"2024-01-07,  A6 ,5,\"$1,299.00\",usd,o6\n"  # good (strip, thousands)
)


def _invariant(doc: dict) -> None:
    assert doc["rows_read"] == doc["accepted"] + doc["rejected"] + doc["duplicates"]


def test_good_bad_and_repeated_rows_land_exactly(harness: Harness) -> None:
    doc = harness.ingest(SALES)
    assert doc["status"] == "processed" and doc["kind"] == "sales"
    assert (doc["rows_read"], doc["accepted"], doc["rejected"], doc["duplicates"]) == (7, 4, 3, 0)
    # the final table holds exactly the good rows, with lineage back to the file
    final = harness.rows("SELECT sku, units, unit_price, source_row, ingestion_id, returned_units, refund, occurrence "
                         "FROM sales ORDER BY source_row")
    assert [(r["sku"], r["units"], r["unit_price"], r["source_row"]) for r in final] == [
        ("A1", 3, 12.5, 1), ("A2", 0, 5.0, 2), ("A1", 3, 12.5, 3), ("A6", 5, 1299.0, 7)]
    assert [r["occurrence"] for r in final][::2] == [None, 2]
    assert (final[1]["returned_units"], final[1]["refund"]) == (1, 5.0)
    assert {r["ingestion_id"] for r in final} == {doc["ingestion_id"]}
    _invariant(doc)
    assert doc["column_mapping"]["Qty"] == "units" and doc["column_mapping"]["Product ID"] == "sku"
    staged = harness.rows("SELECT sku, units, unit_price, source_row, ingestion_id FROM stg_sales ORDER BY source_row")
    assert [(r["sku"], r["units"], r["unit_price"], r["source_row"]) for r in staged] == [
        ("A1", 3, 12.5, 1), ("A2", 0, 5.0, 2), ("A1", 3, 12.5, 3), ("A6", 5, 1299.0, 7)]
    assert all(r["ingestion_id"] == doc["ingestion_id"] for r in staged)
    rejects = harness.rows("SELECT row_number, `column`, reason, raw, file_checksum FROM rejects ORDER BY row_number")
    assert [r["row_number"] for r in rejects] == [4, 5, 6]
    by_row = {r["row_number"]: r for r in rejects}
    assert by_row[4]["column"] == "Order Date" and "date" in by_row[4]["reason"]
    assert "expected 6 fields, found 3" in by_row[5]["reason"] and by_row[5]["raw"] == "2024-01-05,A4,2"
    assert "not a number" in by_row[6]["reason"] and by_row[6]["column"] == "Unit Price"
    assert {r["file_checksum"] for r in rejects} == {doc["file_checksum"]}


def test_lineage_columns_are_filled(harness: Harness) -> None:
    harness.ingest(SALES)
    row = harness.rows("SELECT * FROM stg_sales WHERE sku = 'A1'")[0]
    assert row["tenant_id"] == "acme" and row["source_uri"].startswith("gs://ecomintel-raw/raw/acme/sales/")
    assert len(row["row_hash"]) == 32 and len(row["record_key"]) == 32
    assert json.loads(row["quality_flags"]) == []


def test_redelivered_event_changes_nothing(harness: Harness) -> None:
    doc = harness.ingest(SALES)
    staged_before = harness.deps.warehouse.query("SELECT * FROM stg_sales ORDER BY source_row")
    info = harness.deps.blobs.stat(doc["bucket"], doc["object"])
    assert info is not None
    data, attrs = gcs_notification(info)
    harness.deps.bus.publish("raw-object-finalized", data, attrs)
    assert harness.runtime.drain() >= 1
    assert harness.deps.warehouse.query("SELECT * FROM stg_sales ORDER BY source_row").equals(staged_before)
    assert harness.count("rejects") == 3 and harness.count("sales") == 4
    again = harness.ingestion_of(doc["object"])
    assert again["attempts"] == 1 and again["finished_at"] == doc["finished_at"]


def test_reuploading_the_same_file_accepts_nothing(harness: Harness) -> None:
    harness.ingest(SALES)
    second = harness.ingest(SALES, filename="again.csv")
    assert second["accepted"] == 0 and second["duplicates"] == 4 and second["rejected"] == 3
    _invariant(second)
    assert harness.count("stg_sales") == 4 and harness.count("sales") == 4
    assert harness.count("rejects") == 3  # rejects of the same file are not stored twice


def test_staged_event_is_published(harness: Harness) -> None:
    harness.deps.bus.ensure_subscription("probe", STAGED_TOPIC)  # type: ignore[attr-defined]
    doc = harness.ingest(SALES)
    messages = harness.deps.bus.pull("probe")  # type: ignore[attr-defined]
    assert len(messages) == 1
    assert json.loads(messages[0].data) == {"tenant_id": "acme", "ingestion_id": doc["ingestion_id"], "kind": "sales"}
    assert messages[0].attributes == {"tenant_id": "acme", "kind": "sales"}


def test_zero_accepted_rows_still_publishes(harness: Harness) -> None:
    harness.deps.bus.ensure_subscription("probe", STAGED_TOPIC)  # type: ignore[attr-defined]
    doc = harness.ingest(b"sku,date,units\nA,2024-01-01,-4.5\n")
    assert doc["status"] == "processed" and doc["accepted"] == 0 and doc["rejected"] == 1
    assert len(harness.deps.bus.pull("probe")) == 1  # type: ignore[attr-defined]


def test_tenants_are_isolated_for_duplicates(harness: Harness) -> None:
    harness.ingest(SALES)
    other = harness.ingest(SALES, tenant="globex")
    assert other["accepted"] == 4
    assert harness.count("stg_sales", "globex") == 4 and harness.count("stg_sales", "acme") == 4


def test_cp1252_file(harness: Harness) -> None:
    data = "sku,title,brand,price\nP1,Café crème,Société,3.50\nP2,Naïve “quote”,Bär,4\n".encode("cp1252")
    doc = harness.ingest(data, kind="products")
    assert doc["encoding"] == "cp1252" and doc["accepted"] == 2
    titles = {r["title"] for r in harness.rows("SELECT title FROM stg_products")}
    assert titles == {"Café crème", "Naïve “quote”"}


def test_utf8_bom_file(harness: Harness) -> None:
    data = "\ufeffsku,date,on_hand,location\nS1,2024-02-01,10,Main\n".encode()
    doc = harness.ingest(data)
    assert doc["kind"] == "inventory" and doc["encoding"] == "utf-8-sig" and doc["accepted"] == 1
    assert doc["column_mapping"] == {"sku": "sku", "date": "date", "on_hand": "on_hand", "location": "location"}


def test_utf16_tab_separated_export(harness: Harness) -> None:
    # Excel's "Unicode Text": UTF-16 with a BOM, tab-separated; it was refused as binary
    data = "sku\ttitle\tprice\nP1\tCafé crème\t3.50\nP2\tBär\t4\n".encode("utf-16")
    doc = harness.ingest(data, kind="products", filename="products.txt", content_type="text/plain")
    assert doc["status"] == "processed" and doc["encoding"] == "utf-16" and doc["delimiter"] == "\t"
    assert doc["accepted"] == 2 and doc["rejected"] == 0
    assert {r["title"] for r in harness.rows("SELECT title FROM stg_products")} == {"Café crème", "Bär"}


def test_report_title_lines_above_the_header(harness: Harness) -> None:
    # a back-office report: a title and a date range above the columns, a totals row at the end
    data = (b"Sales report\nGenerated 2026-12-01\n\norder_id,date,sku,units,revenue\n"
            b"O1,2026-11-02,A,1,9.50\nO2,2026-11-03,B,2,20.00\nTotal,,,3,29.50\n")
    doc = harness.ingest(data)
    assert doc["kind"] == "sales" and doc["status"] == "processed"
    assert doc["rows_read"] == 3 and doc["accepted"] == 2 and doc["rejected"] == 1  # the totals row, with why
    assert doc["note"].startswith("3 lines above the header") and "'Sales report'" in doc["note"]
    assert harness.count("stg_sales", "acme") == 2


def test_semicolon_file_with_european_money_and_day_first_dates(harness: Harness) -> None:
    data = ("sku;competitor;date;price;shipping\n"
            "A1;Shop;13/01/2024;1.299,00 €;4,95\n"
            "A2;Shop;02/03/2024;EUR 12,50;0\n").encode()
    doc = harness.ingest(data)
    assert doc["kind"] == "competitor_prices" and doc["delimiter"] == ";" and doc["accepted"] == 2
    rows = harness.rows(
        "SELECT sku, price, shipping, CAST(date AS STRING) AS d FROM stg_competitor_prices ORDER BY sku")
    assert [(r["sku"], r["price"], r["shipping"], r["d"]) for r in rows] == [
        ("A1", 1299.0, 4.95, "2024-01-13"), ("A2", 12.5, 0.0, "2024-03-02")]


def test_gzip_upload_by_content_encoding_and_by_name(harness: Harness) -> None:
    body = gzip.compress(b"sku,date,units\nG1,2024-01-01,1\nG2,2024-01-02,2\n")
    doc = harness.ingest(body, headers={"Content-Encoding": "gzip"}, content_type="application/octet-stream")
    assert doc["accepted"] == 2 and doc["kind"] == "sales"
    doc2 = harness.ingest(gzip.compress(b"sku,date,units\nG3,2024-01-03,3\n"), filename="more.csv.gz",
                          content_type="application/gzip")
    assert doc2["accepted"] == 1


def test_multipart_upload(harness: Harness) -> None:
    import io

    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import encode_multipart

    csv_bytes = b"review_id,sku,date,stars,body\nr1,A1,2024-01-01,5,Great\n"
    boundary, body = encode_multipart(MultiDict({
        "file": FileStorage(io.BytesIO(csv_bytes), filename="reviews.csv", content_type="text/csv"),
        "kind": "reviews",
    }))
    content_type = f"multipart/form-data; boundary={boundary}"
    resp = harness.runtime.call_http("upload", "POST", "/v1/uploads", data=body, headers={
        "Authorization": f"Bearer {harness.token()}", "Content-Type": content_type})
    assert resp.status == 201, resp.body
    assert resp.json()["kind"] == "reviews" and resp.json()["object"].endswith("/reviews.csv")
    harness.runtime.drain()
    doc = harness.ingestion_of(resp.json()["object"])
    assert doc["accepted"] == 1
    assert harness.rows("SELECT rating, text FROM stg_reviews") == [{"rating": 5, "text": "Great"}]


def test_signed_url_put(harness: Harness) -> None:
    import urllib.parse

    auth = {"Authorization": f"Bearer {harness.token()}"}
    resp = harness.runtime.call_http("upload", "POST", "/v1/uploads:signed-url", headers=auth,
                                     json_body={"kind": "sales", "filename": "big.csv", "content_type": "text/csv"})
    assert resp.status == 201, resp.body
    signed = resp.json()
    assert signed["method"] == "PUT" and signed["object"].startswith("raw/acme/sales/")
    url = urllib.parse.urlsplit(signed["url"])
    query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
    body = b"sku,date,units\nS1,2024-01-01,7\n"
    put = harness.runtime.call_http("upload", "PUT", urllib.parse.unquote(url.path), query=query, data=body,
                                    headers={"Content-Type": "text/csv"})
    assert put.status == 201, put.body
    harness.runtime.drain()
    doc = harness.ingestion_of(signed["object"])
    assert doc["accepted"] == 1 and doc["tenant_id"] == "acme"
    # the signature covers exactly that object: another path, or a tampered signature, is refused
    other = urllib.parse.unquote(url.path).replace("big.csv", "other.csv")
    assert harness.runtime.call_http("upload", "PUT", other, query=query, data=body,
                                     headers={"Content-Type": "text/csv"}).status == 403
    bad = {**query, "signature": "0" * 64}
    assert harness.runtime.call_http("upload", "PUT", urllib.parse.unquote(url.path), query=bad, data=body,
                                     headers={"Content-Type": "text/csv"}).status == 403


def test_interrupted_attempt_is_not_double_staged(harness: Harness) -> None:
    from shared.events import StorageObjectEvent
    from shared.ingest.pipeline import ingest_object

    doc = harness.ingest(SALES)
    # pretend the first attempt died after staging (so processing never ran): status back to staging,
    # the merged rows gone, then a redelivery
    harness.deps.warehouse.execute("DELETE FROM sales WHERE tenant_id = @t", {"t": "acme"})
    harness.deps.documents.set(f"tenants/acme/ingestions/{doc['ingestion_id']}".rsplit("/", 1)[0],
                               doc["ingestion_id"], {"status": "staging", "published_at": None}, merge=True)
    event = StorageObjectEvent(event_id="e2", bucket=doc["bucket"], name=doc["object"],
                               generation=doc["generation"], metadata={"tenant_id": "acme"})
    result = ingest_object(harness.deps, event)
    assert result is not None and result.accepted == 4 and result.attempts == 2
    assert harness.count("stg_sales") == 4 and harness.count("rejects") == 3


def test_unreadable_file_is_recorded_failed_and_not_retried(harness: Harness) -> None:
    bucket = harness.deps.settings.bucket_name("raw")
    name = "raw/acme/sales/2024/01/01/up_" + "0" * 32 + "/x.csv"
    harness.deps.blobs.write(bucket, name, b"\x00\x01\x02binary\x00", metadata={"tenant_id": "acme"})
    harness.runtime.drain()
    doc = harness.ingestion_of(name)
    assert doc["status"] == "failed" and "binary" in doc["error"]
    assert harness.deps.bus.pending() == 0  # type: ignore[attr-defined]


def test_unknown_kind_in_path_fails_permanently(harness: Harness) -> None:
    bucket = harness.deps.settings.bucket_name("raw")
    name = "raw/acme/widgets/2024/01/01/up_" + "1" * 32 + "/x.csv"
    harness.deps.blobs.write(bucket, name, b"a,b\n1,2\n")
    harness.runtime.drain()
    doc = harness.ingestion_of(name)
    assert doc["status"] == "failed" and "unknown kind" in doc["error"]


def test_missing_required_column_fails_with_columns_named(harness: Harness) -> None:
    doc = harness.ingest(b"sku,colour\nA,red\n", kind="sales")
    assert doc["status"] == "failed" and "date" in doc["error"] and "columns seen: sku, colour" in doc["error"]


def test_sales_without_a_date_column_are_acknowledged_with_the_reason(harness: Harness) -> None:
    """Units or money of products and no date at all (Kaggle's Black Friday, Big Mart): every row skipped, none
    stored, and the note says the rows carry no dates (a sales question then says so: ``questions.unstored``)."""
    doc = harness.ingest(b"sku,units\nA,1\nB,2\n", kind="sales")
    assert doc["status"] == "processed" or doc["status"] == "staged"
    assert (doc["accepted"], doc["skipped"]) == (0, 2) and "its rows carry no dates" in doc["note"]


def test_a_file_that_fails_midway_leaves_nothing_staged(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    import shared.ingest.pipeline as pipeline
    from shared.errors import InvalidInput

    real = pipeline.stage_rows
    calls: list[int] = []

    def flaky(staging, rows):  # type: ignore[no-untyped-def]
        calls.append(len(rows))
        if len(calls) == 2:
            raise InvalidInput("unreadable from here on")
        return real(staging, rows)

    monkeypatch.setattr(pipeline, "stage_rows", flaky)
    harness.deps.settings.ingest_chunk_rows = 2
    rows = "".join(f"S{i},2024-01-0{i + 1},{i}\n" for i in range(6))
    doc = harness.ingest(("sku,date,units\n" + rows).encode(), kind="sales")
    assert len(calls) == 2  # the first chunk really was staged before the failure
    assert doc["status"] == "failed" and doc["error"] == "unreadable from here on"
    assert harness.count("stg_sales") == 0 and harness.count("rejects") == 0


def test_rejects_of_many_chunks_are_stored_in_one_write(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    import shared.ingest.pipeline as pipeline

    real = pipeline.store_rejects
    batches: list[int] = []

    def counted(warehouse, rows):  # type: ignore[no-untyped-def]
        batches.append(len(rows))
        return real(warehouse, rows)

    monkeypatch.setattr(pipeline, "store_rejects", counted)
    harness.deps.settings.ingest_chunk_rows = 2
    rows = "".join(f"S{i},2024-01-0{i + 1},{'1.5' if i % 2 else i}\n" for i in range(6))  # a bad row per chunk
    doc = harness.ingest(("sku,date,units\n" + rows).encode(), kind="sales")
    assert doc["rejected"] == 3 and doc["accepted"] == 3
    assert batches == [3] and harness.count("rejects") == 3


def test_a_currency_named_in_the_amounts_fills_an_empty_currency_column(harness: Harness) -> None:
    doc = harness.ingest(b'sku,date,units,unit_price,currency\n'
                         b'A,2024-01-01,1,"EUR 12,50",\n'
                         b'B,2024-01-02,1,$5.00,\n'
                         b'C,2024-01-03,1,"GBP 3,10",EUR\n'
                         b'D,2024-01-04,1,7.00 USD,\n')
    assert doc["accepted"] == 4
    rows = {r["sku"]: r for r in harness.rows("SELECT sku, currency, unit_price, quality_flags FROM stg_sales")}
    assert rows["A"]["currency"] == "EUR" and rows["A"]["unit_price"] == 12.5
    assert json.loads(rows["A"]["quality_flags"]) == ["currency:from_amount"]
    assert rows["D"]["currency"] == "USD"
    assert pd.isna(rows["B"]["currency"]) and json.loads(rows["B"]["quality_flags"]) == []  # "$" names several
    assert rows["C"]["currency"] == "EUR" and json.loads(rows["C"]["quality_flags"]) == []  # the column wins


def test_day_month_order_is_recorded_as_a_quality_flag(harness: Harness) -> None:
    doc = harness.ingest(b"sku,date,units\nA,25/12/2024,1\nB,01/02/2024,2\nC,2024-03-01,3\n")
    assert doc["date_order"] == "dmy" and doc["accepted"] == 3
    rows = {r["sku"]: r for r in harness.rows(
        "SELECT sku, CAST(date AS STRING) AS d, quality_flags FROM stg_sales")}
    assert rows["B"]["d"] == "2024-02-01" and json.loads(rows["B"]["quality_flags"]) == ["date_order:dmy"]
    assert json.loads(rows["C"]["quality_flags"]) == []
    undecided = harness.ingest(b"sku,date,units\nD,01/02/2024,1\n", filename="u.csv")
    flag = harness.rows("SELECT quality_flags FROM stg_sales WHERE sku = 'D'")[0]["quality_flags"]
    assert undecided["date_order"] is None and json.loads(flag) == ["date_order:mdy:assumed"]


def test_gcs_notification_over_pubsub_is_accepted_too(harness: Harness) -> None:
    """Real bucket notifications (and fake-gcs-server) arrive as a messagePublished CloudEvent."""
    from datetime import UTC, datetime

    from shared.ports import Message
    from shared.runtime.local import function_app, pubsub_cloud_event

    bucket = harness.deps.settings.bucket_name("raw")
    name = "raw/acme/sales/2024/01/01/up_" + "2" * 32 + "/n.csv"
    info = harness.deps.blobs.write(bucket, name, b"sku,date,units\nN1,2024-01-01,1\n",
                                    metadata={"tenant_id": "acme", "kind": "sales"})
    data, attrs = gcs_notification(info)
    message = Message("m-1", "raw-object-finalized", data, attrs, datetime.now(UTC))
    headers, body = pubsub_cloud_event(message, "ingest--raw-object-finalized", "p")
    spec = harness.deps.manifest.functions["ingest"]
    resp = function_app(spec).test_client().post("/", headers=headers, data=body)
    assert resp.status_code == 200
    doc = harness.ingestion_of(name)
    assert doc["status"] == "staged" and doc["accepted"] == 1


def test_objects_outside_raw_tenant_paths_are_ignored(harness: Harness) -> None:
    harness.deps.blobs.write(harness.deps.settings.bucket_name("raw"), "elsewhere/x.csv", b"a,b\n1,2\n")
    assert harness.runtime.drain() >= 1
    assert harness.deps.bus.pending() == 0  # type: ignore[attr-defined]
    assert harness.deps.documents.query("tenants/acme/ingestions") == []


def test_a_stray_cp1252_byte_past_the_sample_is_read_alone_and_flagged(harness: Harness) -> None:
    # UTF-8 for well past the sniffed sample, then one row written in cp1252
    good = "".join(f"P{i},Café crème {i},3.50\n" for i in range(45_000)).encode()
    data = b"sku,title,price\n" + good + "PX,Café noir,4.00\n".encode("cp1252") + b"PY,Th\xc3\xa9 vert,2.00\n"
    assert len(good) > 1 << 20
    doc = harness.ingest(data, kind="products")
    assert doc["status"] == "processed" and doc["accepted"] == 45_002 and doc["rejected"] == 0
    assert doc["encoding"] == "utf-8 (cp1252 in 1 rows)"
    wrong = harness.rows("SELECT COUNT(*) AS n FROM stg_products WHERE title LIKE '%Ã%'")
    assert wrong == [{"n": 0}]  # no mojibake anywhere
    rows = {r["sku"]: r for r in harness.rows(
        "SELECT sku, title, quality_flags FROM stg_products WHERE sku IN ('P7', 'PX', 'PY')")}
    assert rows["P7"]["title"] == "Café crème 7" and json.loads(rows["P7"]["quality_flags"]) == []
    assert rows["PX"]["title"] == "Café noir" and json.loads(rows["PX"]["quality_flags"]) == ["encoding:cp1252"]
    assert rows["PY"]["title"] == "Thé vert" and json.loads(rows["PY"]["quality_flags"]) == []
