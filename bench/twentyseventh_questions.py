"""A twenty-seventh set of phrasings for the question bench (batch ``twentyseventh``), by style, truths from the rows.

What a merchant asks of the week's and the month's figures, in the shapes earlier rounds left thin: how many returns
(return events, the units and the money beside each other), return rates said several ways, the average order value
(and what an order is), places of sale the data may not keep (branch, warehouse, machine), comparisons across named
periods, shares, rankings, new and returning customers, discounts and channels. "Last month" is the data's last whole
month. Every case is judged on the answer's FIRST sentence (``Case.lead``). The truths are pandas over the merchant's
rows (``bench.questions.Truth``), never the answer code. ``held_out_cases`` (batch ``twentyseventh2``) was written
after the fixes and measured once.
"""

from __future__ import annotations

import pandas as pd

from bench.fourteenth_questions import new_buyers, returning_split
from bench.question_data import BenchTenant
from bench.questions import Case, _orders, on_channel, rev, units
from bench.tenth_questions import returned
from bench.thirteenth_questions import buyers, phrasing_set, refunds
from bench.truths import peak
from bench.twentyfifth_questions import repeat_count, top_names
from bench.twentyfourth_questions import discount_total, on_promotion, returned_orders
from bench.twentysixth_questions import month_name, pct_by


def returns_made(f: pd.DataFrame) -> float:
    """Return events: the orders with units returned on a line dated in ``f`` (whenever the order was placed)."""
    back = pd.to_numeric(f["returned_units"], errors="coerce").fillna(0) > 0
    return float(f.loc[back, "order_id"].nunique())


