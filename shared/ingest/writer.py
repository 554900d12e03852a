"""A one-slot background writer: the warehouse writes one chunk while the next one is parsed.

The staging insert and the parse/validate work each take about half of an ingestion, and both the
embedded DuckDB engine and the BigQuery client release the GIL while they write, so overlapping them
uses the second core. Only one write is ever in flight, so memory grows by at most one chunk, and
writes happen in submission order on a single thread (one warehouse cursor).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from types import TracebackType


class BackgroundWriter:
    """Runs ``write`` calls one at a time on a worker thread; ``flush`` returns their results summed per label.

    A failed write surfaces at the next ``submit`` or at ``flush``. Leaving the ``with`` block always
    waits for the write in flight, so a caller that cleans up after an error never races a late insert.
    """

    def __init__(self, name: str = "ingest-writer") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending: tuple[str, Future[int]] | None = None
        self.written: Counter[str] = Counter()

    def submit(self, label: str, write: Callable[[], int]) -> None:
        """Start ``write`` once the previous one has finished (raising its error, if any)."""
        self._collect()
        self._pending = (label, self._pool.submit(write))

    def flush(self) -> Counter[str]:
        """Wait for the write in flight; every write's result so far, summed per label."""
        self._collect()
        return self.written

    def _collect(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            label, future = pending
            self.written[label] += future.result()

    def close(self) -> None:
        """Wait for the write in flight without raising (its error, if any, was or will be reported)."""
        if self._pending is not None:
            wait([self._pending[1]])
        self._pool.shutdown(wait=True)

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
