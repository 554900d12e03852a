"""The no-Docker stack: emulators + one functions-framework process per function, wired like production.

``up()`` reads the manifest and:
1. starts the Pub/Sub and Firestore emulators, fake-gcs-server (publishing finalize notifications to the
   bucket's notification topic) and the BigQuery emulator, as plain processes on free ports;
2. creates topics (and dead-letter topics), buckets, the dataset and every warehouse table;
3. builds each function's bundle exactly as Terraform uploads it (``bundling``), unpacks it, installs its
   generated requirements into the bundle's own virtualenv, and starts it as its own process from there
   (no repository on ``sys.path``), waiting until it answers: what fails on Google Cloud fails here;
4. creates one push subscription ``<function>--<topic>`` per subscriber, pointing at the function's port
   (a storage-triggered function is pushed from its bucket's notification topic, as a GCS notification);
5. starts the scheduler process when the manifest has ``schedules``;
6. writes ``state.json`` (ports, pids, environment) for ``down``, ``status`` and ``RemoteRuntime``.
``down()`` stops exactly the processes recorded there.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bundling.archive import unpack
from bundling.build import build
from bundling.serve import framework_args
from bundling.venvs import ensure_venv, venv_python
from local_emulator import engines
from shared.manifest import FUNCTIONS_DIR, MANIFEST_PATH, FunctionSpec, Manifest, load_manifest

STATE_FILE = "state.json"
SIGNING_KEY_FILE = "jwt-signing-key"
SIGNING_KEY_ENV = "ECOMINTEL_JWT_SIGNING_KEY"
# One venv per distinct requirement set, reused across stacks and shared with the bundle tests.
BUNDLE_VENVS = engines.REPO_ROOT / ".venv-bundles"
FUNCTION_SERVER = Path(__file__).resolve().with_name("function_server.py")
DEFAULT_PROJECT = "ecomintel-emulator"
#: An expiration policy without ttl: the subscription never expires (Pub/Sub's default is 31 idle days),
#: as Terraform sets on the hold and push subscriptions.
NEVER_EXPIRE: dict[str, Any] = {}


class EmulatorsUnavailable(RuntimeError):
    """An engine the stack needs is not installed here (the message says which and why)."""


def default_state_dir() -> Path:
    """``$ECOMINTEL_HOME/emulator`` (the embedded home's sibling state)."""
    from shared.config import get_settings

    return get_settings().state_dir / "emulator"


@dataclass
class StackState:
    """What ``up`` started and where it listens; persisted as ``state.json``."""

    project: str
    dataset: str
    bucket_prefix: str
    env: dict[str, str]
    processes: dict[str, dict[str, Any]]
    functions: dict[str, str]
    subscriptions: dict[str, str]
    manifest: str
    started_at: float = field(default_factory=time.time)
    #: The 0600 file holding the stack's JWT signing key (never in ``env``, stdout or logs).
    signing_key_file: str = ""

    def save(self, state_dir: Path) -> Path:
        """Write ``state.json`` (owner-only)."""
        state_dir.mkdir(parents=True, exist_ok=True)
        path = state_dir / STATE_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2))
        tmp.chmod(0o600)
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, state_dir: Path) -> StackState | None:
        """The recorded state, or ``None`` when no stack is up here."""
        path = state_dir / STATE_FILE
        if not path.exists():
            return None
        return cls(**json.loads(path.read_text()))

    def process_list(self) -> list[engines.Process]:
        """Recorded processes, functions first (stopped before the emulators they use)."""
        procs = [engines.Process(**p) for p in self.processes.values()]
        return sorted(procs, key=lambda p: (not p.name.startswith("function:"), p.name))


