"""Which category we are priced furthest above or below the market in: the category position as an answer (#18).

"Which category are we most overpriced in?", "in which category are we cheapest against the competitors?" ask
about categories, not SKUs: the answer ranks the categories by the median price index of their SKUs (100 = the
median competitor, each SKU on its latest comparable date; :func:`shared.pricing.position.category_position`) and
names both ends first, so either question is answered by the first sentence. Pure: no I/O.
"""

from __future__ import annotations

import pandas as pd

from shared.agents.answers import AgentAnswer, ranked_table

#: The group :func:`shared.pricing.position.category_position` puts the SKUs without a category in.
UNCATEGORISED = "uncategorised"
COLUMNS = ["category", "median_price_index", "n_skus", "share_rank_1"]
METHOD = ("median over each category's SKUs of 100 x our price / the median competitor price, each SKU on its latest "
          "date with both prices")


def category_answer(categories: pd.DataFrame, *, lowest_first: bool = False) -> AgentAnswer:
    """``category_position``: the categories from the furthest above the market to the furthest below.

    ``lowest_first``: the question asked for the cheapest category ("where are we cheapest against the market?"),
    so the first sentence names that end first and the dearest after it.
    """
    frame = categories.dropna(subset=["median_price_index"]) if "median_price_index" in categories else categories
    if frame.empty:
        return AgentAnswer(ask="category_position", answered=False, method=METHOD,
                           text="No category could be compared with competitor prices (competitor prices and our "
                                "prices on the same dates are needed).")
    # the SKUs with no category are no category the merchant named: set apart after the ranking, not led with
    aside = frame[frame.index == UNCATEGORISED] if len(frame) > 1 else frame.iloc[:0]
    ranked = frame.drop(aside.index).sort_values("median_price_index", ascending=False, kind="stable")
    rows = [[str(c), round(float(r["median_price_index"]), 1), int(r["n_skus"]), round(float(r["share_rank_1"]), 3)]
            for c, r in ranked.iterrows()]
    apart = [[str(c), round(float(r["median_price_index"]), 1), int(r["n_skus"]), round(float(r["share_rank_1"]), 3)]
             for c, r in aside.iterrows()]
    top, low = rows[0], rows[-1]

    def skus(n: object) -> str:
        return f"{n} SKU{'' if n == 1 else 's'}"

    def side(index: object) -> str:
        gap = float(str(index)) - 100.0
        return f"{abs(gap):.1f}% {'above' if gap >= 0 else 'below'} the median competitor"

    first, other, ends = (low, top, ("lowest", "highest")) if lowest_first else (top, low, ("highest", "lowest"))
    text = (f"{first[0]} is the category priced {ends[0]} against the market (median price index {first[1]:.1f} "
            f"over {skus(first[2])}: {side(first[1])})")
    if len(rows) > 1:
        text += f" and {other[0]} the {ends[1]} ({other[1]:.1f} over {skus(other[2])}: {side(other[1])})"
    if len(rows) > 2:
        middle = rows[1:-1][::-1] if lowest_first else rows[1:-1]
        text += "; in between: " + ", ".join(f"{r[0]} {r[1]:.1f}" for r in middle)
    for _, index, n, _ in apart:
        text += f"; the {skus(n)} without a category: {index:.1f}"
    table, total = ranked_table(COLUMNS, rows + apart)
    return AgentAnswer(ask="category_position", text=text + ".", columns=COLUMNS, rows=table, total_rows=total,
                       method=METHOD, finding_prefixes=["category:"])
