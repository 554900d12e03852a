""""Is it good?" after an answer: the figure the session's last turn gave, set against a stated reference.

A merchant who asks "is that good?" after "what's the rating of the toaster?" or "is the toaster overpriced?" wants
the figure judged, not the agents' overview of everything. The judgement says what it is judged against, read from
the same data: a product's (category's, brand's, channel's) figure against the whole catalogue's over the same
period; a figure of the whole shop for a period against its usual level (the 12 months to the period's end; a count
scaled to the period's days). The figure is the last turn's metric reading; a pricing turn about products is read as
their price index. Never a verdict the data cannot back: "better" and "worse" only for a measure whose direction is
plain (a higher rating is better, more negative reviews worse); a price index is said as dearer or cheaper.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from shared import regex as re
from shared.models.agents import Confidence
from shared.orchestration.plan import Plan
from shared.orchestration.report import Mode, Report
from shared.questions.acknowledge import only_points_back
from shared.questions.compose import fmt_value, metric_unit
from shared.questions.lexicon import METRIC_NOUNS
from shared.questions.reading import Reading
from shared.questions.timephrase import fmt_range, make_range
from shared.store.metrics.catalog import METRICS
from shared.store.metrics.model import MetricQuery

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.questions.vocabulary import VocabularyIndex

#: Filters that make a figure one part's of the shop (judged against the whole catalogue's).
_PART_FILTERS = frozenset({"sku", "category", "brand", "channel"})
#: Measures whose direction is plain: +1 higher is better, -1 higher is worse (others: higher or lower, no verdict).
_DIRECTION = {"avg_rating": 1, "negative_review_share": -1, "negative_reviews": -1, "revenue": 1, "units": 1,
              "orders": 1, "net_revenue": 1, "margin": 1, "aov": 1, "return_rate": -1, "refunds": -1}
#: A turn that counted ("how many negative reviews"): its count is the figure, not a share beside it.
_COUNTED = re.compile(r"\b(?:how many|number of|count)\b", re.I)
_ABOUT_REVIEWS = re.compile(r"\b(?:rat(?:ed|ing|ings)|reviews?|reviewed|stars?|feedback|sentiment)\b", re.I)
_ABOUT_PRICES = re.compile(r"\b(?:pric\w*|expensive|cheap\w*|competit\w*|market|undercut\w*)\b", re.I)
#: Within this share of the reference, a figure is "in line with" it.
_IN_LINE = 0.03


def judged_query(previous: dict[str, Any], read_question: Any) -> MetricQuery | None:
    """The figure the last turn gave: its metric reading (one value), or the price index of a pricing turn's SKUs.

    ``read_question`` reads a question of the tenant's into a :class:`Reading` (the pricing turn's price index).
    """
    asked = str(previous.get("question", ""))
    if previous.get("reading"):
        reading = Reading.model_validate(previous["reading"])
        q = reading.query
        if q is None or q.dimensions or q.time_range is None:
            return None
        # "how many negative reviews last month": the count the answer led with, not the share beside it
        counted = "negative_reviews" in q.metrics and _COUNTED.search(asked) is not None
        metric = "negative_reviews" if counted else q.metrics[0]
        return q.model_copy(update={"metrics": [metric], "compare": None, "baseline": None, "limit": None})
    plan = previous.get("plan") or {}
    skus = list((plan.get("entities") or {}).get("skus") or [])
    intents = plan.get("intents") or []
    if not skus:
        return None
    # an agents' turn about products: their rating when it asked about reviews, their price index about prices
    if "sentiment" in intents or _ABOUT_REVIEWS.search(asked):
        metric, words = "avg_rating", "average rating of"
    elif "pricing" in intents or _ABOUT_PRICES.search(asked):
        metric, words = "price_index", "price index of"
    else:
        return None
    read = read_question(f"{words} {' and '.join(skus[:3])}")
    if read.query is None or read.query.metrics[:1] != [metric] or read.query.dimensions:
        return None
    return read.query


def reference_query(q: MetricQuery) -> tuple[MetricQuery, str, float]:
    """The reference's query, how the answer names it (``{ref}``: its value) and the factor its value is scaled by."""
    kept = [f for f in q.filters if f.dimension not in _PART_FILTERS]
    if len(kept) < len(q.filters):  # a part of the shop: the whole catalogue, same period and other filters
        return q.model_copy(update={"filters": kept}), "{ref} for the whole catalogue over the same period", 1.0
    assert q.time_range is not None
    end = q.time_range.end
    year = make_range(end - timedelta(days=364), end)
    days = (q.time_range.end - q.time_range.start).days + 1
    if not METRICS[q.metrics[0]].additive:
        return q.model_copy(update={"time_range": year}), "{ref} over the 12 months to " + fmt_range(end, end), 1.0
    return (q.model_copy(update={"time_range": year}),
            f"the usual {{ref}} for {days} days (the 12 months to {fmt_range(end, end)}, scaled)", days / 365)


