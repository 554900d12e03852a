"""Review polarity: lexicon + rules (negation scope, intensifiers, contrast, domain phrases, star prior).

One pass over the tokens of a review produces its text score, the aspects of each clause with the
clause's sentiment, and the opinion expressions that fired (for complaint mining). The per-review loop
is plain Python over dict lookups (tens of thousands of short reviews per second); combining the text
score with the star rating and labelling are vectorised with numpy over the whole batch.

Scores are in [-1, 1]; labels are ``positive``/``negative``/``neutral``; confidence is 0-100.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from shared import regex as re
from shared.sentiment.aspects import ASPECT_CUES, ASPECT_PHRASES, MASKING_PHRASES, PRICE_CONTEXT
from shared.sentiment.lexicon import CONTRAST, IRREALIS_PHRASES, SCOPE_BREAKERS, Lexicon, load_lexicon
from shared.sentiment.tokens import CLAUSE_PUNCT, SENTENCE_PUNCT, tokenize

#: VADER's normalisation constant (valences on the [-4, 4] scale).
ALPHA = 15.0
#: Negation multipliers: "not good" is mildly negative, "not bad" mildly positive (asymmetric, as rated).
NEGATE_POSITIVE = -0.6
NEGATE_NEGATIVE = -0.5
#: How many tokens a negator reaches (stopped early by punctuation or a contrast word).
NEGATION_SCOPE = 3
#: Contrast weighting: text before "but" counts half, text after it 1.5 times (VADER's rule).
BEFORE_CONTRAST = 0.5
AFTER_CONTRAST = 1.5
#: Decision thresholds on the final score (chosen by cross-validation, see docs/sentiment.md).
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
#: Prior strength of a star rating, in "opinion expressions" of evidence.
RATING_PRIOR_WEIGHT = 4.0
#: Weight of the text in a rated review saturates at this many opinion expressions.
MAX_TEXT_EVIDENCE = 6.0

#: Positive words in an irrealis clause report an absence: they count this much, negatively.
IRREALIS_POSITIVE = -0.4

_IRREALIS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _p in IRREALIS_PHRASES:
    _IRREALIS[_p[0]] = (*_IRREALIS.get(_p[0], ()), _p)

#: An opinion word in capitals inside mixed-case text is emphasised (VADER's empirical constant).
CAPS_EMPHASIS = 0.733
_CAPS = re.compile(r"\b[A-Z][A-Z']+\b")

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")

_CHEAP_PRICE = 1.2
_CHEAP_QUALITY = -1.6
_CHEAP_WORDS = {"cheap": None, "cheaper": 0.8, "cheapest": 0.4}
#: Words saying how hard a task is: the verb after them and "to" is the task, not an opinion ("difficult to clean" is
#: no praise of cleanliness; "easy to clean" is praised by "easy").
_EASE_WORDS = frozenset({"easy", "easier", "easiest", "hard", "harder", "difficult", "simple", "simpler", "tricky",
                         "impossible", "awkward", "fiddly", "quick", "quicker", "painful", "annoying"})
#: A product the review sets this one against: "replaced my worn out kettle with this one", "picked it over a cheaper
#: one". What is said of it between the cue and where the clause turns back to this product is not about this one.
_REPLACED = frozenset({"replaced", "replacing", "replace", "swapped", "ditched"})
_CHOSEN_OVER = frozenset({"picked", "chose", "chosen", "preferred", "bought", "got", "took"})
_DETERMINERS = frozenset({"my", "our", "a", "an", "the", "his", "her", "their"})
#: What ends the other product's words: "... with this one", "... for this", "... after reading reviews".
_BACK_TO_THIS = frozenset({"with", "for", "after", "because", "since", "as", "by"})
#: Damage words that, in a clause about the packaging, describe the packaging only ("packaging was torn").
_CONTAINER_DAMAGE = frozenset({"torn", "tore", "ripped", "crushed", "dented"})
_NEUTRAL = 0.0


@dataclass
class TextScore:
    """What the text of one review says, before the star prior."""

    score: float
    evidence: int
    aspects: dict[str, float] = field(default_factory=dict)
    terms: list[tuple[str, float]] = field(default_factory=list)


def _resolve_sentence(pending: list[tuple[list[str], float, int]], out: dict[str, float]) -> None:
    """Attribute each clause's sentiment to its aspects; aspect-only clauses borrow a neighbour's."""
    n = len(pending)
    for i, (aspects, total, hits) in enumerate(pending):
        if not aspects:
            continue
        value, found = total, hits > 0
        if not found:
            for j in (i + 1, i - 1):
                if 0 <= j < n and pending[j][2] > 0 and not pending[j][0]:
                    value, found = pending[j][1], True
                    break
        if not found:
            continue
        norm = value / math.sqrt(value * value + ALPHA)
        for a in aspects:
            out[a] = out[a] + norm if a in out else norm
    pending.clear()


def _shouted_words(text: str) -> frozenset[str]:
    """Lower-cased words written in capitals, when the text is not all capitals."""
    caps = _CAPS.findall(text)
    if not caps or not any(c.islower() for c in text):
        return frozenset()
    return frozenset(c.lower() for c in caps)


_ACTIVE: dict[int, frozenset[str]] = {}


def _active_tokens(lex: Lexicon) -> frozenset[str]:
    """Tokens that can change the state of the scan; every other token only ages the negation scope."""
    key = id(lex)
    active = _ACTIVE.get(key)
    if active is None:
        active = frozenset(
            {w for w, v in lex.words.items() if v != 0.0}
            | set(lex.phrases)
            | lex.negators
            | set(lex.boosters)
            | set(ASPECT_CUES)
            | set(ASPECT_PHRASES)
            | set(_IRREALIS)
            | CLAUSE_PUNCT
            | CONTRAST
            | SCOPE_BREAKERS
            | set(_CHEAP_WORDS)
            | _REPLACED
            | {"and", "over"}
        )
        _ACTIVE[key] = active
    return active


@dataclass(slots=True)
class _Scan:
    """State of one left-to-right pass over a review's tokens: totals, the open clause, active modifiers."""

    toks: list[str]
    shouted: frozenset[str]
    total: float = 0.0
    sentence_total: float = 0.0
    hits: int = 0
    #: Tokens a negator still reaches; degree-adverb boost pending for the next opinion word.
    neg_left: int = 0
    boost: float = 0.0
    exclaim: int = 0
    after_contrast: bool = False
    irrealis: bool = False
    clause_sum: float = 0.0
    clause_hits: int = 0
    clause_aspects: list[str] = field(default_factory=list)
    masked_until: int = 0  # tokens before this index belong to a masking phrase ("out of the box")
    other_until: int = 0  # tokens before this index speak of another product (:data:`_REPLACED`)
    container_damage: bool = False  # the open clause's quality cue was only a damage word (:data:`_CONTAINER_DAMAGE`)
    pending: list[tuple[list[str], float, int]] = field(default_factory=list)
    aspect_scores: dict[str, float] = field(default_factory=dict)
    terms: list[tuple[str, float]] = field(default_factory=list)

    def pass_over(self) -> None:
        """A token that cannot change the state only ages the negation scope and drops a pending boost."""
        if self.neg_left > 0:
            self.neg_left -= 1
        self.boost = 0.0  # a degree adverb modifies the word right after it

    def _close_clause(self) -> None:
        if self.container_damage and "packaging" in self.clause_aspects:  # "the box was torn": the box's damage
            self.clause_aspects = [a for a in self.clause_aspects if a != "quality_durability"]
        self.container_damage = False
        self.pending.append((self.clause_aspects, self.clause_sum, self.clause_hits))
        self.clause_aspects, self.clause_sum, self.clause_hits = [], 0.0, 0

    def punctuation(self, tok: str) -> None:
        """Punctuation closes the clause (and at a sentence end, the sentence) and resets the modifiers."""
        if tok == "!":
            self.exclaim += 1
        self._close_clause()
        if tok in SENTENCE_PUNCT:
            _resolve_sentence(self.pending, self.aspect_scores)
            self.total += self.sentence_total  # contrast weighting stays inside its sentence
            self.sentence_total, self.after_contrast = 0.0, False
        self.neg_left, self.boost, self.irrealis = 0, 0.0, False

    def conjunction(self, tok: str) -> None:
        """"and" closes the clause; a contrast word also halves what came before it in the sentence."""
        self._close_clause()
        if tok in CONTRAST:
            self.sentence_total *= BEFORE_CONTRAST
            self.after_contrast = True
            self.neg_left = 0
            self.irrealis = False
        self.boost = 0.0

    def add_aspect(self, aspect: str) -> None:
        """Attribute the open clause to ``aspect`` (once)."""
        if aspect not in self.clause_aspects:
            self.clause_aspects.append(aspect)

    def note_cues(self, i: int) -> None:
        """Aspect cues starting at token ``i`` (phrases, then the word, unless a masking phrase covers it)."""
        toks, tok = self.toks, self.toks[i]
        for ptoks, aspect in ASPECT_PHRASES.get(tok, ()):
            if tuple(toks[i : i + len(ptoks)]) == ptoks:
                self.add_aspect(aspect)
        for ptoks, _ in MASKING_PHRASES.get(tok, ()):
            if tuple(toks[i : i + len(ptoks)]) == ptoks:
                self.masked_until = max(self.masked_until, i + len(ptoks))
        if i >= self.masked_until:
            for aspect in ASPECT_CUES.get(tok, ()):
                if aspect == "quality_durability" and aspect not in self.clause_aspects:
                    self.container_damage = tok in _CONTAINER_DAMAGE
                elif aspect == "quality_durability":
                    self.container_damage = self.container_damage and tok in _CONTAINER_DAMAGE
                self.add_aspect(aspect)

    def note_other_product(self, i: int) -> None:
        """Mark the words about another product that start after token ``i`` ("replaced my worn out X with ...")."""
        toks, tok = self.toks, self.toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        other = (tok in _REPLACED and nxt in _DETERMINERS) or (
            tok == "over" and nxt in _DETERMINERS and any(w in _CHOSEN_OVER for w in toks[max(0, i - 3) : i]))
        if not other:
            return
        end = i + 2
        while end < len(toks) and toks[end] not in _BACK_TO_THIS and toks[end] not in CLAUSE_PUNCT:
            end += 1
        self.other_until = max(self.other_until, end)

    def note_irrealis(self, i: int) -> None:
        """An irrealis marker at ``i`` ("would have", "wish") makes later praise in the clause a lack."""
        marks = _IRREALIS.get(self.toks[i])
        if marks and any(tuple(self.toks[i : i + len(m)]) == m for m in marks):
            self.irrealis = True

    def cheap_valence(self, i: int) -> float:
        """"cheap" praises the price within 4 tokens of a price word and criticises quality elsewhere."""
        fixed = _CHEAP_WORDS[self.toks[i]]
        if fixed is not None:
            return fixed
        window = self.toks[max(0, i - 4) : i + 5]
        valence = _CHEAP_PRICE if any(w in PRICE_CONTEXT for w in window) else _CHEAP_QUALITY
        self.add_aspect("price_value" if valence > 0 else "quality_durability")
        return valence

    def modified(self, i: int, valence: float, term: str, span: int) -> tuple[float, str]:
        """An opinion's valence after emphasis, boosters, irrealis, negation and contrast, and its term."""
        if self.shouted and self.toks[i] in self.shouted:
            self.boost += CAPS_EMPHASIS
        if self.boost:
            valence += self.boost if valence > 0 else -self.boost
        if self.irrealis and valence > 0 and span == 1:
            valence *= IRREALIS_POSITIVE
            term = "lacks " + term
        elif self.neg_left > 0:
            if valence > 0 and "enough" in self.toks[i + span : i + span + 3]:
                valence *= 1.2  # "can't praise it enough": negated praise that is stronger praise
            else:
                valence *= NEGATE_POSITIVE if valence > 0 else NEGATE_NEGATIVE
                term = "not " + term
        if self.after_contrast:
            valence *= AFTER_CONTRAST
        return valence, term

    def opinion(self, valence: float, term: str) -> None:
        """Count one opinion expression in the sentence, the clause and the fired terms."""
        self.sentence_total += valence
        self.clause_sum += valence
        self.clause_hits += 1
        self.hits += 1
        self.terms.append((term, valence))
        self.boost = 0.0
        self.neg_left = 0

    def result(self) -> TextScore:
        """Close the last clause and sentence; normalise the total and clip the aspect scores."""
        self._close_clause()
        _resolve_sentence(self.pending, self.aspect_scores)
        total = self.total + self.sentence_total
        if self.exclaim and total:
            total += math.copysign(min(self.exclaim, 3) * 0.292, total)
        norm = total / math.sqrt(total * total + ALPHA)
        aspects = {a: max(-1.0, min(1.0, v)) for a, v in self.aspect_scores.items()}
        return TextScore(norm, self.hits, aspects, self.terms)


