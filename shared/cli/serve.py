"""``ecomintel serve``: the local API (every HTTP function behind one gateway) on 127.0.0.1.

Served by waitress: one process with a pool of threads, so on the embedded backend the server is the home's one
writer (``shared.adapters.local.writer``): it holds the engines, its pump runs the pipeline, and it records
the URL of its API in the home so ``ecomintel ingest`` sends files through it instead of waiting for it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING, Any

from shared.observability.logs import get_logger, log_event

if TYPE_CHECKING:
    from shared.runtime.gateway import Gateway
    from shared.runtime.worker import BusPump

_log = get_logger(__name__)

#: Largest request body waitress accepts; the upload function applies the product's own limits.
_MAX_BODY_BYTES = 1 << 40
def tune_interpreter() -> None:
    """Prepare a long-lived server's interpreter, once its start-up is done, for a short tail of latencies.

    Every object alive now (modules, the app, the engines: ~140k) is moved out of the collector's sight
    (``gc.freeze``): a full collection used to walk them all, an 80-500 ms pause that every request in flight
    waited for (``bench/api_load.py`` prints the pauses); after it, full collections take 1-20 ms. The GIL
    switch interval stays CPython's 5 ms: 1 ms was no better or worse beyond the noise of paired runs.
    """
    gc.collect()
    gc.freeze()


def load_functions(gateway: Gateway) -> int:
    """Import every HTTP function the gateway serves now rather than on its first request; returns how many.

    Called before ``tune_interpreter``, so the functions' modules are frozen with the rest.
    """
    from shared.runtime.local import function_app

    names = sorted({name for name in gateway.functions.values() if gateway.available(name)})
    for name in names:
        function_app(gateway.manifest.functions[name])
    return len(names)


def serving_options(threads: int) -> dict[str, Any]:
    """The waitress options of ``ecomintel serve`` (shared with ``bench/api_load.py``)."""
    return {"threads": threads, "ident": "ecomintel", "max_request_body_size": _MAX_BODY_BYTES}


def stop_serving(server: Any, pump: BusPump | None, *, grace_seconds: float = 30.0) -> bool:
    """Stop accepting requests and let work in flight finish; ``False`` if some still runs after the grace.

    waitress waits up to 5 s for its request threads (its ``run`` already did on SIGTERM or Ctrl-C); the
    pump is given the rest of ``grace_seconds`` for the delivery it is in (a deep question's agents, a
    forecast fan-out). Whatever still runs is logged by name.
    """
    started = time.monotonic()
    server.task_dispatcher.shutdown(timeout=min(5.0, grace_seconds))  # run() did this on SIGTERM; again is a no-op
    if pump is not None:
        pump.stop(max(0.0, grace_seconds - (time.monotonic() - started)))
    workers = [t for t in threading.enumerate() if t.name.startswith("waitress-") or t.name == "bus-pump"]
    for thread in workers:  # a worker leaves waitress's books a moment before its thread ends
        thread.join(max(0.5, grace_seconds - (time.monotonic() - started)) if thread.name == "bus-pump" else 0.5)
    # closed only now: a request that finishes wakes the server through its trigger, and a trigger closed under
    # it logged "Bad file descriptor" as an error on an orderly stop (the loop no longer accepts connections)
    server.close()
    busy = sorted(t.name for t in workers if t.is_alive())
    if busy:
        log_event(_log, "serve stopped with work in flight", severity="WARNING", threads=busy,
                  grace_seconds=grace_seconds)
    return not busy


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve``."""
    p = sub.add_parser("serve", help="Serve the API (/v1/..., /metrics, /openapi.yaml) on 127.0.0.1.")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--host", default="127.0.0.1", help="Bind address (default 127.0.0.1; local use only).")
    p.add_argument("--threads", type=int, default=8, help="Worker threads (one process: one writer).")
    p.add_argument("--no-pump", dest="pump", action="store_false",
                   help="Do not deliver queued messages in the background (embedded backend).")
    p.set_defaults(func=_serve)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _serve(args: argparse.Namespace) -> int:
    from waitress.server import create_server

    from shared.deps import announce_served_api, get_deps, reset_deps
    from shared.observability.logs import configure_logging
    from shared.runtime.access_log import AccessLog
    from shared.runtime.gateway import create_gateway
    from shared.runtime.worker import BusPump

    configure_logging()
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" under load is no fault
    gateway = create_gateway()
    deps = get_deps()  # on the embedded backend: takes the home's writer lock (waits for another holder)
    load_functions(gateway)
    server = create_server(AccessLog(gateway, sys.stderr), host=args.host, port=args.port,
                           **serving_options(args.threads))
    port = int(getattr(server, "effective_port", args.port))
    host = "127.0.0.1" if args.host in ("0.0.0.0", "") else args.host
    announce_served_api(deps.settings, f"http://{host}:{port}")
    pump = BusPump(deps).start() if args.pump and BusPump.applies(deps) else None
    console = "" if gateway.console.built else "  (console not built: make console)"
    print(f"ecomintel console on http://{args.host}:{port}/{console}")
    print(f"ecomintel API on http://{args.host}:{port}/v1  (metrics: /metrics, spec: /openapi.yaml)", flush=True)
    signal.signal(signal.SIGTERM, _stop)
    tune_interpreter()
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):  # Ctrl-C, or SIGTERM via _stop: shut down in order below
        pass
    if not stop_serving(server, pump):
        # A thread still inside an engine (DuckDB, LightGBM) would be torn down mid-call by interpreter
        # finalisation, which aborts in C++ ("terminate called after throwing ..."). Its request failed for
        # the client and its message stays queued (redelivered to an idempotent handler on the next start),
        # so leaving now loses nothing; the engines' write-ahead logs keep what was committed.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    reset_deps()  # closes the engines (a checkpoint) before the interpreter goes
    return 0
