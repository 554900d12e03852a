"""The sentiment agent's direct answers: complaint themes, the products whose ratings fell, an overview.

A complaint *theme* is a product aspect (quality, delivery, fit ...) that a review speaks of negatively;
it is counted once per review and illustrated by one sentence quoted from a review. Quotes are review
text: data shown to the merchant, never interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared import regex as re
from shared.agents.answers import AgentAnswer, AskKind, join_names, ranked_table
from shared.sentiment.adjusted import SpamSuspicion, adjusted_rating
from shared.sentiment.aspects import ASPECT_CUES
from shared.sentiment.readings import FOREIGN, NO_WORDS, readability
from shared.sentiment.scorer import score_text
from shared.sentiment.scoring import score_reviews
from shared.sentiment.themes import ThemeSet
from shared.sentiment.tokens import tokenize

#: Recent window of the "falling ratings" answer (the rest of the period before it is the baseline).
DECLINE_WINDOW_DAYS = 90
#: Reviews each side needs before a rating change is reported.
MIN_RECENT, MIN_BEFORE = 3, 3
#: A drop counts as a fall when it is this many standard errors (one-sided 95%): a few reviews are noise.
MIN_Z = 1.645
QUOTE_CHARS = 140
#: A theme whose share of reviews rose by more than this is called rising.
RISING_THEME = 0.1
THEME_NAMES = {
    "price_value": "price/value", "quality_durability": "quality/durability",
    "shipping_delivery": "shipping/delivery", "size_fit": "size/fit", "customer_service": "customer service",
    "packaging": "packaging", "usability": "ease of use", "noise": "noise", "cleanliness": "cleanliness",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class ScoredReviews:
    """Reviews as scored by the agent, one row each, with the period read.

    Columns: review_id, sku, date, rating, text, label, weight, aspects (aspect -> clause score) and the
    product_title where known; ``readable`` (each text's ``readings.readability``) when the scorer read it.
    """

    frame: pd.DataFrame
    start: date
    end: date
    #: How review polarity was read (one sentence; empty for the lexicon rules alone).
    method: str = ""
    #: Complaint and praise themes of these reviews (catalogue and per product), when computed.
    themes: ThemeSet | None = None
    #: How many of the reviews have no date (counted in every figure, in no window: ``date`` is None).
    undated: int = 0
    #: The star ratings the reviews were narrowed to (empty: all), said with every count of them.
    stars: tuple[int, ...] = ()
    #: The sales channels the reviews were narrowed to (empty: all), said with the products.
    channels: tuple[str, ...] = ()
    #: The categories the reviews were narrowed to, as the catalogue spells them (said with the products).
    categories: tuple[str, ...] = ()
    #: The brands whose products the scoped SKUs are (said: ``35 Northwind products``).
    brands: tuple[str, ...] = ()

    def subject(self, reviews: pd.DataFrame, scoped: list[str]) -> str:
        """What the reviews are of: the products asked about (``Title (SKU)``) or ``66 products``, and where.

        The categories asked about come before "products" (``13 Kitchen products``); the channels the reviews were
        left on follow: ``66 products on amazon``.
        """
        what = join_names([_name(self.frame, s) for s in scoped], 3) if scoped else _products(reviews,
                                                                                             self.categories)
        if scoped and self.brands and len(scoped) > 1:  # a brand's products: "35 Northwind products"
            what = f"{len(scoped)} {join_names(list(self.brands), 3)} products"
        return what + (f" on {join_names(list(self.channels), 3)}" if self.channels else "")

    def reviews(self, n: int) -> str:
        """``12 one-star reviews`` (the star filter said), ``1 review``, ``420 reviews``."""
        kind = f"{star_phrase(self.stars)} " if self.stars else ""
        return f"{n:,} {kind}review{'s' if n != 1 else ''}"

    def all_reviews(self, counted: int, scoped: list[str]) -> str:
        """``12 one-star reviews`` counting the suspected spam too, and `` (2 suspected spam left out)`` after.

        The merchant's storefront shows every review of those stars: the count said is that one, and what the
        themes leave out is said beside it.
        """
        scope = self.frame[self.frame["sku"].astype(str).isin(scoped)] if scoped else self.frame
        total = max(counted, len(scope))
        left = total - counted
        return self.reviews(total) + (f" ({left:,} suspected spam left out)" if left else "")

    def counted(self, counted: int, scoped: list[str]) -> str:
        """``203 reviews, 5 suspected spam left out`` (every review of the scope, and what the themes left out).

        :meth:`all_reviews` without the parentheses, for a count said inside them ("(203 reviews, 5 suspected spam
        left out, 2025-12-03 to 2026-12-03)").
        """
        scope = self.frame[self.frame["sku"].astype(str).isin(scoped)] if scoped else self.frame
        total = max(counted, len(scope))
        left = total - counted
        return self.reviews(total) + (f", {left:,} suspected spam left out" if left else "")

    def span(self, between: bool = False) -> str:
        """The period read, in words, with the undated reviews said.

        "between 2024-01-02 and 2024-12-31 (and 5 undated)", "2024-01-02 to 2024-12-31 and 5 undated", or, when
        every review is undated, "with no dates" (``between``) or "all undated".
        """
        if self.undated and self.undated >= len(self.frame):
            return "with no dates" if between else "all undated"
        start, end = self.start.isoformat(), self.end.isoformat()
        dates = f"between {start} and {end}" if between else f"{start} to {end}"
        return f"{dates} (and {self.undated} undated)" if between and self.undated else \
            f"{dates} and {self.undated} undated" if self.undated else dates


_STAR_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def star_phrase(levels: tuple[int, ...] | list[int]) -> str:
    """``one-star``, ``1-2 star``, ``4-5 star``, ``1 and 5 star``: the star ratings as an adjective."""
    levels = sorted(set(levels))
    if len(levels) == 1:
        return f"{_STAR_WORDS[levels[0]]}-star"
    if levels == list(range(levels[0], levels[-1] + 1)):
        return f"{levels[0]}-{levels[-1]} star"
    return ", ".join(str(v) for v in levels[:-1]) + f" and {levels[-1]} star"


def _quote(text: str, aspect: str, praise: bool = False) -> str:
    """The sentence of ``text`` that speaks worst (``praise``: best) of ``aspect`` (else the first naming it)."""
    sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
    naming = [s for s in sentences if any(aspect in ASPECT_CUES.get(t, ()) for t in tokenize(s))] or sentences
    if len(naming) > 1:
        scored = score_reviews(naming, [None] * len(naming))
        sign = -1.0 if praise else 1.0
        worst = min(range(len(naming)),
                    key=lambda i: (sign * scored.aspects[i].get(aspect, 0.0), sign * scored.score[i]))
        naming = [naming[worst]]
    pick = naming[0] if naming else ""
    return pick if len(pick) <= QUOTE_CHARS else pick[: QUOTE_CHARS - 3].rstrip() + "..."


def complaint_themes(reviews: pd.DataFrame, praise: bool = False) -> pd.DataFrame:
    """Per theme: reviews speaking of it negatively, products concerned, and one quote (the most negative).

    ``praise``: the same for reviews speaking of it positively (the quote: the most positive).
    """
    rows: list[dict[str, Any]] = []
    for rid, sku, text, weight, aspects in zip(reviews["review_id"], reviews["sku"], reviews["text"],
                                               reviews["weight"], reviews["aspects"], strict=True):
        if weight <= 0 or not isinstance(aspects, dict):
            continue
        for aspect, score in aspects.items():
            if (score > 0) if praise else (score < 0):
                rows.append({"theme": aspect, "review_id": str(rid), "sku": str(sku), "score": float(score),
                             "text": str(text)})
    if not rows:
        return pd.DataFrame(columns=["reviews", "products", "quote", "quote_review_id"]).rename_axis("theme")
    hits = pd.DataFrame(rows)
    out = hits.groupby("theme").agg(reviews=("review_id", "nunique"), products=("sku", "nunique"))
    ordered = hits.assign(key=-hits["score"] if praise else hits["score"]).sort_values(["key", "review_id"])
    picked = {str(t): _opinion_quote(group, str(t), praise) for t, group in ordered.groupby("theme", sort=False)}
    out["quote"] = [picked[str(t)][0] for t in out.index]
    out["quote_review_id"] = [picked[str(t)][1] for t in out.index]
    return out.sort_values(["reviews", "products"], ascending=False)


#: Reviews tried per theme for a quote whose own sentence carries an opinion.
QUOTE_CANDIDATES = 5


def _opinion_quote(group: pd.DataFrame, aspect: str, praise: bool) -> tuple[str, str]:
    """(quote, review id) for ``aspect``: of the worst (best) reviews, the sentence that says so most strongly.

    The review whose aspect scores worst may only name the aspect in its sentence ("Replaced my worn out base
    layer with this one."); the sentence's own score decides among the first :data:`QUOTE_CANDIDATES`.
    """
    sign = 1.0 if praise else -1.0
    candidates = []
    for k, (text, rid) in enumerate(list(zip(group["text"], group["review_id"], strict=True))[:QUOTE_CANDIDATES]):
        quote = _quote(str(text), aspect, praise)
        scored = score_text(quote)
        candidates.append((bool(scored.evidence) and sign * scored.score > 0.05, sign * scored.score, -k, quote,
                           str(rid)))
    best = max(candidates)
    return best[3], best[4]


_THEME_COLUMNS = ["theme", "reviews", "share_of_reviews", "products", "quote", "quote_review_id"]

#: Share of reviews without readable text above which an answer about what reviews say says so first.
UNREADABLE_SHARE = 0.5


def unread_texts(texts: pd.Series, readable: pd.Series | None = None) -> tuple[int, int]:
    """(reviews without text, reviews whose text is not in English): what no answer about their words can read.

    ``readable``: each text's :func:`~shared.sentiment.readings.readability` when the scorer read it (tokenising
    20,000 texts again cost ~0.3 s).
    """
    codes = readable if readable is not None else (
        readability(tokenize(t) if isinstance(t, str) else []) for t in texts)
    counts = np.bincount(np.fromiter(codes, dtype=np.int64), minlength=3)
    return int(counts[NO_WORDS]), int(counts[FOREIGN])


def unreadable(reviews: pd.DataFrame) -> str:
    """Why most of ``reviews`` cannot be read for what they say, or "" when most can.

    "Only 412 of the 1,365 reviews have English text to read (790 have no text and 163 are in another
    language)": an answer that found no complaint in them must not say there are none.
    """
    n = len(reviews)
    empty, foreign = unread_texts(reviews["text"], reviews["readable"] if "readable" in reviews.columns else None)
    if not n or (empty + foreign) / n < UNREADABLE_SHARE:
        return ""
    parts = [f"{empty:,} have no text" if empty else "", f"{foreign:,} are in another language" if foreign else ""]
    readable = n - empty - foreign
    return ((f"only {readable:,} of the {n:,} reviews have" if readable else f"none of the {n:,} reviews has")
            + " English text to read ("
            + " and ".join(p for p in parts if p) + "; only English is read)")


def by_stars(reviews: pd.DataFrame, frame: pd.DataFrame, negative: bool = True) -> str:
    """`` by their stars, 184 of 1,365 rated reviews are negative (1-2 stars), most on X (6) and Y (5)``."""
    rated = reviews[pd.to_numeric(reviews["rating"], errors="coerce").notna()]
    ratings = pd.to_numeric(rated["rating"], errors="coerce")
    hit = rated[ratings <= 2] if negative else rated[ratings >= 4]
    if rated.empty:
        return ""
    kind = "negative (1-2 stars)" if negative else "positive (4-5 stars)"
    text = f"by their stars, {len(hit):,} of {len(rated):,} rated reviews are {kind}"
    top = hit.groupby("sku")["review_id"].nunique().sort_values(ascending=False, kind="stable").head(3)
    if negative and len(top) and int(top.iloc[0]) > 1:
        text += ", most on " + join_names([f"{_name(frame, str(k))} ({int(v)})" for k, v in top.items()], 3)
    return text


def complaints_answer(data: ScoredReviews, scoped: list[str]) -> AgentAnswer:
    """``complaints``: the top complaint themes with counts and one quote each."""
    reviews = data.frame[data.frame["weight"] > 0]
    period = data.span()
    method = ("aspect-based lexicon scoring: a review complains about a theme when a clause naming that aspect "
              "scores negative; counted once per review, spam excluded; quote = the most negative such review")
    themes = complaint_themes(reviews)
    subject = data.subject(reviews, scoped)
    unread = unreadable(reviews)
    if themes.empty and unread:  # Portuguese or empty texts: "no complaints" would be false
        stars = by_stars(reviews, data.frame)
        return AgentAnswer(ask="complaints", method=method, skus=list(scoped), answered=False,
                           text=f"No complaint can be read from the {data.reviews(len(reviews))} of {subject} from "
                                f"{period}: "
                                f"{unread}" + (f"; {stars}" if stars else "") + ".")
    if themes.empty:
        return AgentAnswer(ask="complaints", method=method, skus=list(scoped),
                           text=f"No complaints in {data.reviews(len(reviews))} of {subject} from {period}: no review "
                                "speaks negatively about quality, delivery, fit, price, service, packaging, use, "
                                "noise or cleanliness.")
    n = len(reviews)
    rows = [[THEME_NAMES.get(str(t), str(t)), int(r["reviews"]), round(int(r["reviews"]) / n, 3),
             int(r["products"]), str(r["quote"]), str(r["quote_review_id"])] for t, r in themes.iterrows()]
    if data.stars:  # "what do 1-star reviewers complain about?": the filter said first
        text = (f"In the {data.all_reviews(n, scoped)} of {subject} ({period}), the most common complaint is "
                + leading_themes(rows) + ".")
    else:
        parts = [f"{r[0]} in {r[1]} review{'s' if r[1] != 1 else ''} (\"{r[4]}\")" for r in rows[:3]]
        text = (f"The top complaints about {subject} ({data.counted(n, scoped)}, {period}) are "
                + join_names(parts, 3) + ".")
    if not scoped:
        neg = reviews[reviews["label"] == "negative"]
        worst = neg.groupby("sku")["review_id"].nunique().sort_values(ascending=False, kind="stable").head(3)
        if not worst.empty:
            text = text[:-1] + "; most complained-about products: " + join_names(
                [f"{_name(data.frame, str(s))} ({int(c)} negative review{'s' if int(c) != 1 else ''})"
                 for s, c in worst.items()], 3) + "."
    text += _recurring_themes(data, scoped)
    if unread:
        text += f" Note: {unread}."
    table, total = ranked_table(_THEME_COLUMNS, rows)
    return AgentAnswer(ask="complaints", text=text, columns=_THEME_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=list(scoped), finding_prefixes=["complaint-", "aspect-drop-", "decline-"],
                       period_start=data.start, period_end=data.end)


def leading_themes(rows: list[list[Any]]) -> str:
    """``quality/durability (5 reviews, "It broke."), then shipping/delivery (3) and ease of use (2)``."""
    first = f"{rows[0][0]} ({_reviews(int(rows[0][1]))}, \"{rows[0][4]}\")"
    rest = [f"{r[0]} ({int(r[1])})" for r in rows[1:3]]
    return first + (", then " + join_names(rest, 2) if rest else "")


def _recurring_themes(data: ScoredReviews, scoped: list[str]) -> str:
    """`` Recurring complaints, however phrased: "drains overnight" (12 reviews, rising), ...`` or nothing."""
    if data.themes is None or len(scoped) > 1:
        return ""
    themes = (data.themes.per_sku.get(scoped[0], {}).get("complaint", []) if scoped
              else data.themes.complaints)
    if not themes:
        return ""
    parts = [f"\"{t.label}\" ({t.reviews} review{'s' if t.reviews != 1 else ''}"
             + (", rising" if t.trend > RISING_THEME else "") + ")" for t in themes[:3]]
    return " Recurring complaints, however phrased: " + join_names(parts, 3) + "."


def _products(reviews: pd.DataFrame, categories: tuple[str, ...] = ()) -> str:
    n = int(reviews["sku"].nunique())
    kind = f"{join_names(list(categories), 3)} " if categories else ""
    return f"{n} {kind}product{'s' if n != 1 else ''}"


def _name(frame: pd.DataFrame, sku: str) -> str:
    """``Product Title (SKU)`` when the catalogue names it, else ``SKU``: as the pricing and forecast answers say it."""
    if "product_title" not in frame.columns:
        return sku
    titles = frame.loc[frame["sku"] == sku, "product_title"].dropna()
    return f"{titles.iloc[0]} ({sku})" if len(titles) else sku


_DECLINE_COLUMNS = ["sku", "rating_before", "rating_recent", "drop", "z", "reviews_before", "reviews_recent",
                    "recent_from"]


def rating_drops(reviews: pd.DataFrame, as_of: date, window_days: int) -> pd.DataFrame:
    """Per SKU: mean rating in the recent window vs all earlier reviews of the period, and the drop.

    The recent window is the last ``window_days``; for a SKU with fewer than :data:`MIN_RECENT` reviews in it,
    it reaches back to its :data:`MIN_RECENT`-th latest review, at most twice as far (sparse reviews still
    compare, and ``recent_from`` says from when).
    """
    # an undated review is in neither window: a change over time is read from dated reviews only
    rated = reviews[(reviews["weight"] > 0) & reviews["rating"].notna() & reviews["date"].notna()]
    if rated.empty:
        return pd.DataFrame(columns=_DECLINE_COLUMNS[1:]).rename_axis("sku")
    first = as_of - timedelta(days=window_days - 1)
    floor = as_of - timedelta(days=2 * window_days - 1)
    days = pd.Series(list(rated["date"]), index=rated.index)
    kth = days.groupby(rated["sku"].astype(str)).apply(
        lambda d: sorted(d, reverse=True)[MIN_RECENT - 1] if len(d) >= MIN_RECENT else first)
    starts = {str(k): max(floor, min(first, v)) for k, v in kth.items()}
    start_of = rated["sku"].astype(str).map(starts)
    recent = np.asarray([d >= s for d, s in zip(rated["date"], start_of, strict=True)])
    w = rated["weight"].to_numpy(dtype=float)
    r = rated["rating"].to_numpy(dtype=float)
    frame = pd.DataFrame({"sku": rated["sku"].astype(str).to_numpy(), "recent": recent, "wr": w * r, "w": w,
                          "n": 1})
    g = frame.groupby(["sku", "recent"])[["wr", "w", "n"]].sum()
    mean = (g["wr"] / g["w"]).unstack("recent")
    n = g["n"].unstack("recent").fillna(0).astype("int64")
    out = pd.DataFrame(index=mean.index)
    out["rating_before"] = mean.get(False)
    out["rating_recent"] = mean.get(True)
    out["drop"] = out["rating_before"] - out["rating_recent"]
    out["reviews_before"] = n.get(False, 0)
    out["reviews_recent"] = n.get(True, 0)
    # standard error of the difference from the pooled spread of all ratings (robust for small per-SKU counts)
    sd = float(np.sqrt(np.average((r - np.average(r, weights=w)) ** 2, weights=w))) if len(r) > 1 else 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        se = max(sd, 0.25) * np.sqrt(1.0 / out["reviews_recent"] + 1.0 / out["reviews_before"])
        out["z"] = out["drop"] / se
    out["recent_from"] = [starts[str(k)].isoformat() for k in out.index]
    return out.rename_axis("sku")


def decline_answer(data: ScoredReviews, scoped: list[str], window_days: int) -> AgentAnswer:
    """``rating_decline``: the SKUs whose rating fell most, recent window vs before, with the drop."""
    as_of = data.end
    cut = as_of - timedelta(days=window_days)
    first = (cut + timedelta(days=1)).isoformat()
    method = (f"spam-weighted mean star rating of the last {window_days} days (from {first}; for a product with "
              f"fewer than {MIN_RECENT} reviews in them, from its {MIN_RECENT}rd latest review, at most "
              f"{2 * window_days} days back) vs all earlier reviews since {data.start}; "
              f"a fall is a drop of at least {MIN_Z} standard errors "
              f"(z) with at least {MIN_RECENT} recent and {MIN_BEFORE} earlier reviews")
    drops = rating_drops(data.frame, as_of, window_days)
    if scoped:
        drops = drops[drops.index.isin(scoped)]
    comparable = drops[(drops["reviews_recent"] >= MIN_RECENT) & (drops["reviews_before"] >= MIN_BEFORE)]
    comparable = comparable.sort_values(["drop", "reviews_recent"], ascending=False, kind="stable")
    rows: list[list[Any]] = [[str(s), round(float(r["rating_before"]), 2), round(float(r["rating_recent"]), 2),
                              round(float(r["drop"]), 2), round(float(r["z"]), 2), int(r["reviews_before"]),
                              int(r["reviews_recent"]), str(r["recent_from"])]
                             for s, r in comparable.iterrows()]
    falling = [r for r in rows if r[3] > 0 and r[4] >= MIN_Z]
    window = f"the last {window_days} days"
    if scoped:
        if not rows:
            have = drops.reindex(scoped)
            text = (f"There are too few rated reviews of {join_names([_name(data.frame, s) for s in scoped])} to "
                    f"compare {window} with before "
                    f"({int(have['reviews_recent'].fillna(0).sum())} recent, "
                    f"{int(have['reviews_before'].fillna(0).sum())} earlier).")
        else:
            parts = [f"{_name(data.frame, r[0])}'s rating {'fell' if r[3] > 0 else 'rose'} from {r[1]:.2f} to "
                     f"{r[2]:.2f} stars ({-r[3]:+.2f}) "
                     + (f"in {window}" if r[7] == first else f"since {r[7]}")
                     + f" ({_reviews(r[6])}) vs before ({_reviews(r[5])})"
                     + ("" if r[3] <= 0 or r[4] >= MIN_Z else ", within what a few reviews can move by chance")
                     for r in rows[:3]]
            text = "; ".join(parts) + "."
            if rows[0][3] > 0:
                text += _decline_reasons(data, rows[0][0], date.fromisoformat(rows[0][7]) - timedelta(days=1))
    elif not falling:
        biggest = next((r for r in rows if r[3] > 0), None)
        text = (f"No product's rating fell significantly in {window} compared with before ({len(rows)} products with "
                "enough reviews to compare)" + (f"; the largest drop, {_name(data.frame, biggest[0])} "
                                                f"({biggest[1]:.2f} to "
                                                f"{biggest[2]:.2f}), is within chance" if biggest else "") + ".")
    else:
        top = [f"{_name(data.frame, r[0])} ({r[1]:.2f} to {r[2]:.2f}, {-r[3]:+.2f})" for r in falling[:5]]
        recently = f"in {window}" if all(r[7] == first for r in falling[:5]) else "recently"
        text = (f"{len(falling)} of {len(rows)} comparable products have a significantly lower rating {recently} "
                f"than before; the biggest drops: {join_names(top, 5)}.")
    table, total = ranked_table(_DECLINE_COLUMNS, rows if scoped else falling)
    return AgentAnswer(ask="rating_decline", text=text, columns=_DECLINE_COLUMNS, rows=table, total_rows=total,
                       method=method, skus=[r[0] for r in (rows if scoped else falling)[:10]],
                       finding_prefixes=["decline-", "aspect-drop-", "complaint-"])


def _decline_reasons(data: ScoredReviews, sku: str, cut: date) -> str:
    """`` Recent complaints: quality/durability (9 of 16 reviews), ...`` for one SKU's recent window."""
    frame = data.frame
    recent = frame[(frame["sku"] == sku) & (frame["weight"] > 0)
                   & np.asarray([d is not None and d > cut for d in frame["date"]], dtype=bool)]
    themes = complaint_themes(recent)
    if themes.empty:
        return ""
    parts = [f"{THEME_NAMES.get(str(t), str(t))} ({int(r['reviews'])} of {len(recent)} reviews)"
             for t, r in themes.head(2).iterrows()]
    return " Recent complaints: " + join_names(parts, 2) + "."


