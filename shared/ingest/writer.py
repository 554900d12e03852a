"""A bounded background writer: the warehouse writes earlier chunks while the next one is parsed.

The staging insert and the parse/validate work are each a large share of an ingestion, and both the
embedded DuckDB engine and the BigQuery client release the GIL while they write, so overlapping them
uses the second core. At most ``depth`` writes are queued or running, so memory grows by at most that
many chunks, and writes happen in submission order on a single thread (one warehouse cursor).
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from types import TracebackType


class BackgroundWriter:
    """Runs ``write`` calls one at a time on a worker thread; ``flush`` returns their results summed per label.

    A failed write surfaces at a later ``submit`` or at ``flush``, and the writes queued behind it are
    skipped (the caller is about to clean up). Leaving the ``with`` block always waits for the queue, so a
    caller that cleans up after an error never races a late insert.
    """

    def __init__(self, name: str = "ingest-writer", *, depth: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending: deque[tuple[str, Future[int]]] = deque()
        self._depth = depth
        self.written: Counter[str] = Counter()
        self._failed = threading.Event()

    def _run(self, write: Callable[[], int | None]) -> int:
        if self._failed.is_set():
            return 0
        try:
            return write() or 0
        except BaseException:
            self._failed.set()
            raise

    def submit(self, label: str, write: Callable[[], int | None]) -> None:
        """Queue ``write``, first waiting for the oldest one while ``depth`` are outstanding."""
        while len(self._pending) >= self._depth:
            self._collect_oldest()
        self._pending.append((label, self._pool.submit(self._run, write)))

    def flush(self) -> Counter[str]:
        """Wait for every queued write; every write's result so far, summed per label."""
        while self._pending:
            self._collect_oldest()
        return self.written

    def _collect_oldest(self) -> None:
        label, future = self._pending.popleft()
        self.written[label] += future.result()

    def close(self) -> None:
        """Wait for the queued writes without raising (their errors, if any, were or will be reported)."""
        wait([future for _, future in self._pending])
        self._pending.clear()
        self._pool.shutdown(wait=True)

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
