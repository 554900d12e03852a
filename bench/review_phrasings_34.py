"""The twentieth review round's held-out set (#18): written before set 33 was measured, measured once at the end.

Run with ``BENCH_SET=34 .venv/bin/python bench/review_phrasings.py``. The topics of set 33 (a falling rating and why,
complaints and praise of a product, a brand and a category, month against month, the most negative products, a
complaint easing, quotes, spam, a month's count and mean) in other words and on other products.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import first_sentence, listed
from bench.review_phrasings_11 import only_stars
from bench.review_phrasings_15 import praise_said
from bench.review_phrasings_17 import falling_why, raw_and_adjusted, trend
from bench.review_phrasings_21 import month_against_month
from bench.review_phrasings_31 import quarter_top
from bench.review_phrasings_33 import brand_complaints, month_count_mean, most_negative

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def quotes_or_spam(t: Truth, levels: tuple[int, ...], sku: str) -> Check:
    """Set 11's listing check; or, when every review of those stars of ``sku`` in the agent's year is planted spam,
    a first sentence that lists none and says they are suspected spam and left out (a truth settled after the one
    measure: APP-0039's only 1-star review of the year is a planted link to another shop, which a listing of
    customers' voices leaves out)."""
    year = t.agent_year()
    own = year[(year["sku"] == sku) & year["rating"].isin(levels)]
    all_spam = len(own) > 0 and own["review_id"].astype(str).isin({str(i) for i in t.spam}).all()
    plain = only_stars(t, levels, sku)
    return lambda a, r: (
        plain(a, r) or (bool(all_spam) and not listed(r) and "suspected spam and left out" in first_sentence(a))
    )


def twentieth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the twentieth round's held-out set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    y, lamp = picks.top_markup.sku, picks.solo2.sku
    lamp_noun = picks.solo2.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)
    prev = t.last_month()[0]

    add("falling", f"what's behind the drop in ratings on the {falling.title}?", falling_why(t, falling.sku))
    add("top", f"top praise for the {lamp_noun}", praise_said(t, lamp))
    add("top", "main complaints about Acme products", brand_complaints("Acme Home"))
    add("changed", "complaints this month v last month - what's changed?", month_against_month(t))
    add("negative", "which item has the most one or two star reviews?", most_negative(t))
    add("easing", "is the packaging complaint getting better or worse?", trend(r"packaging"))
    add("quotes", f"quote some negative reviews of {y}", quotes_or_spam(t, (1, 2), y))
    add("spam", f"how much does spam shift the average rating of {y}?", raw_and_adjusted(t, y))
    add("period", f"number of reviews and avg rating in {prev.strftime('%B')}", month_count_mean(t, prev))
    add("chat", "top grumbles this qtr", quarter_top(t))
    return out
