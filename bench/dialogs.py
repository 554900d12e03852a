"""The conversation bench: do follow-up questions in a session answer what the merchant meant, with the right numbers?

Short conversations (2-4 turns) on the question bench's two merchants (``bench/question_data.py``), each turn with
its truth computed with pandas from the rows the store accepted (``bench/truths.py``; never the metrics layer).
Every turn goes through the real query function with one session id per conversation, the path ``ecomintel ask
--session`` and the console's chat take (``POST /v1/query`` with ``session_id``). A turn counts as answered as in
the question bench (``bench.questions.answered``): every expected number within 1%, every expected name, nothing
of ``absent`` (what a misread says: the previous filter kept by an unrelated question, another period).

Styles (how the follow-up leans on the turn before): ``period`` ("and last year?", "what about Q3", "the week
before"), ``filter`` ("and for Amazon?", "just the cutting boards", "excluding returns", "only in London"),
``measure`` ("and units?", "what about orders", "and the average order value?"), ``breakdown`` ("break that down
by channel", "by month", "top 3 instead", "show the bottom ones"), ``pronoun`` ("how does that compare to the month
before", "why?", "what about the second one", "how much stock do we have of those?") and ``unrelated`` (a new
question mid-session that must not inherit the previous filters or period).

Batch ``dialogs`` was measured on the code before any follow-up fix; batch ``dialogs2`` (:func:`held_out_dialogs`)
was written after those fixes and measured before any change made for it; batch ``dialogs3``
(:func:`third_dialogs`) holds the follow-ups that round left wrong, measured before their fixes. Batch ``dialogs4``
(:func:`fourth_dialogs`) holds styles none of those covered (two changes at once, corrections, drill-downs to the
agents, references to the number just given, going back and reshaping, a forecast's and a refusal's follow-ups,
topic changes, pronouns for a channel, category or customers), measured before their fixes (follow-ups 37/72);
batch ``dialogs5`` (:func:`fifth_dialogs`) was written after them and measured before any change for it (22/24).
Batch ``dialogs6`` (:func:`sixth_dialogs`) holds styles none of those covered (turns back by more than one, a
product's discount, agent switches on one product, "why?" naming what moved, the evidence, "compare that with X", a
currency, ellipses, closings), measured before their fixes (follow-ups 46/82); batch ``dialogs7``
(:func:`seventh_dialogs`) was written after them and measured before any change for it (22/24). Batches ``dialogs8``
and ``dialogs9`` (held out) live in ``bench/dialogs_8.py``, ``dialogs10`` (follow-ups 34/58 before its fixes) and
``dialogs11`` (held out: 30/30 measured before any change for it) in ``bench/dialogs_10.py``.
Prints turns answered, follow-up turns answered, whole conversations right, and per style.

    BENCH_HOME=/tmp/dqd .venv/bin/python bench/dialogs.py     # BENCH_ONLY=dialogs2: one batch; BENCH_VERBOSE=1
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.question_data import BenchTenant, prepare  # noqa: E402
from bench.questions import (  # noqa: E402
    MONTHS,
    Case,
    _latest_month,
    _month_bounds,
    _orders,
    answered,
    aov,
    day_home,
    in_category,
    on_channel,
    rev,
    top,
    units,
)
from bench.tenth_questions import _Frames, returned  # noqa: E402
from bench.truths import Tied, accepted  # noqa: E402

for _key in ("TENANT", "KEY"):
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_PER_MINUTE", "1000000")
    os.environ.setdefault(f"ECOMINTEL_RATE_LIMIT_{_key}_BURST", "1000000")

#: A product family both merchants sell several of (a title word matching many products).
FAMILIES = ("Cutting Board", "Water Bottle", "Desk Lamp", "Phone Stand")


@dataclass
class Dialog:
    """One conversation: its turns in order (each a question and its truth), how the follow-ups lean on it."""

    tenant: str
    turns: list[Case]
    style: str
    batch: str = "dialogs"
    answers: list[str] = field(default_factory=list)


def _quarter_before(s: date) -> tuple[date, date]:
    e = s - timedelta(days=1)
    return date(e.year, 3 * ((e.month - 1) // 3) + 1, 1), e


def _year_back(s: date, e: date) -> tuple[date, date]:
    return s.replace(year=s.year - 1), e.replace(year=e.year - 1, day=min(e.day, 28) if e.month == 2 else e.day)


def _month_name(s: date) -> str:
    return f"{MONTHS[s.month - 1][:3]} {s.year}"


class _Rows:
    """The periods, slices and latest stock one merchant's conversations read."""

    def __init__(self, t: BenchTenant, catalogue: set[str]) -> None:
        self.fr = fr = _Frames(t, catalogue)
        self.tenant, self.end = t.tenant, fr.end
        self.oct_s, self.oct_e = _latest_month(fr.end, 10)
        self.nov_s, self.nov_e = _latest_month(fr.end, 11)
        self.pq_s, self.pq_e = _quarter_before(fr.lq_s)
        self.pq = fr.w(self.pq_s, self.pq_e)
        titles = t.merchant.products[t.merchant.products["sku"].isin(catalogue)]
        self.titles = titles.drop_duplicates("sku").set_index("sku")["title"]
        self.family = next(f for f in FAMILIES if self.titles.str.contains(f).sum() >= 3)
        self.latest_stock = fr.latest_inv.groupby("sku")["on_hand"].sum()

    def of_family(self, f: pd.DataFrame) -> pd.DataFrame:
        return f[f["title"].fillna("").str.contains(self.family)]

    def case(self, question: str, numbers: list[float] | None = None, names: list[str] | None = None,
             **kw: object) -> Case:
        return Case(self.tenant, question, numbers or [], names or [], **kw)  # type: ignore[arg-type]


