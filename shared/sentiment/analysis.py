"""Compose the sentiment agent's ``AgentResult`` from review rows (no backend needed).

Per product: aggregate sentiment and rating with their trend; which aspects moved between the recent
window and the one before; recurring complaints now versus before; feature requests; rating-text
mismatches. Suspected spam (``spam_score`` from processing) is excluded or down-weighted and counted.
Review text is only ever data here: it is scored and counted, never interpreted as instructions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd

from shared.agents.answers import AskKind
from shared.models.agents import Action, AgentResult, Confidence, Evidence, Finding, Severity
from shared.sentiment.answers import DECLINE_WINDOW_DAYS, ScoredReviews, sentiment_answers
from shared.sentiment.aspects import summarise_aspects
from shared.sentiment.requests import rank_requests
from shared.sentiment.scorer import LABELS, score_reviews
from shared.sentiment.topics import TermStat, rank_terms
from shared.sentiment.trends import (
    compare_masked,
    epoch_days,
    period_series,
    period_series_by,
    weighted_slope,
    window_masks,
)

#: Reviews at or above this spam score are excluded; between the two thresholds they count (1 - score).
SPAM_EXCLUDE = 0.8
SPAM_DOWNWEIGHT = 0.5
#: Reviews needed for full data completeness.
FULL_EVIDENCE_REVIEWS = 30
#: A drop of this much (rating stars / sentiment units) between windows is reported as a decline.
RATING_DROP = 0.3
#: Per-SKU weekly series keep at most this many most recent weeks.
MAX_SERIES_PERIODS = 104
#: Both windows need this many reviews before a change between them is reported.
MIN_WINDOW_REVIEWS = 3
SENTIMENT_DROP = 0.15

REQUIRED_COLUMNS = ("review_id", "sku", "date", "text")


@dataclass(frozen=True)
class AnalysisOptions:
    """Knobs of one analysis run."""

    as_of: date
    window_days: int = 30
    top_n: int = 5
    #: Questions to answer directly (``data["answers"]``), the SKUs they are about, and the period read.
    asks: tuple[AskKind, ...] = ()
    scoped: tuple[str, ...] = ()
    period_start: date | None = None
    decline_window_days: int = DECLINE_WINDOW_DAYS


def spam_weights(spam_score: pd.Series) -> tuple[np.ndarray, int, int, int]:
    """Per-review weights from spam scores: (weights, excluded, down-weighted, unscored)."""
    s = pd.to_numeric(spam_score, errors="coerce").to_numpy(dtype=float)
    unscored = int(np.isnan(s).sum())
    s0 = np.nan_to_num(s, nan=0.0)
    weights = np.where(s0 >= SPAM_EXCLUDE, 0.0, np.where(s0 >= SPAM_DOWNWEIGHT, 1.0 - s0, 1.0))
    excluded = int((s0 >= SPAM_EXCLUDE).sum())
    down = int(((s0 >= SPAM_DOWNWEIGHT) & (s0 < SPAM_EXCLUDE)).sum())
    return weights, excluded, down, unscored


def _round(x: float | None, nd: int = 3) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), nd)


def _wmean(values: np.ndarray, weights: np.ndarray) -> float | None:
    ok = ~np.isnan(values) & (weights > 0)
    return float(np.average(values[ok], weights=weights[ok])) if ok.any() else None


def _term_rows(stats: list[TermStat]) -> list[dict[str, Any]]:
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


def _insufficient(tenant_id: str, reason: str, needed: list[str], warnings: list[str]) -> AgentResult:
    return AgentResult(
        agent="sentiment",
        tenant_id=tenant_id,
        status="insufficient_data",
        summary=reason,
        missing_data=needed,
        warnings=warnings,
        confidence=Confidence.compute(
            model_certainty=None, data_completeness=0.0, data_freshness=None, explanation=reason
        ),
    )


def analyse_reviews(
    reviews: pd.DataFrame,
    *,
    tenant_id: str,
    options: AnalysisOptions,
    query: Evidence | None = None,
) -> AgentResult:
    """Analyse review rows and return the standard result.

    Columns: review_id, sku, date, text; optionally rating, title, spam_score, product_title, category.
    """
    warnings: list[str] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in reviews.columns]
    if missing:
        return _insufficient(
            tenant_id, f"review rows lack column(s) {', '.join(missing)}", [f"reviews.{c}" for c in missing], warnings
        )
    if reviews.empty:
        return _insufficient(
            tenant_id,
            "no reviews found for the requested products and period",
            ["reviews (table 'reviews': review_id, sku, date, rating, text) for the requested SKUs and period"],
            warnings,
        )
    df = reviews.reset_index(drop=True).copy()
    df["review_id"] = df["review_id"].astype(str)
    df["sku"] = df["sku"].astype(str)
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df["text"] = df["text"].fillna("").astype(str)
    title = df["title"].fillna("").astype(str) if "title" in df.columns else pd.Series("", index=df.index)
    full_text = [f"{t}. {x}" if t else x for t, x in zip(title, df["text"], strict=True)]
    rating = (
        pd.to_numeric(df["rating"], errors="coerce") if "rating" in df.columns else pd.Series(np.nan, index=df.index)
    )
    df["rating"] = rating
    if "spam_score" in df.columns:
        weights, excluded, down, unscored = spam_weights(df["spam_score"])
    else:
        weights, excluded, down, unscored = np.ones(len(df)), 0, 0, len(df)
    if unscored:
        warnings.append(f"{unscored} of {len(df)} reviews have no spam score; they are counted in full")
    if excluded:
        warnings.append(f"{excluded} suspected spam reviews (spam_score >= {SPAM_EXCLUDE}) excluded")
    if down:
        warnings.append(
            f"{down} possible spam reviews ({SPAM_DOWNWEIGHT} <= spam_score < {SPAM_EXCLUDE}) down-weighted"
        )
    empty_text = int((df["text"].str.strip() == "").sum())
    if empty_text:
        warnings.append(f"{empty_text} reviews have no text; only their rating is used")
    unrated = int(rating.isna().sum())
    if unrated:
        warnings.append(f"{unrated} reviews have no star rating; their text alone is scored")
    ratings_list: list[float | None] = [None if np.isnan(r) else float(r) for r in rating.to_numpy(dtype=float)]
    batch = score_reviews(full_text, ratings_list)
    df["score"] = batch.score
    df["text_score"] = batch.text_score
    df["label"] = batch.labels
    df["confidence"] = batch.confidence
    df["weight"] = weights
    df["mismatch"] = batch.rating_mismatch
    df["_aspects"] = pd.Series(batch.aspects, index=df.index, dtype=object)
    included = weights > 0
    if not included.any():
        return _insufficient(tenant_id, "every review is suspected spam", ["reviews not flagged as spam"], warnings)

    as_of, window = options.as_of, options.window_days
    recent, before = window_masks(df["date"], as_of, window)
    findings: list[Finding] = []
    per_sku_rows: list[dict[str, Any]] = []
    latest = max(df.loc[included, "date"])
    freshness = Confidence.freshness(latest, as_of)
    certainty = float(np.average(batch.confidence[included] / 100.0, weights=weights[included]))
    # computed once for all rows, then sliced per SKU (per-SKU pandas calls dominated the run time)
    days = epoch_days(df["date"])
    weekly: dict[str, list[dict[str, Any]]] = {}
    for period in _series_rows(period_series_by(df[["sku", "date", "rating", "score"]].assign(weight=weights), "sku")):
        weekly.setdefault(str(period.pop("sku")), []).append(period)

    score_all = df["score"].to_numpy(dtype=float)
    text_all = df["text_score"].to_numpy(dtype=float)
    rating_all = df["rating"].to_numpy(dtype=float)
    labels_all = df["label"].to_numpy(dtype=object)
    ids_all = df["review_id"].to_numpy(dtype=object)
    mismatch_all = df["mismatch"].to_numpy()
    described = [c for c in ("product_title", "category") if c in df.columns]
    firsts = df.groupby("sku", sort=True)[described].first() if described else None
    groups = df.groupby("sku", sort=True).indices

    for sku_key in sorted(groups, key=str):
        sku = str(sku_key)
        gi = np.asarray(groups[sku_key])
        w = weights[gi]
        if w.sum() <= 0:
            continue
        score = score_all[gi]
        text_score = text_all[gi]
        r = rating_all[gi]
        labels = labels_all[gi]
        ids = ids_all[gi]
        sku_recent, sku_before = recent[gi], before[gi]
        rating_cmp = compare_masked(sku_recent, sku_before, r, w, as_of, window)
        text_cmp = compare_masked(sku_recent, sku_before, text_score, w, as_of, window)
        row: dict[str, Any] = {
            "sku": sku,
            "product_title": _first(firsts, sku_key, "product_title"),
            "category": _first(firsts, sku_key, "category"),
            "reviews": int((w > 0).sum()),
            "mean_rating": _round(_wmean(r, w), 2),
            "sentiment": _round(_wmean(score, w)),
            "text_sentiment": _round(_wmean(text_score, w)),
            "positive_share": _round(float(np.average(labels == "positive", weights=w))),
            "negative_share": _round(float(np.average(labels == "negative", weights=w))),
            "rating_slope_per_30d": _round(weighted_slope(days[gi], r, w)),
            "sentiment_slope_per_30d": _round(weighted_slope(days[gi], text_score, w)),
            "recent_reviews": rating_cmp.recent_n if rating_cmp.recent_n else text_cmp.recent_n,
            "before_reviews": rating_cmp.before_n if rating_cmp.before_n else text_cmp.before_n,
            "recent_rating": _round(rating_cmp.recent_mean, 2),
            "before_rating": _round(rating_cmp.before_mean, 2),
            "recent_text_sentiment": _round(text_cmp.recent_mean),
            "before_text_sentiment": _round(text_cmp.before_mean),
            "rating_text_mismatches": int(mismatch_all[gi][w > 0].sum()),
        }
        per_sku_rows.append(row)
        asp_recent = summarise_aspects([batch.aspects[i] for i in gi[sku_recent]], w[sku_recent])
        asp_before = summarise_aspects([batch.aspects[i] for i in gi[sku_before]], w[sku_before])
        asp_all = summarise_aspects([batch.aspects[i] for i in gi], w)
        aspect_rows = []
        for name, a in sorted(asp_all.items(), key=lambda kv: -kv[1].mentions):
            rec, bef = asp_recent.get(name), asp_before.get(name)
            aspect_rows.append(
                {
                    "aspect": name,
                    "mentions": a.mentions,
                    "sentiment": round(a.mean_score, 3),
                    "negative_share": round(a.negative_share, 3),
                    "recent_sentiment": None if rec is None else round(rec.mean_score, 3),
                    "before_sentiment": None if bef is None else round(bef.mean_score, 3),
                    "delta": None if rec is None or bef is None else round(rec.mean_score - bef.mean_score, 3),
                }
            )
        row["aspects"] = aspect_rows
        term_inputs = (ids.tolist(), [full_text[i] for i in gi], [batch.terms[i] for i in gi], score.tolist(),
                       w.tolist(), sku_recent.tolist(), sku_before.tolist())
        complaints = rank_terms(*term_inputs, negative=True, limit=options.top_n * 2)
        praise = rank_terms(*term_inputs, negative=False, limit=options.top_n)
        row["complaints"] = _term_rows(complaints)
        row["praise"] = _term_rows(praise)
        requests = rank_requests(ids.tolist(), [full_text[i] for i in gi], w.tolist(), limit=options.top_n)
        row["feature_requests"] = [
            {"request": f.request, "reviews": f.reviews, "review_ids": f.review_ids} for f in requests
        ]
        row["weekly"] = weekly.get(sku, [])[-MAX_SERIES_PERIODS:]
        findings.extend(
            _sku_findings(
                sku,
                _SkuRows(ids, labels, mismatch_all[gi], [batch.aspects[i] for i in gi]),
                row,
                rating_cmp,
                text_cmp,
                aspect_rows,
                complaints,
                requests,
                sku_recent,
                w,
                query,
                certainty,
                freshness,
                options,
            )
        )

    actions = recommend_actions(findings)
    incl = df[included]
    w_incl = weights[included]
    mean_rating = _wmean(incl["rating"].to_numpy(dtype=float), w_incl)
    mean_sent = _wmean(incl["score"].to_numpy(dtype=float), w_incl)
    label_counts = {lab: int((incl["label"] == lab).sum()) for lab in LABELS}
    completeness = min(1.0, float(included.sum()) / FULL_EVIDENCE_REVIEWS) * (1.0 - 0.5 * empty_text / len(df))
    confidence = Confidence.compute(
        model_certainty=certainty,
        data_completeness=completeness,
        data_freshness=freshness,
        explanation=f"{int(included.sum())} reviews analysed; latest review {latest.isoformat()}",
    )
    mismatches = int(df.loc[included, "mismatch"].sum())
    metrics: dict[str, float | int | str | None] = {
        "reviews": int(len(df)),
        "reviews_analysed": int(included.sum()),
        "spam_excluded": excluded,
        "spam_downweighted": down,
        "spam_unscored": unscored,
        "skus": len(per_sku_rows),
        "mean_rating": _round(mean_rating, 2),
        "mean_sentiment": _round(mean_sent),
        "positive": label_counts["positive"],
        "neutral": label_counts["neutral"],
        "negative": label_counts["negative"],
        "rating_text_mismatches": mismatches,
        "window_days": window,
        "as_of": as_of.isoformat(),
    }
    series = period_series(df.assign(weight=weights)[["date", "rating", "score", "weight"]])
    summary = _summary(per_sku_rows, findings, metrics)
    scored = ScoredReviews(
        frame=df[["review_id", "sku", "date", "rating", "label", "weight", "_aspects"]
                 + [c for c in ("product_title",) if c in df.columns]].assign(text=full_text).rename(
            columns={"_aspects": "aspects"}),
        start=options.period_start or min(df["date"]), end=as_of)
    answers = sentiment_answers(list(options.asks), scored, scoped=list(options.scoped),
                                window_days=options.decline_window_days) if options.asks else []
    findings.sort(key=lambda f: (_SEVERITY_RANK[f.severity], f.id))
    return AgentResult(
        agent="sentiment",
        tenant_id=tenant_id,
        status="ok",
        summary=summary,
        metrics=metrics,
        findings=findings,
        actions=actions,
        warnings=warnings,
        confidence=confidence,
        data={
            "answers": [a.model_dump(mode="json") for a in answers],
            "per_sku": per_sku_rows,
            "weekly": _series_rows(series),
            "reviews": [
                {
                    "review_id": rid,
                    "sku": sku,
                    "date": d.isoformat(),
                    "label": lab,
                    "score": round(float(sc), 3),
                    "confidence": int(cf),
                    "spam_weight": float(wt),
                    "rating_text_mismatch": bool(mm),
                }
                for rid, sku, d, lab, sc, cf, wt, mm in zip(
                    df["review_id"],
                    df["sku"],
                    df["date"],
                    df["label"],
                    batch.score,
                    batch.confidence,
                    weights,
                    batch.rating_mismatch,
                    strict=True,
                )
            ][:1000],
        },
    )


#: What to do when an aspect drops, by aspect (rule-based; impact unknown, so 0).
ASPECT_ACTIONS: dict[str, str] = {
    "quality_durability": "Inspect recent stock for defects and check the supplier batch",
    "shipping_delivery": "Review the carrier and fulfilment times",
    "size_fit": "Check the size chart and the product's measurements",
    "customer_service": "Review support response times and the returns process",
    "packaging": "Improve the packaging protection",
    "price_value": "Review the price against perceived value and competitors",
    "usability": "Improve setup instructions and onboarding",
}
_URGENCY: dict[str, Literal["low", "medium", "high"]] = {
    "critical": "high",
    "high": "high",
    "medium": "medium",
    "low": "low",
    "info": "low",
}


def recommend_actions(findings: list[Finding]) -> list[Action]:
    """Rule-based actions for aspect drops and top feature requests, most urgent first."""
    actions: list[Action] = []
    for f in findings:
        if f.id.startswith("aspect-drop-") and f.sku:
            aspect = str(f.metrics.get("aspect"))
            actions.append(
                Action(
                    title=f"{ASPECT_ACTIONS.get(aspect, 'Investigate ' + aspect)} ({f.sku})",
                    detail=f.title,
                    sku=f.sku,
                    urgency=_URGENCY[f.severity],
                    method="rule: aspect sentiment drop between windows",
                    finding_ids=[f.id],
                )
            )
        elif f.id.startswith("request-") and f.sku and int(f.metrics.get("reviews") or 0) >= 3:
            actions.append(
                Action(
                    title=f"Consider the requested feature {f.metrics.get('request')!r} ({f.sku})",
                    detail=f.title,
                    sku=f.sku,
                    urgency="low",
                    method="rule: feature request asked in 3+ reviews",
                    finding_ids=[f.id],
                )
            )
    order = {"high": 0, "medium": 1, "low": 2}
    actions.sort(key=lambda a: order[a.urgency])
    return actions


@dataclass(frozen=True)
class _SkuRows:
    """One SKU's reviews as arrays (sliced once from the analysed frame; no per-SKU DataFrame)."""

    ids: np.ndarray
    labels: np.ndarray
    mismatch: np.ndarray
    aspects: list[dict[str, float]]


