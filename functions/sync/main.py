"""Scheduled / on-demand source sync (Pub/Sub ``sync-requested``).

``{"source": S}`` (from Cloud Scheduler) fans out one message per tenant with S enabled;
``{"source": S, "tenant_id": T}`` runs one sync, idempotent on the message id.
"""

import functions_framework
from cloudevents.http import CloudEvent

from shared.connectors.base import SOURCES, load_builtin_sources
from shared.connectors.runner import run_sync
from shared.connectors.schedule import fan_out, run_id_for
from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.events import decode_pubsub
from shared.observability.logs import configure_logging, get_logger, log_context, log_event

_log = get_logger("functions.sync")


@functions_framework.cloud_event
def sync_source(event: CloudEvent) -> None:
    configure_logging()
    try:
        message = decode_pubsub(event)
        payload = message.json()
        source = str(payload.get("source", "")) if isinstance(payload, dict) else ""
        load_builtin_sources()
        if source not in SOURCES:
            raise InvalidInput(f"unknown source {source!r}")
    except InvalidInput as exc:
        log_event(_log, "sync request rejected", severity="ERROR", error=str(exc))
        return  # permanent: acknowledge, do not retry
    tenant = payload.get("tenant_id")
    with log_context(event_id=message.message_id, tenant=tenant, source=source):
        deps = get_deps()
        if not tenant:
            tenants = fan_out(deps, source)
            log_event(_log, "sync fanned out", tenants=len(tenants))
            return
        run_sync(deps, source, str(tenant), run_id=run_id_for(source, message.message_id))
