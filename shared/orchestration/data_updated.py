"""The ``data-updated`` handler, apart from the agent handlers so ``data_updated`` imports no agent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.event_handler import pubsub_handler
from shared.events import PubSubMessage
from shared.observability.logs import get_logger, log_event
from shared.orchestration.versions import DataUpdated, bump_version

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)


def handle_data_updated(deps: Deps, event: Any) -> None:
    """``data-updated``: bump the tenant's data version so cached answers go stale."""

    @pubsub_handler("data_updated", DataUpdated, context=lambda u: {"tenant": u.tenant_id})
    def run(message: PubSubMessage, update: DataUpdated) -> None:
        version = bump_version(deps.documents, update)
        log_event(_log, "data version bumped", kind=update.kind, ingestion_id=update.ingestion_id, version=version)

    run(event)
