"""The eleventh review round's set (#18): complaint trends, the product most complained about, praise, adjusted
ratings, a falling rating and its why, a word in a recent period, typos and very short forms.

Run with ``BENCH_SET=17 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; the products asked about are picked from
the stored catalogue by a rule (``bench/catalogue_picks.py``), the falling one is the product whose ratings the
generator makes fall.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_7 import said_count
from bench.review_phrasings_11 import word_forms
from bench.review_phrasings_13 import named
from bench.review_phrasings_15 import _MOVE, _SPAM, praise_said

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_FALL = re.compile(r"fell|fall|drop|down|declin|lower|worse", re.I)
_WHY = re.compile(r"complain|because|driven|quality|theme|mention|say", re.I)


def complained_most(t: Truth, aspect: str) -> set[str]:
    """The products (ties kept) with the most reviews of the agent's year holding one of the generator's negative
    sentences about ``aspect``, with or without the suspected spam counted."""
    from shared.sample.reviews import negative_sentences

    yr = t.agent_year()
    negative = [s.lower() for s in negative_sentences(aspect)]
    hit = yr["text"].fillna("").str.lower().map(lambda s: any(n in s for n in negative))
    best: set[str] = set()
    for frame in (yr[hit], yr[hit & ~yr["review_id"].astype(str).isin({str(i) for i in t.spam})]):
        per_sku = frame.groupby("sku").size()
        if len(per_sku):
            best |= {str(s) for s in per_sku[per_sku == per_sku.max()].index}
    return best


def raw_mean(t: Truth, sku: str) -> tuple[float, float]:
    """The product's mean rating over all its reviews and over the agent's year."""
    rv, yr = t.rv, t.agent_year()
    return t.mean(rv[rv["sku"] == sku]), t.mean(yr[yr["sku"] == sku])


def recent_word(t: Truth, *forms: str) -> Check:
    """Counts the reviews of the last month holding one of ``forms`` (or the first alone): the last 30 days or the
    calendar's last month."""
    last30 = t.window(t.end - timedelta(days=29))
    calendar = t.window(*t.last_month())
    return said_count(tuple(word_forms(f, *w) for f in (last30, calendar) for w in (forms, forms[:1])))


def trend(words: str) -> Check:
    """The first sentence names the complaint (``words``) and says how it moved."""
    rx = re.compile(words, re.I)
    return lambda a, r: rx.search(first_sentence(a)) is not None and _MOVE.search(first_sentence(a)) is not None


def most_complained(t: Truth, aspect: str) -> Check:
    """Names a product with the most complaints about ``aspect`` (:func:`complained_most`)."""
    top = complained_most(t, aspect)
    return lambda a, r: any(named(t, s)(a, r) for s in top)


def raw_and_adjusted(t: Truth, sku: str) -> Check:
    """Speaks of spam, names ``sku`` and states its raw mean rating (all reviews or the agent's year)."""
    means = raw_mean(t, sku)
    return lambda a, r: (
        _SPAM.search(first_sentence(a)) is not None and named(t, sku)(a, r) and any(states(a, v, RTOL) for v in means)
    )


def falling_why(t: Truth, sku: str) -> Check:
    """Names ``sku``, says its rating fell and says why (the complaints, a cause)."""
    return lambda a, r: (
        named(t, sku)(a, r) and _FALL.search(first_sentence(a)) is not None and _WHY.search(a) is not None
    )


def eleventh_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the eleventh round's set."""
    out, add = review_cases()
    first = first_sentence
    picks = pick_products(t.products, t.rv)
    x, y, lamp, k = picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku, picks.solo.sku
    toaster, lamp_noun, kettle = picks.mapped.name, picks.solo2.noun, picks.solo.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)

    most, adjusted = partial(most_complained, t), partial(raw_and_adjusted, t)

    # 1. is a complaint growing
    add("trend", "are customers complaining more about packaging lately?", trend(r"packaging"))
    add("trend", "have delivery complaints gone up recently?", trend(r"shipping|delivery"))
    add("trend", "more quality complaints than before?", trend(r"quality"))

    # 2. the product most complained about, on one aspect
    add("most", "which product has the most complaints about delivery?", most("shipping"))
    add("most", "what product gets the most quality complaints?", most("quality"))
    add("most", "which item do people complain about packaging the most?", most("packaging"))

    # 3. what people love about a product
    loved = partial(praise_said, t)
    add("love", f"what do people love about the {kettle}?", loved(k))
    add("love", f"what do customers love about {y}?", loved(y))
    add("love", f"what do people love about the {lamp_noun}?", loved(lamp))

    # 4. adjusted vs raw rating of a product
    add("adjusted", f"adjusted vs raw rating for the {toaster}", adjusted(x))
    add("adjusted", f"adjusted vs raw rating for {y}", adjusted(y))
    add("adjusted", f"the {kettle}: raw rating and adjusted rating", adjusted(k))

    # 5. is a product's rating falling, and why
    add(
        "falling",
        f"is the rating of the {falling.title} falling and why?",
        falling_why(t, falling.sku),
    )
    add(
        "falling",
        f"is the rating of {falling.sku} going down, and what's behind it?",
        falling_why(t, falling.sku),
    )
    add(
        "falling",
        f"is the {lamp_noun}'s rating falling and why?",
        lambda a, r: named(t, lamp)(a, r) and _MOVE.search(first(a)) is not None,
    )

    # 6. a word in the last month (the last 30 days, or the calendar's last month)
    broken = ("broken", "broke")
    add("word", "reviews mentioning broken in the last month", recent_word(t, *broken))
    add("word", "how many reviews said flimsy in the last month?", recent_word(t, "flimsy"))
    add("word", "reviews in the past month that mention late", recent_word(t, "late"))

    # 7. typos and very short forms
    add("typos", "r ppl complainin more abt packaging?", trend(r"packaging"))
    add("typos", "most delivery complaints - which product?", most("shipping"))
    add("typos", f"wat do ppl luv about the {kettle}", loved(k))
    add("typos", f"{toaster} adj vs raw", adjusted(x))
    add(
        "typos",
        f"{falling.sku} rating dropping y?",
        lambda a, r: named(t, falling.sku)(a, r) and _FALL.search(first(a)) is not None,
    )
    add("typos", "broken reviews last month", recent_word(t, *broken))
    add("typos", "revews mentionng broken last mnth", recent_word(t, *broken))
    return out
