"""A virtualenv per requirement set, built from a bundle's own ``requirements.txt`` and nothing else.

That is what Cloud Functions' build does (no repository, no project install). Venvs live under one
root keyed by the hash of their pinned lines, so bundles with identical requirement sets share one and
an unchanged set is reused across runs; uv installs from its cache (hard links), which keeps a rebuild
to seconds. A file lock serialises concurrent builders (test workers, the launcher).
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

STAMP = ".bundle-requirements.txt"


def pinned_lines(requirements: str) -> str:
    """The requirement lines of a requirements text, sorted, comments dropped: what a venv is keyed by."""
    lines = sorted(line.strip() for line in requirements.splitlines() if line.strip() and not line.startswith("#"))
    return "\n".join(lines) + "\n"


def requirements_key(requirements: str) -> str:
    """Hash of the pinned lines of a requirements text (comments and order ignored)."""
    return hashlib.sha256(pinned_lines(requirements).encode()).hexdigest()[:16]


def _uv() -> str:
    found = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(found).exists():
        raise FileNotFoundError("uv is not installed (make venv installs it into .venv)")
    return found


def venv_python(venv: Path) -> Path:
    """The interpreter of a venv."""
    return venv / "bin" / "python"


def ensure_venv(requirements: str, root: Path, *, python: str | None = None) -> Path:
    """The venv for ``requirements`` under ``root``: reused when its stamp matches, else (re)built."""
    root = root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    venv = root / requirements_key(requirements)
    with (root / f"{venv.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp = venv / STAMP
        wanted = pinned_lines(requirements)  # bundles differ in their header comment, not in what they need
        if stamp.is_file() and stamp.read_text() == wanted and venv_python(venv).exists():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        base = python or sys.executable
        subprocess.run([_uv(), "venv", "--quiet", "--python", base, str(venv)], check=True)
        req = venv / "requirements.txt"
        req.write_text(requirements)
        # With dependency resolution, as the platform's ``pip install -r`` does: a pin the file lacks would
        # be pulled in unpinned here too, and ``installed()`` lets a test see it.
        subprocess.run([_uv(), "pip", "install", "--quiet", "--python", str(venv_python(venv)), "-r", str(req)],
                       check=True)
        stamp.write_text(wanted)
    return venv


def installed(venv: Path) -> set[str]:
    """``name==version`` of every distribution in the venv."""
    out = subprocess.run([_uv(), "pip", "freeze", "--python", str(venv_python(venv))],
                         check=True, capture_output=True, text=True).stdout
    return {line.strip().lower() for line in out.splitlines() if "==" in line}
