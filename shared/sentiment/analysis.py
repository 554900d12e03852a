"""Compose the sentiment agent's ``AgentResult`` from review rows (no backend needed).

Per product: aggregate sentiment and rating with their trend; which aspects moved between the recent
window and the one before; recurring complaints now versus before; feature requests; rating-text
mismatches. Suspected spam (``spam_score`` from processing) is excluded or down-weighted and counted.
Review text is only ever data here: it is scored and counted, never interpreted as instructions.

The steps: :func:`prepare_reviews` (columns, spam weights, warnings), :func:`analyse_frame` (scores and
windows, once), :func:`~shared.sentiment.sku_stats.sku_statistics` (per-SKU numbers, once), the finding
rules of :mod:`shared.sentiment.findings`, and the result's metrics, summary and data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from shared.agents.answers import AskKind
from shared.models.agents import AgentResult, Confidence, Evidence, Finding
from shared.sentiment.adjusted import METHOD as ADJUSTED_METHOD
from shared.sentiment.adjusted import (
    AdjustedRating,
    SpamSuspicion,
    adjusted_rating,
    adjusted_ratings_by,
    suspect_spam,
)
from shared.sentiment.answers import DECLINE_WINDOW_DAYS, ScoredReviews
from shared.sentiment.aspect_answers import answer_asks
from shared.sentiment.findings import (
    FULL_EVIDENCE_REVIEWS,
    MIN_WINDOW_REVIEWS,
    RATING_DROP,
    SENTIMENT_DROP,
    RuleContext,
    recommend_actions,
    sku_findings,
)
from shared.sentiment.listing import listing_answer
from shared.sentiment.method_plan import mark_encoder_warm, plan_scoring
from shared.sentiment.modes import Purpose
from shared.sentiment.readings import ReadingSource, review_texts
from shared.sentiment.scorer import LABELS
from shared.sentiment.scoring import FreshReadings, score_reviews
from shared.sentiment.sku_stats import (
    MAX_SERIES_PERIODS,
    AnalysedReviews,
    round_or_none,
    sku_statistics,
    weighted_mean,
)
from shared.sentiment.themes import MAX_THEME_REVIEWS, OpinionPhrase, ThemeSet, find_themes, opinion_phrases
from shared.sentiment.trends import epoch_days, period_series, period_series_by, window_masks

__all__ = [
    "FULL_EVIDENCE_REVIEWS",
    "MAX_SERIES_PERIODS",
    "MIN_WINDOW_REVIEWS",
    "RATING_DROP",
    "SENTIMENT_DROP",
    "AnalysisOptions",
    "analyse_reviews",
    "recommend_actions",
    "spam_weights",
]

#: Reviews read for themes between two looks at the clock (newest first) when the themes have a deadline: the
#: opinion phrases of 250 reviews take ~0.1 s on an idle core.
THEME_CHUNK = 250
#: Reviews at or above this spam score are excluded; between the two thresholds they count (1 - score).
SPAM_EXCLUDE = 0.8
SPAM_DOWNWEIGHT = 0.5

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
    #: Distinct phrases the sentence encoder may embed for themes (0: lexical themes only).
    theme_embed_limit: int = 0
    #: Polarity method (``auto`` lets volume, purpose and deadline choose; see ``method_plan``).
    method: str = "lexicon"
    purpose: Purpose | None = None
    #: Seconds the polarity scoring may take (``None``: no deadline).
    scoring_deadline_s: float | None = None
    #: ``time.perf_counter()`` reading by which the themes must be drawn (``None``: no deadline): past it, no more
    #: reviews are read for themes (newest first) and no phrase is embedded.
    themes_by: float | None = None
    #: ``time.perf_counter()`` reading after which no further product's texts are mined for its complaints, praise,
    #: requests and aspects (``None``: no deadline); its numbers are still computed, and the result says how many were.
    mining_by: float | None = None
    #: The word an ``aspect`` ask is about ("shipping", "battery").
    aspect: str | None = None
    #: The aspect's complaints asked to be moving ("is the shipping complaint getting worse?"): the change first.
    theme_trend: bool = False
    #: The products asked ranked by the aspect's complaints ("which product has the most complaints about delivery?").
    aspect_ranked: bool = False
    #: The star ratings the reviews were narrowed to (said in every answer: "In the 12 one-star reviews ...").
    stars: tuple[int, ...] = ()
    #: Reviews shown one by one instead of summed up (``shared.sentiment.listing``), and how many.
    listing: str | None = None
    list_size: int = 5
    #: The sales channels the reviews were narrowed to (said with the products: "66 products on amazon").
    channels: tuple[str, ...] = ()
    #: The categories the reviews were narrowed to, as the catalogue spells them (said: "13 Kitchen products").
    categories: tuple[str, ...] = ()
    #: The brands whose products ``scoped`` holds (said: "35 Northwind products", not the first three names).
    brands: tuple[str, ...] = ()


def spam_weights(spam_score: pd.Series) -> tuple[np.ndarray, int, int, int]:
    """Per-review weights from spam scores: (weights, excluded, down-weighted, unscored)."""
    s = pd.to_numeric(spam_score, errors="coerce").to_numpy(dtype=float)
    unscored = int(np.isnan(s).sum())
    s0 = np.nan_to_num(s, nan=0.0)
    weights = np.where(s0 >= SPAM_EXCLUDE, 0.0, np.where(s0 >= SPAM_DOWNWEIGHT, 1.0 - s0, 1.0))
    excluded = int((s0 >= SPAM_EXCLUDE).sum())
    down = int(((s0 >= SPAM_DOWNWEIGHT) & (s0 < SPAM_EXCLUDE)).sum())
    return weights, excluded, down, unscored


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


@dataclass
class PreparedReviews:
    """Review rows with normalised columns, the text scored (title + body) and spam weights."""

    frame: pd.DataFrame
    full_text: list[str]
    weights: np.ndarray
    excluded: int
    downweighted: int
    unscored: int
    empty_text: int
    warnings: list[str] = field(default_factory=list)


def prepare_reviews(reviews: pd.DataFrame, warnings: list[str]) -> PreparedReviews:
    """Normalise the columns, weight suspected spam and note what is missing (in ``warnings``)."""
    df = reviews.reset_index(drop=True).copy()
    df["review_id"] = df["review_id"].astype(str)
    df["sku"] = df["sku"].astype(str)
    df["date"] = [None if pd.isna(d) else d.date() for d in pd.to_datetime(df["date"])]  # None: undated
    df["text"] = df["text"].fillna("").astype(str)
    full_text = review_texts(df)
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
    return PreparedReviews(df, full_text, weights, excluded, down, unscored, empty_text, warnings)


def analyse_frame(prepared: PreparedReviews, options: AnalysisOptions,
                  readings: ReadingSource | None = None) -> AnalysedReviews:
    """Score every review once and mark the windows (the per-SKU statistics slice these arrays).

    ``readings``: where each text's reading comes from (kept ones, the rest read; ``None``: every text read here).
    """
    df = prepared.frame
    ratings: list[float | None] = [None if np.isnan(r) else float(r) for r in df["rating"].to_numpy(dtype=float)]
    plan = plan_scoring(df["sku"].tolist(), df["date"].tolist(), requested=options.method,
                        purpose=options.purpose, deadline_s=options.scoring_deadline_s)
    source = readings or FreshReadings()
    batch = score_reviews(prepared.full_text, ratings, method=plan.method, accurate_rows=plan.accurate_rows,
                          readings=source.readings(prepared.full_text), accurate=source.accurate_scores)
    if plan.accurate_rows:
        mark_encoder_warm()
    df["score"] = batch.score
    df["text_score"] = batch.text_score
    df["label"] = batch.labels
    df["confidence"] = batch.confidence
    df["weight"] = prepared.weights
    df["mismatch"] = batch.rating_mismatch
    df["_aspects"] = pd.Series(batch.aspects, index=df.index, dtype=object)
    recent, before = window_masks(df["date"], options.as_of, options.window_days)
    return AnalysedReviews(frame=df, full_text=prepared.full_text, batch=batch, weights=prepared.weights,
                           recent=recent, before=before, days=epoch_days(df["date"]), as_of=options.as_of,
                           window_days=options.window_days, plan=plan)


def _weekly_by_sku(data: AnalysedReviews) -> dict[str, list[dict[str, Any]]]:
    """Each SKU's weekly series (computed for all rows at once: per-SKU pandas calls dominated the run time)."""
    frame = data.frame[["sku", "date", "rating", "score"]].assign(weight=data.weights)
    weekly: dict[str, list[dict[str, Any]]] = {}
    for period in _series_rows(period_series_by(frame, "sku")):
        weekly.setdefault(str(period.pop("sku")), []).append(period)
    return weekly


