"""Every trigger shape we receive, decoded into typed models in one place.

- Storage finalize as a CloudEvent (``google.cloud.storage.object.v1.finalized``, Eventarc on GCP and
  the embedded runtime), whose data is the GCS object resource.
- Pub/Sub as a CloudEvent (``google.cloud.pubsub.topic.v1.messagePublished``; functions-framework also
  turns a raw push envelope into this), whose data is ``{"message": {...}, "subscription": ...}``.
- A GCS notification travelling through Pub/Sub (fake-gcs-server and real bucket notifications):
  a messagePublished event whose attributes carry ``eventType=OBJECT_FINALIZE``.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from shared.errors import InvalidInput
from shared.ports import BlobInfo

STORAGE_FINALIZED = "google.cloud.storage.object.v1.finalized"
PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished"


class StorageObjectEvent(BaseModel):
    """A finalized object in a bucket."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    event_id: str
    bucket: str
    name: str
    generation: str = ""
    size: int = 0
    content_type: str | None = Field(default=None, alias="contentType")
    md5_hash: str | None = Field(default=None, alias="md5Hash")
    metadata: dict[str, str] = Field(default_factory=dict)


class PubSubMessage(BaseModel):
    """A Pub/Sub message as pushed to a function."""

    event_id: str
    message_id: str
    data: bytes
    attributes: dict[str, str] = Field(default_factory=dict)
    publish_time: datetime | None = None
    subscription: str | None = None
    delivery_attempt: int | None = None

    def json(self) -> Any:  # type: ignore[override]
        """The payload decoded as JSON (``InvalidInput`` if it is not)."""
        try:
            return json.loads(self.data or b"null")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput(f"message {self.message_id} is not JSON: {exc}") from exc


def _attr(event: Any, key: str, default: Any = None) -> Any:
    try:
        return event[key]
    except (KeyError, TypeError):
        return getattr(event, key, default)


def decode_pubsub(event: Any) -> PubSubMessage:
    """Decode a messagePublished CloudEvent."""
    data = event.data if hasattr(event, "data") else event.get("data")
    if not isinstance(data, dict) or "message" not in data:
        raise InvalidInput("not a Pub/Sub CloudEvent: missing data.message")
    msg = data["message"]
    raw = msg.get("data") or ""
    try:
        payload = base64.b64decode(raw) if raw else b""
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"Pub/Sub message data is not base64: {exc}") from exc
    publish_time = msg.get("publishTime") or msg.get("publish_time")
    return PubSubMessage(
        event_id=str(_attr(event, "id") or msg.get("messageId") or msg.get("message_id") or ""),
        message_id=str(msg.get("messageId") or msg.get("message_id") or _attr(event, "id") or ""),
        data=payload,
        attributes=dict(msg.get("attributes") or {}),
        publish_time=publish_time,
        subscription=data.get("subscription"),
        delivery_attempt=data.get("deliveryAttempt"),
    )


def decode_storage(event: Any) -> StorageObjectEvent:
    """Decode a storage finalize, whether it came via Eventarc or as a GCS notification over Pub/Sub."""
    ce_type = _attr(event, "type")
    try:
        if ce_type == PUBSUB_PUBLISHED:
            msg = decode_pubsub(event)
            if msg.attributes.get("eventType") not in (None, "OBJECT_FINALIZE"):
                raise InvalidInput(f"unsupported GCS notification {msg.attributes.get('eventType')}")
            resource = msg.json() or {}
            resource.setdefault("bucket", msg.attributes.get("bucketId"))
            resource.setdefault("name", msg.attributes.get("objectId"))
            resource.setdefault("generation", msg.attributes.get("objectGeneration"))
            event_id = msg.message_id
        else:
            resource = event.data if hasattr(event, "data") else event.get("data")
            if isinstance(resource, bytes | str):
                resource = json.loads(resource)
            event_id = str(_attr(event, "id") or "")
        return StorageObjectEvent.model_validate({**resource, "event_id": event_id,
                                                  "generation": str(resource.get("generation") or "")})
    except ValidationError as exc:
        raise InvalidInput(f"malformed storage event: {exc.errors()[0]['msg']}") from exc


def object_resource(info: BlobInfo) -> dict[str, Any]:
    """The GCS JSON API object resource for ``info`` (storage event data / notification payload)."""
    updated = (info.updated or datetime.now(UTC)).isoformat().replace("+00:00", "Z")
    return {
        "kind": "storage#object",
        "id": f"{info.bucket}/{info.name}/{info.generation}",
        "bucket": info.bucket,
        "name": info.name,
        "generation": info.generation,
        "size": str(info.size),
        "contentType": info.content_type,
        "md5Hash": info.md5_hash,
        "timeCreated": updated,
        "updated": updated,
        "metadata": info.metadata,
    }


def gcs_notification(info: BlobInfo) -> tuple[bytes, dict[str, str]]:
    """Data and attributes of the Pub/Sub message GCS publishes for a finalize (JSON_API_V1)."""
    resource = object_resource(info)
    attributes = {
        "eventType": "OBJECT_FINALIZE",
        "payloadFormat": "JSON_API_V1",
        "bucketId": info.bucket,
        "objectId": info.name,
        "objectGeneration": info.generation,
        "eventTime": resource["updated"],
        "notificationConfig": f"projects/_/buckets/{info.bucket}/notificationConfigs/1",
    }
    return json.dumps(resource).encode(), attributes
