"""``forecast_job``: run the forecast agent for one deep-mode task and store its part."""

from __future__ import annotations

from typing import Any

import functions_framework

from shared.deps import get_deps
from shared.observability.logs import configure_logging
from shared.orchestration.handlers import handle_agent_task


@functions_framework.cloud_event
def forecast_job(event: Any) -> None:
    """Handle one ``agent-task-forecast`` message."""
    configure_logging()
    handle_agent_task(get_deps(), event, "forecast")
