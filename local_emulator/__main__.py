"""``python -m local_emulator up|down|status|trigger|scheduler``: the no-Docker emulator stack."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from shared.manifest import FUNCTIONS_DIR, MANIFEST_PATH

if TYPE_CHECKING:
    from local_emulator.stack import StackState


def main(argv: Sequence[str] | None = None) -> int:
    """Run a launcher command; returns the exit code."""
    from local_emulator import stack

    parser = argparse.ArgumentParser(prog="python -m local_emulator", description=__doc__)
    parser.add_argument("--state-dir", type=Path, default=None,
                        help="Where state.json and logs live (default: $ECOMINTEL_HOME/emulator).")
    sub = parser.add_subparsers(dest="command", required=True)
    p_up = sub.add_parser("up", help="Start emulators and functions, provision, wire subscriptions.")
    p_up.add_argument("--manifest", type=Path, default=MANIFEST_PATH)
    p_up.add_argument("--functions-dir", type=Path, default=FUNCTIONS_DIR)
    p_up.add_argument("--project", default=stack.DEFAULT_PROJECT)
    p_up.add_argument("--only", nargs="*", default=None, help="Start only these functions.")
    p_up.add_argument("--start-timeout", type=float, default=None,
                      help="Seconds each emulator/function may take to become ready (default: "
                           "$ECOMINTEL_EMULATOR_START_TIMEOUT or 120), polled with backoff.")
    sub.add_parser("down", help="Stop exactly what 'up' started.")
    sub.add_parser("status", help="Print the recorded state and which processes are alive.")
    sub.add_parser("env", help="Print shell exports pointing clients at the running stack.")
    p_trigger = sub.add_parser("trigger", help="Publish one run of a manifest schedule now.")
    p_trigger.add_argument("schedule")
    p_sched = sub.add_parser("scheduler", help="(internal) the scheduler: of the stack 'up' started, or with "
                             "--project, on the emulators named by *_EMULATOR_HOST (the compose 'scheduler').")
    p_sched.add_argument("--project", default=None)
    p_sched.add_argument("--manifest", type=Path, default=MANIFEST_PATH)
    sub.add_parser("compose", help="Print compose.yaml rendered from the manifest.")
    p_secrets = sub.add_parser("compose-secrets", help="Create compose's env files of the required secrets (the "
                               "JWT signing key; 0600, kept if they exist); prints their paths, never a value.")
    p_secrets.add_argument("--dir", type=Path, default=None)
    p_prov = sub.add_parser("provision", help="Create topics, push subscriptions, buckets and tables on emulators "
                            "named by *_EMULATOR_HOST (the compose 'provision' container).")
    p_prov.add_argument("--project", default=stack.DEFAULT_PROJECT)
    p_prov.add_argument("--manifest", type=Path, default=MANIFEST_PATH)
    p_prov.add_argument("--function-url-template", default="http://fn-{service}:8080",
                        help="Push endpoint per function; {name}, {service} (name with dashes) and {port} (its "
                             "compose port) are replaced.")
    args = parser.parse_args(argv)
    state_dir = (args.state_dir or stack.default_state_dir()).resolve()

    if args.command == "up":
        started = time.monotonic()
        try:
            up_state = stack.up(state_dir=state_dir, manifest_path=args.manifest,
                                functions_dir=args.functions_dir, project=args.project, only=args.only,
                                start_timeout=args.start_timeout)
        except stack.EmulatorsUnavailable as exc:
            sys.stderr.write(f"{exc}\n")
            return 3
        except FileNotFoundError as exc:
            sys.stderr.write(f"{exc}\n")
            return 2
        print(f"stack up in {time.monotonic() - started:.1f}s (state: {state_dir / stack.STATE_FILE})")
        for name, url in up_state.functions.items():
            print(f"  function {name:<24} {url}")
        for key, value in up_state.env.items():
            print(f"  {key}={value}")
        print(f"  JWT signing key: in {up_state.signing_key_file} (0600; `env` exports it without printing it)")
        return 0
    if args.command == "compose":
        from local_emulator.compose import render
        from shared.manifest import load_manifest

        sys.stdout.write(render(load_manifest()))
        return 0
    if args.command == "provision":
        import os

        from local_emulator.compose import function_ports
        from shared.config import get_settings
        from shared.manifest import load_manifest

        manifest = load_manifest(args.manifest)
        settings = get_settings()
        env = {k: v for k, v in os.environ.items() if k.endswith("_EMULATOR_HOST")}
        stack.provision(manifest, project=args.project, dataset=settings.dataset,
                        bucket_prefix=settings.bucket_prefix, env=env)
        ports = function_ports(manifest)
        urls = {n: args.function_url_template.format(name=n, service=n.replace("_", "-"), port=ports[n])
                for n in manifest.functions}
        print(json.dumps(stack.subscribe_functions(manifest, urls, project=args.project, env=env), indent=2))
        return 0
    if args.command == "compose-secrets":
        from local_emulator.compose import SECRETS_DIR, write_secrets_env
        from shared.manifest import load_manifest

        for path in write_secrets_env(load_manifest(), args.dir or SECRETS_DIR):
            print(path)
        return 0
    if args.command == "scheduler" and args.project:
        from local_emulator.scheduler import run_from_environment

        run_from_environment(args.project, args.manifest)
        return 0
    if args.command == "down":
        stopped = stack.down(state_dir)
        print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
        return 0
    state = stack.StackState.load(state_dir)
    if state is None:
        sys.stderr.write(f"no stack is up (no state in {state_dir})\n")
        return 1
    if args.command == "status":
        print(json.dumps(stack.status(state_dir), indent=2))
    elif args.command == "env":
        sys.stdout.write(env_exports(state, state_dir))
    elif args.command == "trigger":
        from local_emulator.scheduler import publish_schedule
        from shared.manifest import load_manifest

        spec = load_manifest(Path(state.manifest)).schedules[args.schedule]
        print(publish_schedule(state, args.schedule, spec))
    elif args.command == "scheduler":
        from local_emulator.scheduler import run_forever

        run_forever(state_dir)
    return 0


def env_exports(state: StackState, state_dir: Path) -> str:
    """Shell exports pointing a client at the stack; the signing key is read from its file, never printed."""
    import shlex

    from local_emulator import stack

    exports = {**state.env, "ECOMINTEL_BACKEND": "emulator", "ECOMINTEL_PROJECT_ID": state.project,
               "ECOMINTEL_EMULATOR_STATE": str(state_dir)}
    lines = [f"export {key}={shlex.quote(value)}" for key, value in exports.items()
             if key != stack.SIGNING_KEY_ENV]
    if state.signing_key_file:
        lines.append(f'export {stack.SIGNING_KEY_ENV}="$(cat {shlex.quote(state.signing_key_file)})"')
    return "".join(line + "\n" for line in lines)


if __name__ == "__main__":
    raise SystemExit(main())