def _metrics(data: AnalysedReviews, prepared: PreparedReviews, skus: int,
             adjusted: AdjustedRating) -> dict[str, float | int | str | None]:
    """The result's headline numbers over every counted review."""
    df, weights = data.frame, data.weights
    included = weights > 0
    incl = df[included]
    label_counts = {lab: int((incl["label"] == lab).sum()) for lab in LABELS}
    return {
        "reviews": int(len(df)),
        "reviews_analysed": int(included.sum()),
        "spam_excluded": prepared.excluded,
        "spam_downweighted": prepared.downweighted,
        "spam_unscored": prepared.unscored,
        "skus": skus,
        "mean_rating": round_or_none(weighted_mean(incl["rating"].to_numpy(dtype=float), weights[included]), 2),
        "mean_sentiment": round_or_none(weighted_mean(incl["score"].to_numpy(dtype=float), weights[included])),
        "positive": label_counts["positive"],
        "neutral": label_counts["neutral"],
        "negative": label_counts["negative"],
        "rating_text_mismatches": int(df.loc[included, "mismatch"].sum()),
        "sentiment_method": data.plan.label if data.plan is not None else data.batch.method,
        "raw_rating": round_or_none(adjusted.raw, 2),
        "adjusted_rating": round_or_none(adjusted.adjusted, 2),
        "suspected_spam": adjusted.suspected,
        "window_days": data.window_days,
        "as_of": data.as_of.isoformat(),
    }


