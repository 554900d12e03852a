"""Splitting a large staged ingestion into parts that are processed one after the other (bounded memory).

Every step of processing that looks past one row looks only at rows of one canonical SKU: a record key
includes the SKU (sales, competitor prices, inventory), repeated order lines and versions are grouped by
record key, and gaps are filled from the same SKU's earlier rows. So a part made of whole canonical SKUs,
with every staged spelling that resolves to them (``sku-ab-1``, ``AB-1``, an ASIN), is processed exactly
as the whole file would be; only the memory it takes is a part's.
"""

from __future__ import annotations

from collections.abc import Mapping

from shared.models.records import DataKind
from shared.processing.sku import SkuResolver

#: Kinds whose rows depend on each other only within one SKU. Products feed the SKU resolver itself and
#: reviews are scored against the whole batch (duplicates, bursts), so those are processed whole.
PARTITIONED_KINDS = frozenset({DataKind.SALES, DataKind.COMPETITOR_PRICES, DataKind.INVENTORY})


def plan_parts(kind: DataKind, staged: Mapping[str, int], resolver: SkuResolver,
               max_rows: int) -> list[list[str]] | None:
    """The staged SKU spellings of each part, or ``None`` when the ingestion is processed whole.

    ``staged`` maps each staged SKU to its row count. Parts hold whole canonical SKUs and at most
    ``max_rows`` rows, except a part of one SKU that alone has more.
    """
    if kind not in PARTITIONED_KINDS or sum(staged.values()) <= max_rows:
        return None
    resolved = resolver.resolve_many(staged)
    spellings: dict[str, list[str]] = {}
    for raw in staged:
        spellings.setdefault(resolved[raw].sku, []).append(raw)
    parts: list[list[str]] = []
    current: list[str] = []
    rows = 0
    for sku in sorted(spellings):
        n = sum(staged[raw] for raw in spellings[sku])
        if current and rows + n > max_rows:
            parts.append(current)
            current, rows = [], 0
        current.extend(sorted(spellings[sku]))
        rows += n
    if current:
        parts.append(current)
    return parts
