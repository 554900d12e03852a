"""``process``: an ingestion staged rows; normalise, deduplicate, fill, score and merge them.

Malformed messages and unknown or unprocessable ingestions are acknowledged by the event kernel; anything
else raises so Pub/Sub redelivers (processing is idempotent on the ingestion).
"""

from __future__ import annotations

import functions_framework

from shared.deps import get_deps
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.processing.service import StagedNotice, process_staged


@functions_framework.cloud_event
@pubsub_handler("process", StagedNotice,
                context=lambda n: {"tenant": n.tenant_id, "ingestion_id": n.ingestion_id})
def process_ingestion(message: PubSubMessage, notice: StagedNotice) -> str:
    return process_staged(get_deps(), notice).status
