"""The batch CLI as a user runs it: a subprocess, many series, worker processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest


@pytest.mark.slow
def test_cli_parallel_many_series(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    dates = pd.date_range("2025-01-01", periods=70, freq="D")
    frames = []
    for i in range(40):
        units = rng.poisson(rng.uniform(0.2, 30), len(dates))
        frames.append(pd.DataFrame({"series_id": f"sku-{i}", "date": dates.strftime("%Y-%m-%d"), "units": units}))
    src = tmp_path / "in.csv"
    pd.concat(frames).sample(frac=1, random_state=0).to_csv(src, index=False)  # shuffled rows
    out = tmp_path / "out.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "forecast", "--input", str(src), "--horizon", "7",
         "--output", str(out), "--workers", "2", "--prophet", "never"],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    df = pd.read_csv(out)
    assert len(df) == 40 * 7 and df["series_id"].nunique() == 40
    assert (df.groupby("series_id")["date"].min() == "2025-03-12").all()
    assert df[["forecast", "lower", "upper"]].notna().all().all()
    assert "series" in proc.stderr  # tqdm progress on stderr
