"""``price_history``: when and how our own list prices changed ("when did we last change the kettle's price?").

Our list price on a day is the dearest unit price of the day's sales lines not on promotion that sold something
(:func:`shared.store.pricing_inputs.list_prices`): a promotion is temporary, not a change of price. A change is a
day whose list price differs from the SKU's previous day with sales; it is dated by the first sale at the new price
(the last sale at the old one is said too: the change happened between them); a single day at another price between
two days at the same one is an odd line, not two changes. Competitor prices play no part, so
this is answered without them. Pure: frames in, an answer out.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd

from shared.agents.answers import AgentAnswer, fmt_num, join_names
from shared.pricing.price_effect import changes_effect_text, price_effect_text

_COLUMNS = ["sku", "changed_on", "last_day_before", "old_price", "new_price", "change_pct"]
METHOD = (
    "list price = the dearest unit price of a day's sold lines not on promotion; a change = a day whose list "
    "price differs from the SKU's previous day with sales, dated by the first sale at the new price"
)
#: The window of a catalogue-wide question that names no period ("which products did we reprice?").
DEFAULT_DAYS = 90


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _period(start: date, end: date) -> str:
    return f"between {_day(start)} and {_day(end)}"


def _blips(f: pd.DataFrame) -> pd.Series:
    """Days whose price differs from both neighbours while those agree.

    One odd line (a price filled in from the catalogue, a mistyped one) is not two changes.
    """
    g = f.groupby("sku")["list_price"]
    before, after = g.shift(1), g.shift(-1)
    return ((before - after).abs() <= 0.005) & ((f["list_price"] - before).abs() > 0.005)


def price_changes(daily: pd.DataFrame) -> pd.DataFrame:
    """``_COLUMNS`` per change of list price of ``daily`` (sku, date, list_price), oldest first."""
    if daily.empty:
        return pd.DataFrame(columns=_COLUMNS)
    f = daily.assign(date=pd.to_datetime(daily["date"]).dt.date, list_price=daily["list_price"].astype(float))
    f = f.sort_values(["sku", "date"])
    f = f[~_blips(f)]
    prev = f.groupby("sku")[["date", "list_price"]].shift(1)
    moved = prev["list_price"].notna() & ((f["list_price"] - prev["list_price"]).abs() > 0.005)
    out = pd.DataFrame(
        {
            "sku": f.loc[moved, "sku"].astype(str),
            "changed_on": f.loc[moved, "date"],
            "last_day_before": prev.loc[moved, "date"],
            "old_price": prev.loc[moved, "list_price"],
            "new_price": f.loc[moved, "list_price"],
        }
    )
    out["change_pct"] = (100 * (out["new_price"] / out["old_price"] - 1)).round(1)
    return out.sort_values(["changed_on", "sku"]).reset_index(drop=True)


def _move(r: pd.Series) -> str:
    return f"{fmt_num(float(r['old_price']), 2)} to {fmt_num(float(r['new_price']), 2)} on {_day(r['changed_on'])}"


def _directed(changes: pd.DataFrame, direction: str | None) -> pd.DataFrame:
    if direction == "up":
        return changes[changes["new_price"] > changes["old_price"]]
    return changes[changes["new_price"] < changes["old_price"]] if direction == "down" else changes


def _one(
    daily: pd.DataFrame, changes: pd.DataFrame, sku: str, start: date | None, end: date, direction: str | None
) -> str:
    days = daily[daily["sku"].astype(str) == sku].sort_values("date")
    if days.empty:
        return f"No sale of {sku} at a list price is on record, so its price history cannot be told."
    mine = changes[changes["sku"] == sku]
    verb = {"up": "raised", "down": "lowered"}.get(direction or "", "changed")
    if start is not None:  # "what was X's price in March?", "did X's price change last month?"
        before = days[pd.to_datetime(days["date"]).dt.date <= start]
        in_force = float((before if not before.empty else days)["list_price"].iloc[-1 if not before.empty else 0])
        inside = _directed(mine[(mine["changed_on"] >= start) & (mine["changed_on"] <= end)], direction)
        if inside.empty:
            return (
                f"{sku}'s list price was not {verb} {_period(start, end)}: {fmt_num(in_force, 2)} at its start "
                f"(promotions aside)."
            )
        moves = "; ".join(_move(r) for _, r in inside.iterrows())
        return (
            f"{sku}'s list price was {verb} {len(inside)} time{'s' if len(inside) > 1 else ''} "
            f"{_period(start, end)}: {fmt_num(in_force, 2)} at its start, then {moves} (promotions aside)."
        )
    first = pd.to_datetime(days["date"]).dt.date.iloc[0]
    now = float(days["list_price"].iloc[-1])
    wanted = _directed(mine, direction)
    if wanted.empty:
        return f"{sku}'s list price has not been {verb} since {_day(first)}: {fmt_num(now, 2)} now (promotions aside)."
    last = wanted.iloc[-1]
    history = "; ".join(_move(r) for _, r in mine.iterrows())
    last_old = _day(last["last_day_before"])
    return (
        f"{sku}'s list price was last {verb} on {_day(last['changed_on'])}, from "
        f"{fmt_num(float(last['old_price']), 2)} to {fmt_num(float(last['new_price']), 2)} "
        f"({float(last['change_pct']):+.1f}%; the last sale at the old price was on {last_old}). All its changes "
        f"since {_day(first)}: {history}; {fmt_num(now, 2)} now (promotions aside)."
    )


def _effect_changes(
    changes: pd.DataFrame,
    scoped: list[str],
    *,
    start: date | None,
    end: date,
    direction: str | None,
    catalogue: Collection[str],
) -> pd.DataFrame:
    """The changes whose effect on sales is asked.

    Of the products named (their last ones, whenever, unless a period is asked), or of the catalogue's products in
    the period (the last :data:`DEFAULT_DAYS` days by default).
    """
    first = start or (None if scoped else end - pd.Timedelta(days=DEFAULT_DAYS - 1))
    inside = changes[changes["changed_on"] <= end]
    if first is not None:
        inside = inside[inside["changed_on"] >= first]
    if scoped:
        inside = inside[inside["sku"].isin(scoped)]
    elif catalogue:
        inside = inside[inside["sku"].isin(set(catalogue))]
    return _directed(inside, direction)


def own_price_answer(
    daily: pd.DataFrame,
    scoped: list[str],
    *,
    start: date | None,
    end: date | None,
    today: date,
    direction: str | None = None,
    catalogue: Collection[str] = (),
    effect_sales: pd.DataFrame | None = None,
) -> AgentAnswer:
    """When and how our list prices changed: one named product's history, or how many products changed in a period.

    ``direction`` ("up" or "down") keeps the raises or the cuts ("which products went up in price this year?").
    ``catalogue``: the tenant's products; a SKU code seen only in sales (a marketplace code, a prefixed one) is no
    product of it, so it is counted apart, not among the products (without a catalogue every code counts).
    ``effect_sales``: one product's daily units and revenue when the question asks what its last price change did to
    its sales (:mod:`shared.pricing.price_effect`): its units a day before against after, said first.
    """
    changes = price_changes(daily)
    last_day = min(end or today, today)
    if len(scoped) == 1 and effect_sales is not None:  # "did our last price change on X affect sales?"
        text = price_effect_text(changes, effect_sales, scoped[0], scoped[0], today=last_day)
        rows = changes[changes["sku"] == scoped[0]]
    elif effect_sales is not None:  # "did our price cuts last month help sales?": several changes at once
        rows = _effect_changes(changes, scoped, start=start, end=last_day, direction=direction, catalogue=catalogue)
        what = {"up": "had their list price raised", "down": "had their list price cut"}.get(
            direction or "", "changed list price"
        )
        first = start or (None if scoped else last_day - pd.Timedelta(days=DEFAULT_DAYS - 1))
        period = _period(first, last_day) if first is not None else ""
        # the days after a change run past the period asked, to the data's last day
        text = changes_effect_text(
            rows, effect_sales, what=what, period=period, today=today, names={}, named=bool(scoped)
        )
    elif len(scoped) == 1:
        text = _one(daily, changes, scoped[0], start, last_day, direction)
        rows = changes[changes["sku"] == scoped[0]]
    else:
        first = start or last_day - pd.Timedelta(days=DEFAULT_DAYS - 1)
        inside = changes[(changes["changed_on"] >= first) & (changes["changed_on"] <= last_day)]
        if scoped:
            inside = inside[inside["sku"].isin(scoped)]
        stray = _directed(inside, direction)
        if catalogue and not scoped:
            inside = inside[inside["sku"].isin(set(catalogue))]
        rows = _directed(inside, direction)
        stray = stray[~stray["sku"].isin(set(rows["sku"]))]
        sold = daily["sku"].astype(str)
        priced = (sold[sold.isin(set(catalogue))] if catalogue else sold).nunique() if not scoped else len(scoped)
        verb = {"up": "had their list price raised", "down": "had their list price lowered"}.get(
            direction or "", "changed list price"
        )
        up, down = (
            int((inside["new_price"] > inside["old_price"]).sum()),
            int((inside["new_price"] < inside["old_price"]).sum()),
        )
        latest = [f"{r['sku']} {_move(r)}" for _, r in rows.iloc[::-1].head(3).iterrows()]
        text = (
            f"{rows['sku'].nunique()} of {priced} products {verb} {_period(first, last_day)} "
            f"({up} raises and {down} cuts in all, promotions aside)"
            + (f"; the latest: {join_names(latest, 3)}" if latest else "")
            + (
                f"; {stray['sku'].nunique()} more SKU code{'s' if stray['sku'].nunique() != 1 else ''} seen only in "
                f"sales, not in the catalogue, changed too ({join_names(list(stray['sku'].unique()), 3)})."
                if not stray.empty
                else "."
            )
        )
    table = [
        [
            str(r["sku"]),
            r["changed_on"].isoformat(),
            r["last_day_before"].isoformat(),
            float(r["old_price"]),
            float(r["new_price"]),
            float(r["change_pct"]),
        ]
        for _, r in rows.iloc[::-1].head(50).iterrows()
    ]
    return AgentAnswer(
        ask="price_history",
        text=text,
        columns=_COLUMNS,
        rows=table,
        total_rows=len(rows),
        method=METHOD,
        skus=list(dict.fromkeys(str(s) for s in rows["sku"]))[:10] or list(scoped),
    )
