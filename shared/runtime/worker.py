"""A background pump for ``ecomintel serve`` on the embedded backend: delivers queued messages as they come.

On Google Cloud, Pub/Sub and Eventarc push each message to its function; locally the embedded bus is pulled.
Without this pump an upload through the served API would stay in the raw bucket until someone ran a CLI
command that drains, and a deep question would never finish.
"""

from __future__ import annotations

import threading

from shared.deps import Deps
from shared.observability.logs import get_logger, log_event
from shared.runtime.local import LocalRuntime

_log = get_logger(__name__)


class BusPump:
    """A daemon thread that drains the embedded bus, then waits ``interval`` seconds, until stopped."""

    def __init__(self, deps: Deps, interval: float = 0.25) -> None:
        self.runtime = LocalRuntime(deps)
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bus-pump", daemon=True)

    @staticmethod
    def applies(deps: Deps) -> bool:
        """True where this process delivers the messages itself (the embedded bus is pulled, not pushed)."""
        return deps.pulled_bus is not None

    def start(self) -> BusPump:
        """Start pumping in the background."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the pump to stop after the current delivery and wait for it."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.runtime.drain(max_seconds=30.0)
            except Exception:  # one failed round must not end the pump; the message stays queued
                log_event(_log, "bus pump round failed", severity="ERROR")
                _log.exception("bus pump round failed")
            self._stop.wait(self.interval)
