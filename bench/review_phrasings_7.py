"""The sixth review round's set (#18): replies, verified buyers, length, words mentioned, brands, volume, one line.

Run with ``BENCH_SET=7 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths (pandas over the
generated review rows the ingest accepted). Styles no earlier set uses: replies to reviews and response rates (the
rows hold no replies: the answer must say so), the share of verified purchases and their ratings against the
others, review length, how many reviews mention a word ("leak", "broke"), a brand's rating trend, the worst-rated
category or brand, "what do people love about X", complaints about X in one line, promoters against detractors as
one answer (counts and the NPS-style difference), and whether reviews are slowing down (the last 30 days against the
30 before, the windows said).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, highest_markup, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
_REPLY = re.compile(r"repl(?:y|ies|ied)|respon(?:se|ses|d|ded)", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2} \w{3,9} \d{4}")


def mentions(rv: pd.DataFrame, word: str) -> tuple[int, int]:
    """Reviews whose text (or text and title) holds ``word`` or its inflections (-s, -es, -ed, -ing), any case."""
    rx = rf"\b{re.escape(word)}(?:s|es|ed|d|ing)?\b"
    text = rv["text"].fillna("").str.contains(rx, case=False, regex=True)
    both = text | rv["title"].fillna("").str.contains(rx, case=False, regex=True)
    return int(text.sum()), int(both.sum())


def said_count(ns: tuple[int, ...]) -> Check:
    """The first sentence counts reviews: one of ``ns``, or none ("None of the 402 reviews ...") when one is 0."""
    def check(a: str, r: object) -> bool:
        first = first_sentence(a)
        zero = 0 in ns and re.match(r"(?:none|no review)", first, re.I) is not None
        return (any(states(first, n, 0.5) for n in ns) or zero) and "review" in first.lower()
    return check


def seventh_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the sixth round's set."""
    out, add = review_cases()
    first = first_sentence

    rv, end = t.rv, t.end
    picks = pick_products(t.products, t.rv)
    x, k, kettle = falling_pick(t.products, t.falling, picks.mapped).sku, picks.solo.sku, picks.solo.noun
    y = highest_markup(t.products, x, k)
    yr = t.agent_year()
    rated = rv.dropna(subset=["rating"])
    verified = rv["verified"].astype("boolean").fillna(False).astype(bool)
    share_verified = float(verified.mean() * 100)
    mean_v, mean_u = t.mean(rv[verified]), t.mean(rv[~verified])
    words = rv["text"].fillna("").str.split().str.len()
    chars = rv["text"].fillna("").str.len()
    short = int((words < 5).sum())
    cat = rated.groupby("category")["rating"].mean().sort_values()
    brand = rated.groupby("brand")["rating"].mean().sort_values()
    n5, n12 = int((rated["rating"] == 5).sum()), int((rated["rating"] <= 2).sum())
    diff = 100 * (n5 - n12) / len(rated)
    y5, y12 = int((yr["rating"] == 5).sum()), int((yr["rating"] <= 2).sum())
    ydiff = 100 * (y5 - y12) / len(yr.dropna(subset=["rating"]))
    last30 = t.window(end - timedelta(days=29))
    prev30 = t.window(end - timedelta(days=59), end - timedelta(days=30))
    northwind = rated[rated["brand"] == "Northwind"]

    # 1. replies: not in the rows
    def no_replies(a: str, r: object) -> bool:
        return _REPLY.search(first(a)) is not None and _NEGATION.search(first(a)) is not None
    add("replies", "what's our review response rate?", no_replies)
    add("replies", "how many reviews have we replied to?", no_replies)
    add("replies", "how fast do we respond to negative reviews?", no_replies)
    add("replies", "which bad reviews still need a reply?", no_replies)
    # 2. verified purchases
    add("verified", "what share of reviews are verified purchases?", lambda a, r: states(first(a), share_verified, 0.3))
    add("verified", "how many verified reviews do we have?", count(int(verified.sum())))
    add("verified", "are verified buyers happier than unverified ones?", lambda a, r: states(a, mean_v, RTOL)
        and states(a, mean_u, RTOL))
    add("verified", "average rating from verified purchasers", lambda a, r: states(first(a), mean_v, RTOL))
    add("verified", f"how many verified reviews does {x} have?", count(int((verified & (rv["sku"] == x)).sum())))
    # 3. review length
    add("length", "what's the average review length?", lambda a, r: states(first(a), float(words.mean()), 0.15)
        or states(first(a), float(chars.mean()), 0.6))
    add("length", "how long are our reviews on average?", lambda a, r: states(first(a), float(words.mean()), 0.15)
        or states(first(a), float(chars.mean()), 0.6))
    add("length", "how many reviews are shorter than 5 words?", count(short))
    add("length", "do longer reviews give lower ratings?", lambda a, r: re.search(r"word|length|long", first(a), re.I)
        is not None and re.search(r"\d", first(a)) is not None)
    # 4. reviews mentioning a word
    # over all the reviews or the sentiment agent's year (the answer says which)
    for word in ("leak", "broke", "flimsy", "late", "gift"):
        add("mention", f"how many reviews mention '{word}'?", said_count((*mentions(rv, word), *mentions(yr, word))))
    ns = (*mentions(rv[rv["sku"] == x], "broke"), *mentions(yr[yr["sku"] == x], "broke"))
    add("mention", f"reviews of {x} that mention broke", lambda a, r: any(states(first(a), n, 0.5) for n in ns))
    # 5. brands and categories by rating
    add("brand", "how has Northwind's rating changed over time?", lambda a, r: "Northwind" in first(a)
        and re.search(r"\d\.\d\d", first(a)) is not None)
    add("brand", "Northwind rating trend", lambda a, r: "Northwind" in first(a)
        and re.search(r"\d\.\d\d", first(a)) is not None)
    add("brand", "average rating of Northwind products", lambda a, r: "Northwind" in first(a)
        and (states(first(a), t.mean(northwind), RTOL)
             or states(first(a), t.mean(northwind[northwind["date"] >= t.year_start]), RTOL)))
    add("brand", "which category has the worst reviews?", lambda a, r: str(cat.index[0]) in first(a))
    add("brand", "worst-rated category", lambda a, r: str(cat.index[0]) in first(a))
    add("brand", "which brand do customers rate lowest?", lambda a, r: str(brand.index[0]) in first(a))
    add("brand", "best rated brand", lambda a, r: str(brand.index[-1]) in first(a))
    # 6. love and complaints about one product
    add("product", f"what do people love about the {t.title(y)}?", lambda a, r: y in first(a))
    add("product", f"what do customers love about the {kettle}?", lambda a, r: k in first(a))
    add("product", f"summarise complaints for {x} in one line", lambda a, r: x in first(a)
        and re.search(r"complain", first(a), re.I) is not None)
    add("product", f"one-line summary of what people dislike about the {kettle}", lambda a, r: k in first(a))
    add("product", f"in a sentence, why do people return the {t.title(x)}?", lambda a, r: x in first(a))
    # 7. promoters against detractors
    add("nps", "promoters vs detractors", lambda a, r: (states(a, n5, 0.5) and states(a, n12, 0.5)
                                                        and states(a, diff, 0.15))
        or (states(a, y5, 0.5) and states(a, y12, 0.5) and states(a, ydiff, 0.15)))
    add("nps", "how many promoters and detractors do we have?", lambda a, r: (states(a, n5, 0.5)
                                                                             and states(a, n12, 0.5))
        or (states(a, y5, 0.5) and states(a, y12, 0.5)))
    add("nps", "promoters minus detractors", lambda a, r: states(first(a), diff, 0.15)
        or states(first(a), ydiff, 0.15))
    # 8. volume lately
    def slowing(a: str, r: object) -> bool:
        return states(a, len(last30), 0.5) and states(a, len(prev30), 0.5) and len(_DATE.findall(a)) >= 2
    add("volume", "are we getting fewer reviews lately?", slowing)
    add("volume", "is review volume dropping?", slowing)
    add("volume", "are reviews slowing down?", slowing)
    add("volume", "do we get more reviews than before?", slowing)
    return out
