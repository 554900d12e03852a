"""The tenant's language model as the orchestrator may use it: within the token budget, every use recorded.

Both the quick path (``service``) and deep jobs (``jobs``) narrate reports; this is the one place that
decides whether the model may be asked and books what it spent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.orchestration import budget as budget_mod
from shared.orchestration.metrics import LLM_TOKENS
from shared.orchestration.narrative import narrate
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.report import Report
from shared.ports import LanguageModel, LLMResponse

if TYPE_CHECKING:
    from shared.deps import Deps


def record_usage(deps: Deps, tenant_id: str, responses: list[LLMResponse]) -> None:
    """Book the tokens of ``responses`` against the tenant's budget and the token counters."""
    for r in responses:
        budget_mod.record_usage(deps.documents, tenant_id, r)
        LLM_TOKENS.labels(direction="input").inc(r.input_tokens)
        LLM_TOKENS.labels(direction="output").inc(r.output_tokens)


def llm_for(deps: Deps, tenant_id: str) -> tuple[LanguageModel | None, budget_mod.BudgetStatus | None]:
    """The model to use for this tenant now (``None`` when unconfigured or over budget) and the budget status."""
    llm = deps.llm
    if llm is None:
        return None, None
    s = deps.settings
    status = budget_mod.budget_status(deps.documents, tenant_id, s.llm_token_budget, s.llm_budget_warning_ratio)
    return (None if status.state == "exceeded" else llm), status


def maybe_narrate(deps: Deps, tenant_id: str, question: str, outcomes: list[AgentOutcome], report: Report) -> Report:
    """Let the model write the summary when available and within budget (numbers checked)."""
    llm, _ = llm_for(deps, tenant_id)
    if llm is None:
        return report
    report, responses = narrate(llm, question, outcomes, report, deps.settings.llm_timeout_seconds)
    record_usage(deps, tenant_id, responses)
    return report
