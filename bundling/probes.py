"""One request per function that proves a bundle imports and its handler runs.

HTTP functions get an unauthenticated call to one of their own authenticated routes (from the OpenAPI
document): the app's middleware must answer its own 401 JSON error, which needs ``main.py`` and the request
path through ``shared.http`` to import and run. Event functions get a well-formed CloudEvent carrying a
payload the handler must reject as permanent: acknowledged (2xx) after decoding, not retried (5xx).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import Any

from shared.manifest import FunctionSpec

PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"
STORAGE_FINALIZED = "google.cloud.storage.object.v1.finalized"


@dataclass(frozen=True)
class Probe:
    """A request and the answer that proves the function ran."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    status: int = 200
    error_code: str | None = None  # the ``error.code`` of the app's JSON error body, when one is expected


def _authenticated_route(spec: FunctionSpec, openapi: dict[str, Any]) -> tuple[str, str]:
    """The first operation of ``spec`` that needs credentials (GET first), path parameters filled in."""
    ops = [
        (method.upper(), path)
        for path, item in openapi["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and op.get("x-ecomintel-function") == spec.name and op.get("security") != []
    ]
    if not ops:
        raise LookupError(f"{spec.name}: no authenticated operation in the OpenAPI document")
    method, path = sorted(ops, key=lambda o: (o[0] != "GET", o[1]))[0]
    return method, re.sub(r"\{[^}]+\}", "probe", path)


def _cloud_event(ce_type: str, source: str, data: dict[str, Any]) -> tuple[dict[str, str], bytes]:
    """A binary-mode CloudEvent (the headers Eventarc and Pub/Sub push send)."""
    headers = {
        "ce-specversion": "1.0",
        "ce-id": "bundle-probe-1",
        "ce-source": source,
        "ce-type": ce_type,
        "ce-time": "2024-06-01T00:00:00Z",
        "Content-Type": "application/json",
    }
    return headers, json.dumps(data).encode()


def probe_for(spec: FunctionSpec, openapi: dict[str, Any]) -> Probe:
    """The probe of one manifest function."""
    if spec.trigger.type == "http":
        method, path = _authenticated_route(spec, openapi)
        headers = {"Content-Type": "application/json"} if method in ("POST", "PUT", "PATCH") else {}
        return Probe(method, path, headers, b"{}" if headers else b"", status=401, error_code="unauthenticated")
    if spec.trigger.type == "storage":
        # An object outside raw/<tenant>/<kind>/: decoded, recognised as not an upload, acknowledged.
        headers, body = _cloud_event(
            STORAGE_FINALIZED,
            "//storage.googleapis.com/projects/_/buckets/probe",
            {
                "bucket": "probe-raw",
                "name": "not-an-upload.txt",
                "generation": "1",
                "size": "0",
                "contentType": "text/plain",
            },
        )
        return Probe("POST", "/", headers, body, status=200)
    # A JSON array: no handler's payload is one (jobs want an object, the others a model), so none may run it.
    return pubsub_push(spec, b'["bundle-probe"]')


def pubsub_push(spec: FunctionSpec, data: bytes, *, message_id: str = "bundle-probe-1") -> Probe:
    """A Pub/Sub push of ``data`` to ``spec``: acknowledged (200) when handled or refused as permanent."""
    message = {
        "data": base64.b64encode(data).decode(),
        "messageId": message_id,
        "publishTime": "2024-06-01T00:00:00Z",
        "attributes": {},
    }
    source = f"//pubsub.googleapis.com/projects/probe/topics/{spec.trigger.topic}"
    headers, body = _cloud_event(
        PUBSUB_PUBLISHED, source, {"message": message, "subscription": f"projects/probe/subscriptions/{spec.name}"}
    )
    return Probe("POST", "/", headers, body, status=200)
