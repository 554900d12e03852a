"""A SQLite connection per thread, in WAL mode so several processes can share one file safely."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class SqliteFile:
    """Hands out one connection per thread for a SQLite database file."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._schema = schema
        self._local = threading.local()
        with self.connect() as con:
            con.executescript(schema)

    def connect(self) -> sqlite3.Connection:
        """This thread's connection (autocommit off; use ``with con:`` for a transaction)."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA busy_timeout=30000")
            con.row_factory = sqlite3.Row
            self._local.con = con
        return con
