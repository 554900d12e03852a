"""``ecomintel serve``: the local API (every HTTP function behind one gateway) on 127.0.0.1."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve``."""
    p = sub.add_parser("serve", help="Serve the API (/v1/..., /metrics, /openapi.yaml) on 127.0.0.1.")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--host", default="127.0.0.1", help="Bind address (default 127.0.0.1; local use only).")
    p.add_argument("--threaded", action="store_true", default=True)
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import run_simple

    from shared.observability.logs import configure_logging
    from shared.runtime.access_log import RedactingRequestHandler
    from shared.runtime.gateway import create_gateway

    configure_logging()
    print(f"ecomintel API on http://{args.host}:{args.port}  (metrics: /metrics, spec: /openapi.yaml)")
    run_simple(args.host, args.port, create_gateway(), threaded=args.threaded, use_reloader=False,
               request_handler=RedactingRequestHandler)
    return 0
