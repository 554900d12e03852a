"""The question bench: does the answer's first sentences answer what was asked, with the right numbers?

Two merchants (``bench/question_data.py``): the sample merchant as ``make demo`` generates it, and another whose
export ended a year earlier. Each question is built from a template over the merchant's own names and dates,
and its truth is computed here with pandas from the generated rows as the store accepted them (never through the
metrics layer: ``bench/truths.py``). A question counts as answered when the ``answer`` field holds the truth: every
expected number (within 1%) and every expected name (any of tied ones: ``bench/truths.py``), rankings in order.

Prints ``answered in the answer: N/M``, the median metric report size (compact JSON), in-process latency
p50/p95 (the real query function on the embedded runtime, uncached) and whole-CLI p50 (``ecomintel ask``).
Goals: >= 95% answered, median <= 4 KiB, in-process p95 <= 100 ms, whole-CLI p50 <= 1.5 s.

    .venv/bin/python bench/questions.py     # BENCH_HOME=dir to choose the home; BENCH_CLI_RUNS=0 skips the CLI
                                            # BENCH_TODAY=2026-03-01 generates that day's data
"""

from __future__ import annotations

import calendar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.question_data import BenchTenant, prepare, tenant_specs  # noqa: E402
from bench.truths import accepted, first, peak, position  # noqa: E402

for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Case:
    """A question, the numbers and names its answer must contain, and whether names must be in order."""

    tenant: str
    question: str
    numbers: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    ordered: bool = False
    unanswerable: bool = False
    unknown: str = ""
    tolerance: float | None = None  # absolute, for counts the ingest's repairs can move by a unit or two
    absent: list[str] = field(default_factory=list)  # what a misread would say (another period, another measure)
    one_of: list[str] = field(default_factory=list)  # at least one must be said (one of the catalogue's own codes)
    batch: str = ""  # which set of phrasings the case belongs to (``BENCH_ONLY`` runs one)
    style: str = ""  # how the question is written (the ninth set reports its rate per style)
    lead: bool = False  # the numbers and names must be in the answer's first sentence (what a merchant reads first)
    #: numbers and names must be in the answer's first sentence (``one_of`` anywhere): the figure leads the answer
    first: bool = False



class CaseBatch:
    """A phrasing set's cases, each filed under the set's ``batch`` and the ``style`` being written when added."""

    def __init__(self, batch: str, style: str = "") -> None:
        self.batch, self.style = batch, style
        self.cases: list[Case] = []

    def add(self, case: Case) -> None:
        """File ``case`` under the batch and the current style (a case's own style when none is set)."""
        case.batch, case.style = self.batch, self.style or case.style
        self.cases.append(case)


def batch_cases(batch: str, style: str = "") -> tuple[list[Case], Callable[[Case], None]]:
    """A set's case list and the ``add`` that files each case under ``batch`` (one per phrasing set), and under
    ``style`` when given ("held out": every case of a held-out set)."""
    cases = CaseBatch(batch, style)
    return cases.cases, cases.add

def _month_bounds(d: date) -> tuple[date, date]:
    start = d.replace(day=1)
    nxt = (start + timedelta(days=32)).replace(day=1)
    return start, nxt - timedelta(days=1)


def next_month_span(end: date) -> str:
    """"Next month" as a forecast answer names it: the calendar month after the data's last day's, first to last day
    (not the next 30 days)."""
    s, e = _month_bounds(_month_bounds(end)[1] + timedelta(days=1))
    return f"{s.isoformat()} to {e.isoformat()}"


def next_quarter_span(end: date) -> str:
    """"Next quarter" as a forecast answer names it: the calendar quarter after the data's last day's, first to last
    day (not the next 91 days)."""
    months = end.year * 12 + (end.month - 1) // 3 * 3 + 3  # the next quarter's first month, counted from year 0
    s = date(months // 12, months % 12 + 1, 1)
    e = _month_bounds(date(s.year, s.month + 2, 1))[1]
    return f"{s.isoformat()} to {e.isoformat()}"


def _last_complete_month(end: date) -> tuple[date, date]:
    s, e = _month_bounds(end)
    return (s, e) if e == end else _month_bounds(s - timedelta(days=1))


class Truth:
    """Pandas over one merchant's rows as the store accepted them (:func:`accepted`)."""

    def __init__(self, t: BenchTenant, catalogue: set[str]) -> None:
        m = t.merchant
        self.end = t.end
        # the generator plants a few unreadable catalogue rows, which the ingest refuses: their sales stay, but
        # without a title, brand, category or cost (``catalogue`` = the SKUs the ingest accepted)
        products = m.products[m.products["sku"].isin(catalogue)]
        self.sales = m.sales.assign(date=pd.to_datetime(m.sales["date"]).dt.date).merge(
            products[["sku", "title", "brand", "category", "cost"]], on="sku", how="left")
        self.reviews = m.reviews.assign(date=pd.to_datetime(m.reviews["date"]).dt.date)
        self.inventory = m.inventory.assign(date=pd.to_datetime(m.inventory["date"]).dt.date)
        self.products = m.products
        self.first = min(self.sales["date"])

    def window(self, start: date, end: date, frame: pd.DataFrame | None = None) -> pd.DataFrame:
        f = self.sales if frame is None else frame
        return f[(f["date"] >= start) & (f["date"] <= end)]

    def revenue(self, start: date, end: date) -> float:
        return float(self.window(start, end)["revenue"].sum())

    def units(self, start: date, end: date) -> float:
        return float(self.window(start, end)["units"].sum())

    def orders(self, start: date, end: date) -> float:
        return float((self.window(start, end)["units"] > 0).sum())


def _fmt_money(v: float) -> str:
    return f"{v:,.2f}"


def _day_month(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1][:3]}"


def _month_of(year: int) -> Callable[[Any], str]:
    """``Mar 2025`` from a month number of ``year``."""
    return lambda month: f"{MONTHS[int(month) - 1][:3]} {year}"


