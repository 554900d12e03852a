"""A fourteenth set of phrasings for the question bench (batch ``fourteenth``), by style, with truths from the rows.

Fragments typed on a phone with no verb ("rev yday", "units toasters sep"), targets and budgets stated in the question
("we aimed for $600k last month, did we hit it?"), how much of one thing came from another, how much more is needed to
match a period, totals since the start and running totals, days of the week and the slowest or busiest month, when a
product first or last sold and how long since, how many products never sold or not in N days, order sizes and values,
new and returning customers, thresholds ("categories that did over $100k"), everything except one name, relative
dates ("the last 6 weeks", "since Monday", "the month before last"), fiscal years that start in another month, money
words and other currencies ("grand", "bucks", "€"), misspellings, and what the data cannot answer. Measured before any
change made for it; ``held_out_cases`` (batch ``fourteenth2``) was written after those fixes and measured before any
change made for it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.question_data import BenchTenant
from bench.questions import (
    MONTHS,
    Case,
    _month_bounds,
    _orders,
    aov,
    in_category,
    on_channel,
    rev,
    strict,
    top,
    units,
)
from bench.tenth_questions import _emails, _Frames
from bench.thirteenth_questions import buyers, phrasing_set, refunds
from bench.truths import Tied, peak
from bench.twelfth_questions import weekday_orders, weekday_totals

#: Product kinds a title names with one word (the question asks for every product of the kind).
KINDS = ("toaster", "blender", "hammock", "headlamp", "beanie", "kettle", "lantern", "cooler")


def long_day(d: date) -> Tied:
    """A day as an answer may write it: ``3 Dec 2026`` or ISO."""
    return Tied([f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}", d.isoformat()])


def target_near(actual: float, factor: float) -> float:
    """A round target about ``factor`` times ``actual`` (two significant figures), never equal to it."""
    raw = actual * factor
    step = 10 ** max(0, len(str(int(raw))) - 2)
    return float(round(raw / step) * step)


def money_k(v: float) -> str:
    """``$610k`` (thousands) for a round target."""
    return f"${v / 1000:g}k"


def latest_month(end: date, month: int) -> tuple[date, date]:
    """The latest whole ``month`` that ended on or before ``end``."""
    year = end.year if _month_bounds(date(end.year, month, 1))[1] <= end else end.year - 1
    return _month_bounds(date(year, month, 1))


def latest_quarter(end: date, q: int) -> tuple[date, date]:
    """The latest quarter ``q`` that has started on or before ``end``, cut at ``end``."""
    s = date(end.year, 3 * q - 2, 1)
    if s > end:
        s = s.replace(year=end.year - 1)
    e = _month_bounds(date(s.year, 3 * q, 1))[1]
    return s, min(e, end)


def order_units(f: pd.DataFrame) -> pd.Series:
    """Units per order (the lines with units sold)."""
    sold = f[f["units"] > 0]
    return sold.groupby("order_id")["units"].sum()


def order_values(f: pd.DataFrame) -> pd.Series:
    """Revenue per order (the lines with units sold)."""
    sold = f[f["units"] > 0]
    return sold.groupby("order_id")["revenue"].sum()


def first_seen(fr: _Frames) -> pd.Series:
    """Each customer's first day with units bought."""
    return fr.sold.assign(e=_emails).groupby("e")["date"].min()


def returning_split(fr: _Frames, f: pd.DataFrame) -> tuple[float, float]:
    """Revenue of returning customers' orders in ``f``, and of all its sold lines naming a customer.

    Shopify's customer type (the seventeenth round's definition): an order is a returning customer's when the customer
    had bought on an earlier day in all the sales; the customer's first day's orders are first-time ones.
    """
    sold = f[(f["units"] > 0) & f["customer_email"].notna()].assign(e=_emails)
    seen = first_seen(fr)
    back = sold[[d > seen[e] for d, e in zip(sold["date"], sold["e"], strict=True)]]
    return float(back["revenue"].sum()), float(sold["revenue"].sum())


def new_buyers(fr: _Frames, f: pd.DataFrame, since: date) -> set[str]:
    """The customers of ``f`` whose first purchase in the data is on or after ``since``."""
    seen = first_seen(fr)
    return {e for e in buyers(f) if seen[e] >= since}


