"""The conversation bench's eighth and ninth batches (``dialogs8``, ``dialogs9``), asked by ``bench/dialogs.py``.

``dialogs8`` holds styles no earlier batch covered, measured on the code before their fixes: the amount behind a
share or a rank ("how many dollars is that?"), a weekday that is also the data's last day ("what about Friday?"
when the data ends on a Friday: the Friday before, both dates said), "why?" after an answer naming what grew or
fell most, corrections of a period or a measure, pronoun chains over three turns, a new breakdown ("now by
category", "split that by channel", "same for Home and Outdoor"), "top 3 of those", "drop the returns", "and the
month before that?", a unit switch ("in units?", "what about in dollars?") and the evidence ("show me the rows",
"what query did you run?"). ``dialogs9`` holds the same styles in new words, written after those fixes and measured
before any change made for it. Every truth is computed with pandas from the rows the store accepted.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from bench.dialogs import Dialog, _batch, _month_bounds, _mover, _year_back
from bench.question_data import BenchTenant
from bench.questions import MONTHS, _orders, in_category, on_channel, rev, top, units
from bench.tenth_questions import returned
from bench.truths import Tied

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def said(d: date) -> str:
    """A date as the answers write it ("5 Dec 2025")."""
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def _by(f: pd.DataFrame, dim: str, measure: str = "revenue") -> pd.Series:
    return f.groupby(dim)[measure].sum().sort_values(ascending=False, kind="stable")


def _grew(now: pd.DataFrame, before: pd.DataFrame, dim: str, most: bool = True) -> str:
    """The value of ``dim`` whose revenue grew (``most``) or fell the most from ``before`` to ``now``."""
    change = now.groupby(dim)["revenue"].sum().sub(before.groupby(dim)["revenue"].sum(), fill_value=0)
    return str(change.sort_values(ascending=not most, kind="stable").index[0])


def eighth_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one per conversation
    """The eighth batch (``dialogs8``): styles no batch covered, measured on the code before their fixes."""
    r, out, add = _batch(t, catalogue, "dialogs8")
    fr, c, end = r.fr, r.case, r.end
    lm, lq, lw, pm = fr.lm, fr.lq, fr.lw, fr.pm
    pq = r.pq
    octo = fr.w(r.oct_s, r.oct_e)
    alm, elm = on_channel(lm, "amazon"), on_channel(lm, "ebay")

    # the amount behind a share or a rank
    add(
        "dollars_of",
        c("what share of revenue came from amazon last month?", [rev(alm) / rev(lm) * 100]),
        c("how many dollars is that?", [rev(alm)]),
    )
    klq = in_category(lq, "Kitchen")
    add(
        "dollars_of",
        c("what percentage of last quarter's revenue came from the Kitchen category?", [rev(klq) / rev(lq) * 100]),
        c("and in dollars?", [rev(klq)], absent=["already in"]),
    )
    add(
        "dollars_of",
        c("where does ebay rank by revenue last month?", [rev(elm)]),
        c("how many dollars is that?", [rev(elm)]),
    )
    add(
        "dollars_of",
        c("what share of orders came from ebay last month?", [_orders(elm) / _orders(lm) * 100]),
        c("how much revenue is that?", [rev(elm)]),
    )

    # a weekday that is also the data's last day: the one before it, both dates said
    last, day_before, two_before = end, end - timedelta(days=1), end - timedelta(days=2)
    week_back = end - timedelta(days=7)
    add(
        "weekday_end",
        c(f"orders on {_WEEKDAYS[day_before.weekday()]}", [_orders(fr.w(day_before, day_before))]),
        c(
            f"what about {_WEEKDAYS[last.weekday()]}?",
            [_orders(fr.w(week_back, week_back))],
            [said(week_back), said(last)],
        ),
    )
    add(
        "weekday_end",
        c(f"revenue on {_WEEKDAYS[two_before.weekday()]}", [rev(fr.w(two_before, two_before))]),
        c(f"and {_WEEKDAYS[last.weekday()]}?", [rev(fr.w(week_back, week_back))], [said(week_back), said(last)]),
    )

    # "why?" after an answer naming what grew or fell the most: that value against the period before, and its movers
    up = _grew(lm, pm, "category")
    up_now, up_before = in_category(lm, up), in_category(pm, up)
    add(
        "why_mover",
        c("which category grew the most last month?", names=[up]),
        c("why?", [rev(up_now), rev(up_before)], [up, _mover(up_before, up_now, "channel")]),
    )
    down = _grew(lq, pq, "channel", most=False)
    down_now, down_before = on_channel(lq, down), on_channel(pq, down)
    add(
        "why_mover",
        c("which channel fell the most last quarter?", names=[down]),
        c("why?", [rev(down_now), rev(down_before)], [down, _mover(down_before, down_now, "category")]),
    )

    # corrections of a period or a measure
    y = end.year - 1
    last_year = fr.w(date(y, 1, 1), date(y, 12, 31))
    add(
        "correction",
        c("revenue last month", [rev(lm)]),
        c("sorry, last year not last month", [rev(last_year)], absent=[said(fr.lm_s)]),
    )
    add(
        "correction",
        c("orders on amazon last week", [_orders(on_channel(lw, "amazon"))]),
        c("no, I meant units", [units(on_channel(lw, "amazon"))]),
    )
    add("correction", c("units sold in October", [units(octo)]), c("actually, I meant revenue", [rev(octo)]))
    add(
        "correction",
        c("Kitchen revenue last quarter", [rev(klq)]),
        c("no, last month", [rev(in_category(lm, "Kitchen"))]),
    )

    # pronoun chains over three turns
    lms = _by(lm, "sku")
    second = top(lms, 2)[1]
    named = Tied([second, str(r.titles.get(second, second))])
    add(
        "pronoun_chain",
        c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("what about the second one?", [float(lms.iloc[1])], [named]),
        c("how many units did it sell?", [units(lm[lm["sku"] == second])]),
        c("and the month before?", [units(pm[pm["sku"] == second])]),
    )
    lqk = _by(lq, "category")
    best = str(lqk.index[0])
    add(
        "pronoun_chain",
        c("which category made the most revenue last quarter?", [float(lqk.iloc[0])], [best]),
        c("how many orders came from it?", [_orders(in_category(lq, best))]),
        c("and on amazon?", [_orders(on_channel(in_category(lq, best), "amazon"))]),
    )
    add(
        "pronoun_chain",
        c("revenue on ebay last month", [rev(elm)]),
        c("how many orders was that?", [_orders(elm)]),
        c("and the month before that?", [_orders(on_channel(pm, "ebay"))]),
    )

    # a new breakdown
    lmk = _by(lm, "category")
    add(
        "dimension",
        c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("now by category", [float(lmk.iloc[0])], top(lmk, 3), ordered=True),
    )
    add(
        "dimension",
        c("Kitchen revenue last month", [rev(in_category(lm, "Kitchen"))]),
        c(
            "same for Home and Outdoor",
            [rev(in_category(lm, "Home")), rev(in_category(lm, "Outdoor"))],
            absent=["kitchen"],
        ),
    )
    lqc = _by(lq, "channel")
    add(
        "dimension",
        c("revenue last quarter", [rev(lq)]),
        c("split that by channel", [float(lqc.iloc[0]), float(lqc.iloc[-1])], top(lqc, 4), ordered=True),
    )
    add(
        "dimension",
        c("revenue by channel last month", [float(_by(lm, "channel").iloc[0])]),
        c("now by category", [float(lmk.iloc[0])], top(lmk, 3), ordered=True),
    )
    almk = _by(alm, "category", "units")
    add(
        "dimension",
        c("units sold on amazon last month", [units(alm)]),
        c("split that by category", [float(almk.iloc[0])], top(almk, 3), ordered=True),
    )

    # "top 3 of those", "drop the returns"
    add(
        "top_of_those",
        c("revenue by category last quarter", [float(lqk.iloc[0])], top(lqk, 2)),
        c(
            "top 3 of those",
            [float(lqk.iloc[2])],
            top(lqk, 3),
            ordered=True,
            absent=[str(x).lower() for x in lqk.index[3:]],
        ),
    )
    lmcu = _by(lm, "channel", "units")
    add(
        "top_of_those",
        c("units by channel last month", [float(lmcu.iloc[0])], top(lmcu, 2)),
        c(
            "just the top 2 of those",
            [float(lmcu.iloc[1])],
            top(lmcu, 2),
            ordered=True,
            absent=[str(x).lower() for x in lmcu.index[2:]],
        ),
    )
    add("returns", c("units sold last month", [units(lm)]), c("drop the returns", [units(lm) - returned(lm)]))
    aq = on_channel(lq, "amazon")
    add(
        "returns",
        c("revenue on amazon last quarter", [rev(aq)]),
        c("take out the refunds", [rev(aq) - float(aq["refund"].fillna(0).sum())]),
    )

    # "and the month before that?"
    sep_s, sep_e = _month_bounds(r.oct_s - timedelta(days=1))
    aug_s, aug_e = _month_bounds(sep_s - timedelta(days=1))
    add(
        "shift_chain",
        c("revenue in October", [rev(octo)]),
        c("and the month before?", [rev(fr.w(sep_s, sep_e))]),
        c("and the month before that?", [rev(fr.w(aug_s, aug_e))]),
    )
    pq_ly = fr.w(*_year_back(r.pq_s, r.pq_e))  # "the same quarter": the one the turn before was about
    add(
        "shift_chain",
        c("units sold last quarter", [units(lq)]),
        c("and the quarter before?", [units(pq)]),
        c("and the same quarter a year earlier?", [units(pq_ly)]),
    )

    # a unit switch
    add("unit_switch", c("revenue last month", [rev(lm)]), c("in units?", [units(lm)]))
    eoct = on_channel(octo, "ebay")
    add(
        "unit_switch", c("units sold on ebay in October", [units(eoct)]), c("how much is that in revenue?", [rev(eoct)])
    )
    add(
        "unit_switch",
        c("orders last quarter", [_orders(lq)]),
        c("what about in dollars?", [rev(lq)], absent=["already in"]),
    )

    # the evidence
    add("evidence", c("revenue last month", [rev(lm)]), c("show me the rows", [rev(lm)], ["select"]))
    alw = on_channel(lw, "amazon")
    add(
        "evidence",
        c("units sold on amazon last week", [units(alw)]),
        c("what query did you run?", [units(alw)], ["select"]),
    )
    add(
        "evidence",
        c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("show me the data behind that", [float(lms.iloc[0])], ["select"]),
    )
    return out


def ninth_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:
    """The ninth batch (``dialogs9``): dialogs8's styles in new words, written after its fixes, measured before any
    change made for it.
    """
    r, out, add = _batch(t, catalogue, "dialogs9")
    fr, c, end = r.fr, r.case, r.end
    lm, lq, lw, pm, pq = fr.lm, fr.lq, fr.lw, fr.pm, r.pq
    elm = on_channel(lm, "ebay")
    add(
        "dollars_of",
        c("what percent of units last month were sold on ebay?", [units(elm) / units(lm) * 100]),
        c("and how many dollars was that?", [rev(elm)]),
    )
    klq = in_category(lq, "Kitchen")
    add(
        "dollars_of",
        c("where does Kitchen rank by orders last quarter?", [_orders(klq)]),
        c("what's that in dollars?", [rev(klq)], absent=["already in"]),
    )
    three_before, week_back = end - timedelta(days=3), end - timedelta(days=7)
    add(
        "weekday_end",
        c(f"units sold on {_WEEKDAYS[three_before.weekday()]}", [units(fr.w(three_before, three_before))]),
        c(f"how about {_WEEKDAYS[end.weekday()]}?", [units(fr.w(week_back, week_back))], [said(week_back), said(end)]),
    )
    brand = _grew(lq, pq, "brand")
    add(
        "why_mover",
        c("which brand grew the most last quarter?", names=[brand]),
        c("how come?", [rev(lq[lq["brand"] == brand]), rev(pq[pq["brand"] == brand])], [brand]),
    )
    add(
        "correction",
        c("units sold last week", [units(lw)]),
        c("sorry, I meant last month not last week", [units(lm)], absent=[said(fr.lw_s)]),
    )
    lmo = lm[lm["units"] > 0].groupby("channel")["order_id"].nunique().sort_values(ascending=False, kind="stable")
    best = str(lmo.index[0])
    add(
        "pronoun_chain",
        c("which channel had the most orders last month?", [float(lmo.iloc[0])], [best]),
        c("what was its revenue?", [rev(on_channel(lm, best))]),
        c("and the month before?", [rev(on_channel(pm, best))]),
    )
    hq = in_category(lq, "Home")
    add(
        "dimension",
        c("Home revenue last quarter", [rev(hq)]),
        c(
            "and for Apparel and Electronics?",
            [rev(in_category(lq, "Apparel")), rev(in_category(lq, "Electronics"))],
            absent=["home"],
        ),
    )
    lmb = _by(lm, "brand")
    add(
        "top_of_those",
        c("revenue by brand last month", [float(lmb.iloc[0])], top(lmb, 2)),
        c(
            "give me the top 3 of those",
            [float(lmb.iloc[2])],
            top(lmb, 3),
            ordered=True,
            absent=[str(x).lower() for x in lmb.index[3:]],
        ),
    )
    alm = on_channel(lm, "amazon")
    add(
        "returns",
        c("units sold on amazon last month", [units(alm)]),
        c("remove the returns", [units(alm) - returned(alm)]),
    )
    sep_s, sep_e = _month_bounds(r.oct_s - timedelta(days=1))
    aug_s, aug_e = _month_bounds(sep_s - timedelta(days=1))
    jul_s, jul_e = _month_bounds(aug_s - timedelta(days=1))
    add(
        "shift_chain",
        c("orders in September", [_orders(fr.w(sep_s, sep_e))]),
        c("what about the month before?", [_orders(fr.w(aug_s, aug_e))]),
        c("and before that?", [_orders(fr.w(jul_s, jul_e))]),
    )
    return out
