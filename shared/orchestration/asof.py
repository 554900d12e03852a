"""The date a question's relative phrases ("last 90 days", "next month") resolve against.

Not the wall clock: the latest date in the data the question needs (per tenant), so a merchant whose
export ended a year ago gets "the last 90 days" of that export rather than an empty window.
"""

from __future__ import annotations

from datetime import date

from shared.models.agents import AgentName
from shared.models.records import DataKind
from shared.orchestration.plan import INTENT_AGENTS
from shared.orchestration.router import detect_intents
from shared.ports import Warehouse
from shared.store.extent import as_of_date

#: The dated data each agent reads (its own as-of is the latest of these).
AGENT_KINDS: dict[AgentName, tuple[DataKind, ...]] = {
    "pricing": (DataKind.COMPETITOR_PRICES, DataKind.SALES),
    "sentiment": (DataKind.REVIEWS,),
    "forecast": (DataKind.SALES, DataKind.INVENTORY),
}


def kinds_for_question(question: str) -> tuple[DataKind, ...]:
    """The dated kinds the agents a question needs will read (every kind for an overview)."""
    intents = detect_intents(question) or ["overview"]
    agents = {a for i in intents for a in INTENT_AGENTS[i]}
    return tuple(dict.fromkeys(k for a in ("pricing", "sentiment", "forecast") if a in agents
                               for k in AGENT_KINDS[a]))


def question_as_of(warehouse: Warehouse, tenant_id: str, question: str) -> date | None:
    """The latest date in the tenant's data that ``question`` needs; ``None`` when it has none."""
    return as_of_date(warehouse, tenant_id, kinds_for_question(question))
