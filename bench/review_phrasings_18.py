"""The eleventh review round's held-out set (#18): written after the round's fixes, measured once before any change.

Run with ``BENCH_SET=18 .venv/bin/python bench/review_phrasings.py``. The topics of set 17 (complaint trends, the
product most complained about, praise, adjusted vs raw ratings, a falling rating and its why, a word in the last
month, typos) in other words; truths from the generated review rows the ingest accepted, products picked by a rule.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import first_sentence
from bench.review_phrasings_13 import named
from bench.review_phrasings_15 import _MOVE, praise_said
from bench.review_phrasings_17 import falling_why, most_complained, raw_and_adjusted, recent_word, trend

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth


def eleventh_held_out(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the eleventh round's held-out set."""
    out, add = review_cases()
    first = first_sentence
    picks = pick_products(t.products, t.rv)
    x, y, lamp, k = picks.mapped.sku, picks.top_markup.sku, picks.solo2.sku, picks.solo.sku
    toaster, lamp_noun, kettle = picks.mapped.name, picks.solo2.noun, picks.solo.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)

    most, adjusted = partial(most_complained, t), partial(raw_and_adjusted, t)
    loved = partial(praise_said, t)
    add("trend", "are shipping complaints going up lately?", trend(r"shipping|delivery"))
    add("trend", "do people complain less about quality these days?", trend(r"quality"))
    add("most", "which product gets the most shipping complaints?", most("shipping"))
    add("most", "what's the most complained-about product for quality?", most("quality"))
    add("love", f"what do buyers love about the {toaster}?", loved(x))
    add("love", f"why do people like {y}?", loved(y))
    add("adjusted", f"{lamp_noun} rating: raw vs spam-adjusted", adjusted(lamp))
    add("adjusted", f"compare the raw and adjusted ratings of {x}", adjusted(x))
    add(
        "falling",
        f"is {falling.sku}'s rating dropping, and what's causing it?",
        falling_why(t, falling.sku),
    )
    add(
        "falling",
        f"the {kettle}'s rating - is it going down and why?",
        lambda a, r: named(t, k)(a, r) and _MOVE.search(first(a)) is not None,
    )
    add("word", "how many reviews in the past month mention cracked?", recent_word(t, "cracked", "crack"))
    add("word", "reviews from the last month that say flimsy", recent_word(t, "flimsy"))
    add("typos", "r ppl complainin more abt shipping?", trend(r"shipping|delivery"))
    add("typos", f"wat do ppl luv abt the {lamp_noun}", loved(lamp))
    add("typos", f"{falling.sku} ratng falling y", lambda a, r: named(t, falling.sku)(a, r))
    add("typos", f"{kettle} raw v adjusted", adjusted(k))
    return out
