"""Readings kept by the store for one tenant, the missing ones read and remembered to be kept.

The agent asks for the readings of the texts it analyses: those the store keeps under the current scorer version
are used as they are (a question no longer reads every text again), the others are read here and written back by
:meth:`StoredReadings.keep` (a text read once is kept for the next question). Processing does the same for the
reviews it merges, so a new review is read when it arrives. Nothing here outlives one run: no process-wide cache,
so memory is bounded by the run's reviews and no tenant's readings can reach another's.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from shared.ports import Warehouse
from shared.sentiment.readings import (
    ReviewReading,
    from_rows,
    read_texts,
    review_texts,
    rows_of,
    scorer_version,
    text_key,
)
from shared.store.review_scores import keep_readings, kept_readings


class StoredReadings:
    """A :class:`~shared.sentiment.readings.ReadingSource` over one tenant's kept readings."""

    def __init__(self, warehouse: Warehouse, tenant_id: str) -> None:
        self._warehouse = warehouse
        self._tenant = tenant_id
        self._scorer = scorer_version()
        self._known: dict[str, ReviewReading] = {}
        #: Readings this run read (not kept yet), by text key.
        self.fresh: dict[str, ReviewReading] = {}
        #: How many texts were asked for, and how many of them came from the store.
        self.asked = self.kept = 0

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

    def keep(self) -> int:
        """Write the readings read by this source to the store (once per text); returns the rows written."""
        if not self.fresh:
            return 0
        written = keep_readings(self._warehouse, self._tenant, self._scorer, pd.DataFrame(list(rows_of(self.fresh))))
        self.fresh = {}
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
