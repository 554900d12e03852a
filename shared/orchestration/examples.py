"""The three example questions ``ecomintel demo`` ends with."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from shared.orchestration.client import ask
from shared.orchestration.render import render_report
from shared.orchestration.report import QueryResponse

if TYPE_CHECKING:
    from shared.deps import Deps

EXAMPLE_QUESTIONS = (
    "Which of my products are overpriced compared to competitors, and what happens to demand if I cut SKU-123 "
    "by 10%?",
    "What are customers complaining about in their reviews over the last 30 days?",
    "Forecast demand for the next 4 weeks and tell me which products risk a stockout.",
)


def ask_examples(deps: Deps, tenant_id: str = "demo", *, out: TextIO | None = None) -> list[QueryResponse]:
    """Ask the example questions through the real query function and write each report to ``out``."""
    out = out or sys.stdout
    answers = []
    for q in EXAMPLE_QUESTIONS:
        resp = ask(deps, q, tenant=tenant_id, user="demo")
        answers.append(resp)
        if resp.report is not None:
            out.write(render_report(resp.report, cached=resp.cached) + "\n\n")
    return answers
