"""Decode a Pub/Sub CloudEvent into its validated payload, or acknowledge it as malformed."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared.errors import InvalidInput
from shared.events import PubSubMessage, decode_pubsub
from shared.observability.logs import get_logger, log_event
from shared.observability.metrics import EVENTS_HANDLED

_log = get_logger(__name__)
M = TypeVar("M", bound=BaseModel)


def decode_payload(event: Any, model: type[M], function: str) -> tuple[PubSubMessage, M] | None:
    """The message and its validated payload, or ``None`` (logged, acknowledged) when it is malformed."""
    try:
        msg = decode_pubsub(event)
        return msg, model.model_validate(msg.json())
    except (InvalidInput, ValidationError) as exc:
        log_event(_log, "malformed message acknowledged", severity="ERROR", function=function,
                  error=str(exc)[:500])
        EVENTS_HANDLED.labels(function=function, outcome="invalid").inc()
        return None
