"""Storage-finalize entry point ``ingest_object``: stream a raw file into staging and rejects."""

from __future__ import annotations

import os

# Arrow's default allocator keeps freed blocks; the system one hands them back, which keeps a
# million-row file inside a 512 MiB instance. Read when pyarrow first allocates, so set before use.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

import functions_framework  # noqa: E402

from shared.deps import get_deps  # noqa: E402
from shared.event_handler import storage_handler  # noqa: E402
from shared.events import StorageObjectEvent  # noqa: E402
from shared.ingest.pipeline import ingest_object as ingest_raw_object  # noqa: E402


@functions_framework.cloud_event
@storage_handler("ingest")
def ingest_object(obj: StorageObjectEvent) -> str:
    # a transient failure raises: the platform redelivers, the retry cleans up and starts over
    result = ingest_raw_object(get_deps(), obj)
    return "ignored" if result is None else str(result.status)
