"""Exports checked row for row against their generators' truths: every row lands or is rejected, nothing lost, each
column read as what it is.

Each set's generator (``tests/fixtures/public/public14_shapes.py``, ...) returns its files and an ``ExportTruth``
counted as it wrote each row. The file is ingested with ``ecomintel ingest`` (in this process, a fresh embedded home per
set) and the stored sales are summed and compared: the kind, that the rows add up (read = accepted + rejected +
duplicates + skipped + held), the accepted and rejected counts, units, revenue, discounts, refunds, returned units, the
orders, the products, the first and last day and the currencies. Revenue is compared before discounts (a line stored
after its discount, ``discount_included``, has it added back). A line the export refunded where it stands may be
stored as a sale and its refund or as a return: both pass.

Run: ``BENCH_ROWS=3000 .venv/bin/python bench/export_truths.py [set ...]`` (the sets: ``public14``, ``public14b``,
``public15``, ``public15b``, ``public16``, ``public16b``; default all); prints each file's checks and its score,
then the total.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.ingest.export_checks import checks, ingest  # noqa: E402
from tests.fixtures.public.export_truth import ExportTruth  # noqa: E402


def _sets() -> dict[str, dict[str, Callable[[int], tuple[dict[str, str], ExportTruth]]]]:
    from tests.fixtures.public import (
        public14_heldout_shapes,
        public14_shapes,
        public15_heldout_shapes,
        public15_shapes,
        public16_shapes,
    )

    sets = {
        "public14": public14_shapes.PUBLIC14,
        "public14b": public14_heldout_shapes.PUBLIC14B,
        "public15": public15_shapes.PUBLIC15,
        "public15b": public15_heldout_shapes.PUBLIC15B,
        "public16": public16_shapes.PUBLIC16,
    }
    try:
        from tests.fixtures.public import public16_heldout_shapes
    except ImportError:  # written after the round's fixes
        return sets
    return {**sets, "public16b": public16_heldout_shapes.PUBLIC16B}


def main() -> None:
    """Generate, ingest and check every file of the sets named (default all); print the scores."""
    rows = int(os.environ.get("BENCH_ROWS", "3000"))
    sets = _sets()
    wanted = sys.argv[1:] or list(sets)
    only = os.environ.get("BENCH_DATASETS", "").split(",") if os.environ.get("BENCH_DATASETS") else None
    total = passed = 0
    for set_name in wanted:
        for name, make in sets[set_name].items():
            if only and name not in only:
                continue
            files, truth = make(rows)
            with tempfile.TemporaryDirectory() as tmp:
                docs, sums, currencies = ingest(Path(tmp), files)
            verdict = checks(docs, sums, currencies, truth)
            right = sum(1 for v in verdict.values() if not v)
            total, passed = total + len(verdict), passed + right
            doc = docs[0]
            counts = (
                "refused"
                if "refused" in doc
                else f"read {doc['rows_read']}, accepted {doc['accepted']}, rejected {doc['rejected']}, duplicates "
                f"{doc['duplicates']}, skipped {doc['skipped']}, held {doc.get('held', 0)}"
            )
            print(f"{set_name} {name}: {right}/{len(verdict)} ({counts})")
            for check, why in verdict.items():
                if why:
                    print(f"    BAD {check}: {why}")
    print(f"total {passed}/{total} checks right")


if __name__ == "__main__":
    main()
