"""The held-out set of the sixth review round (#18), written after the fixes of ``bench/review_phrasings_7.py``.

Run with ``BENCH_SET=8 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths; the styles of set 7
(replies, verified buyers, review length, words mentioned, brands and categories by rating, one product's praise and
complaints, promoters against detractors, review volume lately) in wordings no set uses, measured once before any
change.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_7 import mentions, said_count

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
_REPLY = re.compile(r"repl(?:y|ies|ied)|respon(?:se|ses|d|ded)", re.I)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2} \w{3,9} \d{4}")


def eighth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the held-out set."""
    out, add = review_cases()
    first = first_sentence

    rv, end = t.rv, t.end
    picks = pick_products(t.products, t.rv)
    x, k, kettle = falling_pick(t.products, t.falling, picks.mapped).sku, picks.solo.sku, picks.solo.noun
    yr = t.agent_year()
    rated = rv.dropna(subset=["rating"])
    verified = rv["verified"].astype("boolean").fillna(False).astype(bool)
    mean_v, mean_u = t.mean(rv[verified]), t.mean(rv[~verified])
    cat = rated.groupby("category")["rating"].mean().sort_values()
    brand = rated.groupby("brand")["rating"].mean().sort_values()
    n5, n12 = int((rated["rating"] == 5).sum()), int((rated["rating"] <= 2).sum())
    y5, y12 = int((yr["rating"] == 5).sum()), int((yr["rating"] <= 2).sum())
    last30 = t.window(end - timedelta(days=29))
    prev30 = t.window(end - timedelta(days=59), end - timedelta(days=30))

    def no_replies(a: str, r: object) -> bool:
        return _REPLY.search(first(a)) is not None and _NEGATION.search(first(a)) is not None

    add("reviews", "do we answer our customers' reviews?", no_replies)
    add("reviews", "how many negative reviews got a response from us?", no_replies)
    add("reviews", "percentage of verified reviews", lambda a, r: states(first(a), float(verified.mean() * 100), 0.3))
    add("reviews", "do unverified reviewers rate us higher than verified ones?", lambda a, r: states(a, mean_v, RTOL)
        and states(a, mean_u, RTOL))
    add("reviews", f"how many unverified reviews does the {kettle} have?", count(int((~verified & (rv["sku"] == k))
                                                                                   .sum())))
    for word in ("cracked", "refund"):
        add("reviews", f'number of reviews containing "{word}"', said_count((*mentions(rv, word),
                                                                            *mentions(yr, word))))
    ns = (*mentions(rv, "tracking"), *mentions(yr, "tracking"))
    add("reviews", "how many reviews use the word tracking?", lambda a, r: any(states(first(a), n, 0.5) for n in ns))
    add("reviews", "lowest rated category by reviews", lambda a, r: str(cat.index[0]) in first(a))
    add("reviews", "which brand gets the best reviews?", lambda a, r: str(brand.index[-1]) in first(a))
    add("reviews", "how are Kestrel's ratings trending?", lambda a, r: "Kestrel" in first(a)
        and re.search(r"\d\.\d\d", first(a)) is not None)
    add("reviews", f"what do reviewers like about {x}?", lambda a, r: x in first(a))
    add("reviews", f"in one line, what are the {kettle}'s complaints?", lambda a, r: k in first(a))
    # "this year" is the calendar year to date (the check first read the agent's 365 days: a defect of the check)
    ty = t.window(end.replace(month=1, day=1))
    add("reviews", "detractors vs promoters this year", lambda a, r: states(a, int((ty["rating"] == 5).sum()), 0.5)
        and states(a, int((ty["rating"] <= 2).sum()), 0.5))
    add("reviews", "count of promoters and detractors", lambda a, r: (states(a, n5, 0.5) and states(a, n12, 0.5))
        or (states(a, y5, 0.5) and states(a, y12, 0.5)))
    add("reviews", "are fewer people reviewing us lately?", lambda a, r: states(a, len(last30), 0.5)
        and states(a, len(prev30), 0.5) and len(_DATE.findall(a)) >= 2)
    add("reviews", "is the number of reviews going down?", lambda a, r: states(a, len(last30), 0.5)
        and states(a, len(prev30), 0.5) and len(_DATE.findall(a)) >= 2)
    add("reviews", "are we receiving more reviews recently?", lambda a, r: states(a, len(last30), 0.5)
        and states(a, len(prev30), 0.5) and len(_DATE.findall(a)) >= 2)
    add("reviews", "average words per review", lambda a, r: states(
        first(a), float(rv["text"].fillna("").str.split().str.len().mean()), 0.15))
    add("reviews", "do reviews from verified buyers score lower?", lambda a, r: states(a, mean_v, RTOL)
        and states(a, mean_u, RTOL))
    return out
