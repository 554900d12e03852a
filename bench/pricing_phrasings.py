"""Pricing and review questions in styles the earlier rounds did not try, checked on their first sentence (#18).

The sample merchant of ``bench/review_phrasings.py`` (seed 23, 80 SKUs, two years) is ingested twice through the
real upload path: ``shop`` with everything, ``nocomp`` without its competitor prices (there, a market question must
say first that no competitor prices were ingested). Each question goes through the orchestration client's ``ask``
(as ``/v1/query`` and ``ecomintel ask`` do; quick mode, no cache, no ``as_of``) and its FIRST SENTENCE is checked
against truths computed with pandas: market truths from the warehouse's own competitor, sales and product rows
(as ingested), review truths from the generated review rows the ingest accepted.

``BENCH_SET=2`` runs the second held-out set (written after the fixes of the first), ``BENCH_SET=3`` the third
(merchants' and category managers' own wordings), ``BENCH_SET=4`` and ``5`` small held-out sets
of both kinds, ``BENCH_SET=6`` the fourth round's set (phone typing, thresholds, negations, named rivals) and ``7`` its
held-out set, ``BENCH_SET=8`` the fifth round's (marketplace sellers' words, price setting, margins) and ``9`` its
held-out set, ``BENCH_SET=10`` the sixth round's (gaps in money, landed prices, the price index, competitors' moves,
tiers, coverage, the only seller) and ``11`` its held-out set, ``12`` the seventh round's held-out bands,
``BENCH_SET=13`` the seventh round's (ladders, possessives, the index's window, stock cover, rivals by name, our own
price history) and ``14`` its held-out set, ``15`` the eighth round's (named SKUs, markups, our repricing,
competitor promotions, per-product sellers) and ``16`` its held-out set, ``17`` the ninth round's (position by
category, undercut by how much, price moves, promotions, stock-outs, what-ifs with intervals, markups) and ``18`` its
held-out set, ``19`` the tenth round's (rivals out of stock, where we are the cheapest, the price index, what-ifs with
their interval) and ``20`` its held-out set, ``21`` the eleventh round's (cheaper than everyone, who undercuts us
most, a rival out of stock on what we sell, what-ifs, room to raise, typos) and ``22`` its held-out set, ``23`` and
``24`` the twelfth round's, ``25`` the thirteenth round's (a price index "right now", the rivals as every seller,
cheaper at any rival, how far from the market, the products no competitor prices) and ``26`` its held-out set,
``27`` the fourteenth round's held-out set (the products no competitor prices with a negated verb or another word
for a price, buying a product for less elsewhere), ``28`` the fifteenth round's (what-ifs in percent and in money,
whether to raise a price, where we are undercut, the rival most often the cheapest, gaps in dollars or percent) and
``29`` its held-out set, ``30`` the sixteenth round's (competitors out of stock, comparisons by category and brand,
two rivals on one product, our last price change, margins) and ``31`` its held-out set, ``32`` the seventeenth
round's (position per category, who undercut us this week, the price index, MAP, what a price change did to sales)
and ``33`` its held-out set, ``34`` the eighteenth round's (what the price changes of a period did to sales, several
products at once; position per category and brand; rivals out of stock; the rival undercutting us most often; our
margin at the market's price) and ``35`` its held-out set, ``36`` the nineteenth round's (brands by a short name) and
``37`` its held-out set, ``38`` the twentieth round's (a brand, vendor, category or product against the market in
comparative idioms: stack up, dearer than what rivals charge, where does X sit on price) and ``39`` its held-out set.
``BENCH_TODAY=YYYY-MM-DD`` generates that day's merchant (the products
a set asks about are picked from what the store holds, ``bench/catalogue_picks.py``).
``BENCH_VERBOSE=1`` prints every answer, ``BENCH_ONLY=group`` runs one group. Prints ``right: N/M`` per group and
overall. Not a timed test: ``.venv/bin/python bench/pricing_phrasings.py``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.catalogue_picks import market_picks, review_pair  # noqa: E402
from bench.phrasing_sets import ask_in_session, bench_environment, bench_today  # noqa: E402

bench_environment("bench-pricing-phrasings-")

from bench.review_phrasings import RTOL, Truth, first_sentence, has, listed, states  # noqa: E402

Check = Callable[[str, Any], bool]
SHOP, NOCOMP = "shop", "nocomp"
#: Position outliers: more than this many percent from the median competitor (the pricing agent's threshold).
OUTLIER_PCT = 5.0
#: The market answers' default window (the last 30 days to the data's last day).
WINDOW_DAYS = 30
NO_COMPETITORS = re.compile(r"no competitor(?: price)?s?|competitor prices? (?:were|was|have|has) not|"
                            r"without competitor prices|needs competitor prices", re.I)


@dataclass(frozen=True)
class Case:
    """A question, the tenant it is asked of, its group and the check of its answer."""

    group: str
    tenant: str
    question: str
    check: Check


class Market:
    """Market truths from the warehouse rows of one tenant (pandas; the pricing layer's documented definitions)."""

    def __init__(self, deps: Any, tenant: str) -> None:
        params = {"tenant_id": tenant}
        cp = deps.warehouse.query("SELECT sku, competitor, date, price, shipping, in_stock FROM competitor_prices "
                                  "WHERE tenant_id = @tenant_id", params)
        sales = deps.warehouse.query("SELECT sku, date, units, COALESCE(revenue, unit_price * units) AS revenue, "
                                     "COALESCE(refund, 0) AS refund, COALESCE(discount, 0) AS discount "
                                     "FROM sales WHERE tenant_id = @tenant_id", params)
        self.products: pd.DataFrame = deps.warehouse.query(
            "SELECT sku, title, category, price, cost, map_price FROM products WHERE tenant_id = @tenant_id", params
        ).drop_duplicates("sku").set_index("sku")
        cp["date"] = pd.to_datetime(cp["date"])
        sales["date"] = pd.to_datetime(sales["date"])
        self.sales = sales
        daily = sales.groupby(["sku", "date"], as_index=False)[["units", "revenue"]].sum()
        daily = daily[(daily["units"] != 0) & daily["revenue"].notna()]
        daily["our"] = daily["revenue"] / daily["units"]
        left = cp.sort_values("date")
        merged = pd.merge_asof(left, daily[["sku", "date", "our"]].sort_values("date"), on="date", by="sku",
                               direction="backward")
        merged["our"] = merged["our"].fillna(merged["sku"].map(self.products["price"].astype(float)))
        self.obs = merged
        self.end: date = max(cp["date"]).date() if len(cp) else date.today()
        per_day = merged.groupby(["sku", "date"]).agg(median=("price", "median"), low=("price", "min"),
                                                      n=("price", "count"), our=("our", "first")).reset_index()
        latest = per_day.sort_values("date").groupby("sku").tail(1).set_index("sku")
        latest["index"] = 100 * latest["our"] / latest["median"]
        # the market answers count the catalogue's products (a SKU priced by competitors but not in the catalogue is
        # set apart in the answer, not counted): the truths do the same
        self.latest = latest[latest.index.isin(self.products.index)].sort_index()

    def above(self) -> pd.DataFrame:
        """SKUs more than 5% above the median competitor on their latest date, furthest first."""
        return self.latest[self.latest["index"] > 100 + OUTLIER_PCT].sort_values("index", ascending=False)

    def below(self) -> pd.DataFrame:
        """SKUs more than 5% below the median competitor on their latest date, furthest first."""
        return self.latest[self.latest["index"] < 100 - OUTLIER_PCT].sort_values("index")

    def window(self) -> pd.DataFrame:
        """Observations in the market answers' window (the last 30 days)."""
        start = pd.Timestamp(self.end - timedelta(days=WINDOW_DAYS - 1))
        return self.obs[self.obs["date"] >= start]

    def undercut_order(self) -> list[str]:
        """Competitors by the share of their observations in the window below our price, most first."""
        w = self.window()
        return list((w["price"] < w["our"]).groupby(w["competitor"]).mean().sort_values(ascending=False).index)

    def out_of_stock(self) -> pd.DataFrame:
        """(sku, competitor) pairs whose latest observation in the window is out of stock."""
        last = self.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
        return last[last["in_stock"].astype("boolean").eq(False).fillna(False)]

    def carriers(self, sku: str) -> list[str]:
        """The competitors with a price for ``sku`` in the window."""
        w = self.window()
        return sorted(set(w.loc[w["sku"] == sku, "competitor"]))

    def lowest_latest(self, sku: str) -> float:
        """The lowest of the competitors' latest prices for ``sku`` in the window."""
        w = self.window()
        return float(w[w["sku"] == sku].sort_values("date").groupby("competitor").tail(1)["price"].min())

    def category_index(self) -> pd.Series:
        """Median latest price index per category, highest first."""
        cat = self.latest.index.map(self.products["category"].to_dict())
        return self.latest["index"].groupby(cat).median().sort_values(ascending=False)

    def below_map(self) -> pd.DataFrame:
        """(sku, competitor) pairs whose latest price in the window is below the product's MAP."""
        last = self.window().sort_values("date").groupby(["sku", "competitor"]).tail(1)
        floor = last["sku"].map(pd.to_numeric(self.products["map_price"], errors="coerce").to_dict())
        return last[(floor - last["price"]) > 0.005]

    def gross_margin(self, sku: str) -> float:
        """Revenue less units x cost over all the SKU's sales."""
        s = self.sales[self.sales["sku"] == sku]
        cost = float(pd.to_numeric(self.products["cost"], errors="coerce").to_dict()[sku])
        return float(s["revenue"].sum() - (s["units"] * cost).sum())

    def net_margin(self, sku: str) -> float:
        """The metrics layer's margin: revenue less refunds and discounts, less units x cost."""
        s = self.sales[self.sales["sku"] == sku]
        return self.gross_margin(sku) - float(s["refund"].sum() + s["discount"].sum())


def named(sku: str) -> Check:
    """The first sentence names the product (its SKU)."""
    return lambda a, r: sku in first_sentence(a)


def refuses_market(a: str, r: Any) -> bool:
    """The first sentence says no competitor prices were ingested (and invents no position)."""
    first = first_sentence(a)
    return NO_COMPETITORS.search(first) is not None and "median competitor" not in first


def pricing_cases(m: Market, t: Truth) -> list[Case]:  # noqa: PLR0915 - one line per phrasing
    """Pricing phrasings of set 1, with truths from the warehouse rows (the product asked about picked by a rule)."""
    out: list[Case] = []

    def add(group: str, question: str, check: Check, tenant: str = SHOP) -> None:
        out.append(Case(group, tenant, question, check))

    x = market_picks(m.products, t.rv, m.window()).mapped.sku
    tx = str(m.products.loc[x, "title"])
    multi = m.latest[m.latest["n"] >= 3].index
    y = str(multi[0])
    ty = str(m.products.loc[y, "title"])
    above, below = m.above(), m.below()
    n_all = len(m.latest)
    over = lambda a, r: states(first_sentence(a), len(above), 0.5) and states(first_sentence(a), n_all, 0.5) \
        and "above" in first_sentence(a)  # noqa: E731
    under = lambda a, r: states(first_sentence(a), len(below), 0.5) and "below" in first_sentence(a)  # noqa: E731
    top_over = str(above.index[0])

    # 1. above / below the market in other words
    add("market", "where are we the most expensive?", lambda a, r: top_over in first_sentence(a))
    add("market", "what are we overpriced on?", over)
    add("market", "which items cost more in our shop than elsewhere?", over)
    add("market", "are we too expensive?", lambda a, r: states(first_sentence(a), len(above), 0.5)
        or has(first_sentence(a), "price index"))
    add("market", "where do we beat the market on price?", under)
    add("market", "which products are cheaper than the competition?", under)
    add("market", "where is our biggest price premium?", lambda a, r: top_over in first_sentence(a))
    add("market", "which skus could take a price increase?", lambda a, r: "below" in first_sentence(a))
    add("market", "how many products are we dearer on than the market?", over)
    cat = m.category_index()
    add("market", "which category are we most overpriced in?",
        lambda a, r: first_sentence(a).startswith(str(cat.index[0])) or
        f"{cat.index[0]} " in first_sentence(a) and states(first_sentence(a), float(cat.iloc[0]), 0.15))
    add("market", "in which category are we cheapest vs competitors?",
        lambda a, r: str(cat.index[-1]) in first_sentence(a))
    add("market", "overall how do our prices stack up?", lambda a, r: states(first_sentence(a), n_all, 0.5)
        and "index" in first_sentence(a))
    add("market", "whats our price position", lambda a, r: states(first_sentence(a), n_all, 0.5)
        or has(first_sentence(a), "price index"))
    add("market", "list the skus priced way under the market", under)
    add("market", "are our prices in line with the market?", lambda a, r: has(first_sentence(a), "price index")
        or states(first_sentence(a), n_all, 0.5))

    # 2. competitors
    order = m.undercut_order()
    add("rivals", "who undercuts us?", lambda a, r: first_sentence(a).startswith(order[0]))
    add("rivals", "which competitor is cheapest most often?", lambda a, r: first_sentence(a).startswith(order[0]))
    add("rivals", "who is our toughest competitor on price?", lambda a, r: order[0] in first_sentence(a))
    add("rivals", "which rival is the priciest?", lambda a, r: order[-1] in first_sentence(a))
    add("rivals", "is MegaMart cheaper than us?", lambda a, r: "MegaMart" in first_sentence(a)
        and re.search(r"cheaper|dearer|above|below", first_sentence(a)) is not None)
    add("rivals", "how do we compare with PrimeGoods?", lambda a, r: "PrimeGoods" in first_sentence(a))
    add("rivals", "price gap to Amazon", lambda a, r: "amazon" in first_sentence(a).lower()
        and re.search(r"\bno\b|not|n't", first_sentence(a)) is not None)
    add("rivals", "how far apart are we from BargainBarn on price", lambda a, r: "BargainBarn" in first_sentence(a)
        and "%" in first_sentence(a))
    add("rivals", f"who has the lowest price on the {ty}?", lambda a, r: y in first_sentence(a))
    add("rivals", f"which competitors sell the {ty}?", lambda a, r: all(c in a for c in m.carriers(y)))
    add("rivals", "does ShopRival undercut us a lot?", lambda a, r: "ShopRival" in first_sentence(a))
    add("rivals", "which competitor is the most expensive most often?", lambda a, r: first_sentence(a).startswith(
        order[-1]))
    add("rivals", "price gap to Walmart", lambda a, r: "Walmart" in first_sentence(a)
        and re.search(r"\bno\b|not|n't", first_sentence(a)) is not None)
    add("rivals", "who undercuts us on Kitchen products?", lambda a, r: "Kitchen" in a
        and any(first_sentence(a).startswith(c) for c in order))

    # 3. competitor out of stock
    oos = m.out_of_stock()
    n_oos = oos["sku"].nunique()
    add("stock", "which competitor items are out of stock?", lambda a, r: states(first_sentence(a), n_oos, 0.5))
    add("stock", "are rivals running out of anything?", lambda a, r: states(first_sentence(a), oos["sku"].nunique(),
                                                                            0.5))
    add("stock", "what is BargainBarn out of stock on?", lambda a, r: "BargainBarn" in first_sentence(a)
        and states(first_sentence(a), int((oos["competitor"] == "BargainBarn").sum()), 0.5))
    add("stock", "which products can't be bought at our competitors right now?",
        lambda a, r: states(first_sentence(a), oos["sku"].nunique(), 0.5))
    add("stock", f"is anyone out of stock on the {ty}?", lambda a, r: y in first_sentence(a)
        and "stock" in first_sentence(a))
    add("stock", "competitor stockouts", lambda a, r: states(first_sentence(a), oos["sku"].nunique(), 0.5))
    add("stock", "is ShopRival out of stock on anything?", lambda a, r: "ShopRival" in first_sentence(a)
        and states(first_sentence(a), int((oos["competitor"] == "ShopRival").sum()), 0.5))

    # 4. one product against the market, and its history
    xi = float(m.latest["index"].to_dict()[x])
    side = "above" if xi > 100 else "below"
    one = lambda a, r: x in first_sentence(a) and side in first_sentence(a)  # noqa: E731
    add("product", f"are we competitive on the {tx}?", lambda a, r: tx in first_sentence(a)
        and side in first_sentence(a))
    add("product", f"how does the {tx}'s price compare to the competition?", one)
    add("product", f"is {x} overpriced?", one)
    add("product", f"{x} price vs market", one)
    add("product", f"what's the cheapest competitor price for {x}?",
        lambda a, r: states(first_sentence(a), m.lowest_latest(x), 0.006))
    add("product", f"how many competitors sell {x}?", lambda a, r: x in first_sentence(a)
        and states(first_sentence(a), len(m.carriers(x)), 0.5))
    add("product", f"price history of {x} vs competitors", lambda a, r: x in first_sentence(a))
    add("product", f"has MegaMart changed its price on {y}?", lambda a, r: "MegaMart" in first_sentence(a)
        and y in first_sentence(a))
    add("product", f"how have competitor prices for {x} moved over the last 3 months?",
        lambda a, r: x in first_sentence(a) and re.search(r"went|from|rose|fell|moved", first_sentence(a)) is not None)

    # 5. what-if and price recommendations
    add("whatif", f"if I raise {x} by 10% what happens to units?", lambda a, r: "10%" in first_sentence(a)
        and re.search(r"lowers|fall|drop|decrease", first_sentence(a)) is not None)
    add("whatif", f"what if we cut the {tx} price 20%?", lambda a, r: "20%" in first_sentence(a)
        and re.search(r"raises|rise|increase|more", first_sentence(a)) is not None)
    add("whatif", f"what happens to revenue if I increase {x} by 5%?", lambda a, r: "5%" in first_sentence(a)
        and "revenue" in a)
    add("whatif", f"{x} 10% cheaper -> sales?", lambda a, r: "10%" in first_sentence(a) and x in first_sentence(a))
    add("whatif", f"should I drop the price of {x}?", lambda a, r: x in first_sentence(a)
        and re.search(r"\b(?:lower|raise|hold|keep)", first_sentence(a), re.I) is not None)
    add("whatif", f"should we raise the price of the {ty}?", lambda a, r: y in first_sentence(a)
        and re.search(r"\b(?:lower|raise|hold|keep)", first_sentence(a), re.I) is not None)
    add("whatif", f"what price should {x} be?", lambda a, r: x in first_sentence(a)
        and re.search(r"\d+\.\d\d", first_sentence(a)) is not None)
    add("whatif", "which products should I reprice?", lambda a, r: re.search(r"\b(?:lower|raise|reprice|change)",
                                                                          first_sentence(a), re.I) is not None)
    add("whatif", f"can I charge more for {x}?", lambda a, r: x in first_sentence(a))
    add("whatif", f"how would a 15% discount on the {ty} affect sales?", lambda a, r: "15%" in first_sentence(a)
        and y in first_sentence(a))

    # 6. elasticity
    elastic = lambda a, r: x in first_sentence(a) and "elastic" in first_sentence(a) \
        and re.search(r"-\d+\.\d+", first_sentence(a)) is not None  # noqa: E731
    add("elasticity", f"how price sensitive is {x}?", elastic)
    add("elasticity", f"price elasticity of the {tx}", elastic)
    add("elasticity", f"is demand for {x} elastic?", elastic)
    add("elasticity", f"do customers care about price on {x}?", elastic)
    add("elasticity", "which products are most price sensitive?", lambda a, r: "elastic" in first_sentence(a))

    # 7. margin and discounts (the catalogue holds costs; the sales rows discounts)
    gm, nm = m.gross_margin(x), m.net_margin(x)
    # refunds and discounts taken off or not: the metrics layer's margin is net of both (``Market.net_margin``), which
    # the check once missed by 0.2% of its 5% band around the gross figure
    add("margin", f"what's our margin on {x}?", lambda a, r: "margin" in first_sentence(a).lower()
        and any(states(first_sentence(a), v, max(2.0, abs(v) * 0.05)) for v in (gm, nm)))
    add("margin", "which products have the lowest margin?", lambda a, r: "margin" in first_sentence(a).lower())
    add("margin", "gross margin by category", lambda a, r: "margin" in first_sentence(a).lower())
    add("margin", "how much did we discount last month?", lambda a, r: "discount" in first_sentence(a).lower())

    # 8. refusals: no competitor prices ingested
    for q in ("which products are priced above the market?", "who undercuts us?", f"are we competitive on {x}?",
              "which competitor items are out of stock?", "price gap to MegaMart", "where are we the most expensive?"):
        add("refusal", q, refuses_market, NOCOMP)
    add("refusal", "which competitor is cheapest most often?", refuses_market, NOCOMP)
    add("refusal", f"how price sensitive is {x}?", elastic, NOCOMP)
    return out


def review_cases(t: Truth) -> list[Case]:  # noqa: PLR0915 - one line per phrasing
    """Review phrasings of set 1, with truths from the generated review rows."""
    out: list[Case] = []

    def add(group: str, question: str, check: Check) -> None:
        out.append(Case(group, SHOP, question, check))

    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    tx, ty = t.title(x), t.title(y)
    yr = t.agent_year()

    # 9. why ratings fall or rise
    add("why", f"why is the {tx} rating dropping?", lambda a, r: x in first_sentence(a)
        and re.search(r"fell|fall|drop|down", first_sentence(a)) is not None)
    add("why", f"what happened to the reviews of {x}?", lambda a, r: x in first_sentence(a))
    add("why", f"{tx} reviews getting worse - why?", lambda a, r: x in first_sentence(a))
    add("why", "why are ratings for the ceramic vase falling?", lambda a, r: "vase" in first_sentence(a).lower()
        and re.search(r"\bno\b|not|n't|none", first_sentence(a)) is not None)
    add("why", f"is the {ty} getting better reviews lately?", lambda a, r: y in first_sentence(a))
    add("why", "which product's rating fell the most?", lambda a, r: x in first_sentence(a))
    add("why", f"why are ratings improving for {y}?", lambda a, r: y in first_sentence(a))

    # 10. what customers love or hate
    add("love", f"what do customers hate about the {tx}?", lambda a, r: x in first_sentence(a)
        and "complain" in first_sentence(a).lower())
    add("love", f"pros and cons of the {ty} according to reviews", lambda a, r: y in first_sentence(a))
    add("love", "what do buyers dislike about Kitchen products?", lambda a, r: "Kitchen" in first_sentence(a))
    add("love", "biggest praise for Electronics", lambda a, r: "Electronics" in first_sentence(a))
    add("love", "top complaint for Outdoor", lambda a, r: "Outdoor" in first_sentence(a))
    add("love", "what annoys customers about our Apparel?", lambda a, r: "Apparel" in first_sentence(a))
    add("love", f"what do reviewers like most about {y}?", lambda a, r: y in first_sentence(a))
    add("love", f"what do people say about the price of the {tx}?", lambda a, r: x in first_sentence(a)
        and "price" in first_sentence(a).lower())

    # 11. since a date or in a month
    month_start = (end.replace(day=1) - timedelta(days=1)).replace(day=1)
    month_end = end.replace(day=1) - timedelta(days=1)
    mname = month_start.strftime("%B")
    in_month = t.window(month_start, month_end)
    add("since", f"average rating in {mname}", lambda a, r: states(first_sentence(a), t.mean(in_month), RTOL))
    add("since", f"how many reviews in {mname}?", lambda a, r: states(first_sentence(a), len(in_month), 0.5))
    ys = date(end.year, 1, 1)
    add("since", "rating since the start of the year", lambda a, r: states(first_sentence(a), t.mean(t.window(ys)),
                                                                           RTOL))
    since = month_start - timedelta(days=61)
    since = since.replace(day=1)
    sd = t.window(since)
    add("since", f"how many reviews since {since.strftime('%B')} 1?",
        lambda a, r: states(first_sentence(a), len(sd), 0.5))
    neg_sd = int((sd["rating"] <= 2).sum())
    add("since", f"negative reviews since {since.isoformat()}", lambda a, r: states(first_sentence(a), neg_sd, 0.5))
    l14 = t.window(end - timedelta(days=13))
    add("since", "reviews in the last two weeks", lambda a, r: states(first_sentence(a), len(l14), 0.5))
    oct1 = date(end.year if end.month >= 10 else end.year - 1, 10, 1)
    add("since", "sentiment since October", lambda a, r: states(first_sentence(a), t.mean(t.window(oct1)), RTOL))

    # 12. comparisons
    mx, my = t.mean(rv[rv["sku"] == x]), t.mean(rv[rv["sku"] == y])
    add("compare", f"which is liked more, the {tx} or the {ty}?",
        lambda a, r: states(a, mx, RTOL) and states(a, my, RTOL) and (y if my > mx else x) in first_sentence(a))
    cat = rv.dropna(subset=["rating"]).groupby("category")["rating"].mean()
    add("compare", "are Electronics reviews worse than Home?",
        lambda a, r: states(a, cat["Electronics"], RTOL) and states(a, cat["Home"], RTOL))
    add("compare", "compare Outdoor and Apparel customer satisfaction",
        lambda a, r: states(a, cat["Outdoor"], RTOL) and states(a, cat["Apparel"], RTOL))
    add("compare", f"{x} vs {y} ratings", lambda a, r: states(a, mx, RTOL) and states(a, my, RTOL))
    add("compare", "Kitchen vs Electronics, which has better reviews?",
        lambda a, r: states(a, cat["Kitchen"], RTOL) and states(a, cat["Electronics"], RTOL))

    # 13. spam and the adjusted rating
    spam_words = re.compile(r"spam|fake|suspicious|suspected", re.I)
    add("spam", "how many reviews look fake?", lambda a, r: spam_words.search(first_sentence(a)) is not None)
    add("spam", "what would our rating be without the spam?", lambda a, r: spam_words.search(first_sentence(a))
        is not None and states(first_sentence(a), t.mean(yr), RTOL))
    add("spam", f"rating of {x} minus the fake reviews", lambda a, r: spam_words.search(first_sentence(a))
        is not None and x in first_sentence(a))
    add("spam", "any bot reviews?", lambda a, r: spam_words.search(first_sentence(a)) is not None)
    add("spam", "list the suspicious reviews", lambda a, r: bool(listed(r)))

    # 14. counts with conditions, star distributions
    add("count", f"how many 1-star reviews does the {tx} have?",
        lambda a, r: states(first_sentence(a), int(((rv["sku"] == x) & (rv["rating"] == 1)).sum()), 0.5))
    add("count", "how many reviews do Electronics products have?",
        lambda a, r: states(first_sentence(a), int((rv["category"] == "Electronics").sum()), 0.5)
        or states(first_sentence(a), int((yr["category"] == "Electronics").sum()), 0.5))
    lm = t.window(*t.last_month())
    add("count", "number of 5-star reviews last month", lambda a, r: states(first_sentence(a),
                                                                            int((lm["rating"] == 5).sum()), 0.5))
    add("count", "how many unverified reviews?", lambda a, r: states(first_sentence(a),
                                                                      int((~rv["verified"].astype(bool)).sum()), 0.5))
    add("count", "reviews under 3 stars this year", lambda a, r: states(first_sentence(a),
                                                                         int((t.window(ys)["rating"] < 3).sum()), 1))
    by = rv["rating"].value_counts()
    add("stars", "distribution of stars", lambda a, r: all(states(a, float(by.get(k, 0)), 2) for k in (5, 1)))
    xs = rv[rv["sku"] == x]["rating"].value_counts()
    add("stars", f"star breakdown for {x}", lambda a, r: (x in first_sentence(a) or tx in first_sentence(a))
        and all(states(a, float(xs.get(k, 0)), 0.5) for k in (5, 1)))
    def share(level: int) -> Check:  # of the rated reviews or of all of them: both are read as "reviews"
        rated = (rv["rating"].dropna() == level).mean() * 100
        every = (rv["rating"] == level).fillna(False).sum() * 100 / len(rv)
        return lambda a, r: states(first_sentence(a), float(rated), 0.3) or states(first_sentence(a), float(every),
                                                                                    0.3)
    add("stars", "what % of reviews are 5 stars?", share(5))
    add("stars", "share of 1-star reviews", share(1))

    # 15. typos and chat shorthand
    add("typos", f"wat do ppl say abt {x}", lambda a, r: x in first_sentence(a))
    add("typos", "avg ratng?", lambda a, r: states(first_sentence(a), t.mean(rv), RTOL)
        or states(first_sentence(a), t.mean(yr), RTOL))
    add("typos", f"y r ratings dropping for {x}", lambda a, r: x in first_sentence(a))
    add("typos", "top complaints rn", lambda a, r: "complaint" in first_sentence(a).lower())
    add("typos", "hw many 5 star reviews", lambda a, r: states(first_sentence(a), int((rv["rating"] == 5).sum()), 2))
    add("typos", "u guys got fake reviews?", lambda a, r: spam_words.search(first_sentence(a)) is not None)
    add("typos", "revews for kitchn", lambda a, r: "Kitchen" in first_sentence(a))
    add("typos", "sentimnt this month", lambda a, r: states(first_sentence(a), t.mean(t.window(end.replace(day=1))),
                                                            RTOL) or "review" in first_sentence(a))
    return out


def cases(m: Market, t: Truth) -> list[Case]:
    """Every phrasing of the chosen set."""
    if os.environ.get("BENCH_SET") == "2":
        from bench.pricing_phrasings_2 import second_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in second_set(m, t)]
    if os.environ.get("BENCH_SET") == "3":
        from bench.pricing_phrasings_3 import third_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in third_set(m, t)]
    if os.environ.get("BENCH_SET") == "4":
        from bench.pricing_phrasings_4 import fourth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in fourth_set(m, t)]
    if os.environ.get("BENCH_SET") == "5":
        from bench.pricing_phrasings_5 import fifth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in fifth_set(m, t)]
    if os.environ.get("BENCH_SET") == "6":
        from bench.pricing_phrasings_6 import sixth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in sixth_set(m, t)]
    if os.environ.get("BENCH_SET") == "7":
        from bench.pricing_phrasings_7 import seventh_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in seventh_set(m, t)]
    if os.environ.get("BENCH_SET") == "8":
        from bench.pricing_phrasings_8 import eighth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in eighth_set(m, t)]
    if os.environ.get("BENCH_SET") == "9":
        from bench.pricing_phrasings_9 import ninth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in ninth_set(m, t)]
    if os.environ.get("BENCH_SET") == "10":
        from bench.pricing_phrasings_10 import tenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in tenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "11":
        from bench.pricing_phrasings_11 import eleventh_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in eleventh_set(m, t)]
    if os.environ.get("BENCH_SET") == "12":
        from bench.pricing_phrasings_12 import twelfth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in twelfth_set(m, t)]
    if os.environ.get("BENCH_SET") == "13":
        from bench.pricing_phrasings_13 import thirteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in thirteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "14":
        from bench.pricing_phrasings_14 import fourteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in fourteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "15":
        from bench.pricing_phrasings_15 import fifteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in fifteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "29":
        from bench.pricing_phrasings_29 import fifteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in fifteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "16":
        from bench.pricing_phrasings_16 import sixteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in sixteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "17":
        from bench.pricing_phrasings_17 import ninth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in ninth_set(m, t)]
    if os.environ.get("BENCH_SET") == "18":
        from bench.pricing_phrasings_18 import ninth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in ninth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "19":
        from bench.pricing_phrasings_19 import tenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in tenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "20":
        from bench.pricing_phrasings_20 import tenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in tenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "21":
        from bench.pricing_phrasings_21 import eleventh_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in eleventh_set(m, t)]
    if os.environ.get("BENCH_SET") == "22":
        from bench.pricing_phrasings_22 import eleventh_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in eleventh_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "23":
        from bench.pricing_phrasings_23 import twelfth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in twelfth_set(m, t)]
    if os.environ.get("BENCH_SET") == "24":
        from bench.pricing_phrasings_24 import twelfth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in twelfth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "25":
        from bench.pricing_phrasings_25 import thirteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in thirteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "26":
        from bench.pricing_phrasings_26 import thirteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in thirteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "27":
        from bench.pricing_phrasings_27 import fourteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in fourteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "28":
        from bench.pricing_phrasings_28 import fifteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in fifteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "29":
        from bench.pricing_phrasings_29 import fifteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in fifteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "30":
        from bench.pricing_phrasings_30 import sixteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in sixteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "31":
        from bench.pricing_phrasings_31 import sixteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in sixteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "32":
        from bench.pricing_phrasings_32 import seventeenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in seventeenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "33":
        from bench.pricing_phrasings_33 import seventeenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in seventeenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "34":
        from bench.pricing_phrasings_34 import eighteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in eighteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "35":
        from bench.pricing_phrasings_35 import eighteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in eighteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "36":
        from bench.pricing_phrasings_36 import nineteenth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in nineteenth_set(m, t)]
    if os.environ.get("BENCH_SET") == "37":
        from bench.pricing_phrasings_37 import nineteenth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in nineteenth_held_out(m, t)]
    if os.environ.get("BENCH_SET") == "38":
        from bench.pricing_phrasings_38 import twentieth_set

        return [Case(g, tenant, q, c) for g, tenant, q, c in twentieth_set(m, t)]
    if os.environ.get("BENCH_SET") == "39":
        from bench.pricing_phrasings_39 import twentieth_held_out

        return [Case(g, tenant, q, c) for g, tenant, q, c in twentieth_held_out(m, t)]
    return pricing_cases(m, t) + review_cases(t)


