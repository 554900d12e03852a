"""What every pricing and review phrasing set starts with: its case list and the ``add`` that fills it.

Also what both benches do before they import the project (:func:`bench_environment`) and how they ask a case
(:func:`ask_in_session`: ``"earlier turn >> question"`` is asked in one session).

A review set's case is ``(group, question, check)``; a pricing set's ``(group, tenant, question, check)``, the
tenant being the shop with competitor prices unless a case names the one without (``nocomp``).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

Check = Callable[[str, Any], bool]
ReviewCase = tuple[str, str, Check]
PricingCase = tuple[str, str, str, Check]


def review_cases() -> tuple[list[ReviewCase], Callable[[str, str, Check], None]]:
    """An empty review set and the ``add(group, question, check)`` that appends to it."""
    out: list[ReviewCase] = []

    def add(group: str, question: str, check: Check) -> None:
        out.append((group, question, check))

    return out, add


def pricing_cases(shop: str) -> tuple[list[PricingCase], Callable[..., None]]:
    """An empty pricing set and the ``add(group, question, check, tenant=shop)`` that appends to it."""
    out: list[PricingCase] = []

    def add(group: str, question: str, check: Check, tenant: str = shop) -> None:
        out.append((group, tenant, question, check))

    return out, add


def bench_environment(prefix: str) -> None:
    """No rate limits, a fresh ``ECOMINTEL_HOME`` named ``prefix...`` unless one is set, and no logs."""
    for key in ("TENANT", "KEY"):
        os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{key}_PER_MINUTE", "1000000")
        os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{key}_BURST", "1000000")
    os.environ.setdefault("ECOMINTEL_HOME", tempfile.mkdtemp(prefix=prefix))
    logging.disable(logging.CRITICAL)


def bench_today() -> date:
    """Today, or ``BENCH_TODAY=YYYY-MM-DD``: the sample merchant is generated for the day before, and which of its
    planted unreadable rows the ingest refuses depends on the day, so a set must hold on any day's rows."""
    given = os.environ.get("BENCH_TODAY")
    return date.fromisoformat(given) if given else datetime.now(UTC).date()


def ask_in_session(deps: Any, ask: Callable[..., Any], question: str, tenant: str) -> tuple[Any, float]:
    """The report of ``question`` and the seconds its last turn took.

    ``"earlier turn >> question"``: the earlier turns are asked first, in the question's own session.
    """
    *earlier, last = question.split(" >> ")
    session = f"bench-{uuid.uuid4().hex[:16]}" if earlier else None
    for turn in earlier:
        ask(deps, turn, tenant=tenant, use_cache=False, session_id=session)
    started = time.perf_counter()
    report = ask(deps, last, tenant=tenant, use_cache=False, session_id=session).report
    return report, time.perf_counter() - started
