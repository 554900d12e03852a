"""The date an agent treats as today: the request's ``as_of``, else the latest date in the data it needs.

A merchant whose export ended a year ago still gets answers, as of that date; how far the data lies
behind the wall clock lowers confidence (with the reason stated) instead of emptying the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from shared.models.agents import Confidence
from shared.models.records import DataKind
from shared.ports import Warehouse
from shared.store.extent import as_of_date

#: Data this many days behind the wall clock is current (a nightly export lands a day or two late).
CURRENT_LAG_DAYS = 7
#: Beyond that, the freshness factor halves every this many days ...
STALE_HALF_LIFE_DAYS = 365.0
#: ... but never falls below this: stale data still answers "as of" its own date.
STALE_FLOOR = 0.5


@dataclass(frozen=True)
class AsOf:
    """The agent's "today", where it came from, and how far it lies behind the wall clock."""

    date: date
    source: Literal["request", "data", "clock"]
    lag_days: int

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form for ``result.data["as_of"]``."""
        return {"date": self.date.isoformat(), "source": self.source, "lag_days": self.lag_days}


def resolve_as_of(warehouse: Warehouse, tenant_id: str, requested: date | None, kinds: tuple[DataKind, ...],
                  *, clock: date | None = None) -> AsOf:
    """``requested`` when given; else the latest date of ``kinds`` for the tenant; else the wall clock."""
    today = clock or datetime.now(UTC).date()
    if requested is not None:
        return AsOf(requested, "request", 0)
    latest = as_of_date(warehouse, tenant_id, kinds)
    if latest is None:
        return AsOf(today, "clock", 0)
    return AsOf(latest, "data", max(0, (today - latest).days))


def staleness_factor(lag_days: int) -> float:
    """1.0 for current data; halving per :data:`STALE_HALF_LIFE_DAYS` beyond the grace, floored."""
    excess = max(0, lag_days - CURRENT_LAG_DAYS)
    return max(STALE_FLOOR, 0.5 ** (excess / STALE_HALF_LIFE_DAYS))


def stale_note(as_of: AsOf) -> str | None:
    """The stated reason confidence was lowered, or ``None`` when the data is current."""
    if as_of.source != "data" or as_of.lag_days <= CURRENT_LAG_DAYS:
        return None
    return (f"the data ends {as_of.date.isoformat()}, {as_of.lag_days} days before today: answered as of that "
            f"date, confidence lowered (freshness x{staleness_factor(as_of.lag_days):.2f})")


def apply_staleness(confidence: Confidence, as_of: AsOf) -> Confidence:
    """``confidence`` with its freshness factor scaled for data that stopped long before today."""
    note = stale_note(as_of)
    if note is None:
        return confidence
    freshness = None if confidence.data_freshness is None else confidence.data_freshness * staleness_factor(
        as_of.lag_days)
    return Confidence.compute(model_certainty=confidence.model_certainty,
                              data_completeness=confidence.data_completeness, data_freshness=freshness,
                              explanation=(confidence.explanation + "; " if confidence.explanation else "") + note)
