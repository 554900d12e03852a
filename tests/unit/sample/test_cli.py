from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from shared.cli import demo
from shared.cli.main import main
from shared.deps import Deps


class FakeResult(BaseModel):
    ingestion_id: str
    kind: str
    rows_read: int
    accepted: int
    rejected: int
    duplicates: int
    status: str


def test_sample_writes_one_csv_per_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "--out", str(tmp_path), "--seed", "1", "--skus", "10"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "competitor_prices.csv", "inventory.csv", "products.csv", "reviews.csv", "sales.csv"]
    assert "sales.csv" in capsys.readouterr().out


def test_sample_rejects_silly_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "--out", str(tmp_path), "--skus", "2"]) == 2
    assert "--skus" in capsys.readouterr().err


def test_demo_ingests_every_kind_products_first(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[str, str, str]] = []
    asked: list[Deps] = []

    def fake_ingest(deps: Deps, path: Path, tenant: str, kind: str) -> FakeResult:
        calls.append((path.name, tenant, kind))
        rows = sum(1 for _ in path.open()) - 1
        ingestion_id = f"ing-{kind}"
        deps.documents.set(f"tenants/{tenant}/ingestions", ingestion_id, {"status": "processed",
                                                                          "processed_rows": rows - 9})
        return FakeResult(ingestion_id=ingestion_id, kind=kind, rows_read=rows, accepted=rows - 9, rejected=4,
                          duplicates=5, status="processed")

    monkeypatch.setattr(demo, "load_ingest_path", lambda: fake_ingest)
    monkeypatch.setattr(demo, "ask_examples", lambda deps, tenant: asked.append(deps))
    assert main(["demo", "--skus", "10", "--seed", "2"]) == 0
    assert [c[2] for c in calls] == ["products", "inventory", "competitor_prices", "reviews", "sales"]
    assert {c[1] for c in calls} == {"demo"}
    assert (isolated_env / "sample" / "sales.csv").exists()
    out = capsys.readouterr().out
    lines = [line.split() for line in out.splitlines()]
    table = {line[0]: line for line in lines if line and line[0] in
             {"products", "sales", "reviews", "inventory", "competitor_prices", "total"}}
    assert len(table) == 6
    assert table["products"][3:5] == ["4", "5"]
    assert table["total"][3] == str(4 * 5)  # rejected, summed over the five kinds
    assert len(asked) == 1


def test_format_counts_aligns_and_totals() -> None:
    rows: list[dict[str, Any]] = [
        {"kind": "products", "rows_read": 10, "accepted": 8, "rejected": 1, "duplicates": 1, "processed": 8,
         "status": "processed"},
        {"kind": "sales", "rows_read": 1000, "accepted": 990, "rejected": 5, "duplicates": 5, "processed": "",
         "status": "staged"},
    ]
    text = demo.format_counts(rows).splitlines()
    assert text[0].split() == ["kind", "rows_read", "accepted", "rejected", "duplicates", "processed", "status"]
    assert text[-1].split() == ["total", "1010", "998", "6", "6", "8"]
    # Numbers are right-aligned under their headers.
    assert text[2].index(" 10 ") + 3 == text[0].index("rows_read") + len("rows_read")


def test_ask_examples_asks_three_questions_through_the_query_function(capsys: pytest.CaptureFixture[str]) -> None:
    from shared.deps import get_deps

    demo.ask_examples(get_deps())  # an empty tenant: every report says what data is missing, none crashes
    out = capsys.readouterr().out
    assert out.count(">>> ecomintel ask ") == 3
    assert out.count("\nQuestion: ") == 3 and "Data limitations" in out
    # the answers say what is missing, first
    answers = [part.split("\n\n", 2)[1] for part in out.split(">>> ecomintel ask ")[1:]]
    assert answers[0].startswith("No competitor prices have been ingested for this account") and \
        "no sales history" in answers[0]
    assert answers[1].startswith("No reviews have been uploaded yet")  # not a window ending on the wall clock
    assert answers[2].startswith("Could not answer the demand forecast: daily sales")


def test_demo_reports_a_refused_file_and_keeps_going(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from shared.errors import InvalidInput

    def fake_ingest(deps: Deps, path: Path, tenant: str, kind: str) -> FakeResult:
        if kind == "reviews":
            raise InvalidInput("reviews file is missing required column(s) text")
        return FakeResult(ingestion_id=f"i-{kind}", kind=kind, rows_read=3, accepted=3, rejected=0, duplicates=0,
                          status="processed")

    monkeypatch.setattr(demo, "load_ingest_path", lambda: fake_ingest)
    assert main(["demo", "--skus", "5", "--seed", "1"]) == 1
    captured = capsys.readouterr()
    assert "failed: reviews file is missing" in captured.out
    assert "sales" in captured.out and "Ingestion failed for: reviews" in captured.err
