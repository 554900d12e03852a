"""Build one deployable zip per manifest function: its folder's files at the root, plus ``shared/`` vendored.

``make bundles`` runs it; Terraform uploads ``dist/functions/<name>.zip`` (content-addressed by md5).
Entries are written in sorted order with a fixed timestamp so an unchanged function gives the same zip.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from shared.manifest import FUNCTIONS_DIR, load_manifest  # noqa: E402

SKIP_PARTS = {"__pycache__", ".mypy_cache", ".pytest_cache", "tests"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and not SKIP_PARTS & set(p.relative_to(root).parts) and p.suffix != ".pyc")


def bundle(name: str, out_dir: Path) -> Path:
    """Write ``<out_dir>/<name>.zip`` and return its path."""
    source = FUNCTIONS_DIR / name
    if not (source / "main.py").exists():
        raise FileNotFoundError(f"functions/{name}/main.py is missing (the manifest lists {name!r})")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in _files(source):
            zf.writestr(zipfile.ZipInfo(path.relative_to(source).as_posix(), FIXED_TIME), path.read_bytes())
        for path in _files(REPO / "shared"):
            zf.writestr(zipfile.ZipInfo(path.relative_to(REPO).as_posix(), FIXED_TIME), path.read_bytes())
    return target


def main() -> int:
    """Bundle every function of the manifest into ``dist/functions``."""
    out = REPO / "dist" / "functions"
    for name in load_manifest().functions:
        sys.stdout.write(f"{bundle(name, out)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
