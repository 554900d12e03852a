"""infra/monitoring agrees with itself and with the metrics the code registers."""

from __future__ import annotations

import json
import re

import yaml

from shared.manifest import REPO_ROOT
from shared.observability import metrics

MON = REPO_ROOT / "infra" / "monitoring"
_SUFFIXES = ("_bucket", "_sum", "_count")


def _registered() -> set[str]:
    names = set()
    for collector in list(metrics.REGISTRY._collector_to_names):  # noqa: SLF001
        names.update(metrics.REGISTRY._collector_to_names[collector])  # noqa: SLF001
    return names


def _metric_names(expr: str) -> set[str]:
    return set(re.findall(r"\b(ecomintel_[a-z_]+)", expr))


def test_rules_equal_alert_definitions() -> None:
    alerts = yaml.safe_load((MON / "alerts.yaml").read_text())["alerts"]
    rules = yaml.safe_load((MON / "prometheus-rules.yml").read_text())["groups"][0]["rules"]
    assert [(r["alert"], r["expr"], r["for"], r["labels"]["severity"]) for r in rules] == [
        (a["name"], a["promql"], a["for"], a["severity"]) for a in alerts
    ]
    assert {a["name"] for a in alerts} >= {"IngestionFailing", "AgentTimeouts", "HighErrorRate", "LlmBudget80Percent"}


def test_every_queried_metric_is_registered() -> None:
    registered = _registered()
    exprs = [a["promql"] for a in yaml.safe_load((MON / "alerts.yaml").read_text())["alerts"]]
    dashboard = json.loads((MON / "grafana-dashboard.json").read_text())
    exprs += [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    for expr in exprs:
        for name in _metric_names(expr):
            assert name in registered, (name, expr)


def test_gcp_log_filters_use_the_messages_the_code_logs() -> None:
    filters = " ".join(a["gcp"].get("filter", "") for a in yaml.safe_load((MON / "alerts.yaml").read_text())["alerts"])
    for message in (metrics.LOG_INGESTION_FAILED, metrics.LOG_AGENT_TIMEOUT, metrics.LOG_LLM_BUDGET,
                    "request handled"):
        assert f'jsonPayload.message="{message}"' in filters


def test_scrape_config_targets_the_local_gateway() -> None:
    scrape = yaml.safe_load((MON / "prometheus.yml").read_text())
    job = scrape["scrape_configs"][0]
    assert job["metrics_path"] == "/metrics" and job["static_configs"][0]["targets"] == ["127.0.0.1:8080"]
    assert scrape["rule_files"] == ["prometheus-rules.yml"]
