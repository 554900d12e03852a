"""Readings kept by the store for one tenant, the missing ones read and remembered to be kept.

The agent asks for the readings of the texts it analyses: those the store keeps under the current scorer version
are used as they are (a question no longer reads every text again), the others are read here and written back by
:meth:`StoredReadings.keep` (a text read once is kept for the next question). The accurate head's scores (sentence
embeddings, tens of texts a second) are kept the same way under the accurate model's version, so a repeated question
or digest embeds none of the texts it embedded before. Processing does the same for the
reviews it merges, so a new review is read when it arrives. Nothing here outlives one run: no process-wide cache,
so memory is bounded by the run's reviews and no tenant's readings can reach another's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from shared.ports import Warehouse
from shared.sentiment.readings import (
    ReviewReading,
    accurate_version,
    from_rows,
    read_texts,
    review_texts,
    rows_of,
    scorer_version,
    text_key,
)
from shared.store.review_scores import keep_accurate_scores, keep_readings, kept_accurate_scores, kept_readings


class StoredReadings:
    """A :class:`~shared.sentiment.readings.ReadingSource` over one tenant's kept readings."""

    def __init__(
        self,
        warehouse: Warehouse,
        tenant_id: str,
        accurate: Callable[[Sequence[str]], np.ndarray] | None = None,
    ) -> None:
        """``accurate``: the accurate head's scorer (``scoring.accurate_text_scores``) for texts not kept yet.

        Passed in, not imported: processing keeps readings without carrying the encoder in its bundle.
        """
        self._warehouse = warehouse
        self._score_accurate = accurate
        self._tenant = tenant_id
        self._scorer = scorer_version()
        self._known: dict[str, ReviewReading] = {}
        #: Readings this run read (not kept yet), by text key.
        self.fresh: dict[str, ReviewReading] = {}
        #: How many texts were asked for, and how many of them came from the store.
        self.asked = self.kept = 0
        self._accurate: dict[str, float] = {}
        #: Accurate-head scores this run computed (not kept yet), by text key; texts asked for and found kept.
        self.fresh_accurate: dict[str, float] = {}
        self.accurate_asked = self.accurate_kept = 0

    def readings(self, texts: Sequence[str]) -> list[ReviewReading]:
        """One reading per text, in order: kept ones from the store, the others read now."""
        keys = [text_key(t or "") for t in texts]
        unknown = [k for k in dict.fromkeys(keys) if k not in self._known]
        if unknown:
            stored = from_rows(kept_readings(self._warehouse, self._tenant, self._scorer, unknown))
            self._known.update(stored)
            missing = {k: t or "" for k, t in zip(keys, texts, strict=True) if k not in self._known}
            if missing:
                read = read_texts(list(missing.values()))
                fresh = dict(zip(missing, read, strict=True))
                self._known.update(fresh)
                self.fresh.update(fresh)
        self.asked += len(keys)
        self.kept += sum(1 for k in keys if k not in self.fresh)
        return [self._known[k] for k in keys]

    def accurate_scores(self, texts: Sequence[str]) -> np.ndarray:
        """The accurate head's text polarity of each text, in order: kept ones from the store, the others embedded.

        The store is asked only when the encoder would otherwise run, under :func:`accurate_version` (a changed
        encoder, head or reading scores every text again).
        """
        keys = [text_key(t or "") for t in texts]
        unknown = [k for k in dict.fromkeys(keys) if k not in self._accurate]
        if unknown:
            stored = kept_accurate_scores(self._warehouse, self._tenant, accurate_version(), unknown)
            self._accurate.update(zip(stored["text_key"].astype(str), stored["score"].astype(float), strict=True))
            missing = {k: t or "" for k, t in zip(keys, texts, strict=True) if k not in self._accurate}
            if missing:
                if self._score_accurate is None:
                    raise ValueError("accurate scores asked of a reading source given no accurate scorer")
                fresh = dict(zip(missing, self._score_accurate(list(missing.values())).tolist(), strict=True))
                self._accurate.update(fresh)
                self.fresh_accurate.update(fresh)
        self.accurate_asked += len(keys)
        self.accurate_kept += sum(1 for k in keys if k not in self.fresh_accurate)
        return np.fromiter((self._accurate[k] for k in keys), dtype=np.float64, count=len(keys))

    def keep(self) -> int:
        """Write the readings and accurate scores this source computed to the store (once per text); rows written."""
        written = 0
        if self.fresh:
            rows = pd.DataFrame(list(rows_of(self.fresh)))
            written += keep_readings(self._warehouse, self._tenant, self._scorer, rows)
            self.fresh = {}
        if self.fresh_accurate:
            scores = pd.DataFrame({"text_key": list(self.fresh_accurate), "score": list(self.fresh_accurate.values())})
            written += keep_accurate_scores(self._warehouse, self._tenant, accurate_version(), scores)
            self.fresh_accurate = {}
        return written


#: Texts read and kept per chunk when processing keeps a large review file (bounds the readings held at once).
KEEP_CHUNK = 10_000


def keep_review_readings(warehouse: Warehouse, tenant_id: str, reviews: pd.DataFrame) -> tuple[int, int]:
    """Read and keep the texts of review rows (columns ``text``, optional ``title``) not kept yet.

    Processing calls it for the reviews it merges. Returns (texts read now, texts already kept).
    """
    texts = list(dict.fromkeys(review_texts(reviews)))
    read_now = kept = 0
    for start in range(0, len(texts), KEEP_CHUNK):
        source = StoredReadings(warehouse, tenant_id)
        source.readings(texts[start : start + KEEP_CHUNK])
        read_now += len(source.fresh)
        kept += source.kept
        source.keep()
    return read_now, kept
