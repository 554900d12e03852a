"""A seventeenth set of phrasings for the question bench (batch ``seventeenth``), by style, with truths from the rows.

Terse dashboard codes, typos, questions mixing another language with English, relative dates ("the week before
last", "the day before yesterday"), one quarter against another ("Q3 vs Q2"), "since Black Friday", month and year to
date against the same days last year, fiscal words, slices by channel and customer type, averages (AOV, units per
order, a day's average), new customers, and what the data cannot answer (by country: the sample sales keep none).
The sixteenth round's leftovers are a batch of their own (``seventeenth_left``): revenue from returning customers
(Shopify's customer type: an order of a customer who had ordered on an earlier day), rankings net of returns and
refunds, "online revenue", and the forecast of next month against this one. Measured before any change made for it;
``held_out_cases`` (batch ``seventeenth2``) was written after those fixes and measured before any change made for it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.fifteenth_questions import days, latest_started, same_point
from bench.fourteenth_questions import first_seen, new_buyers, returning_split
from bench.question_data import BenchTenant
from bench.questions import Case, _orders, aov, in_category, on_channel, rev, units
from bench.sixteenth_questions import ranker
from bench.tenth_questions import _Frames
from bench.thirteenth_questions import buyers, phrasing_set

#: Channel names of sales made in person (every other channel is online).
IN_PERSON = ("pos",)


def returning_revenue(fr: _Frames, f: pd.DataFrame) -> tuple[float, float, float]:
    """Revenue of returning customers' orders in ``f``, of first-time ones, and the returning share (percent)."""
    back, named = returning_split(fr, f)
    return back, named - back, back / named * 100


def net_units(f: pd.DataFrame) -> pd.Series:
    """Units sold less units returned, per SKU."""
    ret = pd.to_numeric(f["returned_units"], errors="coerce").fillna(0)
    return f.assign(net=f["units"] - ret).groupby("sku")["net"].sum()


def net_revenue(f: pd.DataFrame) -> pd.Series:
    """Revenue less refunds, per SKU."""
    return f.assign(net=f["revenue"] - f["refund"].fillna(0)).groupby("sku")["net"].sum()


def online(f: pd.DataFrame) -> pd.DataFrame:
    """The lines of every channel but the shop's tills."""
    return f[~f["channel"].isin(IN_PERSON)]


def _periods(fr: _Frames) -> tuple[pd.DataFrame, ...]:
    """Q3 and Q2 (of the latest year with a September), this month to date a year back, the week before last, and
    the days since Black Friday."""
    end = fr.end
    sep_s, sep_e = latest_started(end, 9)
    q3 = fr.w(date(sep_s.year, 7, 1), sep_e)
    q2 = fr.w(date(sep_s.year, 4, 1), date(sep_s.year, 6, 30))
    ly_mtd = fr.w(fr.ms.replace(year=end.year - 1), end.replace(year=end.year - 1))
    wbl = fr.w(fr.lw_s - timedelta(days=7), fr.lw_e - timedelta(days=7))
    return q3, q2, ly_mtd, wbl, fr.w(fr.bf, end)


def leftover_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """The sixteenth round's leftovers (batch ``seventeenth_left``)."""
    fr, p, batch = phrasing_set(t, catalogue, "seventeenth_left")
    tenant, lm, ytd, lq = t.tenant, fr.lm, fr.ytd, fr.lq
    add, ranking = batch.add, ranker(batch, tenant)

    batch.style = "returning customers' revenue"
    back, first, share = returning_revenue(fr, lm)
    add(Case(tenant, "what % of revenue came from repeat customers last month?", [share]))
    add(Case(tenant, "how much of our revenue is from returning customers last month?", [back]))
    add(Case(tenant, "share of revenue from repeat buyers this year", [returning_revenue(fr, ytd)[2]]))
    add(Case(tenant, "returning customer revenue last quarter", [returning_revenue(fr, lq)[0]]))
    add(Case(tenant, "new vs returning revenue last month", [first, back]))
    add(
        Case(
            tenant, "what percentage of sales were from returning customers this year?", [returning_revenue(fr, ytd)[2]]
        )
    )

    batch.style = "net of returns and refunds"
    ranking(net_units(p.qtd), 5, "top 5 SKUs by units this quarter excluding returns")
    ranking(net_revenue(lm), 5, "top 5 products by revenue last month net of refunds")
    ranking(net_units(ytd), 3, "top 3 products by units net of returns this year")
    ranking(net_revenue(lq), 3, "top 3 skus by revenue less refunds last quarter")

    batch.style = "online"
    add(Case(tenant, "online revenue last month", [rev(online(lm))]))
    add(Case(tenant, "online orders this year", [_orders(online(ytd))]))

    batch.style = "next month against this one"
    # December's units so far, and January's forecast named (the first version, numbers only, passed on an answer
    # that gave December so far against November and no forecast at all)
    add(
        Case(tenant, "are we going to sell more in January than in December?", [units(fr.mtd)], ["forecast", "january"])
    )
    return batch.cases


def seventeenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The seventeenth set (batch ``seventeenth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "seventeenth")
    end, tenant = fr.end, t.tenant
    lm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last
    ranking = ranker(batch, tenant)
    q3, q2, ly_mtd, wbl, since_bf = _periods(fr)
    dby = fr.w(end - timedelta(days=1), end - timedelta(days=1))  # "yesterday" is the data's last day (house rule)

    batch.style = "terse"
    add(Case(tenant, "rev lw", [rev(lw)]))
    add(Case(tenant, "orders ytd", [_orders(ytd)]))
    add(Case(tenant, "units mtd", [units(mtd)]))
    add(Case(tenant, "aov lm", [aov(lm)]))
    add(Case(tenant, "rev q3", [rev(q3)]))
    add(Case(tenant, "amazon rev lm", [rev(ch(lm, "amazon"))]))
    add(Case(tenant, "kitchen units lw", [units(cat(lw, "Kitchen"))]))
    add(Case(tenant, "orders yday", [_orders(day)]))
    add(Case(tenant, "rev L30", [rev(last(30))]))
    add(Case(tenant, "upo lm", [units(lm) / _orders(lm)]))

    batch.style = "typos"
    add(Case(tenant, "revnue last mnoth", [rev(lm)]))
    add(Case(tenant, "how many oders last week", [_orders(lw)]))
    add(Case(tenant, "avrage order value last month", [aov(lm)]))
    add(Case(tenant, "how mnay units did we sel yesterday", [units(day)]))
    add(Case(tenant, "custmers last month", [float(len(buyers(lm)))]))
    add(Case(tenant, "totla sales this yaer", [rev(ytd)]))
    add(Case(tenant, "revenu by chanel last month", [rev(ch(lm, "amazon")), rev(ch(lm, "web"))]))
    add(Case(tenant, "whats the aov for amazn this month", [aov(ch(mtd, "amazon"))]))

    batch.style = "another language mixed in"
    add(Case(tenant, "ventas last month", [rev(lm)]))
    add(Case(tenant, "total ventas this year", [rev(ytd)]))
    add(Case(tenant, "umsatz last week", [rev(lw)]))
    add(Case(tenant, "chiffre d'affaires last month", [rev(lm)]))
    add(Case(tenant, "cuantos pedidos yesterday", [_orders(day)]))
    add(Case(tenant, "revenue del mes pasado", [rev(lm)]))
    add(Case(tenant, "bestellungen this week", [_orders(wtd)]))
    add(Case(tenant, "how many commandes last week", [_orders(lw)]))

    batch.style = "relative dates"
    add(Case(tenant, "revenue the week before last", [rev(wbl)]))
    add(Case(tenant, "orders the day before yesterday", [_orders(dby)]))
    add(Case(tenant, "units sold the month before last", [units(fr.pm)]))
    add(Case(tenant, "revenue 2 weeks ago", [rev(wbl)]))
    add(Case(tenant, "sales in the last 3 days", [rev(last(3))]))
    add(Case(tenant, "orders over the last two weeks", [_orders(last(14))]))
    add(Case(tenant, "revenue the quarter before last", [rev(p.pq)]))
    add(Case(tenant, "how much did we sell the week before last on amazon", [rev(ch(wbl, "amazon"))]))
    add(Case(tenant, "units 3 days ago", [units(fr.w(end - timedelta(days=3), end - timedelta(days=3)))]))

    batch.style = "one quarter against another"
    add(Case(tenant, "Q3 vs Q2 revenue", [rev(q3), rev(q2)]))
    add(Case(tenant, "orders q3 vs q2", [_orders(q3), _orders(q2)]))
    add(Case(tenant, "how did Q3 compare to Q2 for units", [units(q3), units(q2)]))
    add(Case(tenant, "q3 v q2 aov", [aov(q3), aov(q2)]))
    add(Case(tenant, "was Q3 better than Q2?", [rev(q3), rev(q2)]))
    add(Case(tenant, "kitchen revenue Q3 vs Q2", [rev(cat(q3, "Kitchen")), rev(cat(q2, "Kitchen"))]))

    batch.style = "since Black Friday"
    add(Case(tenant, "orders since black friday", [_orders(since_bf)]))
    add(Case(tenant, "units sold since BF", [units(since_bf)]))
    add(Case(tenant, "amazon revenue since black friday", [rev(ch(since_bf, "amazon"))]))
    add(Case(tenant, "aov since black friday", [aov(since_bf)]))
    add(Case(tenant, "how much have we made since black friday", [rev(since_bf)]))

    batch.style = "to date against last year"
    add(Case(tenant, "MTD revenue vs last year", [rev(mtd), rev(ly_mtd)]))
    add(Case(tenant, "YTD orders vs LY", [_orders(ytd), _orders(p.ly_ytd)]))
    add(Case(tenant, "ytd units vs last year", [units(ytd), units(p.ly_ytd)]))
    add(Case(tenant, "month to date sales compared to the same period last year", [rev(mtd), rev(ly_mtd)]))
    add(Case(tenant, "how is YTD revenue tracking against last year", [rev(ytd), rev(p.ly_ytd)]))
    add(Case(tenant, "mtd orders yoy", [_orders(mtd), _orders(ly_mtd)]))

    batch.style = "fiscal words"
    add(Case(tenant, "revenue this fiscal year", [rev(ytd)]))
    add(Case(tenant, "orders last fiscal quarter", [_orders(lq)]))
    apr = date(end.year if end.month >= 4 else end.year - 1, 4, 1)
    add(Case(tenant, "our fiscal year starts in april - revenue this FY", [rev(fr.w(apr, end))]))
    add(Case(tenant, f"FY{end.year - 1} revenue", [rev(p.ly)]))
    add(Case(tenant, "fiscal ytd units", [units(ytd)]))

    batch.style = "by channel"
    add(Case(tenant, "ebay units this week", [units(ch(wtd, "ebay"))]))
    add(Case(tenant, "web orders yesterday", [_orders(ch(day, "web"))]))
    add(Case(tenant, "amazon aov last month", [aov(ch(lm, "amazon"))]))
    add(Case(tenant, "revenue by channel last week", [rev(ch(lw, c)) for c in ("web", "amazon", "ebay")]))
    add(
        Case(
            tenant,
            "which channel had the most orders this month",
            [float(mtd[mtd["units"] > 0].groupby("channel")["order_id"].nunique().max())],
        )
    )
    add(Case(tenant, "units per order on ebay this year", [units(ch(ytd, "ebay")) / _orders(ch(ytd, "ebay"))]))
    add(Case(tenant, "amazon vs ebay revenue last quarter", [rev(ch(lq, "amazon")), rev(ch(lq, "ebay"))]))

    batch.style = "by customer type"
    seen = first_seen(fr)
    add(Case(tenant, "how many new customers last month", [float(len(new_buyers(fr, lm, fr.lm_s)))]))
    add(Case(tenant, "new customers this week", [float(len(new_buyers(fr, wtd, fr.wk)))]))
    add(Case(tenant, "how many new customers did we get this year", [float(len(new_buyers(fr, ytd, fr.ys)))]))
    lq_b = buyers(lq)
    add(Case(tenant, "how many returning customers last quarter", [float(sum(seen[e] < fr.lq_s for e in lq_b))]))
    add(Case(tenant, "new customers yesterday", [float(len(new_buyers(fr, day, end)))]))
    add(Case(tenant, "how many customers bought last week", [float(len(buyers(lw)))]))

    batch.style = "averages"
    add(Case(tenant, "aov yesterday", [aov(day)]))
    add(Case(tenant, "units per order last week", [units(lw) / _orders(lw)]))
    add(Case(tenant, "average order value ytd", [aov(ytd)]))
    add(Case(tenant, "avg basket size last month", [aov(lm)]))
    add(Case(tenant, "average items per order this year", [units(ytd) / _orders(ytd)]))
    add(Case(tenant, "avg daily revenue last week", [rev(lw) / 7]))
    add(Case(tenant, "average revenue per day this month", [rev(mtd) / days(fr.ms, end)]))
    add(Case(tenant, "average orders per day this year", [_orders(ytd) / days(fr.ys, end)]))
    add(Case(tenant, "whats the average selling price this month", [rev(mtd) / units(mtd)]))

    batch.style = "rankings"
    ranking(lm.groupby("category")["revenue"].sum(), 3, "top 3 categories last month")
    ranking(wtd.groupby("sku")["units"].sum(), 1, "best selling sku this week")
    ranking(ytd.groupby("brand")["revenue"].sum(), 1, "which brand made the most this year")
    ranking(q3.groupby("category")["units"].sum(), 2, "top 2 categories by units in Q3")

    batch.style = "quarter so far against the last"
    lq_same = fr.w(fr.lq_s, same_point(fr.lq_s, fr.qs, end))
    add(Case(tenant, "QTD vs last quarter revenue", [rev(p.qtd), rev(lq_same)]))
    add(Case(tenant, "QTD orders vs LY", [_orders(p.qtd), _orders(p.ly_qtd)]))

    batch.style = "cannot"
    for phrasing in (
        "revenue by country last month",
        "sessions last week",
        "what's our roas this month",
        "customer lifetime value",
    ):
        add(Case(tenant, phrasing, unanswerable=True))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """More phrasings in the seventeenth set's styles and the leftovers' (batch ``seventeenth2``), written after
    their fixes."""
    fr, p, batch = phrasing_set(t, catalogue, "seventeenth2", "held out")
    end, tenant = fr.end, t.tenant
    lm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last
    ranking = ranker(batch, tenant)
    q3, q2, ly_mtd, wbl, since_bf = _periods(fr)
    q1 = fr.w(date(latest_started(end, 9)[0].year, 1, 1), date(latest_started(end, 9)[0].year, 3, 31))

    # returning customers' revenue
    add(
        Case(tenant, "what share of last month's revenue came from returning customers", [returning_revenue(fr, lm)[2]])
    )
    add(Case(tenant, "how much revenue came from repeat customers this year", [returning_revenue(fr, ytd)[0]]))
    add(Case(tenant, "% of sales from existing customers last quarter", [returning_revenue(fr, lq)[2]]))
    # net of returns and refunds
    ranking(net_units(lm), 3, "top 3 products by units last month excluding returns")
    ranking(net_revenue(ytd), 5, "top 5 skus by revenue net of refunds this year")
    # online
    add(Case(tenant, "online units last week", [units(online(lw))]))
    # next month against this one
    add(Case(tenant, "will we sell more units in january than december?", [units(fr.mtd)], ["forecast", "january"]))
    # terse and typos
    add(Case(tenant, "orders L7", [_orders(last(7))]))
    add(Case(tenant, "rev mtd vs ly", [rev(mtd), rev(ly_mtd)]))
    add(Case(tenant, "avg ordr value this yr", [aov(ytd)]))
    add(Case(tenant, "unts sold yday on ebay", [units(ch(day, "ebay"))]))
    # another language mixed in
    add(Case(tenant, "ventas de amazon last month", [rev(ch(lm, "amazon"))]))
    add(Case(tenant, "wie viele bestellungen last week", [_orders(lw)]))
    add(Case(tenant, "total des ventes this month", [rev(mtd)]))
    add(Case(tenant, "units vendidas ayer", [units(day)]))
    # relative dates
    add(Case(tenant, "orders the week before last", [_orders(wbl)]))
    add(Case(tenant, "revenue in the past 10 days", [rev(last(10))]))
    add(Case(tenant, "units the quarter before last", [units(p.pq)]))
    # one quarter against another
    add(Case(tenant, "Q2 vs Q1 orders", [_orders(q2), _orders(q1)]))
    add(Case(tenant, "revenue q3 compared with q2", [rev(q3), rev(q2)]))
    # since Black Friday
    add(Case(tenant, "ebay orders since black friday", [_orders(ch(since_bf, "ebay"))]))
    # to date against last year
    add(Case(tenant, "YTD aov vs last year", [aov(ytd), aov(p.ly_ytd)]))
    add(Case(tenant, "MTD units vs LY", [units(mtd), units(ly_mtd)]))
    # fiscal words
    add(Case(tenant, "units this fiscal quarter", [units(p.qtd)]))
    # by channel and customer type
    add(Case(tenant, "web revenue this week", [rev(ch(wtd, "web"))]))
    add(Case(tenant, "how many first-time customers last month", [float(len(new_buyers(fr, lm, fr.lm_s)))]))
    # averages
    add(Case(tenant, "average units per order yesterday", [units(day) / _orders(day)]))
    add(Case(tenant, "avg order value on amazon this year", [aov(ch(ytd, "amazon"))]))
    add(Case(tenant, "average daily units last month", [units(lm) / days(fr.lm_s, fr.lm_e)]))
    # rankings
    ranking(lw.groupby("category")["revenue"].sum(), 2, "top 2 categories last week")
    add(Case(tenant, "kitchen orders the week before last", [_orders(cat(wbl, "Kitchen"))]))
    # cannot
    add(Case(tenant, "bounce rate last week", unanswerable=True))
    return batch.cases
