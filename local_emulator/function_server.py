"""Serve one function with functions-framework, plus a small stats endpoint the launcher reads.

The function's app is exactly what ``functions-framework --target ... --source ...`` builds; this wrapper
counts in-flight and failed requests so ``drain()`` can tell when the pipeline is idle (the Pub/Sub
emulator does not report subscription backlog). Stats live at ``/_emulator/stats``, a path no function uses.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

STATS_PATH = "/_emulator/stats"

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class RequestStats:
    """Thread-safe request counters of one function process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.in_flight = 0
        self.requests = 0
        self.failures = 0
        self.last_activity = 0.0

    def begin(self) -> None:
        """A request arrived."""
        with self._lock:
            self.in_flight += 1
            self.requests += 1
            self.last_activity = time.time()

    def end(self, ok: bool) -> None:
        """A request finished."""
        with self._lock:
            self.in_flight -= 1
            self.failures += 0 if ok else 1
            self.last_activity = time.time()

    def snapshot(self) -> dict[str, Any]:
        """Counters as JSON-able data."""
        with self._lock:
            return {
                "in_flight": self.in_flight,
                "requests": self.requests,
                "failures": self.failures,
                "last_activity": self.last_activity,
                "now": time.time(),
                "pid": os.getpid(),
            }


def with_stats(app: WsgiApp, stats: RequestStats) -> WsgiApp:
    """Wrap a WSGI app: count requests, answer ``STATS_PATH`` itself."""

    def wrapped(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == STATS_PATH:
            body = json.dumps(stats.snapshot()).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        status: list[int] = [500]

        def capture(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[0] = int(code.split()[0])
            return start_response(code, headers, exc_info) if exc_info else start_response(code, headers)

        stats.begin()
        try:
            body_parts = list(app(environ, capture))
        except BaseException:
            stats.end(False)
            raise
        stats.end(200 <= status[0] < 300 or status[0] in (401, 403, 404, 409, 413, 422))
        return body_parts

    return wrapped


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m local_emulator.function_server --target T --source S --signature-type K --port P``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--signature-type", choices=["http", "cloudevent"], required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--no-warm",
        dest="warm",
        action="store_false",
        help="Do not build the dependencies in the background after start-up.",
    )
    args = parser.parse_args(argv)

    import logging

    import functions_framework
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log line per stats poll

    app = functions_framework.create_app(args.target, args.source, args.signature_type)
    server = make_server(args.host, args.port, with_stats(app.wsgi_app, RequestStats()), threaded=True)
    if args.warm:
        # Like a warm instance: pay the client imports while the stack comes up, not on the first event.
        threading.Thread(target=_warm, name="warm-deps", daemon=True).start()
    server.serve_forever()


def _warm() -> None:
    try:
        from shared.deps import get_deps

        get_deps()
    except Exception as exc:  # noqa: BLE001 - the first real request reports the error properly
        sys.stderr.write(f"function_server: warm-up failed: {exc}\n")


if __name__ == "__main__":
    main()