def overview_answer(data: ScoredReviews, scoped: list[str]) -> AgentAnswer:
    """``sentiment_overview``: how reviews stand: count, mean rating, positive and negative shares."""
    reviews = data.frame[data.frame["weight"] > 0]
    rated = reviews["rating"].dropna()
    pos = float((reviews["label"] == "positive").mean()) if len(reviews) else 0.0
    neg = float((reviews["label"] == "negative").mean()) if len(reviews) else 0.0
    subject = data.subject(reviews, scoped)
    rating = f", averaging {rated.mean():.2f} stars" if len(rated) else ""
    if "suspected" in data.frame.columns:
        scope = data.frame[data.frame["sku"].isin(scoped)] if scoped else data.frame
        suspicion = SpamSuspicion(scope["suspected"].to_numpy(dtype=bool), [[] for _ in range(len(scope))])
        adjusted = adjusted_rating(pd.to_numeric(scope["rating"], errors="coerce").to_numpy(dtype=float), suspicion)
        if adjusted.raw is not None and adjusted.suspected:  # one rating, raw beside adjusted (ReviewMeta-style)
            rating = ", " + adjusted.phrase().replace("rated ", "rated on average ", 1)
    text = (f"{data.reviews(len(reviews))} of {subject} {data.span(between=True)}" + rating
            + f"; {100 * pos:.0f}% positive and {100 * neg:.0f}% negative.")
    themes = complaint_themes(reviews)
    if data.stars:  # "what's in the 3-star reviews?": what they complain of and praise, the filter said first
        text = (f"In the {data.all_reviews(len(reviews), scoped)} of {subject} {data.span(between=True)}"
                + (f" (averaging {rated.mean():.2f} stars)" if len(rated) else "")
                + f", {100 * pos:.0f}% read positive and {100 * neg:.0f}% negative.")
        praised = complaint_themes(reviews, praise=True)
        said = [f"the most common complaint is {THEME_NAMES.get(str(t), str(t))} ({_reviews(int(r['reviews']))})"
                for t, r in themes.head(1).iterrows()]
        said += [f"the most praised {THEME_NAMES.get(str(t), str(t))} ({_reviews(int(r['reviews']))})"
                 for t, r in praised.head(1).iterrows()]
        if said:
            text = text[:-1] + "; " + " and ".join(said) + "."
    elif not themes.empty:
        t, r = next(themes.iterrows())
        text = text[:-1] + f"; the most common complaint is {THEME_NAMES.get(str(t), str(t))} " \
                           f"({_reviews(int(r['reviews']))})."
    # the negative share as the mean of a 0/1 column: a Python lambda per product cost 0.1 s of an overview
    per_sku = reviews.assign(negative=(reviews["label"] == "negative").astype(float)).groupby("sku").agg(
        reviews=("review_id", "size"), mean_rating=("rating", "mean"), negative_share=("negative", "mean"))
    per_sku = per_sku.sort_values(["negative_share", "reviews"], ascending=False)
    rows = [[str(s), int(r["reviews"]), None if pd.isna(r["mean_rating"]) else round(float(r["mean_rating"]), 2),
             round(float(r["negative_share"]), 3)] for s, r in per_sku.iterrows()]
    table, total = ranked_table(["sku", "reviews", "mean_rating", "negative_share"], rows)
    return AgentAnswer(ask="sentiment_overview", text=text, columns=["sku", "reviews", "mean_rating",
                                                                     "negative_share"],
                       rows=table, total_rows=total,
                       method=(f"sentiment with rating prior, spam excluded. {data.method}" if data.method
                               else "lexicon sentiment with rating prior, spam excluded"),
                       skus=[r[0] for r in rows[:10]], finding_prefixes=["decline-", "sentiment-"])


