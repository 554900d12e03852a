"""A fresh process's first sentiment answer loads nothing inside the quick-mode budget's clock.

The executor imports each agent before its clock starts; the sentiment agent's first analysis still imported
scipy's clustering (with what it pulls in, 245 modules) and read its word tables inside the 8 s: under load the
first "Why are ratings falling?" of a process took 17.5-19.7 s. ``registry.prepare_runner`` runs the agent
module's ``prepare()`` before the clock; here a fresh interpreter runs the agent once after it and must import
no library on the way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from shared.deps import get_deps, reset_deps
from shared.ingest.client import ingest_path
from shared.sample.merchant import generate_merchant, write_merchant

REPO = Path(__file__).resolve().parents[3]

FIRST_RUN = """
import json, sys
from shared.agents.registry import get_runner, prepare_runner
from shared.deps import get_deps
from shared.models.agents import AgentRequest
from shared.orchestration.client import ask
deps = get_deps()
ask(deps, "How many reviews do we have?", tenant="acme", use_cache=False)  # a process's first reads, no agent
run = get_runner("sentiment")
prepare_runner("sentiment")
before = set(sys.modules)
result = run(deps, AgentRequest(tenant_id="acme", options={"question": "Why are ratings falling?"}))
print(json.dumps({"status": result.status, "imported": sorted(set(sys.modules) - before)}))
"""


def test_the_first_sentiment_run_of_a_process_imports_no_library(tmp_path: Path, isolated_env: Path) -> None:
    merchant = generate_merchant(seed=5, n_skus=12, end=date(2026, 10, 31), days=200)
    deps = get_deps()
    for sample in write_merchant(merchant, tmp_path / "sample"):
        if sample.kind.value in ("products", "reviews"):
            ingest_path(deps, sample.path, "acme", sample.kind.value)
    reset_deps()  # the subprocess opens the home
    env = {"ECOMINTEL_HOME": str(isolated_env), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_RUN], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["status"] in ("ok", "partial"), out
    assert [m for m in out["imported"] if not m.startswith("shared.")] == [], out["imported"]
