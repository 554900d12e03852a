"""A thirteenth set of phrasings for the question bench (batch ``thirteenth``), by style, with truths from the rows.

Analysts' abbreviations not asked before (L7D, T12M, QoQ, LYTD, AUR, IPT, an annualised run rate), marketplace
report words ("ordered product sales", "units ordered", "net quantity", "returns rate", "sessions"), British, Irish
and Indian English ("the month gone by", "shift", "what's the craic", "please revert", "last one month"), questions
wrapped in context ("ballpark is fine", "(the dashboard looks off)"), two questions in one with other joints ("; also",
"as well as", "along with"), retail events by name (Black Friday, BFCM weekend, Christmas week, Boxing Day,
Thanksgiving, the weekend before Easter, St Patrick's Day), dates written as 3/15, 15.03., March 15th or ISO, ALL
CAPS, emoji and "??", where a name ranks, distinct counts, best and worst periods, growth rates, ratios per order,
unit and customer, forecasts and what the data cannot answer. Measured before any change made for it;
``held_out_cases`` (batch ``thirteenth2``) was written after those fixes and measured before any change made for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from bench.eleventh_questions import easter
from bench.question_data import BenchTenant
from bench.questions import (
    MONTHS,
    Case,
    CaseBatch,
    _black_friday,
    _month_bounds,
    _orders,
    aov,
    in_category,
    next_month_span,
    on_channel,
    rev,
    strict,
    top,
    units,
)
from bench.tenth_questions import _emails, _Frames, returned
from bench.truths import Tied, peak
from bench.twelfth_questions import latest_day, months_back, stock_frame


def day_name(d: date) -> str:
    """A day as answers name it (``28 Nov``)."""
    return f"{d.day} {MONTHS[d.month - 1][:3]}"


def refunds(f: pd.DataFrame) -> float:
    """Money refunded on the lines."""
    return float(f["refund"].fillna(0).sum())


def discounts(f: pd.DataFrame) -> float:
    """Discounts given on the lines."""
    return float(f["discount"].fillna(0).sum())


def buyers(f: pd.DataFrame) -> set[str]:
    """The distinct customers (normalised e-mails) of the lines with units sold."""
    return set(_emails(f[f["units"] > 0]))


def rank_of(series: pd.Series, name: str) -> float:
    """``name``'s place in ``series`` ranked from the largest (1 = first)."""
    return float((series > series[name]).sum() + 1)


def growth(cur: float, prev: float) -> float:
    """The change in percent."""
    return (cur / prev - 1) * 100


def _latest_holiday(end: date, of_year: Callable[[int], date]) -> date:
    """The latest day ``of_year(year)`` on or before ``end``."""
    d = of_year(end.year)
    return d if d <= end else of_year(end.year - 1)


def thanksgiving(year: int) -> date:
    """The fourth Thursday of November (US)."""
    return _black_friday(year) - timedelta(days=1)


