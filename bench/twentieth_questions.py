"""The nineteenth round's leftovers (batch ``twentieth_left``), with truths from the rows.

Each month against the same month a year earlier ("YoY growth by month": a table of the months, each with its figure,
last year's and the change, led by the latest month's change), two products' review counts compared when neither
(or one) has any ("which has more 1-star reviews, A or B?": 0 against 0 said, not the sentiment agent's summary),
and a product code shaped like none of the catalogue's ("SKU-9999": the refusal shows one of the shop's own codes).
Measured on the code as it was before any change made for it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from bench.nineteenth_questions import star_counts
from bench.question_data import BenchTenant
from bench.questions import Case, _month_bounds, _orders, in_category, on_channel, rev, strict, units
from bench.tenth_questions import _Frames, order_totals
from bench.thirteenth_questions import growth, phrasing_set
from bench.truths import peak

#: What a sentiment overview says that an answer counting reviews does not.
OVERVIEW = ["positive and", "most common complaint"]


def year_back(d: date) -> date:
    """The same day a year earlier (28 Feb for a 29 Feb)."""
    return d.replace(year=d.year - 1, day=min(d.day, 28)) if d.month == 2 else d.replace(year=d.year - 1)


def months_with_last_year(fr: _Frames) -> list[tuple[date, date]]:
    """The whole months of the latest 12 whose month a year earlier the data cover whole (oldest first)."""
    first = min(fr.tr.sales["date"])
    months, s = [], fr.lm_s
    for _ in range(12):
        e = _month_bounds(s)[1]
        if year_back(s) >= first:
            months.append((s, e))
        s = _month_bounds(date.fromordinal(s.toordinal() - 1))[0]
    return sorted(months)


def month_growth(fr: _Frames, s: date, e: date) -> tuple[float, float, float]:
    """A month's revenue, the same month's a year earlier and the change in percent."""
    now, then = rev(fr.w(s, e)), rev(fr.w(year_back(s), _month_bounds(year_back(s))[1]))
    return now, then, growth(now, then)


def star_sets(fr: _Frames, t: BenchTenant, stars: int) -> tuple[list[str], list[str]]:
    """Uniquely-titled reviewed products without a ``stars``-star review, and those with the most (most first)."""
    counts = star_counts(t, stars)
    reviewed = set(t.merchant.reviews["sku"].astype(str))
    none = sorted(s for s in fr.unique.index if s in reviewed and s not in counts.index)
    most = [s for s in counts.sort_values(ascending=False, kind="stable").index if s in fr.unique.index]
    return none, most


def leftover_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:
    """The nineteenth round's leftovers (batch ``twentieth_left``)."""
    fr, _, batch = phrasing_set(t, catalogue, "twentieth_left")
    tenant, add = t.tenant, batch.add

    batch.style = "each month against the same month last year"
    months = months_with_last_year(fr)
    if len(months) >= 2:
        latest, oldest = month_growth(fr, *months[-1]), month_growth(fr, *months[0])
        # the latest month's figures and change lead; the oldest month's change shows the months are each compared
        numbers = [*latest, oldest[2]]
        for phrasing in (
            "YoY growth by month",
            "monthly revenue vs last year",
            "each month compared with the same month last year",
            "revenue by month year over year",
        ):
            add(Case(tenant, phrasing, numbers, absent=["highest in"]))

    batch.style = "review counts of two products, none for one or both"
    for stars, word in ((1, "more"), (2, "fewer"), (1, "fewer")):
        none, most = star_sets(fr, t, stars)
        if len(none) < 2:
            continue
        a, b = none[0], none[len(none) // 2]
        add(
            Case(
                tenant,
                f"which has {word} {stars}-star reviews, the {fr.unique[a]} or the {fr.unique[b]}?",
                [0.0],
                [str(fr.unique[a]).lower(), str(fr.unique[b]).lower()],
                absent=OVERVIEW,
            )
        )
    none, most = star_sets(fr, t, 1)
    if none and most:
        counts = star_counts(t, 1)
        a, b = none[-1], most[0]
        add(
            Case(
                tenant,
                f"which product got more 1 star reviews: the {fr.unique[a]} or the {fr.unique[b]}?",
                [0.0, float(counts[b])],
                [str(fr.unique[b]).lower(), str(fr.unique[a]).lower()],
                ordered=True,
                absent=OVERVIEW,
            )
        )

    batch.style = "a code shaped like none of the catalogue's"
    # one of the shop's own codes (the catalogue's or a code its sales hold): an example or the closest codes
    codes = sorted({str(s).lower() for s in catalogue} | {str(s).lower() for s in t.merchant.sales["sku"]})
    for phrasing, code in (
        ("sales of SKU-9999", "sku-9999"),
        ("revenue for QQ-12345 last month", "qq-12345"),
        ("how many units of SKU-00000 did we sell", "sku-00000"),
        ("stock of item #ZX-77", "zx-77"),
    ):
        add(Case(tenant, phrasing, unknown=code, one_of=codes))
    return batch.cases


def held_out_cases(t: BenchTenant, catalogue: set[str]) -> list[Case]:  # noqa: PLR0915 - one block per phrasing
    """Kinds earlier rounds did not ask, and the leftovers' kinds worded anew (batch ``twentieth``, "held out"),
    written after the leftovers' fixes and measured once before any change made for them."""
    fr, p, batch = phrasing_set(t, catalogue, "twentieth", "held out")
    end, tenant, add = fr.end, t.tenant, batch.add
    lm, lq, ytd, y = fr.lm, fr.lq, fr.ytd, fr.y
    codes = sorted({str(s).lower() for s in catalogue} | {str(s).lower() for s in t.merchant.sales["sku"]})

    # the leftovers' kinds, worded anew
    ly_lq = fr.w(fr.lq_s.replace(year=fr.lq_s.year - 1), fr.lq_e.replace(year=fr.lq_e.year - 1))
    add(Case(tenant, "quarterly revenue vs last year", [rev(lq), rev(ly_lq), growth(rev(lq), rev(ly_lq))]))
    add(Case(tenant, "units by month compared to the same month a year ago", [units(lm), units(p.ly_lm)]))
    add(Case(tenant, "month-by-month orders vs prior year", [_orders(lm), _orders(p.ly_lm)]))
    none, _ = star_sets(fr, t, 2)
    if len(none) >= 3:
        a, b = none[1], none[-1]
        add(
            Case(
                tenant,
                f"did the {fr.unique[a]} or the {fr.unique[b]} get more 2 star ratings?",
                [0.0],
                [str(fr.unique[a]).lower(), str(fr.unique[b]).lower()],
                absent=OVERVIEW,
            )
        )
    # a code with letters of its own after "SKU " is quoted alone (the nineteenth round's rule): corrected after the
    # one measurement, which expected "sku abc-99999"
    add(Case(tenant, "revenue for SKU ABC-99999 last week", unknown="abc-99999", one_of=codes))
    add(Case(tenant, "units of item code HX-1 this year", unknown="hx-1", one_of=codes))

    # order extremes, halves of a year, shares compared, daily averages
    ot = order_totals(lm)
    add(Case(tenant, "biggest single order last month", [float(ot.max())]))
    ot = order_totals(ytd)
    add(Case(tenant, "what was the smallest order this year", [float(ot.min())]))
    add(Case(tenant, f"revenue in H1 {y}", [rev(fr.w(date(y, 1, 1), date(y, 6, 30)))]))
    add(
        Case(
            tenant, "units sold in the second half of last year", [units(fr.w(date(y - 1, 7, 1), date(y - 1, 12, 31)))]
        )
    )
    amazon_now = rev(on_channel(ytd, "amazon")) / rev(ytd) * 100
    amazon_then = rev(on_channel(p.ly_ytd, "amazon")) / rev(p.ly_ytd) * 100
    add(Case(tenant, "amazon's share of revenue this year vs last year", [amazon_now, amazon_then]))
    add(Case(tenant, "average daily orders last month", [_orders(lm) / ((fr.lm_e - fr.lm_s).days + 1)]))

    # brands by rating, the best day, returns by category, price by category
    reviews = t.merchant.reviews.merge(t.merchant.products[["sku", "brand"]].drop_duplicates("sku"), on="sku")
    ratings = pd.to_numeric(reviews["rating"], errors="coerce")
    by_brand = ratings.groupby(reviews["brand"]).mean()
    add(Case(tenant, "which brand has the best average rating", [float(by_brand.max())], [peak(by_brand)]))
    add(Case(tenant, "lowest rated brand", [float(by_brand.min())], [peak(by_brand, "min")]))
    by_day = lm.groupby("date")["revenue"].sum()
    add(Case(tenant, "what was the best day for revenue last month", [float(by_day.max())]))
    back = pd.to_numeric(lq["returned_units"], errors="coerce").fillna(0).groupby(lq["category"]).sum()
    if strict(back, 1):
        add(Case(tenant, "which category had the most units returned last quarter", [float(back.max())], [peak(back)]))
    kitchen = in_category(lm, "Kitchen")
    add(Case(tenant, "average selling price in kitchen last month", [rev(kitchen) / units(kitchen)]))
    add(Case(tenant, "how much revenue per day did we average this year", [rev(ytd) / ((end - fr.ys).days + 1)]))
    return batch.cases
