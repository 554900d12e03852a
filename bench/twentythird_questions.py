"""A twenty-third set of phrasings for the question bench (batch ``twentythird``), by style, with truths from the rows.

The twenty-second round's leftovers (the units sold on promotion asked "how many" with no period, a yes/no trend
asked with "these days", a share's trend judged in percentage points, orders "during the sale") and kinds earlier
rounds asked thinly: month over month, year over year and week over week; the best and worst day and weekday; new
customers; refund and return rates; units per order; revenue per category; the products that stopped selling; the
top N products' share of revenue; date ranges written several ways ("between March 3rd and the 10th", "Q3", "the
first half of the year", "since Black Friday"); typos and casual wording; a product named loosely. Every case is
judged on the answer's FIRST sentence (``Case.lead``): the figure, verdict and names a merchant reads first.
``held_out_cases`` (batch ``twentythird2``) was written after the fixes and measured once.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.fourteenth_questions import kind_of, new_buyers, of_kind, returning_split
from bench.nineteenth_questions import latest_days, window_before
from bench.question_data import BenchTenant
from bench.questions import Case, _orders, rev, units
from bench.tenth_questions import _Frames, returned
from bench.thirteenth_questions import phrasing_set, refunds
from bench.truths import peak
from bench.twelfth_questions import weekday_orders, weekday_totals
from bench.twentyfirst_questions import discounted_orders
from bench.twentysecond_questions import promo_units

#: A change this small (in %, either way) is answered "roughly flat"; for a figure that is itself a percentage, a
#: change this small in percentage points.
FLAT_PCT = 1.0
FLAT_POINTS = 1.0


def verdict(way: str, now: float, before: float, points: bool = False) -> str:
    """How a yes/no trend question asking ``way`` ("up" or "down") is answered first; ``points``: a percentage
    figure, whose change is judged in percentage points."""
    change = now - before if points else (now - before) / abs(before) * 100
    if abs(change) < (FLAT_POINTS if points else FLAT_PCT):
        return "roughly flat"
    return "yes" if (change > 0) == (way == "up") else "no"


def year_back(s: date, e: date) -> tuple[date, date]:
    """The same days a year earlier (29 Feb as 28 Feb)."""

    def back(d: date) -> date:
        return d.replace(year=d.year - 1, day=min(d.day, 28) if d.month == 2 else d.day)

    return back(s), back(e)


def latest_quarter(end: date, q: int) -> tuple[date, date]:
    """Quarter ``q`` of the latest year that has started it by ``end``, cut at ``end``."""
    y = end.year if date(end.year, 3 * q - 2, 1) <= end else end.year - 1
    s = date(y, 3 * q - 2, 1)
    e = (date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)) - timedelta(days=1)
    return s, min(e, end)


def daily(f: pd.DataFrame) -> pd.Series:
    """Revenue per day."""
    return f.groupby("date")["revenue"].sum()


def top_share(f: pd.DataFrame, n: int) -> float:
    """The ``n`` best-selling products' share of revenue, in %."""
    by = f.groupby("sku")["revenue"].sum().sort_values(ascending=False)
    return float(by.iloc[:n].sum() / by.sum() * 100)


def stopped_selling(fr: _Frames, days: int = 30) -> list[str]:
    """Catalogue products that sold before the last ``days`` days and none in them."""
    recent = set(fr.last(days).query("units > 0")["sku"])
    before = set(fr.tr.window(fr.tr.first, fr.end - timedelta(days=days)).query("units > 0")["sku"])
    return sorted(s for s in before - recent if s in fr.catalogue)


def return_rate(f: pd.DataFrame) -> float:
    """Units returned per unit sold, in %."""
    return returned(f) / units(f) * 100


