"""``review_length``: review length beyond its mean, from the review texts the sentiment agent read.

"Reviews under 20 words" (``below``), "longer than 30 words" (``above``), "median review length" (``median``), "the
longest review" (``longest``), "do longer reviews rate lower?" (``by_rating``: the mean rating of the reviews shorter
than the median length against the others), "are negative reviews longer than positive ones?" (``by_stars``: words
per review of the 1-2 and the 4-5 star reviews) and "average length of 1-star reviews" (``mean`` of the reviews the
star filter kept). A review's words are its whitespace-separated tokens (the metrics layer's ``review_words``).
Pure: a frame in, an answer out.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import pandas as pd

from shared.agents.answers import AgentAnswer, fmt_num

LengthAsk = Literal["below", "above", "median", "longest", "by_rating", "by_stars", "mean"]
METHOD = "words per review = the review text's whitespace-separated words (none without text)"


def review_words(frame: pd.DataFrame) -> pd.Series:
    """Words per review of ``frame`` (its ``text``; no text: 0)."""
    return frame["text"].fillna("").astype(str).map(lambda t: len(t.split())).astype("int64")


def _mean_rating(frame: pd.DataFrame) -> float:
    return float(pd.to_numeric(frame["rating"], errors="coerce").mean())


def length_answer(
    frame: pd.DataFrame, ask: LengthAsk, words: int | None, *, start: date, end: date, stars: tuple[int, ...] = ()
) -> AgentAnswer:
    """The length figure asked of the reviews in ``frame`` (dated ``start`` to ``end``, said in the answer)."""
    if not frame.empty and "date" in frame.columns and (first := pd.to_datetime(frame["date"]).min()) is not pd.NaT:
        start = max(start, first.date())  # the first review read, not the look-back's nominal start
    period = f"between {start.isoformat()} and {end.isoformat()}"
    which = f"{'-'.join(str(s) for s in stars)}-star reviews" if stars else "reviews"
    if frame.empty:
        return AgentAnswer(
            ask="review_length", answered=False, method=METHOD, text=f"There are no {which} {period} to measure."
        )
    w = review_words(frame)
    n = len(frame)
    if ask in ("below", "above") and words is not None:
        inside = int((w < words).sum()) if ask == "below" else int((w > words).sum())
        side = "under" if ask == "below" else "over"
        text = (
            f"{inside} of {n} {which} {period} ({100 * inside / n:.0f}%) are {side} {words} words "
            f"(median {fmt_num(float(w.median()), 1)} words)."
        )
    elif ask == "median":
        text = (
            f"The median review length is {fmt_num(float(w.median()), 1)} words over {n} {which} {period} "
            f"(average {fmt_num(float(w.mean()), 1)}, shortest {int(w.min())}, longest {int(w.max())})."
        )
    elif ask == "longest":
        text = (
            f"The longest review has {int(w.max())} words and the shortest {int(w.min())}, over {n} {which} "
            f"{period} (median {fmt_num(float(w.median()), 1)})."
        )
    elif ask == "by_rating":
        median = float(w.median())
        short, long_ = frame[w < median], frame[w >= median]
        lo, hi = _mean_rating(short), _mean_rating(long_)
        verb = "lower" if hi < lo else "higher" if hi > lo else "the same"
        text = (
            f"Longer reviews rate {verb}: the {len(long_)} reviews of {fmt_num(median, 1)} words or more average "
            f"{hi:.2f} stars against {lo:.2f} for the {len(short)} shorter ones {period}."
        )
    elif ask == "by_stars":
        rating = pd.to_numeric(frame["rating"], errors="coerce")
        neg, pos = w[rating <= 2], w[rating >= 4]
        if neg.empty or pos.empty:
            return AgentAnswer(
                ask="review_length",
                answered=False,
                method=METHOD,
                text=f"There are not both negative and positive reviews {period} to compare.",
            )
        longer = "longer" if neg.mean() > pos.mean() else "shorter"
        text = (
            f"Negative reviews (1-2 stars) are {longer}: {fmt_num(float(neg.mean()), 1)} words on average "
            f"against {fmt_num(float(pos.mean()), 1)} for positive ones (4-5 stars), over {n} reviews {period}."
        )
    else:
        text = f"{which.capitalize()} {period} average {fmt_num(float(w.mean()), 1)} words ({n} reviews)."
    return AgentAnswer(ask="review_length", text=text, method=METHOD, period_start=start, period_end=end)
