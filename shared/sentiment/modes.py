"""Which polarity method to run, and running it: accurate (embeddings + head), fast (n-grams + lexicon), lexicon.

- ``accurate``: multilingual-e5-small sentence embeddings with a logistic head, blended with the fast head
  (best accuracy; tens of sentences per second per core). For questions and digests: a few hundred reviews.
- ``fast``: negation-marked n-gram weights, the lexicon score and E5-distilled word polarities (thousands
  per second). For backfills.
- ``lexicon``: the rule scorer alone (the historical behaviour).

``choose_method`` picks by volume and deadline and says why; callers report the method it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from shared.sentiment.lexicon import Lexicon

Method = Literal["accurate", "fast", "lexicon"]
METHODS: tuple[str, ...] = ("accurate", "fast", "lexicon")
Purpose = Literal["question", "digest", "backfill"]

#: Sentences per second assumed for accurate mode when planning against a deadline (a conservative figure
#: for 2 busy cores; the bench prints the measured one).
ACCURATE_RATE = 20.0
#: Without a deadline, "auto" uses accurate mode up to this many texts.
ACCURATE_MAX_TEXTS = 2_000
#: Model identifiers reported beside the method.
FAST_MODEL = "ngram+lexicon+E5 word polarity logistic head (models/fast_ngram.json, models/static_e5.npz)"
LEXICON_MODEL = "lexicon rules (VADER + TextBlob + domain layer)"


@dataclass(frozen=True)
class MethodChoice:
    """The method to run and the reason, for the caller to report."""

    method: Method
    reason: str


def choose_method(
    n_texts: int,
    *,
    requested: str = "auto",
    deadline_s: float | None = None,
    purpose: Purpose | None = None,
    accurate_available: bool | None = None,
) -> MethodChoice:
    """Pick the polarity method for a batch.

    Args:
        n_texts: how many texts will be scored.
        requested: ``auto`` or one of :data:`METHODS` (an explicit method is honoured when it can run).
        deadline_s: seconds the caller can wait for scoring; accurate mode is skipped if its estimate
            (``n_texts / ACCURATE_RATE``) would exceed it.
        purpose: ``question``/``digest`` favour accuracy, ``backfill`` favours speed.
        accurate_available: override the check that the embedding package is installed (tests).

    Returns:
        The method and a one-line reason.
    """
    if requested not in ("auto", *METHODS):
        raise ValueError(f"unknown sentiment method {requested!r} (expected auto, {', '.join(METHODS)})")
    if accurate_available is None:
        from shared.sentiment.embedding import available

        accurate_available = available()
    if requested == "accurate" and not accurate_available:
        return MethodChoice("fast", "accurate requested but the embedding package is not installed")
    if requested != "auto":
        return MethodChoice(requested, "requested")  # type: ignore[arg-type]
    if not accurate_available:
        return MethodChoice("fast", "embedding package not installed")
    if purpose == "backfill":
        return MethodChoice("fast", "bulk backfill")
    estimate = n_texts / ACCURATE_RATE
    if deadline_s is not None:
        if estimate > deadline_s:
            return MethodChoice("fast", f"accurate would take ~{estimate:.0f}s, over the {deadline_s:.0f}s deadline")
        return MethodChoice("accurate", f"~{estimate:.0f}s fits the {deadline_s:.0f}s deadline")
    if purpose in ("question", "digest") or n_texts <= ACCURATE_MAX_TEXTS:
        return MethodChoice("accurate", f"{n_texts} texts (<= {ACCURATE_MAX_TEXTS}) or a question/digest")
    return MethodChoice("fast", f"{n_texts} texts (> {ACCURATE_MAX_TEXTS}) without a deadline")


def model_name(method: Method) -> str:
    """The model identifier reported for a method."""
    if method == "accurate":
        from shared.sentiment.embedding import MODEL_NAME
        from shared.sentiment.head import load_head

        blend = float(load_head("e5_logistic").provenance.get("fast_blend", 0.0))
        name = f"{MODEL_NAME} + logistic head (models/e5_logistic.json)"
        return f"{name} + {blend:g} x fast head" if blend else name
    return FAST_MODEL if method == "fast" else LEXICON_MODEL


def accurate_margin(texts: Sequence[str]) -> np.ndarray:
    """Log-odds of "positive" in accurate mode: embedding head + ``fast_blend`` x fast head.

    The blend weight is stored with the embedding head (``provenance.fast_blend``; 0 or absent = the
    embedding head alone, as before).
    The fast head reads explicit negation and domain words the sentence embedding blurs; adding a quarter
    of its margin raised every leave-one-corpus-out figure (docs/sentiment.md) at no measurable cost.
    """
    from shared.sentiment.embedding import embed
    from shared.sentiment.head import load_head

    head = load_head("e5_logistic")
    margin = head.margin(embed(list(texts)))
    blend = float(head.provenance.get("fast_blend", 0.0))
    if blend:
        from shared.sentiment.fast import load_fast_head

        margin = margin + blend * load_fast_head().margin(texts)
    return margin


def positive_probability(
    texts: Sequence[str],
    method: Method,
    rule_scores: tuple[np.ndarray, np.ndarray] | None = None,
    lexicon: Lexicon | None = None,
    tokens: Sequence[list[str]] | None = None,
) -> np.ndarray:
    """P(positive) per text from the accurate or fast head (the lexicon mode has no probability).

    ``rule_scores`` (the rule scorer's score and evidence per text, read with ``lexicon``) and ``tokens`` (each
    text's ``tokenize``) spare the fast head its own rule pass and tokenising; the accurate mode ignores them.
    """
    if method == "accurate":
        return 1.0 / (1.0 + np.exp(-np.clip(accurate_margin(texts), -50.0, 50.0)))
    if method == "fast":
        from shared.sentiment.fast import load_fast_head

        return load_fast_head().probability(texts, lexicon, rule_scores=rule_scores, tokens=tokens)
    raise ValueError(f"method {method!r} has no probability head")
