"""Choose what to ship from the backtest: the best single model or an equal-weight combination.

Combining the few best candidates is the most reliable lesson of the M competitions; we compare the
best single model with the mean of the top ``k`` on the same origins and keep whichever scored better.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shared.forecast.backtest import Backtest, ModelScore

COMBO_SIZE = 3


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


def select_model(bt: Backtest, candidates: list[str] | None = None, combo_size: int = COMBO_SIZE) -> Selection:
    """Rank candidates by backtest MASE (ties by sMAPE), then try the combination of the best few."""
    names = [n for n in (candidates or list(bt.forecasts)) if n in bt.forecasts]
    scores = {n: bt.score(n) for n in names}
    ranked = sorted(names, key=lambda n: (scores[n].mase, scores[n].smape, n))
    best = ranked[0]
    chosen = Selection(best, (best,), scores[best], scores)
    top = tuple(ranked[:combo_size])
    if len(top) >= 2:
        cname = combo_name(top)
        cuts = set.intersection(*(set(bt.forecasts[n]) for n in top))
        bt.forecasts[cname] = {c: np.mean([bt.forecasts[n][c] for n in top], axis=0) for c in sorted(cuts)}
        scores[cname] = bt.score(cname)
        if scores[cname].mase < scores[best].mase:
            chosen = Selection(cname, top, scores[cname], scores)
    return chosen
