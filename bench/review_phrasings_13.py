"""The ninth review round's set (#18): themes, trends, spam-adjusted ratings, quotes, comparisons, star spreads.

Run with ``BENCH_SET=13 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes, in styles no set uses: report requests ("summarise the main themes for ...", "verbatims from ..."),
a topic fronted before a colon ("Kitchen range: recurring negatives?"), "or" comparisons ("toaster or desk lamp -
which do reviewers prefer?"), analysts' words (histogram, spread, split, trajectory, fraction) and the eighth
round's leftovers (a product name the catalogue lacks beside one it has, several forms of a complaint word, "share
quotes").
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_7 import said_count
from bench.review_phrasings_11 import category_stars, no_product, only_stars, word_forms

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_COMPLAINT = re.compile(r"complain|complaint|gripe|negative|criticis", re.I)
_PRAISE = re.compile(r"prais|love|like|positive", re.I)
#: A trend with a side without rated reviews, said: "no average rating ...", "nothing to compare against".
_NO_RATING = re.compile(r"\bno average rating|nothing to compare|\bno (?:rated )?reviews?\b", re.I)
_MOVE = re.compile(r"fell|fall|drop|down|rose|rise|up\b|declin|improv|stable|steady|flat|unchanged|same", re.I)


def named(t: Truth, sku: str) -> Check:
    """The first sentence names the product by its SKU or its title."""
    return lambda a, r: sku in first_sentence(a) or t.title(sku) in first_sentence(a)


def stars_of(frame: pd.DataFrame, *levels: int) -> list[int]:
    """How many reviews of ``frame`` have each of ``levels`` stars."""
    return [int((frame["rating"] == s).sum()) for s in levels]


def word_search(t: Truth, *words: str) -> Check:
    """Counts the reviews holding any of ``words`` (all reviews, or the agent's year)."""
    return said_count((word_forms(t.rv, *words), word_forms(t.agent_year(), *words)))


def ninth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the ninth round's set."""
    out, add = review_cases()
    first = first_sentence
    rv, end = t.rv, t.end
    picks = pick_products(t.products, t.rv)
    x, y, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku
    toaster, board, lamp_noun = picks.mapped.name, picks.top_markup.noun, picks.solo2.noun
    yr = t.agent_year()

    # 1. themes per product and for the catalogue
    add(
        "themes",
        f"top 3 gripes with the {toaster}",
        lambda a, r: named(t, x)(a, r) and _COMPLAINT.search(first(a)) is not None,
    )
    add(
        "themes",
        "what are shoppers raving about across the whole catalogue?",
        lambda a, r: _PRAISE.search(first(a)) is not None,
    )
    add("themes", f"summarise the main themes for the {lamp_noun}", named(t, lamp))
    add(
        "themes",
        "Kitchen range: recurring negatives in reviews?",
        lambda a, r: "Kitchen" in first(a) and _COMPLAINT.search(first(a)) is not None,
    )
    add(
        "themes",
        f"what's the number one compliment for the {board} {y}?",
        lambda a, r: named(t, y)(a, r) and _PRAISE.search(first(a)) is not None,
    )
    add("themes", "themes please, for reviews of our Outdoor gear", lambda a, r: "Outdoor" in first(a))

    # 2. trends: the last 90 days against the 90 before, or the agent's decline
    l90, p90 = t.window(end - timedelta(days=89)), t.window(end - timedelta(days=179), end - timedelta(days=90))

    def trend(sku: str | None) -> Check:
        now = l90 if sku is None else l90[l90["sku"] == sku]
        before = p90 if sku is None else p90[p90["sku"] == sku]
        return lambda a, r: (
            (sku is None or named(t, sku)(a, r))
            and (
                (states(first(a), t.mean(now), RTOL) and states(first(a), t.mean(before), RTOL))
                or (sku is not None and _MOVE.search(first(a)) is not None)
                # a product picked by a rule may have no rated review on one side: then that is to be said
                or (
                    not (len(now.dropna(subset=["rating"])) and len(before.dropna(subset=["rating"])))
                    and _NO_RATING.search(first(a)) is not None
                )
            )
        )

    add("trend", f"is the {toaster}'s rating trending down?", trend(x))
    add("trend", "are our reviews trending up or down overall?", trend(None))
    add("trend", f"rating trajectory for {y} lately", trend(y))
    lm = t.window(*t.last_month())
    add("trend", "month by month average rating over the last 6 months", lambda a, r: states(a, t.mean(lm), RTOL))

    # 3. the rating with the suspected spam taken out
    add(
        "spam",
        f"what's the {picks.mapped.noun} {x}'s star rating once the fakes are stripped out?",
        lambda a, r: _SPAM.search(first(a)) is not None and named(t, x)(a, r),
    )
    add(
        "spam",
        "strip out the bots: what's our real average?",
        lambda a, r: _SPAM.search(first(a)) is not None and states(first(a), t.mean(yr), RTOL),
    )
    add(
        "spam",
        "how much do suspected fake reviews inflate our rating?",
        lambda a, r: _SPAM.search(first(a)) is not None,
    )
    add(
        "spam",
        f"genuine-only rating for the {lamp_noun}",
        lambda a, r: _SPAM.search(first(a)) is not None and named(t, lamp)(a, r),
    )

    # 4. quotes
    add("quotes", f"pull a couple of quotes from 5-star reviews of the {toaster}", only_stars(t, (5,), x))
    add("quotes", f"verbatims from angry {toaster} buyers", only_stars(t, (1, 2), x))
    add("quotes", f"share a few customer quotes about the {lamp_noun}", only_stars(t, (1, 2, 3, 4, 5), lamp))
    add("quotes", f"share quotes from unhappy customers of the {board} {y}", only_stars(t, (1, 2), y))
    add("quotes", "can you share some glowing feedback?", only_stars(t, (4, 5)))

    # 5. comparisons between products and categories
    mx, my, ml = (t.mean(rv[rv["sku"] == s]) for s in (x, y, lamp))
    add(
        "compare",
        f"{toaster} or {lamp_noun} - which do reviewers prefer?",
        lambda a, r: states(a, mx, RTOL) and states(a, ml, RTOL) and named(t, lamp if ml > mx else x)(a, r),
    )
    add(
        "compare",
        f"{x} vs the {lamp_noun}: star ratings side by side",
        lambda a, r: states(a, mx, RTOL) and states(a, ml, RTOL),
    )
    cat = rv.dropna(subset=["rating"]).groupby("category")["rating"].mean()
    add(
        "compare",
        "do Outdoor products review better than Apparel ones?",
        lambda a, r: states(a, float(cat["Outdoor"]), RTOL) and states(a, float(cat["Apparel"]), RTOL),
    )
    add(
        "compare",
        f"which has more 1-star reviews, {x} or {y}?",
        lambda a, r: all(
            states(a, stars_of(rv[rv["sku"] == s], 1)[0], 0.5) or states(a, stars_of(yr[yr["sku"] == s], 1)[0], 0.5)
            for s in (x, y)
        ),
    )
    add(
        "compare",
        f"how does {y} stack up against {x} in reviews?",
        lambda a, r: states(a, my, RTOL) and states(a, mx, RTOL),
    )

    # 6. star distributions
    add(
        "stars",
        f"how are the {toaster}'s stars spread out?",
        lambda a, r: (
            all(states(a, n, 0.5) for n in stars_of(rv[rv["sku"] == x], 1, 5))
            or all(states(a, n, 0.5) for n in stars_of(yr[yr["sku"] == x], 1, 5))
        ),
    )
    add("stars", "histogram of ratings for Kitchen", category_stars(t, "Kitchen"))
    add("stars", "star split on Electronics reviews", category_stars(t, "Electronics"))
    rated = rv["rating"].dropna()
    add(
        "stars",
        "what fraction of our ratings are 4 stars?",
        lambda a, r: states(first(a), float((rated == 4).mean() * 100), 0.3),
    )
    ys = end.replace(month=1, day=1)
    add(
        "stars",
        "reviews per star level this year",
        lambda a, r: all(states(a, n, 0.5) for n in stars_of(t.window(ys), 1, 5)),
    )
    add(
        "stars",
        f"how many 2-star ratings did the {lamp_noun} get?",
        lambda a, r: (
            any(states(first(a), stars_of(f[f["sku"] == lamp], 2)[0], 0.5) for f in (rv, yr))
            or (stars_of(rv[rv["sku"] == lamp], 2)[0] == 0 and re.search(r"\b(?:no|none|0)\b", first(a)) is not None)
        ),
    )

    # 7. the eighth round's leftovers: names the catalogue lacks, word forms
    add("nomatch", "the lamp shade's reviews", no_product("lamp shade"))
    add("nomatch", "the frying pan lid's reviews", no_product("frying pan lid"))
    add("nomatch", "what do people think of the bath mat?", no_product("bath mat"))

    add("mention", "how many reviews mention flimsy/flimsier?", word_search(t, "flimsy", "flimsier"))
    add("mention", "reviews that say flimsy or wobbly", word_search(t, "flimsy", "wobbly"))
    add("mention", "count reviews mentioning broken/broke/breaks", word_search(t, "broken", "broke", "breaks"))
    add("count", f"how many reviews did the {lamp_noun} get?", count(len(rv[rv["sku"] == lamp])))
    return out
