"""How the agent reads review polarity: which method, for which reviews, within its deadline.

The accurate encoder reads tens of sentences per second, so an agent answering a question cannot send a
year of a catalogue's reviews through it. :func:`plan_scoring` picks the reviews that matter most for an
answer, the most recent ones of every product (round robin, up to :data:`ACCURATE_PER_SKU` each, within
what the deadline allows), asks :func:`shared.sentiment.modes.choose_method` whether accurate mode fits
them, and scores the rest with the fast method. The encoder's first load in a process is part of the budget (a
cold instance with a short deadline answers with the fast method). The plan depends only on the request
and on whether the encoder is loaded, not on timings, so the same request gives the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.sentiment.modes import ACCURATE_RATE, Purpose, choose_method

#: The most recent reviews per product read accurately (an answer is about what customers say now).
ACCURATE_PER_SKU = 25
#: The method for the reviews the accurate encoder does not read.
FALLBACK = "fast"
#: Seconds the encoder takes to load on its first use in a process (90 MB of weights; measured 3-5 s on
#: the shared 2-core machine). A deadline that cannot absorb it is met with the fast method.
ENCODER_COLD_START_S = 5.0


class _EncoderState:
    """Whether this process has loaded the encoder (its cold start is paid once per instance)."""

    warm = False


def encoder_warm() -> bool:
    """Whether the encoder has already been used in this process."""
    return _EncoderState.warm


def mark_encoder_warm() -> None:
    """Record that the encoder ran (later plans need not budget its cold start)."""
    _EncoderState.warm = True


@dataclass(frozen=True)
class ScoringPlan:
    """The method for every review, the reviews read accurately on top of it, and why."""

    method: str
    accurate_rows: tuple[int, ...]
    reason: str
    total: int

    @property
    def label(self) -> str:
        """``accurate``, ``fast``, ``lexicon`` or ``accurate+fast`` (accurate for some reviews only)."""
        if self.accurate_rows and len(self.accurate_rows) < self.total:
            return f"accurate+{self.method}"
        return "accurate" if self.accurate_rows else self.method

    def describe(self) -> str:
        """One sentence for the result: which method read how many reviews."""
        n_acc = len(self.accurate_rows)
        if not n_acc:
            return f"Review polarity read with the {self.method} method for all {self.total} reviews ({self.reason})."
        if n_acc == self.total:
            return f"Review polarity read with the accurate method (sentence embeddings) for all {n_acc} reviews " \
                   f"({self.reason})."
        return (f"Review polarity read with the accurate method (sentence embeddings) for the {n_acc} most recent "
                f"reviews (up to {ACCURATE_PER_SKU} per product) and the {self.method} method for the other "
                f"{self.total - n_acc} ({self.reason}).")

    def as_dict(self) -> dict[str, Any]:
        """JSON form for ``data.method``."""
        return {"method": self.label, "accurate_reviews": len(self.accurate_rows),
                "other_reviews": self.total - len(self.accurate_rows),
                "other_method": self.method, "reason": self.reason, "description": self.describe()}


def recent_first(skus: Sequence[str], dates: Sequence[date | None], per_sku: int, budget: int) -> list[int]:
    """Row indexes: each product's most recent reviews in turn (round robin), ``per_sku`` each, ``budget`` in all."""
    # an undated review counts as the oldest: what customers say now comes first where dates say what "now" is
    ordinal = [d.toordinal() if d is not None else 0 for d in dates]
    order = sorted(range(len(skus)), key=lambda i: (skus[i], -ordinal[i], i))
    rank: list[tuple[int, int, int]] = []
    current, k = None, 0
    for i in order:
        k = k + 1 if skus[i] == current else 0
        current = skus[i]
        if k < per_sku:
            rank.append((k, -ordinal[i], i))
    rank.sort()
    return sorted(i for _, _, i in rank[:budget])


def plan_scoring(
    skus: Sequence[str],
    dates: Sequence[date | None],
    *,
    requested: str,
    purpose: Purpose | None,
    deadline_s: float | None,
    accurate_available: bool | None = None,
) -> ScoringPlan:
    """Choose the polarity method by volume and deadline, accurate for the most recent reviews that fit.

    Args:
        skus: each review's product.
        dates: each review's date.
        requested: ``auto`` or a method of :data:`shared.sentiment.modes.METHODS`.
        purpose: ``question``/``digest`` favour accuracy, ``backfill`` speed.
        deadline_s: seconds the scoring may take (``None``: no deadline).
        accurate_available: override the check that the encoder is installed (tests).

    Returns:
        The plan: the method for all reviews and the rows read accurately on top.
    """
    n = len(skus)
    if requested == "lexicon":
        return ScoringPlan("lexicon", (), "requested", n)
    if requested == "auto" and purpose == "backfill":
        choice = choose_method(n, requested=requested, deadline_s=deadline_s, purpose=purpose,
                               accurate_available=accurate_available)
        return ScoringPlan(choice.method, (), choice.reason, n)
    cold = 0.0 if encoder_warm() or accurate_available is False else ENCODER_COLD_START_S
    if deadline_s is not None and requested == "auto" and deadline_s <= cold:
        return ScoringPlan(FALLBACK, (), f"the encoder's first load (~{cold:.0f}s) would not fit the "
                                         f"{deadline_s:g}s deadline", n)
    budget = n if deadline_s is None else max(0, int((deadline_s - cold) * ACCURATE_RATE))
    rows = recent_first(skus, dates, ACCURATE_PER_SKU if requested == "auto" else n, budget)
    choice = choose_method(len(rows), requested=requested, deadline_s=deadline_s, purpose=purpose,
                           accurate_available=accurate_available)
    if choice.method != "accurate" or not rows:
        return ScoringPlan(choice.method if choice.method != "accurate" else "fast", (), choice.reason, n)
    reason = choice.reason
    if len(rows) < n:
        limit = "the deadline" if len(rows) >= budget else f"the cap of {ACCURATE_PER_SKU} recent reviews per product"
        reason += f"; {limit} left {n - len(rows)} reviews to the {FALLBACK} method"
    return ScoringPlan(FALLBACK, tuple(rows), reason, n)