def twentyseventh_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """The twenty-seventh set (batch ``twentyseventh``), by style."""
    fr, p, batch = phrasing_set(t, catalogue, "twentyseventh")
    tenant = t.tenant
    lm, pm, lw, ytd, mtd, lq = fr.lm, fr.pm, fr.lw, fr.ytd, fr.mtd, fr.lq
    every = fr.tr.sales

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    batch.style = "how many returns"
    add("how many returns did we have last month?", [returns_made(lm), returned(lm)])
    add("returns last quarter", [returns_made(lq), returned(lq)])
    add("number of returns this year", [returns_made(ytd), returned(ytd)])
    add("how many returns and how much did we refund last month", [returns_made(lm), refunds(lm)])
    add("how many items came back last month", [returned(lm)])

    batch.style = "return rates"
    add("what was our return rate last month", [returned(lm) / units(lm) * 100])
    add("what percentage of units got returned last quarter", [returned(lq) / units(lq) * 100])
    add(
        "what % of last month's orders were returned",
        [float(returned_orders(lm, every)["order_id"].nunique()) / _orders(lm) * 100],
    )
    ly = p.ly_ytd
    add("return rate this year vs last year", [returned(ytd) / units(ytd) * 100, returned(ly) / units(ly) * 100])
    rr = lq.groupby("channel")["returned_units"].sum() / lq.groupby("channel")["units"].sum()
    add("which channel has the highest return rate last quarter", [], [str(peak(rr))])

    batch.style = "average order value"
    add("what was our average order value last month", [rev(lm) / _orders(lm)])
    add("aov this year vs last year", [rev(ytd) / _orders(ytd), rev(p.ly_ytd) / _orders(p.ly_ytd)])
    add(
        "how much does the average order come to on ebay this year",
        [rev(on_channel(ytd, "ebay")) / _orders(on_channel(ytd, "ebay"))],
    )
    add("average basket value last week", [rev(lw) / _orders(lw)])

    batch.style = "places of sale the data lack"
    add("which branch sold the most last month", [], unanswerable=True)
    add("revenue by warehouse last quarter", [], unanswerable=True)
    add("which machine made the most money this year", [], unanswerable=True)

    batch.style = "comparisons across periods"
    add(f"{month_name(fr.lm_s)} vs {month_name(fr.pm_s)} revenue", [rev(lm), rev(pm)])
    add("how did orders last month compare to the same month last year", [_orders(lm), _orders(p.ly_lm)])
    # the same point of the quarter before is its calendar day three months back (6 Dec -> 6 Sep), as the house's
    # "the same days of the quarter before" (first written as the same number of days: 5 Sep; corrected)
    same_days = fr.w(fr.lq_s, fr.end.replace(month=fr.end.month - 3) if fr.end.month > 3 else fr.end)
    add("units this quarter vs the same point last quarter", [units(p.qtd), units(same_days)])
    add("was last week better than the week before for revenue", [rev(lw), rev(p.plw)])

    batch.style = "shares and rankings"
    lc = lm.groupby("channel")["revenue"].sum()
    add("what share of last month's revenue came from amazon", [rev(on_channel(lm, "amazon")) / rev(lm) * 100])
    add(
        "rank the channels by revenue last quarter",
        [],
        top_names(lq.groupby("channel")["revenue"].sum(), 4),
        ordered=True,
    )
    add("which channel was smallest last month", [float(lc.min())], [str(peak(lc, "min"))])
    cu = ytd.groupby("category")["units"].sum()
    add("what share of units this year were Kitchen", [float(cu.get("Kitchen", 0)) / units(ytd) * 100])

    batch.style = "new and returning customers"
    add("how many new customers last month", [float(len(new_buyers(fr, lm, fr.lm_s)))])
    came_back, named = returning_split(fr, lm)
    add("how much revenue came from returning customers last month", [came_back])
    add("how many repeat customers this year", [repeat_count(ytd)])
    add("how many customers bought last week", [float(len(buyers(lw)))])

    batch.style = "discounts and promotions"
    add("how much did we discount last quarter", [discount_total(lq)])
    add("what share of revenue was sold on promotion last month", [rev(lm[on_promotion(lm)]) / rev(lm) * 100])
    dc = lm.assign(d=pd.to_numeric(lm["discount"], errors="coerce").fillna(0)).groupby("channel")["d"].sum()
    add("which channel gave the most discounts last month", [float(dc.max())], [str(peak(dc))])

    batch.style = "channels"
    g = pct_by(lq, p.pq, "channel")
    add("which channel grew the most last quarter", [], [str(peak(g))])
    add("how many orders came through the web store this month", [_orders(on_channel(mtd, "web"))])
    add("pos units last week", [units(on_channel(lw, "pos"))])
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """New questions of the set's kinds (batch ``twentyseventh2``, "held out"), written after its fixes and measured
    once; judged on the first sentence as the set is."""
    fr, p, batch = phrasing_set(t, catalogue, "twentyseventh2", "held out")
    tenant = t.tenant
    lm, pm, lw, ytd, lq = fr.lm, fr.pm, fr.lw, fr.ytd, fr.lq
    every = fr.tr.sales

    def add(question: str, numbers: list[float], names: list[str] | None = None, **kw: object) -> None:
        batch.add(Case(tenant, question, numbers, names or [], lead=True, **kw))  # type: ignore[arg-type]

    # how many returns
    add("how many returns came in last week", [returns_made(lw), returned(lw)])
    add("total returns in the last quarter", [returns_made(lq), returned(lq)])
    add(
        "count of returns on amazon last month",
        [returns_made(on_channel(lm, "amazon")), returned(on_channel(lm, "amazon"))],
    )
    add("how many units were sent back this year", [returned(ytd)])
    # return rates
    add("returns as a percentage of units sold this year", [returned(ytd) / units(ytd) * 100])
    add(
        "what proportion of orders got returned last quarter",
        [float(returned_orders(lq, every)["order_id"].nunique()) / _orders(lq) * 100],
    )
    cr = lm.groupby("category")["returned_units"].sum() / lm.groupby("category")["units"].sum()
    add("which category had the worst return rate last month", [], [str(peak(cr))])
    # average order value
    add(
        "what's a typical order worth on amazon last quarter",
        [rev(on_channel(lq, "amazon")) / _orders(on_channel(lq, "amazon"))],
    )
    add("average order value last month vs the month before", [rev(lm) / _orders(lm), rev(pm) / _orders(pm)])
    add("how much did the average order come to last week", [rev(lw) / _orders(lw)])
    # places of sale the data lack
    add("sales by branch this year", [], unanswerable=True)
    add("which kiosk sold the most units last month", [], unanswerable=True)
    # comparisons across periods
    add(f"revenue in {month_name(fr.lm_s)} compared with {month_name(fr.pm_s)}", [rev(lm), rev(pm)])
    add("orders last week vs the week before", [_orders(lw), _orders(p.plw)])
    # shares and rankings
    add("what percentage of this year's orders came from ebay", [_orders(on_channel(ytd, "ebay")) / _orders(ytd) * 100])
    add("top 2 channels by units last month", [], top_names(lm.groupby("channel")["units"].sum(), 2), ordered=True)
    # new and returning customers
    add("how many first-time buyers did we have last quarter", [float(len(new_buyers(fr, lq, fr.lq_s)))])
    came_back, named = returning_split(fr, lq)
    add("revenue from new customers last quarter", [named - came_back])
    # discounts
    add("total discounts given last month", [discount_total(lm)])
    # channels
    add("how much did amazon bring in last week", [rev(on_channel(lw, "amazon"))])
    return batch.cases
