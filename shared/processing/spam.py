"""Review spam / fake scoring: explainable signals combined into a 0..1 score. Scored, never dropped.

Signals (each a reason name in ``spam_reasons``):

- ``duplicate_text``: the same non-trivial text (5+ words) appears in another review. Copies of one review
  (ids ``{review}#{product}``: a review of an order given to each product in it, as ingest does for Olist)
  are one review, not duplicates of each other.
- ``near_duplicate_text``: word 3-shingle Jaccard >= 0.6 with another review of 8+ words (MinHash LSH
  candidates, verified exactly), the usual sign of lightly edited copy-paste campaigns.
- ``burst``: many reviews of one SKU within +-1 day, far above that SKU's usual rate.
- ``link_or_contact``: URLs, e-mails, phone numbers, messenger handles or coupon pitches.
- ``rating_text_mismatch``: star rating contradicts the text's polarity (small lexicon with negation,
  so "not bad" reads positive). The sentiment agent owns the real model; this is a cheap signal.
- ``short_generic``: nothing but generic praise ("great product!!").
- ``unverified``: not a verified purchase.

Signals combine as a noisy-OR, ``1 - prod(1 - w_i)``, so no single weak signal (an unverified buyer,
a terse review) crosses the default threshold on its own.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from shared import regex as re

SPAM_THRESHOLD = 0.5

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "duplicate_text": 0.6,
    "near_duplicate_text": 0.45,
    "burst": 0.35,
    "link_or_contact": 0.7,
    "rating_text_mismatch": 0.3,
    "short_generic": 0.25,
    "unverified": 0.2,
}

_TOKEN = re.compile(r"[a-z0-9']+")
_LINK = re.compile(
    r"https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|shop|store|biz|io|ly)\b|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\+?\d[\d\s().-]{7,}\d|\b(?:whatsapp|telegram|wechat|dm me|contact me|text me|promo code|coupon code"
    r"|discount code|use code|click here|visit my|free gift)\b",
    re.IGNORECASE,
)
_GENERIC = frozenset(
    "great good nice product love it awesome excellent ok okay best amazing perfect five stars star 5 recommend "
    "highly very i this item buy a must super cool wow fine thanks thank you works the is so much really".split()
)
_POSITIVE = frozenset(
    "good great excellent love loved amazing perfect happy recommend best nice sturdy comfortable fast quick "
    "worth beautiful awesome fantastic solid durable pleased impressed easy reliable helpful well fits "
    "lovely satisfied bargain superb brilliant".split()
)
_NEGATIVE = frozenset(
    "bad poor terrible awful broke broken cheap flimsy disappointed disappointing worst waste refund return "
    "returned slow late damaged defective useless horrible hate hated rude faulty fell ripped leaking "
    "leaked scratched missing wrong overpriced stopped junk unhappy unusable tore cracked".split()
)
_NEGATORS = frozenset("not no never hardly isn't wasn't don't doesn't didn't aren't won't can't cannot nothing".split())
_MIN_DUP_TOKENS = 5
_NEAR_DUP_JACCARD = 0.6
_MIN_NEAR_DUP_TOKENS = 8
_PERMUTATIONS = 64
_BANDS = 16


@dataclass(frozen=True)
class ReviewText:
    """What spam scoring needs to know about one review."""

    review_id: str
    sku: str
    date: date | None  # None: an undated review (never part of a burst)
    text: str
    rating: int | None = None
    title: str | None = None
    verified: bool | None = None


@dataclass(frozen=True)
class SpamAssessment:
    """Score and the signals that fired for one review."""

    review_id: str
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def is_spam(self) -> bool:
        """Whether the score reaches the default threshold."""
        return self.score >= SPAM_THRESHOLD


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes kept so negations like ``don't`` survive)."""
    return _TOKEN.findall(text.lower())


def lexicon_polarity(words: Sequence[str]) -> int:
    """Positive minus negative lexicon hits; a negator flips the next three words ("not bad" > 0)."""
    score = 0
    flip_left = 0
    for w in words:
        if w in _NEGATORS or w.endswith("n't"):
            flip_left = 3
            continue
        sign = 1 if w in _POSITIVE else -1 if w in _NEGATIVE else 0
        if sign and flip_left:
            sign = -sign
        score += sign
        flip_left = max(flip_left - 1, 0)
    return score


def _shingles(words: Sequence[str]) -> set[str]:
    return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)} if len(words) >= 3 else {" ".join(words)}


def _minhash(shingle_sets: Sequence[set[str]]) -> np.ndarray:
    """MinHash signatures, one row per set; deterministic across processes (crc32 and a fixed seed)."""
    rng = np.random.default_rng(20240601)
    a = rng.integers(1, 1 << 32, _PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 1 << 32, _PERMUTATIONS, dtype=np.uint64)
    mask = np.uint64(0xFFFFFFFF)
    sigs = np.empty((len(shingle_sets), _PERMUTATIONS), dtype=np.uint64)
    for row, shingles in enumerate(shingle_sets):
        hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
        sigs[row] = ((np.outer(hashes, a) + b) & mask).min(axis=0)
    return sigs


