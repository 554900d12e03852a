"""``markup``: what a product earns a unit over its cost ("is the kettle's markup healthy?").

From the catalogue: the list price less the unit cost is the margin a unit; the markup is that margin over the cost,
the gross margin that margin over the price. "Healthy" has no fixed bar, so the answer sets the product beside the
catalogue's median markup. A product without a cost (or a price) is said, with what is missing, not guessed.
Competitor prices play no part, except in "what would our margin on X be at the market price?"
(:func:`market_margin_answer`): the margin a unit at the median (or the cheapest) competitor's latest price, beside
ours at our own price. Pure: frames in, an answer out.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from shared.agents.answers import AgentAnswer, fmt_num, join_names

#: A markup within this many percentage points of the catalogue's median is close to it, not above or below.
NEAR_MEDIAN_POINTS = 5.0
_COLUMNS = ["sku", "price", "cost", "margin_per_unit", "markup_pct", "gross_margin_pct"]
METHOD = (
    "margin a unit = catalogue price - unit cost; markup = that margin / cost; gross margin = that margin / "
    "price; set beside the median markup of the catalogue's costed products"
)


def unit_margins(products: pd.DataFrame) -> pd.DataFrame:
    """``_COLUMNS`` per catalogue product with a positive price and cost (by SKU)."""
    if products is None or products.empty or not {"sku", "price", "cost"} <= set(products.columns):
        return pd.DataFrame(columns=_COLUMNS).set_index("sku")
    f = products.drop_duplicates("sku").assign(
        sku=lambda d: d["sku"].astype(str),
        price=lambda d: pd.to_numeric(d["price"], errors="coerce"),
        cost=lambda d: pd.to_numeric(d["cost"], errors="coerce"),
    )
    f = f[(f["price"] > 0) & (f["cost"] > 0)].set_index("sku")
    out = pd.DataFrame({"price": f["price"], "cost": f["cost"], "margin_per_unit": f["price"] - f["cost"]})
    out["markup_pct"] = 100 * out["margin_per_unit"] / out["cost"]
    out["gross_margin_pct"] = 100 * out["margin_per_unit"] / out["price"]
    return out


def _missing(products: pd.DataFrame, sku: str) -> str:
    row = products[products["sku"].astype(str) == sku] if "sku" in products.columns else products.iloc[0:0]
    if row.empty:
        return (
            f"{sku} is not in the catalogue, so its markup cannot be worked out (a catalogue row with its price "
            f"and unit cost is needed)."
        )
    lacks = [
        w
        for w, c in (("unit cost", "cost"), ("price", "price"))
        if c not in row.columns or not (pd.to_numeric(row[c], errors="coerce") > 0).any()
    ]
    return (
        f"The catalogue holds no {' or '.join(lacks)} for {sku}, so its markup cannot be worked out "
        f"(a {' and a '.join(lacks)} per product in the products upload is needed)."
    )


def markup_answer(products: pd.DataFrame, scoped: list[str], *, highest: bool = False) -> AgentAnswer:
    """Each named product's margin a unit, markup and gross margin, beside the catalogue's median markup.

    Without named products, the three lowest markups (``highest``: the three highest, "the fattest markups").
    """
    margins = unit_margins(products)
    median = float(margins["markup_pct"].median()) if not margins.empty else None
    asked = scoped or list(margins.sort_values("markup_pct", ascending=not highest).index[:3])
    parts, rows = [], []
    for sku in asked:
        if sku not in margins.index:
            parts.append(_missing(products, sku))
            continue
        r: dict[str, float] = {str(k): float(v) for k, v in margins.loc[sku].to_dict().items()}
        gap = r["markup_pct"] - median if median is not None else 0.0
        side = (
            ""
            if median is None or not scoped
            else (
                f"; the catalogue's median markup is {median:.1f}%, so it is "
                + ("close to" if abs(gap) < NEAR_MEDIAN_POINTS else "above" if gap > 0 else "below")
                + " the median"
            )
        )
        parts.append(
            f"{sku} earns {fmt_num(r['margin_per_unit'], 2)} a unit: its price of "
            f"{fmt_num(r['price'], 2)} against a unit cost of {fmt_num(r['cost'], 2)} is a "
            f"{r['markup_pct']:.1f}% markup on cost (a {r['gross_margin_pct']:.1f}% gross "
            f"margin){side}."
        )
        rows.append(
            [
                sku,
                r["price"],
                r["cost"],
                round(r["margin_per_unit"], 2),
                round(r["markup_pct"], 1),
                round(r["gross_margin_pct"], 1),
            ]
        )
    if not scoped and parts:
        end = "highest" if highest else "lowest"
        parts.insert(0, f"Of {len(margins):,} costed products (median markup {median:.1f}%), the {end} markups:")
    return AgentAnswer(
        ask="markup",
        text=" ".join(parts),
        columns=_COLUMNS,
        rows=rows,
        total_rows=len(rows),
        method=METHOD,
        skus=list(asked),
        answered=bool(rows),
    )


_MARKET_COLUMNS = ["sku", "reference_price", "cost", "margin_per_unit", "gross_margin_pct", "our_price", "our_margin"]
MARKET_METHOD = (
    "margin a unit at the market = the median (or lowest) competitor price on the product's latest compared date - "
    "unit cost; its gross margin = that margin / that price; set beside our margin a unit at our price that date"
)


def market_margin_answer(
    products: pd.DataFrame, positions: pd.DataFrame, scoped: list[str], *, reference: str = "median"
) -> AgentAnswer:
    """What each named product would earn a unit at the market's price, beside what it earns at ours.

    ``reference``: at the "median" competitor's price or the "lowest" one's.
    ``positions``: the pricing analysis' per-SKU latest position (``comp_median``, ``comp_min``, ``our_price``,
    ``latest_date``, indexed by SKU); ``products``: the catalogue (sku, price, cost).
    """
    costs = unit_margins(products)["cost"] if not products.empty else pd.Series(dtype=float)
    column, said = (
        ("comp_min", "the cheapest competitor's")
        if reference == "lowest"
        else ("comp_median", "the median competitor's")
    )
    parts, rows, missing = [], [], []
    for sku in scoped:
        if sku not in costs.index or sku not in positions.index or pd.isna(cast("float", positions.at[sku, column])):
            missing.append(sku)
            continue
        cost = float(costs[sku])
        market = float(cast("float", positions.at[sku, column]))
        ours = float(cast("float", positions.at[sku, "our_price"]))
        unit, our_unit = market - cost, ours - cost
        day = pd.Timestamp(str(positions.at[sku, "latest_date"]))
        parts.append(
            f"At the market price ({said} {fmt_num(market, 2)} on {day.day} {day:%b %Y}), {sku} would earn "
            f"{fmt_num(unit, 2)} a unit over its cost of {fmt_num(cost, 2)}, a {100 * unit / market:.1f}% gross "
            f"margin, against {fmt_num(our_unit, 2)} a unit ({100 * our_unit / ours:.1f}%) at our price of "
            f"{fmt_num(ours, 2)}."
        )
        rows.append([sku, market, cost, round(unit, 2), round(100 * unit / market, 1), ours, round(our_unit, 2)])
    if missing:
        parts.append(
            f"{join_names(missing, 3)} {'has' if len(missing) == 1 else 'have'} no unit cost or no competitor "
            "price to set a margin at the market price."
        )
    if not scoped:
        parts.append("Name a product to see its margin at the market price.")
    return AgentAnswer(
        ask="markup",
        text=" ".join(parts),
        columns=_MARKET_COLUMNS,
        rows=rows,
        total_rows=len(rows),
        method=MARKET_METHOD,
        skus=list(scoped),
        answered=bool(rows),
    )
