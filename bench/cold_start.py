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
``.venv/bin/python bench/cold_start.py``; ``COLD_START_RUNS`` (default 5) runs of each, ``COLD_START_CASES`` (comma
separated: ``ask``, ``functions.query.main``, ...) to run only those; the ``ask`` case runs
against ``ECOMINTEL_HOME`` when set (any home with a ``demo`` tenant), else a home ``ecomintel demo`` builds once
under the temp directory (``COLD_START_HOME`` to choose it).

``bench/cold_start.py bundle [function]`` measures a deployed function's cold start instead (default ``query``):
its zip built as Terraform's is (``bundling.build``), installed into a venv from its own ``requirements.txt``
(``bundling.venvs``, as the bundle tests do), unpacked, and compiled to bytecode as the platform's build does
(``python -m compileall -f -q .``). Two ways: ``without`` (the zip less its compiled-pattern store: what the builder
made before) and ``with`` (as built). Each run is a fresh interpreter of the bundle's venv in the unpacked bundle,
nothing of the checkout on ``sys.path``: ``functions_framework.create_app`` imports ``main.py`` (``import``), then,
for ``query``, the first ``POST /v1/query`` (the question above, ``use_cache`` off) against the demo home on the
embedded backend (``ask``: import + the request).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
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
    wanted = os.environ.get("COLD_START_CASES", "").split(",")  # e.g. "ask": the smallest slice that answers
    cases = {label: case for label, case in CASES.items() if wanted == [""] or case in wanted}
    for case in cases.values():  # warm the bytecode and the OS cache: no way pays for them
        for way in ways[:1] + ways[3:]:
            one_run(way, case, env)
    print(f"{runs} fresh interpreters per way; median CPU s (user+sys) / wall s / peak RSS MiB")
    for label, case in cases.items():
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


#: Run in the bundle's venv, in the unpacked bundle (isolated mode): the cold start of the function, then one question.
BUNDLE_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, ".")
target, signature, ask = sys.argv[1], sys.argv[2], sys.argv[3] == "ask"


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


started = time.perf_counter()
import functions_framework
app = functions_framework.create_app(target, "main.py", signature)
figures = {"import_cpu": cpu(), "import_wall": time.perf_counter() - started}
if ask:
    from shared.deps import get_deps
    from shared.security.principal import Role
    from shared.security.tokens import mint_token
    token = mint_token(get_deps().settings, subject="bench", tenant_id="demo", role=Role.ANALYST)
    body = json.dumps({"question": os.environ["COLD_START_QUESTION"], "use_cache": False})
    resp = app.test_client().post("/v1/query", data=body, content_type="application/json",
                                  headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    figures.update(ask_cpu=cpu(), ask_wall=time.perf_counter() - started)
import shared.regex
figures["patterns_compiled"] = len(shared.regex._STORE.used) if shared.regex._STORE.added else 0
print(json.dumps(figures), flush=True)
os._exit(0)  # an instance is stopped, never exited: no store is written for the next run
"""


def bundle_main(name: str) -> None:
    """A function's cold start from its bundle, with and without the shipped compiled patterns."""
    from bundling.archive import unpack, write_zip
    from bundling.build import build
    from bundling.regex_store import member_name
    from bundling.serve import function_environ
    from bundling.venvs import ensure_venv, venv_python
    from shared.manifest import load_manifest

    runs = int(os.environ.get("COLD_START_RUNS", "3"))
    spec = load_manifest().functions[name]
    work = Path(tempfile.mkdtemp(prefix="cold-start-bundle-"))
    bundle = build(name, ROOT, work / "zips")
    venv = ensure_venv(bundle.requirements, ROOT / ".venv-bundles")
    with zipfile.ZipFile(bundle.path) as zf:
        kept = [(i.filename, zf.read(i)) for i in zf.infolist() if i.filename != member_name()]
    zips = {"without": write_zip(work / "zips" / f"{name}-without.zip", kept), "with": bundle.path}
    sources = {}
    for way, archive in zips.items():
        sources[way] = unpack(archive, work / way)
        # what the platform's Python build does to the function's source (GoogleCloudPlatform/buildpacks,
        # python/functions_framework): bytecode for every module, by the runtime's own interpreter
        subprocess.run([str(venv_python(venv)), "-m", "compileall", "-f", "-q", "."], cwd=sources[way], check=True)
    cases = ["import", "ask"] if name == "query" else ["import"]
    env = function_environ(
        spec,
        {
            "ECOMINTEL_BACKEND": "local",
            "ECOMINTEL_HOME": str(demo_home()),
            "ECOMINTEL_LOG_LEVEL": "ERROR",
            "COLD_START_QUESTION": QUESTION,
        },
    )
    print(
        f"{name}: zip {bundle.path.stat().st_size / 1024:.0f} KiB with the store, "
        f"{zips['without'].stat().st_size / 1024:.0f} KiB without; {runs} fresh interpreters per way"
    )
    for case in cases:
        got: dict[str, list[dict[str, float]]] = {way: [] for way in zips}
        for _ in range(runs):
            for way in zips:
                out = subprocess.run(
                    [str(venv_python(venv)), "-I", "-c", BUNDLE_CHILD, spec.entry_point, spec.signature_type, case],
                    cwd=sources[way],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                got[way].append(json.loads(out.strip().splitlines()[-1]))
        med = {
            way: {
                k: statistics.median(r[k] for r in rows) for k in (f"{case}_cpu", f"{case}_wall", "patterns_compiled")
            }
            for way, rows in got.items()
        }
        print(f"  {case}:")
        for way, m in med.items():
            print(
                f"    {way:8s} cpu {m[f'{case}_cpu']:5.2f} s  wall {m[f'{case}_wall']:5.2f} s  "
                f"patterns compiled {m['patterns_compiled']:.0f}"
            )
        before, after = med["without"][f"{case}_cpu"], med["with"][f"{case}_cpu"]
        print(
            f"    without/with: cpu x{before / after:.2f} (-{before - after:.2f} s), "
            f"wall x{med['without'][f'{case}_wall'] / med['with'][f'{case}_wall']:.2f}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["bundle"]:
        sys.path.insert(0, str(ROOT))
        bundle_main(sys.argv[2] if len(sys.argv) > 2 else "query")
    else:
        main()
