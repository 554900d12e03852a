"""Complaint and praise themes: opinion phrases from reviews clustered so that paraphrases count together.

A review's text is cut into clauses; a clause the lexicon scorer reads as negative is a complaint phrase,
positive a praise phrase ("battery died", "won't hold a charge", "drains overnight"). Distinct phrases are
clustered by average-linkage agglomeration on a similarity that blends

- a lexical similarity: cosine over concept and word features, where words naming the same part or
  experience of a product share a concept (``data/theme_concepts.json``: "charge", "drains" and
  "battery" are all *battery and charging*), and
- where the sentence encoder runs and the phrase count fits ``embed_limit``, the cosine of the phrases'
  E5 embeddings after removing their mean (the raw embeddings of short complaints all sit within
  0.78-0.92 of each other; centred, paraphrases stand out).

Each cluster is a theme labelled by its most central phrase, counted once per review (spam-weighted),
with the share of reviews in the recent window against the window before, and quotes. Themes are found
once across the catalogue, then counted per product, so one problem has one name everywhere.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from shared import regex as re
from shared.sentiment.lexicon import read_data
from shared.sentiment.scorer import score_text
from shared.sentiment.tokens import tokenize
from shared.sentiment.topics import STOPWORDS

Polarity = Literal["complaint", "praise"]

#: Clause readings kept (:func:`_read_clause`): reviews repeat clauses (the 3,000 sample reviews hold 16,814 clauses,
#: 1,375 distinct), and scoring each again took most of the themes' time, the themes half of an overview answer's.
CLAUSE_READINGS = 65_536
#: Clauses longer than this (in tokens) are not phrases (they are run-on text, not one opinion).
MAX_PHRASE_TOKENS = 16
#: Distinct phrases clustered (the most frequent; rarer ones cannot reach MIN_THEME_REVIEWS anyway).
MAX_PHRASES = 600
#: Reviews read for themes: the most recent ones (clause scoring is per clause).
MAX_THEME_REVIEWS = 5_000
#: Distinct phrases the sentence encoder embeds at most by default (it runs at tens of phrases/s).
EMBED_LIMIT = 300
#: Similarity needed to merge two clusters (average linkage); lexical only / blended with embeddings.
LEXICAL_THRESHOLD = 0.45
BLENDED_THRESHOLD = 0.38
#: Weight of the embedding similarity in the blend.
EMBEDDING_WEIGHT = 0.4
#: A theme needs this many reviews.
MIN_THEME_REVIEWS = 2
#: Feature weights: a concept word outweighs a plain content word; opinion-only words weigh little.
CONCEPT_WEIGHT = 2.0
WORD_WEIGHT = 1.0
OPINION_WORD_WEIGHT = 0.3
QUOTE_CHARS = 160

_CLAUSE = re.compile(r"[.!?;,\n]+|\s+(?:but|however|although|though|yet|and|while|whereas)\s+", re.IGNORECASE)
_TABLE = read_data("theme_concepts.json")
#: Each concept word (naming or evoking it) and each event word -> its concept (``data/theme_concepts.json``).
_CONCEPT_OF: dict[str, str] = {
    word: concept
    for section in ("concepts", "evoking", "events")
    for concept, words in _TABLE.get(section, {}).items()
    for word in words
}
#: Concepts of what happened rather than of a part ("broke", "stopped"): half weight beside a part's concept.
_EVENTS = frozenset(_TABLE.get("events", {}))
#: Generic judgement words: they say how the reviewer feels, not what the theme is.
_GENERIC = frozenset(
    "great good bad poor terrible awful horrible excellent amazing love loved hate hated nice perfect worst best "
    "disappointed disappointing happy unhappy pleased fantastic wonderful decent okay fine useless junk garbage "
    "recommend highly totally completely absolutely again buy bought would meh".split()
)


@dataclass(frozen=True)
class OpinionPhrase:
    """One opinion clause of one review."""

    review_id: str
    sku: str
    text: str
    key: str
    polarity: Polarity
    weight: float
    recent: bool
    before: bool


@dataclass(frozen=True)
class Quote:
    """A phrase quoted from a review (review text: data shown to the merchant, never interpreted)."""

    review_id: str
    sku: str
    text: str


@dataclass
class Theme:
    """A cluster of phrases that say the same thing, with how often and how recently it is said."""

    label: str
    polarity: Polarity
    reviews: int = 0
    weight: float = 0.0
    recent_share: float = 0.0
    before_share: float = 0.0
    phrases: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    products: dict[str, int] = field(default_factory=dict)

    @property
    def trend(self) -> float:
        """Change in the share of reviews raising the theme (recent window minus the one before)."""
        return self.recent_share - self.before_share

    def as_row(self) -> dict[str, Any]:
        """JSON row for ``data.themes`` and the per-product tables."""
        return {
            "theme": self.label,
            "polarity": self.polarity,
            "reviews": self.reviews,
            "weight": round(self.weight, 2),
            "products": len(self.products),
            "recent_share": round(self.recent_share, 3),
            "before_share": round(self.before_share, 3),
            "trend": round(self.trend, 3),
            "phrases": self.phrases[:8],
            "quotes": [{"review_id": q.review_id, "sku": q.sku, "text": q.text} for q in self.quotes],
        }


@dataclass
class ThemeSet:
    """Catalogue themes, the same themes counted per product, and how they were found."""

    method: str
    complaints: list[Theme]
    praise: list[Theme]
    per_sku: dict[str, dict[Polarity, list[Theme]]]
    phrases: int = 0
    notes: list[str] = field(default_factory=list)


def _key(tokens: Sequence[str]) -> str:
    return " ".join(t for t in tokens if t not in {",", ".", "!", "?", ";", "$"})


@dataclass(frozen=True)
class _ClauseReading:
    """What a clause says, whatever review or product it is in.

    Its phrase key, whether it names a topic, the score of its opinion words with each word's tokens (a product's
    title can name them), and whether it names a concept (then the review's polarity can lend it one).
    """

    key: str
    topic: bool
    score: float = 0.0
    evidence: bool = False
    terms: tuple[frozenset[str], ...] = ()
    concept: bool = False


@lru_cache(maxsize=CLAUSE_READINGS)
def _read_clause(clause: str) -> _ClauseReading | None:
    """The clause's reading (:class:`_ClauseReading`); ``None`` for no words or a run-on clause."""
    clause_tokens = tokenize(clause)
    if not clause_tokens or len(clause_tokens) > MAX_PHRASE_TOKENS:
        return None
    key = _key(clause_tokens)
    if not _has_topic(key):
        return _ClauseReading(key, False)
    scored = score_text(clause)
    concept = any(t in _CONCEPT_OF or _stem(t) in _CONCEPT_OF for t in clause_tokens)
    return _ClauseReading(key, True, scored.score, bool(scored.evidence),
                          tuple(frozenset(tokenize(term)) for term, _ in scored.terms), concept)


#: A review this polar (its blended score: stars and text) lends its polarity to its only topic clause.
SOLE_CLAUSE_REVIEW_SCORE = 0.3


def _clause_polarity(reading: _ClauseReading, review_score: float,
                     title_words: frozenset[str] = frozenset(), sole: bool = False) -> Polarity | None:
    """The clause's own polarity when it carries an opinion word; else the review's, if it names a concept.

    "Drains overnight" has no opinion word, but in a negative review and naming the battery it is the
    complaint. Words of the product's own title are its name, not an opinion: "replaced my previous cutting
    board with this one" holds no complaint though "cutting" scores negative in a general lexicon.

    ``sole``: the clause is the only one of its review that names something, so it is what the review says: a clearly
    polar review (:data:`SOLE_CLAUSE_REVIEW_SCORE`, stars and text) gives it its polarity, whatever the clause's own
    words read ("the charge drops from full to 20% within an hour" in a one-star review reads "full" as praise;
    "took three weeks to get here" has no opinion word and names no concept).
    """
    if sole and abs(review_score) >= SOLE_CLAUSE_REVIEW_SCORE:
        return "complaint" if review_score < 0 else "praise"
    named_only = bool(title_words) and all(words <= title_words for words in reading.terms)
    if reading.evidence and abs(reading.score) >= 0.05 and not named_only:
        return "complaint" if reading.score < 0 else "praise"
    if abs(review_score) >= 0.05 and reading.concept:
        return "complaint" if review_score < 0 else "praise"
    return None


def opinion_phrases(
    review_ids: Sequence[str],
    skus: Sequence[str],
    texts: Sequence[str],
    review_scores: Sequence[float],
    weights: Sequence[float],
    recent: Sequence[bool],
    before: Sequence[bool],
    titles: Sequence[str | None] | None = None,
) -> list[OpinionPhrase]:
    """Complaint and praise clauses of the counted reviews (one per clause with an opinion).

    ``titles``: each review's product title, whose words name the product rather than judge it. A clause is read
    once per process (:data:`CLAUSE_READINGS`).
    """
    out: list[OpinionPhrase] = []
    named = [frozenset(tokenize(t)) if isinstance(t, str) else frozenset() for t in titles or [None] * len(texts)]
    rows = zip(review_ids, skus, texts, review_scores, weights, recent, before, named, strict=True)
    for rid, sku, text, review_score, w, rec, bef, title_words in rows:
        if w <= 0 or not text:
            continue
        # "meh", "very disappointed": how the reviewer feels, about nothing in particular (no topic)
        topical = [(clause, reading) for clause in _CLAUSE.split(text)
                   if (reading := _read_clause(clause)) is not None and reading.topic]
        for clause, reading in topical:
            polarity = _clause_polarity(reading, float(review_score), title_words, sole=len(topical) == 1)
            if polarity is None:
                continue
            out.append(OpinionPhrase(str(rid), str(sku), clause.strip(), reading.key, polarity, float(w),
                                     bool(rec), bool(bef)))
    return out


def _stem(tok: str) -> str:
    """A light suffix stripper (enough to match "drains"/"drain", "charging"/"charge", "replies"/"reply")."""
    for suffix in ("ies", "ied"):  # consonant + y: "replies", "replied", "batteries" -> "reply", "battery"
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            return tok[: -len(suffix)] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            return tok[: -len(suffix)]
    return tok


def phrase_features(key: str) -> dict[str, float]:
    """Concept and content-word features of a phrase (what it is about, not how strongly it is felt).

    An event's concept ("broke", "stopped") weighs half beside a part's ("the zipper broke" is about the zipper).
    """
    feats: dict[str, float] = {}
    for tok in key.split():
        concept = _CONCEPT_OF.get(tok) or _CONCEPT_OF.get(_stem(tok))
        if concept:
            feats["c:" + concept] = CONCEPT_WEIGHT
            continue
        if tok in STOPWORDS or len(tok) < 3 or not tok.replace("'", "").isalpha():
            continue
        name = "w:" + _stem(tok)
        weight = OPINION_WORD_WEIGHT if tok in _GENERIC else WORD_WEIGHT
        feats[name] = max(feats.get(name, 0.0), weight)
    if any(f[2:] not in _EVENTS for f in feats if f.startswith("c:")):
        for event in _EVENTS:
            if "c:" + event in feats:
                feats["c:" + event] = CONCEPT_WEIGHT / 2.0
    return feats


def _has_topic(key: str) -> bool:
    """Whether a phrase names something (a concept or a content word), not only a feeling."""
    return any(v >= WORD_WEIGHT for v in phrase_features(key).values())


def lexical_similarity(keys: Sequence[str]) -> np.ndarray:
    """Cosine similarity of the phrases' feature vectors, ``(n, n)``."""
    feats = [phrase_features(k) for k in keys]
    vocab = {f: i for i, f in enumerate(sorted({f for fs in feats for f in fs}))}
    mat = np.zeros((len(keys), max(1, len(vocab))), dtype=np.float64)
    for row, fs in enumerate(feats):
        for f, v in fs.items():
            mat[row, vocab[f]] = v
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    mat = np.divide(mat, norms, out=np.zeros_like(mat), where=norms > 0)
    return mat @ mat.T


def embedding_similarity(keys: Sequence[str]) -> np.ndarray:
    """Cosine similarity of the phrases' sentence embeddings after removing their mean direction."""
    from shared.sentiment.embedding import embed

    vecs = embed(list(keys)).astype(np.float64)
    vecs -= vecs.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs = np.divide(vecs, norms, out=np.zeros_like(vecs), where=norms > 0)
    return vecs @ vecs.T


def cluster(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Average-linkage clusters whose members are on average at least ``threshold`` similar; labels 0..k-1."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform((distance + distance.T) / 2.0, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return np.asarray(labels, dtype=np.int64) - 1


def _central(members: list[int], similarity: np.ndarray, counts: Sequence[int], keys: Sequence[str]) -> int:
    """The member most similar to the others (phrase occurrences weighted), then the most frequent, shortest."""
    weights = np.asarray([counts[m] for m in members], dtype=np.float64)
    sub = similarity[np.ix_(members, members)]
    centrality = sub @ weights
    return max(range(len(members)),
               key=lambda j: (round(float(centrality[j]), 6), counts[members[j]], -len(keys[members[j]])))


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3].rstrip() + "..."


def _aggregate(
    phrases: Sequence[OpinionPhrase],
    theme_of: dict[str, int],
    labels: dict[int, str],
    polarity: Polarity,
    recent_total: float,
    before_total: float,
    min_reviews: int,
    limit: int,
) -> list[Theme]:
    """Themes counted once per review over ``phrases``, most reviews first."""
    by_theme: dict[int, dict[str, OpinionPhrase]] = defaultdict(dict)
    seen_phrases: dict[int, Counter[str]] = defaultdict(Counter)
    for p in phrases:
        t = theme_of.get(p.key)
        if t is None or p.polarity != polarity:
            continue
        by_theme[t].setdefault(p.review_id, p)
        seen_phrases[t][p.text.lower()] += 1
    out: list[Theme] = []
    for t, per_review in by_theme.items():
        if len(per_review) < min_reviews:
            continue
        theme = Theme(label=labels[t], polarity=polarity)
        products: Counter[str] = Counter()
        recent_w = before_w = 0.0
        for p in per_review.values():
            theme.reviews += 1
            theme.weight += p.weight
            products[p.sku] += 1
            recent_w += p.weight if p.recent else 0.0
            before_w += p.weight if p.before else 0.0
        theme.recent_share = recent_w / recent_total if recent_total else 0.0
        theme.before_share = before_w / before_total if before_total else 0.0
        theme.products = dict(products.most_common())
        theme.phrases = [text for text, _ in seen_phrases[t].most_common(8)]
        ordered = sorted(per_review.values(), key=lambda p: (not p.recent, p.review_id))
        theme.quotes = [Quote(p.review_id, p.sku, _quote(p.text)) for p in ordered[:3]]
        out.append(theme)
    out.sort(key=lambda th: (-th.weight, th.label))
    return out[:limit]


def _cluster_polarity(
    phrases: Sequence[OpinionPhrase], polarity: Polarity, use_embeddings: bool
) -> tuple[dict[str, int], dict[int, str], int]:
    """Cluster the distinct phrase keys of one polarity: key -> theme number, theme labels, keys dropped."""
    counts = Counter(p.key for p in phrases if p.polarity == polarity)
    keys = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    dropped = max(0, len(keys) - MAX_PHRASES)
    keys = keys[:MAX_PHRASES]
    if not keys:
        return {}, {}, dropped
    similarity = lexical_similarity(keys)
    threshold = LEXICAL_THRESHOLD
    if use_embeddings and len(keys) > 1:
        similarity = (1.0 - EMBEDDING_WEIGHT) * similarity + EMBEDDING_WEIGHT * np.clip(
            embedding_similarity(keys), 0.0, 1.0)
        threshold = BLENDED_THRESHOLD
    assignment = cluster(similarity, threshold)
    n_counts = [counts[k] for k in keys]
    labels: dict[int, str] = {}
    for t in np.unique(assignment):
        members = [i for i in range(len(keys)) if assignment[i] == t]
        labels[int(t)] = keys[members[_central(members, similarity, n_counts, keys)]]
    return {k: int(assignment[i]) for i, k in enumerate(keys)}, labels, dropped


def find_themes(
    phrases: Sequence[OpinionPhrase],
    *,
    window_totals: Mapping[str, tuple[float, float]],
    embed_limit: int = EMBED_LIMIT,
    limit: int = 10,
    per_sku_limit: int = 5,
) -> ThemeSet:
    """Cluster complaint and praise phrases into themes, across the catalogue and per product.

    Args:
        phrases: opinion phrases (:func:`opinion_phrases`).
        window_totals: per SKU, the spam-weighted reviews in the recent window and in the window before
            (the denominators of ``recent_share`` and ``before_share``).
        embed_limit: embed the phrases of a polarity only when there are at most this many distinct ones
            and the encoder is installed (0 forces the lexical method).
        limit: catalogue themes kept per polarity.
        per_sku_limit: themes kept per product and polarity.

    Returns:
        The themes and the method used (``embedding+lexical`` or ``lexical``, with the reason).
    """
    from shared.sentiment.embedding import available

    encoder = embed_limit > 0 and available()
    notes: list[str] = []
    methods: list[str] = []
    found: dict[Polarity, tuple[dict[str, int], dict[int, str]]] = {}
    for polarity in ("complaint", "praise"):
        distinct = len({p.key for p in phrases if p.polarity == polarity})
        use = encoder and 1 < distinct <= embed_limit
        theme_of, labels, dropped = _cluster_polarity(phrases, polarity, use)
        found[polarity] = (theme_of, labels)
        methods.append("embedding+lexical" if use else "lexical")
        if dropped:
            notes.append(f"{dropped} rare {polarity} phrases beyond the {MAX_PHRASES} most frequent not clustered")
        if encoder and distinct > embed_limit:
            notes.append(f"{distinct} distinct {polarity} phrases > {embed_limit}: clustered lexically")
    if not encoder:
        notes.append("sentence encoder not used (not installed or disabled): lexical concept similarity only")
    method = ("embedding+lexical" if "embedding+lexical" in methods else "lexical") + (
        ": clause phrases clustered by average linkage on "
        + ("a blend of centred E5 embedding cosine and concept-lexical cosine" if "embedding+lexical" in methods
           else "concept-lexical cosine")
        + "; labelled by the most central phrase; counted once per review, spam-weighted")
    recent_total = sum(r for r, _ in window_totals.values())
    before_total = sum(b for _, b in window_totals.values())
    complaints = _aggregate(phrases, *found["complaint"], "complaint", recent_total, before_total,
                            MIN_THEME_REVIEWS, limit)
    praise = _aggregate(phrases, *found["praise"], "praise", recent_total, before_total, MIN_THEME_REVIEWS, limit)
    per_sku: dict[str, dict[Polarity, list[Theme]]] = {}
    by_sku: dict[str, list[OpinionPhrase]] = defaultdict(list)
    for p in phrases:
        by_sku[p.sku].append(p)
    for sku, own in by_sku.items():
        sku_recent, sku_before = window_totals.get(sku, (0.0, 0.0))
        per_sku[sku] = {
            pol: _aggregate(own, *found[pol], pol, sku_recent, sku_before, MIN_THEME_REVIEWS, per_sku_limit)
            for pol in ("complaint", "praise")
        }
    return ThemeSet(method=method, complaints=complaints, praise=praise, per_sku=per_sku,
                    phrases=len(phrases), notes=notes)


def purity(assignment: Sequence[int], truth: Sequence[str]) -> float:
    """Share of items whose cluster's majority label is their own label (1.0 = every cluster is pure)."""
    groups: dict[int, Counter[str]] = defaultdict(Counter)
    for a, t in zip(assignment, truth, strict=True):
        groups[a][t] += 1
    total = sum(sum(c.values()) for c in groups.values())
    return sum(max(c.values()) for c in groups.values()) / total if total else math.nan
