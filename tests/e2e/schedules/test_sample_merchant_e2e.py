"""The issue's scenario end to end: the sample merchant is ingested through the real upload path, a competitor
undercuts a SKU, the alert job fires once (not twice on a re-run), the webhook receiver gets signed payloads,
the SMTP server gets a digest built by the real agents with charts attached, and a second run the same day
sends nothing new."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.cli.main import main as cli
from shared.delivery.settings import NotificationSettings, WebhookTarget, save_notifications
from shared.delivery.webhook import SIGNATURE_HEADER, verify
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.sample.merchant import generate_merchant, write_merchant
from shared.scheduling.jobs import register_tenant
from tests.e2e.schedules.receivers import smtp_server, webhook_receiver

SECRET = "whsec_" + "s" * 32
TENANT = "sample"


def _run(schedule: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert cli(["run-schedule", schedule, "--tenant", TENANT, "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out.strip().splitlines()[-1])["result"])


@pytest.mark.slow
def test_sample_merchant_undercut_alert_and_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    today = datetime.now(UTC).date()
    with webhook_receiver() as (receiver, url), smtp_server() as (mails, port):
        monkeypatch.setenv("ECOMINTEL_FETCH_ALLOW_HOSTS", "127.0.0.1")
        monkeypatch.setenv("ECOMINTEL_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("ECOMINTEL_SMTP_PORT", str(port))
        deps = get_deps()
        merchant = generate_merchant(seed=7, n_skus=10, end=today - timedelta(days=1), days=180)
        for sample in write_merchant(merchant, tmp_path / "sample"):
            assert ingest_path(deps, sample.path, TENANT, sample.kind.value).status == "processed"
        register_tenant(deps, TENANT)
        save_notifications(deps.documents, TENANT, NotificationSettings(
            webhooks=[WebhookTarget(id="ops", url=url, secret=SECRET, events=["alert"])],
            emails=["owner@sample.example"], email_events=["digest"]))

        _run("alerts-hourly", capsys)  # whatever the sample already warrants
        baseline = len(receiver.requests)

        # a competitor undercuts, by 30% today, a catalogue SKU that no competitor undercut so far
        already = {a["sku"] for a in deps.documents.query(f"tenants/{TENANT}/alerts")
                   if a["rule"] == "competitor_undercut"}
        catalogue = deps.warehouse.query("SELECT sku, price FROM products WHERE tenant_id = @t AND price > 0 "
                                         "ORDER BY sku", {"t": TENANT})
        row = catalogue[~catalogue["sku"].isin(already)].iloc[0]
        sku, price = str(row["sku"]), float(row["price"])
        undercut = tmp_path / "undercut.csv"
        undercut.write_text(f"sku,competitor,date,price\n{sku},undercutter,{today.isoformat()},{price * 0.7:.2f}\n")
        assert ingest_path(deps, undercut, TENANT, "competitor_prices").accepted == 1

        fired = _run("alerts-hourly", capsys)["fired"]
        assert isinstance(fired, list) and fired
        new = receiver.requests[baseline:]
        assert len(new) == len(fired)
        bodies = []
        for body, headers in new:
            assert verify(SECRET, body, headers[SIGNATURE_HEADER])
            bodies.append(json.loads(body)["data"])
        undercuts = [b for b in bodies if b["rule"] == "competitor_undercut"]
        assert [(b["sku"], b["metrics"]["competitor"]) for b in undercuts] == [(sku, "undercutter")]
        assert _run("alerts-hourly", capsys)["fired"] == []  # re-run: fires nothing twice
        assert len(receiver.requests) == baseline + len(fired)

        first = _run("digest-daily", capsys)
        assert first["digest"] == f"daily-{today.isoformat()}" and len(mails) == 1
        attachments = {p.get_filename() for p in mails[0].walk() if p.get_filename()}
        assert {"price-position.png", "forecast.png"} <= attachments
        assert _run("digest-daily", capsys)["digest"] is None and len(mails) == 1  # nothing new the same day
