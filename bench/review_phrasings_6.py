"""The held-out set of the fifth review round (#18), written after the fixes of ``bench/review_phrasings_5.py``.

Run with ``BENCH_SET=6 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths; the styles of set 5
(NPS wording, what reviewers of some stars say, words of bad reviews, sentiment and volume by month and against last
month, shares mentioning an aspect, pictures, the adjusted rating, what to fix, A against B, the last week, star
breakdowns, products counted by their reviews, "is that good?" after an answer) in wordings no set uses, measured
once before any change.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count, judged, leads

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)


def sixth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the held-out set."""
    out, add = review_cases()
    first = first_sentence

    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    tx, ty = t.title(x), t.title(y)
    yr = t.agent_year()
    rated = rv.dropna(subset=["rating"])
    this_year = t.window(date(end.year, 1, 1))
    this_month = t.window(end.replace(day=1))
    lm = t.window(*t.last_month())
    l7 = t.window(end - timedelta(days=6))
    lw = t.window(*t.last_week())
    cat = rated.groupby("category")["rating"].mean()
    mx, my = t.mean(rv[rv["sku"] == x]), t.mean(rv[rv["sku"] == y])
    catalogue, reviewed = set(t.products.index), set(rv["sku"])
    months = this_year.assign(m=lambda f: [d.month for d in f["date"]])
    whole = months[months["m"] < end.month] if end.day < 28 else months
    by_m = whole.dropna(subset=["rating"]).groupby("m")["rating"].mean()
    neg = rv[rv["rating"] <= 2].groupby("sku").size()
    five = set(rv.loc[rv["rating"] == 5, "sku"])

    add("reviews", "what's our net promoter score?", lambda a, r: re.search(r"NPS|promoter", first(a), re.I)
        is not None)
    add("reviews", "how many promoters this year?", count(int((this_year["rating"] == 5).sum())))
    add("reviews", "what do people who left one star say?", lambda a, r: states(
        first(a), int((yr["rating"] == 1).sum()), 0.5) and "review" in first(a))
    add("reviews", "top words in bad reviews", lambda a, r: re.search(r"negative|complain", first(a), re.I)
        is not None)
    add("reviews", "sentiment trend by month this year", lambda a, r: states(first(a), by_m.max(), RTOL)
        and states(first(a), by_m.min(), RTOL))
    add("reviews", "how many reviews did we get this month compared to last month?", lambda a, r: states(
        a, len(this_month), 0.5) and states(a, len(lm), 0.5))
    add("reviews", "percentage of reviews that mention shipping", lambda a, r: re.search(
        r"shipping|deliver", first(a), re.I) is not None and "%" in first(a))
    add("reviews", "do any reviews have pictures?", lambda a, r: re.search(r"photo|image|picture", first(a), re.I)
        is not None and _NEGATION.search(first(a)) is not None)
    add("reviews", f"spam-adjusted rating for the {tx}", lambda a, r: _SPAM.search(first(a)) is not None
        and x in first(a))
    add("reviews", "what's the top issue to fix according to reviews?", lambda a, r: re.search(
        r"complain|fix|quality|issue|problem", first(a), re.I) is not None)
    add("reviews", f"{tx} vs {ty} - which has better feedback?", lambda a, r: states(a, mx, RTOL)
        and states(a, my, RTOL))
    add("reviews", "average review score by category", lambda a, r: all(states(a, float(v), RTOL) for v in cat))
    add("reviews", "reviews from the past week", lambda a, r: states(first(a), len(l7), 0.5)
        or states(first(a), len(lw), 0.5))
    add("reviews", "breakdown of star ratings this year", lambda a, r: all(
        states(a, int((this_year["rating"] == s).sum()), 0.5) for s in (5, 1)))
    add("reviews", "products with at least 4 bad reviews", leads(int((neg >= 4).sum())))
    add("reviews", "which items don't have any 5-star reviews?", leads(len(catalogue - five), len(reviewed - five)))
    add("reviews", "items nobody has reviewed", leads(len(catalogue - reviewed)))
    add("reviews", "how many reviews rated two stars or below this year", count(int((this_year["rating"] <= 2).sum())))
    add("reviews", f"how is the {ty} rated >> is that any good?", lambda a, r: judged(
        my, t.mean(yr[yr["sku"] == y]))(a, r) and (states(a, t.mean(rated), RTOL) or states(a, t.mean(yr), RTOL)))
    add("reviews", "how many negative reviews last month >> is that high?", judged(int((lm["rating"] <= 2).sum()),
                                                                                   tol=0.5))
    return out