def _near_duplicates(shingle_sets: Sequence[set[str]]) -> set[int]:
    """Indexes of sets with a near-duplicate partner (LSH candidates confirmed by exact Jaccard)."""
    if len(shingle_sets) < 2:
        return set()
    sigs = _minhash(shingle_sets)
    rows = _PERMUTATIONS // _BANDS
    hits: set[int] = set()
    checked: set[tuple[int, int]] = set()
    for band in range(_BANDS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = sigs[:, band * rows:(band + 1) * rows]
        for i in range(len(shingle_sets)):
            buckets[block[i].tobytes()].append(i)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    i, j = members[x], members[y]
                    if (i, j) in checked:
                        continue
                    checked.add((i, j))
                    si, sj = shingle_sets[i], shingle_sets[j]
                    if si != sj and len(si & sj) / len(si | sj) >= _NEAR_DUP_JACCARD:
                        hits.update((i, j))
    return hits


def _bursts(skus: Sequence[str], days: Sequence[int]) -> set[int]:
    """Indexes of reviews posted within +-1 day of 4+ others of the same SKU, 4x above its usual rate."""
    by_sku: dict[str, list[int]] = defaultdict(list)
    for i, sku in enumerate(skus):
        by_sku[sku].append(i)
    hits: set[int] = set()
    for members in by_sku.values():
        if len(members) < 5:
            continue
        d = np.array([days[i] for i in members])
        order = np.argsort(d, kind="stable")
        sorted_days = d[order]
        window = np.searchsorted(sorted_days, sorted_days + 1, side="right") - np.searchsorted(
            sorted_days, sorted_days - 1, side="left")
        span = max(int(sorted_days[-1] - sorted_days[0]) + 1, 90)
        usual = len(members) * 3 / span
        burst = window >= max(5.0, 4 * usual)
        hits.update(members[k] for k in order[burst])
    return hits


#: Separates a review's own id from the product a copy of it was given to (``shared.ingest.join``).
COPY_SEPARATOR = "#"


def review_origin(review_id: str) -> str:
    """The review a copy was made from: ``{review}#{product}`` -> ``review``; any other id is its own."""
    origin, sep, product = review_id.rpartition(COPY_SEPARATOR)
    return origin if sep and origin and product else review_id


def _as_review(item: ReviewText | Mapping[Any, Any]) -> ReviewText:
    if isinstance(item, ReviewText):
        return item
    rating = item.get("rating")
    verified = item.get("verified")
    day = item.get("date")
    if day is None or (not isinstance(day, str) and pd.isna(day)):
        day = None
    elif isinstance(day, pd.Timestamp):
        day = day.date()
    return ReviewText(
        review_id=str(item.get("review_id")),
        sku=str(item.get("sku")),
        date=day if day is None or isinstance(day, date) else date.fromisoformat(str(day)),
        text=str(item.get("text") or ""),
        rating=None if rating is None or pd.isna(rating) else int(rating),
        title=None if item.get("title") is None or pd.isna(item.get("title")) else str(item.get("title")),
        verified=None if verified is None or pd.isna(verified) else bool(verified),
    )


def score_reviews(
    reviews: Iterable[ReviewText | Mapping[Any, Any]],
    *,
    context: Iterable[ReviewText | Mapping[Any, Any]] = (),
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> list[SpamAssessment]:
    """Score each review in ``reviews``, in input order.

    ``context`` (e.g. the tenant's earlier reviews) counts for duplicate and burst detection but is not
    scored.
    """
    scored = [_as_review(r) for r in reviews]
    background = [_as_review(r) for r in context]
    scored_ids = {r.review_id for r in scored}
    pool = scored + [r for r in background if r.review_id not in scored_ids]
    words = [tokens(" ".join(filter(None, [r.title, r.text])) if not r.text else r.text) for r in pool]

    exact: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        if len(w) >= _MIN_DUP_TOKENS:
            exact[" ".join(w)].append(i)
    origins = [review_origin(r.review_id) for r in pool]
    duplicate = {i for members in exact.values() if len({origins[m] for m in members}) > 1 for i in members}
    candidates = [i for i, w in enumerate(words) if len(w) >= _MIN_NEAR_DUP_TOKENS]
    near_local = _near_duplicates([_shingles(words[i]) for i in candidates])
    near = {candidates[k] for k in near_local} - duplicate
    days = {i: r.date.toordinal() for i, r in enumerate(pool) if r.date is not None}  # undated: in no burst
    dated = list(days)
    bursts = {dated[k] for k in _bursts([pool[i].sku for i in dated], list(days.values()))}

    out: list[SpamAssessment] = []
    for i, r in enumerate(scored):
        w = words[i]
        reasons: list[str] = []
        if i in duplicate:
            reasons.append("duplicate_text")
        if i in near:
            reasons.append("near_duplicate_text")
        if i in bursts:
            reasons.append("burst")
        if _LINK.search(" ".join(filter(None, [r.title, r.text]))):
            reasons.append("link_or_contact")
        if r.rating is not None:
            polarity = lexicon_polarity(w)
            if (r.rating >= 4 and polarity <= -2) or (r.rating <= 2 and polarity >= 2):
                reasons.append("rating_text_mismatch")
        if len(w) <= 4 and all(t in _GENERIC for t in w):
            reasons.append("short_generic")
        if r.verified is False:
            reasons.append("unverified")
        keep = 1.0
        for reason in reasons:
            keep *= 1.0 - weights.get(reason, 0.0)
        out.append(SpamAssessment(r.review_id, round(1.0 - keep, 4), reasons))
    return out


def score_review_frame(rows: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """``rows`` with ``spam_score`` and ``spam_reasons`` (JSON list) columns set."""
    out = rows.copy()
    if out.empty:
        out["spam_score"] = pd.Series(dtype="float64")
        out["spam_reasons"] = pd.Series(dtype="object")
        return out
    ctx = context.to_dict("records") if context is not None and not context.empty else []
    results = score_reviews(out.to_dict("records"), context=ctx)
    out["spam_score"] = [a.score for a in results]
    out["spam_reasons"] = [json.dumps(a.reasons) for a in results]
    return out
