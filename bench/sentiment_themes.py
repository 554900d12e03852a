"""Themes and adjusted rating: theme purity against hand labels, spam suspicion against planted spam.

Themes: the two hand-labelled sets of complaint phrases in ``tests/unit/sentiment/theme_fixture.py``
(``LABELLED``: the concept table was written with it in view; ``HELD_OUT``: written after the table and the
thresholds were fixed). Purity = clusters hold one theme; completeness = a theme stays in one cluster.
Methods, same process: concept-lexical similarity (ours, the fallback), lexical blended with centred E5
embeddings (ours, where the encoder runs), E5 alone (raw and centred), and plain word overlap without the
concept table (the anchor a keyword grouping would give).

Adjusted rating: the sample merchant (seeds 42, 7, 2024), whose generator knows the spam it planted; rows
as the sentiment loader reads them (no author or verified column). Ours vs processing's ``spam_score >= 0.8``
alone, and how far each rating lands from the mean of the truly genuine reviews.

Run: .venv/bin/python bench/sentiment_themes.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shared.processing.spam import score_review_frame  # noqa: E402
from shared.sample.merchant import generate_merchant  # noqa: E402
from shared.sentiment import themes as T  # noqa: E402
from shared.sentiment.adjusted import adjusted_rating, suspect_spam  # noqa: E402
from shared.sentiment.embedding import available  # noqa: E402
from tests.unit.sentiment.theme_fixture import HELD_OUT, LABELLED  # noqa: E402


def _word_overlap(keys: list[str]) -> np.ndarray:
    """Cosine of content-word sets (no concepts): what grouping by shared keywords gives."""
    feats = [{T._stem(t) for t in k.split() if t not in T.STOPWORDS and len(t) >= 3} for k in keys]
    n = len(keys)
    out = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            inter = len(feats[i] & feats[j])
            denom = np.sqrt(len(feats[i]) * len(feats[j])) or 1.0
            out[i, j] = out[j, i] = inter / denom
    return out


def _centred(vecs: np.ndarray) -> np.ndarray:
    c = vecs - vecs.mean(axis=0, keepdims=True)
    c /= np.linalg.norm(c, axis=1, keepdims=True)
    return c @ c.T


def themes_table() -> None:
    print(f"{'set':<10} {'method':<38} {'purity':>7} {'complete':>9} {'clusters':>9} {'themes':>7}")
    for name, labelled in (("labelled", LABELLED), ("held_out", HELD_OUT)):
        keys = [" ".join(T.tokenize(p)) for ps in labelled.values() for p in ps]
        truth = [t for t, ps in labelled.items() for _ in ps]
        ids = [hash(t) for t in truth]
        lex = T.lexical_similarity(keys)
        methods: dict[str, tuple[np.ndarray, float]] = {
            "ours: concept-lexical": (lex, T.LEXICAL_THRESHOLD),
            "anchor: word overlap (no concepts)": (_word_overlap(keys), T.LEXICAL_THRESHOLD),
        }
        if available():
            from shared.sentiment.embedding import embed

            start = time.perf_counter()
            vecs = embed(keys).astype(np.float64)
            seconds = time.perf_counter() - start
            raw = vecs @ vecs.T
            cen = _centred(vecs)
            methods["ours: blended with centred E5"] = (
                (1 - T.EMBEDDING_WEIGHT) * lex + T.EMBEDDING_WEIGHT * np.clip(cen, 0, 1), T.BLENDED_THRESHOLD)
            methods["anchor: E5 raw cosine (0.85)"] = (raw, 0.85)
            methods["anchor: E5 centred cosine (0.2)"] = (np.clip(cen, 0, 1), 0.2)
            print(f"{'':<10} (embedded {len(keys)} phrases in {seconds:.1f}s)")
        for method, (sim, threshold) in methods.items():
            a = T.cluster(sim, threshold)
            print(f"{name:<10} {method:<38} {T.purity(a.tolist(), truth):>7.3f} "
                  f"{T.purity(ids, [str(x) for x in a]):>9.3f} "
                  f"{len(set(a.tolist())):>9} {len(labelled):>7}")


def adjusted_table() -> None:
    print(f"\n{'seed':>5} {'method':<26} {'flagged':>7} {'precision':>9} {'recall':>7} {'rating':>7} "
          f"{'genuine':>8} {'error':>6}")
    for seed in (42, 7, 2024):
        merchant = generate_merchant(seed=seed)
        frame = score_review_frame(merchant.reviews).drop(columns=["author", "verified"])
        truth = set(merchant.review_truth.spam_ids)
        rating = frame["rating"].astype(float).to_numpy()
        genuine = float(np.nanmean(rating[~frame["review_id"].isin(truth).to_numpy()]))
        suspicion = suspect_spam(frame)
        adj = adjusted_rating(rating, suspicion)
        flagged = {
            "ours (adjusted)": (set(frame["review_id"][suspicion.suspected]), adj.adjusted),
            "anchor: spam_score >= 0.8": (set(frame["review_id"][frame["spam_score"] >= 0.8]),
                                          float(np.nanmean(rating[(frame["spam_score"] < 0.8).to_numpy()]))),
            "anchor: raw (nothing)": (set(), adj.raw),
        }
        for method, (ids, value) in flagged.items():
            tp = len(ids & truth)
            precision = tp / len(ids) if ids else 0.0
            print(f"{seed:>5} {method:<26} {len(ids):>7} {precision:>9.3f} {tp / len(truth):>7.3f} "
                  f"{value:>7.3f} {genuine:>8.3f} {abs((value or 0.0) - genuine):>6.3f}")


if __name__ == "__main__":
    themes_table()
    adjusted_table()
