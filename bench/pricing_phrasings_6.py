"""A fourth round of pricing questions (#18), in styles sets 1-5 did not try.

Run with ``BENCH_SET=6 .venv/bin/python bench/pricing_phrasings.py``. Same merchants and truths (pandas over the
warehouse rows): typed on a phone (lower case, no punctuation, typos), numbers written out, negations ("which
products are NOT priced above the market"), thresholds ("more than 10% above competitors"), two named products
compared, competitor names in the question, per-category and per-brand asks, "why are sales of X down" (its
price position), and refusals for what the data lacks (shipping costs, another retailer, competitor reviews).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bench.catalogue_picks import market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import first_sentence, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
_SIDE = re.compile(r"above|below|cheaper|dearer|pricier|more expensive|less expensive|in line|index", re.I)


def sixth_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the fourth round's set."""
    out, add = pricing_cases(SHOP)
    first = first_sentence

    def counts(*ns: int) -> Check:
        return lambda a, r: any(states(first(a), n, 0.5) for n in ns)

    latest = m.latest
    idx = latest["index"]
    cats = latest.index.map(m.products["category"].to_dict())
    picks = market_picks(m.products, t.rv, m.window())
    x = picks.mapped.sku
    multi = latest[latest["n"] >= 3].index
    y = str(multi[0])
    tx, ty = str(m.products.loc[x, "title"]), str(m.products.loc[y, "title"])
    above, below = m.above(), m.below()
    n_all = len(latest)
    order = m.undercut_order()

    # 1. typed on a phone: lower case, no punctuation, typos
    add("phone", "which items r we pricier than evry1 else on", counts(len(above)))
    add("phone", "r we cheaper than the market on anything", counts(len(below)))
    add("phone", "whos cheapest most of the time", lambda a, r: first(a).startswith(order[0]))
    add("phone", f"is {x.lower()} overpriced", lambda a, r: x in first(a) and _SIDE.search(first(a)) is not None)
    add("phone", "how many skus r we undercut on", lambda a, r: states(first(a), len(above), 0.5)
        or re.search(r"undercut|cheaper", first(a)) is not None)
    add("phone", "comp stockouts rn", counts(int(m.out_of_stock()["sku"].nunique())))
    add("phone", "price positon kitchen", lambda a, r: "Kitchen" in first(a))
    add("phone", f"shld i lower the price of {x}", lambda a, r: x in first(a)
        and re.search(r"\b(?:lower|raise|hold|keep)", first(a), re.I) is not None)

    # 2. numbers written out and thresholds
    over10, over20 = int((idx > 110).sum()), int((idx > 120).sum())
    under10 = int((idx < 90).sum())
    within5 = int(((idx - 100).abs() <= 5).sum())
    add("threshold", "which products are more than ten percent above the market?", counts(over10))
    add("threshold", "how many skus are priced more than 10% above competitors?", counts(over10))
    add("threshold", "items over twenty percent pricier than rivals", counts(over20))
    add("threshold", "products at least 10% cheaper than the competition", counts(under10))
    add("threshold", "how many of our products are within 5% of the market price?", counts(within5))
    add("threshold", f"what if we raise the {tx} by fifteen percent?", lambda a, r: "15%" in first(a))
    add("threshold", f"cut {x} by ten percent - what happens to revenue?", lambda a, r: "10%" in first(a)
        and x in first(a))

    # 3. negations
    not_above, not_dearer = n_all - len(above), n_all - int((idx > 100).sum())
    add("negation", "which products are NOT priced above the market?", counts(not_above, not_dearer))
    add("negation", "which items are we not overpriced on?", counts(not_above, not_dearer))
    add("negation", "how many products aren't cheaper than the competition?",
        counts(n_all - len(below), n_all - int((idx < 100).sum())))
    add("negation", "which competitor is never cheaper than us?", lambda a, r: order[-1] in first(a)
        or _NEGATION.search(first(a)) is not None)

    # 4. two named products compared
    xi, yi = float(idx[x]), float(idx[y])
    dearer = x if xi > yi else y
    add("two", f"which is more overpriced, the {tx} or the {ty}?", lambda a, r: dearer in first(a)
        and x in a and y in a)
    add("two", f"compare the price position of {x} and {y}", lambda a, r: x in first(a) and y in first(a)
        and "index" in first(a))
    add("two", f"{x} vs {y} - which one are we more competitive on?", lambda a, r: x in a and y in a)

    # 5. competitor names in the question
    w = m.window()
    cheaper_share = (w["price"] < w["our"]).groupby(w["competitor"]).mean() * 100
    add("rivals", "how often is PrimeGoods cheaper than us?", lambda a, r: "PrimeGoods" in first(a)
        and (states(first(a), float(cheaper_share["PrimeGoods"]), 1.0) or "%" in first(a)))
    add("rivals", "compare MegaMart and BargainBarn on price", lambda a, r: "MegaMart" in a and "BargainBarn" in a)
    add("rivals", "is ShopRival more expensive than us on Electronics?", lambda a, r: "ShopRival" in first(a)
        and "Electronics" in a)
    add("rivals", f"what does BargainBarn charge for the {ty}?", lambda a, r: "BargainBarn" in first(a)
        or y in first(a))
    add("rivals", "which products does MegaMart undercut us on?", lambda a, r: "MegaMart" in first(a))
    add("rivals", "what is Target charging for our products?", lambda a, r: "Target" in first(a)
        and _NEGATION.search(first(a)) is not None)

    # 6. per category and per brand
    cat_idx = m.category_index()
    outdoor_above = int(((idx > 105) & (cats == "Outdoor")).sum())
    add("group", "which Outdoor products are above the market?", lambda a, r: "Outdoor" in first(a)
        and states(first(a), outdoor_above, 0.5))
    add("group", "price index for Home", lambda a, r: "Home" in first(a) and "index" in first(a))
    add("group", "are we overpriced in Apparel?", lambda a, r: "Apparel" in first(a))
    # a brand's price against the market: named, with a price position (not its revenue)
    add("group", "how are Northwind products priced vs competitors?", lambda a, r: "Northwind" in first(a)
        and _SIDE.search(first(a)) is not None)
    add("group", "which Kestrel items are cheaper elsewhere?", lambda a, r: "Kestrel" in first(a)
        and _SIDE.search(first(a)) is not None)
    add("group", "price position by category", lambda a, r: str(cat_idx.index[0]) in first(a))

    # 7. why are sales down: the price position (and the reviews) first
    add("why", f"why are sales of the {tx} down?", lambda a, r: x in first(a))
    add("why", f"why isn't {y} selling?", lambda a, r: y in first(a))
    add("why", f"is price the reason {x} sales dropped?", lambda a, r: x in first(a))

    # 8. what the data lacks
    add("nodata", "what are competitors charging for shipping?", lambda a, r: "shipping" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    add("nodata", "what's MegaMart's rating on their product pages?", lambda a, r: _NEGATION.search(first(a))
        is not None)
    add("nodata", "did MegaMart run a promotion on Black Friday last year?",
        lambda a, r: _NEGATION.search(first(a)) is not None or "MegaMart" in first(a))

    # 9. refusals without competitor prices
    add("refusal", "r we overpriced", lambda a, r: "no competitor prices" in first(a).lower(), NOCOMP)
    add("refusal", "which products are NOT above the market?", lambda a, r: "no competitor prices"
        in first(a).lower(), NOCOMP)
    add("refusal", "items more than ten percent above competitors", lambda a, r: "no competitor prices"
        in first(a).lower(), NOCOMP)
    add("refusal", "is MegaMart cheaper than us on Kitchen?", lambda a, r: "no competitor prices"
        in first(a).lower(), NOCOMP)
    add("refusal", f"why are sales of {x} down?", lambda a, r: x in first(a), NOCOMP)
    return out
