"""An eighteenth set of phrasings for the question bench (batch ``eighteenth``), by style, with truths from the rows.

Typos, a voice assistant's transcripts ("hey, ...", "ok so ..."), very short questions ("rev ytd?"), two asks in one
message, relative dates ("the week before last", "three weeks ago", "since Cyber Monday", "since last Monday"), a
month to date against the same days of the month before, fiscal quarters (with and without a stated start), figures
by day of the week, the top N's share of the total, discounts, and what the data cannot answer. The seventeenth
round's leftovers are a batch of their own (``eighteenth_left``): a top N of one period compared like for like with
the period before ("Top 5 products by revenue in Q3, and how does that compare with Q2?", the README's example),
"N weeks ago" when the data end on a Sunday, "online vs pos" as two sides, and next month against this one with a
year written. Measured before any change made for it; ``held_out_cases`` (batch ``eighteenth2``) was written after
those fixes and measured before any change made for it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.fifteenth_questions import days, latest_started
from bench.question_data import BenchTenant
from bench.questions import Case, _month_bounds, _orders, aov, in_category, on_channel, rev, strict, top, units
from bench.seventeenth_questions import IN_PERSON, online
from bench.sixteenth_questions import ranker, same_days_before
from bench.tenth_questions import _Frames
from bench.thirteenth_questions import buyers, phrasing_set, refunds
from bench.truths import peak
from bench.twelfth_questions import weekday_orders, weekday_totals


def in_person(f: pd.DataFrame) -> pd.DataFrame:
    """The lines sold at the shop's tills."""
    return f[f["channel"].isin(IN_PERSON)]


def discounts(f: pd.DataFrame) -> float:
    """Money taken off the lines as discounts."""
    return float(pd.to_numeric(f["discount"], errors="coerce").fillna(0).sum())


def discount_rate(f: pd.DataFrame) -> float:
    """Discounts as a percent of revenue before them (the revenue-weighted average discount)."""
    return discounts(f) / rev(f) * 100


def weeks_back(fr: _Frames, n: int) -> pd.DataFrame:
    """The whole week ``n`` weeks before last week (0: last week, the latest complete one)."""
    return fr.w(fr.lw_s - timedelta(days=7 * n), fr.lw_e - timedelta(days=7 * n))


