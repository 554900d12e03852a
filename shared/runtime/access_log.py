"""Access log lines for ``ecomintel serve`` that never carry credentials.

Query strings hold signed-URL signatures and, for some clients, tokens (``?access_token=``): the log keeps each
parameter's name and drops its value.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

REDACTED = "REDACTED"


def redact_target(target: str) -> str:
    """``/p?a=1&sig=x`` -> ``/p?a=REDACTED&sig=REDACTED`` (names kept, values dropped)."""
    path, sep, query = target.partition("?")
    if not sep:
        return target
    names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    return f"{path}?{urlencode([(n, REDACTED) for n in names], safe=REDACTED)}" if names else path + "?"


class AccessLog:
    """WSGI middleware writing one redacted line per request (the production server has no access log).

    The line is werkzeug's: ``127.0.0.1 - - [05/Dec/2026 12:00:00] "GET /p?q=REDACTED HTTP/1.1" 200 -``.
    """

    def __init__(self, app: WSGIApplication, stream: IO[str]) -> None:
        self.app = app
        self.stream = stream
        self._lock = threading.Lock()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve the request through ``app`` and log it once its status is known."""
        target = environ.get("PATH_INFO", "") + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")

        def logging_start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            when = time.strftime("%d/%b/%Y %H:%M:%S")
            line = (f'{environ.get("REMOTE_ADDR", "-")} - - [{when}] "{environ.get("REQUEST_METHOD", "-")} '
                    f'{redact_target(target)} {environ.get("SERVER_PROTOCOL", "HTTP/1.1")}" {status.split(" ")[0]} -\n')
            with self._lock:
                self.stream.write(line)
                self.stream.flush()
            return start_response(status, headers, exc_info)

        return self.app(environ, logging_start_response)
