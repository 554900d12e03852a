"""Fast mode: a linear head over negation-marked n-grams, the lexicon score and E5-distilled word polarities.

For bulk backfills where the embedding model would take too long. Each sentence is tokenised once,
words within three tokens after a negator (up to punctuation) are marked ``not_``, and the weights of
its unigrams and bigrams are summed together with weighted dense features: the rule scorer's text score,
its sign and log evidence, and the mean / min / max of the words' E5-distilled polarities inside and
outside negation scopes (``static.py``; these reach words no labelled sentence used). Fitted by
``bench/train_sentiment_heads.py`` on public labelled sentences in two stages (the n-gram head; a
logistic head over the dense features; their margins added with a blend weight chosen leave-one-corpus-out)
and stored folded into one linear model, ``models/fast_ngram.json`` (feature -> weight, plus provenance).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from shared.sentiment import static
from shared.sentiment.head import MODELS_DIR, fit_logistic
from shared.sentiment.lexicon import Lexicon, load_lexicon
from shared.sentiment.static import PolarityTable
from shared.sentiment.tokens import CLAUSE_PUNCT, tokenize

NEGATION_REACH = 3
#: Names of the lexicon features, in the order :func:`dense_features` returns them.
LEXICON_FEATURES: tuple[str, ...] = ("lexicon_score", "lexicon_sign", "lexicon_evidence")
#: All dense features of a head with the static table: the lexicon's, then the E5 word polarities'.
DENSE_FEATURES: tuple[str, ...] = LEXICON_FEATURES + static.FEATURES


def marked_tokens(text: str, negators: frozenset[str]) -> list[str]:
    """Tokens with the three after a negator (stopping at punctuation) prefixed ``not_``."""
    return mark_negation(tokenize(text), negators)


def mark_negation(tokens: Sequence[str], negators: frozenset[str]) -> list[str]:
    """``tokens`` (of :func:`~shared.sentiment.tokens.tokenize`) marked as :func:`marked_tokens` marks a text's."""
    out: list[str] = []
    left = 0
    for tok in tokens:
        if tok in CLAUSE_PUNCT:
            left = 0
            out.append(tok)
        elif tok in negators:
            left = NEGATION_REACH
            out.append(tok)
        elif left:
            left -= 1
            out.append("not_" + tok)
        else:
            out.append(tok)
    return out


def token_ngrams(toks: list[str]) -> list[str]:
    """Unigram and bigram features of marked tokens (bigrams joined with a space)."""
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def ngrams(text: str, negators: frozenset[str]) -> list[str]:
    """Unigram and bigram features of one text (bigrams joined with a space)."""
    return token_ngrams(marked_tokens(text, negators))


#: The rule scorer's text scores and evidence counts of a batch, when the caller already has them.
RuleScores = tuple[np.ndarray, np.ndarray]


def dense_features(
    texts: Sequence[str], lexicon: Lexicon | None = None, rule_scores: RuleScores | None = None
) -> np.ndarray:
    """``(n, 3)`` lexicon features: the rule scorer's text score, its sign, and log(1 + opinion count).

    ``rule_scores`` (score, evidence per text) skips the rule pass when the caller has just run it (batch
    scoring reads every text with the rules anyway, for aspects).
    """
    if rule_scores is not None:
        score, evidence = (np.asarray(a, dtype=np.float64) for a in rule_scores)
        return np.column_stack([score, np.sign(score), np.log1p(evidence)])
    from shared.sentiment.scorer import score_text

    lex = lexicon or load_lexicon()
    out = np.zeros((len(texts), len(LEXICON_FEATURES)))
    for i, t in enumerate(texts):
        s = score_text(t, lex)
        out[i] = (s.score, math.copysign(1.0, s.score) if s.score else 0.0, math.log1p(s.evidence))
    return out


def all_dense_features(
    texts: Sequence[str],
    token_lists: Sequence[list[str]],
    lexicon: Lexicon,
    table: PolarityTable | None,
    rule_scores: RuleScores | None = None,
) -> np.ndarray:
    """The lexicon features, followed by the table's (when given): ``(n, 3)`` or ``(n, 9)``."""
    lex = dense_features(texts, lexicon, rule_scores)
    return lex if table is None else np.hstack([lex, table.features(token_lists)])