#: Reviews listed one by one in ``data.reviews`` (the first ones).
REVIEW_ROWS = 1000


def _review_rows(data: AnalysedReviews) -> list[dict[str, Any]]:
    """Per-review labels for ``data.reviews`` (the first :data:`REVIEW_ROWS`; built for those only, not for all)."""
    df, batch = data.frame.iloc[:REVIEW_ROWS], data.batch
    return [
        {
            "review_id": rid,
            "sku": sku,
            "date": d.isoformat() if d is not None else None,
            "label": lab,
            "score": round(float(sc), 3),
            "confidence": int(cf),
            "spam_weight": float(wt),
            "rating_text_mismatch": bool(mm),
        }
        for rid, sku, d, lab, sc, cf, wt, mm in zip(
            df["review_id"], df["sku"], df["date"], df["label"], batch.score[:REVIEW_ROWS],
            batch.confidence[:REVIEW_ROWS], data.weights[:REVIEW_ROWS], batch.rating_mismatch[:REVIEW_ROWS],
            strict=True,
        )
    ]


def _past(instant: float | None) -> bool:
    """Whether the clock has passed ``instant`` (``None``: never)."""
    return instant is not None and time.perf_counter() > instant


def review_themes(data: AnalysedReviews, options: AnalysisOptions) -> ThemeSet:
    """Complaint and praise themes of the most recent :data:`MAX_THEME_REVIEWS` counted reviews.

    Under ``options.themes_by`` the reviews are read newest first, :data:`THEME_CHUNK` at a time, until the clock
    passes it (the newest chunk is always read): on a loaded machine the themes took half of an overview answer's
    time and ran past the agent's deadline. The phrases keep the reviews' order, so a run that reads every review
    draws the same themes as one without a deadline.
    """
    df = data.frame
    ordinal = [d.toordinal() if d is not None else 0 for d in df["date"]]  # undated: the oldest
    order = np.argsort(np.asarray(ordinal, dtype=np.int64), kind="stable")
    keep = np.sort(order[-MAX_THEME_REVIEWS:])
    skus = df["sku"].to_numpy(dtype=object)
    totals: dict[str, tuple[float, float]] = {}
    for sku, group in df.groupby("sku").indices.items():
        w = data.weights[group]
        totals[str(sku)] = (float(w[data.recent[group]].sum()), float(w[data.before[group]].sum()))
    ids, titles = df["review_id"].to_numpy(dtype=object), (
        df["product_title"].to_numpy(dtype=object) if "product_title" in df.columns else None)
    read: list[list[OpinionPhrase]] = []
    n_read = 0
    for stop in range(len(keep), 0, -THEME_CHUNK):  # newest first
        if read and _past(options.themes_by):
            break
        chunk = keep[max(0, stop - THEME_CHUNK):stop]
        read.append(opinion_phrases(
            ids[chunk].tolist(), skus[chunk].tolist(), [data.full_text[i] for i in chunk],
            data.batch.score[chunk].tolist(), data.weights[chunk].tolist(), data.recent[chunk].tolist(),
            data.before[chunk].tolist(), titles[chunk].tolist() if titles is not None else None))
        n_read += len(chunk)
    phrases = [p for part in reversed(read) for p in part]
    late = _past(options.themes_by)
    themes = find_themes(phrases, window_totals=totals, embed_limit=0 if late else options.theme_embed_limit,
                         limit=2 * options.top_n, per_sku_limit=options.top_n)
    if n_read < len(keep):
        themes.notes.append(f"themes read from the {n_read} most recent of {len(df)} reviews (the answer's deadline)")
    elif len(df) > MAX_THEME_REVIEWS:
        themes.notes.append(f"themes read from the {MAX_THEME_REVIEWS} most recent of {len(df)} reviews")
    if late and options.theme_embed_limit:
        themes.notes.append("theme phrases clustered lexically, without embeddings (the answer's deadline)")
    return themes


