"""The standard result every agent returns, and the request it receives.

Confidence is computed the same way for every agent: model certainty x data completeness x data
freshness, each in [0, 1], scaled to 0-100. When any factor cannot be assessed the score is ``None``
and ``known`` is ``False`` with the reason stated: confidence is never silently omitted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

AgentName = Literal["pricing", "sentiment", "forecast"]
Severity = Literal["info", "low", "medium", "high", "critical"]


class Confidence(BaseModel):
    """A 0-100 confidence with the three factors behind it."""

    score: int | None = Field(default=None, ge=0, le=100)
    known: bool = False
    model_certainty: float | None = Field(default=None, ge=0, le=1)
    data_completeness: float | None = Field(default=None, ge=0, le=1)
    data_freshness: float | None = Field(default=None, ge=0, le=1)
    explanation: str = ""

    @classmethod
    def compute(
        cls,
        *,
        model_certainty: float | None,
        data_completeness: float | None,
        data_freshness: float | None,
        explanation: str = "",
    ) -> Confidence:
        """Combine the factors; any unknown factor makes the score unknown (stated, not omitted)."""
        factors = {"model certainty": model_certainty, "data completeness": data_completeness,
                   "data freshness": data_freshness}
        clipped = {k: (None if v is None else min(1.0, max(0.0, float(v)))) for k, v in factors.items()}
        missing = [k for k, v in clipped.items() if v is None]
        if missing:
            return cls(model_certainty=clipped["model certainty"], data_completeness=clipped["data completeness"],
                       data_freshness=clipped["data freshness"],
                       explanation=(explanation + "; " if explanation else "")
                       + f"confidence unknown: {', '.join(missing)} could not be assessed")
        score = 100.0
        for v in clipped.values():
            score *= v  # type: ignore[operator]
        return cls(score=round(score), known=True, model_certainty=clipped["model certainty"],
                   data_completeness=clipped["data completeness"], data_freshness=clipped["data freshness"],
                   explanation=explanation)

    @staticmethod
    def freshness(latest: date | None, today: date, *, half_life_days: float = 14.0) -> float | None:
        """Freshness factor: 1 for data from today, halving every ``half_life_days``; None when no data."""
        if latest is None:
            return None
        age = max(0, (today - latest).days)
        return float(0.5 ** (age / half_life_days))


class Evidence(BaseModel):
    """Where a number came from: the values, the rows and/or the exact warehouse query."""

    description: str
    values: dict[str, float | int | str | None] = Field(default_factory=dict)
    row_ids: list[str] = Field(default_factory=list, description="Record keys or source file:row references.")
    query: str | None = Field(default=None, description="The exact parameterised warehouse query.")
    params: dict[str, Any] = Field(default_factory=dict)


class Finding(BaseModel):
    """One observation, with the numbers and evidence behind it."""

    id: str
    title: str
    detail: str = ""
    sku: str | None = None
    category: str | None = None
    severity: Severity = "info"
    metrics: dict[str, float | int | str | None] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence = Field(default_factory=Confidence)


class Action(BaseModel):
    """A recommended action, ranked by expected impact and urgency."""

    title: str
    detail: str = ""
    sku: str | None = None
    impact: float = Field(default=0.0, description="Expected effect in the tenant's currency (or units), >= 0.")
    urgency: Literal["low", "medium", "high"] = "medium"
    method: str = Field(default="", description="Which method produced the numbers (rule, elasticity, ...).")
    finding_ids: list[str] = Field(default_factory=list)


class AgentRequest(BaseModel):
    """What an agent is asked to analyse. Tenant comes from the authenticated caller, never the body."""

    tenant_id: str
    skus: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    horizon_days: int = Field(default=30, ge=1, le=730)
    start_date: date | None = None
    end_date: date | None = None
    price_change_pct: float | None = Field(default=None, ge=-90, le=500)
    as_of: date | None = Field(default=None, description="Treat this as today (tests, backfills).")
    options: dict[str, Any] = Field(default_factory=dict)


class AgentResult(BaseModel):
    """The standard result of every agent."""

    agent: AgentName
    tenant_id: str
    status: Literal["ok", "partial", "insufficient_data", "failed"] = "ok"
    summary: str = ""
    metrics: dict[str, float | int | str | None] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Data-quality warnings.")
    missing_data: list[str] = Field(default_factory=list, description="What is needed when analysis is impossible.")
    confidence: Confidence = Field(default_factory=Confidence)
    data: dict[str, Any] = Field(default_factory=dict, description="Agent-specific structured output (tables).")
    generated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    elapsed_ms: float | None = None
