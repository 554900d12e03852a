"""How many competitors carry each of our products, and where we are the only seller we track (#18).

"Where are we the only seller?", "which products have no competitors?", "how many products does only one competitor
carry?", "which products are carried by every competitor?": per catalogue product, the competitors with a price for it
in the window (the last 30 days to the latest competitor price, or the question's period). A product no competitor
prices there is one we are the only seller of among the competitors tracked - which the answer says, since a
competitor nobody tracks may sell it. Pure: frames in, answer out.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.agents.answers import AgentAnswer, join_names, ranked_table
from shared.pricing.market_answers import _period, _window

_COLUMNS = ["sku", "competitors", "names"]


def coverage_answer(obs: pd.DataFrame, catalogue: list[str], *, today: date, start: date | None,
                    scoped: list[str]) -> AgentAnswer:
    """``competitor_coverage``: products by how many competitors price them, the uncovered ones first."""
    if start is None and not obs.empty:
        today = min(today, pd.Timestamp(obs["date"].max()).date())
    frame, first = _window(obs.dropna(subset=["competitor_price"]), start, today)
    method = (f"competitors with at least one price per product {_period(first, today)}; a catalogue product none of "
              "them prices is one we are the only seller of among the competitors tracked")
    # our products: the catalogue's and any SKU competitors price (ours even when its catalogue row was refused)
    products = list(dict.fromkeys(scoped or [*catalogue, *sorted(str(s) for s in frame["sku"].unique())]))
    names = frame.groupby(frame["sku"].astype(str))["competitor"].agg(lambda c: sorted(set(map(str, c))))
    tracked = sorted(set(frame["competitor"].astype(str)))
    carried = {p: names.get(p, []) for p in products}
    counts = pd.Series({p: len(c) for p, c in carried.items()}, dtype="int64")
    if counts.empty:
        return AgentAnswer(ask="competitor_coverage", answered=False, method=method,
                           text=f"There are no products to count competitors for {_period(first, today)}.")
    alone = [p for p in products if counts[p] == 0]
    rows, total = ranked_table(_COLUMNS, [[p, int(counts[p]), ", ".join(carried[p])]
                                          for p in counts.sort_values(kind="stable").index])
    if scoped and len(products) <= 3:
        text = "; ".join(f"{len(carried[p])} of the {len(tracked)} competitors tracked price {p} "
                         f"{_period(first, today)}" + (f" ({join_names(carried[p])})" if carried[p] else
                                                      ": we are the only seller of it among them")
                         for p in products) + "."
    else:
        spread = {int(n): int(k) for n, k in counts.value_counts().sort_index().items()}  # type: ignore[call-overload]
        by = "; ".join(f"{'all ' if n == len(tracked) and n > 1 else ''}{n} competitor{'s' if n != 1 else ''}: {k}"
                       for n, k in spread.items() if n > 0)
        text = (f"{len(alone)} of {len(products)} products have no competitor price {_period(first, today)}: "
                + (f"we are the only seller of them among the {len(tracked)} competitors tracked "
                   f"({join_names(alone)})" if alone else "every one is priced by at least one competitor")
                + f"; by how many competitors carry them: {by}.")
    return AgentAnswer(ask="competitor_coverage", text=text, columns=_COLUMNS, rows=rows, total_rows=total,
                       method=method, skus=alone[:10] or products[:10], period_start=first, period_end=today)
