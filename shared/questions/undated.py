"""Undated reviews in a metric reading: counted in all-time figures, left out of periods and trends, and said.

Some public review sets publish no dates (Kaggle's "Women's E-Commerce Clothing Reviews"): their reviews are
stored with ``date`` empty. A review question that names no period ("what is our average rating?", "which
department has the lowest rating?") counts every review, dated or not. A period, a comparison or a trend
reads dated reviews only and says how many were left out; when every review is undated there is nothing to
place in time, so the answer says so first and gives the all-time figure instead.
"""

from __future__ import annotations

from shared import regex as re
from shared.models.records import DataKind
from shared.questions.lexicon import METRIC_KINDS
from shared.questions.reading import Reading
from shared.questions.vocabulary import Vocabulary
from shared.store.metrics.model import MetricQuery


def _reviews(n: int) -> str:
    return f"{n:,} review{'s' if n != 1 else ''}"


#: What this module adds to a label and to the notes: taken off again first, so a follow-up (which copies the
#: previous turn's reading) is scoped afresh, never twice.
_INCLUDED = re.compile(r"(?:; | and )[\d,]+ reviews? without a date included(?=\)$)|(?: and [\d,]+ reviews? without a "
                       r"date)$")
_LEFT_OUT = re.compile(r"^[\d,]+ reviews? ha(?:s|ve) no date and w(?:as|ere) left out of this \w+\.$")


def _as_read(reading: Reading, q: MetricQuery) -> tuple[Reading, MetricQuery]:
    """``reading`` and its query without what an earlier scoping added (a follow-up copies them)."""
    rng = q.time_range
    if rng is not None:
        rng = rng.model_copy(update={"label": _INCLUDED.sub("", rng.label)})
    q = q.model_copy(update={"include_undated": False, "time_range": rng})
    notes = [n for n in reading.notes if not _LEFT_OUT.match(n)]
    return reading.model_copy(update={"query": q, "notes": notes, "lead": ""}), q


def scope_undated(reading: Reading, vocabulary: Vocabulary) -> Reading:
    """``reading`` with its review metric query widened to, or told about, the tenant's undated reviews."""
    undated = vocabulary.undated_reviews
    if not undated or reading.kind != "metric" or reading.query is None \
            or any(METRIC_KINDS.get(m) is not DataKind.REVIEWS for m in reading.query.metrics):
        return reading
    reading, q = _as_read(reading, reading.query)
    dated = DataKind.REVIEWS.value in vocabulary.extents
    over_time = q.compare is not None or "date" in q.dimensions
    in_period = reading.period_stated and q.time_range is not None
    if not in_period and not over_time:  # all the data: every review, dated or not
        if not dated:
            return reading.model_copy(update={"query": q.model_copy(update={"time_range": None})})
        rng = q.time_range
        label = rng.label if rng is not None else ""
        label = (f"{label[:-1]}; {_reviews(undated)} without a date included)" if label.endswith(")")
                 else f"{label} and {_reviews(undated)} without a date").strip()
        widened = q.model_copy(update={"include_undated": True,
                                       "time_range": rng.model_copy(update={"label": label}) if rng else None})
        return reading.model_copy(update={"query": widened})
    if dated:  # a period or a trend of the dated reviews: say what it leaves out
        what = "trend" if "date" in q.dimensions else "comparison" if q.compare else "period"
        verb = "have" if undated != 1 else "has"
        note = f"{_reviews(undated)} {verb} no date and {'were' if undated != 1 else 'was'} left out of this {what}."
        return reading.model_copy(update={"notes": [*reading.notes, note]})
    # every review is undated: nothing to place in time, so the figure over all of them, after saying why
    if "date" in q.dimensions:
        why = "no trend can be shown"
    elif q.compare is not None:
        why = "no change over time can be measured"
    else:
        why = f"none can be placed in {q.time_range.label}" if q.time_range and q.time_range.label \
            else "none can be placed in a period"
    dims = [d for d in q.dimensions if d != "date"]
    overall = q.model_copy(update={
        "time_range": None, "compare": None, "dimensions": dims, "grain": None, "order_by_change": False,
        "order_by": q.order_by if dims else None, "limit": q.limit if dims else None,
        "share_of_total": q.share_of_total and bool(dims)})
    shape = ("breakdown" if reading.shape == "trend" else reading.shape) if dims else "value"
    return reading.model_copy(update={
        "query": MetricQuery.model_validate(overall.model_dump()),  # validated again (model_copy skips it)
        "shape": shape, "lead": f"All {_reviews(undated)} are undated, so {why}; overall, "})
