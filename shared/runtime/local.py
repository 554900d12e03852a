"""The embedded runtime: every function served by functions-framework, triggered like production.

HTTP functions are called through their functions-framework app; queued messages on the embedded bus
are pushed to subscribed functions as CloudEvents (messagePublished for topics; storage
``object.v1.finalized`` for bucket triggers, as Eventarc delivers them). A non-2xx answer is a nack:
the message comes back with its delivery attempt incremented, until it is dead-lettered.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any

import flask
import functions_framework
from cloudevents.conversion import to_binary
from cloudevents.http import CloudEvent

from shared.deps import Deps
from shared.events import PUBSUB_PUBLISHED, STORAGE_FINALIZED
from shared.manifest import FunctionSpec
from shared.observability.logs import get_logger, log_event
from shared.ports import Message
from shared.security.principal import Role
from shared.security.tokens import mint_token

_log = get_logger(__name__)
_apps: dict[str, flask.Flask] = {}
_apps_lock = threading.Lock()


def function_app(spec: FunctionSpec) -> flask.Flask:
    """The functions-framework app of one function (loaded once per process)."""
    with _apps_lock:
        app = _apps.get(spec.name)
        if app is None:
            app = functions_framework.create_app(spec.entry_point, str(spec.source), spec.signature_type)
            _apps[spec.name] = app
        return app


@dataclass(frozen=True)
class HttpResult:
    """What an HTTP function answered."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body or b"null")


def _binary(attributes: dict[str, str], data: bytes) -> tuple[dict[str, str], bytes]:
    """Binary-mode HTTP headers and body of a JSON CloudEvent (``cloudevents`` fills ``specversion``/``time``)."""
    event = CloudEvent({**attributes, "datacontenttype": "application/json"}, data)
    headers, body = to_binary(event)
    return dict(headers), body


def pubsub_cloud_event(message: Message, subscription: str, project: str) -> tuple[dict[str, str], bytes]:
    """Headers and body of the messagePublished CloudEvent for ``message``."""
    body = {
        "message": {
            "data": base64.b64encode(message.data).decode(),
            "attributes": message.attributes,
            "messageId": message.message_id,
            "publishTime": message.publish_time.isoformat().replace("+00:00", "Z"),
        },
        "subscription": f"projects/{project}/subscriptions/{subscription}",
        "deliveryAttempt": message.delivery_attempt,
    }
    return _binary({"id": message.message_id, "type": PUBSUB_PUBLISHED,
                    "source": f"//pubsub.googleapis.com/projects/{project}/topics/{message.topic}"},
                   json.dumps(body).encode())


def storage_cloud_event(message: Message) -> tuple[dict[str, str], bytes]:
    """Headers and body of the storage finalize CloudEvent carried by a GCS notification."""
    bucket = message.attributes.get("bucketId", "")
    name = message.attributes.get("objectId", "")
    return _binary({"id": message.message_id, "type": STORAGE_FINALIZED,
                    "source": f"//storage.googleapis.com/projects/_/buckets/{bucket}",
                    "subject": f"objects/{name}"}, message.data)


def _remaining_length(stream: IO[bytes]) -> int:
    """Bytes left in a seekable stream (its Content-Length)."""
    here = stream.tell()
    end = stream.seek(0, 2)
    stream.seek(here)
    return end - here


class LocalRuntime:
    """Calls HTTP functions and drains the embedded bus into subscribed functions."""

    #: Messages are delivered only when ``settle()`` drains the bus: after it, results are final.
    delivers_in_background = False
    #: No platform limit on a request body (the functions stream it).
    max_request_bytes: int | None = None

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.manifest = deps.manifest

    def credentials(self, tenant: str, *, role: Role = Role.ANALYST, subject: str = "cli") -> dict[str, str]:
        """Headers of a caller in ``tenant``: a token signed with this installation's key."""
        token = mint_token(self.deps.settings, subject=subject, tenant_id=tenant, role=role)
        return {"Authorization": f"Bearer {token}"}

    def settle(self) -> None:
        """Deliver everything queued (the embedded bus has no push delivery of its own)."""
        self.drain()

    def call_http(
        self,
        function: str,
        method: str = "GET",
        path: str = "/",
        *,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        data: bytes | IO[bytes] | None = None,
        json_body: Any = None,
    ) -> HttpResult:
        """Invoke an HTTP function as a client would; a file object as ``data`` is streamed, not read whole."""
        spec = self.manifest.functions[function]
        if spec.trigger.type != "http":
            raise ValueError(f"{function} is not an HTTP function")
        client = function_app(spec).test_client()
        body: dict[str, Any] = {"data": data}
        if data is not None and not isinstance(data, bytes):
            # the WSGI input stream is the file itself: the function reads it block by block
            body = {"input_stream": data, "content_length": _remaining_length(data)}
        resp = client.open(path, method=method, headers=dict(headers or {}), query_string=dict(query or {}),
                           json=json_body, **body)
        return HttpResult(resp.status_code, dict(resp.headers), resp.get_data())

    def deliver(self, spec: FunctionSpec, message: Message, subscription: str) -> int:
        """Push one message to one function; returns the HTTP status it answered."""
        if spec.trigger.type == "storage":
            headers, body = storage_cloud_event(message)
        else:
            headers, body = pubsub_cloud_event(message, subscription, self.deps.settings.project_id)
        resp = function_app(spec).test_client().post("/", headers=headers, data=body)
        return resp.status_code

    def drain(self, *, max_seconds: float = 600.0, idle_rounds: int = 1) -> int:
        """Deliver queued messages until none is ready; returns how many deliveries were made."""
        bus = self.deps.pulled_bus
        if bus is None:
            raise RuntimeError("drain() needs the embedded message bus; emulator/gcp push to processes instead")
        deadline = time.monotonic() + max_seconds
        delivered = 0
        quiet = 0
        while time.monotonic() < deadline and quiet < idle_rounds:
            progressed = False
            for topic in self.manifest.topics:
                for spec in self.manifest.subscribers(topic):
                    subscription = self.manifest.subscription_name(spec.name, topic)
                    for message in bus.pull(subscription, max_messages=10):
                        status = self.deliver(spec, message, subscription)
                        delivered += 1
                        progressed = True
                        if 200 <= status < 300:
                            bus.ack(subscription, message.ack_id)
                        else:
                            dead = bus.nack(subscription, message.ack_id)
                            log_event(_log, "delivery failed", severity="WARNING", function=spec.name,
                                      message_id=message.message_id, status=status,
                                      attempt=message.delivery_attempt, dead_lettered=dead)
            quiet = 0 if progressed else quiet + 1
        return delivered
