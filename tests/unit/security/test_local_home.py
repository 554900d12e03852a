"""The embedded home is private, and its key files cannot be emptied into a known key."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from shared.config import Settings
from shared.deps import build_deps
from shared.security.key_files import SigningKeyUnusable


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_home_and_its_databases_are_private(isolated_env: object, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    build_deps(Settings(home=home)).warehouse.close()  # type: ignore[attr-defined]
    assert _mode(home) == 0o700
    build_deps(Settings(home=home)).warehouse.close()  # type: ignore[attr-defined]
    files = [p for p in home.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"documents.sqlite", "bus.sqlite", "warehouse.duckdb", "signing.key"}
    assert all(_mode(p) == 0o600 for p in files), {p.name: oct(_mode(p)) for p in files}


def test_emptied_signed_url_key_is_refused(isolated_env: object, tmp_path: Path) -> None:
    home = tmp_path / "home"
    build_deps(Settings(home=home)).warehouse.close()  # type: ignore[attr-defined]
    (home / "signing.key").write_bytes(b"")
    with pytest.raises(SigningKeyUnusable):
        build_deps(Settings(home=home))
