"""The fifth review round's set (#18): survey and marketplace wording, counts of products, volumes, judgements.

Run with ``BENCH_SET=5 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths (pandas over the
generated review rows the ingest accepted). Styles no earlier set uses: NPS-like wording (promoters and detractors
as 5-star and 1-2 star reviews), what reviewers of some stars say, the words of negative reviews, sentiment and
volume by month and against last month, the share of reviews mentioning an aspect, photos (absent: said), fake
reviews and the adjusted rating, what to fix first, A against B, the last week, star distributions of a period,
averages by category; products counted by their reviews ("products with more than 3 negative reviews", "which
products have no 1-star reviews"), and "is it good?" asked after an answer (``earlier turn >> question``: asked
in one session; the judgement must set the figure against something stated, the catalogue's or the market's).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import pick_products, review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, numbers, states

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)
#: A judgement that says what it judges against (the catalogue's average, the market, last period, a benchmark).
_AGAINST = re.compile(r"\b(?:average|median|market|catalogue|store|shop|overall|typical|usual|benchmark|compared|than|"
                      r"against|vs\.?)\b", re.I)


def count(n: float, tol: float = 0.5) -> Check:
    """The first sentence states ``n``."""
    return lambda a, r: states(first_sentence(a), n, tol)


def leads(*ns: int) -> Check:
    """The first number the answer writes is the count asked for (one of ``ns``)."""
    def check(a: str, r: object) -> bool:
        found = numbers(first_sentence(a))
        return bool(found) and any(abs(found[0] - n) < 0.5 for n in ns)
    return check


def judged(*values: float, tol: float = RTOL) -> Check:
    """A judgement of a figure (one of ``values``) against something stated, not the agents' overview."""
    return lambda a, r: _AGAINST.search(first_sentence(a)) is not None \
        and "price index is" not in first_sentence(a) and any(states(first_sentence(a), v, tol) for v in values)


