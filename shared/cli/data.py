"""Data commands: ``ingest`` and ``export`` (the foundation's CLI contract)."""

from __future__ import annotations

import argparse

from shared.models.records import DataKind


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``ingest`` and ``export``."""
    p = sub.add_parser("ingest", help="Send a CSV through the real upload path and wait for the pipeline.")
    p.add_argument("path")
    p.add_argument("--tenant", required=True)
    p.add_argument("--kind", choices=[k.value for k in DataKind], default=None,
                   help="Data kind (detected from the header when omitted).")
    p.add_argument("--json", action="store_true", help="Print one JSON object.")
    p.set_defaults(func=_not_ready)

    e = sub.add_parser("export", help="Print stored rows (or rejects) of one kind.")
    e.add_argument("--tenant", required=True)
    e.add_argument("--kind", required=True, choices=[k.value for k in DataKind])
    e.add_argument("--rejects", action="store_true")
    e.add_argument("--format", choices=["csv", "json"], default="csv")
    e.set_defaults(func=_not_ready)


def _not_ready(args: argparse.Namespace) -> int:
    from shared.cli.main import CliError

    raise CliError(f"'{args.command}' is being built")
