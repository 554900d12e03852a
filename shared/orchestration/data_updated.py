"""The ``data-updated`` handler, apart from the agent handlers so ``data_updated`` imports no agent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.observability.logs import get_logger, log_context, log_event
from shared.observability.metrics import EVENTS_HANDLED
from shared.orchestration.decoding import decode_payload
from shared.orchestration.versions import DataUpdated, bump_version

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)


def handle_data_updated(deps: Deps, event: Any) -> None:
    """``data-updated``: bump the tenant's data version so cached answers go stale."""
    decoded = decode_payload(event, DataUpdated, "data_updated")
    if decoded is None:
        return
    msg, update = decoded
    with log_context(event_id=msg.event_id, tenant=update.tenant_id):
        version = bump_version(deps.documents, update)
        log_event(_log, "data version bumped", kind=update.kind, ingestion_id=update.ingestion_id, version=version)
        EVENTS_HANDLED.labels(function="data_updated", outcome="ok").inc()
