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

from shared.sentiment.tokens import tokenize

#: Function words and review boilerplate that never make a topic.
STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    one two get got bought buy item product thing things really still even much many im ive dont didnt doesnt
    it's i'm i've don't didn't doesn't won't can't isn't wasn't would've that's there's they're you're use used
    using make made back time times day days week weeks month months year years first last well like just
    amazon order ordered purchase purchased review star stars""".split()
)


_FAMILIES: dict[str, tuple[str, ...]] = {
    "stopped working": (
        "stopped working",
        "quit working",
        "stops working",
        "stop working",
        "doesn't work",
        "didn't work",
        "does not work",
        "did not work",
        "won't work",
        "not working",
        "no longer works",
        "died",
        "dies",
        "dead",
        "dead on arrival",
        "doa",
        "malfunction",
        "malfunctioned",
        "malfunctions",
        "not works",
        "not work",
    ),
    "broke / fell apart": (
        "broke",
        "broken",
        "breaks",
        "breaking",
        "broke down",
        "fell apart",
        "falls apart",
        "falling apart",
        "came apart",
        "snapped",
        "cracked",
        "shattered",
        "ripped",
        "torn",
        "tore",
        "keeps breaking",
    ),
    "failed early": (
        "after a week",
        "after a month",
        "after one use",
        "after a few uses",
        "lasted a week",
        "lasted a month",
        "lasted two weeks",
        "lasted 2 weeks",
        "while it lasted",
    ),
    "arrived damaged": ("arrived broken", "arrived damaged", "came broken", "damaged", "crushed", "dented"),
    "poor quality": (
        "poor quality",
        "low quality",
        "cheap quality",
        "cheaply made",
        "made cheaply",
        "feels cheap",
        "looks cheap",
        "cheap",
        "cheaply",
        "flimsy",
        "shoddy",
        "cheap plastic",
        "cheap material",
        "junk",
        "piece of junk",
        "garbage",
        "piece of garbage",
    ),
    "runs small": ("runs small", "run small", "ran small", "running small", "too small", "too tight"),
    "runs large": ("runs large", "runs big", "run large", "run big", "ran large", "too big", "too large", "too loose"),
    "late or missing delivery": (
        "late",
        "delayed",
        "delay",
        "arrived late",
        "took forever",
        "weeks to arrive",
        "weeks to ship",
        "weeks to deliver",
        "never arrived",
        "never received",
        "never came",
        "lost",
    ),
    "unresponsive support": (
        "never replied",
        "never responded",
        "never heard back",
        "no response",
        "no reply",
        "unresponsive",
        "rude",
        "ignored",
    ),
    "not worth the money": (
        "waste of money",
        "not worth",
        "overpriced",
        "too expensive",
        "ripoff",
        "not worth it",
        "not worth the money",
    ),
    "returned / refund": (
        "returned",
        "returned it",
        "return it",
        "returning",
        "returning it",
        "sent it back",
        "send it back",
        "sending it back",
        "money back",
        "refund",
        "return",
    ),
}
#: Opinion expression -> the complaint family it reports (variants of one problem count together).
COMPLAINT_FAMILY: dict[str, str] = {term: family for family, terms in _FAMILIES.items() for term in terms}


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
    texts: Sequence[str],
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
    tokens of reviews whose overall score has that polarity.
    """
    stats: dict[tuple[str, str], TermStat] = {}
    recent_total = sum(w for w, r in zip(weights, recent, strict=True) if r)
    before_total = sum(w for w, b in zip(weights, before, strict=True) if b)
    for rid, text, fired, score, w, is_recent, is_before in zip(
        review_ids, texts, terms, scores, weights, recent, before, strict=True
    ):
        if w <= 0:
            continue
        found: set[tuple[str, str]] = set()
        for term, valence in fired:
            if (valence < 0) == negative and valence != 0:
                found.add((COMPLAINT_FAMILY.get(term, term) if negative else term, "expression"))
        if (score < -0.05) if negative else (score > 0.05):
            opinion_words = {w for t, _ in fired for w in t.split()}
            for tok in set(tokenize(text)):
                if len(tok) >= 3 and tok.isalpha() and tok not in STOPWORDS and tok not in opinion_words:
                    found.add((tok, "topic"))
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
