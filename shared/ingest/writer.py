"""A one-slot background writer: the warehouse writes one chunk while the next one is parsed.

The staging insert and the parse/validate work each take about half of an ingestion, and both the
embedded DuckDB engine and the BigQuery client release the GIL while they write, so overlapping them
uses the second core. Only one write is ever in flight, so memory grows by at most one chunk, and
writes happen in submission order on a single thread (one warehouse cursor).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from types import TracebackType


class BackgroundWriter:
    """Runs ``write`` calls one at a time on a worker thread; ``flush`` returns the summed results.

    A failed write surfaces at the next ``submit`` or at ``flush``. Leaving the ``with`` block always
    waits for the write in flight, so a caller that cleans up after an error never races a late insert.
    """

    def __init__(self, name: str = "ingest-writer") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending: Future[int] | None = None
        self.written = 0

    def submit(self, write: Callable[[], int]) -> None:
        """Start ``write`` once the previous one has finished (raising its error, if any)."""
        self._collect()
        self._pending = self._pool.submit(write)

    def flush(self) -> int:
        """Wait for the write in flight; the total of every write's result so far."""
        self._collect()
        return self.written

    def _collect(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.written += pending.result()

    def close(self) -> None:
        """Wait for the write in flight without raising (its error, if any, was or will be reported)."""
        if self._pending is not None:
            wait([self._pending])
        self._pool.shutdown(wait=True)

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
