"""A metric question through ``ecomintel ask`` pays for the metrics layer only: no forecast engine, no fit.

Measured: once ``ask`` checked for background forecast fits by importing their registry on the way out, every
metric question imported the forecast engine and scipy.stats with it (CLI CPU time p50 1.53 -> 2.27 s per run).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.ingest.cli_helpers import cli_env, ingest_files

ROOT = Path(__file__).resolve().parents[3]

#: Modules only a forecast, a price fit or a sentiment model needs; a metric answer must not import them.
HEAVY = (
    "scipy",
    "sklearn",
    "lightgbm",
    "statsmodels",
    "prophet",
    "shared.forecast.engine",
    "shared.forecast.fit_reuse",
)

#: Run in a fresh interpreter (this checkout first on sys.path): the ask, then what it imported and left running.
PROBE = """
import json, sys, threading
from shared.cli.main import main
code = main(["ask", sys.argv[1], "--tenant", "acme", "--no-cache", "--json"])
heavy = [m for m in json.loads(sys.argv[2]) if m in sys.modules]
threads = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
sys.stderr.write("PROBE " + json.dumps({"code": code, "heavy": heavy, "threads": threads}) + "\\n")
"""


def test_a_metric_question_imports_no_forecast_engine_and_starts_no_fit(tmp_path: Path) -> None:
    home = ingest_files(
        tmp_path,
        {
            "sales.csv": "order_id,date,sku,qty,unit_price\n"
            + "".join(f"o{i},2025-05-{i:02d},A{i % 3},{i % 4 + 1},9.50\n" for i in range(1, 29)),
        },
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "What was our revenue in May 2025?", json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env(home),
        timeout=300,
        check=False,
    )
    probe = [line for line in done.stderr.splitlines() if line.startswith("PROBE ")]
    assert done.returncode == 0 and probe, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["answer_kind"] == "metric", report
    assert json.loads(probe[-1].removeprefix("PROBE ")) == {"code": 0, "heavy": [], "threads": []}
