"""Scheduled / on-demand source sync (Pub/Sub ``sync-requested``).

``{"source": S}`` (from Cloud Scheduler) fans out one message per tenant with S enabled;
``{"source": S, "tenant_id": T}`` runs one sync, idempotent on the message id.
"""

from __future__ import annotations

import functions_framework

from shared.connectors.runner import run_sync
from shared.connectors.schedule import SyncRequest, fan_out, run_id_for
from shared.deps import get_deps
from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage


@functions_framework.cloud_event
@pubsub_handler("sync", SyncRequest, context=lambda r: {"tenant": r.tenant_id, "source": r.source})
def sync_source(message: PubSubMessage, request: SyncRequest) -> str:
    deps = get_deps()
    if not request.tenant_id:
        fan_out(deps, request.source)
        return "fanned_out"
    run = run_sync(deps, request.source, request.tenant_id, run_id=run_id_for(request.source, message.message_id))
    return run.status
