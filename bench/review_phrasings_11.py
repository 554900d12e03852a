"""The eighth review round's set (#18): negative means 1-2 stars, no such product, word forms, before and after.

Run with ``BENCH_SET=11 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths (pandas over the
generated review rows the ingest accepted). Leftovers of the seventh round and styles no earlier set uses: a listing
of "negative" ("positive") reviews holds 1-2 (4-5) star reviews only, as the metrics layer counts them; a product the
catalogue does not sell ("the vase's rating") is said, not answered with every review; several word forms of a term
("reviews that mention leak or leaking"); a rating before and after a month with the change; themes, spam-adjusted
ratings, quotes per product, star distributions per category, reviews worth a reply, verified buyers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from bench.catalogue_picks import review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, listed, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_7 import said_count
from bench.review_phrasings_9 import _NEGATION, latest_first

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)


def only_stars(t: Truth, levels: tuple[int, ...], sku: str | None = None) -> Check:
    """A listing whose every rated review has one of ``levels`` stars (of ``sku`` when given).

    A product with no such review in the agent's year (a product picked by a rule may have none) is answered by
    saying so: then the first sentence must deny them and list none.
    """
    by_id = t.rv.set_index("review_id")
    year = t.agent_year()
    none = sku is not None and not (year[year["sku"] == sku]["rating"].isin(levels)).any()

    def check(a: str, r: Any) -> bool:
        ids = listed(r)
        if none:
            return not ids and _NEGATION.search(first_sentence(a)) is not None
        if not ids or any(i not in by_id.index for i in ids):
            return False
        shown = by_id.loc[ids]
        if sku and not (shown["sku"] == sku).all():
            return False
        return bool(shown["rating"].dropna().isin(levels).all())

    return check


def word_forms(frame: pd.DataFrame, *forms: str) -> int:
    """Reviews whose text holds any of ``forms`` as a whole word (any case)."""
    rx = r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b"
    return int(frame["text"].fillna("").str.contains(rx, case=False, regex=True).sum())


def no_product(noun: str) -> Check:
    """The first sentence names the noun and says no product matches it."""
    return lambda a, r: noun in first_sentence(a).lower() and _NEGATION.search(first_sentence(a)) is not None


def category_stars(t: Truth, category: str) -> Check:
    """The answer states the category's 1-star and 5-star counts (all its reviews, or the agent's year)."""
    rv, yr = t.rv[t.rv["category"] == category], t.agent_year()
    yr = yr[yr["category"] == category]
    return lambda a, r: all(
        states(a, int((rv["rating"] == s).sum()), 0.5) or states(a, int((yr["rating"] == s).sum()), 0.5) for s in (1, 5)
    )


def eleventh_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the eighth round's set."""
    out, add = review_cases()
    first = first_sentence
    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    yr = t.agent_year()

    # 1. "negative" reviews are the 1-2 star ones, "positive" the 4-5 star ones (the metrics layer's words)
    add("polarity", "show me our negative reviews", only_stars(t, (1, 2)))
    add("polarity", f"show negative reviews for {x}", only_stars(t, (1, 2), x))
    add("polarity", "pull up the bad reviews from this year", only_stars(t, (1, 2)))
    add("polarity", "show me positive reviews", only_stars(t, (4, 5)))
    add("polarity", f"list the most negative reviews of {y}", only_stars(t, (1, 2), y))
    ys = end.replace(month=1, day=1)
    add("polarity", "how many negative reviews did we get this year?", count(int((t.window(ys)["rating"] <= 2).sum())))

    # 2. a product the catalogue does not sell
    add("nomatch", "the vase's rating", no_product("vase"))
    add("nomatch", "what do customers say about our sofa?", no_product("sofa"))
    add("nomatch", "the blender's reviews", no_product("blender"))
    add("nomatch", "complaints about the umbrella", no_product("umbrella"))

    # 3. several word forms of one term
    def forms(*words: str) -> Check:
        return said_count((word_forms(rv, *words), word_forms(yr, *words)))

    add("mention", "reviews that mention broke/broken", forms("broke", "broken"))
    add("mention", "how many reviews say leak or leaking?", forms("leak", "leaking"))
    add("mention", "reviews mentioning cracked or cracks", forms("cracked", "cracks"))
    add("mention", "how many reviews use the words refund or refunded?", forms("refund", "refunded"))

    # 4. before and after a month, with the change
    def before_after(month: int) -> Check:
        start = date(end.year if end.month > month else end.year - 1, month, 1)
        after_from = (start + timedelta(days=32)).replace(day=1)
        rated = rv.dropna(subset=["rating"])
        # before: all reviews before the month, the agent's year before it, or (the house rule of "before June")
        # 1 January of its year to the day before it
        befores = (
            t.mean(rated[rated["date"] < start]),
            t.mean(t.window(t.year_start, start - timedelta(days=1))),
            t.mean(t.window(start.replace(month=1, day=1), start - timedelta(days=1))),
        )
        afters = (t.mean(t.window(start)), t.mean(t.window(after_from)))
        return lambda a, r: any(states(a, v, RTOL) for v in befores) and any(states(a, v, RTOL) for v in afters)

    add("beforeafter", "average rating before vs after September", before_after(9))
    add("beforeafter", "how did ratings change before and after March?", before_after(3))
    add("beforeafter", "rating before and after August", before_after(8))

    # 5. themes and trends
    add(
        "themes",
        "what are the recurring themes in our reviews?",
        lambda a, r: re.search(r"quality|durab", first(a), re.I) is not None,
    )
    add("themes", "biggest praise points for Kitchen products", lambda a, r: "Kitchen" in first(a))
    l90, p90 = t.window(end - timedelta(days=89)), t.window(end - timedelta(days=179), end - timedelta(days=90))
    add(
        "themes",
        f"has the rating of {x} gotten worse over the last 90 days?",
        lambda a, r: (
            (x in first(a) or t.title(x) in first(a))
            and states(first(a), t.mean(l90[l90["sku"] == x]), RTOL)
            and states(first(a), t.mean(p90[p90["sku"] == x]), RTOL)
        ),
    )

    # 6. spam and the adjusted rating
    add(
        "spam",
        "what's our spam-adjusted rating?",
        lambda a, r: _SPAM.search(first(a)) is not None and states(first(a), t.mean(yr), RTOL),
    )
    add(
        "spam",
        f"rating for {x} excluding fake reviews",
        lambda a, r: _SPAM.search(first(a)) is not None and x in first(a),
    )
    add(
        "spam",
        "what share of our reviews are suspected spam?",
        lambda a, r: _SPAM.search(first(a)) is not None and "%" in first(a),
    )

    # 7. quotes per product
    add("quotes", f"give me a quote from a happy customer of {x}", only_stars(t, (4, 5), x))
    add("quotes", f"quote some unhappy customers of {y}", only_stars(t, (1, 2), y))

    # 8. star distributions and rankings
    add("stars", "star distribution for Kitchen products", category_stars(t, "Kitchen"))
    add("stars", "how many 3-star reviews this year", count(int((t.window(ys)["rating"] == 3).sum())))
    per = rv.groupby("sku").agg(mean=("rating", "mean"), n=("review_id", "size"), cat=("category", "first"))
    kworst = per[(per["n"] >= 5) & (per["cat"] == "Kitchen")].sort_values("mean", kind="stable")
    add("stars", "which Kitchen product has the worst reviews?", lambda a, r: str(kworst.index[0]) in first(a))
    cats = rv.dropna(subset=["rating"]).groupby("category")["rating"].mean()
    add(
        "stars",
        "average rating per category",
        lambda a, r: states(a, float(cats.max()), RTOL) and states(a, float(cats.min()), RTOL),
    )

    # 9. reviews worth a reply
    negative = rv[rv["rating"] <= 2]
    add("reply", "which reviews should we reply to first?", latest_first(negative))
    add("reply", "which bad reviews still need a response?", latest_first(negative))

    # 10. verified buyers
    ver = rv.dropna(subset=["rating"])
    vmean = float(ver[ver["verified"].astype(bool)]["rating"].mean())
    umean = float(ver[~ver["verified"].astype(bool)]["rating"].mean())
    add(
        "verified",
        "rating of verified buyers vs unverified",
        lambda a, r: states(a, vmean, RTOL) and states(a, umean, RTOL),
    )
    return out
