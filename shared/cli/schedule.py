"""``ecomintel run-schedule NAME --tenant T``: run one scheduled job by hand, through its topic and function."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``run-schedule``."""
    p = sub.add_parser("run-schedule", help="Run a scheduled job (see infra/functions.yaml schedules) for a tenant.")
    p.add_argument("name", help="Schedule name, e.g. alerts-hourly, digest-daily, retention-daily, refresh-nightly.")
    p.add_argument("--tenant", required=True)
    p.add_argument("--now", help="ISO timestamp to evaluate as 'now' (backfills, tests).")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from shared.cli.main import CliError
    from shared.deps import get_deps
    from shared.runtime import runtime_for
    from shared.runtime.records import await_record
    from shared.scheduling.jobs import JOB_TOPICS
    from shared.store.documents.schedules import job_runs_collection

    deps = get_deps()
    schedule = deps.manifest.schedules.get(args.name)
    if schedule is None:
        raise CliError(f"unknown schedule {args.name!r}; known: {', '.join(sorted(deps.manifest.schedules))}")
    payload = {**schedule.payload, "tenant_id": args.tenant}
    if args.now:
        payload["now"] = args.now
    # published to the schedule's topic exactly as Cloud Scheduler does; the job function records its run
    message_id = deps.bus.publish(schedule.topic, json.dumps(payload).encode(), {"tenant_id": args.tenant})
    runtime = runtime_for(deps)
    job = next((j for j, t in JOB_TOPICS.items() if t == schedule.topic), None)
    if job is None:
        runtime.settle()
        record = None
    else:
        record = await_record(deps, runtime, job_runs_collection(args.tenant), f"{job}-{message_id}")
        if record is None:
            raise CliError(f"the {job} job did not record a run (is its function deployed?)")
    result = (record or {}).get("result")
    if args.json:
        sys.stdout.write(json.dumps({"schedule": args.name, "tenant": args.tenant, "result": result}) + "\n")
    else:
        sys.stdout.write(f"{args.name} for {args.tenant}: {json.dumps(result) if result is not None else 'done'}\n")
    return 0