def _phrase_at(lex: Lexicon, toks: list[str], i: int) -> tuple[tuple[str, ...], float] | None:
    """The longest lexicon phrase starting at token ``i``, with its valence."""
    for ptoks, pval in lex.phrases.get(toks[i], ()):
        if tuple(toks[i : i + len(ptoks)]) == ptoks:
            return ptoks, pval
    return None


def ptoks_of_use(toks: list[str], i: int, ptoks: tuple[str, ...]) -> bool:
    """Whether the phrase ``ptoks`` at ``i`` is a time of use, not a durability verdict.

    "After a month of use" says how long it has been used; "it broke after a month" is the verdict.
    """
    end = i + len(ptoks)
    return ptoks[0] == "after" and toks[end : end + 2] in (["of", "use"], ["of", "using"], ["of", "daily"])


def _read_opinion(scan: _Scan, lex: Lexicon, i: int) -> int:
    """Read the token at ``i`` (a cue, phrase, operator or word) into ``scan``; return the tokens consumed."""
    tok = scan.toks[i]
    if i < scan.other_until:  # said of the product this one replaced, not of this one
        scan.pass_over()
        return 1
    if tok in _REPLACED or tok == "over":
        scan.note_other_product(i)
    if i >= 2 and scan.toks[i - 1] == "to" and scan.toks[i - 2] in _EASE_WORDS:  # "difficult to clean": the task
        if tok in ASPECT_CUES or tok in ASPECT_PHRASES:
            scan.note_cues(i)
        scan.pass_over()
        return 1
    if tok in ASPECT_CUES or tok in ASPECT_PHRASES:
        scan.note_cues(i)
    match = _phrase_at(lex, scan.toks, i) if tok in lex.phrases else None
    if match is not None and ptoks_of_use(scan.toks, i, match[0]):  # "after a month of use, ...": how long, no verdict
        scan.pass_over()
        return len(match[0])
    if match is not None:
        ptoks, valence = match
        for extra in ptoks[1:]:
            for aspect in ASPECT_CUES.get(extra, ()):
                scan.add_aspect(aspect)
        term, span = " ".join(ptoks), len(ptoks)
    else:
        if tok in _IRREALIS:
            scan.note_irrealis(i)
        if tok in lex.negators:
            scan.neg_left = NEGATION_SCOPE
            return 1
        if tok in lex.boosters:
            scan.boost += lex.boosters[tok]
            return 1
        if tok in SCOPE_BREAKERS:
            scan.neg_left = 0
        found = scan.cheap_valence(i) if tok in _CHEAP_WORDS else lex.words.get(tok)
        valence, term, span = _NEUTRAL if found is None else found, tok, 1
    if valence != _NEUTRAL:
        scan.opinion(*scan.modified(i, valence, term, span))
    elif scan.neg_left > 0:
        scan.neg_left -= 1
    return span


