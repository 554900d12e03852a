"""A downloaded archive of delimited files (Kaggle's ``brazilian-ecommerce.zip``): its files, one by one.

Public datasets are published as zip archives of CSV files. ``ecomintel ingest archive.zip`` ingests each
``.csv``/``.tsv``/``.txt`` member (in name order; folders and other files are skipped), exactly as if it had
been unzipped and ingested file by file. Members are extracted to a temporary folder as they are needed,
never past ``ECOMINTEL_INGEST_MAX_EXPANDED_BYTES`` each (a member that expands further is refused), and
removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from shared.errors import InvalidInput

MEMBER_SUFFIXES = (".csv", ".tsv", ".txt")


def is_archive(path: str | Path) -> bool:
    """Whether ``path`` names a zip archive (by its name and its magic bytes)."""
    file = Path(path)
    return file.suffix.lower() == ".zip" and file.is_file() and zipfile.is_zipfile(file)


@contextmanager
def archive_members(path: str | Path, max_bytes: int) -> Iterator[list[Path]]:
    """The archive's delimited files, extracted to a temporary folder for the duration of the block."""
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory(prefix="ecomintel-zip-") as folder:
        members = sorted((m for m in archive.infolist()
                          if not m.is_dir() and PurePosixPath(m.filename).suffix.lower() in MEMBER_SUFFIXES
                          and not PurePosixPath(m.filename).name.startswith((".", "__MACOSX"))
                          and "__MACOSX" not in PurePosixPath(m.filename).parts),
                         key=lambda m: m.filename)
        if not members:
            raise InvalidInput(f"{Path(path).name} holds no .csv, .tsv or .txt file")
        out: list[Path] = []
        for member in members:
            target = Path(folder) / str(len(out)) / PurePosixPath(member.filename).name  # never outside folder
            target.parent.mkdir()
            with archive.open(member) as src, target.open("wb") as dst:
                copied = 0
                while block := src.read(1 << 20):
                    copied += len(block)
                    if copied > max_bytes:
                        raise InvalidInput(f"{member.filename} expands to more than {max_bytes} bytes")
                    dst.write(block)
            out.append(target)
        yield out
        shutil.rmtree(folder, ignore_errors=True)
