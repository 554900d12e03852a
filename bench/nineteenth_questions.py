"""A nineteenth set of phrasings for the question bench (batch ``nineteenth``), by style, with truths from the rows.

The eighteenth round's leftovers and new kinds a merchant types: "this week" against "last week" when the data end on
a Sunday (the two are then the same whole week: the answer must say so, not give one figure twice unexplained), SKUs
and product names the data lack ("sales of SKU-9999", "how is the purple lamp doing": said, never the whole store's
figure), rankings by a ratio (AOV) compared with another period (no total to lead with), review counts of two products
compared, the fastest-growing group, returning customers' share, the best day of the week, per-order figures by
channel, a month against the same month last year, "yesterday" and "today" at the data's end, "since launch", "between
3 and 17 March", a rolling window against the one before it, the top and bottom N together, products that did not
sell, orders by their size, amounts written "$1k+" or "1.5k", and questions in languages the reader does not read.
Measured on the code as it was; ``held_out_cases`` (batch ``nineteenth2``) was written after the fixes and measured
once before any change made for it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.fourteenth_questions import returning_split
from bench.question_data import BenchTenant
from bench.questions import Case, _orders, aov, in_category, on_channel, rev, strict, top, units
from bench.tenth_questions import _Frames, order_totals
from bench.thirteenth_questions import growth, phrasing_set
from bench.truths import peak
from bench.twelfth_questions import weekday_orders, weekday_totals

#: What an answer to a question in a language the reader does not read must say (and what a guess would show).
NOT_READ = "english"
GUESSED = ["price index", "we expect to sell"]


def week_before(fr: _Frames) -> pd.DataFrame:
    """This week's days (Monday to the data's last day) a week earlier: "this week vs last week" like for like."""
    return fr.w(fr.wk - timedelta(days=7), fr.end - timedelta(days=7))


def sunday_note(fr: _Frames) -> list[str]:
    """What a week answer must say when the data end on a Sunday (this week and last week are then one whole week)."""
    return ["sunday"] if fr.end.weekday() == 6 else []


def window_before(fr: _Frames, n: int) -> pd.DataFrame:
    """The ``n`` days before the last ``n``: "the last 90 days vs the 90 before"."""
    return fr.last(n, fr.end - timedelta(days=n))


def latest_days(end: date, month: int, first: int, last: int) -> tuple[date, date]:
    """Days ``first`` to ``last`` of the latest ``month`` whose last of them is on or before ``end``."""
    e = date(end.year, month, last)
    if e > end:
        e = date(end.year - 1, month, last)
    return e.replace(day=first), e


def order_units(f: pd.DataFrame) -> pd.Series:
    """Each order's units (its lines with units sold)."""
    sold = f[f["units"] > 0]
    return sold.groupby("order_id")["units"].sum()


def by_aov(f: pd.DataFrame, dim: str) -> pd.Series:
    """Revenue per order of each ``dim`` value (an order counted under each value it has lines of)."""
    sold = f[f["units"] > 0]
    return sold.groupby(dim)["revenue"].sum() / sold.groupby(dim)["order_id"].nunique()


def unsold(fr: _Frames, f: pd.DataFrame) -> list[str]:
    """The accepted catalogue's SKUs with no unit sold in ``f``."""
    sold = set(f[f["units"] > 0]["sku"].astype(str))
    return sorted(s for s in fr.catalogue if s not in sold)


def star_counts(t: BenchTenant, stars: int) -> pd.Series:
    """Reviews rated ``stars`` per SKU (all the data)."""
    r = t.merchant.reviews
    return r[pd.to_numeric(r["rating"], errors="coerce") == stars].groupby("sku").size()


