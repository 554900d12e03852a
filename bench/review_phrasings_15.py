"""The tenth review round's set (#18): aspects mentioned, what people love, adjusted ratings, complaint trends.

Run with ``BENCH_SET=15 .venv/bin/python bench/review_phrasings.py``. Truths from the generated review rows the ingest
accepted; the products asked about are picked from the stored catalogue by a rule (``bench/catalogue_picks.py``).
Written and measured on the code before the round's fixes. Topics: which reviews mention an aspect (shipping,
packaging, size, service, price; of a product), what people love about a product, a category or the shop, the
adjusted (spam-free) rating beside the raw one, whether a complaint theme is getting worse (one the data has,
and battery, which it has not), and "which has more N-star reviews, A or B?".
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, listed, states
from bench.review_phrasings_13 import named, stars_of

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_PRAISE = re.compile(r"prais|love|like|positive|compliment", re.I)
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
_MOVE = re.compile(
    r"fell|fall|drop|down|rose|rise|up\b|declin|improv|stable|steady|flat|unchanged|same|worse|better|more|fewer|"
    r"less|increas|decreas",
    re.I,
)
_ASPECT_WORDS = {
    "shipping": r"shipping|delivery",
    "packaging": r"packaging",
    "size": r"size|sizing|fit",
    "service": r"service|support",
    "price": r"price|value",
    "quality": r"quality",
}


def aspect_mentions(t: Truth, aspect: str, frame: pd.DataFrame | None = None) -> set[str]:
    """Review ids of ``frame`` (the agent's year) holding one of the generator's sentences about ``aspect``."""
    from shared.sample.reviews import ASPECTS

    f = t.agent_year() if frame is None else frame
    extra = ("box arrived damaged.",) if aspect == "shipping" else ()
    sentences = [s.lower() for s in (*ASPECTS[aspect][0], *ASPECTS[aspect][1])] + list(extra)
    low = f["text"].fillna("").str.lower()
    return set(f.loc[low.map(lambda s: any(w in s for w in sentences)), "review_id"].astype(str))


def mentioned(t: Truth, aspect: str, sku: str | None = None) -> Check:
    """The first sentence names the aspect and counts its reviews (within 10%), or the reviews listed all mention
    it; for a product, the product is named too."""
    frame = t.agent_year() if sku is None else t.agent_year()[t.agent_year()["sku"] == sku]
    ids = aspect_mentions(t, aspect, frame)
    word = re.compile(_ASPECT_WORDS[aspect], re.I)

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        if sku is not None and not named(t, sku)(a, r):
            return False
        shown = listed(r)
        counted = states(f, len(ids), max(2.0, 0.1 * len(ids))) or (not ids and _NEGATION.search(f) is not None)
        return word.search(f) is not None and (counted or (bool(shown) and set(shown) <= ids))

    return check


def praise_said(t: Truth, sku: str | None = None, category: str | None = None) -> Check:
    """The first sentence speaks of praise, naming the product (or category) asked about."""
    return lambda a, r: (
        (sku is None or named(t, sku)(a, r))
        and (category is None or category in first_sentence(a))
        and _PRAISE.search(first_sentence(a)) is not None
    )


def tenth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the tenth round's set."""
    out, add = review_cases()
    first = first_sentence
    rv = t.rv
    yr = t.agent_year()
    picks = pick_products(t.products, t.rv)
    x, y, lamp, k = picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku, picks.solo.sku
    toaster, lamp_noun, kettle = picks.mapped.name, picks.solo2.noun, picks.solo.noun

    # 1. which reviews mention an aspect
    add("mention", "which reviews mention shipping?", mentioned(t, "shipping"))
    add("mention", "show me the reviews that talk about delivery", mentioned(t, "shipping"))
    add("mention", "reviews mentioning packaging", mentioned(t, "packaging"))
    add("mention", "which reviews bring up sizing?", mentioned(t, "size"))
    add("mention", "find reviews that mention customer service", mentioned(t, "service"))
    add("mention", "any reviews talking about the price?", mentioned(t, "price"))
    add("mention", f"which reviews of the {toaster} mention quality?", mentioned(t, "quality", x))
    add("mention", f"reviews about shipping for the {kettle}", mentioned(t, "shipping", k))

    # 2. what people love
    loved = partial(praise_said, t)
    add("love", f"what do people love about the {toaster}?", loved(x))
    add("love", f"what do customers like most about {y}?", loved(y))
    add("love", f"what's the best thing about the {lamp_noun} according to reviews?", loved(lamp))
    add("love", "what do buyers rave about in Kitchen?", loved(category="Kitchen"))
    add("love", "what do people love about us?", loved())
    add("love", f"favourite things customers mention about the {kettle}", loved(k))
    add("love", f"what do happy customers say about the {toaster}?", loved(x))
    add("love", "top praise in Outdoor reviews", loved(category="Outdoor"))

    # 3. the adjusted (spam-free) rating beside the raw one
    raw_year = t.mean(yr)

    def adjusted(sku: str | None = None, category: str | None = None) -> Check:
        return lambda a, r: (
            _SPAM.search(first(a)) is not None
            and (sku is None or named(t, sku)(a, r))
            and (category is None or category in first(a))
            and (sku is not None or category is not None or states(first(a), raw_year, RTOL))
        )

    add("adjusted", "adjusted vs raw rating", adjusted())
    add("adjusted", f"raw vs adjusted rating for the {toaster}", adjusted(x))
    add("adjusted", "how different is our rating once fakes are removed?", adjusted())
    add("adjusted", "adjusted rating for Kitchen", adjusted(category="Kitchen"))
    add("adjusted", "what's our real rating compared to the displayed one?", adjusted())
    add("adjusted", f"does spam inflate the {lamp_noun}'s rating?", adjusted(lamp))
    add("adjusted", f"{y} rating: raw and spam-adjusted", adjusted(y))

    # 4. is a complaint theme getting worse
    def theme_trend(words: str) -> Check:
        rx = re.compile(words, re.I)
        return lambda a, r: rx.search(first(a)) is not None and _MOVE.search(first(a)) is not None

    add(
        "trend",
        "is the battery complaint getting worse?",
        lambda a, r: "battery" in first(a).lower() and _NEGATION.search(first(a)) is not None,
    )
    add("trend", "is the shipping complaint getting worse?", theme_trend(r"shipping|delivery"))
    add("trend", "are packaging complaints increasing?", theme_trend(r"packaging"))
    add("trend", "are complaints about quality going up lately?", theme_trend(r"quality"))
    add("trend", "is the sizing issue getting better or worse?", theme_trend(r"size|sizing"))
    add("trend", "trend of delivery complaints over the last 6 months", theme_trend(r"shipping|delivery"))
    add(
        "trend",
        "are battery life complaints on the rise?",
        lambda a, r: "battery" in first(a).lower() and _NEGATION.search(first(a)) is not None,
    )

    # 5. which has more N-star reviews, A or B
    def more_of(a_sku: str, b_sku: str, level: int) -> Check:
        counts = {s: stars_of(rv[rv["sku"] == s], level)[0] for s in (a_sku, b_sku)}
        year = {s: stars_of(yr[yr["sku"] == s], level)[0] for s in (a_sku, b_sku)}

        def check(a: str, r: object) -> bool:
            for c in (counts, year):
                win = max(c, key=lambda s: c[s])
                if all(states(a, n, 0.5) for n in c.values()) and (
                    c[a_sku] == c[b_sku] or named(t, win)(first(a), r) or named(t, win)(a.split(";")[0], r)
                ):
                    return True
            return False

        return check

    add("pair", f"which has more 5-star reviews, {x} or {lamp}?", more_of(x, lamp, 5))
    add("pair", f"{toaster} or {lamp_noun}: which got more 1-star reviews?", more_of(x, lamp, 1))
    add("pair", f"does {y} or {x} have more 4-star ratings?", more_of(y, x, 4))
    cat = rv.dropna(subset=["rating"])
    kit, home = (int(((cat["category"] == c) & (cat["rating"] == 1)).sum()) for c in ("Kitchen", "Home"))
    add(
        "pair",
        "which gets more 1-star reviews: Kitchen or Home?",
        lambda a, r: states(a, kit, 0.5) and states(a, home, 0.5),
    )
    return out
