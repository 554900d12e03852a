"""Measure every bundle from its own venv: size, cold import time, peak RSS after import + deps + one request.

``python -m bundling.measure`` (``make bundle-sizes``) writes ``infra/bundle_sizes.json``, the figures the
memory setting of each function is chosen from. Each function runs in a fresh interpreter of its bundle's
venv, from the unpacked bundle: ``functions_framework.create_app`` imports ``main.py``; ``get_deps()`` wires
the gcp adapters (emulator endpoints that are never called, so clients are built and no request leaves the
machine); then the function's probe (``bundling/probes.py``) goes through the app once. Peak RSS is the
process's own high-water mark (``VmHWM``). Timings depend on the machine and its load; sizes and RSS much less so.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from bundling.archive import unpack
from bundling.build import build
from bundling.probes import probe_for
from bundling.serve import function_environ
from bundling.venvs import ensure_venv, venv_python
from shared.manifest import REPO_ROOT, FunctionSpec, load_manifest

OUTPUT = REPO_ROOT / "infra" / "bundle_sizes.json"
VENVS = REPO_ROOT / ".venv-bundles"
DEAD = "127.0.0.1:9"  # discard port: clients are constructed, never used

# Runs inside the bundle's venv, from the unpacked bundle, in isolated mode (no PYTHONPATH, no cwd on sys.path).
_PROBE = """
import json, resource, sys, time
HEAVY = ("pandas", "pyarrow", "numpy", "scipy", "lightgbm", "prophet", "matplotlib", "duckdb")


def peak_rss_mb():
    # VmHWM is this address space's own high-water mark; ru_maxrss also counts the parent's memory when the
    # process was started by vfork + exec (Linux keeps the old mm's peak across exec)
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


t0 = time.perf_counter()
import functions_framework
app = functions_framework.create_app(sys.argv[1], "main.py", sys.argv[2])
t1 = time.perf_counter()
from shared.deps import get_deps
get_deps()
t2 = time.perf_counter()
probe = json.loads(sys.argv[3])
resp = app.test_client().open(probe["path"], method=probe["method"], headers=probe["headers"],
                              data=probe["body"].encode())
t3 = time.perf_counter()
print(json.dumps({"status": resp.status_code, "import_s": t1 - t0, "deps_s": t2 - t1, "request_s": t3 - t2,
                  "peak_rss_mb": peak_rss_mb(),
                  "modules_loaded": len(sys.modules),
                  "heavy_loaded": sorted(m for m in HEAVY if m in sys.modules)}))
"""


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def measure(spec: FunctionSpec, openapi: dict[str, Any], work: Path) -> dict[str, Any]:
    """The figures of one function (builds its bundle and venv if needed)."""
    bundle = build(spec.name, REPO_ROOT, work / "zips")
    venv = ensure_venv(bundle.requirements, VENVS)
    source = unpack(bundle.path, work / spec.name)
    probe = probe_for(spec, openapi)
    env = function_environ(spec, {
        "ECOMINTEL_BACKEND": "emulator", "ECOMINTEL_PROJECT_ID": "measure", "ECOMINTEL_HOME": str(work / "home"),
        "FIRESTORE_EMULATOR_HOST": DEAD, "PUBSUB_EMULATOR_HOST": DEAD, "STORAGE_EMULATOR_HOST": f"http://{DEAD}",
        "BIGQUERY_EMULATOR_HOST": f"http://{DEAD}",
        "ECOMINTEL_JWT_SIGNING_KEY": "measure-only-signing-key-" + "0" * 32})
    payload = json.dumps({"method": probe.method, "path": probe.path, "headers": probe.headers,
                          "body": probe.body.decode()})
    out = subprocess.run([str(venv_python(venv)), "-I", "-c", _PROBE, spec.entry_point, spec.signature_type,
                          payload], cwd=source, env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"{spec.name}: {out.stderr[-3000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if figures["status"] != probe.status:
        raise RuntimeError(f"{spec.name}: probe answered {figures['status']}, expected {probe.status}")
    pins = [line for line in bundle.requirements.splitlines() if line and not line.startswith("#")]
    return {"zip_bytes": bundle.path.stat().st_size, "requirements": len(pins),
            "venv_mb": round(_dir_mb(venv), 1), "import_s": round(figures["import_s"], 2),
            "deps_s": round(figures["deps_s"], 2), "request_s": round(figures["request_s"], 3),
            "peak_rss_mb": round(figures["peak_rss_mb"], 1), "modules_loaded": figures["modules_loaded"],
            "heavy_loaded": figures["heavy_loaded"],
            "memory_mb": spec.memory_mb}


def table(figures: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    rows = ["| function | zip KiB | pins | venv MiB | import s | deps s | peak RSS MiB | memory (manifest) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, f in sorted(figures.items()):
        rows.append(f"| {name} | {f['zip_bytes'] / 1024:.0f} | {f['requirements']} | {f['venv_mb']:.0f} | "
                    f"{f['import_s']:.2f} | {f['deps_s']:.2f} | {f['peak_rss_mb']:.0f} | {f['memory_mb']} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Measure the functions named (default: all) and write ``infra/bundle_sizes.json`` and a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    manifest = load_manifest()
    openapi = yaml.safe_load((REPO_ROOT / "infra" / "openapi.yaml").read_text())
    names = args.names or sorted(manifest.functions)
    with tempfile.TemporaryDirectory(prefix="bundle-measure-") as tmp:
        figures = {name: measure(manifest.functions[name], openapi, Path(tmp)) for name in names}
    previous = json.loads(args.out.read_text()) if args.out.exists() and args.names else {}
    args.out.write_text(json.dumps({**previous, **figures}, indent=2, sort_keys=True) + "\n")
    sys.stdout.write(table(figures) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
