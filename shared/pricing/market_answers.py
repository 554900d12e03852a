"""The pricing agent's answers about the competitors: who is cheapest, us against one, their stock, their moves.

Each answer is read from the competitor observations (one row per SKU, competitor and date, with our price
on that date) over a window ending on the as-of date: the latest observation of each (product, competitor)
pair in the window is that competitor's current price. Pure functions over frames; each returns an
:class:`AgentAnswer` whose first sentence answers the question with its numbers.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared.agents.answers import AgentAnswer, fmt_num, join_names, ranked_table

#: The window a "current price" is read from when the question names no period.
WINDOW_DAYS = 30
#: Prices within this much (currency units) of each other are equal (a tie).
TIE = 0.005


def _window(obs: pd.DataFrame, start: date | None, end: date, days: int | None = WINDOW_DAYS) -> tuple[
        pd.DataFrame, date | None]:
    """Observations from ``start`` (default: ``days`` before ``end``; None: all) to ``end``, and that start."""
    first = start if start is not None else (end - timedelta(days=days - 1) if days else None)
    when = pd.to_datetime(obs["date"])
    keep = when <= pd.Timestamp(end)
    if first is not None:
        keep &= when >= pd.Timestamp(first)
    return obs[keep], first


def _named(obs: pd.DataFrame, competitors: list[str]) -> pd.DataFrame:
    """The rows of the named competitors (names compared without case)."""
    if not competitors:
        return obs
    wanted = {c.lower() for c in competitors}
    return obs[obs["competitor"].astype(str).str.lower().isin(wanted)]


def latest_prices(obs: pd.DataFrame, start: date | None, end: date) -> pd.DataFrame:
    """Each (sku, competitor)'s latest observation in the window: its current price, our price that day."""
    frame, _ = _window(obs.dropna(subset=["competitor_price"]), start, end)
    if frame.empty:
        return frame
    return frame.sort_values("date", kind="stable").drop_duplicates(["sku", "competitor"], keep="last")