@dataclass(frozen=True)
class FastHead:
    """Weights per n-gram and per dense feature, a bias, and where they came from.

    ``dense_weights`` has one weight per :data:`LEXICON_FEATURES` (a head without the static table) or per
    :data:`DENSE_FEATURES` (the table is loaded and its features computed).
    """

    ngram_weights: dict[str, float]
    dense_weights: np.ndarray
    bias: float
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def uses_table(self) -> bool:
        """Whether the head reads the E5 word-polarity table."""
        return len(self.dense_weights) == len(DENSE_FEATURES)

    def margin(
        self,
        texts: Sequence[str],
        lexicon: Lexicon | None = None,
        table: PolarityTable | None = None,
        rule_scores: RuleScores | None = None,
        tokens: Sequence[Sequence[str]] | None = None,
    ) -> np.ndarray:
        """Log-odds of "positive" for each text.

        ``table`` defaults to the committed one when the head uses it; ``rule_scores`` (the rule scorer's
        score and evidence per text, from the same lexicon) saves the rule pass when the caller ran it, and
        ``tokens`` (each text's ``tokenize``) the tokenising.
        """
        lex = lexicon or load_lexicon()
        if self.uses_table and table is None:
            table = static.load_table()
        w = self.ngram_weights
        toks = (
            [marked_tokens(t, lex.negators) for t in texts]
            if tokens is None
            else [mark_negation(ts, lex.negators) for ts in tokens]
        )
        sparse = np.fromiter(
            (sum(w.get(f, 0.0) for f in token_ngrams(ts)) for ts in toks), dtype=np.float64, count=len(texts)
        )
        dense = all_dense_features(texts, toks, lex, table if self.uses_table else None, rule_scores)
        return sparse + dense @ self.dense_weights + self.bias

    def probability(
        self,
        texts: Sequence[str],
        lexicon: Lexicon | None = None,
        rule_scores: RuleScores | None = None,
        tokens: Sequence[Sequence[str]] | None = None,
    ) -> np.ndarray:
        """Probability of "positive" for each text (``rule_scores`` and ``tokens`` as in :meth:`margin`)."""
        margin = self.margin(texts, lexicon, rule_scores=rule_scores, tokens=tokens)
        return 1.0 / (1.0 + np.exp(-np.clip(margin, -50.0, 50.0)))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form (weights rounded to 4 significant digits, zero weights dropped)."""
        return {
            "ngram_weights": {k: float(f"{v:.4g}") for k, v in sorted(self.ngram_weights.items()) if abs(v) >= 1e-4},
            "dense_features": list(DENSE_FEATURES if self.uses_table else LEXICON_FEATURES),
            "dense_weights": [float(f"{v:.6g}") for v in self.dense_weights],
            "bias": float(f"{self.bias:.6g}"),
            "provenance": self.provenance,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FastHead:
        """Rebuild from :meth:`to_json` output."""
        return cls(
            {str(k): float(v) for k, v in data["ngram_weights"].items()},
            np.asarray(data["dense_weights"], dtype=np.float64),
            float(data["bias"]),
            dict(data.get("provenance", {})),
        )


@lru_cache(maxsize=1)
def load_fast_head() -> FastHead:
    """The committed fast head (offline)."""
    return FastHead.from_json(json.loads((MODELS_DIR / "fast_ngram.json").read_text(encoding="utf-8")))


def fit_fast_head(
    texts: Sequence[str],
    y: np.ndarray,
    min_count: int = 2,
    l2: float = 1.0,
    provenance: dict[str, Any] | None = None,
    *,
    table: PolarityTable | None = None,
    dense_l2: float = 10.0,
    blend: float = 0.5,
) -> FastHead:
    """Fit the fast head on labelled texts: the n-gram head, then (with a table) the dense head, folded.

    Stage 1 is an L2 logistic regression (L-BFGS) over the n-grams and the lexicon features. With a
    ``table``, stage 2 is a logistic regression (standardised, :func:`head.fit_logistic`) over the lexicon
    and E5 word-polarity features alone, and the returned head is ``stage1 + blend * stage2`` folded into
    one set of weights. Fitted apart, the dense head is not starved by n-gram weights that memorise the
    training sentences, so it keeps its weight on the words no training sentence had.

    Args:
        texts: training sentences.
        y: labels in {0, 1}.
        min_count: n-grams seen in fewer training texts are dropped.
        l2: L2 penalty of stage 1 on every weight except the bias.
        provenance: stored with the head.
        table: the E5 word-polarity table (None: stage 1 alone, lexicon features only).
        dense_l2: L2 penalty of stage 2 (on standardised features).
        blend: weight of stage 2's margin.
    """
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    lex = load_lexicon()
    feats = [sorted(set(ngrams(t, lex.negators))) for t in texts]
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in fs:
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    n, v = len(texts), len(vocab)
    xs = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, v))
    xd = dense_features(texts, lex)
    d = xd.shape[1]
    t = np.asarray(y, dtype=np.float64)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        ws, wd, b = theta[:v], theta[v : v + d], theta[v + d]
        m = xs @ ws + xd @ wd + b
        p = 1.0 / (1.0 + np.exp(-np.clip(m, -50, 50)))
        g = p - t
        reg = 0.5 * l2 * (float(ws @ ws) + float(wd @ wd))
        grad = np.concatenate([xs.T @ g + l2 * ws, xd.T @ g + l2 * wd, [g.sum()]])
        return float(np.sum(np.logaddexp(0.0, m) - t * m)) + reg, grad

    res = minimize(loss, np.zeros(v + d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    names = sorted(vocab, key=vocab.__getitem__)
    dense_w, bias = res.x[v : v + d].copy(), float(res.x[v + d])
    if table is not None:
        toks = [marked_tokens(text, lex.negators) for text in texts]
        second = fit_logistic(np.hstack([xd, table.features(toks)]), t, dense_l2)
        dense_w = np.concatenate([dense_w, np.zeros(len(static.FEATURES))]) + blend * second.weights
        bias += blend * second.bias
    return FastHead({f: float(res.x[i]) for i, f in enumerate(names)}, dense_w, bias, dict(provenance or {}))
