"""The twentieth review round's set (#18): why a named product's ratings fall, the top complaints and praise of a
product, a brand and a category, this month's complaints against last month's, the products with the most negative
reviews, whether a complaint is easing, quotes, the spam-adjusted rating, a month's review count and average star,
UK English, typos and chat-style questions.

Run with ``BENCH_SET=33 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; products picked by rule
(``bench/catalogue_picks.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_11 import only_stars
from bench.review_phrasings_15 import _PRAISE, praise_said
from bench.review_phrasings_17 import falling_why, raw_and_adjusted, trend
from bench.review_phrasings_21 import month_against_month
from bench.review_phrasings_23 import _COMPLAINT, complaints_of
from bench.review_phrasings_31 import quarter_top

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def most_negative(t: Truth) -> Check:
    """Names a product (ties kept) with the most 1- and 2-star reviews, over all reviews or the agent's year."""
    from bench.review_phrasings_13 import named

    tops: set[str] = set()
    for frame in (t.rv, t.agent_year()):
        low = frame[frame["rating"] <= 2]  # noqa: PLR2004 - a negative review is one or two stars
        counts = low[low["sku"].isin(t.products.index)].groupby("sku").size()
        tops |= {str(s) for s in counts[counts == counts.max()].index}
    return lambda a, r: any(named(t, s)(a, r) for s in tops)


def brand_complaints(brand: str) -> Check:
    """The first sentence names the brand and speaks of its complaints."""
    return lambda a, r: brand in first_sentence(a) and _COMPLAINT.search(first_sentence(a)) is not None


def category_praise(category: str) -> Check:
    """The first sentence names the category and speaks of its praise."""
    return lambda a, r: category.lower() in first_sentence(a).lower() and _PRAISE.search(first_sentence(a)) is not None


def month_count_mean(t: Truth, first: date) -> Check:
    """The first sentence states the calendar month's review count and its mean rating."""
    nxt = (first + timedelta(days=32)).replace(day=1)
    frame = t.window(first, nxt - timedelta(days=1))
    n, mean = len(frame), t.mean(frame)
    return lambda a, r: states(first_sentence(a), n, 0.5) and states(first_sentence(a), mean, RTOL)


def busiest_category(t: Truth) -> str:
    """The category with the most reviews (the one a merchant asks about first)."""
    return str(t.rv["category"].value_counts().index[0])


def twentieth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the twentieth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, k, lamp = picks.mapped.sku, picks.solo.sku, picks.solo2.sku
    kettle, lamp_noun = picks.solo.noun, picks.solo2.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)
    category = busiest_category(t)
    prev = t.last_month()[0]

    # 1. why a named product's ratings fall
    add("falling", f"why are ratings for the {falling.name} falling?", falling_why(t, falling.sku))
    add("falling", f"what's dragging down {falling.sku}'s reviews?", falling_why(t, falling.sku))
    add("falling", f"y r the {falling.name} ratins droppin", falling_why(t, falling.sku))

    # 2. top complaints and praise of a product, a brand, a category
    add("top", f"biggest gripes about the {kettle}", complaints_of(t, k))
    add("top", "what do customers moan about most with Kestrel?", brand_complaints("Kestrel"))
    add("top", f"what do shoppers praise in {category}?", category_praise(category))
    add("top", f"what's the best thing people say about the {lamp_noun}?", praise_said(t, lamp))

    # 3. this month against last; the most negative products; is a complaint easing
    add("changed", "how have complaints shifted this month versus last?", month_against_month(t))
    add("negative", "which products get the most bad reviews?", most_negative(t))
    add("easing", "are delivery complaints easing off?", trend(r"shipping|delivery"))
    add("easing", "have quality grumbles got better since last month?", trend(r"quality"))

    # 4. quotes, spam, a month's count and average
    add("quotes", f"pull a couple of quotes from unhappy {kettle} buyers", only_stars(t, (1, 2), k))
    add("spam", f"{x}: spam-adjusted vs raw star rating", raw_and_adjusted(t, x))
    add("period", f"review count and average star for {prev.strftime('%B')}", month_count_mean(t, prev))

    # 5. UK English, chat
    add("chat", "what are punters whingeing about this quarter?", quarter_top(t))
    add("chat", "most negative reviews?", most_negative(t))
    return out
