"""What an agent asked one specific question answers: the sentence, the ranked rows and the method.

The orchestrator decides which *ask* a question is (``stockout``, ``undercut``, ``complaints`` ...) and
sends the agent's asks in ``request.options["asks"]``; the agent answers each from its own tables and puts
the answers in ``result.data["answers"]``. The report's ``answer`` is assembled from them verbatim, so its
numbers are the agent's numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.models.agents import AgentName, AgentResult

AskKind = Literal[
    "overpriced", "underpriced", "undercut", "price_position", "what_if",
    "complaints", "rating_decline", "sentiment_overview",
    "stockout", "overstock", "forecast",
    "cheapest_competitor", "dearest_competitor", "versus_competitor", "competitor_stock", "competitor_prices",
    "out_of_stock", "reorder", "reprice", "aspect", "praise", "spam",
    "elasticity", "category_position", "map_violations", "ours_cheapest", "ours_dearest", "lost_sales",
    "competitor_coverage", "price_history", "review_length", "markup", "competitor_promotions",
]
ASK_KINDS: tuple[AskKind, ...] = (
    "overpriced", "underpriced", "undercut", "price_position", "what_if",
    "complaints", "rating_decline", "sentiment_overview",
    "stockout", "overstock", "forecast",
    "cheapest_competitor", "dearest_competitor", "versus_competitor", "competitor_stock", "competitor_prices",
    "out_of_stock", "reorder", "reprice", "aspect", "praise", "spam",
    "elasticity", "category_position", "map_violations", "ours_cheapest", "ours_dearest", "lost_sales",
    "competitor_coverage", "price_history", "review_length", "markup", "competitor_promotions",
)
#: The agent that answers each ask.
ASK_AGENT: dict[AskKind, AgentName] = {
    "overpriced": "pricing", "underpriced": "pricing", "undercut": "pricing", "price_position": "pricing",
    "what_if": "pricing",
    "complaints": "sentiment", "rating_decline": "sentiment", "sentiment_overview": "sentiment",
    "stockout": "forecast", "overstock": "forecast", "forecast": "forecast",
    "cheapest_competitor": "pricing", "dearest_competitor": "pricing", "versus_competitor": "pricing",
    "competitor_stock": "pricing", "competitor_prices": "pricing",
    "out_of_stock": "forecast", "reorder": "forecast", "reprice": "pricing",
    "aspect": "sentiment", "praise": "sentiment", "spam": "sentiment",
    "elasticity": "pricing", "category_position": "pricing", "map_violations": "pricing",
    "ours_cheapest": "pricing", "ours_dearest": "pricing", "lost_sales": "forecast", "competitor_coverage": "pricing",
    "price_history": "pricing", "review_length": "sentiment", "markup": "pricing",
    "competitor_promotions": "pricing",
}
#: Rows an answer carries at most (the report's table limit).
MAX_ANSWER_ROWS = 50


class AgentAnswer(BaseModel):
    """One ask answered: a sentence that states the answer with its numbers, and the rows behind it."""

    ask: AskKind
    text: str = Field(description="One sentence answering the ask, numbers included.")
    columns: list[str] = Field(default_factory=list)
    rows: list[list[Any]] = Field(default_factory=list, max_length=MAX_ANSWER_ROWS)
    total_rows: int = 0
    method: str = Field(default="", description="How the numbers were obtained.")
    skus: list[str] = Field(default_factory=list, description="SKUs the answer names, most relevant first.")
    finding_prefixes: list[str] = Field(default_factory=list,
                                        description="Finding id prefixes that support this answer.")
    answered: bool = Field(default=True, description="False when the data could not answer (text says why).")
    period_start: date | None = Field(default=None, description="First day of the period the answer covers.")
    period_end: date | None = None


def ranked_table(columns: list[str], rows: list[list[Any]]) -> tuple[list[list[Any]], int]:
    """The first :data:`MAX_ANSWER_ROWS` rows and how many there were."""
    return rows[:MAX_ANSWER_ROWS], len(rows)


def requested_asks(options: dict[str, Any], agent: AgentName, default: AskKind) -> list[AskKind]:
    """The asks the orchestrator sent this agent (``default`` when none: a direct call still answers)."""
    asks = [a for a in options.get("asks") or [] if a in ASK_AGENT and ASK_AGENT[a] == agent]
    return list(dict.fromkeys(asks)) or [default]


def answers_of(result: AgentResult) -> list[AgentAnswer]:
    """The answers an agent result carries (none for runners that do not answer asks)."""
    return [AgentAnswer.model_validate(a) for a in result.data.get("answers") or []]


def join_names(names: list[str], limit: int = 5) -> str:
    """``a, b and c`` (at most ``limit`` names, then ``and N more``)."""
    shown = names[:limit]
    more = len(names) - len(shown)
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def fmt_num(value: float, digits: int = 1) -> str:
    """A number as written in an answer: thousands separators, trailing zeros dropped."""
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
