"""Static word polarities distilled from E5: what the sentence encoder thinks of each word, looked up.

The fast mode cannot run the sentence encoder, but it can use what the encoder knows about single words.
``bench/sentiment_vocab.py`` embedded each of ~44k words (wordfreq's 40k most frequent English words plus
the lexicon's words) with multilingual-e5-small inside "It was <word>.", once, offline;
``bench/train_sentiment_heads.py`` applies the accurate mode's logistic head (fitted on labelled sentence
embeddings) to those vectors, so every word gets the polarity E5 + head give it in that short sentence
("commendable", "unhelpful" included, whether or not a labelled sentence ever used them). Stored as float16 beside the
word's Zipf frequency in ``models/static_e5.npz`` (provenance in ``models/static_e5.json``).

A sentence's features (:data:`FEATURES`) are the SIF-weighted mean (``a / (a + p(w))``, Arora et al. 2017,
so frequent function words count less), minimum and maximum of the polarities of its words, kept apart
for words outside and inside a negation scope (the fast mode's ``not_`` marking) so "not good" does not
read as "good". Words outside the table are skipped; a scope with no known word gives zeros.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from shared.sentiment.head import MODELS_DIR

TABLE_NAME = "static_e5"
#: SIF smoothing constant over word probabilities (Arora et al. use 1e-3 to 1e-4; 1e-4 was as good or
#: better leave-one-corpus-out, see docs/sentiment.md).
SIF_A = 1e-4
NEGATED_PREFIX = "not_"
#: Names of the per-sentence features :meth:`PolarityTable.features` returns, in order.
FEATURES: tuple[str, ...] = ("e5_mean", "e5_min", "e5_max", "e5_not_mean", "e5_not_min", "e5_not_max")


@dataclass(frozen=True)
class PolarityTable:
    """Words, their SIF weights and E5 polarities, with the provenance of the table."""

    words: tuple[str, ...]
    sif: np.ndarray
    polarity: np.ndarray
    provenance: dict[str, Any] = field(default_factory=dict)
    #: token -> row; a negated token (``not_<word>``) maps to ``len(words) + row``.
    lookup: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.words)
        lookup = {w: i for i, w in enumerate(self.words)}
        lookup.update({NEGATED_PREFIX + w: n + i for i, w in enumerate(self.words)})
        object.__setattr__(self, "lookup", lookup)

    def __len__(self) -> int:
        return len(self.words)

    def polarity_of(self, word: str) -> float | None:
        """The stored polarity of ``word`` (None outside the table)."""
        i = self.lookup.get(word)
        return None if i is None or i >= len(self.words) else float(self.polarity[i])

    def features(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """``(n, 6)`` features of :data:`FEATURES` for marked token lists (``not_`` inside a negation scope)."""
        n, size = len(token_lists), len(self.words)
        get = self.lookup.get
        ids = np.fromiter((get(t, -1) for toks in token_lists for t in toks), dtype=np.int64)
        rows = np.repeat(np.arange(n), [len(toks) for toks in token_lists])
        known = ids >= 0
        ids, rows = ids[known], rows[known]
        word = ids % size
        slot = 2 * rows + (ids >= size)  # 2i: plain words of text i, 2i + 1: negated ones
        w, s = self.sif[word], self.polarity[word]
        total = np.bincount(slot, weights=w, minlength=2 * n)
        mean = np.bincount(slot, weights=w * s, minlength=2 * n) / np.maximum(total, 1e-300)
        low = np.full(2 * n, np.inf)
        high = np.full(2 * n, -np.inf)
        np.minimum.at(low, slot, s)
        np.maximum.at(high, slot, s)
        empty = total <= 0
        low[empty] = high[empty] = mean[empty] = 0.0
        return np.stack([mean, low, high], axis=1).reshape(n, 6)


def sif_weights(zipf: np.ndarray, a: float = SIF_A) -> np.ndarray:
    """``a / (a + p(w))`` with ``p(w) = 10 ** (zipf - 9)`` (Zipf = log10 of occurrences per billion words)."""
    p = 10.0 ** (np.asarray(zipf, dtype=np.float64) - 9.0)
    return a / (a + p)


def build_table(words: Sequence[str], zipf: np.ndarray, polarity: np.ndarray, a: float = SIF_A) -> PolarityTable:
    """A table from words, their Zipf frequencies and polarities (as stored: float16)."""
    sif = sif_weights(np.asarray(zipf, dtype=np.float16), a)
    return PolarityTable(tuple(words), sif, np.asarray(polarity, dtype=np.float16).astype(np.float64))


def save_table(words: Sequence[str], zipf: np.ndarray, polarity: np.ndarray, provenance: dict[str, Any]) -> None:
    """Write ``models/static_e5.npz`` (newline-joined words, float16 Zipf and polarity) and its provenance JSON."""
    np.savez_compressed(
        MODELS_DIR / f"{TABLE_NAME}.npz",
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        zipf=np.asarray(zipf, dtype=np.float16),
        polarity=np.asarray(polarity, dtype=np.float16),
    )
    (MODELS_DIR / f"{TABLE_NAME}.json").write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_table() -> PolarityTable:
    """The committed table (offline, no pickle)."""
    with np.load(MODELS_DIR / f"{TABLE_NAME}.npz", allow_pickle=False) as z:
        words = bytes(z["words"]).decode("utf-8").split("\n")
        table = build_table(words, z["zipf"], z["polarity"], SIF_A)
    provenance = json.loads((MODELS_DIR / f"{TABLE_NAME}.json").read_text(encoding="utf-8"))
    return PolarityTable(table.words, table.sif, table.polarity, provenance)
