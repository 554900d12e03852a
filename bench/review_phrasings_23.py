"""The fifteenth review round's set (#18): reviews by star rating, by time period and by product, what people love,
whether the spam filter hides good reviews, this quarter's rating against last quarter's, a product's falling rating
and its cause, complaint themes, typos and casual wording.

Run with ``BENCH_SET=23 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; products picked from the stored catalogue by
a rule (``bench/catalogue_picks.py``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, _star_theme, first_sentence, states
from bench.review_phrasings_13 import named
from bench.review_phrasings_15 import praise_said
from bench.review_phrasings_17 import falling_why
from bench.review_phrasings_21 import per_star

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_COMPLAINT = re.compile(r"complain|complaint|gripe|negative|criticis|issue|problem", re.I)


def quarter_start(day: date) -> date:
    """The first day of ``day``'s calendar quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarters(t: Truth) -> Check:
    """The first sentence states the mean rating of this quarter to date and of the quarter before: the whole of it,
    or its same days (like for like, as the metrics layer compares a period to date; dated in the answer)."""
    start = quarter_start(t.end)
    before = quarter_start(start - timedelta(days=1))
    now = t.mean(t.window(start))
    same_days = before + (t.end - start)
    thens = (t.mean(t.window(before, start - timedelta(days=1))), t.mean(t.window(before, same_days)))
    return lambda a, r: states(first_sentence(a), now, RTOL) and any(states(first_sentence(a), v, RTOL) for v in thens)


def month_mean(t: Truth, first: date) -> Check:
    """The first sentence states the mean rating of the calendar month starting ``first``."""
    nxt = (first + timedelta(days=32)).replace(day=1)
    value = t.mean(t.window(first, nxt - timedelta(days=1)))
    return lambda a, r: states(first_sentence(a), value, RTOL)


def stars_counted(t: Truth, levels: tuple[int, ...], frames: list[pd.DataFrame]) -> Check:
    """The first sentence counts the reviews of ``levels`` stars in one of ``frames`` (the periods a phrase reads
    as)."""
    ns = [int(f["rating"].isin(levels).sum()) for f in frames]
    return lambda a, r: any(states(first_sentence(a), n, 0.5) for n in ns)


def product_mean(t: Truth, sku: str) -> Check:
    """Names ``sku`` and states its mean rating (all its reviews, or the agent's year)."""
    rv, yr = t.rv, t.agent_year()
    means = (t.mean(rv[rv["sku"] == sku]), t.mean(yr[yr["sku"] == sku]))
    return lambda a, r: named(t, sku)(a, r) and any(states(first_sentence(a), v, RTOL) for v in means)


def spam_good(t: Truth) -> Check:
    """Speaks of spam and counts the good (4-5 star) reviews the filter holds back: a count said beside "4 or 5
    stars" / "five-star" / "positive" within 30% of the generator's planted spam with 4-5 stars in the agent's year
    (the filter finds most of the planted spam, not all of it: about three in four on the bench's data)."""
    spam = {str(i) for i in t.spam}
    yr = t.agent_year()
    flagged = yr[yr["review_id"].astype(str).isin(spam)]
    n = int((flagged["rating"] >= 4).sum())
    good = re.compile(
        r"(\d[\d,]*) (?:of (?:them|these|those) )?(?:(?:are |were )?rated 4 or 5|"
        r"(?:4|four)[- ](?:or|to|-)[- ](?:5|five)[- ]star|five[- ]star|5[- ]star|positive|good)",
        re.I,
    )

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        said = [int(x.replace(",", "")) for x in good.findall(f)]
        return _SPAM.search(f) is not None and any(abs(v - n) <= 0.3 * n for v in said)

    return check


def complaints_of(t: Truth, sku: str) -> Check:
    """Names ``sku`` and speaks of its complaints."""
    return lambda a, r: named(t, sku)(a, r) and _COMPLAINT.search(first_sentence(a)) is not None


def fifteenth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the fifteenth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    x, y, k, lamp = picks.mapped.sku, picks.top_markup.sku, picks.solo.sku, picks.solo2.sku
    toaster, kettle, lamp_noun = picks.mapped.name, picks.solo.noun, picks.solo2.noun
    falling = falling_pick(t.products, t.falling, picks.mapped)
    loved = partial(praise_said, t)
    last_start, last_end = t.last_month()
    prev_month = (t.end.replace(day=1) - timedelta(days=1)).replace(day=1)

    # 1. by star rating
    add("stars", f"what do the 1-star reviews of {x} say?", _star_theme(t, (1,), x))
    add("stars", "what are people saying in 5 star reviews?", _star_theme(t, (5,)))
    last30 = t.window(t.end - timedelta(days=29))
    month_frames = [
        t.window(last_start, last_end),
        last30,
        t.window(prev_month, t.end.replace(day=1) - timedelta(days=1)),
    ]
    add("stars", "how many 4 and 5 star reviews did we get last month?", stars_counted(t, (4, 5), month_frames))
    add("stars", f"{toaster} breakdown by stars", per_star(t, x))

    # 2. by time period
    add("period", "ratings this quarter vs last quarter", quarters(t))
    add("period", "how does our average rating this quarter compare with last quarter?", quarters(t))
    add("period", f"average rating in {prev_month.strftime('%B')}", month_mean(t, prev_month))

    # 3. by product
    add("product", f"what's the average rating of {y}?", product_mean(t, y))
    add("product", f"how are the {kettle}'s reviews?", product_mean(t, k))
    add("product", f"main complaints about the {toaster}?", complaints_of(t, x))

    # 4. what people love
    add("love", f"what do people love about {x}?", loved(x))
    add("love", f"what do customers rave about on the {kettle}?", loved(k))
    add("love", f"what's the best thing people say about the {lamp_noun}?", loved(lamp))

    # 5. is the spam filter hiding good reviews
    add("spam", "is the spam filter hiding good reviews?", spam_good(t))
    add("spam", "are genuine 5-star reviews being flagged as spam?", spam_good(t))
    add("spam", "how many positive reviews got marked as spam?", spam_good(t))

    # 6. why a product's ratings are falling
    add("falling", f"why are ratings for the {falling.title} falling?", falling_why(t, falling.sku))
    add("falling", f"what's dragging down {falling.sku}'s rating?", falling_why(t, falling.sku))

    # 7. typos and casual wording
    add("typos", "ratings ths quarter vs last", quarters(t))
    add("typos", f"wat do ppl like most bout {y}", loved(y))
    add("typos", "spam filtr hiding gud reviews?", spam_good(t))
    add("typos", f"whats wrong w/ the {toaster} acording to reviews", complaints_of(t, x))
    add("typos", f"avg rating {kettle}??", product_mean(t, k))
    return out
