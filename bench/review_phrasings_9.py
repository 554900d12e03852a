"""The seventh review round's set (#18): length beyond the mean, possessives, words, since an event, stars, the latest.

Run with ``BENCH_SET=9 .venv/bin/python bench/review_phrasings.py``. Same merchant and truths (pandas over the
generated review rows the ingest accepted). Styles no earlier set uses, or gaps a set left: review length beyond its
mean ("reviews under 20 words", "median review length", the rating of shorter against longer reviews, the length of
negative against positive ones), possessive product names ("the vase's reviews": no vase is sold), an unquoted word
to search ("how many reviews mention broke or broken"), a period from an event in a month ("ratings since we changed
supplier in March" is since 1 March), star counts in a period ("how many 1-star reviews last month"), and the latest
negative reviews, the ones worth answering first.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.catalogue_picks import falling_pick, pick_products
from bench.phrasing_sets import review_cases
from bench.review_phrasings import RTOL, first_sentence, listed, states
from bench.review_phrasings_5 import count
from bench.review_phrasings_7 import mentions, said_count
from bench.review_phrasings_8 import _NEGATION

if TYPE_CHECKING:
    import pandas as pd

    from bench.review_phrasings import Check, Truth

_WORDS = re.compile(r"\bwords?\b", re.I)


def words(frame: pd.DataFrame) -> pd.Series:
    """Words per review text (whitespace-separated; no text: 0)."""
    return frame["text"].fillna("").map(lambda text: len(str(text).split()))


def length_halves(frame: pd.DataFrame) -> tuple[float, float]:
    """Mean rating of the reviews shorter than the median length and of those at or above it."""
    w = words(frame)
    med = float(w.median())
    rated = frame.assign(w=w).dropna(subset=["rating"])
    return (
        float(rated.loc[rated["w"] < med, "rating"].astype(float).mean()),
        float(rated.loc[rated["w"] >= med, "rating"].astype(float).mean()),
    )


def by_length(frame: pd.DataFrame) -> Check:
    """The answer states the mean rating of the shorter and the longer half, and speaks of words or length."""
    short, long_ = length_halves(frame)
    return lambda a, r: (
        states(a, short, RTOL)
        and states(a, long_, RTOL)
        and re.search(r"word|length|long|short", first_sentence(a), re.I) is not None
    )


def latest_first(frame: pd.DataFrame) -> Check:
    """The listing's first review is one of the latest of ``frame`` (ties on the day)."""
    if frame.empty:
        return lambda a, r: _NEGATION.search(first_sentence(a)) is not None
    newest = frame["date"].max()
    ids = set(frame.loc[frame["date"] == newest, "review_id"].astype(str))
    return lambda a, r: bool(listed(r)) and listed(r)[0] in ids


