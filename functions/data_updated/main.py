"""``data_updated``: on ``data-updated``, bump the tenant's data version, warm its vocabulary."""

from __future__ import annotations

from typing import Any

import functions_framework

from shared.deps import get_deps
from shared.observability.logs import configure_logging
from shared.orchestration.data_updated import handle_data_updated


@functions_framework.cloud_event
def on_data_updated(event: Any) -> None:
    """Handle one ``data-updated`` message."""
    configure_logging()
    handle_data_updated(get_deps(), event)
