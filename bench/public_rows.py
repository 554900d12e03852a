"""Every public-exports file at ``BENCH_ROWS`` rows, ingested in this one process: its rows read, accepted, rejected,
duplicated, skipped and held, and whether they add up.

The same files and counts as ``BENCH_ASKS=0 bench/public_questions.py`` (its generators), without a CLI process per
file (each paid the imports: about 20 s a file on the shared machine, against 2-4 s here). Diff two checkouts' outputs
to see that no earlier file changed: ``.venv/bin/python bench/public_rows.py > after.txt``. With ``BENCH_SUMS=1`` each
dataset's stored sums follow its files (units, revenue, discount, refund, returned units, orders, products, first and
last day): a reading that moves money or products without moving a row shows there.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.public_questions import DATASETS, GENERATORS  # noqa: E402
from shared.cli.main import main as cli  # noqa: E402
from shared.deps import get_deps, reset_deps  # noqa: E402
from tests.e2e.ingest.export_checks import SUMS  # noqa: E402


def main() -> None:
    """Ingest every dataset's files (``BENCH_DATASETS`` for some) and print each file's row counts."""
    rows = int(os.environ.get("BENCH_ROWS", "3000"))
    names = os.environ.get("BENCH_DATASETS", ",".join(GENERATORS)).split(",")
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["ECOMINTEL_HOME"] = str(Path(tmp) / "home")
            reset_deps()
            for file_name, text in GENERATORS[name](rows).items():
                path = Path(tmp) / file_name
                path.write_bytes(text.encode(DATASETS[name].encoding))
                out = io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                    code = cli(["ingest", str(path), "--tenant", "acme", "--json"])
                if code != 0:
                    print(f"{name}: {file_name} refused", flush=True)
                    continue
                d = json.loads(out.getvalue().strip().splitlines()[-1])
                parts = d["accepted"] + d["rejected"] + d["duplicates"] + d["skipped"] + d.get("held", 0)
                print(
                    f"{name}: {file_name} read {d['rows_read']} accepted {d['accepted']} rejected {d['rejected']} "
                    f"duplicates {d['duplicates']} skipped {d['skipped']} held {d.get('held', 0)} "
                    f"{'adds up' if parts == d['rows_read'] else 'DOES NOT ADD UP'}",
                    flush=True,
                )
            if os.environ.get("BENCH_SUMS"):
                sums = get_deps().warehouse.query(SUMS, {"t": "acme"}).to_dict("records")[0]
                shown = {k: round(float(v), 2) if isinstance(v, int | float) else str(v)[:10] for k, v in sums.items()}
                print(f"{name}: sums {shown}", flush=True)
            reset_deps()


if __name__ == "__main__":
    main()
