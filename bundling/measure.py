"""Measure every bundle from its own venv: size, cold import time, peak RSS after import + deps + one request.

``python -m bundling.measure`` (``make bundle-sizes``) writes ``infra/bundle_sizes.json``, the figures the
memory setting of each function is chosen from. Each function runs in a fresh interpreter of its bundle's
venv, from the unpacked bundle: ``functions_framework.create_app`` imports ``main.py``; ``get_deps()`` wires
the gcp adapters (emulator endpoints that are never called, so clients are built and no request leaves the
machine); then the function's probe (``bundling/probes.py``) goes through the app once. Peak RSS is the
process's own high-water mark (``VmHWM``). Timings depend on the machine and its load; sizes and RSS much less so.

A function whose probe runs none of its work (``forecast_warmup``: a refused payload fits nothing) is measured a
second time the same way on its real work (``WORKLOADS``), recorded under ``workload``; the manifest's
``peak_rss_mb`` must cover the larger peak (``tests/unit/cloud/test_function_memory.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bundling.archive import unpack
from bundling.build import Bundle, build
from bundling.probes import Probe, probe_for, pubsub_push
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


def _prepared(spec: FunctionSpec, work: Path) -> tuple[Bundle, Path, Path]:
    """The function's bundle, its venv (built if needed) and the unpacked bundle under ``work``."""
    bundle = build(spec.name, REPO_ROOT, work / "zips")
    venv = ensure_venv(bundle.requirements, VENVS)
    return bundle, venv, unpack(bundle.path, work / spec.name)


