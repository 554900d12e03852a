"""``synthesize``: on ``agent-part-done``, assemble the deep job's report once every part is in."""

from __future__ import annotations

from typing import Any

import functions_framework

from shared.deps import get_deps
from shared.observability.logs import configure_logging
from shared.orchestration.handlers import handle_part_done


@functions_framework.cloud_event
def synthesize_report(event: Any) -> None:
    """Handle one ``agent-part-done`` message."""
    configure_logging()
    handle_part_done(get_deps(), event)
