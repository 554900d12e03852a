"""The nineteenth round's leftovers (batch ``twentieth_left``), with truths from the rows.

Each month against the same month a year earlier ("YoY growth by month": a table of the months, each with its figure,
last year's and the change, led by the latest month's change), two products' review counts compared when neither
(or one) has any ("which has more 1-star reviews, A or B?": 0 against 0 said, not the sentiment agent's summary),
and a product code shaped like none of the catalogue's ("SKU-9999": the refusal shows one of the shop's own codes).
Measured on the code as it was before any change made for it.
"""

from __future__ import annotations

from datetime import date

from bench.nineteenth_questions import star_counts
from bench.question_data import BenchTenant
from bench.questions import Case, _month_bounds, rev
from bench.tenth_questions import _Frames
from bench.thirteenth_questions import growth, phrasing_set

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