def fifth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the fifth round's set."""
    out, add = review_cases()
    first = first_sentence


    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    solo = pick_products(t.products, t.rv).solo  # the catalogue's only one of its kind
    k, kettle = solo.sku, solo.noun
    tx, ty = t.title(x), t.title(y)
    yr = t.agent_year()
    rated = rv.dropna(subset=["rating"])
    ys = date(end.year, 1, 1)
    this_year = t.window(ys)
    this_month = t.window(end.replace(day=1))
    lm = t.window(*t.last_month())
    l7 = t.window(end - timedelta(days=6))
    lw = t.window(*t.last_week())
    cat = rated.groupby("category")["rating"].mean()
    mx, my = t.mean(rv[rv["sku"] == x]), t.mean(rv[rv["sku"] == y])
    catalogue = set(t.products.index)
    reviewed = set(rv["sku"])

    # 1. NPS-like wording: promoters are 5-star reviews, detractors 1-2 star ones
    share5 = float((rated["rating"] == 5).mean() * 100)
    share12 = float((rated["rating"] <= 2).mean() * 100)
    add("nps", "what's our NPS?", lambda a, r: re.search(r"NPS|promoter|net promoter", first(a), re.I) is not None)
    add("nps", "what share of reviewers are promoters vs detractors?", lambda a, r: states(a, share5, 0.3)
        and states(a, share12, 0.3))
    add("nps", "how many detractors did we have this year?", count(int((this_year["rating"] <= 2).sum())))
    # 2. what reviewers of some stars say, the words of negative reviews
    add("stars", "what do 1-star reviewers say?", lambda a, r: states(first(a), int((yr["rating"] == 1).sum()), 0.5)
        and "review" in first(a))
    add("stars", "what are the 2-star reviews about?", lambda a, r: states(first(a), int((yr["rating"] == 2).sum()),
                                                                            0.5))
    add("stars", "most common words in negative reviews", lambda a, r: "negative" in first(a).lower()
        or "complain" in first(a).lower())
    add("stars", "what phrases come up most in 5 star reviews?", lambda a, r: states(
        first(a), int((yr["rating"] == 5).sum()), 0.5) or "praise" in first(a).lower())
    # 3. by month, this month against last month
    months = this_year.assign(m=lambda f: [d.month for d in f["date"]])
    whole = months[months["m"] < end.month] if end.day < 28 else months
    by_m = whole.dropna(subset=["rating"]).groupby("m")["rating"].mean()
    n_m = whole.groupby("m").size()
    add("month", "review sentiment by month this year", lambda a, r: states(first(a), by_m.max(), RTOL)
        and states(first(a), by_m.min(), RTOL))
    add("month", f"review count per month in {end.year}",
        lambda a, r: states(first(a), n_m.max(), 1) and states(first(a), n_m.min(), 1))
    add("month", "review volume this month vs last month", lambda a, r: states(a, len(this_month), 0.5)
        and states(a, len(lm), 0.5))
    add("month", "did we get more reviews this month than last month?", lambda a, r: states(a, len(this_month), 0.5)
        and states(a, len(lm), 0.5))
    add("month", "rating this month compared with last month", lambda a, r: states(a, t.mean(this_month), RTOL)
        and states(a, t.mean(lm), RTOL))
    # 4. the share of reviews that mention an aspect, photos
    add("share", "share of reviews mentioning delivery", lambda a, r: re.search(r"shipping|deliver", first(a), re.I)
        is not None and "%" in first(a))
    add("share", "what percentage of reviews talk about price?", lambda a, r: "price" in first(a).lower()
        and "%" in first(a))
    add("share", "show me reviews with photos", lambda a, r: re.search(r"photo|image|picture", first(a), re.I)
        is not None and _NEGATION.search(first(a)) is not None)
    add("share", "how many customer images do we have in reviews?", lambda a, r: re.search(
        r"photo|image|picture", first(a), re.I) is not None and _NEGATION.search(first(a)) is not None)
    # 5. fake reviews and the adjusted rating
    add("spam", f"are there fake reviews on the {kettle}?", lambda a, r: k in first(a) and (
        _SPAM.search(first(a)) is not None or "no reviews" in first(a)))
    add("spam", "adjusted rating after removing fake reviews", lambda a, r: _SPAM.search(first(a)) is not None
        and states(first(a), t.mean(yr), RTOL))
    add("spam", "what's the real rating once you strip out the bots?", lambda a, r: _SPAM.search(first(a))
        is not None)
    # 6. what to fix first
    add("fix", "what should we fix first based on reviews?", lambda a, r: re.search(
        r"complain|fix|quality|issue|problem", first(a), re.I) is not None)
    add("fix", f"what's the #1 thing to fix on the {tx}?", lambda a, r: x in first(a))
    add("fix", "biggest pain point in reviews this year", lambda a, r: re.search(r"complain|pain|issue", first(a),
                                                                                 re.I) is not None)
    # 7. A against B, categories
    add("compare", f"compare reviews of the {tx} and the {ty}", lambda a, r: states(a, mx, RTOL)
        and states(a, my, RTOL))
    add("compare", f"{x} or {y}: which gets better feedback?", lambda a, r: states(a, mx, RTOL) and states(a, my, RTOL))
    add("compare", "avg stars per category", lambda a, r: all(states(a, float(v), RTOL) for v in cat))
    add("compare", "which category is rated worst?", lambda a, r: first(a).startswith(str(cat.idxmin()))
        and states(first(a), float(cat.min()), RTOL))
    # 8. the last week, star distributions
    add("recent", "any reviews in the last week?", lambda a, r: states(first(a), len(l7), 0.5)
        or states(first(a), len(lw), 0.5))
    add("recent", "how many new reviews in the past 7 days?", count(len(l7)))
    add("recent", "star distribution this year", lambda a, r: all(states(a, int((this_year["rating"] == s).sum()), 0.5)
                                                                  for s in (5, 1)))
    # named by its SKU or its title (the metrics layer names a filter by its title, as set 2's checks accept)
    add("recent", f"how are the stars spread for the {kettle}?", lambda a, r: (
        k in first(a) or t.title(k) in first(a)) and all(
        states(a, int(((rv["sku"] == k) & (rv["rating"] == s)).sum()), 0.5) for s in (5, 1)))
    add("recent", "what % of this year's reviews are 4 stars or more?", lambda a, r: states(
        first(a), float((this_year["rating"].dropna() >= 4).mean() * 100), 0.3) or states(
        first(a), float((this_year["rating"] >= 4).sum() * 100 / len(this_year)), 0.3))
    add("recent", "reviews with 2 stars or less this year", count(int((this_year["rating"] <= 2).sum())))
    # 9. products counted by their reviews (thresholds on counts, not shares)
    neg = rv[rv["rating"] <= 2].groupby("sku").size()
    one = set(rv.loc[rv["rating"] == 1, "sku"])
    add("products", "products with more than 3 negative reviews", leads(int((neg > 3).sum())))
    add("products", "how many products have at least 2 one-star reviews?", leads(
        int((rv[rv["rating"] == 1].groupby("sku").size() >= 2).sum())))
    add("products", "which products have no 1-star reviews", leads(len(catalogue - one), len(reviewed - one)))
    few = int((rv.groupby("sku").size() < 10).sum())
    add("products", "how many products have fewer than 10 reviews?", leads(few, few + len(catalogue - reviewed)))
    add("products", "products without any reviews", leads(len(catalogue - reviewed)))
    # 10. "is it good?" after an answer: judged against something stated (not the agents' overview)
    add("judge", "average rating this year >> is it good?", judged(t.mean(this_year)))
    add("judge", f"what's the rating of the {tx} >> is that good?", lambda a, r: judged(mx, t.mean(yr[yr["sku"] == x]))(
        a, r) and (states(a, t.mean(rated), RTOL) or states(a, t.mean(yr), RTOL)))
    add("judge", f"is the {tx} overpriced? >> is that good?", lambda a, r: x in a and _AGAINST.search(first(a))
        is not None and re.search(r"\b(?:good|bad|high|low|in line|fine|worse|better)\b", first(a), re.I) is not None)
    add("judge", "how many 1-star reviews last month >> is that a lot?", judged(int((lm["rating"] == 1).sum()),
                                                                                  tol=0.5))
    return out
