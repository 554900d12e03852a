"""What every pricing and review phrasing set starts with: its case list and the ``add`` that fills it.

A review set's case is ``(group, question, check)``; a pricing set's ``(group, tenant, question, check)``, the
tenant being the shop with competitor prices unless a case names the one without (``nocomp``).
"""

from __future__ import annotations

from collections.abc import Callable
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