def ninth_set(t: Truth) -> list[tuple[str, str, Check]]:  # noqa: PLR0915 - one line per phrasing
    """(group, question, check) of the seventh round's set."""
    out, add = review_cases()
    first = first_sentence
    rv, end = t.rv, t.end
    picks = pick_products(t.products, t.rv)
    k, x, kettle = picks.solo.sku, falling_pick(t.products, t.falling, picks.mapped).sku, picks.solo.noun
    yr = t.agent_year()
    w = words(rv)

    def names(sku: str, text: str) -> bool:  # by its SKU or its title (the metrics layer names a filter by title)
        return sku in text or t.title(sku) in text

    # 1. review length beyond the mean (over all the reviews, or the agent's year when the answer says so)
    def counted(cond: pd.Series, cond_year: pd.Series) -> Check:
        return said_count((int(cond.sum()), int(cond_year.sum())))

    wy = words(yr)
    add("length", "reviews under 20 words", counted(w < 20, wy < 20))
    add("length", "how many reviews are longer than 30 words?", counted(w > 30, wy > 30))
    add(
        "length",
        "median review length",
        lambda a, r: (
            (states(first(a), float(w.median()), 0.5) or states(first(a), float(wy.median()), 0.5))
            and _WORDS.search(first(a)) is not None
        ),
    )
    add("length", "do longer reviews rate lower?", lambda a, r: by_length(rv)(a, r) or by_length(yr)(a, r))
    add("length", "average rating by review length", lambda a, r: by_length(rv)(a, r) or by_length(yr)(a, r))
    neg, pos = rv[rv["rating"] <= 2], rv[rv["rating"] >= 4]
    add(
        "length",
        "are negative reviews longer than positive ones?",
        lambda a, r: states(a, float(words(neg).mean()), 0.15) and states(a, float(words(pos).mean()), 0.15),
    )
    add(
        "length",
        "how long is the longest review?",
        lambda a, r: states(first(a), float(w.max()), 0.5) or states(first(a), float(wy.max()), 0.5),
    )
    add(
        "length",
        "average length of 1-star reviews",
        lambda a, r: (
            states(first(a), float(words(rv[rv["rating"] == 1]).mean()), 0.15)
            or states(first(a), float(words(yr[yr["rating"] == 1]).mean()), 0.15)
        ),
    )

    # 2. possessive product names
    kr = rv[rv["sku"] == k]
    add(
        "possessive",
        "the vase's reviews",
        lambda a, r: "vase" in first(a).lower() and _NEGATION.search(first(a)) is not None,
    )
    add("possessive", f"the {kettle}'s reviews", lambda a, r: k in first(a))
    add(
        "possessive",
        f"the {kettle}'s average rating",
        lambda a, r: (
            names(k, first(a))
            and (states(first(a), t.mean(kr), RTOL) or states(first(a), t.mean(kr[kr["date"] >= t.year_start]), RTOL))
        ),
    )
    add("possessive", f"what are the {kettle}'s 1-star reviews about?", lambda a, r: k in first(a))
    add(
        "possessive",
        f"how many reviews does the {kettle}'s listing have?",
        lambda a, r: (
            names(k, first(a))
            and (states(first(a), len(kr), 0.5) or states(first(a), int((kr["date"] >= t.year_start).sum()), 0.5))
        ),
    )

    # 3. an unquoted word to search
    broke = tuple(dict.fromkeys((*mentions(rv, "broke"), *mentions(yr, "broke"))))
    broken = tuple(dict.fromkeys((*mentions(rv, "broken"), *mentions(yr, "broken"))))
    either = rv["text"].fillna("").str.contains(r"\bbroke(?:n)?\b", case=False, regex=True)
    either_y = yr["text"].fillna("").str.contains(r"\bbroke(?:n)?\b", case=False, regex=True)
    add("mention", "how many reviews mention broke/broken", said_count((int(either.sum()), int(either_y.sum()))))
    add("mention", "how many reviews say broken?", said_count(broken))
    add("mention", "reviews that mention broke", said_count(broke))
    add(
        "mention",
        "number of reviews containing the word leaking",
        said_count((*mentions(rv, "leaking"), *mentions(yr, "leaking"))),
    )
    add("mention", "how many reviews mention gift", said_count((*mentions(rv, "gift"), *mentions(yr, "gift"))))

    # 4. since an event in a month, or a day
    mar = date(end.year if end.month >= 3 else end.year - 1, 3, 1)
    feb = date(end.year if end.month >= 2 else end.year - 1, 2, 1)
    sep = date(end.year if end.month >= 9 else end.year - 1, 9, 1)
    oct15 = date(end.year if end.month >= 11 else end.year - 1, 10, 15)
    jun = date(end.year if end.month >= 7 else end.year - 1, 6, 1)
    add(
        "since",
        "ratings since we changed supplier in March",
        lambda a, r: states(first(a), t.mean(t.window(mar)), RTOL),
    )
    add(
        "since",
        "average rating since the price rise in February",
        lambda a, r: states(first(a), t.mean(t.window(feb)), RTOL),
    )
    add("since", "how many reviews since the 1st of September?", count(len(t.window(sep))))
    add("since", "reviews since 15 October", count(len(t.window(oct15))))
    add(
        "since",
        "rating before and after June",
        # all before June against June on, or (the house rules of "before June" and "after June") 1 January to
        # 31 May against 1 July on
        lambda a, r: (states(a, t.mean(t.window(jun)), RTOL) and states(a, t.mean(rv[rv["date"] < jun]), RTOL)) or (
            states(a, t.mean(t.window(jun.replace(month=7))), RTOL)
            and states(a, t.mean(t.window(jun.replace(month=1), jun - timedelta(days=1))), RTOL)),
    )
    since_mar = t.window(mar, frame=kr).dropna(subset=["rating"])
    add(
        "since",
        f"how has the {kettle} rated since we switched manufacturer in March?",
        lambda a, r: (
            names(k, first(a))
            and (
                states(first(a), t.mean(since_mar), RTOL)
                if len(since_mar)
                else (_NEGATION.search(first(a)) is not None and re.search(r"\b1 Mar|-03-01", first(a)) is not None)
            )
        ),
    )

    # 5. stars in a period
    lm = t.window(*t.last_month())
    ty = t.window(end.replace(month=1, day=1))
    nov = t.window(
        date(end.year if end.month >= 12 else end.year - 1, 11, 1),
        date(end.year if end.month >= 12 else end.year - 1, 11, 30),
    )
    add("stars", "how many 1-star reviews last month", count(int((lm["rating"] == 1).sum())))
    add("stars", "5-star reviews this year", count(int((ty["rating"] == 5).sum())))
    add(
        "stars",
        "star distribution last month",
        lambda a, r: all(states(a, int((lm["rating"] == s).sum()), 0.5) for s in (1, 5)),
    )
    add(
        "stars",
        f"how many 2 star reviews does the {kettle} have",
        lambda a, r: names(k, first(a)) and (states(first(a), int((kr["rating"] == 2).sum()), 0.5)),
    )
    add("stars", "count of 4 and 5 star reviews in November", count(int(nov["rating"].isin([4, 5]).sum())))
    add(
        "stars",
        "what percent of last month's reviews were 1 star?",
        lambda a, r: (
            states(first(a), float(100 * (lm["rating"] == 1).sum() / max(len(lm.dropna(subset=["rating"])), 1)), 0.6)
            or states(first(a), float(100 * (lm["rating"] == 1).sum() / max(len(lm), 1)), 0.6)
        ),
    )

    # 6. the latest negative reviews, the ones to answer first
    negative = rv[rv["rating"] <= 2]
    add("latest", "which negative reviews are most recent", latest_first(negative))
    add("latest", "latest 1-star reviews", latest_first(rv[rv["rating"] == 1]))
    add("latest", "newest complaints we should respond to", latest_first(negative))
    add("latest", f"show the most recent bad reviews of the {kettle}", latest_first(negative[negative["sku"] == k]))
    add(
        "latest",
        "negative reviews from the last week",
        lambda a, r: (
            states(first(a), len(t.window(*t.last_week(), frame=negative)), 0.5)
            or states(first(a), len(t.window(end - timedelta(days=6), frame=negative)), 0.5)
        ),
    )
    add("latest", f"most recent negative review of {x}", latest_first(negative[negative["sku"] == x]))
    return out
