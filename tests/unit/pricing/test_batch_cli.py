from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from shared.cli.main import main
from shared.pricing.batch import OUTPUT_COLUMNS

HEADER = "sku,date,our_price,competitor,competitor_price,cost,map\n"


def _run(tmp_path: Path, body: str, *extra: str) -> tuple[int, pd.DataFrame | None]:
    src = tmp_path / "in.csv"
    src.write_text(body)
    out = tmp_path / "out.csv"
    code = main(["pricing", "--input", str(src), "--output", str(out), *extra])
    return code, (pd.read_csv(out) if out.exists() else None)


def test_batch_output_contract(tmp_path: Path) -> None:
    body = HEADER + (
        "A,2026-01-01,$10.00,x,$9.00,5,\n"
        "A,2026-01-01,$10.00,y,\"$1,011.00\",5,\n"
        "A,2026-01-02,$10.00,x,$8.00,5,\n"
        "A,2026-01-02,$10.00,y,$12.00,5,\n"
        "A,2026-01-02,$10.00,z,$10.00,5,\n"
        "B,2026-01-02,20,x,25,10,21\n"
    )
    code, out = _run(tmp_path, body)
    assert code == 0 and out is not None
    assert tuple(out.columns[: len(OUTPUT_COLUMNS)]) == OUTPUT_COLUMNS
    a = out.set_index("sku").loc["A"]
    assert a["price_index"] == pytest.approx(100.0)  # median of 8, 12, 10 on the latest date
    assert a["rank"] == 2 and a["gap_to_min"] == pytest.approx(2.0)
    assert a["cheapest_share"] == pytest.approx(0.0)  # day 1: 10 > 9; day 2: 10 > 8
    b = out.set_index("sku").loc["B"]
    assert b["recommended_price"] >= 21.0  # never below MAP
    assert 0 <= a["confidence"] <= 100


@pytest.mark.parametrize(("line", "message"), [
    ("A,2026-01-01,abc,x,9,,", "row 2, column our_price: 'abc' is not a number"),
    ("A,2026-13-01,10,x,9,,", "row 2, column date: '2026-13-01' is not a date (YYYY-MM-DD)"),
    (",2026-01-01,10,x,9,,", "row 2, column sku: is empty"),
    ("A,2026-01-01,10,x,-9,,", "row 2, column competitor_price: '-9' is negative"),
    ("A,2026-01-01,10,x,9,cheap,", "row 2, column cost: 'cheap' is not a number"),
])
def test_bad_input_names_row_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str,
                                        message: str) -> None:
    code, out = _run(tmp_path, HEADER + "A,2026-01-01,10,x,9,,\n" + line + "\n")
    assert code == 2 and out is None
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"ecomintel: error: {message}"]


def test_missing_column_and_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(tmp_path, "sku,date,our_price,competitor\nA,2026-01-01,1,x\n")
    assert code == 2 and "missing required column(s): competitor_price" in capsys.readouterr().err
    code, _ = _run(tmp_path, "")
    assert code == 2 and "empty" in capsys.readouterr().err


def test_progress_bar_on_long_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    days = pd.date_range("2026-01-01", periods=50).strftime("%Y-%m-%d")
    rows = [f"S{i},{d},10,x,{9 + (i % 3)}" for i in range(450) for d in days]
    code, out = _run(tmp_path, "sku,date,our_price,competitor,competitor_price\n" + "\n".join(rows) + "\n")
    assert code == 0 and out is not None and len(out) == 450
    err = capsys.readouterr().err
    assert "pricing:" in err and "22500/22500" in err


def test_units_column_feeds_elasticity(tmp_path: Path) -> None:
    days = pd.date_range("2026-01-01", periods=20).strftime("%Y-%m-%d")
    prices = [8 + (i % 5) for i in range(20)]
    lines = [f"A,{d},{p},x,10,4,,{round(1_000_000 * p ** -3.0)}" for d, p in zip(days, prices, strict=True)]
    code, out = _run(tmp_path, "sku,date,our_price,competitor,competitor_price,cost,map,units\n"
                     + "\n".join(lines) + "\n")
    assert code == 0 and out is not None
    a = out.iloc[0]
    assert a["elasticity"] == pytest.approx(-3.0, abs=0.05)
    assert a["method"] == "elasticity"  # optimum 4 * -3 / -2 = 6, reached by 10% steps from our price


def test_unobserved_prices_are_skipped_and_other_date_spellings_read(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    body = ("sku,date,our_price,competitor,competitor_price\n"
            "A,2024/06/01,10,x,NA\nA,2024-06-01T00:00:00,10,y,11\nB,2024-06-01,,x,5\nB,2024-06-02,6,x,5\n")
    code, out = _run(tmp_path, body)
    assert code == 0 and out is not None
    assert out.set_index("sku")["price_index"].round(2).to_dict() == {"A": 90.91, "B": 120.0}
    assert "2 rows without our_price or competitor_price were skipped (e.g. row 1)" in capsys.readouterr().err


def test_a_panel_with_a_column_per_competitor_is_read_as_published(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Kaggle's Retail Price Optimization (``product_id,month_year,qty,...,unit_price,comp_1,ps1,fp1,comp_2,...``)
    was refused ("missing required column(s)"): its competitors are columns, not rows."""
    body = ("product_id,product_category_name,month_year,qty,total_price,freight_price,unit_price,customers,month,"
            "comp_1,ps1,fp1,comp_2,ps2,fp2,comp_3,ps3,fp3,lag_price\n"
            "bed1,bed_bath_table,01-11-2017,17,170.00,24.4,10.00,102,11,9.00,3.9,19.5,11.00,4.2,11.2,10.00,4.0,17.4,9\n"
            "bed1,bed_bath_table,01-12-2017,17,170.00,24.4,10.00,102,12,9.00,3.9,19.5,11.00,4.2,11.2,10.00,4.0,17.4,9\n"
            "bed1,bed_bath_table,01-01-2018,20,220.00,24.4,11.00,102,1,8.00,3.9,19.5,12.00,4.2,11.2,10.00,4.0,17.4,10\n"
            "garden1,garden_tools,01-01-2018,5,100.00,12.0,20.00,40,1,25.00,3.9,19.5,24.00,4.2,11.2,,4.0,17.4,20\n")
    code, out = _run(tmp_path, body)
    assert code == 0 and out is not None
    bed = out.set_index("sku").loc["bed1"]
    assert bed["our_price"] == pytest.approx(11.0) and bed["latest_date"] == "2018-01-01"  # day-first months
    assert bed["price_index"] == pytest.approx(110.0) and bed["n_competitors"] == 3  # median of 8, 12, 10
    assert out.set_index("sku").loc["garden1", "n_competitors"] == 2  # comp_3 blank that month: unobserved
    err = capsys.readouterr().err
    assert "read column 'product_id' as sku" in err and "read column 'month_year' as date" in err
    assert "comp_1, comp_2, comp_3 as one row per competitor (4 rows -> 12)" in err