def judgement_sentence(metric: str, value: float, reference: float, called: str, what: str,
                       currency: str | None) -> str:
    """The judgement: "Average rating for X ... was 3.37 out of 5: below 3.94 for the whole catalogue ..., worse."."""
    unit = metric_unit(metric)
    val = fmt_value(value, unit, currency, metric)
    # a scaled count is an expectation, not a count: "1.8", not "2"
    ref = f"{reference:,.1f}" if unit == "count" and reference != round(reference) else fmt_value(
        reference, unit, currency, metric)
    noun = METRIC_NOUNS.get(metric, metric)
    plural = unit == "count" and noun.split(" (")[0].endswith("s")  # "Negative reviews (1-2 stars) were 6"
    lead = f"{noun[:1].upper()}{noun[1:]} {what} {'were' if plural else 'was'} {val}"
    against = called.format(ref=ref)
    if reference == 0 or abs(value - reference) <= _IN_LINE * abs(reference):
        return f"{lead}: in line with {against}."
    higher = value > reference
    if metric == "price_index":
        side = "dearer" if higher else "cheaper"
        return f"{lead} (100 = the median competitor): {side} than {against}."
    direction = _DIRECTION.get(metric, 0)
    verdict = "" if direction == 0 else ", better" if (direction > 0) == higher else ", worse"
    return f"{lead}: {'above' if higher else 'below'} {against}{verdict}."


def judgement_report(deps: Deps, question: str, previous: dict[str, Any] | None, index: VocabularyIndex,
                     read_question: Any, *, mode: Mode, data_version: int) -> Report | None:
    """The judgement of the last turn's figure, or ``None`` when ``question`` asks none or the turn gave none."""
    from shared.store.metrics.compile import MetricQueryError
    from shared.store.metrics.run import run_metric_query

    if previous is None or not only_points_back(question):
        return None
    q = judged_query(previous, read_question)
    if q is None:
        return None
    metric = q.metrics[0]
    ref_q, called, scale = reference_query(q)
    # the figure with the period before it: a merchant's other yardstick, said after the judgement
    try:
        result = run_metric_query(deps.warehouse, q.model_copy(update={"compare": "previous_period"}))
    except (MetricQueryError, ValueError):  # undated rows or the catalogue: no period before
        result = run_metric_query(deps.warehouse, q)
    value = _first(result.rows, metric)
    before = _first(result.rows, f"{metric}_previous")
    reference = _first(run_metric_query(deps.warehouse, ref_q).rows, metric)
    if value is None or reference is None:
        return None
    assert q.time_range is not None
    titles = {p.sku: p.title for p in index.vocabulary.products if p.title}
    named = [f"{titles.get(v, v)} ({v})" if f.dimension == "sku" and v in titles else v
             for f in q.filters if f.dimension in _PART_FILTERS for v in f.values]
    stars = [v for f in q.filters if f.dimension == "stars" for v in f.values]
    label = q.time_range.label
    what = " ".join(x for x in (f"rated {' or '.join(stars)}" if stars else "",
                                f"for {', '.join(named)}" if named else "",
                                f"{'over' if label.startswith('all') else 'in'} {label}") if x)
    answer = judgement_sentence(metric, value, reference * scale, called, what, index.vocabulary.currency)
    if before is not None and result.previous_range is not None:
        answer += (f" In the period before ({result.previous_range.label}) it was "
                   f"{fmt_value(before, metric_unit(metric), index.vocabulary.currency, metric)}.")
    answer += f" (The figure of the previous answer, to \"{str(previous.get('question', ''))[:120]}\".)"
    return Report(question=question, answer=answer, answer_kind="metric", mode=mode,
                  plan=Plan(intents=["overview"], rationale="a judgement of the previous answer's figure"),
                  executive_summary=answer, period=q.time_range,
                  confidence=Confidence(explanation="both figures computed from your data"), data_version=data_version)


def _first(rows: list[dict[str, Any]], metric: str) -> float | None:
    value = rows[0].get(metric) if rows else None
    return float(value) if value is not None else None
