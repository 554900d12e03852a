"""The CLI contract: ``ecomintel ingest`` and ``ecomintel export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from shared.cli.main import main


def test_ingest_json_and_idempotent_reingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sales.csv"
    path.write_text("date,sku,qty\n2024-01-01,A,2\n2024-01-02,B,3\n2024-01-03,C,1.5\n")
    assert main(["ingest", str(path), "--tenant", "t1", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert {k: first[k] for k in ("kind", "rows_read", "accepted", "rejected", "duplicates", "status")} == {
        "kind": "sales",
        "rows_read": 3,
        "accepted": 2,
        "rejected": 1,
        "duplicates": 0,
        "status": "processed",
    }
    assert first["ingestion_id"].startswith("ing_")
    assert main(["ingest", str(path), "--tenant", "t1", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["accepted"] == 0 and second["duplicates"] == 2 and second["ingestion_id"] != first["ingestion_id"]


def test_ingest_human_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.csv"
    path.write_text("sku,title\nA,Thing\n")
    assert main(["ingest", str(path), "--tenant", "t1", "--kind", "products"]) == 0
    out = capsys.readouterr().out
    assert "products ingestion ing_" in out and "accepted 1" in out


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02\x03binary", b"foo,bar\n1,2\n"])
def test_ingest_unreadable_files_exit_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    path = tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    assert main(["ingest", str(path), "--tenant", "t1"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("ecomintel: error: ") and "\n" not in err


def test_export_rejects_json_and_csv_neutralises_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sales.csv"
    path.write_text("sku,date,qty\n=cmd(),2024-01-01,-1.5\nB,2024-01-02,1\n")
    assert main(["ingest", str(path), "--tenant", "t1"]) == 0
    capsys.readouterr()
    assert main(["export", "--tenant", "t1", "--kind", "sales", "--rejects", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["row_number"] == 1 and rows[0]["column"] == "qty"
    assert main(["export", "--tenant", "t1", "--kind", "sales", "--rejects", "--format", "csv"]) == 0
    cells = [c for row in csv.reader(io.StringIO(capsys.readouterr().out)) for c in row]
    assert "'=cmd(),2024-01-01,-1.5" in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert main(["export", "--tenant", "t1", "--kind", "sales", "--format", "json"]) == 0
    stored = json.loads(capsys.readouterr().out)
    assert [(r["sku"], r["units"]) for r in stored] == [("B", 1)]
    assert main(["export", "--tenant", "other", "--kind", "sales", "--rejects", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_ingest_streams_the_file_to_the_upload_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.runtime.local import LocalRuntime

    path = tmp_path / "big.csv"
    with path.open("w") as out:
        out.write("sku,date,units\n")
        for i in range(200_000):  # ~4.6 MiB
            out.write(f"SKU-{i % 300:04d},2024-01-{i % 28 + 1:02d},{i % 9}\n")
    reads: list[int] = []

    class Recording(io.RawIOBase):
        def __init__(self, inner: io.BufferedReader) -> None:
            self.inner = inner

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return True

        def seek(self, offset: int, whence: int = 0) -> int:
            return self.inner.seek(offset, whence)

        def tell(self) -> int:
            return self.inner.tell()

        def readinto(self, buffer: Any) -> int:
            block = self.inner.read(len(buffer))
            buffer[: len(block)] = block
            reads.append(len(block))
            return len(block)

    real = LocalRuntime.call_http

    def spying(self, function, method="GET", path="/", **kwargs):  # type: ignore[no-untyped-def]
        if path != "/v1/uploads":  # then GET /v1/ingestions/{id}
            return real(self, function, method, path, **kwargs)
        data = kwargs.get("data")
        assert data is not None and not isinstance(data, bytes), "the CLI must hand the upload a stream"
        kwargs["data"] = Recording(data)
        return real(self, function, method, path, **kwargs)

    monkeypatch.setattr(LocalRuntime, "call_http", spying)
    assert main(["ingest", str(path), "--tenant", "t1", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["rows_read"] == 200_000
    assert sum(reads) == path.stat().st_size and max(reads) <= 1 << 20  # block by block, never whole


@pytest.mark.parametrize(
    ("content", "extra", "reason"),
    [
        (b"foo,bar\n1,2\n", (), "cannot tell the kind of data from the header"),
        (None, (), "no such file"),
        (b"date,sku,qty\n2024-01-01,A,2\n", ("--currency", "XXQ"), "--currency: currency must be an ISO 4217 code"),
    ],
)
def test_ingest_json_says_a_refusal_and_its_reason(
    tmp_path: Path, content: bytes | None, extra: tuple[str, ...], reason: str
) -> None:
    """A refused file with ``--json``: one JSON object on stdout with the refusal and its reason, exit non-zero, as the
    human output's error line says (run as a user runs it: the command in its own process)."""
    import subprocess
    import sys

    from tests.e2e.ingest.cli_helpers import cli_env

    path = tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    repo = Path(__file__).resolve().parents[3]
    res = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "ingest", str(path), "--tenant", "t1", "--json", *extra],
        cwd=repo,
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode != 0
    doc = json.loads(res.stdout)
    assert doc["status"] == "refused" and doc["path"] == str(path) and doc["reason"].startswith(reason)
    assert doc["error"]["code"] and doc["error"]["message"] in doc["reason"]
    assert res.stderr.strip() == f"ecomintel: error: {doc['reason']}"
