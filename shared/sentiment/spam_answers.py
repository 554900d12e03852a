"""The sentiment agent's answer to "which reviews look fake?" and "what is the adjusted rating of X?".

``spam``: how many reviews of the products asked about are suspected spam (the reasons of
:mod:`shared.sentiment.adjusted`, counted), the star rating without them beside the raw one (ReviewMeta-style),
the products whose rating moves most once they are removed, and the suspected reviews themselves as rows.
A catalogue with nothing suspicious is said plainly, with the checks that were made.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from shared.agents.answers import AgentAnswer, join_names, ranked_table
from shared.sentiment.adjusted import METHOD, SpamSuspicion, adjusted_rating
from shared.sentiment.answers import ScoredReviews, _name

#: How each reason reads in a sentence.
REASON_PHRASES = {
    "spam_score": "scored as spam when processed",
    "duplicate_text": "duplicate or near-duplicate text",
    "new_account_burst": "bursts of five-star reviews from new accounts",
    "prolific_same_day": "authors posting 3+ reviews in a day",
    "link_or_contact": "links or contacts sending buyers elsewhere",
    "short_generic_praise": "short generic five-star praise",
}
_COLUMNS = ["review_id", "sku", "date", "rating", "reasons", "text"]
_SNIPPET_CHARS = 120


def _suspicion(frame: pd.DataFrame) -> SpamSuspicion:
    column = frame["spam_reasons"] if "spam_reasons" in frame.columns else pd.Series([[]] * len(frame), dtype=object)
    reasons: list[list[str]] = [list(r) if isinstance(r, list | tuple) else [] for r in column]
    return SpamSuspicion(frame["suspected"].to_numpy(dtype=bool), reasons)


def _snippet(text: object) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= _SNIPPET_CHARS else s[: _SNIPPET_CHARS - 3].rstrip() + "..."


def spam_answer(data: ScoredReviews, scoped: list[str]) -> AgentAnswer:
    """``spam``: the suspected reviews, why, and the rating with and without them."""
    frame = data.frame[data.frame["sku"].astype(str).isin(scoped)] if scoped else data.frame
    subject = data.subject(frame, scoped)
    period = data.span(between=True)  # "with no dates" for a set published without them
    if "suspected" not in frame.columns or frame.empty:
        return AgentAnswer(
            ask="spam",
            text=f"No reviews of {subject} {period} to check for spam.",
            answered=False,
            method=METHOD,
            skus=list(scoped),
            period_start=data.start,
            period_end=data.end,
        )
    suspicion = _suspicion(frame)
    ratings = pd.to_numeric(frame["rating"], errors="coerce").to_numpy(dtype=float)
    overall = adjusted_rating(ratings, suspicion)
    suspected = int(suspicion.suspected.sum())
    total = len(frame)
    if not suspected:
        rating = f"; their rating of {overall.raw:.2f} stands" if overall.raw is not None else ""
        text = (
            f"None of the {total:,} reviews of {subject} {period} looks like spam: no duplicate texts, no "
            f"bursts of five-star reviews from new accounts, no authors posting 3+ a day, no links to buy "
            f"elsewhere{rating}."
        )
        return AgentAnswer(
            ask="spam",
            text=text,
            columns=_COLUMNS,
            method=METHOD,
            skus=list(scoped),
            period_start=data.start,
            period_end=data.end,
        )
    reasons = suspicion.counts()
    why = join_names(
        [f"{n:,} {REASON_PHRASES.get(r, r)}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])], 3
    )
    share = f"{suspected:,} of {total:,} reviews of {subject}, {100 * suspected / total:.1f}%, {period}"
    # "is the spam filter hiding good reviews?": how many of those it holds back are 4 or 5 stars, always said
    good = f"{int((suspicion.suspected & (ratings >= 4)).sum()):,} of them rated 4 or 5 stars"
    if overall.raw is not None and overall.adjusted is not None:
        text = (
            f"Without the reviews that look like spam ({share}; {good}) the average rating is "
            f"{overall.adjusted:.2f} instead of {overall.raw:.2f}"
        )
    else:
        text = f"{share[0].upper()}{share[1:]} look like spam ({good})"
    text += f"; reasons: {why}"
    moved = _most_moved(frame, ratings, suspicion) if not scoped or len(scoped) > 1 else []
    if moved:
        text += "; most affected: " + join_names(
            [
                f"{_name(data.frame, sku)} ({k} of {n} suspected, {raw:.2f} -> {adj:.2f})"
                for sku, k, n, raw, adj in moved[:3]
            ],
            3,
        )
    text += "."
    rows = [
        [
            str(r["review_id"]),
            str(r["sku"]),
            str(r["date"]),
            None if pd.isna(r["rating"]) else int(r["rating"]),
            ", ".join(reason),
            _snippet(r.get("text")),
        ]
        for (_, r), flag, reason in zip(frame.iterrows(), suspicion.suspected, suspicion.reasons, strict=True)
        if flag
    ]
    table, total_rows = ranked_table(_COLUMNS, rows)
    return AgentAnswer(
        ask="spam",
        text=text,
        columns=_COLUMNS,
        rows=table,
        total_rows=total_rows,
        method=METHOD,
        skus=[m[0] for m in moved[:10]] or list(scoped),
        finding_prefixes=["sentiment-"],
        period_start=data.start,
        period_end=data.end,
    )


def _most_moved(
    frame: pd.DataFrame, ratings: np.ndarray, suspicion: SpamSuspicion
) -> list[tuple[str, int, int, float, float]]:
    """Products with the most suspected reviews: (sku, suspected, reviews, raw, adjusted), most first.

    Ranked by count, not by the rating's shift: one removed review moves a two-review product most.
    """
    sku_of = frame["sku"].astype(str).to_numpy()
    out: list[tuple[str, int, int, float, float]] = []
    for sku in sorted(set(sku_of[suspicion.suspected])):
        mask = sku_of == sku
        adj = adjusted_rating(ratings, suspicion, mask)
        if adj.raw is not None and adj.adjusted is not None:
            out.append((sku, int(suspicion.suspected[mask].sum()), int(mask.sum()), adj.raw, adj.adjusted))
    return sorted(out, key=lambda m: (-m[1], -abs(m[3] - m[4]), m[0]))  # most suspected first, then the shift