class _Periods:
    """The periods both sets read beyond :class:`_Frames`' (the quarter before last, last year's same days ...)."""

    def __init__(self, fr: _Frames) -> None:
        end, y = fr.end, fr.y
        self.pq_e = fr.lq_s - timedelta(days=1)
        self.pq = fr.w(date(self.pq_e.year, 3 * ((self.pq_e.month - 1) // 3) + 1, 1), self.pq_e)
        self.qtd = fr.w(fr.qs, end)
        self.ly_ytd = fr.w(date(y - 1, 1, 1), end.replace(year=y - 1))
        self.ly_qtd = fr.w(fr.qs.replace(year=y - 1), end.replace(year=y - 1))
        self.ly_lm = fr.w(fr.lm_s.replace(year=fr.lm_s.year - 1), fr.lm_e.replace(year=fr.lm_e.year - 1))
        self.plw = fr.w(fr.lw_s - timedelta(days=7), fr.lw_e - timedelta(days=7))
        self.ly = fr.w(date(y - 1, 1, 1), date(y - 1, 12, 31))


def phrasing_set(
    t: BenchTenant, catalogue: set[str], batch: str, style: str = ""
) -> tuple[_Frames, _Periods, CaseBatch]:
    """A phrasing set's frames, periods and cases (filed under ``batch``; under ``style`` too for a held-out set)."""
    fr = _Frames(t, catalogue)
    return fr, _Periods(fr), CaseBatch(batch, style)


def thirteenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The thirteenth set (batch ``thirteenth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "thirteenth")
    tr, end, tenant = fr.tr, fr.end, t.tenant
    lm, pm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.pm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last

    batch.style = "analyst abbreviations"
    add(Case(tenant, "L7D revenue", [rev(last(7))]))
    add(Case(tenant, "orders L30D", [_orders(last(30))]))
    add(Case(tenant, "units sold L90D", [units(last(90))]))
    add(Case(tenant, "T12M revenue", [rev(last(365))]))
    add(Case(tenant, "QoQ revenue growth", [rev(lq), rev(p.pq), growth(rev(lq), rev(p.pq))]))
    add(Case(tenant, "YTD vs LYTD revenue", [rev(ytd), rev(p.ly_ytd)]))
    add(Case(tenant, "MoM % change in units last month", [units(lm), units(pm), growth(units(lm), units(pm))]))
    add(Case(tenant, "QTD revenue vs same period last year", [rev(p.qtd), rev(p.ly_qtd)]))
    # the agents' overview states many numbers, one of which can fall within 1% of the truth by chance
    add(Case(tenant, "AUR last month", [rev(lm) / units(lm)], absent=["price index"]))
    add(Case(tenant, "IPT this year", [units(ytd) / _orders(ytd)]))
    add(Case(tenant, "annualised revenue based on the last 90 days", [rev(last(90)) * 365 / 90]))

    batch.style = "marketplace report words"
    add(Case(tenant, "ordered product sales on amazon last month", [rev(ch(lm, "amazon"))]))
    add(Case(tenant, "units ordered last week", [units(lw)]))
    add(Case(tenant, "net quantity sold last month", [units(lm) - returned(lm)]))
    add(Case(tenant, "returns rate last month", [returned(lm) / units(lm) * 100]))
    lqc = lq.groupby("channel")["revenue"].sum()
    add(Case(tenant, "total sales by sales channel last quarter", [float(lqc.max())], top(lqc, 2), ordered=True))
    add(Case(tenant, "gross revenue last quarter", [rev(lq)]))
    for phrasing in (
        "sessions last month",
        "unit session percentage on amazon",
        "buy box percentage this month",
        "page views yesterday",
    ):
        add(Case(tenant, phrasing, unanswerable=True))

    batch.style = "british irish indian english"
    add(Case(tenant, "what did we turn over in the month gone by", [rev(lm)]))
    add(Case(tenant, "how many did we shift last week", [units(lw)]))
    add(Case(tenant, "what's the craic with sales this week", [rev(wtd)]))
    add(Case(tenant, "please revert with the sales figure of last month", [rev(lm)]))
    add(Case(tenant, "what is the month on month growth in revenue", [rev(lm), rev(pm)]))
    add(Case(tenant, "sales for the last one month", [rev(fr.w(months_back(end, 1), end))]))
    sf = stock_frame(fr, t)
    add(
        Case(tenant, "how are we fixed for stock in outdoor", [float(sf[sf["category"] == "Outdoor"]["on_hand"].sum())])
    )
    qcu = p.qtd.groupby("category")["units"].sum()
    add(Case(tenant, "kindly provide category-wise units for this quarter", [float(qcu.max())], top(qcu)))
    add(
        Case(tenant, "what was the average fortnightly revenue this year", [rev(ytd) / (((end - fr.ys).days + 1) / 14)])
    )
    add(Case(tenant, "what's the sales figure for yesterday, please advise", [rev(day)]))

    batch.style = "wrapped in context"
    add(Case(tenant, "I'm prepping for a board meeting — what was revenue last quarter?", [rev(lq)]))
    add(
        Case(
            tenant,
            "quick sanity check (the dashboard looks off): how many orders did we get yesterday?",
            [_orders(day)],
        )
    )
    add(Case(tenant, "what were units last month? ballpark is fine", [units(lm)]))
    add(Case(tenant, "roughly how much did we make this week", [rev(wtd)]))
    add(Case(tenant, "revenue last month — just the headline number please", [rev(lm)]))
    add(
        Case(
            tenant,
            "for context we ran a promo on amazon last week, how did amazon revenue look last week",
            [rev(ch(lw, "amazon"))],
        )
    )
    add(Case(tenant, "my accountant needs this: total refunds this year", [refunds(ytd)]))
    add(
        Case(
            tenant,
            "asking because we're planning stock - how many kitchen units sold last quarter",
            [units(cat(lq, "Kitchen"))],
        )
    )
    add(Case(tenant, "no rush at all, whenever you get a sec: aov last month", [aov(lm)]))

    batch.style = "two in one"
    add(Case(tenant, "revenue and units last month?", [rev(lm), units(lm)]))
    add(Case(tenant, "how many orders yesterday; also what's the aov this week", [_orders(day), aov(wtd)]))
    add(
        Case(
            tenant,
            "what was revenue last month, and how does that compare to the same month last year",
            [rev(lm), rev(p.ly_lm)],
        )
    )
    add(Case(tenant, "units sold this week as well as revenue", [units(wtd), rev(wtd)]))
    am = ch(lm, "amazon")
    add(Case(tenant, "orders on amazon last month along with the refunds", [_orders(am), refunds(am)]))
    add(Case(tenant, "give me revenue for last week and for the week before", [rev(lw), rev(p.plw)]))
    lmr = lm.groupby("sku")["revenue"].sum()
    if strict(lmr, 1):
        add(Case(tenant, "top product last month and how much it made", [float(lmr.max())], top(lmr)))
    seen = tr.sales[tr.sales["units"] > 0].assign(e=_emails).groupby("e")["date"].min()
    mb = buyers(mtd)
    add(
        Case(
            tenant,
            "how many customers bought this month and how many were new",
            [float(len(mb)), float(sum(1 for e in mb if seen[e] >= fr.ms))],
        )
    )

    batch.style = "retail events"
    bf = fr.bf
    cm = bf + timedelta(days=3)
    add(Case(tenant, "black friday revenue", [rev(fr.w(bf, bf))]))
    add(Case(tenant, "how many orders on cyber monday", [_orders(fr.w(cm, cm))]))
    add(Case(tenant, "BFCM weekend revenue", [rev(fr.w(bf, cm))]))
    xmas = latest_day(end, 12, 25)
    xw = xmas - timedelta(days=xmas.weekday())
    add(Case(tenant, "christmas week sales", [rev(fr.w(xw, xw + timedelta(days=6)))]))
    bx = latest_day(end, 12, 26)
    add(Case(tenant, "boxing day orders", [_orders(fr.w(bx, bx))]))
    tg = _latest_holiday(end, thanksgiving)
    add(Case(tenant, "thanksgiving revenue", [rev(fr.w(tg, tg))]))
    eve = latest_day(end, 12, 24)
    add(Case(tenant, "units sold on christmas eve", [units(fr.w(eve, eve))]))
    eas = _latest_holiday(end, easter)
    add(
        Case(tenant, "revenue the weekend before easter", [rev(fr.w(eas - timedelta(days=8), eas - timedelta(days=7)))])
    )
    sp = latest_day(end, 3, 17)
    add(Case(tenant, "sales on st patrick's day", [rev(fr.w(sp, sp))]))
    add(Case(tenant, "revenue from thanksgiving to cyber monday", [rev(fr.w(tg, tg + timedelta(days=4)))]))

    batch.style = "date formats"
    m15 = latest_day(end, 3, 15)
    add(Case(tenant, "revenue on 3/15", [rev(fr.w(m15, m15))]))
    add(Case(tenant, "orders on 15.03.", [_orders(fr.w(m15, m15))]))
    add(Case(tenant, "units sold on March 15th", [units(fr.w(m15, m15))]))
    add(Case(tenant, f"revenue on {m15.isoformat()}", [rev(fr.w(m15, m15))]))
    add(Case(tenant, "revenue from 3/1 to 3/15", [rev(fr.w(m15.replace(day=1), m15))]))
    o15 = latest_day(end, 10, 15)
    add(Case(tenant, "orders between 01.10. and 15.10.", [_orders(fr.w(o15.replace(day=1), o15))]))
    o31 = latest_day(end, 10, 31)
    add(Case(tenant, "sales on 31/10", [rev(fr.w(o31, o31))]))
    o3 = latest_day(end, 10, 3)
    add(Case(tenant, "what did we make on Oct. 3rd", [rev(fr.w(o3, o3))]))
    o7 = latest_day(end, 10, 7)
    add(Case(tenant, "units 10/1-10/7", [units(fr.w(o7.replace(day=1), o7))]))
    j7 = latest_day(end, 6, 7)
    add(Case(tenant, "orders 1st-7th June", [_orders(fr.w(j7.replace(day=1), j7))]))

    batch.style = "caps, emoji and punctuation"
    add(Case(tenant, "REVENUE LAST MONTH??", [rev(lm)]))
    add(Case(tenant, "HOW MANY ORDERS YESTERDAY", [_orders(day)]))
    add(Case(tenant, "units this week 🙏", [units(wtd)]))
    add(Case(tenant, "📈 revenue this month?", [rev(mtd)]))
    add(Case(tenant, "sales yesterday?!?!", [rev(day)]))
    add(Case(tenant, "AOV THIS YEAR PLS", [aov(ytd)]))
    if strict(lmr, 5):
        add(Case(tenant, "🔥 top 5 products last month 🔥", [float(lmr.max())], top(lmr, 5), ordered=True))
    add(Case(tenant, "orders today??? 👀", [_orders(day)]))
    add(Case(tenant, "Amazon Revenue Last Quarter!!!", [rev(ch(lq, "amazon"))]))

    batch.style = "rank and position"
    ycr = ytd.groupby("category")["revenue"].sum()
    add(
        Case(
            tenant,
            "where does kitchen rank by revenue this year",
            [ycr["Kitchen"], rank_of(ycr, "Kitchen")],
            ["Kitchen"],
        )
    )
    yco = ytd[ytd["units"] > 0].groupby("channel")["order_id"].nunique()
    add(
        Case(
            tenant,
            "what position is amazon in for orders this year",
            [float(yco["amazon"]), rank_of(yco, "amazon")],
            ["amazon"],
        )
    )
    yu = ytd.groupby("sku")["units"].sum()
    named = [s for s in yu.sort_values(ascending=False, kind="stable").index if s in fr.unique.index]
    pick = str(named[4])
    if (yu == yu[pick]).sum() == 1:
        add(
            Case(
                tenant,
                f"where does the {fr.unique[pick]} rank in units this year",
                [float(yu[pick]), rank_of(yu, pick)],
            )
        )
    ych = ytd.groupby("channel")["revenue"].sum()
    add(Case(tenant, "is amazon our biggest channel this year", [float(ych.max())], [peak(ych)]))
    lqb = lq.groupby("brand")["revenue"].sum()
    b3 = str(lqb.sort_values(ascending=False).index[2])
    add(Case(tenant, f"what rank is {b3} among brands by revenue last quarter", [float(lqb[b3]), 3.0], [b3]))
    lcu = lm.groupby("category")["units"].sum()
    if strict(lcu, 2):
        second = str(lcu.sort_values(ascending=False).index[1])
        add(Case(tenant, "which category came second in units last month", [float(lcu[second])], [second]))
    lmu = lm.groupby("sku")["units"].sum()
    if strict(lmu, 3):
        third = str(lmu.sort_values(ascending=False).index[2])
        add(Case(tenant, "what was the third best selling product last month", [float(lmu[third])], [third]))

    batch.style = "distinct counts"
    add(Case(tenant, "how many distinct customers bought last month", [float(len(buyers(lm)))]))
    add(Case(tenant, "how many different skus did we sell last week", [float(lw[lw["units"] > 0]["sku"].nunique())]))
    em = ch(mtd, "ebay")
    add(
        Case(tenant, "number of unique products sold on ebay this month", [float(em[em["units"] > 0]["sku"].nunique())])
    )
    add(
        Case(
            tenant, "how many brands sold at least one unit last month", [float(lm[lm["units"] > 0]["brand"].nunique())]
        )
    )
    add(Case(tenant, "how many unique buyers this quarter", [float(len(buyers(p.qtd)))]))
    add(
        Case(
            tenant,
            "how many distinct categories did we sell in yesterday",
            [float(day[day["units"] > 0]["category"].nunique())],
        )
    )
    add(Case(tenant, "count of distinct orders yesterday", [_orders(day)]))

    batch.style = "best and worst"
    dr = tr.sales.groupby("date")["revenue"].sum()
    add(Case(tenant, "best day ever", [float(dr.max())], [peak(dr, "max", day_name)]))
    whole = fr.w(fr.ys, fr.ms - timedelta(days=1))
    ymr = whole.groupby([d.month for d in whole["date"]])["revenue"].sum()
    add(Case(tenant, "worst month this year", [float(ymr.min())], [peak(ymr, "min", lambda m: MONTHS[int(m) - 1][:3])]))
    first_monday = fr.ys + timedelta(days=(7 - fr.ys.weekday()) % 7)
    wks = fr.w(first_monday, fr.lw_e)
    wr = wks.groupby([d - timedelta(days=d.weekday()) for d in wks["date"]])["revenue"].sum()
    add(Case(tenant, "our slowest week this year", [float(wr.min())], [peak(wr, "min", day_name)]))
    first_whole = tr.first if tr.first.day == 1 else _month_bounds(tr.first)[1] + timedelta(days=1)
    allm = fr.w(first_whole, fr.ms - timedelta(days=1))
    mu = allm.groupby([f"{MONTHS[d.month - 1][:3]} {d.year}" for d in allm["date"]])["units"].sum()
    add(Case(tenant, "record month for units", [float(mu.max())], [peak(mu, "max")]))
    lmd = lm.groupby("date")["revenue"].sum()
    add(Case(tenant, "lowest revenue day last month", [float(lmd.min())], [peak(lmd, "min", day_name)]))
    lyq = p.ly.groupby([(d.month - 1) // 3 + 1 for d in p.ly["date"]])["revenue"].sum()
    add(Case(tenant, "best quarter last year", [float(lyq.max())], [peak(lyq, "max", lambda q: f"Q{q}")]))
    lys = p.ly[p.ly["units"] > 0]
    lyo = lys.groupby([d.month for d in lys["date"]])["order_id"].nunique()
    add(
        Case(
            tenant,
            "which month had the fewest orders last year",
            [float(lyo.min())],
            [peak(lyo, "min", lambda m: MONTHS[int(m) - 1][:3])],
        )
    )

    batch.style = "growth rates"
    add(Case(tenant, "what's our growth rate year to date", [growth(rev(ytd), rev(p.ly_ytd))]))
    add(Case(tenant, "revenue growth % last quarter vs the quarter before", [growth(rev(lq), rev(p.pq))]))
    add(Case(tenant, "how much did orders grow last month", [_orders(lm), _orders(pm)]))
    add(Case(tenant, "percentage change in units week over week", [growth(units(lw), units(p.plw))]))
    # with no period, a comparison with last year is the last whole month's (the house rule, as "revenue down on last
    # year?" in the fourth set reads it)
    add(Case(tenant, "by what % is revenue up on last year", [growth(rev(lm), rev(p.ly_lm))]))
    add(Case(tenant, "what's the year over year growth in aov this year", [aov(ytd), aov(p.ly_ytd)]))

    batch.style = "per order, unit and customer"
    ay = ch(ytd, "amazon")
    add(Case(tenant, "how much do we make per unit on amazon this year", [rev(ay) / units(ay)]))
    add(Case(tenant, "discount per order last month", [discounts(lm) / _orders(lm)]))
    add(Case(tenant, "average refund per order this year", [refunds(ytd) / _orders(ytd)]))
    eq = ch(lq, "ebay")
    add(Case(tenant, "units per order on ebay last quarter", [units(eq) / _orders(eq)]))
    add(Case(tenant, "average discount per unit this year", [discounts(ytd) / units(ytd)]))
    add(Case(tenant, "spend per customer last quarter", [rev(lq) / len(buyers(lq))]))
    add(Case(tenant, "orders per customer this year", [_orders(ytd) / len(buyers(ytd))]))

    batch.style = "forecasts"
    nx = latest_day(end + timedelta(days=366), 12, 25)
    nxw = nx - timedelta(days=nx.weekday())
    add(Case(tenant, "what's the sales forecast for christmas week", names=["expect revenue", nxw.isoformat()]))
    add(Case(tenant, "expected orders next week", names=["orders are not forecast"]))
    add(
        Case(
            tenant,
            "revenue forecast for the rest of the month",
            names=["expect revenue", _month_bounds(end)[1].isoformat()],
        )
    )
    add(
        Case(
            tenant,
            "how many units will we sell between now and the end of the year",
            names=["units", date(end.year, 12, 31).isoformat()],
        )
    )
    add(Case(tenant, "projected GMV next month", names=["expect revenue", next_month_span(end)]))
    add(
        Case(
            tenant,
            "next 30 days forecast for outdoor revenue",
            names=["Outdoor", Tied(["expect revenue", "expected to bring in"]), "next 30 days"],
        )
    )

    batch.style = "cannot"
    for phrasing in (
        "what's our cart abandonment rate",
        "what did we pay in FBA fees last quarter",
        "what's our NPS",
        "average delivery time last month",
        "customer acquisition cost this year",
    ):
        add(Case(tenant, phrasing, unanswerable=True))
    add(Case(tenant, "how much did the lava lamps make last month", unknown="lava lamps"))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """About 50 more phrasings in the thirteenth set's styles, written after its fixes and measured before any change
    made for them (batch ``thirteenth2``): how the fixes generalise to wordings they were not made for."""
    fr, p, batch = phrasing_set(t, catalogue, "thirteenth2", "held out")
    tr, end, tenant = fr.tr, fr.end, t.tenant
    lm, pm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.pm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, ch, last = batch.add, on_channel, fr.last

    # analysts' abbreviations
    add(Case(tenant, "L14D orders", [_orders(last(14))]))
    add(Case(tenant, "revenue L4W", [rev(last(28))]))
    add(Case(tenant, "T6M units", [units(fr.w(months_back(end, 6), end))]))
    add(Case(tenant, "QoQ orders", [_orders(lq), _orders(p.pq)]))
    add(Case(tenant, "units YTD vs LYTD", [units(ytd), units(p.ly_ytd)]))
    add(Case(tenant, "AUR on ebay this year", [rev(ch(ytd, "ebay")) / units(ch(ytd, "ebay"))]))
    add(Case(tenant, "IPT last quarter", [units(lq) / _orders(lq)]))
    # marketplace report words
    add(Case(tenant, "units ordered on amazon yesterday", [units(ch(day, "amazon"))]))
    add(Case(tenant, "net quantity this quarter", [units(p.qtd) - returned(p.qtd)]))
    add(
        Case(
            tenant,
            "total sales by channel this month",
            [float(mtd.groupby("channel")["revenue"].sum().max())],
            top(mtd.groupby("channel")["revenue"].sum()),
        )
    )
    add(Case(tenant, "what's our buy box win rate", unanswerable=True))
    add(Case(tenant, "how much did amazon charge us in referral fees", unanswerable=True))
    # British, Irish and Indian English
    add(Case(tenant, "how many units did we shift in the week gone by", [units(lw)]))
    add(Case(tenant, "kindly share the turnover for the month gone by", [rev(lm)]))
    add(Case(tenant, "sales for the last one week", [rev(last(7))]))
    add(Case(tenant, "what's the craic with orders today", [_orders(day)]))
    # wrapped in context
    add(Case(tenant, "doing the monthly numbers (bear with me): units sold last month?", [units(lm)]))
    add(Case(tenant, "rough figure is fine - revenue this quarter so far", [rev(p.qtd)]))
    add(Case(tenant, "the team is curious, how did ebay do last week", [rev(ch(lw, "ebay"))]))
    # two in one
    add(Case(tenant, "orders last week; also units", [_orders(lw), units(lw)]))
    add(Case(tenant, "revenue yesterday as well as the number of orders", [rev(day), _orders(day)]))
    add(Case(tenant, "refunds this year along with discounts", [refunds(ytd), discounts(ytd)]))
    # retail events
    bf = fr.bf
    add(Case(tenant, "units sold over BFCM", [units(fr.w(bf, bf + timedelta(days=3)))]))
    add(
        Case(
            tenant,
            "orders the weekend after black friday",
            [_orders(fr.w(bf + timedelta(days=1), bf + timedelta(days=2)))],
        )
    )
    xmas = latest_day(end, 12, 25)
    sat = (
        xmas - timedelta(days=xmas.weekday() + 2)
        if xmas.weekday() < 5
        else xmas - timedelta(days=xmas.weekday() - 5 + 7)
    )
    add(Case(tenant, "revenue the weekend before christmas", [rev(fr.w(sat, sat + timedelta(days=1)))]))
    sbs = bf + timedelta(days=1)
    add(Case(tenant, "small business saturday revenue", [rev(fr.w(sbs, sbs))]))
    j4 = latest_day(end, 7, 4)
    add(Case(tenant, "orders on the fourth of july", [_orders(fr.w(j4, j4))]))
    hw = latest_day(end, 10, 31)
    add(Case(tenant, "halloween revenue", [rev(fr.w(hw, hw))]))
    # date formats
    a20 = latest_day(end, 4, 20)
    add(Case(tenant, "units on 4/20", [units(fr.w(a20, a20))]))
    add(Case(tenant, "revenue on 20.04.", [rev(fr.w(a20, a20))]))
    add(Case(tenant, "orders 4/1 - 4/20", [_orders(fr.w(a20.replace(day=1), a20))]))
    s25 = latest_day(end, 9, 25)
    add(Case(tenant, "what did we make on 25/9", [rev(fr.w(s25, s25))]))
    add(Case(tenant, "sales on Sept. 25th", [rev(fr.w(s25, s25))]))
    # caps, emoji and punctuation
    add(Case(tenant, "UNITS SOLD LAST WEEK???", [units(lw)]))
    add(Case(tenant, "💰 revenue yesterday 💰", [rev(day)]))
    add(Case(tenant, "How Many Orders This Month?!", [_orders(mtd)]))
    # rank and position
    ych = ytd.groupby("channel")["revenue"].sum()
    add(Case(tenant, "is ebay our smallest channel this year", [float(ych.min())], [peak(ych, "min")]))
    lmc = lm.groupby("category")["revenue"].sum()
    add(
        Case(
            tenant,
            "where did outdoor rank for revenue last month",
            [float(lmc["Outdoor"]), rank_of(lmc, "Outdoor")],
            ["Outdoor"],
        )
    )
    # distinct counts
    add(Case(tenant, "how many different customers ordered this week", [float(len(buyers(wtd)))]))
    add(Case(tenant, "number of distinct skus sold yesterday", [float(day[day["units"] > 0]["sku"].nunique())]))
    # best and worst
    dr = tr.sales.groupby("date")["revenue"].sum()
    add(Case(tenant, "worst day ever for revenue", [float(dr.min())], [peak(dr, "min", day_name)]))
    whole = fr.w(fr.ys, fr.ms - timedelta(days=1))
    ymu = whole.groupby([d.month for d in whole["date"]])["units"].sum()
    add(
        Case(
            tenant,
            "best month this year for units",
            [float(ymu.max())],
            [peak(ymu, "max", lambda m: MONTHS[int(m) - 1][:3])],
        )
    )
    # growth rates
    add(Case(tenant, "how much did revenue grow last quarter", [rev(lq), rev(p.pq)]))
    add(Case(tenant, "% change in orders month over month", [_orders(lm), _orders(pm)]))
    # per order, unit and customer
    add(Case(tenant, "refunds per customer this year", [refunds(ytd) / len(buyers(ytd))]))
    add(Case(tenant, "discount per unit last quarter", [discounts(lq) / units(lq)]))
    add(Case(tenant, "how many units per customer last month", [units(lm) / len(buyers(lm))]))
    add(Case(tenant, "average revenue per item on web this year", [rev(ch(ytd, "web")) / units(ch(ytd, "web"))]))
    # forecasts
    add(Case(tenant, "projected revenue for the next 2 weeks", names=["expect revenue", "next 14 days"]))
    add(Case(tenant, "how many units should we expect in the next 30 days", names=["units", "next 30 days"]))
    # what the data cannot answer
    add(Case(tenant, "what's our cart conversion rate", unanswerable=True))
    add(Case(tenant, "how much did we spend on fba storage", unanswerable=True))
    add(Case(tenant, "how much did the glitter pens make this year", unknown="glitter pens"))
    return batch.cases
