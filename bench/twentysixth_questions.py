"""A twenty-sixth set of phrasings for the question bench (batch ``twentysixth``), by style, truths from the rows.

The "what did we make last month?" family as a merchant asks it day to day, in shapes earlier rounds asked thinly:
two named periods compared, shares and ranks inside one category, weekday patterns (and an hour the data cannot
tell), repeat and first-time customers, the returns made in a period against the orders that were returned,
discounts, channels (and a region the data lacks), what grew the most, averages per order and per customer, running
totals to date, best and worst periods, short questions and casual, misspelt wording. Every case is judged on the
answer's FIRST sentence (``Case.lead``). The truths are pandas over the merchant's rows (``bench.questions.Truth``),
never the answer code. ``held_out_cases`` (batch ``twentysixth2``) was written after the fixes and measured once.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.fourteenth_questions import first_seen, new_buyers, returning_split
from bench.question_data import BenchTenant
from bench.questions import MONTHS, WEEKDAYS, Case, _month_bounds, _orders, on_channel, rev, units
from bench.tenth_questions import returned
from bench.thirteenth_questions import buyers, day_name, phrasing_set, refunds
from bench.truths import peak
from bench.twentyfifth_questions import repeat_count, top_names
from bench.twentyfourth_questions import discount_total, on_promotion, returned_orders


def month_name(d: date) -> str:
    """A month's full name ("October")."""
    return MONTHS[d.month - 1]


def weekday_totals(f: pd.DataFrame, col: str) -> pd.Series:
    """A column's total per day of the week (named)."""
    return f.groupby([WEEKDAYS[d.weekday()] for d in f["date"]])[col].sum()


def weekend(f: pd.DataFrame) -> pd.DataFrame:
    """The lines sold on a Saturday or Sunday."""
    return f[[d.weekday() >= 5 for d in f["date"]]]


def weekdays_only(f: pd.DataFrame) -> pd.DataFrame:
    """The lines sold Monday to Friday."""
    return f[[d.weekday() < 5 for d in f["date"]]]


def pct_by(now: pd.DataFrame, before: pd.DataFrame, dim: str, col: str = "revenue") -> pd.Series:
    """Each ``dim`` value's growth in percent, of the values whose earlier figure was at least 0.1% of the earlier
    total (the house's "grew the most": a product going from $2 to $90 is no answer)."""
    a, b = now.groupby(dim)[col].sum(), before.groupby(dim)[col].sum()
    b = b[b >= 0.001 * float(b.sum())]
    return ((a.reindex(b.index).fillna(0) / b - 1) * 100).dropna()


def whole_months(fr: object, frame: pd.DataFrame) -> pd.DataFrame:
    """The lines of the data's whole calendar months (the first month kept only when it starts on the 1st; the
    running month left out)."""
    tr = fr.tr  # type: ignore[attr-defined]
    first_whole = tr.first if tr.first.day == 1 else _month_bounds(tr.first)[1] + timedelta(days=1)
    return frame[(frame["date"] >= first_whole) & (frame["date"] < fr.ms)]  # type: ignore[attr-defined]


def by_month(f: pd.DataFrame, col: str = "revenue") -> pd.Series:
    """A column's total per calendar month, labelled "Mar 2025"."""
    return f.groupby([f"{MONTHS[d.month - 1][:3]} {d.year}" for d in f["date"]])[col].sum()


def orders_by_month(f: pd.DataFrame) -> pd.Series:
    """Orders per calendar month, labelled "Mar 2025"."""
    sold = f[f["units"] > 0]
    return sold.groupby([f"{MONTHS[d.month - 1][:3]} {d.year}" for d in sold["date"]])["order_id"].nunique()


def day_count(s: date, e: date, weekday: int) -> int:
    """How many days of ``weekday`` (0 = Monday) the days ``s`` to ``e`` hold."""
    return sum((s + timedelta(days=i)).weekday() == weekday for i in range((e - s).days + 1))


