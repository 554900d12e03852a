"""The sentiment agent's answers about one aspect ("what are customers saying about shipping?") and about praise.

``aspect``: how many reviews mention the aspect, how they speak of it (negative/positive shares), whether
that changed in the recent window, the products it concerns most, and a quote each way. An aspect no
review mentions is said plainly. ``praise``: what reviews speak well of (the scorer's aspects and the
praise themes), the mirror of the complaints answer. Quotes are review text: shown, never interpreted.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared.agents.answers import AgentAnswer, AskKind, join_names, ranked_table
from shared.sentiment.answers import (
    THEME_NAMES,
    ScoredReviews,
    _name,
    _reviews,
    by_stars,
    complaint_themes,
    leading_themes,
    sentiment_answers,
    unreadable,
)
from shared.sentiment.aspects import ASPECT_CUES
from shared.sentiment.mentions import Mention, find_mentions, quote_of, resolve_aspect
from shared.sentiment.scorer import score_text
from shared.sentiment.spam_answers import spam_answer

#: Mentions each side of the recent window needs before a change is stated.
MIN_TREND_MENTIONS = 5
#: A change in the negative share smaller than this (points) is called steady.
STEADY_POINTS = 5.0
_ASPECT_COLUMNS = ["sku", "mentions", "negative", "positive", "negative_share"]


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _counted(data: ScoredReviews, scoped: list[str]) -> pd.DataFrame:
    """The counted reviews (spam excluded) of the products asked about (all when none is named)."""
    frame = data.frame[data.frame["weight"] > 0]
    return frame[frame["sku"].astype(str).isin(scoped)] if scoped else frame


def _subject(data: ScoredReviews, reviews: pd.DataFrame, scoped: list[str]) -> str:
    return data.subject(reviews, scoped)


def _negative_shares(mentions: list[Mention], recent: np.ndarray) -> tuple[int, int, float, float]:
    """Mentions in the recent window and before, and the negative share (%) of each."""
    now = [m for m in mentions if recent[m.index]]
    before = [m for m in mentions if not recent[m.index]]
    return (len(now), len(before), _pct(sum(m.polarity < 0 for m in now), len(now)),
            _pct(sum(m.polarity < 0 for m in before), len(before)))


def _trend(mentions: list[Mention], recent: np.ndarray, window_days: int) -> str:
    """`` In the last 90 days 40% of the 25 mentions are negative, up from 22% before.`` or nothing."""
    n_now, n_before, neg_now, neg_before = _negative_shares(mentions, recent)
    if n_now < MIN_TREND_MENTIONS or n_before < MIN_TREND_MENTIONS:
        return ""
    change = neg_now - neg_before
    direction = ("up from" if change > 0 else "down from") if abs(change) >= STEADY_POINTS else "about the same as"
    return (f" In the last {window_days} days {neg_now:.0f}% of its {n_now} mentions are negative, "
            f"{direction} {neg_before:.0f}% before.")


def _trend_lead(mentions: list[Mention], recent: np.ndarray, window_days: int, name: str) -> str:
    """The aspect's complaints now against before, as the answer's first sentence.

    ``Complaints about shipping/delivery are up: in the last 90 days 40% of its 25 mentions are negative, against 22%
    of 60 before.``, or that too few mentions on a side leave the change unsaid.
    """
    n_now, n_before, neg_now, neg_before = _negative_shares(mentions, recent)
    if n_now < MIN_TREND_MENTIONS or n_before < MIN_TREND_MENTIONS:
        return (f"Too few reviews mention {name} to tell whether its complaints are moving ({n_now} in the last "
                f"{window_days} days, {n_before} before; {MIN_TREND_MENTIONS} a side are needed).")
    change = neg_now - neg_before
    way = ("up" if change > 0 else "down") if abs(change) >= STEADY_POINTS else "about steady"
    return (f"Complaints about {name} are {way}: in the last {window_days} days {neg_now:.0f}% of its {n_now} "
            f"mentions are negative, against {neg_before:.0f}% of {n_before} before.")


def _ranked_lead(frame: pd.DataFrame, per: pd.DataFrame, aspect: str, period: str, worst: str) -> str:
    """The ranking's first sentence: the products with the most negative mentions of ``aspect``, counted.

    When several share the most, they are said to be tied and how many they are (a list cut at three hid the others).
    """
    top = per[per["negative"] == per["negative"].iloc[0]]
    if len(top) < 2:
        return f"Most complaints about {aspect} {period}: {worst} negative mentions."
    names = [_name(frame, str(s)) for s in top.index]
    return (f"{len(top)} products are tied for the most complaints about {aspect} {period}, with "
            f"{int(top['negative'].iloc[0])} negative mentions each: {join_names(names, 3)}.")


def aspect_answer(data: ScoredReviews, scoped: list[str], term: str, window_days: int,
                  polarity: int = 0, *, trend_first: bool = False, ranked: bool = False) -> AgentAnswer:
    """``aspect``: the reviews that mention ``term`` (its concept's words), how they speak of it, and quotes.

    ``polarity`` -1 answers "any complaints about price?" (the ``complaints`` ask about one aspect): the reviews
    that speak of it badly lead, out of those that mention it, with the worst quote; +1 the same for praise.
    ``trend_first`` ("is the shipping complaint getting worse?"): the recent window against the time before leads.
    ``ranked`` ("which product has the most complaints about delivery?"): the products with the most negative
    mentions lead, each with its count.
    """
    reviews = _counted(data, scoped).reset_index(drop=True)
    aspect = resolve_aspect(term)
    method = (f"reviews (spam excluded) that name {aspect.name} with a word of the sentiment agent's concept and "
              "aspect tables (" + ", ".join(sorted(aspect.words)[:12]) + ("..." if len(aspect.words) > 12 else "")
              + "); polarity: the scorer's clause score of that aspect, else of the sentences naming it, else the "
              "review's label")
    period = data.span(between=True)
    subject = _subject(data, reviews, scoped)
    n = len(reviews)
    mentions = find_mentions(aspect, reviews["text"].tolist(), reviews["aspects"].tolist(),
                             reviews["label"].tolist(),
                             reviews["product_title"].tolist() if "product_title" in reviews.columns else None)
    unread = unreadable(reviews)
    if not mentions and unread:  # Portuguese or empty texts: "none mention it" would be false
        stars = by_stars(reviews, data.frame, negative=polarity < 0) if polarity else ""
        return AgentAnswer(ask="complaints" if polarity < 0 else "praise" if polarity > 0 else "aspect",
                           method=method, skus=list(scoped), period_start=data.start, period_end=data.end,
                           answered=False,
                           text=f"What the {data.reviews(n)} of {subject} {period} say of {aspect.name} cannot be "
                                "read: "
                                f"{unread}" + (f"; {stars}" if stars else "") + ".")
    if not mentions:
        return AgentAnswer(ask="complaints" if polarity < 0 else "praise" if polarity > 0 else "aspect",
                           method=method, skus=list(scoped), period_start=data.start,
                           period_end=data.end,
                           text=f"None of the {data.reviews(n)} of {subject} {period} mention {aspect.name}"
                                + (f" (no review uses words such as {join_names(sorted(aspect.words)[:4], 4)})"
                                   if aspect.words - {aspect.term} else "") + ".")
    neg = [m for m in mentions if m.polarity < 0]
    pos = [m for m in mentions if m.polarity > 0]
    ask: AskKind = "complaints" if polarity < 0 else "praise" if polarity > 0 else "aspect"
    reasons = _reasons(reviews, neg, period, aspect.words, subject if scoped else "") \
        if polarity < 0 and aspect.name in OUTCOMES else ""
    if reasons:  # "why do customers return things?": the complaints of the reviews that report a return
        text = reasons
    elif polarity:
        said = neg if polarity < 0 else pos
        verb = "complain about" if polarity < 0 else "praise"
        text = (f"{len(said)} of {data.reviews(n)} of {subject} {period} ({_pct(len(said), n):.0f}%) {verb} "
                f"{aspect.name} ({_pct(len(said), len(mentions)):.0f}% of the {len(mentions)} that mention it).")
    else:
        text = (f"{len(mentions)} of {data.reviews(n)} of {subject} {period} ({_pct(len(mentions), n):.0f}%) mention "
                f"{aspect.name}: {_pct(len(neg), len(mentions)):.0f}% of them negatively and "
                f"{_pct(len(pos), len(mentions)):.0f}% positively.")
    recent = np.asarray([d is not None and d > data.end - timedelta(days=window_days) for d in reviews["date"]],
                        dtype=bool)
    text = _trend_lead(mentions, recent, window_days, aspect.name) + " " + text if trend_first \
        else text + _trend(mentions, recent, window_days)
    weights = reviews["weight"].to_numpy(dtype=float)
    quotable = [m for m in mentions if weights[m.index] >= 1.0] or mentions  # not a down-weighted spam review
    sides = (-1, 1) if not polarity else (polarity,)
    quotes = [f"\"{q.sentence}\"" for q in (quote_of(quotable, side) for side in sides) if q is not None]
    if quotes:
        text += " " + ("Worst and best: " if len(quotes) == 2 else "For example: ") + " / ".join(quotes) + "."
    skus = reviews["sku"].astype(str).to_numpy()
    frame = pd.DataFrame({"sku": [skus[m.index] for m in mentions], "neg": [m.polarity < 0 for m in mentions],
                          "pos": [m.polarity > 0 for m in mentions]})
    per = frame.groupby("sku").agg(mentions=("neg", "size"), negative=("neg", "sum"), positive=("pos", "sum"))
    per = per.sort_values(["negative", "mentions"], ascending=False, kind="stable")
    if not scoped and len(per) > 1 and int(per["negative"].iloc[0]) > 0:
        worst = join_names([f"{_name(data.frame, str(s))} ({int(r['negative'])})"
                            for s, r in per[per["negative"] > 0].head(3).iterrows()], 3)
        text = (f"{_ranked_lead(data.frame, per, aspect.name, period, worst)} {text}" if ranked
                else f"{text} Most negative mentions: {worst}.")
    elif ranked and not neg:
        text = f"No product has a complaint about {aspect.name} {period}. {text}"
    rows: list[list[Any]] = [[str(s), int(r["mentions"]), int(r["negative"]), int(r["positive"]),
                              round(int(r["negative"]) / int(r["mentions"]), 3)] for s, r in per.iterrows()]
    table, total = ranked_table(_ASPECT_COLUMNS, rows)
    return AgentAnswer(ask=ask, text=text, columns=_ASPECT_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=list(scoped) or [r[0] for r in rows[:10]],
                       finding_prefixes=["aspect-drop-", "complaint-"], period_start=data.start,
                       period_end=data.end)


#: Concepts that are what happened, not a property of the product: their reasons are the other complaints.
OUTCOMES = frozenset({"returns and refunds"})


def _reasons(reviews: pd.DataFrame, neg: list[Mention], period: str, words: frozenset[str], subject: str = "") -> str:
    """``The most common complaint in the 121 reviews that report a return or refund ... is quality/durability``.

    ``subject`` names the products asked about ("... in the 3 reviews of Kettle (KIT-1) ..."), empty for them all.

    A theme the outcome's own words cue ("refund" is a customer-service word) is left out: every such review would
    count for it, whatever made the customer return the product.
    """
    reporting = reviews.iloc[sorted({m.index for m in neg})]
    own = {a for w in words for a in ASPECT_CUES.get(w, ())}
    themes = complaint_themes(reporting)
    themes = themes[[str(t) not in own for t in themes.index]]
    if themes.empty:
        return ""
    parts = [f"{THEME_NAMES.get(str(t), str(t))} ({_reviews(int(r['reviews']))}"
             + (f", \"{r['quote']}\"" if i == 0 else "") + ")" for i, (t, r) in enumerate(themes.head(3).iterrows())]
    of = f" of {subject}" if subject else ""
    return (f"The most common complaint in the {len(reporting)} reviews{of} {period} that report a return or refund is "
            f"{parts[0]}" + (", then " + join_names(parts[1:], 2) if len(parts) > 1 else "") + ".")


_PRAISE_COLUMNS = ["theme", "reviews", "share_of_reviews", "products", "quote", "quote_review_id"]


def praise_answer(data: ScoredReviews, scoped: list[str]) -> AgentAnswer:
    """``praise``: what reviews speak well of most, with counts and a quote each (mirror of the complaints)."""
    reviews = _counted(data, scoped)
    period = data.span()
    method = ("aspect-based lexicon scoring: a review praises a theme when a clause naming that aspect scores "
              "positive; counted once per review, spam excluded; quote = the most positive such review")
    subject = _subject(data, reviews, scoped)
    themes = complaint_themes(reviews, praise=True)
    if not themes.empty:  # a theme whose best sentence reads as a complaint is no praise ("difficult to clean")
        themes = themes[[score_text(str(q)).score >= -0.05 for q in themes["quote"]]]
    n = len(reviews)
    positive = int((reviews["label"] == "positive").sum())
    unread = unreadable(reviews)
    if themes.empty and unread:
        return AgentAnswer(ask="praise", method=method, skus=list(scoped), period_start=data.start,
                           period_end=data.end, answered=False,
                           text=f"No praise can be read from the {data.reviews(n)} of {subject} from {period}: "
                                f"{unread}; "
                                f"{by_stars(reviews, data.frame, negative=False)}.")
    if themes.empty:
        return AgentAnswer(ask="praise", method=method, skus=list(scoped), period_start=data.start,
                           period_end=data.end,
                           text=f"No review of {subject} between {period} praises a particular aspect "
                                f"({positive} of {data.reviews(n)} are positive overall).")
    rows = [[THEME_NAMES.get(str(t), str(t)), int(r["reviews"]), round(int(r["reviews"]) / n, 3),
             int(r["products"]), str(r["quote"]), str(r["quote_review_id"])] for t, r in themes.iterrows()]
    parts = [f"{r[0]} in {_reviews(int(str(r[1])))} (\"{r[4]}\")" for r in rows[:3]]
    if data.stars:  # "what do customers who gave us 5 stars love?": the filter said first
        text = (f"In the {data.all_reviews(n, scoped)} of {subject} ({period}), what customers like most is "
                + leading_themes(rows) + ".")
    else:
        text = (f"What customers like most about {subject} ({data.counted(n, scoped)}, {period}, "
                f"{_pct(positive, n):.0f}% positive): " + join_names(parts, 3) + ".")
    if data.themes is not None and len(scoped) <= 1:
        praised = (data.themes.per_sku.get(scoped[0], {}).get("praise", []) if scoped else data.themes.praise)
        if praised:
            text += " Said most often: " + join_names(
                [f"\"{t.label}\" ({_reviews(t.reviews)})" for t in praised[:3]], 3) + "."
    table, total = ranked_table(_PRAISE_COLUMNS, rows)
    return AgentAnswer(ask="praise", text=text, columns=_PRAISE_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=list(scoped), finding_prefixes=["sentiment-"],
                       period_start=data.start, period_end=data.end)


def answer_asks(asks: list[AskKind], data: ScoredReviews, *, scoped: list[str], window_days: int,
                aspect: str | None = None, trend_first: bool = False, ranked: bool = False) -> list[AgentAnswer]:
    """Every sentiment ask answered in order: ``aspect``, ``praise``, ``spam`` here, the rest elsewhere.

    The others are answered by ``sentiment_answers``.
    An ``aspect`` ask without its word is the overview (nothing says which aspect was meant). ``trend_first``: the
    aspect's complaints were asked to be moving, so its answer leads with the recent window against the time before;
    ``ranked``: the products were asked ranked by them, so they lead.
    """
    out: list[AgentAnswer] = []
    for ask in asks:
        if ask in ("aspect", "complaints", "praise") and aspect:  # about one aspect: "any complaints about price?"
            polarity = -1 if ask == "complaints" else 1 if ask == "praise" else 0
            out.append(aspect_answer(data, scoped, aspect, window_days, polarity, trend_first=trend_first,
                                     ranked=ranked))
        elif ask == "praise":
            out.append(praise_answer(data, scoped))
        elif ask == "spam":
            out.append(spam_answer(data, scoped))
        elif ask == "aspect":  # nothing says which aspect: the overview, as the answer to this ask
            out += [a.model_copy(update={"ask": "aspect"}) for a in sentiment_answers(
                ["sentiment_overview"], data, scoped=scoped, window_days=window_days)]
        else:
            out += sentiment_answers([ask], data, scoped=scoped, window_days=window_days)
    return out
