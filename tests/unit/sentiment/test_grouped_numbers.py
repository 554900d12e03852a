"""Every product's numbers in one grouped pass equal each product's own (#18: 1,950 products took ~3.3 s).

The grouped forms (``trends.grouped_*``, ``adjusted.adjusted_ratings_by``) replace per-product numpy calls; each is
checked against the per-product function it replaces, on groups with missing values, zero weights, one review and
undated reviews.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from shared.sentiment import adjusted
from shared.sentiment.adjusted import SpamSuspicion, adjusted_rating_at, adjusted_ratings_by
from shared.sentiment.trends import compare_masked, grouped_slopes, grouped_weighted_means, weighted_slope


def _reviews(seed: int, n: int = 400, groups: int = 40) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    codes = np.sort(rng.integers(0, groups, n))  # groups of 0 to ~25 reviews, some empty
    values = np.where(rng.random(n) < 0.15, np.nan, rng.normal(0.2, 0.6, n))
    weights = np.where(rng.random(n) < 0.1, 0.0, np.where(rng.random(n) < 0.1, 0.4, 1.0))
    days = np.where(rng.random(n) < 0.05, np.nan, rng.integers(20_000, 20_365, n).astype(float))
    return {"codes": codes, "values": values, "weights": weights, "days": days, "recent": rng.random(n) < 0.3}


def _same(grouped: float, own: float | None) -> bool:
    return (own is None and np.isnan(grouped)) or (own is not None and grouped == pytest.approx(own, abs=1e-12))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouped_window_means_and_counts_are_each_groups_own(seed: int) -> None:
    r = _reviews(seed)
    groups = int(r["codes"].max()) + 1
    mean, n = grouped_weighted_means(r["codes"], groups, r["values"], r["weights"], r["recent"])
    for g in range(groups):
        rows = r["codes"] == g
        own = compare_masked(
            r["recent"][rows], ~r["recent"][rows], r["values"][rows], r["weights"][rows], date(2026, 1, 31), 30
        )
        assert n[g] == own.recent_n and _same(mean[g], own.recent_mean)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grouped_slopes_are_each_groups_own(seed: int) -> None:
    r = _reviews(seed)
    groups = int(r["codes"].max()) + 1
    slopes = grouped_slopes(r["codes"], groups, r["days"], r["values"], r["weights"])
    checked = 0
    for g in range(groups):
        rows = r["codes"] == g
        own = weighted_slope(r["days"][rows], r["values"][rows], r["weights"][rows])
        assert (own is None and np.isnan(slopes[g])) or slopes[g] == pytest.approx(own, rel=1e-9, abs=1e-12)
        checked += own is not None
    assert checked > 10  # the comparison reads real slopes, not only undefined ones


def test_grouped_adjusted_ratings_are_each_products_own() -> None:
    rng = np.random.default_rng(4)
    n = 500
    rating = np.where(rng.random(n) < 0.1, np.nan, rng.integers(1, 6, n).astype(float))
    suspected = rng.random(n) < 0.2
    reasons = [sorted(rng.choice(list(adjusted.REASONS), 2, replace=False)) if s else [] for s in suspected]
    suspicion = SpamSuspicion(suspected, reasons)
    sku = rng.integers(0, 60, n)
    groups = {f"SKU-{k}": np.flatnonzero(sku == k) for k in range(60) if (sku == k).any()}
    grouped = adjusted_ratings_by(rating, suspicion, groups)
    for key, rows in groups.items():
        own, got = adjusted_rating_at(rating, suspicion, rows), grouped[key]
        assert (got.rated, got.suspected, got.reasons) == (own.rated, own.suspected, own.reasons)
        for a, b in ((got.raw, own.raw), (got.adjusted, own.adjusted)):
            assert (a is None and b is None) or a == pytest.approx(b, abs=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        "Great product!! 5 stars, would buy again",
        "don't  waste   your money",
        "Café crème – très bon",
        "",
        "KELVIN \u212a sign and \u0130stanbul",
        "ok...ok,ok'ok",
        "émoji 👍👍 works",
        "TAB\there\nnewline",
    ],
)
def test_words_are_the_regex_words_of_the_lowered_text(text: str) -> None:
    assert adjusted._words(text) == re.findall(r"[a-z0-9']+", text.lower())
