"""Scheduled side end to end on the embedded backend: alerts fire once, deliveries are signed and retried,
digests carry charts, a second run the same day sends nothing new."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import pytest

from shared.cli.main import main as cli
from shared.delivery.settings import NotificationSettings, WebhookTarget, save_notifications
from shared.delivery.webhook import SIGNATURE_HEADER, verify
from shared.deps import Deps, get_deps
from shared.models.agents import Action, AgentRequest, AgentResult, Confidence, Evidence, Finding
from shared.scheduling.jobs import register_tenant
from tests.e2e.schedules.receivers import smtp_server, webhook_receiver

TODAY = datetime.now(UTC).date()
SECRET = "whsec_" + "k" * 32


def _lineage(i: int) -> dict[str, Any]:
    return {"tenant_id": "shop", "ingestion_id": "seed", "row_hash": f"h{i}", "record_key": f"k{i}",
            "ingested_at": datetime.now(UTC)}


def _seed(deps: Deps) -> None:
    register_tenant(deps, "shop")
    deps.warehouse.insert("products", pd.DataFrame([
        {**_lineage(i), "sku": sku, "title": f"Product {sku}", "price": price, "cost": price * 0.5}
        for i, (sku, price) in enumerate([("MUG-1", 20.0), ("TEE-2", 15.0)])]))
    rows = []
    for d in range(60):
        day = TODAY - timedelta(days=60 - d)
        rows.append({**_lineage(1000 + d), "sku": "MUG-1", "date": day, "units": 3 + d % 4})
    deps.warehouse.insert("sales", pd.DataFrame(rows))
    comp = [{**_lineage(2000 + d), "sku": sku, "competitor": "rival", "date": TODAY - timedelta(days=d),
             "price": price} for d in range(1, 4) for sku, price in [("MUG-1", 19.8), ("TEE-2", 14.9)]]
    deps.warehouse.insert("competitor_prices", pd.DataFrame(comp))


def _undercut(deps: Deps) -> None:
    deps.warehouse.insert("competitor_prices", pd.DataFrame([
        {**_lineage(3000), "sku": "MUG-1", "competitor": "rival", "date": TODAY, "price": 16.5}]))


def _fake_agents(deps: Deps, name: str, request: AgentRequest) -> AgentResult:
    finding = Finding(id=f"{name}-1", title=f"{name} finding", evidence=[Evidence(description="rows", values={"n": 3})],
                      confidence=Confidence.compute(model_certainty=0.9, data_completeness=1, data_freshness=1))
    data: dict[str, Any] = {}
    if name == "forecast":
        # the forecast agent's shape: one table per series (see shared/forecast/engine.py to_dict)
        data["forecasts"] = [{"series_id": "MUG-1", "model": "test", "forecast": [4.0] * 14, "lower": [2.0] * 14,
                              "upper": [6.0] * 14,
                              "dates": [(TODAY + timedelta(days=i)).isoformat() for i in range(1, 15)]}]
    return AgentResult(agent=name, tenant_id=request.tenant_id, summary=f"{name} ok", findings=[finding],
                       actions=[Action(title=f"{name} action", impact=10.0, urgency="high",
                                       finding_ids=[finding.id])],
                       confidence=finding.confidence, data=data)


@pytest.fixture
def channels(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, list[Any], Deps]]:
    with webhook_receiver() as (receiver, url), smtp_server() as (mails, port):
        monkeypatch.setenv("ECOMINTEL_FETCH_ALLOW_HOSTS", "127.0.0.1")
        monkeypatch.setenv("ECOMINTEL_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ECOMINTEL_SMTP_PORT", str(port))
        monkeypatch.setattr("shared.digest.build._run_agent", _fake_agents)
        deps = get_deps()
        _seed(deps)
        save_notifications(deps.documents, "shop", NotificationSettings(
            webhooks=[WebhookTarget(id="ops", url=url, secret=SECRET, events=["alert"])],
            emails=["owner@shop.example"], email_events=["digest"]))
        yield receiver, mails, deps


def _run(schedule: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert cli(["run-schedule", schedule, "--tenant", "shop", "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out.strip().splitlines()[-1])["result"])


def test_undercut_alert_fires_once_and_webhook_gets_signed_payload(channels: Any,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    receiver, _, deps = channels
    assert _run("alerts-hourly", capsys)["fired"] == []  # 1% cheaper: below the 5% threshold
    _undercut(deps)
    fired = _run("alerts-hourly", capsys)["fired"]
    # the cut from 19.80 to 16.50 is both an undercut (17.5% below us) and a competitor move (-16.7%)
    assert len(fired) == 2 and len(receiver.requests) == 2
    payloads = {}
    for body, headers in receiver.requests:
        assert verify(SECRET, body, headers[SIGNATURE_HEADER])
        payload = json.loads(body)
        assert payload["event"] == "alert"
        payloads[payload["data"]["rule"]] = payload["data"]
    assert set(payloads) == {"competitor_undercut", "competitor_price_move"}
    undercut = payloads["competitor_undercut"]
    assert undercut["metrics"]["competitor_price"] == 16.5 and undercut["sku"] == "MUG-1"
    assert undercut["link"].endswith(f"/v1/alerts/{undercut['alert_id']}") and undercut["alert_id"] in fired
    assert _run("alerts-hourly", capsys)["fired"] == []  # re-run: nothing new
    assert len(receiver.requests) == 2


def test_failed_webhook_is_retried_then_dead_lettered_but_alert_stays(channels: Any,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    receiver, _, deps = channels
    receiver.status = 503
    _undercut(deps)
    fired = _run("alerts-hourly", capsys)["fired"]
    attempts = deps.settings.max_delivery_attempts
    assert len(receiver.requests) == len(fired) * attempts
    deliveries = deps.documents.query("tenants/shop/deliveries")
    assert len(deliveries) == len(fired)
    assert all(d["status"] == "dead_lettered" and d["attempts"] == attempts for d in deliveries)
    for alert_id in fired:
        alert = deps.documents.get("tenants/shop/alerts", alert_id)
        assert alert is not None and alert["status"] == "open"


def test_digest_mail_has_chart_and_second_run_sends_nothing(channels: Any,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, mails, _ = channels
    first = _run("digest-daily", capsys)
    assert first["digest"] == f"daily-{TODAY.isoformat()}"
    assert len(mails) == 1
    mail = mails[0]
    assert "digest" in mail["Subject"] and mail["To"] == "owner@shop.example"
    attachments = {p.get_filename(): p.get_payload(decode=True) for p in mail.walk() if p.get_filename()}
    assert set(attachments) == {"price-position.png", "forecast.png"}
    assert all(png.startswith(b"\x89PNG") for png in attachments.values())
    text = next(p for p in mail.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    assert "pricing action" in text and "confidence" in text
    second = _run("digest-daily", capsys)
    assert second["digest"] is None and len(mails) == 1


def test_retention_run_through_the_job(channels: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, deps = channels
    deps.warehouse.insert("sales", pd.DataFrame([{**_lineage(9000), "sku": "OLD", "date": date(2019, 1, 1),
                                                 "units": 1}]))
    result = _run("retention-daily", capsys)
    assert result["deleted"]["processed_rows"] == 1
    assert deps.warehouse.query("SELECT COUNT(*) AS n FROM sales WHERE sku = 'OLD'", {})["n"].iloc[0] == 0
