from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shared.cli.main import main
from shared.forecast.csv_input import choose_freq, export_series, read_future_csv, read_sales_csv, to_series


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_cli_writes_the_contract_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = np.random.default_rng(0)
    dates = pd.date_range("2024-01-07", periods=60, freq="7D")
    rows = ["series_id,date,units,price,promo"]
    for sid, lam in (("a", 20), ("b", 3)):
        for d in dates:
            rows.append(f"{sid},{d.date()},{rng.poisson(lam)},9.5,0")
    rows.append(f"short,{dates[-1].date()},4,,")  # listed in the last week only
    src = _write(tmp_path / "in.csv", rows)
    out = tmp_path / "out.csv"
    code = main(["forecast", "--input", str(src), "--horizon", "8", "--output", str(out), "--prophet", "never",
                 "--workers", "1"])
    assert code == 0
    df = pd.read_csv(out)
    assert list(df.columns) == ["series_id", "date", "forecast", "lower", "upper", "model"]
    assert df.groupby("series_id").size().to_dict() == {"a": 8, "b": 8, "short": 8}
    a = df[df.series_id == "a"]
    assert a["date"].iloc[0] == "2025-03-02" and a["date"].iloc[1] == "2025-03-09"  # weekly, inferred
    assert (df["lower"] <= df["forecast"]).all() and (df["forecast"] <= df["upper"]).all()
    assert 10 < a["forecast"].mean() < 30
    assert "too little history" in capsys.readouterr().err


