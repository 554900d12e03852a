"""Build one deployable zip per manifest function into ``dist/functions/<name>.zip``.

``make bundles`` runs it; Terraform uploads each zip under its content hash. A bundle carries ``main.py``,
the ``shared`` modules the function imports (with the package data: the manifest) and a ``requirements.txt``
generated from that import closure and pinned to ``requirements.lock`` (see ``bundling/``). Run it with the
project virtualenv: distributions are resolved from what ``make venv`` installed from the lock.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bundling.build import build  # noqa: E402
from shared.manifest import load_manifest  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Bundle every function of the manifest (or the ones named) and print one JSON line per bundle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="functions to bundle (default: all in the manifest)")
    parser.add_argument("--out", type=Path, default=REPO / "dist" / "functions")
    args = parser.parse_args(argv)
    names = args.names or sorted(load_manifest().functions)
    for name in names:
        bundle = build(name, REPO, args.out)
        line = {"function": name, "zip": str(bundle.path), "bytes": bundle.path.stat().st_size,
                "sha256": bundle.sha256, "modules": len(bundle.closure.modules),
                "requirements": sum(1 for x in bundle.requirements.splitlines() if x and x[0] != "#")}
        sys.stdout.write(json.dumps(line) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
