"""A twenty-fourth set of phrasings for the question bench (batch ``twentyfourth``), by style, truths from the rows.

Shapes earlier rounds asked thinly or not at all: a retail event's week against the week before; the best day of the
week; the share of revenue from repeat customers; which category (channel) grew fastest period over period; two named
months compared by channel; discounts on the orders that were returned; new customers this month against last;
relative periods ("the past fortnight", "last 6 weeks", "so far this quarter", "yesterday" on data whose last day is
not today, "the day before yesterday"); negations and "excluding X" ("not counting eBay", "everything but Kitchen",
"that weren't on promotion"); typos and casual wording. Every case is judged on the answer's FIRST sentence
(``Case.lead``): the figure, verdict and names a merchant reads first. The truths are pandas over the merchant's rows
(``bench.questions.Truth``), never the answer code. ``held_out_cases`` (batch ``twentyfourth2``) was written after
the fixes and measured once.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.fourteenth_questions import new_buyers, returning_split
from bench.nineteenth_questions import latest_days, window_before
from bench.question_data import BenchTenant
from bench.questions import Case, _orders, on_channel, rev, units
from bench.tenth_questions import returned
from bench.thirteenth_questions import phrasing_set, refunds
from bench.truths import peak
from bench.twelfth_questions import weekday_orders, weekday_totals
from bench.twentythird_questions import verdict


def monday(d: date) -> date:
    """The Monday of ``d``'s Monday-Sunday week."""
    return d - timedelta(days=d.weekday())


def growth_by(now: pd.DataFrame, before: pd.DataFrame, column: str, measure: str = "revenue") -> pd.Series:
    """Each value of ``column``'s change in ``measure`` from ``before`` to ``now``, in %."""
    a, b = now.groupby(column)[measure].sum(), before.groupby(column)[measure].sum()
    return ((a - b) / b * 100).dropna()


def on_promotion(f: pd.DataFrame) -> pd.Series:
    """Whether each line was sold on promotion or with a discount amount."""
    return f["promo"].fillna(False).astype(bool) | (pd.to_numeric(f["discount"], errors="coerce").fillna(0) > 0)


def returned_orders(f: pd.DataFrame, every: pd.DataFrame) -> pd.DataFrame:
    """The sold lines of ``f`` whose order had a unit returned (a return is its own line, units 0, with the order's
    id and a later date: looked up over ``every`` line)."""
    back = pd.to_numeric(every["returned_units"], errors="coerce").fillna(0) > 0
    ids = set(every.loc[back, "order_id"])
    sold = f[f["units"] > 0]
    return sold[sold["order_id"].isin(ids)]


def discount_total(f: pd.DataFrame) -> float:
    """The discount amounts of the lines."""
    return float(pd.to_numeric(f["discount"], errors="coerce").fillna(0).sum())


def except_channel(f: pd.DataFrame, name: str) -> pd.DataFrame:
    """The lines of every channel but ``name``."""
    return f[f["channel"] != name]