def write_signing_key(state_dir: Path, key: str | None = None) -> Path:
    """Store the stack's JWT signing key (``key``, else a new random one) in a 0600 file; returns its path.

    Function processes get the key in their environment; clients read it from this file (``env`` prints a
    command that does), so it is never printed or logged.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / SIGNING_KEY_FILE
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key or secrets.token_urlsafe(32))
    tmp.replace(path)
    return path


def read_signing_key(state_dir: Path) -> str | None:
    """The signing key of the stack recorded in ``state_dir``, or ``None``."""
    path = state_dir / SIGNING_KEY_FILE
    return path.read_text().strip() if path.exists() else None


def function_env(
    spec: FunctionSpec, *, emulator_env: Mapping[str, str], project: str, dataset: str, bucket_prefix: str, home: Path
) -> dict[str, str]:
    """Environment of a function process: the emulator endpoints and the backend settings.

    ``PYTHONPATH`` is emptied: the function imports only what its bundle and its venv hold.
    """
    return {
        **emulator_env,
        **spec.env,
        "ECOMINTEL_BACKEND": "emulator",
        "ECOMINTEL_PROJECT_ID": project,
        "ECOMINTEL_DATASET": dataset,
        "ECOMINTEL_BUCKET_PREFIX": bucket_prefix,
        "ECOMINTEL_HOME": str(home),
        "GOOGLE_CLOUD_PROJECT": project,
        "PYTHONPATH": "",
        "PYTHONUNBUFFERED": "1",
        "K_SERVICE": spec.name,
        "FUNCTION_TARGET": spec.entry_point,
    }


def prepare_bundle(spec: FunctionSpec, functions_dir: Path, bundles_dir: Path) -> tuple[Path, Path]:
    """Build ``spec``'s bundle, unpack it under ``bundles_dir`` and install its venv: (source dir, venv)."""
    bundle = build(spec.name, engines.REPO_ROOT, bundles_dir, functions_dir=functions_dir)
    source = bundles_dir / spec.name
    shutil.rmtree(source, ignore_errors=True)
    unpack(bundle.path, source)
    return source, ensure_venv(bundle.requirements, BUNDLE_VENVS)


def start_function(
    spec: FunctionSpec, source: Path, venv: Path, *, env: Mapping[str, str], log_dir: Path, timeout: float | None = None
) -> engines.Process:
    """One function as its own functions-framework process on a free port, from its unpacked bundle.

    ``function_server.py`` runs as a script in the bundle's venv with ``-P`` (its own folder is not put on
    ``sys.path``); it needs only the standard library and functions-framework. A port taken before the server
    binds it is chosen again (``engines.on_a_free_port``); the server that answers must be the one started.
    """

    def start(port: int) -> engines.Process:
        argv = [str(venv_python(venv)), "-P", str(FUNCTION_SERVER), *framework_args(spec, source, port)]
        proc = engines.spawn(f"function:{spec.name}", argv, port=port, log_dir=log_dir, env=env, cwd=source)
        engines.wait_until(
            engines.function_ready(port, proc.pid), process=proc, timeout=timeout, what=f"function {spec.name}"
        )
        return proc

    return engines.on_a_free_port(start)


def _notification(manifest: Manifest) -> tuple[str | None, str | None]:
    """The (logical bucket, topic) fake-gcs-server notifies; it supports one topic for one bucket."""
    notified = [(name, b.notification_topic) for name, b in manifest.buckets.items() if b.notification_topic]
    if len(notified) > 1:
        sys.stderr.write(f"local_emulator: fake-gcs-server notifies one bucket only; using {notified[0][0]!r}\n")
    return notified[0] if notified else (None, None)


@contextlib.contextmanager
def emulator_environ(env: Mapping[str, str]) -> Iterator[None]:
    """Point the official clients built inside the block at the emulators in ``env``."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def provision(manifest: Manifest, *, project: str, dataset: str, bucket_prefix: str, env: Mapping[str, str]) -> None:
    """Create topics (with dead-letter topics), buckets, the dataset and every table on the emulators."""
    from google.api_core import exceptions as gexc

    from shared.adapters.gcp import clients
    from shared.adapters.gcp.warehouse import BigQueryWarehouse

    with emulator_environ(env):
        publisher = clients.publisher_client()
        subscriber = clients.subscriber_client()
        for name, topic in manifest.topics.items():
            names = [name, manifest.dead_letter_topic(name)] if topic.dead_letter else [name]
            for t in names:
                try:
                    publisher.create_topic(name=publisher.topic_path(project, t))
                except gexc.AlreadyExists:
                    pass
            if topic.dead_letter:
                # Pub/Sub drops messages sent to a topic without subscriptions: keep dead letters (as Terraform does).
                dead = manifest.dead_letter_topic(name)
                try:
                    subscriber.create_subscription(
                        request={
                            "name": subscriber.subscription_path(project, f"{dead}--hold"),
                            "topic": publisher.topic_path(project, dead),
                            "message_retention_duration": {"seconds": 604800},
                            "expiration_policy": NEVER_EXPIRE,
                        }
                    )
                except gexc.AlreadyExists:
                    pass
        gcs = clients.storage_client(project)
        for logical in manifest.buckets:
            try:
                gcs.create_bucket(f"{bucket_prefix}-{logical}")
            except gexc.Conflict:
                pass
        BigQueryWarehouse(clients.bigquery_client(project), dataset).ensure_tables()


def subscribe_functions(
    manifest: Manifest,
    functions: Mapping[str, str],
    *,
    project: str,
    env: Mapping[str, str],
    max_delivery_attempts: int = 5,
) -> dict[str, str]:
    """One push subscription per (function, topic), pointing at the function's URL; returns name -> topic."""
    from google.api_core import exceptions as gexc

    from shared.adapters.gcp import clients

    with emulator_environ(env):
        subscriber = clients.subscriber_client()
        publisher = clients.publisher_client()
        created: dict[str, str] = {}
        for topic, spec in manifest.topics.items():
            for fn in manifest.subscribers(topic):
                if fn.name not in functions:
                    continue
                name = manifest.subscription_name(fn.name, topic)
                request: dict[str, Any] = {
                    "name": subscriber.subscription_path(project, name),
                    "topic": publisher.topic_path(project, topic),
                    "push_config": {"push_endpoint": functions[fn.name] + "/"},
                    "ack_deadline_seconds": max(10, min(600, fn.timeout_s)),
                    "expiration_policy": NEVER_EXPIRE,
                }
                if spec.dead_letter:
                    request["dead_letter_policy"] = {
                        "dead_letter_topic": publisher.topic_path(project, manifest.dead_letter_topic(topic)),
                        "max_delivery_attempts": max_delivery_attempts,
                    }
                try:
                    subscriber.create_subscription(request=request)
                except gexc.AlreadyExists:
                    pass
                created[name] = topic
        return created


