from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.errors import InvalidInput
from shared.ingest.export import neutralise, to_csv
from shared.ingest.ingestion import ingestion_id_for
from shared.ingest.lineage import content_hashes
from shared.ingest.upload import check_content_type, object_name, sanitise_filename
from shared.ingest.validate import validate_frame
from shared.models.records import DataKind, SaleRecord


def _sales(rows: list[dict]) -> pd.DataFrame:
    return validate_frame(pd.DataFrame(rows), SaleRecord).frame


def test_row_hash_depends_only_on_values() -> None:
    a = _sales([{"sku": "A", "date": dt.date(2024, 1, 1), "units": 1, "unit_price": 2.5}])
    b = _sales([{"units": 1, "unit_price": 2.5, "sku": " A ", "date": dt.date(2024, 1, 1)}])
    fields = list(SaleRecord.model_fields)
    assert content_hashes(a, fields).tolist() == content_hashes(b, fields).tolist()
    c = _sales([{"sku": "A", "date": dt.date(2024, 1, 1), "units": 2, "unit_price": 2.5}])
    assert content_hashes(a, fields).tolist() != content_hashes(c, fields).tolist()
    # a missing value differs from an empty-looking one
    d = _sales([{"sku": "A", "date": dt.date(2024, 1, 1), "units": 1, "unit_price": 2.5, "order_id": "0"}])
    assert content_hashes(a, fields).tolist() != content_hashes(d, fields).tolist()


def test_row_hash_is_the_documented_canonical_digest() -> None:
    import hashlib

    frame = _sales([{"sku": "A", "date": dt.date(2024, 1, 1), "units": 1, "unit_price": 2.5, "promo": True}])
    canonical = "\x1f".join(["A", "2024-01-01", "1", "2.5", "\x00", "\x00", "\x00", "\x00", "true"])
    expected = hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()
    assert expected == "6bf368749ef13198a5c7279efd164e43"
    fields = list(SaleRecord.model_fields)
    # the fields appended since (discount, refund, returned_units, customer_hash) leave the digest as it was
    assert content_hashes(frame, fields, appended=SaleRecord.appended_fields).iloc[0] == expected
    with_discount = _sales([{"sku": "A", "date": dt.date(2024, 1, 1), "units": 1, "unit_price": 2.5, "promo": True,
                             "discount": 0.5}])
    assert content_hashes(with_discount, fields, appended=SaleRecord.appended_fields).iloc[0] != expected


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=5).filter(str.strip), st.integers(0, 5)), min_size=1,
                max_size=10))
def test_equal_records_hash_equal(rows: list[tuple[str, int]]) -> None:
    frame = _sales([{"sku": s, "date": dt.date(2024, 1, 1), "units": u} for s, u in rows])
    hashes = content_hashes(frame, list(SaleRecord.model_fields)).tolist()
    keys = [(s.strip(), u) for s, u in rows]
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (hashes[i] == hashes[j]) == (keys[i] == keys[j])


def test_ingestion_id_is_deterministic_per_generation() -> None:
    assert ingestion_id_for("b", "o", "1") == ingestion_id_for("b", "o", "1")
    assert ingestion_id_for("b", "o", "1") != ingestion_id_for("b", "o", "2")


@pytest.mark.parametrize(("name", "safe"), [("sales.csv", "sales.csv"), ("my file (1).CSV", "my_file_1_.CSV"),
                                            ("x.csv.gz", "x.csv.gz"), (" padded.txt ", "padded.txt")])
def test_sanitise_filename(name: str, safe: str) -> None:
    assert sanitise_filename(name) == safe


@pytest.mark.parametrize("name", ["../x.csv", "/etc/x.csv", "\\\\server\\x.csv", "C:\\x.csv", "a\x07.csv",
                                  "x.exe", "", None, "dir/sub/x.tsv", "..hidden.txt", ["x.csv"]])
def test_sanitise_refuses(name: str | None) -> None:
    with pytest.raises(InvalidInput):
        sanitise_filename(name)


def test_object_name_is_tenant_scoped() -> None:
    name = object_name("acme", DataKind.SALES, "up_1", "x.csv", dt.datetime(2024, 3, 4, tzinfo=dt.UTC))
    assert name == "raw/acme/sales/2024/03/04/up_1/x.csv"


def test_content_types() -> None:
    check_content_type("text/csv; charset=utf-8")
    check_content_type(None)
    with pytest.raises(Exception, match="unsupported content type"):
        check_content_type("image/png")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain"


def test_csv_export_neutralises_every_cell() -> None:
    out = to_csv(pd.DataFrame({"a": ["=cmd()", "ok"], "b": ["-3", None]}))
    assert out.splitlines() == ["a,b", "'=cmd(),'-3", "ok,"]