def twentyfourth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The twenty-fourth set (batch ``twentyfourth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "twentyfourth")
    end, tenant = fr.end, t.tenant
    lm, pm, lw, ytd, mtd, lq, day = fr.lm, fr.pm, fr.lw, fr.ytd, fr.mtd, fr.lq, fr.day
    last, every, w = fr.last, fr.tr.sales, fr.w

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    batch.style = "a retail event's week"
    bf_week = monday(fr.bf)
    add(
        "how did black friday week do vs the week before",
        [rev(w(bf_week, bf_week + timedelta(days=6))), rev(w(bf_week - timedelta(days=7), bf_week - timedelta(1)))],
    )
    add("orders black friday week", [_orders(w(bf_week, bf_week + timedelta(days=6)))])

    batch.style = "days of the week"
    wr = weekday_totals(every, "revenue")
    add("best day of the week for sales", [float(wr.max())], [str(peak(wr))])
    wo = weekday_orders(lq)
    add("what day of the week do we get the most orders last quarter", [float(wo.max())], [str(peak(wo))])
    wu = weekday_totals(ytd, "units")
    add("our quietest weekday this year for units", [float(wu.min())], [str(peak(wu, "min"))])

    batch.style = "repeat and new customers"
    back, named = returning_split(fr, every)
    add("what share of revenue comes from repeat customers", [back / named * 100])
    back, named = returning_split(fr, lm)
    add("% of last month's revenue from returning customers", [back / named * 100])
    same_days_s = (fr.ms - timedelta(days=1)).replace(day=1)  # this month so far: the same days of the one before
    same_days_e = same_days_s + (end - fr.ms)
    add(
        "how many new customers this month vs last",
        [
            float(len(new_buyers(fr, mtd, fr.ms))),
            float(len(new_buyers(fr, w(same_days_s, same_days_e), same_days_s))),
        ],
    )
    add(
        "new customers last month compared to the month before",
        [float(len(new_buyers(fr, lm, fr.lm_s))), float(len(new_buyers(fr, pm, fr.pm_s)))],
    )

    batch.style = "what grew fastest"
    g = growth_by(lq, p.pq, "category")
    add("which category grew fastest quarter over quarter", [], [str(peak(g))])
    g = growth_by(lm, pm, "channel")
    add("which channel grew the fastest last month vs the month before", [], [str(peak(g))])
    g = growth_by(lq, p.pq, "channel", "units")
    add(
        "what channel declined the most in units last quarter compared with the quarter before",
        [],
        [str(peak(g, "min"))],
    )

    batch.style = "two months by a dimension"
    mar, apr = latest_days(end, 3, 1, 31), latest_days(end, 4, 1, 30)
    if mar[0].year == apr[0].year:
        add("compare March and April by channel", [rev(w(*apr)), rev(w(*mar))])
        add("units in march vs april by category", [units(w(*apr)), units(w(*mar))])

    batch.style = "discounts on returned orders"
    back_orders = returned_orders(lq, every)
    add(
        "average discount on returned orders last quarter",
        [discount_total(back_orders) / float(back_orders["order_id"].nunique())],
    )
    back_orders = returned_orders(ytd, every)
    add("how much discount did we give on orders that were returned this year", [discount_total(back_orders)])
    add("total discounts last month", [discount_total(lm)])

    batch.style = "relative periods"
    add("revenue the past fortnight", [rev(last(14))])
    add("how many orders in the last 6 weeks", [_orders(last(42))])
    add("units so far this quarter", [units(p.qtd)])
    add("what did we make yesterday", [rev(day)])
    add("orders the day before yesterday", [_orders(w(end - timedelta(days=1), end - timedelta(days=1)))])
    add("aov over the past fortnight", [rev(last(14)) / _orders(last(14))])
    add("revenue the last 3 weeks vs the 3 weeks before", [rev(last(21)), rev(window_before(fr, 21))])
    add("sales in the past 45 days", [rev(last(45))])

    batch.style = "excluding and negations"
    add("revenue excluding amazon last month", [rev(except_channel(lm, "amazon"))])
    add("units sold last quarter not counting ebay", [units(except_channel(lq, "ebay"))])
    add("how many orders last month outside of the pos channel", [_orders(except_channel(lm, "pos"))])
    add("revenue from everything but Kitchen this year", [rev(ytd[ytd["category"] != "Kitchen"])])
    add("non-amazon revenue last quarter", [rev(except_channel(lq, "amazon"))])
    add("how many units did we sell last month that weren't on promotion", [units(lm[~on_promotion(lm)])])
    add("revenue last month excluding refunds", [rev(lm) - refunds(lm)])
    add("orders this year without the web store", [_orders(except_channel(ytd, "web"))])

    batch.style = "shares"
    add("what % of our revenue is from amazon this year", [rev(on_channel(ytd, "amazon")) / rev(ytd) * 100])
    add("what share of units were sold on promotion last month", [units(lm[on_promotion(lm)]) / units(lm) * 100])
    add("web's share of orders last quarter", [_orders(on_channel(lq, "web")) / _orders(lq) * 100])

    batch.style = "typos and casual wording"
    add("whats our avg ordr value this mnth", [rev(mtd) / _orders(mtd)])
    add("how much $$ did we make last wk", [rev(lw)])
    cr = lm.groupby("channel")["revenue"].sum()
    add("revenu by chanel last month", [float(cr.max())], [str(peak(cr))])
    add("hw many returns this yr", [returned(ytd)])
    add("refnds last qtr?", [refunds(lq)])

    batch.style = "top and bottom"
    cu = lq.groupby("category")["units"].sum().sort_values(kind="stable")
    add("bottom 3 categories by units last quarter", [], [str(x) for x in cu.index[:3]])
    ca = ytd.groupby("channel")["revenue"].sum() / ytd[ytd["units"] > 0].groupby("channel")["order_id"].nunique()
    add("which channel has the highest aov this year", [float(ca.max())], [str(peak(ca))])

    batch.style = "yes or no against a period"
    # "X vs last month" with no period of its own is the house's last complete month against the month before (as "up
    # on last year" is); first written as this month so far against the same days, corrected after the one
    # measurement before any fix (the answer said which months it compared)
    now_o, was_o = _orders(lm), _orders(pm)
    add("are orders up vs last month?", [now_o, was_o], [f"{verdict('up', now_o, was_o)} —"])
    now_r, was_r = rev(lm), rev(p.ly_lm)
    add(
        "did we make more last month than the same month last year?",
        [now_r, was_r],
        [f"{verdict('up', now_r, was_r)} —"],
    )
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """New questions of the set's kinds and others (batch ``twentyfourth2``, "held out"), written after its fixes and
    measured once; judged on the first sentence as the set is."""
    fr, p, batch = phrasing_set(t, catalogue, "twentyfourth2", "held out")
    end, tenant = fr.end, t.tenant
    lm, ytd, mtd, lq, day = fr.lm, fr.ytd, fr.mtd, fr.lq, fr.day
    last, w = fr.last, fr.w

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    # a retail event's week
    bf_week = monday(fr.bf)
    add(
        "revenue in the week of black friday compared to the previous week",
        [rev(w(bf_week, bf_week + timedelta(days=6))), rev(w(bf_week - timedelta(days=7), bf_week - timedelta(1)))],
    )
    # days of the week
    wr = weekday_totals(lm, "revenue")
    add("which weekday brings in the most revenue last month", [float(wr.max())], [str(peak(wr))])
    wo = weekday_orders(ytd)
    add("worst day of the week for orders this year", [float(wo.min())], [str(peak(wo, "min"))])
    # repeat and new customers
    back, named = returning_split(fr, ytd)
    add("how much of our revenue came from returning customers this year, as a percentage", [back / named * 100])
    s, e = fr.wk - timedelta(days=7), end - timedelta(days=7)  # this week so far: the same days a week earlier
    add(
        "new customers this week vs last week",
        [float(len(new_buyers(fr, fr.wtd, fr.wk))), float(len(new_buyers(fr, w(s, e), s)))],
    )
    # what grew or shrank
    g = growth_by(lq, p.pq, "category")
    add("which category shrank the most quarter on quarter", [], [str(peak(g, "min"))])
    g = growth_by(lm, p.ly_lm, "channel")
    add("which channel grew fastest last month vs the same month last year", [], [str(peak(g))])
    # two months by a dimension
    octo, nov = latest_days(end, 10, 1, 31), latest_days(end, 11, 1, 30)
    if octo[0].year == nov[0].year:
        add("compare October and November by category", [rev(w(*nov)), rev(w(*octo))])
    sep = latest_days(end, 9, 1, 30)
    if sep[0].year == octo[0].year:
        add("orders in september vs october by channel", [_orders(w(*octo)), _orders(w(*sep))])
    # relative periods
    add("revenue over the past 2 weeks", [rev(last(14))])
    add("units in the last 10 days", [units(last(10))])
    add("how many orders have we had so far this month", [_orders(mtd)])
    add("yesterday's aov", [rev(day) / _orders(day)])
    two = end - timedelta(days=2)
    add("revenue 2 days ago", [rev(w(two, two))])
    add("last 8 weeks units", [units(last(56))])
    # excluding and negations
    add("revenue excluding ebay and pos last month", [rev(lm[~lm["channel"].isin(["ebay", "pos"])])])
    add("units sold this year apart from Apparel", [units(ytd[ytd["category"] != "Apparel"])])
    add("how many orders weren't from amazon last quarter", [_orders(except_channel(lq, "amazon"))])
    add("full-price units last quarter", [units(lq[~on_promotion(lq)])])
    add("revenue not on promotion last month", [rev(lm[~on_promotion(lm)])])
    # shares
    add("what share of orders came from ebay this year", [_orders(on_channel(ytd, "ebay")) / _orders(ytd) * 100])
    add("pos share of revenue last month", [rev(on_channel(lm, "pos")) / rev(lm) * 100])
    # typos and casual wording
    add("wat was revnue yestrday", [rev(day)])
    co = lq[lq["units"] > 0].groupby("channel")["order_id"].nunique()
    add("how many ordrs last qtr by chanel", [float(co.max())], [str(peak(co))])
    # top and bottom
    cq = p.qtd.groupby("category")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add("top 3 categories by revenue so far this quarter", [], [str(x) for x in cq.index[:3]], ordered=True)
    # yes or no against a period
    plw = fr.w(fr.lw_s - timedelta(days=7), fr.lw_e - timedelta(days=7))
    now_r, was_r = rev(fr.lw), rev(plw)
    add("were sales higher last week than the week before?", [now_r, was_r], [f"{verdict('up', now_r, was_r)} —"])
    now_o, was_o = _orders(w(*nov)), _orders(w(*octo))
    add("did we get fewer orders in november than october?", [now_o, was_o], [f"{verdict('down', now_o, was_o)} —"])
    # discounts, refunds and returns
    add("average discount per order last month", [discount_total(lm) / _orders(lm)])
    add("refund rate the past fortnight", [refunds(last(14)) / rev(last(14)) * 100])
    add("returns in the last 6 weeks", [returned(last(42))])
    return batch.cases