def kind_of(fr: _Frames) -> str | None:
    """A product kind named in 2 or more and at most 1 in 12 of the accepted titles."""
    titles = fr.unique.str.lower()
    for kind in KINDS:
        n = int(titles.str.contains(kind).sum())
        if 2 <= n <= len(fr.catalogue) / 12:
            return kind
    return None


def of_kind(fr: _Frames, f: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The lines of products whose title names ``kind``."""
    return f[f["title"].fillna("").str.lower().str.contains(kind)]


def unsold_in(fr: _Frames, f: pd.DataFrame, category: str | None = None) -> float:
    """How many accepted catalogue products (of ``category``) sold no units in ``f``."""
    prods = fr.tr.products[fr.tr.products["sku"].isin(fr.catalogue)].drop_duplicates("sku")
    if category:
        prods = prods[prods["category"] == category]
    sold = set(f[f["units"] > 0]["sku"])
    return float(sum(1 for s in prods["sku"] if s not in sold))


def weekday_count(s: date, e: date, weekday: int) -> int:
    """How many days of ``weekday`` fall from ``s`` to ``e``."""
    return sum(1 for i in range((e - s).days + 1) if (s + timedelta(days=i)).weekday() == weekday)


def fourteenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The fourteenth set (batch ``fourteenth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "fourteenth")
    tr, end, tenant = fr.tr, fr.end, t.tenant
    lm, pm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.pm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last

    allsales = tr.sales
    kind = kind_of(fr)
    pm_name = MONTHS[fr.pm_s.month - 1]

    batch.style = "phone fragments"
    add(Case(tenant, "rev yday", [rev(day)]))
    if kind:
        add(Case(tenant, f"units {kind}s {pm_name[:3].lower()}", [units(of_kind(fr, pm, kind))]))
    add(Case(tenant, "orders amzn last mo", [_orders(ch(lm, "amazon"))]))
    add(Case(tenant, "aov this wk", [aov(wtd)]))
    add(Case(tenant, "kitchen units lw", [units(cat(lw, "Kitchen"))]))
    q3s, q3e = latest_quarter(end, 3)
    add(Case(tenant, "ebay rev q3", [rev(ch(fr.w(q3s, q3e), "ebay"))]))
    add(Case(tenant, "outdoor orders yday", [_orders(cat(day, "Outdoor"))]))
    add(Case(tenant, "avg order val lm", [aov(lm)]))
    add(Case(tenant, "units per order ytd", [units(ytd) / _orders(ytd)]))
    mch = mtd.groupby("channel")["revenue"].sum()
    add(Case(tenant, "rev by chnl this mo", [float(mch.max())], top(mch)))
    add(Case(tenant, "web vs amazon rev lw", [rev(ch(lw, "web")), rev(ch(lw, "amazon"))]))
    add(Case(tenant, "new custs last mo", [float(len(new_buyers(fr, lm, fr.lm_s)))]))
    lwu = lw.groupby("sku")["units"].sum()
    if strict(lwu, 3):
        add(Case(tenant, "top 3 skus lw units", [float(lwu.max())], top(lwu, 3), ordered=True))

    batch.style = "against a target"
    tgt = target_near(rev(lm), 1.1)
    add(
        Case(
            tenant,
            f"we aimed for {money_k(tgt)} last month, did we hit it?",
            [rev(lm), abs(tgt - rev(lm))],
        )
    )
    ut = target_near(units(lw), 0.9)
    add(Case(tenant, f"target was {ut:,.0f} units last week - how did we do", [units(lw), abs(units(lw) - ut)]))
    yt = target_near(rev(ytd), 1.15)
    add(Case(tenant, f"our goal is ${yt / 1e6:g}m for the year, how far off are we", [rev(ytd), yt - rev(ytd)]))
    ot = target_near(_orders(mtd), 1.6)
    add(Case(tenant, f"need {ot:,.0f} orders this month. how many more to go", [_orders(mtd), ot - _orders(mtd)]))
    aq = rev(ch(lq, "amazon"))
    at = target_near(aq, 0.95)
    add(Case(tenant, f"did amazon beat its {at / 1000:g} grand budget last quarter", [aq, abs(aq - at)]))
    kp = rev(cat(pm, "Kitchen"))
    kt = target_near(kp, 1.05)
    add(
        Case(
            tenant,
            f"budgeted ${kt:,.0f} for kitchen sales in {pm_name}, were we over or under",
            [kp, abs(kp - kt)],
        )
    )
    add(Case(tenant, "did we hit our sales target last month", unanswerable=True))

    batch.style = "how much of"
    lqc = lq.groupby("category")["revenue"].sum()
    add(Case(tenant, "how much of last quarter's revenue came from kitchen", [float(lqc["Kitchen"])]))
    lmo = lm[lm["units"] > 0].groupby("channel")["order_id"].nunique()
    add(Case(tenant, "what proportion of orders came through ebay last month", [float(lmo["ebay"] / lmo.sum() * 100)]))
    add(Case(tenant, "of the units sold last week, how many were apparel", [units(cat(lw, "Apparel"))]))
    add(Case(tenant, "outdoor as a % of total sales this year", [rev(cat(ytd, "Outdoor")) / rev(ytd) * 100]))
    add(Case(tenant, "electronics share of units last month", [units(cat(lm, "Electronics")) / units(lm) * 100]))
    add(
        Case(
            tenant,
            "what percentage of orders this quarter were on the web",
            [float(ch(p.qtd[p.qtd["units"] > 0], "web")["order_id"].nunique() / _orders(p.qtd) * 100)],
        )
    )
    add(Case(tenant, "how much of yesterday's revenue was from pos", [rev(ch(day, "pos"))]))

    batch.style = "to match or beat"
    add(
        Case(
            tenant,
            "how much more do we need to sell this month to match last month",
            [rev(mtd), rev(lm), rev(lm) - rev(mtd)],
        )
    )
    add(
        Case(
            tenant,
            "how many more units do we need this week to beat last week",
            [units(wtd), units(lw), units(lw) - units(wtd)],
        )
    )
    add(
        Case(
            tenant,
            "how much more revenue to match last year's total",
            [rev(ytd), rev(p.ly), abs(rev(p.ly) - rev(ytd))],
        )
    )
    wt = target_near(_orders(wtd), 1.5)
    add(Case(tenant, f"how many more orders to reach {wt:,.0f} this week", [_orders(wtd), wt - _orders(wtd)]))

    batch.style = "totals since the start"
    add(Case(tenant, "lifetime revenue", [rev(allsales)]))
    add(Case(tenant, "total sales since we started", [rev(allsales)]))
    add(Case(tenant, "all-time orders on ebay", [_orders(ch(allsales, "ebay"))]))
    add(Case(tenant, "how much have we made altogether this quarter", [rev(p.qtd)]))
    add(Case(tenant, "running total of revenue this week by day", [rev(wtd)]))

    batch.style = "days of the week and months"
    sats = weekday_count(fr.ys, end, 5)
    add(
        Case(
            tenant,
            "avg revenue per saturday this year",
            [float(weekday_totals(ytd, "revenue")["Saturday"]) / sats],
        )
    )
    ebw = weekday_totals(ch(allsales, "ebay"), "revenue")
    add(Case(tenant, "which day of the week does ebay do best", [float(ebw.max())], [peak(ebw)]))
    lqw = weekday_totals(lq, "revenue")
    add(Case(tenant, "mondays vs fridays revenue last quarter", [float(lqw["Monday"]), float(lqw["Friday"])]))
    suns = weekday_count(fr.lm_s, fr.lm_e, 6)
    add(Case(tenant, "average orders on a sunday last month", [float(weekday_orders(lm)["Sunday"]) / suns]))
    lym = p.ly.groupby([d.month for d in p.ly["date"]])["revenue"].sum()
    add(
        Case(
            tenant, "slowest month last year", [float(lym.min())], [peak(lym, "min", lambda m: MONTHS[int(m) - 1][:3])]
        )
    )
    first_whole = tr.first if tr.first.day == 1 else _month_bounds(tr.first)[1] + timedelta(days=1)
    allm = fr.w(first_whole, fr.ms - timedelta(days=1))
    allm = allm[allm["units"] > 0]
    mo = allm.groupby([f"{MONTHS[d.month - 1][:3]} {d.year}" for d in allm["date"]])["order_id"].nunique()
    add(Case(tenant, "busiest month ever for orders", [float(mo.max())], [peak(mo)]))
    kw = weekday_totals(cat(allsales, "Kitchen"), "revenue")
    add(Case(tenant, "what's our quietest day of the week for kitchen", [float(kw.min())], [peak(kw, "min")]))

    batch.style = "first and last sales"
    firsts = fr.sold.groupby("sku")["date"].min()
    lasts = fr.sold.groupby("sku")["date"].max()
    named = sorted(s for s in fr.unique.index if s in firsts.index)
    a = named[len(named) // 4]
    add(Case(tenant, f"when did we first sell the {fr.unique[a]}", names=[long_day(firsts[a])]))
    b = named[len(named) // 2]
    add(Case(tenant, f"when was the {fr.unique[b]} last sold", names=[long_day(lasts[b])]))
    stale = [s for s in named if lasts[s] <= end - timedelta(days=3)]
    c = stale[0] if stale else named[-1]
    add(Case(tenant, f"how long since we sold a {fr.unique[c]}", [float((end - lasts[c]).days)]))
    eb = fr.sold[fr.sold["channel"] == "ebay"]
    add(Case(tenant, "when did we last sell anything on ebay", names=[long_day(max(eb["date"]))]))
    d = named[3 * len(named) // 4]
    add(Case(tenant, f"first sale date for {d}", names=[long_day(firsts[d])]))

    batch.style = "products that did not sell"
    add(Case(tenant, "how many products have never sold", [unsold_in(fr, allsales)], tolerance=1.0))
    add(Case(tenant, "how many skus haven't sold in 60 days", [unsold_in(fr, last(60))], tolerance=1.0))
    add(Case(tenant, "count of products with no sales this month", [unsold_in(fr, mtd)], tolerance=1.0))
    add(
        Case(
            tenant,
            "how many kitchen products didn't sell last week",
            [unsold_in(fr, lw, "Kitchen")],
            tolerance=1.0,
        )
    )
    os_, oe = latest_month(end, 10)
    add(Case(tenant, "how many products went unsold in october", [unsold_in(fr, fr.w(os_, oe))], tolerance=1.0))

    batch.style = "order sizes and values"
    add(Case(tenant, "what's the median order size in $ last week", [float(order_values(lw).median())]))
    lmu = order_units(lm)
    add(Case(tenant, "how many orders had 3 or more items last month", [float((lmu >= 3).sum())]))
    yu = order_units(ytd)
    add(Case(tenant, "what share of orders were single-item this year", [float((yu == 1).mean() * 100)]))
    add(Case(tenant, "how many orders were under $25 last week", [float((order_values(lw) < 25).sum())]))
    add(Case(tenant, "biggest order last month by units", [float(lmu.max())]))
    add(Case(tenant, "how many orders had exactly 3 items last month", [float((lmu == 3).sum())]))
    add(Case(tenant, "what share of orders were exactly two units this year", [float((yu == 2).mean() * 100)]))
    add(Case(tenant, "orders with fewer than 3 items last month", [float((lmu < 3).sum())]))

    batch.style = "new and returning customers"
    add(Case(tenant, "how many customers were new last month", [float(len(new_buyers(fr, lm, fr.lm_s)))]))
    y_b = buyers(ytd)
    per = ytd[ytd["units"] > 0].assign(e=_emails).groupby("e")["order_id"].nunique()
    add(Case(tenant, "what % of customers came back this year", [float((per >= 2).sum() / len(y_b) * 100)]))
    # Shopify's customer type, order by order (the seventeenth round's definition; first written as "customers who
    # had bought before the period")
    add(Case(tenant, "returning customer revenue last quarter", [returning_split(fr, lq)[0]]))
    add(Case(tenant, "first-time buyers this week", [float(len(new_buyers(fr, wtd, fr.wk)))]))
    returning_revenue, named_revenue = returning_split(fr, lm)
    add(Case(tenant, "new vs returning revenue last month", [named_revenue - returning_revenue, returning_revenue]))

    batch.style = "thresholds"
    lqs = lqc.sort_values(ascending=False)
    cut = target_near(float((lqs.iloc[1] + lqs.iloc[2]) / 2), 1.0)
    if lqs.iloc[1] > cut > lqs.iloc[2]:
        add(
            Case(
                tenant,
                f"which categories did over ${cut / 1000:g}k last quarter",
                names=[str(lqs.index[0]), str(lqs.index[1])],
                absent=[str(lqs.index[-1])],
            )
        )
    lmsku = lm.groupby("sku")["units"].sum()
    u_cut = float(round(float(lmsku.quantile(0.8))))
    add(Case(tenant, f"skus with more than {u_cut:.0f} units sold last month", [float((lmsku > u_cut).sum())]))
    lmro = lm[lm["units"] > 0].groupby("channel")["order_id"].nunique().sort_values()
    o_cut = target_near(float((lmro.iloc[0] + lmro.iloc[1]) / 2), 1.0)
    if lmro.iloc[0] < o_cut < lmro.iloc[1]:
        add(
            Case(
                tenant,
                f"channels with under {o_cut:,.0f} orders last month",
                names=[str(lmro.index[0])],
                absent=[str(lmro.index[-1])],
            )
        )
    lwr = lw.groupby("sku")["revenue"].sum()
    add(Case(tenant, "products above $1k revenue last week", [float((lwr > 1000).sum())], tolerance=1.0))
    lmd = lm.groupby("date")["revenue"].sum()
    d_cut = target_near(float(lmd.median()), 1.0)
    add(Case(tenant, f"how many days last month did we do over ${d_cut:,.0f}", [float((lmd > d_cut).sum())]))

    batch.style = "everything except"
    nk = lm[lm["category"] != "Kitchen"].groupby("category")["revenue"].sum()
    add(
        Case(
            tenant,
            "revenue by category excluding kitchen last month",
            [float(nk.max())],
            top(nk),
        )
    )
    add(Case(tenant, "units not on amazon last week", [units(lw[lw["channel"] != "amazon"])]))
    add(Case(tenant, "orders outside ebay yesterday", [_orders(day[day["channel"] != "ebay"])]))
    add(Case(tenant, "non-apparel revenue this month", [rev(mtd[mtd["category"] != "Apparel"])]))
    add(Case(tenant, "everything but electronics, units last quarter", [units(lq[lq["category"] != "Electronics"])]))

    batch.style = "relative dates"
    add(Case(tenant, "revenue the last 6 weeks", [rev(last(42))]))
    add(Case(tenant, "orders since monday", [_orders(wtd)]))
    lf = end - timedelta(days=(end.weekday() - 4) % 7 or 7)
    add(Case(tenant, "units since last friday", [units(fr.w(lf, end))]))
    add(Case(tenant, "sales the month before last", [rev(pm)]))
    add(Case(tenant, "revenue over the last couple of weeks", [rev(last(14))]))
    add(
        Case(tenant, "orders in the first 10 days of last month", [_orders(fr.w(fr.lm_s, fr.lm_s + timedelta(days=9)))])
    )
    add(Case(tenant, "revenue since new year", [rev(ytd)]))
    add(Case(tenant, "units since the start of the quarter", [units(p.qtd)]))

    batch.style = "fiscal years"
    fa = date(end.year if end.month >= 4 else end.year - 1, 4, 1)
    add(Case(tenant, "our fiscal year starts in april - revenue this fiscal year", [rev(fr.w(fa, end))]))
    fj_e = date(end.year if end >= date(end.year, 6, 30) else end.year - 1, 6, 30)
    add(
        Case(
            tenant,
            "fy runs july to june, what was revenue last fiscal year",
            [rev(fr.w(date(fj_e.year - 1, 7, 1), fj_e))],
        )
    )
    fo = date(end.year if end.month >= 10 else end.year - 1, 10, 1)
    add(Case(tenant, "revenue fiscal ytd (FY starts 1 Oct)", [rev(fr.w(fo, end))]))
    ff = date(end.year if end.month >= 2 else end.year - 1, 2, 1)
    add(
        Case(
            tenant,
            "our financial year starts in february. Q1 revenue this financial year",
            [rev(fr.w(ff, min(date(ff.year, 4, 30), end)))],
        )
    )
    # named as the fiscal year the question counts in, its days kept
    add(
        Case(
            tenant,
            "financial year begins in april: how many orders this financial year",
            [_orders(fr.w(fa, end))],
            [f"FY{fa.year}/{(fa.year + 1) % 100:02d} to date"],
        )
    )
    add(
        Case(
            tenant,
            "fy runs july to june - units last fiscal year",
            [units(fr.w(date(fj_e.year - 1, 7, 1), fj_e))],
            [f"FY{fj_e.year - 1}/{fj_e.year % 100:02d}"],
        )
    )
    fo_q1_e = date(fo.year, 12, 31)
    add(
        Case(
            tenant,
            "our fiscal year starts in october, fiscal q1 revenue",
            [rev(fr.w(fo, min(fo_q1_e, end)))],
            [f"Q1 FY{fo.year}/{(fo.year + 1) % 100:02d}"],
        )
    )

    batch.style = "money words"
    add(Case(tenant, "how many grand did we do last month", [rev(lm)]))
    add(Case(tenant, "revenue in € last month", [rev(lm)], ["USD"]))
    add(Case(tenant, "£ sales on amazon this week", [rev(ch(wtd, "amazon"))], ["USD"]))
    ct = target_near(rev(mtd), 0.9)
    add(Case(tenant, f"did we clear {money_k(ct)[1:]} this month?", [rev(mtd), abs(rev(mtd) - ct)]))
    add(Case(tenant, "how many bucks per order last week", [aov(lw)]))
    add(Case(tenant, "ebay takings in dollars yesterday", [rev(ch(day, "ebay"))]))

    batch.style = "misspellings"
    add(Case(tenant, "reveneu last quater", [rev(lq)]))
    add(Case(tenant, "how many oders yestarday", [_orders(day)]))
    add(Case(tenant, "avrage ordr value this mnth", [aov(mtd)]))
    lwc = lw.groupby("category")["units"].sum()
    add(Case(tenant, "wich catagory sold the most units lst week", [float(lwc.max())], [peak(lwc)]))
    add(Case(tenant, "amazone revenue last month", [rev(ch(lm, "amazon"))]))
    fs, fe = latest_month(end, 2)
    add(Case(tenant, "sales in febuary", [rev(fr.w(fs, fe))]))
    wed = weekday_totals(lm, "units")
    add(Case(tenant, "units sold on wensdays last month", [float(wed["Wednesday"])]))
    add(Case(tenant, "electornics revenue this year", [rev(cat(ytd, "Electronics"))]))
    lwu2 = lw.groupby("sku")["units"].sum()  # "top selling": by units, as "best selling" is read
    if strict(lwu2, 1):
        add(Case(tenant, "top sellling products last week", names=top(lwu2)))
    add(Case(tenant, "refnds this year", [refunds(ytd)]))

    batch.style = "known misses"
    add(
        Case(
            tenant,
            "is revenue up on last year",
            [rev(lm), rev(p.ly_lm)],
            [f"{MONTHS[fr.lm_s.month - 1]} {fr.lm_s.year}"],
        )
    )

    batch.style = "cannot"
    for phrasing in (
        "how are we tracking against budget this month",
        "revenue per employee last year",
        "how much sales tax did we collect last quarter",
    ):
        add(Case(tenant, phrasing, unanswerable=True))
    add(Case(tenant, "units of the bamboo spatulas lw", unknown="bamboo spatulas"))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """About 50 more phrasings in the fourteenth set's styles, written after its fixes and measured before any change
    made for them (batch ``fourteenth2``): how the fixes generalise to wordings they were not made for."""
    fr, p, batch = phrasing_set(t, catalogue, "fourteenth2", "held out")
    tr, end, tenant = fr.tr, fr.end, t.tenant
    lm, pm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.pm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last

    allsales = tr.sales
    # phone fragments
    add(Case(tenant, "ebay orders yday", [_orders(ch(day, "ebay"))]))
    add(Case(tenant, "apparel rev lm", [rev(cat(lm, "Apparel"))]))
    add(Case(tenant, "units wtd", [units(wtd)]))
    add(Case(tenant, "pos rev this wk", [rev(ch(wtd, "pos"))]))
    add(Case(tenant, "aov amazon lq", [aov(ch(lq, "amazon"))]))
    # against a target
    tg = target_near(rev(lw), 1.2)
    add(Case(tenant, f"the goal for last week was ${tg:,.0f} - did we make it?", [rev(lw), abs(tg - rev(lw))]))
    ug = target_near(units(lm), 0.8)
    add(
        Case(
            tenant,
            f"we were aiming at {ug:,.0f} units last month, how close did we get",
            [units(lm), abs(units(lm) - ug)],
        )
    )
    og = target_near(_orders(lq), 1.1)
    add(Case(tenant, f"target of {og:,.0f} orders last quarter, did we hit it", [_orders(lq), abs(og - _orders(lq))]))
    eg = target_near(rev(ch(mtd, "ebay")), 1.5)
    add(
        Case(
            tenant,
            f"ebay needs to do ${eg / 1000:g}k this month, how much is left",
            [rev(ch(mtd, "ebay")), eg - rev(ch(mtd, "ebay"))],
        )
    )
    add(Case(tenant, "are we on target this quarter", unanswerable=True))
    # how much of
    add(Case(tenant, "how much of this year's revenue came from amazon", [rev(ch(ytd, "amazon"))]))
    add(Case(tenant, "what fraction of units last quarter were kitchen", [units(cat(lq, "Kitchen")) / units(lq) * 100]))
    add(Case(tenant, "home as a share of revenue last month", [rev(cat(lm, "Home")) / rev(lm) * 100]))
    # to match or beat
    add(
        Case(
            tenant,
            "how many more orders do we need this month to match last month",
            [_orders(mtd), _orders(lm), _orders(lm) - _orders(mtd)],
        )
    )
    add(
        Case(
            tenant,
            "how much revenue do we still need this quarter to beat last quarter",
            [rev(p.qtd), rev(lq), abs(rev(lq) - rev(p.qtd))],
        )
    )
    # totals since the start
    add(Case(tenant, "all-time units sold", [units(allsales)]))
    add(Case(tenant, "total revenue since day one", [rev(allsales)]))
    add(Case(tenant, "lifetime orders from kitchen", [_orders(cat(allsales, "Kitchen"))]))
    # days of the week and months
    wds = weekday_count(fr.lq_s, fr.lq_e, 2)
    add(
        Case(
            tenant,
            "average revenue on wednesdays last quarter",
            [float(weekday_totals(lq, "revenue")["Wednesday"]) / wds],
        )
    )
    lym = p.ly.groupby([d.month for d in p.ly["date"]])["units"].sum()
    add(
        Case(
            tenant,
            "quietest month last year for units",
            [float(lym.min())],
            [peak(lym, "min", lambda m: MONTHS[int(m) - 1][:3])],
        )
    )
    # first and last sales
    firsts = fr.sold.groupby("sku")["date"].min()
    lasts = fr.sold.groupby("sku")["date"].max()
    named = sorted(s for s in fr.unique.index if s in firsts.index)
    a = named[len(named) // 3]
    add(Case(tenant, f"when did the {fr.unique[a]} last sell", names=[long_day(lasts[a])]))
    b = named[2 * len(named) // 3]
    add(Case(tenant, f"date of the first sale of the {fr.unique[b]}", names=[long_day(firsts[b])]))
    stale = [s for s in named if lasts[s] <= end - timedelta(days=2)]
    c = stale[-1] if stale else named[0]
    add(Case(tenant, f"how many days since the {fr.unique[c]} last sold", [float((end - lasts[c]).days)]))
    pos = fr.sold[fr.sold["channel"] == "pos"]
    add(Case(tenant, "when was our last pos sale", names=[long_day(max(pos["date"]))]))
    # products that did not sell
    add(Case(tenant, "how many products haven't sold in the last 90 days", [unsold_in(fr, last(90))], tolerance=1.0))
    add(
        Case(
            tenant,
            "number of outdoor products with zero sales last month",
            [unsold_in(fr, lm, "Outdoor")],
            tolerance=1.0,
        )
    )
    # order sizes and values
    lqu = order_units(lq)
    add(Case(tenant, "how many orders had at least 4 items last quarter", [float((lqu >= 4).sum())]))
    wu = order_units(lw)
    add(Case(tenant, "what % of orders last week were one item", [float((wu == 1).mean() * 100)]))
    add(Case(tenant, "most units in a single order this year", [float(order_units(ytd).max())]))
    add(Case(tenant, "how many orders over $200 last week", [float((order_values(lw) > 200).sum())]))
    # new and returning customers
    add(
        Case(
            tenant, "how many customers were first-time buyers this quarter", [float(len(new_buyers(fr, p.qtd, fr.qs)))]
        )
    )
    add(Case(tenant, "how many of last week's customers were new", [float(len(new_buyers(fr, lw, fr.lw_s)))]))
    # thresholds
    lwc = lw.groupby("channel")["revenue"].sum().sort_values()
    c_cut = target_near(float((lwc.iloc[0] + lwc.iloc[1]) / 2), 1.0)
    if lwc.iloc[0] < c_cut < lwc.iloc[1]:
        add(
            Case(
                tenant,
                f"channels under ${c_cut:,.0f} last week",
                names=[str(lwc.index[0])],
                absent=[str(lwc.index[-1])],
            )
        )
    lmr = lm.groupby("sku")["revenue"].sum()
    add(Case(tenant, "how many skus did more than $5k last month", [float((lmr > 5000).sum())], tolerance=1.0))
    # everything except
    add(Case(tenant, "revenue last week excluding pos", [rev(lw[lw["channel"] != "pos"])]))
    add(Case(tenant, "units this month without kitchen", [units(mtd[mtd["category"] != "Kitchen"])]))
    # relative dates
    add(Case(tenant, "orders the last 3 weeks", [_orders(last(21))]))
    add(Case(tenant, "revenue since tuesday", [rev(fr.w(end - timedelta(days=(end.weekday() - 1) % 7), end))]))
    add(Case(tenant, "units the month before last", [units(pm)]))
    add(Case(tenant, "sales since the new year", [rev(ytd)]))
    # fiscal years
    fj = date(end.year if end.month >= 7 else end.year - 1, 7, 1)
    add(Case(tenant, "our FY starts in July. revenue fiscal year to date", [rev(fr.w(fj, end))]))
    fa_e = date(end.year if end >= date(end.year, 3, 31) else end.year - 1, 3, 31)
    add(
        Case(
            tenant,
            "financial year runs april to march - units last financial year",
            [units(fr.w(date(fa_e.year - 1, 4, 1), fa_e))],
        )
    )
    # money words
    add(Case(tenant, "how many grand did amazon bring in last week", [rev(ch(lw, "amazon"))]))
    add(Case(tenant, "revenue in euros this month", [rev(mtd)], ["USD"]))
    add(Case(tenant, "bucks per unit last quarter", [rev(lq) / units(lq)]))
    # misspellings
    add(Case(tenant, "revenu yestreday", [rev(day)]))
    add(Case(tenant, "how many untis did we sell in septmber", [units(fr.w(*latest_month(end, 9)))]))
    add(Case(tenant, "custmers last mnth", [float(len(buyers(lm)))]))
    add(Case(tenant, "avrage order value on amazn last week", [aov(ch(lw, "amazon"))]))
    # known misses, again
    add(
        Case(
            tenant,
            "are sales up on last year?",
            [rev(lm), rev(p.ly_lm)],
            [f"{MONTHS[fr.lm_s.month - 1]} {fr.lm_s.year}"],
        )
    )
    # cannot
    add(Case(tenant, "how did we do against plan last month", unanswerable=True))
    add(Case(tenant, "revenue per staff member this year", unanswerable=True))
    return batch.cases


def order_size_fiscal_held_out(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """Orders of an exact or capped number of units and fiscal years named as such (batch ``fourteenth3``), written
    after those fixes and measured before any change made for them."""
    fr, _, batch = phrasing_set(t, catalogue, "fourteenth3", "held out")
    end, tenant, add = fr.end, t.tenant, batch.add
    lwu, lmu, yu = order_units(fr.lw), order_units(fr.lm), order_units(fr.ytd)
    add(Case(tenant, "how many baskets had exactly four items last week", [float((lwu == 4).sum())]))
    add(Case(tenant, "share of orders with no more than 2 units last month", [float((lmu <= 2).mean() * 100)]))
    add(Case(tenant, "orders containing just 2 items this year", [float((yu == 2).sum())]))
    add(Case(tenant, "how many orders had under 3 units last month", [float((lmu < 3).sum())]))
    add(Case(tenant, "orders with 5 items or fewer this year", [float((yu <= 5).sum())]))

    def fy(first: date) -> str:
        return f"FY{first.year}/{(first.year + 1) % 100:02d}"

    fj = date(end.year if end.month >= 7 else end.year - 1, 7, 1)
    add(
        Case(
            tenant,
            "our financial year starts in july - revenue this financial year",
            [rev(fr.w(fj, end))],
            [f"{fy(fj)} to date"],
        )
    )
    fa = date(end.year if end.month >= 4 else end.year - 1, 4, 1)
    last_fa = date(fa.year - 1, 4, 1)
    add(
        Case(
            tenant,
            "FY starts in April. orders last financial year",
            [_orders(fr.w(last_fa, fa - timedelta(days=1)))],
            [fy(last_fa)],
        )
    )
    fo = date(end.year if end.month >= 10 else end.year - 1, 10, 1)
    add(Case(tenant, "fiscal year begins 1 october: units fiscal ytd", [units(fr.w(fo, end))], [f"{fy(fo)} to date"]))
    return batch.cases
