"""Per-SKU review statistics, computed once per analysis and read by every finding rule.

:func:`analysed_frame` scores and normalises the review rows; :func:`sku_statistics` slices them per SKU
into :class:`SkuStats` (aggregates, window comparisons, aspect table, complaints, praise, requests). The
finding rules (:mod:`shared.sentiment.findings`) only read these numbers; nothing here decides what is
worth reporting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared.sentiment.aspects import summarise_aspects
from shared.sentiment.method_plan import ScoringPlan
from shared.sentiment.requests import FeatureRequest, rank_requests
from shared.sentiment.scorer import ScoredBatch
from shared.sentiment.themes import Theme, ThemeSet
from shared.sentiment.topics import TermStat, rank_terms
from shared.sentiment.trends import WindowComparison, grouped_slopes, grouped_weighted_means

#: Per-SKU weekly series keep at most this many most recent weeks.
MAX_SERIES_PERIODS = 104


def round_or_none(x: float | None, nd: int = 3) -> float | None:
    """``x`` rounded, with ``None`` and NaN as ``None`` (JSON-ready)."""
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), nd)


def weighted_mean(values: np.ndarray, weights: np.ndarray) -> float | None:
    """Weighted mean over rows with a value and a positive weight (``None`` when there is none)."""
    ok = ~np.isnan(values) & (weights > 0)
    return float(np.average(values[ok], weights=weights[ok])) if ok.any() else None


def term_rows(stats: list[TermStat]) -> list[dict[str, Any]]:
    """JSON-ready rows of ranked complaint or praise terms."""
    return [
        {
            "term": s.term,
            "kind": s.kind,
            "reviews": s.reviews,
            "weight": round(s.weight, 2),
            "recent_share": round(s.recent_share, 3),
            "before_share": round(s.before_share, 3),
            "trend": round(s.trend, 3),
            "review_ids": s.review_ids,
        }
        for s in stats
    ]


@dataclass(frozen=True)
class AnalysedReviews:
    """Every review row with its scores, as column arrays aligned with ``frame`` (computed once)."""

    frame: pd.DataFrame
    full_text: list[str]
    batch: ScoredBatch
    weights: np.ndarray
    recent: np.ndarray
    before: np.ndarray
    days: np.ndarray
    as_of: date
    window_days: int
    #: How polarity was read (``None`` when the caller scored with one fixed method).
    plan: ScoringPlan | None = None


@dataclass(frozen=True)
class AspectRow:
    """One aspect of one SKU: mentions, sentiment overall and per window."""

    aspect: str
    mentions: int
    sentiment: float
    negative_share: float
    recent_sentiment: float | None
    before_sentiment: float | None
    #: Recent minus before sentiment (``None`` unless both windows mention the aspect).
    delta: float | None

    def as_row(self) -> dict[str, Any]:
        """The JSON row of ``data.per_sku[].aspects``."""
        return {
            "aspect": self.aspect,
            "mentions": self.mentions,
            "sentiment": self.sentiment,
            "negative_share": self.negative_share,
            "recent_sentiment": self.recent_sentiment,
            "before_sentiment": self.before_sentiment,
            "delta": self.delta,
        }


@dataclass(frozen=True)
class SkuStats:
    """One SKU's reviews and the statistics every finding rule reads."""

    sku: str
    product_title: Any
    category: Any
    #: Per-review arrays of this SKU (spam-weighted: a weight of 0 means excluded).
    ids: np.ndarray
    labels: np.ndarray
    mismatch: np.ndarray
    review_aspects: list[dict[str, float]]
    weights: np.ndarray
    recent: np.ndarray
    before: np.ndarray
    #: Aggregates (rounded as reported).
    reviews: int
    mean_rating: float | None
    sentiment: float | None
    text_sentiment: float | None
    positive_share: float | None
    negative_share: float | None
    rating_slope_per_30d: float | None
    sentiment_slope_per_30d: float | None
    mismatches: int
    #: Recent window versus the window before, for the star rating and the text sentiment.
    rating_cmp: WindowComparison
    text_cmp: WindowComparison
    aspects: list[AspectRow]
    complaints: list[TermStat]
    praise: list[TermStat]
    requests: list[FeatureRequest]
    #: The catalogue's themes as this SKU's reviews raise them.
    complaint_themes: list[Theme]
    praise_themes: list[Theme]

    @property
    def included(self) -> np.ndarray:
        """Mask of the reviews that count (not excluded as spam)."""
        return self.weights > 0

    @property
    def recent_n(self) -> int:
        """Reviews in the recent window (rated ones, else any with text)."""
        return self.rating_cmp.recent_n or self.text_cmp.recent_n

    @property
    def before_n(self) -> int:
        """Reviews in the window before (rated ones, else any with text)."""
        return self.rating_cmp.before_n or self.text_cmp.before_n

    def as_row(self, weekly: list[dict[str, Any]]) -> dict[str, Any]:
        """The JSON row of ``data.per_sku``."""
        return {
            "sku": self.sku,
            "product_title": self.product_title,
            "category": self.category,
            "reviews": self.reviews,
            "mean_rating": self.mean_rating,
            "sentiment": self.sentiment,
            "text_sentiment": self.text_sentiment,
            "positive_share": self.positive_share,
            "negative_share": self.negative_share,
            "rating_slope_per_30d": self.rating_slope_per_30d,
            "sentiment_slope_per_30d": self.sentiment_slope_per_30d,
            "recent_reviews": self.recent_n,
            "before_reviews": self.before_n,
            "recent_rating": round_or_none(self.rating_cmp.recent_mean, 2),
            "before_rating": round_or_none(self.rating_cmp.before_mean, 2),
            "recent_text_sentiment": round_or_none(self.text_cmp.recent_mean),
            "before_text_sentiment": round_or_none(self.text_cmp.before_mean),
            "rating_text_mismatches": self.mismatches,
            "aspects": [a.as_row() for a in self.aspects],
            "complaints": term_rows(self.complaints),
            "praise": term_rows(self.praise),
            "feature_requests": [
                {"request": f.request, "reviews": f.reviews, "review_ids": f.review_ids} for f in self.requests
            ],
            "complaint_themes": [t.as_row() for t in self.complaint_themes],
            "praise_themes": [t.as_row() for t in self.praise_themes],
            "weekly": weekly[-MAX_SERIES_PERIODS:],
        }


