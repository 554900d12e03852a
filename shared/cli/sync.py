"""``ecomintel sync SOURCE --tenant T``: run one source sync by hand, through the same topic and function."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sync``."""
    p = sub.add_parser("sync", help="Run one source sync (shopify, amazon, competitor_pages, s3) for a tenant.")
    p.add_argument("source")
    p.add_argument("--tenant", required=True)
    p.add_argument("--config", type=Path, help="JSON file with the source's config; stored and enabled first.")
    p.add_argument("--json", action="store_true", help="Print the run record as JSON.")
    p.set_defaults(func=_sync)


def _sync(args: argparse.Namespace) -> int:
    from shared.cli.main import CliError
    from shared.connectors.runner import SyncRun, configure_source
    from shared.connectors.schedule import request_sync, run_id_for
    from shared.connectors.sources import SOURCES
    from shared.deps import get_deps
    from shared.runtime import runtime_for
    from shared.runtime.records import await_record
    from shared.store.documents.sync import sync_runs_collection

    if args.source not in SOURCES:
        raise CliError(f"unknown source {args.source!r}; known: {', '.join(sorted(SOURCES))}")
    deps = get_deps()
    if args.config is not None:
        try:
            config = json.loads(args.config.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise CliError(f"cannot read config {args.config}: {exc}") from exc
        configure_source(deps, args.tenant, args.source, config)
    message_id = request_sync(deps, args.source, args.tenant)  # the sync topic, as Cloud Scheduler publishes
    doc = await_record(deps, runtime_for(deps), sync_runs_collection(args.tenant),
                       run_id_for(args.source, message_id),
                       done=lambda d: d.get("status") in ("succeeded", "failed"))
    if doc is None:
        raise CliError("the sync did not run (is the sync function deployed?)")
    run = SyncRun.model_validate(doc)
    if args.json:
        sys.stdout.write(run.model_dump_json() + "\n")
    else:
        sys.stdout.write(
            f"{run.source} for {run.tenant_id}: {run.status}; rows {run.rows or {}}; "
            f"files {len(run.files)}; payloads {run.payloads}\n"
        )
        for err in run.errors:
            sys.stdout.write(f"  error: {err}\n")
        for problem in run.problems:
            sys.stdout.write(f"  page problem: {problem.get('url')}: {problem.get('problem')}\n")
    return 0 if run.status == "succeeded" else 1
