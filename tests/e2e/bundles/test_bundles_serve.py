"""Every function's bundle, as Terraform uploads it, installs from its own requirements and serves.

Per function: build the zip, install its ``requirements.txt`` (and nothing else) into a venv shared only
with bundles of the identical requirement set, unpack the zip, start ``functions-framework`` from the
unpacked directory with no repository on ``sys.path``, and send one probe (``bundling/probes.py``): HTTP
functions must answer the app's own 401 JSON error, event functions must acknowledge a well-formed
CloudEvent with a payload they reject. The venvs persist in ``.venv-bundles/`` keyed by their requirement
set, so a run only reinstalls what changed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from bundling.archive import unpack
from bundling.build import Bundle, build
from bundling.measure import measure
from bundling.probes import Probe, probe_for, pubsub_push
from bundling.serve import function_environ, send, serve
from bundling.venvs import ensure_venv, installed, venv_python
from local_emulator import engines
from shared.manifest import REPO_ROOT, load_manifest
from tests.fakes.ports import held_port

# `make test` runs slow tests too; `make test-fast` skips these (a venv per requirement set, 22 servers).
pytestmark = pytest.mark.slow

VENVS = REPO_ROOT / ".venv-bundles"
FUNCTIONS = sorted(load_manifest().functions)

# In the bundle's own interpreter: wire the gcp backend (clients are built, no call is made) from package data.
GCP_DEPS = """
import sys
from shared.config import Settings
from shared.deps import build_deps
deps = build_deps(Settings(backend="gcp", project_id="probe"))
print(len(deps.manifest.functions), type(deps.warehouse).__name__, type(deps.documents).__name__)
"""


IMPORT_ALL = """
import importlib, pathlib, sys
sys.path.insert(0, ".")
names = sorted(".".join(p.with_suffix("").parts[:-1] if p.name == "__init__.py" else p.with_suffix("").parts)
               for p in pathlib.Path("shared").rglob("*.py"))
for name in names:
    importlib.import_module(name)
if "shared.agents.registry" in sys.modules:  # the runners it names by string resolve here too
    registry = sys.modules["shared.agents.registry"]
    [registry.get_runner(agent) for agent in registry.AGENT_RUNNERS]
print(len(names))
"""


@pytest.fixture(scope="module")
def openapi() -> dict:
    return yaml.safe_load((REPO_ROOT / "infra" / "openapi.yaml").read_text())


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("zips")


def _bundle(name: str, out: Path) -> Bundle:
    return build(name, REPO_ROOT, out)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_bundle_installs_alone_and_serves_one_request(
    name: str, bundle_dir: Path, openapi: dict, representatives: set[str], tmp_path: Path
) -> None:
    spec = load_manifest().functions[name]
    bundle = _bundle(name, bundle_dir)
    venv = ensure_venv(bundle.requirements, VENVS)
    pinned = {line for line in bundle.requirements.splitlines() if line and not line.startswith("#")}
    assert installed(venv) == pinned, "the requirements file is not closed: the install pulled in more"

    source = unpack(bundle.path, tmp_path / "src")
    env = {"ECOMINTEL_BACKEND": "local", "ECOMINTEL_HOME": str(tmp_path / "home")}
    probe = probe_for(spec, openapi)
    with serve(spec, source, venv, env, log=tmp_path / "function.log") as served:
        answer = send(served.url, probe)
    log = (tmp_path / "function.log").read_text()
    assert answer.status == probe.status, f"{name}: {answer.status} {answer.body[:300]!r}\n{log[-3000:]}"
    if probe.error_code:
        assert json.loads(answer.body)["error"]["code"] == probe.error_code
    assert "Traceback" not in log, log[-3000:]

    if name in representatives:
        # Once per requirement set, for its largest bundle: every module imports from the venv, lazily
        # imported ones too (the agents the registry names by string), so a missing pin fails here.
        done = subprocess.run(
            [str(venv_python(venv)), "-I", "-c", IMPORT_ALL],
            cwd=source,
            env=function_environ(spec, env),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"{name}: {done.stderr[-3000:]}"
        assert int(done.stdout.split()[-1]) == len(bundle.closure.modules), name


def test_a_port_taken_before_the_function_binds_it_is_left_for_a_fresh_one(
    bundle_dir: Path, openapi: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The free-port race of the emulator stack, on the bundle tier: the port is chosen, then taken by another.

    The first port handed out is held by a listening socket of this test. A connection to it succeeds, so a
    server counted ready when the port accepts was "ready" at once on a port it never held (and the probe hung
    on the socket). The function must be served on another port, below the ephemeral range, by its own process.
    """
    spec = load_manifest().functions["admin"]
    bundle = _bundle(spec.name, bundle_dir)
    venv = ensure_venv(bundle.requirements, VENVS)
    source = unpack(bundle.path, tmp_path / "src")
    probe = probe_for(spec, openapi)
    env = {"ECOMINTEL_BACKEND": "local", "ECOMINTEL_HOME": str(tmp_path / "home")}
    with held_port() as held:
        chosen = engines.free_port
        first = iter([held])
        monkeypatch.setattr(engines, "free_port", lambda: next(first, None) or chosen())
        with serve(spec, source, venv, env, log=tmp_path / "function.log", timeout_s=60) as served:
            answer = send(served.url, probe, timeout_s=30)
            own = engines.socket_inodes(served.process.pid)
            port = urlparse(served.url).port or 0
            listeners = engines.loopback_listeners(port)
    assert port != held and port < engines.ephemeral_ports().start, (port, held)
    assert listeners and listeners <= own  # the answer came from the process started
    assert answer.status == probe.status and json.loads(answer.body)["error"]["code"] == probe.error_code