def sentiment_answers(asks: list[AskKind], data: ScoredReviews, *, scoped: list[str],
                      window_days: int = DECLINE_WINDOW_DAYS) -> list[AgentAnswer]:
    """Answer each sentiment ask the question has."""
    out: list[AgentAnswer] = []
    for ask in asks:
        if ask == "complaints":
            out.append(complaints_answer(data, scoped))
        elif ask == "rating_decline":
            out.append(decline_answer(data, scoped, window_days))
        else:
            out.append(overview_answer(data, scoped))
    return out


def no_reviews_answers(asks: list[AskKind], start: date, end: date, scoped: list[str],
                       stars: tuple[int, ...] = (), *, any_stored: bool = True) -> list[AgentAnswer]:
    """Every ask answered with the plain fact that there are no reviews (of those stars) to read.

    ``any_stored=False``: the tenant has no dated reviews at all, so no period is named (a window ending on the
    wall clock's today would say nothing true about data that was never uploaded).
    """
    if not any_stored:
        return [AgentAnswer(ask=a, answered=False, skus=list(scoped),
                            text="No reviews have been uploaded yet (reviews with sku, date, rating and text are "
                                 "needed).") for a in asks]
    what = f"of {join_names(scoped, 3)} " if scoped else ""
    if stars:
        return [AgentAnswer(ask=a, answered=False, skus=list(scoped),
                            text=f"There are no {star_phrase(stars)} reviews {what}between {start.isoformat()} and "
                                 f"{end.isoformat()}.") for a in asks]
    return [AgentAnswer(ask=a, answered=False, skus=list(scoped),
                        text=f"There are no reviews {what}between {start.isoformat()} and {end.isoformat()} to "
                             "answer from (reviews with sku, date, rating and text are needed).") for a in asks]



def _reviews(n: int) -> str:
    """``1 review``, ``16 reviews``."""
    return f"{n} review" if n == 1 else f"{n} reviews"
