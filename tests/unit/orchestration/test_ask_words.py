"""Every ask has the words a report uses when its agent could not answer it (a missing one was a crash)."""

from __future__ import annotations

from shared.agents.answers import ASK_KINDS
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.plan import Plan
from shared.orchestration.synthesis import _ASK_WORDS, assemble_answer


def test_every_ask_can_be_said_unanswered() -> None:
    assert set(_ASK_WORDS) == set(ASK_KINDS)
    plan = Plan(intents=["sentiment"], asks=["aspect", "praise"])
    failed = [AgentOutcome(agent="sentiment", status="timed_out", error="no result within 8s")]
    text = assemble_answer(plan, failed).text
    assert text.startswith("Could not answer what reviews say about it: the sentiment agent timed out")
    assert "Could not answer what customers like:" in text
