"""Fast mode: a linear head over negation-marked unigrams and bigrams plus the lexicon score.

For bulk backfills where the embedding model would take too long. Each sentence is tokenised once,
words within three tokens after a negator (up to punctuation) are marked ``not_``, and the weights of
its unigrams and bigrams are summed together with weighted lexicon features (the rule scorer's text
score and its sign). The weights are fitted by ``bench/train_sentiment_heads.py`` on public labelled
sentences and stored as ``models/fast_ngram.json`` (feature -> weight, plus provenance).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from shared.sentiment.head import MODELS_DIR
from shared.sentiment.lexicon import Lexicon, load_lexicon
from shared.sentiment.tokens import CLAUSE_PUNCT, tokenize

NEGATION_REACH = 3
#: Names of the dense (lexicon) features, in the order :func:`dense_features` returns them.
DENSE_FEATURES: tuple[str, ...] = ("lexicon_score", "lexicon_sign", "lexicon_evidence")


def marked_tokens(text: str, negators: frozenset[str]) -> list[str]:
    """Tokens with the three after a negator (stopping at punctuation) prefixed ``not_``."""
    out: list[str] = []
    left = 0
    for tok in tokenize(text):
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


def ngrams(text: str, negators: frozenset[str]) -> list[str]:
    """Unigram and bigram features of one text (bigrams joined with a space)."""
    toks = marked_tokens(text, negators)
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def dense_features(texts: Sequence[str], lexicon: Lexicon | None = None) -> np.ndarray:
    """``(n, 3)`` lexicon features: the rule scorer's text score, its sign, and log(1 + opinion count)."""
    from shared.sentiment.scorer import score_text

    lex = lexicon or load_lexicon()
    out = np.zeros((len(texts), len(DENSE_FEATURES)))
    for i, t in enumerate(texts):
        s = score_text(t, lex)
        out[i] = (s.score, math.copysign(1.0, s.score) if s.score else 0.0, math.log1p(s.evidence))
    return out


@dataclass(frozen=True)
class FastHead:
    """Weights per n-gram and per dense feature, a bias, and where they came from."""

    ngram_weights: dict[str, float]
    dense_weights: np.ndarray
    bias: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def margin(self, texts: Sequence[str], lexicon: Lexicon | None = None) -> np.ndarray:
        """Log-odds of "positive" for each text."""
        lex = lexicon or load_lexicon()
        w = self.ngram_weights
        sparse = np.fromiter(
            (sum(w.get(f, 0.0) for f in ngrams(t, lex.negators)) for t in texts), dtype=np.float64, count=len(texts)
        )
        return sparse + dense_features(texts, lex) @ self.dense_weights + self.bias

    def probability(self, texts: Sequence[str], lexicon: Lexicon | None = None) -> np.ndarray:
        """Probability of "positive" for each text."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.margin(texts, lexicon), -50.0, 50.0)))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form (weights rounded to 4 significant digits, zero weights dropped)."""
        return {
            "ngram_weights": {k: float(f"{v:.4g}") for k, v in sorted(self.ngram_weights.items()) if abs(v) >= 1e-4},
            "dense_features": list(DENSE_FEATURES),
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
    texts: Sequence[str], y: np.ndarray, min_count: int = 2, l2: float = 1.0, provenance: dict[str, Any] | None = None
) -> FastHead:
    """Fit the fast head (L2 logistic regression, L-BFGS) on labelled texts.

    Args:
        texts: training sentences.
        y: labels in {0, 1}.
        min_count: n-grams seen in fewer training texts are dropped.
        l2: L2 penalty on every weight except the bias.
        provenance: stored with the head.
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
    return FastHead(
        {f: float(res.x[i]) for i, f in enumerate(names)},
        res.x[v : v + d].copy(),
        float(res.x[v + d]),
        dict(provenance or {}),
    )
