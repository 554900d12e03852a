"""Finding rules of the sentiment agent: each reads one SKU's statistics and reports one kind of finding.

A rule is a function ``(SkuStats, RuleContext) -> list[Finding]``; :data:`FINDING_RULES` lists them in the
order their findings appear for a SKU. Prose is built only from computed numbers, fixed vocabulary and
lexicon expressions; review-derived words stay in ``data``. :func:`recommend_actions` turns findings into
rule-based next steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from shared import regex as re
from shared.models.agents import Action, Confidence, Evidence, Finding, Severity
from shared.sentiment.sku_stats import AspectRow, SkuStats, round_or_none

#: Reviews needed for full data completeness.
FULL_EVIDENCE_REVIEWS = 30
#: A drop of this much (rating stars / sentiment units) between windows is reported as a decline.
RATING_DROP = 0.3
SENTIMENT_DROP = 0.15
#: Both windows need this many reviews before a change between them is reported.
MIN_WINDOW_REVIEWS = 3
#: A complaint whose share of reviews rose by more than this is "rising".
RISING_SHARE = 0.05
#: A complaint theme whose share of reviews rose by more than this is reported as rising.
RISING_THEME_SHARE = 0.1
#: An aspect whose sentiment fell by more than this between windows has "dropped".
ASPECT_DROP = 0.1


@dataclass(frozen=True)
class RuleContext:
    """What every rule needs besides the SKU: the query evidence, model certainty, freshness, the windows."""

    query: Evidence | None
    certainty: float
    freshness: float | None
    as_of: date
    window_days: int
    top_n: int

    @property
    def base_evidence(self) -> list[Evidence]:
        """The query evidence every finding carries (when the rows came from a query)."""
        return [self.query] if self.query is not None else []

    def confidence(self, stats: SkuStats, explanation: str, sample: int | None = None) -> Confidence:
        """Confidence of a finding: completeness from the SKU's reviews, or from ``sample`` when given."""
        completeness = (min(1.0, stats.reviews / FULL_EVIDENCE_REVIEWS) if sample is None
                        else min(1.0, sample / (FULL_EVIDENCE_REVIEWS / 2)))
        return Confidence.compute(model_certainty=self.certainty, data_completeness=completeness,
                                  data_freshness=self.freshness, explanation=explanation)


def slug(text: str) -> str:
    """A finding-id fragment: lower-case letters and digits joined by underscores."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "term"


def _fmt(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def _severity(drop: float) -> Severity:
    """Severity of a drop measured in multiples of its reporting threshold."""
    if drop >= 3:
        return "high"
    if drop >= 2:
        return "medium"
    return "low"


def comparable(s: SkuStats) -> bool:
    """Whether both windows have enough reviews to compare."""
    return min(s.recent_n, s.before_n) >= MIN_WINDOW_REVIEWS


def declining(s: SkuStats) -> bool:
    """Whether the rating or the text sentiment fell by a reportable amount between comparable windows."""
    r_delta, t_delta = s.rating_cmp.delta, s.text_cmp.delta
    return comparable(s) and (
        (r_delta is not None and r_delta <= -RATING_DROP) or (t_delta is not None and t_delta <= -SENTIMENT_DROP)
    )


def dropped_aspects(s: SkuStats) -> list[AspectRow]:
    """Aspects whose sentiment fell between the windows, largest fall first."""
    return sorted([a for a in s.aspects if a.delta is not None and a.delta < -ASPECT_DROP],
                  key=lambda a: a.delta or 0.0)


def standing_finding(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``sentiment-<sku>``: where the SKU stands overall, with example negative and positive reviews."""
    neg_ids = s.ids[(s.labels == "negative") & s.included].tolist()[:5]
    pos_ids = s.ids[(s.labels == "positive") & s.included].tolist()[:5]
    metrics = {
        "reviews": s.reviews,
        "mean_rating": s.mean_rating,
        "sentiment": s.sentiment,
        "text_sentiment": s.text_sentiment,
        "positive_share": s.positive_share,
        "negative_share": s.negative_share,
        "rating_slope_per_30d": s.rating_slope_per_30d,
        "sentiment_slope_per_30d": s.sentiment_slope_per_30d,
    }
    return [Finding(
        id=f"sentiment-{s.sku}",
        sku=s.sku,
        category=s.category,
        severity="info",
        title=f"{s.sku}: sentiment {s.sentiment:+.2f} over {s.reviews} reviews"
        + (f", mean rating {s.mean_rating:.2f}" if s.mean_rating is not None else ""),
        detail=(
            f"{s.positive_share:.0%} positive, {s.negative_share:.0%} negative; "
            f"rating trend {s.rating_slope_per_30d} stars per 30 days, text sentiment trend "
            f"{s.sentiment_slope_per_30d} per 30 days."
        ),
        metrics=metrics,
        evidence=[
            *ctx.base_evidence,
            Evidence(description="example negative reviews", row_ids=neg_ids),
            Evidence(description="example positive reviews", row_ids=pos_ids),
        ],
        confidence=ctx.confidence(s, "aggregate over all analysed reviews"),
    )]