@pytest.mark.parametrize(("line", "needle"), [
    ("a,2024-13-45,3", "row 2 (line 3), column 'date'"),
    ("a,2024-01-02,lots", "row 2 (line 3), column 'units'"),
    (",2024-01-02,3", "row 2 (line 3), column 'series_id'"),
])
def test_cli_bad_input_names_row_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str,
                                            needle: str) -> None:
    src = _write(tmp_path / "bad.csv", ["series_id,date,units", "a,2024-01-01,3", line])
    code = main(["forecast", "--input", str(src), "--horizon", "3", "--output", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err and err.count("\n") == 1


def test_missing_column_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path / "bad.csv", ["store,date,revenue_eur", "a,2024-01-01,3"])
    assert main(["forecast", "--input", str(src), "--horizon", "3", "--output", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "missing column(s) units" in err and "columns seen: series_id, date, revenue_eur" in err


def test_a_store_and_an_item_column_key_one_series_per_store_and_item(tmp_path: Path) -> None:
    """Kaggle's Store Item Demand (``date,store,item,sales``) was read with ``item`` alone as the series: both
    stores' sales summed into one series per item."""
    dates = pd.date_range("2024-01-01", periods=60, freq="D")
    rows = ["date,store,item,sales"] + [f"{d.date()},{store},{item},{store * 10 + item}"
                                        for d in dates for store in (1, 2) for item in (7, 8)]
    src = _write(tmp_path / "train.csv", rows)
    frame = read_sales_csv(src)
    assert frame.groupby("series_id")["units"].first().to_dict() == {"1/7": 17.0, "1/8": 18.0, "2/7": 27.0,
                                                                      "2/8": 28.0}
    assert "read columns 'store' and the series id together as series_id ('1/7')" in " ".join(frame.attrs["notes"])
    plan = _write(tmp_path / "plan.csv", ["date,store,item,price", "2024-03-01,2,7,4.5"])
    assert read_future_csv(plan)["series_id"].tolist() == ["2/7"]  # the plan is keyed as the sales are
    out = tmp_path / "o.csv"
    assert main(["forecast", "--input", str(src), "--horizon", "3", "--output", str(out), "--future", str(plan),
                 "--no-global"]) == 0
    assert sorted(pd.read_csv(out, dtype={"series_id": str})["series_id"].unique()) == ["1/7", "1/8", "2/7", "2/8"]
    # the contract's own series id is the merchant's choice: a store column beside it changes nothing
    own = read_sales_csv(_write(tmp_path / "own.csv", ["series_id,store,date,units", "a,1,2024-01-01,3",
                                                       "a,2,2024-01-01,4"]))
    assert own["series_id"].tolist() == ["a", "a"] and own.attrs["notes"] == []


def _weekly_rows(fmt: str) -> list[str]:
    dates = pd.date_range("2023-01-06", periods=40, freq="7D")
    return [f"{sid},{d.strftime(fmt)},{(i * 7 + len(sid)) % 11}" for sid in ("a", "bb") for i, d in enumerate(dates)]


def test_other_tools_column_names_are_read_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contract = read_sales_csv(_write(tmp_path / "c.csv", ["series_id,date,units"] + _weekly_rows("%Y-%m-%d")))
    for header in ("unique_id,ds,y", "SKU,Week,Qty", "Product ID,Order Date,Units Sold"):
        frame = read_sales_csv(_write(tmp_path / "a.csv", [header] + _weekly_rows("%Y-%m-%d")))
        pd.testing.assert_frame_equal(frame, contract)
        assert len(frame.attrs["notes"]) == 3
    out = tmp_path / "o.csv"
    assert main(["forecast", "--input", str(tmp_path / "a.csv"), "--horizon", "2", "--output", str(out)]) == 0
    assert "note: read column 'Product ID' as series_id" in capsys.readouterr().err


def test_the_contract_name_wins_over_an_alias(tmp_path: Path) -> None:
    frame = read_sales_csv(_write(tmp_path / "a.csv", ["sku,series_id,date,units", "x,a,2024-01-01,3"]))
    assert frame["series_id"].tolist() == ["a"] and frame.attrs["notes"] == []


@pytest.mark.parametrize("fmt", ["%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%dT10:30:00Z", "%d.%m.%Y"])
def test_dates_are_read_in_one_order_per_column(tmp_path: Path, fmt: str) -> None:
    # day-first dates used to be guessed per cell: 06/01/2023 as 1 June, 13/01/2023 as 13 January
    iso = read_sales_csv(_write(tmp_path / "iso.csv", ["series_id,date,units"] + _weekly_rows("%Y-%m-%d")))
    other = read_sales_csv(_write(tmp_path / "o.csv", ["series_id,date,units"] + _weekly_rows(fmt)))
    pd.testing.assert_series_equal(other["date"], iso["date"])


def test_month_start_dates_without_a_day_over_12_read_as_months(tmp_path: Path) -> None:
    months = pd.date_range("2022-01-01", periods=30, freq="MS")
    frame = read_sales_csv(_write(tmp_path / "m.csv", ["series_id,date,units"]
                                  + [f"a,{d.strftime('%d/%m/%Y')},{i}" for i, d in enumerate(months)]))
    assert frame["date"].tolist() == list(months)
    assert choose_freq(frame, None) == "M"
    frame = read_sales_csv(_write(tmp_path / "ym.csv", ["series_id,date,units"]
                                  + [f"a,{d.strftime('%Y-%m')},{i}" for i, d in enumerate(months)]))
    assert frame["date"].tolist() == list(months)


def test_gaps_count_as_zero_and_duplicates_are_summed(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", ["series_id,date,units,promo", "a,2024-01-01,3,yes", "a,2024-01-01,2,0",
                                       "a,2024-01-04,1,no", "a,2024-01-02,4,"])
    frame = read_sales_csv(src)
    freq = choose_freq(frame, None)
    assert freq == "D"
    (s,) = to_series(frame, freq)
    assert s.values.tolist() == [5.0, 4.0, 0.0, 1.0]
    assert s.filled_periods == 1
    assert s.promo is not None and s.promo.tolist() == [1.0, 0.0, 0.0, 0.0]


def test_an_export_runs_every_series_to_its_last_period_from_the_series_first_sale(tmp_path: Path) -> None:
    # an export lists the weeks that sold: "b" sold nothing in the last two weeks, "c" was listed in week 3
    src = _write(tmp_path / "in.csv", ["series_id,date,units,price", "a,2024-01-07,3,2", "a,2024-01-14,4,2",
                                       "a,2024-01-21,5,2", "a,2024-01-28,6,2", "b,2024-01-07,7,5",
                                       "b,2024-01-14,8,5", "c,2024-01-21,2,1"])
    a, b, c = export_series(read_sales_csv(src), "W")
    assert b.values.tolist() == [7.0, 8.0, 0.0, 0.0] and b.filled_periods == 2
    assert b.price is not None and b.price.tolist() == [5.0] * 4
    assert c.values.tolist() == [2.0, 0.0] and c.dates[0] == pd.Timestamp("2024-01-21")
    assert a.future_dates(1)[0] == b.future_dates(1)[0] == c.future_dates(1)[0] == pd.Timestamp("2024-02-04")


def test_cli_forecasts_a_series_without_recent_sales_from_the_export_end(tmp_path: Path) -> None:
    # "gone" stopped selling 6 weeks before the file's end: its forecast is of the same weeks as the others'
    # (it was of the 4 weeks after its own last row), and those 6 weeks are its history's last, at 0 units
    rng = np.random.default_rng(1)
    dates = pd.date_range("2024-01-07", periods=60, freq="7D")
    rows = ["series_id,date,units"]
    for sid in ("a", "b", "c", "d", "gone"):
        for d in dates[:-6] if sid == "gone" else dates:
            rows.append(f"{sid},{d.date()},{rng.poisson(20)}")
    out = tmp_path / "out.csv"
    report = tmp_path / "report.json"
    code = main(["forecast", "--input", str(_write(tmp_path / "in.csv", rows)), "--horizon", "4", "--output",
                 str(out), "--prophet", "never", "--workers", "1", "--report", str(report)])
    assert code == 0
    df = pd.read_csv(out)
    assert (df.groupby("series_id")["date"].min() == str((dates[-1] + pd.Timedelta(days=7)).date())).all()
    gone = next(s for s in json.loads(report.read_text())["series"] if s["series_id"] == "gone")
    assert gone["history_periods"] == 60
    assert "6 of 60 periods had no sales rows and count as 0 units" in gone["warnings"]


def test_missing_and_negative_units_are_reported_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _write(tmp_path / "in.csv", ["series_id,date,units"] + [f"a,2024-01-{d:02d},{d % 5}" for d in range(1, 29)]
                 + ["a,2024-01-29,", "a,2024-01-30,-2", "a,2024-01-31,NA"])
    out = tmp_path / "o.csv"
    assert main(["forecast", "--input", str(src), "--horizon", "3", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 rows with no units value were skipped (e.g. row 29)" in err
    assert "1 rows with negative units (returns) were counted as 0 (e.g. row 30)" in err
    assert len(out.read_text().strip().splitlines()) == 4


def test_pricing_batch_reads_day_first_dates_in_one_order(tmp_path: Path) -> None:
    from shared.pricing.batch import read_observations

    days = pd.date_range("2024-01-01", periods=20, freq="D")
    rows = ["sku,date,our_price,competitor,competitor_price"] + [f"a,{d.strftime('%d/%m/%Y')},10,x,9" for d in days]
    observed = read_observations(_write(tmp_path / "p.csv", rows), chunk_rows=5).observations
    assert observed["date"].tolist() == list(days)  # 02/01/2024 is 2 January, as 13/01/2024 is 13 January


def test_public_panels_as_published_read_their_product_place_and_promotion_columns(tmp_path: Path) -> None:
    """dunnhumby's Breakfast at the Frat and Favorita's train.csv, headers as published: the product code (not a
    row ``id``), the store, and promotion flags (any of FEATURE, DISPLAY, TPR_ONLY; Favorita's blank onpromotion)."""
    frat = read_sales_csv(_write(tmp_path / "frat.csv", [
        "WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY",
        "2009-01-14,2277,4391387012,10,8,7,27.8,2.78,2.78,0,0,0",
        "2009-01-21,2277,4391387012,25,20,18,50.0,2.00,2.78,0,1,0",
        "2009-01-14,389,4391387012,12,9,9,33.4,2.78,2.78,0,0,1"]))
    assert frat["series_id"].tolist() == ["2277/4391387012"] * 2 + ["389/4391387012"]
    assert frat["promo"].tolist() == [0.0, 1.0, 1.0] and frat["price"].tolist() == [2.78, 2.0, 2.78]
    assert "read columns 'FEATURE', 'DISPLAY', 'TPR_ONLY' as promo (any of them set)" in frat.attrs["notes"]
    favorita = read_sales_csv(_write(tmp_path / "train.csv", [
        "id,date,store_nbr,item_nbr,unit_sales,onpromotion", "0,2016-12-01,30,143515,4.591,",
        "1,2016-12-01,30,143516,2,True", "2,2016-12-02,30,143515,3,False"]))
    assert favorita["series_id"].tolist() == ["30/143515", "30/143516", "30/143515"]
    assert favorita["promo"].tolist() == [0.0, 1.0, 0.0]
    # a column that only looks like a flag is not read as one
    sized = read_sales_csv(_write(tmp_path / "s.csv", ["sku,date,units,display", "a,2024-01-01,3,15 inch"]))
    assert "promo" not in sized.columns