@pytest.mark.parametrize("name", ["auth", "query", "ingest"])
def test_gcp_dependencies_build_from_the_bundle_alone(name: str, bundle_dir: Path, tmp_path: Path) -> None:
    """The manifest comes from the bundle's package data, not from ``infra/`` of a checkout."""
    spec = load_manifest().functions[name]
    bundle = _bundle(name, bundle_dir)
    venv = ensure_venv(bundle.requirements, VENVS)
    source = unpack(bundle.path, tmp_path / "src")
    env = function_environ(
        spec,
        {
            "FIRESTORE_EMULATOR_HOST": "127.0.0.1:9",
            "PUBSUB_EMULATOR_HOST": "127.0.0.1:9",
            "STORAGE_EMULATOR_HOST": "http://127.0.0.1:9",
            "BIGQUERY_EMULATOR_HOST": "http://127.0.0.1:9",
        },
    )
    out = subprocess.run(
        [str(venv_python(venv)), "-I", "-c", f"import sys; sys.path.insert(0, '.')\n{GCP_DEPS}"],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == [str(len(load_manifest().functions)), "BigQueryWarehouse", "FirestoreDocumentStore"]


@pytest.mark.parametrize("name", ["auth", "admin", "alerts", "deliver", "data_updated"])
def test_small_functions_load_no_heavy_library(name: str, openapi: dict, tmp_path: Path) -> None:
    """Import + gcp deps + one request from the bundle's venv leaves pandas, pyarrow, numpy and the rest unloaded."""
    figures = measure(load_manifest().functions[name], openapi, tmp_path)
    assert figures["heavy_loaded"] == []
    assert figures["peak_rss_mb"] < 0.6 * figures["memory_mb"], figures


@pytest.fixture(scope="module")
def representatives(bundle_dir: Path) -> set[str]:
    return set(_largest_bundle_per_venv(bundle_dir))


def _largest_bundle_per_venv(out: Path) -> list[str]:
    """One function per distinct requirement set: the one whose bundle holds the most modules."""
    from bundling.venvs import requirements_key

    best: dict[str, Bundle] = {}
    for name in FUNCTIONS:
        bundle = _bundle(name, out)
        key = requirements_key(bundle.requirements)
        if key not in best or len(bundle.closure.modules) > len(best[key].closure.modules):
            best[key] = bundle
    return sorted(b.name for b in best.values())


def test_the_forecast_warmup_bundle_fits_a_real_update_from_its_own_venv(bundle_dir: Path, tmp_path: Path) -> None:
    """Past the probe: the deployed warm-up's real work (read sales, fit with LightGBM, store) from the bundle alone.

    The probe's rejected payload runs none of the fitting, whose libraries are imported lazily; here a tenant's sales,
    ingested into an embedded home by this process, get one ``data-updated`` and the fits must be stored.
    """
    from datetime import UTC, datetime, timedelta

    from shared.deps import get_deps, reset_deps
    from shared.ingest.client import ingest_path
    from shared.models.records import DataKind
    from shared.orchestration.forecast_warmup import already_warm
    from shared.orchestration.versions import DataUpdated
    from shared.sample.merchant import generate_merchant, write_merchant
    from shared.store.documents.caches import FORECAST_WARMUP_DOC, meta_collection

    home = tmp_path / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(home))
        reset_deps()
        merchant = generate_merchant(seed=7, n_skus=8, end=datetime.now(UTC).date() - timedelta(days=1), days=200)
        sales = {f.kind: f.path for f in write_merchant(merchant, tmp_path / "sample")}[DataKind.SALES]
        view = ingest_path(get_deps(), sales, "bundled", DataKind.SALES.value)
        reset_deps()  # the home's engines closed: the function process opens them
    update = DataUpdated(tenant_id="bundled", kind="sales", ingestion_id=view.ingestion_id, rows=view.accepted)
    spec = load_manifest().functions["forecast_warmup"]
    bundle = _bundle(spec.name, bundle_dir)
    venv = ensure_venv(bundle.requirements, VENVS)
    source = unpack(bundle.path, tmp_path / "src")
    env = {"ECOMINTEL_BACKEND": "local", "ECOMINTEL_HOME": str(home), "ECOMINTEL_FORECAST_WARMUP_DAYS": "[35]"}
    with serve(spec, source, venv, env, log=tmp_path / "function.log") as served:
        answer = send(served.url, pubsub_push(spec, update.model_dump_json().encode()), timeout_s=600)
    log = (tmp_path / "function.log").read_text()
    assert answer.status == 200 and "Traceback" not in log, log[-3000:]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(home))
        reset_deps()
        deps = get_deps()
        record = deps.documents.get(meta_collection("bundled"), FORECAST_WARMUP_DOC) or {}
        assert already_warm(deps, update) and record["bands"] == [35] and record["fitted"] > 0, record
        reset_deps()


