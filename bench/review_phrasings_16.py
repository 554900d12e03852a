"""The tenth review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=16 .venv/bin/python bench/review_phrasings.py``. The topics of set 15 (aspects mentioned, what
people love, adjusted ratings, complaint trends, "A or B") in other words; truths from the generated review rows,
products picked from the stored catalogue by a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_13 import named, stars_of
from bench.review_phrasings_15 import _MOVE, _NEGATION, _SPAM, mentioned, praise_said

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def tenth_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the tenth round's held-out set."""
    out, add = review_cases()
    first = first_sentence
    rv, yr = t.rv, t.agent_year()
    picks = pick_products(t.products, t.rv)
    x, y, lamp, k = picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku, picks.solo.sku
    toaster, lamp_noun, kettle = picks.mapped.name, picks.solo2.noun, picks.solo.noun

    add("mention", "pull up reviews that reference delivery times", mentioned(t, "shipping"))
    add("mention", "what reviews talk about packaging?", mentioned(t, "packaging"))
    add("mention", "reviews where people bring up customer support", mentioned(t, "service"))
    add("mention", f"do any reviews of the {toaster} mention shipping?", mentioned(t, "shipping", x))

    loved = partial(praise_said, t)
    add("love", f"what do reviewers like about the {kettle}?", loved(k))
    add("love", f"what are the highlights people mention for {y}?", loved(y))
    add("love", "what do shoppers love about our Home range?", loved(category="Home"))
    add("love", f"why do customers love the {lamp_noun}?", loved(lamp))

    raw_year = t.mean(yr)
    add(
        "adjusted",
        "raw rating vs spam-adjusted rating",
        lambda a, r: _SPAM.search(first(a)) is not None and states(first(a), raw_year, RTOL),
    )
    add(
        "adjusted",
        f"what's the {toaster}'s adjusted rating compared to its raw one?",
        lambda a, r: _SPAM.search(first(a)) is not None and named(t, x)(a, r),
    )
    add(
        "adjusted",
        "how much does removing fake reviews change our average?",
        lambda a, r: _SPAM.search(first(a)) is not None,
    )

    def theme_trend(words: str) -> Check:
        rx = re.compile(words, re.I)
        return lambda a, r: rx.search(first(a)) is not None and _MOVE.search(first(a)) is not None

    add("trend", "are delivery complaints getting worse?", theme_trend(r"shipping|delivery"))
    add("trend", "is the quality complaint growing?", theme_trend(r"quality"))
    add("trend", "are people complaining more about packaging lately?", theme_trend(r"packaging"))
    add(
        "trend",
        "is the battery issue getting worse?",
        lambda a, r: "battery" in first(a).lower() and _NEGATION.search(first(a)) is not None,
    )

    def more_of(a_sku: str, b_sku: str, level: int) -> Check:
        counts = [{s: stars_of(f[f["sku"] == s], level)[0] for s in (a_sku, b_sku)} for f in (rv, yr)]

        def check(a: str, r: object) -> bool:
            for c in counts:
                win = max(c, key=lambda s: c[s])
                if all(states(a, n, 0.5) for n in c.values()) and (c[a_sku] == c[b_sku] or named(t, win)(first(a), r)):
                    return True
            return False

        return check

    add("pair", f"who has more 5-star reviews - the {kettle} or the {toaster}?", more_of(k, x, 5))
    add("pair", f"does {x} or {y} get more 2-star reviews?", more_of(x, y, 2))
    return out
