"""Agent runners by name. Each runner is ``run(deps, request) -> AgentResult`` and lives with its core.

Runners are imported lazily (by dotted path) so a function only pays for the agent it runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from shared.models.agents import AgentName, AgentRequest, AgentResult

if TYPE_CHECKING:
    from shared.deps import Deps

Runner = Callable[["Deps", AgentRequest], AgentResult]

AGENT_RUNNERS: dict[AgentName, str] = {
    "pricing": "shared.pricing.agent:run",
    "sentiment": "shared.sentiment.agent:run",
    "forecast": "shared.forecast.agent:run",
}


def get_runner(name: AgentName) -> Runner:
    """Import and return the runner of agent ``name``."""
    module, _, attr = AGENT_RUNNERS[name].partition(":")
    runner: Runner = getattr(importlib.import_module(module), attr)
    return runner
