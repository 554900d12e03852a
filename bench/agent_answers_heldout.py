"""The held-out agent-answer set (``heldout``): written after the fixes the ``merchant`` set led to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.agent_answers_merchant import Check

if TYPE_CHECKING:
    from shared.sample.merchant import SampleMerchant


def heldout_questions(truth: SampleMerchant) -> list[tuple[str, Check]]:
    """The held-out questions with their checks."""
    return []