def twentythird_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The twenty-third set (batch ``twentythird``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "twentythird")
    end, tenant = fr.end, t.tenant
    lm, pm, lw, ytd, wtd, lq, day = fr.lm, fr.pm, fr.lw, fr.ytd, fr.wtd, fr.lq, fr.day
    last, every = fr.last, fr.tr.sales

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    now, before = last(30), window_before(fr, 30)

    batch.style = "the last round's leftovers"
    add("how many units did we sell on promo", [promo_units(every)])
    add("how many items did we sell on promotion last month", [promo_units(lm)])
    for phrasing, measure, way in (
        ("are we making more money these days", rev, "up"),
        ("are we getting fewer orders these days?", _orders, "down"),
    ):
        moved, was = measure(now), measure(before)
        add(phrasing, [moved, was], [f"{verdict(way, moved, was)} —"])
    for phrasing, way in (("is our return rate going up?", "up"), ("has the return rate been dropping", "down")):
        moved, was = return_rate(now), return_rate(before)
        add(phrasing, [moved, was], [f"{verdict(way, moved, was, points=True)} —"])
    add("how many orders did we get during the sale last month", [float(discounted_orders(lm).sum())])
    add("orders during the sale this year", [float(discounted_orders(ytd).sum())])

    batch.style = "month, week and year over"
    add("revenue month over month", [rev(lm), rev(pm)])
    add("how are orders doing week over week", [_orders(lw), _orders(p.plw)])
    s, e = year_back(fr.lm_s, fr.lm_e)
    add("last month vs the same month last year", [rev(lm), rev(fr.w(s, e))])
    s, e = year_back(fr.lq_s, fr.lq_e)
    add("units yoy for last quarter", [units(lq), units(fr.w(s, e))])
    add("aov mom", [rev(lm) / _orders(lm), rev(pm) / _orders(pm)])
    # this week so far against the same days a week earlier (the house's like for like); first written against the
    # whole of last week, corrected after the one measurement (the answer said which days it compared)
    add("this week vs last week revenue", [rev(wtd), rev(fr.w(fr.wk - timedelta(days=7), end - timedelta(days=7)))])

    batch.style = "best and worst days"
    d = daily(lm)
    add("what was our best day last month", [float(d.max())])
    d = daily(ytd)
    add("worst sales day this year", [float(d.min())])
    wo = weekday_orders(lq)
    add("which weekday had the fewest orders last quarter", [float(wo.min())], [str(peak(wo, "min"))])
    wr = weekday_totals(every, "revenue")
    add("what's our strongest day of the week for sales", [float(wr.max())], [str(peak(wr))])

    batch.style = "customers"
    add("how many new customers did we get last quarter", [float(len(new_buyers(fr, lq, fr.lq_s)))])
    back, named = returning_split(fr, ytd)
    add("how much did new customers spend this year", [named - back])
    back, named = returning_split(fr, lq)
    add("repeat vs new customer revenue last quarter", [back, named - back])

    batch.style = "refunds and returns"
    add("refund rate last month", [refunds(lm) / rev(lm) * 100])
    add("what percentage of items were returned this year", [return_rate(ytd)])
    add("how much did we refund last quarter", [refunds(lq)])
    add("returns last week", [returned(lw)])

    batch.style = "units per order"
    add("avg units per order last month", [units(lm) / _orders(lm)])
    add("how many items do people buy per order this year", [units(ytd) / _orders(ytd)])

    batch.style = "revenue per category"
    cr = lm.groupby("category")["revenue"].sum()
    add("revenue per category last month", [float(cr.max())], [str(peak(cr))])
    cr = ytd.groupby("category")["revenue"].sum()
    add("how much did each category bring in this year", [float(cr.max())], [str(peak(cr))])
    cr = lq.groupby("category")["revenue"].sum()
    add("which category made the least money last quarter", [float(cr.min())], [str(peak(cr, "min"))])

    batch.style = "stopped selling, the top N's share"
    gone = stopped_selling(fr)
    add("which products stopped selling", [float(len(gone))])
    add("what share of revenue comes from the top 10 products", [top_share(every, 10)])
    add("how much of last month's sales came from our top 5 skus", [top_share(lm, 5)])

    batch.style = "date ranges"
    s, e = latest_days(end, 3, 3, 10)
    add("revenue between March 3rd and the 10th", [rev(fr.w(s, e))])
    s, e = latest_quarter(end, 3)
    add("sales in Q3", [rev(fr.w(s, e))])
    add("orders in the first half of the year", [_orders(fr.w(date(end.year, 1, 1), min(end, date(end.year, 6, 30))))])
    add("revenue since black friday", [rev(fr.w(fr.bf, end))])
    add("units from the 3rd to the 10th of last month", [units(fr.w(fr.lm_s.replace(day=3), fr.lm_s.replace(day=10)))])
    add("revenue for the second half of last year", [rev(fr.w(date(end.year - 1, 7, 1), date(end.year - 1, 12, 31)))])

    batch.style = "typos and casual wording"
    add("hw many ordrs did we get yday", [_orders(day)])
    add("wats our revnue last wk", [rev(lw)])
    add("gimme last months sales numbers", [rev(lm)])
    s, e = latest_days(end, 10, 1, 31)
    add("how'd we do in october", [rev(fr.w(s, e))])
    add("units sold last mnth?", [units(lm)])

    batch.style = "a product named loosely"
    kind = kind_of(fr)
    if kind is not None:
        add(f"how many {kind}s did we sell last month", [units(of_kind(fr, lm, kind))])
        add(f"{kind} revenue this year", [rev(of_kind(fr, ytd, kind))])
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The twenty-third set's kinds worded anew (batch ``twentythird2``, "held out"), written after its fixes and
    measured once; judged on the first sentence as the set is."""
    fr, p, batch = phrasing_set(t, catalogue, "twentythird2", "held out")
    end, tenant = fr.end, t.tenant
    lm, pm, lw, ytd, mtd, lq = fr.lm, fr.pm, fr.lw, fr.ytd, fr.mtd, fr.lq
    last, every = fr.last, fr.tr.sales

    def add(question: str, numbers: list[float], names: list[str] | None = None) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True))

    now, before = last(30), window_before(fr, 30)

    # the leftovers' kinds
    add("how many units went out on promo last month", [promo_units(lm)])
    moved, was = rev(now), rev(before)
    add("are sales up these days?", [moved, was], [f"{verdict('up', moved, was)} —"])

    def refund_rate(f: pd.DataFrame) -> float:
        return refunds(f) / rev(f) * 100

    moved, was = refund_rate(now), refund_rate(before)
    add("is the refund rate going down lately?", [moved, was], [f"{verdict('down', moved, was, points=True)} —"])
    add("how many orders came in during the sale last quarter", [float(discounted_orders(lq).sum())])
    # month, week and year over
    add("units sold mom", [units(lm), units(pm)])
    s, e = year_back(fr.ms, end)
    add("orders this month vs the same month last year", [_orders(mtd), _orders(fr.w(s, e))])
    add("wow revenue", [rev(lw), rev(p.plw)])
    q3, q2 = latest_quarter(end, 3), latest_quarter(end, 2)
    if q3[0].year == q2[0].year:
        add("how did Q3 compare to Q2", [rev(fr.w(*q3)), rev(fr.w(*q2))])
    # best and worst days
    add("best day for revenue this year", [float(daily(ytd).max())])
    wu = weekday_totals(every, "units")
    add("which day of the week do we sell the fewest units", [float(wu.min())], [str(peak(wu, "min"))])
    add("slowest day last month", [float(daily(lm).min())])
    # customers
    h1_e = min(end, date(end.year, 6, 30))
    add(
        "new customers in the first half of the year",
        [float(len(new_buyers(fr, fr.w(date(end.year, 1, 1), h1_e), date(end.year, 1, 1))))],
    )
    back, _ = returning_split(fr, lq)
    add("revenue from returning customers last quarter", [back])
    # refunds and returns
    add("refunds as a percentage of revenue last quarter", [refund_rate(lq)])
    add("how many items came back last month", [returned(lm)])
    add("return rate this year", [return_rate(ytd)])
    # units per order
    add("average basket size in units last quarter", [units(lq) / _orders(lq)])
    # categories
    cr = ytd.groupby("category")["revenue"].sum()
    add("sales by category this year", [float(cr.max())], [str(peak(cr))])
    cr = lq.groupby("category")["revenue"].sum()
    add("which category brought in the most last quarter", [float(cr.max())], [str(peak(cr))])
    # stopped selling, the top N's share
    add("what products aren't selling anymore", [float(len(stopped_selling(fr)))])
    add("top 10 skus share of revenue last quarter", [top_share(lq, 10)])
    # date ranges
    add("orders from the 1st to the 7th of last month", [_orders(fr.w(fr.lm_s, fr.lm_s.replace(day=7)))])
    s, e = latest_quarter(end, 2)
    add("sales in the second quarter", [rev(fr.w(s, e))])
    add("units sold in H1", [units(fr.w(date(end.year, 1, 1), h1_e))])
    cyber = fr.bf + timedelta(days=3)
    if cyber <= end:
        add("orders since cyber monday", [_orders(fr.w(cyber, end))])
    s, e = latest_days(end, 10, 5, 12)
    add("revenue between Oct 5 and the 12th", [rev(fr.w(s, e))])
    # typos and casual wording
    add("whats the revnue for last qtr", [rev(lq)])
    add("how many oders this yr", [_orders(ytd)])
    add("yo how much did we make last week", [rev(lw)])
    # a product named loosely
    kind = kind_of(fr)
    if kind is not None:
        add(f"how many {kind}s sold this year", [units(of_kind(fr, ytd, kind))])
    return batch.cases
