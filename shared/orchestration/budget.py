"""LLM token accounting per tenant and calendar month, with a warning level and a hard budget.

Document ``tenants/{t}/llm_usage/{YYYY-MM}``: ``{"input_tokens", "output_tokens", "total_tokens", "calls"}``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel

from shared.ports import DocumentStore, LLMResponse
from shared.store.documents.counters import llm_usage_collection


class BudgetStatus(BaseModel):
    """Where a tenant stands against its token budget this period."""

    period: str
    used: int
    budget: int
    state: Literal["ok", "warning", "exceeded"]

    @property
    def message(self) -> str:
        """Human-readable status."""
        pct = 100 * self.used / self.budget if self.budget else 100.0
        return f"LLM token budget {self.state}: {self.used} of {self.budget} tokens used in {self.period} ({pct:.0f}%)"


def period(now: datetime | None = None) -> str:
    """The accounting period (calendar month, UTC)."""
    return (now or datetime.now(UTC)).strftime("%Y-%m")


def budget_status(documents: DocumentStore, tenant_id: str, budget: int, warning_ratio: float,
                  *, now: datetime | None = None) -> BudgetStatus:
    """Usage against the budget: ``warning`` from ``warning_ratio``, ``exceeded`` at or over it."""
    p = period(now)
    doc = documents.get(llm_usage_collection(tenant_id), p) or {}
    used = int(doc.get("total_tokens", 0))
    state: Literal["ok", "warning", "exceeded"] = "ok"
    if used >= budget:
        state = "exceeded"
    elif used >= warning_ratio * budget:
        state = "warning"
    return BudgetStatus(period=p, used=used, budget=budget, state=state)


def record_usage(documents: DocumentStore, tenant_id: str, response: LLMResponse, *,
                 now: datetime | None = None) -> int:
    """Add one call's tokens; returns the period total."""

    def update(doc: dict[str, Any] | None) -> int:
        assert doc is not None  # the store passes {} for a new document
        doc["input_tokens"] = int(doc.get("input_tokens", 0)) + response.input_tokens
        doc["output_tokens"] = int(doc.get("output_tokens", 0)) + response.output_tokens
        doc["total_tokens"] = int(doc.get("total_tokens", 0)) + response.input_tokens + response.output_tokens
        doc["calls"] = int(doc.get("calls", 0)) + 1
        return int(doc["total_tokens"])

    return documents.transact(llm_usage_collection(tenant_id), period(now), update)


def spent_on_failure(exc: BaseException) -> list[LLMResponse]:
    """Tokens an adapter reports for a failed call (e.g. an answer that missed the schema), for accounting."""
    details = getattr(exc, "details", None)
    if not isinstance(details, dict) or not (details.get("input_tokens") or details.get("output_tokens")):
        return []
    return [LLMResponse(text="", input_tokens=int(details.get("input_tokens") or 0),
                        output_tokens=int(details.get("output_tokens") or 0))]
