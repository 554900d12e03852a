"""Storage-finalize entry point ``ingest_object``: stream a raw file into staging and rejects."""

from __future__ import annotations

import os
from typing import Any

# Arrow's default allocator keeps freed blocks; the system one hands them back, which keeps a
# million-row file inside a 512 MiB instance. Read when pyarrow first allocates, so set before use.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

import functions_framework  # noqa: E402

from shared.deps import get_deps  # noqa: E402
from shared.errors import InvalidInput  # noqa: E402
from shared.events import decode_storage  # noqa: E402
from shared.ingest.pipeline import ingest_object as ingest_raw_object  # noqa: E402
from shared.observability.logs import configure_logging, get_logger, log_event  # noqa: E402
from shared.observability.metrics import EVENTS_HANDLED  # noqa: E402

_log = get_logger(__name__)


@functions_framework.cloud_event
def ingest_object(event: Any) -> None:
    configure_logging()
    try:
        obj = decode_storage(event)
    except InvalidInput as exc:  # permanent: a retry would fail the same way
        log_event(_log, "malformed storage event", severity="ERROR", error=exc.message)
        EVENTS_HANDLED.labels(function="ingest", outcome="malformed").inc()
        return
    try:
        result = ingest_raw_object(get_deps(), obj)
    except Exception:
        EVENTS_HANDLED.labels(function="ingest", outcome="retry").inc()
        raise  # transient: the platform redelivers, the retry cleans up and starts over
    outcome = "ignored" if result is None else str(result.status)
    EVENTS_HANDLED.labels(function="ingest", outcome=outcome).inc()