def _firsts(df: pd.DataFrame) -> dict[str, dict[Any, Any]]:
    """Per described column (product_title, category): each SKU's first non-null value among its reviews.

    One groupby for every product, read as plain dicts (a ``DataFrame.at`` lookup per product and column cost
    ~0.17 ms each: 0.09 s of an overview's 257 products).
    """
    described = [c for c in ("product_title", "category") if c in df.columns]
    if not described:
        return {}
    firsts = df.groupby("sku", sort=True)[described].first()
    return {c: {k: None if pd.isna(v) else v for k, v in firsts[c].items()} for c in described}


def _aspect_rows(data: AnalysedReviews, gi: np.ndarray, recent: np.ndarray, before: np.ndarray,
                 w: np.ndarray) -> list[AspectRow]:
    """Aspect table of one SKU, most mentioned first."""
    per_review = data.batch.aspects
    asp_recent = summarise_aspects([per_review[i] for i in gi[recent]], w[recent])
    asp_before = summarise_aspects([per_review[i] for i in gi[before]], w[before])
    asp_all = summarise_aspects([per_review[i] for i in gi], w)
    rows = []
    for name, a in sorted(asp_all.items(), key=lambda kv: -kv[1].mentions):
        rec, bef = asp_recent.get(name), asp_before.get(name)
        rows.append(
            AspectRow(
                aspect=name,
                mentions=a.mentions,
                sentiment=round(a.mean_score, 3),
                negative_share=round(a.negative_share, 3),
                recent_sentiment=None if rec is None else round(rec.mean_score, 3),
                before_sentiment=None if bef is None else round(bef.mean_score, 3),
                delta=None if rec is None or bef is None else round(rec.mean_score - bef.mean_score, 3),
            )
        )
    return rows


def _not_mined() -> dict[str, list[Any]]:
    """A product's text statistics past the answer's deadline: none (said in the result's notes)."""
    return {"aspects": [], "complaints": [], "praise": [], "requests": []}


def _mined_texts(data: AnalysedReviews, gi: np.ndarray, ids: np.ndarray, score: np.ndarray, w: np.ndarray,
                 top_n: int) -> dict[str, list[Any]]:
    """One product's aspect table, complaint and praise terms and feature requests (the per-product text work)."""
    batch = data.batch
    recent, before = data.recent[gi], data.before[gi]
    term_inputs = (ids.tolist(), [batch.topic_words[i] for i in gi], [batch.terms[i] for i in gi], score.tolist(),
                   w.tolist(), recent.tolist(), before.tolist())
    return {"aspects": _aspect_rows(data, gi, recent, before, w),
            "complaints": rank_terms(*term_inputs, negative=True, limit=top_n * 2),
            "praise": rank_terms(*term_inputs, negative=False, limit=top_n),
            "requests": rank_requests(ids.tolist(), [batch.requests[i] for i in gi], w.tolist(), limit=top_n)}


