"""Two categories (or brands) compared, read as those groups rather than their products (#18).

"Home vs Outdoor reviews" compares the two groups' ratings (:func:`compared_reviews`), not how many reviews each has.

"Do Kitchen products get better reviews than Apparel?" names two categories and compares them; "products" there is
what the categories hold, not a breakdown by product. With two or more categories (or brands) named, a comparison
word ("than", "vs", "or", "compared") and "products"/"items" right after one of the names, the question is grouped by
that dimension (``category`` / ``brand``) instead of ``sku``. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared import regex as re
from shared.questions.vocabulary import EntityMatch
from shared.store.metrics.model import DimensionName, MetricName

_COMPARED = re.compile(r"\bthan\b|\bvs\.?(?!\w)|\bversus\b|\bor\b|\bcompar\w*|\bagainst\b", re.I)
_PRODUCTS_AFTER = re.compile(r"\s+(?:products?|items?|goods|lines?|skus?|range)\b", re.I)
#: "How many", "most reviews": the reviews counted, even when two groups are compared.
_COUNTED = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\w*|\bvolume\b|\b(?:most|more|fewer|less) reviews\b|"
                      r"\bhow much\b", re.I)
_VERSUS = re.compile(r"\bvs\.?(?!\w)|\bversus\b|\bcompar\w*|\bagainst\b", re.I)
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


def compared_reviews(question: str, matches: Sequence[EntityMatch], metrics: list[MetricName]) -> list[MetricName]:
    """The rating, then the count, for "Home vs Outdoor reviews": two groups' reviews set side by side.

    A question that counts ("how many reviews, Home vs Outdoor") keeps the count.
    """
    if metrics != ["review_count"] or not _VERSUS.search(question) or _COUNTED.search(question):
        return metrics
    for kind in ("category", "brand", "channel"):  # two products keep their reading (count, then rating)
        if len({v for m in matches if m.kind == kind for v in m.values}) >= 2:
            return ["avg_rating", "review_count"]
    return metrics