def dialogs_for(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one block per conversation
    """The first batch (``dialogs``) over one merchant."""
    r = _Rows(t, catalogue)
    fr, c, end = r.fr, r.case, r.end
    lm, lw, lq, ytd, day = fr.lm, fr.lw, fr.lq, fr.ytd, fr.day
    out: list[Dialog] = []

    def add(style: str, *turns: Case) -> None:
        out.append(Dialog(r.tenant, list(turns), style))

    # change the period
    ly_s, ly_e = _year_back(fr.lm_s, fr.lm_e)
    ly = fr.w(ly_s, ly_e)
    add("period", c("What did we make last month?", [rev(lm)]),
        c("and last year?", [rev(ly)], absent=[f"in {ly_s.year} (1 jan"]),
        c("what about Amazon?", [rev(on_channel(ly, "amazon"))]))
    octo = fr.w(r.oct_s, r.oct_e)
    add("period", c("How many orders did we get in October?", [_orders(octo)]),
        c("what about Q3", [_orders(lq)]), c("and units?", [units(lq)]))
    w2_s = fr.lw_s - timedelta(days=7)
    w3_s = w2_s - timedelta(days=7)
    add("period", c("Revenue last week", [rev(lw)]),
        c("the week before", [rev(fr.w(w2_s, w2_s + timedelta(days=6)))]),
        c("and the week before that?", [rev(fr.w(w3_s, w3_s + timedelta(days=6)))]))
    nov = fr.w(r.nov_s, r.nov_e)
    oy_s, oy_e = _year_back(r.oct_s, r.oct_e)
    add("period", c("units sold in November", [units(nov)]), c("same for October", [units(octo)]),
        c("and a year earlier?", [units(fr.w(oy_s, oy_e))]))
    add("period", c("What was the average order value last quarter?", [aov(lq)]),
        c("and the quarter before?", [aov(r.pq)]))
    pm = fr.pm
    add("period", c("revenue on ebay last month", [rev(on_channel(lm, "ebay"))]),
        c("how about the month before?", [rev(on_channel(pm, "ebay"))]),
        c("and this month so far?", [rev(on_channel(fr.mtd, "ebay"))]))

    # change the filter
    add("filter", c("What did we make last month?", [rev(lm)]),
        c("and for Amazon?", [rev(on_channel(lm, "amazon"))]),
        c("just the Kitchen category", [rev(in_category(on_channel(lm, "amazon"), "Kitchen"))]))
    klm = in_category(lm, "Kitchen")
    add("filter", c("Units sold in the Kitchen category last month", [units(klm)]),
        c("excluding returns", [units(klm) - returned(klm)]),
        c("and for Amazon?", [units(on_channel(klm, "amazon")) - returned(on_channel(klm, "amazon"))]))
    fam = r.of_family(lq)
    add("filter", c("How much did we make last quarter?", [rev(lq)]),
        c(f"just the {r.family.lower()}s", [rev(fam)]),
        c("and on ebay?", [rev(on_channel(fam, "ebay"))]))
    add("filter", c("units sold last quarter", [units(lq)]),
        c("excluding Amazon", [units(lq) - units(on_channel(lq, "amazon"))]),
        c("what about just Amazon?", [units(on_channel(lq, "amazon"))]))
    add("filter", c("orders this year", [_orders(ytd)]), c("only on web", [_orders(on_channel(ytd, "web"))]),
        c("only in London", unanswerable=True))

    # change the measure
    alm = on_channel(lm, "amazon")
    add("measure", c("revenue on Amazon last month", [rev(alm)]), c("and units?", [units(alm)]),
        c("what about orders", [_orders(alm)]))
    kq = in_category(lq, "Kitchen")
    add("measure", c("Kitchen revenue in Q3", [rev(kq)]), c("and the average order value?", [aov(kq)]),
        c("and units?", [units(kq)]))
    by = {m: lq.groupby("channel")[m].sum().sort_values(ascending=False) for m in ("revenue", "units")}
    by_orders = lq[lq["units"] > 0].groupby("channel")["order_id"].nunique().sort_values(ascending=False)
    add("measure", c("revenue by channel last quarter", [float(by["revenue"].iloc[0])], top(by["revenue"], 4),
                     ordered=True),
        c("and units?", [float(v) for v in by["units"].values], top(by["units"], 4), ordered=True),
        c("what about orders", [float(v) for v in by_orders.values], top(by_orders, 4), ordered=True))
    add("measure", c("How many units did we sell last week?", [units(lw)]), c("and revenue?", [rev(lw)]),
        c("what about refunds?", [float(lw["refund"].fillna(0).sum())]))
    eoct = on_channel(octo, "ebay")
    eset = on_channel(fr.w(*_month_bounds(r.oct_s - timedelta(days=1))), "ebay")
    add("measure", c("orders on ebay in October", [_orders(eoct)]), c("and the aov?", [aov(eoct)]),
        c("and the month before?", [aov(eset)]))

    # change the breakdown
    lmc = lm.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    lmk = lm.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add("breakdown", c("revenue last month", [rev(lm)]),
        c("break that down by channel", [float(lmc.iloc[0]), float(lmc.iloc[-1])], top(lmc, 4), ordered=True),
        c("and by category?", [float(lmk.iloc[0])], top(lmk, 3), ordered=True))
    lms = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add("breakdown", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("top 3 instead", [float(lms.iloc[0]), float(lms.iloc[2])], top(lms, 3), ordered=True,
          absent=[top(lms, 4)[3].lower()]))
    lqk = lq.groupby("category")["revenue"].sum().sort_values(ascending=False)
    pqk = r.pq.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add("breakdown", c("top 3 categories by revenue last quarter", [float(lqk.iloc[0])], top(lqk, 3), ordered=True),
        c("show the bottom ones", [float(lqk.iloc[-1])], list(lqk.index[::-1][:3]), ordered=True),
        c("what about the quarter before?", [float(pqk.iloc[-1])], list(pqk.index[::-1][:3]), ordered=True))
    ym = fr.w(fr.ys, fr.ms - timedelta(days=1))
    ymr = ym.groupby([_month_name(d.replace(day=1)) for d in ym["date"]])["revenue"].sum()
    add("breakdown", c("revenue this year", [rev(ytd)]),
        c("by month", [float(ymr.max()), float(ymr.min())], top(ymr), absent=[f"{fr.ys.year - 1}"]))
    klms = in_category(lm, "Kitchen").groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add("breakdown", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("just the Kitchen ones", [float(klms.iloc[0])], top(klms, 5), ordered=True),
        c("top 10 instead", [float(klms.iloc[9])], top(klms, 10), ordered=True))
    lwd = lw.groupby("date")["revenue"].sum()
    add("breakdown", c("Revenue last week", [rev(lw)]), c("by day", [float(lwd.max()), float(lwd.min())]))

    # pronouns and ellipsis
    pm_rev = rev(fr.pm)
    add("pronoun", c("revenue last month", [rev(lm)]),
        c("how does that compare to the month before", [rev(lm), pm_rev, (rev(lm) / pm_rev - 1) * 100]))
    sep = fr.w(*_month_bounds(r.oct_s - timedelta(days=1)))
    add("pronoun", c("What did we make in October?", [rev(octo)]), c("why?", [rev(octo), rev(sep)]))
    second = top(lms, 2)[1]
    named = Tied([second, str(r.titles.get(second, second))])  # by its SKU or its title
    add("pronoun", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("what about the second one", [float(lms.iloc[1])], [named], absent=[top(lms)[0].lower()]),
        c("and units?", [units(lm[lm["sku"] == second])], [named]))
    five = top(lms, 5)
    add("pronoun", c("top 5 products by revenue last month", [float(lms.iloc[0])], five, ordered=True),
        c("how much stock do we have of those?", [float(r.latest_stock.reindex(five).fillna(0).sum())]))
    kly = in_category(ly, "Kitchen")
    add("pronoun", c("Kitchen revenue last month", [rev(klm)]),
        c("how does it compare to last year?", [rev(klm), rev(kly)]))
    three = top(lqk, 3)
    add("pronoun", c("top 3 categories by revenue last quarter", [float(lqk.iloc[0])], three, ordered=True),
        c("how did those do the quarter before?", [float(pqk[k]) for k in three], three))

    # a new question mid-session: nothing of the previous turn carries over
    add("unrelated", c("Kitchen revenue on Amazon last month", [rev(on_channel(klm, "amazon"))]),
        c("how many orders did we get yesterday?", [_orders(day)], absent=["kitchen", "amazon"]))
    ytr = ytd.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add("unrelated", c("revenue on ebay in October", [rev(eoct)]),
        c("what were our top 5 products by revenue this year?", [float(ytr.iloc[0])], top(ytr, 5), ordered=True,
          absent=["ebay", "october"]))
    alw = in_category(lw, "Apparel")
    rv = fr.tr.window(end - timedelta(days=89), end, fr.tr.reviews)
    add("unrelated", c("units sold in the Apparel category last week", [units(alw)]),
        c("what's our average rating over the last 90 days?", [float(rv["rating"].mean())], absent=["apparel"]))
    aq = on_channel(lq, "amazon")
    year = end.year - 1
    add("unrelated", c("revenue on amazon last quarter", [rev(aq)]), c("and units?", [units(aq)]),
        c(f"Total sales in {year}?", [rev(fr.w(date(year, 1, 1), date(year, 12, 31)))], absent=["amazon"]))
    rq = fr.tr.window(fr.lq_s, fr.lq_e, fr.tr.reviews)
    add("unrelated", c("orders in the Home category in October", [_orders(in_category(octo, "Home"))]),
        c("how many reviews did we get last quarter?", [float(len(rq))], absent=["home category", "october"]))
    add("unrelated", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("what was revenue yesterday?", [rev(day)], absent=["1. "]))
    add("unrelated", c("Kitchen revenue on amazon last month", [rev(on_channel(klm, "amazon"))]),
        c("ok, how many orders did we get last week?", [_orders(lw)], absent=["kitchen", "amazon"]))
    add("unrelated", c("units sold on ebay last quarter", [units(on_channel(lq, "ebay"))]),
        c("now, what were total units sold this year?", [units(ytd)], absent=["ebay"]))
    return out


def held_out_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one per conversation
    """The second batch (``dialogs2``): written after the first batch's fixes, measured before any change for it."""
    r = _Rows(t, catalogue)
    fr, c = r.fr, r.case
    lm, lq, ytd = fr.lm, fr.lq, fr.ytd
    out: list[Dialog] = []

    def add(style: str, *turns: Case) -> None:
        out.append(Dialog(r.tenant, list(turns), style, batch="dialogs2"))

    q3y = fr.w(*_year_back(fr.lq_s, fr.lq_e))
    add("period", c("How much did we make in Q3?", [rev(lq)]),
        c("and the same quarter last year?", [rev(q3y)]))
    w2_s = fr.lw_s - timedelta(days=7)
    add("period", c("orders last week", [_orders(fr.lw)]),
        c("what about the week before last?", [_orders(fr.w(w2_s, w2_s + timedelta(days=6)))]))
    olm = in_category(lm, "Outdoor")
    add("filter", c("units sold in the Outdoor category last month", [units(olm)]),
        c("and on amazon only?", [units(on_channel(olm, "amazon"))]),
        c("what about everything except amazon?", [units(olm) - units(on_channel(olm, "amazon"))]))
    octo = fr.w(r.oct_s, r.oct_e)
    add("filter", c("revenue in October", [rev(octo)]),
        c("only the Electronics products", [rev(in_category(octo, "Electronics"))]),
        c("and the Home ones?", [rev(in_category(octo, "Home"))], absent=["electronics"]))
    eq = on_channel(lq, "ebay")
    add("measure", c("How much revenue did we make from ebay last quarter?", [rev(eq)]),
        c("how many orders was that?", [_orders(eq)]), c("and the average order value?", [aov(eq)]))
    lmu = lm.groupby("category")["units"].sum().sort_values()
    add("breakdown", c("units sold last month", [units(lm)]),
        c("split by category", [float(lmu.iloc[-1])], [str(lmu.index[-1])]),
        c("which was the smallest?", [float(lmu.iloc[0])], [str(lmu.index[0])]))
    bq = lq.groupby("brand")["revenue"].sum().sort_values(ascending=False)
    add("breakdown", c("revenue by brand last quarter", [float(bq.iloc[0])], top(bq, 3), ordered=True),
        c("just the top 3", [float(bq.iloc[2])], top(bq, 3), ordered=True, absent=[str(bq.index[3]).lower()]),
        c("and the bottom 3?", [float(bq.iloc[-1])], list(bq.index[::-1][:3]), ordered=True))
    sep = fr.w(*_month_bounds(r.oct_s - timedelta(days=1)))
    add("pronoun", c("revenue on amazon in October", [rev(on_channel(octo, "amazon"))]),
        c("is that more than September?", [rev(on_channel(octo, "amazon")), rev(on_channel(sep, "amazon"))]))
    lqs = lq.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    third = top(lqs, 3)[2]
    add("pronoun", c("top 5 products by revenue last quarter", [float(lqs.iloc[0])], top(lqs, 5), ordered=True),
        c("how many units did the third one sell?", [units(lq[lq["sku"] == third])],
          [Tied([third, str(r.titles.get(third, third))])]))
    klw = in_category(on_channel(fr.lw, "ebay"), "Kitchen")
    add("unrelated", c("revenue on ebay for Kitchen last week", [rev(klw)]),
        c("right, how many units did we sell in October?", [units(octo)], absent=["ebay", "kitchen"]))
    lms = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    add("unrelated", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("what's our refund total this year?", [float(ytd["refund"].fillna(0).sum())], absent=["1. "]))
    return out


#: What the agents' overview says (the answer to a question no agent or metric reads): never the reply to "thanks!".
_OVERVIEW = ("median price index", "price index", "forecast")


def third_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:
    """The third batch (``dialogs3``): the follow-ups the second round left wrong, measured before their fixes.

    A shift by another unit than the previous period's ("the week before" a month: the 7 days before it), the
    quarter before a running quarter (the whole quarter), "across all channels" (one total), an acknowledgement
    between turns ("thanks!", "great", "ok cool": answered briefly, the chain kept) and alone.
    """
    r = _Rows(t, catalogue)
    fr, c = r.fr, r.case
    lm, lq = fr.lm, fr.lq
    out: list[Dialog] = []

    def add(style: str, *turns: Case) -> None:
        out.append(Dialog(r.tenant, list(turns), style, batch="dialogs3"))

    wb_s = fr.lm_s - timedelta(days=7)
    add("period", c("revenue last month", [rev(lm)]),
        c("the week before", [rev(fr.w(wb_s, wb_s + timedelta(days=6)))]))
    octo = fr.w(r.oct_s, r.oct_e)
    ob_s = r.oct_s - timedelta(days=7)
    add("period", c("How many orders did we get in October?", [_orders(octo)]),
        c("and the week before?", [_orders(fr.w(ob_s, ob_s + timedelta(days=6)))]))
    add("period", c("revenue this quarter", [rev(fr.w(fr.qs, fr.end))]),
        c("and the quarter before?", [rev(lq)]))
    add("period", c("units sold this month", [units(fr.mtd)]),
        c("what about the month before?", [units(fr.w(*_month_bounds(fr.ms - timedelta(days=1))))]))
    channels = sorted({str(x) for x in lm["channel"].dropna()})
    add("filter", c("revenue on amazon last month", [rev(on_channel(lm, "amazon"))]),
        c("and across all channels?", [rev(lm)], absent=[x for x in channels if x != "amazon"]))
    cats = sorted({str(x).lower() for x in lq["category"].dropna()})
    add("filter", c("units sold in the Kitchen category last quarter", [units(in_category(lq, "Kitchen"))]),
        c("what about all categories?", [units(lq)], absent=[x for x in cats if x != "kitchen"]))
    add("acknowledge", c("revenue last month", [rev(lm)]), c("thanks!", absent=list(_OVERVIEW)),
        c("and on amazon?", [rev(on_channel(lm, "amazon"))]))
    w2_s = fr.lw_s - timedelta(days=7)
    add("acknowledge", c("orders last week", [_orders(fr.lw)]), c("great", absent=list(_OVERVIEW)),
        c("and the week before?", [_orders(fr.w(w2_s, w2_s + timedelta(days=6)))]))
    kq = in_category(lq, "Kitchen")
    add("acknowledge", c("Kitchen revenue last quarter", [rev(kq)]), c("ok cool", absent=list(_OVERVIEW)),
        c("and units?", [units(kq)]))
    add("acknowledge", c("thanks!", absent=list(_OVERVIEW)))
    add("acknowledge", c("is it good?", absent=list(_OVERVIEW)))
    return out


def _batch(t: BenchTenant, catalogue: set[str], batch: str) -> tuple[_Rows, list[Dialog], Callable[..., None]]:
    """One merchant's rows, the batch's conversation list and the ``add(style, *turns)`` that files one in it."""
    r = _Rows(t, catalogue)
    out: list[Dialog] = []

    def add(style: str, *turns: Case) -> None:
        out.append(Dialog(r.tenant, list(turns), style, batch=batch))

    return r, out, add


def _margin(f: pd.DataFrame) -> float:
    """Gross margin as the question bench computes it: net revenue less cost, over the lines with a cost."""
    costed = f.dropna(subset=["cost"])
    net = costed["revenue"].sum() - costed["discount"].fillna(0).sum() - costed["refund"].fillna(0).sum()
    return float(net - (costed["units"] * costed["cost"]).sum())


def _new_customers(fr: _Frames, s: date, e: date) -> tuple[float, float]:
    """(new customers, customers) in [s, e]: a new one's first purchase in the data falls in it."""
    sold = fr.sold
    emails = fr.tr.window(s, e, sold)["customer_email"].str.strip().str.lower()
    first_buy = sold.groupby(sold["customer_email"].str.strip().str.lower())["date"].min()
    return float(sum(1 for x in emails.unique() if first_buy[x] >= s)), float(emails.nunique())


#: What the agents say about the whole catalogue (a product's follow-up read without its product says one of these).
_WHOLE_CATALOGUE = ("products between", "reprice ", "skus could run out", "needs one named sku")


def fourth_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one per conversation
    """The fourth batch (``dialogs4``): styles no batch covered, measured on the code before their fixes.

    A follow-up changing two things at once, a correction ("no, I meant units", "October not September", "not that
    one, the <product>"), a drill-down from a sales answer to the agents ("why?" -> "what do reviews say about it?"
    -> "should I lower its price?"), a reference to the number just given ("what's that per day?", "is that good?",
    "what share of the total is that?"), an ellipsis with a new measure and period ("revenue in Q3?", "margin?"),
    going back and reshaping ("go back to the first question", "sorted by units", "what about the rest", "as a
    chart"), a forecast's follow-ups, a follow-up after a refusal, a change of topic, and pronouns for a channel,
    a category or customers ("from there", "in it", "of them").
    """
    r, out, add = _batch(t, catalogue, "dialogs4")
    fr, c = r.fr, r.case
    lm, lq, lw = fr.lm, fr.lq, fr.lw

    lms = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    named = [str(s) for s in lms.index if s in fr.unique.index]
    sku, other = named[0], named[2]
    title, other_title = str(fr.unique[sku]), str(fr.unique[other])
    alm = on_channel(lm, "amazon")
    octo = fr.w(r.oct_s, r.oct_e)
    w2_s = fr.lw_s - timedelta(days=7)
    w2 = fr.w(w2_s, w2_s + timedelta(days=6))

    # two things changed at once
    ly = fr.w(*_year_back(fr.lm_s, fr.lm_e))
    add("two_at_once", c("What did we make last month?", [rev(lm)]),
        c("and for Amazon last year?", [rev(on_channel(ly, "amazon"))]))
    add("two_at_once", c("units sold on ebay in October", [units(on_channel(octo, "ebay"))]),
        c("what about orders on amazon?", [_orders(on_channel(octo, "amazon"))]))
    add("two_at_once", c("How much did we make last quarter?", [rev(lq)]),
        c("and Kitchen the quarter before?", [rev(in_category(r.pq, "Kitchen"))]))

    # corrections: the turn before read again with one thing replaced
    add("correction", c("revenue last month", [rev(lm)]), c("no, I meant units", [units(lm)]))
    sep = fr.w(*_month_bounds(r.oct_s - timedelta(days=1)))
    add("correction", c("How much did we make in September?", [rev(sep)]),
        c("sorry, October not September", [rev(octo)], absent=["sep"]))
    add("correction", c("units sold on amazon last month", [units(alm)]),
        c("not amazon, ebay", [units(on_channel(lm, "ebay"))], absent=["amazon"]))
    second = top(lms, 2)[1]
    add("correction", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("what about the second one", [float(lms.iloc[1])]),
        c(f"not that one, the {other_title}", [float(lms[other])], [other_title],
          absent=[str(r.titles.get(second, second)).lower()]))

    # a drill-down from a sales answer to the agents, on the same product
    pm = fr.pm
    one_lm, one_pm = lm[lm["sku"] == sku], pm[pm["sku"] == sku]
    add("drill", c(f"revenue for {title} last month", [rev(one_lm)]), c("why?", [rev(one_lm), rev(one_pm)]),
        c("what do reviews say about it?", names=[title], absent=list(_WHOLE_CATALOGUE)),
        c("should I lower its price?", names=[title], absent=list(_WHOLE_CATALOGUE)))
    add("drill", c(f"units of {title} sold last month", [units(one_lm)]),
        c("how many do we have in stock?", [float(r.latest_stock.get(sku, 0.0))]),
        c("when do we run out?", names=[title], absent=list(_WHOLE_CATALOGUE)))
    lmu = lm.groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    best = next(str(s) for s in lmu.index if s in fr.unique.index)
    if best == str(lmu.index[0]):
        add("drill", c("What was our best-selling product by units last month?", [float(lmu.iloc[0])]),
            c("what do customers say about it?", names=[str(fr.unique[best])], absent=list(_WHOLE_CATALOGUE)))

    # a reference to the number just given
    days = (fr.lm_e - fr.lm_s).days + 1
    add("reference", c("revenue last month", [rev(lm)]), c("what's that per day?", [rev(lm) / days]))
    add("reference", c("orders last week", [_orders(lw)]), c("is that good?", [_orders(lw), _orders(w2)]))
    add("reference", c("revenue on amazon last month", [rev(alm)]),
        c("what share of the total is that?", [rev(alm) / rev(lm) * 100]))

    # ellipsis with a new measure and period
    q2_s = date(fr.lq_s.year, 4, 1)
    add("ellipsis", c("orders last month", [_orders(lm)]), c("revenue in Q3?", [rev(fr.w(date(fr.lq_s.year, 7, 1),
                                                                                  date(fr.lq_s.year, 9, 30)))]),
        c("same for Q2", [rev(fr.w(q2_s, date(q2_s.year, 6, 30)))]))
    add("ellipsis", c("revenue last quarter", [rev(lq)]), c("margin?", [_margin(lq)]))

    # going back, reshaping, the rest
    add("reshape", c("revenue last month", [rev(lm)]), c("and units?", [units(lm)]),
        c("go back to the first question", [rev(lm)]))
    add("reshape", c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("sorted by units", [float(lmu.iloc[0])], top(lmu, 5), ordered=True))
    add("reshape", c("revenue on amazon last month", [rev(alm)]),
        c("what about the rest", [rev(lm) - rev(alm)]))
    lmc = lm.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add("reshape", c("revenue by channel last month", [float(lmc.iloc[0])], top(lmc, 2)),
        c("as a chart", [float(lmc.iloc[0]), float(lmc.iloc[-1])], top(lmc, 2)),
        c("as a table", [float(lmc.iloc[0]), float(lmc.iloc[-1])], top(lmc, 2)))

    # a forecast's follow-ups: the same product
    add("forecast", c(f"How many units of {title} will we sell in the next 30 days?", names=[title]),
        c("what if we cut its price by 10%?", names=[title, "10%"], absent=list(_WHOLE_CATALOGUE)),
        c("when do we run out then?", names=[title], absent=list(_WHOLE_CATALOGUE)))

    # after a refusal: what it could read carries over
    add("refusal", c("revenue by region last month", unanswerable=True),
        c("by channel then", [float(lmc.iloc[0])], top(lmc, 2), absent=["all your data"]))
    add("refusal", c("revenue in London last month", unanswerable=True),
        c("ok, what about on amazon?", [rev(alm)]))

    # a change of topic: nothing carries over
    add("topic_change", c("Kitchen revenue on amazon last month", [rev(in_category(alm, "Kitchen"))]),
        c("and units?", [units(in_category(alm, "Kitchen"))]),
        c("which products are overpriced?", absent=["kitchen category", "on amazon"]))
    add("topic_change", c("units sold on ebay last quarter", [units(on_channel(lq, "ebay"))]),
        c("how are our reviews?", absent=["ebay", "q3", "q4"]))

    # pronouns for a channel, a category, customers
    add("entity_pronoun", c("revenue on amazon last month", [rev(alm)]),
        c("how many orders came from there?", [_orders(alm)]))
    klm = in_category(lm, "Kitchen")
    klu = klm.groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    add("entity_pronoun", c("Kitchen revenue last month", [rev(klm)]),
        c("which product sold the most in it?", [float(klu.iloc[0])], [str(klu.index[0])]))
    new, buyers = _new_customers(fr, fr.lm_s, fr.lm_e)
    add("entity_pronoun", c("how many customers did we have last month?", [buyers]),
        c("how many of them were new?", [new]))
    return out


def fifth_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:
    """The fifth batch (``dialogs5``): dialogs4's styles in new words, written after its fixes, measured before any
    change made for it.
    """
    r, out, add = _batch(t, catalogue, "dialogs5")
    fr, c = r.fr, r.case
    lm, lq, lw = fr.lm, fr.lq, fr.lw

    lqs = lq.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    sku = next(str(s) for s in lqs.index if s in fr.unique.index)
    title = str(fr.unique[sku])
    sep = fr.w(*_month_bounds(r.oct_s - timedelta(days=1)))
    w2_s = fr.lw_s - timedelta(days=7)
    add("two_at_once", c("revenue last month", [rev(lm)]),
        c("and units on ebay in September?", [units(on_channel(sep, "ebay"))]))
    add("correction", c("units sold last week", [units(lw)]), c("oops, I meant orders", [_orders(lw)]))
    add("correction", c("Kitchen revenue last quarter", [rev(in_category(lq, "Kitchen"))]),
        c("sorry, Home not Kitchen", [rev(in_category(lq, "Home"))], absent=["kitchen"]))
    one = lq[lq["sku"] == sku]
    add("drill", c(f"orders for {title} last quarter", [_orders(one)]),
        c("how are its reviews?", names=[title], absent=list(_WHOLE_CATALOGUE)),
        c("is it priced above competitors?", names=[title], absent=list(_WHOLE_CATALOGUE)))
    days = (fr.lm_e - fr.lm_s).days + 1
    add("reference", c("units sold last month", [units(lm)]), c("and per day?", [units(lm) / days]))
    eq = on_channel(lq, "ebay")
    add("reference", c("orders on ebay last quarter", [_orders(eq)]),
        c("what percentage of the total is that?", [_orders(eq) / _orders(lq) * 100]))
    add("reference", c("revenue last week", [rev(lw)]),
        c("is that normal?", [rev(lw), rev(fr.w(w2_s, w2_s + timedelta(days=6)))]))
    lqk = lq.groupby("category")["revenue"].sum().sort_values(ascending=False)
    add("reshape", c("revenue by category last quarter", [float(lqk.iloc[0])], top(lqk, 2)),
        c("show that as a table", [float(lqk.iloc[0]), float(lqk.iloc[-1])], top(lqk, 2)))
    add("refusal", c("revenue per city last quarter", unanswerable=True),
        c("what about by category?", [float(lqk.iloc[0])], top(lqk, 2), absent=["all your data"]))
    add("forecast", c(f"forecast units for {title} for the next 30 days", names=[title]),
        c("when will it run out?", names=[title], absent=list(_WHOLE_CATALOGUE)))
    lmk = lm.groupby("category")["revenue"].sum().sort_values(ascending=False)
    best = str(lmk.index[0])
    add("entity_pronoun", c("which category made the most revenue last month?", [float(lmk.iloc[0])], [best]),
        c("how many orders came from it?", [_orders(in_category(lm, best))]))
    return out


def _weekday_back(end: date, weekday: int) -> date:
    """The last ``weekday`` (0 Monday) before ``end`` (the reader's "on Tuesday": the latest past one)."""
    back = (end.weekday() - weekday) % 7
    return end - timedelta(days=back or 7)


def _mover(before: pd.DataFrame, now: pd.DataFrame, dim: str) -> str:
    """The value of ``dim`` whose revenue changed the most (either way) from ``before`` to ``now``."""
    change = now.groupby(dim)["revenue"].sum().sub(before.groupby(dim)["revenue"].sum(), fill_value=0)
    return str(change.abs().sort_values(ascending=False, kind="stable").index[0])


#: What a reply to a thank-you must not say: a figure (a currency amount, "... was"), or the agents' overview.
_NO_FIGURE = [*_OVERVIEW, "$", " was ", " were "]


def sixth_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one per conversation
    """The sixth batch (``dialogs6``): styles no batch covered, measured on the code before their fixes.

    Going back by more than one turn ("the question before that", "the one before"), "should we discount it?" after
    a product, a month "and last year?", "is it up on last year?", switching agents on one product and back to its
    sales, two fields at once, "why?" naming what moved, the evidence ("how did you get that?"), "compare that with
    X", "only the top 3", "exclude returns", a currency the data does not convert, ellipses ("and Wednesday?", "the
    <product>?"), a thank-you that closes, and a new topic that inherits nothing.
    """
    r, out, add = _batch(t, catalogue, "dialogs6")
    fr, c, end = r.fr, r.case, r.end
    lm, lq, lw, pm = fr.lm, fr.lq, fr.lw, fr.pm
    octo = fr.w(r.oct_s, r.oct_e)
    sep_s, sep_e = _month_bounds(r.oct_s - timedelta(days=1))
    sep = fr.w(sep_s, sep_e)
    lms = lm.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    named = [str(s) for s in lms.index if s in fr.unique.index]
    sku, other = named[0], named[3]
    title, other_title = str(fr.unique[sku]), str(fr.unique[other])
    one_lm, other_lm = lm[lm["sku"] == sku], lm[lm["sku"] == other]
    whole = list(_WHOLE_CATALOGUE)

    # going back more than one turn
    add("turn_back", c("revenue last month", [rev(lm)]), c("and units?", [units(lm)]),
        c("and orders?", [_orders(lm)]), c("go back to the question before that", [units(lm)]))
    add("turn_back", c("orders last week", [_orders(lw)]), c("and revenue?", [rev(lw)]),
        c("the one before", [_orders(lw)]))
    add("turn_back", c("units sold in October", [units(octo)]),
        c("and on amazon?", [units(on_channel(octo, "amazon"))]),
        c("what was the answer before that?", [units(octo)], absent=["amazon"]))

    # a product's discount, a month a year back, up on last year
    sold = fr.sold[fr.sold["sku"] == sku].sort_values("date", kind="stable")
    price = float(sold["unit_price"].iloc[-1])  # our price now: the latest line's, as the pricing agent reads it
    add("discount", c(f"revenue for {title} last month", [rev(one_lm)]),
        c("should we discount it?", [price], [title], absent=whole))
    oct_ly = fr.w(*_year_back(r.oct_s, r.oct_e))
    sep_ly = fr.w(*_year_back(sep_s, sep_e))
    add("period", c("units sold in September", [units(sep)]), c("and last year?", [units(sep_ly)]))
    add("period", c("orders on amazon in October", [_orders(on_channel(octo, "amazon"))]),
        c("and last year?", [_orders(on_channel(oct_ly, "amazon"))]))
    add("up_on_last_year", c("revenue in October", [rev(octo)]), c("is it up on last year?", [rev(octo), rev(oct_ly)]))
    klm, kly = in_category(lm, "Kitchen"), in_category(fr.w(*_year_back(fr.lm_s, fr.lm_e)), "Kitchen")
    add("up_on_last_year", c("Kitchen revenue last month", [rev(klm)]),
        c("is revenue up on last year?", [rev(klm), rev(kly)]))

    # switching agents on one product, then back to its sales
    one_lq = lq[lq["sku"] == sku]
    add("agent_switch", c(f"units of {title} sold last month", [units(one_lm)]),
        c("how many will we sell next month?", names=[title], absent=whole),
        c("is it priced above competitors?", names=[title], absent=whole),
        c("and revenue last quarter?", [rev(one_lq)]))
    add("agent_switch", c(f"revenue for {title} last quarter", [rev(one_lq)]),
        c("forecast the next 30 days", names=[title], absent=whole),
        c("and orders last month?", [_orders(one_lm)]))

    # two fields at once
    q3 = fr.w(date(fr.lq_s.year, 7, 1), date(fr.lq_s.year, 9, 30))
    add("two_at_once", c("orders last month", [_orders(lm)]), c("same for units in Q3", [units(q3)]))
    add("two_at_once", c("revenue on amazon last week", [rev(on_channel(lw, "amazon"))]),
        c("and orders on ebay?", [_orders(on_channel(lw, "ebay"))]))
    add("two_at_once", c("Kitchen units last quarter", [units(in_category(lq, "Kitchen"))]),
        c("revenue for Home in October?", [rev(in_category(octo, "Home"))], absent=["kitchen"]))

    # "why?": what moved
    add("why", c("revenue last month", [rev(lm)]),
        c("why?", [rev(lm), rev(pm)], [_mover(pm, lm, "channel"), _mover(pm, lm, "category")]))
    aoct, asep = on_channel(octo, "amazon"), on_channel(sep, "amazon")
    add("why", c("revenue on amazon in October", [rev(aoct)]),
        c("why did it change?", [rev(aoct), rev(asep)], [_mover(asep, aoct, "category")]))

    # the evidence
    add("evidence", c("revenue last month", [rev(lm)]), c("how did you get that?", [rev(lm)], ["select"]))
    alw = on_channel(lw, "amazon")
    add("evidence", c("units sold on amazon last week", [units(alw)]),
        c("show me the query", [units(alw)], ["select"]))

    # compare that with another slice
    add("compare_with", c("Kitchen revenue last month", [rev(klm)]),
        c("compare that with Home", [rev(klm), rev(in_category(lm, "Home"))]))
    add("compare_with", c(f"units of {title} sold last month", [units(one_lm)]),
        c(f"compare it with the {other_title}", [units(one_lm), units(other_lm)], [other_title]))
    add("compare_with", c("orders in October", [_orders(octo)]),
        c("compare that with September", [_orders(octo), _orders(sep)]))

    # only the top 3, exclude returns
    lqc = lq.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    add("top_n", c("revenue by channel last quarter", [float(lqc.iloc[0])], top(lqc, 2), ordered=True),
        c("only the top 3", [float(lqc.iloc[2])], top(lqc, 3), ordered=True,
          absent=[str(x) for x in lqc.index[3:]]))
    lmu = lm.groupby("sku")["units"].sum().sort_values(ascending=False, kind="stable")
    add("top_n", c("top 10 products by units last month", [float(lmu.iloc[0])], top(lmu, 10), ordered=True),
        c("only the top 3", [float(lmu.iloc[2])], top(lmu, 3), ordered=True, absent=[top(lmu, 4)[3].lower()]))
    add("returns", c("units sold last month", [units(lm)]), c("exclude returns", [units(lm) - returned(lm)]))
    eq = on_channel(lq, "ebay")
    add("returns", c("units sold on ebay last quarter", [units(eq)]),
        c("and without the returns?", [units(eq) - returned(eq)]))

    # a currency the data does not convert: said, never the overview or the same figure relabelled
    add("currency", c("revenue last month", [rev(lm)]), c("in euros", names=["usd"], absent=[*_OVERVIEW, "€"]))

    # ellipsis
    tue, wed = _weekday_back(end, 1), _weekday_back(end, 2)
    add("ellipsis", c("revenue on Tuesday", [rev(fr.w(tue, tue))]), c("and Wednesday?", [rev(fr.w(wed, wed))]))
    add("ellipsis", c(f"revenue for {title} last month", [rev(one_lm)]),
        c(f"the {other_title}?", [rev(other_lm)], [other_title]))
    nov = fr.w(r.nov_s, r.nov_e)
    add("ellipsis", c("units sold in November", [units(nov)]), c("October?", [units(octo)]))

    # a thank-you closes politely; the chain is kept
    add("thanks", c("revenue last month", [rev(lm)]), c("great, thanks", absent=_NO_FIGURE),
        c("and on amazon?", [rev(on_channel(lm, "amazon"))]))
    add("thanks", c("orders last week", [_orders(lw)]), c("perfect, that's all I needed", absent=_NO_FIGURE))

    # a new topic: nothing of the turns before carries over
    kam = in_category(on_channel(lm, "amazon"), "Kitchen")
    rv = fr.tr.window(r.oct_s, r.oct_e, fr.tr.reviews)
    add("new_topic", c("Kitchen revenue on amazon last month", [rev(kam)]), c("and units?", [units(kam)]),
        c("how many reviews did we get in October?", [float(len(rv))], absent=["kitchen", "amazon"]))
    add("new_topic", c(f"units of {title} sold last month", [units(one_lm)]),
        c("what was total revenue last week?", [rev(lw)], absent=[title.lower()]))
    return out


def seventh_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:
    """The seventh batch (``dialogs7``): dialogs6's styles in new words, written after its fixes, measured before any
    change made for it.
    """
    r, out, add = _batch(t, catalogue, "dialogs7")
    fr, c, end = r.fr, r.case, r.end
    lm, lq, lw = fr.lm, fr.lq, fr.lw
    octo = fr.w(r.oct_s, r.oct_e)
    lqs = lq.groupby("sku")["revenue"].sum().sort_values(ascending=False, kind="stable")
    named = [str(s) for s in lqs.index if s in fr.unique.index]
    sku, other = named[1], named[4]
    title, other_title = str(fr.unique[sku]), str(fr.unique[other])
    one_lq, other_lq = lq[lq["sku"] == sku], lq[lq["sku"] == other]
    add("turn_back", c("units sold last week", [units(lw)]), c("and orders?", [_orders(lw)]),
        c("ok, back to the previous question", [units(lw)]))
    add("up_on_last_year", c("orders in October", [_orders(octo)]),
        c("is that down on last year?", [_orders(octo), _orders(fr.w(*_year_back(r.oct_s, r.oct_e)))]))
    add("agent_switch", c(f"orders for {title} last quarter", [_orders(one_lq)]),
        c("what's the forecast for it?", names=[title], absent=list(_WHOLE_CATALOGUE)),
        c("and units last quarter?", [units(one_lq)]))
    add("compare_with", c("Electronics units last quarter", [units(in_category(lq, "Electronics"))]),
        c("how does that compare with Outdoor?", [units(in_category(lq, "Electronics")),
                                                    units(in_category(lq, "Outdoor"))]))
    add("compare_with", c(f"revenue for {title} last quarter", [rev(one_lq)]),
        c(f"put it next to the {other_title}", [rev(one_lq), rev(other_lq)]))
    add("evidence", c("orders last month", [_orders(lm)]), c("where does that number come from?", [_orders(lm)],
                                                              ["select"]))
    add("currency", c("revenue last week", [rev(lw)]), c("can you show that in pounds?", names=["usd"],
                                                         absent=[*_OVERVIEW, "£"]))
    fri = _weekday_back(end, 4) if end.weekday() != 4 else end - timedelta(days=7)
    mon = _weekday_back(end, 0)
    add("ellipsis", c("orders on Monday", [_orders(fr.w(mon, mon))]),
        c("what about Friday?", [_orders(fr.w(fri, fri))]))
    add("thanks", c("units sold last month", [units(lm)]), c("cheers, that's it for now", absent=_NO_FIGURE))
    add("discount", c(f"units of {title} sold last quarter", [units(one_lq)]),
        c("should we mark it down?", names=[title], absent=list(_WHOLE_CATALOGUE)))
    return out


def run(dialogs: list[Dialog], ask: object) -> None:
    """Ask every conversation in its own session and print what was answered (failures to stderr)."""
    assert callable(ask)
    for d in dialogs:
        session = f"bench-{uuid.uuid4().hex[:16]}"
        d.answers = [str(ask(d.tenant, turn.question, session) or "") for turn in d.turns]


def report(dialogs: list[Dialog]) -> None:
    """Print turns answered, follow-up turns answered, whole conversations right and per style."""
    turns = follow = follow_ok = ok = whole = 0
    styles: dict[str, list[int]] = {}
    for d in dialogs:
        hits = [answered(turn, answer) for turn, answer in zip(d.turns, d.answers, strict=True)]
        turns += len(hits)
        ok += sum(hits)
        follow += len(hits) - 1
        follow_ok += sum(hits[1:])
        whole += all(hits)
        s = styles.setdefault(d.style, [0, 0, 0, 0])
        s[0] += sum(hits[1:])
        s[1] += len(hits) - 1
        s[2] += all(hits)
        s[3] += 1
        if not all(hits) or os.environ.get("BENCH_VERBOSE"):
            sys.stderr.write(f"{'ok  ' if all(hits) else 'MISS'} [{d.tenant}] {d.style}\n")
            for turn, answer, hit in zip(d.turns, d.answers, hits, strict=True):
                sys.stderr.write(f"   {'  ' if hit else '! '}{turn.question}\n      -> {answer[:400]}\n")
                if not hit:
                    sys.stderr.write(f"      expected numbers {[round(n, 2) for n in turn.numbers]} names "
                                     f"{turn.names} absent {turn.absent}\n")
    print(f"conversations: {len(dialogs)}; turns answered {ok}/{turns}; follow-up turns answered "
          f"{follow_ok}/{follow}; whole conversations right {whole}/{len(dialogs)}")
    for style, (f_ok, f_n, w_ok, w_n) in styles.items():
        print(f"  {style}: follow-up turns {f_ok}/{f_n}, conversations {w_ok}/{w_n}")


def main() -> None:
    """Prepare the merchants (the question bench's), ask every conversation in-process with a session id."""
    home, today = day_home("ecomintel-bench-dialogs")
    import logging

    from bench.dialogs_8 import eighth_dialogs, ninth_dialogs  # here: they build on this module's helpers
    from bench.dialogs_10 import eleventh_dialogs, tenth_dialogs
    from shared.deps import get_deps
    from shared.orchestration.client import AskFailed, ask
    from shared.runtime.local import LocalRuntime

    logging.getLogger().setLevel(logging.WARNING)
    deps = get_deps()
    tenants = [replace(t, merchant=accepted(deps.warehouse, t.tenant, t.merchant)) for t in prepare(deps, home, today)]
    dialogs: list[Dialog] = []
    for t in tenants:
        skus = deps.warehouse.query("SELECT sku FROM products WHERE tenant_id = @tenant_id", {"tenant_id": t.tenant})
        catalogue = {str(s) for s in skus["sku"]}
        dialogs += dialogs_for(t, catalogue)
        for d in held_out_dialogs(t, catalogue):
            d.batch = "dialogs2"
            dialogs.append(d)
        dialogs += third_dialogs(t, catalogue)
        dialogs += fourth_dialogs(t, catalogue)
        dialogs += fifth_dialogs(t, catalogue)
        dialogs += sixth_dialogs(t, catalogue)
        dialogs += seventh_dialogs(t, catalogue)
        dialogs += eighth_dialogs(t, catalogue)
        dialogs += ninth_dialogs(t, catalogue)
        dialogs += tenth_dialogs(t, catalogue)
        dialogs += eleventh_dialogs(t, catalogue)
    if only := os.environ.get("BENCH_ONLY"):
        dialogs = [d for d in dialogs if d.batch == only]
    runtime = LocalRuntime(deps)

    def in_process(tenant: str, question: str, session: str) -> str:
        # uncached, as the question bench: a cached answer is the one these turns were read into before
        try:
            resp = ask(deps, question, tenant=tenant, session_id=session, use_cache=False, runtime=runtime)
        except AskFailed as exc:  # a turn that fails is a miss, not the end of the run
            return f"ERROR {exc.message}"
        return str(resp.report.answer if resp.report else "")

    run(dialogs, in_process)
    for batch in sorted({d.batch for d in dialogs}):
        print(f"batch {batch}")
        report([d for d in dialogs if d.batch == batch])


if __name__ == "__main__":
    main()
