"""The three example questions ``ecomintel demo`` ends with (``ask_examples(deps)`` is the demo's hook)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from shared.orchestration.client import ask
from shared.orchestration.render import render_report
from shared.orchestration.report import Mode, QueryResponse
from shared.store.catalogue import top_sku as best_selling_sku

if TYPE_CHECKING:
    from shared.deps import Deps

#: (question template, mode). ``{sku}`` is the tenant's best-selling SKU. The catalogue-wide forecast runs
#: in deep mode: it goes through the job topics and the synthesizer, without quick mode's time budget.
EXAMPLES: tuple[tuple[str, Mode], ...] = (
    ("Which of my products are overpriced compared to competitors, and what happens to demand if I cut {sku} "
     "by 10%?", "quick"),
    ("What are customers complaining about in their reviews over the last 90 days?", "quick"),
    ("Forecast demand for the next 4 weeks and tell me which products risk a stockout.", "deep"),
)


def top_sku(deps: Deps, tenant_id: str, default: str = "SKU-123") -> str:
    """The tenant's best-selling SKU (``default`` when it has no sales yet)."""
    return best_selling_sku(deps.warehouse, tenant_id) or default


def ask_examples(deps: Deps, tenant_id: str = "demo", *, out: TextIO | None = None) -> list[QueryResponse]:
    """Ask the example questions through the real query function and write each report to ``out``."""
    out = out or sys.stdout
    sku = top_sku(deps, tenant_id)
    answers = []
    for template, mode in EXAMPLES:
        question = template.format(sku=sku)
        out.write(f"\n>>> ecomintel ask {question!r} --tenant {tenant_id} --mode {mode}\n\n")
        resp = ask(deps, question, tenant=tenant_id, user="demo", mode=mode)
        answers.append(resp)
        if resp.report is not None:
            out.write(render_report(resp.report, cached=resp.cached) + "\n")
        else:
            out.write(f"(job {resp.job_id} still running; poll GET /v1/jobs/{resp.job_id})\n")
    return answers
