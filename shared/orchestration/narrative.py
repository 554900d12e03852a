"""LLM narrative for a report, accepted only when every number it cites came from an agent."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared import regex as re
from shared.observability.logs import get_logger, log_event
from shared.orchestration.budget import spent_on_failure
from shared.orchestration.numbers import collect_numbers, unsupported_numbers
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.prompts import NARRATIVE_SYSTEM, narrative_prompt
from shared.orchestration.report import Report
from shared.ports import LanguageModel, LLMResponse
from shared.security.text_sinks import plain_text

_log = get_logger(__name__)


class Narrative(BaseModel):
    """Structured output of the narrative writer."""

    executive_summary: str = Field(max_length=4000)


MAX_FINDINGS_IN_PROMPT = 25
_QUOTED = re.compile(r'"[^"]*"')
MAX_ACTIONS_IN_PROMPT = 10


def _compact(result: dict[str, Any]) -> dict[str, Any]:
    """What the writer needs (no bulky tables, no SQL): keeps prompts and token costs bounded."""
    result["findings"] = [{k: v for k, v in f.items() if k != "evidence"} | {
        "evidence": [{k: v for k, v in e.items() if k not in ("query", "params", "row_ids")} for e in f["evidence"]]}
        for f in result.get("findings", [])[:MAX_FINDINGS_IN_PROMPT]]
    result["actions"] = result.get("actions", [])[:MAX_ACTIONS_IN_PROMPT]
    return result


def allowed_numbers(question: str, outcomes: list[AgentOutcome], report: Report) -> set[float]:
    """Numbers a narrative may cite: everything in agent results, the report's derived figures, the question."""
    allowed = collect_numbers([o.result for o in outcomes if o.result])
    collect_numbers(report.model_dump(mode="json", exclude={"generated_at", "executive_summary"}), allowed)
    collect_numbers(question, allowed)
    # the deterministic answer's own figures (totals, intervals), without the review text it quotes
    collect_numbers(_QUOTED.sub(" ", report.answer), allowed)
    return allowed


def narrate(llm: LanguageModel, question: str, outcomes: list[AgentOutcome], report: Report,
            timeout_seconds: float) -> tuple[Report, list[LLMResponse]]:
    """Replace the summary with the model's when it passes the number check; otherwise keep the deterministic one."""
    results = [_compact(o.result.model_dump(mode="json", exclude={"generated_at", "elapsed_ms", "data"}))
               for o in outcomes if o.result]
    missing = [m.model_dump(mode="json") for m in report.missing]
    try:
        response = llm.generate(system=NARRATIVE_SYSTEM,
                                prompt=narrative_prompt(question, results, missing, report.answer),
                                schema=Narrative, timeout_seconds=timeout_seconds)
    except Exception as exc:
        log_event(_log, "llm narrative failed", severity="WARNING", error=type(exc).__name__)
        report.warnings.append(f"LLM narrative unavailable ({type(exc).__name__}: {str(exc)[:120]}); "
                               "deterministic summary used")
        return report, spent_on_failure(exc)
    try:
        parsed = response.parsed if isinstance(response.parsed, Narrative) else Narrative.model_validate_json(
            response.text)
    except Exception as exc:
        report.warnings.append(f"LLM narrative rejected: output did not match the schema ({type(exc).__name__})")
        return report, [response]
    summary = plain_text(parsed.executive_summary)  # a narrative is plain text: no markup, no links
    if summary != parsed.executive_summary.strip():
        report.warnings.append("markup or links removed from the LLM narrative")
    bad = unsupported_numbers(summary, allowed_numbers(question, outcomes, report))
    if bad:
        log_event(_log, "llm narrative cited unknown numbers", severity="WARNING", numbers=bad[:10])
        report.warnings.append("LLM narrative rejected: it cited numbers no agent produced ("
                               + ", ".join(f"{n:g}" for n in bad[:10]) + "); deterministic summary used")
        return report, [response]
    report.executive_summary = summary
    report.narrative_source = "llm"
    return report, [response]