def cases_for(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per template
    """The bench's questions over one merchant, with truths from its generated rows."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    year = end.year - 1  # the last whole calendar year in the data
    ys, ye = date(year, 1, 1), date(year, 12, 31)
    lm_s, lm_e = _last_complete_month(end)
    q_month = 3 * ((end.month - 1) // 3) + 1
    cq_s = date(end.year, q_month, 1)
    lq_e = cq_s - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    pq_e = lq_s - timedelta(days=1)
    pq_s = date(pq_e.year, 3 * ((pq_e.month - 1) // 3) + 1, 1)
    qn = (lq_s.month - 1) // 3 + 1
    mid = date(year, 6, 1)
    m_s, m_e = _month_bounds(mid)
    cases: list[Case] = []
    add = cases.append

    add(Case(tenant, "What did we make last month?", [tr.revenue(lm_s, lm_e)]))
    add(Case(tenant, f"What was our revenue in Q{qn} {lq_s.year}?", [tr.revenue(lq_s, lq_e)]))
    add(Case(tenant, f"How much revenue did we make in {MONTHS[mid.month - 1]} {year}?", [tr.revenue(m_s, m_e)]))
    add(Case(tenant, f"Total sales in {year}?", [tr.revenue(ys, ye)]))
    add(Case(tenant, "How many units did we sell in the last 30 days?",
             [tr.units(end - timedelta(days=29), end)]))
    add(Case(tenant, "How many orders did we get last quarter?", [tr.orders(lq_s, lq_e)]))
    aov = tr.revenue(m_s, m_e) / tr.orders(m_s, m_e)
    add(Case(tenant, f"What was the average order value in {MONTHS[mid.month - 1]} {year}?", [aov]))
    w = tr.window(lm_s, lm_e)
    top = w.groupby(["sku", "title"])["revenue"].sum().sort_values(ascending=False).head(5)
    add(Case(tenant, "What were the top 5 products by revenue last month?", [float(top.iloc[0])],
             [sku for sku, _ in top.index], ordered=True))
    cat = tr.window(ys, ye).groupby("category")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, f"Which category had the most revenue in {year}?", [float(cat.iloc[0])], [str(cat.index[0])]))
    ch = tr.window(ys, ye).groupby("channel")["revenue"].sum()
    share = float(ch["amazon"] / ch.sum() * 100)
    add(Case(tenant, f"What share of revenue came from Amazon in {year}?", [share], ["amazon"]))
    chq = tr.window(lq_s, lq_e).groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "Revenue by channel last quarter", [float(v) for v in chq.values], list(chq.index),
             ordered=True))
    cur, prev = tr.revenue(lq_s, lq_e), tr.revenue(pq_s, pq_e)
    add(Case(tenant, f"How did revenue in Q{qn} {lq_s.year} compare to the previous quarter?",
             [cur, prev, (cur / prev - 1) * 100]))
    ytd_s = date(end.year, 1, 1)
    # 29 Feb a year back is 28 Feb (as the metrics layer maps it); the bench crashed on data ending 29 Feb
    ly_s = date(end.year - 1, 1, 1)
    ly_e = date(end.year - 1, end.month, min(end.day, calendar.monthrange(end.year - 1, end.month)[1]))
    cur, prev = tr.revenue(ytd_s, end), tr.revenue(ly_s, ly_e)
    add(Case(tenant, "How is revenue this year compared to last year?", [cur, prev, (cur / prev - 1) * 100]))
    best_sku = tr.window(ys, ye).groupby(["sku", "title"])["revenue"].sum().sort_values(ascending=False)
    title = str(best_sku.index[3][1])
    add(Case(tenant, f"How much did the {title} make in {year}?", [float(best_sku.iloc[3])]))
    category = str(cat.index[-1])
    units_cat = float(w[w["category"] == category]["units"].sum())
    add(Case(tenant, f"How many units did we sell in the {category} category last month?", [units_cat]))
    monthly = tr.window(ys, ye).assign(month=lambda f: [d.month for d in f["date"]]).groupby("month")[
        "revenue"].sum()
    best_month = peak(monthly, "max", _month_of(year))
    add(Case(tenant, f"Which month had the highest revenue in {year}?", [float(monthly.max())],
             [best_month]))
    rv = tr.window(end - timedelta(days=89), end, tr.reviews)
    add(Case(tenant, "What's our average rating over the last 90 days?", [float(rv["rating"].mean())]))
    rq = tr.window(lq_s, lq_e, tr.reviews)
    add(Case(tenant, f"How many reviews did we get in Q{qn} {lq_s.year}?", [float(len(rq))]))
    inv = tr.inventory.sort_values("date").groupby(["sku", "location"]).tail(1)
    add(Case(tenant, "How much stock do we have on hand right now?", [float(inv["on_hand"].sum())]))
    add(Case(tenant, "What is my customer acquisition cost?", unanswerable=True))
    add(Case(tenant, "How much did we spend on ads last month?", unanswerable=True))
    units_p = tr.window(ys, ye).groupby(["sku", "title"])["units"].sum().sort_values(ascending=False)
    add(Case(tenant, f"What was our best-selling product in {year}?", [float(units_p.iloc[0])],
             [str(units_p.index[0][1])]))
    brand = str(tr.products["brand"].value_counts().index[0])
    add(Case(tenant, f"Revenue from {brand} in Q{qn} {lq_s.year}",
             [float(tr.window(lq_s, lq_e).query("brand == @brand")["revenue"].sum())]))
    wd = tr.window(ys, ye)
    sat = float(wd[[d.weekday() == 5 for d in wd["date"]]]["units"].sum())
    add(Case(tenant, f"How many units did we sell on Saturdays in {year}?", [sat]))
    add(Case(tenant, "What was revenue yesterday?", [tr.revenue(end, end)]))
    add(Case(tenant, "Units sold year to date", [tr.units(ytd_s, end)]))
    yw = tr.window(ys, ye).dropna(subset=["cost"])  # margin is over the lines whose product has a cost
    # gross margin = net revenue (after discounts and refunds) - cost of goods
    net = yw["revenue"].sum() - yw["discount"].fillna(0).sum() - yw["refund"].fillna(0).sum()
    margin = float(net - (yw["units"] * yw["cost"]).sum())
    add(Case(tenant, f"What was our gross margin in {year}?", [margin]))
    wl = tr.window(lm_s, lm_e)
    web_units = float(wl[wl["channel"] == "web"]["units"].sum() / wl["units"].sum() * 100)
    add(Case(tenant, "What percentage of units were sold on the web channel last month?", [web_units]))
    bottom = tr.window(ys, ye).groupby("category")["units"].sum().sort_values().head(3)
    add(Case(tenant, f"Bottom 3 categories by units sold in {year}", [float(bottom.iloc[0])], list(bottom.index),
             ordered=True))
    h1 = tr.revenue(date(year, 1, 1), date(year, 6, 30))
    add(Case(tenant, f"What were our sales in the first half of {year}?", [h1]))
    since = date(end.year, 1, 1) if end.month > 2 else date(end.year - 1, 9, 1)
    add(Case(tenant, f"How many orders have we had since {MONTHS[since.month - 1]} {since.year}?",
             [tr.orders(since, end)]))
    # the same truths asked in other words (the acceptance sets are phrased differently from this bench)
    add(Case(tenant, "How much money came in last month?", [tr.revenue(lm_s, lm_e)]))
    add(Case(tenant, f"Turnover for the {['first', 'second', 'third', 'fourth'][qn - 1]} quarter of {lq_s.year}",
             [tr.revenue(lq_s, lq_e)]))
    add(Case(tenant, f"Give me total takings for {year}", [tr.revenue(ys, ye)]))
    add(Case(tenant, "Number of items sold over the past 30 days", [tr.units(end - timedelta(days=29), end)]))
    add(Case(tenant, "Orders last quarter?", [tr.orders(lq_s, lq_e)]))
    add(Case(tenant, f"Typical basket value in {MONTHS[mid.month - 1][:3]} {year}", [aov]))
    add(Case(tenant, "Show me last month's 5 best products by sales", [float(top.iloc[0])],
             [sku for sku, _ in top.index], ordered=True))
    add(Case(tenant, f"Best category by revenue in {year}?", [float(cat.iloc[0])], [str(cat.index[0])]))
    add(Case(tenant, f"How much of {year}'s revenue was from amazon, as a percentage?", [share], ["amazon"]))
    add(Case(tenant, f"Split revenue per channel for Q{qn} {lq_s.year}", [float(v) for v in chq.values],
             list(chq.index), ordered=True))
    cur, prev = tr.revenue(lq_s, lq_e), tr.revenue(pq_s, pq_e)
    add(Case(tenant, f"Did revenue grow in Q{qn} {lq_s.year}?", [cur, prev]))
    add(Case(tenant, f"Units sold in the {category} category in {MONTHS[lm_s.month - 1]}", [units_cat]))
    add(Case(tenant, f"What was our strongest month of {year}?", [float(monthly.max())],
             [best_month]))
    add(Case(tenant, "Average star rating in the last 90 days", [float(rv["rating"].mean())]))
    add(Case(tenant, "How many units are in stock?", [float(inv["on_hand"].sum())]))
    add(Case(tenant, "What's our CAC?", unanswerable=True))
    add(Case(tenant, "What's the conversion rate on the web shop?", unanswerable=True))
    add(Case(tenant, f"Which product sold the most units in {year}?", [float(units_p.iloc[0])],
             [str(units_p.index[0][1])]))
    add(Case(tenant, f"Units sold on Saturdays during {year}", [sat]))
    add(Case(tenant, "Sales on the last day of data", [tr.revenue(end, end)]))
    lq = tr.window(lq_s, lq_e)
    add(Case(tenant, f"What did our {category} category sell in Q{qn} {lq_s.year}?",
             [float(lq[lq["category"] == category]["revenue"].sum())]))
    add(Case(tenant, "Why are ratings for the teak garden bench falling?", unknown="teak garden bench"))
    add(Case(tenant, "How much did the bamboo owl lamp make last month?", unknown="bamboo owl lamp"))
    return cases + phrasing_cases(t, tr) + stock_and_promo_cases(t, tr, catalogue) + merchant_cases(t, tr, catalogue)


def _pct_change(cur: pd.Series, prev: pd.Series) -> pd.Series:
    both = pd.concat([cur.rename("cur"), prev.rename("prev")], axis=1).fillna(0)
    both = both[both["prev"] > 0]
    return (both["cur"] / both["prev"] - 1) * 100


def _mentions(texts: pd.Series, sentences: list[str]) -> pd.Series:
    """Whether each review text holds one of ``sentences`` (the generator's own, openers lower-case them)."""
    lowered = texts.fillna("").str.lower()
    hit = pd.Series(False, index=texts.index)
    for s in sentences:
        hit |= lowered.str.contains(s.lower(), regex=False)
    return hit


def phrasing_cases(t: BenchTenant, tr: Truth) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """Sales and review phrasings a merchant uses (``docs/questions.md``), with truths from the generated rows."""
    from shared.sample.reviews import ASPECTS

    end, tenant = t.end, t.tenant
    year = end.year - 1
    ys, ye = date(year, 1, 1), date(year, 12, 31)
    lm_s, lm_e = _last_complete_month(end)
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(end.year, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    pq_e = lq_s - timedelta(days=1)
    pq_s = date(pq_e.year, 3 * ((pq_e.month - 1) // 3) + 1, 1)
    cases: list[Case] = []
    add = cases.append
    # week over week: the last whole Monday-Sunday week against the one before
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    add(Case(tenant, "Revenue week over week", [tr.revenue(lw_s, lw_e),
                                                tr.revenue(lw_s - timedelta(days=7), lw_s - timedelta(days=1))]))
    add(Case(tenant, "Orders WoW", [tr.orders(lw_s, lw_e)]))
    yw = tr.window(ys, ye)
    add(Case(tenant, f"How much revenue did we lose to refunds in {year}?", [float(yw["refund"].fillna(0).sum())]))
    lw = tr.window(lm_s, lm_e)
    rate = float(lw["discount"].fillna(0).sum() / lw["revenue"].sum() * 100)
    add(Case(tenant, "What percent of revenue did we discount last month?", [rate]))
    costed = yw.dropna(subset=["cost"])
    net = costed["revenue"] - costed["discount"].fillna(0) - costed["refund"].fillna(0)
    margin = net - costed["units"] * costed["cost"]
    add(Case(tenant, f"What was our profit margin in {year}?", [float(margin.sum() / net.sum() * 100)]))
    per_sku = margin.groupby(costed["sku"]).sum().sort_values()
    add(Case(tenant, f"Which products made the least margin in {year}?", [float(per_sku.iloc[0])],
             [str(per_sku.index[0])]))
    cur = tr.window(lq_s, lq_e).groupby("category")["revenue"].sum()
    grown = _pct_change(cur, tr.window(pq_s, pq_e).groupby("category")["revenue"].sum()).sort_values()
    add(Case(tenant, f"Which category saw the largest sales increase in Q{(lq_s.month - 1) // 3 + 1} {lq_s.year}?",
             [float(grown.iloc[-1])], [str(grown.index[-1])]))
    sold = tr.sales[tr.sales["units"] > 0]
    cur_o = tr.window(lq_s, lq_e, sold).groupby("channel").size()
    dropped = _pct_change(cur_o, tr.window(pq_s, pq_e, sold).groupby("channel").size()).sort_values()
    add(Case(tenant, "Which channel had the biggest drop in orders last quarter?", [float(dropped.iloc[0])],
             [str(dropped.index[0])]))
    add(Case(tenant, "Revenue by region last month", unanswerable=True))
    emails = tr.window(lm_s, lm_e, sold)["customer_email"].str.strip().str.lower()
    first_buy = sold.groupby(sold["customer_email"].str.strip().str.lower())["date"].min()
    new = sum(1 for e in emails.unique() if first_buy[e] >= lm_s)  # their first purchase in the data falls in it
    add(Case(tenant, "How many new customers did we get last month?", [float(new), float(emails.nunique())]))
    add(Case(tenant, "Average revenue per customer last month",
             [tr.revenue(lm_s, lm_e) / emails.nunique(), float(emails.nunique())]))
    add(Case(tenant, "Which customer spent the most?", unanswerable=True))
    summer = date(end.year if end.month >= 6 else end.year - 1, 6, 1)
    days = (end - summer).days + 1
    add(Case(tenant, "Has revenue gone up since the summer?",
             [tr.revenue(summer, end), tr.revenue(summer - timedelta(days=days), summer - timedelta(days=1))]))
    winter_y = end.year
    while date(winter_y + 1, 3, 1) - timedelta(days=1) > end:  # the latest whole December-February
        winter_y -= 1
    winter_s, winter_e = date(winter_y, 12, 1), date(winter_y + 1, 3, 1) - timedelta(days=1)
    add(Case(tenant, "How did sales do last winter?", [tr.revenue(winter_s, winter_e)]))
    # reviews: the metrics layer counts every review row; the sentiment agent leaves suspected spam out
    rv = tr.reviews
    neg = rv[rv["rating"].fillna(5) <= 2].groupby("sku").size().sort_values(ascending=False, kind="stable")
    if len(neg) > 1 and neg.iloc[0] > neg.iloc[1]:
        add(Case(tenant, "Which products get the most negative reviews?", [float(neg.iloc[0])], [str(neg.index[0])]))
    ry = tr.window(ys, ye, rv)
    rated = ry["rating"].dropna()
    add(Case(tenant, f"What share of reviews were negative in {year}?", [float((rated <= 2).mean() * 100)]))
    monthly = tr.window(ys, ye, rv[rv["rating"].fillna(5) <= 2]).assign(
        month=lambda f: [d.month for d in f["date"]]).groupby("month").size()
    add(Case(tenant, f"Number of negative reviews by month in {year}", [float(monthly.max())]))
    r_end = max(rv["date"])
    since = date(r_end.year if r_end.month >= 3 else r_end.year - 1, 3, 1)
    span = (r_end - since).days + 1
    now = tr.window(since, r_end, rv)["rating"].dropna()
    before = tr.window(since - timedelta(days=span), since - timedelta(days=1), rv)["rating"].dropna()
    add(Case(tenant, "Has the sentiment improved since March?", [float(now.mean()), float(before.mean())]))
    # aspects, as the sentiment agent reads them: the last 365 days of reviews, suspected spam left out
    year_rv = rv[(rv["date"] >= r_end - timedelta(days=365)) & ~rv["review_id"].isin(t.merchant.review_truth.spam_ids)]
    shipping = [*ASPECTS["shipping"][0], *ASPECTS["shipping"][1], "Box arrived damaged."]
    ship = float(_mentions(year_rv["text"], shipping).sum())
    add(Case(tenant, "What are customers saying about shipping?", [ship], ["shipping/delivery"]))
    add(Case(tenant, "How many reviews mention delivery?", [ship], ["shipping/delivery"]))
    products = t.merchant.products.set_index("sku")
    declining = t.merchant.review_truth.declining_sku
    if declining in products.index:  # not when the ingest refused its catalogue row: no title to ask by
        title = str(products.loc[declining, "title"])
        add(Case(tenant, f"What do people say about the battery of the {title}?", names=["none of the", "battery"]))
        add(Case(tenant, f"Why are customers unhappy with the {title}?", names=[declining, "quality/durability"]))
        add(Case(tenant, f"What do people love about the {title}?", names=["what customers like most", declining]))
    kitchen = lw[lw["category"] == "Kitchen"].groupby("sku")["units"].sum().sort_values(ascending=False,
                                                                                      kind="stable")
    if len(kitchen) > 1 and kitchen.iloc[0] > kitchen.iloc[1]:
        add(Case(tenant, "Which Kitchen products sold the most last month?", [float(kitchen.iloc[0])],
                 [str(kitchen.index[0])]))
    daily = lw.groupby("date")["revenue"].sum()
    add(Case(tenant, "Which day last month had the lowest sales?", [float(daily.min())],
             [peak(daily, "min", _day_month)]))
    first_week = tr.revenue(lm_s, lm_s + timedelta(days=6))
    add(Case(tenant, f"What were sales in the first week of {MONTHS[lm_s.month - 1]}?", [first_week]))
    # ranked among the products with at least 5 reviews (rated or not), by their mean rating
    per = rv.groupby("sku").agg(mean=("rating", "mean"), size=("review_id", "size"))
    best = per[per["size"] >= 5].sort_values("mean", ascending=False, kind="stable")
    if len(best) > 1 and best["mean"].iloc[0] > best["mean"].iloc[1]:
        add(Case(tenant, "Which products get the best reviews?", [float(best["mean"].iloc[0])],
                 ["at least 5 reviews", str(best.index[0]), str(best.index[1])], ordered=True))
    return cases


def _same_days_before(end: date) -> tuple[date, date, date, date]:
    """Month to date and the same days of the month before (clipped to its length)."""
    ms = end.replace(day=1)
    ps = (ms - timedelta(days=1)).replace(day=1)
    return ms, end, ps, ps.replace(day=min(end.day, calendar.monthrange(ps.year, ps.month)[1]))


def stock_and_promo_cases(t: BenchTenant, tr: Truth, catalogue: set[str]) -> list[Case]:
    """Stock value, promotion shares, month to date and a product's run-out date, with truths from the rows."""
    m, end, tenant = t.merchant, t.end, t.tenant
    cases: list[Case] = []
    add = cases.append
    inv = tr.inventory.sort_values("date", kind="stable")
    # each SKU and location at its latest accepted count (a count refused at ingest leaves the one before it), as
    # the Outdoor case below reads it; the SKUs counted on the last day alone left such a SKU out
    latest = inv.groupby(["sku", "location"]).tail(1)
    products = m.products[m.products["sku"].isin(catalogue)].drop_duplicates("sku")
    stock = latest.merge(products[["sku", "cost", "price", "category"]], on="sku", how="left")
    at_cost = stock["on_hand"] * stock["cost"]
    at_price = (stock["on_hand"] * stock["price"]).where(stock["cost"].isna())
    value = float(at_cost.sum() + at_price.sum())
    for phrasing in ("How much is our inventory worth?", "What's the value of our stock?"):
        add(Case(tenant, phrasing, [value], ["at cost", "latest stock count"]))
    by_cat = (at_cost.fillna(0) + at_price.fillna(0)).groupby(stock["category"]).sum().sort_values(ascending=False)
    add(Case(tenant, "Inventory value by category", [float(v) for v in by_cat.values[:3]], list(by_cat.index[:3]),
             ordered=True))
    lm_s, lm_e = _last_complete_month(end)
    sold = tr.sales[tr.sales["units"] > 0]
    promoted = sold["promo"].fillna(False).astype(bool) | (sold["discount"].fillna(0) > 0)
    month = (sold["date"] >= lm_s) & (sold["date"] <= lm_e)
    orders = sold[month].groupby("order_id").size().shape[0]
    hit = sold[month & promoted]["order_id"].nunique()
    add(Case(tenant, "What percent of orders were discounted last month?", [hit / orders * 100, hit, orders],
             [MONTHS[lm_s.month - 1]]))
    year = end.year - 1
    in_year = (sold["date"] >= date(year, 1, 1)) & (sold["date"] <= date(year, 12, 31))
    share = float(sold[in_year & promoted]["revenue"].sum() / tr.window(date(year, 1, 1), date(year, 12, 31))[
        "revenue"].sum() * 100)
    add(Case(tenant, f"Share of sales on promotion in {year}", [share]))
    ms, me, ps, pe = _same_days_before(end)
    if me > ms:
        add(Case(tenant, "How are we doing this month so far vs last month?",
                 [tr.revenue(ms, me), tr.revenue(ps, pe)], [f"{ps.day}-{pe.day} {MONTHS[ps.month - 1][:3]}"]))
    # a named product's run-out date: its on hand at the latest count over its last 28 days' mean daily units (a
    # product with months of cover, so no 30-day forecast runs it out first), counted from the count
    titles = products[~products["title"].duplicated(keep=False)].set_index("sku")["title"]
    on_hand = latest.groupby("sku")["on_hand"].sum()
    recent = tr.window(end - timedelta(days=27), end).groupby("sku")["units"].sum() / 28
    cover = (on_hand / recent[recent > 0]).dropna()
    long = cover[(cover > 150) & (cover < 400) & cover.index.isin(titles.index)].sort_index()
    if len(long):
        sku = str(long.index[len(long) // 2])
        run_out = end + timedelta(days=int(cover[sku]))
        add(Case(tenant, f"When will the {titles[sku]} run out?", [float(on_hand[sku])],
                 [sku, f"runs out around {run_out.isoformat()}"]))
    return cases


def _latest_month(end: date, month: int) -> tuple[date, date]:
    """The latest ``month`` (1-12) that has started by ``end``, cut at ``end``."""
    year = end.year if month <= end.month else end.year - 1
    s, e = _month_bounds(date(year, month, 1))
    return s, min(e, end)


def merchant_cases(t: BenchTenant, tr: Truth, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """Merchant phrasings in other words than the cases above (``docs/questions.md``), truths from the rows."""
    end, tenant = t.end, t.tenant
    year = end.year - 1
    ys, ye = date(year, 1, 1), date(year, 12, 31)
    lm_s, lm_e = _last_complete_month(end)
    cases: list[Case] = []
    add = cases.append
    sold = tr.sales[tr.sales["units"] > 0]
    lm = tr.window(lm_s, lm_e)
    days = (lm_e - lm_s).days + 1
    add(Case(tenant, "How many orders per day did we average last month?", [tr.orders(lm_s, lm_e) / days]))
    add(Case(tenant, "Refunds as a percentage of sales last month",
             [float(lm["refund"].fillna(0).sum() / lm["revenue"].sum() * 100)]))
    emails = tr.window(end - timedelta(days=29), end, sold)["customer_email"].str.strip().str.lower()
    add(Case(tenant, "How many people ordered in the last 30 days?", [float(emails.nunique())]))
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    add(Case(tenant, "How many orders came in last week?", [tr.orders(lw_e - timedelta(days=6), lw_e)]))
    nov_s, _ = _latest_month(end, 11)
    add(Case(tenant, "How much money did we make in the first 10 days of November?",
             [tr.revenue(nov_s, nov_s + timedelta(days=9))], [f"1-10 Nov {nov_s.year}"]))
    # each SKU and location's latest count in those 30 days (a count refused on the last day leaves the one before)
    inv = tr.window(end - timedelta(days=29), end, tr.inventory).sort_values("date", kind="stable")
    on_hand = float(inv.groupby(["sku", "location"]).tail(1)["on_hand"].sum())
    add(Case(tenant, "How many days of stock do we have left?", [on_hand / (tr.units(end - timedelta(days=29),
                                                                                     end) / 30)]))
    oct_s, oct_e = _latest_month(end, 10)
    add(Case(tenant, "What were total sales for October?", [tr.revenue(oct_s, oct_e)]))
    add(Case(tenant, "How much did we bring in over the last 7 days?", [tr.revenue(end - timedelta(days=6), end)]))
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(end.year, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    lq = tr.window(lq_s, lq_e)
    add(Case(tenant, "Net sales last quarter?",
             [float(lq["revenue"].sum() - lq["discount"].fillna(0).sum() - lq["refund"].fillna(0).sum())]))
    add(Case(tenant, "How many items were returned last month?", [float(lm["returned_units"].fillna(0).sum())]))
    apparel = tr.sales[tr.sales["category"] == "Apparel"]
    add(Case(tenant, "What's our return rate for Apparel?",
             [float(apparel["returned_units"].fillna(0).sum() / apparel["units"].sum() * 100)]))
    by_cat = tr.sales.groupby("category")
    rates = (by_cat["returned_units"].sum() / by_cat["units"].sum() * 100).sort_values(ascending=False)
    add(Case(tenant, "Which category has the highest return rate?", [float(rates.iloc[0])], [str(rates.index[0])]))
    q3_s = date(end.year if end.month >= 7 else end.year - 1, 7, 1)
    q3 = tr.window(q3_s, min(date(q3_s.year, 9, 30), end))
    add(Case(tenant, "How much did we refund in Q3?", [float(q3["refund"].fillna(0).sum())]))
    buyers = tr.window(lm_s, lm_e, sold)["customer_email"].str.strip().str.lower()
    add(Case(tenant, "How many unique customers bought from us last month?", [float(buyers.nunique())]))
    per = tr.window(ys, ye, sold).assign(c=lambda f: f["customer_email"].str.strip().str.lower()).groupby(
        "c")["order_id"].nunique()
    add(Case(tenant, f"What's our repeat purchase rate in {year}?", [float((per >= 2).mean() * 100)]))
    recent = tr.window(end - timedelta(days=89), end).groupby("sku")["units"].sum().sort_values(
        ascending=False, kind="stable")
    add(Case(tenant, "Top 10 SKUs by units in the last 90 days", [float(recent.iloc[0])],
             [str(s) for s in recent.index[:3]], ordered=True))
    money = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "Which item brought in the most money last month?", [float(money.iloc[0])],
             [str(money.index[0])]))
    fewest = lm.groupby("category")["units"].sum().sort_values()
    add(Case(tenant, "Which category sold the fewest units last month?", [float(fewest.iloc[0])],
             [str(fewest.index[0])]))
    brands = tr.window(ys, ye).groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, f"Sales by brand in {year}", [float(v) for v in brands.values[:3]], list(brands.index[:3]),
             ordered=True))
    weekday = tr.sales.assign(w=[WEEKDAYS[d.weekday()] for d in tr.sales["date"]]).groupby("w")["revenue"].sum()
    add(Case(tenant, "What's our busiest day of the week?", [float(weekday.max())], [peak(weekday, "max")]))
    add(Case(tenant, "Which weekday brings in the least revenue?", [float(weekday.min())], [peak(weekday, "min")]))
    latest = inv.groupby(["sku", "location"]).tail(1).merge(
        t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")[
            ["sku", "category", "cost"]], on="sku", how="left")
    kitchen = latest[latest["category"] == "Kitchen"]
    add(Case(tenant, "How much stock do we hold in Kitchen?", [float(kitchen["on_hand"].sum())]))
    outdoor = latest[latest["category"] == "Outdoor"]
    add(Case(tenant, "What's our stock worth in the Outdoor category?",
             [float((outdoor["on_hand"] * outdoor["cost"]).sum())]))
    add(Case(tenant, "What did we sell on Amazon last month?", [float(lm[lm["channel"] == "amazon"]["revenue"].sum())]))
    ebay = float(tr.sales[tr.sales["channel"] == "ebay"]["revenue"].sum() / tr.sales["revenue"].sum() * 100)
    add(Case(tenant, "What percentage of our revenue comes from eBay?", [ebay]))
    ly_s, ly_e = _month_bounds(date(lm_s.year - 1, lm_s.month, 1))
    add(Case(tenant, "Sales last month vs the same month last year", [tr.revenue(lm_s, lm_e), tr.revenue(ly_s, ly_e)]))
    sep_s, sep_e = _latest_month(end, 9)
    add(Case(tenant, f"Order count for September {sep_s.year}", [tr.orders(sep_s, sep_e)]))
    aov = lq.groupby("channel")["revenue"].sum() / tr.window(lq_s, lq_e, sold).groupby("channel").size()
    aov = aov.sort_values(ascending=False)
    add(Case(tenant, "AOV by channel last quarter", [float(aov.iloc[0])], [str(aov.index[0]), str(aov.index[1])],
             ordered=True))
    ms = end.replace(day=1)
    add(Case(tenant, "What's our take for the month so far?", [tr.revenue(ms, end)]))
    add(Case(tenant, "How many units did the average order have last month?",
             [tr.units(lm_s, lm_e) / tr.orders(lm_s, lm_e)]))
    yr = tr.window(ys, ye)
    add(Case(tenant, f"What fraction of units came back in {year}?",
             [float(yr["returned_units"].fillna(0).sum() / yr["units"].sum() * 100)]))
    add(Case(tenant, "How much did returns cost us last quarter?", [float(lq["refund"].fillna(0).sum())]))
    last = tr.window(lm_s, lm_e, sold).assign(c=lambda f: f["customer_email"].str.strip().str.lower()).groupby(
        "c")["order_id"].nunique()
    add(Case(tenant, "How many repeat customers did we have last month?",
             [float((last >= 2).sum()), float(len(last))]))
    ytd = tr.window(date(end.year, 1, 1), end, sold).assign(
        c=lambda f: f["customer_email"].str.strip().str.lower()).groupby("c")["order_id"].nunique()
    add(Case(tenant, "How many customers bought more than once this year?", [float((ytd >= 2).sum())]))
    units_lm = lm.groupby("sku")["units"].sum()
    unsold = sorted(s for s in catalogue if units_lm.get(s, 0) <= 0)
    add(Case(tenant, "Which products sold zero units last month?", [float(len(unsold))], unsold[:1]))
    by_day = tr.sales.assign(w=[WEEKDAYS[d.weekday()] for d in tr.sales["date"]]).groupby("w")["units"].sum()
    add(Case(tenant, "Which day of the week do we sell the most units?", [float(by_day.max())],
             [peak(by_day, "max")]))
    in_stock = inv.groupby(["sku", "location"]).tail(1).groupby("sku")["on_hand"].sum()
    add(Case(tenant, "How many SKUs are in stock?", [float((in_stock > 0).sum())]))
    # a discount code is the discount amount on a line, which an item on promotion alone does not have (the twenty-first
    # round: first written as either)
    coded = sold["discount"].fillna(0) > 0
    month = (sold["date"] >= lm_s) & (sold["date"] <= lm_e)
    add(Case(tenant, "How many orders used a discount code last month?",
             [float(sold[month & coded]["order_id"].nunique()), float(sold[month]["order_id"].nunique())]))
    weekend = float(sum(tr.sales[[d.weekday() >= 5 for d in tr.sales["date"]]]["revenue"]))
    total = float(tr.sales["revenue"].sum())
    add(Case(tenant, "What are sales on weekends vs weekdays?", [weekend, total - weekend, weekend / total * 100]))
    priced = latest.merge(t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")[
        ["sku", "price"]], on="sku", how="left")
    add(Case(tenant, "Total inventory value at retail price", [float((priced["on_hand"] * priced["price"]).sum())],
             ["current catalogue prices"]))
    returned = tr.sales.groupby("sku")["returned_units"].sum().sort_values(ascending=False, kind="stable")
    if returned.iloc[0] > returned.iloc[1]:
        add(Case(tenant, "Which products get returned the most?", [float(returned.iloc[0])], [str(returned.index[0])]))
    titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
    unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
    ytd_units = tr.window(date(end.year, 1, 1), end).groupby("sku")["units"].sum()
    named = sorted(s for s in ytd_units.index if s in unique.index and ytd_units[s] > 0)
    pick = named[len(named) // 3]
    add(Case(tenant, f"How many units of the {unique[pick]} have we sold this year?", [float(ytd_units[pick])]))
    add(Case(tenant, "How much did we sell in the last two weeks compared to the two weeks before?",
             [tr.revenue(end - timedelta(days=13), end),
              tr.revenue(end - timedelta(days=27), end - timedelta(days=14))]))
    pq_e = lq_s - timedelta(days=1)
    pq_s = date(pq_e.year, 3 * ((pq_e.month - 1) // 3) + 1, 1)
    change = _pct_change(lq.groupby("category")["revenue"].sum(),
                         tr.window(pq_s, pq_e).groupby("category")["revenue"].sum()).sort_values()
    add(Case(tenant, "Which categories shrank last quarter?", [float(change.iloc[0])], [str(change.index[0])]))
    add(Case(tenant, "How many units of stock do we have across all products?", [on_hand]))
    q2_s = date(end.year if end.month >= 7 else end.year - 1, 4, 1)
    add(Case(tenant, "What did we turn over in Q2?", [tr.revenue(q2_s, date(q2_s.year, 6, 30))]))
    add(Case(tenant, "How many baskets did we sell yesterday?", [tr.orders(end, end)]))
    sundays = tr.window(nov_s, _month_bounds(nov_s)[1])
    add(Case(tenant, "How much did we take on Sundays in November?",
             [float(sundays[[d.weekday() == 6 for d in sundays["date"]]]["revenue"].sum())]))
    sunday = end - timedelta(days=(end.weekday() + 1) % 7)
    add(Case(tenant, "What were sales like last weekend?", [tr.revenue(sunday - timedelta(days=1), sunday)]))
    weakest = tr.window(date(end.year, 1, 1), end).groupby("brand")["revenue"].sum().sort_values()
    add(Case(tenant, "Which of our brands is the weakest this year?", [float(weakest.iloc[0])],
             [str(weakest.index[0])]))
    ytd_sold = tr.window(date(end.year, 1, 1), end, sold)
    hit = ytd_sold["promo"].fillna(False).astype(bool) | (ytd_sold["discount"].fillna(0) > 0)
    add(Case(tenant, "What fraction of revenue came from discounted orders this year?",
             [float(ytd_sold[hit]["revenue"].sum() / tr.revenue(date(end.year, 1, 1), end) * 100)]))
    per_order = sold.groupby("order_id")["units"].sum()
    add(Case(tenant, "How many orders had more than one item?", [float((per_order >= 2).sum()),
                                                                  float(len(per_order))]))
    wk = end - timedelta(days=end.weekday())
    if wk < end:  # a week to date against the same weekdays of the week before
        add(Case(tenant, "Revenue this week so far vs last week",
                 [tr.revenue(wk, end), tr.revenue(wk - timedelta(days=7), end - timedelta(days=7))]))
    return cases


def _our_prices(t: BenchTenant, obs: pd.DataFrame) -> pd.Series:
    """Our price on each observation's date: the latest day's average selling price on or before it, else the list
    price (as the pricing agent reads it: revenue / units of the SKU's sales that day)."""
    m = t.merchant
    sales = m.sales.assign(date=pd.to_datetime(m.sales["date"]))
    daily = sales.groupby(["sku", "date"], as_index=False)[["revenue", "units"]].sum()
    daily = daily[daily["units"] > 0].assign(our=lambda f: f["revenue"] / f["units"]).sort_values("date")
    left = obs.assign(date=pd.to_datetime(obs["date"]))[["sku", "date"]].reset_index().sort_values("date")
    merged = pd.merge_asof(left, daily[["sku", "date", "our"]], on="date", by="sku", direction="backward")
    ours = merged.set_index("index")["our"].reindex(obs.index)
    listed = obs["sku"].map(m.products.drop_duplicates("sku").set_index("sku")["price"].astype("float64"))
    return ours.fillna(listed)


def market_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """Competitor and stock questions over one merchant, with truths from its generated competitor prices and stock.

    The current price of a (product, competitor) pair is its latest observation in the 30 days to the data's last
    date; "cheapest most often" counts, per competitor, the products two or more competitors carry on which its
    price is the lowest (ties count for each).
    """
    m, end, tenant = t.merchant, t.end, t.tenant
    cases: list[Case] = []
    add = cases.append
    cp = m.competitor_prices.assign(date=pd.to_datetime(m.competitor_prices["date"]).dt.date)
    cp = cp[cp["date"] <= end].sort_values("date", kind="stable")
    window = cp[cp["date"] >= end - timedelta(days=29)]
    latest = window.drop_duplicates(["sku", "competitor"], keep="last")
    shared = latest[latest.groupby("sku")["competitor"].transform("nunique") >= 2]
    n_shared = int(shared["sku"].nunique())
    for how, phrasing in (("min", "Which competitor is cheapest most often?"),
                          ("max", "Which of our competitors is usually the most expensive?")):
        best = shared.groupby("sku")["price"].transform("min" if how == "min" else "max")
        wins = shared[(shared["price"] - best).abs() <= 0.005].groupby("competitor").size()
        wins = wins.sort_values(ascending=False, kind="stable")
        add(Case(tenant, phrasing, [float(wins.iloc[0]), float(n_shared), float(wins.iloc[0] / n_shared * 100)],
                 [first(wins)]))
        if how == "min":
            add(Case(tenant, "Which retailer usually has the lowest prices?", [float(wins.iloc[0])],
                     [first(wins)]))
    add(Case(tenant, "Who are our competitors?", [float(cp["competitor"].nunique())],
             sorted(str(c) for c in cp["competitor"].unique())))
    with_ours = latest.assign(our=_our_prices(t, latest))
    for rival, phrasing in (("MegaMart", "Are we cheaper than MegaMart?"), ("BargainBarn", "Is BargainBarn cheaper "
                                                                                           "than us?")):
        part = with_ours[with_ours["competitor"] == rival].dropna(subset=["our"])
        cheaper = float((part["our"] < part["price"] - 0.005).sum())
        dearer = float((part["our"] > part["price"] + 0.005).sum())
        # the generator blanks a few sale prices, which the ingest fills with the list price: a product or two
        # may change sides, hence 2 products of tolerance
        add(Case(tenant, phrasing, [cheaper, dearer, float(len(part))], [rival], tolerance=2.0))
    add(Case(tenant, "Are we cheaper than Amazon?", unknown="amazon"))  # a sales channel, not a competitor
    inv = m.inventory.assign(date=pd.to_datetime(m.inventory["date"]).dt.date)
    now = inv.sort_values("date", kind="stable").groupby("sku").tail(1)
    out = sorted(str(s) for s in now.loc[now["on_hand"] <= 0, "sku"])
    for phrasing in ("How many products are out of stock?", "What's out of stock right now?"):
        add(Case(tenant, phrasing, [float(len(out)) if out else float(len(now))], out[:3]))
    mm = latest[latest["competitor"] == "MegaMart"]
    gone = sorted(str(s) for s in mm.loc[~mm["in_stock"].astype(bool), "sku"])
    add(Case(tenant, "Is MegaMart out of stock on anything?", [float(len(gone)), float(len(mm))], gone[:1]))
    lacking = latest[~latest["in_stock"].astype(bool)]
    add(Case(tenant, "Do any competitors have stock problems?", [float(lacking["sku"].nunique())]))
    # one product per question, named by its title (a title only one catalogue product has)
    titles = m.products[m.products["sku"].isin(catalogue)].drop_duplicates("sku")
    unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
    carried = cp[(cp["competitor"] == "MegaMart") & cp["sku"].isin(unique.index)]
    sku = str(carried.groupby("sku").size().sort_values(ascending=False, kind="stable").index[0])
    series = carried[carried["sku"] == sku]
    add(Case(tenant, f"How has MegaMart's price for the {unique[sku]} changed?",
             [float(series["price"].iloc[0]), float(series["price"].iloc[-1])]))
    bb = with_ours[(with_ours["competitor"] == "BargainBarn") & with_ours["sku"].isin(unique.index)]
    pick = bb.sort_values("sku").iloc[len(bb) // 2]
    add(Case(tenant, f"What does BargainBarn charge for the {unique[str(pick['sku'])]}?", [float(pick["price"])],
             ["BargainBarn"]))
    several = latest[latest["sku"].isin(unique.index)].groupby("sku")["competitor"].nunique()
    sku = str(several[several >= 3].index[0])
    offers = latest[latest["sku"] == sku].sort_values(["price", "competitor"])
    add(Case(tenant, f"Who has the best price on the {unique[sku]}?", [float(offers["price"].iloc[0])],
             [str(offers["competitor"].iloc[0])]))
    return cases


def _positions(t: BenchTenant, cp: pd.DataFrame) -> pd.DataFrame:
    """Per SKU, on its latest date with both prices: our price against the median competitor (gap in %)."""
    obs = cp.assign(our=_our_prices(t, cp)).dropna(subset=["our", "price"])
    daily = obs.groupby(["sku", "date"], as_index=False).agg(median=("price", "median"), our=("our", "first"))
    latest = daily.sort_values("date", kind="stable").groupby("sku").tail(1).set_index("sku")
    return latest.assign(gap=100.0 * (latest["our"] / latest["median"] - 1.0))


def more_market_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """Competitor, pricing and stock questions worded unlike :func:`market_cases`, with truths from the rows.

    Category answers: the SKUs of the category with a position, and those more than 5% from the median competitor
    (counts within 2: the ingest repairs a few generated prices). Best sellers: the top N by revenue over the 90
    days to the data's last date. Mixed questions: each part's figure, in the order asked.
    """
    m, end, tenant = t.merchant, t.end, t.tenant
    cases: list[Case] = []
    add = cases.append
    cp = m.competitor_prices.assign(date=pd.to_datetime(m.competitor_prices["date"]).dt.date)
    cp = cp[cp["date"] <= end].sort_values("date", kind="stable")
    latest = cp[cp["date"] >= end - timedelta(days=29)].drop_duplicates(["sku", "competitor"], keep="last")
    with_ours = latest.assign(our=_our_prices(t, latest))
    pos = _positions(t, cp)
    products = m.products[m.products["sku"].isin(catalogue)].drop_duplicates("sku").set_index("sku")
    category = pos.index.map(products["category"].to_dict())
    for name, phrasing, above in (("Electronics", "Which of our electronics are dearer than the competition?", True),
                                  ("Apparel", "Which apparel products are priced below the market?", False),
                                  ("Outdoor", "Which outdoor items could I put the price up on?", False),
                                  ("Kitchen", "Which kitchen items sell for more than the competition?", True)):
        part = pos[category == name]
        hits = part[part["gap"] > 5] if above else part[part["gap"] < -5]
        add(Case(tenant, phrasing, [float(len(hits)), float(len(part))], [f"{name} SKUs"], tolerance=2.0))
    sales = m.sales.assign(date=pd.to_datetime(m.sales["date"]).dt.date)
    recent = sales[(sales["date"] >= end - timedelta(days=89)) & (sales["date"] <= end)]
    top = recent.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable").head(5)
    over = [s for s in top.index if s in pos.index and pos.loc[s, "gap"] > 5]
    add(Case(tenant, "Which of our 5 best sellers are priced above the market?", [5.0, float(len(over))],
             [(end - timedelta(days=89)).isoformat(), *over[:2]]))
    s, e = _last_complete_month(end)
    revenue = float(sales[(sales["date"] >= s) & (sales["date"] <= e)]["revenue"].sum())
    add(Case(tenant, f"How much revenue did we make in {MONTHS[s.month - 1]}, and are we dearer than PrimeGoods?",
             [revenue], [f"revenue in {MONTHS[s.month - 1].lower()}", "than primegoods"], ordered=True))
    # "last week": the last whole Monday-Sunday week (the one ending on the last day when that is a Sunday)
    monday = end - timedelta(days=(end.weekday() + 1) % 7) + timedelta(days=1)
    week = sales[(sales["date"] >= monday - timedelta(days=7)) & (sales["date"] <= monday - timedelta(days=1))]
    add(Case(tenant, "Are we undercutting ShopRival, and what did we make last week?",
             [float(week["revenue"].sum())], ["than shoprival", "revenue last week"], ordered=True))
    lacking = latest[~latest["in_stock"].astype(bool)]
    add(Case(tenant, "Which competitors have run out of our products?", [float(lacking["sku"].nunique())]))
    sr = latest[latest["competitor"] == "ShopRival"]
    add(Case(tenant, "Is ShopRival out of stock on anything right now?",
             [float((~sr["in_stock"].astype(bool)).sum()), float(len(sr))], ["ShopRival"]))
    for rival, phrasing in (("ShopRival", "How do our prices stack up against ShopRival?"),
                            ("BargainBarn", "Where are we more expensive than BargainBarn?")):
        part = with_ours[with_ours["competitor"] == rival].dropna(subset=["our"])
        add(Case(tenant, phrasing, [float((part["our"] < part["price"] - 0.005).sum()),
                                    float((part["our"] > part["price"] + 0.005).sum()), float(len(part))], [rival],
                 tolerance=2.0))
    shared = latest[latest.groupby("sku")["competitor"].transform("nunique") >= 2]
    best = shared.groupby("sku")["price"].transform("max")
    wins = shared[(shared["price"] - best).abs() <= 0.005].groupby("competitor").size().sort_values(
        ascending=False, kind="stable")
    add(Case(tenant, "Who tends to be priciest among the rivals we track?", [float(wins.iloc[0])],
             [first(wins)]))
    below = with_ours.dropna(subset=["our"])
    share = (below["price"] < below["our"]).groupby(below["competitor"]).mean().sort_values(ascending=False)
    add(Case(tenant, "Which retailer beats us on price most of the time?", [], [str(share.index[0])]))
    units = float(sales[(sales["date"] >= s) & (sales["date"] <= e)]["units"].sum())
    add(Case(tenant, f"How many units did we sell in {MONTHS[s.month - 1]} and who undercuts us?", [units],
             ["units sold", f"{str(share.index[0]).lower()} undercuts us"], ordered=True))
    add(Case(tenant, "List our competitors", [float(cp["competitor"].nunique())],
             sorted(str(c) for c in cp["competitor"].unique())))
    inv = m.inventory.assign(date=pd.to_datetime(m.inventory["date"]).dt.date)
    now = inv.sort_values("date", kind="stable").groupby("sku").tail(1)
    out = sorted(str(x) for x in now.loc[now["on_hand"] <= 0, "sku"])
    add(Case(tenant, "Which items have zero stock left?", [float(len(out))], out[:2]))
    unique = products[~products["title"].duplicated(keep=False)]["title"]
    several = latest[latest["sku"].isin(unique.index)].groupby("sku")["competitor"].nunique()
    for sku in [str(x) for x in several[several >= 2].index[:2]]:
        offers = with_ours[with_ours["sku"] == sku].sort_values(["price", "competitor"])
        top_offer = offers.sort_values(["price", "competitor"], ascending=[False, True]).iloc[0]
        add(Case(tenant, f"Which rival charges the most for the {unique[sku]}?", [float(top_offer["price"])],
                 [str(top_offer["competitor"]), unique[sku]]))
        low = offers.iloc[0]
        add(Case(tenant, f"Is anyone cheaper than us on the {unique[sku]}?", [float(low["price"])],
                 [str(low["competitor"]), unique[sku]]))
    return cases


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
#: A number written in an answer, with what is either side of it.
_NUMBER = re.compile(r"-?\d[\d,]*\.?\d*")
#: What next to a number makes it part of another token, not a figure: a letter ("Q3", "3rd", "v2"), a hyphen
#: joining a word or another number ("2-star", "1-30 Nov", "2026-12-06"), or a month name (a date: "6 Dec 2026").
_GLUED_BEFORE = re.compile(rf"(?:[a-z]|\d-?|\b{_MONTH_WORD}\.? )$", re.I)
_GLUED_AFTER = re.compile(rf"^(?:[a-z]|-[a-z\d]|/\d| {_MONTH_WORD}\b)", re.I)


def numbers_in(answer: str, whole: bool = False) -> list[float]:
    """The numbers ``answer`` writes; with ``whole``, only those standing as a whole token (not the 3 of "Q3", the 2
    of "2-star", a day or month of a date, either end of "1-30"), which a small truth must be matched by."""
    found = []
    for m in _NUMBER.finditer(answer):
        token = m.group(0).rstrip(".,")
        if not token or token == "-":
            continue
        if whole and (_GLUED_BEFORE.search(answer[: m.start()]) or _GLUED_AFTER.match(answer[m.start() + len(token):])):
            continue
        found.append(float(token.replace(",", "")))
    return found


#: Where an answer's first sentence ends: a full stop (or ! ?) before a capital or a figure, not "e.g." nor a list's
#: number ("...: 1. 23 Jun 2026 ($12,751.72); 2. ...").
_SENTENCE_END = re.compile(r"(?<![.\s][a-z]\.)(?<!\s\d\.)(?<!\s\d\d\.)(?<=[.!?])\s+(?=[A-Z\d\"])")


def first_sentence(answer: str) -> str:
    """The first sentence of ``answer``: what a merchant reads first."""
    return _SENTENCE_END.split(answer, maxsplit=1)[0]


def answered(case: Case, answer: str) -> bool:
    """Whether ``answer`` states the case's truth (``case.lead`` / ``case.first``: in its first sentence)."""
    whole_text = answer.lower()
    if case.lead:
        answer = first_sentence(answer)
    if case.first:  # the first sentence: a full stop followed by a capital starts the next
        answer = re.split(r"(?<=[a-z0-9)%])\. (?=[A-Z])", answer)[0]
    text = answer.lower()
    if case.unanswerable:
        return "can't be answered" in text
    if case.one_of and not any(x.lower() in (whole_text if case.first else text) for x in case.one_of):
        return False
    if case.unknown:  # a name the data lacks: said, not answered for the whole store
        return f'"{case.unknown}"' in text and "not answered" in text
    signed = re.search(r"\b(?:down|fell|dropped|declined|decreased)\b", text)  # "down 10.4%": the sign in words
    found, whole = numbers_in(answer), numbers_in(answer, whole=True)
    if signed:
        found, whole = found + [-f for f in found], whole + [-f for f in whole]
    for n in case.numbers:
        tol = max(abs(n) * 0.01, 0.1) if case.tolerance is None else case.tolerance
        # a small truth (within 0.1) is matched by a whole number only: "3.04%" is not the 3 of "Q3"
        if not any(abs(f - n) <= tol for f in (whole if abs(n) * 0.01 < 0.1 else found)):
            return False
    positions = []
    for name in case.names:
        pos = position(text, name)
        if pos < 0:
            return False
        positions.append(pos)
    if any(a.lower() in text for a in case.absent):
        return False
    return not case.ordered or positions == sorted(positions)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank quantile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


#: In-process latencies of the questions the agents answered (filled by :func:`run`).
agent_seconds: list[float] = []
#: Whether each case was answered, in order (filled by :func:`run`).
case_hits: list[bool] = []


def run(ask: Callable[[str, str], dict[str, object]], cases: list[Case]) -> tuple[int, list[int], list[float]]:
    """Ask every case; returns answered count, metric report sizes and latencies (seconds)."""
    ok, sizes, seconds = 0, list[int](), list[float]()
    agent_seconds.clear()
    case_hits.clear()
    for case in cases:
        start = time.perf_counter()
        report = ask(case.tenant, case.question)
        elapsed = time.perf_counter() - start
        # the latency goal is the metrics layer's; agent answers (forecasts, pricing) are timed apart
        (agent_seconds if report.get("answer_kind") == "agent" else seconds).append(elapsed)
        answer = str(report.get("answer") or "")
        hit = answered(case, answer)
        ok += hit
        case_hits.append(hit)
        if report.get("answer_kind") == "metric":
            sizes.append(len(json.dumps(report, separators=(",", ":"))))
        if not hit or os.environ.get("BENCH_VERBOSE"):
            sys.stderr.write(f"{'ok  ' if hit else 'MISS'} [{case.tenant}] {case.question}\n     -> {answer}\n"
                             f"     expected numbers {[round(n, 2) for n in case.numbers]} names {case.names}\n")
    return ok, sizes, seconds


def day_home(default: str) -> tuple[Path, date | None]:
    """The bench's embedded home for the day of data, set as ``ECOMINTEL_HOME``, and ``BENCH_TODAY`` if given.

    One home per day of data (kept between runs: the two merchants are ingested once per day; the next day's
    merchants go to a new home: ingested over yesterday's, two generations mixed and every truth computed from one
    of them was wrong). ``BENCH_HOME`` is its parent (``default`` under the temp dir otherwise);
    ``BENCH_TODAY=YYYY-MM-DD`` is the data of another day (the truths must hold on any day's generated rows).
    """
    base = Path(os.environ.get("BENCH_HOME") or Path(tempfile.gettempdir()) / default)
    today = date.fromisoformat(os.environ["BENCH_TODAY"]) if os.environ.get("BENCH_TODAY") else None
    day = tenant_specs(today)[0][3].isoformat()
    home = base / day
    home.mkdir(parents=True, exist_ok=True)
    for old in base.iterdir():
        if old.is_dir() and old.name != day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", old.name):
            shutil.rmtree(old, ignore_errors=True)
    os.environ["ECOMINTEL_HOME"] = str(home)
    return home, today

def main() -> None:
    """Prepare the merchants, ask every question in-process, then a few through the CLI."""
    home, today = day_home("ecomintel-bench-questions")
    import logging

    from bench.eighteenth_questions import eighteenth_cases
    from bench.eighteenth_questions import held_out_cases as eighteenth_held_out
    from bench.eighteenth_questions import leftover_cases as eighteenth_leftovers
    from bench.eleventh_questions import eleventh_cases
    from bench.eleventh_questions import held_out_cases as eleventh_held_out
    from bench.fifteenth_questions import fifteenth_cases
    from bench.fifteenth_questions import held_out_cases as fifteenth_held_out
    from bench.fourteenth_questions import fourteenth_cases, order_size_fiscal_held_out
    from bench.fourteenth_questions import held_out_cases as fourteenth_held_out
    from bench.future_questions import (
        future2_cases,
        future3_cases,
        future4_cases,
        future5_cases,
        future6_cases,
        future7_cases,
        future8_cases,
        future9_cases,
        future10_cases,
        future11_cases,
        future12_cases,
        future_cases,
    )
    from bench.nineteenth_questions import held_out_cases as nineteenth_held_out
    from bench.nineteenth_questions import nineteenth_cases
    from bench.seventeenth_questions import held_out_cases as seventeenth_held_out
    from bench.seventeenth_questions import leftover_cases, seventeenth_cases
    from bench.sixteenth_questions import held_out_cases as sixteenth_held_out
    from bench.sixteenth_questions import sixteenth_cases
    from bench.tenth_questions import held_out_cases, tenth_cases
    from bench.thirteenth_questions import held_out_cases as thirteenth_held_out
    from bench.thirteenth_questions import thirteenth_cases
    from bench.twelfth_questions import held_out_cases as twelfth_held_out
    from bench.twelfth_questions import twelfth_cases
    from bench.twentieth_questions import held_out_cases as twentieth_held_out
    from bench.twentieth_questions import leftover_cases as twentieth_leftovers
    from bench.twentyfifth_questions import held_out_cases as twentyfifth_held_out
    from bench.twentyfifth_questions import twentyfifth_cases
    from bench.twentyfirst_questions import held_out_cases as twentyfirst_held_out
    from bench.twentyfirst_questions import twentyfirst_cases
    from bench.twentyfourth_questions import held_out_cases as twentyfourth_held_out
    from bench.twentyfourth_questions import twentyfourth_cases
    from bench.twentysecond_questions import held_out_cases as twentysecond_held_out
    from bench.twentyseventh_questions import held_out_cases as twentyseventh_held_out
    from bench.twentyseventh_questions import twentyseventh_cases
    from bench.twentysixth_questions import held_out_cases as twentysixth_held_out
    from bench.twentysixth_questions import twentysixth_cases
    from bench.twentythird_questions import held_out_cases as twentythird_held_out
    from bench.twentythird_questions import twentythird_cases
    from shared.deps import get_deps
    from shared.orchestration.client import ask
    from shared.runtime.local import LocalRuntime

    logging.getLogger().setLevel(logging.WARNING)
    deps = get_deps()
    tenants = [replace(t, merchant=accepted(deps.warehouse, t.tenant, t.merchant)) for t in prepare(deps, home, today)]
    cases = []
    only = os.environ.get("BENCH_ONLY", "")
    for t in tenants:
        skus = deps.warehouse.query("SELECT sku FROM products WHERE tenant_id = @tenant_id", {"tenant_id": t.tenant})
        cases += cases_for(t, {str(s) for s in skus["sku"]})
        cases += market_cases(t, {str(s) for s in skus["sku"]})
        cases += more_market_cases(t, {str(s) for s in skus["sku"]})
        cases += unseen_phrasing_cases(t, {str(s) for s in skus["sku"]})
        cases += second_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += third_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += fourth_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += fifth_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += sixth_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += catalogue_price_cases(t, {str(s) for s in skus["sku"]})
        cases += upcoming_period_cases(t)
        cases += seventh_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += eighth_unseen_cases(t, {str(s) for s in skus["sku"]})
        cases += style_cases(t, {str(s) for s in skus["sku"]})
        cases += held_out_style_cases(t, {str(s) for s in skus["sku"]})
        cases += tenth_cases(t, {str(s) for s in skus["sku"]})
        cases += held_out_cases(t, {str(s) for s in skus["sku"]})
        cases += eleventh_cases(t, {str(s) for s in skus["sku"]})
        cases += eleventh_held_out(t, {str(s) for s in skus["sku"]})
        cases += twelfth_cases(t, {str(s) for s in skus["sku"]})
        cases += twelfth_held_out(t, {str(s) for s in skus["sku"]})
        cases += thirteenth_cases(t, {str(s) for s in skus["sku"]})
        cases += thirteenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += fourteenth_cases(t, {str(s) for s in skus["sku"]})
        cases += fourteenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += order_size_fiscal_held_out(t, {str(s) for s in skus["sku"]})
        cases += fifteenth_cases(t, {str(s) for s in skus["sku"]})
        cases += fifteenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += sixteenth_cases(t, {str(s) for s in skus["sku"]})
        cases += sixteenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += leftover_cases(t, {str(s) for s in skus["sku"]})
        cases += seventeenth_cases(t, {str(s) for s in skus["sku"]})
        cases += seventeenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += eighteenth_leftovers(t, {str(s) for s in skus["sku"]})
        cases += eighteenth_cases(t, {str(s) for s in skus["sku"]})
        cases += eighteenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += nineteenth_cases(t, {str(s) for s in skus["sku"]})
        cases += nineteenth_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentieth_leftovers(t, {str(s) for s in skus["sku"]})
        cases += twentieth_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentyfirst_cases(t, {str(s) for s in skus["sku"]})
        cases += twentyfirst_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentysecond_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentythird_cases(t, {str(s) for s in skus["sku"]})
        cases += twentythird_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentyfourth_cases(t, {str(s) for s in skus["sku"]})
        cases += twentyfourth_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentyfifth_cases(t, {str(s) for s in skus["sku"]})
        cases += twentyfifth_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentysixth_cases(t, {str(s) for s in skus["sku"]})
        cases += twentysixth_held_out(t, {str(s) for s in skus["sku"]})
        cases += twentyseventh_cases(t, {str(s) for s in skus["sku"]})
        cases += twentyseventh_held_out(t, {str(s) for s in skus["sku"]})
        if not only or "future" in only.split(","):  # truths from the forecast agent run directly: not free
            cases += future_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future2" in only.split(","):
            cases += future2_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future3" in only.split(","):
            cases += future3_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future4" in only.split(","):
            cases += future4_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future5" in only.split(","):
            cases += future5_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future6" in only.split(","):
            cases += future6_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future7" in only.split(","):
            cases += future7_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future8" in only.split(","):
            cases += future8_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future9" in only.split(","):
            cases += future9_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future10" in only.split(","):
            cases += future10_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future11" in only.split(","):
            cases += future11_cases(t, {str(s) for s in skus["sku"]}, deps)
        if not only or "future12" in only.split(","):
            cases += future12_cases(t, {str(s) for s in skus["sku"]}, deps)
    if only:  # BENCH_ONLY=unseen (or unseen,unseen2): only those batches' cases
        cases = [c for c in cases if c.batch in only.split(",")]
    if match := os.environ.get("BENCH_MATCH", ""):  # BENCH_MATCH=regex: only the questions it finds (a quick guard)
        cases = [c for c in cases if re.search(match, c.question, re.I)]
    runtime = LocalRuntime(deps)

    def in_process(tenant: str, question: str) -> dict[str, object]:
        resp = ask(deps, question, tenant=tenant, use_cache=False, runtime=runtime)
        return resp.report.model_dump(mode="json") if resp.report else {}

    in_process("demo", "what did we make last month?")  # warm: vocabulary and extents per data version
    in_process("lastyear", "what did we make last month?")
    ok, sizes, seconds = run(in_process, cases)
    print(f"answered in the answer: {ok}/{len(cases)} ({ok / len(cases):.0%}; goal >= 95%)")
    batches: dict[str, list[bool]] = {}
    for case, hit in zip(cases, case_hits, strict=True):
        batches.setdefault(case.batch or "(none)", []).append(hit)
    if len(batches) > 1:
        print("  by batch: " + ", ".join(f"{b} {sum(got)}/{len(got)}" for b, got in batches.items()))
    styles: dict[str, list[bool]] = {}
    for case, hit in zip(cases, case_hits, strict=True):
        if case.style:
            styles.setdefault(case.style, []).append(hit)
    for style, got in styles.items():
        print(f"  {style}: {sum(got)}/{len(got)}")
    if sizes:
        print(f"median metric report: {statistics.median(sizes) / 1024:.2f} KiB compact JSON over {len(sizes)} "
              f"metric reports (max {max(sizes) / 1024:.2f} KiB; goal <= 4 KiB)")
    print(f"in-process latency: p50 {pct(seconds, 0.5) * 1000:.0f} ms, p95 {pct(seconds, 0.95) * 1000:.0f} ms "
          f"(goal p95 <= 100 ms; metric and refused questions)")
    if agent_seconds:
        print(f"agent answers ({len(agent_seconds)} competitor and stock questions): p50 "
              f"{pct(agent_seconds, 0.5) * 1000:.0f} ms, p95 {pct(agent_seconds, 0.95) * 1000:.0f} ms (no goal)")
    runs = int(os.environ.get("BENCH_CLI_RUNS", "7"))
    if runs:
        from shared.deps import reset_deps

        reset_deps()  # the embedded warehouse is one process's at a time: release it for the CLI
        # this checkout's CLI: the venv's ``ecomintel`` script imports the editable install's checkout (main's)
        cli_cmd = [sys.executable, "-m", "shared.cli.main", "ask"]
        import resource

        cli, cpu = [], []
        for case in cases[:runs]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run([*cli_cmd, case.question, "--tenant", case.tenant, "--no-cache", "--json"],
                                  capture_output=True, env={**os.environ}, cwd=ROOT, check=False)
            if done.returncode != 0:
                raise SystemExit(f"ecomintel ask failed: {done.stderr.decode()[-500:]}")
            cli.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(f"whole-CLI latency (ecomintel ask, {runs} runs): p50 {statistics.median(cli):.2f} s "
              f"(goal <= 1.5 s), CPU time p50 {statistics.median(cpu):.2f} s; load average now "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")



def _black_friday(year: int) -> date:
    """The day after the fourth Thursday of November."""
    first = date(year, 11, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return thursday + timedelta(days=22)


def _latest_day(end: date, month: int, day: int) -> date:
    """The latest ``month``/``day`` on or before ``end``."""
    d = date(end.year, month, day)
    return d if d <= end else date(end.year - 1, month, day)


def unseen_phrasing_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """Phrasings first tried after the bench above was green (terse, British, typos, relative periods, rankings,
    comparisons, forecasts asked in money, stock and prices, several parts), with truths from the generated rows.

    ``absent`` holds what the misread answered (another period or measure), so a case fails when the right number
    only appears beside the wrong one.
    """
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen")

    sold = tr.sales[tr.sales["units"] > 0]
    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)  # the last whole Monday-Sunday week
    lw_s = lw_e - timedelta(days=6)
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(end.year, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    nov_s, nov_e = _latest_month(end, 11)
    oct_s, oct_e = _latest_month(end, 10)
    q3_s = date(end.year if end.month >= 7 else end.year - 1, 7, 1)
    q3_e = min(date(q3_s.year, 9, 30), end)
    ms, ys = end.replace(day=1), date(end.year, 1, 1)
    wk = end - timedelta(days=end.weekday())

    def aov(s: date, e: date) -> float:
        return tr.revenue(s, e) / tr.orders(s, e)

    # terse, abbreviated and misspelt
    add(Case(tenant, "rev last mo", [tr.revenue(lm_s, lm_e)]))
    add(Case(tenant, "reveune last month", [tr.revenue(lm_s, lm_e)]))
    add(Case(tenant, "orders yday", [tr.orders(end, end)]))
    add(Case(tenant, "aov last qtr", [aov(lq_s, lq_e)]))
    add(Case(tenant, "units sold last wk", [tr.units(lw_s, lw_e)]))
    add(Case(tenant, f"total oders in {MONTHS[oct_s.month - 1].lower()}", [tr.orders(oct_s, oct_e)]))
    add(Case(tenant, "how many untis did we sell yesterday", [tr.units(end, end)]))
    add(Case(tenant, "avg order value ytd", [aov(ys, end)]))
    add(Case(tenant, "turnover past fortnight", [tr.revenue(end - timedelta(days=13), end)]))
    # British and slang
    add(Case(tenant, "What were takings over the past fortnight?", [tr.revenue(end - timedelta(days=13), end)]))
    add(Case(tenant, "How many did we flog in November?", [tr.units(nov_s, nov_e)]))
    add(Case(tenant, "How many units did we shift last month?", [tr.units(lm_s, lm_e)]))
    add(Case(tenant, "How much did we take yesterday?", [tr.revenue(end, end)]))
    add(Case(tenant, "How many products did we move in October?", [tr.units(oct_s, oct_e)]))
    add(Case(tenant, "What did we bank in November?", [tr.revenue(nov_s, nov_e)]))
    add(Case(tenant, "How much cash came in this week?", [tr.revenue(wk, end)]))
    add(Case(tenant, "How did we get on in October?", [tr.revenue(oct_s, oct_e)]))
    add(Case(tenant, "What's turnover been like this month?", [tr.revenue(ms, end)]))
    add(Case(tenant, "Gross sales last quarter", [tr.revenue(lq_s, lq_e)]))
    add(Case(tenant, "How many units went out the door last week?", [tr.units(lw_s, lw_e)]))
    # relative periods
    add(Case(tenant, "Revenue for the last full week", [tr.revenue(lw_s, lw_e)]))
    before_s, before_e = lw_s - timedelta(days=7), lw_s - timedelta(days=1)
    add(Case(tenant, "How much did we make the week before last?", [tr.revenue(before_s, before_e)],
             absent=["last week ("]))
    add(Case(tenant, "Revenue last calendar month", [tr.revenue(lm_s, lm_e)]))
    bf = _black_friday(end.year) if _black_friday(end.year) <= end else _black_friday(end.year - 1)
    cm = bf + timedelta(days=3)
    if cm <= end:
        add(Case(tenant, "Sales between Black Friday and Cyber Monday", [tr.revenue(bf, cm)]))
    xmas = _latest_day(end, 12, 25)
    xw_s = xmas - timedelta(days=xmas.weekday())
    add(Case(tenant, "Christmas week sales last year", [tr.revenue(xw_s, xw_s + timedelta(days=6))]))
    add(Case(tenant, "Sales in the 2 weeks before Christmas", [tr.revenue(xmas - timedelta(days=14),
                                                                          xmas - timedelta(days=1))]))
    add(Case(tenant, "Sales since 1 October", [tr.revenue(date(oct_s.year, 10, 1), end)]))
    add(Case(tenant, "Q3 takings", [tr.revenue(q3_s, q3_e)]))
    h1 = date(end.year if end.month >= 7 else end.year - 1, 1, 1)
    add(Case(tenant, "H1 revenue", [tr.revenue(h1, date(h1.year, 6, 30))]))
    add(Case(tenant, "Sales last 12 months", [tr.revenue(end - timedelta(days=364), end)]))
    add(Case(tenant, "How much have we made so far this year?", [tr.revenue(ys, end)]))
    add(Case(tenant, "Number of transactions in the last 7 days", [tr.orders(end - timedelta(days=6), end)]))
    add(Case(tenant, "Revenue per day last month", [tr.revenue(lm_s, lm_e) / ((lm_e - lm_s).days + 1)]))
    # comparisons
    if nov_s > oct_s:
        add(Case(tenant, "Did November beat October?", [tr.revenue(nov_s, nov_e), tr.revenue(oct_s, oct_e)]))
    ly_s, ly_e = _month_bounds(date(lm_s.year - 1, lm_s.month, 1))
    for phrasing in ("Growth vs last year", "What's our year-on-year growth?"):
        add(Case(tenant, phrasing, [tr.revenue(lm_s, lm_e), tr.revenue(ly_s, ly_e)]))
    ago_s, ago_e = ms.replace(year=ms.year - 1), end.replace(year=end.year - 1)
    add(Case(tenant, "Sales this time last year", [tr.revenue(ago_s, ago_e)]))
    sunday = lw_e
    add(Case(tenant, "Revenue last weekend vs the weekend before",
             [tr.revenue(sunday - timedelta(days=1), sunday), tr.revenue(sunday - timedelta(days=8),
                                                                         sunday - timedelta(days=7))]))
    bf_before = _black_friday(bf.year - 1)
    add(Case(tenant, "Sales on Black Friday vs last year's Black Friday", [tr.revenue(bf, bf),
                                                                         tr.revenue(bf_before, bf_before)]))
    qs = date(end.year, q_month, 1)
    add(Case(tenant, "Orders this quarter vs the same quarter last year",
             [tr.orders(qs, end), tr.orders(qs.replace(year=qs.year - 1), end.replace(year=end.year - 1))]))
    # rankings
    lw = tr.window(lw_s, lw_e)
    top3 = lw.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add(Case(tenant, "top 3 products last wk", [float(top3.iloc[0])], [str(s) for s in top3.index[:3]],
             ordered=True))
    best = lw.groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    if best.iloc[0] > best.iloc[1]:
        add(Case(tenant, "What sold best last week?", [float(best.iloc[0])], [str(best.index[0])]))
    nov = tr.window(nov_s, nov_e).groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    if nov.iloc[0] > nov.iloc[1] > nov.iloc[2]:
        add(Case(tenant, "top sellers nov", [float(nov.iloc[0])], [str(s) for s in nov.index[:2]], ordered=True))
    pm_s, pm_e = _last_complete_month(lm_s - timedelta(days=1))
    pm = tr.window(pm_s, pm_e)
    for dim, phrasing in (("category", "Which category is slowing down?"),
                          ("brand", "Which brands are losing momentum?")):
        change = _pct_change(lm.groupby(dim)["revenue"].sum(), pm.groupby(dim)["revenue"].sum()).sort_values()
        add(Case(tenant, phrasing, [float(change.iloc[0])], [str(change.index[0])]))
    ch = _pct_change(lm.groupby("channel")["revenue"].sum(), pm.groupby("channel")["revenue"].sum()).sort_values()
    add(Case(tenant, "Which channel is growing fastest?", [float(ch.iloc[-1])], [str(ch.index[-1])]))
    costed = tr.sales.dropna(subset=["cost"])
    net = costed["revenue"] - costed["discount"].fillna(0) - costed["refund"].fillna(0)
    margin = net - costed["units"] * costed["cost"]
    worst = margin.groupby(costed["sku"]).sum().sort_values()
    add(Case(tenant, "worst 5 products by margin", [float(worst.iloc[0])], [str(s) for s in worst.index[:3]],
             ordered=True))
    cat_margin = margin.groupby(costed["category"]).sum().sort_values()
    add(Case(tenant, "Least profitable category", [float(cat_margin.iloc[0])], [str(cat_margin.index[0])],
             absent=[str(cat_margin.index[-1])]))
    units_ch = tr.sales.groupby("channel")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "Which channel sells the most units?", [float(units_ch.iloc[0])], [str(units_ch.index[0])]))
    octo = tr.window(oct_s, oct_e).groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add(Case(tenant, f"What were our 3 biggest products in {MONTHS[oct_s.month - 1]}?", [float(octo.iloc[0])],
             [str(s) for s in octo.index[:3]], ordered=True))
    ytd = tr.window(ys, end)
    monthly = ytd[ytd["date"] < ms].assign(m=lambda f: [d.month for d in f["date"]]).groupby("m")["revenue"].sum()
    if len(monthly) > 1:
        add(Case(tenant, "monthly sales this year", [float(monthly.max())],
                 [peak(monthly, "max", _month_of(end.year))]))
    # shares, channels, categories, brands
    web = float(lm[lm["channel"] == "web"]["revenue"].sum() / lm["revenue"].sum() * 100)
    add(Case(tenant, "What % of sales came from the web last month?", [web]))
    add(Case(tenant, "How much did amazon bring in last month?",
             [float(lm[lm["channel"] == "amazon"]["revenue"].sum())]))
    add(Case(tenant, "web sales last week", [float(lw[lw["channel"] == "web"]["revenue"].sum())]))
    q3 = tr.window(q3_s, q3_e, sold)
    add(Case(tenant, "How many orders did ebay do in q3?", [float((q3["channel"] == "ebay").sum())]))
    add(Case(tenant, "kitchen sales last month", [float(lm[lm["category"] == "Kitchen"]["revenue"].sum())]))
    add(Case(tenant, "How much apparel did we sell this year?",
             [float(ytd[ytd["category"] == "Apparel"]["revenue"].sum())]))
    brand = str(tr.products["brand"].value_counts().index[0])
    q3r = tr.window(q3_s, q3_e)
    add(Case(tenant, f"How did {brand} do in q3?", [float(q3r[q3r["brand"] == brand]["revenue"].sum())]))
    add(Case(tenant, "Average basket size this year", [aov(ys, end)]))
    add(Case(tenant, "Units per order last quarter", [tr.units(lq_s, lq_e) / tr.orders(lq_s, lq_e)]))
    # several parts
    add(Case(tenant, "What did we turn over last week and how many orders was that?",
             [tr.revenue(lw_s, lw_e), tr.orders(lw_s, lw_e)]))
    add(Case(tenant, f"How many orders and what was the aov in {MONTHS[oct_s.month - 1].lower()}?",
             [tr.orders(oct_s, oct_e), aov(oct_s, oct_e)]))
    add(Case(tenant, "Revenue and units last month", [tr.revenue(lm_s, lm_e), tr.units(lm_s, lm_e)]))
    add(Case(tenant, f"What did we make in {MONTHS[oct_s.month - 1]} and how many units did we sell in "
                     f"{MONTHS[nov_s.month - 1]}?", [tr.revenue(oct_s, oct_e), tr.units(nov_s, nov_e)]))
    # forecasts: "sales" without "units" is money, led by revenue with the units beside it
    for phrasing, horizon in (("What will our sales be next month?", next_month_span(end)),
                              ("How much will we sell next week?", "next 7 days"),
                              ("What sales can we expect over the next 2 weeks?", "next 14 days")):
        add(Case(tenant, phrasing, names=["expect revenue", horizon, "units"], ordered=True))
    add(Case(tenant, "Projected sales for the rest of the year", names=["expect revenue", f"{end.year}-12-31"]))
    add(Case(tenant, "How many units will we sell next month?", names=["expect to sell", "units"],
             absent=["expect revenue"]))
    add(Case(tenant, "How much did we make last month and what's the forecast for next month?",
             [tr.revenue(lm_s, lm_e)], ["expect revenue"]))
    # stock and prices
    inv = tr.inventory.sort_values("date", kind="stable").groupby("sku").tail(1)
    out = sorted(str(s) for s in inv.loc[inv["on_hand"] <= 0, "sku"])
    add(Case(tenant, "What do I need to reorder?", names=["reorder", "out of stock"] if out else ["reorder"]))
    for phrasing in ("Anything about to sell out?", "What's running low?"):
        add(Case(tenant, phrasing, [float(len(out))] if out else [], ["out of stock"] if out else []))
    cp = t.merchant.competitor_prices.assign(date=pd.to_datetime(t.merchant.competitor_prices["date"]).dt.date)
    pos = _positions(t, cp[cp["date"] <= end])
    for phrasing, hits in (("Where are we the most expensive?", pos[pos["gap"] > 5]),
                           ("where are we cheapest vs competitors", pos[pos["gap"] < -5])):
        add(Case(tenant, phrasing, [float(len(hits)), float(len(pos))], tolerance=2.0))
    titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
    unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
    pick = str(best.index[0]) if str(best.index[0]) in unique.index else str(unique.index[0])
    add(Case(tenant, f"Should I drop the price of the {unique[pick]}?", names=[pick]))
    # what the data cannot say
    for phrasing in ("What's our profit after tax last month?", "How many visitors did the site get yesterday?",
                     "What's our cart abandonment rate?", "Which postcode orders the most?"):
        add(Case(tenant, phrasing, unanswerable=True))
    return cases


def second_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """A second set of phrasings, written and measured before any change made for them (batch ``unseen2``)."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen2")

    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    pm_s, pm_e = _last_complete_month(lm_s - timedelta(days=1))
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    q_month = 3 * ((end.month - 1) // 3) + 1
    qs = date(end.year, q_month, 1)
    lq_e = qs - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    ms, ys = end.replace(day=1), date(end.year, 1, 1)
    wk = end - timedelta(days=end.weekday())
    nov_s, nov_e = _latest_month(end, 11)
    oct_s, oct_e = _latest_month(end, 10)
    q3_s = date(end.year if end.month >= 7 else end.year - 1, 7, 1)
    q3_e = min(date(q3_s.year, 9, 30), end)
    ytd = tr.window(ys, end)

    def aov(s: date, e: date, frame: pd.DataFrame | None = None) -> float:
        f = tr.window(s, e) if frame is None else frame
        return float(f["revenue"].sum() / (f["units"] > 0).sum())

    # relative periods in other words
    add(Case(tenant, "What was revenue over the last seven days?", [tr.revenue(end - timedelta(days=6), end)]))
    add(Case(tenant, "sales for the past 2 weeks", [tr.revenue(end - timedelta(days=13), end)]))
    add(Case(tenant, "How much did we sell in the previous month?", [tr.revenue(lm_s, lm_e)]))
    add(Case(tenant, "What did the business take last quarter?", [tr.revenue(lq_s, lq_e)]))
    add(Case(tenant, "what's our turnover so far this month", [tr.revenue(ms, end)]))
    add(Case(tenant, "total sales month to date", [tr.revenue(ms, end)]))
    boxing = _latest_day(end, 12, 26)
    add(Case(tenant, "How much revenue did we do on Boxing Day?", [tr.revenue(boxing, boxing)]))
    sunday = lw_e
    add(Case(tenant, "How many orders came through over the weekend?",
             [tr.orders(sunday - timedelta(days=1), sunday)]))
    add(Case(tenant, "How many units have we sold since the start of November?", [tr.units(nov_s, end)]))
    add(Case(tenant, "revenue from 1 nov to 15 nov", [tr.revenue(nov_s, nov_s + timedelta(days=14))]))
    add(Case(tenant, "What were sales in the third quarter?", [tr.revenue(q3_s, q3_e)]))
    add(Case(tenant, "second half of last year revenue",
             [tr.revenue(date(end.year - 1, 7, 1), date(end.year - 1, 12, 31))]))
    add(Case(tenant, "sales in the first half of this year", [tr.revenue(ys, min(date(end.year, 6, 30), end))]))
    three_s = _last_complete_month(pm_s - timedelta(days=1))[0]
    add(Case(tenant, "revenue for the last 3 full months", [tr.revenue(three_s, lm_e)]))
    add(Case(tenant, "How did last week compare with the week before?",
             [tr.revenue(lw_s, lw_e), tr.revenue(lw_s - timedelta(days=7), lw_s - timedelta(days=1))]))
    add(Case(tenant, "orders this week vs same week last year",
             [tr.orders(wk, end), tr.orders(wk.replace(year=wk.year - 1), end.replace(year=end.year - 1))]))
    ly_oct_s, ly_oct_e = _month_bounds(date(oct_s.year - 1, 10, 1))
    add(Case(tenant, "Is October up on last year?", [tr.revenue(oct_s, oct_e), tr.revenue(ly_oct_s, ly_oct_e)]))
    if nov_s > oct_s:
        add(Case(tenant, "How much more did we sell in November than October?",
                 [tr.revenue(nov_s, nov_e), tr.revenue(oct_s, oct_e)]))
    ly_s, ly_e = _month_bounds(date(lm_s.year - 1, lm_s.month, 1))
    add(Case(tenant, "units last month compared with the same month last year",
             [tr.units(lm_s, lm_e), tr.units(ly_s, ly_e)]))
    # orders, AOV, baskets
    add(Case(tenant, "average order value on amazon last month", [aov(lm_s, lm_e, lm[lm["channel"] == "amazon"])]))
    sundays = lm[[d.weekday() == 6 for d in lm["date"]]]
    add(Case(tenant, "How many orders did we take on Sundays last month?", [float((sundays["units"] > 0).sum())]))
    add(Case(tenant, "How many items per basket on average this year?", [tr.units(ys, end) / tr.orders(ys, end)]))
    add(Case(tenant, "What's our average ticket?", [aov(tr.first, end)]))
    add(Case(tenant, "gross revenue ytd", [tr.revenue(ys, end)]))
    add(Case(tenant, "What did the Kitchen range bring in this year?",
             [float(ytd[ytd["category"] == "Kitchen"]["revenue"].sum())]))
    mtd = tr.window(ms, end)
    add(Case(tenant, "how are eBay sales this month?", [float(mtd[mtd["channel"] == "ebay"]["revenue"].sum())]))
    # rankings
    monthly = ytd[ytd["date"] < ms].assign(m=lambda f: [d.month for d in f["date"]]).groupby("m")["revenue"].sum()
    if len(monthly) > 1:
        add(Case(tenant, "Which was our best month this year?", [float(monthly.max())],
                 [peak(monthly, "max", _month_of(end.year))]))
    daily = lm.groupby("date")["revenue"].sum()
    add(Case(tenant, "What was our best day last month?", [float(daily.max())],
             [peak(daily, "max", _day_month)]))
    qtd = tr.window(qs, end).groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    if qtd.iloc[0] > qtd.iloc[1]:
        add(Case(tenant, "top 5 skus by units this quarter", [float(qtd.iloc[0])], [str(qtd.index[0])]))
    ever = tr.sales.groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    add(Case(tenant, "What are our five best sellers of all time?", [float(ever.iloc[0])],
             [str(s) for s in ever.index[:3]], ordered=True))
    octb = tr.window(oct_s, oct_e).groupby("brand")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "which brand sold the most units in October?", [float(octb.iloc[0])], [str(octb.index[0])]))
    rank = (lm[lm["units"] > 0]).groupby("channel").size().sort_values(ascending=False)
    add(Case(tenant, "Rank the channels by orders last month", [float(rank.iloc[0])], list(rank.index[:3]),
             ordered=True))
    kshare = float(ytd[ytd["category"] == "Kitchen"]["units"].sum() / ytd["units"].sum() * 100)
    add(Case(tenant, "What share of units did Kitchen account for this year?", [kshare]))
    amz = float(lm[lm["channel"] == "amazon"]["revenue"].sum() / lm["revenue"].sum() * 100)
    add(Case(tenant, "How much of last month's revenue came from Amazon?", [amz]))
    lyw = tr.window(ly_s, ly_e)
    yoy = _pct_change(lm.groupby("category")["revenue"].sum(), lyw.groupby("category")["revenue"].sum()).sort_values()
    add(Case(tenant, "Which category grew the most year on year?", [float(yoy.iloc[-1])], [str(yoy.index[-1])],
             tolerance=1.0))  # points: the ingest drops a few corrupted lines
    pm = tr.window(pm_s, pm_e)
    up = _pct_change(lm.groupby("brand")["revenue"].sum(), pm.groupby("brand")["revenue"].sum()).sort_values()
    add(Case(tenant, "which brands are on the up", [float(up.iloc[-1])], [str(up.index[-1])], tolerance=1.0))
    # stock
    inv = tr.inventory.sort_values("date", kind="stable")
    latest = inv.groupby(["sku", "location"]).tail(1)  # each SKU and location at its latest accepted count
    now = inv.groupby("sku").tail(1)
    out = sorted(str(s) for s in now.loc[now["on_hand"] <= 0, "sku"])
    add(Case(tenant, "Which lines have we run out of?", [float(len(out))] if out else [], out[:1]))
    add(Case(tenant, "What should I restock?", names=["reorder"]))
    add(Case(tenant, "total stock on hand across the business", [float(latest["on_hand"].sum())]))
    add(Case(tenant, "Which products will run out first?", names=["run out"]))
    # prices
    cp = t.merchant.competitor_prices.assign(date=pd.to_datetime(t.merchant.competitor_prices["date"]).dt.date)
    cp = cp[cp["date"] <= end].sort_values("date", kind="stable")
    pos = _positions(t, cp)
    add(Case(tenant, "Are we overpriced?", [float((pos["gap"] > 5).sum()), float(len(pos))], tolerance=2.0))
    window = cp[cp["date"] >= end - timedelta(days=29)].drop_duplicates(["sku", "competitor"], keep="last")
    shared = window[window.groupby("sku")["competitor"].transform("nunique") >= 2]
    low = shared.groupby("sku")["price"].transform("min")
    wins = shared[(shared["price"] - low).abs() <= 0.005].groupby("competitor").size().sort_values(
        ascending=False, kind="stable")
    add(Case(tenant, "Who's the cheapest competitor?", [float(wins.iloc[0])], [first(wins)]))
    add(Case(tenant, "How does MegaMart's pricing compare with ours?", names=["MegaMart"]))
    # forecasts
    add(Case(tenant, "What's projected revenue for next month?", names=["expect revenue"]))
    add(Case(tenant, "sales forecast next 30 days", names=["expect revenue", "next 30 days"], ordered=True))
    add(Case(tenant, "How many orders will we get next week?", names=["orders"], absent=["expect revenue"]))
    month_name = MONTHS[end.month - 1]
    if end.day < 28:
        add(Case(tenant, f"Expected takings for {month_name}", names=["expect revenue", "comes to about"]))
    # what the data cannot say
    for phrasing in ("What's our net profit this year?", "How many people visited the shop last week?",
                     "What's our ROAS on Google?", "How much did shipping cost us last month?"):
        add(Case(tenant, phrasing, unanswerable=True))
    # several parts
    add(Case(tenant, "How many orders did we get yesterday and what was the average order value?",
             [tr.orders(end, end), aov(end, end)]))
    add(Case(tenant, "revenue last month, and how does it compare to the month before?",
             [tr.revenue(lm_s, lm_e), tr.revenue(pm_s, pm_e)]))
    add(Case(tenant, "Give me units and revenue for Q3", [tr.units(q3_s, q3_e), tr.revenue(q3_s, q3_e)]))
    # typos and terse
    add(Case(tenant, "revnue yesterday", [tr.revenue(end, end)]))
    top = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add(Case(tenant, "top prodcuts last month", [float(top.iloc[0])], [str(s) for s in top.index[:3]], ordered=True))
    add(Case(tenant, "sales lst month", [tr.revenue(lm_s, lm_e)]))
    add(Case(tenant, "ordrs last 30 days", [tr.orders(end - timedelta(days=29), end)]))
    add(Case(tenant, "avg basket ytd", [aov(ys, end)]))
    add(Case(tenant, "units mtd", [tr.units(ms, end)]))
    add(Case(tenant, "wk on wk revenue", [tr.revenue(lw_s, lw_e), tr.revenue(lw_s - timedelta(days=7),
                                                                             lw_s - timedelta(days=1))]))
    return cases


def third_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """A third set, written and measured before any change made for it (batch ``unseen3``)."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen3")

    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    pm_s, pm_e = _last_complete_month(lm_s - timedelta(days=1))
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    q_month = 3 * ((end.month - 1) // 3) + 1
    qs = date(end.year, q_month, 1)
    lq_e = qs - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    ms, ys = end.replace(day=1), date(end.year, 1, 1)
    ytd = tr.window(ys, end)
    bf = _black_friday(end.year) if _black_friday(end.year) <= end else _black_friday(end.year - 1)

    def aov(frame: pd.DataFrame) -> float:
        return float(frame["revenue"].sum() / (frame["units"] > 0).sum())

    lw = tr.window(lw_s, lw_e)
    add(Case(tenant, "how much did kitchen make last wk", [float(lw[lw["category"] == "Kitchen"]["revenue"].sum())]))
    by_cat = lm.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "sales by category last month", [float(v) for v in by_cat.values[:2]], list(by_cat.index[:3]),
             ordered=True))
    amz = float((ytd[ytd["units"] > 0]["channel"] == "amazon").mean() * 100)
    add(Case(tenant, "what % of orders came from amazon this year", [amz]))
    lq = tr.window(lq_s, lq_e)
    best_ch = lq.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "best performing channel last quarter", [float(best_ch.iloc[0])], [str(best_ch.index[0])]))
    weekday = tr.sales.assign(w=[WEEKDAYS[d.weekday()] for d in tr.sales["date"]]).groupby("w")["revenue"].sum()
    add(Case(tenant, "which day of the week is quietest", [float(weekday.min())], [peak(weekday, "min")]))
    add(Case(tenant, "how many orders on black friday", [tr.orders(bf, bf)]))
    cm_last = _black_friday(end.year - 1) + timedelta(days=3)
    add(Case(tenant, "units sold on cyber monday last year", [tr.units(cm_last, cm_last)]))
    add(Case(tenant, "how did december do last year",
             [tr.revenue(date(end.year - 1, 12, 1), date(end.year - 1, 12, 31))]))
    add(Case(tenant, "what was our aov on black friday", [aov(tr.window(bf, bf))]))
    if end.day > 1:
        add(Case(tenant, "orders per day this month", [tr.orders(ms, end) / ((end - ms).days + 1)]))
    add(Case(tenant, "avg daily units last 30 days", [tr.units(end - timedelta(days=29), end) / 30]))
    cats = ytd.groupby("category")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "Top 3 categories by units this year", [float(cats.iloc[0])], list(cats.index[:3]), ordered=True))
    titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
    unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
    lm_units = lm.groupby("sku")["units"].sum()
    named = sorted(s for s in lm_units.index if s in unique.index and lm_units[s] > 3)
    pick = named[len(named) // 2]
    add(Case(tenant, f"how many units of the {unique[pick]} did we flog last month", [float(lm_units[pick])]))
    ytd_rev = ytd.groupby("sku")["revenue"].sum()
    pick2 = named[len(named) // 3]
    add(Case(tenant, f"how much has the {unique[pick2]} made this year?", [float(ytd_rev.get(pick2, 0.0))]))
    brand = str(tr.products["brand"].value_counts().index[1])
    qtd = tr.window(qs, end)
    add(Case(tenant, f"how's the {brand} brand doing this quarter",
             [float(qtd[qtd["brand"] == brand]["revenue"].sum())]))
    def on(frame: pd.DataFrame, channel: str) -> float:
        return float(frame[frame["channel"] == channel]["revenue"].sum())

    add(Case(tenant, "compare web and amazon sales last month", [on(lm, "web"), on(lm, "amazon")]))
    add(Case(tenant, "which is bigger this year, ebay or pos?", [on(ytd, "ebay"), on(ytd, "pos")]))
    add(Case(tenant, "sales growth this year", [tr.revenue(ys, end), tr.revenue(ys.replace(year=ys.year - 1),
                                                                           end.replace(year=end.year - 1))]))
    ps = (ms - timedelta(days=1)).replace(day=1)
    if end.day < 28:
        add(Case(tenant, "how are we tracking vs last month",
                 [tr.revenue(ms, end), tr.revenue(ps, ps.replace(day=end.day))]))
    ly_s, ly_e = _month_bounds(date(lm_s.year - 1, lm_s.month, 1))
    add(Case(tenant, "revenue down on last year?", [tr.revenue(lm_s, lm_e), tr.revenue(ly_s, ly_e)]))
    q3_s = date(end.year if end.month >= 10 else end.year - 1, 7, 1)
    q2_s = date(q3_s.year, 4, 1)
    add(Case(tenant, "q3 vs q2 units",
             [tr.units(q3_s, date(q3_s.year, 9, 30)), tr.units(q2_s, date(q2_s.year, 6, 30))]))
    q1 = date(end.year, 1, 1)
    add(Case(tenant, "first quarter revenue compared to the first quarter of last year",
             [tr.revenue(q1, date(q1.year, 3, 31)),
              tr.revenue(q1.replace(year=q1.year - 1), date(q1.year - 1, 3, 31))]))
    bf_week = bf - timedelta(days=bf.weekday())
    add(Case(tenant, "How many units did we sell in the week of Black Friday?",
             [tr.units(bf_week, min(bf_week + timedelta(days=6), end))]))
    add(Case(tenant, "what did we sell 3 days ago", [tr.revenue(end - timedelta(days=3), end - timedelta(days=3))]))
    tue = end - timedelta(days=(end.weekday() - 1) % 7 or 7)
    add(Case(tenant, "sales last tuesday", [tr.revenue(tue, tue)]))
    mon = end - timedelta(days=end.weekday() or 7)  # data ending on a Monday: the whole Monday before
    add(Case(tenant, "how much did we take on Monday?", [tr.revenue(mon, mon)]))
    # stock
    inv = tr.inventory.sort_values("date", kind="stable")
    now = inv.groupby("sku").tail(1)
    out = sorted(str(s) for s in now.loc[now["on_hand"] <= 0, "sku"])
    add(Case(tenant, "which products have no stock", [float(len(out))] if out else [], out[:1]))
    add(Case(tenant, "are we going to run out of anything soon?", names=["run out"]))
    add(Case(tenant, "What's overstocked?", names=["days of cover"]))
    # prices
    cp = t.merchant.competitor_prices.assign(date=pd.to_datetime(t.merchant.competitor_prices["date"]).dt.date)
    cp = cp[cp["date"] <= end].sort_values("date", kind="stable")
    latest = cp[cp["date"] >= end - timedelta(days=29)].drop_duplicates(["sku", "competitor"], keep="last")
    with_ours = latest.assign(our=_our_prices(t, latest))
    part = with_ours[with_ours["competitor"] == "ShopRival"].dropna(subset=["our"])
    add(Case(tenant, "am I cheaper than ShopRival?", [float((part["our"] < part["price"] - 0.005).sum()),
                                                      float((part["our"] > part["price"] + 0.005).sum())],
             ["ShopRival"], tolerance=2.0))
    below = with_ours.dropna(subset=["our"])
    share = (below["price"] < below["our"]).groupby(below["competitor"]).mean().sort_values(ascending=False)
    add(Case(tenant, "which competitor undercuts us the most?", [], [str(share.index[0])]))
    pos = _positions(t, cp)
    add(Case(tenant, "how many products are we more expensive than the market on?",
             [float((pos["gap"] > 5).sum())], tolerance=2.0))
    add(Case(tenant, "price check against BargainBarn", names=["BargainBarn"]))
    # forecasts
    add(Case(tenant, "what will we turn over next week", names=["expect revenue", "next 7 days"], ordered=True))
    add(Case(tenant, f"how many units of the {unique[pick]} will we sell next month?",
             names=[pick, next_month_span(end)], absent=["expect revenue"]))
    add(Case(tenant, "sales outlook for the coming month", names=["expect revenue"]))
    if end.day < 28:
        add(Case(tenant, f"predict {MONTHS[end.month - 1].lower()} sales", names=["comes to about"]))
    # what the data cannot say, and two parts
    add(Case(tenant, "What's our gross profit after marketing costs?", unanswerable=True))
    add(Case(tenant, "what were orders and revenue yesterday?", [tr.orders(end, end), tr.revenue(end, end)]))
    return cases


def fourth_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """A fourth set, written and measured before any change made for it (batch ``unseen4``)."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen4")

    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    q_month = 3 * ((end.month - 1) // 3) + 1
    qs = date(end.year, q_month, 1)
    lq_e = qs - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    ms, ys = end.replace(day=1), date(end.year, 1, 1)
    ytd = tr.window(ys, end)
    titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
    unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
    lm_units = lm.groupby("sku")["units"].sum()
    named = sorted(s for s in lm_units.index if s in unique.index and lm_units[s] > 3)
    pick = named[len(named) // 4]

    def cat(frame: pd.DataFrame, name: str, col: str = "revenue") -> float:
        return float(frame[frame["category"] == name][col].sum())

    def ch(frame: pd.DataFrame, name: str, col: str = "revenue") -> float:
        return float(frame[frame["channel"] == name][col].sum())

    add(Case(tenant, f"how's the {unique[pick]} selling last month?", [float(lm[lm["sku"] == pick]["revenue"].sum())]))
    add(Case(tenant, f"{unique[pick]} sales last month", [float(lm[lm["sku"] == pick]["revenue"].sum())]))
    add(Case(tenant, f"units of {unique[pick]} ytd", [float(ytd[ytd["sku"] == pick]["units"].sum())]))
    lq = tr.window(lq_s, lq_e)
    add(Case(tenant, "kitchen vs home last quarter", [cat(lq, "Kitchen"), cat(lq, "Home")]))
    add(Case(tenant, "how much did we make on eBay yesterday", [ch(tr.window(end, end), "ebay")]))
    lw = tr.window(lw_s, lw_e)
    daily_orders = lw[lw["units"] > 0].groupby("date").size()
    add(Case(tenant, "orders by day last week", [float(daily_orders.max())]))
    days = ytd.groupby("date")["revenue"].sum()
    add(Case(tenant, "biggest day of sales this year", [float(days.max())],
             [peak(days, "max", _day_month)]))
    monthly = ytd[ytd["date"] < ms].assign(m=lambda f: [d.month for d in f["date"]]).groupby("m")["revenue"].sum()
    if len(monthly) > 1:
        add(Case(tenant, "worst month this year", [float(monthly.min())],
                 [peak(monthly, "min", _month_of(end.year))]))
    add(Case(tenant, "average units per day last week", [tr.units(lw_s, lw_e) / 7]))
    add(Case(tenant, "how many items did we sell on average per order last month",
             [tr.units(lm_s, lm_e) / tr.orders(lm_s, lm_e)]))
    add(Case(tenant, "revenue last 90 days", [tr.revenue(end - timedelta(days=89), end)]))
    add(Case(tenant, "sales in the last 6 weeks", [tr.revenue(end - timedelta(days=41), end)]))
    brands = ytd.groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "best brand ytd", [float(brands.iloc[0])], [str(brands.index[0])]))
    add(Case(tenant, "percentage of revenue from kitchen last quarter",
             [cat(lq, "Kitchen") / float(lq["revenue"].sum()) * 100]))
    mtd = tr.window(ms, end)
    per_ch = mtd.groupby("channel")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "units sold per channel this month", [float(per_ch.iloc[0])], list(per_ch.index[:3]),
             ordered=True))
    add(Case(tenant, "did we sell more on amazon or ebay last month",  # "sell more": units, as the lexicon reads it
             [ch(lm, "amazon", "units"), ch(lm, "ebay", "units")]))
    add(Case(tenant, "compare this month to the same month last year",
             [tr.revenue(ms, end), tr.revenue(ms.replace(year=ms.year - 1), end.replace(year=end.year - 1))]))
    add(Case(tenant, "how much revenue in the last quarter of last year",
             [tr.revenue(date(end.year - 1, 10, 1), date(end.year - 1, 12, 31))]))
    eve = _latest_day(end, 12, 24)
    add(Case(tenant, "Christmas eve sales", [tr.revenue(eve, eve)]))
    bf_ly = _black_friday(end.year - 1)
    add(Case(tenant, "sales from Black Friday through Cyber Monday last year",
             [tr.revenue(bf_ly, bf_ly + timedelta(days=3))]))
    inv = tr.inventory.sort_values("date", kind="stable")
    latest = inv.groupby(["sku", "location"]).tail(1)  # each SKU and location at its latest accepted count
    stocked = latest.groupby("sku")["on_hand"].sum()
    spick = next(s for s in named if s in stocked.index and stocked[s] > 0)
    add(Case(tenant, f"how much stock do we have of the {unique[spick]}", [float(stocked[spick])]))
    add(Case(tenant, f"how many {unique[spick]} are left", [float(stocked[spick])]))
    add(Case(tenant, f"what are competitors charging for the {unique[pick]}?", names=[pick]))
    add(Case(tenant, "how much will the Kitchen category sell next month?", names=["Kitchen", next_month_span(end)]))
    add(Case(tenant, "What's our refund rate due to damaged items?", unanswerable=True))
    add(Case(tenant, "How many customers unsubscribed from our newsletter?", unanswerable=True))
    add(Case(tenant, "what was the average price we sold at last month?",
             [tr.revenue(lm_s, lm_e) / tr.units(lm_s, lm_e)]))
    add(Case(tenant, "how many orders have we had this week", [tr.orders(end - timedelta(days=end.weekday()), end)]))
    add(Case(tenant, "sales today", [tr.revenue(end, end)]))
    add(Case(tenant, "how many sales this month", [tr.orders(ms, end)]))
    return cases


def fifth_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """A fifth set, written and measured before any change made for it (batch ``unseen5``)."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen5")

    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    pm_s, pm_e = _last_complete_month(lm_s - timedelta(days=1))
    ys = date(end.year, 1, 1)
    ytd = tr.window(ys, end)
    wk = end - timedelta(days=end.weekday())
    sold = tr.sales[tr.sales["units"] > 0]
    add(Case(tenant, "how much did we turn over in the last 4 weeks", [tr.revenue(end - timedelta(days=27), end)]))
    add(Case(tenant, "whats the revenue for this wk", [tr.revenue(wk, end)]))
    add(Case(tenant, "revenue for last year", [tr.revenue(date(end.year - 1, 1, 1), date(end.year - 1, 12, 31))]))
    past = date(end.year if end.month > 1 else end.year - 1, end.month - 1 if end.month > 1 else 12, end.day)
    add(Case(tenant, "how many orders did we get over the past month",
             [tr.orders(past + timedelta(days=1), end)]))
    nov_s, _ = _latest_month(end, 11)
    add(Case(tenant, "sales between 1st and 15th november", [tr.revenue(nov_s, nov_s + timedelta(days=14))]))
    top = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add(Case(tenant, "how much did the top 3 products make last month", [float(top.iloc[0])],
             [str(x) for x in top.index[:3]], ordered=True))
    ytop = ytd.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add(Case(tenant, "which products made us the most money this year", [float(ytop.iloc[0])], [str(ytop.index[0])]))
    cats = tr.sales.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "which category brings in the most", [float(cats.iloc[0])], [str(cats.index[0])]))
    chans = lm.groupby("channel")["revenue"].sum().sort_values()
    add(Case(tenant, "weakest channel last month", [float(chans.iloc[0])], [str(chans.index[0])]))
    web = float(tr.sales[tr.sales["channel"] == "web"]["revenue"].sum() / tr.sales["revenue"].sum() * 100)
    add(Case(tenant, "what proportion of sales are on the web", [web]))
    oct_s, oct_e = _latest_month(end, 10)
    ly_oct_s, ly_oct_e = _month_bounds(date(oct_s.year - 1, 10, 1))
    add(Case(tenant, "yoy revenue for october", [tr.revenue(oct_s, oct_e), tr.revenue(ly_oct_s, ly_oct_e)]))
    add(Case(tenant, "mom orders", [tr.orders(lm_s, lm_e), tr.orders(pm_s, pm_e)]))
    last7 = tr.window(end - timedelta(days=6), end)
    add(Case(tenant, "avg order val last 7 days", [float(last7["revenue"].sum() / (last7["units"] > 0).sum())]))
    buyers = tr.window(lm_s, lm_e, sold)["customer_email"].str.strip().str.lower()
    add(Case(tenant, "how many unique buyers last month", [float(buyers.nunique())]))
    add(Case(tenant, "total units sold all time", [float(tr.sales["units"].sum())]))
    add(Case(tenant, "lifetime revenue", [float(tr.sales["revenue"].sum())]))
    last = tr.window(date(end.year - 1, 1, 1), date(end.year - 1, 12, 31))
    monthly = last.assign(m=lambda f: [d.month for d in f["date"]]).groupby("m")["revenue"].sum()
    add(Case(tenant, "sales by month last year", [float(monthly.max())],
             [peak(monthly, "max", _month_of(end.year - 1))]))
    outdoor = ytd[ytd["category"] == "Outdoor"].groupby("sku")["units"].sum().sort_values(ascending=False,
                                                                                           kind="stable")
    if outdoor.iloc[0] > outdoor.iloc[1]:
        add(Case(tenant, "what's our best selling item in the outdoor category this year", [float(outdoor.iloc[0])],
                 [str(outdoor.index[0])]))
    inv = tr.inventory.sort_values("date", kind="stable")
    latest = inv.groupby(["sku", "location"]).tail(1)  # each SKU and location at its latest accepted count
    add(Case(tenant, "How many units of stock have we got in total?", [float(latest["on_hand"].sum())]))
    add(Case(tenant, "which products should I reorder first?", names=["reorder"]))
    cp = t.merchant.competitor_prices.assign(date=pd.to_datetime(t.merchant.competitor_prices["date"]).dt.date)
    pos = _positions(t, cp[cp["date"] <= end])
    add(Case(tenant, "what are our most overpriced products?", [float((pos["gap"] > 5).sum())], tolerance=2.0))
    if end.day < 28:
        add(Case(tenant, f"how much will we make in {MONTHS[end.month - 1].lower()}", names=["comes to about"]))
    add(Case(tenant, "projected units next week", names=["expect to sell", "next 7 days"], absent=["expect revenue"]))
    add(Case(tenant, "How much did we spend on stock last month?", unanswerable=True))
    add(Case(tenant, "how many orders did we ship yesterday", [tr.orders(end, end)]))
    kitchen, home = (float(lm[lm["category"] == c]["revenue"].sum()) for c in ("Kitchen", "Home"))
    add(Case(tenant, "sales of kitchen and home last month", [kitchen, home]))
    add(Case(tenant, "revenue excluding amazon last month", [float(lm[lm["channel"] != "amazon"]["revenue"].sum())]))
    add(Case(tenant, "units sold in the last 48 hours", [tr.units(end - timedelta(days=1), end)]))
    return cases


