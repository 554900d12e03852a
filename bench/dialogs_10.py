"""The conversation bench's tenth batch (``dialogs10``), asked by ``bench/dialogs.py``.

``dialogs10`` holds styles no earlier batch covered, measured on the code before their fixes: the money behind a
rate ("how many dollars is that?" after a discount or refund rate: the discounts or refunds, not revenue), "why?"
after a breakdown (what moved against the period before), a product's "why?" (its own category is no mover),
corrections of a filter then a measure, pronouns over four turns, a measure then a period switched, "same but for
units", "and the month before?", "drill into that", "only online" (every channel but the point of sale), "exclude
the top one", an agent's follow-ups ("and when do we run out then?" after a forecast), and a country code the data
does not record ("and in DE?": said, never the whole store's figure). Every truth is computed with pandas from the
rows the store accepted.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from bench.dialogs import _WHOLE_CATALOGUE, Dialog, _batch, _month_bounds, _mover
from bench.question_data import BenchTenant
from bench.questions import _orders, in_category, on_channel, rev, top, units
from bench.truths import Tied


def _by(f: pd.DataFrame, dim: str, measure: str = "revenue") -> pd.Series:
    return f.groupby(dim)[measure].sum().sort_values(ascending=False, kind="stable")


def online(f: pd.DataFrame) -> pd.DataFrame:
    """The lines sold online: every channel but the point of sale (the shop's tills)."""
    return f[f["channel"].fillna("").str.lower() != "pos"]


def _mover_of(before: pd.DataFrame, now: pd.DataFrame, dim: str, measure: str) -> str:
    """The value of ``dim`` whose ``measure`` changed the most (either way) from ``before`` to ``now``."""
    change = now.groupby(dim)[measure].sum().sub(before.groupby(dim)[measure].sum(), fill_value=0)
    return str(change.abs().sort_values(ascending=False, kind="stable").index[0])


def tenth_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one per conversation
    """The tenth batch (``dialogs10``): styles no batch covered, measured on the code before their fixes."""
    r, out, add = _batch(t, catalogue, "dialogs10")
    fr, c = r.fr, r.case
    lm, lq, lw, pm, pq = fr.lm, fr.lq, fr.lw, fr.pm, r.pq
    octo = fr.w(r.oct_s, r.oct_e)
    sep_s, sep_e = _month_bounds(r.oct_s - timedelta(days=1))
    aug_s, aug_e = _month_bounds(sep_s - timedelta(days=1))
    sep, aug = fr.w(sep_s, sep_e), fr.w(aug_s, aug_e)
    whole = list(_WHOLE_CATALOGUE)

    # the money behind a rate: the rate's own amount, not revenue
    add(
        "rate_money",
        c("what was our discount rate last month?"),
        c("how many dollars is that?", [float(lm["discount"].fillna(0).sum())], absent=[f"{rev(lm):,.2f}"]),
    )
    add(
        "rate_money",
        c("refund rate last quarter"),
        c("and in dollars?", [float(lq["refund"].fillna(0).sum())], absent=[f"{rev(lq):,.2f}", "already in"]),
    )

    # "why?" after a breakdown: what moved against the period before
    add(
        "why_breakdown",
        c("revenue by channel last month", [float(_by(lm, "channel").iloc[0])]),
        c("why?", names=[_mover(pm, lm, "channel"), _mover(pm, lm, "category")]),
    )
    add(
        "why_breakdown",
        c("units by category last quarter", [float(_by(lq, "category", "units").iloc[0])]),
        c("how come?", names=[_mover_of(pq, lq, "category", "units"), _mover_of(pq, lq, "channel", "units")]),
    )

    # a product's "why?": its channels and the period before, never its own category as a mover
    lms = _by(lm, "sku")
    named = [str(s) for s in lms.index if s in fr.unique.index]
    sku, other = named[1], named[4]
    title, other_title = str(fr.unique[sku]), str(fr.unique[other])
    one_lm, one_pm = lm[lm["sku"] == sku], pm[pm["sku"] == sku]
    add(
        "why_product",
        c(f"revenue for {title} last month", [rev(one_lm)]),
        c("why?", [rev(one_lm), rev(one_pm)], absent=["by category"]),
    )

    # corrections: a filter, then a measure
    elm, alm = on_channel(lm, "ebay"), on_channel(lm, "amazon")
    add(
        "correction",
        c("orders on ebay last month", [_orders(elm)]),
        c("no, amazon", [_orders(alm)], absent=["ebay"]),
        c("sorry, I meant units", [units(alm)]),
    )

    # pronouns over four turns
    lmu = _by(lm, "sku", "units")
    third = top(lmu, 3)[2]
    it = Tied([third, str(r.titles.get(third, third))])
    add(
        "pronoun_chain",
        c("top 5 products by units last month", [float(lmu.iloc[0])], top(lmu, 5), ordered=True),
        c("what about the third one?", [float(lmu.iloc[2])], [it]),
        c("how much revenue did it make?", [rev(lm[lm["sku"] == third])]),
        c("and the month before?", [rev(pm[pm["sku"] == third])]),
    )

    # a measure, then a period
    alw = on_channel(lw, "amazon")
    w2_s = fr.lw_s - timedelta(days=7)
    add(
        "measure_then_period",
        c("revenue on amazon last week", [rev(alw)]),
        c("and orders?", [_orders(alw)]),
        c("and the week before?", [_orders(on_channel(fr.w(w2_s, w2_s + timedelta(days=6)), "amazon"))]),
    )

    # "same but for units"
    add("same_but", c("revenue in October", [rev(octo)]), c("same but for units", [units(octo)]))
    klq = in_category(lq, "Kitchen")
    mb_s, mb_e = _month_bounds(fr.lq_s - timedelta(days=1))
    add(
        "same_but",
        c("Kitchen revenue last quarter", [rev(klq)]),
        c("same but units", [units(klq)]),
        c("and the month before?", [units(in_category(fr.w(mb_s, mb_e), "Kitchen"))]),
    )

    # "and the month before?"
    add(
        "month_before",
        c("units sold on web in October", [units(on_channel(octo, "web"))]),
        c("and the month before?", [units(on_channel(sep, "web"))]),
    )
    add(
        "month_before",
        c("revenue on ebay in September", [rev(on_channel(sep, "ebay"))]),
        c("and the month before?", [rev(on_channel(aug, "ebay"))]),
        c("same but for orders", [_orders(on_channel(aug, "ebay"))]),
    )

    # "drill into that"
    lmk = _by(lm, "category")
    best = str(lmk.index[0])
    inside = _by(in_category(lm, best), "sku")
    add(
        "drill",
        c("which category made the most revenue last month?", [float(lmk.iloc[0])], [best]),
        c("drill into that", [float(inside.iloc[0])]),
    )
    alq = on_channel(lq, "amazon")
    add(
        "drill",
        c("revenue by channel last quarter", [float(_by(lq, "channel").iloc[0])]),
        c(
            "drill into amazon by category",
            [float(_by(alq, "category").iloc[0])],
            top(_by(alq, "category"), 3),
            ordered=True,
        ),
    )

    # "only online": every channel but the point of sale
    add("online", c("revenue last month", [rev(lm)]), c("only online", [rev(online(lm))]))
    add("online", c("units sold last quarter", [units(lq)]), c("just the online ones", [units(online(lq))]))

    # "exclude the top one"
    lqc = _by(lq, "channel")
    add(
        "exclude_top",
        c("revenue by channel last quarter", [float(lqc.iloc[0])], top(lqc, 2), ordered=True),
        c("exclude the top one", [float(lqc.iloc[1])], list(lqc.index[1:3]), ordered=True),
    )
    add(
        "exclude_top",
        c("top 5 products by revenue last month", [float(lms.iloc[0])], top(lms, 5), ordered=True),
        c("exclude the top one", [float(lms.iloc[1])], absent=[top(lms)[0].lower()]),
    )

    # an agent's follow-ups on one product
    add(
        "agent_followup",
        c(f"How many units of {title} will we sell in the next 30 days?", names=[title]),
        c("and when do we run out then?", names=[title], absent=whole),
    )
    add(
        "agent_followup",
        c(f"forecast units for {other_title} next month", names=[other_title]),
        c("what if we raise its price by 5%?", names=[other_title, "5%"], absent=whole),
        c("and when do we run out then?", names=[other_title], absent=whole),
    )

    # a country code the data does not record: said, not the whole store's figure
    add(
        "country_code",
        c("revenue last month", [rev(lm)]),
        c("and in DE?", unanswerable=True),
        c("what about CA", unanswerable=True),
    )
    return out


def eleventh_dialogs(t: BenchTenant, catalogue: set[str]) -> list[Dialog]:  # noqa: PLR0915 - one per conversation
    """The eleventh batch (``dialogs11``): dialogs10's styles in new words, written after its fixes, measured before
    any change made for it.
    """
    r, out, add = _batch(t, catalogue, "dialogs11")
    fr, c = r.fr, r.case
    lm, lq, lw, pm, pq = fr.lm, fr.lq, fr.lw, fr.pm, r.pq
    whole = list(_WHOLE_CATALOGUE)
    add(
        "rate_money",
        c("what's our refund rate this year?"),
        c("what's that in dollars?", [float(fr.ytd["refund"].fillna(0).sum())], absent=["already in"]),
    )
    add(
        "why_breakdown",
        c("revenue by category last month", [float(_by(lm, "category").iloc[0])]),
        c("how come?", names=[_mover(pm, lm, "category"), _mover(pm, lm, "channel")]),
    )
    lqs = _by(lq, "sku")
    named = [str(s) for s in lqs.index if s in fr.unique.index]
    sku = named[2]
    title = str(fr.unique[sku])
    one_lq, one_pq = lq[lq["sku"] == sku], pq[pq["sku"] == sku]
    add(
        "why_product",
        c(f"units of {title} sold last quarter", [units(one_lq)]),
        c("why?", [units(one_lq), units(one_pq)], absent=["by category"]),
    )
    alm, elm = on_channel(lm, "amazon"), on_channel(lm, "ebay")
    add(
        "correction",
        c("revenue on amazon last month", [rev(alm)]),
        c("no, I meant ebay", [rev(elm)], absent=["amazon"]),
        c("and units?", [units(elm)]),
    )
    lqk = _by(lq, "category", "units")
    second = str(lqk.index[1])
    add(
        "pronoun_chain",
        c("top 3 categories by units last quarter", [float(lqk.iloc[0])], top(lqk, 3), ordered=True),
        c("what about the second one?", [float(lqk.iloc[1])], [second]),
        c("and its revenue?", [rev(in_category(lq, second))]),
        c("and the quarter before?", [rev(in_category(pq, second))]),
    )
    wlw = on_channel(lw, "web")
    w2_s = fr.lw_s - timedelta(days=7)
    add(
        "same_but",
        c("orders on web last week", [_orders(wlw)]),
        c("same but for revenue", [rev(wlw)]),
        c("and the week before that?", [rev(on_channel(fr.w(w2_s, w2_s + timedelta(days=6)), "web"))]),
    )
    lqc = _by(lq, "channel")
    best = str(lqc.index[0])
    inside = _by(on_channel(lq, best), "category")
    add(
        "drill",
        c("which channel made the most revenue last quarter?", [float(lqc.iloc[0])], [best]),
        c("dig into it", [float(inside.iloc[0])], [str(inside.index[0])]),
    )
    add("online", c("units sold last month", [units(lm)]), c("online only", [units(online(lm))]))
    lmu = _by(lm, "sku", "units")
    add(
        "exclude_top",
        c("top 5 products by units last month", [float(lmu.iloc[0])], top(lmu, 5), ordered=True),
        c("leave out the top one", [float(lmu.iloc[1])], absent=[top(lmu)[0].lower()]),
    )
    add(
        "agent_followup",
        c(f"forecast units for {title} for the next 2 weeks", names=[title]),
        c("and when will it run out then?", names=[title], absent=whole),
    )
    add("country_code", c("orders last week", [_orders(lw)]), c("what about in FR?", unanswerable=True))
    return out
