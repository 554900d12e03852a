"""Cloud Scheduler for the emulator stacks: publish each manifest schedule's payload to its topic on time.

The same loop serves the no-Docker stack (``up`` starts ``python -m local_emulator scheduler`` reading the
stack's ``state.json``) and compose (the ``scheduler`` service runs it with ``--project`` and
``PUBSUB_EMULATOR_HOST`` from its environment).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from local_emulator.cron import CronSchedule
from local_emulator.stack import StackState
from shared.manifest import Manifest, ScheduleSpec, load_manifest

Publish = Callable[[str, ScheduleSpec], str]


def publisher_for(project: str, env: Mapping[str, str]) -> Publish:
    """Publish a schedule's run on ``project`` through the Pub/Sub endpoint named in ``env``."""

    def publish(name: str, spec: ScheduleSpec) -> str:
        from shared.adapters.gcp.bus import PubSubMessageBus
        from shared.adapters.gcp.clients import publisher_client

        os.environ.update(env)
        bus = PubSubMessageBus(publisher_client(), project)
        return bus.publish(spec.topic, json.dumps(spec.payload).encode(), {"schedule": name})

    return publish


def publish_schedule(state: StackState, name: str, spec: ScheduleSpec) -> str:
    """Publish one run of schedule ``name`` (JSON payload, as Cloud Scheduler's Pub/Sub target does)."""
    return publisher_for(state.project, state.env)(name, spec)


def due(manifest: Manifest, minute: datetime) -> list[str]:
    """The schedules that fire in ``minute`` (UTC), in manifest order."""
    return [name for name, spec in manifest.schedules.items() if CronSchedule.parse(spec.cron).matches(minute)]


def run_schedules(manifest: Manifest, publish: Publish, *, sleep: Callable[[float], None] = time.sleep,
                  now: Callable[[], datetime] = lambda: datetime.now(UTC), minutes: int | None = None) -> None:
    """At the start of each minute, publish every schedule due then (forever, or for ``minutes`` minutes)."""
    for spec in manifest.schedules.values():
        CronSchedule.parse(spec.cron)  # fail at start on a bad expression, not at its first minute
    ticks = 0
    while minutes is None or ticks < minutes:
        current = now()
        sleep(60 - current.second - current.microsecond / 1e6)
        minute = now().replace(second=0, microsecond=0)
        for name in due(manifest, minute):
            publish(name, manifest.schedules[name])
        ticks += 1


def run_forever(state_dir: Path) -> None:
    """The no-Docker stack's scheduler: project and endpoints from the stack's state."""
    state = StackState.load(state_dir)
    if state is None:
        raise SystemExit(f"no stack state in {state_dir}")
    run_schedules(load_manifest(Path(state.manifest)), publisher_for(state.project, state.env))


def run_from_environment(project: str, manifest_path: Path) -> None:
    """The compose scheduler: endpoints from ``*_EMULATOR_HOST`` in this process's environment."""
    env = {k: v for k, v in os.environ.items() if k.endswith("_EMULATOR_HOST")}
    run_schedules(load_manifest(manifest_path), publisher_for(project, env))
