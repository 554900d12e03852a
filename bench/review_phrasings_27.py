"""The seventeenth review round's set (#18): the top complaint this month, the products with the most 1-star
reviews lately, reviews about size and fit, our response rate, sentiment by channel, fake-review suspicion, a
rating's direction since launch, typos of review words.

Run with ``BENCH_SET=27 .venv/bin/python bench/review_phrasings.py``. Written and measured on the code before the
round's fixes. Truths from the generated review rows the ingest accepted; products picked by rule
(``bench/catalogue_picks.py``).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states
from bench.review_phrasings_3 import _NEGATION
from bench.review_phrasings_13 import named
from bench.review_phrasings_15 import mentioned
from bench.review_phrasings_21 import _ASPECT_RX, top_complaints
from bench.review_phrasings_25 import damage_said

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_REPLY = re.compile(r"repl|respon", re.I)
_RISE = re.compile(r"\b(?:ris\w*|rose|up|improv\w*|higher|better)\b", re.I)
_FALL = re.compile(r"\b(?:fall\w*|fell|down|declin\w*|drop\w*|lower|worse)\b", re.I)


def complaint_of_month(t: Truth) -> Check:
    """Names a top complaint (ties kept) of this calendar month's reviews."""
    now = top_complaints(t, t.window(t.end.replace(day=1)))
    return lambda a, r: any(re.search(_ASPECT_RX[x], first_sentence(a), re.I) is not None for x in now)


def most_one_star(t: Truth, *days: int) -> Check:
    """Names a product (ties kept) with the most 1-star reviews over one of the last ``days`` windows."""
    tops: set[str] = set()
    for n in days:
        w = t.window(t.end - timedelta(days=n - 1))
        counts = w[w["rating"] == 1].groupby("sku").size()
        tops |= {str(s) for s in counts[counts == counts.max()].index}
    return lambda a, r: any(named(t, s)(a, r) for s in tops)


def no_replies(a: str, r: object) -> bool:
    """Speaks of replies or responses and says there are none to read (no replies are uploaded)."""
    f = first_sentence(a)
    return _REPLY.search(f) is not None and _NEGATION.search(f) is not None


def by_channel(t: Truth) -> Check:
    """States both channels' mean ratings (all reviews or the agent's year)."""
    frames = (t.rv, t.agent_year())

    def check(a: str, r: object) -> bool:
        for f in frames:
            means = f.dropna(subset=["rating"]).groupby("channel")["rating"].mean()
            if all(states(a, float(v), RTOL) for v in means):
                return True
        return False

    return check


def worst_channel(t: Truth) -> Check:
    """Names the channel with the lower mean rating (all reviews or the agent's year) first and states its mean."""

    def check(a: str, r: object) -> bool:
        f = first_sentence(a)
        for frame in (t.rv, t.agent_year()):
            means = frame.dropna(subset=["rating"]).groupby("channel")["rating"].mean().sort_values()
            if str(means.index[0]).lower() in f.lower() and states(f, float(means.iloc[0]), RTOL):
                return True
        return False

    return check


def spam_said(a: str, r: object) -> bool:
    """The first sentence speaks of spam, fake or suspicious reviews."""
    return _SPAM.search(first_sentence(a)) is not None


def spam_product(t: Truth) -> Check:
    """Speaks of suspicion and names the product with the most suspected reviews (the agent's year), or says the
    suspicion by product."""
    yr = t.agent_year()
    sus = yr[yr["review_id"].astype(str).isin({str(i) for i in t.spam})].groupby("sku").size()
    tops = {str(s) for s in sus[sus == sus.max()].index} if len(sus) else set()
    return lambda a, r: spam_said(a, r) and any(named(t, s)(a, r) or s in a for s in tops)


def direction_since_launch(t: Truth, sku: str) -> Check:
    """Names the product, says its rating fell (or rose), and states its mean from the first review's period: the
    first sentence holds a direction word of the truth and a date of its first review's year."""
    rv = t.rv[t.rv["sku"] == sku].sort_values("date")
    first = rv["date"].iloc[0]
    half = len(rv) // 2
    early, late = t.mean(rv.iloc[:half]), t.mean(rv.iloc[half:])
    word = _FALL if late < early else _RISE
    year = re.compile(rf"\b{first.year}\b|{first:%b}")
    return lambda a, r: (
        named(t, sku)(a, r)
        and word.search(first_sentence(a)) is not None
        and year.search(first_sentence(a)) is not None
    )


def searched_all(check: Check) -> Check:
    """``check``, the words searched in every product's reviews: "None of the 8 reviews of ... Storage Box ..."
    (a complaint word taken for a product filter) is no count of the reviews that say it."""
    return lambda a, r: check(a, r) and not first_sentence(a).startswith("None of")


def seventeenth_set(t: Truth) -> list[tuple[str, str, Check]]:
    """(group, question, check) of the seventeenth round's set."""
    out, add = review_cases()
    picks = pick_products(t.products, t.rv)
    falling = falling_pick(t.products, t.falling, picks.mapped)

    # 1. the top complaint this month
    add("month", "what do people complain about most this month?", complaint_of_month(t))
    add("month", "biggest gripe in reviews so far this month", complaint_of_month(t))
    add("month", f"what's the number one complaint in {t.end:%B}?", complaint_of_month(t))

    # 2. the products with the most 1-star reviews lately
    add("one star", "which products have the most 1-star reviews recently?", most_one_star(t, 30, 90))
    add("one star", "which item got the most one-star ratings in the last 30 days?", most_one_star(t, 30))
    add(
        "one star",
        "products with the most 1 star reviews this year",
        most_one_star(t, 365, (t.end - t.end.replace(month=1, day=1)).days + 1),
    )

    # 3. size and fit
    add("size", "how many reviews mention size or fit?", mentioned(t, "size"))
    add("size", "do customers say our stuff runs small?", mentioned(t, "size"))
    add("size", "reviews talking about sizing", mentioned(t, "size"))

    # 4. our response rate (no replies are uploaded)
    add("reply", "what's our review response rate?", no_replies)
    add("reply", "what percentage of reviews have we responded to?", no_replies)

    # 5. sentiment by channel
    add("channel", "sentiment by channel", by_channel(t))
    add("channel", "which channel has the worst reviews?", worst_channel(t))
    add("channel", "are amazon reviewers happier than web ones?", by_channel(t))

    # 6. fake-review suspicion
    add("fake", "do any of our reviews look fake?", spam_said)
    add("fake", "which product has the most suspicious reviews?", spam_product(t))

    # 7. a rating's direction since launch, a complaint word that is no product
    add("launch", f"rating trend for {falling.sku} since launch", direction_since_launch(t, falling.sku))
    add("launch", f"star rating of the {falling.title} since it launched", direction_since_launch(t, falling.sku))
    add("damage", "any reviews about crushed boxes?", searched_all(damage_said(t)))

    # 8. typos and casual wording
    add("typos", "reveiws mentioning sizing", mentioned(t, "size"))
    add("typos", "ratng by chanel", by_channel(t))
    add("typos", "most 1 star revews lately by product", most_one_star(t, 30, 90))
    return out