def score_text(text: str, lexicon: Lexicon | None = None, tokens: list[str] | None = None) -> TextScore:
    """Score one review text: normalised polarity, opinion count, per-aspect polarity and fired terms.

    ``tokens``: ``tokenize(text)`` when the caller has it (a batch keeps each text's tokens for the fast head and the
    complaint miners, which read the same words).
    """
    lex = lexicon or load_lexicon()
    active = _active_tokens(lex)
    toks = tokenize(text) if tokens is None else tokens
    scan = _Scan(toks, _shouted_words(text))
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok not in active:
            scan.pass_over()
            i += 1
        elif tok in CLAUSE_PUNCT:
            scan.punctuation(tok)
            i += 1
        elif tok in CONTRAST or tok == "and":
            scan.conjunction(tok)
            i += 1
        else:
            i += _read_opinion(scan, lex, i)
    return scan.result()


@dataclass
class ScoredBatch:
    """Scores of a batch of reviews, column-wise."""

    score: np.ndarray
    text_score: np.ndarray
    evidence: np.ndarray
    confidence: np.ndarray
    label_code: np.ndarray
    aspects: list[dict[str, float]]
    terms: list[list[tuple[str, float]]]
    rating_mismatch: np.ndarray
    #: Which polarity method produced ``text_score`` (``accurate``, ``fast`` or ``lexicon``) and its model.
    method: str = "lexicon"
    model: str = ""
    #: Each text's candidate topic words, feature requests and readability (``shared.sentiment.readings``).
    topic_words: list[tuple[str, ...]] = field(default_factory=list)
    requests: list[tuple[str, ...]] = field(default_factory=list)
    readable: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))

    @property
    def labels(self) -> list[str]:
        """Label strings in input order."""
        return [LABELS[c] for c in self.label_code]

    def __len__(self) -> int:
        return int(self.score.shape[0])