def _theme_data(themes: ThemeSet) -> dict[str, Any]:
    return {"method": themes.method, "notes": themes.notes, "phrases": themes.phrases,
            "complaints": [t.as_row() for t in themes.complaints], "praise": [t.as_row() for t in themes.praise]}


def _method_data(data: AnalysedReviews) -> dict[str, Any]:
    """Which polarity method read which reviews, with the model, for the result's evidence."""
    plan = data.plan.as_dict() if data.plan is not None else {"method": data.batch.method}
    return {**plan, "model": data.batch.model}


def _answers(data: AnalysedReviews, options: AnalysisOptions, suspicion: SpamSuspicion,
             themes: ThemeSet) -> list[dict[str, Any]]:
    """The direct answers to the question's asks."""
    if not options.asks:
        return []
    df = data.frame
    columns = ["review_id", "sku", "date", "rating", "label", "score", "weight", "_aspects"]
    columns += [c for c in ("product_title",) if c in df.columns]
    scored = ScoredReviews(
        frame=df[columns].assign(text=data.full_text, suspected=suspicion.suspected,
                                 readable=data.batch.readable,
                                 spam_reasons=pd.Series(suspicion.reasons, index=df.index, dtype=object)).rename(
            columns={"_aspects": "aspects"}),
        start=options.period_start or min((d for d in df["date"] if d is not None), default=options.as_of),
        end=options.as_of, method=data.plan.describe() if data.plan is not None else "", themes=themes,
        undated=int(df["date"].isna().sum()), stars=options.stars, channels=options.channels,
        categories=options.categories, brands=options.brands)
    if options.listing:  # "show me angry reviews": the reviews themselves, for the question's first ask
        return [listing_answer(scored, list(options.scoped), options.listing, options.list_size,
                               options.asks[0], options.aspect).model_dump(mode="json")]
    answers = answer_asks(list(options.asks), scored, scoped=list(options.scoped),
                          window_days=options.decline_window_days, aspect=options.aspect,
                          trend_first=options.theme_trend, ranked=options.aspect_ranked)
    return [a.model_dump(mode="json") for a in answers]


