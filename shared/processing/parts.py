"""Splitting a large staged ingestion into parts that are processed one after the other (bounded memory).

Every step of processing that looks past one row looks only at rows of one canonical SKU: a record key
includes the SKU and the day (sales, competitor prices, inventory), repeated order lines and versions are
grouped by record key, and gaps are filled from the same SKU's earlier rows. So a part made of whole canonical
SKUs, with every staged spelling that resolves to them (``sku-ab-1``, ``AB-1``, an ASIN), is processed exactly
as the whole file would be; only the memory it takes is a part's.

A SKU with more rows than a part holds (a store's daily total over years, a one-product shop) is cut further,
into runs of whole days: a record key never spans two days, and the one thing a later day takes from an earlier
one, the last known price or lead time, is carried from part to part (``GapContext.carried``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from shared.models.records import DataKind
from shared.processing.sku import SkuResolver

#: Kinds whose rows depend on each other only within one SKU. Products feed the SKU resolver itself and
#: reviews are scored against the whole batch (duplicates, bursts), so those are processed whole.
PARTITIONED_KINDS = frozenset({DataKind.SALES, DataKind.COMPETITOR_PRICES, DataKind.INVENTORY})


@dataclass(frozen=True)
class Part:
    """The staged rows of some SKU spellings, optionally only those dated in ``[since, before)``."""

    skus: tuple[str, ...]
    since: date | None = None
    before: date | None = None


#: The staged row count per day of some SKU spellings (read only for a SKU too large for one part).
DayCounts = Callable[[Sequence[str]], Mapping[date, int]]


def plan_parts(kind: DataKind, staged: Mapping[str, int], resolver: SkuResolver, max_rows: int,
               day_counts: DayCounts) -> list[Part] | None:
    """The parts to process one after the other, or ``None`` when the ingestion is processed whole.

    ``staged`` maps each staged SKU spelling to its row count. Parts hold whole canonical SKUs and at most
    ``max_rows`` rows; a SKU with more is cut into runs of whole days of at most ``max_rows`` rows each (a single
    day with more is one part: its rows share record keys).
    """
    if kind not in PARTITIONED_KINDS or sum(staged.values()) <= max_rows:
        return None
    resolved = resolver.resolve_many(staged)
    spellings: dict[str, list[str]] = {}
    for raw in staged:
        spellings.setdefault(resolved[raw].sku, []).append(raw)
    parts: list[Part] = []
    current: list[str] = []
    rows = 0
    for sku in sorted(spellings):
        names = sorted(spellings[sku])
        n = sum(staged[raw] for raw in names)
        if n > max_rows:
            parts.extend(_day_runs(tuple(names), day_counts(names), max_rows))
            continue
        if current and rows + n > max_rows:
            parts.append(Part(tuple(current)))
            current, rows = [], 0
        current.extend(names)
        rows += n
    if current:
        parts.append(Part(tuple(current)))
    return parts


def _day_runs(skus: tuple[str, ...], per_day: Mapping[date, int], max_rows: int) -> list[Part]:
    """One SKU's days cut into consecutive runs of at most ``max_rows`` rows; the first and last are open-ended."""
    starts: list[date] = []
    rows = 0
    for day in sorted(per_day):
        if not starts or rows + per_day[day] > max_rows:
            starts.append(day)
            rows = 0
        rows += per_day[day]
    if len(starts) <= 1:
        return [Part(skus)]
    bounds: list[date | None] = [None, *starts[1:], None]
    return [Part(skus, since, before) for since, before in zip(bounds, bounds[1:], strict=False)]