def main() -> int:
    """Generate and ingest the merchant twice, ask every question, print the right share per group."""
    from shared.deps import get_deps
    from shared.ingest.client import ingest_path
    from shared.orchestration.client import ask
    from shared.sample.merchant import generate_merchant, write_merchant

    deps = get_deps()
    end = bench_today() - timedelta(days=1)
    merchant = generate_merchant(seed=23, n_skus=80, end=end, days=730)
    home = Path(os.environ["ECOMINTEL_HOME"])
    marker = home / ".bench-pricing-phrasings"
    if not marker.exists() or marker.read_text() != end.isoformat():
        for f in write_merchant(merchant, home / "sample"):
            ingest_path(deps, f.path, SHOP, f.kind.value)
            if f.kind.value != "competitor_prices":
                ingest_path(deps, f.path, NOCOMP, f.kind.value)
        marker.write_text(end.isoformat())
    skus = deps.warehouse.query("SELECT sku FROM products WHERE tenant_id = @tenant_id", {"tenant_id": SHOP})
    ids = deps.warehouse.query("SELECT review_id FROM reviews WHERE tenant_id = @tenant_id", {"tenant_id": SHOP})
    truth = Truth(merchant, {str(s) for s in skus["sku"]}, {str(i) for i in ids["review_id"]})
    market = Market(deps, SHOP)
    only = os.environ.get("BENCH_ONLY")
    verbose = bool(os.environ.get("BENCH_VERBOSE"))
    right: dict[str, list[int]] = {}
    latencies: list[float] = []
    for case in cases(market, truth):
        if only and case.group != only:
            continue
        report, seconds = ask_in_session(deps, ask, case.question, case.tenant)
        latencies.append(seconds)
        answer = report.answer if report is not None else ""
        try:
            good = bool(answer) and case.check(answer, report)
        except Exception:  # noqa: BLE001 - a check that cannot read the answer is a miss
            good = False
        right.setdefault(case.group, [0, 0])
        right[case.group][0] += good
        right[case.group][1] += 1
        if verbose or not good:
            print(f"[{'ok' if good else 'MISS'}] {case.group} ({case.tenant}): {case.question}\n"
                  f"       {first_sentence(answer)[:400]}")
    for group, (ok, n) in right.items():
        print(f"{group:10s} {ok}/{n}")
    ok, n = sum(v[0] for v in right.values()), sum(v[1] for v in right.values())
    print(f"right: {ok}/{n} ({100 * ok / max(n, 1):.0f}%)")
    lat = sorted(latencies)
    print(f"latency in process: p50 {lat[len(lat) // 2]:.2f} s, max {lat[-1]:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
