"""The third set of ``bench/review_phrasings.py`` (#18): review questions in styles sets 1-2 did not try.

Run with ``BENCH_SET=3 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths (pandas over the
generated review rows the ingest accepted): specific aspects (size/fit, smell, taste, delivery, customer service,
instructions, durability over time), review volume and replies (no reply data: said), star distributions in a
period, the most helpful (no vote data) and most recent negative review, "what do people love about X", typed on a
phone, numbers written out, thresholds ("products below 3 stars"), negations, two named products, brands.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import review_pair
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, listed, states

if TYPE_CHECKING:
    from bench.review_phrasings import Check, Truth

_NEGATION = re.compile(r"\bno\b|\bnot\b|n't|\bnone\b|\bnever\b|without|\bnor\b", re.I)


def third_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the third set."""
    from shared.sample.reviews import ASPECTS

    out, add = review_cases()
    first = first_sentence

    rv, end = t.rv, t.end
    x, y = review_pair(t.products, t.rv, t.falling)
    tx, ty = t.title(x), t.title(y)
    yr = t.agent_year()
    genuine = yr[~yr["review_id"].isin(t.spam)]

    def mentions(*aspects: str, extra: tuple[str, ...] = ()) -> int:
        sentences = [s.lower() for a in aspects for s in (*ASPECTS[a][0], *ASPECTS[a][1])] + [e.lower() for e in extra]
        low = genuine["text"].fillna("").str.lower()
        return int(low.map(lambda s: any(w in s for w in sentences)).sum())

    def counted(n: int, rel: float = 0.05) -> Check:
        return lambda a, r: states(first(a), n, max(2.0, n * rel))

    def names(sku: str) -> Check:
        return lambda a, r: sku in first(a) or t.title(sku) in first(a)

    lm_s, lm_e = t.last_month()
    lm = t.window(lm_s, lm_e)
    ys = date(end.year, 1, 1)
    this_year = t.window(ys)
    l30 = t.window(end - timedelta(days=29))
    brand = rv.dropna(subset=["rating"]).groupby("brand")["rating"].mean()
    cat = rv.dropna(subset=["rating"]).groupby("category")["rating"].mean()

    # 1. specific aspects
    add("aspect", "what do reviews say about the fit of our apparel?", lambda a, r: "size" in first(a).lower()
        or "fit" in first(a).lower())
    add("aspect", "any complaints about a bad smell?", lambda a, r: "smell" in first(a).lower()
        and (_NEGATION.search(first(a)) is not None or states(first(a), 0, 0.1)))
    add("aspect", "what do customers say about the taste?", lambda a, r: "taste" in first(a).lower()
        and _NEGATION.search(first(a)) is not None)
    add("aspect", "are people happy with delivery times?", lambda a, r: re.search(r"shipping|deliver", first(a), re.I)
        is not None)
    add("aspect", "what do reviewers think of our customer service?", lambda a, r: "customer service"
        in first(a).lower())
    add("aspect", "do people complain about the instructions?", lambda a, r: re.search(
        r"instruction|ease of use", first(a), re.I) is not None)
    add("aspect", "do our products hold up over time according to reviews?", lambda a, r: re.search(
        r"durab|quality", first(a), re.I) is not None)
    add("aspect", "how many reviews say it broke?", lambda a, r: re.search(r"durab|quality|broke", first(a), re.I)
        is not None)
    add("aspect", f"does the {tx} run small or large?", lambda a, r: x in first(a) or tx in first(a))
    # 2. review volume and replies
    add("volume", "how many reviews per month do we get on average?", lambda a, r: "review" in first(a).lower())
    add("volume", "review volume this month vs last month", lambda a, r: states(first(a), len(lm), 0.5)
        or states(a, len(lm), 0.5))
    per = rv.groupby("sku").size().sort_values(ascending=False)
    add("volume", "which product has the most reviews?", lambda a, r: str(per.index[0]) in first(a))
    add("volume", "how many reviews have we replied to?", lambda a, r: re.search(r"repl|respon", first(a), re.I)
        is not None and _NEGATION.search(first(a)) is not None)
    add("volume", "what's our response rate to negative reviews?", lambda a, r: re.search(r"repl|respon", first(a),
                                                                                          re.I) is not None
        and _NEGATION.search(first(a)) is not None)
    # 3. star distributions
    add("stars", "how many 1-star reviews last month", lambda a, r: states(first(a), int((lm["rating"] == 1).sum()),
                                                                           0.5))
    add("stars", "star distribution for Kitchen", lambda a, r: "Kitchen" in first(a) and all(
        states(a, int(((rv["category"] == "Kitchen") & (rv["rating"] == k)).sum()), 0.5) for k in (5, 1)))
    add("stars", "breakdown of ratings last month", lambda a, r: all(
        states(a, int((lm["rating"] == k).sum()), 0.5) for k in (5, 1)))
    two_ytd = int((this_year["rating"] == 2).sum())
    add("stars", "how many two star reviews this year?", lambda a, r: states(first(a), two_ytd, 0.5))
    # 4. quotes: the most helpful (no votes: said) and the most recent negative review
    add("quote", "show me the most helpful negative review", lambda a, r: bool(listed(r))
        or re.search(r"helpful|vote", first(a), re.I) is not None)
    add("quote", "what did the latest 1-star review say?", lambda a, r: bool(listed(r)) and "star" in first(a))
    add("quote", f"quote a recent negative review of the {tx}", lambda a, r: bool(listed(r)) and x in a)
    add("quote", "give me the most recent bad review word for word", lambda a, r: bool(listed(r)))
    # 5. what people love
    add("love", f"what do people love about the {tx}?", lambda a, r: x in first(a) and re.search(
        r"prais|love|like|positive", first(a), re.I) is not None)
    add("love", "what do customers like best about our Electronics?", lambda a, r: "Electronics" in first(a))
    add("love", "best things people say about Northwind products", lambda a, r: "Northwind" in first(a))
    # 6. phone typing and numbers written out
    add("phone", f"wat do ppl love abt the {tx.lower()}", names(x))
    add("phone", "hw many 2 star revs this yr", lambda a, r: states(first(a), two_ytd, 0.5))
    add("phone", "any reviews abt smell", lambda a, r: "smell" in first(a).lower())
    add("phone", "how many one-star reviews in the last thirty days", lambda a, r: states(
        first(a), int((l30["rating"] == 1).sum()), 0.5))
    add("phone", "reviews with three stars or fewer this year", lambda a, r: states(
        first(a), int((this_year["rating"] <= 3).sum()), 1))
    # 7. thresholds and negations
    per_mean = rv.dropna(subset=["rating"]).groupby("sku")["rating"].agg(["mean", "size"])
    under3 = int((per_mean["mean"] < 3).sum())
    under35 = int((per_mean["mean"] < 3.5).sum())
    under35_5 = int(((per_mean["mean"] < 3.5) & (per_mean["size"] >= 5)).sum())
    add("threshold", "which products are rated below 3 stars?", lambda a, r: states(first(a), under3, 0.5)
        or (under3 == 0 and _NEGATION.search(first(a)) is not None))
    add("threshold", "products with an average under three and a half stars", lambda a, r: states(
        first(a), under35, 0.5) or states(first(a), under35_5, 0.5))
    add("threshold", "how many reviews aren't 5 stars?", lambda a, r: states(first(a), int((rv["rating"] < 5).sum()), 2)
        or states(first(a), int((rv["rating"] != 5).sum()), 2))
    add("threshold", "how many products have no negative reviews?", lambda a, r: states(first(a), int(
        len(set(t.products.index)) - rv[rv["rating"] <= 2]["sku"].nunique()), 0.5) or states(first(a), int(
            rv["sku"].nunique() - rv[rv["rating"] <= 2]["sku"].nunique()), 0.5))
    # 8. two named products, brands, categories
    mx, my = t.mean(rv[rv["sku"] == x]), t.mean(rv[rv["sku"] == y])
    add("two", f"{tx} or {ty} - which do customers prefer?", lambda a, r: states(a, mx, RTOL) and states(a, my, RTOL))
    add("two", f"does the {ty} get more complaints than the {tx}?", lambda a, r: x in a and y in a)
    add("two", "Urbanist vs Fenwick reviews", lambda a, r: states(a, float(brand["Urbanist"]), RTOL)
        and states(a, float(brand["Fenwick"]), RTOL))
    add("two", "which brand gets the worst reviews?", lambda a, r: str(brand.sort_values().index[0]) in first(a))
    add("two", "average rating by category", lambda a, r: all(states(a, float(v), RTOL) for v in cat))
    # 9. why
    add("why", f"why did the rating of the {tx} drop?", names(x))
    add("why", f"why are people returning the {tx}?", names(x))
    add("why", "why are our Kitchen reviews worse than Home?", lambda a, r: states(a, float(cat["Kitchen"]), RTOL)
        and states(a, float(cat["Home"]), RTOL))
    # 10. what the data lacks
    add("nodata", "what do reviews on competitors' sites say about us?", lambda a, r: _NEGATION.search(first(a))
        is not None)
    add("nodata", "how many reviews have photos?", lambda a, r: re.search(r"photo|image", first(a), re.I) is not None
        and _NEGATION.search(first(a)) is not None)
    add("nodata", "what do reviewers aged over 50 think?", lambda a, r: _NEGATION.search(first(a)) is not None)
    add("nodata", "how many reviews mention the battery?", lambda a, r: "batter" in first(a).lower())
    return out
