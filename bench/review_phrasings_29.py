"""The eighteenth review round's set (#18): a rating's trend by week or by quarter on a product's few reviews, this
quarter's complaints against last quarter's, what customers praise about a product, a rating without the suspected
spam, reviews mentioning shipping, two products' sentiment side by side, typos.

Run with ``BENCH_SET=29 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; products picked by rule
(``bench/catalogue_picks.py``).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pandas as pd

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_13 import named
from bench.review_phrasings_15 import mentioned, praise_said
from bench.review_phrasings_21 import _ASPECT_RX, top_complaints
from bench.review_phrasings_23 import quarter_start
from bench.review_phrasings_25 import better_of, pair_compared

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_RISE = re.compile(r"\b(?:ris\w*|rose|up|improv\w*|higher|better)\b", re.I)
_FALL = re.compile(r"\b(?:fall\w*|fell|down|declin\w*|drop\w*|lower|worse)\b", re.I)
_STEADY = re.compile(r"\b(?:steady|level|flat|unchanged|stable|held)\b", re.I)
_SPAM = re.compile(r"spam|fake|suspicious|suspected|genuine", re.I)
#: Half a star between the early and the late reviews: a direction; less is steady (either word is then taken).
MOVED = 0.5


def direction_of(t: Truth, sku: str, frame: pd.DataFrame) -> re.Pattern[str] | None:
    """The direction of ``sku``'s ratings in ``frame``: its earlier half of reviews against its later half (by date);
    ``None`` when they differ by less than :data:`MOVED` (a steady or a small move both pass)."""
    rv = frame[frame["sku"] == sku].sort_values("date")
    half = len(rv) // 2
    early, late = t.mean(rv.iloc[:half]), t.mean(rv.iloc[half:])
    if abs(late - early) < MOVED:
        return None
    return _FALL if late < early else _RISE


def trend_said(t: Truth, sku: str) -> Check:
    """Names the product and says which way its rating went: the direction of its reviews over all the data or over
    the agent's year (a small move: any direction word, or steady)."""
    words = {direction_of(t, sku, f) for f in (t.rv, t.agent_year())}

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        if not named(t, sku)(a, r):
            return False
        return any(
            (w is None and (_STEADY.search(f) or _RISE.search(f) or _FALL.search(f))) or (w is not None and w.search(f))
            for w in words
        )

    return check


def quarter_against_quarter(t: Truth) -> Check:
    """The first sentence names a top complaint of this quarter (to date) and one of the last quarter, and says which
    quarter the earlier one is."""
    this_start = quarter_start(t.end)
    last_end = this_start - timedelta(days=1)
    last_start = quarter_start(last_end)
    now = top_complaints(t, t.window(this_start))
    then = top_complaints(t, t.window(last_start, last_end))
    q = (last_start.month - 1) // 3 + 1
    quarter = re.compile(rf"last quarter|previous quarter|prior quarter|Q{q}\b|{last_start:%b}", re.I)

    def says(aspects: set[str], f: str) -> bool:
        return any(re.search(_ASPECT_RX[x], f, re.I) is not None for x in aspects)

    return lambda a, r: (
        says(now, first_sentence(a)) and says(then, first_sentence(a)) and quarter.search(first_sentence(a)) is not None
    )


def without_spam(t: Truth, sku: str) -> Check:
    """Names the product and states its mean rating without the suspected spam (all its reviews or the agent's
    year)."""
    spam = {str(i) for i in t.spam}
    values = []
    for f in (t.rv, t.agent_year()):
        mine = f[(f["sku"] == sku) & ~f["review_id"].astype(str).isin(spam)]
        values.append(t.mean(mine))
    return lambda a, r: named(t, sku)(a, r) and any(states(first_sentence(a), v, RTOL) for v in values)


def eighteenth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the eighteenth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, k, lamp = picks.mapped.sku, picks.solo.sku, picks.solo2.sku
    kettle, lamp_noun, toaster = picks.solo.noun, picks.solo2.noun, picks.mapped.name
    falling = falling_pick(t.products, t.falling, picks.mapped)

    # 1. a rating's trend by week or by quarter (a product has a few reviews a week)
    add("grain", f"weekly rating trend for {falling.sku}", trend_said(t, falling.sku))
    add("grain", f"how has the {kettle}'s rating moved quarter by quarter?", trend_said(t, k))
    add("grain", f"{x} average stars per week", trend_said(t, x))
    add("grain", f"quarterly rating trend of the {falling.title}", trend_said(t, falling.sku))

    # 2. this quarter's complaints against last quarter's
    add(
        "quarter",
        "what are customers complaining about this quarter compared with last quarter?",
        quarter_against_quarter(t),
    )
    add("quarter", "top complaints this quarter vs last quarter", quarter_against_quarter(t))
    add("quarter", "are the complaints this quarter different from last quarter?", quarter_against_quarter(t))

    # 3. what customers praise about a product
    add("praise", f"what do customers praise about the {kettle}?", praise_said(t, k))
    add("praise", f"what do people like most about {x}?", praise_said(t, x))
    add("praise", f"best things reviewers say about the {lamp_noun}", praise_said(t, lamp))

    # 4. a rating without the suspected spam
    add("spam", f"what's the {kettle}'s rating excluding spam?", without_spam(t, k))
    add("spam", f"spam-adjusted rating for {x}", without_spam(t, x))
    add("spam", f"{lamp}'s average rating once fake reviews are removed", without_spam(t, lamp))

    # 5. reviews mentioning shipping
    add("shipping", "how many reviews bring up delivery?", mentioned(t, "shipping"))
    add("shipping", "reviews that talk about shipping times", mentioned(t, "shipping"))

    # 6. two products' sentiment side by side
    add("pair", f"is sentiment better for the {kettle} or the {lamp_noun}?", better_of(t, k, lamp))
    add("pair", f"compare customer sentiment: {x} vs {k}", pair_compared(t, x, k))
    add("pair", f"which do customers like more, the {toaster} or the {lamp_noun}?", better_of(t, x, lamp))

    # 7. typos
    add("typos", f"wkly ratng trend {falling.sku}", trend_said(t, falling.sku))
    add("typos", f"{kettle} ratng w/o spam", without_spam(t, k))
    return out
