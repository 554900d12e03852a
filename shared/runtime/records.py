"""Waiting for the record a triggered function writes (a job run, a sync run), on any runtime.

The CLI publishes a schedule's or a sync's message like Cloud Scheduler does; the function that handles it
records its run in the document store. The embedded runtime delivers on ``settle()``, so one read follows;
on the emulators and Google Cloud push subscriptions deliver on their own, so the record is polled for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.runtime import Runtime

POLL_SECONDS = 0.5


def await_record(deps: Deps, runtime: Runtime, collection: str, doc_id: str, *,
                 done: Callable[[dict[str, Any]], bool] = lambda _doc: True,
                 wait_seconds: float | None = None) -> dict[str, Any] | None:
    """The document ``collection/doc_id`` once ``done(doc)`` holds (or as it is when waiting ends)."""
    from shared.ingest.client import wait_seconds as default_wait

    runtime.settle()
    deadline = time.monotonic() + (default_wait() if wait_seconds is None else wait_seconds)
    while True:
        doc = deps.documents.get(collection, doc_id)
        if (doc is not None and done(doc)) or not runtime.delivers_in_background or time.monotonic() > deadline:
            return doc
        time.sleep(POLL_SECONDS)