def star_pair(fr: _Frames, t: BenchTenant, stars: int) -> tuple[str, str] | None:
    """Two uniquely-titled products with different counts of ``stars``-star reviews (for "which has fewer")."""
    counts = star_counts(t, stars)
    named = sorted(s for s in counts.index if s in fr.unique.index and counts[s] >= 3)
    if len(named) < 4:
        return None
    a, b = named[len(named) // 4], named[3 * len(named) // 4]
    return (a, b) if counts[a] != counts[b] else None


def group_growth(now: pd.DataFrame, before: pd.DataFrame, dim: str) -> pd.Series:
    """Each ``dim`` value's revenue growth in percent."""
    return (now.groupby(dim)["revenue"].sum() / before.groupby(dim)["revenue"].sum() - 1) * 100


def nineteenth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The nineteenth set (batch ``nineteenth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "nineteenth")
    end, tenant = fr.end, t.tenant
    lm, lw, ytd, day, wtd, lq = fr.lm, fr.lw, fr.ytd, fr.day, fr.wtd, fr.lq
    add, cat, ch, last = batch.add, in_category, on_channel, fr.last
    sunday = sunday_note(fr)

    batch.style = "this week against last week"
    add(Case(tenant, "revenue this week", [rev(wtd)], sunday))
    add(Case(tenant, "revenue last week", [rev(lw)], sunday))
    add(Case(tenant, "how many orders this week", [_orders(wtd)], sunday))
    add(Case(tenant, "units sold last week", [units(lw)], sunday))
    add(Case(tenant, "this week vs last week revenue", [rev(wtd), rev(week_before(fr))]))
    add(Case(tenant, "how are orders this week compared to last week?", [_orders(wtd), _orders(week_before(fr))]))

    batch.style = "codes and names the data lack"
    add(Case(tenant, "sales of SKU-9999", unknown="sku-9999"))
    add(Case(tenant, "how is the purple lamp doing", unknown="purple lamp"))
    add(Case(tenant, "units sold of ABC-123 last month", unknown="abc-123"))
    add(Case(tenant, "revenue for XYZ-0001 this year", unknown="xyz-0001"))
    add(Case(tenant, "how many golden toasters did we sell", unknown="golden toasters"))
    add(Case(tenant, "how many units of SKU-7 did we sell last month", unknown="sku-7"))

    batch.style = "a ranking by a ratio compared"
    now, before = by_aov(lm, "sku"), by_aov(fr.pm, "sku")
    if strict(now, 3):
        leaders = top(now, 3)
        numbers = [float(now[s]) for s in leaders] + [float(before[s]) for s in leaders if s in before.index]
        add(
            Case(
                tenant,
                "top 3 products by aov last month and how does that compare with the month before?",
                numbers,
                leaders,
                ordered=True,
            )
        )
    now, before = by_aov(lm, "category"), by_aov(fr.pm, "category")
    if strict(now, 3):
        leaders = top(now, 3)
        add(
            Case(
                tenant,
                "top 3 categories by average order value last month compared with the month before",
                [float(now[c]) for c in leaders] + [float(before[c]) for c in leaders],
                leaders,
                ordered=True,
            )
        )

    batch.style = "review counts compared"
    for stars, word in ((5, "fewer"), (1, "more")):
        pair = star_pair(fr, t, stars)
        if pair is None:
            continue
        counts = star_counts(t, stars)
        a, b = pair
        pick = min(pair, key=lambda s: counts[s]) if word == "fewer" else max(pair, key=lambda s: counts[s])
        add(
            Case(
                tenant,
                f"which product has {word} {stars}-star reviews, the {fr.unique[a]} or the {fr.unique[b]}?",
                [float(counts[a]), float(counts[b])],
                # the one asked for first ("A had fewer ... than B"), the other after it
                [str(fr.unique[pick]), str(fr.unique[b if pick == a else a])],
                ordered=True,
            )
        )

    batch.style = "fastest growth"
    g = group_growth(lm, fr.pm, "category")
    add(Case(tenant, "which category grew fastest last month", [float(g.max())], [peak(g)]))
    g = group_growth(lq, p.pq, "channel")
    add(Case(tenant, "which channel grew the most last quarter?", [float(g.max())], [peak(g)]))
    g = group_growth(lq, p.pq, "category")
    add(Case(tenant, "which category declined the most last quarter", [float(g.min())], [peak(g, "min")]))

    batch.style = "returning customers"
    back, named = returning_split(fr, lm)
    add(Case(tenant, "what share of revenue came from returning customers last month", [back / named * 100]))
    back, named = returning_split(fr, ytd)
    add(Case(tenant, "how much of this year's revenue was from new customers", [named - back]))

    batch.style = "day of the week"
    every = fr.tr.sales
    wr = weekday_totals(every, "revenue")
    add(Case(tenant, "best day of the week for sales", [float(wr.max())], [peak(wr)]))
    wo = weekday_orders(ytd)
    add(Case(tenant, "what's our busiest day of the week for orders this year", [float(wo.max())], [peak(wo)]))
    wu = weekday_totals(lq, "units")
    add(Case(tenant, "worst weekday for units last quarter", [float(wu.min())], [peak(wu, "min")]))

    batch.style = "per order by group"
    per_order = by_aov(lm, "channel")
    add(
        Case(
            tenant,
            "revenue per order by channel last month",
            [float(per_order.max())],
            top(per_order, 2),
            ordered=True,
        )
    )
    per_order = by_aov(ytd, "category")
    if strict(per_order, 2):
        add(Case(tenant, "aov by category this year", [float(per_order.max())], top(per_order, 2), ordered=True))

    batch.style = "year on year"
    add(Case(tenant, "YoY growth last month", [rev(lm), rev(p.ly_lm), growth(rev(lm), rev(p.ly_lm))]))
    add(Case(tenant, "orders last month vs the same month last year", [_orders(lm), _orders(p.ly_lm)]))
    add(
        Case(
            tenant,
            "units last quarter yoy",
            [units(lq), units(fr.w(fr.lq_s.replace(year=fr.lq_s.year - 1), fr.lq_e.replace(year=fr.lq_e.year - 1)))],
        )
    )

    batch.style = "at the data's end"
    add(Case(tenant, "units sold yesterday", [units(day)]))
    add(Case(tenant, "units sold today", [units(day)]))
    add(Case(tenant, "how many orders today", [_orders(day)]))
    add(Case(tenant, "revenue so far today", [rev(day)]))

    batch.style = "since launch, between days"
    add(Case(tenant, "revenue since launch", [rev(every)]))
    add(Case(tenant, "total units since we started", [units(every)]))
    s, e = latest_days(end, 3, 3, 17)
    add(Case(tenant, "revenue between 3 and 17 March", [rev(fr.w(s, e))]))
    add(Case(tenant, "orders from the 3rd to the 17th of march", [_orders(fr.w(s, e))]))
    s, e = latest_days(end, 10, 5, 19)
    add(Case(tenant, "units between october 5 and october 19", [units(fr.w(s, e))]))

    batch.style = "a window against the one before"
    add(Case(tenant, "last 90 days vs the 90 before", [rev(last(90)), rev(window_before(fr, 90))]))
    add(Case(tenant, "revenue last 30 days vs previous 30 days", [rev(last(30)), rev(window_before(fr, 30))]))
    add(
        Case(
            tenant,
            "orders in the past 60 days compared with the 60 days before that",
            [_orders(last(60)), _orders(window_before(fr, 60))],
        )
    )
    add(Case(tenant, "units last 14 days vs prior 14 days", [units(last(14)), units(window_before(fr, 14))]))

    batch.style = "top and bottom together"
    by = lm[lm["units"] > 0].groupby("sku")["revenue"].sum()
    if strict(by, 3) and strict(-by, 3):
        add(
            Case(
                tenant,
                "top 3 and bottom 3 products by revenue last month",
                [float(by.max()), float(by.min())],
                top(by, 3) + top(-by, 3),
                ordered=True,
            )
        )
    by = ytd.groupby("category")["units"].sum()
    if strict(by, 2) and strict(-by, 2):
        add(
            Case(
                tenant,
                "best 2 and worst 2 categories by units this year",
                [float(by.max()), float(by.min())],
                top(by, 2) + top(-by, 2),
                ordered=True,
            )
        )

    batch.style = "did not sell"
    gone = unsold(fr, lm)
    if len(gone) <= 5:
        add(Case(tenant, "products that did not sell last month", [float(len(gone))], gone))
    add(Case(tenant, "how many skus had no sales last week", [float(len(unsold(fr, lw)))]))
    add(Case(tenant, "how many products didn't sell at all this year", [float(len(unsold(fr, ytd)))]))

    batch.style = "orders by size"
    ou = order_units(lm)
    add(Case(tenant, "how many orders had more than 2 items last month", [float((ou > 2).sum())]))
    ou = order_units(ytd)
    add(Case(tenant, "orders with only one item this year", [float((ou == 1).sum())]))
    ou = order_units(lq)
    add(Case(tenant, "how many orders had 5+ units last quarter", [float((ou >= 5).sum())]))

    batch.style = "amounts written short"
    ot = order_totals(ytd)
    add(Case(tenant, "how many $1k+ orders this year", [float((ot >= 1000).sum())]))
    add(Case(tenant, "orders over 1.5k this year", [float((ot > 1500).sum())]))
    ot = order_totals(lm)
    add(Case(tenant, "how many orders above $0.5k last month", [float((ot > 500).sum())]))
    add(Case(tenant, "orders worth more than 300 bucks last month", [float((ot > 300).sum())]))

    batch.style = "other languages"
    add(Case(tenant, "ventas de la semana pasada", [rev(lw)]))
    add(Case(tenant, "combien de commandes le mois dernier", [_orders(lm)]))
    add(Case(tenant, "上个月的销售额", names=[NOT_READ], absent=GUESSED))
    add(Case(tenant, "сколько заказов в прошлом месяце", names=[NOT_READ], absent=GUESSED))
    add(Case(tenant, "先月の売上はいくらですか", names=[NOT_READ], absent=GUESSED))
    add(Case(tenant, "hoeveel omzet vorige maand", names=[NOT_READ], absent=GUESSED))

    batch.style = "a month written with its year"
    for text, unit in (("revenue Nov-{y}", rev), ("orders in Oct-{y}", _orders), ("units sold sep-{y}", units)):
        month = {"Nov": 11, "Oct": 10, "sep": 9}[text.split()[-1].split("-")[0]]
        y = end.year - 1
        s, e = date(y, month, 1), (date(y, month + 1, 1) - timedelta(days=1))
        add(Case(tenant, text.format(y=y), [unit(fr.w(s, e))]))

    batch.style = "days and weekends at the end"
    add(
        Case(
            tenant,
            "how did yesterday compare to the day before",
            [rev(day), rev(fr.w(end - timedelta(days=1), end - timedelta(days=1)))],
        )
    )
    sat = end - timedelta(days=(end.weekday() - 5) % 7)
    add(Case(tenant, "sales this weekend", [rev(fr.w(sat, min(sat + timedelta(days=1), end)))]))
    add(Case(tenant, "revenue week to date", [rev(wtd)], sunday))
    add(Case(tenant, "sales of the purple lamp last month", unknown="purple lamp"))

    batch.style = "channels and categories"
    add(Case(tenant, "amazon revenue last week", [rev(ch(lw, "amazon"))], sunday))
    add(Case(tenant, "kitchen aov last quarter", [aov(cat(lq, "Kitchen"))]))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """More phrasings in the nineteenth set's kinds, worded anew (batch ``nineteenth2``), written after its fixes."""
    fr, p, batch = phrasing_set(t, catalogue, "nineteenth2", "held out")
    end, tenant = fr.end, t.tenant
    lm, lw, ytd, day, wtd, lq = fr.lm, fr.lw, fr.ytd, fr.day, fr.wtd, fr.lq
    add, ch, last = batch.add, on_channel, fr.last
    sunday = sunday_note(fr)
    every = fr.tr.sales

    # this week and last week
    add(Case(tenant, "sales so far this week", [rev(wtd)], sunday))
    add(Case(tenant, "what did we make the previous week", [rev(lw)], sunday))
    add(Case(tenant, "orders this week compared with the week before", [_orders(wtd), _orders(week_before(fr))]))
    add(Case(tenant, "aov for amazon last week", [aov(ch(lw, "amazon"))], sunday))
    # codes and names the data lack
    add(Case(tenant, "revenue of product code ZZ-404 last month", unknown="zz-404"))
    add(Case(tenant, "how are the velvet cushions selling", unknown="velvet cushions"))
    add(Case(tenant, "units for SKU 123456 this year", unknown="sku 123456"))
    # a ranking by a ratio compared
    asp_now = lm.groupby("sku")["revenue"].sum() / lm.groupby("sku")["units"].sum()
    asp_before = fr.pm.groupby("sku")["revenue"].sum() / fr.pm.groupby("sku")["units"].sum()
    if strict(asp_now, 3):
        leaders = top(asp_now, 3)
        add(
            Case(
                tenant,
                "top 3 skus by average selling price last month vs the month before",
                [float(asp_now[s]) for s in leaders] + [float(asp_before[s]) for s in leaders if s in asp_before.index],
                leaders,
                ordered=True,
            )
        )
    # review counts compared
    pair = star_pair(fr, t, 4)
    if pair is not None:
        counts = star_counts(t, 4)
        a, b = pair
        pick, other = (a, b) if counts[a] < counts[b] else (b, a)
        add(
            Case(
                tenant,
                f"which got fewer 4-star reviews: the {fr.unique[a]} or the {fr.unique[b]}?",
                [float(counts[a]), float(counts[b])],
                [str(fr.unique[pick]), str(fr.unique[other])],
                ordered=True,
            )
        )
    # growth, returning customers, weekdays, per order by group, year on year
    g = group_growth(ytd, p.ly_ytd, "brand")
    add(Case(tenant, "fastest growing brand this year vs last year", [float(g.max())], [peak(g)]))
    back, named = returning_split(fr, ytd)
    add(Case(tenant, "share of revenue from repeat customers this year", [back / named * 100]))
    wr = weekday_totals(lm, "revenue")
    add(Case(tenant, "which weekday brings in the most revenue last month", [float(wr.max())], [peak(wr)]))
    a_ch = by_aov(ytd, "channel")
    add(Case(tenant, "average order value per channel this year", [float(a_ch.max())], top(a_ch, 2), ordered=True))
    add(Case(tenant, "how did last month do against the same month last year", [rev(lm), rev(p.ly_lm)]))
    # the data's end, since launch, between days
    add(Case(tenant, "orders on the last day of data", [_orders(day)]))
    add(Case(tenant, "units since the beginning", [units(every)]))
    s, e = latest_days(end, 2, 10, 24)
    add(Case(tenant, "revenue from 10th to 24th of february", [rev(fr.w(s, e))]))
    # a window against the one before
    add(Case(tenant, "revenue past 60 days against the prior 60", [rev(last(60)), rev(window_before(fr, 60))]))
    add(
        Case(
            tenant,
            "yesterday vs the same day last week revenue",
            [rev(day), rev(fr.w(end - timedelta(days=7), end - timedelta(days=7)))],
        )
    )
    # top and bottom, did not sell, order sizes, short amounts
    by = lm[lm["units"] > 0].groupby("sku")["units"].sum()
    if strict(by, 5) and strict(-by, 5):
        add(
            Case(
                tenant,
                "best 5 and worst 5 products by units last month",
                [float(by.max()), float(by.min())],
                top(by, 5) + top(-by, 5),
                ordered=True,
            )
        )
    add(Case(tenant, "how many products had zero sales last month", [float(len(unsold(fr, lm)))]))
    ou = order_units(ytd)
    add(Case(tenant, "number of orders with 3 or more units this year", [float((ou >= 3).sum())]))
    ot = order_totals(ytd)
    add(Case(tenant, "how many orders were over $2k this year", [float((ot > 2000).sum())]))
    ot = order_totals(lq)
    add(Case(tenant, "how many 750+ dollar orders last quarter", [float((ot >= 750).sum())]))
    # languages
    add(Case(tenant, "Umsatz gestern", [rev(day)]))
    add(Case(tenant, "quanto faturamento no mês passado", [rev(lm)]))
    add(Case(tenant, "الإيرادات الشهر الماضي", names=[NOT_READ], absent=GUESSED))
    add(Case(tenant, "지난달 매출", names=[NOT_READ], absent=GUESSED))
    add(Case(tenant, "hur mycket sålde vi förra månaden", names=[NOT_READ], absent=GUESSED))
    # a month with its year, a weekend
    y = end.year - 1
    add(Case(tenant, f"revenue Oct/{y}", [rev(fr.w(date(y, 10, 1), date(y, 10, 31)))]))
    sun = end - timedelta(days=(end.weekday() + 1) % 7)
    add(Case(tenant, "revenue last weekend", [rev(fr.w(sun - timedelta(days=1), sun))]))
    return batch.cases