def analyse_reviews(
    reviews: pd.DataFrame,
    *,
    tenant_id: str,
    options: AnalysisOptions,
    query: Evidence | None = None,
    readings: ReadingSource | None = None,
) -> AgentResult:
    """Analyse review rows and return the standard result.

    Columns: review_id, sku, date, text; optionally rating, title, spam_score, product_title, category.
    ``readings``: where each review text's reading comes from (the agent's: kept by the store, the missing ones read;
    ``None``: every text read here).
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
    prepared = prepare_reviews(reviews, warnings)
    data = analyse_frame(prepared, options, readings)
    included = data.weights > 0
    if not included.any():
        return _insufficient(tenant_id, "every review is suspected spam", ["reviews not flagged as spam"], warnings)

    latest = max((d for d in data.frame.loc[included, "date"] if d is not None), default=None)  # None: all undated
    freshness = Confidence.freshness(latest, options.as_of)
    certainty = float(np.average(data.batch.confidence[included] / 100.0, weights=data.weights[included]))
    ctx = RuleContext(query=query, certainty=certainty, freshness=freshness, as_of=options.as_of,
                      window_days=options.window_days, top_n=options.top_n)
    weekly = _weekly_by_sku(data)
    themes = review_themes(data, options)
    suspicion = suspect_spam(data.frame)
    ratings = data.frame["rating"].to_numpy(dtype=float)
    findings: list[Finding] = []
    per_sku_rows: list[dict[str, Any]] = []
    rows_of = data.frame.groupby("sku").indices  # each product's rows (one pass, not a comparison per product)
    products = sku_statistics(data, top_n=options.top_n, themes=themes, mine_by=options.mining_by)
    notes = [note] if (note := products.note()) else []
    warnings.extend(notes)
    adjusted = adjusted_ratings_by(ratings, suspicion, {s.sku: np.asarray(rows_of[s.sku]) for s in products.products})
    for stats in products.products:
        row = stats.as_row(weekly.get(stats.sku, []))
        row.update(adjusted[stats.sku].as_dict())
        per_sku_rows.append(row)
        findings.extend(sku_findings(stats, ctx))

    actions = recommend_actions(findings)
    completeness = min(1.0, float(included.sum()) / FULL_EVIDENCE_REVIEWS) * (
        1.0 - 0.5 * prepared.empty_text / len(data.frame))
    confidence = Confidence.compute(
        model_certainty=certainty,
        data_completeness=completeness,
        data_freshness=freshness,
        explanation=f"{int(included.sum())} reviews analysed; "
                    + (f"latest review {latest.isoformat()}" if latest is not None else "every review is undated"),
    )
    overall = adjusted_rating(ratings, suspicion)
    metrics = _metrics(data, prepared, len(per_sku_rows), overall)
    series = period_series(data.frame.assign(weight=data.weights)[["date", "rating", "score", "weight"]])
    summary = _summary(per_sku_rows, findings, metrics, overall)
    if data.plan is not None and data.plan.label != "lexicon":
        summary += " " + data.plan.describe()
    answers = _answers(data, options, suspicion, themes)
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
            "answers": answers,
            "per_sku": per_sku_rows,
            "themes": _theme_data(themes),
            "adjusted_rating": {**overall.as_dict(), "method": ADJUSTED_METHOD},
            "method": _method_data(data),
            "weekly": _series_rows(series),
            "reviews": _review_rows(data),
            **({"notes": notes} if notes else {}),  # what a deadline left out (none: the result as before)
        },
    )


_SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def _series_rows(series: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows of a period series (dates as ISO strings, floats rounded, NaN as None)."""
    rows: list[dict[str, Any]] = []
    for rec in series.to_dict("records"):
        rows.append(
            {
                str(k): (v.isoformat() if isinstance(v, date) else round_or_none(v) if isinstance(v, float) else v)
                for k, v in rec.items()
            }
        )
    return rows


def _summary(rows: list[dict[str, Any]], findings: list[Finding], metrics: dict[str, Any],
             adjusted: AdjustedRating) -> str:
    """A plain one-paragraph summary built only from computed numbers and fixed vocabulary."""
    parts = [
        f"{metrics['reviews_analysed']} reviews across {metrics['skus']} SKU(s): mean sentiment "
        f"{metrics['mean_sentiment']:+.2f}"
        + (f", mean rating {metrics['mean_rating']:.2f}" if metrics.get("mean_rating") is not None else "")
        + (f"; {adjusted.phrase()}" if adjusted.raw is not None else "")
        + "."
    ]
    declines = [f for f in findings if f.id.startswith("decline-")]
    for f in declines[:3]:
        parts.append(f"{f.title}. {f.detail}".strip())
    if metrics["spam_excluded"]:
        parts.append(f"{metrics['spam_excluded']} suspected spam reviews excluded.")
    return " ".join(parts)
