"""Point every module of ``shared`` and ``functions`` at :mod:`shared.regex` (re-run after a merge; idempotent).

The change is one line per module: ``import re`` becomes ``from shared import regex as re`` (the same names, and
``re.compile`` at import time builds the pattern from the stored compiler output). Only a top-level ``import re`` is
rewritten; an import inside a function compiles at run time and gains nothing. The import block is then re-sorted
with ruff. ``tests/unit/test_regex.py`` fails while a module still imports the stdlib's ``re`` at top level.

Usage: ``.venv/bin/python tools/regex_codemod.py`` from the repository root; prints the files it changed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The packages whose modules are rewritten.
PACKAGES = ("shared", "functions")
#: The module that wraps the stdlib's ``re`` must keep importing it.
EXEMPT = frozenset({Path("shared/regex.py")})
STDLIB_IMPORT = "import re\n"
SHARED_IMPORT = "from shared import regex as re\n"


def modules_to_rewrite(root: Path = ROOT) -> list[Path]:
    """The modules (relative to ``root``) with a top-level ``import re``."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root)
            if rel in EXEMPT or "__pycache__" in rel.parts:
                continue
            if STDLIB_IMPORT in path.read_text(encoding="utf-8").splitlines(keepends=True):
                found.append(rel)
    return found


def rewrite(path: Path) -> None:
    """Swap the module's top-level ``import re`` for the shared one."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(SHARED_IMPORT if line == STDLIB_IMPORT else line for line in lines), encoding="utf-8")


def main() -> int:
    """Rewrite, then let ruff put the moved import in its block."""
    changed = modules_to_rewrite()
    for rel in changed:
        rewrite(ROOT / rel)
        sys.stdout.write(f"{rel}\n")
    if changed:
        ruff = Path(sys.executable).with_name("ruff")
        subprocess.run([str(ruff), "check", "--select", "I", "--fix", "-q", *map(str, changed)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
