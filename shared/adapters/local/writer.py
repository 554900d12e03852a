"""One writer per embedded home: a process holds the home's writer lock while it has the engines open.

DuckDB lets one process open a database file for writing, so a second ``ecomintel ingest`` used to crash on
the file's lock (and a CLI command against a home that ``ecomintel serve`` held failed). Now every process
that opens the embedded home takes ``writer.lock`` first: an ``flock``, released by the kernel when the process
ends, even on ``kill -9``. A process that finds it taken waits in line, saying once whom it waits for, up to
``ECOMINTEL_HOME_WAIT_SECONDS`` (``--wait``), then gives up with ``HomeBusy``.

The holder writes who it is to ``writer.json``: its pid, its command and, for ``ecomintel serve``, the URL of
its API (``announce_api``), so a waiting command can name it and ``ecomintel ingest`` can hand its file to the
running server instead of waiting for it to stop.

Within one process the lock is shared: every ``Deps`` built on the same home takes a reference (tests build
many), and the lock is released when the last one is released.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.adapters.local.home import HomeBusy

LOCK_FILE = "writer.lock"
INFO_FILE = "writer.json"
#: How often a waiting process tries the lock again.
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class WriterInfo:
    """Who holds a home's writer lock."""

    pid: int
    command: str
    api_url: str | None = None

    def describe(self) -> str:
        """``pid 123 (ecomintel serve)``."""
        return f"pid {self.pid} ({self.command})" if self.pid else self.command


@dataclass
class _Held:
    fd: int
    refs: int
    info: WriterInfo


_held: dict[Path, _Held] = {}
_held_lock = threading.Lock()


def _stderr_notice(text: str) -> None:
    sys.stderr.write(f"ecomintel: {text}\n")
    sys.stderr.flush()


#: Where the one "waiting for ..." line goes (the CLI's stderr; a server's log may replace it).
wait_notice: Callable[[str], None] = _stderr_notice


def this_command() -> str:
    """What this process is, for others waiting on it: ``ecomintel serve``, ``ecomintel ingest``, ``pytest``."""
    argv = sys.argv or ["python"]
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    module = str(getattr(spec, "name", "") or "")
    if Path(argv[0]).name == "ecomintel" or module == "shared.cli.main":
        command = next((a for a in argv[1:] if not a.startswith("-")), "")
        return f"ecomintel {command}".strip()
    if module:
        return module.removesuffix(".__main__")
    return Path(argv[0]).name or "python"


class WriterLease:
    """This process's reference to a home's writer lock; ``release`` once when done with the home."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._released = False

    def release(self) -> None:
        """Drop this reference; the lock goes when the process's last reference does."""
        if self._released:
            return
        self._released = True
        with _held_lock:
            held = _held.get(self.home)
            if held is None:
                return
            held.refs -= 1
            if held.refs == 0:
                del _held[self.home]
                os.close(held.fd)  # closing the descriptor releases the flock


def _write_info(home: Path, info: WriterInfo) -> None:
    tmp = home / (INFO_FILE + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"pid": info.pid, "command": info.command, "api_url": info.api_url}, f)
    tmp.replace(home / INFO_FILE)


def _read_info(home: Path) -> WriterInfo:
    try:
        raw = json.loads((home / INFO_FILE).read_text())
        return WriterInfo(pid=int(raw["pid"]), command=str(raw["command"]), api_url=raw.get("api_url") or None)
    except (OSError, ValueError, KeyError, TypeError):
        return WriterInfo(pid=0, command="another process")


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def acquire_writer(home: Path, *, wait_seconds: float, command: str | None = None) -> WriterLease:
    """Take (or share, within this process) the writer lock of ``home``, waiting up to ``wait_seconds``.

    Raises ``HomeBusy`` naming the holder when the wait runs out.
    """
    home = home.resolve()
    with _held_lock:
        held = _held.get(home)
        if held is not None:
            held.refs += 1
            return WriterLease(home)
    fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + max(wait_seconds, 0.0)
        told: WriterInfo | None = None
        while not _try_lock(fd):
            holder = _read_info(home)
            if time.monotonic() >= deadline:
                raise HomeBusy(f"{home} is in use by {holder.describe()}; waited {wait_seconds:g} s for it "
                               "(stop it, or wait longer with --wait / ECOMINTEL_HOME_WAIT_SECONDS)")
            if told != holder:
                via = f"; its API is {holder.api_url}" if holder.api_url else ""
                wait_notice(f"waiting for {holder.describe()} to release {home} (up to {wait_seconds:g} s{via})")
                told = holder
            time.sleep(POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise
    info = WriterInfo(pid=os.getpid(), command=command or this_command())
    _write_info(home, info)
    with _held_lock:
        _held[home] = _Held(fd=fd, refs=1, info=info)
    return WriterLease(home)


def announce_api(home: Path, api_url: str) -> None:
    """Record that this process (which holds the lock) serves the API at ``api_url``."""
    home = home.resolve()
    with _held_lock:
        held = _held.get(home)
        if held is None:
            raise RuntimeError(f"this process does not hold the writer lock of {home}")
        held.info = WriterInfo(pid=held.info.pid, command=held.info.command, api_url=api_url)
        _write_info(home, held.info)


def current_writer(home: Path) -> WriterInfo | None:
    """Who holds the writer lock of ``home`` now (this process included), or ``None`` when nobody does."""
    home = home.resolve()
    with _held_lock:
        held = _held.get(home)
        if held is not None:
            return held.info
    if not (home / LOCK_FILE).exists():
        return None
    fd = os.open(home / LOCK_FILE, os.O_RDWR)
    try:
        if _try_lock(fd):
            return None  # free (closing the descriptor lets it go again)
        return _read_info(home)
    finally:
        os.close(fd)
