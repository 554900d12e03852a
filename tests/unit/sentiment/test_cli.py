from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from shared.cli.main import main


def run_cli(tmp_path: Path, content: str, name: str = "in.csv") -> tuple[int, Path]:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    return main(["sentiment", "--input", str(src), "--output", str(out)]), out


def read(out: Path) -> list[dict[str, str]]:
    with out.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_batch_contract(tmp_path: Path) -> None:
    code, out = run_cli(
        tmp_path,
        'id,text,rating\n1,"Stopped working after a week",\n2,not bad,\n'
        '3,"Great price, but the strap broke",2\n4,"",5\n',
    )
    assert code == 0
    rows = read(out)
    assert list(rows[0]) == ["id", "label", "score", "confidence", "aspects"]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["label"] for r in rows] == ["negative", "positive", "negative", "positive"]
    for r in rows:
        assert -1 <= float(r["score"]) <= 1 and 0 <= int(r["confidence"]) <= 100
    aspects = json.loads(rows[2]["aspects"])
    assert aspects["price_value"] > 0 > aspects["quality_durability"]


def test_rating_is_optional_and_text_with_quotes_newlines_round_trips(tmp_path: Path) -> None:
    code, out = run_cli(tmp_path, 'id,text\n"a,1","He said ""awful"".\nReally =cmd|x"\n')
    assert code == 0
    rows = read(out)
    assert rows[0]["id"] == "a,1" and rows[0]["label"] == "negative"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,text,rating\n1,ok,7\n", "row 1, column 'rating'"),
        ("id,text,rating\n1,ok,5\n2,ok,five\n", "row 2, column 'rating'"),
        ("id,body2\n1,ok\n", "missing column 'text'"),
        ("id,text\n,ok\n", "row 1, column 'id'"),
        ("", "empty file"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    code, out = run_cli(tmp_path, content)
    assert code != 0
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sentiment", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o.csv")]) == 2
    assert "not found" in capsys.readouterr().err


def test_long_input_shows_progress_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = "".join(f"{i},great product\n" for i in range(6000))
    code, out = run_cli(tmp_path, "id,text\n" + lines)
    assert code == 0 and len(read(out)) == 6000
    captured = capsys.readouterr()
    assert "6000" in captured.err and "review" in captured.err
    assert captured.out == ""


def test_non_utf8_input_is_detected_not_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "latin.csv"
    src.write_bytes("id,text\n1,Très déçu: cassé à l'arrivée. Broken on arrival, terrible.\n".encode("cp1252"))
    out = tmp_path / "o.csv"
    assert main(["sentiment", "--input", str(src), "--output", str(out)]) == 0
    assert read(out)[0]["label"] == "negative"
    assert "not UTF-8" in capsys.readouterr().err


def test_ragged_csv_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_cli(tmp_path, "id,text\n1,ok\n2,ok,extra,fields\n")
    assert code == 2
    assert "line 3" in capsys.readouterr().err


@pytest.mark.parametrize("cell", ["", "NA", "n/a", "null"])
def test_missing_rating_spellings_mean_no_rating(cell: str) -> None:
    from shared.cli.sentiment import parse_rating

    assert parse_rating(cell, 3, "rating") is None


def test_review_export_headers_and_no_id_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the Women's Clothing export spells "Review Text" and "Rating"; a sentence list has no id at all
    code, out = run_cli(tmp_path, 'Clothing ID,Review Text,Rating\n7,"Awful fit, returned it",1\n8,Love it,5\n')
    assert code == 0
    rows = read(out)
    assert [r["id"] for r in rows] == ["1", "2"] and [r["label"] for r in rows] == ["negative", "positive"]
    assert "no id column" in capsys.readouterr().err
    code, out = run_cli(tmp_path, "sentence,label\nThe battery died in a day,0\nWorks great,1\n")
    assert code == 0 and [r["label"] for r in read(out)] == ["negative", "positive"]
    code, out = run_cli(tmp_path, "reviews.id,reviews.text,reviews.rating\nr9,Broke after two uses,1\n")
    assert code == 0 and read(out)[0]["id"] == "r9"
