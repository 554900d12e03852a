"""Two categories (or brands) compared, read as those groups rather than their products (#18).

"Do Kitchen products get better reviews than Apparel?" names two categories and compares them; "products" there is
what the categories hold, not a breakdown by product. With two or more categories (or brands) named, a comparison
word ("than", "vs", "or", "compared") and "products"/"items" right after one of the names, the question is grouped by
that dimension (``category`` / ``brand``) instead of ``sku``. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shared.questions.vocabulary import EntityMatch
from shared.store.metrics.model import DimensionName

_COMPARED = re.compile(r"\bthan\b|\bvs\.?(?!\w)|\bversus\b|\bor\b|\bcompar\w*|\bagainst\b", re.I)
_PRODUCTS_AFTER = re.compile(r"\s+(?:products?|items?|goods|lines?|skus?|range)\b", re.I)
_GROUPS: dict[str, DimensionName] = {"category": "category", "brand": "brand"}


def compared_groups(question: str, matches: Sequence[EntityMatch],
                    dims: list[DimensionName]) -> list[DimensionName]:
    """``dims`` with ``sku`` replaced by the group two named categories or brands are compared by."""
    if dims != ["sku"] or not _COMPARED.search(question):
        return dims
    for kind, dim in _GROUPS.items():
        named = [m for m in matches if m.kind == kind]
        if len({v for m in named for v in m.values}) >= 2 and any(
                _PRODUCTS_AFTER.match(question[m.span[1]:]) for m in named):
            return [dim]
    return dims
