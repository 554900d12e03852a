"""How did you get that? The answer again with how it was obtained, in words a merchant can check.

The evidence a metric answer carries (the metrics layer's description and its compiled SQL with parameters) is
shown in the console's evidence panel; a merchant who asks in the conversation gets it in the answer: what each
measure is, which rows were read, and the query itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.orchestration.report import AnswerEvidence
from shared.store.metrics.catalog import METRICS


def how_obtained(evidence: list[AnswerEvidence], metrics: Sequence[str]) -> str:
    """The sentences that say how an answer was obtained: each measure's definition, then each query run."""
    defined = "; ".join(f"{m}: {METRICS[m].description.rstrip('.')}" for m in metrics if m in METRICS)
    out = [f"How it was obtained: {defined}." if defined else "How it was obtained:"]
    for e in evidence:
        if e.sql:
            params = ", ".join(f"{k}={v}" for k, v in sorted(e.params.items()))
            out.append(
                f"{e.description[:1].upper()}{e.description[1:]}, read from your stored rows with this query"
                f"{f' ({e.dialect})' if e.dialect else ''}: {' '.join(e.sql.split())}"
                f"{f' [parameters: {params}]' if params else ''}."
            )
        elif e.method:
            out.append(f"{e.agent or 'agent'}: {e.method}.")
    return " ".join(out)
