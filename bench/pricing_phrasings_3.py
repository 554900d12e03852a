"""The third held-out set of ``bench/pricing_phrasings.py`` (#18): how merchants and category managers ask.

Run with ``BENCH_SET=3 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse's competitor, sales and product rows), phrasings the first two sets lack: "are we the cheapest on X",
"where are we being undercut", price gaps over a threshold, the most aggressive competitor, a competitor's price
moves this month, the price index by category, MAP questions (against the catalogue's map_price), "should I
raise X" with its margin, cuts of 15%, competitor stock-outs to exploit, British and Indian English, typos,
shorthand and long Slack-style preambles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import first_sentence, has, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NO_COMPETITORS = re.compile(r"no competitor prices have been ingested|no competitor prices", re.I)
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without", re.I)
#: A floor price (MAP, minimum advertised price, price floor) the data does not hold: said, not invented.
_NO_FLOOR = re.compile(r"(?:MAP|minimum advertised|floor|minimum price)", re.I)


def third_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the third set."""
    out, add = pricing_cases(SHOP)

    picks = market_picks(m.products, t.rv, m.window())
    x, y = picks.mapped.sku, str(m.latest[m.latest["n"] >= 3].index[0])
    tx, ty = str(m.products.loc[x, "title"]), str(m.products.loc[y, "title"])
    latest = m.latest
    above, n_all = m.above(), len(latest)
    order = m.undercut_order()
    oos = m.out_of_stock()
    cat = m.category_index()
    competitors = sorted(set(m.obs["competitor"]))
    over10 = int((latest["index"] > 110).sum())
    gap10 = int(((latest["index"] - 100).abs() > 10).sum())
    undercut = int((latest["low"] < latest["our"]).sum())  # a competitor's latest price below ours
    # each competitor's latest price in the window (the market answers' "current price"), against ours
    current_low = {str(s): m.lowest_latest(str(s)) for s in latest.index}
    cheapest = sum(float(latest["our"].to_dict()[s]) <= low + 0.005 for s, low in current_low.items())
    cheapest_strict = sum(float(latest["our"].to_dict()[s]) < low - 0.005 for s, low in current_low.items())
    oos_by = oos.groupby("competitor")["sku"].nunique().sort_values(ascending=False)
    first = first_sentence

    def over(a: str, r: object) -> bool:
        return states(first(a), len(above), 0.5) and "above" in first(a)

    def counts(*ns: int) -> Check:
        return lambda a, r: any(states(first(a), n, 0.5) for n in ns)

    def cheapest_on(sku: str) -> Check:
        our, low = float(latest["our"].to_dict()[sku]), current_low[sku]
        yes = our <= low + 0.005

        def check(a: str, r: object) -> bool:
            f = first(a)
            if sku not in f:
                return False
            says_no = re.search(r"\bnot\b|n't|\bno\b|above|undercut|cheaper than (?:us|you|our)", f, re.I) is not None
            return says_no != yes
        return check

    def elastic(sku: str) -> Check:
        return lambda a, r: sku in first(a) and "elastic" in first(a) and re.search(r"-\d+\.\d+", first(a)) is not None

    def advice(sku: str) -> Check:  # a recommendation, its elasticity and (costs are known) its margin
        return lambda a, r: sku in first(a) and re.search(r"\b(?:lower|raise|hold|keep)", first(a), re.I) \
            is not None and "elastic" in a and "margin" in a.lower()

    # 1. are we the cheapest, where are we undercut
    add("cheapest", f"are we the cheapest on the {ty}?", cheapest_on(y))
    add("cheapest", f"are we still the cheapest option for {x}?", cheapest_on(x))
    add("cheapest", "how many products are we the cheapest on?", counts(cheapest, cheapest_strict))
    add("cheapest", "where are we being undercut?", lambda a, r: counts(undercut)(a, r) or over(a, r))
    add("cheapest", "on which lines are we being undercut by the competition?",
        lambda a, r: counts(undercut)(a, r) or over(a, r))
    add("cheapest", "where are we getting beaten on price?", lambda a, r: counts(undercut)(a, r) or over(a, r))
    # 2. gaps over a threshold
    add("gaps", "show me price gaps over 10%", counts(gap10, over10))
    add("gaps", "which SKUs are more than 10% above the competition?", counts(over10))
    add("gaps", "where are we more than 10% dearer than the market?", counts(over10))
    add("gaps", "products priced 10 percent or more over competitors", counts(over10))
    # 3. competitors: the most aggressive, price moves
    add("rivals", "which competitor is most aggressive on price?", lambda a, r: first(a).startswith(order[0]))
    add("rivals", "who's the most aggressive discounter?", lambda a, r: first(a).startswith(order[0]))
    add("rivals", "which rival undercuts us the most?", lambda a, r: first(a).startswith(order[0]))
    add("rivals", "has MegaMart dropped prices this month?", lambda a, r: "MegaMart" in first(a)
        and re.search(r"price|cut|drop|lower|raise|change|\d", first(a)) is not None)
    add("rivals", "did ShopRival change any prices this week?", lambda a, r: "ShopRival" in first(a))
    add("rivals", "how many competitors are we tracking?", lambda a, r: states(first(a), len(competitors), 0.5))
    add("rivals", "who are our competitors?", lambda a, r: all(c in a for c in competitors))
    add("rivals", f"what's the price difference between us and MegaMart on {y}?", lambda a, r: "MegaMart" in first(a)
        and y in first(a))
    add("rivals", "are we dearer than ShopRival on average?", lambda a, r: "ShopRival" in first(a))
    # 4. price index
    add("index", "what's our price index by category?", lambda a, r: all(str(c) in a for c in cat.index)
        and "index" in first(a).lower())
    add("index", "price index per category", lambda a, r: all(str(c) in a for c in cat.index))
    add("index", "what's our overall price index?", lambda a, r: "index" in first(a).lower()
        and states(first(a), n_all, 0.5) or has(first(a), "price index"))
    add("index", "which category has the widest price gap to competitors?",
        lambda a, r: first(a).startswith(str(cat.index[0])) or f"{cat.index[0]} " in first(a))
    # 5. floors: the catalogue's MAP (minimum advertised price) against competitors' latest prices
    refuses_floor: Check = lambda a, r: _NO_FLOOR.search(first(a)) is not None \
        and _NEGATION.search(first(a)) is not None  # noqa: E731
    under_map = m.below_map()
    violations: Check = lambda a, r: _NO_FLOOR.search(first(a)) is not None \
        and states(first(a), len(under_map), 0.5)  # noqa: E731
    add("floor", "any MAP violations?", violations)
    add("floor", "which competitors are advertising below MAP on our products?", violations)
    add("floor", "is anyone selling our stuff under the minimum advertised price?", violations)
    add("floor", "MAP breaches by competitor this month", violations)
    # 6. should I raise / lower, what if
    add("advice", f"should I raise the price of the {tx}?", advice(x))
    add("advice", f"should we put the price of {y} up?", advice(y))
    add("advice", f"is it a good idea to lower the price on {x}?", advice(x))
    add("whatif", f"what if I cut {ty} by 15%?", lambda a, r: "15%" in first(a) and y in first(a)
        and re.search(r"raises|rise|increase|more", first(a)) is not None)
    add("whatif", f"what happens if we drop the price of {x} by 15 percent", lambda a, r: "15%" in first(a)
        and x in first(a))
    add("whatif", f"what would a 15% price cut on the {tx} do to revenue?", lambda a, r: "15%" in first(a)
        and "revenue" in a)
    add("whatif", f"is it worth increasing the price of {x} by 8%?", lambda a, r: "8%" in first(a)
        and x in first(a))
    add("whatif", f"elasticity of demand for the {ty}", elastic(y))
    # 7. competitor stock-outs
    add("stock", "which competitors are out of stock on stuff we sell?", counts(int(oos["sku"].nunique())))
    add("stock", "any competitor stock-outs we can take advantage of?", counts(int(oos["sku"].nunique())))
    add("stock", "which competitor has the most out-of-stocks?", lambda a, r: first(a).startswith(str(oos_by.index[0]))
        or f"{oos_by.index[0]} " in first(a) and states(first(a), int(oos_by.iloc[0]), 0.5))
    add("stock", "is Target out of stock on anything?", lambda a, r: "Target" in first(a)
        and _NEGATION.search(first(a)) is not None)
    # 8. British and Indian English, typos, shorthand, Slack preambles
    add("style", "which lines are we dearer on than the competition?", over)
    add("style", "kindly tell which products we are costlier than competitors on", over)
    add("style", "please share the list of items where competitor price is lesser than ours",
        lambda a, r: counts(undercut)(a, r) or over(a, r))
    add("style", "wich competitor is cheapst most of the time", lambda a, r: first(a).startswith(order[0]))
    add("style", "are we overpriced on kitchn stuff?", lambda a, r: "Kitchen" in first(a))
    add("style", f"px elasticity {x}", elastic(x))
    add("style", "comp OOS", counts(int(oos["sku"].nunique())))
    add("style", "Hey team, quick one before the Monday trading meeting - I've been looking at the numbers and "
        "wondering: which competitor undercuts us most often?", lambda a, r: first(a).startswith(order[0]))
    add("style", "Morning! Prepping for the category review and my manager wants to know where we're more than 10% "
        "more expensive than the market", counts(over10))
    add("style", f"sorry if this was asked already, but finance is asking: should we raise the price of {x}?",
        advice(x))
    add("style", "Hi all, the board deck is due Friday. Can someone pull which competitor items are out of stock "
        "right now?", counts(int(oos["sku"].nunique())))
    add("style", "whats the cheapest competitor price on the " + ty.lower(),
        lambda a, r: states(first(a), m.lowest_latest(y), 0.006))
    # 9. refusals: no competitor prices ingested
    refuses: Check = lambda a, r: _NO_COMPETITORS.search(first(a)) is not None  # noqa: E731
    add("refusal", f"are we the cheapest on {x}?", refuses, NOCOMP)
    add("refusal", "where are we being undercut?", refuses, NOCOMP)
    add("refusal", "which competitor is most aggressive on price?", refuses, NOCOMP)
    add("refusal", "show me price gaps over 10%", refuses, NOCOMP)
    add("refusal", "what's our price index by category?", refuses, NOCOMP)
    add("refusal", "any competitor stock-outs we can take advantage of?", refuses, NOCOMP)
    add("refusal", "any MAP violations?", lambda a, r: refuses(a, r) or refuses_floor(a, r), NOCOMP)
    return out
