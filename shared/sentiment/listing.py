"""Reviews shown one by one: "show me angry reviews", "the worst reviews for X", "latest negative reviews".

A merchant who asks to *see* reviews wants the reviews, not their themes: each with its date, stars, product
and the sentence that carries its opinion. "Negative" ("positive") reviews are the 1-2 (4-5) star ones, as the
metrics layer counts them (an unrated review by its text's label); the most negative (positive) of them are ranked
by the agent's sentiment score (text blended with the stars); the latest by date. Suspected spam is never shown
as a customer's voice. Quotes are review text: shown, never interpreted.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from shared import regex as re
from shared.agents.answers import AgentAnswer, AskKind, ranked_table
from shared.sentiment.answers import ScoredReviews, _name, star_phrase
from shared.sentiment.mentions import find_mentions, resolve_aspect
from shared.sentiment.scorer import score_text

#: What a listing can ask for: the most negative / positive by score, the latest, or the latest of a polarity.
LISTINGS = ("negative", "positive", "latest", "negative_latest", "positive_latest")
#: Reviews shown when the question does not say how many.
LIST_SIZE = 5
QUOTE_CHARS = 160
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_COLUMNS = ["review_id", "sku", "product", "date", "rating", "label", "score", "quote"]


def opinion_sentence(text: str, sign: float) -> str:
    """The sentence of ``text`` that says most strongly what the review feels (``sign`` -1: worst, +1: best)."""
    sentences = [s.strip() for s in _SENTENCE.split(str(text or "").strip()) if s.strip()]
    if not sentences:
        return ""
    pick = sentences[0] if not sign or len(sentences) == 1 else \
        max(sentences, key=lambda s: (sign * score_text(s).score, -sentences.index(s)))
    return pick if len(pick) <= QUOTE_CHARS else pick[: QUOTE_CHARS - 3].rstrip() + "..."


def _stars(rating: object) -> str:
    if rating is None or pd.isna(rating):  # type: ignore[call-overload]
        return "no rating"
    n = int(float(rating))  # type: ignore[arg-type]
    return f"{n} star{'s' if n != 1 else ''}"


#: A merchant's "negative" review is a 1-2 star one and a "positive" one 4-5 stars, as the metrics layer counts them.
STAR_POLARITY = {"negative": (1, 2), "positive": (4, 5)}


def _of_polarity(reviews: pd.DataFrame, polarity: str, by_stars: bool) -> pd.DataFrame:
    """The reviews of ``polarity``: by their stars when rated and ``by_stars`` (the label of an unrated one).

    A listing of "negative reviews" shows what the merchant's own count calls negative (a 3-star review whose text
    reads badly is mixed, not negative); reviews about an aspect keep the label of how they speak of it.
    """
    labelled = reviews["label"] == polarity
    if not by_stars:
        return reviews[labelled]
    rating = pd.to_numeric(reviews["rating"], errors="coerce")
    return reviews[rating.isin(STAR_POLARITY[polarity]) | (rating.isna() & labelled)]


def _chosen(reviews: pd.DataFrame, listing: str, by_stars: bool = True) -> pd.DataFrame:
    """The reviews of the polarity asked, in the order asked (newest first for ``latest``)."""
    polarity = listing.split("_")[0]
    if polarity in ("negative", "positive"):
        reviews = _of_polarity(reviews, polarity, by_stars)
    ordinal = pd.Series([d.toordinal() if d is not None else 0 for d in reviews["date"]], index=reviews.index)
    ranked = reviews.assign(_day=ordinal, _score=pd.to_numeric(reviews["score"], errors="coerce").fillna(0.0))
    if listing.endswith("latest"):
        return ranked.sort_values(["_day", "review_id"], ascending=False, kind="stable")
    return ranked.sort_values(["_score", "_day", "review_id"], ascending=[polarity == "negative", False, False],
                              kind="stable")


def _spam_left_out(frame: pd.DataFrame, scoped: list[str], listing: str, by_stars: bool, which: str) -> str:
    """``; 1 negative review is suspected spam and left out`` when the reviews asked for exist only as spam, else "".

    "Quote some negative reviews of X" when X's one 1-star review is a planted link to another shop: "there are
    none" alone hides that one was seen and set aside.
    """
    if listing == "latest":
        return ""  # the latest reviews keep their spam, marked
    suspected = frame["suspected"].astype(bool) if "suspected" in frame.columns else \
        pd.Series(False, index=frame.index)
    spam = frame[(frame["weight"] < 1.0) | suspected]
    if scoped:
        spam = spam[spam["sku"].astype(str).isin(scoped)]
    n = len(_chosen(spam, listing, by_stars)) if len(spam) else 0
    if not n:
        return ""
    return f"; {n:,} {which}review{' is' if n == 1 else 's are'} suspected spam and left out"


def _what(listing: str, k: int, kind: str) -> str:
    """``the 5 most negative one-star reviews``, ``the 3 latest reviews``, ``the 5 latest negative reviews``."""
    polarity = listing.split("_")[0]
    noun = f"{kind}review{'s' if k != 1 else ''}"
    if listing == "latest":
        return f"the {k} latest {noun}" if k != 1 else f"the latest {noun}"
    if listing.endswith("latest"):
        return f"the {k} latest {polarity} {noun}" if k != 1 else f"the latest {polarity} {noun}"
    return f"the {k} most {polarity} {noun}" if k != 1 else f"the most {polarity} {noun}"


def _about(reviews: pd.DataFrame, term: str) -> tuple[pd.DataFrame, str]:
    """The reviews that mention ``term``'s aspect, labelled by how they speak of it, with their sentence; its name."""
    aspect = resolve_aspect(term)
    mentions = find_mentions(aspect, reviews["text"].tolist(), reviews["aspects"].tolist(), reviews["label"].tolist())
    rows = reviews.iloc[[m.index for m in mentions]].copy()
    rows["label"] = ["negative" if m.polarity < 0 else "positive" if m.polarity > 0 else "neutral" for m in mentions]
    rows["score"] = [m.score for m in mentions]
    rows["text"] = [m.sentence for m in mentions]  # the sentence that names it is the quote
    return rows, aspect.name