def _first(firsts: pd.DataFrame | None, sku: Any, column: str) -> Any:
    """The first non-null value of ``column`` among a SKU's reviews (``None`` when there is none)."""
    if firsts is None or column not in firsts.columns:
        return None
    value: Any = firsts.at[sku, column]
    return None if pd.isna(value) else value


_SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def _series_rows(series: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows of a period series (dates as ISO strings, floats rounded, NaN as None)."""
    rows: list[dict[str, Any]] = []
    for rec in series.to_dict("records"):
        rows.append(
            {
                str(k): (v.isoformat() if isinstance(v, date) else _round(v) if isinstance(v, float) else v)
                for k, v in rec.items()
            }
        )
    return rows


def _slug(text: str) -> str:
    """A finding-id fragment: lower-case letters and digits joined by underscores."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "term"


def _fmt(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def _severity(drop: float, scale: float) -> Severity:
    if drop >= 3 * scale:
        return "high"
    if drop >= 2 * scale:
        return "medium"
    return "low"


def _sku_findings(
    sku: str,
    g: _SkuRows,
    row: dict[str, Any],
    rating_cmp: Any,
    text_cmp: Any,
    aspect_rows: list[dict[str, Any]],
    complaints: list[TermStat],
    requests: list[Any],
    recent_mask: np.ndarray,
    w: np.ndarray,
    query: Evidence | None,
    certainty: float,
    freshness: float | None,
    options: AnalysisOptions,
) -> list[Finding]:
    """Findings for one SKU: overall standing, declines, aspect drops, new complaints, requests."""
    out: list[Finding] = []
    base_evidence = [query] if query is not None else []
    n = int((w > 0).sum())
    completeness = min(1.0, n / FULL_EVIDENCE_REVIEWS)

    def conf(explanation: str, sample: int | None = None) -> Confidence:
        comp = completeness if sample is None else min(1.0, sample / (FULL_EVIDENCE_REVIEWS / 2))
        return Confidence.compute(
            model_certainty=certainty, data_completeness=comp, data_freshness=freshness, explanation=explanation
        )

    neg_ids = g.ids[(g.labels == "negative") & (w > 0)].tolist()[:5]
    pos_ids = g.ids[(g.labels == "positive") & (w > 0)].tolist()[:5]
    out.append(
        Finding(
            id=f"sentiment-{sku}",
            sku=sku,
            category=row.get("category"),
            severity="info",
            title=f"{sku}: sentiment {row['sentiment']:+.2f} over {n} reviews"
            + (f", mean rating {row['mean_rating']:.2f}" if row["mean_rating"] is not None else ""),
            detail=(
                f"{row['positive_share']:.0%} positive, {row['negative_share']:.0%} negative; "
                f"rating trend {row['rating_slope_per_30d']} stars per 30 days, text sentiment trend "
                f"{row['sentiment_slope_per_30d']} per 30 days."
            ),
            metrics={
                k: row[k]
                for k in (
                    "reviews",
                    "mean_rating",
                    "sentiment",
                    "text_sentiment",
                    "positive_share",
                    "negative_share",
                    "rating_slope_per_30d",
                    "sentiment_slope_per_30d",
                )
            },
            evidence=[
                *base_evidence,
                Evidence(description="example negative reviews", row_ids=neg_ids),
                Evidence(description="example positive reviews", row_ids=pos_ids),
            ],
            confidence=conf("aggregate over all analysed reviews"),
        )
    )
    r_delta, t_delta = rating_cmp.delta, text_cmp.delta
    recent_n = rating_cmp.recent_n or text_cmp.recent_n
    before_n = rating_cmp.before_n or text_cmp.before_n
    comparable = min(recent_n, before_n) >= MIN_WINDOW_REVIEWS
    declining = comparable and (
        (r_delta is not None and r_delta <= -RATING_DROP) or (t_delta is not None and t_delta <= -SENTIMENT_DROP)
    )
    if comparable and not declining:
        out.append(
            Finding(
                id=f"trend-{sku}",
                sku=sku,
                category=row.get("category"),
                severity="info",
                title=f"{sku}: no significant decline in the last {options.window_days} days",
                detail=(
                    f"Rating {_fmt(rating_cmp.before_mean)} -> {_fmt(rating_cmp.recent_mean)}, text sentiment "
                    f"{_fmt(text_cmp.before_mean, signed=True)} -> {_fmt(text_cmp.recent_mean, signed=True)} "
                    f"({before_n} reviews before, {recent_n} recent)."
                ),
                metrics={
                    "rating_delta": _round(r_delta, 2),
                    "text_sentiment_delta": _round(t_delta),
                    "recent_reviews": recent_n,
                    "before_reviews": before_n,
                },
                evidence=list(base_evidence),
                confidence=conf("window comparison", min(recent_n, before_n)),
            )
        )
    if declining:
        recent_neg = g.ids[recent_mask & (g.labels == "negative") & (w > 0)].tolist()[:5]
        severity = _severity(max(-(r_delta or 0.0) / RATING_DROP, -(t_delta or 0.0) / SENTIMENT_DROP), 1.0)
        parts = []
        if r_delta is not None:
            parts.append(f"rating {rating_cmp.before_mean:.2f} -> {rating_cmp.recent_mean:.2f}")
        if t_delta is not None:
            parts.append(f"text sentiment {text_cmp.before_mean:+.2f} -> {text_cmp.recent_mean:+.2f}")
        dropped = sorted(
            [a for a in aspect_rows if a["delta"] is not None and a["delta"] < -0.1], key=lambda a: a["delta"]
        )
        # only lexicon expressions (fixed vocabulary) go into prose; review-derived topic words stay in data
        new_complaints = sorted(
            [c for c in complaints if c.trend > 0.05 and c.kind == "expression"], key=lambda c: -c.trend
        )
        out.append(
            Finding(
                id=f"decline-{sku}",
                sku=sku,
                category=row.get("category"),
                severity=severity,
                title=f"{sku}: ratings and sentiment falling ({'; '.join(parts)})",
                detail=(
                    f"Last {options.window_days} days ({rating_cmp.recent_n or text_cmp.recent_n} reviews) versus the "
                    f"{options.window_days} days before ({rating_cmp.before_n or text_cmp.before_n} reviews). "
                    + (f"Aspects that dropped most: {', '.join(a['aspect'] for a in dropped[:3])}. " if dropped else "")
                    + (
                        f"Complaints rising: {', '.join(repr(c.term) for c in new_complaints[:3])}."
                        if new_complaints
                        else ""
                    )
                ),
                metrics={
                    "recent_rating": _round(rating_cmp.recent_mean, 2),
                    "before_rating": _round(rating_cmp.before_mean, 2),
                    "rating_delta": _round(r_delta, 2),
                    "recent_text_sentiment": _round(text_cmp.recent_mean),
                    "before_text_sentiment": _round(text_cmp.before_mean),
                    "text_sentiment_delta": _round(t_delta),
                    "recent_reviews": rating_cmp.recent_n or text_cmp.recent_n,
                    "before_reviews": rating_cmp.before_n or text_cmp.before_n,
                },
                evidence=[
                    *base_evidence,
                    Evidence(
                        description="recent negative reviews",
                        row_ids=recent_neg,
                        values={"window_days": options.window_days, "as_of": options.as_of.isoformat()},
                    ),
                ],
                confidence=conf(
                    "window comparison",
                    min(rating_cmp.recent_n or text_cmp.recent_n, rating_cmp.before_n or text_cmp.before_n),
                ),
            )
        )
        for a in dropped[:3]:
            ids = [
                rid
                for rid, asp, rec in zip(g.ids, g.aspects, recent_mask, strict=True)
                if rec and asp.get(a["aspect"], 0.0) < 0
            ][:5]
            out.append(
                Finding(
                    id=f"aspect-drop-{sku}-{a['aspect']}",
                    sku=sku,
                    category=row.get("category"),
                    severity="medium" if a["delta"] < -0.4 else "low",
                    title=f"{sku}: {a['aspect']} sentiment dropped {a['before_sentiment']:+.2f} -> "
                    f"{a['recent_sentiment']:+.2f}",
                    metrics={
                        "aspect": a["aspect"],
                        "before_sentiment": a["before_sentiment"],
                        "recent_sentiment": a["recent_sentiment"],
                        "delta": a["delta"],
                        "mentions": a["mentions"],
                    },
                    evidence=[
                        *base_evidence,
                        Evidence(description=f"recent reviews negative on {a['aspect']}", row_ids=ids),
                    ],
                    confidence=conf("aspect mentions in both windows", a["mentions"]),
                )
            )
    for c in complaints[: options.top_n]:
        if c.kind != "expression" and c.trend <= 0.05:
            continue
        out.append(
            Finding(
                id=f"complaint-{sku}-{_slug(c.term)}",
                sku=sku,
                category=row.get("category"),
                severity="medium" if c.trend > 0.2 else "low",
                title=f"{sku}: recurring complaint {c.term!r} in {c.reviews} reviews",
                detail=(
                    f"Share of reviews mentioning it: {c.recent_share:.0%} in the last {options.window_days} days "
                    f"vs {c.before_share:.0%} before."
                ),
                metrics={
                    "term": c.term,
                    "kind": c.kind,
                    "reviews": c.reviews,
                    "recent_share": round(c.recent_share, 3),
                    "before_share": round(c.before_share, 3),
                    "trend": round(c.trend, 3),
                },
                evidence=[*base_evidence, Evidence(description="reviews with this complaint", row_ids=c.review_ids)],
                confidence=conf("complaint frequency", c.reviews),
            )
        )
    for fr in requests[:3]:
        out.append(
            Finding(
                id=f"request-{sku}-{_slug(fr.request)[:40]}",
                sku=sku,
                category=row.get("category"),
                severity="info",
                title=f"{sku}: feature request {fr.request!r} ({fr.reviews} reviews)",
                metrics={"request": fr.request, "reviews": fr.reviews},
                evidence=[*base_evidence, Evidence(description="reviews asking for it", row_ids=fr.review_ids)],
                confidence=conf("feature request frequency", fr.reviews),
            )
        )
    if row["rating_text_mismatches"]:
        ids = g.ids[g.mismatch.astype(bool) & (w > 0)].tolist()[:5]
        out.append(
            Finding(
                id=f"mismatch-{sku}",
                sku=sku,
                category=row.get("category"),
                severity="low",
                title=f"{sku}: {row['rating_text_mismatches']} reviews whose text contradicts their star rating",
                detail=(
                    "Often a misplaced rating (1 star meaning best) or a complaint about delivery under a good rating."
                ),
                metrics={"mismatches": row["rating_text_mismatches"]},
                evidence=[*base_evidence, Evidence(description="reviews with rating-text mismatch", row_ids=ids)],
                confidence=conf("mismatch count", row["rating_text_mismatches"]),
            )
        )
    return out


def _summary(rows: list[dict[str, Any]], findings: list[Finding], metrics: dict[str, Any]) -> str:
    """A plain one-paragraph summary built only from computed numbers and fixed vocabulary."""
    parts = [
        f"{metrics['reviews_analysed']} reviews across {metrics['skus']} SKU(s): mean sentiment "
        f"{metrics['mean_sentiment']:+.2f}"
        + (f", mean rating {metrics['mean_rating']:.2f}" if metrics["mean_rating"] is not None else "")
        + "."
    ]
    declines = [f for f in findings if f.id.startswith("decline-")]
    for f in declines[:3]:
        parts.append(f"{f.title}. {f.detail}".strip())
    if metrics["spam_excluded"]:
        parts.append(f"{metrics['spam_excluded']} suspected spam reviews excluded.")
    return " ".join(parts)
