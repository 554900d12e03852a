"""The second held-out set of ``bench/pricing_phrasings.py`` (#18): written after the first set's fixes.

Run with ``BENCH_SET=2 .venv/bin/python bench/pricing_phrasings.py``. Same merchants, same truths (pandas over the
warehouse rows and the generated reviews), new phrasings.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, market_picks
from bench.phrasing_sets import pricing_cases
from bench.review_phrasings import RTOL, first_sentence, has, states

if TYPE_CHECKING:
    from bench.pricing_phrasings import Check, Market
    from bench.review_phrasings import Truth

SHOP, NOCOMP = "shop", "nocomp"
_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_NO_COMPETITORS = re.compile(r"no competitor prices have been ingested|no competitor prices", re.I)


def second_set(m: Market, t: Truth) -> list[tuple[str, str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, tenant, question, check) of the second set."""
    out, add = pricing_cases(SHOP)

    picks = market_picks(m.products, t.rv, m.window())
    x, y = picks.mapped.sku, str(m.latest[m.latest["n"] >= 3].index[0])
    tx, ty = str(m.products.loc[x, "title"]), str(m.products.loc[y, "title"])
    above, n_all = m.above(), len(m.latest)
    order = m.undercut_order()
    oos = m.out_of_stock()
    cat = m.category_index()

    def over(a: str, r: object) -> bool:
        return states(first_sentence(a), len(above), 0.5) and "above" in first_sentence(a)

    def elastic(sku: str) -> Check:
        return lambda a, r: sku in first_sentence(a) and "elastic" in first_sentence(a) \
            and re.search(r"-\d+\.\d+", first_sentence(a)) is not None

    # pricing, with competitor prices
    add("market", "on which SKUs do we charge a premium over competitors?", over)
    add("market", "where are we priced out of the market?", over)
    add("market", "how competitive are our prices overall?", lambda a, r: has(first_sentence(a), "price index")
        or states(first_sentence(a), n_all, 0.5))
    add("rivals", "which retailer beats us on price most often?", lambda a, r: first_sentence(a).startswith(order[0]))
    add("rivals", f"who's the cheapest seller of the {ty}?", lambda a, r: y in first_sentence(a))
    add("rivals", f"what is MegaMart charging for {y}?", lambda a, r: "MegaMart" in first_sentence(a)
        and y in first_sentence(a))
    add("rivals", "compare our prices to ShopRival", lambda a, r: "ShopRival" in first_sentence(a))
    add("rivals", "gap between us and Target on price", lambda a, r: "Target" in first_sentence(a)
        and re.search(r"\bno\b|not|n't", first_sentence(a)) is not None)
    add("stock", "which competitor has gone out of stock lately?",
        lambda a, r: states(first_sentence(a), oos["sku"].nunique(), 0.5))
    add("stock", "stockouts at MegaMart?", lambda a, r: "MegaMart" in first_sentence(a)
        and states(first_sentence(a), int((oos["competitor"] == "MegaMart").sum()), 0.5))
    add("category", "which category is the most competitively priced?", lambda a, r: str(cat.index[-1])
        in first_sentence(a))
    add("category", "what category has the biggest price premium?", lambda a, r: first_sentence(a).startswith(
        str(cat.index[0])))
    add("elasticity", f"how elastic is demand for the {tx}?", elastic(x))
    add("elasticity", f"elasticity for {y}", elastic(y))
    add("elasticity", "what's the price elasticity across the catalogue?", lambda a, r: "elastic" in first_sentence(a))
    add("whatif", f"if we put the {tx} up 5%, how many fewer would we sell?", lambda a, r: "5%" in first_sentence(a)
        and "lowers" in first_sentence(a))
    add("whatif", f"what would a 20% markdown on {x} do to volume?", lambda a, r: "20%" in first_sentence(a)
        and "raises" in first_sentence(a))
    add("whatif", f"is it worth discounting {x} by 10%?", lambda a, r: "10%" in first_sentence(a)
        and x in first_sentence(a))
    add("whatif", f"what price should we set for the {ty}?", lambda a, r: y in first_sentence(a)
        and re.search(r"\d+\.\d\d", first_sentence(a)) is not None)
    # pricing, without competitor prices
    refuses: Check = lambda a, r: _NO_COMPETITORS.search(first_sentence(a)) is not None  # noqa: E731
    add("refusal", "are we cheaper than MegaMart?", refuses, NOCOMP)
    add("refusal", "what category has the biggest price premium?", refuses, NOCOMP)
    add("refusal", "who sells below us?", refuses, NOCOMP)
    add("refusal", f"price elasticity of {x}", elastic(x), NOCOMP)

    # reviews
    rv, end = t.rv, t.end
    falling = falling_pick(m.products, t.falling, picks.mapped)  # the product whose ratings fall
    add("why", f"why did {falling.title} reviews tank?", lambda a, r: falling.sku in first_sentence(a)
        and re.search(r"fell|fall|drop|down|lower", first_sentence(a)) is not None)
    add("love", f"what are customers saying about the quality of the {ty}?", lambda a, r: y in first_sentence(a)
        and "quality" in first_sentence(a))
    add("love", "what do Home customers complain about?", lambda a, r: "Home" in first_sentence(a))
    add("love", "what's good about our Electronics according to reviewers?",
        lambda a, r: "Electronics" in first_sentence(a))
    lm_s, lm_e = t.last_month()
    kit_lm = t.window(lm_s, lm_e)
    kit_lm = kit_lm[kit_lm["category"] == "Kitchen"]
    add("since", f"Kitchen rating in {lm_s.strftime('%B')}", lambda a, r: states(first_sentence(a), t.mean(kit_lm),
                                                                                  RTOL))
    since = (end.replace(day=1) - timedelta(days=62)).replace(day=1)
    n_since = len(t.window(since))
    add("since", f"how many reviews since {since.day} {since.strftime('%B')}?",
        lambda a, r: states(first_sentence(a), n_since, 0.5))
    by_cat = rv.dropna(subset=["rating"]).groupby("category")["rating"].mean()
    add("compare", "Home vs Outdoor reviews", lambda a, r: states(a, float(by_cat["Home"]), RTOL)
        and states(a, float(by_cat["Outdoor"]), RTOL))
    mx, my = t.mean(rv[rv["sku"] == x]), t.mean(rv[rv["sku"] == y])
    add("compare", f"does the {ty} have better reviews than the {tx}?", lambda a, r: states(a, mx, RTOL)
        and states(a, my, RTOL))
    add("spam", "percentage of fake reviews", lambda a, r: _SPAM.search(first_sentence(a)) is not None)
    two_out = int(((rv["category"] == "Outdoor") & (rv["rating"] == 2)).sum())
    two_out_y = int(((t.agent_year()["category"] == "Outdoor") & (t.agent_year()["rating"] == 2)).sum())
    add("count", "how many 2 star reviews did Outdoor get?", lambda a, r: states(first_sentence(a), two_out, 0.5)
        or states(first_sentence(a), two_out_y, 0.5))
    ys = rv[rv["sku"] == y]["rating"].value_counts()
    add("stars", f"breakdown of ratings for the {ty}", lambda a, r: (y in first_sentence(a) or ty in first_sentence(a))
        and all(states(a, float(ys.get(k, 0)), 0.5) for k in (5, 4)))
    add("typos", "shipping complaints this year?", lambda a, r: "shipping" in first_sentence(a).lower())
    add("typos", f"hw r the reviews 4 {x}", lambda a, r: x in first_sentence(a))
    neg_kit = int((kit_lm["rating"] <= 2).sum())
    add("typos", "neg reviews kitchen last mnth", lambda a, r: states(first_sentence(a), neg_kit, 0.5))
    elec = rv[rv["category"] == "Electronics"]
    elec_y = t.agent_year()[t.agent_year()["category"] == "Electronics"]
    add("typos", "whats the avg star for electronics", lambda a, r: states(first_sentence(a), t.mean(elec), RTOL)
        or states(first_sentence(a), t.mean(elec_y), RTOL))
    ys0 = date(end.year, 1, 1)
    add("since", "how has sentiment been since the beginning of the year?",
        lambda a, r: states(first_sentence(a), t.mean(t.window(ys0)), RTOL))
    return out
