"""Scoring a batch of reviews: the text polarity by the chosen method, combined with the star prior.

The rule scorer (:mod:`shared.sentiment.scorer`) reads each text and names its aspects and opinion terms;
this module picks the polarity method (:mod:`shared.sentiment.modes`: lexicon, fast or accurate), blends it
with the ratings and labels the batch. Kept apart from the rule scorer because the trained heads use the
rule scorer's features: one direction of import, no cycle.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shared.sentiment.lexicon import Lexicon, load_lexicon
from shared.sentiment.modes import METHODS, model_name, positive_probability
from shared.sentiment.scorer import ScoredBatch, combine_with_rating, confidence_of, label_scores, score_text
from shared.sentiment.tokens import tokenize


def score_reviews(
    texts: Sequence[str],
    ratings: Sequence[float | None] | None = None,
    *,
    lexicon: Lexicon | None = None,
    method: str = "lexicon",
    accurate_rows: Sequence[int] | None = None,
) -> ScoredBatch:
    """Score many reviews; ``ratings`` (1-5 stars, ``None`` where absent) act as a prior.

    ``method`` chooses the text polarity (see :mod:`shared.sentiment.modes`): ``lexicon`` (the rules),
    ``fast`` or ``accurate`` (a trained head; the text score is ``2 p(positive) - 1`` and counts as at
    least one opinion expression against the star prior). Aspects and fired terms always come from the
    rule pass, which names them. ``accurate_rows`` (indexes) are read by the accurate head whatever
    ``method`` is: the agent scores its most recent reviews accurately and the rest with ``method``; the
    batch's method is then ``accurate+<method>``.
    """
    if method not in METHODS:
        raise ValueError(f"unknown sentiment method {method!r} (expected one of {', '.join(METHODS)})")
    lex = lexicon or load_lexicon()
    n = len(texts)
    text_score = np.empty(n, dtype=np.float64)
    evidence = np.empty(n, dtype=np.float64)
    aspects: list[dict[str, float]] = []
    terms: list[list[tuple[str, float]]] = []
    # once: the rules, the fast head and the miners read them; each distinct word kept once (the tokens of 20,000
    # reviews kept 41 MiB, 19 MiB with the repeats shared)
    vocabulary: dict[str, str] = {}
    tokens = [[vocabulary.setdefault(t, t) for t in tokenize(text or "")] for text in texts]
    for k, text in enumerate(texts):
        ts = score_text(text or "", lex, tokens[k])
        text_score[k] = ts.score
        evidence[k] = ts.evidence
        aspects.append(ts.aspects)
        terms.append(ts.terms)
    if method != "lexicon" and n:
        clean = [t or "" for t in texts]
        text_score = 2.0 * positive_probability(clean, method, (text_score, evidence), lex, tokens) - 1.0  # type: ignore[arg-type]
        evidence = np.maximum(evidence, 1.0)
    reported, model = method, model_name(method)  # type: ignore[arg-type]
    rows = np.asarray(sorted(set(accurate_rows or ())), dtype=np.int64)
    if rows.size and method != "accurate":
        text_score[rows] = 2.0 * positive_probability([texts[i] or "" for i in rows], "accurate") - 1.0
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
        aspects,
        terms,
        mismatch,
        reported,
        model,
        tokens,
    )
