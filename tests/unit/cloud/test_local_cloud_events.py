"""The embedded runtime's CloudEvents are what a CloudEvents reader (functions-framework's) takes them for."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

from cloudevents.http import from_http

from shared.events import PUBSUB_PUBLISHED, STORAGE_FINALIZED
from shared.ports import Message
from shared.runtime.local import pubsub_cloud_event, storage_cloud_event

_MESSAGE = Message("m-1", "raw-objects", b'{"bucket": "raw", "name": "t1/sales.csv"}',
                   {"bucketId": "raw", "objectId": "t1/sales.csv"}, datetime(2024, 5, 1, 12, tzinfo=UTC), 3)


def test_pubsub_event_reads_back() -> None:
    headers, body = pubsub_cloud_event(_MESSAGE, "ingest--raw-objects", "proj")
    event = from_http(headers, body)
    assert event["id"] == "m-1" and event["type"] == PUBSUB_PUBLISHED and event["specversion"] == "1.0"
    assert event["source"] == "//pubsub.googleapis.com/projects/proj/topics/raw-objects"
    assert event["datacontenttype"] == "application/json" and event["time"]
    data = event.get_data()
    assert data is not None
    assert base64.b64decode(data["message"]["data"]) == _MESSAGE.data
    assert data["subscription"] == "projects/proj/subscriptions/ingest--raw-objects" and data["deliveryAttempt"] == 3
    assert data["message"]["publishTime"] == "2024-05-01T12:00:00Z"


def test_storage_event_reads_back() -> None:
    headers, body = storage_cloud_event(_MESSAGE)
    event = from_http(headers, body)
    assert event["type"] == STORAGE_FINALIZED and event["subject"] == "objects/t1/sales.csv"
    assert event["source"] == "//storage.googleapis.com/projects/_/buckets/raw"
    assert event.get_data() == json.loads(_MESSAGE.data)