def _run(spec: FunctionSpec, venv: Path, source: Path, probe: Probe, env: dict[str, str]) -> dict[str, Any]:
    """``_PROBE`` in a fresh interpreter of the bundle's venv: import, deps, ``probe`` through the app; its figures."""
    payload = json.dumps(
        {"method": probe.method, "path": probe.path, "headers": probe.headers, "body": probe.body.decode()}
    )
    out = subprocess.run(
        [str(venv_python(venv)), "-I", "-c", _PROBE, spec.entry_point, spec.signature_type, payload],
        cwd=source,
        env=function_environ(spec, env),
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{spec.name}: {out.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if figures["status"] != probe.status:
        raise RuntimeError(f"{spec.name}: probe answered {figures['status']}, expected {probe.status}")
    return figures


def measure(spec: FunctionSpec, openapi: dict[str, Any], work: Path) -> dict[str, Any]:
    """The figures of one function (builds its bundle and venv if needed)."""
    bundle, venv, source = _prepared(spec, work)
    figures = _run(
        spec,
        venv,
        source,
        probe_for(spec, openapi),
        {
            "ECOMINTEL_BACKEND": "emulator",
            "ECOMINTEL_PROJECT_ID": "measure",
            "ECOMINTEL_HOME": str(work / "home"),
            "FIRESTORE_EMULATOR_HOST": DEAD,
            "PUBSUB_EMULATOR_HOST": DEAD,
            "STORAGE_EMULATOR_HOST": f"http://{DEAD}",
            "BIGQUERY_EMULATOR_HOST": f"http://{DEAD}",
            "ECOMINTEL_JWT_SIGNING_KEY": "measure-only-signing-key-" + "0" * 32,
        },
    )
    pins = [line for line in bundle.requirements.splitlines() if line and not line.startswith("#")]
    return {
        "zip_bytes": bundle.path.stat().st_size,
        "requirements": len(pins),
        "venv_mb": round(_dir_mb(venv), 1),
        "import_s": round(figures["import_s"], 2),
        "deps_s": round(figures["deps_s"], 2),
        "request_s": round(figures["request_s"], 3),
        "peak_rss_mb": round(figures["peak_rss_mb"], 1),
        "modules_loaded": figures["modules_loaded"],
        "heavy_loaded": figures["heavy_loaded"],
        "memory_mb": spec.memory_mb,
    }


def forecast_warmup_workload(spec: FunctionSpec, work: Path) -> tuple[Probe, dict[str, str]]:
    """The warm-up's real work: the sample merchant's sales (300 SKUs, two years) updated, every horizon band fitted.

    The sales go into an embedded home through the real ingest path (in this process); the function then gets
    that ingestion's ``data-updated``, as Pub/Sub pushes it, and fits and stores the forecasts of all five bands.
    """
    from shared.deps import get_deps, reset_deps
    from shared.forecast.fit_reuse import FIT_HORIZON_DAYS
    from shared.ingest.client import ingest_path
    from shared.models.records import DataKind
    from shared.orchestration.versions import DataUpdated
    from shared.sample.merchant import generate_merchant, write_merchant

    home, tenant = work / "workload-home", "measure"
    merchant = generate_merchant(end=datetime.now(UTC).date() - timedelta(days=1))
    files = {f.kind: f.path for f in write_merchant(merchant, work / "sample")}
    saved = os.environ.get("ECOMINTEL_HOME")
    os.environ["ECOMINTEL_HOME"] = str(home)
    reset_deps()
    try:
        ingest_path(get_deps(), files[DataKind.PRODUCTS], tenant, DataKind.PRODUCTS.value)
        view = ingest_path(get_deps(), files[DataKind.SALES], tenant, DataKind.SALES.value)
    finally:
        reset_deps()  # the home's engines closed: the function process opens them
        if saved is None:
            os.environ.pop("ECOMINTEL_HOME", None)
        else:
            os.environ["ECOMINTEL_HOME"] = saved
    update = DataUpdated(tenant_id=tenant, kind="sales", ingestion_id=view.ingestion_id, rows=view.accepted)
    env = {
        "ECOMINTEL_BACKEND": "local",
        "ECOMINTEL_HOME": str(home),
        "ECOMINTEL_FORECAST_WARMUP_DAYS": json.dumps(list(FIT_HORIZON_DAYS)),
    }
    return pubsub_push(spec, update.model_dump_json().encode()), env


#: Functions whose probe (a refused payload) runs none of their work, and the real work each is also measured on.
WORKLOADS: dict[str, Callable[[FunctionSpec, Path], tuple[Probe, dict[str, str]]]] = {
    "forecast_warmup": forecast_warmup_workload,
}


def measure_workload(spec: FunctionSpec, work: Path) -> dict[str, Any]:
    """Peak RSS and seconds of ``spec``'s real work (``WORKLOADS``), measured as :func:`measure` measures the probe."""
    _, venv, source = _prepared(spec, work)
    probe, env = WORKLOADS[spec.name](spec, work)
    figures = _run(spec, venv, source, probe, env)
    return {
        "peak_rss_mb": round(figures["peak_rss_mb"], 1),
        "request_s": round(figures["request_s"], 1),
        "what": (WORKLOADS[spec.name].__doc__ or "").splitlines()[0],
    }


def measured_peak_mb(figures: dict[str, Any]) -> float:
    """The larger of a function's probe and workload peaks: what its ``peak_rss_mb`` in the manifest must cover."""
    return max(figures["peak_rss_mb"], figures.get("workload", {}).get("peak_rss_mb", 0.0))


def table(figures: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    rows = [
        "| function | zip KiB | pins | venv MiB | import s | deps s | peak RSS MiB | workload peak MiB | "
        "memory (manifest) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in sorted(figures.items()):
        work = f"{f['workload']['peak_rss_mb']:.0f}" if "workload" in f else ""
        rows.append(
            f"| {name} | {f['zip_bytes'] / 1024:.0f} | {f['requirements']} | {f['venv_mb']:.0f} | "
            f"{f['import_s']:.2f} | {f['deps_s']:.2f} | {f['peak_rss_mb']:.0f} | {work} | {f['memory_mb']} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Measure the functions named (default: all) and write ``infra/bundle_sizes.json`` and a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--probe-only", action="store_true", help="Skip the real workloads (minutes each).")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    openapi = yaml.safe_load((REPO_ROOT / "infra" / "openapi.yaml").read_text())
    names = args.names or sorted(manifest.functions)
    with tempfile.TemporaryDirectory(prefix="bundle-measure-") as tmp:
        figures = {name: measure(manifest.functions[name], openapi, Path(tmp)) for name in names}
        for name in (n for n in names if n in WORKLOADS and not args.probe_only):
            figures[name]["workload"] = measure_workload(manifest.functions[name], Path(tmp) / "workload")
    previous = json.loads(args.out.read_text()) if args.out.exists() and args.names else {}
    args.out.write_text(json.dumps({**previous, **figures}, indent=2, sort_keys=True) + "\n")
    sys.stdout.write(table(figures) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
