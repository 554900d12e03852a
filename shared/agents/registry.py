"""Agent runners by name. Each runner is ``run(deps, request) -> AgentResult`` and lives with its core.

Runners are imported lazily (by dotted path) so a function only pays for the agent it runs. A runner's module may
define ``prepare()``: what its first answer would otherwise load inside its time budget (libraries it imports where
used, tables read once), done by :func:`prepare_runner` before the clock starts. What a prepare loaded lives as long
as the process, so it is then frozen out of the garbage collector's full passes (see :func:`_settle_loaded`).
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from functools import cache
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


def prepare_runner(name: AgentName) -> None:
    """Import agent ``name`` and run its module's ``prepare()``, if it has one (a cold start's loads, once)."""
    module = importlib.import_module(AGENT_RUNNERS[name].partition(":")[0])
    prepare: Callable[[], None] | None = getattr(module, "prepare", None)
    if prepare is not None:
        prepare()
        _settle_loaded(name)


@cache
def _settle_loaded(name: AgentName) -> None:
    """Move what is alive after agent ``name``'s first prepare out of the collector's reach (once per agent).

    The word tables, lexicons and imported modules are ~180k long-lived objects: every full collection walked them
    again, 0.27-0.30 s once per sentiment overview (a fifth of its time, idle). One collection here, before any
    question's clock, leaves no garbage to freeze with them; later objects are collected as before.
    """
    gc.collect()
    gc.freeze()