def listing_answer(data: ScoredReviews, scoped: list[str], listing: str, size: int, ask: AskKind,
                   aspect: str | None = None) -> AgentAnswer:
    """The reviews asked for, one by one: date, stars, product (when several) and the sentence that says it.

    ``aspect``: only the reviews that mention it ("show me reviews complaining about delivery"), ranked and
    labelled by how they speak of it, each quoted by the sentence that names it.
    """
    frame = data.frame
    suspected = frame["suspected"].astype(bool) if "suspected" in frame.columns else \
        pd.Series(False, index=frame.index)
    # the latest reviews are every review that came in (suspected spam marked); the most negative / positive are
    # customers' voices only (suspected or down-weighted spam would crowd them out)
    counted = frame if listing == "latest" else frame[(frame["weight"] >= 1.0) & ~suspected]
    if scoped:
        counted = counted[counted["sku"].astype(str).isin(scoped)]
    subject = data.subject(counted, scoped)
    about = ""
    if aspect:
        counted, name = _about(counted.reset_index(drop=True), aspect)
        about = f" that mention {name}"
    kind = f"{star_phrase(data.stars)} " if data.stars else ""
    period = data.span(between=True)
    polarity = listing.split("_")[0]
    order = "newest first" if listing.endswith("latest") else (
        "ranked by sentiment score (text blended with the stars), "
        + ("lowest" if polarity == "negative" else "highest") + " first")
    spam = "(suspected spam marked) " if listing == "latest" else "(suspected spam left out) "
    # the stars asked ("negative 3-star reviews") or an aspect keep the sentiment label; otherwise the stars decide
    by_stars = not aspect and not data.stars
    band = "1-2" if polarity == "negative" else "4-5"
    labelled = ("" if polarity not in ("negative", "positive") else f"{polarity} = {band} stars (an unrated review "
                "by its text), " if by_stars else f"labelled {polarity} by the sentiment agent, ")
    method = ("reviews " + spam + labelled + order
              + "; quote = the review's sentence that says most strongly what it feels")
    chosen = _chosen(counted, listing, by_stars)
    shown = chosen.head(size)
    if shown.empty:
        which = f"{polarity} " if polarity in ("negative", "positive") else ""
        left = "" if aspect else _spam_left_out(frame, scoped, listing, by_stars, which)
        return AgentAnswer(ask=ask, method=method, skus=list(scoped), period_start=data.start, period_end=data.end,
                           text=f"There are no {which}{kind}reviews of {subject} {period}{about} to show "
                                f"({len(counted):,} {kind}review{'s' if len(counted) != 1 else ''} in all){left}.")
    sign = -1.0 if polarity == "negative" else 1.0 if polarity == "positive" else 0.0
    rows: list[list[Any]] = []
    items: list[str] = []
    for _, r in shown.iterrows():
        side = sign or (-1.0 if r["label"] == "negative" else 1.0 if r["label"] == "positive" else 0.0)
        quote = opinion_sentence(str(r["text"]), side)
        day = r["date"].isoformat() if r["date"] is not None else "undated"
        who = "" if len(scoped) == 1 else f", {_name(frame, str(r['sku']))}"
        mark = " (suspected spam)" if bool(r.get("suspected")) or float(r["weight"]) <= 0 else \
            " (possible spam)" if float(r["weight"]) < 1 else ""
        items.append(f"{day}, {_stars(r['rating'])}{who}: \"{quote}\"{mark}")
        title = r.get("product_title")
        rows.append([str(r["review_id"]), str(r["sku"]), None if title is None or pd.isna(title) else str(title),
                     day, None if pd.isna(r["rating"]) else int(r["rating"]), str(r["label"]),
                     round(float(r["_score"]), 3), quote])
    what = _what(listing, len(shown), kind)
    only = f" (all {len(chosen):,} there are)" if len(chosen) < size else f" (of {len(chosen):,})"
    text = f"{what[0].upper()}{what[1:]} of {subject} {period}{about}{only}: " + "; ".join(items) + "."
    table, total = ranked_table(_COLUMNS, rows)
    return AgentAnswer(ask=ask, text=text, columns=_COLUMNS, rows=table, total_rows=total, method=method,
                       skus=list(scoped) or list(dict.fromkeys(r[1] for r in rows)), period_start=data.start,
                       period_end=data.end, finding_prefixes=["sentiment-"])
