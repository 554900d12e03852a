"""The thirteenth review round's set (#18): the leftovers of the twelfth round.

Run with ``BENCH_SET=21 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes: ties in the products ranked by one aspect's complaints (said as tied), rating and complaint trends in
the passive ("have ratings been slipping", "is packaging being complained about less"), what people love about a
product, the most common complaint this month against last month, whether the spam filter changes a product's
rating, a product's reviews per star, and the reviews mentioning an aspect. Truths from the generated review rows the
ingest accepted; products picked from the stored catalogue by a rule.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_13 import named, stars_of
from bench.review_phrasings_15 import _ASPECT_WORDS, mentioned, praise_said
from bench.review_phrasings_17 import raw_and_adjusted
from bench.review_phrasings_19 import compared

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_TIED = re.compile(r"\btie|\btied\b|\bjoint\b|\bequal|\blevel\b|\beach\b|\bsame\b", re.I)
_ASPECT_RX = {**_ASPECT_WORDS, "usability": r"usab|ease of use|hard to use"}


def negative_hits(t: Truth, aspect: str, frame: pd.DataFrame) -> pd.Series:
    """Whether each review of ``frame`` holds one of the generator's negative sentences about ``aspect`` ("Box arrived
    damaged." is about the delivery too, as in set 15's mentions)."""
    from shared.sample.reviews import negative_sentences

    extra = ["box arrived damaged."] if aspect == "shipping" else []
    negative = [s.lower() for s in negative_sentences(aspect)] + extra
    return frame["text"].fillna("").str.lower().map(lambda s: any(n in s for n in negative))


def tied_top(t: Truth, aspect: str) -> list[set[str]]:
    """The products with the most complaints about ``aspect`` in the agent's year, with and without the suspected
    spam counted (ties kept)."""
    yr = t.agent_year()
    hit = negative_hits(t, aspect, yr)
    out = []
    for frame in (yr[hit], yr[hit & ~yr["review_id"].astype(str).isin({str(i) for i in t.spam})]):
        per_sku = frame.groupby("sku").size()
        out.append({str(s) for s in per_sku[per_sku == per_sku.max()].index} if len(per_sku) else set())
    return out


def ranked_with_ties(t: Truth, aspect: str) -> Check:
    """The first sentence names the product with the most complaints about ``aspect``; when several share the most,
    it says they are tied and names or counts every one of them."""
    tops = tied_top(t, aspect)

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        for top in tops:
            if len(top) == 1 and named(t, next(iter(top)))(a, r):
                return True
            all_said = all(named(t, s)(a, r) for s in top) or states(f, len(top), 0.5)
            if len(top) > 1 and _TIED.search(f) is not None and all_said:
                return True
        return False

    return check


def rating_moved(t: Truth) -> Check:
    """The first sentence states the shop's mean rating of the last 90 (or 30) days and of the window before."""
    pairs = []
    for days in (90, 30):
        recent = t.window(t.end - timedelta(days=days - 1))
        before = t.window(t.end - timedelta(days=2 * days - 1), t.end - timedelta(days=days))
        pairs.append((t.mean(recent), t.mean(before)))
    return lambda a, r: any(
        states(first_sentence(a), now, RTOL) and states(first_sentence(a), then, RTOL) for now, then in pairs
    )


def top_complaints(t: Truth, frame: pd.DataFrame) -> set[str]:
    """The aspects (ties kept) with the most reviews of ``frame`` holding one of their negative sentences."""
    from shared.sample.reviews import ASPECTS

    counts = {a: int(negative_hits(t, a, frame).sum()) for a in ASPECTS}
    most = max(counts.values())
    return {a for a, n in counts.items() if n == most and n > 0}


def month_against_month(t: Truth) -> Check:
    """The first sentence names a top complaint of this calendar month and one of the last, and the last month."""
    this_start = t.end.replace(day=1)
    last_end = this_start - timedelta(days=1)
    now = top_complaints(t, t.window(this_start))
    then = top_complaints(t, t.window(last_end.replace(day=1), last_end))
    month = re.compile(
        rf"last month|previous month|{last_end.strftime('%B')}|{last_end.strftime('%b')}|"
        rf"{last_end.isoformat()[:7]}",
        re.I,
    )

    def says(aspects: set[str], f: str) -> bool:
        return any(re.search(_ASPECT_RX[x], f, re.I) is not None for x in aspects)

    return lambda a, r: (
        says(now, first_sentence(a)) and says(then, first_sentence(a)) and (month.search(first_sentence(a)) is not None)
    )


def per_star(t: Truth, sku: str) -> Check:
    """Names ``sku`` and states its count of every star (all its reviews, or the agent's year)."""
    frames = (t.rv[t.rv["sku"] == sku], t.agent_year()[t.agent_year()["sku"] == sku])
    return lambda a, r: (
        named(t, sku)(a, r) and any(all(states(a, n, 0.5) for n in stars_of(f, 1, 2, 3, 4, 5)) for f in frames)
    )


def thirteenth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the thirteenth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y, k, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo.sku, picks.solo2.sku
    toaster, kettle, lamp_noun = picks.mapped.name, picks.solo.noun, picks.solo2.noun
    adjusted, loved, stars = partial(raw_and_adjusted, t), partial(praise_said, t), partial(per_star, t)

    # 1. ties in the products ranked by one aspect's complaints
    add("tied", "which product has the most complaints about packaging?", ranked_with_ties(t, "packaging"))
    add("tied", "which product gets the most delivery complaints?", ranked_with_ties(t, "shipping"))
    add("tied", "which item has the most quality complaints?", ranked_with_ties(t, "quality"))
    add("tied", "what product do people complain about service the most?", ranked_with_ties(t, "service"))

    # 2. trends in the passive
    add("passive", "have ratings been slipping?", rating_moved(t))
    add("passive", "are reviews getting worse?", rating_moved(t))
    add("passive", "have our ratings been going down?", rating_moved(t))
    add("passive", "is packaging being complained about less these days?", compared(r"packaging"))
    add("passive", "is delivery getting complained about more lately?", compared(r"shipping|delivery"))

    # 3. what people love about a product
    add("love", f"what do people love about the {kettle}?", loved(k))
    add("love", f"what do customers love about {x}?", loved(x))
    add("love", f"what do buyers like most about the {lamp_noun}?", loved(lamp))

    # 4. the most common complaint this month against last month
    add("months", "most common complaint this month vs last month", month_against_month(t))
    add("months", "what did people complain about most this month compared with last month?", month_against_month(t))
    add("months", "top complaint this month vs last?", month_against_month(t))

    # 5. does the spam filter change a product's rating
    add("spam", f"is the spam filter changing {x}'s rating?", adjusted(x))
    add("spam", f"does removing spam change the {kettle}'s rating?", adjusted(k))
    add("spam", f"would {y}'s rating be different without the spam?", adjusted(y))

    # 6. a product's reviews per star
    add("stars", f"how many reviews of each star does {x} have?", stars(x))
    add("stars", f"star breakdown for the {kettle}", stars(k))
    add("stars", f"{y} reviews by star rating", stars(y))

    # 7. the reviews mentioning an aspect
    add("mention", "reviews mentioning shipping", mentioned(t, "shipping"))
    add("mention", "how many reviews mention packaging?", mentioned(t, "packaging"))
    add("mention", f"reviews of the {toaster} that talk about quality", mentioned(t, "quality", x))
    return out
