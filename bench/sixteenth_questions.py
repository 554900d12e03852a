"""A sixteenth set of phrasings for the question bench (batch ``sixteenth``), by style, with truths from the rows.

Ranges said with "through"/"thru"; a period so far against the same days of the one before ("MTD vs same period last
month", "how are we tracking this month vs last"); "since Monday"; a figure per order, customer, day or unit; shares
from repeat customers and the top products; the top N with something left out ("excluding returns", "not counting
ebay"); typos and shorthand not seen before; two or three metrics asked at once; the same week (month) last year;
"in the last year" and "over the past 12 months"; parts of a period ("the first month of last quarter", "the middle
ten days of November"); ambiguous numeric dates of a US merchant; chatty merchant forms; and what the data cannot
answer. Measured before any change made for it; ``held_out_cases`` (batch ``sixteenth2``) was written after those
fixes and measured before any change made for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd

from bench.fifteenth_questions import days, latest_started, same_point
from bench.fourteenth_questions import returning_split
from bench.question_data import BenchTenant
from bench.questions import (
    Case,
    CaseBatch,
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
from bench.tenth_questions import _Frames, returned
from bench.thirteenth_questions import buyers, day_name, phrasing_set
from bench.truths import peak


def same_days_before(fr: _Frames) -> pd.DataFrame:
    """Last month's days 1 to the data's day of the month (the house rule for "month to date vs last month")."""
    e = min(fr.lm_s.replace(day=min(fr.end.day, _month_bounds(fr.lm_s)[1].day)), fr.lm_e)
    return fr.w(fr.lm_s, e)


def repeat_share(fr: _Frames, f: pd.DataFrame) -> float:
    """The share of revenue (in percent) from returning customers' orders in ``f`` (Shopify's customer type).

    First written as the customers with two or more orders in ``f``, which no metric or report defines.
    """
    back, named = returning_split(fr, f)
    return back / named * 100


def month_span(s: date, months: int) -> tuple[date, date]:
    """``months`` calendar months from the month of ``s``."""
    m = s.month - 1 + months - 1
    return s.replace(day=1), _month_bounds(date(s.year + m // 12, m % 12 + 1, 1))[1]


def ranker(batch: CaseBatch, tenant: str) -> Callable[[pd.Series, int, str], None]:
    """The ``ranking(by, n, phrasing)`` that adds a top-``n`` case of ``by`` when its first ``n`` are untied."""

    def ranking(by: pd.Series, n: int, phrasing: str) -> None:
        if strict(by, n):
            batch.add(Case(tenant, phrasing, [float(by.max())], top(by, n), ordered=True))

    return ranking


def sixteenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The sixteenth set (batch ``sixteenth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "sixteenth")
    end, tenant = fr.end, t.tenant
    lm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last
    ranking = ranker(batch, tenant)
    oct_s, oct_e = latest_started(end, 10)
    nov_s, nov_e = latest_started(end, 11)
    sep_s, sep_e = latest_started(end, 9)

    batch.style = "through and thru"
    add(Case(tenant, "revenue from oct 1 through oct 15", [rev(fr.w(oct_s, oct_s + timedelta(days=14)))]))
    add(Case(tenant, "orders 11/1 thru 11/15", [_orders(fr.w(nov_s, nov_s + timedelta(days=14)))]))
    add(Case(tenant, "units sold september through november", [units(fr.w(sep_s, nov_e))]))
    add(Case(tenant, "revenue monday thru wednesday last week", [rev(fr.w(fr.lw_s, fr.lw_s + timedelta(days=2)))]))
    add(
        Case(
            tenant, "sales from the 1st thru the 10th of last month", [rev(fr.w(fr.lm_s, fr.lm_s + timedelta(days=9)))]
        )
    )
    add(Case(tenant, "orders oct thru nov", [_orders(fr.w(oct_s, nov_e))]))
    q2s = date(sep_s.year, 4, 1)
    add(Case(tenant, "revenue q2 through q3", [rev(fr.w(q2s, sep_e))]))
    add(
        Case(
            tenant, "amazon sales jan thru jun", [rev(ch(fr.w(date(end.year, 1, 1), date(end.year, 6, 30)), "amazon"))]
        )
    )

    batch.style = "so far against the same days before"
    before = same_days_before(fr)
    add(Case(tenant, "MTD vs same period last month", [rev(mtd), rev(before)]))
    add(Case(tenant, "how are we tracking this month vs last", [rev(mtd), rev(before)]))
    add(Case(tenant, "month to date orders compared with the same days last month", [_orders(mtd), _orders(before)]))
    add(Case(tenant, "are we ahead of last month so far?", [rev(mtd), rev(before)]))
    add(Case(tenant, "YTD units vs same time last year", [units(ytd), units(p.ly_ytd)]))
    add(Case(tenant, "revenue so far this year compared to the same point last year", [rev(ytd), rev(p.ly_ytd)]))
    wk_before = fr.w(fr.wk - timedelta(days=7), end - timedelta(days=7))
    add(Case(tenant, "WTD orders vs the same days last week", [_orders(wtd), _orders(wk_before)]))
    add(Case(tenant, "is this month pacing ahead of last month for units", [units(mtd), units(before)]))

    batch.style = "since a day"
    monday = end - timedelta(days=end.weekday())
    add(Case(tenant, "sales since Monday", [rev(fr.w(monday, end))]))
    add(Case(tenant, "orders since the 1st", [_orders(mtd)]))
    add(Case(tenant, "revenue since black friday", [rev(fr.w(fr.bf, end))]))
    add(Case(tenant, "units since the start of the quarter", [units(p.qtd)]))
    o15 = oct_s.replace(day=15)
    add(Case(tenant, "how much have we sold since october 15", [rev(fr.w(o15, end))]))
    thu = end - timedelta(days=(end.weekday() - 3) % 7 or 7)
    add(Case(tenant, "revenue since last thursday", [rev(fr.w(thu, end))]))

    batch.style = "per order, customer, day and unit"
    add(Case(tenant, "revenue per order last week", [aov(lw)]))
    add(Case(tenant, "units per order this month", [units(mtd) / _orders(mtd)]))
    add(Case(tenant, "revenue per customer last month", [rev(lm) / len(buyers(lm))]))
    add(Case(tenant, "average daily orders last month", [_orders(lm) / days(fr.lm_s, fr.lm_e)]))
    add(Case(tenant, "avg units per day this week", [units(wtd) / days(fr.wk, end)]))
    add(Case(tenant, "sales per day so far this month", [rev(mtd) / days(fr.ms, end)]))
    add(Case(tenant, "average selling price last quarter", [rev(lq) / units(lq)]))
    add(Case(tenant, "orders per customer this year", [_orders(ytd) / len(buyers(ytd))]))

    batch.style = "shares"
    add(Case(tenant, "what % of revenue came from repeat customers last month", [repeat_share(fr, lm)]))
    add(Case(tenant, "share of orders from amazon this quarter", [_orders(ch(p.qtd, "amazon")) / _orders(p.qtd) * 100]))
    add(Case(tenant, "what percentage of units were kitchen last week", [units(cat(lw, "Kitchen")) / units(lw) * 100]))
    add(Case(tenant, "how much of this year's revenue was ebay, in %", [rev(ch(ytd, "ebay")) / rev(ytd) * 100]))
    lmp = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False)
    add(
        Case(
            tenant,
            "percent of revenue from our top 10 products last month",
            [float(lmp.iloc[:10].sum() / rev(lm) * 100)],
        )
    )
    add(
        Case(tenant, "what share of units did the web store sell this year", [units(ch(ytd, "web")) / units(ytd) * 100])
    )

    batch.style = "top N with something left out"
    qs = p.qtd.assign(net=p.qtd["units"] - pd.to_numeric(p.qtd["returned_units"], errors="coerce").fillna(0))
    qn = qs.groupby("sku")["net"].sum()
    ranking(qn, 5, "top 5 SKUs by units this quarter excluding returns")
    yna = ytd[ytd["channel"] != "amazon"].groupby("category")["revenue"].sum()
    ranking(yna, 3, "top 3 categories by revenue this year excluding amazon")
    lwe = lw[lw["channel"] != "ebay"].groupby("sku")["units"].sum()
    ranking(lwe, 1, "best-selling product last week not counting ebay")
    lmr = lm.assign(net=lm["revenue"] - lm["refund"].fillna(0)).groupby("sku")["net"].sum()
    ranking(lmr, 5, "top 5 products by revenue last month net of refunds")
    lqb = lq.groupby("brand")["units"].sum()
    ranking(lqb, 3, "top 3 brands by units last quarter")
    mch = mtd.groupby("channel")["units"].sum()
    ranking(mch, 3, "which 3 channels sold the most units this month")
    ysk = ytd.groupby("sku")["revenue"].sum()
    ranking(ysk, 10, "top 10 skus by revenue ytd")
    qu = p.qtd.groupby("sku")["units"].sum()
    ranking(qu, 5, "5 best sellers this quarter by units")

    batch.style = "typos and shorthand"
    add(Case(tenant, "reveneu last wk", [rev(lw)]))
    add(Case(tenant, "ordrs this mnth", [_orders(mtd)]))
    add(Case(tenant, "avg ordr value last qtr", [aov(lq)]))
    add(Case(tenant, "untis sold ytd", [units(ytd)]))
    add(Case(tenant, "rev yest", [rev(day)]))
    add(Case(tenant, "how mny orders yesterday", [_orders(day)]))
    add(Case(tenant, "tot rev last mth", [rev(lm)]))
    add(Case(tenant, "rev mtd pls", [rev(mtd)]))
    add(Case(tenant, "# of orders last week", [_orders(lw)]))
    add(Case(tenant, "amzn sales last month", [rev(ch(lm, "amazon"))]))

    batch.style = "two metrics at once"
    add(Case(tenant, "revenue and orders last month", [rev(lm), _orders(lm)]))
    add(Case(tenant, "units and revenue for kitchen this year", [units(cat(ytd, "Kitchen")), rev(cat(ytd, "Kitchen"))]))
    add(Case(tenant, "orders & aov last week", [_orders(lw), aov(lw)]))
    add(Case(tenant, "how many orders and how much revenue yesterday", [_orders(day), rev(day)]))
    add(Case(tenant, "revenue + units this month", [rev(mtd), units(mtd)]))
    add(Case(tenant, "give me revenue, orders and units for last quarter", [rev(lq), _orders(lq), units(lq)]))
    add(Case(tenant, "aov and units per order last month", [aov(lm), units(lm) / _orders(lm)]))
    add(Case(tenant, "amazon revenue and orders this year", [rev(ch(ytd, "amazon")), _orders(ch(ytd, "amazon"))]))

    batch.style = "the same week or month last year"
    lyw = fr.w(fr.lw_s - timedelta(days=364), fr.lw_e - timedelta(days=364))
    add(Case(tenant, "revenue last week compared with the same week last year", [rev(lw), rev(lyw)]))
    add(Case(tenant, "how did last week compare to the same week a year ago, orders", [_orders(lw), _orders(lyw)]))
    add(Case(tenant, "orders last month vs same month last year", [_orders(lm), _orders(p.ly_lm)]))
    nly = fr.w(nov_s.replace(year=nov_s.year - 1), _month_bounds(nov_s.replace(year=nov_s.year - 1))[1])
    add(Case(tenant, "november sales vs november last year", [rev(fr.w(nov_s, nov_e)), rev(nly)]))
    add(Case(tenant, "units last month against the same month a year earlier", [units(lm), units(p.ly_lm)]))

    batch.style = "the last year and the past 12 months"
    add(Case(tenant, "revenue in the last year", [rev(last(365))]))
    add(Case(tenant, "orders over the past year", [_orders(last(365))]))
    add(Case(tenant, "units in the past 12 months", [units(last(365))]))
    add(Case(tenant, "how much did kitchen make over the last year", [rev(cat(last(365), "Kitchen"))]))
    add(Case(tenant, "revenue last year", [rev(p.ly)]))
    add(Case(tenant, "how many orders did we get during the last year", [_orders(last(365))]))

    batch.style = "parts of a period"
    add(Case(tenant, "revenue in the first month of last quarter", [rev(fr.w(*month_span(fr.lq_s, 1)))]))
    add(Case(tenant, "orders in the last month of q3", [_orders(fr.w(date(sep_s.year, 9, 1), sep_e))]))
    add(Case(tenant, "units in the first week of last month", [units(fr.w(fr.lm_s, fr.lm_s + timedelta(days=6)))]))
    add(
        Case(
            tenant,
            "revenue in the middle ten days of november",
            [rev(fr.w(nov_s + timedelta(days=10), nov_s + timedelta(days=19)))],
        )
    )
    add(
        Case(
            tenant, "revenue in the last two weeks of last quarter", [rev(fr.w(fr.lq_e - timedelta(days=13), fr.lq_e))]
        )
    )
    add(Case(tenant, "orders in the first 10 days of this quarter", [_orders(fr.w(fr.qs, fr.qs + timedelta(days=9)))]))
    sec_s, sec_e = month_span(fr.qs.replace(month=fr.qs.month + 1), 1)
    add(Case(tenant, "revenue in the second month of this quarter", [rev(fr.w(sec_s, min(sec_e, end)))]))
    ly_e = date(end.year - 1, 12, 31)
    add(Case(tenant, "units in the final week of last year", [units(fr.w(ly_e - timedelta(days=6), ly_e))]))

    batch.style = "ambiguous numeric dates (a US merchant)"
    n5 = date(nov_s.year, 11, 5)
    add(Case(tenant, f"revenue on {n5.month}/{n5.day}/{n5.year}", [rev(fr.w(n5, n5))]))
    o4 = date(oct_s.year, 10, 4)
    add(Case(tenant, f"orders on {o4.month:02d}/{o4.day:02d}/{o4.year}", [_orders(fr.w(o4, o4))]))

    batch.style = "chatty merchant forms"
    add(Case(tenant, "how'd we do yesterday", [rev(day)]))
    add(Case(tenant, "did we hit 100 orders yesterday?", [_orders(day)]))
    add(Case(tenant, "are sales up this month vs last?", [rev(mtd), rev(before)]))
    add(Case(tenant, "total sales for the week ending last sunday", [rev(lw)]))
    add(Case(tenant, f"sales for the week ending {fr.lw_e.day} {fr.lw_e:%b}", [rev(lw)]))
    add(Case(tenant, "how much did the kitchen category bring in yesterday", [rev(cat(day, "Kitchen"))]))
    add(
        Case(
            tenant,
            "what was our best day this month?",
            [float(mtd.groupby("date")["revenue"].sum().max())],
            [peak(mtd.groupby("date")["revenue"].sum(), "max", day_name)],
        )
    )
    add(Case(tenant, "how many items went back last month", [returned(lm)]))
    add(Case(tenant, "whats our refund total this year", [float(ytd["refund"].fillna(0).sum())]))

    batch.style = "cannot"
    for phrasing in ("conversion rate last week", "how many abandoned carts yesterday", "ad spend last month"):
        add(Case(tenant, phrasing, unanswerable=True))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """More phrasings in the sixteenth set's styles (batch ``sixteenth2``), written after its fixes."""
    fr, p, batch = phrasing_set(t, catalogue, "sixteenth2", "held out")
    end, tenant = fr.end, t.tenant
    lm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last
    ranking = ranker(batch, tenant)
    oct_s, oct_e = latest_started(end, 10)
    nov_s, nov_e = latest_started(end, 11)
    sep_s, sep_e = latest_started(end, 9)
    aug_s, _ = latest_started(end, 8)
    before = same_days_before(fr)

    # through and thru
    add(Case(tenant, "orders from sept 1 thru sept 30", [_orders(fr.w(sep_s, sep_e))]))
    add(Case(tenant, "revenue august through october", [rev(fr.w(aug_s, oct_e))]))
    add(Case(tenant, "units 10/1 through 10/10", [units(fr.w(oct_s, oct_s + timedelta(days=9)))]))
    add(
        Case(
            tenant,
            "ebay orders tuesday thru thursday last week",
            [_orders(ch(fr.w(fr.lw_s + timedelta(days=1), fr.lw_s + timedelta(days=3)), "ebay"))],
        )
    )
    # so far against the same days before
    add(Case(tenant, "MTD orders vs same period last month", [_orders(mtd), _orders(before)]))
    add(Case(tenant, "how is this month tracking against last month for units", [units(mtd), units(before)]))
    add(Case(tenant, "are we behind last month?", [rev(mtd), rev(before)]))
    add(
        Case(tenant, "this quarter vs last, revenue", [rev(p.qtd), rev(fr.w(fr.lq_s, same_point(fr.lq_s, fr.qs, end)))])
    )
    # since a day
    tue = end - timedelta(days=(end.weekday() - 1) % 7 or 7)
    add(Case(tenant, "orders since tuesday", [_orders(fr.w(tue, end))]))
    add(Case(tenant, "units sold since the start of the month", [units(mtd)]))
    add(Case(tenant, "revenue since november 20", [rev(fr.w(nov_s.replace(day=20), end))]))
    # per order, customer, day and unit
    add(Case(tenant, "avg revenue per order yesterday", [aov(day)]))
    add(Case(tenant, "items per order last quarter", [units(lq) / _orders(lq)]))
    add(Case(tenant, "how much does a customer spend on average this year", [rev(ytd) / len(buyers(ytd))]))
    add(Case(tenant, "average orders per day last week", [_orders(lw) / 7]))
    # shares
    add(
        Case(
            tenant,
            "what % of orders came through the web store last month",
            [_orders(ch(lm, "web")) / _orders(lm) * 100],
        )
    )
    add(
        Case(
            tenant, "electronics as a % of units this quarter", [units(cat(p.qtd, "Electronics")) / units(p.qtd) * 100]
        )
    )
    add(Case(tenant, "share of revenue from repeat buyers this year", [repeat_share(fr, ytd)]))
    # top N with something left out
    lwk = lw[lw["category"] != "Kitchen"].groupby("category")["revenue"].sum()
    ranking(lwk, 1, "best category last week apart from kitchen")
    ynp = ytd[ytd["channel"] != "pos"].groupby("sku")["units"].sum()
    ranking(ynp, 3, "top 3 products by units this year excluding pos")
    lmb = lm.groupby("brand")["revenue"].sum()
    ranking(lmb, 2, "top two brands by revenue last month")
    # typos and shorthand
    add(Case(tenant, "revnue yday", [rev(day)]))
    add(Case(tenant, "unts sold lst mnth", [units(lm)]))
    add(Case(tenant, "ordres this wk", [_orders(wtd)]))
    add(Case(tenant, "aov l7d", [aov(last(7))]))
    add(Case(tenant, "total rev q3", [rev(fr.w(date(sep_s.year, 7, 1), sep_e))]))
    # two metrics at once
    add(Case(tenant, "orders and units yesterday", [_orders(day), units(day)]))
    add(Case(tenant, "revenue & orders on amazon last week", [rev(ch(lw, "amazon")), _orders(ch(lw, "amazon"))]))
    add(Case(tenant, "what were units and aov this quarter", [units(p.qtd), aov(p.qtd)]))
    # the same week or month last year
    lyw = fr.w(fr.lw_s - timedelta(days=364), fr.lw_e - timedelta(days=364))
    add(Case(tenant, "units last week vs the same week last year", [units(lw), units(lyw)]))
    oly = fr.w(oct_s.replace(year=oct_s.year - 1), oct_e.replace(year=oct_e.year - 1))
    add(Case(tenant, "october revenue compared with october last year", [rev(fr.w(oct_s, oct_e)), rev(oly)]))
    # the last year and the past 12 months
    add(Case(tenant, "units over the last year", [units(last(365))]))
    add(Case(tenant, "amazon revenue in the past 12 months", [rev(ch(last(365), "amazon"))]))
    add(Case(tenant, "what was our aov in the last year", [aov(last(365))]))
    add(Case(tenant, "orders last year", [_orders(p.ly)]))
    # parts of a period
    add(Case(tenant, "units in the last month of last quarter", [units(fr.w(*month_span(fr.lq_e.replace(day=1), 1)))]))
    add(Case(tenant, "orders in the first week of november", [_orders(fr.w(nov_s, nov_s + timedelta(days=6)))]))
    add(
        Case(
            tenant,
            "revenue in the middle of october, the 11th to the 20th",
            [rev(fr.w(oct_s + timedelta(days=10), oct_s + timedelta(days=19)))],
        )
    )
    add(Case(tenant, "revenue in the first two weeks of q4", [rev(fr.w(fr.qs, fr.qs + timedelta(days=13)))]))
    add(
        Case(
            tenant, "orders in the second month of q3", [_orders(fr.w(date(sep_s.year, 8, 1), date(sep_s.year, 8, 31)))]
        )
    )
    add(Case(tenant, "revenue in the last 5 days of october", [rev(fr.w(oct_e - timedelta(days=4), oct_e))]))
    # chatty merchant forms
    add(Case(tenant, "quick q - how did amazon do yesterday?", [rev(ch(day, "amazon"))]))
    add(Case(tenant, "how many things got sent back this year", [returned(ytd)]))
    add(
        Case(
            tenant,
            "sales for the week ending the 22nd of november",
            [rev(fr.w(nov_s + timedelta(days=15), nov_s + timedelta(days=21)))],
        )
    )
    add(
        Case(
            tenant,
            "which was our slowest day last week",
            [float(lw.groupby("date")["revenue"].sum().min())],
            [peak(lw.groupby("date")["revenue"].sum(), "min", day_name)],
        )
    )
    lmc = lm.groupby("category")["revenue"].sum()
    add(
        Case(
            tenant,
            "highest and lowest category by revenue last month",
            [float(lmc.max()), float(lmc.min())],
            [peak(lmc), peak(lmc, "min")],
        )
    )
    # cannot
    add(Case(tenant, "what's our customer acquisition cost", unanswerable=True))
    add(Case(tenant, "how many people added to cart last week", unanswerable=True))
    return batch.cases
