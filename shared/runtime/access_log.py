"""Access log lines for ``ecomintel serve`` that never carry credentials.

Query strings hold signed-URL signatures and, for some clients, tokens (``?access_token=``): the log keeps each
parameter's name and drops its value.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from werkzeug.serving import WSGIRequestHandler

REDACTED = "REDACTED"


def redact_target(target: str) -> str:
    """``/p?a=1&sig=x`` -> ``/p?a=REDACTED&sig=REDACTED`` (names kept, values dropped)."""
    path, sep, query = target.partition("?")
    if not sep:
        return target
    names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    return f"{path}?{urlencode([(n, REDACTED) for n in names], safe=REDACTED)}" if names else path + "?"


def redact_request_line(line: str) -> str:
    """A request line (``GET /p?q HTTP/1.1``) with its query values redacted."""
    parts = line.split(" ")
    if len(parts) >= 2:
        parts[1] = redact_target(parts[1])
    return " ".join(parts)


class RedactingRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler, logging request lines with query values redacted."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log the request as werkzeug does, without query values (called once the response is sent)."""
        self.requestline = redact_request_line(self.requestline)
        if hasattr(self, "path"):
            self.path = redact_target(self.path)
        super().log_request(code, size)
