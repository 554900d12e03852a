"""``forecast_warmup``: on ``data-updated`` for sales, fit and store the tenant's forecasts at every horizon band."""

from __future__ import annotations

from typing import Any

import functions_framework

from shared.deps import get_deps
from shared.observability.logs import configure_logging
from shared.orchestration.forecast_warmup import handle_forecast_warmup


@functions_framework.cloud_event
def forecast_warmup(event: Any) -> None:
    """Handle one ``data-updated`` message."""
    configure_logging()
    handle_forecast_warmup(get_deps(), event)
