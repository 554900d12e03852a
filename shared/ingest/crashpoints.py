"""Named points where a crash drill makes the process kill itself: ``ECOMINTEL_CRASH_AT=point[#n]``.

The kill-anywhere drill (``tests/e2e/ingest/test_kill_drill.py``) runs ``ecomintel ingest`` with this
variable set, so the process dies with SIGKILL at the ``n``-th time it reaches ``point`` (deterministic,
unlike a timer), then re-runs the command and compares the final table with the file. Unset (always, in
production) the check is one environment look-up.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import Counter

ENV = "ECOMINTEL_CRASH_AT"
_hits: Counter[str] = Counter()
_lock = threading.Lock()


def crash_point(name: str) -> None:
    """Die here (SIGKILL, no clean-up) when ``ECOMINTEL_CRASH_AT`` names this point and hit."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    point, _, nth = spec.partition("#")
    if point != name:
        return
    with _lock:
        _hits[name] += 1
        hit = _hits[name]
    if hit == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
