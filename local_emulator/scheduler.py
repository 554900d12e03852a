"""Cloud Scheduler for the emulator stack: publish each manifest schedule's payload to its topic on time."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from local_emulator.cron import CronSchedule
from local_emulator.stack import StackState
from shared.manifest import ScheduleSpec, load_manifest


def publish_schedule(state: StackState, name: str, spec: ScheduleSpec) -> str:
    """Publish one run of schedule ``name`` (JSON payload, as Cloud Scheduler's Pub/Sub target does)."""
    from shared.adapters.gcp.bus import PubSubMessageBus
    from shared.adapters.gcp.clients import publisher_client

    os.environ.update(state.env)
    bus = PubSubMessageBus(publisher_client(), state.project)
    return bus.publish(spec.topic, json.dumps(spec.payload).encode(), {"schedule": name})


def run_forever(state_dir: Path) -> None:
    """Check every schedule at the start of each minute (UTC) and publish those that match."""
    state = StackState.load(state_dir)
    if state is None:
        raise SystemExit(f"no stack state in {state_dir}")
    manifest = load_manifest(Path(state.manifest))
    schedules = {name: (CronSchedule.parse(s.cron), s) for name, s in manifest.schedules.items()}
    while True:
        now = datetime.now(UTC)
        time.sleep(60 - now.second - now.microsecond / 1e6)
        minute = datetime.now(UTC).replace(second=0, microsecond=0)
        for name, (cron, spec) in schedules.items():
            if cron.matches(minute):
                publish_schedule(state, name, spec)