def twentysixth_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The twenty-sixth set (batch ``twentysixth``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "twentysixth")
    end, tenant, y = fr.end, t.tenant, fr.y
    lm, pm, lw, ytd, mtd, lq = fr.lm, fr.pm, fr.lw, fr.ytd, fr.mtd, fr.lq
    every, w = fr.tr.sales, fr.w

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    batch.style = "two named periods"
    ppm_e = fr.pm_s - timedelta(days=1)
    ppm = w(ppm_e.replace(day=1), ppm_e)
    add(f"how did {month_name(fr.pm_s)} compare with {month_name(ppm_e)} for revenue", [rev(pm), rev(ppm)])
    q_now, q_before = (fr.lq_s.month - 1) // 3 + 1, (p.pq_e.month - 1) // 3 + 1
    add(f"Q{q_before} vs Q{q_now} orders", [_orders(lq), _orders(p.pq)])
    h1, h2 = w(date(y - 1, 1, 1), date(y - 1, 6, 30)), w(date(y - 1, 7, 1), date(y - 1, 12, 31))
    add("first half vs second half of last year, revenue", [rev(h2), rev(h1)])
    add(f"did we sell more units in {month_name(fr.lm_s)} or {month_name(fr.pm_s)}", [units(lm), units(pm)])

    batch.style = "shares and ranks in a category"
    k = lq[lq["category"] == "Kitchen"]
    add("what share of Kitchen revenue came from amazon last quarter", [rev(on_channel(k, "amazon")) / rev(k) * 100])
    o = ytd[ytd["category"] == "Outdoor"]
    add(
        "top 3 products in Outdoor by revenue this year",
        [],
        top_names(o.groupby("title")["revenue"].sum(), 3),
        ordered=True,
    )
    e = ytd[ytd["category"] == "Electronics"]
    eb = e.groupby("brand")["units"].sum()
    add("which brand leads Electronics on units this year", [float(eb.max())], [str(peak(eb))])
    a = lm[lm["category"] == "Apparel"]
    add("what % of Apparel units were sold on promotion last month", [units(a[on_promotion(a)]) / units(a) * 100])

    batch.style = "weekday patterns"
    sat = lq[[d.weekday() == 5 for d in lq["date"]]]
    add("average revenue on a saturday last quarter", [rev(sat) / day_count(fr.lq_s, fr.lq_e, 5)])
    wr = weekday_totals(ytd, "revenue")
    add("which weekday is slowest for revenue this year", [float(wr.min())], [str(peak(wr, "min"))])
    add("weekend vs weekday revenue last month", [rev(weekend(lm)), rev(weekdays_only(lm))])
    add("what hour of the day do we sell the most", [], unanswerable=True)

    batch.style = "repeat and new customers"
    seen = first_seen(fr)
    lq_b = buyers(lq)
    add("how many returning customers did we have last quarter", [float(sum(seen[c] < fr.lq_s for c in lq_b))])
    came_back, named = returning_split(fr, ytd)
    add("new vs returning customer revenue this year", [named - came_back, came_back])
    add("how many customers placed more than one order last month", [repeat_count(lm)])
    add("how many new customers did we get this month", [float(len(new_buyers(fr, mtd, fr.ms)))])

    batch.style = "returns made against returned orders"
    add("how many units were returned last month", [returned(lm)])
    add("how many of last month's orders were returned", [float(returned_orders(lm, every)["order_id"].nunique())])
    add("returns processed last month", [returned(lm)])
    # the known gap: the returns made in the month (return lines dated in it, whatever the order's date), counted as
    # orders, against "how many of last month's orders were returned" (orders placed in it with a return at any date)
    back = pd.to_numeric(lm["returned_units"], errors="coerce").fillna(0) > 0
    add("how many orders did customers return last month", [float(lm.loc[back, "order_id"].nunique())])
    add("refunds last quarter vs the quarter before", [refunds(lq), refunds(p.pq)])
    rr = ytd.groupby("channel")["refund"].sum() / ytd.groupby("channel")["revenue"].sum()
    add("which channel has the highest refund rate this year", [], [str(peak(rr))])

    batch.style = "discounts"
    add("how much did we give away in discounts last month", [discount_total(lm)])
    dc = lq.assign(d=pd.to_numeric(lq["discount"], errors="coerce").fillna(0)).groupby("channel")["d"].sum()
    add("total discounts by channel last quarter", [float(dc.max())], [str(peak(dc))])
    promo = ytd[on_promotion(ytd)]
    add("how many orders used a discount this year", [_orders(promo)])

    batch.style = "channels and regions"
    add("revenue by region last month", [], unanswerable=True)
    add("how much did pos make this year", [rev(on_channel(ytd, "pos"))])
    add("amazon vs ebay orders last quarter", [_orders(on_channel(lq, "amazon")), _orders(on_channel(lq, "ebay"))])
    g = pct_by(lm, pm, "channel")
    add("which channel grew the most last month", [], [str(peak(g))])

    batch.style = "what grew the most"
    g = pct_by(lq, p.pq, "title")
    add("which product grew the most last quarter", [], [str(peak(g))])
    g = pct_by(lm, pm, "category")
    add("which category grew fastest last month in percent", [float(g.max())], [str(peak(g))])
    g = pct_by(lm, p.ly_lm, "brand")  # no period of its own: last month against the same month a year before
    add("which brand is up the most vs last year", [], [str(peak(g))])

    batch.style = "averages per order and per customer"
    add("average revenue per customer this year", [rev(ytd) / len(buyers(ytd))])
    add("avg units per order last week", [units(lw) / _orders(lw)])
    am = on_channel(lq, "amazon")
    add("average order value on amazon last quarter", [rev(am) / _orders(am)])
    add("how many orders does a customer place on average this year", [_orders(ytd) / len(buyers(ytd))])

    batch.style = "running totals to date"
    add("revenue so far this year", [rev(ytd)])
    add("how much have we made this quarter to date", [rev(p.qtd)])
    octo_s = fr.pm_s
    add(f"total units sold since the start of {month_name(octo_s)}", [units(w(octo_s, end))])

    batch.style = "best and worst periods"
    mr = by_month(whole_months(fr, every))
    add("best month ever for revenue", [float(mr.max())], [str(peak(mr))])
    mo = orders_by_month(whole_months(fr, ytd))
    add("which month this year had the fewest orders", [float(mo.min())], [str(peak(mo, "min"))])
    dr = every.groupby("date")["revenue"].sum()
    add("record day for sales", [float(dr.max())], [peak(dr, "max", day_name)])

    batch.style = "short questions"
    add("refunds ytd?", [refunds(ytd)])
    add("units mtd", [units(mtd)])
    add("aov last month?", [rev(lm) / _orders(lm)])

    batch.style = "typos and casual"
    add("how much $$ did we make last mnth", [rev(lm)])
    add("wat were sales on amzon this yr", [rev(on_channel(ytd, "amazon"))])
    add("hw many ordrs last wk", [_orders(lw)])
    # Q3 without a year is the latest Q3 that started, last quarter on both merchants (data ending in December)
    add("gimme kitchen revenue for q3", [rev(lq[lq["category"] == "Kitchen"])])
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """New questions of the set's kinds (batch ``twentysixth2``, "held out"), written after its fixes and measured
    once; judged on the first sentence as the set is."""
    fr, p, batch = phrasing_set(t, catalogue, "twentysixth2", "held out")
    end, tenant, y = fr.end, t.tenant, fr.y
    lm, pm, lw, ytd, mtd, lq = fr.lm, fr.pm, fr.lw, fr.ytd, fr.mtd, fr.lq
    every, w = fr.tr.sales, fr.w

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    # two named periods
    q1, q2 = w(date(y - 1, 1, 1), date(y - 1, 3, 31)), w(date(y - 1, 4, 1), date(y - 1, 6, 30))
    add("Q1 or Q2 of last year, which had more orders", [_orders(q2), _orders(q1)])
    add(f"{month_name(fr.pm_s)} vs {month_name(fr.lm_s)} units", [units(lm), units(pm)])
    h1, h2 = w(date(y - 1, 1, 1), date(y - 1, 6, 30)), w(date(y - 1, 7, 1), date(y - 1, 12, 31))
    add("compare revenue in H1 and H2 last year", [rev(h2), rev(h1)])
    # shares and ranks in a category
    o = ytd[ytd["category"] == "Outdoor"]
    add("what percent of Outdoor sales came through ebay this year", [rev(on_channel(o, "ebay")) / rev(o) * 100])
    h = ytd[ytd["category"] == "Home"]
    add(
        "best 3 sellers in Home by revenue this year",
        [],
        top_names(h.groupby("title")["revenue"].sum(), 3),
        ordered=True,
    )
    k = ytd[ytd["category"] == "Kitchen"]
    kb = k.groupby("brand")["units"].sum()
    add("which brand sells the most Kitchen units this year", [float(kb.max())], [str(peak(kb))])
    # weekday patterns
    wr = weekday_totals(lq, "revenue")
    add("which day of the week brings in the most revenue last quarter", [float(wr.max())], [str(peak(wr))])
    sun = ytd[[d.weekday() == 6 for d in ytd["date"]]]
    add("average revenue on sundays this year", [rev(sun) / day_count(fr.ys, end, 6)])
    sat, sunl = lm[[d.weekday() == 5 for d in lm["date"]]], lm[[d.weekday() == 6 for d in lm["date"]]]
    add("saturday vs sunday orders last month", [_orders(sat), _orders(sunl)])
    add("what time do most people buy", [], unanswerable=True)
    # repeat and new customers
    add("how many customers ordered 2 or more times this year", [repeat_count(ytd)])
    came_back, named = returning_split(fr, lq)
    add("revenue split new vs repeat customers last quarter", [named - came_back, came_back])
    add("number of first time customers last quarter", [float(len(new_buyers(fr, lq, fr.lq_s)))])
    # returns made against returned orders
    back = pd.to_numeric(lm["returned_units"], errors="coerce").fillna(0) > 0
    add("how many orders came back last month", [float(lm.loc[back, "order_id"].nunique())])
    add("how many units did customers send back this year", [returned(ytd)])
    add("refund total this year vs last year", [refunds(ytd), refunds(p.ly_ytd)])
    # discounts
    add("total discount amount this year", [discount_total(ytd)])
    dc = lm.assign(d=pd.to_numeric(lm["discount"], errors="coerce").fillna(0)).groupby("category")["d"].sum()
    add("which category got the most discounts last month", [float(dc.max())], [str(peak(dc))])
    # channels and regions
    add("sales by country last quarter", [], unanswerable=True)
    add("ebay vs web revenue last month", [rev(on_channel(lm, "ebay")), rev(on_channel(lm, "web"))])
    # what grew the most
    g = pct_by(lq, p.pq, "channel")
    add("which channel grew fastest last quarter", [float(g.max())], [str(peak(g))])
    g = pct_by(lm, pm, "category")  # no period of its own: the last whole month against the one before
    add("which category is down the most vs last month", [], [str(peak(g, "min"))])
    # averages per order and per customer
    add("average spend per customer last quarter", [rev(lq) / len(buyers(lq))])
    add("how many items does a customer buy on average this year", [units(ytd) / len(buyers(ytd))])
    eb = on_channel(ytd, "ebay")
    add("avg order value for ebay this year", [rev(eb) / _orders(eb)])
    # running totals to date
    add("revenue year to date", [rev(ytd)])
    add("how many orders so far this month", [_orders(mtd)])
    # best and worst periods
    mr = by_month(whole_months(fr, ytd))
    add("worst month this year for revenue", [float(mr.min())], [str(peak(mr, "min"))])
    sold = every[every["units"] > 0]
    do = sold.groupby("date")["order_id"].nunique()
    add("biggest day ever for orders", [float(do.max())], [peak(do, "max", day_name)])
    # short questions
    add("returns ytd?", [returned(ytd)])
    add("orders lw", [_orders(lw)])
    # typos and casual
    add("reveneu for ebay lst quarter", [rev(on_channel(lq, "ebay"))])
    add("how much did we discout last month", [discount_total(lm)])
    return batch.cases
