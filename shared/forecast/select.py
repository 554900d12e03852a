"""Choose what to ship from the backtest: the best single model or an equal-weight combination.

Combining the few best candidates is the most reliable lesson of the M competitions; we compare the
best single model with the mean of the top ``k`` on the same origins and keep whichever scored better.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shared.forecast.backtest import Backtest, ModelScore

COMBO_SIZE = 3
MIN_POOL = 5
MASE_CAP = 10.0


@dataclass(frozen=True)
class Selection:
    """The chosen model (a name, or ``combo(a+b+c)``), its components and its backtest score."""

    name: str
    components: tuple[str, ...]
    score: ModelScore
    scores: dict[str, ModelScore]


def combo_name(components: tuple[str, ...]) -> str:
    """How a combination is named in outputs."""
    return "combo(" + "+".join(components) + ")"


def combine(bt: Backtest, components: tuple[str, ...]) -> str:
    """Register the equal-weight combination of ``components`` in ``bt``; returns its name."""
    if len(components) == 1:
        return components[0]
    cname = combo_name(components)
    if cname not in bt.forecasts:
        cuts = set.intersection(*(set(bt.forecasts[n]) for n in components))
        bt.forecasts[cname] = {c: np.mean([bt.forecasts[n][c] for n in components], axis=0) for c in sorted(cuts)}
    return cname


def pooled_choice(backtests: list[Backtest], combo_size: int = COMBO_SIZE) -> tuple[str, ...] | None:
    """The model (or combination) with the best mean MASE over a batch of series; ``None`` below 5 series.

    Each series' MASE is capped at ``MASE_CAP`` so a few wild series cannot decide for everyone.
    """
    if len(backtests) < MIN_POOL:
        return None
    common = set.intersection(*(set(bt.forecasts) for bt in backtests))
    common = {n for n in common if not n.startswith("combo(")}
    if not common:
        return None

    def pooled(name_of: dict[int, str]) -> float:
        return float(np.mean([min(MASE_CAP, bt.score(name_of[i]).mase) for i, bt in enumerate(backtests)]))

    singles = {n: pooled(dict.fromkeys(range(len(backtests)), n)) for n in common}
    ranked = sorted(singles, key=lambda n: (singles[n], n))
    top = tuple(ranked[:combo_size])
    combo = pooled({i: combine(bt, top) for i, bt in enumerate(backtests)}) if len(top) > 1 else np.inf
    return top if combo < singles[ranked[0]] else (ranked[0],)


def select_model(bt: Backtest, candidates: list[str] | None = None, combo_size: int = COMBO_SIZE) -> Selection:
    """Rank candidates by backtest MASE (ties by sMAPE), then try the combination of the best few."""
    names = [n for n in (candidates or list(bt.forecasts)) if n in bt.forecasts and not n.startswith("combo(")]
    scores = {n: bt.score(n) for n in names}
    ranked = sorted(names, key=lambda n: (scores[n].mase, scores[n].smape, n))
    best = ranked[0]
    chosen = Selection(best, (best,), scores[best], scores)
    top = tuple(ranked[:combo_size])
    if len(top) >= 2:
        cname = combine(bt, top)
        scores[cname] = bt.score(cname)
        if scores[cname].mase < scores[best].mase:
            chosen = Selection(cname, top, scores[cname], scores)
    return chosen
