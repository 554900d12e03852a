"""What running one agent produced: a result, or the reason there is none."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from shared.models.agents import AgentName, AgentResult


class AgentOutcome(BaseModel):
    """The result of one agent task, or why it is missing (failure isolated to that agent)."""

    agent: AgentName
    status: Literal["ok", "failed", "timed_out"]
    result: AgentResult | None = None
    error: str | None = None
    elapsed_ms: float | None = None
