"""The second held-out set of ``bench/review_phrasings.py`` (#18): how merchants really ask about reviews.

Run with ``BENCH_SET=2 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths (pandas over the
generated review rows the ingest accepted), phrasings the first set lacks: "what do people hate about X", top
complaints this quarter, versions and NPS (no such data: said or explained), reviews mentioning an aspect, star
counts in a month, a product's rating trend, fake reviews, one-line summaries, brand averages, British and Indian
English, typos, shorthand and long Slack-style preambles.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, states

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_SPAM = re.compile(r"spam|fake|suspicious|suspected", re.I)
_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|instead", re.I)


def second_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the second set."""
    from shared.sample.reviews import ASPECTS

    out, add = review_cases()

    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    tx, ty = t.title(x), t.title(y)
    yr = t.agent_year()
    genuine = yr[~yr["review_id"].isin(t.spam)]
    first = first_sentence

    def mentions(*aspects: str, extra: tuple[str, ...] = ()) -> int:
        """Genuine reviews of the agent's year holding one of the generator's sentences about ``aspects``."""
        sentences = [s.lower() for a in aspects for s in (*ASPECTS[a][0], *ASPECTS[a][1])] + [e.lower() for e in extra]
        low = genuine["text"].fillna("").str.lower()
        return int(low.map(lambda s: any(w in s for w in sentences)).sum())

    def counted(n: int, rel: float = 0.05) -> Check:
        return lambda a, r: states(first(a), n, max(2.0, n * rel))

    def names(sku: str) -> Check:  # by its SKU or its full title (the metrics layer names a filter by its title)
        return lambda a, r: sku in first(a) or t.title(sku) in first(a)

    def mean_of(frame: pd.DataFrame) -> Check:
        return lambda a, r: states(first(a), t.mean(frame), RTOL)

    lm_s, lm_e = t.last_month()
    lm = t.window(lm_s, lm_e)
    q_start = date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
    quarter = t.window(q_start)
    ys = date(end.year, 1, 1)
    this_year = t.window(ys)
    l90 = t.window(end - timedelta(days=89))
    brand = rv.dropna(subset=["rating"]).groupby("brand")["rating"].mean()

    # 1. what people hate, complaints in a period
    hate: Check = lambda a, r: x in first(a) and re.search(r"complain|negative|hate|dislike|issue|problem",  # noqa: E731
                                                            first(a), re.I) is not None
    add("hate", f"what do people hate about the {tx}?", hate)
    add("hate", f"what's the biggest gripe with {x}?", hate)
    add("hate", f"main reasons people return or bin the {tx}, per the reviews", names(x))
    add("hate", "top complaints this quarter", lambda a, r: "complaint" in first(a).lower())
    add("hate", "what are customers moaning about this month?", lambda a, r: "complaint" in first(a).lower())
    add("hate", "biggest pain points in reviews lately", lambda a, r: "complaint" in first(a).lower())
    # 2. versions and NPS: no such data, said or explained
    add("nodata", "is the new version better reviewed?", lambda a, r: "version" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    add("nodata", "what's our NPS?", lambda a, r: re.search(r"NPS|net promoter", first(a), re.I) is not None
        and _NEGATION.search(first(a)) is not None)
    add("nodata", "give me an NPS-style score from the reviews", lambda a, r: re.search(r"NPS|net promoter", a, re.I)
        is not None)
    add("nodata", "net promoter score for Kitchen", lambda a, r: re.search(r"NPS|net promoter", first(a), re.I)
        is not None and _NEGATION.search(first(a)) is not None)
    # 3. reviews mentioning an aspect
    ship = mentions("shipping", extra=("Box arrived damaged.",))
    add("aspect", "reviews mentioning shipping", counted(ship))
    add("aspect", "how many reviews talk about delivery?", counted(ship))
    add("aspect", "how many reviews mention size?", counted(mentions("size")))
    # "Stopped working after a month." is filed under usability by the generator, but a product that fails after a
    # month is a durability report: a careful reader counts it as quality/durability too
    add("aspect", "number of reviews about quality", counted(mentions("quality", extra=("Stopped working after a "
                                                                                        "month.",))))
    add("aspect", "how many reviews mention price?", counted(mentions("price")))
    add("aspect", "reviews talking about value for money", counted(mentions("price")))
    add("aspect", "how many reviews complain about packaging?",
        lambda a, r: "packaging" in first(a).lower())
    add("aspect", "any reviews mentioning the battery?", lambda a, r: "batter" in first(a).lower()
        and (states(first(a), 0, 0.1) or _NEGATION.search(first(a)) is not None))
    # 4. star counts in a period
    add("count", "how many 1-star reviews last month?", lambda a, r: states(first(a), int((lm["rating"] == 1).sum()),
                                                                              0.5))
    add("count", f"1 star reviews in {lm_s.strftime('%B')}", lambda a, r: states(first(a),
                                                                                 int((lm["rating"] == 1).sum()), 0.5))
    add("count", "how many reviews this quarter?", lambda a, r: states(first(a), len(quarter), 0.5))
    add("count", "how many reviews did we get yesterday?",
        lambda a, r: states(first(a), int((rv["date"] == end).sum()), 0.5))
    add("count", "what % of reviews were negative this quarter?",
        lambda a, r: states(first(a), float((quarter["rating"].dropna() <= 2).mean() * 100), 0.3)
        or states(first(a), int((quarter["rating"] <= 2).sum()), 0.5))
    # 5. a product's rating over time; declines
    add("trend", f"rating trend for the {tx}", names(x))
    add("trend", f"is the {tx} getting worse reviews?", names(x))
    add("trend", "rating trend for the ceramic vase", lambda a, r: "vase" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    add("trend", "which product's rating dropped the most?", names(x))
    add("trend", "biggest ratings decline by product", names(x))
    add("trend", "which item has gone downhill the most in reviews?", names(x))
    # 6. fake reviews
    add("spam", "any fake reviews?", lambda a, r: _SPAM.search(first(a)) is not None)
    add("spam", "are competitors leaving fake reviews on our stuff?", lambda a, r: _SPAM.search(first(a)) is not None)
    add("spam", "how many reviews are likely bots or paid?", lambda a, r: _SPAM.search(first(a)) is not None)
    # 7. one-line summaries
    add("summary", f"summarise reviews of the {tx} in one line", names(x))
    add("summary", f"sum up what customers think of {y} in one sentence", names(y))
    add("summary", f"tl;dr of the {ty} reviews", names(y))
    # 8. brands and categories
    add("brand", "average rating of Northwind products", lambda a, r: states(first(a), float(brand["Northwind"]),
                                                                              RTOL))
    add("brand", "how are Kestrel products rated?", lambda a, r: states(first(a), float(brand["Kestrel"]), RTOL))
    add("brand", "Northwind average star rating", lambda a, r: states(first(a), float(brand["Northwind"]), RTOL))
    kitchen = rv[rv["category"] == "Kitchen"]
    add("brand", "what is the average rating of Kitchen products only?", mean_of(kitchen))
    # 9. British and Indian English
    add("style", f"what are punters moaning about on the {tx}?", names(x))
    add("style", "how many reviews whinge about delivery?", counted(ship))
    add("style", f"are customers chuffed with the {ty}?", names(y))
    add("style", f"kindly share the review summary of {tx}", names(x))
    add("style", "please tell how many reviews are there for Electronics",
        lambda a, r: states(first(a), int((rv["category"] == "Electronics").sum()), 0.5)
        or states(first(a), int((yr["category"] == "Electronics").sum()), 0.5))
    add("style", "do the needful and share negative reviews count for last month",
        lambda a, r: states(first(a), int((lm["rating"] <= 2).sum()), 0.5))
    # 10. typos and shorthand
    add("typos", f"waht do custmers hate abuot {x}", names(x))
    add("typos", "how mnay 1 star reviws last month", lambda a, r: states(first(a), int((lm["rating"] == 1).sum()),
                                                                           0.5))
    add("typos", "avrage rating of nortwind products", lambda a, r: states(first(a), float(brand["Northwind"]), RTOL))
    add("typos", "revews mentoning shiping", counted(ship))
    add("typos", "avg rtg Kitchen ytd", mean_of(this_year[this_year["category"] == "Kitchen"]))
    add("typos", "# of 5* reviews last mo", lambda a, r: states(first(a), int((lm["rating"] == 5).sum()), 0.5))
    add("typos", "1* revs last 90d", lambda a, r: states(first(a), int((l90["rating"] == 1).sum()), 0.5))
    add("typos", "neg rev % this yr", lambda a, r: states(first(a), float((this_year["rating"].dropna() <= 2).mean()
                                                                          * 100), 0.3)
        or states(first(a), int((this_year["rating"] <= 2).sum()), 1))
    # 11. Slack-style preambles
    add("slack", "hey, prepping the Q4 deck for leadership and need one number - what's our average star rating "
        "this year?", mean_of(this_year))
    add("slack", "Quick q from the CX team (sorry if this is a dumb one!): how many reviews mention packaging?",
        counted(mentions("packaging", extra=("Box arrived damaged.",))))
    add("slack", f"Following up on yesterday's standup - can someone tell me what people hate about the {tx}?", hate)
    add("slack", "FYI the supplier call is at 3. Before that: how many 1-star reviews did we get last month?",
        lambda a, r: states(first(a), int((lm["rating"] == 1).sum()), 0.5))
    add("slack", "ok so marketing wants to put review quotes on the site, are any of our reviews fake?",
        lambda a, r: _SPAM.search(first(a)) is not None)
    return out