def combine_with_rating(text_score: np.ndarray, evidence: np.ndarray, rating: np.ndarray) -> np.ndarray:
    """Blend the text score with the star prior ((r - 3) / 2), weighting text by its evidence count."""
    prior = (rating - 3.0) / 2.0
    has_rating = ~np.isnan(rating)
    ev = np.minimum(evidence, MAX_TEXT_EVIDENCE)
    blended = (RATING_PRIOR_WEIGHT * np.nan_to_num(prior) + ev * text_score) / (RATING_PRIOR_WEIGHT + ev)
    return np.where(has_rating, blended, text_score)


def label_scores(score: np.ndarray, pos: float = POSITIVE_THRESHOLD, neg: float = NEGATIVE_THRESHOLD) -> np.ndarray:
    """Label codes (0 negative, 1 neutral, 2 positive) for final scores."""
    return np.where(score >= pos, 2, np.where(score <= neg, 0, 1)).astype(np.int8)


def confidence_of(score: np.ndarray, evidence: np.ndarray, has_rating: np.ndarray, mismatch: np.ndarray) -> np.ndarray:
    """0-100 confidence: distance from the decision boundary times how much evidence there is."""
    margin = np.where(score >= 0, score - POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD - score)
    neutral = (score < POSITIVE_THRESHOLD) & (score > NEGATIVE_THRESHOLD)
    margin = np.where(neutral, np.minimum(POSITIVE_THRESHOLD - score, score - NEGATIVE_THRESHOLD), margin)
    certainty = 0.5 + 0.5 * np.minimum(1.0, np.abs(margin) / 0.4)
    support = evidence + 2.0 * has_rating
    evidence_factor = 1.0 - 0.5 ** (support + 1.0)
    conf = 100.0 * certainty * evidence_factor
    conf = np.where(mismatch, conf * 0.7, conf)
    conf = np.where((evidence == 0) & ~has_rating, 50.0, conf)
    return np.clip(np.round(conf), 0, 100).astype(np.int16)