def sixth_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """A sixth set (comparisons and several figures at once), measured before any change made for it."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen6")

    lm_s, lm_e = _last_complete_month(end)
    pm_s, pm_e = _last_complete_month(lm_s - timedelta(days=1))
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    ms, ys = end.replace(day=1), date(end.year, 1, 1)
    ps = (ms - timedelta(days=1)).replace(day=1)
    wk = end - timedelta(days=end.weekday())
    if end.day < 28:
        add(Case(tenant, "this month vs last month orders",
                 [tr.orders(ms, end), tr.orders(ps, ps.replace(day=end.day))]))
    q3_s = date(end.year if end.month >= 10 else end.year - 1, 7, 1)
    q3_e = date(q3_s.year, 9, 30)
    add(Case(tenant, "q3 sales vs q3 last year",
             [tr.revenue(q3_s, q3_e), tr.revenue(date(q3_s.year - 1, 7, 1), date(q3_e.year - 1, 9, 30))]))
    nov_s, nov_e = _latest_month(end, 11)
    add(Case(tenant, "how does november compare with the same month last year",
             [tr.revenue(nov_s, nov_e), tr.revenue(date(nov_s.year - 1, 11, 1), date(nov_s.year - 1, 11, 30))]))
    add(Case(tenant, "last 30 days vs previous 30 days revenue",
             [tr.revenue(end - timedelta(days=29), end),
              tr.revenue(end - timedelta(days=59), end - timedelta(days=30))]))
    oct_s, oct_e = _latest_month(end, 10)
    add(Case(tenant, "what's the difference between october and november sales",
             [tr.revenue(nov_s, nov_e), tr.revenue(oct_s, oct_e)]))
    day = tr.window(end, end)
    chans = day.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "how much did each channel make yesterday", [float(chans.iloc[0])], [str(chans.index[0])]))
    add(Case(tenant, "give me revenue, orders and aov for last week",
             [tr.revenue(lw_s, lw_e), tr.orders(lw_s, lw_e), tr.revenue(lw_s, lw_e) / tr.orders(lw_s, lw_e)]))
    bf = _black_friday(end.year) if _black_friday(end.year) <= end else _black_friday(end.year - 1)
    add(Case(tenant, "how many units and orders did we do on black friday", [tr.units(bf, bf), tr.orders(bf, bf)]))
    if wk < end:
        add(Case(tenant, "what did we make this week and last week", [tr.revenue(wk, end), tr.revenue(lw_s, lw_e)]))
    add(Case(tenant, "revenue per order yesterday", [tr.revenue(end, end) / tr.orders(end, end)]))
    add(Case(tenant, "units per transaction ytd", [tr.units(ys, end) / tr.orders(ys, end)]))
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(end.year, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    lq = tr.window(lq_s, lq_e)
    add(Case(tenant, "what % of units were sold on ebay last quarter",
             [float(lq[lq["channel"] == "ebay"]["units"].sum() / lq["units"].sum() * 100)]))
    ytd = tr.window(ys, end)
    add(Case(tenant, "how much of our turnover came from the Outdoor category this year",
             [float(ytd[ytd["category"] == "Outdoor"]["revenue"].sum() / ytd["revenue"].sum() * 100)]))
    q2_s = date(end.year if end.month >= 7 else end.year - 1, 4, 1)
    add(Case(tenant, "How did Q2 compare to Q1?", [tr.revenue(q2_s, date(q2_s.year, 6, 30)),
                                                  tr.revenue(date(q2_s.year, 1, 1), date(q2_s.year, 3, 31))]))
    add(Case(tenant, "how much did orders grow last month", [tr.orders(lm_s, lm_e), tr.orders(pm_s, pm_e)]))
    ly_s, ly_e = _month_bounds(date(lm_s.year - 1, lm_s.month, 1))
    add(Case(tenant, "orders growth yoy", [tr.orders(lm_s, lm_e), tr.orders(ly_s, ly_e)]))
    add(Case(tenant, "was last week better than the week before?",
             [tr.revenue(lw_s, lw_e), tr.revenue(lw_s - timedelta(days=7), lw_s - timedelta(days=1))]))
    return cases


def catalogue_price_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """The catalogue's prices and size: the dearest and cheapest products, the average price, products per category.

    Truths from the generated catalogue's rows the ingest accepted (one row per SKU, priced ones only).
    """
    products = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
    priced = products[products["price"].notna()]
    dear = priced.sort_values(["price", "sku"], ascending=[False, True])
    cheap = priced.sort_values(["price", "sku"], ascending=[True, True])
    tenant = t.tenant
    per_category = products.groupby("category")["sku"].nunique().sort_values(ascending=False)
    by_price = priced.groupby("category")["price"].mean().sort_values(ascending=False)
    return [
        Case(tenant, "What is our most expensive product?", [float(dear["price"].iloc[0])], [str(dear["sku"].iloc[0])],
             batch="catalogue"),
        Case(tenant, "which product is the cheapest", [float(cheap["price"].iloc[0])], [str(cheap["sku"].iloc[0])],
             batch="catalogue"),
        Case(tenant, "List our 3 priciest items", [float(v) for v in dear["price"].iloc[:3]],
             [str(s) for s in dear["sku"].iloc[:3]], ordered=True, batch="catalogue"),
        Case(tenant, "What is the average price of our products?", [float(priced["price"].mean())],
             batch="catalogue"),
        Case(tenant, "Which category has the most products?", [float(per_category.iloc[0])],
             [first(per_category)], batch="catalogue"),
        Case(tenant, "Which category has the most expensive products?", [float(by_price.iloc[0])],
             [str(by_price.index[0])], absent=["had the most revenue"], batch="catalogue"),
    ]


def upcoming_period_cases(t: BenchTenant) -> list[Case]:
    """A month or quarter named without a year, asked in the future tense after its latest one ended: the next one,
    forecast to its end and said so (found while the sixth set was fixed; batch ``upcoming``)."""
    end, tenant = t.end, t.tenant
    nxt = date(end.year + 1, 1, 1)
    cases = [Case(tenant, "what revenue should we expect in january",
                  names=[f"January {nxt.year} is still to come", "expect revenue", f"{nxt.year}-01-31"]),
             Case(tenant, "forecast sales for january", names=["expect revenue", f"{nxt.year}-01-31"]),
             Case(tenant, "how many units will we sell in q1", names=["expect to sell", f"{nxt.year}-03-31"],
                  absent=["expect revenue"])]
    for case in cases:
        case.batch = "upcoming"
    return cases


def seventh_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """A seventh set (requests and chatty forms), measured before any change made for it (batch ``unseen7``)."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen7")

    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    ms, ys = end.replace(day=1), date(end.year, 1, 1)
    wk = end - timedelta(days=end.weekday())
    oct_s, oct_e = _latest_month(end, 10)
    nov_s, nov_e = _latest_month(end, 11)
    q3_s = date(end.year if end.month >= 10 else end.year - 1, 7, 1)
    bf = _black_friday(end.year) if _black_friday(end.year) <= end else _black_friday(end.year - 1)
    add(Case(tenant, "can you tell me what we took last week", [tr.revenue(lw_s, lw_e)]))
    add(Case(tenant, "show me orders for yesterday pls", [tr.orders(end, end)]))
    add(Case(tenant, "I need the AOV for October", [tr.revenue(oct_s, oct_e) / tr.orders(oct_s, oct_e)]))
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(end.year, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    brands = tr.window(lq_s, lq_e).groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "give me a breakdown of revenue by brand for last quarter", [float(brands.iloc[0])],
             list(brands.index[:3]), ordered=True))
    add(Case(tenant, "quick one - units shifted this month?", [tr.units(ms, end)]))
    add(Case(tenant, "hey, how much did we make on black friday", [tr.revenue(bf, bf)]))
    add(Case(tenant, "need sales numbers for q3 asap", [tr.revenue(q3_s, date(q3_s.year, 9, 30))]))
    add(Case(tenant, "what's the total for november", [tr.revenue(nov_s, nov_e)]))
    two = date(end.year if end.month > 2 else end.year - 1, (end.month - 3) % 12 + 1, end.day)
    add(Case(tenant, "pull up revenue for the past 2 months", [tr.revenue(two + timedelta(days=1), end)]))
    add(Case(tenant, "How many orders did the web shop get last month?",
             [float(((lm["channel"] == "web") & (lm["units"] > 0)).sum())]))
    top = tr.window(ys, end).groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "list top 5 brands this year", [float(top.iloc[0])], list(top.index[:3]), ordered=True))
    days = tr.sales.groupby("date")["revenue"].sum()
    add(Case(tenant, "our best day ever", [float(days.max())],
             [peak(days, "max", _day_month)]))
    day = tr.window(end, end)
    add(Case(tenant, "how much did amazon make us yesterday",
             [float(day[day["channel"] == "amazon"]["revenue"].sum())]))
    if wk < end:
        add(Case(tenant, "I want to know if we sold more units this week than last week",  # the same weekdays
                 [tr.units(wk, end), tr.units(wk - timedelta(days=7), end - timedelta(days=7))]))
    inv = tr.inventory.sort_values("date", kind="stable")
    latest = inv.groupby(["sku", "location"]).tail(1)  # each SKU and location at its latest accepted count
    add(Case(tenant, "can u check stock levels", [float(latest["on_hand"].sum())]))
    add(Case(tenant, "any stockouts coming up?", names=["run out"]))
    xmas = _latest_day(end, 12, 25)
    xw = xmas - timedelta(days=xmas.weekday())
    add(Case(tenant, "xmas week sales last year", [tr.revenue(xw, xw + timedelta(days=6))]))
    eve = _latest_day(end, 12, 24)
    add(Case(tenant, "what was revenue on xmas eve", [tr.revenue(eve, eve)]))
    add(Case(tenant, "rev ytd vs ly", [tr.revenue(ys, end), tr.revenue(date(end.year - 1, 1, 1),
                                                                       end.replace(year=end.year - 1))]))
    return cases


