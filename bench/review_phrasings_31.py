"""The nineteenth review round's set (#18): a weekly rating trend on a product's few reviews (pooled and said so, or
too few to tell), this quarter's complaints (alone and against last quarter), a brand said by a short name, praise
and spam, typos.

Run with ``BENCH_SET=31 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; products picked by rule
(``bench/catalogue_picks.py``, and :func:`sparse_pick` here). Complaints are the generator's negative sentences.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_13 import named
from bench.review_phrasings_15 import praise_said
from bench.review_phrasings_21 import _ASPECT_RX, top_complaints
from bench.review_phrasings_23 import quarter_start
from bench.review_phrasings_29 import quarter_against_quarter, trend_said, without_spam

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

#: An answer that says its weeks were pooled (by month, rolling) or that the reviews are too few to tell.
_POOLED = re.compile(r"too few|not enough|by month|monthly|pooled|rolling|per month", re.I)
_TOO_FEW = re.compile(r"too few|not enough|only \d+ reviews?|only one review", re.I)
#: The weeks a weekly trend reads (the metrics layer's "by week" default: the last 26 weeks).
WEEKS = 26


def sparse_pick(t: Truth) -> str:
    """The lowest catalogue SKU with two or three reviews in the last :data:`WEEKS` weeks (too few to tell)."""
    recent = t.window(t.end - timedelta(weeks=WEEKS))
    counts = recent[recent["sku"].isin(t.products.index)].groupby("sku").size()
    return str(sorted(counts[(counts >= 2) & (counts <= 3)].index)[0])


def pooled_trend(t: Truth, sku: str) -> Check:
    """Set 29's direction check, and the answer says the weeks were pooled or are too few; when the product has
    fewer than six reviews in the weeks asked, saying they are too few to tell is right too (a truth settled after
    the first measure: the planted falling product has 4 reviews in the last 26 weeks)."""
    direction = trend_said(t, sku)
    recent = t.window(t.end - timedelta(weeks=WEEKS))
    few = int((recent["sku"] == sku).sum()) < 6  # noqa: PLR2004 - the answer's own "too few" bar
    return lambda a, r: (direction(a, r) and _POOLED.search(a) is not None) or (few and too_few(t, sku)(a, r))


def too_few(t: Truth, sku: str) -> Check:
    """Names the product and says its reviews are too few to read a trend."""
    return lambda a, r: named(t, sku)(a, r) and _TOO_FEW.search(a) is not None


def quarter_top(t: Truth) -> Check:
    """The first sentence names a top complaint of this quarter (to date)."""
    now = top_complaints(t, t.window(quarter_start(t.end)))
    return lambda a, r: any(re.search(_ASPECT_RX[x], first_sentence(a), re.I) is not None for x in now)


def brand_rated(t: Truth, brand: str) -> Check:
    """The brand's full name in the first sentence and its reviews' mean rating (all of them or the agent's year)."""
    means = [t.mean(f[f["brand"] == brand]) for f in (t.rv, t.agent_year())]
    return lambda a, r: brand in first_sentence(a) and any(states(first_sentence(a), v, RTOL) for v in means)


def nineteenth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the nineteenth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, k = picks.mapped.sku, picks.solo.sku
    kettle = picks.solo.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)
    few = sparse_pick(t)

    # 1. a weekly trend on a product's few reviews
    add("sparse", f"weekly rating trend for {falling.sku}", pooled_trend(t, falling.sku))
    add("sparse", f"is the {falling.title}'s rating falling week by week?", pooled_trend(t, falling.sku))
    add("sparse", f"{x} rating by week", pooled_trend(t, x))
    add("sparse", f"week-on-week star rating for the {kettle}", pooled_trend(t, k))
    add("sparse", f"rating trend for {few} by week", too_few(t, few))
    add("sparse", f"are ratings for {few} going down each week?", too_few(t, few))

    # 2. this quarter's complaints
    add("quarter", "what are the main complaints this quarter?", quarter_top(t))
    add("quarter", "biggest customer complaints so far this quarter", quarter_top(t))
    add("quarter", "complaints this quarter compared to last quarter", quarter_against_quarter(t))
    add("quarter", "has what people complain about changed since last quarter?", quarter_against_quarter(t))

    # 3. a brand said by a short name
    add("brand", "how are Acme products rated?", brand_rated(t, "Acme Home"))
    add("brand", "average rating of the Acme range", brand_rated(t, "Acme Home"))
    add("brand", "what's the star rating for Acme?", brand_rated(t, "Acme Home"))
    add("brand", "Kestrel line average review score", brand_rated(t, "Kestrel"))

    # 4. praise and spam
    add("praise", f"what do buyers rave about with the {kettle}?", praise_said(t, k))
    add("spam", f"{x} rating with fake reviews stripped out", without_spam(t, x))

    # 5. typos
    add("typos", f"wkly ratng for {falling.sku}", pooled_trend(t, falling.sku))
    add("typos", "main complants this qtr", quarter_top(t))
    add("typos", "acme avg ratng", brand_rated(t, "Acme Home"))
    add("typos", "complaints ths quarter vs last", quarter_against_quarter(t))
    return out