def up(
    *,
    state_dir: Path | None = None,
    manifest_path: Path = MANIFEST_PATH,
    functions_dir: Path = FUNCTIONS_DIR,
    project: str = DEFAULT_PROJECT,
    dataset: str = "ecomintel",
    bucket_prefix: str = "ecomintel",
    only: list[str] | None = None,
    start_timeout: float | None = None,
) -> StackState:
    """Bring the whole stack up and record it; on any failure stop what was started and re-raise.

    ``start_timeout`` bounds each engine's and function's readiness wait (default:
    ``engines.start_timeout()``, i.e. ``ECOMINTEL_EMULATOR_START_TIMEOUT`` or 120 s), polled with backoff.
    """
    state_dir = (state_dir or default_state_dir()).resolve()
    if (existing := StackState.load(state_dir)) is not None and any(p.alive() for p in existing.process_list()):
        raise RuntimeError(f"a stack is already up (state in {state_dir}); run 'down' first")
    missing = {k: v for k, v in engines.detect().items() if v}
    if missing:
        raise EmulatorsUnavailable(
            "cannot start the emulator stack: "
            + "; ".join(f"{k}: {v}" for k, v in missing.items())
            + ". Use the embedded backend instead (ECOMINTEL_BACKEND=local, the default)."
        )
    manifest = load_manifest(manifest_path)
    selected = [f for f in manifest.functions.values() if only is None or f.name in only]
    absent = [
        str(functions_dir / f.name / "main.py") for f in selected if not (functions_dir / f.name / "main.py").exists()
    ]
    if absent:
        raise FileNotFoundError(f"function sources missing: {', '.join(absent)} (use --only to start a subset)")
    log_dir = state_dir / "logs"
    started: dict[str, engines.Process] = {}
    timeout = engines.start_timeout() if start_timeout is None else start_timeout
    # One signing key per stack (or the caller's): function processes verify the tokens the CLI mints. It is
    # kept in a 0600 file and the functions' environment only, never in state.json's env or on stdout.
    key_file = write_signing_key(state_dir, os.environ.get(SIGNING_KEY_ENV))
    secret_env = {SIGNING_KEY_ENV: key_file.read_text()}
    home = state_dir / "home"
    bucket, topic = _notification(manifest)

    def start_functions(pool: ThreadPoolExecutor, env: Mapping[str, str]) -> dict[str, Future[engines.Process]]:
        return {
            f"function:{spec.name}": pool.submit(
                start_function,
                spec,
                *prepared[spec.name],
                log_dir=log_dir,
                timeout=timeout,
                env={
                    **function_env(
                        spec, emulator_env=env, project=project, dataset=dataset, bucket_prefix=bucket_prefix, home=home
                    ),
                    **secret_env,
                },
            )
            for spec in selected
        }

    try:
        # Bundles and venvs before any process starts: a broken bundle fails ``up`` with nothing running.
        with ThreadPoolExecutor(max_workers=2) as pool:
            prepared = dict(
                zip(
                    [s.name for s in selected],
                    pool.map(lambda spec: prepare_bundle(spec, functions_dir, state_dir / "bundles"), selected),
                    strict=True,
                )
            )
        # Ports next, so emulators and function processes all start at once (functions connect lazily). An
        # engine whose port was taken meanwhile starts on another (``engines.on_a_free_port``); then the
        # processes given the first ports start again below.
        ports = {name: engines.free_port() for name in engines.ENGINES}
        env = engines.emulator_env_for_ports(ports)
        with ThreadPoolExecutor(max_workers=4 + len(selected)) as pool:
            jobs: dict[str, Future[engines.Process]] = {
                "pubsub": pool.submit(engines.start_pubsub, log_dir, port=ports["pubsub"], timeout=timeout),
                "firestore": pool.submit(engines.start_firestore, log_dir, port=ports["firestore"], timeout=timeout),
                "bigquery": pool.submit(
                    engines.start_bigquery, log_dir, project=project, port=ports["bigquery"], timeout=timeout
                ),
            }
            # fake-gcs-server publishes to the Pub/Sub emulator where it actually listens (a second or less after).
            jobs["storage"] = pool.submit(
                lambda: engines.start_storage(
                    log_dir,
                    port=ports["storage"],
                    project=project,
                    notification_topic=topic,
                    pubsub_host=engines.emulator_env({"pubsub": jobs["pubsub"].result()})["PUBSUB_EMULATOR_HOST"],
                    bucket=f"{bucket_prefix}-{bucket}" if bucket else None,
                    timeout=timeout,
                )
            )
            jobs.update(start_functions(pool, env))
            _collect(jobs, started)
            moved = engines.emulator_env({name: started[name] for name in engines.ENGINES})
            if moved != env:  # the functions were told the ports first chosen: start them again, told the right ones
                env = moved
                for spec in selected:
                    started.pop(f"function:{spec.name}").stop()
                _collect(start_functions(pool, env), started)
        provision(manifest, project=project, dataset=dataset, bucket_prefix=bucket_prefix, env=env)
        urls = {spec.name: f"http://{engines.HOST}:{started[f'function:{spec.name}'].port}" for spec in selected}
        subscriptions = subscribe_functions(manifest, urls, project=project, env=env)
        if manifest.schedules:
            started["scheduler"] = engines.spawn(
                "scheduler",
                [sys.executable, "-m", "local_emulator", "--state-dir", str(state_dir), "scheduler"],
                port=0,
                log_dir=log_dir,
                env={"PYTHONPATH": str(engines.REPO_ROOT)},
                cwd=engines.REPO_ROOT,
            )
        state = StackState(
            project=project,
            dataset=dataset,
            bucket_prefix=bucket_prefix,
            env=env,
            processes={k: asdict(p) for k, p in started.items()},
            functions=urls,
            subscriptions=subscriptions,
            manifest=str(manifest_path),
            signing_key_file=str(key_file),
        )
        state.save(state_dir)
        return state
    except BaseException:
        for proc in sorted(started.values(), key=lambda p: not p.name.startswith("function:")):
            proc.stop()
        raise


