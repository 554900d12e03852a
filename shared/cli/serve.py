"""``ecomintel serve``: the local API (every HTTP function behind one gateway) on 127.0.0.1.

Served by waitress: one process with a pool of threads, so on the embedded backend the server is the home's one
writer (``shared.adapters.local.writer``): it holds the engines, its pump runs the pipeline, and it records
the URL of its API in the home so ``ecomintel ingest`` sends files through it instead of waiting for it.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from types import FrameType

#: Largest request body waitress accepts; the upload function applies the product's own limits.
_MAX_BODY_BYTES = 1 << 40


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

    from shared.deps import announce_served_api, get_deps
    from shared.observability.logs import configure_logging
    from shared.runtime.access_log import AccessLog
    from shared.runtime.gateway import create_gateway
    from shared.runtime.worker import BusPump

    configure_logging()
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" under load is no fault
    gateway = create_gateway()
    deps = get_deps()  # on the embedded backend: takes the home's writer lock (waits for another holder)
    server = create_server(AccessLog(gateway, sys.stderr), host=args.host, port=args.port, threads=args.threads,
                           ident="ecomintel", max_request_body_size=_MAX_BODY_BYTES)
    port = int(getattr(server, "effective_port", args.port))
    host = "127.0.0.1" if args.host in ("0.0.0.0", "") else args.host
    announce_served_api(deps.settings, f"http://{host}:{port}")
    pump = BusPump(deps).start() if args.pump and BusPump.applies(deps) else None
    console = "" if gateway.console.built else "  (console not built: make console)"
    print(f"ecomintel console on http://{args.host}:{port}/{console}")
    print(f"ecomintel API on http://{args.host}:{port}/v1  (metrics: /metrics, spec: /openapi.yaml)", flush=True)
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if pump is not None:
            pump.stop()
    return 0