def steady_finding(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``trend-<sku>``: both windows comparable and nothing fell."""
    if not comparable(s) or declining(s):
        return []
    rc, tc = s.rating_cmp, s.text_cmp
    return [Finding(
        id=f"trend-{s.sku}",
        sku=s.sku,
        category=s.category,
        severity="info",
        title=f"{s.sku}: no significant decline in the last {ctx.window_days} days",
        detail=(
            f"Rating {_fmt(rc.before_mean)} -> {_fmt(rc.recent_mean)}, text sentiment "
            f"{_fmt(tc.before_mean, signed=True)} -> {_fmt(tc.recent_mean, signed=True)} "
            f"({s.before_n} reviews before, {s.recent_n} recent)."
        ),
        metrics={
            "rating_delta": round_or_none(rc.delta, 2),
            "text_sentiment_delta": round_or_none(tc.delta),
            "recent_reviews": s.recent_n,
            "before_reviews": s.before_n,
        },
        evidence=list(ctx.base_evidence),
        confidence=ctx.confidence(s, "window comparison", min(s.recent_n, s.before_n)),
    )]


def decline_finding(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``decline-<sku>``: rating or text sentiment fell, with the aspects and complaints that moved."""
    if not declining(s):
        return []
    rc, tc = s.rating_cmp, s.text_cmp
    r_delta, t_delta = rc.delta, tc.delta
    window = ctx.window_days
    recent_neg = s.ids[s.recent & (s.labels == "negative") & s.included].tolist()[:5]
    severity = _severity(max(-(r_delta or 0.0) / RATING_DROP, -(t_delta or 0.0) / SENTIMENT_DROP))
    parts = []
    if r_delta is not None:
        parts.append(f"rating {rc.before_mean:.2f} -> {rc.recent_mean:.2f}")
    if t_delta is not None:
        parts.append(f"text sentiment {tc.before_mean:+.2f} -> {tc.recent_mean:+.2f}")
    dropped = dropped_aspects(s)
    # only lexicon expressions (fixed vocabulary) go into prose; review-derived topic words stay in data
    rising = sorted([c for c in s.complaints if c.trend > RISING_SHARE and c.kind == "expression"],
                    key=lambda c: -c.trend)
    return [Finding(
        id=f"decline-{s.sku}",
        sku=s.sku,
        category=s.category,
        severity=severity,
        title=f"{s.sku}: ratings and sentiment falling ({'; '.join(parts)})",
        detail=(
            f"Last {window} days ({s.recent_n} reviews) versus the {window} days before ({s.before_n} reviews). "
            + (f"Aspects that dropped most: {', '.join(a.aspect for a in dropped[:3])}. " if dropped else "")
            + (f"Complaints rising: {', '.join(repr(c.term) for c in rising[:3])}." if rising else "")
        ),
        metrics={
            "recent_rating": round_or_none(rc.recent_mean, 2),
            "before_rating": round_or_none(rc.before_mean, 2),
            "rating_delta": round_or_none(r_delta, 2),
            "recent_text_sentiment": round_or_none(tc.recent_mean),
            "before_text_sentiment": round_or_none(tc.before_mean),
            "text_sentiment_delta": round_or_none(t_delta),
            "recent_reviews": s.recent_n,
            "before_reviews": s.before_n,
        },
        evidence=[
            *ctx.base_evidence,
            Evidence(
                description="recent negative reviews",
                row_ids=recent_neg,
                values={"window_days": window, "as_of": ctx.as_of.isoformat()},
            ),
        ],
        confidence=ctx.confidence(s, "window comparison", min(s.recent_n, s.before_n)),
    )]


def aspect_drop_findings(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``aspect-drop-<sku>-<aspect>``: up to three aspects that fell most, when the SKU is declining."""
    if not declining(s):
        return []
    out = []
    for a in dropped_aspects(s)[:3]:
        ids = [rid for rid, asp, rec in zip(s.ids, s.review_aspects, s.recent, strict=True)
               if rec and asp.get(a.aspect, 0.0) < 0][:5]
        out.append(Finding(
            id=f"aspect-drop-{s.sku}-{a.aspect}",
            sku=s.sku,
            category=s.category,
            severity="medium" if (a.delta or 0.0) < -0.4 else "low",
            title=f"{s.sku}: {a.aspect} sentiment dropped {a.before_sentiment:+.2f} -> {a.recent_sentiment:+.2f}",
            metrics={
                "aspect": a.aspect,
                "before_sentiment": a.before_sentiment,
                "recent_sentiment": a.recent_sentiment,
                "delta": a.delta,
                "mentions": a.mentions,
            },
            evidence=[*ctx.base_evidence,
                      Evidence(description=f"recent reviews negative on {a.aspect}", row_ids=ids)],
            confidence=ctx.confidence(s, "aspect mentions in both windows", a.mentions),
        ))
    return out


def complaint_findings(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``complaint-<sku>-<term>``: recurring lexicon complaints, and topic words whose share is rising."""
    out = []
    for c in s.complaints[: ctx.top_n]:
        if c.kind != "expression" and c.trend <= RISING_SHARE:
            continue
        out.append(Finding(
            id=f"complaint-{s.sku}-{slug(c.term)}",
            sku=s.sku,
            category=s.category,
            severity="medium" if c.trend > 0.2 else "low",
            title=f"{s.sku}: recurring complaint {c.term!r} in {c.reviews} reviews",
            detail=(f"Share of reviews mentioning it: {c.recent_share:.0%} in the last {ctx.window_days} "
                    f"days vs {c.before_share:.0%} before."),
            metrics={
                "term": c.term,
                "kind": c.kind,
                "reviews": c.reviews,
                "recent_share": round(c.recent_share, 3),
                "before_share": round(c.before_share, 3),
                "trend": round(c.trend, 3),
            },
            evidence=[*ctx.base_evidence, Evidence(description="reviews with this complaint", row_ids=c.review_ids)],
            confidence=ctx.confidence(s, "complaint frequency", c.reviews),
        ))
    return out


def request_findings(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``request-<sku>-<phrase>``: the three most asked-for features."""
    return [Finding(
        id=f"request-{s.sku}-{slug(fr.request)[:40]}",
        sku=s.sku,
        category=s.category,
        severity="info",
        title=f"{s.sku}: feature request {fr.request!r} ({fr.reviews} reviews)",
        metrics={"request": fr.request, "reviews": fr.reviews},
        evidence=[*ctx.base_evidence, Evidence(description="reviews asking for it", row_ids=fr.review_ids)],
        confidence=ctx.confidence(s, "feature request frequency", fr.reviews),
    ) for fr in s.requests[:3]]


def mismatch_finding(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``mismatch-<sku>``: reviews whose text contradicts their star rating."""
    if not s.mismatches:
        return []
    ids = s.ids[s.mismatch.astype(bool) & s.included].tolist()[:5]
    return [Finding(
        id=f"mismatch-{s.sku}",
        sku=s.sku,
        category=s.category,
        severity="low",
        title=f"{s.sku}: {s.mismatches} reviews whose text contradicts their star rating",
        detail="Often a misplaced rating (1 star meaning best) or a complaint about delivery under a good rating.",
        metrics={"mismatches": s.mismatches},
        evidence=[*ctx.base_evidence, Evidence(description="reviews with rating-text mismatch", row_ids=ids)],
        confidence=ctx.confidence(s, "mismatch count", s.mismatches),
    )]


def theme_findings(s: SkuStats, ctx: RuleContext) -> list[Finding]:
    """``theme-<sku>-<label>``: complaint themes raised by 3+ reviews whose share is rising."""
    out = []
    for t in s.complaint_themes:
        if t.reviews < MIN_WINDOW_REVIEWS or t.trend <= RISING_THEME_SHARE:
            continue
        out.append(Finding(
            id=f"theme-{s.sku}-{slug(t.label)[:40]}",
            sku=s.sku,
            category=s.category,
            severity="medium" if t.trend > 0.2 else "low",
            title=f"{s.sku}: rising complaint theme {t.label!r} in {t.reviews} reviews",
            detail=(f"Share of reviews raising it: {t.recent_share:.0%} in the last {ctx.window_days} days vs "
                    f"{t.before_share:.0%} before; said as {len(t.phrases)} different phrasing(s)."),
            metrics={"theme": t.label, "reviews": t.reviews, "recent_share": round(t.recent_share, 3),
                     "before_share": round(t.before_share, 3), "trend": round(t.trend, 3),
                     "phrasings": len(t.phrases)},
            evidence=[*ctx.base_evidence, Evidence(description="reviews raising this theme (quotes)",
                                                   row_ids=[q.review_id for q in t.quotes])],
            confidence=ctx.confidence(s, "theme frequency", t.reviews),
        ))
    return out


Rule = Callable[[SkuStats, RuleContext], list[Finding]]
#: The rules, in the order their findings are listed for a SKU.
FINDING_RULES: tuple[Rule, ...] = (
    standing_finding,
    steady_finding,
    decline_finding,
    aspect_drop_findings,
    complaint_findings,
    theme_findings,
    request_findings,
    mismatch_finding,
)


def sku_findings(stats: SkuStats, ctx: RuleContext) -> list[Finding]:
    """Every rule's findings for one SKU."""
    return [f for rule in FINDING_RULES for f in rule(stats, ctx)]


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
            actions.append(Action(
                title=f"{ASPECT_ACTIONS.get(aspect, 'Investigate ' + aspect)} ({f.sku})",
                detail=f.title,
                sku=f.sku,
                urgency=_URGENCY[f.severity],
                method="rule: aspect sentiment drop between windows",
                finding_ids=[f.id],
            ))
        elif f.id.startswith("request-") and f.sku and int(f.metrics.get("reviews") or 0) >= 3:
            actions.append(Action(
                title=f"Consider the requested feature {f.metrics.get('request')!r} ({f.sku})",
                detail=f.title,
                sku=f.sku,
                urgency="low",
                method="rule: feature request asked in 3+ reviews",
                finding_ids=[f.id],
            ))
    order = {"high": 0, "medium": 1, "low": 2}
    actions.sort(key=lambda a: order[a.urgency])
    return actions
