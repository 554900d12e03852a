"""The fast mode's vocabulary and its words' E5 embeddings (model2vec-style distillation, step one), offline.

Run: ``.venv/bin/python bench/sentiment_vocab.py`` to embed the vocabulary ahead of training (about 10
minutes for 30k new words on this shared 2-core machine; cached, so once); ``bench/train_sentiment_heads.py``
calls the same functions and turns the vectors into ``shared/sentiment/models/static_e5.npz``.

Vocabulary: the most frequent English words of ``wordfreq`` 3.1.1 (its ``large_en`` list; the wheel is
fetched with ``pip download --no-deps wordfreq==3.1.1``, cached under ~/.cache/ecomintel/bench, and its
msgpack data is read by the small decoder below, so wordfreq itself is not installed), restricted to the
tokens the sentiment tokenizer can produce, plus every single-word entry of the sentiment lexicon (VADER,
TextBlob, the domain layer). No labelled corpus contributes a word, so the table knows nothing of the
sentences it is evaluated on. Each word is embedded by multilingual-e5-small inside a short sentence
(``query: It was <word>.``, see :data:`TEMPLATE`; the accurate mode's 4-bit engine) in batches of 512
and cached in ``e5q4_words_itwas.npz`` (only missing words are embedded). wordfreq's Zipf frequency of
each word is kept for the SIF weights.
"""

from __future__ import annotations

import gzip
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sentiment_data import CACHE  # noqa: E402

WORDFREQ_WHEEL = "wordfreq-3.1.1-py3-none-any.whl"
WORDFREQ_MEMBER = "wordfreq/data/large_en.msgpack.gz"
#: Most frequent wordfreq tokens kept (coverage of the review corpora's word tokens: ~97%).
TOP_WORDS = 40_000
WORDFREQ_SOURCE = "wordfreq 3.1.1 (PyPI; code Apache-2.0, data CC BY-SA 4.0), large_en word list"
#: Each word is embedded inside this sentence: E5 reads a lone word poorly (the accurate head's polarity of
#: 1,500 lexicon words with |valence| >= 1: AUC 0.912 alone, 0.962 as "It was <word>.", 0.961 as "This is <word>.").
TEMPLATE = "It was {}."
WORD_CACHES = {"{}": CACHE / "e5q4_words.npz", TEMPLATE: CACHE / "e5q4_words_itwas.npz"}
_WORD = re.compile(r"^[a-z0-9]+(?:['\-+][a-z0-9]+)*\+?$")


def wordfreq_wheel() -> Path:
    """The cached wordfreq wheel, downloaded once with pip (data only: nothing is installed)."""
    path = CACHE / WORDFREQ_WHEEL
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "wordfreq==3.1.1", "-d", str(CACHE)],
            check=True,
        )
    return path


def _unpack(b: bytes, i: int) -> tuple[Any, int]:
    """Decode one msgpack value at ``b[i]`` (the subset wordfreq's cBpack files use)."""
    t = b[i]
    if t <= 0x7F:
        return t, i + 1
    if t >= 0xE0:
        return t - 256, i + 1
    if 0x80 <= t <= 0x8F:
        out: dict[Any, Any] = {}
        i += 1
        for _ in range(t & 0x0F):
            k, i = _unpack(b, i)
            out[k], i = _unpack(b, i)
        return out, i
    if 0x90 <= t <= 0x9F:
        return _array(b, i + 1, t & 0x0F)
    if 0xA0 <= t <= 0xBF:
        n = t & 0x1F
        return b[i + 1 : i + 1 + n].decode("utf-8"), i + 1 + n
    if t == 0xC0:
        return None, i + 1
    if t in (0xC2, 0xC3):
        return t == 0xC3, i + 1
    if t == 0xCC:
        return b[i + 1], i + 2
    if t == 0xCD:
        return struct.unpack(">H", b[i + 1 : i + 3])[0], i + 3
    if t == 0xD9:
        n = b[i + 1]
        return b[i + 2 : i + 2 + n].decode("utf-8"), i + 2 + n
    if t == 0xDA:
        n = struct.unpack(">H", b[i + 1 : i + 3])[0]
        return b[i + 3 : i + 3 + n].decode("utf-8"), i + 3 + n
    if t == 0xDC:
        return _array(b, i + 3, struct.unpack(">H", b[i + 1 : i + 3])[0])
    if t == 0xDD:
        return _array(b, i + 5, struct.unpack(">I", b[i + 1 : i + 5])[0])
    raise ValueError(f"unsupported msgpack type 0x{t:02x}")


def _array(b: bytes, i: int, n: int) -> tuple[list[Any], int]:
    out = []
    for _ in range(n):
        v, i = _unpack(b, i)
        out.append(v)
    return out, i


def english_words() -> list[tuple[str, float]]:
    """(word, Zipf frequency) for wordfreq's English list, most frequent first, tokenizer-shaped words only.

    cBpack: a header, then bucket ``k`` holds the words of frequency ``10 ** (-k / 100)``; Zipf = 9 - k / 100.
    """
    with zipfile.ZipFile(wordfreq_wheel()) as zf:
        data, _ = _unpack(gzip.decompress(zf.read(WORDFREQ_MEMBER)), 0)
    return [(w, 9.0 - k / 100.0) for k, bucket in enumerate(data[1:]) for w in bucket if _WORD.match(w)]


def vocabulary() -> tuple[list[str], np.ndarray]:
    """The table's words and their Zipf frequencies (lexicon words not in wordfreq's list get Zipf 1)."""
    from shared.sentiment.lexicon import load_lexicon
    from shared.sentiment.tokens import tokenize

    ranked = english_words()
    zipf = dict(ranked)
    words = [w for w, _ in ranked[:TOP_WORDS]]
    seen = set(words)
    lex = load_lexicon()
    for w in sorted(set(lex.words) | set(lex.boosters) | set(lex.negators)):
        toks = tokenize(w)
        if len(toks) == 1 and toks[0] == w and w not in seen:
            seen.add(w)
            words.append(w)
    return words, np.array([zipf.get(w, 1.0) for w in words], dtype=np.float32)


def word_embeddings(words: list[str], template: str = TEMPLATE) -> np.ndarray:
    """E5 embeddings of words inside ``template``, computing (and caching) only the missing ones."""
    from shared.sentiment.embedding import embed

    cache = WORD_CACHES[template]
    store: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache) as z:
            store = dict(zip([str(w) for w in z["words"]], z["vectors"], strict=True))
    missing = [w for w in dict.fromkeys(words) if w not in store]
    if missing:
        print(f"  embedding {len(missing)} new words as {template!r} (cached afterwards) ...", flush=True)
    for start in range(0, len(missing), 2048):
        part = missing[start : start + 2048]
        store.update(zip(part, embed([template.format(w) for w in part], batch_size=512), strict=True))
        np.savez(cache, words=np.array(list(store)), vectors=np.stack(list(store.values())))
        print(f"  {min(start + 2048, len(missing))}/{len(missing)}", flush=True)
    return np.stack([store[w] for w in words]).astype(np.float64)


def main() -> int:
    words, zipf = vocabulary()
    vecs = word_embeddings(words)
    print(f"vocabulary {len(words)} words; embeddings {vecs.shape} (cached in {WORD_CACHES[TEMPLATE]})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