def _collect(jobs: Mapping[str, Future[engines.Process]], started: dict[str, engines.Process]) -> None:
    """Wait for every start; what started goes into ``started`` (to be stopped on failure), then the first error."""
    errors = []
    for name, fut in jobs.items():
        try:
            started[name] = fut.result()
        except Exception as exc:  # noqa: BLE001 - collected and re-raised below
            errors.append(exc)
    if errors:
        raise errors[0]


def down(state_dir: Path | None = None) -> list[str]:
    """Stop exactly the processes ``up`` recorded; returns their names."""
    state_dir = (state_dir or default_state_dir()).resolve()
    state = StackState.load(state_dir)
    if state is None:
        return []
    stopped = []
    for proc in state.process_list():
        if proc.alive() and _is_ours(proc):
            proc.stop()
            stopped.append(proc.name)
    (state_dir / STATE_FILE).unlink(missing_ok=True)
    (state_dir / SIGNING_KEY_FILE).unlink(missing_ok=True)
    return stopped


def _is_ours(proc: engines.Process) -> bool:
    """The pid is still the process we started (same start time: guards against pid reuse)."""
    return not proc.start_ticks or engines.start_ticks(proc.pid) == proc.start_ticks


def status(state_dir: Path | None = None) -> dict[str, Any] | None:
    """Recorded state plus whether each process is alive."""
    state_dir = (state_dir or default_state_dir()).resolve()
    state = StackState.load(state_dir)
    if state is None:
        return None
    return {**asdict(state), "alive": {p.name: p.alive() for p in state.process_list()}}
