"""Held-out set of the eighth review round (written after its fixes, measured before any change made for it).

Run with ``BENCH_SET=12 .venv/bin/python bench/review_phrasings.py``. The styles of set 11 (negative means 1-2 stars,
a product the catalogue does not sell, several word forms, before and after a month, themes, spam-adjusted ratings,
quotes per product, star distributions, reviews to answer first, verified buyers) in wordings no set uses.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from bench.catalogue_picks import review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_7 import said_count
from bench.review_phrasings_9 import latest_first
from bench.review_phrasings_11 import category_stars, no_product, only_stars, word_forms

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)


def twelfth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the eighth round's held-out set."""
    out, add = review_cases()
    first = first_sentence
    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    yr = t.agent_year()

    add("polarity", "let me see the negative feedback", only_stars(t, (1, 2)))
    add("polarity", f"display the bad reviews of {x}", only_stars(t, (1, 2), x))
    add("polarity", "show me some good reviews", only_stars(t, (4, 5)))
    add("nomatch", "the lamp shade's reviews", no_product("lamp shade"))
    add("nomatch", "what's the mug's average rating?", no_product("mug"))

    def forms(*words: str) -> Check:
        return said_count((word_forms(rv, *words), word_forms(yr, *words)))

    add("mention", "how many reviews mention flimsy/flimsier?", forms("flimsy", "flimsier"))
    add("mention", "reviews containing returned or returning", forms("returned", "returning"))

    def before_after(month: int) -> Check:
        start = date(end.year if end.month > month else end.year - 1, month, 1)
        after_from = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        rated = rv.dropna(subset=["rating"])
        befores = (
            t.mean(rated[rated["date"] < start]),
            t.mean(t.window(start.replace(month=1, day=1), date.fromordinal(start.toordinal() - 1))),
        )
        afters = (t.mean(t.window(start)), t.mean(t.window(after_from)))
        return lambda a, r: any(states(a, v, RTOL) for v in befores) and any(states(a, v, RTOL) for v in afters)

    add("beforeafter", "star rating before versus after July", before_after(7))
    add("beforeafter", "avg rating before and after October?", before_after(10))
    add("spam", "how many suspected fake reviews are there?", lambda a, r: _SPAM.search(first(a)) is not None)
    add(
        "spam",
        f"{y} rating with the spam removed",
        lambda a, r: _SPAM.search(first(a)) is not None and (y in first(a) or t.title(y) in first(a)),
    )
    add("quotes", f"quote a few happy buyers of {y}", only_stars(t, (4, 5), y))
    add("quotes", f"share quotes from unhappy customers of {x}", only_stars(t, (1, 2), x))
    add("stars", "rating distribution for Home products", category_stars(t, "Home"))
    per = rv.groupby("sku").agg(mean=("rating", "mean"), n=("review_id", "size"), cat=("category", "first"))
    obest = per[(per["n"] >= 5) & (per["cat"] == "Outdoor")].sort_values("mean", ascending=False, kind="stable")
    add("stars", "which Outdoor product has the best reviews?", lambda a, r: str(obest.index[0]) in first(a))
    add(
        "stars",
        "count of 2-star reviews this year",
        count(int((t.window(end.replace(month=1, day=1))["rating"] == 2).sum())),
    )
    negative = rv[rv["rating"] <= 2]
    add("reply", "which complaints should we answer first?", latest_first(negative))
    ver = rv.dropna(subset=["rating"])
    vmean = float(ver[ver["verified"].astype(bool)]["rating"].mean())
    add(
        "verified",
        "average rating from verified purchasers",
        lambda a, r: (
            states(first(a), vmean, RTOL)
            or states(
                first(a),
                float(
                    yr.dropna(subset=["rating"])[yr.dropna(subset=["rating"])["verified"].astype(bool)]["rating"].mean()
                ),
                RTOL,
            )
        ),
    )
    add("themes", f"main themes in reviews of {x}", lambda a, r: x in first(a) or t.title(x) in first(a))
    return out
