"""Scoring a batch of reviews: the text polarity by the chosen method, combined with the star prior.

The rule scorer (:mod:`shared.sentiment.scorer`) reads each text and names its aspects and opinion terms;
this module picks the polarity method (:mod:`shared.sentiment.modes`: lexicon, fast or accurate), blends it
with the ratings and labels the batch. Kept apart from the rule scorer because the trained heads use the
rule scorer's features: one direction of import, no cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from shared.sentiment.lexicon import Lexicon
from shared.sentiment.modes import METHODS, model_name, positive_probability
from shared.sentiment.readings import ReviewReading, read_texts
from shared.sentiment.scorer import ScoredBatch, combine_with_rating, confidence_of, label_scores


def accurate_text_scores(texts: Sequence[str]) -> np.ndarray:
    """The accurate head's text polarity of each text, ``2 p(positive) - 1`` (the encoder runs: tens a second)."""
    if not texts:
        return np.zeros(0)
    return np.asarray(2.0 * positive_probability([t or "" for t in texts], "accurate") - 1.0, dtype=np.float64)


class FreshReadings:
    """Every text read afresh and embedded when asked (no store): the CLI, tests, analyses run without a backend."""

    def readings(self, texts: Sequence[str]) -> list[ReviewReading]:
        """One reading per text, in order."""
        return read_texts(texts)

    def accurate_scores(self, texts: Sequence[str]) -> np.ndarray:
        """The accurate head's text polarity of each text, in order."""
        return accurate_text_scores(texts)


def score_reviews(
    texts: Sequence[str],
    ratings: Sequence[float | None] | None = None,
    *,
    lexicon: Lexicon | None = None,
    method: str = "lexicon",
    accurate_rows: Sequence[int] | None = None,
    readings: Sequence[ReviewReading] | None = None,
    accurate: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> ScoredBatch:
    """Score many reviews; ``ratings`` (1-5 stars, ``None`` where absent) act as a prior.

    ``method`` chooses the text polarity (see :mod:`shared.sentiment.modes`): ``lexicon`` (the rules),
    ``fast`` or ``accurate`` (a trained head; the text score is ``2 p(positive) - 1`` and counts as at
    least one opinion expression against the star prior). Aspects and fired terms always come from the
    rule pass, which names them. ``accurate_rows`` (indexes) are read by the accurate head whatever
    ``method`` is: the agent scores its most recent reviews accurately and the rest with ``method``; the
    batch's method is then ``accurate+<method>``. ``readings``: each text's reading when the caller has it (kept
    by the store, :mod:`shared.sentiment.readings`; read with the default lexicon), else each text is read here.
    ``accurate``: the accurate head's text scores of the texts given (kept ones by the store, the rest embedded; see
    :mod:`shared.sentiment.kept_readings`), else each text is embedded here.
    """
    if method not in METHODS:
        raise ValueError(f"unknown sentiment method {method!r} (expected one of {', '.join(METHODS)})")
    if readings is None:
        readings = read_texts(texts, lexicon, fast=method == "fast")
    elif lexicon is not None:
        raise ValueError("readings are read with the default lexicon; pass one or the other")
    n = len(texts)
    if len(readings) != n:
        raise ValueError(f"{len(readings)} readings for {n} texts")
    text_score = np.fromiter((r.lexicon_score for r in readings), dtype=np.float64, count=n)
    evidence = np.fromiter((r.evidence for r in readings), dtype=np.float64, count=n)
    if method == "fast" and n:
        text_score = np.fromiter((r.fast_score for r in readings), dtype=np.float64, count=n)
        evidence = np.maximum(evidence, 1.0)
    elif method == "accurate" and n:
        text_score = (accurate or accurate_text_scores)(texts)
        evidence = np.maximum(evidence, 1.0)
    reported, model = method, model_name(method)  # type: ignore[arg-type]
    rows = np.asarray(sorted(set(accurate_rows or ())), dtype=np.int64)
    if rows.size and method != "accurate":
        text_score[rows] = (accurate or accurate_text_scores)([texts[i] for i in rows])
        evidence[rows] = np.maximum(evidence[rows], 1.0)
        reported, model = (f"accurate+{method}", f"{model_name('accurate')}; {model}") if rows.size < n else (
            "accurate", model_name("accurate"))
    if ratings is None:
        rating = np.full(n, np.nan)
    else:
        rating = np.array([np.nan if r is None else float(r) for r in ratings], dtype=np.float64)
    has_rating = ~np.isnan(rating)
    score = np.clip(combine_with_rating(text_score, evidence, rating), -1.0, 1.0)
    prior = (rating - 3.0) / 2.0
    mismatch = (
        has_rating
        & (np.abs(np.nan_to_num(prior)) >= 0.5)
        & (np.abs(text_score) >= 0.3)
        & (np.sign(np.nan_to_num(prior)) * np.sign(text_score) < 0)
    )
    codes = label_scores(score)
    conf = confidence_of(score, evidence, has_rating, mismatch)
    return ScoredBatch(
        score,
        text_score,
        evidence,
        conf,
        codes,
        [r.aspects for r in readings],
        [r.terms for r in readings],
        mismatch,
        reported,
        model,
        [r.topic_words for r in readings],
        [r.requests for r in readings],
        np.fromiter((r.readable for r in readings), dtype=np.int8, count=n),
    )
