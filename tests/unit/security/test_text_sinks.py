"""Merchant data and model output, escaped for each sink."""

from __future__ import annotations

import json

from shared.config import Settings
from shared.delivery.email import build_message
from shared.delivery.webhook import render
from shared.security.text_sinks import plain_text

EVIL = "Acme <https://evil.example/login|Click to re-authenticate> <!channel> & co"


def test_competitor_name_in_a_slack_alert_is_text_not_a_link_or_mention() -> None:
    body = json.loads(render("slack", "alert", {"title": f"{EVIL} undercuts SKU-1", "reason": EVIL,
                                                "link": "https://app.example/v1/alerts/a1"}))
    text = body["text"]
    assert "<https://evil.example" not in text and "<!channel>" not in text
    assert "&lt;https://evil.example/login|Click to re-authenticate&gt;" in text and "&amp; co" in text
    assert text.count("<") == 1 and text.endswith("<https://app.example/v1/alerts/a1|Evidence>")
    assert body["blocks"][0]["text"]["text"] == text


def test_json_webhook_carries_the_name_as_data() -> None:
    body = json.loads(render("json", "alert", {"title": EVIL}))
    assert body["data"]["title"] == EVIL


def test_email_subject_cannot_inject_headers() -> None:
    msg = build_message(Settings(), to=["ops@example.com"], subject="Alert\r\nBcc: victim@example.com",
                        text="x")
    assert "\n" not in str(msg["Subject"]) and msg["Bcc"] is None


def test_narrative_is_plain_text_without_foreign_links() -> None:
    evil = ('Revenue rose 12%. <img src=x onerror="alert(1)"> [Log in again](https://evil.example/login) '
            "![pixel](https://evil.example/p.png) see https://evil.example/x or javascript:alert(1) "
            "<script>steal()</script>")
    out = plain_text(evil)
    assert "<" not in out and "evil.example" not in out and "javascript:" not in out
    assert out.startswith("Revenue rose 12%.") and "Log in again" in out
    assert plain_text("Evidence: https://app.example/r/1", own_origin="https://app.example") == \
        "Evidence: https://app.example/r/1"
