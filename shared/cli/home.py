"""``ecomintel doctor``, ``backup`` and ``restore``: look after the embedded home (local backend).

``doctor`` checks that every database opens, carries this home's stamp and passes its integrity check, that
the key files are long enough and that the home is private. ``backup`` writes one ``.tar.gz`` with a
consistent copy of every database (SQLite's online backup, DuckDB's ``COPY FROM DATABASE``), the blobs and the
keys, each with its SHA-256. ``restore`` checks an archive whole, unpacks it beside the home, verifies it as a
home and only then swaps it in (the old home is kept, renamed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import stat
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``doctor``, ``backup`` and ``restore``."""
    p = sub.add_parser("doctor", help="Check the embedded home: databases, stamps, integrity, keys, permissions.")
    p.set_defaults(func=_doctor)
    p = sub.add_parser("backup", help="Write the embedded home to one .tar.gz (consistent database copies).")
    p.add_argument("output", type=Path)
    p.set_defaults(func=_backup)
    p = sub.add_parser("restore", help="Bring back an embedded home from a backup archive.")
    p.add_argument("archive", type=Path)
    p.add_argument("--force", action="store_true", help="Replace an existing home (it is kept, renamed).")
    p.set_defaults(func=_restore)


def _home() -> Path:
    from shared.config import get_settings

    return get_settings().state_dir


# ---------------------------------------------------------------------------------------------------- doctor


def check_home(home: Path) -> list[tuple[str, bool, str]]:
    """``(check, ok, detail)`` for every check ``doctor`` runs."""
    from shared.adapters.local.home import (
        DATABASES,
        SQLITE_FILES,
        duckdb_integrity,
        read_manifest,
        read_stamp,
        sqlite_integrity,
    )
    from shared.config import MIN_SIGNING_KEY_LENGTH
    from shared.errors import EcomIntelError

    results: list[tuple[str, bool, str]] = []
    if not home.exists():
        return [("home exists", False, f"{home} does not exist")]
    mode = stat.S_IMODE(home.stat().st_mode)
    results.append(("home is private (0700)", mode == 0o700, oct(mode)))
    try:
        manifest = read_manifest(home)
        results.append(("home.json", manifest is not None, manifest.home_id if manifest else "missing"))
    except EcomIntelError as exc:
        manifest = None
        results.append(("home.json", False, exc.message))
    for name in DATABASES:
        path = home / name
        if not path.exists():
            results.append((name, False, "missing"))
            continue
        try:
            stamp = read_stamp(path)
        except EcomIntelError as exc:
            results.append((name, False, exc.message))
            continue
        same = manifest is not None and stamp == manifest.home_id
        results.append((f"{name} stamp", same, "matches home.json" if same else f"stamp {stamp!r}"))
        results.append((f"{name} integrity", *(sqlite_integrity(path) if name in SQLITE_FILES
                                               else duckdb_integrity(path))))
        fmode = stat.S_IMODE(path.stat().st_mode)
        results.append((f"{name} is private (0600)", fmode == 0o600, oct(fmode)))
    for key in ("jwt.key", "signing.key"):
        path = home / key
        if path.exists():
            size = path.stat().st_size
            results.append((key, size >= MIN_SIGNING_KEY_LENGTH, f"{size} bytes"))
    return results


def _doctor(args: argparse.Namespace) -> int:
    results = check_home(_home())
    width = max(len(name) for name, _, _ in results)
    for name, ok, detail in results:
        sys.stdout.write(f"{'ok  ' if ok else 'FAIL'}  {name.ljust(width)}  {detail}\n")
    bad = [r for r in results if not r[1]]
    sys.stdout.write("home is healthy\n" if not bad else f"{len(bad)} problem(s) found\n")
    return 0 if not bad else 1


# ---------------------------------------------------------------------------------------------------- backup


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _snapshot(home: Path, into: Path) -> None:
    """Consistent copies of the databases, and copies of everything else, in ``into``."""
    from shared.adapters.local.home import MANIFEST, copy_databases, verify_home

    verify_home(home)  # never back up a damaged home as if it were good
    copy_databases(home, into)
    for name in (MANIFEST, "jwt.key", "signing.key"):
        if (home / name).exists():
            shutil.copy2(home / name, into / name)
    if (home / "blobs").exists():
        shutil.copytree(home / "blobs", into / "blobs")


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def _wait_seconds() -> float:
    from shared.config import get_settings

    return get_settings().home_wait_seconds


def backup_home(home: Path, output: Path) -> dict[str, str]:
    """Write ``home`` to ``output`` (.tar.gz, mode 0600); returns the archived files and their SHA-256.

    Holds the home's writer lock while it copies (waiting in line for a process that has the home open), so
    no write lands half in the copy.
    """
    from shared.adapters.local.writer import acquire_writer

    lease = acquire_writer(home, wait_seconds=_wait_seconds())
    try:
        return _backup_into(home, output)
    finally:
        lease.release()


def _backup_into(home: Path, output: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        staging = Path(tmp) / "home"
        staging.mkdir()
        _snapshot(home, staging)
        sums = {str(p.relative_to(staging)): _sha256(p) for p in _files(staging)}
        (staging / "backup.json").write_text(json.dumps({"files": sums, "created_at": time.time()}, indent=1))
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(staging, arcname="home")
    return sums


def _backup(args: argparse.Namespace) -> int:
    sums = backup_home(_home(), args.output)
    sys.stdout.write(f"backed up {len(sums)} files to {args.output}\n")
    return 0


# --------------------------------------------------------------------------------------------------- restore


def restore_home(archive: Path, home: Path, *, force: bool = False) -> Path | None:
    """Replace ``home`` with the archive's; returns where the replaced home was kept (``None`` if none)."""
    from shared.adapters.local.home import verify_home
    from shared.cli.main import CliError

    if home.exists() and any(home.iterdir()) and not force:
        raise CliError(f"{home} is not empty; pass --force to replace it (it is kept, renamed)")
    home.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{home.name}.restore-", dir=home.parent))
    try:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(staging, filter="data")  # no absolute paths, links out or devices
        except (OSError, tarfile.TarError) as exc:
            raise CliError(f"{archive} is not a readable backup: {exc}") from exc
        restored = staging / "home"
        try:
            sums = json.loads((restored / "backup.json").read_text())["files"]
        except (OSError, ValueError, KeyError) as exc:
            raise CliError(f"{archive} has no backup manifest") from exc
        for name, digest in sums.items():
            if not (restored / name).is_file() or _sha256(restored / name) != digest:
                raise CliError(f"{archive}: {name} is missing or does not match its checksum")
        (restored / "backup.json").unlink()
        verify_home(restored)
        restored.chmod(0o700)
        for path in _files(restored):
            path.chmod(0o600)
        return _swap_in(restored, home)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(restored: Path, home: Path) -> Path | None:
    """Put ``restored`` in place of ``home`` once no other process has the home open (waiting in line)."""
    from shared.adapters.local.writer import acquire_writer

    if not home.exists():
        restored.rename(home)
        return None
    lease = acquire_writer(home, wait_seconds=_wait_seconds())
    try:
        kept = home.with_name(f"{home.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
        home.rename(kept)
        restored.rename(home)
        return kept
    finally:
        lease.release()


def _restore(args: argparse.Namespace) -> int:
    home = _home()
    kept = restore_home(args.archive, home, force=args.force)
    sys.stdout.write(f"restored {home} from {args.archive}" + (f"; the replaced home is kept at {kept}" if kept
                                                                else "") + "\n")
    return 0
