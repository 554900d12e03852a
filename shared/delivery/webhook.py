"""Signed webhooks: generic JSON or Slack-compatible bodies, HMAC-SHA256 signature header.

``X-Ecomintel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>``. Receivers
recompute it over the raw body and reject stale timestamps (replay protection). The target URL passes the
same SSRF guard as competitor fetching.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any, Literal

import requests

from shared.security.outbound import OutboundRefused, guarded_session
from shared.security.text_sinks import slack_escape

SIGNATURE_HEADER = "X-Ecomintel-Signature"
WebhookKind = Literal["json", "slack"]


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The signature header value for ``body``."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def verify(secret: str, body: bytes, header: str, *, tolerance_seconds: int = 300, now: float | None = None) -> bool:
    """Check a signature header (constant-time) and its freshness."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        t = int(fields["t"])
    except (ValueError, KeyError):
        return False
    if abs((time.time() if now is None else now) - t) > tolerance_seconds:
        return False
    expected = sign(secret, body, t).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


def render(kind: WebhookKind, event: str, payload: dict[str, Any]) -> bytes:
    """The request body: our JSON envelope, or a Slack incoming-webhook message (``text`` + ``blocks``)."""
    if kind == "slack":
        title = slack_escape(str(payload.get("title") or event))
        lines = [f"*{title}*", slack_escape(str(payload.get("reason") or payload.get("summary") or ""))]
        link = str(payload.get("link") or "")
        if link.startswith(("https://", "http://")):  # our own evidence link; escaped so it stays one link
            lines.append(f"<{slack_escape(link).replace('|', '%7C')}|Evidence>")
        text = "\n".join(x for x in lines if x)
        return json.dumps({"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]},
                          default=str).encode()
    return json.dumps({"event": event, "data": payload}, default=str).encode()


class DeliveryError(Exception):
    """The receiver did not accept the delivery (retryable)."""


class DeliveryRefused(DeliveryError):
    """The receiver's address is not allowed (private, metadata): retrying cannot help."""


def post(url: str, body: bytes, secret: str, *, timeout: float = 10.0, session: requests.Session | None = None) -> int:
    """POST a signed body; raises ``DeliveryError`` on a network error or non-2xx answer."""
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body),
               "User-Agent": "ecomintel-webhooks/0.1"}
    try:
        resp = (session or guarded_session()).post(url, data=body, headers=headers, timeout=timeout,
                                                   allow_redirects=False)
    except OutboundRefused as exc:
        raise DeliveryRefused(f"webhook {url}: {exc}") from exc
    except requests.RequestException as exc:
        raise DeliveryError(f"webhook {url}: {exc}") from exc
    if not 200 <= resp.status_code < 300:
        raise DeliveryError(f"webhook {url}: HTTP {resp.status_code}")
    return resp.status_code
