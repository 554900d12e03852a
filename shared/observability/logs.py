"""Structured JSON logs on stdout, in the shape Cloud Logging understands (``severity``, ``message``).

Context (request id, tenant, event id) is carried in a contextvar so every line emitted while handling
one request or event carries it without being passed around.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("log_context", default=None)

_SECRET_KEYS = ("password", "secret", "token", "api_key", "apikey", "authorization", "key")


def _redact(fields: dict[str, Any]) -> dict[str, Any]:
    """Drop values whose key looks like a secret: secrets never reach the logs."""
    return {k: ("[redacted]" if any(s in k.lower() for s in _SECRET_KEYS) else v) for k, v in fields.items()}


class JsonFormatter(logging.Formatter):
    """One JSON object per line with severity, message, logger, time and context fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a JSON line."""
        payload: dict[str, Any] = {
            "severity": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
        }
        payload.update(_context.get() or {})
        extra = getattr(record, "fields", None)
        if isinstance(extra, dict):
            payload.update(_redact(extra))
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


_configured = False


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (it may be redirected after configuration)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def configure_logging(level: str = "INFO", *, force: bool = False) -> None:
    """Install the JSON formatter on the root logger once per process.

    ``force`` re-applies ``level`` even when logging is already set up: the process's owner (the CLI) decides
    the level, whatever a handler configured before it.
    """
    global _configured
    if _configured and not force:
        return
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    _configured = True


def get_logger(name: str) -> logging.Logger:
    """A logger whose records are JSON once ``configure_logging`` ran."""
    return logging.getLogger(name)


def log_event(logger: logging.Logger, message: str, *, severity: str = "INFO", **fields: Any) -> None:
    """Log ``message`` with structured ``fields`` (secret-looking keys are redacted)."""
    logger.log(logging.getLevelName(severity), message, extra={"fields": fields})


@contextlib.contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Attach ``fields`` (request_id, tenant, event_id, ...) to every log line in this block."""
    current = dict(_context.get() or {})
    current.update({k: v for k, v in fields.items() if v is not None})
    token = _context.set(current)
    try:
        yield
    finally:
        _context.reset(token)