@dataclass(frozen=True)
class _GroupedNumbers:
    """Every product's numbers at once (position ``j`` of each array is the ``j``-th product of ``keys``).

    Computed with grouped sums over all reviews (``trends.grouped_*``): per product, numpy's per-call overhead on a
    handful of reviews made 1,950 products' numbers take ~2.6 s.
    """

    reviews: np.ndarray
    mean_rating: np.ndarray
    sentiment: np.ndarray
    text_sentiment: np.ndarray
    positive_share: np.ndarray
    negative_share: np.ndarray
    rating_slope: np.ndarray
    sentiment_slope: np.ndarray
    mismatches: np.ndarray
    #: (recent mean, recent n, before mean, before n) of the rating and of the text sentiment.
    rating_windows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    text_windows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _grouped_numbers(data: AnalysedReviews, codes: np.ndarray, groups: int, rating: np.ndarray,
                     labels: np.ndarray) -> _GroupedNumbers:
    """The numbers of every product (``codes``: each review's product position; -1: a product not counted)."""
    keep = codes >= 0
    c = codes[keep]
    w = data.weights[keep]
    r, lab = rating[keep], labels[keep]
    score = data.batch.score[keep].astype(float)
    text_score = data.batch.text_score[keep].astype(float)
    recent, before = data.recent[keep], data.before[keep]
    total = np.bincount(c, weights=w, minlength=groups)
    safe = np.where(total > 0, total, 1.0)

    def windows(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        recent_mean, recent_n = grouped_weighted_means(c, groups, values, w, recent)
        before_mean, before_n = grouped_weighted_means(c, groups, values, w, before)
        return recent_mean, recent_n, before_mean, before_n

    mismatch = np.asarray(data.batch.rating_mismatch)[keep].astype(bool)
    days = data.days[keep]
    return _GroupedNumbers(
        reviews=np.bincount(c[w > 0], minlength=groups),
        mean_rating=grouped_weighted_means(c, groups, r, w)[0],
        sentiment=grouped_weighted_means(c, groups, score, w)[0],
        text_sentiment=grouped_weighted_means(c, groups, text_score, w)[0],
        positive_share=np.bincount(c, weights=w * (lab == "positive"), minlength=groups) / safe,
        negative_share=np.bincount(c, weights=w * (lab == "negative"), minlength=groups) / safe,
        rating_slope=grouped_slopes(c, groups, days, r, w),
        sentiment_slope=grouped_slopes(c, groups, days, text_score, w),
        mismatches=np.bincount(c[mismatch & (w > 0)], minlength=groups),
        rating_windows=windows(r),
        text_windows=windows(text_score),
    )


def _number(value: Any, nd: int = 3) -> float | None:
    """A grouped figure as reported: rounded, NaN as ``None``."""
    return round_or_none(float(value), nd)


def _window(data: AnalysedReviews, parts: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
            j: int) -> WindowComparison:
    recent_mean, recent_n, before_mean, before_n = parts
    recent_start = data.as_of - timedelta(days=data.window_days)
    return WindowComparison(
        recent_start=recent_start, before_start=recent_start - timedelta(days=data.window_days), as_of=data.as_of,
        recent_n=int(recent_n[j]), before_n=int(before_n[j]),
        recent_mean=None if np.isnan(recent_mean[j]) else float(recent_mean[j]),
        before_mean=None if np.isnan(before_mean[j]) else float(before_mean[j]))


def _one_sku(data: AnalysedReviews, sku_key: Any, gi: np.ndarray, firsts: dict[str, dict[Any, Any]],
             themes: ThemeSet | None, columns: tuple[np.ndarray, np.ndarray, np.ndarray],
             numbers: _GroupedNumbers, j: int) -> SkuStats:
    """Statistics of the SKU whose rows are ``gi`` and whose numbers are at position ``j`` of ``numbers``.

    Its texts are not mined here (aspects, complaints, praise, requests: :func:`_mined_texts`, while the clock
    allows).
    """
    batch = data.batch
    w = data.weights[gi]
    _, labels, ids = (c[gi] for c in columns)
    own_themes = themes.per_sku.get(str(sku_key), {}) if themes is not None else {}
    return SkuStats(
        sku=str(sku_key),
        product_title=firsts.get("product_title", {}).get(sku_key),
        category=firsts.get("category", {}).get(sku_key),
        ids=ids,
        labels=labels,
        mismatch=np.asarray(batch.rating_mismatch)[gi],
        review_aspects=[batch.aspects[i] for i in gi],
        weights=w,
        recent=data.recent[gi],
        before=data.before[gi],
        reviews=int(numbers.reviews[j]),
        mean_rating=_number(numbers.mean_rating[j], 2),
        sentiment=_number(numbers.sentiment[j]),
        text_sentiment=_number(numbers.text_sentiment[j]),
        positive_share=_number(numbers.positive_share[j]),
        negative_share=_number(numbers.negative_share[j]),
        rating_slope_per_30d=_number(numbers.rating_slope[j]),
        sentiment_slope_per_30d=_number(numbers.sentiment_slope[j]),
        mismatches=int(numbers.mismatches[j]),
        rating_cmp=_window(data, numbers.rating_windows, j),
        text_cmp=_window(data, numbers.text_windows, j),
        **_not_mined(),
        complaint_themes=own_themes.get("complaint", []),
        praise_themes=own_themes.get("praise", []),
    )


@dataclass(frozen=True)
class SkuStatsSet:
    """Every counted product's statistics (SKU order) and how many had their texts mined before the deadline."""

    products: list[SkuStats]
    mined: int
    mined_reviews: int

    def note(self) -> str | None:
        """What the answer's deadline left out, or ``None`` when every product's texts were mined."""
        if self.mined >= len(self.products):
            return None
        reviews = sum(s.reviews for s in self.products)
        plural = "s" if self.mined != 1 else ""
        return (f"per-product complaints, praise, requests and aspects mined for the {self.mined:,} product{plural} "
                f"with the most reviews of {len(self.products):,} ({self.mined_reviews:,} of {reviews:,} reviews; the "
                "answer's deadline)")


def sku_statistics(data: AnalysedReviews, *, top_n: int, themes: ThemeSet | None = None,
                   mine_by: float | None = None) -> SkuStatsSet:
    """Statistics of every SKU with at least one counted review, in SKU order.

    ``mine_by``: the ``time.perf_counter()`` reading after which no further product's texts are mined (products with
    the most counted reviews first, the first always); their numbers are still computed. ``None``: no deadline.
    """
    df = data.frame
    firsts = _firsts(df)
    groups = df.groupby("sku", sort=True).indices
    # the columns every product slices, converted once (per product they cost O(all rows) each: 20k reviews of
    # 1,200 products spent seconds here)
    columns = (df["rating"].to_numpy(dtype=float), df["label"].to_numpy(dtype=object),
               df["review_id"].to_numpy(dtype=object))
    counted = {k: int((data.weights[np.asarray(gi)] > 0).sum()) for k, gi in groups.items()}
    order = sorted((k for k in groups if data.weights[np.asarray(groups[k])].sum() > 0),
                   key=lambda k: (-counted[k], str(k)))
    # every product's numbers first, then the texts mined while the clock allows: numbers computed after the mining
    # deadline (1,000 products past it) ran the answer past its budget
    codes = np.full(len(df), -1, dtype=np.int64)
    for j, k in enumerate(order):
        codes[groups[k]] = j
    numbers = _grouped_numbers(data, codes, len(order), columns[0], columns[1])
    stats = {str(k): _one_sku(data, k, np.asarray(groups[k]), firsts, themes, columns, numbers, j)
             for j, k in enumerate(order)}
    mined = mined_reviews = 0
    for sku_key in order:
        if mined and mine_by is not None and time.perf_counter() > mine_by:
            break
        gi = np.asarray(groups[sku_key])
        one = stats[str(sku_key)]
        texts = _mined_texts(data, gi, one.ids, data.batch.score[gi].astype(float), data.weights[gi], top_n)
        stats[str(sku_key)] = replace(one, aspects=texts["aspects"], complaints=texts["complaints"],
                                      praise=texts["praise"], requests=texts["requests"])
        mined, mined_reviews = mined + 1, mined_reviews + one.reviews
    return SkuStatsSet([stats[k] for k in sorted(stats)], mined, mined_reviews)