def eighth_unseen_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """An eighth set (names said loosely, possessives, per cent), measured before any change made for it."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases, add = batch_cases("unseen8")

    lm_s, lm_e = _last_complete_month(end)
    lm = tr.window(lm_s, lm_e)
    ys = date(end.year, 1, 1)
    ytd = tr.window(ys, end)
    brand = str(tr.products["brand"].value_counts().index[0])
    add(Case(tenant, f"{brand}'s sales last month", [float(lm[lm["brand"] == brand]["revenue"].sum())]))
    add(Case(tenant, "kitchn revenue this year", [float(ytd[ytd["category"] == "Kitchen"]["revenue"].sum())]))
    add(Case(tenant, "electronic sales last month", [float(lm[lm["category"] == "Electronics"]["revenue"].sum())]))
    add(Case(tenant, "what per cent of revenue came from amazon last month",
             [float(lm[lm["channel"] == "amazon"]["revenue"].sum() / lm["revenue"].sum() * 100)]))
    ly_s, ly_e = _month_bounds(date(lm_s.year - 1, lm_s.month, 1))
    add(Case(tenant, "revenue last month compared to the previous year",
             [tr.revenue(lm_s, lm_e), tr.revenue(ly_s, ly_e)]))
    add(Case(tenant, "Amazon revenue ytd vs last year",
             [float(ytd[ytd["channel"] == "amazon"]["revenue"].sum()),
              float(tr.window(date(end.year - 1, 1, 1), end.replace(year=end.year - 1)).query(
                  "channel == 'amazon'")["revenue"].sum())]))
    add(Case(tenant, "how many outdoor items did we sell last month",
             [float(lm[lm["category"] == "Outdoor"]["units"].sum())]))
    add(Case(tenant, "apparel units ytd", [float(ytd[ytd["category"] == "Apparel"]["units"].sum())]))
    add(Case(tenant, "home category orders last month",
             [float(lm[(lm["category"] == "Home") & (lm["units"] > 0)]["order_id"].nunique())]))
    web, amazon = (float(ytd[ytd["channel"] == c]["revenue"].sum()) for c in ("web", "amazon"))
    add(Case(tenant, "whats the split between web and amazon this year", [web, amazon]))
    return cases


def _orders(frame: pd.DataFrame) -> float:
    """Orders as the metrics layer counts them: distinct order ids of the lines with units sold."""
    return float(frame[frame["units"] > 0]["order_id"].nunique())


def in_category(f: pd.DataFrame, name: str) -> pd.DataFrame:
    """The lines of one category."""
    return f[f["category"] == name]


def on_channel(f: pd.DataFrame, name: str) -> pd.DataFrame:
    """The lines of one channel."""
    return f[f["channel"] == name]


def rev(f: pd.DataFrame) -> float:
    """Revenue of the lines."""
    return float(f["revenue"].sum())


def units(f: pd.DataFrame) -> float:
    """Units sold on the lines."""
    return float(f["units"].sum())


def aov(f: pd.DataFrame) -> float:
    """Revenue per order."""
    return rev(f) / _orders(f)


def top(series: pd.Series, n: int = 1) -> list[str]:
    """The names of the ``n`` largest values."""
    return [str(x) for x in series.sort_values(ascending=False, kind="stable").index[:n]]


def strict(series: pd.Series, n: int) -> bool:
    """Whether the first ``n`` values of the ranking are each strictly above the next (no ties to order)."""
    v = series.sort_values(ascending=False, kind="stable").values
    return len(v) > n and all(v[i] > v[i + 1] for i in range(n))


def _months_in(start: date, end: date) -> float:
    """Calendar months between two days, a partial month as its share of days (a whole year: 12)."""
    total, d = 0.0, start
    while d <= end:
        m_s, m_e = _month_bounds(d)
        total += ((min(m_e, end) - d).days + 1) / ((m_e - m_s).days + 1)
        d = m_e + timedelta(days=1)
    return total


def style_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """A ninth set, by style (non-native English, voice, spreadsheet, dates, numbers, filters, superlatives,
    averages, shares, stock and prices asked indirectly, forecasts, what the data cannot say), measured before any
    change made for it (batch ``styles``; the rate is printed per style)."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases: list[Case] = []
    style = ""

    def add(case: Case) -> None:
        case.batch, case.style = "styles", style
        cases.append(case)

    def w(s: date, e: date) -> pd.DataFrame:
        return tr.window(s, e)

    y = end.year
    year = y - 1
    lm_s, lm_e = _last_complete_month(end)
    pm_s, pm_e = _last_complete_month(lm_s - timedelta(days=1))
    lm, pm = w(lm_s, lm_e), w(pm_s, pm_e)
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    lw = w(lw_s, lw_e)
    ms, ys, wk = end.replace(day=1), date(y, 1, 1), end - timedelta(days=end.weekday())
    mtd, ytd, day = w(ms, end), w(ys, end), w(end, end)
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(y, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    lq = w(lq_s, lq_e)
    oct_s, oct_e = _latest_month(end, 10)
    nov_s, nov_e = _latest_month(end, 11)
    mar_s, mar_e = _latest_month(end, 3)
    q3_s = date(y if end.month >= 7 else y - 1, 7, 1)
    q3 = w(q3_s, min(date(q3_s.year, 9, 30), end))
    last_year = w(date(year, 1, 1), date(year, 12, 31))
    titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)].drop_duplicates("sku")
    unique = titles[~titles["title"].duplicated(keep=False)].set_index("sku")["title"]
    l30 = w(end - timedelta(days=29), end)
    named = sorted(str(s) for s, v in l30.groupby("sku")["units"].sum().items() if s in unique.index and v > 3)
    pick = named[len(named) // 2]
    bf = _black_friday(y) if _black_friday(y) <= end else _black_friday(y - 1)

    cat, ch = in_category, on_channel

    def month_name(d: date) -> str:
        return f"{MONTHS[d.month - 1][:3]} {d.year}"

    def day_name(d: date) -> str:
        return f"{d.day} {MONTHS[d.month - 1][:3]}"

    style = "non-native"
    add(Case(tenant, "how much we sold in last month?", [rev(lm)]))
    add(Case(tenant, "what is the sale of yesterday", [rev(day)]))
    add(Case(tenant, "how many order we have in this week?", [_orders(w(wk, end))]))
    by_units = lm.groupby("sku")["units"].sum()
    if strict(by_units, 1):
        add(Case(tenant, "which product sell most in last month?", [float(by_units.max())], top(by_units)))
    add(Case(tenant, "please give me the revenue of the last 7 day", [rev(w(end - timedelta(days=6), end))]))
    add(Case(tenant, "how much money we make in this year?", [rev(ytd)]))
    add(Case(tenant, "what was the total of sales in the October?", [rev(w(oct_s, oct_e))]))
    add(Case(tenant, "how many piece we sold yesterday", [units(day)]))
    add(Case(tenant, "the revenue of amazon in last month is how much?", [rev(ch(lm, "amazon"))]))
    add(Case(tenant, "which channel is giving more sales in this month",
             [float(mtd.groupby("channel")["revenue"].sum().max())], top(mtd.groupby("channel")["revenue"].sum())))
    add(Case(tenant, "what is average order value of last quarter", [aov(lq)]))
    buyers = lm[lm["units"] > 0]["customer_email"].str.strip().str.lower().nunique()
    add(Case(tenant, "how many customer are buying from us in last month", [float(buyers)]))
    add(Case(tenant, "sales of kitchen category in previous month how much", [rev(cat(lm, "Kitchen"))]))
    add(Case(tenant, f"how much unit of the {unique[pick]} we sold in last 30 days",
             [units(l30[l30["sku"] == pick])]))
    add(Case(tenant, "in november how much is the revenue", [rev(w(nov_s, nov_e))]))
    add(Case(tenant, "tell me sale amount for the last week", [rev(lw)]))
    ytd_units = ytd.groupby("sku")["units"].sum()
    if strict(ytd_units, 1):
        add(Case(tenant, "what is the most selling product in this year", [float(ytd_units.max())], top(ytd_units)))
    add(Case(tenant, "how is the sales of last month compare to month before", [rev(lm), rev(pm)]))
    add(Case(tenant, "we have how many order yesterday?", [_orders(day)]))
    chans = lm.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "give the sales by each channel for last month", [float(v) for v in chans.values[:2]],
             list(chans.index[:3]), ordered=True))
    three = w(_three_months_back(end), end)
    add(Case(tenant, "what are the sales for the last 3 month", [rev(three)]))
    add(Case(tenant, "how many unit sold in amazon this year", [units(ch(ytd, "amazon"))]))

    style = "voice"
    add(Case(tenant, "hey, tell me revenue for March", [rev(w(mar_s, mar_e))]))
    add(Case(tenant, "ok ecomintel, what were sales yesterday", [rev(day)]))
    add(Case(tenant, "alexa, how many orders did we get today", [_orders(day)]))
    add(Case(tenant, "hey google, what's my revenue this week", [rev(w(wk, end))]))
    add(Case(tenant, "siri how many units did we sell last week", [units(lw)]))
    add(Case(tenant, "hey, what's the average order value this month", [aov(mtd)]))
    add(Case(tenant, "um, how much did we make, like, last month?", [rev(lm)]))
    add(Case(tenant, "so yeah what were our sales in october", [rev(w(oct_s, oct_e))]))
    add(Case(tenant, "hi there! could you tell me how many orders we had last quarter please?", [_orders(lq)]))
    add(Case(tenant, "hello, I'd like to know the revenue from ebay this year, thanks", [rev(ch(ytd, "ebay"))]))
    mtd_units = mtd.groupby("sku")["units"].sum()
    if strict(mtd_units, 1):
        add(Case(tenant, "hey what's our best selling product this month", [float(mtd_units.max())], top(mtd_units)))
    inv = tr.inventory.sort_values("date", kind="stable")
    latest = inv.groupby(["sku", "location"]).tail(1)  # each SKU and location at its latest accepted count
    add(Case(tenant, "ok so how much stock do we have right now", [float(latest["on_hand"].sum())]))
    cats = lm.groupby("category")["revenue"].sum()
    add(Case(tenant, "hey, which category made the most last month?", [float(cats.max())], top(cats)))
    add(Case(tenant, "tell me, what were total sales over the last 14 days", [rev(w(end - timedelta(days=13), end))]))
    add(Case(tenant, "uh, what's revenue looking like this week", [rev(w(wk, end))]))
    add(Case(tenant, "computer, show me units sold on amazon last month", [units(ch(lm, "amazon"))]))
    add(Case(tenant, "hey assistant, what did the kitchen category bring in this year?", [rev(cat(ytd, "Kitchen"))]))

    style = "spreadsheet"
    c30 = l30.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "revenue | last 30 days | by category", [float(v) for v in c30.values[:2]], list(c30.index[:3]),
             ordered=True))
    add(Case(tenant, "units | yesterday", [units(day)]))
    och = lm[lm["units"] > 0].groupby("channel")["order_id"].nunique().sort_values(ascending=False)
    add(Case(tenant, "orders | last month | by channel", [float(och.iloc[0])], list(och.index[:3]), ordered=True))
    brands = lq.groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "revenue, last quarter, by brand", [float(brands.iloc[0])], list(brands.index[:3]), ordered=True))
    q3_aov = (q3.groupby("channel")["revenue"].sum() / q3[q3["units"] > 0].groupby("channel")["order_id"].nunique())
    add(Case(tenant, "aov | q3 | by channel", [float(q3_aov.max())], top(q3_aov)))
    add(Case(tenant, "revenue; ytd; amazon", [rev(ch(ytd, "amazon"))]))
    wk_units = w(end - timedelta(days=6), end).groupby("sku")["units"].sum()
    if strict(wk_units, 2):
        add(Case(tenant, "sku, units, last 7 days, top 10", [float(wk_units.max())], top(wk_units, 2), ordered=True))
    ycat = last_year.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, f"category / revenue / {year}", [float(ycat.iloc[0])], list(ycat.index[:3]), ordered=True))
    by_month = last_year.assign(m=[d.month for d in last_year["date"]]).groupby("m")["revenue"].sum()
    add(Case(tenant, "revenue - by month - last year", [float(by_month.max())],
             [peak(by_month, "max", _month_of(year))]))
    add(Case(tenant, "units sold: last week", [units(lw)]))
    add(Case(tenant, "channel=amazon, metric=revenue, period=last month", [rev(ch(lm, "amazon"))]))
    add(Case(tenant, "revenue [last month] [web]", [rev(ch(lm, "web"))]))
    d90 = w(end - timedelta(days=89), end)
    wd = d90[d90["units"] > 0].assign(wd=[WEEKDAYS[d.weekday()] for d in d90[d90["units"] > 0]["date"]])
    wd_orders = wd.groupby("wd")["order_id"].nunique()
    add(Case(tenant, "orders by weekday, last 90 days", [float(wd_orders.max())], top(wd_orders)))
    add(Case(tenant, "revenue: kitchen vs home, this year", [rev(cat(ytd, "Kitchen")), rev(cat(ytd, "Home"))]))
    bu = ytd.groupby("brand")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "top 5 brands | units | this year", [float(bu.iloc[0])], list(bu.index[:3]), ordered=True))
    add(Case(tenant, "refunds | last quarter", [float(lq["refund"].fillna(0).sum())]))
    add(Case(tenant, "discounts total last month", [float(lm["discount"].fillna(0).sum())]))
    net = rev(lm) - float(lm["discount"].fillna(0).sum()) - float(lm["refund"].fillna(0).sum())
    add(Case(tenant, "net revenue | last month", [net]))
    rv = tr.window(end - timedelta(days=89), end, tr.reviews)
    add(Case(tenant, "avg rating / last 90 days", [float(rv["rating"].mean())]))

    style = "dates"
    yy = y % 100
    add(Case(tenant, f"revenue in 03/{y}", [rev(w(date(y, 3, 1), date(y, 3, 31)))]))
    add(Case(tenant, f"sales for Mar '{yy:02d}", [rev(w(date(y, 3, 1), date(y, 3, 31)))]))
    add(Case(tenant, f"revenue {y}-Q1", [rev(w(date(y, 1, 1), date(y, 3, 31)))]))
    add(Case(tenant, f"H1 {y} sales", [rev(w(date(y, 1, 1), date(y, 6, 30)))]))
    add(Case(tenant, f"revenue FY{year}", [rev(last_year)]))
    add(Case(tenant, f"revenue FY{year % 100:02d}", [rev(last_year)]))
    w12 = date.fromisocalendar(y, 12, 1)
    add(Case(tenant, f"sales in week 12 of {y}", [rev(w(w12, w12 + timedelta(days=6)))]))
    add(Case(tenant, "units sold in week 12", [units(w(w12, w12 + timedelta(days=6)))]))
    w20 = date.fromisocalendar(y, 20, 1)
    add(Case(tenant, f"revenue for {y}-W20", [rev(w(w20, w20 + timedelta(days=6)))]))
    add(Case(tenant, "orders in the 3rd week of March", [_orders(w(mar_s + timedelta(days=14),
                                                                    mar_s + timedelta(days=20)))]))
    add(Case(tenant, f"revenue on {bf.month:02d}/{bf.day:02d}/{bf.year}", [rev(w(bf, bf))]))
    add(Case(tenant, f"revenue on {bf.day}/{bf.month}/{bf.year}", [rev(w(bf, bf))]))
    add(Case(tenant, f"orders in Sept {y}", [_orders(w(date(y, 9, 1), date(y, 9, 30)))]))
    add(Case(tenant, "revenue Nov 1 - Nov 15", [rev(w(nov_s, nov_s + timedelta(days=14)))]))
    add(Case(tenant, "sales 1st-7th Nov", [rev(w(nov_s, nov_s + timedelta(days=6)))]))
    add(Case(tenant, f"revenue for Q4 '{year % 100:02d}", [rev(w(date(year, 10, 1), date(year, 12, 31)))]))
    add(Case(tenant, f"units in Q3/{y}", [units(w(date(y, 7, 1), date(y, 9, 30)))]))
    add(Case(tenant, f"revenue in 2H {year}", [rev(w(date(year, 7, 1), date(year, 12, 31)))]))
    add(Case(tenant, "sales for the month of October", [rev(w(oct_s, oct_e))]))
    cw = end - timedelta(days=7 * 2 + end.weekday())  # the Monday of the ISO week two before the as-of date's
    add(Case(tenant, f"revenue for CW {cw.isocalendar()[1]}", [rev(w(cw, cw + timedelta(days=6)))]))
    add(Case(tenant, f"revenue 1.11.{nov_s.year} - 15.11.{nov_s.year}", [rev(w(nov_s, nov_s + timedelta(days=14)))]))
    add(Case(tenant, f"sales Q1-Q3 {y}", [rev(w(date(y, 1, 1), date(y, 9, 30)))]))
    add(Case(tenant, f"units in the fourth quarter of {year}", [units(w(date(year, 10, 1), date(year, 12, 31)))]))
    add(Case(tenant, f"revenue Nov-{nov_s.year}", [rev(w(nov_s, nov_e))]))
    add(Case(tenant, f"sales in december '{year % 100:02d}", [rev(w(date(year, 12, 1), date(year, 12, 31)))]))
    add(Case(tenant, "revenue on the 1st", [rev(w(ms, ms))]))
    add(Case(tenant, "sales in the first week of november", [rev(w(nov_s, nov_s + timedelta(days=6)))]))
    add(Case(tenant, "orders in the last week of october", [_orders(w(oct_e - timedelta(days=6), oct_e))]))
    add(Case(tenant, f"revenue {nov_s.year}/11", [rev(w(nov_s, nov_e))]))
    add(Case(tenant, f"revenue from 20.11.{nov_s.year} to 30.11.{nov_s.year}",
             [rev(w(nov_s + timedelta(days=19), nov_e))]))

    style = "numbers"
    add(Case(tenant, "did we make over 1k yesterday?", [rev(day)]))
    add(Case(tenant, "did we sell more than five hundred units last week?", [units(lw)]))
    add(Case(tenant, "did revenue pass half a million last month?", [rev(lm)]))
    yrev = ytd.groupby("sku")["revenue"].sum()
    add(Case(tenant, "top twenty products by revenue this year", [float(yrev.max())], top(yrev, 3), ordered=True))
    lmu = lm.groupby("sku")["units"].sum()
    if strict(lmu, 2):
        add(Case(tenant, "list the top fifteen skus by units last month", [float(lmu.max())], top(lmu, 2),
                 ordered=True))
    lmr = lm.groupby("sku")["revenue"].sum()
    add(Case(tenant, "top dozen products last month", [float(lmr.max())], top(lmr, 3), ordered=True))
    daily = lm.groupby("date")["revenue"].sum()
    k = int(round(float(daily.median()) / 1000))
    add(Case(tenant, f"how many days last month did we make more than {k}k",
             [float((daily > k * 1000).sum())], tolerance=0.0))
    ordered_units = sorted(lmu.values, reverse=True)
    n_units = int(ordered_units[5] // 5 * 5)
    over = lmu[lmu > n_units].sort_values(ascending=False, kind="stable")
    add(Case(tenant, f"which products sold over {n_units} units last month", [float(len(over))], top(over),
             tolerance=0.0))
    order_value = lm[lm["units"] > 0].groupby("order_id")["revenue"].sum()  # an order's value: its sold lines
    add(Case(tenant, "orders over $100 last month", [float((order_value > 100).sum()), _orders(lm)]))
    add(Case(tenant, "revenue from orders above fifty dollars last month",
             [float(order_value[order_value > 50].sum())]))
    add(Case(tenant, "did we hit 10,000 orders this year?", [_orders(ytd)]))

    style = "filters"
    add(Case(tenant, "revenue excluding returns last month", [rev(lm) - float(lm["refund"].fillna(0).sum())]))
    add(Case(tenant, "sales without the electronics category last month",
             [rev(lm[lm["category"] != "Electronics"])], absent=[f"{rev(lm):,.2f}"]))
    add(Case(tenant, "revenue last month not including amazon", [rev(lm[lm["channel"] != "amazon"])]))
    add(Case(tenant, "units sold last month except apparel", [units(lm[lm["category"] != "Apparel"])]))
    add(Case(tenant, "revenue from everything but kitchen this year", [rev(ytd[ytd["category"] != "Kitchen"])]))
    add(Case(tenant, "sales excluding ebay and pos last quarter", [rev(lq[~lq["channel"].isin(["ebay", "pos"])])]))
    add(Case(tenant, "non-amazon revenue this year", [rev(ytd[ytd["channel"] != "amazon"])]))
    add(Case(tenant, "revenue for all channels other than web yesterday", [rev(day[day["channel"] != "web"])]))
    returned = float(pd.to_numeric(lm["returned_units"], errors="coerce").fillna(0).sum())
    add(Case(tenant, "how many units did we sell last month not counting returns", [units(lm) - returned]))
    add(Case(tenant, "revenue last month minus refunds", [rev(lm) - float(lm["refund"].fillna(0).sum())]))
    add(Case(tenant, "orders last month excluding the web shop", [_orders(lm[lm["channel"] != "web"])]))
    add(Case(tenant, "sales last month apart from pos", [rev(lm[lm["channel"] != "pos"])]))
    add(Case(tenant, "revenue ytd without ebay", [rev(ytd[ytd["channel"] != "ebay"])]))
    add(Case(tenant, "what did we sell last month outside of the outdoor category",
             [rev(lm[lm["category"] != "Outdoor"])]))

    style = "superlatives"
    all_days = tr.sales.groupby("date")["revenue"].sum()
    add(Case(tenant, "what was our record day for sales", [float(all_days.max())], [peak(all_days, "max", day_name)]))
    add(Case(tenant, "highest grossing day ever", [float(all_days.max())], [peak(all_days, "max", day_name)]))
    ly_months = last_year.assign(m=[d.month for d in last_year["date"]]).groupby("m")["revenue"].sum()
    add(Case(tenant, f"weakest month of {year}", [float(ly_months.min())],
             [peak(ly_months, "min", _month_of(year))]))
    sold = tr.sales[tr.sales["units"] > 0]
    wd_all = sold.assign(wd=[WEEKDAYS[d.weekday()] for d in sold["date"]]).groupby("wd")["order_id"].nunique()
    add(Case(tenant, "busiest weekday", [], top(wd_all)))
    add(Case(tenant, "what was the slowest month last year", [float(ly_months.min())],
             [peak(ly_months, "min", _month_of(year))]))
    first = tr.first
    q_start = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    if q_start < first:
        q_start = (q_start + timedelta(days=95)).replace(day=1)
    whole = tr.sales[(tr.sales["date"] >= q_start) & (tr.sales["date"] <= lq_e)]
    quarters = whole.assign(q=[f"Q{(d.month - 1) // 3 + 1} {d.year}" for d in whole["date"]]).groupby("q")[
        "revenue"].sum()
    add(Case(tenant, "best quarter ever", [float(quarters.max())], top(quarters)))
    ly_units = last_year.assign(m=[d.month for d in last_year["date"]]).groupby("m")["units"].sum()
    add(Case(tenant, f"which month of {year} did we sell the most units", [float(ly_units.max())],
             [peak(ly_units, "max", _month_of(year))]))
    nov_days = w(nov_s, nov_e).groupby("date")["revenue"].sum()
    add(Case(tenant, "peak sales day in November", [float(nov_days.max())], [peak(nov_days, "max", day_name)]))
    lw_days = lw.groupby("date")["revenue"].sum()
    add(Case(tenant, "lowest revenue day last week", [float(lw_days.min())], [peak(lw_days, "min", day_name)]))
    whole_m = sold[(sold["date"] >= (first if first.day == 1 else _month_bounds(first)[1] + timedelta(days=1)))
                   & (sold["date"] < ms)]
    m_orders = whole_m.assign(m=[month_name(d) for d in whole_m["date"]]).groupby("m")["order_id"].nunique()
    add(Case(tenant, "our best ever month for orders", [float(m_orders.max())], top(m_orders)))
    lm_orders = lm[lm["units"] > 0].groupby("date")["order_id"].nunique()
    if (lm_orders == lm_orders.min()).sum() == 1:
        add(Case(tenant, "which day last month had the fewest orders", [float(lm_orders.min())],
                 [peak(lm_orders, "min", day_name)]))
    add(Case(tenant, "what's the record for units sold in a single day",
             [float(tr.sales.groupby("date")["units"].sum().max())]))
    costed = ytd[ytd["date"] < ms].dropna(subset=["cost"])
    margin = (costed["revenue"] - costed["discount"].fillna(0) - costed["refund"].fillna(0)
              - costed["units"] * costed["cost"])
    by_m = margin.groupby([d.month for d in costed["date"]]).sum()
    add(Case(tenant, "most profitable month this year", [float(by_m.max())],
             [peak(by_m, "max", _month_of(y))]))
    add(Case(tenant, "what time of day do we sell the most", unanswerable=True))

    style = "averages"
    q3_days = (min(date(q3_s.year, 9, 30), end) - q3_s).days + 1
    add(Case(tenant, "average daily revenue in Q3", [rev(q3) / q3_days]))
    all_aov = tr.sales.groupby("channel")["revenue"].sum() / sold.groupby("channel")["order_id"].nunique()
    add(Case(tenant, "average order value by channel", [float(all_aov.max())], top(all_aov)))
    add(Case(tenant, "average weekly sales this year", [rev(ytd) / (((end - ys).days + 1) / 7)]))
    add(Case(tenant, f"average monthly revenue in {year}", [rev(last_year) / 12]))
    add(Case(tenant, "what's the average number of orders per day this month",
             [_orders(mtd) / ((end - ms).days + 1)]))
    add(Case(tenant, "average revenue per order on ebay last quarter", [aov(ch(lq, "ebay"))]))
    add(Case(tenant, "mean basket value last week", [aov(lw)]))
    asp = ytd.groupby("brand")["revenue"].sum() / ytd.groupby("brand")["units"].sum()
    add(Case(tenant, "average selling price by brand this year", [float(asp.max())], top(asp)))
    rated = tr.reviews.merge(t.merchant.products[["sku", "category"]].drop_duplicates("sku"), on="sku", how="left")
    by_cat = rated.groupby("category")["rating"].mean()
    add(Case(tenant, "average rating by category", [float(by_cat.max())], top(by_cat)))
    add(Case(tenant, "how many orders do we get on an average day",
             [_orders(tr.sales) / ((end - tr.first).days + 1)]))
    upo = lm.groupby("channel")["units"].sum() / lm[lm["units"] > 0].groupby("channel")["order_id"].nunique()
    add(Case(tenant, "average units per order by channel last month", [float(upo.max())], top(upo)))
    weekend = lm[[d.weekday() >= 5 for d in lm["date"]]]
    n_weekend = sum(1 for i in range((lm_e - lm_s).days + 1) if (lm_s + timedelta(days=i)).weekday() >= 5)
    add(Case(tenant, "typical daily revenue on weekends last month", [rev(weekend) / n_weekend]))
    add(Case(tenant, f"average monthly units in {year}", [units(last_year) / 12]))
    add(Case(tenant, "average weekly orders over the last 12 weeks", [_orders(w(end - timedelta(days=83), end)) / 12]))
    add(Case(tenant, "what do we average per month in revenue", [rev(tr.sales) / _months_in(tr.first, end)]))

    style = "shares"
    add(Case(tenant, "what percent of revenue came from the top 10 products this year",
             [float(yrev.sort_values(ascending=False).head(10).sum() / yrev.sum() * 100)]))
    add(Case(tenant, "what share of units did our top 5 products account for last month",
             [float(lmu.sort_values(ascending=False).head(5).sum() / lmu.sum() * 100)]))
    all_cat = tr.sales.groupby("category")["revenue"].sum()
    add(Case(tenant, "how much of our revenue comes from the top 3 categories",
             [float(all_cat.sort_values(ascending=False).head(3).sum() / rev(tr.sales) * 100)]))
    add(Case(tenant, "amazon's share of orders last quarter", [_orders(ch(lq, "amazon")) / _orders(lq) * 100]))
    add(Case(tenant, "what fraction of units were sold on ebay this year", [units(ch(ytd, "ebay")) / units(ytd) * 100]))
    add(Case(tenant, "percentage of revenue from apparel and outdoor last month",
             [(rev(cat(lm, "Apparel")) + rev(cat(lm, "Outdoor"))) / rev(lm) * 100]))
    add(Case(tenant, "what percent of our units were returned last month", [returned / units(lm) * 100]))
    all_sku = tr.sales.groupby("sku")["revenue"].sum()
    add(Case(tenant, "what share of revenue do the top 20 skus make",
             [float(all_sku.sort_values(ascending=False).head(20).sum() / all_sku.sum() * 100)]))
    add(Case(tenant, f"web's share of revenue in {year}", [rev(ch(last_year, "web")) / rev(last_year) * 100]))
    add(Case(tenant, "kitchen as a % of total revenue this year", [rev(cat(ytd, "Kitchen")) / rev(ytd) * 100]))
    add(Case(tenant, "what percentage of revenue was refunded last quarter",
             [float(lq["refund"].fillna(0).sum()) / rev(lq) * 100]))
    add(Case(tenant, "how much of last month's units came from the Electronics category",
             [units(cat(lm, "Electronics")) / units(lm) * 100]))

    style = "stock and prices"
    now = inv.groupby("sku").tail(1)
    out = sorted(str(s) for s in now.loc[now["on_hand"] <= 0, "sku"])
    for phrasing in ("am I going to run out of anything soon?", "will anything sell out before the next delivery?",
                     "which items are in danger of running out?", "what will I run short of first?",
                     "do we have enough stock for the next month?"):
        add(Case(tenant, phrasing, names=["run out"]))
    add(Case(tenant, "is there anything I should order more of?", names=["reorder"]))
    add(Case(tenant, "what's about to go out of stock", [float(len(out))] if out else [],
             ["out of stock"] if out else []))
    cp = t.merchant.competitor_prices.assign(date=pd.to_datetime(t.merchant.competitor_prices["date"]).dt.date)
    pos = _positions(t, cp[cp["date"] <= end])
    for phrasing in ("is anything overpriced compared to competitors?", "where are we charging too much?",
                     "are our prices too high anywhere?"):
        add(Case(tenant, phrasing, [float((pos["gap"] > 5).sum())], tolerance=2.0))
    add(Case(tenant, "where could we raise prices?", [float((pos["gap"] < -5).sum())], tolerance=2.0))
    cp30 = cp[(cp["date"] <= end) & (cp["date"] >= end - timedelta(days=29))].sort_values("date", kind="stable")
    latest_cp = cp30.drop_duplicates(["sku", "competitor"], keep="last")
    with_ours = latest_cp.assign(our=_our_prices(t, latest_cp)).dropna(subset=["our"])
    below = (with_ours["price"] < with_ours["our"]).groupby(with_ours["competitor"]).mean()
    add(Case(tenant, "are competitors undercutting us?", [], top(below)))
    add(Case(tenant, "how do our prices stack up against the competition?",
             [float((pos["gap"] > 5).sum()), float((pos["gap"] < -5).sum())], tolerance=2.0))
    add(Case(tenant, "what's gathering dust in the warehouse?", names=["days of cover"]))
    add(Case(tenant, "how many items are sitting in the warehouse", [float(latest["on_hand"].sum())]))

    style = "forecasts"
    add(Case(tenant, "what's the outlook for next quarter", names=["expect revenue"]))
    add(Case(tenant, f"projected units for {pick} through end of January",
             names=[pick, "units", f"{y + 1}-01-31"], absent=["expect revenue"]))
    add(Case(tenant, "how much will we sell in the next 60 days", names=["expect revenue", "next 60 days"]))
    add(Case(tenant, "what's the demand forecast for the kitchen category next month",
             names=["Kitchen", next_month_span(end)]))
    q_end = _month_bounds(date(y, q_month + 2, 1))[1]
    add(Case(tenant, "revenue projection for the rest of the quarter",
             names=["expect revenue", q_end.isoformat()]))
    add(Case(tenant, f"how many units of the {unique[pick]} do we expect to sell over the next 2 weeks",
             names=[pick, "next 14 days"], absent=["expect revenue"]))
    add(Case(tenant, "forecast for Q1 next year", names=[f"Q1 {y + 1} is still to come", f"{y + 1}-03-31"]))
    add(Case(tenant, "expected revenue through year end", names=["expect revenue", f"{y}-12-31"]))
    add(Case(tenant, "predicted orders next month", names=["Orders are not forecast"]))
    add(Case(tenant, "sales projection for the next 3 months", names=["expect revenue"]))
    add(Case(tenant, "what are next week's expected sales", names=["expect revenue", "next 7 days"]))

    style = "cannot"
    for phrasing in ("sales by hour yesterday", "revenue by payment method last month",
                     "how many orders came from mobile vs desktop", "how much did we pay in stripe fees",
                     "which coupon code was used the most", "how many visitors came from google last week",
                     "what's our conversion rate on mobile", "which customers spent over $500",
                     "what's our profit after shipping costs", "how many orders were gift wrapped"):
        add(Case(tenant, phrasing, unanswerable=True))
    return cases


def held_out_style_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one per phrasing
    """45 more phrasings in the ninth set's styles, written after its fixes and measured before any change made for
    them (batch ``styles2``): how the fixes generalise to phrasings they were not made for."""
    tr = Truth(t, catalogue)
    end, tenant = t.end, t.tenant
    cases: list[Case] = []

    def add(case: Case) -> None:
        case.batch, case.style = "styles2", "held out"
        cases.append(case)

    def w(s: date, e: date) -> pd.DataFrame:
        return tr.window(s, e)

    def day_name(d: date) -> str:
        return f"{d.day} {MONTHS[d.month - 1][:3]}"

    y = end.year
    lm_s, lm_e = _last_complete_month(end)
    lm = w(lm_s, lm_e)
    lw_e = end - timedelta(days=(end.weekday() + 1) % 7)
    lw_s = lw_e - timedelta(days=6)
    lw = w(lw_s, lw_e)
    ms, ys, wk = end.replace(day=1), date(y, 1, 1), end - timedelta(days=end.weekday())
    mtd, ytd, day = w(ms, end), w(ys, end), w(end, end)
    q_month = 3 * ((end.month - 1) // 3) + 1
    lq_e = date(y, q_month, 1) - timedelta(days=1)
    lq_s = date(lq_e.year, 3 * ((lq_e.month - 1) // 3) + 1, 1)
    lq = w(lq_s, lq_e)
    oct_s, oct_e = _latest_month(end, 10)
    nov_s, nov_e = _latest_month(end, 11)
    q3_s = date(y if end.month >= 7 else y - 1, 7, 1)
    q3 = w(q3_s, min(date(q3_s.year, 9, 30), end))
    sold = tr.sales[tr.sales["units"] > 0]

    add(Case(tenant, "how many order was come yesterday", [_orders(day)]))
    add(Case(tenant, "please tell total revenue of this month", [rev(mtd)]))
    add(Case(tenant, "what amount we earned from ebay in last quarter", [rev(lq[lq["channel"] == "ebay"])]))
    lwu = lw.groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    if lwu.iloc[0] > lwu.iloc[1] > lwu.iloc[2]:
        add(Case(tenant, "top sold items of last week", [float(lwu.iloc[0])], top(lwu, 2), ordered=True))
    add(Case(tenant, "give me the report of sales for october month", [rev(w(oct_s, oct_e))]))
    add(Case(tenant, "ok google how much revenue did the shop do this week", [rev(w(wk, end))]))
    add(Case(tenant, "hey can you pull up units sold in november", [units(w(nov_s, nov_e))]))
    add(Case(tenant, "alexa what were yesterday's orders", [_orders(day)]))
    q3c = q3.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "revenue by channel | Q3", [float(q3c.iloc[0])], list(q3c.index[:3]), ordered=True))
    bu = lm.groupby("brand")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "units; by brand; last month", [float(bu.iloc[0])], list(bu.index[:2]), ordered=True))
    w8 = w(end - timedelta(days=55), end)
    w8 = w8[w8["units"] > 0]
    weekly = w8.groupby([d - timedelta(days=d.weekday()) for d in w8["date"]])["order_id"].nunique()
    add(Case(tenant, "week | orders | last 8 weeks", [float(weekly.max())]))
    ny = nov_s.year
    add(Case(tenant, f"revenue for {ny}-11-01 to {ny}-11-15", [rev(w(nov_s, nov_s + timedelta(days=14)))]))
    add(Case(tenant, f"sales between 11/01/{ny} and 11/15/{ny}", [rev(w(nov_s, nov_s + timedelta(days=14)))]))
    cw = end - timedelta(days=7 * 2 + end.weekday())
    add(Case(tenant, f"orders in wk {cw.isocalendar()[1]}", [_orders(w(cw, cw + timedelta(days=6)))]))
    q4_s = date(y if end.month >= 10 else y - 1, 10, 1)
    add(Case(tenant, "sales in Q4 to date", [rev(w(q4_s, min(date(q4_s.year, 12, 31), end)))]))
    add(Case(tenant, "sales first 2 weeks of november", [rev(w(nov_s, nov_s + timedelta(days=13)))]))
    add(Case(tenant, f"revenue {y} H1", [rev(w(date(y, 1, 1), date(y, 6, 30)))]))
    add(Case(tenant, f"revenue in oct. {y}", [rev(w(date(y, 10, 1), date(y, 10, 31)))]))
    add(Case(tenant, f"revenue for 10.{y}", [rev(w(date(y, 10, 1), date(y, 10, 31)))]))
    products = catalogue | {str(s) for s in lm["sku"].unique()}  # the catalogue and what sold that month
    lmu = lm.groupby("sku")["units"].sum()
    few = sum(1 for s in products if lmu.get(s, 0) < 5)
    add(Case(tenant, "how many products sold fewer than 5 units last month", [float(few)], tolerance=2.0))
    lwd = lw.groupby("date")["revenue"].sum()
    k = int(round(float(lwd.median()) / 1000))
    add(Case(tenant, f"which days last week had more than ${k},000 in sales", [float((lwd > k * 1000).sum())],
             tolerance=0.0))
    cats = lm.groupby("category")["revenue"].sum().sort_values(ascending=False)
    n_k = int(cats.iloc[2] // 10000 * 10)
    add(Case(tenant, f"which categories made over {n_k}k last month", [float((cats > n_k * 1000).sum())],
             [str(cats.index[0])], tolerance=0.0))
    add(Case(tenant, "did we cross 500k in november?", [rev(w(nov_s, nov_e))]))
    add(Case(tenant, "units sold excluding the kitchen and home categories this year",
             [units(ytd[~ytd["category"].isin(["Kitchen", "Home"])])]))
    add(Case(tenant, "sales except on amazon yesterday", [rev(day[day["channel"] != "amazon"])]))
    add(Case(tenant, "revenue from non-kitchen products this year", [rev(ytd[ytd["category"] != "Kitchen"])]))
    lmd = lm.groupby("date")["revenue"].sum()
    add(Case(tenant, "what was the busiest day last month", [float(lmd.max())], [peak(lmd, "max", day_name)]))
    first_monday = ys + timedelta(days=(7 - ys.weekday()) % 7)
    whole = w(first_monday, lw_e)
    wkr = whole.groupby([d - timedelta(days=d.weekday()) for d in whole["date"]])["revenue"].sum()
    add(Case(tenant, "which was the worst week this year", [float(wkr.min())], [peak(wkr, "min", day_name)]))
    first = tr.first if tr.first.day == 1 else _month_bounds(tr.first)[1] + timedelta(days=1)
    whole_m = tr.sales[(tr.sales["date"] >= first) & (tr.sales["date"] < ms)]
    mu = whole_m.groupby([f"{MONTHS[d.month - 1][:3]} {d.year}" for d in whole_m["date"]])["units"].sum()
    add(Case(tenant, "the best selling month ever", [float(mu.max())], top(mu)))
    od = w(oct_s, oct_e).groupby("date")["revenue"].sum()
    add(Case(tenant, "what was our slowest day in october", [float(od.min())], [peak(od, "min", day_name)]))
    lq_aov = lq.groupby("channel")["revenue"].sum() / lq[lq["units"] > 0].groupby("channel")["order_id"].nunique()
    add(Case(tenant, "average order value per channel last quarter", [float(lq_aov.max())], top(lq_aov)))
    add(Case(tenant, "average daily orders last week", [_orders(lw) / 7]))
    add(Case(tenant, "average sales per week in november",
             [rev(w(nov_s, nov_e)) / (((nov_e - nov_s).days + 1) / 7)]))
    add(Case(tenant, "mean units per day this month", [units(mtd) / ((end - ms).days + 1)]))
    lmb = lm.groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add(Case(tenant, "how much of revenue did the top 5 brands bring last month",
             [float(lmb.head(5).sum()) / rev(lm) * 100]))
    ys_sold = ytd[ytd["units"] > 0]
    add(Case(tenant, "what % of orders came from ebay and pos this year",
             [float(ys_sold[ys_sold["channel"].isin(["ebay", "pos"])]["order_id"].nunique())
              / float(ys_sold["order_id"].nunique()) * 100]))
    yu = ytd.groupby("sku")["units"].sum().sort_values(ascending=False)
    add(Case(tenant, "top 3 products' share of units this year", [float(yu.head(3).sum()) / units(ytd) * 100]))
    cp = t.merchant.competitor_prices.assign(date=pd.to_datetime(t.merchant.competitor_prices["date"]).dt.date)
    pos = _positions(t, cp[cp["date"] <= end])
    add(Case(tenant, "anything we're too expensive on?", [float((pos["gap"] > 5).sum())], tolerance=2.0))
    add(Case(tenant, "what's overstocked in kitchen?", names=["days of cover", "KIT-"]))
    add(Case(tenant, "what revenue can we expect in Q1 next year", names=["expect revenue", f"{y + 1}-03-31"]))
    add(Case(tenant, "projected sales through the end of the year", names=["expect revenue", f"{y}-12-31"]))
    add(Case(tenant, "how many units will we sell by end of December", names=[f"{y}-12-31"]))
    for phrasing in ("what's the average shipping time", "which hour is busiest", "sales by payment type"):
        add(Case(tenant, phrasing, unanswerable=True))
    del sold
    return cases


def _three_months_back(end: date) -> date:
    """The first day of the rolling window "the last 3 months" ending on ``end``."""
    index = end.year * 12 + end.month - 1 - 3
    y, m = divmod(index, 12)
    return date(y, m + 1, min(end.day, calendar.monthrange(y, m + 1)[1])) + timedelta(days=1)


if __name__ == "__main__":
    main()

