"""Recurring complaints and praise: opinion expressions and topic words ranked by frequency and trend.

A complaint is a negative opinion expression the scorer fired ("stopped working", "runs small",
"not worth") or a content word that recurs in negative clauses ("strap", "battery"). Frequencies are
per review (a review that says it twice counts once) and spam-weighted; the trend compares the share of
reviews mentioning it in the recent window with the window before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from shared.sentiment.lexicon import read_data

_FAMILY_DATA = read_data("complaint_families.json")
#: Function words and review boilerplate that never make a topic.
STOPWORDS: frozenset[str] = frozenset(_FAMILY_DATA["stopwords"])
#: Opinion expression -> the complaint family it reports (variants of one problem count together).
COMPLAINT_FAMILY: dict[str, str] = {
    term: family for family, terms in _FAMILY_DATA["families"].items() for term in terms
}


@dataclass
class TermStat:
    """How often one complaint (or praise) term appears, now and before."""

    term: str
    kind: str  # "expression" (scorer opinion expression) or "topic" (recurring content word)
    reviews: int = 0
    weight: float = 0.0
    recent_weight: float = 0.0
    before_weight: float = 0.0
    review_ids: list[str] = field(default_factory=list)
    recent_share: float = 0.0
    before_share: float = 0.0

    @property
    def trend(self) -> float:
        """Change in the share of reviews mentioning the term (recent minus before)."""
        return self.recent_share - self.before_share


def rank_terms(
    review_ids: Sequence[str],
    topic_words: Sequence[Sequence[str]],
    terms: Sequence[Sequence[tuple[str, float]]],
    scores: Sequence[float],
    weights: Sequence[float],
    recent: Sequence[bool],
    before: Sequence[bool],
    *,
    negative: bool = True,
    min_reviews: int = 2,
    limit: int = 10,
    max_examples: int = 5,
) -> list[TermStat]:
    """Rank complaint (``negative=True``) or praise terms by spam-weighted review frequency.

    Expressions come from the scorer's fired terms with the requested polarity; topic words are content
    words of reviews whose overall score has that polarity. ``topic_words``: each review's candidate topic words
    (``ReviewReading.topic_words``: its content words of 3+ letters that are neither stop words nor part of a fired
    expression), read once with the text rather than per product from its tokens.
    """
    stats: dict[tuple[str, str], TermStat] = {}
    recent_total = sum(w for w, r in zip(weights, recent, strict=True) if r)
    before_total = sum(w for w, b in zip(weights, before, strict=True) if b)
    for rid, words, fired, score, w, is_recent, is_before in zip(
        review_ids, topic_words, terms, scores, weights, recent, before, strict=True
    ):
        if w <= 0:
            continue
        found: set[tuple[str, str]] = set()
        for term, valence in fired:
            if (valence < 0) == negative and valence != 0:
                found.add((COMPLAINT_FAMILY.get(term, term) if negative else term, "expression"))
        if (score < -0.05) if negative else (score > 0.05):
            found.update((word, "topic") for word in words)
        for key in found:
            st = stats.get(key)
            if st is None:
                st = stats[key] = TermStat(term=key[0], kind=key[1])
            st.reviews += 1
            st.weight += w
            if is_recent:
                st.recent_weight += w
            if is_before:
                st.before_weight += w
            if len(st.review_ids) < max_examples:
                st.review_ids.append(rid)
    ranked = [s for s in stats.values() if s.reviews >= min_reviews]
    for s in ranked:
        s.recent_share = s.recent_weight / recent_total if recent_total else 0.0
        s.before_share = s.before_weight / before_total if before_total else 0.0
    ranked.sort(key=lambda s: (-s.weight, s.kind != "expression", s.term))
    return ranked[:limit]


def group_by_polarity(stats: Sequence[TermStat]) -> dict[str, list[str]]:
    """Terms grouped by kind (for compact summaries)."""
    out: dict[str, list[str]] = defaultdict(list)
    for s in stats:
        out[s.kind].append(s.term)
    return dict(out)
