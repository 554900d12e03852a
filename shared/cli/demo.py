"""``ecomintel demo``: generate the sample merchant, ingest every kind for tenant ``demo``, ask questions.

Ingestion goes through the real upload path (``shared.ingest.client.ingest_path``), products first so
marketplace identifiers resolve. ``ask_examples`` is the hook where the example questions are asked.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.sample.merchant import SampleFile

DEMO_TENANT = "demo"
IngestPath = Callable[["Deps", Path, str, str], Any]
_COLUMNS = ("kind", "rows_read", "accepted", "rejected", "duplicates", "processed", "status")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``demo``."""
    p = sub.add_parser("demo", help="Generate the sample merchant, ingest it for tenant 'demo', ask questions.")
    p.add_argument("--seed", type=int, default=None, help="Sample merchant seed.")
    p.add_argument("--skus", type=int, default=None, help="Number of SKUs in the sample merchant.")
    p.add_argument("--tenant", default=DEMO_TENANT,
                   help="Tenant to load it into (against a deployment: the tenant of ECOMINTEL_API_KEY).")
    p.set_defaults(func=run_demo)


def load_ingest_path() -> IngestPath:
    """``shared.ingest.client.ingest_path``, imported only when the demo runs."""
    from shared.cli.main import CliError

    try:
        from shared.ingest.client import ingest_path
    except ImportError as exc:
        raise CliError(f"ingestion is not available in this build: {exc}") from exc
    return ingest_path


def ingest_sample(deps: Deps, files: Sequence[SampleFile], tenant: str, ingest: IngestPath) -> list[dict[str, Any]]:
    """Ingest each file in order with a progress bar; one row of counts per kind (failures included)."""
    from tqdm import tqdm

    from shared.errors import EcomIntelError

    rows = []
    with tqdm(files, desc="ingesting", unit="file", file=sys.stderr) as bar:
        for f in bar:
            bar.set_postfix_str(f.kind.value)
            try:
                result = ingest(deps, f.path, tenant, f.kind.value)
            except EcomIntelError as exc:  # one refused file must not hide the others' counts
                rows.append({"kind": f.kind.value, "status": f"failed: {exc.message}"})
                continue
            rows.append({
                "kind": f.kind.value,
                "rows_read": result.rows_read,
                "accepted": result.accepted,
                "rejected": result.rejected,
                "duplicates": result.duplicates,
                "processed": "" if getattr(result, "processed_rows", None) is None else result.processed_rows,
                "status": str(getattr(result.status, "value", result.status)),
            })
    return rows


def format_counts(rows: Sequence[dict[str, Any]]) -> str:
    """A plain-text table of counts per kind, with a total line."""
    totals: dict[str, Any] = {"kind": "total", "status": ""}
    for col in _COLUMNS[1:-1]:
        values = [r[col] for r in rows if isinstance(r.get(col), int)]
        totals[col] = sum(values) if values else ""
    table = [list(_COLUMNS)] + [[str(r.get(c, "")) for c in _COLUMNS] for r in [*rows, totals]]
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS))]

    def fmt(line: list[str]) -> str:
        return "  ".join(cell.ljust(w) if i in (0, len(line) - 1) else cell.rjust(w)
                         for i, (cell, w) in enumerate(zip(line, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(table[0]), rule, *[fmt(line) for line in table[1:-1]], rule, fmt(table[-1])])


def ask_examples(deps: Deps, tenant: str = DEMO_TENANT) -> None:
    """Ask the demo's example questions of the ingested data through the real query function."""
    from shared.orchestration.examples import ask_examples as ask

    print(f"\nAsking three example questions (ecomintel ask ... --tenant {tenant}):\n")
    ask(deps, tenant)


def run_demo(args: argparse.Namespace) -> int:
    """Generate the sample into ``$ECOMINTEL_HOME/sample``, ingest it for the tenant, print counts, ask."""
    from shared.deps import get_deps
    from shared.sample.defaults import DEFAULT_SEED, DEFAULT_SKUS
    from shared.sample.merchant import generate_merchant, write_merchant

    ingest = load_ingest_path()
    deps = get_deps()
    out = deps.settings.state_dir / "sample"
    seed = DEFAULT_SEED if args.seed is None else args.seed
    skus = DEFAULT_SKUS if args.skus is None else args.skus
    print(f"Generating the sample merchant (seed {seed}, {skus} SKUs) into {out} ...")
    # the demo merchant's history ends yesterday, as a live shop's would (same seed, same shape)
    end = datetime.now(UTC).date() - timedelta(days=1)
    files = write_merchant(generate_merchant(seed=seed, n_skus=skus, end=end), out)
    rows = ingest_sample(deps, files, args.tenant, ingest)
    print(f"\nIngested for tenant '{args.tenant}':\n")
    print(format_counts(rows))
    failed = [r["kind"] for r in rows if str(r.get("status", "")).startswith("failed")]
    if failed:
        print(f"\nIngestion failed for: {', '.join(failed)}", file=sys.stderr)
        return 1
    ask_examples(deps, args.tenant)
    return 0
