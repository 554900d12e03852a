"""Cold start of ``ecomintel ask``, the query and the process functions: stored compiled patterns vs the stdlib.

Each measurement is a fresh interpreter (what a CLI call or a function's cold start pays), run in three ways,
alternating so that the machine's load falls on all of them alike:

- ``stdlib``: every pattern compiled by ``re.compile`` (``shared.regex.compile`` swapped for it), as before
  ``shared/regex.py``;
- ``first``: ``shared.regex`` with an empty store (a new install's first process: it compiles and writes the store);
- ``stored``: ``shared.regex`` reading the store the ``first`` process wrote (every later process).

With ``COLD_START_BASELINE_TREE=<dir>`` (a checkout of the commit before, e.g. ``git archive <commit> | tar -x -C dir``)
a fourth way, ``tree``, runs that checkout as it is: the figure before every change of this round (the stored
patterns and the imports the quick ask no longer makes).

The store lives in a temporary directory (``shared.regex.cache_path`` pointed at it), so the tree's own store is
neither read nor touched. Prints the median CPU seconds (user + system, the figure a loaded 2-core machine does not
distort much) and wall seconds of each, and the ratio ``stdlib / stored``. Not a timed test: run by hand,
``.venv/bin/python bench/cold_start.py``; ``COLD_START_RUNS`` (default 5) runs of each; the ``ask`` case runs
against ``ECOMINTEL_HOME`` when set (any home with a ``demo`` tenant), else a home ``ecomintel demo`` builds once
under the temp directory (``COLD_START_HOME`` to choose it).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "what did we make last month?"

#: Run in the child: set the way patterns are compiled up, then do one case; prints its own CPU seconds.
CHILD = r"""
import json, os, re, resource, sys, time
way, case, root = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, root)
from pathlib import Path
if way != "tree":
    import shared.regex
if way == "stdlib":
    shared.regex.compile = re.compile
elif way != "tree":
    shared.regex.cache_path = lambda: Path(os.environ["COLD_START_STORE"])
if case == "ask":
    import io, contextlib
    from shared.cli.main import main
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["ask", "--tenant", "demo", os.environ["COLD_START_QUESTION"]])
    assert code == 0, code
else:
    __import__(case)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}))
"""

CASES = {
    "ask": "ask",
    "query function import": "functions.query.main",
    "process function import": "functions.process.main",
}


def demo_home() -> Path:
    """A home with the demo tenant: ``ECOMINTEL_HOME``, else one built once by ``ecomintel demo``."""
    if given := os.environ.get("ECOMINTEL_HOME"):
        return Path(given)
    home = Path(os.environ.get("COLD_START_HOME") or Path(tempfile.gettempdir()) / "ecomintel-bench-cold-start")
    if not (home / "warehouse.duckdb").exists():
        print(f"building the demo home in {home} (once) ...", flush=True)
        env = {**os.environ, "ECOMINTEL_HOME": str(home)}
        subprocess.run(
            [sys.executable, "-m", "shared.cli.main", "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    return home


def one_run(way: str, case: str, env: dict[str, str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak RSS (MiB) of one fresh interpreter doing ``case``."""
    root = Path(env["COLD_START_BASELINE_TREE"]) if way == "tree" else ROOT
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, way, case, str(root)],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall = time.perf_counter() - started
    figures = json.loads(out.strip().splitlines()[-1])
    return figures["cpu"], wall, figures["rss_mib"]


def main() -> None:
    """Measure each case each way, alternating, and print medians and ratios."""
    runs = int(os.environ.get("COLD_START_RUNS", "5"))
    home = demo_home()
    store_dir = Path(tempfile.mkdtemp(prefix="cold-start-regex-"))
    store = store_dir / "regex.marshal"
    env = {
        **os.environ,
        "COLD_START_STORE": str(store),
        "COLD_START_QUESTION": QUESTION,
        "ECOMINTEL_HOME": str(home),
        "ECOMINTEL_LOG_LEVEL": "ERROR",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the tree's bytecode is compiled once, as an install's is
    ways = ["stdlib", "first", "stored"] + (["tree"] if os.environ.get("COLD_START_BASELINE_TREE") else [])
    for case in CASES.values():  # warm the bytecode and the OS cache: no way pays for them
        for way in ways[:1] + ways[3:]:
            one_run(way, case, env)
    print(f"{runs} fresh interpreters per way; median CPU s (user+sys) / wall s / peak RSS MiB")
    for label, case in CASES.items():
        got: dict[str, list[tuple[float, float, float]]] = {way: [] for way in ways}
        for _ in range(runs):
            for way in got:
                if way == "first":
                    store.unlink(missing_ok=True)
                got[way].append(one_run(way, case, env))
        med = {way: tuple(statistics.median(r[i] for r in rows) for i in range(3)) for way, rows in got.items()}
        print(f"{label} ({case if case != 'ask' else repr(QUESTION)}):")
        for way, (cpu, wall, rss) in med.items():
            print(f"  {way:7s} cpu {cpu:5.2f} s  wall {wall:5.2f} s  rss {rss:4.0f} MiB")
        print(
            f"  stdlib/stored: cpu x{med['stdlib'][0] / med['stored'][0]:.2f}, "
            f"wall x{med['stdlib'][1] / med['stored'][1]:.2f}; "
            f"saved {med['stdlib'][0] - med['stored'][0]:.2f} s CPU per cold start"
        )
        if "tree" in med:
            tree, stored = med["tree"], med["stored"]
            print(
                f"  tree/stored: cpu x{tree[0] / stored[0]:.2f}, wall x{tree[1] / stored[1]:.2f}; "
                f"saved {tree[0] - stored[0]:.2f} s CPU per cold start"
            )


if __name__ == "__main__":
    main()