def _possessive(name: str) -> str:
    """"MegaMart's", "PrimeGoods'"."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def _period(first: date | None, end: date) -> str:
    return f"between {first.isoformat()} and {end.isoformat()}" if first is not None else f"up to {end.isoformat()}"


_RANK_COLUMNS = ["competitor", "products_lowest", "share_pct", "tied", "products_carried"]


def competitor_extremes(latest: pd.DataFrame, *, dearest: bool = False) -> tuple[pd.DataFrame, int]:
    """Per competitor: on how many products its price is the lowest (highest) of the competitors carrying it.

    Only products that two or more competitors carry count (one seller is trivially the cheapest); a product
    where several competitors share the price counts for each of them and as a tie. Returns the table (most
    products first, then by name) and how many products were compared.
    """
    counts = latest.groupby("sku")["competitor"].transform("nunique")
    shared = latest[counts >= 2]
    if shared.empty:
        return pd.DataFrame(columns=_RANK_COLUMNS[1:]).rename_axis("competitor"), 0
    price = shared["competitor_price"].astype("float64")
    best = price.groupby(shared["sku"]).transform("max" if dearest else "min")
    at_best = (price - best).abs() <= TIE
    n_best = at_best.groupby(shared["sku"]).transform("sum")
    work = pd.DataFrame({"competitor": shared["competitor"].astype(str), "best": at_best,
                         "tied": at_best & (n_best > 1)})
    grouped = work.groupby("competitor")
    out = pd.DataFrame({"products_lowest": grouped["best"].sum().astype("int64"),
                        "tied": grouped["tied"].sum().astype("int64"),
                        "products_carried": grouped["best"].size().astype("int64")})
    n_products = int(shared["sku"].nunique())
    out["share_pct"] = 100.0 * out["products_lowest"] / n_products
    out = out.reset_index().sort_values(["products_lowest", "competitor"], ascending=[False, True])
    return out.set_index("competitor")[_RANK_COLUMNS[1:]], n_products


def cheapest_competitor_answer(obs: pd.DataFrame, *, today: date, start: date | None, scoped: list[str],
                               dearest: bool = False) -> AgentAnswer:
    """``cheapest_competitor``/``dearest_competitor``: which competitor has the lowest (highest) price most often.

    With 1-3 named products, each product's cheapest (dearest) seller instead, our own price included.
    """
    ask = "dearest_competitor" if dearest else "cheapest_competitor"
    word = "highest" if dearest else "lowest"
    latest = latest_prices(obs, start, today)
    _, first = _window(obs, start, today)
    method = (f"each competitor's latest price per product {_period(first, today)}; per product, the competitor(s) "
              f"at the {word} price among the competitors carrying it (products carried by two or more); ties "
              "count for each tied competitor")
    if scoped and len(scoped) <= 3:
        return _product_extremes(latest[latest["sku"].isin(scoped)], ask, scoped, today, first, dearest, method)
    table, n = competitor_extremes(latest, dearest=dearest)
    if table.empty and latest["competitor"].nunique() == 1:  # one competitor: it against us
        name, mine = str(latest["competitor"].iloc[0]), latest.dropna(subset=["our_price"])
        side = mine["competitor_price"] > mine["our_price"] + TIE if dearest else \
            mine["competitor_price"] < mine["our_price"] - TIE
        return AgentAnswer(ask=ask, method=method, period_start=first, period_end=today,
                           text=f"{name} is the only competitor in your prices {_period(first, today)}: its price is "
                                f"{'higher' if dearest else 'lower'} than ours on {int(side.sum()):,} of {len(mine):,} "
                                "products.")
    if table.empty:
        return AgentAnswer(ask=ask, answered=False, method=method,
                           text=f"No product has prices from two or more competitors {_period(first, today)}, so "
                                f"no competitor can be said to have the {word} price most often.")
    rows: list[list[Any]] = [[str(c), int(r["products_lowest"]), round(float(r["share_pct"]), 1), int(r["tied"]),
                              int(r["products_carried"])] for c, r in table.iterrows()]
    top = rows[0]
    level = [r for r in rows if r[1] == top[1]]
    tie_note = f", {top[3]} of them tied with another competitor" if top[3] else ""
    if len(level) > 1:
        text = (f"{join_names([r[0] for r in level])} share the {word} price most often: each on {top[1]:,} of the "
                f"{n:,} products two or more competitors carry ({top[2]:.1f}%) {_period(first, today)}")
    else:
        text = (f"{top[0]} has the {word} price most often: on {top[1]:,} of the {n:,} products two or more "
                f"competitors carry ({top[2]:.1f}%){tie_note}, {_period(first, today)}")
    others = [f"{r[0]} {r[1]:,}" + (f" ({r[3]} tied)" if r[3] else "") for r in rows[len(level):4]]
    text += (f"; then {join_names(others, 3)}." if others else ".")
    ours = _ours_extreme(latest, dearest)
    if ours is not None:
        text += f" Our own price was the {word} of all on {ours[0]:,} of {ours[1]:,} products."
    table_rows, total = ranked_table(_RANK_COLUMNS, rows)
    return AgentAnswer(ask=ask, text=text, columns=_RANK_COLUMNS, rows=table_rows, total_rows=total, method=method,
                       finding_prefixes=["position:"], period_start=first, period_end=today)


def ours_cheapest_answer(obs: pd.DataFrame, *, today: date, start: date | None, dearest: bool = False) -> AgentAnswer:
    """``ours_cheapest`` (``ours_dearest``): on how many products ours is the lowest (highest) current price."""
    ask: Any = "ours_dearest" if dearest else "ours_cheapest"
    if start is None and not obs.empty:
        today = min(today, pd.Timestamp(obs["date"].max()).date())
    latest = latest_prices(obs, start, today)
    _, first = _window(obs, start, today)
    side, word = ("above", "dearest") if dearest else ("below", "cheapest")
    method = (f"each competitor's latest price per product {_period(first, today)} against our price that day; ours "
              f"is the {word} when at or {side} every one of them (within {TIE:g})")
    ours = _ours_extreme(latest, dearest) if not latest.empty else None
    if ours is None:
        return AgentAnswer(ask=ask, answered=False, method=method,
                           text=f"No product has both our price and a competitor price {_period(first, today)}.")
    seller = " seller" if dearest else ""
    return AgentAnswer(ask=ask, method=method, period_start=first, period_end=today,
                       text=f"We are the {word}{seller} on {ours[0]:,} of {ours[1]:,} products: our price is at or "
                            f"{side} every competitor's latest price {_period(first, today)} on them.")


def _ours_extreme(latest: pd.DataFrame, dearest: bool) -> tuple[int, int] | None:
    """On how many products (with our price known) our price is the lowest (highest) of all sellers, of how many."""
    known = latest.dropna(subset=["our_price"])
    if known.empty:
        return None
    theirs = known.groupby("sku")["competitor_price"].agg("max" if dearest else "min")
    ours = known.groupby("sku")["our_price"].last()
    wins = (ours >= theirs - TIE) if dearest else (ours <= theirs + TIE)
    return int(wins.sum()), len(ours)


def _product_extremes(latest: pd.DataFrame, ask: Any, scoped: list[str], today: date, first: date | None,
                      dearest: bool, method: str) -> AgentAnswer:
    """Per named product: the seller with the lowest (highest) price, ours included."""
    word = "highest" if dearest else "lowest"
    cols = ["sku", "seller", "price", "our_price", "competitors", "date"]
    parts, rows = [], []
    for sku in scoped:
        own = latest[latest["sku"] == sku]
        if own.empty:
            parts.append(f"no competitor price for {sku} {_period(first, today)}")
            continue
        pick = own.sort_values(["competitor_price", "competitor"], ascending=[not dearest, True]).iloc[0]
        price, ours = float(pick["competitor_price"]), own["our_price"].dropna()
        our = float(ours.iloc[-1]) if not ours.empty else None
        tied = sorted(str(c) for c in own.loc[(own["competitor_price"] - price).abs() <= TIE, "competitor"])
        seller = join_names(tied)
        if our is not None and ((our < price - TIE) if not dearest else (our > price + TIE)):
            parts.append(f"the {word} price for {sku} is ours, {fmt_num(our, 2)}; the {word} competitor is {seller} "
                         f"at {fmt_num(price, 2)}")
            seller_row = "us"
        else:
            level = our is not None and abs(our - price) <= TIE
            verdict = "" if our is None or dearest else (
                ", level with ours: we are joint cheapest" if level else ": we are not the cheapest")
            # "the percentage gap to the cheapest competitor on X": ours against theirs, in percent too
            gap = f" ({abs(100 * (our / price - 1)):.1f}% {'above' if our > price else 'below'})" \
                if our is not None and not level and price > 0 else ""
            parts.append(f"the {word} price for {sku} is {_possessive(seller)} {fmt_num(price, 2)} (on "
                         f"{pd.Timestamp(pick['date']).date().isoformat()})" + (
                             f", against our {fmt_num(our, 2)}{gap}" if our is not None and not level else "")
                         + verdict)
            seller_row = seller
        rows.append([sku, seller_row, round(price, 2), None if our is None else round(our, 2),
                     int(own["competitor"].nunique()), pd.Timestamp(pick["date"]).date().isoformat()])
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:] + "."
    return AgentAnswer(ask=ask, text=text, columns=cols, rows=rows, total_rows=len(rows), method=method,
                       skus=list(scoped), answered=bool(rows), period_start=first, period_end=today)


_VERSUS_COLUMNS = ["sku", "competitor", "our_price", "their_price", "gap_pct", "date"]


def versus_competitor_answer(obs: pd.DataFrame, competitors: list[str], *, today: date, start: date | None,
                             scoped: list[str]) -> AgentAnswer:
    """``versus_competitor``: our prices against one named competitor's on the products both of us sell.

    On each matched product (the competitor's latest price in the window, with ours on that day): how many we
    are cheaper, dearer and level on, the mean gap in % of their price, and the biggest gaps either way.
    """
    latest = latest_prices(_named(obs, competitors), start, today).dropna(subset=["our_price"])
    _, first = _window(obs, start, today)
    if scoped:
        latest = latest[latest["sku"].isin(scoped)]
    method = (f"the competitor's latest price per product {_period(first, today)} against our price on that day "
              f"(gap = our price / theirs - 1; level within {TIE:g})")
    names = competitors or sorted(latest["competitor"].astype(str).unique().tolist())
    if latest.empty:
        who = join_names(names) or "the competitor"
        return AgentAnswer(ask="versus_competitor", answered=False, method=method, skus=list(scoped),
                           text=f"No product of ours has a price from {who} {_period(first, today)} to compare with "
                                "(their prices and ours for the same products are needed).")
    sentences: list[str] = []
    rows: list[list[Any]] = []
    asked = {c.lower(): i for i, c in enumerate(competitors)}  # in the order the question names them
    groups = sorted(latest.groupby(latest["competitor"].astype(str), sort=True),
                    key=lambda g: asked.get(str(g[0]).lower(), len(asked)))
    for name, part in groups:
        ours, theirs = part["our_price"].astype("float64"), part["competitor_price"].astype("float64")
        gap = 100.0 * (ours / theirs.where(theirs > 0) - 1.0)
        cheaper, dearer = int((ours < theirs - TIE).sum()), int((ours > theirs + TIE).sum())
        level = len(part) - cheaper - dearer
        ordered = part.assign(gap_pct=gap).sort_values("gap_pct", ascending=False, kind="stable")
        rows += [[str(r["sku"]), str(name), round(float(r["our_price"]), 2), round(float(r["competitor_price"]), 2),
                  None if pd.isna(r["gap_pct"]) else round(float(r["gap_pct"]), 1),
                  pd.Timestamp(r["date"]).date().isoformat()] for _, r in ordered.iterrows()]
        if scoped and len(part) <= 3:  # "what does MegaMart charge for X": their price first, then ours
            sentences += [f"{name} charges {fmt_num(float(r['competitor_price']), 2)} for {r['sku']} (on "
                          f"{pd.Timestamp(r['date']).date().isoformat()}), against our "
                          f"{fmt_num(float(r['our_price']), 2)}: " + _side(float(r["gap_pct"])) + "."
                          for _, r in ordered.iterrows()]
            continue
        if len(part) <= 3:
            each = [f"{r['sku']} ours {fmt_num(float(r['our_price']), 2)} vs {fmt_num(float(r['competitor_price']), 2)}"
                    f" ({float(r['gap_pct']):+.1f}%)" for _, r in ordered.iterrows()]
            verdict = "cheaper" if cheaper and not dearer else "dearer" if dearer and not cheaper else "mixed"
            lead = {"cheaper": f"We are cheaper than {name}", "dearer": f"We are dearer than {name}",
                    "mixed": f"Against {name} we are cheaper on {cheaper} and dearer on {dearer}"}[verdict]
            if not cheaper and not dearer:
                lead = f"We are level with {name}"
            sentences.append(f"{lead}: {'; '.join(each)} (latest prices {_period(first, today)}).")
            continue
        mean = float(np.nanmean(gap.to_numpy())) if gap.notna().any() else 0.0
        text = (f"We are cheaper than {name} on {cheaper:,} of {len(part):,} matched products and dearer on "
                f"{dearer:,}" + (f" (level on {level:,})" if level else "") + f", {_period(first, today)}; on "
                f"average our price is {abs(mean):.1f}% {'above' if mean > 0 else 'below'} theirs.")
        above = [f"{r['sku']} ({float(r['gap_pct']):+.1f}%)" for _, r in ordered.head(3).iterrows()
                 if float(r["gap_pct"]) > 0]
        below = [f"{r['sku']} ({float(r['gap_pct']):+.1f}%)" for _, r in ordered.iloc[::-1].head(3).iterrows()
                 if float(r["gap_pct"]) < 0]
        gaps = ([f"dearer most on {join_names(above, 3)}"] if above else []) + (
            [f"cheaper most on {join_names(below, 3)}"] if below else [])
        if gaps:
            text += " Biggest gaps: " + "; ".join(gaps) + "."
        sentences.append(text)
    table, total = ranked_table(_VERSUS_COLUMNS, rows)
    return AgentAnswer(ask="versus_competitor", text=" ".join(sentences), columns=_VERSUS_COLUMNS, rows=table,
                       total_rows=total, method=method, skus=[str(r[0]) for r in rows[:10]],
                       finding_prefixes=["position:"], period_start=first, period_end=today)


def _side(gap_pct: float) -> str:
    """"we are 5.4% dearer", "we are 3.0% cheaper", "the same price"."""
    if abs(gap_pct) < 0.05:
        return "the same price"
    return f"we are {abs(gap_pct):.1f}% {'dearer' if gap_pct > 0 else 'cheaper'}"


_STOCK_COLUMNS = ["competitor", "sku", "in_stock", "date"]


def competitor_stock_answer(obs: pd.DataFrame, competitors: list[str], *, today: date, start: date | None,
                            scoped: list[str]) -> AgentAnswer:
    """``competitor_stock``: the products a competitor was out of stock on at its latest observation."""
    frame = _named(obs, competitors)
    if scoped:
        frame = frame[frame["sku"].isin(scoped)]
    latest = latest_prices(frame, start, today)
    _, first = _window(obs, start, today)
    method = f"each competitor's latest observation per product {_period(first, today)}: in_stock = false"
    if "in_stock" not in latest or latest.empty or latest["in_stock"].isna().all():
        who = join_names(competitors) or "competitors"
        return AgentAnswer(ask="competitor_stock", answered=False, method=method,
                           text=f"The competitor prices {_period(first, today)} do not say whether {who} had stock "
                                "(an in_stock column is needed).")
    known = latest.dropna(subset=["in_stock"])
    out = known[~known["in_stock"].astype(bool)].sort_values(["competitor", "sku"])
    rows = [[str(r["competitor"]), str(r["sku"]), False, pd.Timestamp(r["date"]).date().isoformat()]
            for _, r in out.iterrows()]
    if scoped and len(scoped) <= 3:  # "which competitor is out of stock on X": each product's sellers
        parts = []
        for sku, part in known.groupby(known["sku"].astype(str), sort=True):
            lacking = sorted(str(c) for c in part.loc[~part["in_stock"].astype(bool), "competitor"])
            having = sorted(str(c) for c in part.loc[part["in_stock"].astype(bool), "competitor"])
            parts.append((f"{join_names(lacking)} {'is' if len(lacking) == 1 else 'are'} out of stock on {sku}"
                          if lacking else f"No competitor is out of stock on {sku}")
                         + (f" ({join_names(having)} {'has' if len(having) == 1 else 'have'} it)" if having else ""))
        table, total = ranked_table(_STOCK_COLUMNS, rows)
        return AgentAnswer(ask="competitor_stock", text="; ".join(parts) + f", at their latest observation "
                           f"{_period(first, today)}.", columns=_STOCK_COLUMNS, rows=table, total_rows=total,
                           method=method, skus=list(scoped), period_start=first, period_end=today)
    sentences = []
    gone_by = out.groupby(out["competitor"].astype(str)).size()
    carried = known.groupby(known["competitor"].astype(str)).size()
    # most out-of-stocks first ("which competitor has the most out-of-stocks?"), ties by name
    names = sorted(carried.index, key=lambda c: (-int(gone_by.get(c, 0)), c))
    for name in names:
        part = known[known["competitor"].astype(str) == name]
        gone = out[out["competitor"].astype(str) == name]
        if len(competitors) == 1 or len(known["competitor"].unique()) == 1:
            listed = f": {join_names([str(s) for s in gone['sku']], 8)}" if len(gone) else ""
            sentences.append(f"{name} is out of stock on {len(gone):,} of the {len(part):,} products of ours it "
                             f"carries (its latest observation of each {_period(first, today)}){listed}.")
        else:
            sentences.append(f"{name} {len(gone):,} of {len(part):,}")
    if len(sentences) > 1 or (sentences and not sentences[0].endswith(".")):
        most = int(gone_by.max()) if len(gone_by) else 0
        leaders = [c for c in names if int(gone_by.get(c, 0)) == most] if most else []
        lead = (f"{join_names(leaders)} {'is' if len(leaders) == 1 else 'are'} out of stock on the most of our "
                f"products ({most:,}); " if leaders else "")
        text = (f"{lead}{'c' if lead else 'C'}ompetitors are out of stock on {out['sku'].nunique():,} of our products "
                f"at their latest observation {_period(first, today)}: " + "; ".join(sentences) + ".")
    else:
        text = sentences[0] if sentences else "No competitor price in the window says whether it had stock."
    table, total = ranked_table(_STOCK_COLUMNS, rows)
    return AgentAnswer(ask="competitor_stock", text=text, columns=_STOCK_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=list(dict.fromkeys(str(r[1]) for r in rows))[:10],
                       period_start=first, period_end=today)


_MOVE_COLUMNS = ["competitor", "sku", "first_date", "first_price", "last_date", "last_price", "change_pct", "low",
                 "high", "observations"]


def competitor_prices_answer(obs: pd.DataFrame, competitors: list[str], *, today: date, start: date | None,
                             scoped: list[str], order: str | None = None) -> AgentAnswer:
    """``competitor_prices``: how a competitor's prices moved (first and latest price in the period).

    Over the question's period, or all the competitor prices up to the as-of date: per (competitor, product)
    the first and latest price, the change, the low and the high. Named products are said one by one; a whole
    competitor is summed up (products up, down, unchanged, median change). ``order`` ("up": who raised prices the
    most, "down": who cut them the most) ranks the competitors by their average change per product and says the
    first one first.
    """
    frame = _named(obs.dropna(subset=["competitor_price"]), competitors)
    if scoped:
        frame = frame[frame["sku"].isin(scoped)]
    frame, first = _window(frame, start, today, days=None)
    method = ("per competitor and product: first and latest observed price in the period, change = latest / "
              "first - 1, with the lowest and highest price seen")
    if frame.empty:
        who = join_names(competitors) or "any competitor"
        what = f" for {join_names(scoped)}" if scoped else ""
        return AgentAnswer(ask="competitor_prices", answered=False, method=method, skus=list(scoped),
                           text=f"There are no prices from {who}{what} {_period(first, today)}.")
    frame = frame.sort_values("date", kind="stable")
    g = frame.groupby([frame["competitor"].astype(str), frame["sku"].astype(str)], sort=True)
    moves = pd.DataFrame({"first_date": g["date"].first(), "first_price": g["competitor_price"].first(),
                          "last_date": g["date"].last(), "last_price": g["competitor_price"].last(),
                          "low": g["competitor_price"].min(), "high": g["competitor_price"].max(),
                          "observations": g.size()})
    moves["change_pct"] = 100.0 * (moves["last_price"] / moves["first_price"].where(moves["first_price"] > 0) - 1)
    rows: list[list[Any]] = [
        [str(key[0]), str(key[1]), pd.Timestamp(r["first_date"]).date().isoformat(),  # type: ignore[index]
         round(float(r["first_price"]), 2), pd.Timestamp(r["last_date"]).date().isoformat(),
         round(float(r["last_price"]), 2), None if pd.isna(r["change_pct"]) else round(float(r["change_pct"]), 1),
         round(float(r["low"]), 2), round(float(r["high"]), 2), int(r["observations"])]
        for key, r in moves.iterrows()]
    if len(moves) <= 4:
        parts = [f"{_possessive(r[0])} price for {r[1]} went from {fmt_num(r[3], 2)} on {r[2]} to "
                 f"{fmt_num(r[5], 2)} on {r[4]} "
                 f"({_pct(r[6])}; low {fmt_num(r[7], 2)}, high {fmt_num(r[8], 2)} over {r[9]} observations)"
                 for r in rows]
        text = "; ".join(parts) + "."
        sellers = list(dict.fromkeys(str(r[0]) for r in rows))
        if scoped and not competitors and len(scoped) == 1:  # "which competitors sell X?": who, then their moves
            many = len(sellers) != 1
            text = (f"{len(sellers)} competitor{'s' if many else ''} price{'' if many else 's'} {scoped[0]} "
                    f"({join_names(sellers)}): " + text)
    else:
        sentences, means = [], {}
        for name, part in moves.groupby(level=0, sort=True):
            change = part["change_pct"].dropna()
            up, down = int((change > 0.05).sum()), int((change < -0.05).sum())
            means[str(name)] = float(change.mean()) if len(change) else None
            sentences.append((str(name), f"{name} on {len(part):,} products ({down:,} lowered, {up:,} raised and "
                                         f"{len(change) - up - down:,} unchanged from first to latest price, median "
                                         f"change {_pct(float(change.median()) if len(change) else None)})"))
        intro = (f"You track {len(sentences)} competitor{'s' if len(sentences) != 1 else ''}' prices "
                 f"{_period(first, today)}: " if not competitors else f"{_period(first, today).capitalize()}: ")
        lead = ""
        valued = {n: v for n, v in means.items() if v is not None}
        if order in ("up", "down") and valued:
            # "who raised prices the most": the competitors by their average change per product (a median is often
            # 0 when half the products moved), the one asked for first
            ranked = sorted(valued, key=lambda n: -valued[n] if order == "up" else valued[n])
            top, value = ranked[0], valued[ranked[0]]
            lead = (f"{top} {'raised' if order == 'up' else 'cut'} its prices the most {_period(first, today)}: "
                    f"{value:+.2f}% on average per product from first to latest price. ")
            place = {n: i for i, n in enumerate(ranked)}
            sentences.sort(key=lambda s: place.get(s[0], len(place)))
        text = lead + intro + "; ".join(s for _, s in sentences) + "."
    table, total = ranked_table(_MOVE_COLUMNS, sorted(rows, key=lambda r: -abs(r[6] or 0.0)))
    period_start = first or pd.Timestamp(frame["date"].min()).date()
    return AgentAnswer(ask="competitor_prices", text=text, columns=_MOVE_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=list(dict.fromkeys(str(r[1]) for r in rows))[:10],
                       finding_prefixes=["move:", "promo:"], period_start=period_start, period_end=today)


def _pct(value: float | None) -> str:
    return "no change measurable" if value is None else "unchanged" if abs(value) < 0.05 else f"{value:+.1f}%"


#: The asks this module answers.
MARKET_ASKS: frozenset[str] = frozenset({"cheapest_competitor", "dearest_competitor", "versus_competitor",
                                         "competitor_stock", "competitor_prices"})


def market_answer(ask: str, obs: pd.DataFrame, competitors: list[str], *, today: date, start: date | None,
                  scoped: list[str], order: str | None = None) -> AgentAnswer:
    """Answer one of :data:`MARKET_ASKS` from the competitor observations.

    Without a period, the window ends on the latest competitor price (a feed that stopped before the sales did
    is read where it has data, not as an empty last month).
    """
    if start is None and not obs.empty:
        today = min(today, pd.Timestamp(obs["date"].max()).date())
    if ask in ("cheapest_competitor", "dearest_competitor"):
        return cheapest_competitor_answer(obs, today=today, start=start, scoped=scoped,
                                          dearest=ask == "dearest_competitor")
    if ask == "versus_competitor":
        return versus_competitor_answer(obs, competitors, today=today, start=start, scoped=scoped)
    if ask == "competitor_stock":
        return competitor_stock_answer(obs, competitors, today=today, start=start, scoped=scoped)
    return competitor_prices_answer(obs, competitors, today=today, start=start, scoped=scoped, order=order)
