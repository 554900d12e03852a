"""Planning: the LLM planner (structured output, timeout) with a fall-back to the pattern router on any error."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

from shared.agents.answers import ASK_AGENT
from shared.observability.logs import get_logger, log_event
from shared.orchestration.budget import spent_on_failure
from shared.orchestration.plan import LlmPlan, Plan
from shared.orchestration.prompts import PLANNER_SYSTEM, planner_prompt
from shared.orchestration.router import route
from shared.ports import LanguageModel, LLMResponse

_log = get_logger(__name__)


@dataclass
class PlanningOutcome:
    """The plan, who made it, the LLM responses to account for, and warnings."""

    plan: Plan
    planner: Literal["router", "llm"]
    responses: list[LLMResponse] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan_question(question: str, *, llm: LanguageModel | None, timeout_seconds: float,
                  previous_question: str | None = None, today: date | None = None) -> PlanningOutcome:
    """Plan with the model when one is given; on any failure, the router's plan (with a warning)."""
    routed = route(question, today=today)
    if llm is None:
        return PlanningOutcome(routed, "router")
    today = today or datetime.now(UTC).date()
    try:
        response = llm.generate(system=PLANNER_SYSTEM, prompt=planner_prompt(question, previous_question,
                                                                              today.isoformat()),
                                schema=LlmPlan, timeout_seconds=timeout_seconds)
    except Exception as exc:  # any model failure: the deterministic planner answers
        log_event(_log, "llm planner failed; using router", severity="WARNING", error=f"{type(exc).__name__}")
        return PlanningOutcome(routed, "router", spent_on_failure(exc),
                               [f"LLM planner unavailable ({type(exc).__name__}: {str(exc)[:120]}); "
                                "used the pattern router"])
    try:
        parsed = response.parsed if isinstance(response.parsed, LlmPlan) else LlmPlan.model_validate_json(
            response.text)
        plan = parsed.to_plan()
    except Exception as exc:
        log_event(_log, "llm plan invalid; using router", severity="WARNING", error=f"{type(exc).__name__}")
        return PlanningOutcome(routed, "router", [response],
                               [f"LLM plan rejected ({type(exc).__name__}); used the pattern router"])
    # Entities the router found with certainty (SKUs, explicit price change) are kept if the model dropped them.
    e = plan.entities
    if not e.skus and routed.entities.skus:
        e.skus = routed.entities.skus
    if e.price_change_pct is None and routed.entities.price_change_pct is not None:
        e.price_change_pct = routed.entities.price_change_pct
    if e.price_change_pct is None and e.price_target is None:  # "drop the vase to $24"
        e.price_target = routed.entities.price_target
    if not plan.sku_scope and e.skus == routed.entities.skus:
        plan.sku_scope = {a: v for a, v in routed.sku_scope.items() if a in plan.agents}
    if not plan.asks:  # the model named the agents; what exactly each is asked comes from the question's words
        agents = set(plan.agents)
        plan.asks = [a for a in routed.asks if ASK_AGENT[a] in agents]
    return PlanningOutcome(plan, "llm", [response])
