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
    priced = sorted(str(s) for s in frame["sku"].unique())
    # our products are the catalogue's (the products table's rows): a SKU competitors price whose catalogue row was
    # refused or never sent is said apart, not counted, so "N of M products" matches the catalogue the merchant keeps
    products = list(dict.fromkeys(scoped or catalogue or priced))
    listed = set(catalogue)
    outside = [] if scoped or not catalogue else [s for s in priced if s not in listed]
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
        if not catalogue and not scoped:
            lead = (f"No catalogue rows were read, so which of your products no competitor prices cannot be told: "
                    f"competitors price {len(products)} SKUs {_period(first, today)}")
        else:
            whole = f"the {len(products)} products asked about" if scoped else \
                f"the {len(products)} products in your catalogue"
            lead = (f"{len(alone)} of {whole} {'has' if len(alone) == 1 else 'have'} no competitor price "
                    f"{_period(first, today)}: "
                    + (f"we are the only seller of them among the {len(tracked)} competitors tracked "
                       f"({join_names(alone)})" if alone else "every one is priced by at least one competitor"))
        text = lead + _outside_catalogue(outside) + f"; by how many competitors carry them: {by}."
    return AgentAnswer(ask="competitor_coverage", text=text, columns=_COLUMNS, rows=rows, total_rows=total,
                       method=method, skus=alone[:10] or products[:10], period_start=first, period_end=today)


def _outside_catalogue(skus: list[str]) -> str:
    """The clause naming the SKUs competitors price that the catalogue lacks (not counted), or nothing."""
    if not skus:
        return ""
    one = len(skus) == 1
    return (f"; competitors also price {len(skus)} SKU{'' if one else 's'} that {'is' if one else 'are'} not in your "
            f"catalogue ({join_names(skus, 3)}), not counted")
