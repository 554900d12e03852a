"""A tenth set of phrasings for the question bench (batch ``tenth``), by style, with truths from the generated rows.

Chat shorthand and typos, two questions in one, two named things compared, relative anchors ("since Black Friday",
"WTD", "the last 2 weekends"), days of the week, returns and refunds, customers and baskets, orders by their value,
stock, forecasts, and what the data cannot answer. Measured before any change made for it; ``held_out_cases``
(batch ``tenth2``) was written after those fixes and measured before any change made for it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pandas as pd

from bench.question_data import BenchTenant
from bench.questions import (
    MONTHS,
    WEEKDAYS,
    Case,
    Truth,
    _black_friday,
    _last_complete_month,
    _month_bounds,
    _orders,
    aov,
    in_category,
    next_quarter_span,
    on_channel,
    rev,
    strict,
    top,
    units,
)


class _Frames:
    """The periods and helpers every phrasing of one merchant reads."""

    def __init__(self, t: BenchTenant, catalogue: set[str]) -> None:
        self.tr = tr = Truth(t, catalogue)
        self.catalogue = catalogue
        end = self.end = t.end
        y = self.y = end.year
        self.lm_s, self.lm_e = _last_complete_month(end)
        self.pm_s, self.pm_e = _last_complete_month(self.lm_s - timedelta(days=1))
        self.lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
        self.lw_s = self.lw_e - timedelta(days=6)
        self.ms, self.ys, self.wk = end.replace(day=1), date(y, 1, 1), end - timedelta(days=end.weekday())
        q_month = 3 * ((end.month - 1) // 3) + 1
        self.qs = date(y, q_month, 1)
        self.lq_e = self.qs - timedelta(days=1)
        self.lq_s = date(self.lq_e.year, 3 * ((self.lq_e.month - 1) // 3) + 1, 1)
        self.lm, self.pm = self.w(self.lm_s, self.lm_e), self.w(self.pm_s, self.pm_e)
        self.lw, self.mtd, self.ytd = self.w(self.lw_s, self.lw_e), self.w(self.ms, end), self.w(self.ys, end)
        self.day, self.wtd, self.lq = self.w(end, end), self.w(self.wk, end), self.w(self.lq_s, self.lq_e)
        self.bf = _black_friday(y) if _black_friday(y) <= end else _black_friday(y - 1)
        self.sold = tr.sales[tr.sales["units"] > 0]
        titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
        self.unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
        inv = tr.inventory.sort_values("date", kind="stable")
        self.latest_inv = inv.groupby(["sku", "location"]).tail(1)

    def w(self, s: date, e: date) -> pd.DataFrame:
        return self.tr.window(s, e)

    def last(self, n: int, until: date | None = None) -> pd.DataFrame:
        """The ``n`` days to ``until`` (the data's last day when not given): "the last 30 days"."""
        until = until or self.end
        return self.w(until - timedelta(days=n - 1), until)


def order_totals(f: pd.DataFrame) -> pd.Series:
    """Each order's value: the revenue of its lines with units sold."""
    sold = f[f["units"] > 0]
    return sold.groupby("order_id")["revenue"].sum()


def returned(f: pd.DataFrame) -> float:
    """Units returned on the lines."""
    return float(pd.to_numeric(f["returned_units"], errors="coerce").fillna(0).sum())


def _emails(f: pd.DataFrame) -> pd.Series:
    return f["customer_email"].str.strip().str.lower()


def _weekday_totals(f: pd.DataFrame, col: str) -> pd.Series:
    return f.groupby([WEEKDAYS[d.weekday()] for d in f["date"]])[col].sum()


def _month_of(by_month: pd.Series, *, best: bool) -> str:
    """The month (abbreviated) with the highest (lowest) value of a series indexed by month number."""
    ordered = by_month.sort_values(ascending=not best, kind="stable")
    return MONTHS[int(ordered.index[0]) - 1][:3]


def _pair(fr: _Frames, min_units: float) -> tuple[str, str] | None:
    """Two products with uniquely-titled, different unit totals this year (for a comparison by name)."""
    yu = fr.ytd.groupby("sku")["units"].sum()
    named = sorted(str(s) for s, v in yu.items() if s in fr.unique.index and v >= min_units)
    if len(named) < 4:
        return None
    a, b = named[len(named) // 3], named[2 * len(named) // 3]
    return (a, b) if yu[a] != yu[b] else None


def tenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The tenth set (batch ``tenth``), by style."""
    fr = _Frames(t, catalogue)
    tr, end, tenant, y = fr.tr, fr.end, t.tenant, fr.y
    lm, pm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.pm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    cases: list[Case] = []
    style = ""

    def add(case: Case) -> None:
        case.batch, case.style = "tenth", style
        cases.append(case)

    cat, ch = in_category, on_channel

    style = "chat shorthand"
    add(Case(tenant, "wats my revnue lst mnth", [rev(lm)]))
    add(Case(tenant, "rev mtd?", [rev(mtd)]))
    add(Case(tenant, "hw many ordrs ytd", [_orders(ytd)]))
    add(Case(tenant, "units sld yday", [units(day)]))
    add(Case(tenant, "aov this mnth pls", [aov(mtd)]))
    add(Case(tenant, "whats rev lookin like wtd", [rev(wtd)]))
    add(Case(tenant, "amzn rev last mnth", [rev(ch(lm, "amazon"))]))
    lwr = lw.groupby("sku")["revenue"].sum()
    add(Case(tenant, "top 5 prods lst wk", [float(lwr.max())], top(lwr, 3), ordered=True))
    ytc = ytd.groupby("channel")["revenue"].sum()
    add(Case(tenant, "revnue by chanel this yr", [float(ytc.max())], top(ytc, 3), ordered=True))
    add(Case(tenant, "# of orders last 7d", [_orders(fr.w(end - timedelta(days=6), end))]))
    add(Case(tenant, "k so how much did we do last wk", [rev(lw)]))
    add(Case(tenant, "refunds lst qtr?", [float(lq["refund"].fillna(0).sum())]))
    add(Case(tenant, "u know how many units we sold this wk?", [units(wtd)]))
    add(Case(tenant, "sales 2day", [rev(day)]))

    style = "two in one"
    add(Case(tenant, "revenue and orders last month", [rev(lm), _orders(lm)]))
    add(Case(tenant, "units and aov this year", [units(ytd), aov(ytd)]))
    add(Case(tenant, "how many orders did we get yesterday and what was the revenue", [_orders(day), rev(day)]))
    add(Case(tenant, "revenue last month and the month before", [rev(lm), rev(pm)]))
    add(Case(tenant, "what were sales on amazon and on ebay last quarter",
             [rev(ch(lq, "amazon")), rev(ch(lq, "ebay"))]))
    add(Case(tenant, "orders this week plus revenue this month", [_orders(wtd), rev(mtd)]))
    add(Case(tenant, "how much did kitchen make last month and how many units was that",
             [rev(cat(lm, "Kitchen")), units(cat(lm, "Kitchen"))]))
    add(Case(tenant, "refunds and discounts last quarter",
             [float(lq["refund"].fillna(0).sum()), float(lq["discount"].fillna(0).sum())]))
    add(Case(tenant, "total orders, units and revenue yesterday", [_orders(day), units(day), rev(day)]))

    style = "named comparisons"
    add(Case(tenant, "kitchen vs outdoor revenue last month", [rev(cat(lm, "Kitchen")), rev(cat(lm, "Outdoor"))]))
    add(Case(tenant, "compare amazon and web orders this year", [_orders(ch(ytd, "amazon")), _orders(ch(ytd, "web"))]))
    add(Case(tenant, "did apparel or electronics sell more units last quarter",
             [units(cat(lq, "Apparel")), units(cat(lq, "Electronics"))]))
    add(Case(tenant, "ebay compared to pos revenue last month", [rev(ch(lm, "ebay")), rev(ch(lm, "pos"))]))
    add(Case(tenant, "how does home compare to kitchen in units this year",
             [units(cat(ytd, "Home")), units(cat(ytd, "Kitchen"))]))
    pair = _pair(fr, 10)
    if pair is not None:
        a, b = pair
        ua, ub = units(ytd[ytd["sku"] == a]), units(ytd[ytd["sku"] == b])
        add(Case(tenant, f"{fr.unique[a]} vs {fr.unique[b]} units sold this year", [ua, ub], [a, b]))
        add(Case(tenant, f"which sold more this year, the {fr.unique[a]} or the {fr.unique[b]}?", [ua, ub],
                 [a if ua > ub else b]))
    brands = ytd.groupby("brand")["revenue"].sum().sort_values(ascending=False)
    b1, b2 = str(brands.index[0]), str(brands.index[1])
    add(Case(tenant, f"{b1} vs {b2} revenue ytd", [float(brands.iloc[0]), float(brands.iloc[1])]))
    add(Case(tenant, "amazon or web: which made more last month?", [rev(ch(lm, "amazon")), rev(ch(lm, "web"))]))

    style = "relative anchors"
    bf = fr.bf
    add(Case(tenant, "revenue since black friday", [rev(fr.w(bf, end))]))
    add(Case(tenant, "orders over the past fortnight", [_orders(fr.w(end - timedelta(days=13), end))]))
    add(Case(tenant, "WTD revenue", [rev(wtd)]))
    # the whole month a year back (February against all of a leap February; 29 Feb - 1 year crashed)
    ly_start = fr.lm_s.replace(year=fr.lm_s.year - 1)
    ly_lm = fr.w(ly_start, ly_start.replace(day=calendar.monthrange(ly_start.year, ly_start.month)[1]))
    add(Case(tenant, "revenue last month vs same period last year", [rev(lm), rev(ly_lm)]))
    sun = fr.lw_e
    two = pd.concat([fr.w(sun - timedelta(days=1), sun), fr.w(sun - timedelta(days=8), sun - timedelta(days=7))])
    add(Case(tenant, "units sold the last 2 weekends", [units(two)]))
    xmas = date(end.year - 1, 12, 25)
    add(Case(tenant, "revenue in the 10 days before christmas last year",
             [rev(fr.w(xmas - timedelta(days=10), xmas - timedelta(days=1)))]))
    add(Case(tenant, "sales since the start of the quarter", [rev(fr.w(fr.qs, end))]))
    add(Case(tenant, "how much did we make in the last 6 weeks", [rev(fr.w(end - timedelta(days=41), end))]))
    if bf + timedelta(days=3) <= end:
        add(Case(tenant, "revenue in the 3 days after black friday",
                 [rev(fr.w(bf + timedelta(days=1), bf + timedelta(days=3)))]))
    add(Case(tenant, "sales yesterday vs the same day last week", [rev(day), rev(fr.w(end - timedelta(days=7),
                                                                                       end - timedelta(days=7)))]))
    ly_ytd = fr.w(date(y - 1, 1, 1), end.replace(year=y - 1))
    add(Case(tenant, "ytd units vs same period last year", [units(ytd), units(ly_ytd)]))
    add(Case(tenant, "revenue over the last 90 days", [rev(fr.w(end - timedelta(days=89), end))]))

    style = "days and hours"
    wu, wr = _weekday_totals(tr.sales, "units"), _weekday_totals(tr.sales, "revenue")
    if top(wu) == top(wr):
        add(Case(tenant, "which day of the week do we sell the most", [], top(wu)))
    lqw = _weekday_totals(lq, "revenue")
    add(Case(tenant, "revenue by day of week last quarter", [float(lqw.max())], top(lqw)))
    weekend = ytd[[d.weekday() >= 5 for d in ytd["date"]]]
    weekdays = ytd[[d.weekday() < 5 for d in ytd["date"]]]
    add(Case(tenant, "weekend vs weekday revenue this year", [rev(weekend), rev(weekdays)]))
    add(Case(tenant, "what's our slowest day of the week", [], [str(wr.idxmin())]))
    mondays = ytd[[d.weekday() == 0 for d in ytd["date"]]]
    n_mon = sum(1 for i in range((end - fr.ys).days + 1) if (fr.ys + timedelta(days=i)).weekday() == 0)
    add(Case(tenant, "average revenue on mondays this year", [rev(mondays) / n_mon]))
    add(Case(tenant, "how many orders on fridays last month", [_orders(lm[[d.weekday() == 4 for d in lm["date"]]])]))
    for phrasing in ("what hour do we get the most orders", "sales by hour of day last week",
                     "are mornings or evenings busier"):
        add(Case(tenant, phrasing, unanswerable=True))

    style = "returns and refunds"
    add(Case(tenant, "how many units got returned last month", [returned(lm)]))
    add(Case(tenant, "return rate this year", [returned(ytd) / units(ytd) * 100]))
    by_ret = tr.sales.assign(r=pd.to_numeric(tr.sales["returned_units"], errors="coerce").fillna(0))
    rp = by_ret.groupby("sku")["r"].sum()
    if strict(rp, 1):
        add(Case(tenant, "which product has the most returns", [float(rp.max())], top(rp)))
    add(Case(tenant, "how much have we refunded this year", [float(ytd["refund"].fillna(0).sum())]))
    add(Case(tenant, "refund rate last quarter", [float(lq["refund"].fillna(0).sum()) / rev(lq) * 100]))
    rc = by_ret.groupby("category")["r"].sum()
    add(Case(tenant, "which category gets returned the most", [float(rc.max())], top(rc)))
    lmr = lm.assign(r=pd.to_numeric(lm["returned_units"], errors="coerce").fillna(0)).groupby("channel")["r"].sum()
    add(Case(tenant, "returns by channel last month", [float(lmr.max())], top(lmr)))

    style = "customers and baskets"
    first_seen = tr.sales[tr.sales["units"] > 0].assign(e=_emails).groupby("e")["date"].min()
    buyers = set(_emails(lm[lm["units"] > 0]))
    new = sum(1 for e in buyers if first_seen[e] >= fr.lm_s)
    add(Case(tenant, "new vs returning customers last month", [float(new), float(len(buyers) - new)]))
    add(Case(tenant, "how many new customers did we get last month", [float(new)]))
    ysold = ytd[ytd["units"] > 0].assign(e=_emails)
    per = ysold.groupby("e")["order_id"].nunique()
    add(Case(tenant, "repeat purchase rate this year", [float((per >= 2).sum() / len(per) * 100)]))
    qsold = lq[lq["units"] > 0].assign(e=_emails).groupby("e")["order_id"].nunique()
    add(Case(tenant, "how many customers bought more than once last quarter", [float((qsold >= 2).sum())]))
    add(Case(tenant, "avg items per basket last month", [units(lm) / _orders(lm)]))
    add(Case(tenant, "how many unique customers this year", [float(len(per))]))
    promo = lm[(lm["units"] > 0) & (lm["promo"].fillna(False).astype(bool) | (lm["discount"].fillna(0) > 0))]
    add(Case(tenant, "what share of orders had a discount last month",
             [float(promo["order_id"].nunique()) / _orders(lm) * 100]))
    add(Case(tenant, "how much did we give away in discounts this year", [float(ytd["discount"].fillna(0).sum())]))
    add(Case(tenant, "discount as a % of revenue last quarter",
             [float(lq["discount"].fillna(0).sum()) / rev(lq) * 100]))
    add(Case(tenant, "revenue per customer this year", [rev(ytd) / len(per)]))

    style = "orders by value"
    totals = order_totals(tr.sales)
    add(Case(tenant, "how many orders were above $100", [float((totals > 100).sum())]))
    lmt = order_totals(lm)
    add(Case(tenant, "what share of orders were over $200 last month", [float((lmt > 200).mean() * 100)]))
    yt = order_totals(ytd)
    add(Case(tenant, "how many orders under $20 this year", [float((yt < 20).sum())]))
    add(Case(tenant, "what was our biggest order last month", [float(lmt.max())]))
    add(Case(tenant, "number of orders over 500 dollars last quarter", [float((order_totals(lq) > 500).sum())]))

    style = "average prices"
    year = y - 1
    last_year = fr.w(date(year, 1, 1), date(year, 12, 31))
    add(Case(tenant, f"what was the average price of our products in {year}", [rev(last_year) / units(last_year)]))
    add(Case(tenant, "average price we sold at last month", [rev(lm) / units(lm)]))
    add(Case(tenant, "avg selling price in the kitchen category this year",
             [rev(cat(ytd, "Kitchen")) / units(cat(ytd, "Kitchen"))]))

    style = "stock"
    add(Case(tenant, "what should I reorder", names=["reorder"]))
    add(Case(tenant, "what's overstocked", names=["days of cover"]))
    add(Case(tenant, "show me dead stock", names=["days of cover"]))
    l60 = fr.w(end - timedelta(days=59), end)
    sold60 = set(l60[l60["units"] > 0]["sku"])
    unsold = [s for s in catalogue if s not in sold60]
    add(Case(tenant, "items that haven't sold in 60 days", [float(len(unsold))], tolerance=2.0))
    li = fr.latest_inv
    add(Case(tenant, "how many units are on order", [float(li["on_order"].sum())]))
    stocked = sorted(s for s in li["sku"].unique() if s in fr.unique.index)
    pick = stocked[len(stocked) // 2]
    add(Case(tenant, f"how much stock of the {fr.unique[pick]} do we have", [float(li[li["sku"] == pick]["on_hand"]
                                                                                   .sum())]))
    now = li.groupby("sku")["on_hand"].sum()
    add(Case(tenant, "how many skus are out of stock", [float((now <= 0).sum())]))

    style = "forecasts"
    me = _month_bounds(end)[1]
    k = int(round(rev(lm) / 10000)) * 10
    add(Case(tenant, f"will we hit ${k}k this month", [rev(mtd)], ["expect revenue", me.isoformat()]))
    add(Case(tenant, "how much stock will we need for christmas", names=["units", f"{y}-12-25"],
             absent=["expect revenue"]))
    # "next quarter" is the next calendar quarter, as "next month" is the next calendar month
    add(Case(tenant, "next quarter's revenue", names=["expect revenue", next_quarter_span(end)]))
    add(Case(tenant, "forecast amazon sales next month", names=["amazon", "expect revenue"]))
    whole = tr.sales[(tr.sales["date"] >= _month_bounds(tr.first)[1] + timedelta(days=1))
                     & (tr.sales["date"] < fr.ms)]
    by_m = whole.groupby([d.year * 100 + d.month for d in whole["date"]])["revenue"].sum()
    moy = by_m.groupby([m % 100 for m in by_m.index]).mean()
    add(Case(tenant, "what month do we usually sell the most", [], [_month_of(moy, best=True)]))
    add(Case(tenant, "what will revenue be over the next 4 weeks", names=["expect revenue", "next 28 days"]))

    style = "cannot"
    add(Case(tenant, "how much did fuel bring in?", unknown="fuel"))
    add(Case(tenant, "how much did petrol make last month?", unknown="petrol"))
    for phrasing in ("what's our NPS", "how many orders shipped late last month", "which sales rep sold the most",
                     "sales in texas last month", "how did the weather affect sales",
                     "how many items are sitting in abandoned carts"):
        add(Case(tenant, phrasing, unanswerable=True))
    return cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """47 more phrasings in the tenth set's styles, written after its fixes and measured before any change made for
    them (batch ``tenth2``): how the fixes generalise to phrasings they were not made for."""
    fr = _Frames(t, catalogue)
    tr, end, tenant, y = fr.tr, fr.end, t.tenant, fr.y
    lm, lw, mtd, ytd, day, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.lq
    cases: list[Case] = []

    def add(case: Case) -> None:
        case.batch, case.style = "tenth2", "held out"
        cases.append(case)

    cat, ch = in_category, on_channel

    def refunds(f: pd.DataFrame) -> float:
        return float(f["refund"].fillna(0).sum())

    # chat shorthand
    add(Case(tenant, "hw much rev ystrdy", [rev(day)]))
    add(Case(tenant, "ords lst 30d", [_orders(fr.w(end - timedelta(days=29), end))]))
    add(Case(tenant, "tot rev qtd", [rev(fr.w(fr.qs, end))]))
    add(Case(tenant, "whts the aov lst mth", [aov(lm)]))
    mu = mtd.groupby("channel")["units"].sum()
    add(Case(tenant, "units ths mnth by chnl", [float(mu.max())], top(mu, 2), ordered=True))
    add(Case(tenant, "rev 4 ebay ytd", [rev(ch(ytd, "ebay"))]))
    # two in one
    add(Case(tenant, "units and refunds last week", [units(lw), refunds(lw)]))
    add(Case(tenant, "how many orders came in on amazon last month and how much was that worth",
             [_orders(ch(lm, "amazon")), rev(ch(lm, "amazon"))]))
    add(Case(tenant, "revenue this month and units last month", [rev(mtd), units(lm)]))
    # named comparisons
    add(Case(tenant, "outdoor vs apparel units last quarter", [units(cat(lq, "Outdoor")), units(cat(lq, "Apparel"))]))
    add(Case(tenant, "pos or ebay - which brought in more this year", [rev(ch(ytd, "pos")), rev(ch(ytd, "ebay"))]))
    bu = lm.groupby("brand")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, f"compare {bu.index[0]} and {bu.index[1]} units last month",
             [float(bu.iloc[0]), float(bu.iloc[1])]))
    pair = _pair(fr, 10)
    if pair is not None:
        a, b = pair
        ra, rb = rev(ytd[ytd["sku"] == a]), rev(ytd[ytd["sku"] == b])
        add(Case(tenant, f"{fr.unique[a]} or {fr.unique[b]}: which made more money this year?", [ra, rb],
                 [a if ra > rb else b]))
    # relative anchors
    cm = fr.bf + timedelta(days=3)
    if cm <= end:
        add(Case(tenant, "orders since cyber monday", [_orders(fr.w(cm, end))]))
    sun = fr.lw_e
    three = pd.concat([fr.w(sun - timedelta(days=7 * k + 1), sun - timedelta(days=7 * k)) for k in range(3)])
    add(Case(tenant, "revenue over the last 3 weekends", [rev(three)]))
    ly_mtd = fr.w(fr.ms.replace(year=y - 1), end.replace(year=y - 1))
    add(Case(tenant, "units mtd vs same period last year", [units(mtd), units(ly_mtd)]))
    add(Case(tenant, "sales in the week before black friday",
             [rev(fr.w(fr.bf - timedelta(days=7), fr.bf - timedelta(days=1)))]))
    add(Case(tenant, "revenue since the beginning of the year", [rev(ytd)]))
    add(Case(tenant, "revenue for the past 10 days", [rev(fr.w(end - timedelta(days=9), end))]))
    # days of the week
    sold = fr.sold
    by_wd = sold.groupby([WEEKDAYS[d.weekday()] for d in sold["date"]])
    wd_aov = tr.sales.groupby([WEEKDAYS[d.weekday()] for d in tr.sales["date"]])["revenue"].sum() \
        / by_wd["order_id"].nunique()
    add(Case(tenant, "which weekday has the highest aov", [float(wd_aov.max())], top(wd_aov)))
    add(Case(tenant, "saturday vs sunday revenue last month",
             [rev(lm[[d.weekday() == 5 for d in lm["date"]]]), rev(lm[[d.weekday() == 6 for d in lm["date"]]])]))
    fridays = ytd[[d.weekday() == 4 for d in ytd["date"]]]
    n_fri = sum(1 for i in range((end - fr.ys).days + 1) if (fr.ys + timedelta(days=i)).weekday() == 4)
    add(Case(tenant, "average orders per friday this year", [_orders(fridays) / n_fri]))
    # returns and refunds
    add(Case(tenant, "how many returns did we have last quarter", [returned(lq)]))
    yr = ytd.assign(r=pd.to_numeric(ytd["returned_units"], errors="coerce").fillna(0))
    rate = yr.groupby("category")["r"].sum() / yr.groupby("category")["units"].sum() * 100
    add(Case(tenant, "return rate by category this year", [float(rate.max())], top(rate)))
    add(Case(tenant, "refunds on amazon last month", [refunds(ch(lm, "amazon"))]))
    # customers and baskets
    first_seen = sold.assign(e=_emails).groupby("e")["date"].min()
    q_buyers = set(_emails(lq[lq["units"] > 0]))
    add(Case(tenant, "how many returning customers last quarter",
             [float(sum(1 for e in q_buyers if first_seen[e] < fr.lq_s))]))
    y_buyers = set(_emails(ytd[ytd["units"] > 0]))
    add(Case(tenant, "first-time customers this year", [float(sum(1 for e in y_buyers if first_seen[e] >= fr.ys))]))
    add(Case(tenant, "average basket size on ebay last month", [aov(ch(lm, "ebay"))]))
    add(Case(tenant, "what % of revenue was discounted last month", [float(lm["discount"].fillna(0).sum()) / rev(lm)
                                                                     * 100]))
    # orders by value
    yt = order_totals(ytd)
    add(Case(tenant, "how many orders over $250 this year", [float((yt > 250).sum())]))
    lmt = order_totals(lm)
    add(Case(tenant, "percentage of orders under 30 dollars last month", [float((lmt < 30).mean() * 100)]))
    add(Case(tenant, "largest single order this year", [float(yt.max())]))
    add(Case(tenant, "orders between $50 and $100 last month", [float(((lmt > 50) & (lmt < 100)).sum())],
             tolerance=2.0))
    # average prices
    q3_s = date(y if end.month >= 7 else y - 1, 7, 1)
    q3 = fr.w(q3_s, min(date(q3_s.year, 9, 30), end))
    add(Case(tenant, "average price of what we sold in Q3", [rev(q3) / units(q3)]))
    year = y - 1
    ly = fr.w(date(year, 1, 1), date(year, 12, 31))
    add(Case(tenant, f"what did our products sell for on average in {year}", [rev(ly) / units(ly)]))
    # stock
    add(Case(tenant, "what's not selling", names=["days of cover"]))
    l30 = fr.w(end - timedelta(days=29), end)
    sold30 = set(l30[l30["units"] > 0]["sku"])
    unsold30 = float(sum(1 for s in catalogue if s not in sold30))
    add(Case(tenant, "products with no sales in the last 30 days", [unsold30], tolerance=2.0))
    accepted = t.merchant.products[t.merchant.products["sku"].isin(catalogue)]  # the rows the ingest kept
    li = fr.latest_inv.merge(accepted[["sku", "category"]].drop_duplicates("sku"), on="sku", how="left")
    add(Case(tenant, "units on order for outdoor", [float(li[li["category"] == "Outdoor"]["on_order"].sum())]))
    add(Case(tenant, "what needs restocking this week", names=["reorder"]))
    # forecasts
    add(Case(tenant, "are we on track to beat last month's revenue", names=["expect revenue"]))
    add(Case(tenant, "projected units for the kitchen category over the next 2 weeks",
             names=["Kitchen", "next 14 days"]))
    whole = tr.sales[(tr.sales["date"] >= _month_bounds(tr.first)[1] + timedelta(days=1))
                     & (tr.sales["date"] < fr.ms)]
    by_m = whole.groupby([d.year * 100 + d.month for d in whole["date"]])["revenue"].sum()
    moy = by_m.groupby([m % 100 for m in by_m.index]).mean()
    add(Case(tenant, "which month is usually our slowest", [], [_month_of(moy, best=False)]))
    add(Case(tenant, "forecast ebay revenue for next week", names=["ebay", "expect revenue"]))
    # what the data cannot answer
    add(Case(tenant, "how much did gift cards bring in?", unknown="gift cards"))
    add(Case(tenant, "how much did diesel make last month", unknown="diesel"))
    for phrasing in ("sales in california this year", "what's our average delivery time"):
        add(Case(tenant, phrasing, unanswerable=True))
    return cases