def last_fiscal_quarter(end: date, first_month: int) -> tuple[date, date]:
    """The latest complete fiscal quarter ending on or before ``end`` of a fiscal year starting in ``first_month``."""
    s = date(end.year, first_month, 1)
    while s > end:
        s = date(s.year - 1, s.month, 1)
    # step quarter by quarter from the fiscal year's first month until the next quarter would pass the data's end
    starts = []
    for k in range(-4, 5):
        m = s.month - 1 + 3 * k
        starts.append(date(s.year + m // 12, m % 12 + 1, 1))
    complete = [q for q in starts if _quarter_end(q) <= end]
    q = max(complete)
    return q, _quarter_end(q)


def _quarter_end(s: date) -> date:
    m = s.month - 1 + 2
    return _month_bounds(date(s.year + m // 12, m % 12 + 1, 1))[1]


def top_share(f: pd.DataFrame, col: str, n: int) -> float:
    """The top ``n`` products' share of ``col`` (percent)."""
    by = f.groupby("sku")[col].sum().sort_values(ascending=False, kind="stable")
    return float(by.iloc[:n].sum() / by.sum() * 100)


def leftover_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """The seventeenth round's leftovers (batch ``eighteenth_left``)."""
    fr, p, batch = phrasing_set(t, catalogue, "eighteenth_left")
    end, tenant, lm = fr.end, t.tenant, fr.lm
    add = batch.add
    sep_s, sep_e = latest_started(end, 9)
    q3 = fr.w(date(sep_s.year, 7, 1), sep_e)
    q2 = fr.w(date(sep_s.year, 4, 1), date(sep_s.year, 6, 30))

    batch.style = "a top N compared like for like"
    for phrasing, now, before, dim, n in (
        ("Top 5 products by revenue in Q3, and how does that compare with Q2?", q3, q2, "sku", 5),
        (
            "top 3 categories by revenue last month and how does that compare to the month before?",
            lm,
            fr.pm,
            "category",
            3,
        ),
        ("top 5 skus by revenue last quarter - how does that compare with the quarter before?", fr.lq, p.pq, "sku", 5),
    ):
        by_now, by_before = now.groupby(dim)["revenue"].sum(), before.groupby(dim)["revenue"].sum()
        if not strict(by_now, n) or not strict(by_before, n):
            continue
        leaders = top(by_now, n)
        dropped = [x for x in top(by_before, n) if x not in leaders]
        # the headline: the top N's total now and the same items' total before; each item's figure before
        numbers = [float(by_now[leaders].sum()), float(by_before.reindex(leaders).fillna(0).sum())]
        numbers += [float(by_before.get(x, 0.0)) for x in leaders]
        add(Case(tenant, phrasing, numbers, leaders + dropped, ordered=True))

    batch.style = "weeks ago"
    add(Case(tenant, "revenue 2 weeks ago", [rev(weeks_back(fr, 1))]))
    add(Case(tenant, "orders two weeks ago", [_orders(weeks_back(fr, 1))]))
    add(Case(tenant, "units a week ago", [units(fr.lw)]))
    add(Case(tenant, "revenue 3 weeks ago", [rev(weeks_back(fr, 2))]))

    batch.style = "online against in person"
    ytd = fr.ytd
    add(Case(tenant, "online vs pos revenue last month", [rev(online(lm)), rev(in_person(lm))]))
    add(Case(tenant, "online vs in-store orders this year", [_orders(online(ytd)), _orders(in_person(ytd))]))
    add(Case(tenant, "pos vs online units last week", [units(in_person(fr.lw)), units(online(fr.lw))]))

    batch.style = "next month against this one, with a year"
    if end.month == 12:
        nxt = end.year + 1
        add(
            Case(
                tenant,
                f"will we sell more in January {nxt} than December?",
                [units(fr.mtd)],
                ["forecast", "january"],
            )
        )
        add(
            Case(
                tenant,
                f"are we going to sell more units in jan {nxt} than in december {end.year}?",
                [units(fr.mtd)],
                ["forecast", "january"],
            )
        )
    return batch.cases


def eighteenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The eighteenth set (batch ``eighteenth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "eighteenth")
    end, tenant = fr.end, t.tenant
    lm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last
    ranking = ranker(batch, tenant)

    batch.style = "typos"
    add(Case(tenant, "reveneu this week", [rev(wtd)]))
    add(Case(tenant, "ordrs last month", [_orders(lm)]))
    add(Case(tenant, "unit sold yestrday", [units(day)]))
    add(Case(tenant, "avg ordr vlaue last quater", [aov(lq)]))
    ranking(lm.groupby("sku")["revenue"].sum(), 3, "whats are top 3 prodcuts by revnue last month")
    add(Case(tenant, "totl orders this yr", [_orders(ytd)]))
    add(Case(tenant, "how mcuh did we make on amazon lst week", [rev(ch(lw, "amazon"))]))
    add(Case(tenant, "kitchn revenue this montth", [rev(cat(mtd, "Kitchen"))]))

    batch.style = "voice assistant"
    add(Case(tenant, "hey what were sales yesterday", [rev(day)]))
    add(Case(tenant, "ok so how many orders did we get last week", [_orders(lw)]))
    add(Case(tenant, "alexa ask ecomintel how much revenue we made this month", [rev(mtd)]))
    add(Case(tenant, "tell me how many units we sold last month please", [units(lm)]))
    add(Case(tenant, "um what's our average order value this year", [aov(ytd)]))
    add(Case(tenant, "hey google how did amazon do last month", [rev(ch(lm, "amazon"))]))
    add(Case(tenant, "can you tell me the number of orders yesterday", [_orders(day)]))
    add(Case(tenant, "so like what did we make last quarter", [rev(lq)]))

    batch.style = "very short"
    add(Case(tenant, "rev ytd?", [rev(ytd)]))
    add(Case(tenant, "orders yday?", [_orders(day)]))
    add(Case(tenant, "units lm?", [units(lm)]))
    add(Case(tenant, "aov ytd?", [aov(ytd)]))
    add(Case(tenant, "kitchen rev mtd", [rev(cat(mtd, "Kitchen"))]))
    add(Case(tenant, "ebay lw?", [rev(ch(lw, "ebay"))]))
    add(Case(tenant, "rev lq", [rev(lq)]))
    add(Case(tenant, "units wtd", [units(wtd)]))

    batch.style = "two asks"
    add(Case(tenant, "revenue and orders last month", [rev(lm), _orders(lm)]))
    add(Case(tenant, "what was revenue last week and how many orders was that", [rev(lw), _orders(lw)]))
    add(Case(tenant, "how many units did we sell yesterday and what was the aov", [units(day), aov(day)]))
    add(Case(tenant, "revenue this month, and what about last month?", [rev(mtd), rev(lm)]))
    add(Case(tenant, "orders ytd and units ytd", [_orders(ytd), units(ytd)]))
    add(
        Case(
            tenant,
            "how much did we sell on amazon last month and on ebay?",
            [rev(ch(lm, "amazon")), rev(ch(lm, "ebay"))],
        )
    )
    lwu = lw.groupby("sku")["units"].sum()
    if strict(lwu, 1):
        add(Case(tenant, "orders last week, and what was the best seller?", [_orders(lw)], top(lwu, 1)))

    batch.style = "relative dates"
    add(Case(tenant, "revenue the week before last", [rev(weeks_back(fr, 1))]))
    add(Case(tenant, "orders in the past fortnight", [_orders(last(14))]))
    add(Case(tenant, "sales three weeks ago", [rev(weeks_back(fr, 2))]))
    add(Case(tenant, "units sold two months ago", [units(fr.pm)]))
    add(Case(tenant, "orders since the start of the month", [_orders(mtd)]))
    add(Case(tenant, "revenue since the start of the quarter", [rev(p.qtd)]))
    mon = end - timedelta(days=end.weekday() % 7 or 7)
    add(Case(tenant, "units since last monday", [units(fr.w(mon, end))]))
    cm = fr.bf + timedelta(days=3)
    if cm <= end:
        add(Case(tenant, "revenue since cyber monday", [rev(fr.w(cm, end))]))
    # "Black Friday weekend" is the Saturday and Sunday after it (the house reading, eleventh round); since it: every
    # day from that Saturday (first written from the Friday)
    add(Case(tenant, "orders since black friday weekend", [_orders(fr.w(fr.bf + timedelta(days=1), end))]))
    add(Case(tenant, "revenue in the last 6 weeks", [rev(last(42))]))

    batch.style = "so far against the same days"
    before = same_days_before(fr)
    add(Case(tenant, "MTD vs same period last month", [rev(mtd), rev(before)]))
    add(Case(tenant, "orders mtd vs the same days last month", [_orders(mtd), _orders(before)]))
    add(Case(tenant, "units month to date compared to last month same period", [units(mtd), units(before)]))
    add(Case(tenant, "how's this month tracking vs the same point last month", [rev(mtd), rev(before)]))

    batch.style = "fiscal quarters"
    sep_s, sep_e = latest_started(end, 9)
    q3 = fr.w(date(sep_s.year, 7, 1), sep_e)
    q2 = fr.w(date(sep_s.year, 4, 1), date(sep_s.year, 6, 30))
    add(Case(tenant, "revenue fiscal Q3", [rev(q3)]))
    add(Case(tenant, "orders in FQ2", [_orders(q2)]))
    fs, fe = last_fiscal_quarter(end, 2)
    add(Case(tenant, "our fiscal year starts in february - revenue last fiscal quarter", [rev(fr.w(fs, fe))]))
    add(Case(tenant, "units last fiscal quarter", [units(lq)]))
    add(Case(tenant, "fiscal q3 vs q2 revenue", [rev(q3), rev(q2)]))

    batch.style = "by day of the week"
    wr = weekday_totals(lm, "revenue")
    add(Case(tenant, "revenue by day of week last month", [float(wr.max())], [peak(wr)]))
    wo = weekday_orders(lq)
    add(Case(tenant, "which weekday had the most orders last quarter", [float(wo.max())], [peak(wo)]))
    wy = weekday_totals(ytd, "revenue")
    add(Case(tenant, "mondays vs fridays revenue this year", [float(wy["Monday"]), float(wy["Friday"])]))
    wu = weekday_totals(ytd, "units")
    add(Case(tenant, "what's our slowest day of the week for units this year", [float(wu.min())], [peak(wu, "min")]))
    add(
        Case(
            tenant,
            "average sunday revenue last month",
            [
                float(wr["Sunday"])
                / sum(1 for k in range(days(fr.lm_s, fr.lm_e)) if (fr.lm_s + timedelta(days=k)).weekday() == 6)
            ],
        )
    )

    batch.style = "the top N's share"
    add(Case(tenant, "what share of revenue is from the top 10 products this year", [top_share(ytd, "revenue", 10)]))
    add(Case(tenant, "top 5 skus share of units last month", [top_share(lm, "units", 5)]))
    add(
        Case(
            tenant, "how concentrated is revenue - % from top 20 products last quarter", [top_share(lq, "revenue", 20)]
        )
    )
    add(Case(tenant, "percentage of sales from our 3 best sellers this month", [top_share(mtd, "revenue", 3)]))

    batch.style = "discounts"
    add(Case(tenant, "average discount rate last month", [discount_rate(lm)]))
    add(Case(tenant, "how much did we give away in discounts this year", [discounts(ytd)]))
    add(Case(tenant, "avg discount last quarter", [discount_rate(lq)]))
    add(Case(tenant, "total discounts on amazon last month", [discounts(ch(lm, "amazon"))]))
    add(Case(tenant, "refunds vs discounts last month", [refunds(lm), discounts(lm)]))

    batch.style = "channels and categories"
    add(Case(tenant, "online share of revenue this year", [rev(online(ytd)) / rev(ytd) * 100]))
    add(Case(tenant, "in-store revenue last month", [rev(in_person(lm))]))
    add(Case(tenant, "apparel vs outdoor units last week", [units(cat(lw, "Apparel")), units(cat(lw, "Outdoor"))]))
    ranking(ytd.groupby("channel")["revenue"].sum(), 2, "top 2 channels by revenue this year")
    add(Case(tenant, "electronics aov this quarter", [aov(cat(p.qtd, "Electronics"))]))

    batch.style = "averages"
    add(Case(tenant, "avg units per day last week", [units(lw) / 7]))
    add(Case(tenant, "avg revenue per week last month", [rev(lm) / (days(fr.lm_s, fr.lm_e) / 7)]))
    add(Case(tenant, "mean order value last month", [aov(lm)]))
    add(Case(tenant, "revenue per customer this year", [rev(ytd) / len(buyers(ytd))]))

    batch.style = "cannot"
    for phrasing in (
        "conversion rate this month",
        "cost per click last week",
        "email open rate last month",
        "what's our cac",
    ):
        add(Case(tenant, phrasing, unanswerable=True))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """More phrasings in the eighteenth set's styles and the leftovers' (batch ``eighteenth2``), written after their
    fixes."""
    fr, p, batch = phrasing_set(t, catalogue, "eighteenth2", "held out")
    end, tenant = fr.end, t.tenant
    lm, lw, mtd, ytd, day, wtd, lq = fr.lm, fr.lw, fr.mtd, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last

    # a top N compared like for like
    for phrasing, now, before, dim, n in (
        # this year to date against the same days last year (the house reading of "YTD vs last year"; first written
        # against the whole of last year)
        ("top 3 brands by revenue this year, and how does that compare with last year?", ytd, p.ly_ytd, "brand", 3),
        ("best 5 products by units last month - how does that compare to the month before?", lm, fr.pm, "sku", 5),
    ):
        col = "units" if "units" in phrasing else "revenue"
        by_now, by_before = now.groupby(dim)[col].sum(), before.groupby(dim)[col].sum()
        if strict(by_now, n) and strict(by_before, n):
            leaders = top(by_now, n)
            dropped = [x for x in top(by_before, n) if x not in leaders]
            numbers = [float(by_now[leaders].sum()), float(by_before.reindex(leaders).fillna(0).sum())]
            add(Case(tenant, phrasing, numbers, leaders + dropped, ordered=True))
    # weeks ago, online against in person, next month with a year
    add(Case(tenant, "units 2 weeks ago", [units(weeks_back(fr, 1))]))
    add(Case(tenant, "online vs in store revenue this year", [rev(online(ytd)), rev(in_person(ytd))]))
    if end.month == 12:
        add(
            Case(
                tenant, f"will revenue in january {end.year + 1} beat december?", [rev(fr.mtd)], ["forecast", "january"]
            )
        )
    # typos
    add(Case(tenant, "revneue last quarter", [rev(lq)]))
    add(Case(tenant, "how many custoemrs last month", [float(len(buyers(lm)))]))
    add(Case(tenant, "untis sold this wek", [units(wtd)]))
    # voice assistant
    add(Case(tenant, "hey what did we do in sales last week", [rev(lw)]))
    add(Case(tenant, "ok google how many orders did we get yesterday", [_orders(day)]))
    add(Case(tenant, "uh how much revenue this year so far", [rev(ytd)]))
    # very short
    add(Case(tenant, "amazon mtd?", [rev(ch(mtd, "amazon"))]))
    add(Case(tenant, "orders lq?", [_orders(lq)]))
    add(Case(tenant, "aov lw", [aov(lw)]))
    # two asks
    add(Case(tenant, "units and revenue yesterday", [units(day), rev(day)]))
    lmu = lm.groupby("sku")["units"].sum()
    if strict(lmu, 1):
        add(Case(tenant, "revenue last month, and which product sold the most?", [rev(lm)], top(lmu, 1)))
    # relative dates
    add(Case(tenant, "orders the week before last week", [_orders(weeks_back(fr, 1))]))
    add(Case(tenant, "revenue three months ago", [rev(fr.w(*_month_back(fr, 2)))]))
    add(Case(tenant, "units since the start of the year", [units(ytd)]))
    add(Case(tenant, "revenue over the past 21 days", [rev(last(21))]))
    # so far against the same days
    add(Case(tenant, "revenue month to date vs same period last month", [rev(mtd), rev(same_days_before(fr))]))
    # fiscal quarters
    sep_s, sep_e = latest_started(end, 9)
    add(Case(tenant, "units in fiscal Q2", [units(fr.w(date(sep_s.year, 4, 1), date(sep_s.year, 6, 30)))]))
    fs, fe = last_fiscal_quarter(end, 10)
    add(Case(tenant, "FY starts in October: orders last fiscal quarter", [_orders(fr.w(fs, fe))]))
    # by day of the week
    wo = weekday_orders(lm)
    add(Case(tenant, "orders by weekday last month", [float(wo.max())], [peak(wo)]))
    sat = weekday_totals(lq, "revenue")["Saturday"]
    n_sat = sum(1 for k in range(days(fr.lq_s, fr.lq_e)) if (fr.lq_s + timedelta(days=k)).weekday() == 5)
    add(Case(tenant, "average saturday revenue last quarter", [float(sat) / n_sat]))
    # the top N's share, discounts
    add(Case(tenant, "% of revenue from top 5 skus last month", [top_share(lm, "revenue", 5)]))
    add(Case(tenant, "discount rate this year", [discount_rate(ytd)]))
    add(Case(tenant, "discounts given last week", [discounts(lw)]))
    # channels and categories, averages
    add(Case(tenant, "in store orders last month", [_orders(in_person(lm))]))
    add(Case(tenant, "kitchen vs home revenue this month", [rev(cat(mtd, "Kitchen")), rev(cat(mtd, "Home"))]))
    add(Case(tenant, "average units per day this month", [units(mtd) / days(fr.ms, end)]))
    # cannot
    add(Case(tenant, "what's our add to cart rate", unanswerable=True))
    return batch.cases


def _month_back(fr: _Frames, n: int) -> tuple[date, date]:
    """The whole month ``n`` months before last month (0: last month)."""
    s = fr.lm_s
    for _ in range(n):
        s = _month_bounds(s - timedelta(days=1))[0]
    return s, _month_bounds(s)[1]
