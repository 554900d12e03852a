"""``ecomintel sample``: write the deterministic sample merchant's CSVs to a directory."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sample``."""
    from shared.sample.defaults import DEFAULT_SEED, DEFAULT_SKUS

    p = sub.add_parser("sample", help="Generate the sample merchant (one messy CSV per kind).")
    p.add_argument("--out", required=True, type=Path, help="Directory to write <kind>.csv files into.")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")
    p.add_argument("--skus", type=int, default=DEFAULT_SKUS, help=f"Number of SKUs (default {DEFAULT_SKUS}).")
    p.set_defaults(func=run_sample)


def run_sample(args: argparse.Namespace) -> int:
    """Generate and write the sample merchant, then list the files."""
    from shared.cli.main import CliError
    from shared.sample.merchant import generate_merchant, write_merchant

    if args.skus < 5 or args.skus > 5000:
        raise CliError("--skus must be between 5 and 5000")
    merchant = generate_merchant(seed=args.seed, n_skus=args.skus)
    for f in write_merchant(merchant, args.out):
        print(f"{f.path}  rows={f.mess.rows}  bad={len(f.mess.bad_rows)}  duplicates={f.mess.duplicate_rows}")
    return 0
