"""``ecomintel emulator up|down|status|env``: the no-Docker emulator stack (same as ``python -m local_emulator``)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``emulator``."""
    p = sub.add_parser("emulator", help="Start/stop the emulator stack (Pub/Sub, Firestore, GCS, BigQuery + "
                       "one process per function).")
    p.add_argument("action", choices=["up", "down", "status", "env"])
    p.add_argument("--only", nargs="*", default=None, help="With 'up': start only these functions.")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from local_emulator.__main__ import main

    argv = [args.action]
    if args.action == "up" and args.only:
        argv += ["--only", *args.only]
    return main(argv)
