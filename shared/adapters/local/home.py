"""The embedded home: its databases belong together, and a damaged or replaced one is refused, not used.

``home.json`` names the home (a random id); each database carries the same id in a ``_home`` table, written
when the home is created. On every open:

- a database that cannot be read (not a database, truncated) is refused with a one-line reason;
- a database that is missing, emptied or from another home (no ``_home`` row, or another id) is refused:
  an emptied ``documents.sqlite`` would otherwise open as a new, empty store, and users, keys and alerts
  would silently vanish;
- a home from before the stamps (databases but no ``home.json``) is adopted once.

``ecomintel doctor`` runs the same checks and more; ``ecomintel backup`` / ``restore`` keep and bring back a
whole home.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from shared.errors import EcomIntelError

if TYPE_CHECKING:
    import duckdb

MANIFEST = "home.json"
SQLITE_FILES = ("documents.sqlite", "bus.sqlite")
DUCKDB_FILE = "warehouse.duckdb"
DATABASES = (*SQLITE_FILES, DUCKDB_FILE)
_STAMP_TABLE = "_home"


class HomeDamaged(EcomIntelError):
    """A database of the embedded home is unreadable, missing, emptied or from another home."""

    code = "home_damaged"

    def __init__(self, message: str) -> None:
        super().__init__(message + " (check with 'ecomintel doctor'; bring a backup back with 'ecomintel restore')")


class HomeBusy(EcomIntelError):
    """Another process holds the embedded warehouse (DuckDB allows one writing process per file)."""

    code = "home_busy"
    http_status = 503


@dataclass(frozen=True)
class HomeManifest:
    """What ``home.json`` says."""

    home_id: str
    created_at: str


def read_manifest(home: Path) -> HomeManifest | None:
    """The home's manifest, or ``None`` for a home that has none yet."""
    path = home / MANIFEST
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text())
        return HomeManifest(home_id=str(raw["home_id"]), created_at=str(raw.get("created_at", "")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HomeDamaged(f"{path} is unreadable ({type(exc).__name__})") from exc


def _write_manifest(home: Path, manifest: HomeManifest) -> None:
    tmp = home / (MANIFEST + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"home_id": manifest.home_id, "created_at": manifest.created_at, "format": 1}, f)
    tmp.replace(home / MANIFEST)


class WarehouseOpener:
    """The warehouse's one DuckDB connection, opened on first use with the warehouse's own configuration.

    The home's checks read and write the stamp on it, and the warehouse then takes it over: DuckDB's file is
    opened once per process (opening it for the check and again for the warehouse cost a second open and its
    catalogue load on every ``ecomintel ask`` and every cold start of a function on the embedded backend).
    """

    def __init__(self, path: Path, config: dict[str, str | bool | int | float | list[str]] | None = None) -> None:
        self.path = path
        self.config = config or {}
        self.connection: duckdb.DuckDBPyConnection | None = None

    def __call__(self) -> duckdb.DuckDBPyConnection:
        """The connection (opened now if it is not yet)."""
        if self.connection is None:
            import duckdb

            self.connection = duckdb.connect(str(self.path), config=dict(self.config))
        return self.connection

    def close(self) -> None:
        """Close the connection if it was opened (a refused home)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def read_stamp(path: Path, opener: WarehouseOpener | None = None) -> str | None:
    """The home id stamped in one database (``None`` when the database has no stamp); ``HomeDamaged`` if unreadable.

    A DuckDB file is read on ``opener``'s connection when one is given (left open), else on one of its own.
    """
    try:
        if path.name.endswith(".duckdb"):
            con = opener() if opener is not None else WarehouseOpener(path)()
            try:
                exists = con.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?",
                                     [_STAMP_TABLE]).fetchone()
                row = con.execute(f"SELECT home_id FROM {_STAMP_TABLE} LIMIT 1").fetchone() if exists and exists[0] \
                    else None
            finally:
                if opener is None:
                    con.close()
        else:
            with sqlite3.connect(path) as scon:
                found = scon.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                                     (_STAMP_TABLE,)).fetchone()
                row = scon.execute(f"SELECT home_id FROM {_STAMP_TABLE} LIMIT 1").fetchone() if found else None
    except Exception as exc:  # sqlite3.DatabaseError, duckdb.IOException, ...: one line, not a traceback
        first = str(exc).splitlines()[0] if str(exc) else ""
        if "lock" in first.lower():
            raise HomeBusy(f"{path} is in use by another process ({first[-120:]}); stop it or wait for it") from exc
        raise HomeDamaged(f"{path} cannot be read: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from exc
    return None if row is None else str(row[0])


def _stamp(path: Path, home_id: str, opener: WarehouseOpener | None = None) -> None:
    if path.name.endswith(".duckdb"):
        con = opener() if opener is not None else WarehouseOpener(path)()
        try:
            con.execute(f"CREATE TABLE IF NOT EXISTS {_STAMP_TABLE} (home_id VARCHAR)")
            con.execute(f"DELETE FROM {_STAMP_TABLE}")
            con.execute(f"INSERT INTO {_STAMP_TABLE} VALUES (?)", [home_id])
        finally:
            if opener is None:
                con.close()
    else:
        with sqlite3.connect(path) as scon:
            scon.execute(f"CREATE TABLE IF NOT EXISTS {_STAMP_TABLE} (home_id TEXT)")
            scon.execute(f"DELETE FROM {_STAMP_TABLE}")
            scon.execute(f"INSERT INTO {_STAMP_TABLE} VALUES (?)", (home_id,))
    path.chmod(0o600)


def verify_home(home: Path, warehouse: WarehouseOpener | None = None) -> HomeManifest:
    """Refuse a damaged home; create the manifest and stamps of a new (or pre-stamp) home.

    Holds an exclusive lock on ``home/.lock`` while it works, so processes opening a new home together agree
    on one id. With ``warehouse``, the DuckDB file is checked on that opener's connection, which stays open for
    the caller (closed if the home is refused).
    """
    import fcntl

    fd = os.open(home / ".lock", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return _verify(home, warehouse)
    except BaseException:
        if warehouse is not None:
            warehouse.close()
        raise
    finally:
        os.close(fd)


def _verify(home: Path, warehouse: WarehouseOpener | None = None) -> HomeManifest:
    manifest = read_manifest(home)
    present = [name for name in DATABASES if (home / name).exists()]
    if manifest is None:
        # a new home, or one from before the stamps: adopt whatever readable databases it has
        manifest = HomeManifest(home_id=uuid.uuid4().hex, created_at=datetime.now(UTC).isoformat())
        for name in present:
            read_stamp(home / name, warehouse)  # refuses an unreadable file before adopting it
        for name in DATABASES:
            _stamp(home / name, manifest.home_id, warehouse)
        _write_manifest(home, manifest)
        return manifest
    for name in DATABASES:
        path = home / name
        if not path.exists() or path.stat().st_size == 0:
            raise HomeDamaged(f"{path} is missing or empty, though {home / MANIFEST} says this home was set up")
        stamp = read_stamp(path, warehouse)
        if stamp is None:
            raise HomeDamaged(f"{path} was emptied or replaced (it carries no home stamp)")
        if stamp != manifest.home_id:
            raise HomeDamaged(f"{path} belongs to another home ({stamp[:8]}..., this one is "
                              f"{manifest.home_id[:8]}...)")
    return manifest


def sqlite_integrity(path: Path) -> tuple[bool, str]:
    """``PRAGMA integrity_check`` of a SQLite file, with its table and row counts (``ecomintel doctor``)."""
    try:
        with sqlite3.connect(path) as con:
            verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rows = sum(con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables)
    except sqlite3.Error as exc:
        return False, f"{type(exc).__name__}: {exc}"
    return verdict == "ok", f"{verdict}; {len(tables)} tables, {rows} rows"


def duckdb_integrity(path: Path) -> tuple[bool, str]:
    """Read every row of a DuckDB file (a truncated file fails), with its table and row counts (``doctor``)."""
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
            rows = 0
            for t in tables:  # hashing every row reads every block: a truncated file fails here
                count = con.execute(f'SELECT COUNT(*), BIT_XOR(HASH(r)) FROM "{t}" r').fetchone()
                rows += int(count[0]) if count else 0
        finally:
            con.close()
    except duckdb.Error as exc:
        return False, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    return True, f"{len(tables)} tables, {rows} rows"


def copy_databases(home: Path, into: Path) -> None:
    """Consistent copies of the home's databases in ``into`` (SQLite's backup API, DuckDB's database copy)."""
    import duckdb

    for name in SQLITE_FILES:
        with sqlite3.connect(home / name) as src, sqlite3.connect(into / name) as dst:
            src.backup(dst)
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS src (READ_ONLY)", [str(home / DUCKDB_FILE)])
        con.execute("ATTACH ? AS dst", [str(into / DUCKDB_FILE)])
        con.execute("COPY FROM DATABASE src TO dst")
    finally:
        con.close()
