"""Held-out set of the ninth review round (written after its fixes, measured before any change made for it).

Run with ``BENCH_SET=14 .venv/bin/python bench/review_phrasings.py``. The topics of set 13 (themes, trends, the
rating with the spam taken out, quotes, comparisons, star spreads, names the catalogue lacks, several word forms) in
wordings no set uses.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_11 import category_stars, no_product, only_stars
from bench.review_phrasings_13 import _COMPLAINT, _MOVE, _NO_RATING, _PRAISE, _SPAM, named, stars_of, word_search

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def ninth_held_out(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the ninth round's held-out set."""
    out, add = review_cases()
    first = first_sentence
    rv, end = t.rv, t.end
    picks = pick_products(t.products, t.rv)
    x, y, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    toaster, board, lamp_noun = picks.mapped.name, picks.top_markup.noun, picks.solo2.noun
    yr = t.agent_year()

    add(
        "themes",
        f"what do people moan about most with the {board} {y}?",
        lambda a, r: named(t, y)(a, r) and _COMPLAINT.search(first(a)) is not None,
    )
    add(
        "themes",
        "main positives customers mention for Home products",
        lambda a, r: "Home" in first(a) and _PRAISE.search(first(a)) is not None,
    )
    add("themes", f"summary of what reviewers say about the {toaster}", named(t, x))

    l90, p90 = t.window(end - timedelta(days=89)), t.window(end - timedelta(days=179), end - timedelta(days=90))
    add(
        "trend",
        f"is the {lamp_noun}'s rating heading down?",
        lambda a, r: (
            named(t, lamp)(a, r)
            and (
                _MOVE.search(first(a)) is not None
                or (
                    not (l90["sku"] == lamp).any() or not (p90["sku"] == lamp).any()
                )  # a rule's product may have no review on one side: that is to be said
                and _NO_RATING.search(first(a)) is not None
            )
        ),
    )
    kn, kb = l90[l90["category"] == "Kitchen"], p90[p90["category"] == "Kitchen"]
    add(
        "trend",
        "have reviews for Kitchen gotten worse recently?",
        lambda a, r: (
            "Kitchen" in first(a) and states(first(a), t.mean(kn), RTOL) and states(first(a), t.mean(kb), RTOL)
        ),
    )

    add(
        "spam",
        f"{picks.mapped.noun} {x} rating without the suspicious reviews",
        lambda a, r: _SPAM.search(first(a)) is not None and named(t, x)(a, r),
    )
    add(
        "spam",
        "what's our rating with the spam removed?",
        lambda a, r: _SPAM.search(first(a)) is not None and states(first(a), t.mean(yr), RTOL),
    )

    add("quotes", "give me three quotes from 1-star reviews", only_stars(t, (1,)))
    add("quotes", f"share a few happy-customer quotes for the {board} {y}", only_stars(t, (4, 5), y))
    add("quotes", f"show verbatim feedback from unhappy {lamp_noun} buyers", only_stars(t, (1, 2), lamp))

    my, ml = (t.mean(rv[rv["sku"] == s]) for s in (y, lamp))
    add(
        "compare",
        f"{lamp_noun} vs {board} {y} - which rates higher?",
        lambda a, r: states(a, my, RTOL) and states(a, ml, RTOL) and named(t, lamp if ml > my else y)(a, r),
    )
    cat = rv.dropna(subset=["rating"]).groupby("category")["rating"].mean()
    add(
        "compare",
        "are Home products better reviewed than Electronics?",
        lambda a, r: states(a, float(cat["Home"]), RTOL) and states(a, float(cat["Electronics"]), RTOL),
    )

    add(
        "stars",
        f"star distribution of the {lamp_noun}'s reviews",
        lambda a, r: (
            (
                all(states(a, n, 0.5) for n in stars_of(rv[rv["sku"] == lamp], 1, 5) if n)
                or all(states(a, n, 0.5) for n in stars_of(yr[yr["sku"] == lamp], 1, 5) if n)
            )
            and named(t, lamp)(a, r)
        ),
    )
    add("stars", "how are ratings spread for Outdoor?", category_stars(t, "Outdoor"))
    rated = rv["rating"].dropna()
    add(
        "stars",
        "what percentage of reviews give 2 stars?",
        lambda a, r: (
            states(first(a), float((rated == 2).mean() * 100), 0.3)
            or states(first(a), float((rv["rating"] == 2).sum() * 100 / len(rv)), 0.3)
        ),
    )
    add(
        "stars", f"how many 5-star reviews did {y} receive?", count(int(((rv["sku"] == y) & (rv["rating"] == 5)).sum()))
    )

    add("nomatch", "the coffee mug's reviews", no_product("coffee mug"))
    add("nomatch", "what do buyers say about the camping tent?", no_product("camping tent"))

    add("mention", "how many reviews mention cheap/cheaply?", word_search(t, "cheap", "cheaply"))
    add("mention", "reviews mentioning rusty or rusted", word_search(t, "rusty", "rusted"))
    return out
