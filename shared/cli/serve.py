"""``ecomintel serve``: the local API (every HTTP function behind one gateway) on 127.0.0.1."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve``."""
    p = sub.add_parser("serve", help="Serve the API (/v1/..., /metrics, /openapi.yaml) on 127.0.0.1.")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--host", default="127.0.0.1", help="Bind address (default 127.0.0.1; local use only).")
    p.add_argument("--threaded", action="store_true", default=True)
    p.add_argument("--no-pump", dest="pump", action="store_false",
                   help="Do not deliver queued messages in the background (embedded backend).")
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import run_simple

    from shared.deps import get_deps
    from shared.observability.logs import configure_logging
    from shared.runtime.access_log import RedactingRequestHandler
    from shared.runtime.gateway import create_gateway
    from shared.runtime.worker import BusPump

    configure_logging()
    gateway = create_gateway()
    deps = get_deps()
    pump = BusPump(deps).start() if args.pump and BusPump.applies(deps) else None
    console = "" if gateway.console.built else "  (console not built: make console)"
    print(f"ecomintel console on http://{args.host}:{args.port}/{console}")
    print(f"ecomintel API on http://{args.host}:{args.port}/v1  (metrics: /metrics, spec: /openapi.yaml)", flush=True)
    try:
        run_simple(args.host, args.port, gateway, threaded=args.threaded, use_reloader=False,
                   request_handler=RedactingRequestHandler)
    finally:
        if pump is not None:
            pump.stop()
    return 0
