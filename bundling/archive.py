"""Deterministic zip archives: the same files give the same bytes, so the content hash names the object.

Entries are sorted, stamped with one fixed time, written as regular files with mode 0644 and deflated;
no directory entries, no extra fields that carry the build machine's clock or uid.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # S_IFREG | rw-r--r--


def entry(name: str) -> zipfile.ZipInfo:
    """A zip entry for ``name``: fixed time, 0644, deflated, made on Unix."""
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = FILE_MODE << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    return info


def write_zip(target: Path, members: Iterable[tuple[str, bytes]]) -> Path:
    """Write ``members`` (archive name, content) to ``target`` in name order, replacing it atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    with zipfile.ZipFile(partial, "w") as zf:
        for name, data in sorted(members, key=lambda m: m[0]):
            zf.writestr(entry(name), data)
    partial.replace(target)
    return target


def unpack(archive: Path, directory: Path) -> Path:
    """Extract ``archive`` into ``directory`` (created; existing files with the same names are replaced)."""
    directory.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(directory)
    return directory