def test_the_ingest_bundle_stages_a_real_upload_on_its_storage_finalize_event(bundle_dir: Path, tmp_path: Path) -> None:
    """Past the probe: a CSV written to the raw bucket and its ``storage.object.v1.finalized`` CloudEvent, as
    Eventarc delivers it, to the ingest function served from its own bundle and venv: the rows are staged.

    The probe's object is outside ``raw/<tenant>/<kind>/`` and is acknowledged without reading anything, so the
    parser, the validation models and the warehouse writes were never run from the bundle alone.
    """
    from shared.config import Settings
    from shared.deps import get_deps, reset_deps

    home = tmp_path / "home"
    csv = (b"order_id,sku,date,units,unit_price,currency\n"
           b"A1,SKU-1,2026-11-02,3,9.50,USD\nA2,SKU-2,2026-11-02,x,4.00,USD\n")
    name = "raw/bundled/sales/2026/11/02/up_1/sales.csv"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(home))
        reset_deps()
        bucket = Settings().bucket_name("raw")
        info = get_deps().blobs.write(bucket, name, csv, content_type="text/csv")
        reset_deps()  # the home's engines closed: the function process opens them
    spec = load_manifest().functions["ingest"]
    bundle = _bundle(spec.name, bundle_dir)
    venv = ensure_venv(bundle.requirements, VENVS)
    source = unpack(bundle.path, tmp_path / "src")
    event = {"bucket": bucket, "name": name, "generation": info.generation, "size": str(info.size),
             "contentType": "text/csv", "timeCreated": "2026-11-02T10:00:00Z"}
    headers = {"ce-specversion": "1.0", "ce-id": "finalize-1", "ce-type": "google.cloud.storage.object.v1.finalized",
               "ce-source": f"//storage.googleapis.com/projects/_/buckets/{bucket}", "ce-subject": f"objects/{name}",
               "ce-time": "2026-11-02T10:00:00Z", "Content-Type": "application/json"}
    env = {"ECOMINTEL_BACKEND": "local", "ECOMINTEL_HOME": str(home)}
    with serve(spec, source, venv, env, log=tmp_path / "function.log") as served:
        answer = send(served.url, Probe("POST", "/", headers, json.dumps(event).encode(), status=200), timeout_s=300)
    log = (tmp_path / "function.log").read_text()
    assert answer.status == 200 and "Traceback" not in log, log[-3000:]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(home))
        reset_deps()
        staged = get_deps().warehouse.query("SELECT sku, units FROM stg_sales WHERE tenant_id = @t", {"t": "bundled"})
        rejects = get_deps().warehouse.query("SELECT reason FROM rejects WHERE tenant_id = @t", {"t": "bundled"})
        reset_deps()
    assert staged[["sku", "units"]].values.tolist() == [["SKU-1", 3]], staged
    assert len(rejects) == 1, rejects  # the row whose units are "x", with its reason


LOAD_LEXICON = """
import sys
sys.path.insert(0, ".")
from shared.sentiment.lexicon import load_lexicon
print(len(load_lexicon().words))
"""


def test_every_bundle_that_scores_text_reads_its_lexicon_from_its_own_venv(bundle_dir: Path, tmp_path: Path) -> None:
    """The lexicon reads TextBlob's and VADER's word lists as files: no import, so no probe or import check saw them.

    On the emulator stack "Why are ratings falling?" failed in the query function: "package 'textblob' is not
    installed; it provides the sentiment lexicon". One function per requirement set among those that score text.
    """
    from bundling.venvs import requirements_key

    scoring = [
        b for b in (_bundle(name, bundle_dir) for name in FUNCTIONS) if "shared.sentiment.lexicon" in b.closure.modules
    ]
    assert {"query", "sentiment"} <= {b.name for b in scoring}
    per_venv = {requirements_key(b.requirements): b for b in scoring}
    for bundle in per_venv.values():
        venv = ensure_venv(bundle.requirements, VENVS)
        source = unpack(bundle.path, tmp_path / bundle.name)
        done = subprocess.run(
            [str(venv_python(venv)), "-I", "-c", LOAD_LEXICON],
            cwd=source,
            capture_output=True,
            text=True,
            timeout=300,
            env=function_environ(load_manifest().functions[bundle.name], {}),
        )
        assert done.returncode == 0, f"{bundle.name}: {done.stderr[-2000:]}"
        assert int(done.stdout.split()[-1]) > 5000, bundle.name
