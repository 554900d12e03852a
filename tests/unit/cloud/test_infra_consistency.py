"""compose.yaml, Terraform and the BigQuery schemas agree with the manifest and the table specs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml

from local_emulator.compose import render, service_name
from shared.manifest import REPO_ROOT, Manifest, load_manifest
from shared.models import export_schemas
from shared.models.tables import all_tables

TERRAFORM = REPO_ROOT / "terraform"
COMPOSE = REPO_ROOT / "local_emulator" / "compose.yaml"


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    return load_manifest()


def _expected_subscriptions(m: Manifest) -> set[str]:
    return {m.subscription_name(f.name, t) for t in m.topics for f in m.subscribers(t)}


# --- BigQuery schemas --------------------------------------------------------------------------------

def test_bigquery_schema_files_are_current() -> None:
    assert export_schemas.stale() == [], "run 'make schemas'"


def test_schema_files_describe_every_table_column() -> None:
    import json

    for name, spec in all_tables().items():
        fields = json.loads((export_schemas.SCHEMA_DIR / f"{name}.json").read_text())
        assert [f["name"] for f in fields] == spec.column_names
        assert all(f["type"] in {"STRING", "INT64", "FLOAT64", "BOOL", "DATE", "TIMESTAMP", "JSON"} for f in fields)


def test_stale_detects_drift(tmp_path: Path) -> None:
    export_schemas.write(tmp_path)
    assert export_schemas.stale(tmp_path) == []
    (tmp_path / "sales.json").write_text("[]\n")
    (tmp_path / "orphan.json").write_text("[]\n")
    assert export_schemas.stale(tmp_path) == ["orphan.json", "sales.json"]


# --- compose.yaml ------------------------------------------------------------------------------------

def test_compose_file_is_current(manifest: Manifest) -> None:
    assert COMPOSE.read_text() == render(manifest), "run 'make compose'"


def test_compose_matches_manifest(manifest: Manifest) -> None:
    doc = yaml.safe_load(COMPOSE.read_text())
    services: dict[str, Any] = doc["services"]
    fn_services = {k for k in services if k.startswith("fn-")}
    assert fn_services == {service_name(f) for f in manifest.functions}, "function services vs manifest"
    for spec in manifest.functions.values():
        cmd = services[service_name(spec.name)]["command"]
        assert cmd[cmd.index("--target") + 1] == spec.entry_point
        assert cmd[cmd.index("--signature-type") + 1] == spec.signature_type
        assert cmd[cmd.index("--source") + 1] == f"functions/{spec.name}/main.py"
        env = services[service_name(spec.name)]["environment"]
        assert env["ECOMINTEL_BACKEND"] == "emulator" and env["PUBSUB_EMULATOR_HOST"] == "pubsub:8085"
    assert {"pubsub", "firestore", "gcs", "bigquery", "provision"} <= set(services)
    assert services["pubsub"]["image"].startswith("gcr.io/google.com/cloudsdktool/google-cloud-cli:")
    assert services["gcs"]["image"].startswith("fsouza/fake-gcs-server")
    meta = doc["x-ecomintel"]
    dead = {manifest.dead_letter_topic(t) for t, s in manifest.topics.items() if s.dead_letter}
    assert set(meta["topics"]) == set(manifest.topics) | dead
    assert set(meta["subscriptions"]) == _expected_subscriptions(manifest)
    assert set(meta["buckets"]) == {f"ecomintel-{b}" for b in manifest.buckets}
    assert set(meta["tables"]) == set(all_tables())
    notified = [b.notification_topic for b in manifest.buckets.values() if b.notification_topic]
    gcs = services["gcs"]["command"]
    if notified:
        assert gcs[gcs.index("-event.pubsub-topic") + 1] == notified[0]
    prov = services["provision"]
    assert set(prov["depends_on"]) >= fn_services, "provision must wait for every function"


# --- Terraform ---------------------------------------------------------------------------------------

def _load_tf(directory: Path) -> dict[str, list[Any]]:
    merged: dict[str, list[Any]] = {}
    for path in sorted(directory.glob("*.tf")):
        with path.open() as fh:
            for key, value in hcl2.load(fh).items():
                if isinstance(value, list):
                    merged.setdefault(key, []).extend(value)
    return merged


def _unquote(s: str) -> str:
    return s.strip('"')


def _resources(tf: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for block in tf.get("resource", []):
        for rtype, named in block.items():
            for name, body in named.items():
                out[f"{_unquote(rtype)}.{_unquote(name)}"] = body
    return out


@pytest.fixture(scope="module")
def root() -> dict[str, list[Any]]:
    return _load_tf(TERRAFORM)


def test_terraform_reads_the_manifest_and_schemas(root: dict[str, list[Any]]) -> None:
    locals_ = {k: v for block in root["locals"] for k, v in block.items()}
    modules = {_unquote(k): v for block in root["module"] for k, v in block.items()}
    assert 'file("${path.module}/../infra/functions.yaml")' in modules["manifest"]["manifest_yaml"]
    assert "infra/bigquery/_tables.json" in locals_["tables"]
    for key in ("functions", "topics", "buckets", "schedules"):
        assert locals_[key] == f"${{module.manifest.{key}}}"
    inner = {k: v for block in _load_tf(TERRAFORM / "modules" / "manifest")["locals"] for k, v in block.items()}
    assert inner["manifest"] == "${yamldecode(var.manifest_yaml)}"
    assert "local.manifest.schedules" in inner["raw_schedules"]
    # Subscription names follow Manifest.subscription_name, for topic and storage triggers alike.
    subs = inner["subscriptions"]
    assert '"${fname}--${f.trigger.topic}"' in subs and 'f.trigger.type == "topic"' in subs
    assert '"${fname}--${local.buckets[f.trigger.bucket].notification_topic}"' in subs
    assert 'f.trigger.type == "storage"' in subs
    assert Manifest.subscription_name("f", "t") == "f--t"
    assert Manifest.dead_letter_topic("t") == "t-dead-letter"
    assert '"${name}-dead-letter"' in inner["dead_letter_topics"]


def test_every_manifest_collection_has_resources(root: dict[str, list[Any]]) -> None:
    res = _resources(root)
    for_each = {addr: body.get("for_each") for addr, body in res.items()}
    assert for_each["google_pubsub_topic.topics"] == "${local.topics}"
    assert for_each["google_pubsub_topic.dead_letter"] == "${local.dead_letter_topics}"
    assert for_each["google_pubsub_subscription.push"] == "${local.subscriptions}"
    assert for_each["google_cloud_scheduler_job.schedules"] == "${local.schedules}"
    assert for_each["google_bigquery_table.tables"] == "${local.tables}"
    assert for_each["google_storage_bucket_object.function_source"] == "${local.functions}"
    assert "google_firestore_database.default" in res
    finalize = for_each["google_storage_notification.finalize"]
    assert finalize is not None and "notification_topic" in finalize
    modules = {_unquote(k): v for block in root["module"] for k, v in block.items()}
    assert modules["function"]["for_each"] == "${local.functions}"
    assert _unquote(modules["function"]["source"]) == "./modules/function"
    # Every bucket is made by modules/bucket: the manifest's buckets (the raw bucket's 90-day lifecycle comes
    # from the manifest), the function sources and the console's files.
    assert modules["buckets"]["for_each"] == "${local.buckets}"
    assert "each.value.lifecycle_delete_days" in modules["buckets"]["delete_after_days"]
    assert {_unquote(modules[m]["source"]) for m in ("buckets", "sources", "console_bucket")} == {"./modules/bucket"}
    assert not any(a.startswith("google_storage_bucket.") for a in res)
    bucket = _resources(_load_tf(TERRAFORM / "modules" / "bucket"))["google_storage_bucket.this"]
    lifecycle = bucket["dynamic"][0]['"lifecycle_rule"']["for_each"]
    assert "var.delete_after_days" in lifecycle


def test_secrets_have_no_values_in_code(root: dict[str, list[Any]], manifest: Manifest) -> None:
    res = _resources(root)
    assert not any(a.startswith("google_secret_manager_secret_version.") for a in res)
    text = "".join(p.read_text() for p in TERRAFORM.rglob("*.tf"))
    assert "secret_data" not in text
    assert res["google_secret_manager_secret.secrets"]["for_each"] == "${local.secrets}"
    assert {"ecomintel-jwt-signing-key", "ecomintel-gemini-api-key"} <= set(manifest.secrets)
    assert not manifest.secrets["ecomintel-gemini-api-key"].required


def test_hold_and_push_subscriptions_never_expire(root: dict[str, list[Any]]) -> None:
    res = _resources(root)
    for addr in ("google_pubsub_subscription.dead_letter", "google_pubsub_subscription.push"):
        assert [_unquote(b["ttl"]) for b in res[addr]["expiration_policy"]] == [""], addr


def test_functions_build_with_their_own_account_and_repository() -> None:
    fn = _resources(_load_tf(TERRAFORM / "modules" / "function"))["google_cloudfunctions2_function.this"]
    build = fn["build_config"][0]
    assert build["service_account"] == "${var.build_service_account}"
    assert build["docker_repository"] == "${var.docker_repository}"
    res = _resources(_load_tf(TERRAFORM))
    assert _unquote(res["google_project_iam_member.build"]["role"]) == "roles/cloudbuild.builds.builder"
    modules = {_unquote(k): v for block in _load_tf(TERRAFORM)["module"] for k, v in block.items()}
    assert modules["function"]["build_service_account"] == "${google_service_account.build.id}"


def test_function_module_has_one_service_account_and_typed_variables() -> None:
    mod = _load_tf(TERRAFORM / "modules" / "function")
    res = _resources(mod)
    assert [a for a in res if a.startswith("google_service_account.")] == ["google_service_account.runtime"]
    body = res["google_cloudfunctions2_function.this"]
    svc = body["service_config"][0]
    assert svc["service_account_email"] == "${google_service_account.runtime.email}"
    variables = {_unquote(k): v for block in mod["variable"] for k, v in block.items()}
    assert all("type" in v and "description" in v for v in variables.values())
    # Every manifest function field the root passes is a module variable.
    modules = {_unquote(k): v for block in _load_tf(TERRAFORM)["module"] for k, v in block.items()}
    passed = {k for k in modules["function"] if not k.startswith("__")} - {"source", "for_each", "depends_on"}
    assert passed <= set(variables)


def test_every_topic_published_in_code_is_declared(manifest: Manifest) -> None:
    published: set[str] = set()
    pattern = re.compile(r"""\.publish\(\s*["']([a-z0-9-]+)["']""")
    for folder in ("shared", "functions"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            published |= set(pattern.findall(path.read_text()))
    assert published <= set(manifest.topics), f"undeclared topics: {sorted(published - set(manifest.topics))}"


def test_fixture_manifest_is_valid_and_self_contained() -> None:
    fixtures = REPO_ROOT / "tests" / "fixtures" / "functions"
    m = load_manifest(fixtures / "manifest.yaml")
    for spec in m.functions.values():
        assert (fixtures / spec.name / "main.py").exists()
    assert {p.name for p in fixtures.iterdir() if p.is_dir() and not p.name.startswith("__")} == set(m.functions)
